/* cd-database.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* CdDatabase is the one SQLite file that holds every store. A store
 * lists from stored columns, never by parsing certificates. Each
 * connection belongs to one thread; a worker opens its own. WAL mode
 * and a busy timeout let the GUI and the CLI write the same file at
 * the same time; every change of several rows is one transaction.
 */

#define G_LOG_DOMAIN "cd-database"

#include "config.h"


#include <glib/gi18n-lib.h>

#include "cd-certificate-private.h"
#include "cd-database-connection-private.h"
#include "cd-errors.h"
#include "cd-store-kind.h"

G_DEFINE_FINAL_TYPE (CdDatabase, cd_database, G_TYPE_OBJECT)

static void
cd_database_finalize (GObject *object)
{
  CdDatabase *self = (CdDatabase *)object;

  _cd_database_close_connection (self);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (cd_database_parent_class)->finalize (object);
}

static void
cd_database_class_init (CdDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cd_database_finalize;
}

static void
cd_database_init (CdDatabase *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                            (GDestroyNotify)sqlite3_finalize);
}

/**
 * cd_database_get_path:
 * @self: a #CdDatabase
 *
 * Returns: (transfer none): the file this database lives in
 */
const char *
cd_database_get_path (CdDatabase *self)
{
  g_return_val_if_fail (CD_IS_DATABASE (self), NULL);

  return self->path;
}

/**
 * cd_database_set_busy_timeout:
 * @self: a #CdDatabase
 * @timeout_ms: how long to wait for another program's write lock
 *
 * The default, 10 seconds, covers another program importing a large
 * bundle at the same time.
 */
void
cd_database_set_busy_timeout (CdDatabase *self,
                              guint       timeout_ms)
{
  g_return_if_fail (CD_IS_DATABASE (self));

  sqlite3_busy_timeout (self->db, timeout_ms);
}

/**
 * cd_database_list_store:
 * @self: a #CdDatabase
 * @kind: the store to list
 * @error: a location for a #GError
 *
 * Lists a store from the stored columns; no certificate is parsed.
 * The rows come in the order they were added: callers sort as they
 * show them, and SQLite sorting 100,000 rows would take longer than
 * reading them.
 *
 * Returns: (transfer full) (element-type CdCertificate): the rows
 */
GPtrArray *
cd_database_list_store (CdDatabase   *self,
                        CdStoreKind   kind,
                        GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CD_IS_DATABASE (self), NULL);
  g_return_val_if_fail (kind >= 0 && kind < CD_N_STORE_KINDS, NULL);

  stmt = _cd_database_get_statement (self,
                        "SELECT " ROW_COLUMNS ROW_FROM
                        " WHERE e.store = ?1",
                        error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, cd_store_kind_to_id (kind), -1, SQLITE_STATIC);

  return _cd_database_collect_rows (self, stmt, error);
}

/**
 * cd_database_count_stores:
 * @self: a #CdDatabase
 * @counts: (array fixed-size=7) (out caller-allocates): one count per store
 * @error: a location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
cd_database_count_stores (CdDatabase  *self,
                          guint       *counts,
                          GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CD_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);

  memset (counts, 0, sizeof (guint) * CD_N_STORE_KINDS);

  stmt = _cd_database_get_statement (self, "SELECT store, COUNT(*) FROM store_entries GROUP BY store", error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CdStoreKind kind;

      if (cd_store_kind_from_id ((const char *)sqlite3_column_text (stmt, 0), &kind))
        counts[kind] = sqlite3_column_int (stmt, 1);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _cd_database_set_error (self, error);
      return FALSE;
    }

  return TRUE;
}

/* Accepts "AB:CD:…", "abcd…", spaces, any case; returns lower-case hex. */
static char *
normalize_fingerprint (const char *fingerprint)
{
  GString *out = g_string_new (NULL);

  for (const char *p = fingerprint; *p != '\0'; p++)
    {
      if (*p == ':' || g_ascii_isspace (*p))
        continue;
      if (!g_ascii_isxdigit (*p))
        {
          g_string_free (out, TRUE);
          return NULL;
        }
      g_string_append_c (out, g_ascii_tolower (*p));
    }

  if (out->len == 0 || out->len > 64)
    {
      g_string_free (out, TRUE);
      return NULL;
    }

  return g_string_free (out, FALSE);
}

/**
 * cd_database_find:
 * @self: a #CdDatabase
 * @fingerprint: a SHA-256 fingerprint in hex, with or without colons, in
 *   either case, or an unambiguous prefix of one
 * @kind: a store, or %CD_STORE_KIND_AUTO for every store
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (element-type CdCertificate) (nullable): one
 *   row per store holding the certificate, or %NULL with
 *   %CD_DATABASE_ERROR_NOT_FOUND or %CD_DATABASE_ERROR_AMBIGUOUS
 */
GPtrArray *
cd_database_find (CdDatabase   *self,
                  const char   *fingerprint,
                  CdStoreKind   kind,
                  GError      **error)
{
  g_autofree char *prefix = NULL;
  g_autofree char *upper = NULL;
  g_autofree char *sha256 = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  sqlite3_stmt *stmt;
  guint matches = 0;
  int rc;

  g_return_val_if_fail (CD_IS_DATABASE (self), NULL);
  g_return_val_if_fail (fingerprint != NULL, NULL);

  prefix = normalize_fingerprint (fingerprint);
  if (prefix == NULL)
    {
      g_set_error (error, CD_DATABASE_ERROR, CD_DATABASE_ERROR_NOT_FOUND,
                   _("“%s” is not a SHA-256 fingerprint: use hexadecimal digits, with or without colons."),
                   fingerprint);
      return NULL;
    }

  /* A range scan over the unique index; '~' sorts after every hex digit. */
  upper = g_strconcat (prefix, "~", NULL);
  stmt = _cd_database_get_statement (self,
                        "SELECT sha256 FROM certificates"
                        " WHERE sha256 >= ?1 AND sha256 < ?2 LIMIT 2",
                        error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, prefix, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, upper, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (matches++ == 0)
        sha256 = _cd_database_column_dup (stmt, 0);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _cd_database_set_error (self, error);
      return NULL;
    }

  if (matches == 0)
    {
      g_set_error (error, CD_DATABASE_ERROR, CD_DATABASE_ERROR_NOT_FOUND,
                   _("No certificate has the fingerprint %s."), fingerprint);
      return NULL;
    }

  if (matches > 1)
    {
      g_set_error (error, CD_DATABASE_ERROR, CD_DATABASE_ERROR_AMBIGUOUS,
                   _("Several certificates have fingerprints starting with %s. Give more digits."),
                   fingerprint);
      return NULL;
    }

  stmt = _cd_database_get_statement (self,
                        "SELECT " ROW_COLUMNS ROW_FROM
                        " WHERE c.sha256 = ?1 AND (?2 IS NULL OR e.store = ?2)"
                        " ORDER BY e.store",
                        error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC);
  if (kind != CD_STORE_KIND_AUTO)
    sqlite3_bind_text (stmt, 2, cd_store_kind_to_id (kind), -1, SQLITE_STATIC);

  rows = _cd_database_collect_rows (self, stmt, error);
  if (rows == NULL)
    return NULL;

  if (rows->len == 0 && kind != CD_STORE_KIND_AUTO)
    {
      g_set_error (error, CD_DATABASE_ERROR, CD_DATABASE_ERROR_NOT_FOUND,
                   _("The certificate %s is not in %s."),
                   fingerprint, cd_store_kind_get_title (kind));
      return NULL;
    }

  if (rows->len == 0)
    {
      g_set_error (error, CD_DATABASE_ERROR, CD_DATABASE_ERROR_NOT_FOUND,
                   _("No certificate has the fingerprint %s."), fingerprint);
      return NULL;
    }

  return g_steal_pointer (&rows);
}

/**
 * cd_database_dup_der:
 * @self: a #CdDatabase
 * @sha256: the full fingerprint, lower-case hex
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the DER of the certificate or request
 */
GBytes *
cd_database_dup_der (CdDatabase   *self,
                     const char   *sha256,
                     GError      **error)
{
  sqlite3_stmt *stmt;
  GBytes *der = NULL;
  int rc;

  g_return_val_if_fail (CD_IS_DATABASE (self), NULL);
  g_return_val_if_fail (sha256 != NULL, NULL);

  stmt = _cd_database_get_statement (self,
                        "SELECT d.der FROM certificates c"
                        " JOIN certificate_der d ON d.certificate_id = c.id"
                        " WHERE c.sha256 = ?1",
                        error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    der = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  else if (rc == SQLITE_DONE)
    g_set_error (error, CD_DATABASE_ERROR, CD_DATABASE_ERROR_NOT_FOUND,
                 _("No certificate has the fingerprint %s."), sha256);
  else
    _cd_database_set_error (self, error);
  sqlite3_reset (stmt);

  return der;
}

/**
 * cd_database_delete:
 * @self: a #CdDatabase
 * @sha256: the full fingerprint, lower-case hex
 * @kind: the store to delete from, or %CD_STORE_KIND_AUTO for all
 * @error: a location for a #GError
 *
 * Removes the certificate from the store (or every store); the
 * certificate itself goes once no store holds it. Private keys stay in
 * the keyring: a key cannot be got back, a certificate can.
 *
 * Returns: how many store entries were removed; 0 with @error set
 */
guint
cd_database_delete (CdDatabase   *self,
                    const char   *sha256,
                    CdStoreKind   kind,
                    GError      **error)
{
  sqlite3_stmt *stmt;
  guint removed;

  g_return_val_if_fail (CD_IS_DATABASE (self), 0);
  g_return_val_if_fail (sha256 != NULL, 0);

  if (!_cd_database_begin (self, error))
    return 0;

  stmt = _cd_database_get_statement (self,
                        "DELETE FROM store_entries"
                        " WHERE certificate_id = (SELECT id FROM certificates WHERE sha256 = ?1)"
                        " AND (?2 IS NULL OR store = ?2)",
                        error);
  if (stmt == NULL)
    goto failed;

  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC);
  if (kind != CD_STORE_KIND_AUTO)
    sqlite3_bind_text (stmt, 2, cd_store_kind_to_id (kind), -1, SQLITE_STATIC);
  if (!_cd_database_step_done (self, stmt, error))
    goto failed;
  removed = sqlite3_changes (self->db);

  if (removed == 0)
    {
      g_set_error (error, CD_DATABASE_ERROR, CD_DATABASE_ERROR_NOT_FOUND,
                   _("No certificate has the fingerprint %s."), sha256);
      goto failed;
    }

  stmt = _cd_database_get_statement (self,
                        "DELETE FROM certificates WHERE sha256 = ?1"
                        " AND NOT EXISTS (SELECT 1 FROM store_entries e"
                        "                 WHERE e.certificate_id = certificates.id)",
                        error);
  if (stmt == NULL)
    goto failed;

  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC);
  if (!_cd_database_step_done (self, stmt, error))
    goto failed;

  if (!_cd_database_commit (self, error))
    return 0;

  return removed;

failed:
  _cd_database_rollback (self);
  return 0;
}

/**
 * cd_database_check_changed:
 * @self: a #CdDatabase
 *
 * Cheap enough to poll: asks SQLite whether another connection (another
 * program, or a worker thread) committed since the last call.
 *
 * Returns: %TRUE if the database changed behind this connection's back
 */
gboolean
cd_database_check_changed (CdDatabase *self)
{
  gint64 version;

  g_return_val_if_fail (CD_IS_DATABASE (self), FALSE);

  version = _cd_database_query_int (self, "PRAGMA data_version");
  if (version == self->data_version)
    return FALSE;

  self->data_version = version;
  return TRUE;
}
