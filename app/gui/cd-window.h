/* cd-window.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cd-device-monitor.h"
#include "cd-types.h"

G_BEGIN_DECLS

#define CD_TYPE_WINDOW (cd_window_get_type ())

G_DECLARE_FINAL_TYPE (CdWindow, cd_window, CD, WINDOW, AdwApplicationWindow)

CdWindow    *cd_window_new                 (GtkApplication  *application,
                                            CdDatabase      *database,
                                            CdKeyring       *keyring);
CdDatabase  *cd_window_get_database        (CdWindow        *self);
CdKeyring   *cd_window_get_keyring         (CdWindow        *self);
CdStoreKind  cd_window_get_selected_store  (CdWindow        *self);
void         cd_window_select_store        (CdWindow        *self,
                                            CdStoreKind      kind);
void         cd_window_import_files        (CdWindow        *self,
                                            GFile          **files,
                                            guint            n_files,
                                            CdStoreKind      kind);
gboolean     cd_window_get_importing       (CdWindow        *self);
void         cd_window_reload              (CdWindow        *self);
void         cd_window_show_database_error (CdWindow        *self,
                                            const GError    *error);
void         cd_window_show_expiring       (CdWindow        *self);
gboolean     cd_window_get_showing_expiring (CdWindow       *self);
void         cd_window_show_preferences    (CdWindow        *self);
GtkWindow   *cd_window_show_certificate    (CdWindow        *self,
                                            CdCertificate   *certificate);
void         cd_window_show_devices        (CdWindow        *self,
                                            gint64           device_id);
gboolean     cd_window_get_showing_devices (CdWindow        *self);
CdDeviceMonitor *cd_window_get_device_monitor (CdWindow     *self);
GtkWindow   *cd_window_show_device_certificate (CdWindow    *self,
                                            CdDevice        *device);
void         cd_window_open_files          (CdWindow        *self,
                                            GFile          **files,
                                            guint            n_files);
GtkWindow   *cd_window_new_request         (CdWindow        *self,
                                            CdCertificate   *certificate,
                                            GtkWindow       *parent);
gboolean     cd_window_drop_certificates   (CdWindow        *self,
                                            const char      *text,
                                            CdStoreKind      kind,
                                            GdkDragAction    action);

G_END_DECLS
