# Generic TLS server: what current browsers and TLS libraries expect of a
# server certificate (CA/Browser Forum Baseline Requirements, RFC 5280,
# RFC 6125). The checks a certificate of a device profile starts from.

[Profile]
Id=tls-server
Name=Generic TLS server
Vendor=
Description=A TLS server certificate as current browsers and TLS libraries accept it: a strong key, SHA-2, the host names in the Subject Alternative Names, and serverAuth.
Document=CA/Browser Forum Baseline Requirements 2.0; RFC 5280; RFC 6125
Role=server
WarningDays=30

[Request]
KeyType=rsa-2048
Digest=sha256
Purpose=server
KeyUsage=digital-signature;key-encipherment;
ExtendedKeyUsage=server-auth;
StringType=utf8
CommonNameAsDns=true
ValidityDays=398

[Export]
Format=pem-key-cert
IncludeChain=true
IncludeRoot=false
KeyFormat=pkcs8
Extension=.pem

[Rule key]
Kind=key-algorithm
Severity=error
Algorithms=rsa;ec;
MinBits=2048
Curves=P-256;P-384;P-521;
Title=The key is RSA of at least 2048 bits, or EC on a NIST curve
Hint=Make a new RSA 2048 (or longer) or EC P-256 key and a new request.
Source=BR §6.1.5

[Rule digest]
Kind=signature-digest
Severity=error
Allowed=sha256;sha384;sha512;
Title=The signature uses SHA-256 or longer
Hint=Ask the certificate authority to sign with SHA-256; SHA-1 signatures are refused by current clients.
Source=BR §7.1.3.2

[Rule validity]
Kind=max-validity
Severity=warning
Days=398
Applies=certificate;
Title=The certificate is valid for at most 398 days
Hint=Browsers refuse publicly trusted server certificates valid for longer; a private CA may issue longer ones, but shorter lives limit the harm of a stolen key.
Source=BR §6.3.2

[Rule san]
Kind=san-present
Severity=error
Title=The host names are in the Subject Alternative Names
Hint=Add every DNS name and IP address clients use: they ignore the common name.
Source=RFC 6125 §6.4.4

[Rule san-types]
Kind=san-allowed-types
Severity=warning
Types=dns;ip;
Title=The Subject Alternative Names are DNS names and IP addresses
Source=BR §7.1.2.7.12

[Rule cn-in-san]
Kind=san-first-dns-is-cn
Severity=warning
Title=The common name is the first DNS name
Hint=Clients that still read the common name expect it among the DNS names; the request wizard’s “Also use the common name as the first DNS name” does it.
Source=BR §7.1.4.3

[Rule no-wildcard]
Kind=no-wildcard
Severity=warning
Title=No name is a wildcard
Hint=A wildcard certificate lets every host of the domain pose as this one; give each server its own certificate.
Source=RFC 6125 §7.2

[Rule ku]
Kind=key-usage
Severity=error
Required=digital-signature;
Forbidden=key-cert-sign;crl-sign;
Title=Key Usage allows digital signatures and no certificate signing
Source=RFC 5280 §4.2.1.3

[Rule eku]
Kind=extended-key-usage
Severity=error
Required=server-auth;
Title=Extended Key Usage has serverAuth
Hint=Ask the certificate authority for its web server template, or make a request with the server purpose.
Source=BR §7.1.2.7.10

[Rule end-entity]
Kind=basic-constraints
Severity=error
CA=false
Title=It is not a CA certificate
Source=RFC 5280 §4.2.1.9

[Rule unknown-critical]
Kind=no-unknown-critical
Severity=error
Title=No critical extension is unknown
Source=RFC 5280 §4.2

[Rule expiry]
Kind=expiry-window
Severity=error
Applies=certificate;
Title=The certificate is valid now and does not expire soon
Source=RFC 5280 §4.1.2.5

[Rule chain]
Kind=chain-complete
Severity=error
Applies=certificate;
Title=The chain is complete up to a trusted root
Hint=Import the intermediate and root certificates of the certificate authority, and install the chain on the server with the certificate.
Source=RFC 5246 §7.4.2

[Step install]
Text=Install the certificate with its intermediate certificates (not the root) and the key on the server.
Source=RFC 5246 §7.4.2

[Step restart]
Text=Restart or reload the service so that it presents the new certificate.
Source=

[Step verify]
Text=Connect to the server with a browser or “openssl s_client -connect HOST:PORT” and check that it presents the new certificate and chain.
Source=
