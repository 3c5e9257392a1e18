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

/* The chain to check: the one built from the stores (up to a root we
 * hold) when there is one, else what the server presented.
 */
static GPtrArray *
dup_chain_ders (CdChain   *chain,
                GPtrArray *presented,
                gboolean  *out_trusted)
{
  GPtrArray *ders = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  GListModel *elements;
  CdChainStatus status;
  guint n;

  *out_trusted = FALSE;

  if (chain == NULL)
    {
      for (guint i = 0; i < presented->len; i++)
        g_ptr_array_add (ders, g_bytes_ref (g_ptr_array_index (presented, i)));
      return ders;
    }

  /* The chain's elements run root first. */
  elements = cd_chain_get_elements (chain);
  n = g_list_model_get_n_items (elements);
  for (guint i = n; i > 0; i--)
    {
      g_autoptr(CdChainElement) element = g_list_model_get_item (elements, i - 1);

      g_ptr_array_add (ders, g_bytes_ref (cd_chain_element_get_der (element)));
    }

  status = cd_chain_get_status (chain);
  *out_trusted = status != CD_CHAIN_STATUS_ISSUER_UNKNOWN &&
                 status != CD_CHAIN_STATUS_UNTRUSTED_ROOT &&
                 status != CD_CHAIN_STATUS_DISTRUSTED &&
                 status != CD_CHAIN_STATUS_BAD_SIGNATURE;

  return ders;
}

GListModel *
_cd_device_profile_run (CdDevice   *device,
                        CdChain    *chain,
                        GPtrArray  *presented,
                        guint       warning_days,
                        CdProfile **out_profile)
{
  g_autoptr(CdCheckInput) input = NULL;
  g_autoptr(GPtrArray) ders = NULL;
  CdProfile *profile;
  gboolean trusted;

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

  ders = dup_chain_ders (chain, presented, &trusted);

  input = cd_check_input_new ();
  cd_check_input_set_certificate (input, g_ptr_array_index (presented, 0));
  cd_check_input_set_chain (input, ders, trusted);
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
