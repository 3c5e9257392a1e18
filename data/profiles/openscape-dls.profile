# Mitel OpenScape Deployment Service (DLS): the certificate of its web
# GUI and API, and the steps that put certificates on the phones.
# From the device notes on the OpenScape certificate guide.

[Profile]
Id=openscape-dls
Name=Mitel OpenScape Deployment Service (DLS)
Vendor=Mitel
Description=The certificate of the DLS web GUI and API, imported as PKCS#12, with the steps that deploy CA and SPE certificates to OpenStage and OptiPoint phones.
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
ValidityDays=1095

[Export]
# The same PKCS#12 file for "DLS Client GUI" and "DLS API".
Format=pkcs12-legacy
IncludeChain=true
IncludeRoot=true
Extension=.p12

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

[Rule DLS-07]
Kind=extended-key-usage
Severity=warning
Required=server-auth
Title=Extended key usage includes TLS server authentication.
Hint=Browsers and the OpenScape UC Assistant connect to the DLS web GUI and API as TLS clients.
Source=§3.12.5

[Step DLS-GUI-01]
Text=In Administration › Server Configuration › TLS Connector Configuration, choose Import and Activate Certificate for "DLS Client GUI" with the PKCS#12 file, then again for "DLS API" with the same file.
Source=§3.12.5

[Step DLS-SPECA-01]
Text=Under IP Devices › IP Phone Configuration › Signaling and Payload Encryption › SPE CA Certificates, import the CA chain that signed the OpenScape Voice certificate (1-step import and activate).
Source=§3.12.2.1

[Step DLS-SPE-01]
Text=For mutual TLS, import each phone's PKCS#12 certificate under SPE Certificates, and its CA under SPE CA Certificates.
Source=§3.12.2.2

[Step DLS-VERIFY-01]
Text=Turn on SIP server certificate verification (Trusted or Full) on a few phones first: a phone that fails the check cannot register. Full also needs the phone's FQDN or IP address in the server certificate.
Source=§3.12.2.3

[Step DLS-CA-01]
Text=If DLS issues phone certificates from its internal CA, give the CA a validity that ends before 2038 and the template CN=? (DLS fills in the device's IP address or FQDN).
Source=§3.12.1.1; §3.12.1.2; §3.1.5

[Step DLS-DEF-01]
Text=Once the new PKI is active, delete the default credentials of the Workpoint Interface.
Source=§3.12.4.1
