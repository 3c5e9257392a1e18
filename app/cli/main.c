/* main.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* certdesk-cli finds the command named on its command line and hands
 * it the remaining arguments; each command parses its own options.
 */

#define G_LOG_DOMAIN "certdesk-cli"

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "cd-cli-common.h"

typedef struct
{
  const char       *name;
  CdCliCommandFunc  func;
  const char       *summary;
} Command;

static const Command commands[] = {
  { "import", cd_cli_import, N_("Import certificates, keys and requests from files") },
  { "list",   cd_cli_list,   N_("List the certificates of one store or of every store") },
  { "show",   cd_cli_show,   N_("Show every field of one certificate and its stores") },
  { "delete", cd_cli_delete, N_("Delete a certificate from one store or from all") },
  { "copy",   cd_cli_copy,   N_("Copy a certificate to another store") },
  { "move",   cd_cli_move,   N_("Move a certificate to another store") },
  { "rename", cd_cli_rename, N_("Set the friendly name and description of a certificate") },
  { "verify", cd_cli_verify, N_("Check the chain of a certificate and print it with statuses") },
  { "export", cd_cli_export, N_("Write a certificate, its chain or its key to a file") },
  { "request", cd_cli_request, N_("Make a key and a certificate signing request") },
  { "trust",  cd_cli_trust,  N_("Publish Trusted Root to the trust Linux programs read") },
  { "profiles", cd_cli_profiles, N_("List the device profiles") },
  { "check",  cd_cli_check,  N_("Check a certificate or request against a device profile") },
  { "ca",     cd_cli_ca,     N_("Create a CA, sign requests, revoke and write revocation lists") },
  { "fetch",  cd_cli_fetch,  N_("Show the certificates a server presents over TLS") },
  { "devices", cd_cli_devices, N_("Watch the certificates of servers and devices on the network") },
};

/* The end of --help. */
static const char help_description[] =
  N_("Run “certdesk-cli COMMAND --help” to see the options of a command.\n"
     "The certificates are kept in $XDG_DATA_HOME/certdesk/certdesk.db,\n"
     "private keys in the Secret Service keyring.");

static int
unknown_command (const char *name)
{
  cd_cli_printerr (_("“%s” is not a command. Run “certdesk-cli --help” to see the commands."), name);
  return CD_CLI_EXIT_USAGE;
}

static const Command *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_str_equal (name, commands[i].name))
        return &commands[i];
    }

  return NULL;
}

/* The first argument that is not an option names the command; the
 * program name is set from it before any help can be printed, so that
 * "certdesk-cli list --help" shows "Usage: certdesk-cli list …".
 */
static const Command *
peek_command (int    argc,
              char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "help"))
        return i + 1 < argc ? find_command (argv[i + 1]) : NULL;
      if (argv[i][0] != '-')
        return find_command (argv[i]);
      if (g_str_equal (argv[i], "--"))
        return i + 1 < argc ? find_command (argv[i + 1]) : NULL;
    }

  return NULL;
}

static char *
describe_commands (void)
{
  GString *out = g_string_new (_("Commands:"));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (out, "\n  %-8s %s", commands[i].name, _(commands[i].summary));
  g_string_append_printf (out, "\n  %-8s %s", "help", _("Show the options of a command"));

  return g_string_free (out, FALSE);
}

static int
run (int    argc,
     char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *summary = NULL;
  const Command *command;
  gboolean version = FALSE;
  const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Show the version and exit"), NULL },
    { NULL }
  };

  summary = describe_commands ();
  context = cd_cli_option_context_new (N_("COMMAND [ARGUMENT…]"), NULL, entries);
  g_option_context_set_summary (context, summary);
  g_option_context_set_description (context, help_description);

  /* Stop at the command: its options belong to it. */
  g_option_context_set_strict_posix (context, TRUE);

  if (!cd_cli_parse_options (context, &argc, &argv))
    return CD_CLI_EXIT_USAGE;

  if (version)
    {
      g_autofree char *line = g_strdup_printf ("certdesk-cli %s\n", PACKAGE_VERSION);

      cd_cli_write (line, strlen (line));
      return CD_CLI_EXIT_OK;
    }

  if (argc < 2)
    {
      cd_cli_printerr (_("No command given. Run “certdesk-cli --help” to see the commands."));
      return CD_CLI_EXIT_USAGE;
    }

  /* "help COMMAND" is the same as "COMMAND --help". */
  if (g_str_equal (argv[1], "help"))
    {
      char *help_argv[] = { NULL, (char *)"--help", NULL };

      if (argc < 3)
        {
          g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

          cd_cli_write (help, strlen (help));
          return CD_CLI_EXIT_OK;
        }

      command = find_command (argv[2]);
      if (command == NULL)
        return unknown_command (argv[2]);

      help_argv[0] = argv[2];
      return command->func (2, help_argv);
    }

  command = find_command (argv[1]);
  if (command == NULL)
    return unknown_command (argv[1]);

  return command->func (argc - 1, argv + 1);
}

int
main (int   argc,
      char *argv[])
{
  const Command *command;
  const char *localedir = g_getenv ("CERTDESK_LOCALEDIR");
  int status;

  /* As in the GUI: the build's po/ holds the catalogues until they are
   * installed, so tests can run the tool in another language. */
  if (localedir == NULL || localedir[0] == '\0')
    localedir = LOCALEDIR;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  command = peek_command (argc, argv);
  if (command != NULL)
    {
      g_autofree char *prgname = g_strdup_printf ("certdesk-cli %s", command->name);

      g_set_prgname (prgname);
    }
  else
    {
      g_set_prgname ("certdesk-cli");
    }

  status = run (argc, argv);

  /* A full disk or a closed pipe shows only when the output is flushed. */
  if (fflush (stdout) != 0 || ferror (stdout))
    {
      cd_cli_printerr (_("The output could not be written: %s."), g_strerror (errno));
      if (status == CD_CLI_EXIT_OK)
        status = CD_CLI_EXIT_FAILED;
    }

  return status;
}
