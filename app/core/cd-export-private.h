/* cd-export-private.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* Between CdExporter, which gathers certificates and keys,
 * cd-export-encode.c, which turns them into the bytes of each format,
 * and cd-export-file.c, which writes files atomically.
 */

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include "cd-exporter.h"

G_BEGIN_DECLS

/* A file written next to its target, not yet renamed over it. */
typedef struct
{
  char *path;
  char *tmp_path;   /* set while the temporary exists */
} CdStagedFile;

gboolean    _cd_staged_file_write           (CdStagedFile     *staged,
                                             GFile            *file,
                                             BIO              *content,
                                             gboolean          secret,
                                             GCancellable     *cancellable,
                                             GError          **error);
gboolean    _cd_staged_file_commit          (CdStagedFile     *staged,
                                             GError          **error);
void        _cd_staged_file_clear           (CdStagedFile     *staged);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CdStagedFile, _cd_staged_file_clear)

const char *_cd_export_options_get_password (CdExportOptions  *self);

gboolean    _cd_export_write_certificates   (BIO              *out,
                                             CdExportFormat    format,
                                             STACK_OF(X509)   *certs,
                                             GError          **error);
gboolean    _cd_export_write_key            (BIO              *out,
                                             EVP_PKEY         *key,
                                             CdExportOptions  *options,
                                             GError          **error);
gboolean    _cd_export_write_pkcs12         (BIO              *out,
                                             X509             *cert,
                                             EVP_PKEY         *key,
                                             STACK_OF(X509)   *chain,
                                             const char       *friendly_name,
                                             CdExportOptions  *options,
                                             GError          **error);

G_END_DECLS
