/* cd-cli-profiles.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* "certdesk-cli profiles": the device profiles "check --profile" takes,
 * shipped and the user's own. A user file that does not load is named on
 * standard error with its line, and the others are still listed.
 */

#define G_LOG_DOMAIN "certdesk-cli"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cd-cli-common.h"
#include "cd-profile.h"

static const char help_summary[] =
  N_("List the device profiles: the shipped ones and those in\n"
     "$XDG_DATA_HOME/certdesk/profiles/, which replace a shipped one of\n"
     "the same id. A profile file that does not load is reported on\n"
     "standard error with its line, and skipped.");

static const char *
role_to_id (CdProfileRole role)
{
  switch (role)
    {
    case CD_PROFILE_ROLE_SERVER:
      return "server";
    case CD_PROFILE_ROLE_CLIENT:
      return "client";
    case CD_PROFILE_ROLE_CA:
      return "ca";
    default:
      g_return_val_if_reached ("server");
    }
}

static char *
generate_text (GListModel *profiles)
{
  GString *out = g_string_new (NULL);
  guint n = g_list_model_get_n_items (profiles);
  gsize width = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CdProfile) profile = g_list_model_get_item (profiles, i);

      width = MAX (width, strlen (cd_profile_get_id (profile)));
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CdProfile) profile = g_list_model_get_item (profiles, i);
      guint n_rules = cd_profile_get_n_rules (profile);
      g_autofree char *rules = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u rule", "%u rules",
                                                             n_rules),
                                                n_rules);

      g_string_append_printf (out, "%-*s  %-6s  %-9s  ", (int)width, cd_profile_get_id (profile),
                              role_to_id (cd_profile_get_role (profile)), rules);
      cd_cli_append_printable (out, cd_profile_get_name (profile), -1);
      if (cd_profile_get_is_user (profile))
        g_string_append_printf (out, " (%s)", _("user profile"));
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}

static char *
generate_json (GListModel *profiles)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  guint n = g_list_model_get_n_items (profiles);

  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CdProfile) profile = g_list_model_get_item (profiles, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, cd_profile_get_id (profile));
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, cd_profile_get_name (profile));
      json_builder_set_member_name (builder, "vendor");
      json_builder_add_string_value (builder, cd_profile_get_vendor (profile));
      json_builder_set_member_name (builder, "role");
      json_builder_add_string_value (builder, role_to_id (cd_profile_get_role (profile)));
      json_builder_set_member_name (builder, "rules");
      json_builder_add_int_value (builder, cd_profile_get_n_rules (profile));
      json_builder_set_member_name (builder, "steps");
      json_builder_add_int_value (builder, g_list_model_get_n_items (cd_profile_get_steps (profile)));
      json_builder_set_member_name (builder, "document");
      json_builder_add_string_value (builder, cd_profile_get_document (profile));
      json_builder_set_member_name (builder, "user");
      json_builder_add_boolean_value (builder, cd_profile_get_is_user (profile));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  return cd_cli_generate_json (root);
}

/**
 * cd_cli_profiles:
 * @argc: the arguments count, the command name included
 * @argv: the arguments, starting with the command name
 *
 * Returns: the exit status; problems with profile files do not fail it
 */
int
cd_cli_profiles (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GListModel) profiles = NULL;
  g_autofree char *user_dir = NULL;
  g_autofree char *text = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array instead of one line per profile"),
      NULL },
    { NULL }
  };

  context = cd_cli_option_context_new ("", help_summary, entries);
  if (!cd_cli_parse_options (context, &argc, &argv))
    return CD_CLI_EXIT_USAGE;

  if (argc != 1)
    {
      cd_cli_printerr (_("“profiles” takes no argument."));
      return CD_CLI_EXIT_USAGE;
    }

  user_dir = cd_profile_dup_default_user_dir ();
  profiles = cd_profile_load_all (user_dir, problems);
  for (guint i = 0; i < problems->len; i++)
    cd_cli_printerr (_("Skipped a profile: %s"), (const char *)g_ptr_array_index (problems, i));

  text = json ? generate_json (profiles) : generate_text (profiles);
  cd_cli_write (text, strlen (text));

  return CD_CLI_EXIT_OK;
}
