/* cd-import-formats-private.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* Between cd-import-bundle.c, which finds out a file's format and reads
 * DER and Base64, cd-import-pem.c, which scans and decodes PEM blocks,
 * and cd-import-pkcs12.c, which unpacks PKCS#7 and PKCS#12: building a
 * bundle, and the errors every format reports alike.
 */

#include <openssl/evp.h>
#include <openssl/pkcs12.h>
#include <openssl/pkcs7.h>
#include <openssl/x509.h>

#include "cd-import-bundle-private.h"

G_BEGIN_DECLS

#define PEM_BEGIN     "-----BEGIN "

CdImportBundle *_cd_import_bundle_new               (const char            *display_name);
void            _cd_import_bundle_take_cert         (CdImportBundle        *bundle,
                                                     X509                  *cert,
                                                     char                  *name);
gboolean        _cd_import_bundle_is_empty          (const CdImportBundle  *bundle);
void            _cd_import_bundle_merge             (CdImportBundle        *into,
                                                     CdImportBundle        *from);
const guint8   *_cd_import_find_bytes               (const guint8          *haystack,
                                                     gsize                  len,
                                                     const char            *needle);

gboolean        _cd_import_drain_openssl_errors     (void);
void            _cd_import_set_unsupported_error    (GError               **error,
                                                     const char            *display_name);
void            _cd_import_set_corrupt_error        (GError               **error,
                                                     const char            *display_name);
void            _cd_import_set_openssl_error        (GError               **error,
                                                     const char            *display_name);
void            _cd_import_set_needs_password_error (GError               **error,
                                                     const char            *display_name);
void            _cd_import_set_bad_password_error   (GError               **error,
                                                     const char            *display_name);

EVP_PKEY       *_cd_import_decrypt_pkcs8            (const X509_SIG        *sig,
                                                     const char            *password,
                                                     const char            *display_name,
                                                     GError               **error);

/* cd-import-pem.c */
gboolean        _cd_import_parse_pem                (CdImportBundle        *bundle,
                                                     const guint8          *data,
                                                     gsize                  len,
                                                     const char            *password,
                                                     CdProgressFunc         progress,
                                                     gpointer               progress_data,
                                                     GCancellable          *cancellable,
                                                     GError               **error);

/* cd-import-pkcs12.c */
gboolean        _cd_import_add_pkcs7_certs          (CdImportBundle        *bundle,
                                                     PKCS7                 *p7,
                                                     GError               **error);
gboolean        _cd_import_parse_pkcs12             (CdImportBundle        *bundle,
                                                     PKCS12                *p12,
                                                     const char            *password,
                                                     GError               **error);

G_END_DECLS
