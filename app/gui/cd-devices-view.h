/* cd-devices-view.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cd-device-monitor.h"
#include "cd-device-row.h"
#include "cd-types.h"

G_BEGIN_DECLS

#define CD_TYPE_DEVICES_VIEW (cd_devices_view_get_type ())

G_DECLARE_FINAL_TYPE (CdDevicesView, cd_devices_view, CD, DEVICES_VIEW, GtkWidget)

GtkWidget   *cd_devices_view_new               (void);
void         cd_devices_view_set_database      (CdDevicesView    *self,
                                                CdDatabase       *database);
void         cd_devices_view_set_monitor       (CdDevicesView    *self,
                                                CdDeviceMonitor  *monitor);
gboolean     cd_devices_view_reload            (CdDevicesView    *self,
                                                GError          **error);
GListModel  *cd_devices_view_get_model         (CdDevicesView    *self);
guint        cd_devices_view_get_n_items       (CdDevicesView    *self);
gboolean     cd_devices_view_select_device     (CdDevicesView    *self,
                                                gint64            id);
GtkWindow   *cd_devices_view_add_device        (CdDevicesView    *self);
void         cd_devices_view_remove_selected   (CdDevicesView    *self);
gboolean     cd_devices_view_check_now         (CdDevicesView    *self);
gboolean     cd_devices_view_import_csv        (CdDevicesView    *self,
                                                GFile            *file,
                                                GError          **error);
gboolean     cd_devices_view_export_csv        (CdDevicesView    *self,
                                                GFile            *file,
                                                GError          **error);

/* The words the cells show (cd-device-cells.c). */
char        *cd_devices_view_format_days       (CdDeviceCheck    *check,
                                                gint64            now);
char        *cd_devices_view_format_checked    (gint64            checked_at,
                                                gint64            now);
const char  *cd_devices_view_get_profile_label (CdDeviceCheck    *check);

G_END_DECLS
