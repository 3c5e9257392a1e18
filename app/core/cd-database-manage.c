/* cd-database-manage.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What an admin does with certificates already in the stores: copy and
 * move them between stores, name and describe them, delete them (in
 * cd-database-delete.c, with everything needed for Undo kept aside),
 * and the cross-store views (expiring soon, every DER of a store for
 * the chain builder). Each call that changes several rows is one
 * transaction, so a selection is handled whole or not at all.
 */

#define G_LOG_DOMAIN "cd-database"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cd-certificate.h"
#include "cd-database-private.h"
#include "cd-errors.h"
#include "cd-store-kind.h"

/* The certmgr.msc order of the stores, as CdStoreKind numbers them, for
 * picking which store a row of a cross-store view stands for.
 */
#define STORE_ORDER(column) \
  "CASE " column " WHEN 'my' THEN 0 WHEN 'root' THEN 1 WHEN 'ca' THEN 2" \
  " WHEN 'trustedpeople' THEN 3 WHEN 'addressbook' THEN 4 WHEN 'disallowed' THEN 5" \
  " ELSE 6 END"

/* "kind:sha256", to skip a row given twice in one selection. */
char *
_cd_database_entry_key (CdCertificate *row)
{
  return g_strdup_printf ("%d:%s", cd_certificate_get_store (row),
                          cd_certificate_get_sha256 (row));
}

void
_cd_database_set_not_in_store (GError        **error,
                               CdCertificate  *row)
{
  g_autofree char *name = cd_certificate_dup_display_name (row);

  g_set_error (error, CD_DATABASE_ERROR, CD_DATABASE_ERROR_NOT_FOUND,
               _("“%s” is not in %s any more: another program may have removed it. Nothing was changed."),
               name, cd_store_kind_get_title (cd_certificate_get_store (row)));
}

/* Requests and certificates never share a store: a request is no
 * certificate anyone can trust, and the request store is the list of
 * what is waiting for an authority.
 */
static gboolean
check_fits_store (CdCertificate  *row,
                  CdStoreKind     to,
                  GError        **error)
{
  gboolean is_request = cd_certificate_get_is_request (row);
  g_autofree char *name = NULL;

  if (is_request == (to == CD_STORE_KIND_REQUEST))
    return TRUE;

  name = cd_certificate_dup_display_name (row);
  if (is_request)
    g_set_error (error, CD_DATABASE_ERROR, CD_DATABASE_ERROR_FAILED,
                 _("“%s” is a certificate request, and requests can only be in %s. Nothing was changed."),
                 name, cd_store_kind_get_title (CD_STORE_KIND_REQUEST));
  else
    g_set_error (error, CD_DATABASE_ERROR, CD_DATABASE_ERROR_FAILED,
                 _("“%s” is a certificate, and %s holds only certificate requests. Nothing was changed."),
                 name, cd_store_kind_get_title (CD_STORE_KIND_REQUEST));

  return FALSE;
}

/* The certificate id of @row's store entry, or NOT_FOUND if the entry
 * went since @row was listed.
 */
static gboolean
lookup_entry (CdDatabase     *self,
              CdCertificate  *row,
              gint64         *out_id,
              GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _cd_database_get_statement (self,
                                     "SELECT e.certificate_id FROM store_entries e"
                                     " JOIN certificates c ON c.id = e.certificate_id"
                                     " WHERE c.sha256 = ?1 AND e.store = ?2",
                                     error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, cd_certificate_get_sha256 (row), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, cd_store_kind_to_id (cd_certificate_get_store (row)), -1,
                     SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  *out_id = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    _cd_database_set_error (self, error);
  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE)
    _cd_database_set_not_in_store (error, row);

  return rc == SQLITE_ROW;
}

gboolean
_cd_database_check_rows (GPtrArray *rows)
{
  for (guint i = 0; i < rows->len; i++)
    {
      CdCertificate *row = g_ptr_array_index (rows, i);

      if (!CD_IS_CERTIFICATE (row) ||
          cd_certificate_get_store (row) < 0 ||
          cd_certificate_get_store (row) >= CD_N_STORE_KINDS)
        return FALSE;
    }

  return TRUE;
}

/**
 * cd_database_copy_to_store:
 * @self: a #CdDatabase
 * @rows: (element-type CdCertificate): store entries as listed by
 *   cd_database_list_store() or cd_database_find()
 * @to: the store to copy them to
 * @out_added: (out) (optional): how many were not in @to yet
 * @error: a location for a #GError
 *
 * Adds every row to @to, with its friendly name and description, in one
 * transaction. A row already in @to is left as it is there and is not
 * an error. A request goes only to the request store, and nothing else
 * does; either mistake changes nothing.
 *
 * Returns: %TRUE on success; on failure nothing was copied
 */
gboolean
cd_database_copy_to_store (CdDatabase   *self,
                           GPtrArray    *rows,
                           CdStoreKind   to,
                           guint        *out_added,
                           GError      **error)
{
  g_autoptr(GHashTable) seen = NULL;
  guint added = 0;

  g_return_val_if_fail (CD_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (rows != NULL && _cd_database_check_rows (rows), FALSE);
  g_return_val_if_fail (to >= 0 && to < CD_N_STORE_KINDS, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < rows->len; i++)
    {
      if (!check_fits_store (g_ptr_array_index (rows, i), to, error))
        return FALSE;
    }

  if (!_cd_database_begin (self, error))
    return FALSE;

  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < rows->len; i++)
    {
      CdCertificate *row = g_ptr_array_index (rows, i);
      sqlite3_stmt *stmt;
      gint64 id;

      if (!g_hash_table_add (seen, _cd_database_entry_key (row)))
        continue;

      if (!lookup_entry (self, row, &id, error))
        goto failed;

      stmt = _cd_database_get_statement (self,
                                         "INSERT OR IGNORE INTO store_entries (store,"
                                         " certificate_id, friendly_name, description, added)"
                                         " SELECT ?3, certificate_id, friendly_name, description, ?4"
                                         " FROM store_entries WHERE certificate_id = ?1 AND store = ?2",
                                         error);
      if (stmt == NULL)
        goto failed;

      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, cd_store_kind_to_id (cd_certificate_get_store (row)), -1,
                         SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, cd_store_kind_to_id (to), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, g_get_real_time () / G_USEC_PER_SEC);
      if (!_cd_database_step_done (self, stmt, error))
        goto failed;

      added += _cd_database_changes (self);
    }

  if (!_cd_database_commit (self, error))
    return FALSE;

  if (out_added != NULL)
    *out_added = added;

  return TRUE;

failed:
  _cd_database_rollback (self);
  return FALSE;
}

/**
 * cd_database_move_to_store:
 * @self: a #CdDatabase
 * @rows: (element-type CdCertificate): store entries as listed by
 *   cd_database_list_store() or cd_database_find()
 * @to: the store to move them to
 * @out_moved: (out) (optional): how many left their store
 * @error: a location for a #GError
 *
 * Moves every row to @to in one transaction. The entry keeps its
 * friendly name, description and the time it was added. When @to holds
 * the certificate already, its entry there stays as it is and the
 * row's entry goes. A row already in @to is skipped and not counted.
 * Requests move only to the request store, and nothing else does.
 *
 * Returns: %TRUE on success; on failure nothing was moved
 */
gboolean
cd_database_move_to_store (CdDatabase   *self,
                           GPtrArray    *rows,
                           CdStoreKind   to,
                           guint        *out_moved,
                           GError      **error)
{
  g_autoptr(GHashTable) seen = NULL;
  guint moved = 0;

  g_return_val_if_fail (CD_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (rows != NULL && _cd_database_check_rows (rows), FALSE);
  g_return_val_if_fail (to >= 0 && to < CD_N_STORE_KINDS, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < rows->len; i++)
    {
      if (!check_fits_store (g_ptr_array_index (rows, i), to, error))
        return FALSE;
    }

  if (!_cd_database_begin (self, error))
    return FALSE;

  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < rows->len; i++)
    {
      CdCertificate *row = g_ptr_array_index (rows, i);
      const char *from_id = cd_store_kind_to_id (cd_certificate_get_store (row));
      sqlite3_stmt *stmt;
      gint64 id;

      if (cd_certificate_get_store (row) == to || !g_hash_table_add (seen, _cd_database_entry_key (row)))
        continue;

      if (!lookup_entry (self, row, &id, error))
        goto failed;

      /* OR IGNORE leaves the row alone when @to has the certificate. */
      stmt = _cd_database_get_statement (self,
                                         "UPDATE OR IGNORE store_entries SET store = ?3"
                                         " WHERE certificate_id = ?1 AND store = ?2",
                                         error);
      if (stmt == NULL)
        goto failed;

      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, from_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, cd_store_kind_to_id (to), -1, SQLITE_STATIC);
      if (!_cd_database_step_done (self, stmt, error))
        goto failed;

      if (_cd_database_changes (self) == 0)
        {
          stmt = _cd_database_get_statement (self,
                                             "DELETE FROM store_entries"
                                             " WHERE certificate_id = ?1 AND store = ?2",
                                             error);
          if (stmt == NULL)
            goto failed;

          sqlite3_bind_int64 (stmt, 1, id);
          sqlite3_bind_text (stmt, 2, from_id, -1, SQLITE_STATIC);
          if (!_cd_database_step_done (self, stmt, error))
            goto failed;
        }

      moved++;
    }

  if (!_cd_database_commit (self, error))
    return FALSE;

  if (out_moved != NULL)
    *out_moved = moved;

  return TRUE;

failed:
  _cd_database_rollback (self);
  return FALSE;
}

/**
 * cd_database_set_properties:
 * @self: a #CdDatabase
 * @sha256: the full fingerprint, lower-case hex
 * @kind: the store whose entry to change
 * @friendly_name: (nullable): the new friendly name; %NULL or "" clears it
 * @description: (nullable): the new description; %NULL or "" clears it
 * @error: a location for a #GError
 *
 * Sets both properties of one store entry, as the Properties page
 * edits them together; the same certificate in another store keeps its
 * own.
 *
 * Returns: %TRUE on success; %CD_DATABASE_ERROR_NOT_FOUND if @kind
 *   does not hold the certificate
 */
gboolean
cd_database_set_properties (CdDatabase   *self,
                            const char   *sha256,
                            CdStoreKind   kind,
                            const char   *friendly_name,
                            const char   *description,
                            GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CD_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (sha256 != NULL, FALSE);
  g_return_val_if_fail (kind >= 0 && kind < CD_N_STORE_KINDS, FALSE);

  /* One statement is one transaction: no BEGIN needed. */
  stmt = _cd_database_get_statement (self,
                                     "UPDATE store_entries SET friendly_name = NULLIF (?3, ''),"
                                     " description = NULLIF (?4, '')"
                                     " WHERE store = ?2"
                                     " AND certificate_id = (SELECT id FROM certificates WHERE sha256 = ?1)",
                                     error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, cd_store_kind_to_id (kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, friendly_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, description, -1, SQLITE_STATIC);
  if (!_cd_database_step_done (self, stmt, error))
    return FALSE;

  if (_cd_database_changes (self) == 0)
    {
      g_set_error (error, CD_DATABASE_ERROR, CD_DATABASE_ERROR_NOT_FOUND,
                   _("The certificate %s is not in %s."),
                   sha256, cd_store_kind_get_title (kind));
      return FALSE;
    }

  return TRUE;
}

/**
 * cd_database_list_expiring:
 * @self: a #CdDatabase
 * @until: a Unix time
 * @error: a location for a #GError
 *
 * Lists every certificate, in any store, that is no longer valid at
 * @until, those expired already included; requests are left out. A
 * certificate in several stores is listed once, as the entry of the
 * first of its stores in certmgr.msc's order (Personal first).
 *
 * Returns: (transfer full) (element-type CdCertificate): the rows,
 *   soonest expiry first
 */
GPtrArray *
cd_database_list_expiring (CdDatabase   *self,
                           gint64        until,
                           GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CD_IS_DATABASE (self), NULL);

  stmt = _cd_database_get_statement (self,
                                     "SELECT " ROW_COLUMNS ROW_FROM
                                     " WHERE c.is_request = 0 AND c.not_after < ?1"
                                     " AND e.store = (SELECT f.store FROM store_entries f"
                                     "                WHERE f.certificate_id = c.id"
                                     "                ORDER BY " STORE_ORDER ("f.store") " LIMIT 1)"
                                     " ORDER BY c.not_after, c.sha256",
                                     error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, until);

  return _cd_database_collect_rows (self, stmt, error);
}

/**
 * cd_database_list_der:
 * @self: a #CdDatabase
 * @kind: a store
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (element-type GBytes): the DER of every
 *   certificate or request in @kind, in no particular order
 */
GPtrArray *
cd_database_list_der (CdDatabase   *self,
                      CdStoreKind   kind,
                      GError      **error)
{
  g_autoptr(GPtrArray) ders = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CD_IS_DATABASE (self), NULL);
  g_return_val_if_fail (kind >= 0 && kind < CD_N_STORE_KINDS, NULL);

  stmt = _cd_database_get_statement (self,
                                     "SELECT d.der FROM store_entries e"
                                     " JOIN certificate_der d ON d.certificate_id = e.certificate_id"
                                     " WHERE e.store = ?1",
                                     error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, cd_store_kind_to_id (kind), -1, SQLITE_STATIC);

  ders = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ders, g_bytes_new (sqlite3_column_blob (stmt, 0),
                                        sqlite3_column_bytes (stmt, 0)));
  if (rc != SQLITE_DONE)
    _cd_database_set_error (self, error);
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return NULL;

  return g_steal_pointer (&ders);
}
