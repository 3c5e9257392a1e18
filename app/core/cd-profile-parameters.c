/* cd-profile-parameters.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Which parameters a profile's rules take, read from the rules as
 * loaded; the rule engine itself only looks a parameter up when it
 * checks.
 */

#define G_LOG_DOMAIN "cd-profile"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cd-profile-parameters.h"
#include "cd-profile-private.h"

/**
 * cd_profile_dup_parameters:
 * @self: a #CdProfile
 *
 * Returns: (transfer full): the names of the parameters the rules of
 *   @self refer to, each once, in the order of the rules
 */
char **
cd_profile_dup_parameters (CdProfile *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  CdProfileData *data;

  g_return_val_if_fail (CD_IS_PROFILE (self), NULL);

  data = _cd_profile_get_data (self);
  for (guint i = 0; i < data->rules->len; i++)
    {
      const CdProfileRule *rule = g_ptr_array_index (data->rules, i);
      g_autofree char *name = g_key_file_get_string (rule->key_file, rule->group, "Parameter", NULL);

      if (name == NULL || g_hash_table_contains (seen, name))
        continue;

      g_strv_builder_add (builder, name);
      g_hash_table_add (seen, g_steal_pointer (&name));
    }

  return g_strv_builder_end (builder);
}

/**
 * cd_profile_parameter_get_title:
 * @name: a parameter name, e.g. "fqdn"
 *
 * Returns: (transfer none): what to call it in a form; the name itself
 *   for one Certdesk does not know
 */
const char *
cd_profile_parameter_get_title (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  if (g_str_equal (name, "fqdn"))
    return _("Device FQDN");
  if (g_str_equal (name, "hostname"))
    return _("Device Host Name");
  if (g_str_equal (name, "ip"))
    return _("Device IP Address");

  return name;
}
