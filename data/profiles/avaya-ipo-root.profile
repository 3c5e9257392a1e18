# Avaya IP Office: a root CA certificate to be trusted by IP Office (its
# trusted certificate store), its phones and its clients. From the
# device notes on the IP Office Security Guidelines.

[Profile]
Id=avaya-ipo-root
Name=Avaya IP Office — root CA for the trust store
Vendor=Avaya
Description=A root CA certificate for the IP Office trusted certificate store and for the phones, PCs and browsers that must trust IP Office.
Document=Avaya IP Office Security Guidelines, Release 12.0, Issue 11 (April 2024)
Role=ca
WarningDays=60

[Request]
KeyType=rsa-2048
Digest=sha256
KeyUsage=digital-signature;key-cert-sign;crl-sign
StringType=utf8
# The internal root CA's default lifetime: ten years.
ValidityDays=3650

[Export]
# The guide distributes roots in PEM and in DER; PEM for the store.
Format=pem
IncludeChain=false
IncludeRoot=false
Extension=.pem

[Rule IPO-CA-01]
Kind=basic-constraints
Severity=error
CA=true
Title=The certificate is a CA (basic constraints CA:TRUE).
Hint=Only a CA certificate can anchor the chain of IP Office's identity certificate; IP Office marks the extension critical.
Source=Ch 9 › Server Edition Primary Initial Certificate Settings

[Rule IPO-CA-03]
Kind=key-usage
Severity=error
Required=key-cert-sign
Title=Key usage allows signing certificates.
Hint=A CA needs keyCertSign; IP Office's own root also has cRLSign and digitalSignature.
Source=Ch 9

[Rule IPO-CA-04]
Kind=key-algorithm
Severity=error
Algorithms=rsa
Title=The key is RSA.
Hint=IP Office supports neither DSA nor ECDSA, and all its cipher suites are RSA; an EC root cannot be used.
Source=Ch 7 › IP Office Certificate Support

[Rule IPO-CA-04A]
Kind=key-algorithm
Severity=warning
Algorithms=rsa
AllowedBits=2048;4096
Title=The RSA key is 2048 or 4096 bits.
Hint=IP Office's own CA uses RSA 2048; 1024 bits fails the High check level.
Source=Ch 9; Ch 7 › Certificate Check Controls

[Rule IPO-CA-04B]
Kind=signature-digest
Severity=warning
Allowed=sha256;sha512
Title=The certificate is signed with SHA-256.
Hint=IP Office signs with SHA-256; SHA-1 is for legacy devices only and SHA-384 is not among the hashes IP Office lists.
Source=Ch 9; Ch 7 › IP Office Certificate Support

[Rule IPO-CA-06]
Kind=not-vendor-default
Severity=warning
SubjectContains=ipoffice-root-
Title=The root is not named after a MAC address.
Hint=A root named ipoffice-root-<MAC>.avaya.com was made before the host name was set at ignition; regenerate the CA after setting the host name.
Source=Ch 9

[Rule IPO-CA-07]
Kind=expiry-window
Severity=error
Title=The CA certificate is valid now and not within 60 days of expiry.
Hint=Renew the CA well before it expires: every identity certificate under it must be renewed first, and the new root installed next to the old one for a transition period.
Source=Ch 13 › Certificate Maintenance

[Rule IPO-CA-08]
Kind=chain-complete
Severity=error
Title=The certificate is a trusted root, or chains to one.
Hint=For an intermediate CA, also put its root in the trust store: 9600 phones need the root above the top intermediate in TRUSTCERTS.
Source=Ch 27 › Manual Staging Process step 2; Ch 11

[Step IPO-CA-DIST-01]
Text=Export the root both as PEM (root-ca.pem) and as DER (root-ca.crt); phones, browsers and PCs differ in what they take.
Source=Ch 26 › Exporting the Signing Certificate

[Step IPO-CA-TCS-01]
Text=Add the root in Manager or Web Manager with System › Certificates › Trusted Certificate Store › Add (one certificate per .pem file for tcs/add).
Source=Ch 11 › Approach 1 step 5; Ch 21

[Step IPO-CA-PH-01]
Text=For 9600 H.323 phones, stage the root and set TRUSTCERTS to it, with TLSSRVVERIFYID 1 (the guide also spells NVTLSSRVR as NVTLSRV).
Source=Ch 27 › Manual Staging Process

[Step IPO-CA-ROLL-01]
Text=When replacing a root while phones are deployed, install the new root next to the old one first (R11.1 and later: Automatic Phone Provisioning) so no phone is locked out.
Source=Ch 27 › Changing an IP Office Root CA Certificate

[Step IPO-CA-WIN-01]
Text=On Windows PCs, import the root into Local Computer › Trusted Root Certification Authorities; Firefox and Java keep their own stores.
Source=Ch 22

[Step IPO-CA-IMP-01]
Text=To make it IP Office's signing CA (an intermediate from your PKI), import it as PKCS#12 with its private key through CA Certificate › Import.
Source=Ch 11 › Approach 2 step 4; Ch 26
