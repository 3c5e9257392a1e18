/* cd-database-checklist.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Which manual steps of a device profile the user ticked for one
 * certificate: a row of checklist_steps per step done. Rows are keyed
 * by the certificate's SHA-256, not by a store entry, so the ticks
 * survive moving the certificate between stores.
 */

#define G_LOG_DOMAIN "cd-database"

#include "config.h"

#include "cd-database-private.h"

/**
 * cd_database_dup_checklist_done:
 * @self: a #CdDatabase
 * @sha256: the certificate's fingerprint, lower-case hex
 * @profile_id: a profile id
 * @error: where a database error goes
 *
 * Returns: (transfer full) (nullable): the ids of the steps done,
 *   sorted; an empty array when none is
 */
char **
cd_database_dup_checklist_done (CdDatabase  *self,
                                const char  *sha256,
                                const char  *profile_id,
                                GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CD_IS_DATABASE (self), NULL);
  g_return_val_if_fail (sha256 != NULL, NULL);
  g_return_val_if_fail (profile_id != NULL, NULL);

  stmt = _cd_database_get_statement (self,
                                     "SELECT step_id FROM checklist_steps"
                                     " WHERE sha256 = ?1 AND profile_id = ?2 ORDER BY step_id",
                                     error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, profile_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *)sqlite3_column_text (stmt, 0));

  if (rc != SQLITE_DONE)
    {
      _cd_database_set_error (self, error);
      sqlite3_reset (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);

  return g_strv_builder_end (builder);
}

/**
 * cd_database_set_checklist_step:
 * @self: a #CdDatabase
 * @sha256: the certificate's fingerprint, lower-case hex
 * @profile_id: a profile id
 * @step_id: a step of that profile
 * @done: whether the step is done
 * @error: where a database error goes
 *
 * Returns: %TRUE if the state is stored
 */
gboolean
cd_database_set_checklist_step (CdDatabase  *self,
                                const char  *sha256,
                                const char  *profile_id,
                                const char  *step_id,
                                gboolean     done,
                                GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CD_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (sha256 != NULL, FALSE);
  g_return_val_if_fail (profile_id != NULL, FALSE);
  g_return_val_if_fail (step_id != NULL, FALSE);

  /* Ticking twice keeps the first time it was done. */
  if (done)
    stmt = _cd_database_get_statement (self,
                                       "INSERT OR IGNORE INTO checklist_steps"
                                       " (sha256, profile_id, step_id, done_at) VALUES (?1, ?2, ?3, ?4)",
                                       error);
  else
    stmt = _cd_database_get_statement (self,
                                       "DELETE FROM checklist_steps"
                                       " WHERE sha256 = ?1 AND profile_id = ?2 AND step_id = ?3",
                                       error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, profile_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, step_id, -1, SQLITE_STATIC);
  if (done)
    sqlite3_bind_int64 (stmt, 4, g_get_real_time () / G_USEC_PER_SEC);

  return _cd_database_step_done (self, stmt, error);
}
