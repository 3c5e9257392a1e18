/* cd-cli-verify.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* "certdesk-cli verify FINGERPRINT|FILE": the Certification Path page
 * on a terminal. It prints the chain from the root down with a status
 * on each line, and its exit status tells a script whether the
 * certificate is valid. A file is read, never imported.
 */

#define G_LOG_DOMAIN "certdesk-cli"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cd-certificate.h"
#include "cd-chain.h"
#include "cd-cli-common.h"
#include "cd-errors.h"
#include "cd-import-bundle-private.h"
#include "cd-x509-private.h"

/* The summary at the top of --help. */
static const char help_summary[] =
  N_("Build the chain of a certificate from the stores and check it, as\n"
     "the Certification Path page does: Trusted Root Certification\n"
     "Authorities are trusted, the other stores offer intermediate\n"
     "certificates, and Untrusted Certificates are refused.\n"
     "FINGERPRINT is the SHA-256 fingerprint of a certificate in a store\n"
     "(or enough of its first digits); FILE is a certificate file, whose\n"
     "first certificate is checked without being imported.\n"
     "The exit status is 0 only when the certificate is valid, 1 when it\n"
     "is not (or cannot be checked), and 2 for a wrong command line.");

/* "2026-06-01" or "2026-06-01T12:00:00", UTC unless a zone is given. */
static gboolean
parse_time (const char *text,
            gint64     *out_time)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = NULL;

  if (strchr (text, 'T') == NULL && strchr (text, ' ') == NULL)
    {
      g_autofree char *midnight = g_strconcat (text, "T00:00:00", NULL);

      dt = g_date_time_new_from_iso8601 (midnight, utc);
    }
  else
    {
      dt = g_date_time_new_from_iso8601 (text, utc);
    }

  if (dt == NULL)
    return FALSE;

  *out_time = g_date_time_to_unix (dt);
  return TRUE;
}

/* The first certificate of @path, read and parsed but stored nowhere. */
static GBytes *
read_certificate_file (const char  *path,
                       const char  *password,
                       GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(CdImportBundle) bundle = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autofree char *display = g_filename_display_name (path);

  data = cd_import_read_file (file, NULL, error);
  if (data == NULL)
    return NULL;

  bundle = cd_import_bundle_parse (data, display, password, NULL, NULL, NULL, error);
  if (bundle == NULL)
    return NULL;

  if (bundle->certs->len == 0)
    {
      g_set_error (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_UNRECOGNIZED,
                   _("“%s” holds no certificate to verify. Give a certificate file, or the "
                     "fingerprint of a certificate in a store."),
                   display);
      return NULL;
    }

  return _cd_x509_to_der (g_ptr_array_index (bundle->certs, 0));
}

static GBytes *
find_certificate (CdDatabase *database,
                  const char *fingerprint)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  GBytes *der;
  CdCertificate *row;

  rows = cd_database_find (database, fingerprint, CD_STORE_KIND_AUTO, &error);
  if (rows == NULL)
    {
      cd_cli_print_find_error (error);
      return NULL;
    }

  row = g_ptr_array_index (rows, 0);
  if (cd_certificate_get_is_request (row))
    {
      cd_cli_printerr (_("%s is a certificate request, not a certificate: a request has no "
                         "chain to verify until a certificate authority signs it."),
                       fingerprint);
      return NULL;
    }

  der = cd_database_dup_der (database, cd_certificate_get_sha256 (row), &error);
  if (der == NULL)
    cd_cli_print_error (error);

  return der;
}

/* One line per certificate, indented one step per level below the
 * root, so that the output reads like the tree on the page.
 */
static char *
generate_text (CdChain *chain)
{
  GListModel *elements = cd_chain_get_elements (chain);
  guint n = g_list_model_get_n_items (elements);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CdChainElement) element = g_list_model_get_item (elements, i);
      const char *detail = cd_chain_element_get_detail (element);

      for (guint j = 0; j < i; j++)
        g_string_append (out, "  ");
      cd_cli_append_printable (out, cd_chain_element_get_subject_cn (element), -1);

      if (cd_chain_element_get_from_system (element))
        g_string_append_printf (out, " (%s)", _("from the system trust bundle"));
      else if (!cd_chain_element_get_in_stores (element))
        g_string_append_printf (out, " (%s)", _("in no store"));

      g_string_append (out, ": ");
      g_string_append (out, cd_chain_element_get_status_label (element));

      /* OpenSSL's own words, for what the label sums up, one line. */
      if (detail != NULL)
        {
          g_auto(GStrv) reasons = g_strsplit (detail, "\n", -1);
          g_autofree char *joined = g_strjoinv ("; ", reasons);

          g_string_append_printf (out, " [%s]", joined);
        }
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}

static char *
generate_json (CdChain *chain)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  GListModel *elements = cd_chain_get_elements (chain);
  CdChainStatus status = cd_chain_get_status (chain);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, cd_chain_status_to_id (status));
  json_builder_set_member_name (builder, "status_label");
  json_builder_add_string_value (builder, cd_chain_get_status_label (chain));
  json_builder_set_member_name (builder, "valid");
  json_builder_add_boolean_value (builder, status == CD_CHAIN_STATUS_VALID);

  json_builder_set_member_name (builder, "chain");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (elements); i++)
    {
      g_autoptr(CdChainElement) element = g_list_model_get_item (elements, i);
      const char *detail = cd_chain_element_get_detail (element);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "subject_cn");
      json_builder_add_string_value (builder, cd_chain_element_get_subject_cn (element));
      json_builder_set_member_name (builder, "sha256");
      json_builder_add_string_value (builder, cd_chain_element_get_sha256 (element));
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder,
                                     cd_chain_status_to_id (cd_chain_element_get_status (element)));
      json_builder_set_member_name (builder, "status_label");
      json_builder_add_string_value (builder, cd_chain_element_get_status_label (element));
      json_builder_set_member_name (builder, "inherited");
      json_builder_add_boolean_value (builder, cd_chain_element_get_inherited (element));
      json_builder_set_member_name (builder, "in_stores");
      json_builder_add_boolean_value (builder, cd_chain_element_get_in_stores (element));
      json_builder_set_member_name (builder, "from_system");
      json_builder_add_boolean_value (builder, cd_chain_element_get_from_system (element));

      json_builder_set_member_name (builder, "reasons");
      json_builder_begin_array (builder);
      if (detail != NULL)
        {
          g_auto(GStrv) reasons = g_strsplit (detail, "\n", -1);

          for (guint j = 0; reasons[j] != NULL; j++)
            json_builder_add_string_value (builder, reasons[j]);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return cd_cli_generate_json (root);
}

/**
 * cd_cli_verify:
 * @argc: the arguments count, the command name included
 * @argv: the arguments, starting with the command name
 *
 * Returns: the exit status: %CD_CLI_EXIT_OK only for a valid chain
 */
int
cd_cli_verify (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CdDatabase) database = NULL;
  g_autoptr(CdCliPassword) password = NULL;
  g_autoptr(GBytes) der = NULL;
  g_autoptr(CdChain) chain = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *at = NULL;
  g_autofree char *password_file = NULL;
  g_autofree char *text = NULL;
  gboolean json = FALSE;
  gboolean system = FALSE;
  gint64 now = 0;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print a JSON object instead of one line per certificate"), NULL },
    { "system", 0, 0, G_OPTION_ARG_NONE, &system,
      N_("Also trust the root certificates of the system’s trust bundle"), NULL },
    { "at", 0, 0, G_OPTION_ARG_STRING, &at,
      N_("Check validity at this date instead of now (YYYY-MM-DD or ISO 8601, "
         "UTC unless a zone is given)"),
      N_("DATE") },
    { "password-file", 'p', 0, G_OPTION_ARG_FILENAME, &password_file,
      N_("Read the password of an encrypted FILE from the first line of this file "
         "(“-” for standard input)"),
      N_("FILE") },
    { NULL }
  };

  context = cd_cli_option_context_new (N_("FINGERPRINT|FILE"), help_summary, entries);

  if (!cd_cli_parse_options (context, &argc, &argv))
    return CD_CLI_EXIT_USAGE;

  if (argc != 2)
    {
      cd_cli_printerr (_("“verify” takes one fingerprint or one file. "
                         "Run “certdesk-cli list” to see the fingerprints."));
      return CD_CLI_EXIT_USAGE;
    }

  if (at != NULL && !parse_time (at, &now))
    {
      cd_cli_printerr (_("“%s” is not a date. Give it as YYYY-MM-DD or as an ISO 8601 date and time."),
                       at);
      return CD_CLI_EXIT_USAGE;
    }

  if (password_file != NULL)
    {
      password = cd_cli_read_password_file (password_file, &error);
      if (password == NULL)
        {
          cd_cli_print_error (error);
          return CD_CLI_EXIT_FAILED;
        }
    }

  database = cd_cli_open_database ();
  if (database == NULL)
    return CD_CLI_EXIT_FAILED;

  /* A path that exists is a file; anything else must be a fingerprint. */
  if (g_file_test (argv[1], G_FILE_TEST_EXISTS))
    {
      der = read_certificate_file (argv[1], password, &error);
      if (der == NULL)
        {
          if (g_error_matches (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_NEEDS_PASSWORD))
            cd_cli_printerr ("%s %s", error->message,
                             _("Run again with --password-file FILE."));
          else
            cd_cli_print_error (error);
          return CD_CLI_EXIT_FAILED;
        }
    }
  else
    {
      der = find_certificate (database, argv[1]);
      if (der == NULL)
        return CD_CLI_EXIT_FAILED;
    }

  chain = cd_chain_build (database, der, system, now, &error);
  if (chain == NULL)
    {
      cd_cli_print_error (error);
      return CD_CLI_EXIT_FAILED;
    }

  text = json ? generate_json (chain) : generate_text (chain);
  cd_cli_write (text, strlen (text));

  return cd_chain_get_status (chain) == CD_CHAIN_STATUS_VALID ? CD_CLI_EXIT_OK : CD_CLI_EXIT_FAILED;
}
