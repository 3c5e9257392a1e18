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

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "cd-certificate-private.h"
#include "cd-database-private.h"
#include "cd-errors.h"
#include "cd-store-kind.h"

/* Bump with a new entry in migrations[] for every schema change. */
#define SCHEMA_VERSION 2

/* How long a writer waits for another program's transaction. */
#define BUSY_TIMEOUT_MS 10000

struct _CdDatabase
{
  GObject     parent_instance;

  sqlite3    *db;
  char       *path;
  GHashTable *statements;    /* SQL text → sqlite3_stmt, prepared once */
  gint64      data_version;  /* last seen PRAGMA data_version */
};

G_DEFINE_FINAL_TYPE (CdDatabase, cd_database, G_TYPE_OBJECT)

static const char *migrations[SCHEMA_VERSION] = {
  /* 0 → 1 */
  "CREATE TABLE certificates ("
  "  id          INTEGER PRIMARY KEY,"
  "  sha256      TEXT NOT NULL UNIQUE,"
  "  is_request  INTEGER NOT NULL DEFAULT 0,"
  "  key_id      TEXT,"
  "  subject     TEXT NOT NULL,"
  "  subject_cn  TEXT NOT NULL,"
  "  issuer      TEXT,"
  "  issuer_cn   TEXT,"
  "  serial      TEXT,"
  "  not_before  INTEGER NOT NULL DEFAULT 0,"
  "  not_after   INTEGER NOT NULL DEFAULT 0,"
  "  purposes    TEXT NOT NULL DEFAULT '',"
  "  san         TEXT NOT NULL DEFAULT '',"
  "  is_ca       INTEGER NOT NULL DEFAULT 0,"
  "  self_signed INTEGER NOT NULL DEFAULT 0,"
  "  search      TEXT NOT NULL DEFAULT '',"
  "  added       INTEGER NOT NULL"
  ");"
  /* The DER lives apart so that listing a store reads only the small
   * rows above; it is read when someone opens the details. */
  "CREATE TABLE certificate_der ("
  "  certificate_id INTEGER PRIMARY KEY REFERENCES certificates (id) ON DELETE CASCADE,"
  "  der            BLOB NOT NULL"
  ");"
  "CREATE INDEX certificates_key_id ON certificates (key_id);"
  "CREATE TABLE store_entries ("
  "  store          TEXT NOT NULL CHECK (store IN ('my', 'root', 'ca', 'trustedpeople',"
  "                                                'addressbook', 'disallowed', 'request')),"
  "  certificate_id INTEGER NOT NULL REFERENCES certificates (id) ON DELETE CASCADE,"
  "  friendly_name  TEXT,"
  "  description    TEXT,"
  "  added          INTEGER NOT NULL,"
  "  PRIMARY KEY (store, certificate_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX store_entries_certificate ON store_entries (certificate_id);"
  "CREATE TABLE private_keys ("
  "  key_id    TEXT PRIMARY KEY,"
  "  algorithm TEXT NOT NULL,"
  "  label     TEXT,"
  "  added     INTEGER NOT NULL"
  ") WITHOUT ROWID;",

  /* 1 → 2: what the device checklists, the private CA, the device
   * watcher and trust publishing remember. Certificates are referred to
   * by fingerprint, not id, so that this state outlives a delete and
   * re-import of the same certificate. */
  /* Manual steps of a device profile ticked for one certificate. */
  "CREATE TABLE checklist_steps ("
  "  sha256     TEXT NOT NULL,"
  "  profile_id TEXT NOT NULL,"
  "  step_id    TEXT NOT NULL,"
  "  done_at    INTEGER NOT NULL,"
  "  PRIMARY KEY (sha256, profile_id, step_id)"
  ") WITHOUT ROWID;"
  /* Certificates our own CAs issued, and their revocation. */
  "CREATE TABLE ca_issued ("
  "  ca_sha256         TEXT NOT NULL,"
  "  serial            TEXT NOT NULL,"
  "  sha256            TEXT NOT NULL,"
  "  issued_at         INTEGER NOT NULL,"
  "  revoked_at        INTEGER,"
  "  revocation_reason TEXT,"
  "  PRIMARY KEY (ca_sha256, serial)"
  ") WITHOUT ROWID;"
  "CREATE INDEX ca_issued_sha256 ON ca_issued (sha256);"
  "CREATE TABLE ca_crl_numbers ("
  "  ca_sha256  TEXT PRIMARY KEY,"
  "  crl_number INTEGER NOT NULL"
  ") WITHOUT ROWID;"
  /* Network endpoints the watcher checks, and what each check saw. */
  "CREATE TABLE devices ("
  "  id          INTEGER PRIMARY KEY,"
  "  host        TEXT NOT NULL,"
  "  port        INTEGER NOT NULL,"
  "  starttls    TEXT NOT NULL DEFAULT 'none',"
  "  server_name TEXT,"
  "  profile_id  TEXT,"
  "  note        TEXT,"
  "  added       INTEGER NOT NULL,"
  "  UNIQUE (host, port)"
  ");"
  "CREATE TABLE device_checks ("
  "  id             INTEGER PRIMARY KEY,"
  "  device_id      INTEGER NOT NULL REFERENCES devices (id) ON DELETE CASCADE,"
  "  checked_at     INTEGER NOT NULL,"
  "  error          TEXT,"
  "  leaf_sha256    TEXT,"
  "  subject        TEXT,"
  "  not_after      INTEGER,"
  "  chain_status   TEXT,"
  "  profile_status TEXT,"
  "  tls_version    TEXT,"
  "  cipher         TEXT,"
  "  accepted_cas   TEXT,"
  "  client_cert_requested INTEGER NOT NULL DEFAULT 0,"
  "  verify_error   TEXT,"
  "  chain_der      BLOB"
  ");"
  "CREATE INDEX device_checks_device ON device_checks (device_id, checked_at);"
  /* Trust publishing: which targets are on, and what was written where. */
  "CREATE TABLE trust_targets ("
  "  target   TEXT NOT NULL,"
  "  instance TEXT NOT NULL DEFAULT '',"
  "  enabled  INTEGER NOT NULL,"
  "  PRIMARY KEY (target, instance)"
  ") WITHOUT ROWID;"
  "CREATE TABLE trust_publications ("
  "  target       TEXT NOT NULL,"
  "  instance     TEXT NOT NULL DEFAULT '',"
  "  sha256       TEXT NOT NULL,"
  "  trust        TEXT NOT NULL CHECK (trust IN ('anchor', 'distrust')),"
  "  location     TEXT NOT NULL,"
  "  published_at INTEGER NOT NULL,"
  "  PRIMARY KEY (target, instance, sha256)"
  ") WITHOUT ROWID;",
};

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

static void
set_error_from_sqlite (GError     **error,
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
  set_error_from_sqlite (error, self->path, sqlite3_extended_errcode (self->db),
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

static gboolean
exec (CdDatabase  *self,
      const char  *sql,
      GError     **error)
{
  char *message = NULL;
  int rc;

  rc = sqlite3_exec (self->db, sql, NULL, NULL, &message);
  if (rc != SQLITE_OK)
    {
      set_error_from_sqlite (error, self->path, sqlite3_extended_errcode (self->db), message);
      sqlite3_free (message);
      return FALSE;
    }

  return TRUE;
}

static gint64
query_int (CdDatabase *self,
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

static char *
column_dup (sqlite3_stmt *stmt,
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

/* Creates the file 0600 (and its folder 0700) before SQLite does, since
 * SQLite would follow the umask; the -wal and -shm files SQLite makes
 * later copy the database file's mode.
 */
static gboolean
create_private_file (const char  *path,
                     GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, CD_DATABASE_ERROR,
                   saved_errno == EACCES || saved_errno == EROFS ?
                     CD_DATABASE_ERROR_READ_ONLY : CD_DATABASE_ERROR_OPEN,
                   _("The folder “%s” for the certificate database cannot be created: %s."),
                   dir, g_strerror (saved_errno));
      return FALSE;
    }

  fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0 && (errno == EACCES || errno == EROFS))
    {
      /* A file we may only read still opens, read-only; writes then fail
       * with a clear message instead of the whole program refusing.
       */
      fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
    }
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, CD_DATABASE_ERROR, CD_DATABASE_ERROR_OPEN,
                   _("The certificate database “%s” cannot be opened: %s."),
                   path, g_strerror (saved_errno));
      return FALSE;
    }

  g_close (fd, NULL);
  return TRUE;
}

static gboolean
migrate (CdDatabase  *self,
         GError     **error)
{
  gint64 version = query_int (self, "PRAGMA user_version");

  if (version > SCHEMA_VERSION)
    {
      g_set_error (error, CD_DATABASE_ERROR, CD_DATABASE_ERROR_TOO_NEW,
                   _("The certificate database “%s” was made by a newer version of Certdesk. Update Certdesk to open it."),
                   self->path);
      return FALSE;
    }

  if (version == SCHEMA_VERSION)
    return TRUE;

  if (version < 0)
    {
      set_error_from_db (self, error);
      return FALSE;
    }

  if (!_cd_database_begin (self, error))
    return FALSE;

  /* Re-read inside the write lock: another program may have migrated
   * the file while we waited for it.
   */
  version = query_int (self, "PRAGMA user_version");
  for (gint64 v = version; v < SCHEMA_VERSION; v++)
    {
      g_autofree char *set_version = NULL;

      set_version = g_strdup_printf ("PRAGMA user_version = %" G_GINT64_FORMAT, v + 1);
      if (!exec (self, migrations[v], error) || !exec (self, set_version, error))
        {
          _cd_database_rollback (self);
          return FALSE;
        }
    }

  return _cd_database_commit (self, error);
}

static void
close_connection (CdDatabase *self)
{
  g_hash_table_remove_all (self->statements);
  if (self->db != NULL)
    {
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
}

static gboolean
open_connection (CdDatabase  *self,
                 gboolean     immutable,
                 GError     **error)
{
  g_autofree char *uri = NULL;
  int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
  int rc;

  close_connection (self);

  if (immutable)
    {
      g_autofree char *escaped = g_uri_escape_string (self->path, "/", FALSE);

      uri = g_strdup_printf ("file:%s?mode=ro&immutable=1", escaped);
      flags |= SQLITE_OPEN_READONLY;
    }
  else
    {
      g_autofree char *escaped = g_uri_escape_string (self->path, "/", FALSE);

      uri = g_strdup_printf ("file:%s", escaped);
      flags |= SQLITE_OPEN_READWRITE;
    }

  rc = sqlite3_open_v2 (uri, &self->db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      set_error_from_sqlite (error, self->path, rc, self->db ? sqlite3_errmsg (self->db) : NULL);
      close_connection (self);
      return FALSE;
    }

  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  if (!exec (self, "PRAGMA foreign_keys = ON", error) ||
      !exec (self, "PRAGMA synchronous = FULL", error))
    goto failed;

  /* journal_mode is the first statement that reads the file, so a file
   * that is not a database is caught here.
   */
  if (!sqlite3_db_readonly (self->db, "main") &&
      !exec (self, "PRAGMA journal_mode = WAL", error))
    goto failed;

  if (!migrate (self, error))
    goto failed;

  return TRUE;

failed:
  close_connection (self);
  return FALSE;
}

static void
cd_database_finalize (GObject *object)
{
  CdDatabase *self = (CdDatabase *)object;

  close_connection (self);
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
 * cd_database_dup_default_path:
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/certdesk/certdesk.db`
 */
char *
cd_database_dup_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "certdesk", "certdesk.db", NULL);
}

/**
 * cd_database_open:
 * @path: the database file; it and its folder are created if missing
 * @error: a location for a #GError
 *
 * Opens (and creates or migrates) the database.
 *
 * Returns: (transfer full) (nullable): the database, or %NULL with @error set
 */
CdDatabase *
cd_database_open (const char  *path,
                  GError     **error)
{
  g_autoptr(CdDatabase) self = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!create_private_file (path, error))
    return NULL;

  self = g_object_new (CD_TYPE_DATABASE, NULL);
  self->path = g_strdup (path);

  if (!open_connection (self, FALSE, &local_error))
    {
      /* A WAL database on a read-only disk cannot make its -shm file;
       * SQLite reads it only when told the file will not change. Writes
       * then fail as read-only, which is what the user needs to hear.
       */
      if (!g_error_matches (local_error, CD_DATABASE_ERROR, CD_DATABASE_ERROR_OPEN) ||
          access (path, W_OK) == 0)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      g_clear_error (&local_error);
      if (!open_connection (self, TRUE, error))
        return NULL;
    }

  self->data_version = query_int (self, "PRAGMA data_version");

  return g_steal_pointer (&self);
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

  stmt = get_statement (self,
                        "SELECT " ROW_COLUMNS ROW_FROM
                        " WHERE e.store = ?1",
                        error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, cd_store_kind_to_id (kind), -1, SQLITE_STATIC);

  return collect_rows (self, stmt, error);
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

  stmt = get_statement (self, "SELECT store, COUNT(*) FROM store_entries GROUP BY store", error);
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
      set_error_from_db (self, error);
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
  stmt = get_statement (self,
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
        sha256 = column_dup (stmt, 0);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      set_error_from_db (self, error);
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

  stmt = get_statement (self,
                        "SELECT " ROW_COLUMNS ROW_FROM
                        " WHERE c.sha256 = ?1 AND (?2 IS NULL OR e.store = ?2)"
                        " ORDER BY e.store",
                        error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC);
  if (kind != CD_STORE_KIND_AUTO)
    sqlite3_bind_text (stmt, 2, cd_store_kind_to_id (kind), -1, SQLITE_STATIC);

  rows = collect_rows (self, stmt, error);
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

  stmt = get_statement (self,
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
    set_error_from_db (self, error);
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

  stmt = get_statement (self,
                        "DELETE FROM store_entries"
                        " WHERE certificate_id = (SELECT id FROM certificates WHERE sha256 = ?1)"
                        " AND (?2 IS NULL OR store = ?2)",
                        error);
  if (stmt == NULL)
    goto failed;

  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC);
  if (kind != CD_STORE_KIND_AUTO)
    sqlite3_bind_text (stmt, 2, cd_store_kind_to_id (kind), -1, SQLITE_STATIC);
  if (!step_done (self, stmt, error))
    goto failed;
  removed = sqlite3_changes (self->db);

  if (removed == 0)
    {
      g_set_error (error, CD_DATABASE_ERROR, CD_DATABASE_ERROR_NOT_FOUND,
                   _("No certificate has the fingerprint %s."), sha256);
      goto failed;
    }

  stmt = get_statement (self,
                        "DELETE FROM certificates WHERE sha256 = ?1"
                        " AND NOT EXISTS (SELECT 1 FROM store_entries e"
                        "                 WHERE e.certificate_id = certificates.id)",
                        error);
  if (stmt == NULL)
    goto failed;

  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC);
  if (!step_done (self, stmt, error))
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

  version = query_int (self, "PRAGMA data_version");
  if (version == self->data_version)
    return FALSE;

  self->data_version = version;
  return TRUE;
}

gboolean
_cd_database_begin (CdDatabase  *self,
                    GError     **error)
{
  g_assert (CD_IS_DATABASE (self));

  /* IMMEDIATE takes the write lock now, so a busy database fails (after
   * the busy timeout) before anything was done, not half-way through.
   */
  return exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
_cd_database_commit (CdDatabase  *self,
                     GError     **error)
{
  g_assert (CD_IS_DATABASE (self));

  if (!exec (self, "COMMIT", error))
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

static gboolean
lookup_certificate_id (CdDatabase  *self,
                       const char  *sha256,
                       gint64      *out_id,
                       GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = get_statement (self, "SELECT id FROM certificates WHERE sha256 = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  *out_id = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      set_error_from_db (self, error);
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

  stmt = get_statement (self,
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

  if (!step_done (self, stmt, error))
    return FALSE;

  *out_id = sqlite3_last_insert_rowid (self->db);

  stmt = get_statement (self,
                        "INSERT INTO certificate_der (certificate_id, der) VALUES (?1, ?2)",
                        error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, *out_id);
  sqlite3_bind_blob (stmt, 2, der_data, der_len, SQLITE_STATIC);
  if (!step_done (self, stmt, error))
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

  stmt = get_statement (self,
                        "INSERT OR IGNORE INTO store_entries (store, certificate_id, friendly_name,"
                        " added) VALUES (?1, ?2, ?3, ?4)",
                        error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, cd_store_kind_to_id (kind), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, id);
  sqlite3_bind_text (stmt, 3, row->friendly_name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, g_get_real_time () / G_USEC_PER_SEC);

  if (!step_done (self, stmt, error))
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

  stmt = get_statement (self,
                        "DELETE FROM store_entries WHERE store = ?2"
                        " AND certificate_id = (SELECT id FROM certificates WHERE sha256 = ?1)",
                        error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, cd_store_kind_to_id (kind), -1, SQLITE_STATIC);
  if (!step_done (self, stmt, error))
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

  stmt = get_statement (self, "SELECT 1 FROM private_keys WHERE key_id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, key_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      set_error_from_db (self, error);
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

  stmt = get_statement (self,
                        "INSERT OR IGNORE INTO private_keys (key_id, algorithm, label, added)"
                        " VALUES (?1, ?2, ?3, ?4)",
                        error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, key_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, algorithm, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, label, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, g_get_real_time () / G_USEC_PER_SEC);

  if (!step_done (self, stmt, error))
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

  stmt = get_statement (self,
                        "SELECT " ROW_COLUMNS ROW_FROM " WHERE c.key_id = ?1",
                        error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, key_id, -1, SQLITE_STATIC);

  return collect_rows (self, stmt, error);
}

/* Wrappers over the helpers above for cd-database-manage.c. */

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
