/* cd-import-bundle-private.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include "cd-types.h"

G_BEGIN_DECLS

/* Files larger than this are refused before they are read whole. */
#define CD_IMPORT_MAX_SIZE (32 * 1024 * 1024)

/* What one file holds once parsed: nothing is written anywhere yet.
 * The format is found from the content alone, never from the name.
 */
typedef struct
{
  char      *display_name;   /* the file's name, for messages */
  GPtrArray *certs;          /* X509 *, in file order */
  GPtrArray *cert_names;     /* char *, parallel to certs; friendly name or NULL */
  GPtrArray *keys;           /* EVP_PKEY * */
  GPtrArray *requests;       /* X509_REQ * */
  const char *format;        /* "PEM", "DER", "PKCS#12", "PKCS#7", "Base64", for messages */
} CdImportBundle;

GBytes         *cd_import_read_file       (GFile           *file,
                                           GCancellable    *cancellable,
                                           GError         **error);
CdImportBundle *cd_import_bundle_parse    (GBytes          *data,
                                           const char      *display_name,
                                           const char      *password,
                                           CdProgressFunc   progress,
                                           gpointer         progress_data,
                                           GCancellable    *cancellable,
                                           GError         **error);
void            cd_import_bundle_free     (CdImportBundle  *bundle);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdImportBundle, cd_import_bundle_free)

G_END_DECLS
