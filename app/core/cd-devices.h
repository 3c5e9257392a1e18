/* cd-devices.h
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

/* The devices the watcher checks and what each check saw, kept in the
 * certificate database. Like every CdDatabase call, these belong to the
 * thread that opened the database.
 */

/* How many checks of each device are kept. */
#define CD_DEVICES_KEPT_CHECKS 10

CdDevice      *cd_devices_add                (CdDatabase    *database,
                                              const char    *host,
                                              guint16        port,
                                              CdStarttls     starttls,
                                              const char    *server_name,
                                              const char    *profile_id,
                                              const char    *note,
                                              GError       **error);
GPtrArray     *cd_devices_list               (CdDatabase    *database,
                                              GError       **error);
CdDevice      *cd_devices_find               (CdDatabase    *database,
                                              const char    *address,
                                              GError       **error);
gboolean       cd_devices_remove             (CdDatabase    *database,
                                              gint64         id,
                                              GError       **error);
gboolean       cd_devices_update             (CdDatabase    *database,
                                              gint64         id,
                                              const char    *profile_id,
                                              const char    *note,
                                              GError       **error);
gboolean       cd_devices_record_checks      (CdDatabase    *database,
                                              GPtrArray     *checks,
                                              GError       **error);
CdDeviceCheck *cd_devices_get_last_check     (CdDatabase    *database,
                                              CdDevice      *device,
                                              GError       **error);
GHashTable    *cd_devices_list_last_checks   (CdDatabase    *database,
                                              gboolean       with_certificate,
                                              GError       **error);

/* The list as CSV (cd-devices-csv.c). */
gboolean       cd_devices_import_csv         (CdDatabase    *database,
                                              GFile         *file,
                                              guint         *out_added,
                                              guint         *out_existing,
                                              GError       **error);
gboolean       cd_devices_export_csv         (CdDatabase    *database,
                                              GFile         *file,
                                              GError       **error);

G_END_DECLS
