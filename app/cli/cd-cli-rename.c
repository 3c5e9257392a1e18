/* cd-cli-rename.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* "certdesk-cli rename FINGERPRINT --name TEXT": sets the friendly name
 * (and, with --description, the description) of a certificate's store
 * entries, what the Properties page of the certificate dialog edits.
 */

#define G_LOG_DOMAIN "certdesk-cli"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cd-certificate.h"
#include "cd-cli-common.h"
#include "cd-store-kind.h"

/* The summary at the top of --help. */
static const char help_summary[] =
  N_("Set the friendly name of a certificate or request in every store\n"
     "holding it, or only in the store given with --store. An empty\n"
     "name (--name \"\") removes it. The description changes only when\n"
     "--description is given; an empty one removes it. FINGERPRINT is\n"
     "its SHA-256 fingerprint, or enough of its first digits to match\n"
     "only one certificate.");

static void
print_change (const char  *old_name,
              CdStoreKind  kind,
              const char  *friendly_name,
              const char  *description)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *title = cd_store_kind_get_title (kind);

  if (friendly_name[0] != '\0')
    {
      /* TRANSLATORS: the old name, the store, the new name */
      g_string_append_printf (out, _("Renamed “%s” in %s to “%s”."), old_name, title, friendly_name);
    }
  else
    {
      /* TRANSLATORS: the first %s is a certificate name, the second a store name */
      g_string_append_printf (out, _("Removed the friendly name of “%s” in %s."), old_name, title);
    }

  if (description != NULL && description[0] != '\0')
    {
      g_string_append_c (out, ' ');
      g_string_append (out, _("Its description was set."));
    }
  else if (description != NULL)
    {
      g_string_append_c (out, ' ');
      g_string_append (out, _("Its description was removed."));
    }

  g_string_append_c (out, '\n');
  cd_cli_write (out->str, out->len);
}

/**
 * cd_cli_rename:
 * @argc: the arguments count, the command name included
 * @argv: the arguments, starting with the command name
 *
 * Returns: the exit status
 */
int
cd_cli_rename (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CdDatabase) database = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *store_id = NULL;
  g_autofree char *friendly_name = NULL;
  g_autofree char *new_description = NULL;
  g_autofree char *help_description = NULL;
  CdStoreKind kind = CD_STORE_KIND_AUTO;
  const GOptionEntry entries[] = {
    { "name", 'n', 0, G_OPTION_ARG_STRING, &friendly_name,
      N_("The new friendly name; \"\" removes it"), N_("TEXT") },
    { "description", 'd', 0, G_OPTION_ARG_STRING, &new_description,
      N_("The new description; \"\" removes it"), N_("TEXT") },
    { "store", 's', 0, G_OPTION_ARG_STRING, &store_id,
      N_("Rename only in this store"), N_("ID") },
    { NULL }
  };

  context = cd_cli_option_context_new (N_("FINGERPRINT --name TEXT"), help_summary, entries);
  help_description = cd_cli_describe_stores ();
  g_option_context_set_description (context, help_description);

  if (!cd_cli_parse_options (context, &argc, &argv))
    return CD_CLI_EXIT_USAGE;

  if (argc != 2)
    {
      cd_cli_printerr (_("“rename” takes one fingerprint. Run “certdesk-cli list” to see them."));
      return CD_CLI_EXIT_USAGE;
    }

  /* Required, so that a forgotten --name never wipes a name. */
  if (friendly_name == NULL)
    {
      cd_cli_printerr (_("No name was given. Add --name TEXT, or --name \"\" to remove the friendly name."));
      return CD_CLI_EXIT_USAGE;
    }

  if (store_id != NULL && !cd_cli_parse_store (store_id, &kind))
    return CD_CLI_EXIT_USAGE;

  database = cd_cli_open_database ();
  if (database == NULL)
    return CD_CLI_EXIT_FAILED;

  rows = cd_database_find (database, argv[1], kind, &error);
  if (rows == NULL)
    {
      cd_cli_print_find_error (error);
      return CD_CLI_EXIT_FAILED;
    }

  for (guint i = 0; i < rows->len; i++)
    {
      CdCertificate *row = g_ptr_array_index (rows, i);
      g_autofree char *old_name = cd_certificate_dup_display_name (row);
      const char *description = new_description;

      /* Each store entry keeps its own description unless one is given. */
      if (description == NULL)
        description = cd_certificate_get_description (row);

      if (!cd_database_set_properties (database, cd_certificate_get_sha256 (row),
                                       cd_certificate_get_store (row),
                                       friendly_name, description, &error))
        {
          cd_cli_print_error (error);
          return CD_CLI_EXIT_FAILED;
        }

      print_change (old_name, cd_certificate_get_store (row), friendly_name, new_description);
    }

  return CD_CLI_EXIT_OK;
}
