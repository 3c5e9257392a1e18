/* cd-device-row.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cd-device.h"

G_BEGIN_DECLS

#define CD_TYPE_DEVICE_ROW (cd_device_row_get_type ())

G_DECLARE_FINAL_TYPE (CdDeviceRow, cd_device_row, CD, DEVICE_ROW, GObject)

CdDeviceRow   *cd_device_row_new       (CdDevice      *device,
                                        CdDeviceCheck *check);
CdDevice      *cd_device_row_get_device (CdDeviceRow  *self);
CdDeviceCheck *cd_device_row_get_check (CdDeviceRow   *self);
char          *cd_device_row_dup_address (CdDeviceRow *self);

G_END_DECLS
