#!/bin/sh
# make-fixtures.sh
#
# Copyright 2026 The Certdesk authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Makes every test input with real tools (openssl 3, GnuTLS certtool) into
# OUTDIR, so that no binary fixture is committed and every file is what the
# tools people use really write. Usage: make-fixtures.sh OUTDIR
#
# Passwords are "secret", and "pässwörd€" (UTF-8) for leaf-utf8.pfx.
#
# The list the tests rely on:
#   root.pem root.key        RSA self-signed root CA "Certdesk Test Root CA"
#   int.pem int.key          intermediate CA "Certdesk Test Intermediate CA", signed by root
#   leaf.pem leaf.key        server cert "server.example.test" signed by int; PKCS#8 RSA key
#   leaf.der leaf.b64        the same certificate as DER, and as base64 DER without armour
#   leaf-pkcs1.key           traditional "RSA PRIVATE KEY" (PKCS#1)
#   leaf-enc.key             encrypted PKCS#8 ("secret")
#   ec.pem ec.key            EC P-256 leaf "ec.example.test"
#   ed25519.pem ed25519.key  Ed25519 leaf "ed25519.example.test"
#   other.pem                end-entity cert "person.example.test" whose key is given nowhere
#   chain.pem                leaf + int + root
#   chain-crlf.pem           the same with CRLF line ends (Windows editors)
#   chain-bom.pem            the same behind a UTF-8 byte order mark (Notepad)
#   chain-bagattrs.pem       "openssl pkcs12 -nokeys" output: "Bag Attributes" text between blocks
#   chain.p7b chain-der.p7b  certs-only PKCS#7, PEM and DER
#   leaf.pfx                 modern PKCS#12: AES-256-CBC, PBKDF2, SHA-256 MAC, friendly name
#                            "Test Server", leaf + key + int + root
#   leaf-legacy-rc2.pfx      openssl -legacy: RC2-40 certs, 3DES key, SHA-1 MAC
#   leaf-3des.pfx            3DES everywhere and a SHA-1 MAC, as Windows Server 2016 exports
#   leaf-nopass.pfx          exported with an empty password
#   leaf-utf8.pfx            password "pässwörd€" (non-ASCII, UTF-8)
#   leaf.csr leaf-csr.der    PKCS#10 request for the leaf key, PEM and DER
#   certtool-ca.pem          self-signed CA made by GnuTLS certtool (its text dump precedes the PEM)
#   roots-bundle.pem         20 self-signed root CAs (EC P-256), like a distribution's CA bundle
#   empty.bin                0 bytes
#   garbage.bin              text that is no certificate
#   truncated.pem            first half of leaf.pem: a BEGIN line with no END line
#   truncated.der            first half of leaf.der: the outer length runs past the end
#   truncated.pfx            first half of leaf.pfx
#   corrupt.pem              valid armour around base64 that decodes to no certificate
#   big.bin                  33 MiB, over the import size limit
#
# Extra files, for cases the list above does not reach:
#   leaf-pkcs1-enc.key       legacy encrypted PEM key: "Proc-Type: 4,ENCRYPTED" + DEK-Info (AES-256-CBC)
#   leaf-key.der             the leaf key as unencrypted PKCS#8 DER
#   leaf-enc-key.der         the leaf key as encrypted PKCS#8 DER ("secret")
#   leaf-pkcs1-key.der       the leaf key as PKCS#1 DER
#   ec-sec1.key              the EC key as traditional "EC PRIVATE KEY" (SEC 1)
#   ec-enc.key               the EC key as encrypted PKCS#8 ("secret")
#   ec-params.key            "EC PARAMETERS" then "EC PRIVATE KEY", as openssl ecparam -genkey writes
#   ed25519-enc.key          the Ed25519 key as encrypted PKCS#8 ("secret")
#   ed25519-key.der          the Ed25519 key as PKCS#8 DER: 48 bytes, a short-form DER length
#   leaf-nomac.pfx           PKCS#12 without a MAC (openssl -nomac), "secret": only decrypting
#                            tells a wrong password
#   root-trusted.pem         root as "TRUSTED CERTIFICATE" (openssl x509 -trustout, alias set)
#   leaf-x509-label.pem      leaf under the old "X509 CERTIFICATE" label
#   leaf-new-csr.pem         the request under the old "NEW CERTIFICATE REQUEST" label
#   leaf-with-key.pem        leaf cert, its PUBLIC KEY (ignored) and its encrypted PKCS#8 key
#   pubkey.pem               only a PUBLIC KEY block: nothing to import
#   half-broken.pem          a good certificate followed by the corrupt block of corrupt.pem
#   truncated-chain.pem      chain.pem cut inside its second block

set -eu

if [ $# -ne 1 ]; then
  echo "usage: $0 OUTDIR" >&2
  exit 2
fi

out=$1
mkdir -p "$out"
cd "$out"

# Keep the user's openssl.cnf and random seed file out of the results.
OPENSSL_CONF=/dev/null
RANDFILE=/dev/null
export OPENSSL_CONF RANDFILE

pw=secret
# "pässwörd€" as UTF-8 bytes, whatever the locale running this script.
pw_utf8=$(printf 'p\303\244ssw\303\266rd\342\202\254')
days=3650

cat > ext.cnf <<'EOF'
[ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash

[int]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid

[server]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth, clientAuth
subjectAltName = DNS:server.example.test, DNS:www.example.test, IP:192.0.2.10
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid

[ec]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:ec.example.test
authorityKeyIdentifier = keyid

[ed25519]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:ed25519.example.test
authorityKeyIdentifier = keyid

[person]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = emailProtection, clientAuth
subjectAltName = email:person@example.test
authorityKeyIdentifier = keyid
EOF

# Issues a certificate for KEY with SUBJECT from CA, with extension SECTION.
issue ()
{
  key=$1 subj=$2 ca=$3 section=$4 cert=$5
  openssl req -new -key "$key" -subj "$subj" -out "$cert.csr.tmp"
  openssl x509 -req -in "$cert.csr.tmp" -CA "$ca.pem" -CAkey "$ca.key" -set_serial "0x$(openssl rand -hex 8)" \
    -days "$days" -sha256 -extfile ext.cnf -extensions "$section" -out "$cert" 2>/dev/null
  rm -f "$cert.csr.tmp"
}

# --- the CA hierarchy and the RSA leaf ---------------------------------------

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out root.key 2>/dev/null
openssl req -x509 -new -key root.key -subj "/O=Certdesk Tests/CN=Certdesk Test Root CA" \
  -days "$days" -sha256 -config ext.cnf -extensions ca -out root.pem

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out int.key 2>/dev/null
issue int.key "/O=Certdesk Tests/CN=Certdesk Test Intermediate CA" root int int.pem

# genpkey writes PKCS#8 ("PRIVATE KEY").
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out leaf.key 2>/dev/null
issue leaf.key "/O=Certdesk Tests/CN=server.example.test" int server leaf.pem

openssl x509 -in leaf.pem -outform DER -out leaf.der
# Base64 DER with no armour, as some web forms hand it out.
openssl base64 -in leaf.der -out leaf.b64

openssl rsa -in leaf.key -traditional -out leaf-pkcs1.key 2>/dev/null
openssl pkcs8 -topk8 -in leaf.key -v2 aes-256-cbc -passout "pass:$pw" -out leaf-enc.key
openssl rsa -in leaf.key -traditional -aes256 -passout "pass:$pw" -out leaf-pkcs1-enc.key 2>/dev/null
openssl pkcs8 -topk8 -nocrypt -in leaf.key -outform DER -out leaf-key.der
openssl pkcs8 -topk8 -in leaf.key -v2 aes-256-cbc -passout "pass:$pw" -outform DER -out leaf-enc-key.der
openssl rsa -in leaf.key -traditional -outform DER -out leaf-pkcs1-key.der 2>/dev/null

# --- EC, Ed25519 and the certificate without a key ---------------------------

openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ec.key
issue ec.key "/O=Certdesk Tests/CN=ec.example.test" int ec ec.pem
openssl ec -in ec.key -out ec-sec1.key 2>/dev/null
openssl ecparam -name prime256v1 -out ec-params.key
cat ec-sec1.key >> ec-params.key
openssl pkcs8 -topk8 -in ec.key -v2 aes-256-cbc -passout "pass:$pw" -out ec-enc.key

openssl genpkey -algorithm ED25519 -out ed25519.key
issue ed25519.key "/O=Certdesk Tests/CN=ed25519.example.test" int ed25519 ed25519.pem
openssl pkcs8 -topk8 -in ed25519.key -v2 aes-256-cbc -passout "pass:$pw" -out ed25519-enc.key
openssl pkey -in ed25519.key -outform DER -out ed25519-key.der

openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out other.key.tmp
issue other.key.tmp "/O=Certdesk Tests/CN=person.example.test" int person other.pem
rm -f other.key.tmp

# --- PEM bundles in the shapes found in the wild -----------------------------

cat leaf.pem int.pem root.pem > chain.pem
sed 's/$/\r/' chain.pem > chain-crlf.pem
{ printf '\357\273\277'; cat chain.pem; } > chain-bom.pem

openssl x509 -in root.pem -trustout -addtrust serverAuth -setalias "Certdesk Test Root CA" \
  -out root-trusted.pem
sed -e 's/BEGIN CERTIFICATE/BEGIN X509 CERTIFICATE/' -e 's/END CERTIFICATE/END X509 CERTIFICATE/' \
  leaf.pem > leaf-x509-label.pem

openssl pkey -in leaf.key -pubout -out leaf-pub.tmp
cat leaf.pem leaf-pub.tmp leaf-enc.key > leaf-with-key.pem
mv leaf-pub.tmp pubkey.pem

# --- PKCS#7 ------------------------------------------------------------------

openssl crl2pkcs7 -nocrl -certfile chain.pem -out chain.p7b
openssl crl2pkcs7 -nocrl -certfile chain.pem -outform DER -out chain-der.p7b

# --- PKCS#12 -----------------------------------------------------------------

cat int.pem root.pem > cas.tmp
openssl pkcs12 -export -in leaf.pem -inkey leaf.key -certfile cas.tmp -name "Test Server" \
  -keypbe AES-256-CBC -certpbe AES-256-CBC -macalg sha256 -passout "pass:$pw" -out leaf.pfx
openssl pkcs12 -export -legacy -in leaf.pem -inkey leaf.key -certfile cas.tmp -name "Test Server" \
  -passout "pass:$pw" -out leaf-legacy-rc2.pfx
openssl pkcs12 -export -in leaf.pem -inkey leaf.key -certfile cas.tmp -name "Test Server" \
  -keypbe PBE-SHA1-3DES -certpbe PBE-SHA1-3DES -macalg sha1 -passout "pass:$pw" -out leaf-3des.pfx
openssl pkcs12 -export -in leaf.pem -inkey leaf.key -certfile cas.tmp -name "Test Server" \
  -passout pass: -out leaf-nopass.pfx
openssl pkcs12 -export -in leaf.pem -inkey leaf.key -certfile cas.tmp -name "Test Server" \
  -passout "pass:$pw_utf8" -out leaf-utf8.pfx
openssl pkcs12 -export -nomac -in leaf.pem -inkey leaf.key -certfile cas.tmp -name "Test Server" \
  -passout "pass:$pw" -out leaf-nomac.pfx
rm -f cas.tmp

# What "openssl pkcs12 -in x.pfx -nokeys" prints: Bag Attributes, subject=
# and issuer= lines before each block.
openssl pkcs12 -in leaf.pfx -nokeys -passin "pass:$pw" -out chain-bagattrs.pem

# --- requests ----------------------------------------------------------------

openssl req -new -key leaf.key -subj "/O=Certdesk Tests/CN=server.example.test" \
  -addext "subjectAltName = DNS:server.example.test" -out leaf.csr
openssl req -in leaf.csr -outform DER -out leaf-csr.der
sed -e 's/BEGIN CERTIFICATE REQUEST/BEGIN NEW CERTIFICATE REQUEST/' \
  -e 's/END CERTIFICATE REQUEST/END NEW CERTIFICATE REQUEST/' leaf.csr > leaf-new-csr.pem

# --- GnuTLS ------------------------------------------------------------------

cat > certtool.tmpl <<'EOF'
organization = "Certdesk Tests"
cn = "Certdesk GnuTLS Test CA"
serial = 4242
expiration_days = 3650
ca
cert_signing_key
crl_signing_key
EOF
certtool --generate-privkey --key-type=ecdsa --curve=secp256r1 --outfile certtool-ca.key 2>/dev/null
certtool --generate-self-signed --load-privkey certtool-ca.key --template certtool.tmpl \
  --outfile certtool-ca.pem 2>/dev/null
rm -f certtool.tmpl certtool-ca.key

# --- a CA bundle -------------------------------------------------------------

: > roots-bundle.pem
i=1
while [ "$i" -le 20 ]; do
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout root-bundle.key.tmp \
    -subj "/O=Certdesk Tests/CN=Certdesk Bundle Root $i" -days "$days" -sha256 \
    -config ext.cnf -extensions ca -out root-bundle.tmp 2>/dev/null
  cat root-bundle.tmp >> roots-bundle.pem
  i=$((i + 1))
done
rm -f root-bundle.key.tmp root-bundle.tmp

# --- broken and odd files ----------------------------------------------------

: > empty.bin
cat > garbage.bin <<'EOF'
Dear colleague,

this is the certificate you asked for (see attachment) -- oh, wait!
It's just an e-mail; no certificate here: 100% text, #1 mistake.
EOF

# Cut real files in half: whatever the cut hits, the ending is gone.
head -c $(($(wc -c < leaf.pem) / 2)) leaf.pem > truncated.pem
head -c $(($(wc -c < leaf.der) / 2)) leaf.der > truncated.der
head -c $(($(wc -c < leaf.pfx) / 2)) leaf.pfx > truncated.pfx
head -c $(($(wc -c < chain.pem) / 2)) chain.pem > truncated-chain.pem

# Valid armour; the content is base64 of plain text, so no DER parser accepts it.
{
  echo "-----BEGIN CERTIFICATE-----"
  printf 'This is not DER at all, only some words wrapped in PEM armour.\n' | openssl base64
  echo "-----END CERTIFICATE-----"
} > corrupt.pem
cat leaf.pem corrupt.pem > half-broken.pem

truncate -s 33M big.bin

rm -f ext.cnf
