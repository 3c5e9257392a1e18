/* cd-exporter.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cd-types.h"

G_BEGIN_DECLS

/* What an export writes. The formats with a key take exactly one
 * certificate; DER too. PEM, PEM_CHAIN and the PKCS#7 ones take
 * several, all in one file.
 */
typedef enum
{
  CD_EXPORT_FORMAT_DER,             /* one certificate, binary (.cer) */
  CD_EXPORT_FORMAT_PEM,             /* certificates, Base-64 (.crt, .pem) */
  CD_EXPORT_FORMAT_PEM_CHAIN,       /* leaf to root in PEM, root optional */
  CD_EXPORT_FORMAT_P7B_DER,         /* PKCS#7 certificates-only, binary */
  CD_EXPORT_FORMAT_P7B_PEM,         /* the same, Base-64 */
  CD_EXPORT_FORMAT_PKCS12,          /* AES-256-CBC, PBKDF2, SHA-256 MAC */
  CD_EXPORT_FORMAT_PKCS12_LEGACY,   /* 3DES, SHA-1 MAC, for older devices */
  CD_EXPORT_FORMAT_PEM_KEY_CERT,    /* certificate and key in PEM, one or two files */
  CD_EXPORT_FORMAT_KEY,             /* the private key alone in PEM */
} CdExportFormat;

/* How a PEM private key is written. */
typedef enum
{
  CD_EXPORT_KEY_FORMAT_PKCS8,       /* "PRIVATE KEY" / "ENCRYPTED PRIVATE KEY" */
  CD_EXPORT_KEY_FORMAT_PKCS1,       /* "RSA PRIVATE KEY" (traditional, per algorithm) */
} CdExportKeyFormat;

typedef struct _CdExportOptions CdExportOptions;

#define CD_TYPE_EXPORTER       (cd_exporter_get_type ())
#define CD_TYPE_EXPORT_OPTIONS (cd_export_options_get_type ())

G_DECLARE_FINAL_TYPE (CdExporter, cd_exporter, CD, EXPORTER, GObject)

GType              cd_export_options_get_type                  (void) G_GNUC_CONST;
CdExportOptions   *cd_export_options_new                       (CdExportFormat     format);
CdExportOptions   *cd_export_options_ref                       (CdExportOptions   *self);
void               cd_export_options_unref                     (CdExportOptions   *self);
CdExportFormat     cd_export_options_get_format                (CdExportOptions   *self);
gboolean           cd_export_options_get_has_key               (CdExportOptions   *self);
void               cd_export_options_set_include_chain         (CdExportOptions   *self,
                                                                gboolean           include_chain);
gboolean           cd_export_options_get_include_chain         (CdExportOptions   *self);
void               cd_export_options_set_include_root          (CdExportOptions   *self,
                                                                gboolean           include_root);
gboolean           cd_export_options_get_include_root          (CdExportOptions   *self);
void               cd_export_options_set_key_format            (CdExportOptions   *self,
                                                                CdExportKeyFormat  key_format);
CdExportKeyFormat  cd_export_options_get_key_format            (CdExportOptions   *self);
void               cd_export_options_set_key_first             (CdExportOptions   *self,
                                                                gboolean           key_first);
gboolean           cd_export_options_get_key_first             (CdExportOptions   *self);
void               cd_export_options_set_password              (CdExportOptions   *self,
                                                                const char        *password);
gboolean           cd_export_options_get_has_password          (CdExportOptions   *self);
void               cd_export_options_set_allow_unencrypted_key (CdExportOptions   *self,
                                                                gboolean           allow);
gboolean           cd_export_options_get_allow_unencrypted_key (CdExportOptions   *self);
void               cd_export_options_set_friendly_name         (CdExportOptions   *self,
                                                                const char        *friendly_name);
const char        *cd_export_options_get_friendly_name         (CdExportOptions   *self);
void               cd_export_options_set_delete_key            (CdExportOptions   *self,
                                                                gboolean           delete_key);
gboolean           cd_export_options_get_delete_key            (CdExportOptions   *self);

CdExporter        *cd_exporter_new                             (CdDatabase        *database,
                                                                CdKeyring         *keyring);
GBytes            *cd_exporter_export_to_bytes                 (CdExporter        *self,
                                                                GPtrArray         *rows,
                                                                CdExportOptions   *options,
                                                                GCancellable      *cancellable,
                                                                GError           **error);
gboolean           cd_exporter_export_to_file                  (CdExporter        *self,
                                                                GPtrArray         *rows,
                                                                CdExportOptions   *options,
                                                                GFile             *file,
                                                                GFile             *key_file,
                                                                CdProgressFunc     progress,
                                                                gpointer           progress_data,
                                                                GCancellable      *cancellable,
                                                                GError           **error);
void               cd_exporter_export_async                    (CdExporter          *self,
                                                                GPtrArray           *rows,
                                                                CdExportOptions     *options,
                                                                GFile               *file,
                                                                GFile               *key_file,
                                                                CdProgressFunc       progress,
                                                                gpointer             progress_data,
                                                                GCancellable        *cancellable,
                                                                GAsyncReadyCallback  callback,
                                                                gpointer             user_data);
gboolean           cd_exporter_export_finish                   (CdExporter          *self,
                                                                GAsyncResult        *result,
                                                                GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdExportOptions, cd_export_options_unref)

G_END_DECLS
