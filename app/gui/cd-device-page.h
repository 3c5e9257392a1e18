/* cd-device-page.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cd-chain.h"
#include "cd-device.h"
#include "cd-types.h"

G_BEGIN_DECLS

#define CD_TYPE_DEVICE_PAGE (cd_device_page_get_type ())

G_DECLARE_FINAL_TYPE (CdDevicePage, cd_device_page, CD, DEVICE_PAGE, GtkWidget)

GtkWidget  *cd_device_page_new               (CdDatabase     *database,
                                              CdKeyring      *keyring,
                                              CdDeviceCheck  *check,
                                              guint           warning_days);
CdDeviceCheck *cd_device_page_get_check      (CdDevicePage   *self);
guint       cd_device_page_get_n_certificates (CdDevicePage  *self);
GtkWidget  *cd_device_page_get_import_button (CdDevicePage   *self,
                                              guint           index);
gboolean    cd_device_page_import            (CdDevicePage   *self,
                                              guint           index,
                                              GError        **error);
CdChain    *cd_device_page_get_chain         (CdDevicePage   *self);

G_END_DECLS
