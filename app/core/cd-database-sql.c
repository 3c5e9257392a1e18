/* cd-database-sql.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Running SQL for CdDatabase: SQLite's errors as messages for the
 * user, the per-connection statement cache, transactions, and reading
 * rows into CdCertificates.
 */

#define G_LOG_DOMAIN "cd-database"

#include "config.h"


#include <glib/gi18n-lib.h>

#include "cd-certificate-private.h"
#include "cd-database-connection-private.h"
#include "cd-errors.h"
#include "cd-store-kind.h"

static CdDatabaseError
error_code_from_sqlite (int code)
{
  switch (code & 0xff)
    {
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return CD_DATABASE_ERROR_READ_ONLY;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return CD_DATABASE_ERROR_BUSY;
    case SQLITE_FULL:
      return CD_DATABASE_ERROR_FULL;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return CD_DATABASE_ERROR_CORRUPT;
    case SQLITE_CANTOPEN:
      return CD_DATABASE_ERROR_OPEN;
    default:
      return CD_DATABASE_ERROR_FAILED;
    }
}

void
_cd_database_set_error_from_sqlite (GError     **error,
                                    const char  *path,
                                    int          code,
                                    const char  *detail)
{
  CdDatabaseError cd_code = error_code_from_sqlite (code);

  switch (cd_code)
    {
    case CD_DATABASE_ERROR_READ_ONLY:
      g_set_error (error, CD_DATABASE_ERROR, cd_code,
                   _("The certificate database “%s” cannot be written. Check that you may write to it and its folder."),
                   path);
      break;

    case CD_DATABASE_ERROR_BUSY:
      g_set_error (error, CD_DATABASE_ERROR, cd_code,
                   _("The certificate database “%s” is busy: another program kept it locked. Try again in a moment."),
                   path);
      break;

    case CD_DATABASE_ERROR_FULL:
      g_set_error (error, CD_DATABASE_ERROR, cd_code,
                   _("The disk holding the certificate database “%s” is full. Free some space and try again."),
                   path);
      break;

    case CD_DATABASE_ERROR_CORRUPT:
      g_set_error (error, CD_DATABASE_ERROR, cd_code,
                   _("“%s” is not a certificate database or is damaged. Move it away to start a new one."),
                   path);
      break;

    case CD_DATABASE_ERROR_OPEN:
      g_set_error (error, CD_DATABASE_ERROR, cd_code,
                   _("The certificate database “%s” cannot be opened: %s."),
                   path, detail ? detail : sqlite3_errstr (code));
      break;

    case CD_DATABASE_ERROR_TOO_NEW:
    case CD_DATABASE_ERROR_NOT_FOUND:
    case CD_DATABASE_ERROR_AMBIGUOUS:
    case CD_DATABASE_ERROR_FAILED:
    default:
      g_set_error (error, CD_DATABASE_ERROR, CD_DATABASE_ERROR_FAILED,
                   _("The certificate database “%s” failed: %s."),
                   path, detail ? detail : sqlite3_errstr (code));
      break;
    }
}

static void
set_error_from_db (CdDatabase  *self,
                   GError     **error)
{
  _cd_database_set_error_from_sqlite (error, self->path, sqlite3_extended_errcode (self->db),
                         sqlite3_errmsg (self->db));
}

/* Statements are prepared once per connection and reset after use, so
 * that importing 10,000 certificates does not compile SQL 10,000 times.
 */
static sqlite3_stmt *
get_statement (CdDatabase  *self,
               const char  *sql,
               GError     **error)
{
  sqlite3_stmt *stmt;

  g_assert (CD_IS_DATABASE (self));

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      set_error_from_db (self, error);
      return NULL;
    }

  g_hash_table_insert (self->statements, (gpointer)sql, stmt);
  return stmt;
}

/* Runs a statement that returns no rows, and resets it for next time. */
static gboolean
step_done (CdDatabase    *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  gboolean ok = sqlite3_step (stmt) == SQLITE_DONE;

  if (!ok)
    set_error_from_db (self, error);
  sqlite3_reset (stmt);

  return ok;
}

gboolean
_cd_database_exec (CdDatabase  *self,
                   const char  *sql,
                   GError     **error)
{
  char *message = NULL;
  int rc;

  rc = sqlite3_exec (self->db, sql, NULL, NULL, &message);
  if (rc != SQLITE_OK)
    {
      _cd_database_set_error_from_sqlite (error, self->path, sqlite3_extended_errcode (self->db), message);
      sqlite3_free (message);
      return FALSE;
    }

  return TRUE;
}

gint64
_cd_database_query_int (CdDatabase *self,
                        const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

char *
_cd_database_column_dup (sqlite3_stmt *stmt,
                         int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text ? g_strdup ((const char *)text) : NULL;
}

/* Copies the text columns of a row into one block (see CdCertificate's
 * strings) and points the row's fields into it.
 */
static void
take_text_columns (CdCertificate *row,
                   sqlite3_stmt  *stmt)
{
  struct {
    int          column;
    const char **field;
  } texts[] = {
    { 0, (const char **)&row->sha256 },
    { 2, (const char **)&row->key_id },
    { 3, (const char **)&row->subject },
    { 4, (const char **)&row->subject_cn },
    { 5, (const char **)&row->issuer },
    { 6, (const char **)&row->issuer_cn },
    { 7, (const char **)&row->serial },
    { 10, (const char **)&row->purposes },
    { 11, &row->san_text },
    { 14, (const char **)&row->search_text },
    { 15, (const char **)&row->friendly_name },
    { 18, (const char **)&row->description },
  };
  gsize total = 0;
  char *p;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      if (sqlite3_column_type (stmt, texts[i].column) != SQLITE_NULL)
        total += sqlite3_column_bytes (stmt, texts[i].column) + 1;
    }

  row->strings = p = g_malloc (MAX (total, 1));

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      const unsigned char *text = sqlite3_column_text (stmt, texts[i].column);
      int len = sqlite3_column_bytes (stmt, texts[i].column);

      if (text == NULL)
        {
          *texts[i].field = NULL;
          continue;
        }

      memcpy (p, text, len);
      p[len] = '\0';
      *texts[i].field = p;
      p += len + 1;
    }
}

static CdCertificate *
row_from_statement (sqlite3_stmt *stmt)
{
  CdCertificate *row = _cd_certificate_new ();
  CdStoreKind kind = CD_STORE_KIND_AUTO;

  take_text_columns (row, stmt);
  row->is_request = sqlite3_column_int (stmt, 1) != 0;
  row->not_before = sqlite3_column_int64 (stmt, 8);
  row->not_after = sqlite3_column_int64 (stmt, 9);
  row->is_ca = sqlite3_column_int (stmt, 12) != 0;
  row->is_self_signed = sqlite3_column_int (stmt, 13) != 0;
  cd_store_kind_from_id ((const char *)sqlite3_column_text (stmt, 16), &kind);
  row->store = kind;
  row->has_private_key = sqlite3_column_int (stmt, 17) != 0;

  return row;
}

static GPtrArray *
collect_rows (CdDatabase    *self,
              sqlite3_stmt  *stmt,
              GError       **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, row_from_statement (stmt));

  if (rc != SQLITE_DONE)
    {
      set_error_from_db (self, error);
      sqlite3_reset (stmt);
      return NULL;
    }

  sqlite3_reset (stmt);
  return g_steal_pointer (&rows);
}

gboolean
_cd_database_begin (CdDatabase  *self,
                    GError     **error)
{
  g_assert (CD_IS_DATABASE (self));

  /* IMMEDIATE takes the write lock now, so a busy database fails (after
   * the busy timeout) before anything was done, not half-way through.
   */
  return _cd_database_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
_cd_database_commit (CdDatabase  *self,
                     GError     **error)
{
  g_assert (CD_IS_DATABASE (self));

  if (!_cd_database_exec (self, "COMMIT", error))
    {
      _cd_database_rollback (self);
      return FALSE;
    }

  return TRUE;
}

void
_cd_database_rollback (CdDatabase *self)
{
  g_assert (CD_IS_DATABASE (self));

  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Wrappers over the helpers above for the other cd-database files. */

sqlite3_stmt *
_cd_database_get_statement (CdDatabase  *self,
                            const char  *sql,
                            GError     **error)
{
  return get_statement (self, sql, error);
}

gboolean
_cd_database_step_done (CdDatabase    *self,
                        sqlite3_stmt  *stmt,
                        GError       **error)
{
  g_assert (CD_IS_DATABASE (self));

  return step_done (self, stmt, error);
}

void
_cd_database_set_error (CdDatabase  *self,
                        GError     **error)
{
  g_assert (CD_IS_DATABASE (self));

  set_error_from_db (self, error);
}

GPtrArray *
_cd_database_collect_rows (CdDatabase    *self,
                           sqlite3_stmt  *stmt,
                           GError       **error)
{
  g_assert (CD_IS_DATABASE (self));

  return collect_rows (self, stmt, error);
}

int
_cd_database_changes (CdDatabase *self)
{
  g_assert (CD_IS_DATABASE (self));

  return sqlite3_changes (self->db);
}

gint64
_cd_database_last_insert_rowid (CdDatabase *self)
{
  g_assert (CD_IS_DATABASE (self));

  return sqlite3_last_insert_rowid (self->db);
}
