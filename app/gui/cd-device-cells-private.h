/* cd-device-cells-private.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cd-devices-view.h"

G_BEGIN_DECLS

typedef enum
{
  CD_DEVICE_COLUMN_ADDRESS,
  CD_DEVICE_COLUMN_NOTE,
  CD_DEVICE_COLUMN_SUBJECT,
  CD_DEVICE_COLUMN_DAYS,
  CD_DEVICE_COLUMN_CHAIN,
  CD_DEVICE_COLUMN_PROFILE,
  CD_DEVICE_COLUMN_CHECKED,
  CD_DEVICE_COLUMN_ERROR,
} CdDeviceColumn;

void  _cd_device_cells_set_factory      (GtkColumnViewColumn *column,
                                         CdDeviceColumn       which,
                                         CdDevicesView       *view);
guint _cd_devices_view_get_warning_days (CdDevicesView       *view);
const char *_cd_devices_view_get_subject_cn (CdDevicesView *view,
                                             CdDeviceCheck *check);

G_END_DECLS
