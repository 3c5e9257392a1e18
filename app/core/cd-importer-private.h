/* cd-importer-private.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the files of CdImporter share: cd-importer.c places and commits
 * what a file holds, cd-importer-async.c runs that in a worker thread
 * and cd-import-result.c counts what an import did.
 */

#pragma once

#include "cd-importer.h"
#include "cd-progress-private.h"

G_BEGIN_DECLS

struct _CdImporter
{
  GObject     parent_instance;

  CdDatabase *database;
  CdKeyring  *keyring;
};

struct _CdImportResult
{
  gatomicrefcount ref_count;
  guint           added[CD_N_STORE_KINDS];
  guint           existing[CD_N_STORE_KINDS];
  guint           keys_added;
  guint           keys_existing;
  guint           requests_completed;
  GPtrArray      *pending_roots;   /* of GBytes, DER; roots a CA reply brought */
};

/* cd-importer.c */
CdImportResult *_cd_importer_import_bytes_with_database (CdImporter      *self,
                                                         CdDatabase      *database,
                                                         GBytes          *data,
                                                         const char      *display_name,
                                                         const char      *password,
                                                         CdStoreKind      kind,
                                                         CdProgressFunc   progress,
                                                         gpointer         progress_data,
                                                         GCancellable    *cancellable,
                                                         GError         **error);
CdImportResult *_cd_importer_import_file_with_database  (CdImporter      *self,
                                                         CdDatabase      *database,
                                                         GFile           *file,
                                                         const char      *password,
                                                         CdStoreKind      kind,
                                                         CdProgressFunc   progress,
                                                         gpointer         progress_data,
                                                         GCancellable    *cancellable,
                                                         GError         **error);

G_END_DECLS
