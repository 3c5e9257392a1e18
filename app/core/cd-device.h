/* cd-device.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cd-tls-fetch.h"
#include "cd-types.h"

G_BEGIN_DECLS

#define CD_TYPE_DEVICE       (cd_device_get_type ())
#define CD_TYPE_DEVICE_CHECK (cd_device_check_get_type ())

/* A network endpoint the watcher checks (a row of "devices"). */
G_DECLARE_FINAL_TYPE (CdDevice, cd_device, CD, DEVICE, GObject)
/* What one check of a device saw (a row of "device_checks"). */
G_DECLARE_FINAL_TYPE (CdDeviceCheck, cd_device_check, CD, DEVICE_CHECK, GObject)

/* What changed since a device's previous check; a notification each. */
typedef enum /*< flags >*/
{
  CD_DEVICE_EVENT_NONE           = 0,
  CD_DEVICE_EVENT_WARNING        = 1 << 0,  /* entered the expiry warning window */
  CD_DEVICE_EVENT_EXPIRED        = 1 << 1,  /* its certificate has expired */
  CD_DEVICE_EVENT_PROFILE_FAILS  = 1 << 2,  /* it started failing its device profile */
  CD_DEVICE_EVENT_CHANGED        = 1 << 3,  /* it presents another certificate */
  CD_DEVICE_EVENT_UNREACHABLE    = 1 << 4,  /* it stopped answering */
} CdDeviceEvents;

gint64          cd_device_get_id                     (CdDevice      *self);
const char     *cd_device_get_host                   (CdDevice      *self);
guint16         cd_device_get_port                   (CdDevice      *self);
CdStarttls      cd_device_get_starttls               (CdDevice      *self);
const char     *cd_device_get_server_name            (CdDevice      *self);
const char     *cd_device_get_profile_id             (CdDevice      *self);
const char     *cd_device_get_note                   (CdDevice      *self);
gint64          cd_device_get_added                  (CdDevice      *self);
char           *cd_device_dup_address                (CdDevice      *self);

CdDevice       *cd_device_check_get_device           (CdDeviceCheck *self);
gint64          cd_device_check_get_checked_at       (CdDeviceCheck *self);
const char     *cd_device_check_get_error            (CdDeviceCheck *self);
const char     *cd_device_check_get_leaf_sha256      (CdDeviceCheck *self);
const char     *cd_device_check_get_subject          (CdDeviceCheck *self);
gint64          cd_device_check_get_not_after        (CdDeviceCheck *self);
int             cd_device_check_get_days_left        (CdDeviceCheck *self,
                                                      gint64         now);
const char     *cd_device_check_get_chain_status     (CdDeviceCheck *self);
const char     *cd_device_check_get_chain_status_label (CdDeviceCheck *self);
const char     *cd_device_check_get_profile_status   (CdDeviceCheck *self);
const char     *cd_device_check_get_tls_version      (CdDeviceCheck *self);
const char     *cd_device_check_get_cipher           (CdDeviceCheck *self);
const char * const *cd_device_check_get_accepted_cas (CdDeviceCheck *self);
gboolean        cd_device_check_get_client_cert_requested (CdDeviceCheck *self);
const char     *cd_device_check_get_verify_error     (CdDeviceCheck *self);
GPtrArray      *cd_device_check_get_chain            (CdDeviceCheck *self);
CdDeviceEvents  cd_device_check_get_events           (CdDeviceCheck *self);
gboolean        cd_device_check_is_in_trouble        (CdDeviceCheck *self,
                                                      guint          warning_days,
                                                      gint64         now);

G_END_DECLS
