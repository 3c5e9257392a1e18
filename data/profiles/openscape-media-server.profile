# Mitel OpenScape Media Server: the SIP-TLS certificate (and the Tomcat
# one on port 7443), imported from PKCS#12 into Java key stores.
# From the device notes on the OpenScape certificate guide.

[Profile]
Id=openscape-media-server
Name=Mitel OpenScape Media Server
Vendor=Mitel
Description=The certificate OpenScape Media Server uses for SIP over TLS with OpenScape Voice and for its web interface, imported from PKCS#12 into its Java key stores.
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
# Imported with keytool -importkeystore (IBM Java): legacy encryption.
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

[Rule MS-05]
Kind=same-issuer-as
Severity=warning
Title=The certificate is issued by the same CA as the OpenScape Voice certificate.
Hint=All certificates of the solution should come from one CA; otherwise import the OpenScape Voice CA into tls-keystore.jks as a trusted entry.
Source=§3.4.1; §2.2.3

[Rule MS-06]
Kind=extended-key-usage
Severity=warning
Required=server-auth;client-auth
Title=Extended key usage includes TLS server and TLS client authentication.
Hint=The Media Server is both ends of SIP over TLS with OpenScape Voice.
Source=§3.4

[Step MS-01]
Text=Only if OpenScape Voice and the Media Server use SIP over TLS: a simplex integrated Media Server needs no certificate.
Source=§3.4

[Step MS-CA-01]
Text=Import the CA into /opt/siemens/mediaserver/application_host/providers/sip-connectivity/tls-keystore.jks with keytool -import -trustcacerts -alias <CA name>.
Source=§3.4.2

[Step MS-DEL-01]
Text=Delete the old server certificate from tls-keystore.jks first: the key store may hold only one.
Source=§3.4.4

[Step MS-IMP-01]
Text=Import the PKCS#12 file with keytool -importkeystore (alias mediaserver) and check it with keytool -list -v.
Source=§3.4.4

[Step MS-WEB-01]
Text=For the web interface on port 7443, do the same with tomcat-home/conf/keystore.jks (the old alias is ms-tomcat).
Source=§3.4.5

[Step MS-RESTART-01]
Text=Restart with /etc/init.d/symphoniad restart; on simplex and small deployments this interrupts all of UC.
Source=§3.4
