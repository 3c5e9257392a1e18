/* cd-device-profile-private.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cd-chain.h"
#include "cd-device.h"
#include "cd-profile.h"

G_BEGIN_DECLS

/* The one place where a device's presented chain meets its device
 * profile (cd-device-profile.c). @chain is the one built from the
 * stores, %NULL when none; @presented the DER certificates the server
 * sent, leaf first. Returns "pass", "warning" or "fail",
 * or %NULL when the device has no profile or it cannot be checked.
 */
char *_cd_device_profile_check (CdDevice   *device,
                                CdChain    *chain,
                                GPtrArray  *presented,
                                guint       warning_days);
/* The same check, rule by rule (a GListModel of CdCheckResult), for the
 * GUI's checklist; @out_profile gets the profile that was run.
 */
GListModel *_cd_device_profile_run (CdDevice   *device,
                                    CdChain    *chain,
                                    GPtrArray  *presented,
                                    guint       warning_days,
                                    CdProfile **out_profile);

G_END_DECLS
