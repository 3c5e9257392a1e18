/* cd-device-watcher.h
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

#define CD_DEVICE_WATCHER_DEFAULT_CONCURRENCY  32
#define CD_DEVICE_WATCHER_DEFAULT_WARNING_DAYS 60

#define CD_TYPE_DEVICE_WATCHER (cd_device_watcher_get_type ())

G_DECLARE_FINAL_TYPE (CdDeviceWatcher, cd_device_watcher, CD, DEVICE_WATCHER, GObject)

CdDeviceWatcher *cd_device_watcher_new              (CdDatabase           *database);
void             cd_device_watcher_set_concurrency  (CdDeviceWatcher      *self,
                                                     guint                 concurrency);
void             cd_device_watcher_set_timeout      (CdDeviceWatcher      *self,
                                                     guint                 timeout_ms);
void             cd_device_watcher_set_warning_days (CdDeviceWatcher      *self,
                                                     guint                 warning_days);
guint            cd_device_watcher_get_warning_days (CdDeviceWatcher      *self);

GPtrArray       *cd_device_watcher_check            (CdDeviceWatcher      *self,
                                                     GPtrArray            *devices,
                                                     GCancellable         *cancellable,
                                                     GError              **error);
void             cd_device_watcher_check_async      (CdDeviceWatcher      *self,
                                                     GPtrArray            *devices,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
GPtrArray       *cd_device_watcher_check_finish     (CdDeviceWatcher      *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

G_END_DECLS
