# Generic TLS client: a certificate a person or a device presents to a
# server that asks for one (mutual TLS), as RFC 5280 and current TLS
# libraries expect it.

[Profile]
Id=tls-client
Name=Generic TLS client
Vendor=
Description=A TLS client certificate for mutual TLS: a strong key, SHA-2 and clientAuth, from a certificate authority the server trusts.
Document=RFC 5280; RFC 8446 §4.4.2
Role=client
WarningDays=30

[Request]
KeyType=rsa-2048
Digest=sha256
Purpose=client
KeyUsage=digital-signature;
ExtendedKeyUsage=client-auth;
StringType=utf8
CommonNameAsDns=false
ValidityDays=730

[Export]
Format=pkcs12
IncludeChain=true
IncludeRoot=false
Extension=.p12

[Rule key]
Kind=key-algorithm
Severity=error
Algorithms=rsa;ec;
MinBits=2048
Curves=P-256;P-384;P-521;
Title=The key is RSA of at least 2048 bits, or EC on a NIST curve
Hint=Make a new RSA 2048 (or longer) or EC P-256 key and a new request.
Source=NIST SP 800-57 Part 1 §5.6.1

[Rule digest]
Kind=signature-digest
Severity=error
Allowed=sha256;sha384;sha512;
Title=The signature uses SHA-256 or longer
Hint=Ask the certificate authority to sign with SHA-256; SHA-1 signatures are refused by current servers.
Source=RFC 8446 §4.2.3

[Rule cn]
Kind=cn-present
Severity=error
Title=The subject has a common name
Hint=Name the user or the device in the common name: servers show and log it.
Source=RFC 5280 §4.1.2.6

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
Required=client-auth;
Title=Extended Key Usage has clientAuth
Hint=Ask the certificate authority for its user or workstation template, or make a request with the client purpose.
Source=RFC 5280 §4.2.1.12

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
Hint=Import the certificate authority’s certificates; the server must trust the same root.
Source=RFC 8446 §4.4.2

[Step import]
Text=Import the PKCS#12 file (certificate, chain and key) into the client’s certificate store.
Source=

[Step trust]
Text=Make sure the server trusts the root that issued this certificate for client authentication.
Source=RFC 8446 §4.3.2

[Step verify]
Text=Connect to the server and check that it accepts the certificate.
Source=
