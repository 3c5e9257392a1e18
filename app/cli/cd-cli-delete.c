/* cd-cli-delete.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* "certdesk-cli delete FINGERPRINT": removes a certificate from one
 * store, or from every store holding it, in one transaction. Its
 * private key stays in the keyring unless --with-key asks otherwise and
 * nothing else uses the key: a key cannot be got back, a certificate
 * can.
 */

#define G_LOG_DOMAIN "certdesk-cli"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cd-certificate.h"
#include "cd-cli-common.h"
#include "cd-keyring.h"
#include "cd-store-kind.h"

/* The summary at the top of --help. */
static const char help_summary[] =
  N_("Delete a certificate or request from every store holding it,\n"
     "or only from the store given with --store. FINGERPRINT is its\n"
     "SHA-256 fingerprint, or enough of its first digits to match\n"
     "only one certificate. Its private key stays in the keyring\n"
     "unless --with-key is given and no other certificate or request\n"
     "uses the key.");

/* With --with-key: the keyring first, the database's record after (see
 * cd_database_forget_key()). When the keyring refuses, the certificate
 * is put back, so the command did all of what it was asked or nothing.
 */
static gboolean
delete_keys (CdDatabase  *database,
             CdDeletion  *deletion,
             char       **key_ids)
{
  g_autoptr(CdKeyring) keyring = NULL;

  if (key_ids[0] == NULL)
    return TRUE;

  keyring = cd_keyring_new (cd_cli_stdin_is_terminal ());
  for (guint i = 0; key_ids[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!cd_keyring_delete_key (keyring, key_ids[i], NULL, &error))
        {
          g_autoptr(GError) restore_error = NULL;

          cd_cli_print_error (error);
          if (cd_database_restore (database, deletion, &restore_error))
            cd_cli_printerr (_("The certificate was not deleted either, since its private key could not be."));
          else
            cd_cli_print_error (restore_error);
          return FALSE;
        }

      if (!cd_database_forget_key (database, key_ids[i], &error))
        {
          cd_cli_print_error (error);
          return FALSE;
        }
    }

  return TRUE;
}

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
  g_autoptr(CdDeletion) deletion = NULL;
  g_auto(GStrv) orphaned = NULL;
  CdStoreKind kind = CD_STORE_KIND_AUTO;
  gboolean with_key = FALSE;
  gboolean had_key = FALSE;
  const char *key_note = NULL;
  const GOptionEntry entries[] = {
    { "store", 's', 0, G_OPTION_ARG_STRING, &store_id,
      N_("Delete only from this store"), N_("ID") },
    { "with-key", 0, 0, G_OPTION_ARG_NONE, &with_key,
      N_("Delete the private key too, when nothing else uses it"), NULL },
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

  name = cd_certificate_dup_display_name (g_ptr_array_index (rows, 0));
  had_key = cd_certificate_get_has_private_key (g_ptr_array_index (rows, 0));

  deletion = cd_database_delete_rows (database, rows, &error);
  if (deletion == NULL)
    {
      cd_cli_print_error (error);
      return CD_CLI_EXIT_FAILED;
    }

  orphaned = cd_deletion_dup_orphaned_key_ids (deletion);
  if (with_key && !delete_keys (database, deletion, orphaned))
    return CD_CLI_EXIT_FAILED;

  out = g_string_new (NULL);
  for (guint i = 0; i < rows->len; i++)
    {
      CdStoreKind row_kind = cd_certificate_get_store (g_ptr_array_index (rows, i));

      /* TRANSLATORS: the first %s is a certificate name, the second a store name */
      g_string_append_printf (out, _("Deleted “%s” from %s."), name,
                              cd_store_kind_get_title (row_kind));
      g_string_append_c (out, '\n');
    }

  if (with_key && orphaned[0] != NULL)
    key_note = _("Its private key was deleted from the keyring.");
  else if (orphaned[0] != NULL)
    key_note = _("Its private key was kept in the keyring, although nothing uses it any more. Add --with-key to delete such a key with its certificate.");
  else if (with_key && had_key)
    key_note = _("Its private key was kept: a certificate or request in a store still uses it.");

  if (key_note != NULL)
    g_string_append_printf (out, "%s\n", key_note);

  cd_cli_write (out->str, out->len);

  return CD_CLI_EXIT_OK;
}
