/* cd-import-progress.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cd-import-queue.h"

G_BEGIN_DECLS

#define CD_TYPE_IMPORT_PROGRESS (cd_import_progress_get_type ())

G_DECLARE_FINAL_TYPE (CdImportProgress, cd_import_progress, CD, IMPORT_PROGRESS, GtkWidget)

GtkWidget     *cd_import_progress_new       (void);
CdImportQueue *cd_import_progress_get_queue (CdImportProgress *self);
void           cd_import_progress_set_queue (CdImportProgress *self,
                                             CdImportQueue    *queue);

G_END_DECLS
