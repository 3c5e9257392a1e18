/* cd-expiring-view.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cd-types.h"

G_BEGIN_DECLS

#define CD_TYPE_EXPIRING_VIEW (cd_expiring_view_get_type ())

G_DECLARE_FINAL_TYPE (CdExpiringView, cd_expiring_view, CD, EXPIRING_VIEW, GtkWidget)

GtkWidget  *cd_expiring_view_new          (void);
gboolean    cd_expiring_view_reload       (CdExpiringView  *self,
                                           CdDatabase      *database,
                                           guint            days,
                                           GError         **error);
guint       cd_expiring_view_get_days     (CdExpiringView  *self);
GListModel *cd_expiring_view_get_model    (CdExpiringView  *self);
guint       cd_expiring_view_get_n_items  (CdExpiringView  *self);
char       *cd_expiring_view_format_when  (gint64           not_after,
                                           gint64           now);

G_END_DECLS
