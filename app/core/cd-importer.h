/* cd-importer.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cd-types.h"

G_BEGIN_DECLS

#define CD_TYPE_IMPORTER      (cd_importer_get_type ())
#define CD_TYPE_IMPORT_RESULT (cd_import_result_get_type ())

G_DECLARE_FINAL_TYPE (CdImporter, cd_importer, CD, IMPORTER, GObject)

GType           cd_import_result_get_type        (void) G_GNUC_CONST;
CdImportResult *cd_import_result_new             (void);
CdImportResult *cd_import_result_ref             (CdImportResult  *result);
void            cd_import_result_unref           (CdImportResult  *result);
void            cd_import_result_merge           (CdImportResult  *result,
                                                  CdImportResult  *other);
guint           cd_import_result_get_added       (CdImportResult  *result,
                                                  CdStoreKind      kind);
guint           cd_import_result_get_existing    (CdImportResult  *result,
                                                  CdStoreKind      kind);
guint           cd_import_result_get_keys_added  (CdImportResult  *result);
guint           cd_import_result_get_keys_existing (CdImportResult *result);
guint           cd_import_result_get_total_added (CdImportResult  *result);
guint           cd_import_result_get_requests_completed (CdImportResult *result);
GPtrArray      *cd_import_result_get_pending_roots (CdImportResult *result);
char           *cd_import_result_dup_summary     (CdImportResult  *result);

CdImporter     *cd_importer_new                  (CdDatabase      *database,
                                                  CdKeyring       *keyring);
CdImportResult *cd_importer_import_file          (CdImporter      *self,
                                                  GFile           *file,
                                                  const char      *password,
                                                  CdStoreKind      kind,
                                                  CdProgressFunc   progress,
                                                  gpointer         progress_data,
                                                  GCancellable    *cancellable,
                                                  GError         **error);
CdImportResult *cd_importer_import_bytes         (CdImporter      *self,
                                                  GBytes          *data,
                                                  const char      *display_name,
                                                  const char      *password,
                                                  CdStoreKind      kind,
                                                  CdProgressFunc   progress,
                                                  gpointer         progress_data,
                                                  GCancellable    *cancellable,
                                                  GError         **error);
void            cd_importer_import_file_async    (CdImporter          *self,
                                                  GFile               *file,
                                                  const char          *password,
                                                  CdStoreKind          kind,
                                                  CdProgressFunc       progress,
                                                  gpointer             progress_data,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
CdImportResult *cd_importer_import_file_finish   (CdImporter          *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
void            cd_importer_import_bytes_async   (CdImporter          *self,
                                                  GBytes              *data,
                                                  const char          *display_name,
                                                  const char          *password,
                                                  CdStoreKind          kind,
                                                  CdProgressFunc       progress,
                                                  gpointer             progress_data,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
CdImportResult *cd_importer_import_bytes_finish  (CdImporter          *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdImportResult, cd_import_result_unref)

G_END_DECLS
