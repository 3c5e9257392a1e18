/* cd-path-page.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cd-chain.h"

G_BEGIN_DECLS

#define CD_TYPE_PATH_PAGE (cd_path_page_get_type ())

G_DECLARE_FINAL_TYPE (CdPathPage, cd_path_page, CD, PATH_PAGE, GtkWidget)

GtkWidget  *cd_path_page_new                (void);
void        cd_path_page_set_chain          (CdPathPage *self,
                                             CdChain    *chain);
GListModel *cd_path_page_get_elements       (CdPathPage *self);
void        cd_path_page_select             (CdPathPage *self,
                                             guint       position);
const char *cd_path_page_get_status_text    (CdPathPage *self);
gboolean    cd_path_page_get_system_anchors (CdPathPage *self);
void        cd_path_page_set_system_anchors (CdPathPage *self,
                                             gboolean    system_anchors);

G_END_DECLS
