/* cd-database-delete.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Deleting from CdDatabase with Undo: every column, DER and store entry
 * of what is deleted is kept in a CdDeletion, which puts it all back as
 * it was; keys no certificate uses any more are named for the keyring.
 */

#define G_LOG_DOMAIN "cd-database"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cd-certificate.h"
#include "cd-database-private.h"
#include "cd-errors.h"
#include "cd-store-kind.h"

/* Every column of the certificates table, the id first: a deletion
 * keeps them as SQLite values, so a restored row is the same down to
 * NULL against "" and integer against text.
 */
#define CERTIFICATE_COLUMNS \
  "id, sha256, is_request, key_id, subject, subject_cn, issuer, issuer_cn, serial," \
  " not_before, not_after, purposes, san, is_ca, self_signed, search, added"
#define N_CERTIFICATE_COLUMNS 17
#define COLUMN_ID             0
#define COLUMN_KEY_ID         3

typedef struct
{
  CdStoreKind  kind;
  char        *friendly_name;
  char        *description;
  gint64       added;
} DeletedEntry;

typedef struct
{
  char          *sha256;
  sqlite3_value *columns[N_CERTIFICATE_COLUMNS];
  GBytes        *der;
  GArray        *entries;    /* DeletedEntry */
} DeletedCertificate;

struct _CdDeletion
{
  gatomicrefcount  ref_count;
  GPtrArray       *certificates;    /* DeletedCertificate, in the order met */
  char           **orphaned_key_ids;
  guint            n_entries;
};

G_DEFINE_BOXED_TYPE (CdDeletion, cd_deletion, cd_deletion_ref, cd_deletion_unref)

static void
deleted_entry_clear (gpointer data)
{
  DeletedEntry *entry = data;

  g_clear_pointer (&entry->friendly_name, g_free);
  g_clear_pointer (&entry->description, g_free);
}

static void
deleted_certificate_free (gpointer data)
{
  DeletedCertificate *certificate = data;

  for (guint i = 0; i < N_CERTIFICATE_COLUMNS; i++)
    sqlite3_value_free (certificate->columns[i]);
  g_clear_pointer (&certificate->der, g_bytes_unref);
  g_clear_pointer (&certificate->entries, g_array_unref);
  g_free (certificate->sha256);
  g_free (certificate);
}

static CdDeletion *
cd_deletion_new (void)
{
  CdDeletion *deletion = g_new0 (CdDeletion, 1);

  g_atomic_ref_count_init (&deletion->ref_count);
  deletion->certificates = g_ptr_array_new_with_free_func (deleted_certificate_free);

  return deletion;
}

/**
 * cd_deletion_ref:
 * @deletion: a #CdDeletion
 *
 * Returns: (transfer full): @deletion
 */
CdDeletion *
cd_deletion_ref (CdDeletion *deletion)
{
  g_return_val_if_fail (deletion != NULL, NULL);

  g_atomic_ref_count_inc (&deletion->ref_count);

  return deletion;
}

/**
 * cd_deletion_unref:
 * @deletion: a #CdDeletion
 */
void
cd_deletion_unref (CdDeletion *deletion)
{
  g_return_if_fail (deletion != NULL);

  if (!g_atomic_ref_count_dec (&deletion->ref_count))
    return;

  g_clear_pointer (&deletion->certificates, g_ptr_array_unref);
  g_clear_pointer (&deletion->orphaned_key_ids, g_strfreev);
  g_free (deletion);
}

/**
 * cd_deletion_get_n_entries:
 * @deletion: a #CdDeletion
 *
 * Returns: how many store entries were deleted; a certificate deleted
 *   from two stores counts twice
 */
guint
cd_deletion_get_n_entries (CdDeletion *deletion)
{
  g_return_val_if_fail (deletion != NULL, 0);

  return deletion->n_entries;
}

/**
 * cd_deletion_dup_orphaned_key_ids:
 * @deletion: a #CdDeletion
 *
 * The private keys that, once this deletion was done, no certificate
 * or request in any store used any more: the ones to offer deleting
 * with cd_keyring_delete_key() and cd_database_forget_key().
 *
 * Returns: (transfer full) (array zero-terminated=1): the key ids,
 *   possibly none
 */
char **
cd_deletion_dup_orphaned_key_ids (CdDeletion *deletion)
{
  g_return_val_if_fail (deletion != NULL, NULL);

  if (deletion->orphaned_key_ids == NULL)
    return g_new0 (char *, 1);

  return g_strdupv (deletion->orphaned_key_ids);
}

/* Keeps every column of the certificate and its DER, before any of its
 * entries goes.
 */
static DeletedCertificate *
capture_certificate (CdDatabase     *self,
                     CdCertificate  *row,
                     GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  DeletedCertificate *certificate;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _cd_database_get_statement (self,
                                     "SELECT " CERTIFICATE_COLUMNS " FROM certificates"
                                     " WHERE sha256 = ?1",
                                     error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, cd_certificate_get_sha256 (row), -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        _cd_database_set_not_in_store (error, row);
      else
        _cd_database_set_error (self, error);
      sqlite3_reset (stmt);
      return NULL;
    }

  certificate = g_new0 (DeletedCertificate, 1);
  certificate->sha256 = g_strdup (cd_certificate_get_sha256 (row));
  certificate->entries = g_array_new (FALSE, TRUE, sizeof (DeletedEntry));
  g_array_set_clear_func (certificate->entries, deleted_entry_clear);
  for (guint i = 0; i < N_CERTIFICATE_COLUMNS; i++)
    certificate->columns[i] = sqlite3_value_dup (sqlite3_column_value (stmt, i));
  sqlite3_reset (stmt);

  for (guint i = 0; i < N_CERTIFICATE_COLUMNS; i++)
    {
      if (certificate->columns[i] == NULL)
        {
          g_set_error_literal (error, CD_DATABASE_ERROR, CD_DATABASE_ERROR_FAILED,
                               _("There is not enough memory to delete certificates. Close some programs and try again."));
          deleted_certificate_free (certificate);
          return NULL;
        }
    }

  certificate->der = cd_database_dup_der (self, certificate->sha256, error);
  if (certificate->der == NULL)
    {
      deleted_certificate_free (certificate);
      return NULL;
    }

  return certificate;
}

/* Keeps the entry of @row's store, then deletes it. */
static gboolean
delete_entry (CdDatabase          *self,
              DeletedCertificate  *certificate,
              CdCertificate       *row,
              GError             **error)
{
  CdStoreKind kind = cd_certificate_get_store (row);
  gint64 id = sqlite3_value_int64 (certificate->columns[COLUMN_ID]);
  DeletedEntry entry = { kind, NULL, NULL, 0 };
  sqlite3_stmt *stmt;
  int rc;

  stmt = _cd_database_get_statement (self,
                                     "SELECT friendly_name, description, added FROM store_entries"
                                     " WHERE certificate_id = ?1 AND store = ?2",
                                     error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, cd_store_kind_to_id (kind), -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      entry.friendly_name = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      entry.description = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
      entry.added = sqlite3_column_int64 (stmt, 2);
    }
  else if (rc == SQLITE_DONE)
    {
      _cd_database_set_not_in_store (error, row);
    }
  else
    {
      _cd_database_set_error (self, error);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW)
    return FALSE;

  g_array_append_val (certificate->entries, entry);

  stmt = _cd_database_get_statement (self,
                                     "DELETE FROM store_entries"
                                     " WHERE certificate_id = ?1 AND store = ?2",
                                     error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, cd_store_kind_to_id (kind), -1, SQLITE_STATIC);

  return _cd_database_step_done (self, stmt, error);
}

/* A certificate goes with its last store entry, its DER by cascade. */
static gboolean
delete_if_unused (CdDatabase          *self,
                  DeletedCertificate  *certificate,
                  GError             **error)
{
  sqlite3_stmt *stmt;

  stmt = _cd_database_get_statement (self,
                                     "DELETE FROM certificates WHERE id = ?1"
                                     " AND NOT EXISTS (SELECT 1 FROM store_entries"
                                     "                 WHERE certificate_id = ?1)",
                                     error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, sqlite3_value_int64 (certificate->columns[COLUMN_ID]));

  return _cd_database_step_done (self, stmt, error);
}

/* Whether the database knows a private key @key_id that no certificate
 * or request uses any more. A certificate row lives only as long as
 * one of its store entries, so no store needs to be looked at.
 */
static gboolean
is_orphaned_key (CdDatabase  *self,
                 const char  *key_id,
                 gboolean    *out_orphaned,
                 GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _cd_database_get_statement (self,
                                     "SELECT 1 FROM private_keys WHERE key_id = ?1"
                                     " AND NOT EXISTS (SELECT 1 FROM certificates WHERE key_id = ?1)",
                                     error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, key_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    _cd_database_set_error (self, error);
  sqlite3_reset (stmt);

  *out_orphaned = rc == SQLITE_ROW;

  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

static gboolean
find_orphaned_keys (CdDatabase  *self,
                    CdDeletion  *deletion,
                    GError     **error)
{
  g_autoptr(GPtrArray) orphaned = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < deletion->certificates->len; i++)
    {
      DeletedCertificate *certificate = g_ptr_array_index (deletion->certificates, i);
      const char *key_id = (const char *)sqlite3_value_text (certificate->columns[COLUMN_KEY_ID]);
      gboolean is_orphaned = FALSE;

      if (key_id == NULL || !g_hash_table_add (seen, (gpointer)key_id))
        continue;

      if (!is_orphaned_key (self, key_id, &is_orphaned, error))
        return FALSE;

      if (is_orphaned)
        g_ptr_array_add (orphaned, g_strdup (key_id));
    }

  g_ptr_array_add (orphaned, NULL);
  deletion->orphaned_key_ids = (char **)g_ptr_array_steal (orphaned, NULL);

  return TRUE;
}

/**
 * cd_database_delete_rows:
 * @self: a #CdDatabase
 * @rows: (element-type CdCertificate): store entries as listed by
 *   cd_database_list_store() or cd_database_find()
 * @error: a location for a #GError
 *
 * Deletes every row from its store in one transaction; a certificate
 * goes with its last store entry. Private keys stay: see
 * cd_deletion_dup_orphaned_key_ids() for the ones no certificate uses
 * any more, and cd_database_restore() to undo.
 *
 * Returns: (transfer full) (nullable): what was deleted, or %NULL with
 *   @error set and nothing deleted
 */
CdDeletion *
cd_database_delete_rows (CdDatabase   *self,
                         GPtrArray    *rows,
                         GError      **error)
{
  g_autoptr(CdDeletion) deletion = NULL;
  g_autoptr(GHashTable) by_sha256 = NULL;
  g_autoptr(GHashTable) seen = NULL;

  g_return_val_if_fail (CD_IS_DATABASE (self), NULL);
  g_return_val_if_fail (rows != NULL && _cd_database_check_rows (rows), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_cd_database_begin (self, error))
    return NULL;

  deletion = cd_deletion_new ();
  by_sha256 = g_hash_table_new (g_str_hash, g_str_equal);
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < rows->len; i++)
    {
      CdCertificate *row = g_ptr_array_index (rows, i);
      DeletedCertificate *certificate;

      if (!g_hash_table_add (seen, _cd_database_entry_key (row)))
        continue;

      certificate = g_hash_table_lookup (by_sha256, cd_certificate_get_sha256 (row));
      if (certificate == NULL)
        {
          certificate = capture_certificate (self, row, error);
          if (certificate == NULL)
            goto failed;

          g_ptr_array_add (deletion->certificates, certificate);
          g_hash_table_insert (by_sha256, certificate->sha256, certificate);
        }

      if (!delete_entry (self, certificate, row, error))
        goto failed;

      deletion->n_entries++;
    }

  for (guint i = 0; i < deletion->certificates->len; i++)
    {
      if (!delete_if_unused (self, g_ptr_array_index (deletion->certificates, i), error))
        goto failed;
    }

  if (!find_orphaned_keys (self, deletion, error))
    goto failed;

  if (!_cd_database_commit (self, error))
    return NULL;

  return g_steal_pointer (&deletion);

failed:
  _cd_database_rollback (self);
  return NULL;
}

/* Puts the certificate row back under its old id when that is still
 * free, so that a restore leaves the file as it was; someone may have
 * imported it again since, and then its row is used as it is.
 */
static gboolean
restore_certificate (CdDatabase          *self,
                     DeletedCertificate  *certificate,
                     gint64              *out_id,
                     GError             **error)
{
  sqlite3_stmt *stmt;
  gsize der_len;
  const void *der_data;
  int rc;

  stmt = _cd_database_get_statement (self, "SELECT id FROM certificates WHERE sha256 = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, certificate->sha256, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  *out_id = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    _cd_database_set_error (self, error);
  sqlite3_reset (stmt);

  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    return FALSE;

  stmt = _cd_database_get_statement (self,
                                     "INSERT INTO certificates (" CERTIFICATE_COLUMNS ")"
                                     " VALUES (CASE WHEN EXISTS (SELECT 1 FROM certificates WHERE id = ?1)"
                                     "         THEN NULL ELSE ?1 END,"
                                     " ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,"
                                     " ?16, ?17)",
                                     error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < N_CERTIFICATE_COLUMNS; i++)
    sqlite3_bind_value (stmt, i + 1, certificate->columns[i]);
  if (!_cd_database_step_done (self, stmt, error))
    return FALSE;

  *out_id = _cd_database_last_insert_rowid (self);

  stmt = _cd_database_get_statement (self,
                                     "INSERT INTO certificate_der (certificate_id, der) VALUES (?1, ?2)",
                                     error);
  if (stmt == NULL)
    return FALSE;

  der_data = g_bytes_get_data (certificate->der, &der_len);
  sqlite3_bind_int64 (stmt, 1, *out_id);
  sqlite3_bind_blob (stmt, 2, der_data, der_len, SQLITE_STATIC);

  return _cd_database_step_done (self, stmt, error);
}

static gboolean
restore_entry (CdDatabase    *self,
               gint64         id,
               DeletedEntry  *entry,
               GError       **error)
{
  sqlite3_stmt *stmt;

  /* REPLACE: an entry added again since takes back the user's name. */
  stmt = _cd_database_get_statement (self,
                                     "INSERT OR REPLACE INTO store_entries (store, certificate_id,"
                                     " friendly_name, description, added) VALUES (?1, ?2, ?3, ?4, ?5)",
                                     error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, cd_store_kind_to_id (entry->kind), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, id);
  sqlite3_bind_text (stmt, 3, entry->friendly_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, entry->description, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, entry->added);

  return _cd_database_step_done (self, stmt, error);
}

/**
 * cd_database_restore:
 * @self: a #CdDatabase
 * @deletion: what cd_database_delete_rows() returned
 * @error: a location for a #GError
 *
 * Undoes a deletion in one transaction: every certificate, its DER and
 * each store entry with its friendly name, description and the time it
 * was added come back as they were. A private key forgotten since with
 * cd_database_forget_key() does not come back. Restoring twice is
 * harmless.
 *
 * Returns: %TRUE on success; on failure nothing was restored
 */
gboolean
cd_database_restore (CdDatabase   *self,
                     CdDeletion   *deletion,
                     GError      **error)
{
  g_return_val_if_fail (CD_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (deletion != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_cd_database_begin (self, error))
    return FALSE;

  for (guint i = 0; i < deletion->certificates->len; i++)
    {
      DeletedCertificate *certificate = g_ptr_array_index (deletion->certificates, i);
      gint64 id;

      if (!restore_certificate (self, certificate, &id, error))
        goto failed;

      for (guint j = 0; j < certificate->entries->len; j++)
        {
          if (!restore_entry (self, id, &g_array_index (certificate->entries, DeletedEntry, j),
                              error))
            goto failed;
        }
    }

  return _cd_database_commit (self, error);

failed:
  _cd_database_rollback (self);
  return FALSE;
}

/**
 * cd_database_forget_key:
 * @self: a #CdDatabase
 * @key_id: the key id of a private key
 * @error: a location for a #GError
 *
 * Removes the database's record of a private key, so certificates with
 * that key id no longer show one. Call it only after
 * cd_keyring_delete_key() succeeded: the other way round, a keyring
 * that failed would keep a secret key the database no longer shows.
 * Forgetting a key the database does not know is not an error.
 *
 * Returns: %TRUE on success
 */
gboolean
cd_database_forget_key (CdDatabase   *self,
                        const char   *key_id,
                        GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CD_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (key_id != NULL, FALSE);

  stmt = _cd_database_get_statement (self, "DELETE FROM private_keys WHERE key_id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, key_id, -1, SQLITE_STATIC);

  return _cd_database_step_done (self, stmt, error);
}
