/* cd-x509-private.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include "cd-types.h"

G_BEGIN_DECLS

CdCertificate *_cd_certificate_new_from_x509    (X509       *cert,
                                                 const char *friendly_name);
CdCertificate *_cd_certificate_new_from_request (X509_REQ   *request);
GBytes        *_cd_x509_to_der                  (X509       *cert);
GBytes        *_cd_x509_request_to_der          (X509_REQ   *request);
char          *_cd_x509_key_id                  (EVP_PKEY   *key);
const char    *_cd_x509_key_algorithm           (EVP_PKEY   *key);
char          *_cd_x509_key_to_pkcs8_pem        (EVP_PKEY   *key);
void           _cd_x509_free_secret             (char       *secret);

G_END_DECLS
