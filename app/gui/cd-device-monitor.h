/* cd-device-monitor.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cd-device.h"
#include "cd-types.h"

G_BEGIN_DECLS

#define CD_TYPE_DEVICE_MONITOR (cd_device_monitor_get_type ())

G_DECLARE_FINAL_TYPE (CdDeviceMonitor, cd_device_monitor, CD, DEVICE_MONITOR, GObject)

CdDeviceMonitor *cd_device_monitor_new                (CdDatabase       *database,
                                                       GSettings        *settings);
void             cd_device_monitor_set_application    (CdDeviceMonitor  *self,
                                                       GApplication     *application);
gboolean         cd_device_monitor_check              (CdDeviceMonitor  *self,
                                                       GPtrArray        *devices);
void             cd_device_monitor_cancel             (CdDeviceMonitor  *self);
gboolean         cd_device_monitor_get_running        (CdDeviceMonitor  *self);
guint            cd_device_monitor_get_warning_days   (CdDeviceMonitor  *self);
guint            cd_device_monitor_get_interval       (CdDeviceMonitor  *self);
void             cd_device_monitor_set_timeout        (CdDeviceMonitor  *self,
                                                       guint             timeout_ms);

gint64           cd_device_monitor_describe_events    (CdDeviceEvents    kind,
                                                       GPtrArray        *checks,
                                                       guint             warning_days,
                                                       gint64            now,
                                                       char            **out_title,
                                                       char            **out_body);
GNotification   *cd_device_monitor_build_notification (CdDeviceEvents    kind,
                                                       GPtrArray        *checks,
                                                       guint             warning_days,
                                                       gint64            now,
                                                       char            **out_id);

G_END_DECLS
