/* cd-database-entries.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What imports write to CdDatabase: certificates (stored once, however
 * many stores list them), store entries and the key ids the keyring
 * holds.
 */

#define G_LOG_DOMAIN "cd-database"

#include "config.h"

#include "cd-certificate-private.h"
#include "cd-database-connection-private.h"
#include "cd-store-kind.h"

static gboolean
lookup_certificate_id (CdDatabase  *self,
                       const char  *sha256,
                       gint64      *out_id,
                       GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _cd_database_get_statement (self, "SELECT id FROM certificates WHERE sha256 = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  *out_id = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _cd_database_set_error (self, error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
insert_certificate (CdDatabase     *self,
                    CdCertificate  *row,
                    GBytes         *der,
                    gint64         *out_id,
                    GError        **error)
{
  g_autofree char *san = NULL;
  sqlite3_stmt *stmt;
  gsize der_len;
  const void *der_data = g_bytes_get_data (der, &der_len);

  stmt = _cd_database_get_statement (self,
                        "INSERT INTO certificates (sha256, is_request, key_id, subject,"
                        " subject_cn, issuer, issuer_cn, serial, not_before, not_after, purposes,"
                        " san, is_ca, self_signed, search, added)"
                        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
                        " ?15, ?16)",
                        error);
  if (stmt == NULL)
    return FALSE;

  san = cd_certificate_get_san (row) ? g_strjoinv ("\n", row->san) : g_strdup ("");

  sqlite3_bind_text (stmt, 1, row->sha256, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, row->is_request);
  sqlite3_bind_text (stmt, 3, row->key_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, row->subject ? row->subject : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, row->subject_cn ? row->subject_cn : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, row->issuer, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, row->issuer_cn, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, row->serial, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 9, row->not_before);
  sqlite3_bind_int64 (stmt, 10, row->not_after);
  sqlite3_bind_text (stmt, 11, row->purposes ? row->purposes : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 12, san, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 13, row->is_ca);
  sqlite3_bind_int (stmt, 14, row->is_self_signed);
  sqlite3_bind_text (stmt, 15, row->search_text ? row->search_text : "", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 16, g_get_real_time () / G_USEC_PER_SEC);

  if (!_cd_database_step_done (self, stmt, error))
    return FALSE;

  *out_id = sqlite3_last_insert_rowid (self->db);

  stmt = _cd_database_get_statement (self,
                        "INSERT INTO certificate_der (certificate_id, der) VALUES (?1, ?2)",
                        error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, *out_id);
  sqlite3_bind_blob (stmt, 2, der_data, der_len, SQLITE_STATIC);
  if (!_cd_database_step_done (self, stmt, error))
    return FALSE;

  return TRUE;
}

/* Adds @row to store @kind, storing the certificate first if this is its
 * first store. *out_added is FALSE when the store held it already. To be
 * called inside _cd_database_begin()/_cd_database_commit().
 */
gboolean
_cd_database_add_to_store (CdDatabase     *self,
                           CdCertificate  *row,
                           GBytes         *der,
                           CdStoreKind     kind,
                           gboolean       *out_added,
                           GError        **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;

  g_assert (CD_IS_DATABASE (self));
  g_assert (CD_IS_CERTIFICATE (row));
  g_assert (der != NULL);
  g_assert (kind >= 0 && kind < CD_N_STORE_KINDS);

  if (!lookup_certificate_id (self, row->sha256, &id, error))
    return FALSE;

  if (id == 0 && !insert_certificate (self, row, der, &id, error))
    return FALSE;

  stmt = _cd_database_get_statement (self,
                        "INSERT OR IGNORE INTO store_entries (store, certificate_id, friendly_name,"
                        " added) VALUES (?1, ?2, ?3, ?4)",
                        error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, cd_store_kind_to_id (kind), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, id);
  sqlite3_bind_text (stmt, 3, row->friendly_name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, g_get_real_time () / G_USEC_PER_SEC);

  if (!_cd_database_step_done (self, stmt, error))
    return FALSE;

  *out_added = sqlite3_changes (self->db) > 0;
  return TRUE;
}

gboolean
_cd_database_remove_from_store (CdDatabase  *self,
                                const char  *sha256,
                                CdStoreKind  kind,
                                GError     **error)
{
  sqlite3_stmt *stmt;

  g_assert (CD_IS_DATABASE (self));

  stmt = _cd_database_get_statement (self,
                        "DELETE FROM store_entries WHERE store = ?2"
                        " AND certificate_id = (SELECT id FROM certificates WHERE sha256 = ?1)",
                        error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, cd_store_kind_to_id (kind), -1, SQLITE_STATIC);
  if (!_cd_database_step_done (self, stmt, error))
    return FALSE;

  return TRUE;
}

gboolean
_cd_database_has_key (CdDatabase  *self,
                      const char  *key_id,
                      gboolean    *out_has_key,
                      GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_assert (CD_IS_DATABASE (self));

  *out_has_key = FALSE;
  if (key_id == NULL)
    return TRUE;

  stmt = _cd_database_get_statement (self, "SELECT 1 FROM private_keys WHERE key_id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, key_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _cd_database_set_error (self, error);
      return FALSE;
    }

  *out_has_key = rc == SQLITE_ROW;
  return TRUE;
}

/* The database keeps which key ids the keyring holds, so a store lists
 * its key icons with one join instead of one D-Bus call per row.
 */
gboolean
_cd_database_add_key (CdDatabase  *self,
                      const char  *key_id,
                      const char  *algorithm,
                      const char  *label,
                      gboolean    *out_added,
                      GError     **error)
{
  sqlite3_stmt *stmt;

  g_assert (CD_IS_DATABASE (self));

  stmt = _cd_database_get_statement (self,
                        "INSERT OR IGNORE INTO private_keys (key_id, algorithm, label, added)"
                        " VALUES (?1, ?2, ?3, ?4)",
                        error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, key_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, algorithm, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, label, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, g_get_real_time () / G_USEC_PER_SEC);

  if (!_cd_database_step_done (self, stmt, error))
    return FALSE;

  if (out_added != NULL)
    *out_added = sqlite3_changes (self->db) > 0;
  return TRUE;
}

/* Every store entry of every certificate or request with this key id. */
GPtrArray *
_cd_database_list_by_key_id (CdDatabase  *self,
                             const char  *key_id,
                             GError     **error)
{
  sqlite3_stmt *stmt;

  g_assert (CD_IS_DATABASE (self));

  stmt = _cd_database_get_statement (self,
                        "SELECT " ROW_COLUMNS ROW_FROM " WHERE c.key_id = ?1",
                        error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, key_id, -1, SQLITE_STATIC);

  return _cd_database_collect_rows (self, stmt, error);
}
