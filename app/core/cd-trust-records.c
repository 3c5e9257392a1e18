/* cd-trust-records.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The database's side of trust publishing: which targets are on
 * (trust_targets) and exactly what each holds because of Certdesk
 * (trust_publications).
 */

#define G_LOG_DOMAIN "cd-trust"

#include "config.h"

#include "cd-database-private.h"
#include "cd-trust-private.h"

gboolean
_cd_trust_load_enabled (CdDatabase    *database,
                        CdTrustTarget *target,
                        GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _cd_database_get_statement (database,
                                     "SELECT t.enabled,"
                                     " (SELECT count(*) FROM trust_publications p"
                                     "  WHERE p.target = ?1 AND p.instance = ?2)"
                                     " FROM (SELECT 1) LEFT JOIN trust_targets t"
                                     " ON t.target = ?1 AND t.instance = ?2",
                                     error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, target->backend->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, target->instance, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      target->enabled = sqlite3_column_int (stmt, 0) != 0;
      target->n_published = sqlite3_column_int (stmt, 1);
    }
  else
    {
      _cd_database_set_error (database, error);
    }
  sqlite3_reset (stmt);

  return rc == SQLITE_ROW;
}

gboolean
_cd_trust_save_enabled (CdDatabase    *database,
                        CdTrustTarget *target,
                        gboolean       enabled,
                        GError       **error)
{
  sqlite3_stmt *stmt;

  stmt = _cd_database_get_statement (database,
                                     "INSERT OR REPLACE INTO trust_targets (target, instance, enabled)"
                                     " VALUES (?1, ?2, ?3)",
                                     error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, target->backend->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, target->instance, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, enabled);
  if (!_cd_database_step_done (database, stmt, error))
    return FALSE;

  target->enabled = enabled;
  return TRUE;
}

GHashTable *
_cd_trust_load_records (CdDatabase    *database,
                        CdTrustTarget *target,
                        GError       **error)
{
  g_autoptr(GHashTable) records = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _cd_database_get_statement (database,
                                     "SELECT sha256, trust, location FROM trust_publications"
                                     " WHERE target = ?1 AND instance = ?2",
                                     error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, target->backend->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, target->instance, -1, SQLITE_STATIC);

  records = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                   (GDestroyNotify)_cd_trust_record_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *trust = (const char *)sqlite3_column_text (stmt, 1);
      CdTrustRecord *record;

      record = _cd_trust_record_new ((const char *)sqlite3_column_text (stmt, 0),
                                     g_strcmp0 (trust, "distrust") == 0
                                       ? CD_TRUST_DISTRUST : CD_TRUST_ANCHOR,
                                     (const char *)sqlite3_column_text (stmt, 2));
      g_hash_table_replace (records, record->sha256, record);
    }
  if (rc != SQLITE_DONE)
    _cd_database_set_error (database, error);
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return NULL;

  return g_steal_pointer (&records);
}

/* Replaces the target's rows by @records in one transaction, keeping
 * the date of the rows that stay.
 */
gboolean
_cd_trust_save_records (CdDatabase    *database,
                        CdTrustTarget *target,
                        GPtrArray     *records,
                        GError       **error)
{
  sqlite3_stmt *stmt;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (!_cd_database_begin (database, error))
    return FALSE;

  stmt = _cd_database_get_statement (database,
                                     "CREATE TEMP TABLE IF NOT EXISTS trust_keep"
                                     " (sha256 TEXT PRIMARY KEY)",
                                     error);
  if (stmt == NULL || !_cd_database_step_done (database, stmt, error))
    goto fail;

  stmt = _cd_database_get_statement (database, "DELETE FROM trust_keep", error);
  if (stmt == NULL || !_cd_database_step_done (database, stmt, error))
    goto fail;

  for (guint i = 0; i < records->len; i++)
    {
      CdTrustRecord *record = g_ptr_array_index (records, i);

      stmt = _cd_database_get_statement (database,
                                         "INSERT INTO trust_publications"
                                         " (target, instance, sha256, trust, location, published_at)"
                                         " VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
                                         " ON CONFLICT (target, instance, sha256) DO UPDATE"
                                         " SET published_at = CASE WHEN trust = excluded.trust"
                                         "   AND location = excluded.location"
                                         "   THEN published_at ELSE excluded.published_at END,"
                                         " trust = excluded.trust, location = excluded.location",
                                         error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_text (stmt, 1, target->backend->id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, target->instance, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, record->sha256, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, _cd_trust_kind_to_string (record->trust), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, record->location, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 6, now);
      if (!_cd_database_step_done (database, stmt, error))
        goto fail;

      stmt = _cd_database_get_statement (database,
                                         "INSERT OR IGNORE INTO trust_keep (sha256) VALUES (?1)",
                                         error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_text (stmt, 1, record->sha256, -1, SQLITE_STATIC);
      if (!_cd_database_step_done (database, stmt, error))
        goto fail;
    }

  stmt = _cd_database_get_statement (database,
                                     "DELETE FROM trust_publications"
                                     " WHERE target = ?1 AND instance = ?2"
                                     " AND sha256 NOT IN (SELECT sha256 FROM trust_keep)",
                                     error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, target->backend->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, target->instance, -1, SQLITE_STATIC);
  if (!_cd_database_step_done (database, stmt, error))
    goto fail;

  if (!_cd_database_commit (database, error))
    goto fail;

  target->n_published = records->len;
  return TRUE;

fail:
  _cd_database_rollback (database);
  return FALSE;
}

/**
 * cd_trust_dup_publications_for:
 * @database: a #CdDatabase
 * @sha256: a certificate's fingerprint
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (element-type CdTrustTarget): the targets on
 *   this machine that hold the certificate because Certdesk put it there
 */
GPtrArray *
cd_trust_dup_publications_for (CdDatabase  *database,
                               const char  *sha256,
                               GError     **error)
{
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CD_IS_DATABASE (database), NULL);
  g_return_val_if_fail (sha256 != NULL, NULL);

  stmt = _cd_database_get_statement (database,
                                     "SELECT target, instance FROM trust_publications"
                                     " WHERE sha256 = ?1",
                                     error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (keys, g_strdup_printf ("%s\n%s",
                                             sqlite3_column_text (stmt, 0),
                                             sqlite3_column_text (stmt, 1)));
  if (rc != SQLITE_DONE)
    _cd_database_set_error (database, error);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return NULL;

  found = g_ptr_array_new_with_free_func (g_object_unref);
  if (g_hash_table_size (keys) == 0)
    return g_steal_pointer (&found);

  targets = cd_trust_list_targets (database, NULL, error);
  if (targets == NULL)
    return NULL;

  for (guint i = 0; i < targets->len; i++)
    {
      CdTrustTarget *target = g_ptr_array_index (targets, i);
      g_autofree char *key = g_strdup_printf ("%s\n%s", target->backend->id, target->instance);

      if (g_hash_table_contains (keys, key))
        g_ptr_array_add (found, g_object_ref (target));
    }

  return g_steal_pointer (&found);
}
