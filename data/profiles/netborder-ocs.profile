# Sangoma NetBorder Express gateway on Windows with a Microsoft OCS 2007
# R2 Mediation Server: the gateway certificate for SIP over TLS, issued
# by Active Directory Certificate Services. From the device notes on the
# NetBorder Express OCS TLS configuration guide.

[Profile]
Id=netborder-ocs
Name=NetBorder Express gateway with Microsoft OCS
Vendor=Sangoma
Description=The certificate of a NetBorder Express gateway for SIP over TLS with a Microsoft Office Communications Server 2007 R2 Mediation Server, issued by AD CS with the Web Server template.
Document=NetBorder Express, OCS TLS Configuration Guide
Role=server
WarningDays=60

[Request]
# The guide makes RSA 1024 with SHA-1; both are below today's minimum
# and nothing in it says the gateway refuses 2048 and SHA-256.
KeyType=rsa-2048
Digest=sha256
Purpose=server-client
KeyUsage=digital-signature;key-encipherment
ExtendedKeyUsage=server-auth;client-auth
StringType=printable
CommonNameAsDns=true

[Export]
# certnew.cer: one Base-64 certificate; the key and the trust store
# bundle are separate files.
Format=pem
IncludeChain=false
IncludeRoot=false
KeyFormat=pkcs8
Extension=.cer

[Rule NBE-KEY-01]
Kind=key-algorithm
Severity=error
Algorithms=rsa
MinBits=1024
Title=The key is RSA of at least 1024 bits.
Hint=The gateway's cipher suites (TLS_RSA_WITH_AES_128_CBC_SHA, TLS_RSA_WITH_3DES_EDE_CBC_SHA) need an RSA key.
Source=Obtaining a certificate, step 1c; Cipher suites

[Rule NBE-KEY-02]
Kind=key-algorithm
Severity=warning
Algorithms=rsa
MinBits=2048
Title=The RSA key is at least 2048 bits.
Hint=The guide makes a 1024-bit key, which is weak today; try 2048 bits and check that the gateway accepts it.
Source=Obtaining a certificate, step 1c

[Rule NBE-SIG-02]
Kind=signature-digest
Severity=warning
Allowed=sha256;sha384;sha512
Title=The certificate is signed with SHA-256 or stronger.
Hint=The guide requests with SHA-1 (its "-shal" is an OCR error for -sha1); the CA's signature should still be SHA-256.
Source=Obtaining a certificate, step 1c

[Rule NBE-DN-01]
Kind=cn-matches
Severity=error
Parameter=fqdn
Title=The common name is the FQDN of the gateway's host.
Hint=The OCS next hop address must be the gateway FQDN and match the certificate exactly.
Source=Obtaining a certificate, step 1d; Next hop, step 4

[Rule NBE-EKU-01]
Kind=extended-key-usage
Severity=error
Required=server-auth
Title=Extended key usage includes TLS server authentication.
Hint=Submit the request with the AD CS "Web Server" template.
Source=Obtaining a certificate, step 7

[Rule NBE-EKU-02]
Kind=extended-key-usage
Severity=warning
Required=client-auth
Title=Extended key usage also includes TLS client authentication.
Hint=The gateway also opens TLS connections to the Mediation Server; the "Web Server" template usually gives server authentication only, so use a template with both if OCS checks it.
Source=Routing rules

[Rule NBE-KU-01]
Kind=key-usage
Severity=error
Required=key-encipherment
Title=Key usage includes key encipherment.
Hint=With RSA key exchange (the only suites the gateway offers) the key encrypts the session secret.
Source=Cipher suites

[Rule NBE-VAL-01]
Kind=expiry-window
Severity=error
Title=The certificate is valid now and not about to expire.
Hint=Request a new certificate from AD CS before the end date.
Source=Certificate information

[Rule NBE-CHAIN-01]
Kind=chain-complete
Severity=error
Title=The certificate chains to a trusted root CA.
Hint=Download the certificate chain (certnew.p7b) from the AD CS web enrollment page and import it.
Source=Obtaining a certificate, steps 8 and 10

[Step NBE-KEY-PROT-01]
Text=Re-protect the key with netborder-protect-key --input-file-pwd <pass> new-private-key.pem new-private-key-protected.pem.
Source=Obtaining a certificate, step 9

[Step NBE-TRUST-01]
Text=Make the trust store newTrustedRootCertificatesStore.pem from the chain with netborder-openssl pkcs7 -print_certs (the guide's "netborder-openss1" is an OCR error).
Source=Obtaining a certificate, step 10

[Step NBE-GW-01]
Text=In gw.properties, set netborder.sip.tls.serverCertificateFile, serverCertificatePrivateKeyFile and trustedRootCertificatesStore to the three files in config/certs.
Source=Certificate information, steps 2–4

[Step NBE-SIP-01]
Text=Add a TLS listener to netborder.sip.userAgent.IPAddress (e.g. INADDR_ANY:5067/tls) on a port the TCP listener does not use.
Source=Enabling SIP over TLS

[Step NBE-TLS-01]
Text=Keep netborder.sip.tls.cypherSuites (spelled so in the guide; check your gw.properties) to TLS_RSA_WITH_AES_128_CBC_SHA first, and leave supportSSLv2ClientHello off unless a peer needs it.
Source=Cipher suites; SSL version

[Step NBE-ROUTE-01]
Text=In Gateway Manager, set every SIP-out routing rule to sip.out.transport=tls with sip.out.requestUri sip:%0@<mediation server IP>:5060.
Source=Routing rules

[Step NBE-OCS-01]
Text=In the Mediation Server's Next Hop Connections, set the PSTN gateway address to the gateway FQDN, the port to its TLS port, transport TLS and "Require encryption" (the guide's text says 5067, its screenshot 5066: use what the gateway listens on).
Source=Next hop, step 4

[Step NBE-SRTP-01]
Text=Set netborder.media.srtp.mode to always or as-needed with AES_CM_128_HMAC_SHA1_80 first (the guide spells the crypto suite parameter "mdedia": check the real name).
Source=SRTP

[Step NBE-RESTART-01]
Text=Restart the gateway and the Mediation Server after the changes.
Source=Several sections
