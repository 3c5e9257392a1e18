# Mediatrix gateways in an OpenScape solution: the host certificate,
# which must allow both TLS roles. From the device notes on the
# OpenScape certificate guide.

[Profile]
Id=mediatrix
Name=Mediatrix gateway (OpenScape)
Vendor=Mitel
Description=The host certificate of a Mediatrix gateway talking TLS with OpenScape Voice, uploaded as one PEM file: certificate, key, then the CA chain.
Document=Mitel OpenScape Solution Set V11, Certificate Management and TLS, Administrator Documentation (07/2025)
Role=server
WarningDays=60

[Request]
KeyType=rsa-2048
Digest=sha256
Purpose=server-client
KeyUsage=digital-signature;key-encipherment
ExtendedKeyUsage=server-auth;client-auth
StringType=utf8
CommonNameAsDns=true
Before2038=true
ValidityDays=1825

[Export]
# §3.16.2: certificate, then key, then every CA of the trust chain.
Format=pem-key-cert
KeyFormat=pkcs8
KeyFirst=false
IncludeChain=true
IncludeRoot=true
Extension=.pem

[Rule GEN-Y2038]
Kind=before-2038
Severity=error
Title=The certificate ends before 2038-01-19.
Hint=Many OpenScape components keep time in a 32-bit counter that overflows in January 2038; shorten the validity. The guide's own recipes (ten-year CA, 3650-day server certificates) cross 2038 once issued after 2028.
Source=§3.1.5

[Rule GEN-VALID]
Kind=expiry-window
Severity=error
Title=The certificate is valid now and not about to expire.
Hint=Issue the replacement before the end date; phones verifying the certificate cannot register with an expired one.
Source=§1.1; §3.12.2.3

[Rule GEN-CHAIN]
Kind=chain-complete
Severity=error
Title=The certificate chains to a trusted root CA.
Hint=Import every issuing CA into Certdesk; all certificates of the solution should come from one root CA (any number of subordinate CAs).
Source=§3.1.1; §2.2.3

[Rule GEN-BC]
Kind=basic-constraints
Severity=error
CA=false
Title=The certificate is not a CA.
Hint=A server certificate is an end entity: basicConstraints CA:FALSE, as in the guide's server.cnf.
Source=§6.1

[Rule GEN-CN-LEN]
Kind=cn-max-length
Severity=error
Length=64
Title=The common name is at most 64 characters long.
Hint=Use a shorter name (the FQDN) as common name and put further names in the subject alternative names.
Source=§6.1 (commonName_max)

[Rule GEN-CN]
Kind=cn-present
Severity=warning
Title=The subject has a common name.
Hint=Use the FQDN of the server; for deployments by IP address only, put the IP address in the common name too.
Source=§1.1; §4.1

[Rule GEN-KEY]
Kind=key-algorithm
Severity=warning
Algorithms=rsa
MinBits=2048
Title=The key is RSA of at least 2048 bits.
Hint=The guide's recipes, the DLS CA and the product defaults all use RSA 2048; other algorithms are never mentioned.
Source=§6.1; §3.12.1.1; §3.3.9

[Rule GEN-SIG]
Kind=signature-digest
Severity=warning
Allowed=sha256;sha384;sha512
Title=The certificate is signed with SHA-256 or stronger.
Hint=From V8 (UC V7) use SHA-256; SHA-1 is insecure. Solutions still on V4 to V6 support only SHA-1, and V7 has not been widely tested with SHA-2.
Source=§3.1.4

[Rule GEN-KU]
Kind=key-usage
Severity=warning
Required=digital-signature;key-encipherment
Title=Key usage includes digital signature and key encipherment.
Hint=Request the key usages of the guide's server.cnf: digitalSignature and keyEncipherment (nonRepudiation may be added).
Source=§6.1

[Rule MTX-01]
Kind=extended-key-usage
Severity=error
Required=server-auth;client-auth
Title=Extended key usage includes TLS server and TLS client authentication.
Hint=Mediatrix requires both "TLS Web Server Authentication" and "TLS Web Client Authentication"; the guide's own server.cnf has no extended key usage at all, so add both.
Source=§3.1.3

[Step MTX-CA-01]
Text=Upload the CA under Management › Certificates with type Other, then restart the services marked "Restart needed" (this interrupts calls).
Source=§3.16.1

[Step MTX-HOST-01]
Text=Upload the exported file (certificate, key, CA chain) with type Host.
Source=§3.16.2

[Step MTX-ASSOC-01]
Text=Under Host Certificate Associations, tick the services that use this certificate; never associate two certificates with one service. Submit and restart the services.
Source=§3.16.3
