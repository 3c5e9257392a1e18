/* cd-cli-delete.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* "certdesk-cli delete FINGERPRINT": removes a certificate from one
 * store, or from every store holding it. Its private key stays in the
 * keyring, as the core wants: a key cannot be got back, a certificate
 * can.
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
  N_("Delete a certificate or request from every store holding it,\n"
     "or only from the store given with --store. FINGERPRINT is its\n"
     "SHA-256 fingerprint, or enough of its first digits to match\n"
     "only one certificate. A private key stays in the keyring.");

/**
 * cd_cli_delete:
 * @argc: the arguments count, the command name included
 * @argv: the arguments, starting with the command name
 *
 * Returns: the exit status
 */
int
cd_cli_delete (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CdDatabase) database = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = NULL;
  g_autofree char *store_id = NULL;
  g_autofree char *description = NULL;
  g_autofree char *name = NULL;
  g_autofree char *sha256 = NULL;
  CdStoreKind kind = CD_STORE_KIND_AUTO;
  const GOptionEntry entries[] = {
    { "store", 's', 0, G_OPTION_ARG_STRING, &store_id,
      N_("Delete only from this store"), N_("ID") },
    { NULL }
  };

  context = cd_cli_option_context_new (N_("FINGERPRINT"), help_summary, entries);
  description = cd_cli_describe_stores ();
  g_option_context_set_description (context, description);

  if (!cd_cli_parse_options (context, &argc, &argv))
    return CD_CLI_EXIT_USAGE;

  if (argc != 2)
    {
      cd_cli_printerr (_("“delete” takes one fingerprint. Run “certdesk-cli list” to see them."));
      return CD_CLI_EXIT_USAGE;
    }

  if (store_id != NULL && !cd_cli_parse_store (store_id, &kind))
    return CD_CLI_EXIT_USAGE;

  database = cd_cli_open_database ();
  if (database == NULL)
    return CD_CLI_EXIT_FAILED;

  /* Resolve a prefix to one certificate first, so that an ambiguous
   * prefix deletes nothing, and so the message can name what went.
   */
  rows = cd_database_find (database, argv[1], kind, &error);
  if (rows == NULL)
    {
      cd_cli_print_find_error (error);
      return CD_CLI_EXIT_FAILED;
    }

  sha256 = g_strdup (cd_certificate_get_sha256 (g_ptr_array_index (rows, 0)));
  name = cd_certificate_dup_display_name (g_ptr_array_index (rows, 0));

  if (cd_database_delete (database, sha256, kind, &error) == 0)
    {
      cd_cli_print_error (error);
      return CD_CLI_EXIT_FAILED;
    }

  out = g_string_new (NULL);
  for (guint i = 0; i < rows->len; i++)
    {
      CdStoreKind row_kind = cd_certificate_get_store (g_ptr_array_index (rows, i));

      /* TRANSLATORS: the first %s is a certificate name, the second a store name */
      g_string_append_printf (out, _("Deleted “%s” from %s."), name,
                              cd_store_kind_get_title (row_kind));
      g_string_append_c (out, '\n');
    }
  cd_cli_write (out->str, out->len);

  return CD_CLI_EXIT_OK;
}
