/* cd-import-queue.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cd-types.h"

G_BEGIN_DECLS

#define CD_TYPE_IMPORT_QUEUE (cd_import_queue_get_type ())

G_DECLARE_FINAL_TYPE (CdImportQueue, cd_import_queue, CD, IMPORT_QUEUE, GObject)

CdImportQueue *cd_import_queue_new              (CdImporter    *importer);
CdImporter    *cd_import_queue_get_importer     (CdImportQueue *self);
void           cd_import_queue_add              (CdImportQueue *self,
                                                 GFile         *file,
                                                 CdStoreKind    kind);
void           cd_import_queue_add_with_password (CdImportQueue *self,
                                                  GFile         *file,
                                                  CdStoreKind    kind,
                                                  const char    *password);
void           cd_import_queue_add_bytes        (CdImportQueue *self,
                                                 GBytes        *data,
                                                 const char    *display_name,
                                                 CdStoreKind    kind);
gboolean       cd_import_queue_get_busy         (CdImportQueue *self);
guint          cd_import_queue_get_position     (CdImportQueue *self);
guint          cd_import_queue_get_n_files      (CdImportQueue *self);
double         cd_import_queue_get_fraction     (CdImportQueue *self);
const char    *cd_import_queue_get_current_name (CdImportQueue *self);
gboolean       cd_import_queue_get_waiting      (CdImportQueue *self);
void           cd_import_queue_answer_password  (CdImportQueue *self,
                                                 const char    *password);
void           cd_import_queue_cancel           (CdImportQueue *self);

G_END_DECLS
