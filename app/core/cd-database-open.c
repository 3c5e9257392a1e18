/* cd-database-open.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Opening CdDatabase: the file made private before SQLite creates it,
 * the connection and its pragmas (read-only when the disk is), and the
 * schema migrations that bring an older file up to date.
 */

#define G_LOG_DOMAIN "cd-database"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "cd-database-connection-private.h"
#include "cd-errors.h"

/* Bump with a new entry in migrations[] for every schema change. */
#define SCHEMA_VERSION 2

/* How long a writer waits for another program's transaction. */
#define BUSY_TIMEOUT_MS 10000

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
  gint64 version = _cd_database_query_int (self, "PRAGMA user_version");

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
      _cd_database_set_error (self, error);
      return FALSE;
    }

  if (!_cd_database_begin (self, error))
    return FALSE;

  /* Re-read inside the write lock: another program may have migrated
   * the file while we waited for it.
   */
  version = _cd_database_query_int (self, "PRAGMA user_version");
  for (gint64 v = version; v < SCHEMA_VERSION; v++)
    {
      g_autofree char *set_version = NULL;

      set_version = g_strdup_printf ("PRAGMA user_version = %" G_GINT64_FORMAT, v + 1);
      if (!_cd_database_exec (self, migrations[v], error) || !_cd_database_exec (self, set_version, error))
        {
          _cd_database_rollback (self);
          return FALSE;
        }
    }

  return _cd_database_commit (self, error);
}

void
_cd_database_close_connection (CdDatabase *self)
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

  _cd_database_close_connection (self);

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
      _cd_database_set_error_from_sqlite (error, self->path, rc, self->db ? sqlite3_errmsg (self->db) : NULL);
      _cd_database_close_connection (self);
      return FALSE;
    }

  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  if (!_cd_database_exec (self, "PRAGMA foreign_keys = ON", error) ||
      !_cd_database_exec (self, "PRAGMA synchronous = FULL", error))
    goto failed;

  /* journal_mode is the first statement that reads the file, so a file
   * that is not a database is caught here.
   */
  if (!sqlite3_db_readonly (self->db, "main") &&
      !_cd_database_exec (self, "PRAGMA journal_mode = WAL", error))
    goto failed;

  if (!migrate (self, error))
    goto failed;

  return TRUE;

failed:
  _cd_database_close_connection (self);
  return FALSE;
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

  self->data_version = _cd_database_query_int (self, "PRAGMA data_version");

  return g_steal_pointer (&self);
}
