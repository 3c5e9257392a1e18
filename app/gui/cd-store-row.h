/* cd-store-row.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cd-types.h"

G_BEGIN_DECLS

#define CD_TYPE_STORE_ROW (cd_store_row_get_type ())

G_DECLARE_FINAL_TYPE (CdStoreRow, cd_store_row, CD, STORE_ROW, GtkListBoxRow)

GtkWidget   *cd_store_row_new       (CdStoreKind  kind);
CdStoreKind  cd_store_row_get_kind  (CdStoreRow  *self);
guint        cd_store_row_get_count (CdStoreRow  *self);
void         cd_store_row_set_count (CdStoreRow  *self,
                                     guint        count);

G_END_DECLS
