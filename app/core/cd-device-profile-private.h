/* cd-device-profile-private.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cd-device.h"

G_BEGIN_DECLS

/* The one place where a device's presented chain meets its device
 * profile (cd-device-profile.c). Returns "pass", "warning" or "fail",
 * or %NULL when the device has no profile or it cannot be checked.
 */
char *_cd_device_profile_check (CdDatabase *database,
                                CdDevice   *device,
                                GPtrArray  *chain,
                                guint       warning_days);

G_END_DECLS
