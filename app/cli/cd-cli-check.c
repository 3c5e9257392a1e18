/* cd-cli-check.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* "certdesk-cli check --profile ID FINGERPRINT|FILE": the "Check against
 * device" page on a terminal. One line per rule of the profile, and an
 * exit status a script can test: 0 when nothing fails (warnings alone
 * pass), 1 when a rule fails, 2 when the check could not be made. A
 * file is read, never imported; its certificate's chain comes from the
 * stores, as for a fingerprint.
 */

#define G_LOG_DOMAIN "certdesk-cli"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cd-certificate.h"
#include "cd-check.h"
#include "cd-cli-common.h"
#include "cd-errors.h"
#include "cd-import-bundle-private.h"
#include "cd-profile-private.h"
#include "cd-x509-private.h"

static const char help_summary[] =
  N_("Check a certificate or a request against a device profile\n"
     "(run “certdesk-cli profiles” to see them). FINGERPRINT is the SHA-256\n"
     "fingerprint of a certificate or request in a store (or its first\n"
     "digits); FILE is a certificate or request file, checked without\n"
     "being imported. The chain comes from the stores.\n"
     "Each line is PASS, WARN, FAIL or N/A, the rule, what it asks and\n"
     "what was found, then how to fix it and where the rule comes from.\n"
     "The exit status is 0 when no rule fails (warnings alone give 0),\n"
     "1 when one fails, and 2 when the check cannot be made.");

static const char *
status_tag (CdCheckStatus status)
{
  switch (status)
    {
    case CD_CHECK_STATUS_PASS:
      return "PASS";
    case CD_CHECK_STATUS_WARNING:
      return "WARN";
    case CD_CHECK_STATUS_FAIL:
      return "FAIL";
    case CD_CHECK_STATUS_NOT_APPLICABLE:
      return "N/A";
    default:
      g_return_val_if_reached ("?");
    }
}

static gboolean
parse_time (const char *text,
            gint64     *out_time)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *full = NULL;

  full = strchr (text, 'T') == NULL ? g_strconcat (text, "T00:00:00", NULL) : g_strdup (text);
  dt = g_date_time_new_from_iso8601 (full, utc);
  if (dt == NULL)
    return FALSE;

  *out_time = g_date_time_to_unix (dt);
  return TRUE;
}

/* The first certificate of @path, else its first request. */
static gboolean
read_file (const char  *path,
           GBytes     **out_cert,
           GBytes     **out_request,
           GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(CdImportBundle) bundle = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autofree char *display = g_filename_display_name (path);

  data = cd_import_read_file (file, NULL, error);
  if (data == NULL)
    return FALSE;

  bundle = cd_import_bundle_parse (data, display, NULL, NULL, NULL, NULL, error);
  if (bundle == NULL)
    return FALSE;

  if (bundle->certs->len > 0)
    *out_cert = _cd_x509_to_der (g_ptr_array_index (bundle->certs, 0));
  else if (bundle->requests->len > 0)
    *out_request = _cd_x509_request_to_der (g_ptr_array_index (bundle->requests, 0));
  else
    {
      g_set_error (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_UNRECOGNIZED,
                   _("“%s” holds no certificate or request to check."), display);
      return FALSE;
    }

  return TRUE;
}

static gboolean
find_in_database (CdDatabase  *database,
                  const char  *fingerprint,
                  GBytes     **out_cert,
                  GBytes     **out_request)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  CdCertificate *row;
  GBytes *der;

  rows = cd_database_find (database, fingerprint, CD_STORE_KIND_AUTO, &error);
  if (rows == NULL)
    {
      cd_cli_print_find_error (error);
      return FALSE;
    }

  row = g_ptr_array_index (rows, 0);
  der = cd_database_dup_der (database, cd_certificate_get_sha256 (row), &error);
  if (der == NULL)
    {
      cd_cli_print_error (error);
      return FALSE;
    }

  if (cd_certificate_get_is_request (row))
    *out_request = der;
  else
    *out_cert = der;

  return TRUE;
}

static void
append_indented (GString    *out,
                 const char *label,
                 const char *text)
{
  g_string_append (out, "      ");
  if (label != NULL)
    g_string_append_printf (out, "%s ", label);
  cd_cli_append_printable (out, text, -1);
  g_string_append_c (out, '\n');
}

static char *
generate_text (GListModel *results)
{
  GString *out = g_string_new (NULL);
  guint n = g_list_model_get_n_items (results);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CdCheckResult) result = g_list_model_get_item (results, i);
      CdCheckStatus status = cd_check_result_get_status (result);
      const char *hint = cd_check_result_get_hint (result);
      const char *source = cd_check_result_get_source (result);

      g_string_append_printf (out, "%-4s  %s  ", status_tag (status), cd_check_result_get_rule_id (result));
      cd_cli_append_printable (out, cd_check_result_get_title (result), -1);
      g_string_append (out, " — ");
      cd_cli_append_printable (out, cd_check_result_get_message (result), -1);
      g_string_append_c (out, '\n');
      if (hint != NULL)
        append_indented (out, _("Fix:"), hint);
      if (source != NULL && status != CD_CHECK_STATUS_PASS && status != CD_CHECK_STATUS_NOT_APPLICABLE)
        append_indented (out, _("Source:"), source);
    }

  return g_string_free (out, FALSE);
}

static void
add_nullable_string (JsonBuilder *builder,
                     const char  *name,
                     const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static char *
generate_json (CdProfile  *profile,
               GListModel *results)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  guint n = g_list_model_get_n_items (results);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "profile");
  json_builder_add_string_value (builder, cd_profile_get_id (profile));
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, cd_profile_get_name (profile));
  json_builder_set_member_name (builder, "document");
  json_builder_add_string_value (builder, cd_profile_get_document (profile));
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, cd_check_status_to_id (cd_check_results_get_worst (results)));

  json_builder_set_member_name (builder, "results");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CdCheckResult) result = g_list_model_get_item (results, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "rule");
      json_builder_add_string_value (builder, cd_check_result_get_rule_id (result));
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, cd_check_status_to_id (cd_check_result_get_status (result)));
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, cd_check_result_get_title (result));
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, cd_check_result_get_message (result));
      add_nullable_string (builder, "hint", cd_check_result_get_hint (result));
      add_nullable_string (builder, "source", cd_check_result_get_source (result));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return cd_cli_generate_json (root);
}

static gboolean
set_parameters (CdCheckInput  *input,
                char         **params)
{
  for (guint i = 0; params != NULL && params[i] != NULL; i++)
    {
      const char *eq = strchr (params[i], '=');
      g_autofree char *name = NULL;

      if (eq == NULL || eq == params[i])
        {
          cd_cli_printerr (_("“%s” is not NAME=VALUE, such as fqdn=pbx.example.com."), params[i]);
          return FALSE;
        }

      name = g_strndup (params[i], eq - params[i]);
      cd_check_input_set_parameter (input, name, eq + 1);
    }

  return TRUE;
}

static gboolean
set_export (CdCheckInput *input,
            CdProfile    *profile,
            const char   *format_id)
{
  g_autoptr(CdExportOptions) preset = cd_profile_dup_export_options (profile);
  g_autoptr(CdExportOptions) options = NULL;
  int format = _cd_profile_export_format_from_id (format_id);

  if (format < 0)
    {
      g_autofree char *ids = g_strjoinv (", ", (char **)_cd_profile_export_format_ids);

      cd_cli_printerr (_("“%s” is not an export format. The formats are %s."), format_id, ids);
      return FALSE;
    }

  /* The chain and root choices the device wants, with the format asked. */
  options = cd_export_options_new (format);
  if (preset != NULL)
    {
      cd_export_options_set_include_chain (options, cd_export_options_get_include_chain (preset));
      cd_export_options_set_include_root (options, cd_export_options_get_include_root (preset));
    }
  cd_check_input_set_export_options (input, options);

  return TRUE;
}

/**
 * cd_cli_check:
 * @argc: the arguments count, the command name included
 * @argv: the arguments, starting with the command name
 *
 * Returns: 0 when no rule fails, 1 when one does, 2 on errors
 */
int
cd_cli_check (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GListModel) profiles = NULL;
  g_autoptr(GListModel) results = NULL;
  g_autoptr(CdDatabase) database = NULL;
  g_autoptr(CdCheckInput) input = NULL;
  g_autoptr(GBytes) cert = NULL;
  g_autoptr(GBytes) request = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *profile_id = NULL;
  g_autofree char *export_format = NULL;
  g_autofree char *peer_path = NULL;
  g_autofree char *at = NULL;
  g_autofree char *user_dir = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) params = NULL;
  CdProfile *profile;
  gboolean json = FALSE;
  gint64 now = 0;
  const GOptionEntry entries[] = {
    { "profile", 0, 0, G_OPTION_ARG_STRING, &profile_id, N_("The device profile to check against"),
      N_("ID") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON object instead of one line per rule"),
      NULL },
    { "param", 0, 0, G_OPTION_ARG_STRING_ARRAY, &params,
      N_("A value a rule compares with, such as fqdn=pbx.example.com (repeatable)"), N_("NAME=VALUE") },
    { "export", 0, 0, G_OPTION_ARG_STRING, &export_format,
      N_("Also check this export format for the device (der, pem, pem-chain, p7b-der, p7b-pem, "
         "pkcs12, pkcs12-legacy, pem-key-cert, key)"),
      N_("FORMAT") },
    { "peer", 0, 0, G_OPTION_ARG_FILENAME, &peer_path,
      N_("The certificate the other device has, for rules that compare issuers"), N_("FILE") },
    { "at", 0, 0, G_OPTION_ARG_STRING, &at,
      N_("Check at this date instead of now (YYYY-MM-DD or ISO 8601, UTC unless a zone is given)"),
      N_("DATE") },
    { NULL }
  };

  context = cd_cli_option_context_new (N_("--profile ID FINGERPRINT|FILE"), help_summary, entries);
  if (!cd_cli_parse_options (context, &argc, &argv))
    return CD_CLI_EXIT_USAGE;

  if (profile_id == NULL)
    {
      cd_cli_printerr (_("Give the device profile with --profile ID. "
                         "Run “certdesk-cli profiles” to see them."));
      return CD_CLI_EXIT_USAGE;
    }
  if (argc != 2)
    {
      cd_cli_printerr (_("“check” takes one fingerprint or one file. "
                         "Run “certdesk-cli list” to see the fingerprints."));
      return CD_CLI_EXIT_USAGE;
    }
  if (at != NULL && !parse_time (at, &now))
    {
      cd_cli_printerr (_("“%s” is not a date. Give it as YYYY-MM-DD or as an ISO 8601 date and time."), at);
      return CD_CLI_EXIT_USAGE;
    }

  user_dir = cd_profile_dup_default_user_dir ();
  profiles = cd_profile_load_all (user_dir, problems);
  for (guint i = 0; i < problems->len; i++)
    cd_cli_printerr (_("Skipped a profile: %s"), (const char *)g_ptr_array_index (problems, i));

  profile = cd_profile_list_find (profiles, profile_id);
  if (profile == NULL)
    {
      cd_cli_printerr (_("There is no device profile “%s”. Run “certdesk-cli profiles” to see them."),
                       profile_id);
      return CD_CLI_EXIT_USAGE;
    }

  input = cd_check_input_new ();
  cd_check_input_set_now (input, now);
  if (!set_parameters (input, params) ||
      (export_format != NULL && !set_export (input, profile, export_format)))
    return CD_CLI_EXIT_USAGE;

  if (peer_path != NULL)
    {
      g_autoptr(GBytes) peer = NULL;
      g_autoptr(GBytes) peer_request = NULL;

      if (!read_file (peer_path, &peer, &peer_request, &error) || peer == NULL)
        {
          if (error != NULL)
            cd_cli_print_error (error);
          else
            cd_cli_printerr (_("“%s” holds no certificate to compare with."), peer_path);
          return CD_CLI_EXIT_USAGE;
        }
      cd_check_input_set_peer (input, peer);
    }

  database = cd_cli_open_database ();
  if (database == NULL)
    return CD_CLI_EXIT_USAGE;

  /* A path that exists is a file; anything else must be a fingerprint. */
  if (g_file_test (argv[1], G_FILE_TEST_EXISTS))
    {
      if (!read_file (argv[1], &cert, &request, &error))
        {
          cd_cli_print_error (error);
          return CD_CLI_EXIT_USAGE;
        }
    }
  else if (!find_in_database (database, argv[1], &cert, &request))
    {
      return CD_CLI_EXIT_USAGE;
    }

  if (cert != NULL)
    {
      cd_check_input_set_certificate (input, cert);
      if (!cd_check_input_fill_from_database (input, database, &error))
        {
          cd_cli_print_error (error);
          return CD_CLI_EXIT_USAGE;
        }
    }
  else
    {
      cd_check_input_set_request (input, request);
    }

  results = cd_profile_check (profile, input);
  text = json ? generate_json (profile, results) : generate_text (results);
  cd_cli_write (text, strlen (text));

  return cd_check_results_get_worst (results) == CD_CHECK_STATUS_FAIL ? CD_CLI_EXIT_FAILED : CD_CLI_EXIT_OK;
}
