#!/bin/sh
# make-check-fixtures.sh
#
# Copyright 2026 The Certdesk authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Makes the certificates and requests the rule engine tests (test-check.c,
# test-check-cli.c) check, with openssl 3 into OUTDIR. Certificates have
# fixed dates ("openssl ca"), so checks at a fixed time give the same
# answer on any day. Usage: make-check-fixtures.sh OUTDIR
#
# root.pem root.key     "Check Root CA", C=DE O=Example Org as PrintableString; 2025 → 2045
# good.pem good.key     RSA 2048, SHA-256, "good.example.test", O and C as the root's (PrintableString),
#                       SAN DNS:good.example.test DNS:www.example.test, KU digitalSignature +
#                       keyEncipherment (critical), EKU serverAuth, CA:FALSE; 2026-01-01 → 2026-12-01
# bad.pem bad.key       RSA 1024, SHA-1, "*.example.test", O as UTF8String, OU=Extra, SAN
#                       DNS:other.example.test DNS:*.example.test IP:192.0.2.1, KU keyEncipherment +
#                       keyCertSign, EKU clientAuth, CA:TRUE pathlen 3, a critical extension 1.2.3.4
#                       nobody knows; 2026-01-01 → 2040-03-01
# nosan.pem             EC P-256, "nosan.example.test", no SAN, no KU, no EKU, no basic constraints;
#                       2026-01-01 → 2026-01-21 (20 days)
# ec384.pem             EC P-384 leaf of root, "ec.example.test"
# ed25519.pem           Ed25519 leaf of root, "ed.example.test"
# peer.pem              another leaf of root ("peer.example.test")
# other-root.pem        "Check Other Root CA", other-leaf.pem a leaf of it ("other.example.test")
# vendor.pem            self-signed "CN=Avaya Product Root CA"-issued look-alike; 2020 → 2030
# good.csr              request for good.key with good.pem's subject and extensions (PrintableString)
# utf8.csr              the same subject made with -utf8 (O as UTF8String)
# bad.csr               RSA 1024, SHA-1, no SAN, CN "x" repeated 40 times
# ed25519.csr           the Ed25519 key's request (a signature with no separate digest)
# *.der, *-csr.der      the same in DER

set -eu

if [ $# -ne 1 ]; then
  echo "usage: $0 OUTDIR" >&2
  exit 2
fi

out=$1
mkdir -p "$out"
cd "$out"

OPENSSL_CONF=/dev/null
RANDFILE=/dev/null
export OPENSSL_CONF RANDFILE

mkdir -p ca-work/new
: > ca-work/index.txt

# "default" string mask: PrintableString where the text fits, as many
# Windows and appliance CAs write; "utf8only" is openssl's own default.
cat > printable.cnf <<'EOF'
[req]
distinguished_name = dn
string_mask = default
[dn]
EOF

cat > ca.cnf <<'EOF'
[ca]
default_ca = check_ca

[check_ca]
database = ca-work/index.txt
new_certs_dir = ca-work/new
rand_serial = yes
default_md = sha256
policy = policy_any
unique_subject = no
preserve = yes
email_in_dn = no

[policy_any]
countryName = optional
organizationName = optional
organizationalUnitName = optional
commonName = supplied

[root]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash

[good]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:good.example.test, DNS:www.example.test
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid

[bad]
basicConstraints = critical, CA:TRUE, pathlen:3
keyUsage = critical, keyEncipherment, keyCertSign
extendedKeyUsage = clientAuth
subjectAltName = DNS:other.example.test, DNS:*.example.test, IP:192.0.2.1
1.2.3.4 = critical, DER:05:00
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid

[bare]
subjectKeyIdentifier = none
authorityKeyIdentifier = none

[leaf]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EOF

# issue CSR CA FROM TO SECTION OUT [openssl ca options…]; CA "self" signs itself with KEY=$key.
issue ()
{
  csr=$1 ca=$2 from=$3 to=$4 section=$5 cert=$6
  shift 6
  if [ "$ca" = self ]; then
    set -- -selfsign -keyfile "$key" "$@"
  else
    set -- -cert "$ca.pem" -keyfile "$ca.key" "$@"
  fi
  openssl ca -batch -config ca.cnf "$@" -in "$csr" -notext \
    -startdate "${from}000000Z" -enddate "${to}000000Z" \
    -extfile ca.cnf -extensions "$section" -out "$cert" 2>/dev/null
}

rsa () { openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:"$2" -out "$1" 2>/dev/null; }
ec () { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:"$2" -out "$1"; }

rsa root.key 2048
openssl req -new -config printable.cnf -key root.key -subj "/C=DE/O=Example Org/CN=Check Root CA" -out root.csr
key=root.key issue root.csr self 20250101 20450101 root root.pem

rsa good.key 2048
openssl req -new -config printable.cnf -key good.key \
  -subj "/C=DE/O=Example Org/CN=good.example.test" \
  -addext "subjectAltName = DNS:good.example.test, DNS:www.example.test" \
  -addext "keyUsage = critical, digitalSignature, keyEncipherment" \
  -addext "extendedKeyUsage = serverAuth" -out good.csr
issue good.csr root 20260101 20261201 good good.pem

# The same subject, encoded the way "openssl req -utf8" with openssl's
# default utf8only mask does: O becomes a UTF8String.
openssl req -new -utf8 -key good.key -subj "/C=DE/O=Example Org/CN=good.example.test" \
  -addext "subjectAltName = DNS:good.example.test" -out utf8.csr

rsa bad.key 1024
openssl req -new -utf8 -key bad.key -subj "/C=DE/O=Example Org/OU=Extra/CN=*.example.test" -out bad-cert.csr
issue bad-cert.csr root 20260101 20400301 bad bad.pem -md sha1

long=$(printf 'x%.0s' $(seq 1 40))
openssl req -new -sha1 -key bad.key -subj "/CN=$long" -out bad.csr

ec nosan.key P-256
openssl req -new -key nosan.key -subj "/CN=nosan.example.test" -out nosan.csr
issue nosan.csr root 20260101 20260121 bare nosan.pem

ec ec384.key P-384
openssl req -new -key ec384.key -subj "/CN=ec.example.test" -out ec384.csr
issue ec384.csr root 20260101 20261201 leaf ec384.pem

openssl genpkey -algorithm ED25519 -out ed25519.key
openssl req -new -key ed25519.key -subj "/CN=ed.example.test" -out ed25519.csr
issue ed25519.csr root 20260101 20261201 leaf ed25519.pem

ec peer.key P-256
openssl req -new -key peer.key -subj "/CN=peer.example.test" -out peer.csr
issue peer.csr root 20260101 20261201 leaf peer.pem

ec other-root.key P-256
openssl req -new -key other-root.key -subj "/CN=Check Other Root CA" -out other-root.csr
key=other-root.key issue other-root.csr self 20250101 20450101 root other-root.pem
openssl req -new -key peer.key -subj "/CN=other.example.test" -out other-leaf.csr
issue other-leaf.csr other-root 20260101 20261201 leaf other-leaf.pem

ec vendor.key P-256
openssl req -new -key vendor.key -subj "/O=Avaya/CN=Avaya Product Root CA" -out vendor.csr
key=vendor.key issue vendor.csr self 20200101 20300101 leaf vendor.pem

for f in *.pem; do openssl x509 -in "$f" -outform DER -out "${f%.pem}.der"; done
for f in good.csr utf8.csr bad.csr ed25519.csr; do openssl req -in "$f" -outform DER -out "${f%.csr}-csr.der"; done
rm -rf ca-work *.cnf
