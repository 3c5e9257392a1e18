/* cd-cli-export.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* "certdesk-cli export FINGERPRINT… --format FORMAT -o FILE": writes
 * certificates, their chain and their private key in the format a
 * device wants. A password comes from --password-file, or is typed
 * twice at the terminal; without a terminal the command never waits
 * for one. A key is written unencrypted only with --no-key-encryption.
 */

#define G_LOG_DOMAIN "certdesk-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "cd-certificate.h"
#include "cd-cli-common.h"
#include "cd-errors.h"
#include "cd-exporter.h"
#include "cd-keyring.h"

/* The summary at the top of --help. */
static const char help_summary[] =
  N_("Export certificates from the stores. FINGERPRINT is the SHA-256\n"
     "fingerprint of a certificate, or enough of its first digits.\n"
     "FORMAT is one of:\n"
     "  der           the certificate, binary (.cer)\n"
     "  pem           the certificates in Base-64 (.crt, .pem)\n"
     "  pem-chain     the certificate and its issuers, leaf to root\n"
     "  p7b, p7b-pem  PKCS #7 with the certificates and their chains\n"
     "  p12           PKCS #12 with the key and the chain: AES-256-CBC, SHA-256 MAC\n"
     "  p12-legacy    the same with 3DES and a SHA-1 MAC, for older devices\n"
     "  pem-key-cert  the certificate, its key, then the chain, in PEM\n"
     "  key           the private key alone, in PEM\n"
     "The chain is what the stores hold; its self-signed root only with\n"
     "--include-root. A key is encrypted with the password (AES-256-CBC)\n"
     "unless --no-key-encryption is given.");

typedef struct
{
  const char     *id;
  CdExportFormat  format;
} FormatName;

static const FormatName format_names[] = {
  { "der", CD_EXPORT_FORMAT_DER },
  { "pem", CD_EXPORT_FORMAT_PEM },
  { "pem-chain", CD_EXPORT_FORMAT_PEM_CHAIN },
  { "p7b", CD_EXPORT_FORMAT_P7B_DER },
  { "p7b-pem", CD_EXPORT_FORMAT_P7B_PEM },
  { "p12", CD_EXPORT_FORMAT_PKCS12 },
  { "p12-legacy", CD_EXPORT_FORMAT_PKCS12_LEGACY },
  { "pem-key-cert", CD_EXPORT_FORMAT_PEM_KEY_CERT },
  { "key", CD_EXPORT_FORMAT_KEY },
};

static gboolean
parse_format (const char     *id,
              CdExportFormat *format)
{
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    {
      if (g_str_equal (id, format_names[i].id))
        {
          *format = format_names[i].format;
          return TRUE;
        }
      g_string_append_printf (ids, "%s%s", i > 0 ? ", " : "", format_names[i].id);
    }

  cd_cli_printerr (_("“%s” is not an export format. Use one of: %s."), id, ids->str);
  return FALSE;
}

/* Typed twice at the terminal, as the dialog asks for it. */
static CdCliPassword *
prompt_new_password (GError **error)
{
  g_autoptr(CdCliPassword) password = NULL;
  g_autoptr(CdCliPassword) again = NULL;

  password = cd_cli_prompt_password (_("Password for the exported file: "));
  if (password != NULL)
    again = cd_cli_prompt_password (_("Type the password again: "));

  if (password == NULL || again == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           _("No password was typed, so nothing was exported."));
      return NULL;
    }

  if (!g_str_equal (password, again))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The two passwords differ, so nothing was exported. Run the command again."));
      return NULL;
    }

  if (password[0] == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The password is empty, so nothing was exported. A file with a private key needs a password."));
      return NULL;
    }

  return g_steal_pointer (&password);
}

/* One row per fingerprint; certificates only. */
static GPtrArray *
find_rows (CdDatabase  *database,
           char       **fingerprints,
           int          n_fingerprints)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  for (int i = 0; i < n_fingerprints; i++)
    {
      g_autoptr(GPtrArray) found = NULL;
      g_autoptr(GError) error = NULL;
      CdCertificate *row;

      found = cd_database_find (database, fingerprints[i], CD_STORE_KIND_AUTO, &error);
      if (found == NULL)
        {
          cd_cli_print_find_error (error);
          return NULL;
        }

      row = g_ptr_array_index (found, 0);
      if (cd_certificate_get_is_request (row))
        {
          cd_cli_printerr (_("%s is a certificate request, not a certificate: it can be exported "
                             "once the authority’s answer has been imported."),
                           fingerprints[i]);
          return NULL;
        }

      g_ptr_array_add (rows, g_object_ref (row));
    }

  return g_steal_pointer (&rows);
}

static gboolean
write_to_stdout (CdExporter      *exporter,
                 GPtrArray       *rows,
                 CdExportOptions *options)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  if (cd_export_options_get_has_key (options))
    {
      cd_cli_printerr (_("A private key is never written to standard output. Give a file with -o FILE."));
      return FALSE;
    }

  bytes = cd_exporter_export_to_bytes (exporter, rows, options, NULL, &error);
  if (bytes == NULL)
    {
      cd_cli_print_error (error);
      return FALSE;
    }

  cd_cli_write (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  return TRUE;
}

/**
 * cd_cli_export:
 * @argc: the arguments count, the command name included
 * @argv: the arguments, starting with the command name
 *
 * Returns: the exit status
 */
int
cd_cli_export (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CdDatabase) database = NULL;
  g_autoptr(CdKeyring) keyring = NULL;
  g_autoptr(CdExporter) exporter = NULL;
  g_autoptr(CdExportOptions) options = NULL;
  g_autoptr(CdCliPassword) password = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) key_file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = NULL;
  g_autofree char *format_id = NULL;
  g_autofree char *output = NULL;
  g_autofree char *key_output = NULL;
  g_autofree char *key_format_id = NULL;
  g_autofree char *password_file = NULL;
  g_autofree char *friendly_name = NULL;
  g_autofree char *name = NULL;
  g_autofree char *display = NULL;
  CdExportFormat format;
  gboolean include_root = FALSE;
  gboolean no_chain = FALSE;
  gboolean no_key_encryption = FALSE;
  gboolean key_first = FALSE;
  gboolean delete_key = FALSE;
  gboolean force = FALSE;
  gboolean has_key;
  gboolean is_pkcs12;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_id,
      N_("The format (see above)"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write to FILE (“-” for standard output, certificates only)"), N_("FILE") },
    { "include-root", 0, 0, G_OPTION_ARG_NONE, &include_root,
      N_("End the chain with its self-signed root certificate"), NULL },
    { "no-chain", 0, 0, G_OPTION_ARG_NONE, &no_chain,
      N_("Leave out the issuers (p7b, p12 and pem-key-cert add them by default)"), NULL },
    { "key-format", 0, 0, G_OPTION_ARG_STRING, &key_format_id,
      N_("Write a PEM key as pkcs8 (the default) or pkcs1 (“RSA PRIVATE KEY”)"), N_("FORMAT") },
    { "key-first", 0, 0, G_OPTION_ARG_NONE, &key_first,
      N_("For pem-key-cert, put the key before the certificate"), NULL },
    { "key-out", 0, 0, G_OPTION_ARG_FILENAME, &key_output,
      N_("For pem-key-cert, write the key to this file instead"), N_("FILE") },
    { "no-key-encryption", 0, 0, G_OPTION_ARG_NONE, &no_key_encryption,
      N_("Write a PEM key without encryption, readable by anyone who gets the file"), NULL },
    { "password-file", 'p', 0, G_OPTION_ARG_FILENAME, &password_file,
      N_("Read the password from the first line of FILE (“-” for standard input)"),
      N_("FILE") },
    { "friendly-name", 0, 0, G_OPTION_ARG_STRING, &friendly_name,
      N_("The name on the certificate and key in a PKCS #12 file"), N_("NAME") },
    { "delete-key", 0, 0, G_OPTION_ARG_NONE, &delete_key,
      N_("Delete the private key from the keyring once the file is written"), NULL },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force,
      N_("Replace the output files if they exist"), NULL },
    { NULL }
  };

  context = cd_cli_option_context_new (N_("FINGERPRINT…"), help_summary, entries);

  if (!cd_cli_parse_options (context, &argc, &argv))
    return CD_CLI_EXIT_USAGE;

  if (argc < 2)
    {
      cd_cli_printerr (_("No fingerprint given. Run “certdesk-cli list” to see the fingerprints."));
      return CD_CLI_EXIT_USAGE;
    }

  if (format_id == NULL || output == NULL)
    {
      cd_cli_printerr (_("Say what to write and where: --format FORMAT -o FILE."));
      return CD_CLI_EXIT_USAGE;
    }

  if (!parse_format (format_id, &format))
    return CD_CLI_EXIT_USAGE;

  options = cd_export_options_new (format);
  has_key = cd_export_options_get_has_key (options);
  is_pkcs12 = format == CD_EXPORT_FORMAT_PKCS12 || format == CD_EXPORT_FORMAT_PKCS12_LEGACY;

  if (key_format_id != NULL)
    {
      if (g_str_equal (key_format_id, "pkcs8"))
        cd_export_options_set_key_format (options, CD_EXPORT_KEY_FORMAT_PKCS8);
      else if (g_str_equal (key_format_id, "pkcs1"))
        cd_export_options_set_key_format (options, CD_EXPORT_KEY_FORMAT_PKCS1);
      else
        {
          cd_cli_printerr (_("“%s” is not a key format. Use pkcs8 or pkcs1."), key_format_id);
          return CD_CLI_EXIT_USAGE;
        }
    }

  if (key_output != NULL && format != CD_EXPORT_FORMAT_PEM_KEY_CERT)
    {
      cd_cli_printerr (_("--key-out goes only with --format pem-key-cert."));
      return CD_CLI_EXIT_USAGE;
    }

  if (no_key_encryption && (is_pkcs12 || !has_key))
    {
      cd_cli_printerr (_("--no-key-encryption goes only with --format pem-key-cert or key: "
                         "a PKCS #12 file always has a password."));
      return CD_CLI_EXIT_USAGE;
    }

  if (no_key_encryption && password_file != NULL)
    {
      cd_cli_printerr (_("Give either --password-file or --no-key-encryption, not both."));
      return CD_CLI_EXIT_USAGE;
    }

  /* Chains are what devices want with a key and in bundles; a plain PEM
   * export of several certificates stays exactly those.
   */
  cd_export_options_set_include_chain (options,
                                       !no_chain &&
                                       (format == CD_EXPORT_FORMAT_PEM_CHAIN ||
                                        format == CD_EXPORT_FORMAT_P7B_DER ||
                                        format == CD_EXPORT_FORMAT_P7B_PEM ||
                                        is_pkcs12 || format == CD_EXPORT_FORMAT_PEM_KEY_CERT));
  cd_export_options_set_include_root (options, include_root);
  cd_export_options_set_key_first (options, key_first);
  cd_export_options_set_friendly_name (options, friendly_name);
  cd_export_options_set_delete_key (options, delete_key);
  cd_export_options_set_allow_unencrypted_key (options, no_key_encryption);

  if (has_key && !no_key_encryption)
    {
      if (password_file != NULL)
        password = cd_cli_read_password_file (password_file, &error);
      else if (cd_cli_stdin_is_terminal ())
        password = prompt_new_password (&error);
      else
        {
          /* Whole sentences for translators, one per case. */
          if (is_pkcs12)
            cd_cli_printerr (_("A PKCS #12 file needs a password and none was given. Run again with "
                               "--password-file FILE: certdesk-cli asks for a password only when "
                               "standard input is a terminal."));
          else
            cd_cli_printerr (_("The private key needs a passphrase and none was given. Run again with "
                               "--password-file FILE, or with --no-key-encryption: certdesk-cli asks "
                               "for a password only when standard input is a terminal."));
          return CD_CLI_EXIT_USAGE;
        }

      if (password == NULL)
        {
          cd_cli_print_error (error);
          return CD_CLI_EXIT_FAILED;
        }

      if (password[0] == '\0')
        {
          if (is_pkcs12)
            cd_cli_printerr (_("The password file gives an empty password. A PKCS #12 file needs a "
                               "password: put it on the first line of the file."));
          else
            cd_cli_printerr (_("The password file gives an empty password. Put the passphrase on its "
                               "first line, or give --no-key-encryption instead."));
          return CD_CLI_EXIT_FAILED;
        }

      cd_export_options_set_password (options, password);
    }

  database = cd_cli_open_database ();
  if (database == NULL)
    return CD_CLI_EXIT_FAILED;

  rows = find_rows (database, argv + 1, argc - 1);
  if (rows == NULL)
    return CD_CLI_EXIT_FAILED;

  keyring = cd_keyring_new (cd_cli_stdin_is_terminal ());
  exporter = cd_exporter_new (database, keyring);

  if (g_str_equal (output, "-"))
    return write_to_stdout (exporter, rows, options) ? CD_CLI_EXIT_OK : CD_CLI_EXIT_FAILED;

  file = g_file_new_for_commandline_arg (output);
  if (key_output != NULL)
    key_file = g_file_new_for_commandline_arg (key_output);

  if (!force)
    {
      const char *existing = g_file_query_exists (file, NULL) ? output
                             : key_file != NULL && g_file_query_exists (key_file, NULL) ? key_output
                             : NULL;

      if (existing != NULL)
        {
          g_autofree char *existing_display = g_filename_display_name (existing);

          cd_cli_printerr (_("“%s” exists already. Give --force to replace it, or choose another name."),
                           existing_display);
          return CD_CLI_EXIT_FAILED;
        }
    }

  if (!cd_exporter_export_to_file (exporter, rows, options, file, key_file,
                                   NULL, NULL, NULL, &error))
    {
      cd_cli_print_error (error);
      return CD_CLI_EXIT_FAILED;
    }

  name = rows->len == 1 ? cd_certificate_dup_display_name (g_ptr_array_index (rows, 0)) : NULL;
  display = g_filename_display_name (output);
  out = g_string_new (NULL);
  if (name != NULL)
    /* translators: the first %s is a certificate's name, the second a file */
    g_string_append_printf (out, _("Exported “%s” to “%s”."), name, display);
  else
    g_string_append_printf (out,
                            /* translators: %s is a file */
                            ngettext ("Exported %u certificate to “%s”.",
                                      "Exported %u certificates to “%s”.", rows->len),
                            rows->len, display);
  if (key_output != NULL)
    {
      g_autofree char *key_display = g_filename_display_name (key_output);

      g_string_append_c (out, ' ');
      /* translators: %s is a file */
      g_string_append_printf (out, _("The key is in “%s”."), key_display);
    }
  if (has_key && delete_key)
    {
      g_string_append_c (out, ' ');
      g_string_append (out, _("The private key was deleted from the keyring."));
    }
  g_string_append_c (out, '\n');
  cd_cli_write (out->str, out->len);

  return CD_CLI_EXIT_OK;
}
