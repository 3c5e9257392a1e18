/* cd-device-add-dialog.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cd-device.h"
#include "cd-types.h"

G_BEGIN_DECLS

#define CD_TYPE_DEVICE_ADD_DIALOG (cd_device_add_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CdDeviceAddDialog, cd_device_add_dialog, CD, DEVICE_ADD_DIALOG, AdwWindow)

CdDeviceAddDialog *cd_device_add_dialog_new (GtkWindow          *parent,
                                             CdDatabase         *database);
CdDevice          *cd_device_add_dialog_add (CdDeviceAddDialog  *self,
                                             GError            **error);

G_END_DECLS
