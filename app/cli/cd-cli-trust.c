/* cd-cli-trust.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* "certdesk-cli trust status|publish|unpublish": the preferences'
 * Trust publishing page for scripts. Without --target, publish takes
 * every available target and unpublish every target holding something
 * of ours.
 */

#define G_LOG_DOMAIN "certdesk-cli"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cd-cli-common.h"
#include "cd-errors.h"
#include "cd-trust.h"

static const char help_summary[] =
  N_("Publish the Trusted Root store (as trusted) and the Untrusted store\n"
     "(as distrusted, where the target can) to the trust that Linux\n"
     "programs read, keep them in sync, or remove Certdesk's entries.\n"
     "\n"
     "ACTION is one of:\n"
     "  status      show each target, whether it is available and on\n"
     "  publish     switch targets on and bring them in line with the stores\n"
     "  unpublish   remove Certdesk's entries, and only those, and switch off");

static const char help_description[] =
  N_("Targets: nss (~/.pki/nssdb: Chromium and other NSS programs),\n"
     "firefox (every Firefox profile), p11-kit (GnuTLS and GLib programs),\n"
     "openssl-dir (a folder for SSL_CERT_DIR), system (every program;\n"
     "asks for an administrator's password through pkexec).");

static void
add_target_json (JsonBuilder   *builder,
                 CdTrustTarget *target)
{
  const char *reason = cd_trust_target_get_unavailable_reason (target);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "target");
  json_builder_add_string_value (builder, cd_trust_target_get_id (target));
  json_builder_set_member_name (builder, "instance");
  json_builder_add_string_value (builder, cd_trust_target_get_instance (target));
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, cd_trust_target_get_title (target));
  json_builder_set_member_name (builder, "reaches");
  json_builder_add_string_value (builder, cd_trust_target_get_description (target));
  json_builder_set_member_name (builder, "location");
  json_builder_add_string_value (builder, cd_trust_target_get_location (target));
  json_builder_set_member_name (builder, "available");
  json_builder_add_boolean_value (builder, reason == NULL);
  json_builder_set_member_name (builder, "unavailable_reason");
  if (reason != NULL)
    json_builder_add_string_value (builder, reason);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "enabled");
  json_builder_add_boolean_value (builder, cd_trust_target_get_enabled (target));
  json_builder_set_member_name (builder, "distrust");
  json_builder_add_boolean_value (builder, cd_trust_target_get_supports_distrust (target));
  json_builder_set_member_name (builder, "published");
  json_builder_add_int_value (builder, cd_trust_target_get_n_published (target));
  json_builder_end_object (builder);
}

static void
append_target_text (GString       *out,
                    CdTrustTarget *target)
{
  const char *reason = cd_trust_target_get_unavailable_reason (target);
  guint n = cd_trust_target_get_n_published (target);

  g_string_append_printf (out, "%s [%s]\n", cd_trust_target_get_title (target),
                          cd_trust_target_get_id (target));
  g_string_append_printf (out, "  %s\n", cd_trust_target_get_description (target));
  if (*cd_trust_target_get_location (target) != '\0')
    g_string_append_printf (out, "  %s\n", cd_trust_target_get_location (target));
  if (reason != NULL)
    /* TRANSLATORS: %s says why a trust target cannot be used */
    g_string_append_printf (out, _("  Not available: %s"), reason);
  else if (cd_trust_target_get_enabled (target))
    g_string_append_printf (out, ngettext ("  On: %u certificate published",
                                           "  On: %u certificates published", n), n);
  else
    g_string_append (out, _("  Off"));
  g_string_append_c (out, '\n');
}

static gboolean
wants_unpublish (CdTrustTarget *target,
                 gboolean       named)
{
  return named || cd_trust_target_get_enabled (target) ||
         cd_trust_target_get_n_published (target) > 0;
}

/**
 * cd_cli_trust:
 * @argc: the arguments count, the command name included
 * @argv: the arguments, starting with the command name
 *
 * Returns: the exit status
 */
int
cd_cli_trust (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CdDatabase) database = NULL;
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(JsonBuilder) builder = NULL;
  g_autofree char *target_id = NULL;
  gboolean json = FALSE;
  const char *action;
  int status = CD_CLI_EXIT_OK;
  const GOptionEntry entries[] = {
    { "target", 't', 0, G_OPTION_ARG_STRING, &target_id,
      N_("Only this kind of target: nss, firefox, p11-kit, openssl-dir or system"), N_("TARGET") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print the targets as JSON"), NULL },
    { NULL }
  };

  context = cd_cli_option_context_new (N_("status|publish|unpublish"), help_summary, entries);
  g_option_context_set_description (context, _(help_description));

  if (!cd_cli_parse_options (context, &argc, &argv))
    return CD_CLI_EXIT_USAGE;

  if (argc != 2)
    {
      cd_cli_printerr (_("“trust” takes one action: status, publish or unpublish."));
      return CD_CLI_EXIT_USAGE;
    }

  action = argv[1];
  if (!g_str_equal (action, "status") && !g_str_equal (action, "publish") &&
      !g_str_equal (action, "unpublish"))
    {
      cd_cli_printerr (_("“%s” is not a trust action. The actions are status, publish and unpublish."),
                       action);
      return CD_CLI_EXIT_USAGE;
    }

  if (target_id != NULL && !cd_trust_is_target_id (target_id))
    {
      cd_cli_printerr (_("“%s” is not a trust target. The targets are nss, firefox, p11-kit, openssl-dir and system."),
                       target_id);
      return CD_CLI_EXIT_USAGE;
    }

  database = cd_cli_open_database ();
  if (database == NULL)
    return CD_CLI_EXIT_FAILED;

  targets = cd_trust_list_targets (database, target_id, &error);
  if (targets == NULL)
    {
      cd_cli_print_error (error);
      return CD_CLI_EXIT_FAILED;
    }

  if (target_id != NULL && targets->len == 0)
    {
      /* TRANSLATORS: %s is a target kind, e.g. firefox */
      cd_cli_printerr (_("No %s target was found on this computer."), target_id);
      return CD_CLI_EXIT_FAILED;
    }

  for (guint i = 0; i < targets->len; i++)
    {
      CdTrustTarget *target = g_ptr_array_index (targets, i);
      g_autoptr(GError) local_error = NULL;
      guint n;

      if (g_str_equal (action, "publish"))
        {
          /* Named targets report why they are unavailable; the others
           * are simply skipped.
           */
          if (!cd_trust_target_get_available (target) && target_id == NULL)
            continue;
          if (!cd_trust_publish (database, target, &local_error))
            {
              cd_cli_print_error (local_error);
              status = CD_CLI_EXIT_FAILED;
              continue;
            }
          n = cd_trust_target_get_n_published (target);
          if (!json)
            {
              /* TRANSLATORS: %u is a count, %s a target such as "NSS user database" */
              g_string_append_printf (out, ngettext ("Published %u certificate to %s.",
                                                     "Published %u certificates to %s.", n),
                                      n, cd_trust_target_get_title (target));
              g_string_append_c (out, '\n');
            }
        }
      else if (g_str_equal (action, "unpublish"))
        {
          if (!wants_unpublish (target, target_id != NULL))
            continue;
          n = cd_trust_target_get_n_published (target);
          if (!cd_trust_unpublish (database, target, &local_error))
            {
              cd_cli_print_error (local_error);
              status = CD_CLI_EXIT_FAILED;
              continue;
            }
          if (!json)
            {
              /* TRANSLATORS: %u is a count, %s a target such as "NSS user database" */
              g_string_append_printf (out, ngettext ("Removed %u certificate from %s.",
                                                     "Removed %u certificates from %s.", n),
                                      n, cd_trust_target_get_title (target));
              g_string_append_c (out, '\n');
            }
        }
    }

  if (json)
    {
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      builder = json_builder_new ();
      json_builder_begin_array (builder);
      for (guint i = 0; i < targets->len; i++)
        add_target_json (builder, g_ptr_array_index (targets, i));
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      text = cd_cli_generate_json (root);
      cd_cli_write (text, strlen (text));
      return status;
    }

  if (g_str_equal (action, "status"))
    {
      for (guint i = 0; i < targets->len; i++)
        append_target_text (out, g_ptr_array_index (targets, i));
    }

  cd_cli_write (out->str, out->len);

  return status;
}
