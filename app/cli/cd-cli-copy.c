/* cd-cli-copy.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* "certdesk-cli copy" and "certdesk-cli move": put a certificate in
 * another store, keeping (move) or duplicating (copy) its entry with
 * the friendly name and description. The two differ in one call and a
 * few words, so they share this file.
 */

#define G_LOG_DOMAIN "certdesk-cli"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cd-certificate.h"
#include "cd-cli-common.h"
#include "cd-store-kind.h"

/* The summaries at the top of --help. */
static const char copy_summary[] =
  N_("Copy a certificate or request to the store given with --to, with\n"
     "its friendly name and description. FINGERPRINT is its SHA-256\n"
     "fingerprint, or enough of its first digits to match only one\n"
     "certificate. Without --store, it is copied from the first store\n"
     "holding it, in the order of “certdesk-cli list”.");

static const char move_summary[] =
  N_("Move a certificate or request to the store given with --to, with\n"
     "its friendly name and description. FINGERPRINT is its SHA-256\n"
     "fingerprint, or enough of its first digits to match only one\n"
     "certificate. Give --store when it is in several stores.");

/* The row to copy from when no store was given: the first store in
 * certmgr order, so the same command always takes the same entry.
 */
static CdCertificate *
first_row (GPtrArray *rows)
{
  CdCertificate *first = g_ptr_array_index (rows, 0);

  for (guint i = 1; i < rows->len; i++)
    {
      CdCertificate *row = g_ptr_array_index (rows, i);

      if (cd_certificate_get_store (row) < cd_certificate_get_store (first))
        first = row;
    }

  return first;
}

static char *
join_store_ids (GPtrArray *rows)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < rows->len; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? ", " : "",
                            cd_store_kind_to_id (cd_certificate_get_store (g_ptr_array_index (rows, i))));

  return g_string_free (out, FALSE);
}

static int
transfer (int       argc,
          char    **argv,
          gboolean  move)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CdDatabase) database = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) selection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *store_id = NULL;
  g_autofree char *to_id = NULL;
  g_autofree char *description = NULL;
  g_autofree char *name = NULL;
  g_autofree char *line = NULL;
  CdCertificate *row;
  CdStoreKind from = CD_STORE_KIND_AUTO;
  CdStoreKind to = CD_STORE_KIND_AUTO;
  CdStoreKind row_store;
  guint count = 0;
  gboolean ok;
  const GOptionEntry entries[] = {
    { "to", 't', 0, G_OPTION_ARG_STRING, &to_id,
      N_("The store to put it in"), N_("ID") },
    { "store", 's', 0, G_OPTION_ARG_STRING, &store_id,
      N_("The store to take it from"), N_("ID") },
    { NULL }
  };

  context = cd_cli_option_context_new (N_("FINGERPRINT --to ID"),
                                       move ? move_summary : copy_summary, entries);
  description = cd_cli_describe_stores ();
  g_option_context_set_description (context, description);

  if (!cd_cli_parse_options (context, &argc, &argv))
    return CD_CLI_EXIT_USAGE;

  if (argc != 2)
    {
      if (move)
        cd_cli_printerr (_("“move” takes one fingerprint. Run “certdesk-cli list” to see them."));
      else
        cd_cli_printerr (_("“copy” takes one fingerprint. Run “certdesk-cli list” to see them."));
      return CD_CLI_EXIT_USAGE;
    }

  if (to_id == NULL)
    {
      cd_cli_printerr (_("No store to put it in was given. Add --to ID; run “%s --help” to see the store ids."),
                       g_get_prgname ());
      return CD_CLI_EXIT_USAGE;
    }

  if (!cd_cli_parse_store (to_id, &to))
    return CD_CLI_EXIT_USAGE;

  if (store_id != NULL && !cd_cli_parse_store (store_id, &from))
    return CD_CLI_EXIT_USAGE;

  database = cd_cli_open_database ();
  if (database == NULL)
    return CD_CLI_EXIT_FAILED;

  rows = cd_database_find (database, argv[1], from, &error);
  if (rows == NULL)
    {
      cd_cli_print_find_error (error);
      return CD_CLI_EXIT_FAILED;
    }

  /* Moving "it" out of several stores at once would quietly merge
   * entries with different names; the user says which one.
   */
  if (move && rows->len > 1)
    {
      g_autofree char *ids = join_store_ids (rows);

      name = cd_certificate_dup_display_name (g_ptr_array_index (rows, 0));
      cd_cli_printerr (_("“%s” is in several stores (%s). Say which one to move it from with --store."),
                       name, ids);
      return CD_CLI_EXIT_USAGE;
    }

  row = first_row (rows);
  row_store = cd_certificate_get_store (row);
  name = cd_certificate_dup_display_name (row);
  selection = g_ptr_array_new ();
  g_ptr_array_add (selection, row);

  if (move)
    ok = cd_database_move_to_store (database, selection, to, &count, &error);
  else
    ok = cd_database_copy_to_store (database, selection, to, &count, &error);

  if (!ok)
    {
      cd_cli_print_error (error);
      return CD_CLI_EXIT_FAILED;
    }

  if (count == 0)
    {
      /* TRANSLATORS: the first %s is a certificate name, the second a store name */
      line = g_strdup_printf (_("“%s” is already in %s; nothing was changed."),
                              name, cd_store_kind_get_title (to));
    }
  else if (move)
    {
      /* TRANSLATORS: a certificate name, then the store it was in, then the store it is in */
      line = g_strdup_printf (_("Moved “%s” from %s to %s."), name,
                              cd_store_kind_get_title (row_store), cd_store_kind_get_title (to));
    }
  else
    {
      /* TRANSLATORS: a certificate name, then the store it is in, then the store it was added to */
      line = g_strdup_printf (_("Copied “%s” from %s to %s."), name,
                              cd_store_kind_get_title (row_store), cd_store_kind_get_title (to));
    }

  cd_cli_write (line, strlen (line));
  cd_cli_write ("\n", 1);

  return CD_CLI_EXIT_OK;
}

/**
 * cd_cli_copy:
 * @argc: the arguments count, the command name included
 * @argv: the arguments, starting with the command name
 *
 * Returns: the exit status
 */
int
cd_cli_copy (int    argc,
             char **argv)
{
  return transfer (argc, argv, FALSE);
}

/**
 * cd_cli_move:
 * @argc: the arguments count, the command name included
 * @argv: the arguments, starting with the command name
 *
 * Returns: the exit status
 */
int
cd_cli_move (int    argc,
             char **argv)
{
  return transfer (argc, argv, TRUE);
}
