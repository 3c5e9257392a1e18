#!/bin/sh
# profile-certs.sh
#
# Copyright 2026 The Certdesk authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Makes the certificates test-profiles-shipped checks against the shipped
# device profiles, with openssl 3 (and GnuTLS certtool for the one
# certificate openssl refuses to write). Every certificate gets fixed
# dates from "openssl ca", so a check at a fixed time gives the same
# answer whatever day the test runs.
#
#   profile-certs.sh setup DIR
#       keys rsa1024.key rsa2048.key ec256.key, and the CAs (RSA 2048,
#       SHA-256, PrintableString names, 2015-01-01 to 2037-12-31):
#         root.pem   C=US, ST=CO, O=Your Company Name, CN=Certdesk Profiles Root CA
#         other.pem  the same C/ST/O, CN=Certdesk Profiles Other Root CA
#         avaya.pem  the same C/ST/O, CN=Avaya Product Root CA
#   profile-certs.sh issue DIR NAME KEY DIGEST START END SUBJECT MASK EXTFILE CA
#       DIR/NAME.der: KEY's certificate for SUBJECT ("/C=US/CN=x"),
#       its names encoded by string_mask MASK ("MASK:0x2002" for
#       PrintableString, "utf8only"), the extensions of EXTFILE's
#       [ext] section, signed by CA (root, other, avaya, or self for a
#       self-signed one) with DIGEST; START and END as YYYYMMDDHHMMSSZ.
#   profile-certs.sh issue-long-cn DIR NAME START END CN DNS
#       DIR/NAME.der: rsa2048's server certificate from root with a
#       common name over 64 characters, which openssl will not encode.

set -eu

OPENSSL_CONF=/dev/null
RANDFILE=/dev/null
export OPENSSL_CONF RANDFILE

# "openssl ca" wants a database; -preserveDN and an all-optional policy
# keep the request's names, string types included.
write_ca_config () {
  cat > "$1/ca.cnf" <<EOF
[ca]
default_ca = profile_ca

[profile_ca]
dir = $1
database = $1/index.txt
new_certs_dir = $1/new
serial = $1/serial
policy = policy_any
unique_subject = no
copy_extensions = none
email_in_dn = no

[policy_any]
countryName = optional
stateOrProvinceName = optional
localityName = optional
organizationName = optional
organizationalUnitName = optional
commonName = optional
emailAddress = optional

[req]
distinguished_name = dn
prompt = no

[dn]
EOF
}

request () { # dir key subject mask out
  cat > "$1/req.cnf" <<EOF
[req]
distinguished_name = dn
string_mask = $4
utf8 = yes
[dn]
EOF
  openssl req -new -config "$1/req.cnf" -key "$1/$2" -subj "$3" -out "$5"
}

issue () { # dir name key digest start end subject mask extfile ca
  dir=$1
  req="$dir/$2.csr"
  request "$dir" "$3" "$7" "$8" "$req"
  if [ "${10}" = self ]; then
    signer="-selfsign -keyfile $dir/$3"
  else
    signer="-cert $dir/${10}.pem -keyfile $dir/${10}.key"
  fi
  # shellcheck disable=SC2086
  openssl ca -batch -notext -preserveDN -config "$dir/ca.cnf" $signer \
    -md "$4" -startdate "$5" -enddate "$6" \
    -extfile "$9" -extensions ext -in "$req" -out "$dir/$2.pem" 2>"$dir/ca.log" ||
    { cat "$dir/ca.log" >&2; exit 1; }
  openssl x509 -in "$dir/$2.pem" -outform DER -out "$dir/$2.der"
}

setup () {
  dir=$1
  mkdir -p "$dir/new"
  : > "$dir/index.txt"
  openssl rand -hex 8 > "$dir/serial"
  write_ca_config "$dir"

  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out "$dir/rsa1024.key" 2>/dev/null
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$dir/rsa2048.key" 2>/dev/null
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$dir/ec256.key"

  cat > "$dir/ca-ext.cnf" <<'EOF'
[ext]
basicConstraints = critical, CA:TRUE
keyUsage = keyCertSign, cRLSign
subjectKeyIdentifier = hash
EOF
  for ca in root other avaya; do
    case $ca in
      root) cn="Certdesk Profiles Root CA" ;;
      other) cn="Certdesk Profiles Other Root CA" ;;
      avaya) cn="Avaya Product Root CA" ;;
    esac
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$dir/$ca.key" 2>/dev/null
    issue "$dir" "$ca" "$ca.key" sha256 20150101000000Z 20371231000000Z \
      "/C=US/ST=CO/O=Your Company Name/CN=$cn" "MASK:0x2002" "$dir/ca-ext.cnf" self
  done
}

# certtool writes what openssl will not: a common name over the 64
# characters of RFC 5280's upper bound.
issue_long_cn () { # dir name start end cn dns
  dir=$1
  cat > "$dir/$2.tmpl" <<EOF
cn = "$5"
country = "US"
organization = "Your Company Name"
dns_name = "$6"
serial = 0x$(openssl rand -hex 8)
activation_date = "$(echo "$3" | sed 's/^\(....\)\(..\)\(..\)\(..\)\(..\)\(..\)Z$/\1-\2-\3 \4:\5:\6/')"
expiration_date = "$(echo "$4" | sed 's/^\(....\)\(..\)\(..\)\(..\)\(..\)\(..\)Z$/\1-\2-\3 \4:\5:\6/')"
tls_www_server
tls_www_client
EOF
  certtool --generate-certificate --load-privkey "$dir/rsa2048.key" \
    --load-ca-certificate "$dir/root.pem" --load-ca-privkey "$dir/root.key" \
    --hash SHA256 --template "$dir/$2.tmpl" --outfile "$dir/$2.pem" 2>"$dir/certtool.log" ||
    { cat "$dir/certtool.log" >&2; exit 1; }
  openssl x509 -in "$dir/$2.pem" -outform DER -out "$dir/$2.der"
}

case ${1:-} in
  setup) [ $# -eq 2 ] || exit 2; setup "$2" ;;
  issue) [ $# -eq 11 ] || exit 2; shift; issue "$@" ;;
  issue-long-cn) [ $# -eq 7 ] || exit 2; shift; issue_long_cn "$@" ;;
  *) echo "usage: $0 setup DIR | issue DIR NAME KEY DIGEST START END SUBJECT MASK EXTFILE CA | issue-long-cn DIR NAME START END CN DNS" >&2; exit 2 ;;
esac
