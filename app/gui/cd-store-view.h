/* cd-store-view.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cd-types.h"

G_BEGIN_DECLS

#define CD_TYPE_STORE_VIEW (cd_store_view_get_type ())

G_DECLARE_FINAL_TYPE (CdStoreView, cd_store_view, CD, STORE_VIEW, GtkWidget)

GtkWidget  *cd_store_view_new             (void);
CdStore    *cd_store_view_get_store       (CdStoreView *self);
void        cd_store_view_set_store       (CdStoreView *self,
                                           CdStore     *store);
const char *cd_store_view_get_search_text (CdStoreView *self);
void        cd_store_view_set_search_text (CdStoreView *self,
                                           const char  *search_text);
GListModel *cd_store_view_get_model       (CdStoreView *self);
guint       cd_store_view_get_n_items     (CdStoreView *self);
guint       cd_store_view_get_n_visible   (CdStoreView *self);
GPtrArray  *cd_store_view_dup_selected    (CdStoreView *self);
void        cd_store_view_select          (CdStoreView *self,
                                           guint        position,
                                           gboolean     unselect_rest);
char       *cd_store_view_format_drag_text (GPtrArray   *rows);

G_END_DECLS
