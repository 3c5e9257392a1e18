#!/bin/sh
# make-chain-fixtures.sh
#
# Copyright 2026 The Certdesk authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Makes the certificate chains the chain tests verify, with openssl 3 into
# OUTDIR. Every certificate is issued by "openssl ca" with fixed dates, so
# that a test checking at a fixed time (2026-06-01, CHAIN_NOW in
# test-chain.c) gets the same answer whatever day it runs. EC P-256 keys
# keep it fast (0.4 s). Usage: make-chain-fixtures.sh OUTDIR
#
# The list the tests rely on (CN; issuer; validity):
#   root.pem root.key          "Certdesk Chain Root CA"; self-signed; 2025 → 2045
#   int.pem int.key            "Certdesk Chain Intermediate CA"; root; 2025 → 2040
#   leaf.pem                   "valid.chain.test"; int; 2025 → 2035
#   chain.pem                  leaf + int + root
#   expired-int.pem            "Certdesk Chain Expired Intermediate CA"; root; 2020 → 2021
#   expired-int-leaf.pem       "under-expired.chain.test"; expired-int; 2025 → 2035
#   missing-int.pem            "Certdesk Chain Missing Intermediate CA"; root; never imported
#   orphan-leaf.pem            "orphan.chain.test"; missing-int; 2025 → 2035
#   self-signed.pem            "self.chain.test"; itself, CA:FALSE; 2025 → 2035
#   bad-signature-leaf.pem     "badsig.chain.test": names int as issuer (no authority key
#                              id) but is signed by another key
#   nc-int.pem                 "Certdesk Chain Constrained Intermediate CA"; root;
#                              nameConstraints permitted DNS .good.test
#   nc-good-leaf.pem           "www.good.test"; nc-int: inside the constraint
#   nc-evil-leaf.pem           "evil.test"; nc-int: outside it
#   distrusted-int.pem         "Certdesk Chain Distrusted Intermediate CA"; root
#   distrusted-leaf.pem        "distrusted.chain.test"; distrusted-int
#   future-leaf.pem            "future.chain.test"; int; 2030 → 2040 (not yet valid)
#   other-root.pem             "Certdesk Chain Other Root CA"; self-signed; never trusted
#   other-leaf.pem             "other.chain.test"; other-root; 2025 → 2035

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

# "openssl ca" is the one openssl 3.0 command that takes a start date;
# it wants a database and a policy, which stay in a work folder.
mkdir -p ca-work/new
: > ca-work/index.txt

cat > ca.cnf <<'EOF'
[ca]
default_ca = chain_ca

[chain_ca]
database = ca-work/index.txt
new_certs_dir = ca-work/new
rand_serial = yes
default_md = sha256
policy = policy_any
unique_subject = no
preserve = yes
email_in_dn = no

[policy_any]
organizationName = optional
commonName = supplied

[root]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash

[int]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid

[nc_int]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
nameConstraints = critical, permitted;DNS:.good.test
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid

[self]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:self.chain.test
subjectKeyIdentifier = hash

# A leaf with no authority key id (openssl 3 adds one unless told
# "none"): nothing but its issuer name ties it to an issuer, so the
# chain builder takes the real intermediate and only the signature
# check can tell the difference.
[bad_signature]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:badsig.chain.test
subjectKeyIdentifier = none
authorityKeyIdentifier = none
EOF

newkey ()
{
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1"
}

# Issues CERT for KEY with CN from the CA whose files are CA.pem and
# CA.key ("self" for self-signed), valid FROM → TO (YYYYMMDD), with
# the extension SECTION; an optional SAN adds a subjectAltName DNS name.
issue ()
{
  key=$1 cn=$2 ca=$3 from=$4 to=$5 section=$6 cert=$7 san=${8:-}
  extfile=ca.cnf

  if [ -n "$san" ]; then
    extfile=$cert.ext.tmp
    {
      echo "[leaf]"
      echo "basicConstraints = critical, CA:FALSE"
      echo "keyUsage = critical, digitalSignature"
      echo "extendedKeyUsage = serverAuth"
      echo "subjectAltName = DNS:$san"
      echo "subjectKeyIdentifier = hash"
      echo "authorityKeyIdentifier = keyid"
    } > "$extfile"
  fi

  openssl req -new -key "$key" -subj "/O=Certdesk Tests/CN=$cn" -out "$cert.csr.tmp"
  if [ "$ca" = self ]; then
    set -- -selfsign -keyfile "$key"
  else
    set -- -cert "$ca.pem" -keyfile "$ca.key"
  fi
  openssl ca -batch -config ca.cnf "$@" -in "$cert.csr.tmp" -notext \
    -startdate "${from}000000Z" -enddate "${to}000000Z" \
    -extfile "$extfile" -extensions "$section" -out "$cert" 2>/dev/null
  rm -f "$cert.csr.tmp" "$cert.ext.tmp"
}

# --- the valid three-level chain ---------------------------------------------

newkey root.key
issue root.key "Certdesk Chain Root CA" self 20250101 20450101 root root.pem
newkey int.key
issue int.key "Certdesk Chain Intermediate CA" root 20250101 20400101 int int.pem
newkey leaf.key
issue leaf.key "valid.chain.test" int 20250101 20350101 leaf leaf.pem valid.chain.test
cat leaf.pem int.pem root.pem > chain.pem

# --- an expired intermediate -------------------------------------------------

newkey expired-int.key
issue expired-int.key "Certdesk Chain Expired Intermediate CA" root 20200101 20210101 int expired-int.pem
issue leaf.key "under-expired.chain.test" expired-int 20250101 20350101 leaf expired-int-leaf.pem \
  under-expired.chain.test

# --- a missing intermediate --------------------------------------------------

newkey missing-int.key
issue missing-int.key "Certdesk Chain Missing Intermediate CA" root 20250101 20400101 int missing-int.pem
issue leaf.key "orphan.chain.test" missing-int 20250101 20350101 leaf orphan-leaf.pem orphan.chain.test

# --- a self-signed leaf ------------------------------------------------------

newkey self-signed.key
issue self-signed.key "self.chain.test" self 20250101 20350101 self self-signed.pem

# --- a wrong signature -------------------------------------------------------

# An impostor with the intermediate's name and a key of its own signs
# the leaf; only the impostor's key is ever used, never imported.
newkey impostor.key
issue impostor.key "Certdesk Chain Intermediate CA" self 20250101 20400101 root impostor.pem
issue leaf.key "badsig.chain.test" impostor 20250101 20350101 bad_signature bad-signature-leaf.pem

# --- name constraints ----------------------------------------------------------

newkey nc-int.key
issue nc-int.key "Certdesk Chain Constrained Intermediate CA" root 20250101 20400101 nc_int nc-int.pem
issue leaf.key "www.good.test" nc-int 20250101 20350101 leaf nc-good-leaf.pem www.good.test
issue leaf.key "evil.test" nc-int 20250101 20350101 leaf nc-evil-leaf.pem evil.test

# --- an intermediate the tests put in Untrusted Certificates -----------------

newkey distrusted-int.key
issue distrusted-int.key "Certdesk Chain Distrusted Intermediate CA" root 20250101 20400101 int \
  distrusted-int.pem
issue leaf.key "distrusted.chain.test" distrusted-int 20250101 20350101 leaf distrusted-leaf.pem \
  distrusted.chain.test

# --- not yet valid, and a root nobody trusts ---------------------------------

issue leaf.key "future.chain.test" int 20300101 20400101 leaf future-leaf.pem future.chain.test

newkey other-root.key
issue other-root.key "Certdesk Chain Other Root CA" self 20250101 20450101 root other-root.pem
issue leaf.key "other.chain.test" other-root 20250101 20350101 leaf other-leaf.pem other.chain.test

rm -rf ca-work ca.cnf impostor.pem
