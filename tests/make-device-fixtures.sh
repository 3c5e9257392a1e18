#!/bin/sh
# make-device-fixtures.sh
#
# Copyright 2026 The Certdesk authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Server certificates for the device tests, made by openssl in FIXTURES
# (the output of make-fixtures.sh, whose int.pem/int.key sign them):
#   expired.pem expired.key  "expired.example.test", valid 2020-01-01 to 2020-02-01
#   soon.pem soon.key        "soon.example.test", expires in 30 days
#   renewed.pem renewed.key  "server.example.test" again, another key and serial
#   self.pem self.key        self-signed "self.example.test"
# Usage: make-device-fixtures.sh FIXTURES

set -eu
cd "$1"
OPENSSL_CONF=/dev/null
RANDFILE=/dev/null
export OPENSSL_CONF RANDFILE

cat > device-ext.cnf <<'CNF'
[server]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:$ENV::CD_SAN
authorityKeyIdentifier = keyid

[ca]
default_ca = devices

[devices]
database = device-index.txt
new_certs_dir = device-new
serial = device-serial
default_md = sha256
policy = anything
unique_subject = no
copy_extensions = none
x509_extensions = server

[anything]
commonName = supplied
organizationName = optional
CNF
: > device-index.txt
mkdir -p device-new
openssl rand -hex 8 > device-serial

issue ()
{
  name=$1 cn=$2
  shift 2
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$name.key"
  openssl req -new -key "$name.key" -subj "/O=Certdesk Tests/CN=$cn" -out "$name.csr"
  CD_SAN=$cn openssl ca -batch -config device-ext.cnf -cert int.pem -keyfile int.key \
    -in "$name.csr" -out "$name.pem" -notext "$@" 2> /dev/null
  rm -f "$name.csr"
}

issue expired expired.example.test -startdate 20200101000000Z -enddate 20200201000000Z
issue soon soon.example.test -days 30
issue renewed server.example.test -days 3650

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout self.key \
  -subj "/CN=self.example.test" -days 3650 -out self.pem 2> /dev/null

rm -rf device-ext.cnf device-index.txt* device-serial* device-new
