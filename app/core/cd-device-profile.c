/* cd-device-profile.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Where a device's presented chain meets its device profile: the
 * watcher records the worst result of the profile's rules.
 */

#define G_LOG_DOMAIN "cd-device"

#include "config.h"

#include "cd-check.h"
#include "cd-device-private.h"
#include "cd-device-profile-private.h"

/* Profiles are read once per process: a watcher checks hundreds of
 * devices, often against the same few profiles.
 */
static GListModel *
get_profiles (void)
{
  static GListModel *profiles;

  if (g_once_init_enter (&profiles))
    {
      g_autofree char *user_dir = cd_profile_dup_default_user_dir ();

      g_once_init_leave (&profiles, cd_profile_load_all (user_dir, NULL));
    }

  return profiles;
}

GListModel *
_cd_device_profile_run (CdDevice   *device,
                        CdChain    *chain,
                        GPtrArray  *presented,
                        guint       warning_days,
                        CdProfile **out_profile)
{
  g_autoptr(CdCheckInput) input = NULL;
  CdProfile *profile;

  g_assert (CD_IS_DEVICE (device));

  if (out_profile != NULL)
    *out_profile = NULL;

  if (cd_device_get_profile_id (device) == NULL || presented->len == 0)
    return NULL;

  profile = cd_profile_list_find (get_profiles (), cd_device_get_profile_id (device));
  if (profile == NULL)
    {
      g_debug ("No profile “%s” for %s", cd_device_get_profile_id (device),
               cd_device_get_host (device));
      return NULL;
    }

  /* The chain built from the stores (up to a root we hold) when there
   * is one, else what the server presented, untrusted. */
  input = cd_check_input_new ();
  cd_check_input_set_certificate (input, g_ptr_array_index (presented, 0));
  if (chain != NULL)
    cd_check_input_set_chain_from (input, chain);
  else
    cd_check_input_set_chain (input, presented, FALSE);
  cd_check_input_set_warning_days (input, warning_days);
  cd_check_input_set_parameter (input, "fqdn", cd_device_get_server_name (device) != NULL
                                               ? cd_device_get_server_name (device)
                                               : cd_device_get_host (device));

  if (out_profile != NULL)
    *out_profile = g_object_ref (profile);

  return cd_profile_check (profile, input);
}

char *
_cd_device_profile_check (CdDevice   *device,
                          CdChain    *chain,
                          GPtrArray  *presented,
                          guint       warning_days)
{
  g_autoptr(GListModel) results = NULL;

  results = _cd_device_profile_run (device, chain, presented, warning_days, NULL);
  if (results == NULL)
    return NULL;

  return g_strdup (cd_check_status_to_id (cd_check_results_get_worst (results)));
}
