/* cd-cli-import.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* "certdesk-cli import FILE…": imports each file in turn and goes on
 * after one that fails, so that a script importing a folder learns of
 * every bad file at once. A password comes from --password-file, or
 * from the terminal when there is one; never does the command wait for
 * input nobody can type.
 */

#define G_LOG_DOMAIN "certdesk-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "cd-cli-common.h"
#include "cd-errors.h"
#include "cd-importer.h"
#include "cd-keyring.h"

/* Wrong passwords typed at the terminal before giving up on a file. */
#define MAX_ATTEMPTS 3

typedef struct
{
  CdImporter    *importer;
  CdStoreKind    kind;
  const char    *password;
  const char    *password_file_display;
} ImportContext;

/* The summary at the top of --help. */
static const char help_summary[] =
  N_("Import certificates, private keys and requests from PEM, DER,\n"
     "PKCS#12, PKCS#7, PKCS#8 and PKCS#10 files. Without --store, each\n"
     "certificate goes where Windows would put it: with its private key\n"
     "into Personal, a self-signed authority into Trusted Root\n"
     "Certification Authorities, another authority into Intermediate\n"
     "Certification Authorities, anything else into Other People.");

static CdImportResult *
import_asking_password (ImportContext  *ctx,
                        GFile          *file,
                        const char     *display,
                        GError        **error)
{
  g_autofree char *prompt = g_strdup_printf (_("Password for “%s”: "), display);

  for (guint attempt = 1; attempt <= MAX_ATTEMPTS; attempt++)
    {
      g_autoptr(CdCliPassword) password = cd_cli_prompt_password (prompt);
      g_autoptr(GError) local_error = NULL;
      CdImportResult *result;

      if (password == NULL)
        {
          g_set_error (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_NEEDS_PASSWORD,
                       _("No password was given for “%s”, so nothing of it was imported."),
                       display);
          return NULL;
        }

      result = cd_importer_import_file (ctx->importer, file, password, ctx->kind,
                                        NULL, NULL, NULL, &local_error);
      if (result != NULL)
        return result;

      if (attempt == MAX_ATTEMPTS ||
          !g_error_matches (local_error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_BAD_PASSWORD))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      /* Not the failure line: the user is still there, trying again. */
      fprintf (stderr, "%s\n", _("That password is wrong. Try again."));
    }

  g_assert_not_reached ();
  return NULL;
}

static gboolean
import_one (ImportContext *ctx,
            const char    *arg)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (arg);
  g_autoptr(CdImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *display = g_filename_display_name (arg);
  g_autofree char *summary = NULL;
  g_autofree char *line = NULL;

  result = cd_importer_import_file (ctx->importer, file, ctx->password, ctx->kind,
                                    NULL, NULL, NULL, &error);

  if (result == NULL && ctx->password == NULL &&
      g_error_matches (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_NEEDS_PASSWORD))
    {
      if (!cd_cli_stdin_is_terminal ())
        {
          cd_cli_printerr (_("“%s” is protected by a password and none was given. Run again with --password-file FILE: certdesk-cli asks for a password only when standard input is a terminal."),
                           display);
          return FALSE;
        }

      g_clear_error (&error);
      result = import_asking_password (ctx, file, display, &error);
    }

  if (result == NULL)
    {
      /* The core cannot know the password came from a file; say which. */
      if (ctx->password_file_display != NULL &&
          g_error_matches (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_BAD_PASSWORD))
        cd_cli_printerr (_("The password in “%s” does not open “%s”. Put the right password on the first line of that file."),
                         ctx->password_file_display, display);
      else
        cd_cli_print_error (error);

      return FALSE;
    }

  summary = cd_import_result_dup_summary (result);
  line = g_strdup_printf ("%s: %s\n", display, summary);
  cd_cli_write (line, strlen (line));

  return TRUE;
}

/**
 * cd_cli_import:
 * @argc: the arguments count, the command name included
 * @argv: the arguments, starting with the command name
 *
 * Returns: the exit status: %CD_CLI_EXIT_FAILED if any file failed
 */
int
cd_cli_import (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CdDatabase) database = NULL;
  g_autoptr(CdKeyring) keyring = NULL;
  g_autoptr(CdImporter) importer = NULL;
  g_autoptr(CdCliPassword) password = NULL;
  g_autofree char *store_id = NULL;
  g_autofree char *password_file = NULL;
  g_autofree char *password_file_display = NULL;
  g_autofree char *description = NULL;
  ImportContext ctx = { NULL, CD_STORE_KIND_AUTO, NULL, NULL };
  guint failed = 0;
  const GOptionEntry entries[] = {
    { "store", 's', 0, G_OPTION_ARG_STRING, &store_id,
      N_("Put everything into this store instead of choosing by content"), N_("ID") },
    { "password-file", 'p', 0, G_OPTION_ARG_FILENAME, &password_file,
      N_("Read the password of encrypted files from the first line of FILE (“-” for standard input)"),
      N_("FILE") },
    { NULL }
  };

  context = cd_cli_option_context_new (N_("FILE…"), help_summary, entries);
  description = cd_cli_describe_stores ();
  g_option_context_set_description (context, description);

  if (!cd_cli_parse_options (context, &argc, &argv))
    return CD_CLI_EXIT_USAGE;

  if (argc < 2)
    {
      cd_cli_printerr (_("No file given. Run “certdesk-cli import FILE…”."));
      return CD_CLI_EXIT_USAGE;
    }

  if (store_id != NULL && !cd_cli_parse_store (store_id, &ctx.kind))
    return CD_CLI_EXIT_USAGE;

  if (password_file != NULL)
    {
      g_autoptr(GError) error = NULL;

      password = cd_cli_read_password_file (password_file, &error);
      if (password == NULL)
        {
          cd_cli_print_error (error);
          return CD_CLI_EXIT_FAILED;
        }
      password_file_display = g_filename_display_name (password_file);
      ctx.password = password;
      ctx.password_file_display = password_file_display;
    }

  database = cd_cli_open_database ();
  if (database == NULL)
    return CD_CLI_EXIT_FAILED;

  /* The Secret Service may show an unlock prompt only to someone at a
   * terminal; a script fails with a message instead.
   */
  keyring = cd_keyring_new (cd_cli_stdin_is_terminal ());
  importer = cd_importer_new (database, keyring);
  ctx.importer = importer;

  for (int i = 1; i < argc; i++)
    {
      if (!import_one (&ctx, argv[i]))
        failed++;
    }

  return failed > 0 ? CD_CLI_EXIT_FAILED : CD_CLI_EXIT_OK;
}
