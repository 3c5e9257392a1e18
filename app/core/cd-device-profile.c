/* cd-device-profile.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The seam between the device watcher and the device profiles (issue
 * 6). The profile engine (cd_profile_check () in cd-check.h) is built
 * on its own branch; until it is merged, a device's profile is kept
 * but not checked, and the watcher reports no profile result.
 */

#define G_LOG_DOMAIN "cd-device"

#include "config.h"

#include "cd-device-private.h"
#include "cd-device-profile-private.h"

char *
_cd_device_profile_check (CdDatabase *database,
                          CdDevice   *device,
                          GPtrArray  *chain,
                          guint       warning_days)
{
  g_assert (CD_IS_DEVICE (device));

  if (cd_device_get_profile_id (device) == NULL || chain->len == 0)
    return NULL;

  /* When merged: load the profiles once (cd_profile_load_all ()), find
   * the device's, fill a CdCheckInput with the leaf, @chain (not
   * trusted), @warning_days and the host as the "fqdn" parameter, and
   * return cd_check_status_to_id (cd_check_results_get_worst ()).
   */
  return NULL;
}
