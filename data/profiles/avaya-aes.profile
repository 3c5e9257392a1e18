# Avaya Aura Application Enablement Services: the server certificate
# AES presents to its TLS clients (CTI, TSAPI, DMCC), signed by the
# customer's CA. From the device notes on PSN004561u.

[Profile]
Id=avaya-aes
Name=Avaya AE Services — server certificate
Vendor=Avaya
Description=The TLS server certificate of Avaya Aura Application Enablement Services, issued by your own CA to replace the Avaya default that expired in January 2018.
Document=Avaya PSN004561u, AE Services server certificate, Issue 07 (2017-12-14)
Role=server
WarningDays=60

[Request]
KeyType=rsa-2048
Digest=sha256
Purpose=server-client
KeyUsage=digital-signature;non-repudiation;key-encipherment;data-encipherment
ExtendedKeyUsage=server-auth;client-auth
StringType=printable
CommonNameAsDns=true
MatchIssuer=C;ST;O
# The AES form asks for 1825 days; the PSN's own OpenSSL CA issues 730.
ValidityDays=730

[Export]
# The certificate and its key for Security › Server Certificates › Import;
# the CA goes into Trusted Certificates on its own, first.
Format=pkcs12-legacy
IncludeChain=true
IncludeRoot=false
Extension=.p12

[Rule AES-KEY-01]
Kind=key-algorithm
Severity=error
Algorithms=rsa
MinBits=2048
Title=The key is RSA of at least 2048 bits.
Hint=Make a new request with an RSA 2048-bit key: AE Services offers RSA only, and 2048 is what both the AES form and System Manager use.
Source=OpenSSL CSR step 2g; SMGR key store step 4a

[Rule AES-SIG-01]
Kind=signature-digest
Severity=warning
Allowed=sha256;sha384;sha512
Title=The certificate is signed with SHA-256 or stronger.
Hint=Have the CA sign with SHA-256. Keep SHA-1 only for AES clients that cannot verify SHA-256; the PSN sets default_md only in [req], which does not change what "openssl ca" signs with.
Source=OpenSSL CSR step 2h

[Rule AES-DN-01]
Kind=subject-matches-issuer
Severity=error
Fields=C;ST;O
CompareType=false
Title=Country, state and organization equal those of the issuing CA.
Hint=Request again with C, ST and O copied from the CA certificate: the PSN's CA signs only requests whose country, state and organization match its own.
Source=OpenSSL CSR step 2j, note 1

[Rule AES-DN-02]
Kind=subject-matches-issuer
Severity=warning
Fields=C;ST;O
CompareType=true
Title=Country, state and organization use the same string types as the issuing CA.
Hint=OpenSSL's policy_match also compares the ASN.1 string type, so a UTF8String "CO" does not match a PrintableString "CO" and "openssl ca" reports the confusing "field is different (CO) and (CO)". Request with PrintableString (string_mask MASK:0x2002), as the PSN does.
Source=OpenSSL configuration, string_mask

[Rule AES-DN-03]
Kind=cn-matches
Severity=warning
Parameter=fqdn
Title=The common name is the AE Services server's FQDN.
Hint=Use the fully qualified host name the AES clients connect to; the PSN's OpenSSL example shows a short host name, its System Manager example the FQDN.
Source=SMGR End Entity step 4

[Rule AES-KU-01]
Kind=key-usage
Severity=error
Required=digital-signature;key-encipherment
Title=Key usage includes digital signature and key encipherment.
Hint=Have the CA add the key usages to the certificate itself: "openssl ca" takes them from [usr_cert], not from the request, unless copy_extensions is set.
Source=OpenSSL CSR step 2k

[Rule AES-KU-02]
Kind=key-usage
Severity=warning
Required=non-repudiation;data-encipherment
Title=Key usage also includes non-repudiation and data encipherment.
Hint=The PSN asks for all four key usages: digital signature, non-repudiation, key encipherment and data encipherment.
Source=OpenSSL CSR step 2k

[Rule AES-EKU-01]
Kind=extended-key-usage
Severity=error
Required=server-auth;client-auth
Title=Extended key usage includes TLS server and TLS client authentication.
Hint=AE Services uses the same certificate as a TLS server and as a TLS client; add serverAuth and clientAuth in the CA's [usr_cert] section, not only in the request.
Source=OpenSSL CSR step 2l

[Rule AES-VAL-01]
Kind=max-validity
Severity=warning
Days=1825
Title=The certificate is valid for at most five years.
Hint=The AES form requests 1825 days; the PSN's CA issues for 730. The CA decides the validity, the form only asks.
Source=OpenSSL CSR step 2i; signing step 3

[Rule AES-VAL-03]
Kind=expiry-window
Severity=error
Title=The certificate is valid now and not about to expire.
Hint=Renew before the end date: when the server certificate expires, AES clients can no longer connect. Check that AES and the CA host keep the same time (NTP).
Source=Problem description; import note on NTP

[Rule AES-DEF-01]
Kind=not-vendor-default
Severity=error
IssuerContains=Avaya
NotAfterBefore=2018-01-07
Title=The certificate is not the Avaya default of AE Services 5.x or 6.x.
Hint=The Avaya-signed default expired by 2018-01-06 and AES 7.0 no longer ships it; install a certificate from your own CA.
Source=Problem description

[Rule AES-CHAIN-01]
Kind=chain-complete
Severity=error
Title=The certificate chains to a trusted root CA.
Hint=Import the issuing CA certificate into Certdesk's trusted roots, and into AES Trusted Certificates before the server certificate.
Source=OpenSSL signing; import section

[Step AES-ORD-01]
Text=In the AES Management Console, import the CA certificate under Security › Certificate Management › Trusted Certificates (alias e.g. myCA) before the server certificate.
Source=Import section, note

[Step AES-ALIAS-01]
Text=Import the server certificate under Server Certificates with the alias of its request, "server" or "aeservices", then Apply.
Source=OpenSSL CSR step 2a; import step 2b

[Step AES-CA-01]
Text=Check that the CA's own key is RSA of at least 2048 bits and that the CA certificate is a CA (basic constraints CA:TRUE).
Source=OpenSSL CA steps 2 and 3

[Step AES-NTP-01]
Text=Make sure AE Services and the CA host are synchronised by NTP.
Source=Import section, note

[Step AES-CLI-01]
Text=Install the CA certificate in the trust store of every AES client (CTI, TSAPI and DMCC applications).
Source=Import step 3

[Step AES-SAN-01]
Text=If you sign with "openssl ca", enable copy_extensions or the subject alternative names of the request are dropped.
Source=OpenSSL configuration

[Step AES-AACC-01]
Text=With Avaya Aura Contact Center, also follow PSN005110u.
Source=Notes
