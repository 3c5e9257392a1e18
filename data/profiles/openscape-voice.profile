# Mitel OpenScape Voice: the one certificate of both cluster nodes,
# uploaded as server.pem and client.pem. From the device notes on
# the OpenScape Solution Set V11 certificate guide.

[Profile]
Id=openscape-voice
Name=Mitel OpenScape Voice
Vendor=Mitel
Description=The certificate both OpenScape Voice nodes use for SIP-TLS, SOAP and mutual TLS, uploaded in the concatenated PEM layout with an unencrypted key.
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
# §5.1: certificate, key (PKCS#1, unencrypted), intermediates, root.
Format=pem-key-cert
KeyFormat=pkcs1
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

[Rule OSV-02]
Kind=critical-extensions
Severity=error
Allowed=basicConstraints
Title=No extension other than basic constraints is critical.
Hint=V8 OpenScape Branch and SBC reject a peer certificate, such as the OpenScape Voice one, with any other critical extension; many CAs mark key usage critical by default.
Source=§3.1.2

[Rule OSV-04]
Kind=san-present
Severity=warning
Title=The certificate has subject alternative names.
Hint=One certificate serves both nodes: list every signalling IP address or FQDN of both nodes (SIP, SIP-TLS, CSTA).
Source=§6.2

[Rule OSV-05]
Kind=extended-key-usage
Severity=error
Required=server-auth;client-auth
Title=Extended key usage includes TLS server and TLS client authentication.
Hint=The same certificate is uploaded as server.pem and client.pem and used for mutual TLS, so OpenScape Voice also presents it as a client; without clientAuth its peers refuse it. The research notes rate this a warning; it is an error here because the certificate is always used both ways.
Source=§3.2; §3.15

[Step OSV-NSCT-01]
Text=Check that the certificate has no Netscape Cert Type extension: OpenScape Voice does not support it.
Source=§3.2

[Step OSV-SAN-01]
Text=Check that the subject alternative names hold every signalling IP address or FQDN of both nodes.
Source=§6.2; §3 notes

[Step OSV-ROOT-01]
Text=In CMP, Configuration › OpenScape Voice › Administration › Certificate Management › Trusted CA Certificate Stores, edit root.pem and upload a bundle with the solution root and every other CA the switch must trust (the upload replaces the file).
Source=§3.2; §3.2.1

[Step OSV-KEY-01]
Text=Under Certificate Key Stores, upload the exported file as server.pem and as client.pem (certificate, unencrypted RSA key, intermediates, root; no blank lines, LF line ends).
Source=§3.2; §5.1

[Step OSV-MON-01]
Text=In Certificate Monitoring, check that the old certificates show CertRemoved and the new ones CertInstalled with NodeID Both; optionally run /unisphere/srx3000/srx/bin/check_certs.
Source=§3.2; §5.1

[Step OSV-PH-01]
Text=Deploy the CA chain that signed this certificate to the phones as SPE CA certificates (DLS) before turning on certificate verification.
Source=§3.12.2
