# Mitel OpenScape Branch and OpenScape SBC: the web interface
# certificate, and the rule V8 applies to every certificate it
# receives. From the device notes on the OpenScape certificate guide.

[Profile]
Id=openscape-branch
Name=Mitel OpenScape Branch / SBC
Vendor=Mitel
Description=The web interface certificate of OpenScape Branch and OpenScape SBC, uploaded as separate CA, certificate and unencrypted key files.
Document=Mitel OpenScape Solution Set V11, Certificate Management and TLS, Administrator Documentation (07/2025)
Role=server
WarningDays=60

[Request]
KeyType=rsa-2048
Digest=sha256
Purpose=server
KeyUsage=digital-signature;key-encipherment
ExtendedKeyUsage=server-auth
StringType=utf8
CommonNameAsDns=true
Before2038=true
ValidityDays=1825

[Export]
# Three uploads: the certificate (this file), its CA and its key.
Format=pem
IncludeChain=false
IncludeRoot=false
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

[Rule SBC-01]
Kind=critical-extensions
Severity=error
Allowed=basicConstraints
Title=No extension other than basic constraints is critical.
Hint=V8 OpenScape Branch and SBC cannot interpret any other critical extension and the TLS connection fails; ask the CA not to mark key usage critical.
Source=§3.1.2

[Step SBC-UP-01]
Text=In the Branch Management portal, Security › Certificate Management › Certificates Upload, upload the CA under CA Certificates, the certificate under X.509 Certificates and the unencrypted key under Key Files.
Source=§3.13.1.1

[Step SBC-PROF-01]
Text=Add a certificate profile with the three files, then Save and Apply Changes; a redundant node receives it within 10 minutes.
Source=§3.13.1.1

[Step SBC-HTTPS-01]
Text=On a Branch, tick Enable PKI Configuration and choose the profile under HTTPS PKI Configuration; on an SBC, set the profile name in httpsCertProfile of the exported XML (case-sensitive) and import it again.
Source=§3.13.1.2; §3.13.1.3

[Step SBC-PEER-01]
Text=Check that every certificate the Branch or SBC receives (OpenScape Voice, phones, other SIP peers) has no critical extension other than basic constraints.
Source=§3.1.2

[Step SBC-PAIR-01]
Text=For a redundant pair, install the same certificate on both nodes.
Source=§3 notes
