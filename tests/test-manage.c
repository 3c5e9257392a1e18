/* test-manage.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Managing certificates already in the stores, on a real SQLite file
 * and the session's real keyring: copy and move (one row and a
 * selection), friendly names and descriptions, delete and Undo down to
 * the bytes of the file, which private keys a deletion leaves unused,
 * the expiring view and the DER lists. Every failure, a busy database
 * among them, must leave the file as it was.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "cd-certificate.h"
#include "cd-database.h"
#include "cd-errors.h"
#include "cd-importer.h"
#include "cd-keyring.h"
#include "cd-store-kind.h"
#include "cd-test-utils.h"

/* ------------------------------------------------------------------ */
/* Helpers                                                              */
/* ------------------------------------------------------------------ */

static void
import_path (CdDatabase  *database,
             const char  *path,
             const char  *password,
             CdStoreKind  kind)
{
  g_autoptr(CdKeyring) keyring = cd_keyring_new (FALSE);
  g_autoptr(CdImporter) importer = cd_importer_new (database, keyring);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CdImportResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = cd_importer_import_file (importer, file, password, kind, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
}

static void
import_fixture (CdDatabase  *database,
                const char  *name,
                CdStoreKind  kind)
{
  g_autofree char *path = cd_test_fixture (name);

  import_path (database, path, NULL, kind);
}

static char *
run_tool (const char *command_line)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_command_line_sync (command_line, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", command_line, err);

  return out;
}

/* The SHA-256 fingerprint of a PEM certificate as openssl computes it,
 * in the database's form: lower-case hex without colons.
 */
static char *
openssl_sha256 (const char *path)
{
  g_autofree char *quoted = g_shell_quote (path);
  g_autofree char *command = g_strdup_printf ("openssl x509 -in %s -noout -fingerprint -sha256",
                                              quoted);
  g_autofree char *out = run_tool (command);
  gsize start = strcspn (out, "=");
  GString *hex = g_string_new (NULL);

  g_assert_cmpint (out[start], ==, '=');
  for (gsize i = start + 1; out[i] != '\0' && out[i] != '\n'; i++)
    {
      if (out[i] != ':')
        g_string_append_c (hex, g_ascii_tolower (out[i]));
    }
  g_assert_cmpuint (hex->len, ==, 64);

  return g_string_free (hex, FALSE);
}

static char *
fixture_sha256 (const char *name)
{
  g_autofree char *path = cd_test_fixture (name);

  return openssl_sha256 (path);
}

/* The row of @sha256 in @kind, as the GUI would have listed it. */
static CdCertificate *
get_row (CdDatabase  *database,
         const char  *sha256,
         CdStoreKind  kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = cd_database_find (database, sha256, kind, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);

  return g_object_ref (g_ptr_array_index (rows, 0));
}

/* A selection: the rows that follow, up to NULL, as (sha256, kind) pairs. */
static GPtrArray *
select_rows (CdDatabase *database,
             const char *first_sha256,
             ...)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_object_unref);
  va_list args;

  va_start (args, first_sha256);
  for (const char *sha256 = first_sha256; sha256 != NULL; sha256 = va_arg (args, const char *))
    {
      CdStoreKind kind = va_arg (args, CdStoreKind);

      g_ptr_array_add (rows, get_row (database, sha256, kind));
    }
  va_end (args);

  return rows;
}

/* The store ids holding @sha256 in certmgr order, joined with commas;
 * "" when none does.
 */
static char *
stores_of (CdDatabase *database,
           const char *sha256)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = cd_database_find (database, sha256, CD_STORE_KIND_AUTO, &error);
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean in_store[CD_N_STORE_KINDS] = { FALSE, };

  if (g_error_matches (error, CD_DATABASE_ERROR, CD_DATABASE_ERROR_NOT_FOUND))
    return g_strdup ("");
  g_assert_no_error (error);

  for (guint i = 0; i < rows->len; i++)
    in_store[cd_certificate_get_store (g_ptr_array_index (rows, i))] = TRUE;

  for (guint kind = 0; kind < CD_N_STORE_KINDS; kind++)
    {
      if (in_store[kind])
        g_string_append_printf (out, "%s%s", out->len > 0 ? "," : "", cd_store_kind_to_id (kind));
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

#define assert_stores(database, sha256, expected) \
  G_STMT_START { \
    g_autofree char *stores__ = stores_of ((database), (sha256)); \
    g_assert_cmpstr (stores__, ==, (expected)); \
  } G_STMT_END

static void
append_table (GString    *out,
              sqlite3    *db,
              const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_string_append_printf (out, "-- %s\n", sql);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          int type = sqlite3_column_type (stmt, i);

          /* The type is part of the dump: NULL is not "", 1 is not '1'. */
          g_string_append_printf (out, "%s%d:", i > 0 ? "|" : "", type);
          if (type == SQLITE_BLOB)
            {
              const guchar *blob = sqlite3_column_blob (stmt, i);

              for (int j = 0; j < sqlite3_column_bytes (stmt, i); j++)
                g_string_append_printf (out, "%02x", blob[j]);
            }
          else if (type != SQLITE_NULL)
            {
              g_string_append (out, (const char *)sqlite3_column_text (stmt, i));
            }
        }
      g_string_append_c (out, '\n');
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

/* Every row of every table, read by a connection of its own, so that
 * only what was committed shows.
 */
static char *
raw_dump (const char *path)
{
  GString *out = g_string_new (NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  append_table (out, db, "SELECT * FROM certificates ORDER BY id");
  append_table (out, db, "SELECT * FROM certificate_der ORDER BY certificate_id");
  append_table (out, db, "SELECT * FROM store_entries ORDER BY store, certificate_id");
  append_table (out, db, "SELECT * FROM private_keys ORDER BY key_id");
  sqlite3_close (db);

  return g_string_free (out, FALSE);
}

/* Both views of the file: what the stores list, and every raw row. */
static char *
full_dump (CdDatabase *database)
{
  g_autofree char *listed = cd_test_dump_database (database);
  g_autofree char *raw = raw_dump (cd_database_get_path (database));

  return g_strconcat (listed, raw, NULL);
}

static gint64
query_int (const char *path,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

/* A folder where "openssl ca" signs certificates with dates of the
 * test's choosing, which "openssl req -x509" cannot put in the past.
 */
static char *
make_ca_dir (void)
{
  char *dir = cd_test_make_tmpdir ();
  g_autofree char *quoted = g_shell_quote (dir);

  cd_test_run_command ("cd %s && : > index.txt && echo 01 > serial && "
                       "printf '[ca]\\ndefault_ca = d\\n[d]\\ndatabase = index.txt\\n"
                       "new_certs_dir = .\\nserial = serial\\ndefault_md = sha256\\n"
                       "unique_subject = no\\npolicy = p\\n[p]\\ncommonName = supplied\\n' > ca.cnf",
                       quoted);

  return dir;
}

/* A self-signed EC certificate "@cn" valid until @not_after, signed by
 * its own key; returns the PEM file.
 */
static char *
make_dated_certificate (const char *dir,
                        const char *cn,
                        gint64      not_after)
{
  g_autoptr(GDateTime) end = g_date_time_new_from_unix_utc (not_after);
  g_autofree char *enddate = g_date_time_format (end, "%Y%m%d%H%M%SZ");
  g_autofree char *quoted = g_shell_quote (dir);
  char *path = g_strdup_printf ("%s/%s.pem", dir, cn);

  cd_test_run_command ("cd %s && openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256"
                       " -nodes -keyout %s.key -subj /CN=%s -out %s.csr 2>/dev/null &&"
                       " openssl ca -batch -notext -config ca.cnf -selfsign -keyfile %s.key"
                       " -in %s.csr -startdate 20200101000000Z -enddate %s -out %s.pem 2>/dev/null",
                       quoted, cn, cn, cn, cn, cn, enddate, cn);

  return path;
}

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* ------------------------------------------------------------------ */
/* Copy                                                                 */
/* ------------------------------------------------------------------ */

static void
test_manage_copy (void)
{
  g_autoptr(CdDatabase) database = cd_test_open_database (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(CdCertificate) copied = NULL;
  g_autofree char *root = fixture_sha256 ("root.pem");
  g_autofree char *intermediate = fixture_sha256 ("int.pem");
  g_autofree char *leaf = fixture_sha256 ("leaf.pem");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint added = 99;

  import_fixture (database, "root.pem", CD_STORE_KIND_ROOT);
  import_fixture (database, "int.pem", CD_STORE_KIND_CA);
  import_fixture (database, "leaf.pem", CD_STORE_KIND_ADDRESS_BOOK);
  g_assert_true (cd_database_set_properties (database, leaf, CD_STORE_KIND_ADDRESS_BOOK,
                                             "Web server", "Renew in March", &error));
  g_assert_no_error (error);

  /* One row: the copy carries the name and the note along. */
  rows = select_rows (database, leaf, CD_STORE_KIND_ADDRESS_BOOK, NULL);
  g_assert_true (cd_database_copy_to_store (database, rows, CD_STORE_KIND_TRUSTED_PEOPLE,
                                            &added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 1);
  assert_stores (database, leaf, "trustedpeople,addressbook");
  copied = get_row (database, leaf, CD_STORE_KIND_TRUSTED_PEOPLE);
  g_assert_cmpstr (cd_certificate_get_friendly_name (copied), ==, "Web server");
  g_assert_cmpstr (cd_certificate_get_description (copied), ==, "Renew in March");
  g_assert_cmpint (query_int (cd_database_get_path (database),
                              "SELECT COUNT(*) FROM certificates"), ==, 3);

  /* Again: already there is no error, and nothing changes. */
  before = full_dump (database);
  g_assert_true (cd_database_copy_to_store (database, rows, CD_STORE_KIND_TRUSTED_PEOPLE,
                                            &added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 0);
  after = full_dump (database);
  g_assert_cmpstr (before, ==, after);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* A selection across stores, one of them there already, the same
   * row given twice: one call, counted once each.
   */
  rows = select_rows (database,
                      root, CD_STORE_KIND_ROOT,
                      intermediate, CD_STORE_KIND_CA,
                      leaf, CD_STORE_KIND_TRUSTED_PEOPLE,
                      intermediate, CD_STORE_KIND_CA,
                      NULL);
  g_assert_true (cd_database_copy_to_store (database, rows, CD_STORE_KIND_TRUSTED_PEOPLE,
                                            &added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 2);
  assert_stores (database, root, "root,trustedpeople");
  assert_stores (database, intermediate, "ca,trustedpeople");
  assert_stores (database, leaf, "trustedpeople,addressbook");
  g_assert_cmpuint (cd_test_count_rows (database, CD_STORE_KIND_TRUSTED_PEOPLE), ==, 3);
  g_assert_cmpint (query_int (cd_database_get_path (database),
                              "SELECT COUNT(*) FROM certificates"), ==, 3);
  g_assert_cmpint (query_int (cd_database_get_path (database),
                              "SELECT COUNT(*) FROM certificate_der"), ==, 3);
}

/* Requests and certificates do not mix, and a selection with one
 * mistake in it changes nothing.
 */
static void
test_manage_request_store (void)
{
  g_autoptr(CdDatabase) database = cd_test_open_database (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  g_autofree char *leaf = fixture_sha256 ("leaf.pem");
  g_autofree char *root = fixture_sha256 ("root.pem");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint count = 99;

  import_fixture (database, "leaf.pem", CD_STORE_KIND_ADDRESS_BOOK);
  import_fixture (database, "root.pem", CD_STORE_KIND_ROOT);
  import_fixture (database, "leaf.csr", CD_STORE_KIND_AUTO);
  requests = cd_database_list_store (database, CD_STORE_KIND_REQUEST, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (requests->len, ==, 1);

  before = full_dump (database);

  g_assert_false (cd_database_copy_to_store (database, requests, CD_STORE_KIND_MY, &count, &error));
  g_assert_error (error, CD_DATABASE_ERROR, CD_DATABASE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "Certificate Enrollment Requests"));
  g_assert_cmpuint (count, ==, 99);
  g_clear_error (&error);

  g_assert_false (cd_database_move_to_store (database, requests, CD_STORE_KIND_DISALLOWED,
                                             &count, &error));
  g_assert_error (error, CD_DATABASE_ERROR, CD_DATABASE_ERROR_FAILED);
  g_clear_error (&error);

  /* The valid row first: it must not be copied either. */
  rows = select_rows (database, root, CD_STORE_KIND_ROOT, leaf, CD_STORE_KIND_ADDRESS_BOOK, NULL);
  g_assert_false (cd_database_copy_to_store (database, rows, CD_STORE_KIND_REQUEST, &count, &error));
  g_assert_error (error, CD_DATABASE_ERROR, CD_DATABASE_ERROR_FAILED);
  g_assert_true (strstr (error->message, "server.example.test") != NULL ||
                 strstr (error->message, "Certdesk Test Root CA") != NULL);
  g_clear_error (&error);

  g_assert_false (cd_database_move_to_store (database, rows, CD_STORE_KIND_REQUEST, &count, &error));
  g_assert_error (error, CD_DATABASE_ERROR, CD_DATABASE_ERROR_FAILED);
  g_clear_error (&error);

  after = full_dump (database);
  g_assert_cmpstr (before, ==, after);

  /* Within the request store, a request is fine. */
  g_assert_true (cd_database_copy_to_store (database, requests, CD_STORE_KIND_REQUEST,
                                            &count, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, 0);
}

/* ------------------------------------------------------------------ */
/* Move                                                                 */
/* ------------------------------------------------------------------ */

static void
test_manage_move (void)
{
  g_autoptr(CdDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(CdCertificate) moved_row = NULL;
  g_autoptr(CdCertificate) kept_row = NULL;
  g_autofree char *path = NULL;
  g_autofree char *root = fixture_sha256 ("root.pem");
  g_autofree char *intermediate = fixture_sha256 ("int.pem");
  g_autofree char *leaf = fixture_sha256 ("leaf.pem");
  g_autofree char *entry_sql = NULL;
  gint64 added_before;
  guint moved = 99;

  database = cd_test_open_database (&path);
  import_fixture (database, "root.pem", CD_STORE_KIND_ROOT);
  import_fixture (database, "int.pem", CD_STORE_KIND_CA);
  import_fixture (database, "leaf.pem", CD_STORE_KIND_ADDRESS_BOOK);
  g_assert_true (cd_database_set_properties (database, leaf, CD_STORE_KIND_ADDRESS_BOOK,
                                             "Web server", "Renew in March", &error));
  g_assert_no_error (error);

  /* Make the entry's "added" recognisable, to see that a move keeps it. */
  {
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "UPDATE store_entries SET added = 1234567 WHERE store = 'addressbook'",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }
  entry_sql = g_strdup_printf ("SELECT added FROM store_entries WHERE certificate_id ="
                               " (SELECT id FROM certificates WHERE sha256 = '%s')", leaf);
  added_before = query_int (path, entry_sql);
  g_assert_cmpint (added_before, ==, 1234567);

  /* One row: name, note and added time go along. */
  rows = select_rows (database, leaf, CD_STORE_KIND_ADDRESS_BOOK, NULL);
  g_assert_true (cd_database_move_to_store (database, rows, CD_STORE_KIND_MY, &moved, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (moved, ==, 1);
  assert_stores (database, leaf, "my");
  moved_row = get_row (database, leaf, CD_STORE_KIND_MY);
  g_assert_cmpstr (cd_certificate_get_friendly_name (moved_row), ==, "Web server");
  g_assert_cmpstr (cd_certificate_get_description (moved_row), ==, "Renew in March");
  g_assert_cmpint (query_int (path, entry_sql), ==, 1234567);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Rows already in the target are skipped, not counted. */
  rows = select_rows (database, leaf, CD_STORE_KIND_MY, NULL);
  g_assert_true (cd_database_move_to_store (database, rows, CD_STORE_KIND_MY, &moved, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (moved, ==, 0);
  assert_stores (database, leaf, "my");
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* A selection: the root CA distrusted along with its intermediate. */
  rows = select_rows (database, root, CD_STORE_KIND_ROOT, intermediate, CD_STORE_KIND_CA, NULL);
  g_assert_true (cd_database_move_to_store (database, rows, CD_STORE_KIND_DISALLOWED,
                                            &moved, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (moved, ==, 2);
  assert_stores (database, root, "disallowed");
  assert_stores (database, intermediate, "disallowed");
  g_assert_cmpuint (cd_test_count_rows (database, CD_STORE_KIND_ROOT), ==, 0);
  g_assert_cmpuint (cd_test_count_rows (database, CD_STORE_KIND_CA), ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Into a store that has it already: the entry there stays as it is,
   * the moved one goes.
   */
  import_fixture (database, "leaf.pem", CD_STORE_KIND_TRUSTED_PEOPLE);
  g_assert_true (cd_database_set_properties (database, leaf, CD_STORE_KIND_TRUSTED_PEOPLE,
                                             "Kept", NULL, &error));
  g_assert_no_error (error);
  rows = select_rows (database, leaf, CD_STORE_KIND_MY, NULL);
  g_assert_true (cd_database_move_to_store (database, rows, CD_STORE_KIND_TRUSTED_PEOPLE,
                                            &moved, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (moved, ==, 1);
  assert_stores (database, leaf, "trustedpeople");
  kept_row = get_row (database, leaf, CD_STORE_KIND_TRUSTED_PEOPLE);
  g_assert_cmpstr (cd_certificate_get_friendly_name (kept_row), ==, "Kept");
  g_assert_null (cd_certificate_get_description (kept_row));

  g_assert_cmpint (query_int (path, "SELECT COUNT(*) FROM certificates"), ==, 3);
  g_assert_cmpint (query_int (path, "SELECT COUNT(*) FROM store_entries"), ==, 3);
  g_assert_cmpint (query_int (path, "PRAGMA foreign_key_check"), ==, -1);
}

/* A row listed before another program removed it fails the whole
 * selection, which changes nothing.
 */
static void
test_manage_stale_rows (void)
{
  g_autoptr(CdDatabase) database = cd_test_open_database (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(CdDeletion) deletion = NULL;
  g_autofree char *root = fixture_sha256 ("root.pem");
  g_autofree char *leaf = fixture_sha256 ("leaf.pem");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint count = 99;

  import_fixture (database, "root.pem", CD_STORE_KIND_ROOT);
  import_fixture (database, "leaf.pem", CD_STORE_KIND_ADDRESS_BOOK);
  rows = select_rows (database, root, CD_STORE_KIND_ROOT, leaf, CD_STORE_KIND_ADDRESS_BOOK, NULL);
  g_assert_cmpuint (cd_database_delete (database, leaf, CD_STORE_KIND_AUTO, &error), ==, 1);
  g_assert_no_error (error);

  before = full_dump (database);

  g_assert_false (cd_database_copy_to_store (database, rows, CD_STORE_KIND_TRUSTED_PEOPLE,
                                             &count, &error));
  g_assert_error (error, CD_DATABASE_ERROR, CD_DATABASE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "server.example.test"));
  g_assert_nonnull (strstr (error->message, "Other People"));
  g_clear_error (&error);

  g_assert_false (cd_database_move_to_store (database, rows, CD_STORE_KIND_DISALLOWED,
                                             &count, &error));
  g_assert_error (error, CD_DATABASE_ERROR, CD_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  deletion = cd_database_delete_rows (database, rows, &error);
  g_assert_error (error, CD_DATABASE_ERROR, CD_DATABASE_ERROR_NOT_FOUND);
  g_assert_null (deletion);
  g_clear_error (&error);

  g_assert_false (cd_database_set_properties (database, leaf, CD_STORE_KIND_ADDRESS_BOOK,
                                              "x", NULL, &error));
  g_assert_error (error, CD_DATABASE_ERROR, CD_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpuint (count, ==, 99);
  after = full_dump (database);
  g_assert_cmpstr (before, ==, after);
  assert_stores (database, root, "root");
}

/* ------------------------------------------------------------------ */
/* Properties                                                           */
/* ------------------------------------------------------------------ */

static void
test_manage_properties (void)
{
  g_autoptr(CdDatabase) database = cd_test_open_database (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCertificate) row = NULL;
  g_autoptr(CdCertificate) other = NULL;
  g_autofree char *leaf = fixture_sha256 ("leaf.pem");
  g_autofree char *root = fixture_sha256 ("root.pem");

  import_fixture (database, "leaf.pem", CD_STORE_KIND_ADDRESS_BOOK);
  import_fixture (database, "leaf.pem", CD_STORE_KIND_TRUSTED_PEOPLE);

  g_assert_true (cd_database_set_properties (database, leaf, CD_STORE_KIND_ADDRESS_BOOK,
                                             "Intranet “portal” ✓", "Line one\nLine two", &error));
  g_assert_no_error (error);
  row = get_row (database, leaf, CD_STORE_KIND_ADDRESS_BOOK);
  g_assert_cmpstr (cd_certificate_get_friendly_name (row), ==, "Intranet “portal” ✓");
  g_assert_cmpstr (cd_certificate_get_description (row), ==, "Line one\nLine two");

  /* Per store entry: the same certificate elsewhere keeps its own. */
  other = get_row (database, leaf, CD_STORE_KIND_TRUSTED_PEOPLE);
  g_assert_null (cd_certificate_get_friendly_name (other));
  g_assert_null (cd_certificate_get_description (other));
  g_clear_object (&row);

  /* NULL and "" both clear. */
  g_assert_true (cd_database_set_properties (database, leaf, CD_STORE_KIND_ADDRESS_BOOK,
                                             "", NULL, &error));
  g_assert_no_error (error);
  row = get_row (database, leaf, CD_STORE_KIND_ADDRESS_BOOK);
  g_assert_null (cd_certificate_get_friendly_name (row));
  g_assert_null (cd_certificate_get_description (row));
  g_assert_cmpint (query_int (cd_database_get_path (database),
                              "SELECT COUNT(*) FROM store_entries WHERE friendly_name IS NULL"
                              " AND description IS NULL"), ==, 2);

  /* A store not holding it, and a certificate not there at all. */
  g_assert_false (cd_database_set_properties (database, leaf, CD_STORE_KIND_MY,
                                              "x", "y", &error));
  g_assert_error (error, CD_DATABASE_ERROR, CD_DATABASE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "Personal"));
  g_clear_error (&error);
  g_assert_false (cd_database_set_properties (database, root, CD_STORE_KIND_ADDRESS_BOOK,
                                              "x", "y", &error));
  g_assert_error (error, CD_DATABASE_ERROR, CD_DATABASE_ERROR_NOT_FOUND);
}

/* ------------------------------------------------------------------ */
/* Delete and restore                                                   */
/* ------------------------------------------------------------------ */

static void
test_manage_delete_restore (void)
{
  g_autoptr(CdDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(CdDeletion) deletion = NULL;
  g_autoptr(CdDeletion) second = NULL;
  g_autofree char *path = NULL;
  g_autofree char *pfx = cd_test_fixture ("leaf.pfx");
  g_autofree char *root = fixture_sha256 ("root.pem");
  g_autofree char *intermediate = fixture_sha256 ("int.pem");
  g_autofree char *leaf = fixture_sha256 ("leaf.pem");
  g_autofree char *other = fixture_sha256 ("other.pem");
  g_autofree char *ec = fixture_sha256 ("ec.pem");
  g_autofree char *ec_id_sql = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  gint64 request_id;
  g_autofree char *before = NULL;
  g_autofree char *deleted = NULL;
  g_autofree char *after = NULL;
  g_auto(GStrv) orphaned = NULL;

  database = cd_test_open_database (&path);
  import_path (database, pfx, CD_TEST_PASSWORD, CD_STORE_KIND_AUTO);
  import_fixture (database, "leaf.pem", CD_STORE_KIND_TRUSTED_PEOPLE);
  import_fixture (database, "other.pem", CD_STORE_KIND_ADDRESS_BOOK);
  import_fixture (database, "leaf.csr", CD_STORE_KIND_AUTO);
  g_assert_true (cd_database_set_properties (database, leaf, CD_STORE_KIND_TRUSTED_PEOPLE,
                                             "Web server", "", &error));
  g_assert_true (cd_database_set_properties (database, intermediate, CD_STORE_KIND_CA,
                                             NULL, "Issued by IT", &error));
  g_assert_no_error (error);
  assert_stores (database, leaf, "my,trustedpeople");

  before = full_dump (database);

  /* Both entries of the leaf, the intermediate, and other.pem, one row
   * given twice as a careless caller might.
   */
  rows = select_rows (database,
                      leaf, CD_STORE_KIND_MY,
                      intermediate, CD_STORE_KIND_CA,
                      leaf, CD_STORE_KIND_TRUSTED_PEOPLE,
                      other, CD_STORE_KIND_ADDRESS_BOOK,
                      leaf, CD_STORE_KIND_MY,
                      NULL);
  deletion = cd_database_delete_rows (database, rows, &error);
  g_assert_no_error (error);
  g_assert_nonnull (deletion);
  g_assert_cmpuint (cd_deletion_get_n_entries (deletion), ==, 4);

  assert_stores (database, leaf, "");
  assert_stores (database, intermediate, "");
  assert_stores (database, other, "");
  assert_stores (database, root, "root");
  g_assert_cmpint (query_int (path, "SELECT COUNT(*) FROM certificates"), ==, 2);
  g_assert_cmpint (query_int (path, "SELECT COUNT(*) FROM certificate_der"), ==, 2);
  g_assert_cmpint (query_int (path, "SELECT COUNT(*) FROM store_entries"), ==, 2);
  /* The request still uses the leaf's key, and keys stay anyway. */
  g_assert_cmpint (query_int (path, "SELECT COUNT(*) FROM private_keys"), ==, 1);
  orphaned = cd_deletion_dup_orphaned_key_ids (deletion);
  g_assert_cmpuint (g_strv_length (orphaned), ==, 0);

  deleted = full_dump (database);
  g_assert_cmpstr (deleted, !=, before);

  /* Undo: byte for byte what was there, ids and times included. */
  g_assert_true (cd_database_restore (database, deletion, &error));
  g_assert_no_error (error);
  after = full_dump (database);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);

  /* Restoring twice is harmless. */
  g_assert_true (cd_database_restore (database, deletion, &error));
  g_assert_no_error (error);
  after = full_dump (database);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* The request's id (the highest) taken by an import meanwhile: it
   * comes back under another id, and what took its place is untouched.
   */
  requests = cd_database_list_store (database, CD_STORE_KIND_REQUEST, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (requests->len, ==, 1);
  request_id = query_int (path, "SELECT id FROM certificates WHERE is_request = 1");
  g_assert_cmpint (request_id, ==, query_int (path, "SELECT MAX(id) FROM certificates"));
  second = cd_database_delete_rows (database, requests, &error);
  g_assert_no_error (error);
  import_fixture (database, "ec.pem", CD_STORE_KIND_ADDRESS_BOOK);
  ec_id_sql = g_strdup_printf ("SELECT id FROM certificates WHERE sha256 = '%s'", ec);
  g_assert_cmpint (query_int (path, ec_id_sql), ==, request_id);

  g_assert_true (cd_database_restore (database, second, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (path, ec_id_sql), ==, request_id);
  g_assert_cmpint (query_int (path, "SELECT id FROM certificates WHERE is_request = 1"), >, request_id);
  g_assert_cmpuint (cd_test_count_rows (database, CD_STORE_KIND_REQUEST), ==, 1);
  g_assert_cmpuint (cd_test_count_rows (database, CD_STORE_KIND_ADDRESS_BOOK), ==, 2);
  g_assert_cmpint (query_int (path, "SELECT COUNT(*) FROM certificate_der"), ==, 6);
  g_assert_cmpint (query_int (path, "PRAGMA foreign_key_check"), ==, -1);
  {
    CdCertificate *request = g_ptr_array_index (requests, 0);
    g_autoptr(GBytes) der = cd_database_dup_der (database, cd_certificate_get_sha256 (request),
                                                 &error);
    g_autofree char *actual = NULL;

    g_assert_no_error (error);
    actual = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, der);
    g_assert_cmpstr (actual, ==, cd_certificate_get_sha256 (request));
  }
}

/* Which keys a deletion leaves without any certificate or request, with
 * the leaf's key shared by the leaf in two stores, a certificate
 * re-issued for the same key, and a request.
 */
static void
test_manage_orphaned_keys (void)
{
  g_autoptr(CdDatabase) database = NULL;
  g_autoptr(CdKeyring) keyring = cd_keyring_new (FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(CdDeletion) deletion = NULL;
  g_autoptr(CdCertificate) leaf_row = NULL;
  g_autoptr(CdCertificate) ec_row = NULL;
  g_autofree char *path = NULL;
  g_autofree char *dir = cd_test_make_tmpdir ();
  g_autofree char *leaf_key = cd_test_fixture ("leaf.key");
  g_autofree char *reissued_pem = g_build_filename (dir, "reissued.pem", NULL);
  g_autofree char *quoted_key = g_shell_quote (leaf_key);
  g_autofree char *quoted_pem = g_shell_quote (reissued_pem);
  g_autofree char *leaf = fixture_sha256 ("leaf.pem");
  g_autofree char *ec = fixture_sha256 ("ec.pem");
  g_autofree char *reissued = NULL;
  g_autofree char *leaf_key_id = NULL;
  g_autofree char *ec_key_id = NULL;
  g_autofree char *keyring_dump = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto(GStrv) orphaned = NULL;

  cd_test_run_command ("openssl req -x509 -new -key %s -subj /CN=reissued.example.test"
                       " -days 30 -out %s 2>/dev/null", quoted_key, quoted_pem);
  reissued = openssl_sha256 (reissued_pem);

  database = cd_test_open_database (&path);
  import_fixture (database, "leaf.key", CD_STORE_KIND_AUTO);
  import_fixture (database, "leaf.pem", CD_STORE_KIND_AUTO);
  import_fixture (database, "leaf.pem", CD_STORE_KIND_ADDRESS_BOOK);
  import_path (database, reissued_pem, NULL, CD_STORE_KIND_MY);
  import_fixture (database, "ec.key", CD_STORE_KIND_AUTO);
  import_fixture (database, "ec.pem", CD_STORE_KIND_AUTO);
  assert_stores (database, leaf, "my,addressbook");
  assert_stores (database, reissued, "my");
  assert_stores (database, ec, "my");

  leaf_row = get_row (database, leaf, CD_STORE_KIND_MY);
  ec_row = get_row (database, ec, CD_STORE_KIND_MY);
  g_assert_true (cd_certificate_get_has_private_key (leaf_row));
  g_assert_true (cd_certificate_get_has_private_key (ec_row));
  leaf_key_id = g_strdup (cd_certificate_get_key_id (leaf_row));
  ec_key_id = g_strdup (cd_certificate_get_key_id (ec_row));
  g_assert_cmpstr (leaf_key_id, !=, ec_key_id);

  /* The leaf from one store: the other store still has it. */
  rows = select_rows (database, leaf, CD_STORE_KIND_MY, NULL);
  deletion = cd_database_delete_rows (database, rows, &error);
  g_assert_no_error (error);
  orphaned = cd_deletion_dup_orphaned_key_ids (deletion);
  g_assert_cmpuint (g_strv_length (orphaned), ==, 0);
  g_assert_true (cd_database_restore (database, deletion, &error));
  g_assert_no_error (error);
  g_clear_pointer (&orphaned, g_strfreev);
  g_clear_pointer (&deletion, cd_deletion_unref);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* The leaf from both stores: the re-issued certificate uses its key. */
  rows = select_rows (database, leaf, CD_STORE_KIND_MY, leaf, CD_STORE_KIND_ADDRESS_BOOK, NULL);
  deletion = cd_database_delete_rows (database, rows, &error);
  g_assert_no_error (error);
  orphaned = cd_deletion_dup_orphaned_key_ids (deletion);
  g_assert_cmpuint (g_strv_length (orphaned), ==, 0);
  g_assert_true (cd_database_restore (database, deletion, &error));
  g_assert_no_error (error);
  g_clear_pointer (&orphaned, g_strfreev);
  g_clear_pointer (&deletion, cd_deletion_unref);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Every user of both keys in one selection: both keys are orphaned. */
  rows = select_rows (database,
                      leaf, CD_STORE_KIND_MY,
                      ec, CD_STORE_KIND_MY,
                      reissued, CD_STORE_KIND_MY,
                      leaf, CD_STORE_KIND_ADDRESS_BOOK,
                      NULL);
  before = full_dump (database);
  deletion = cd_database_delete_rows (database, rows, &error);
  g_assert_no_error (error);
  orphaned = cd_deletion_dup_orphaned_key_ids (deletion);
  g_assert_cmpuint (g_strv_length (orphaned), ==, 2);
  g_assert_true (g_strv_contains ((const char * const *)orphaned, leaf_key_id));
  g_assert_true (g_strv_contains ((const char * const *)orphaned, ec_key_id));
  g_clear_pointer (&orphaned, g_strfreev);

  /* Keys stay until asked: the deletion itself forgets none. */
  g_assert_cmpint (query_int (path, "SELECT COUNT(*) FROM private_keys"), ==, 2);
  keyring_dump = cd_test_dump_keyring ();
  g_assert_nonnull (strstr (keyring_dump, leaf_key_id));
  g_assert_nonnull (strstr (keyring_dump, ec_key_id));
  g_clear_pointer (&keyring_dump, g_free);

  /* The user says yes for the EC key: keyring first, then the database. */
  g_assert_true (cd_keyring_delete_key (keyring, ec_key_id, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (cd_database_forget_key (database, ec_key_id, &error));
  g_assert_no_error (error);
  keyring_dump = cd_test_dump_keyring ();
  g_assert_null (strstr (keyring_dump, ec_key_id));
  g_assert_nonnull (strstr (keyring_dump, leaf_key_id));
  g_assert_cmpint (query_int (path, "SELECT COUNT(*) FROM private_keys"), ==, 1);

  /* Forgetting twice is no error. */
  g_assert_true (cd_database_forget_key (database, ec_key_id, &error));
  g_assert_no_error (error);

  /* Undo brings the certificates back; the EC one without its key. */
  g_assert_true (cd_database_restore (database, deletion, &error));
  g_assert_no_error (error);
  g_clear_object (&ec_row);
  g_clear_object (&leaf_row);
  ec_row = get_row (database, ec, CD_STORE_KIND_MY);
  leaf_row = get_row (database, leaf, CD_STORE_KIND_MY);
  g_assert_false (cd_certificate_get_has_private_key (ec_row));
  g_assert_true (cd_certificate_get_has_private_key (leaf_row));
  after = full_dump (database);
  g_assert_cmpstr (after, !=, before);
  g_clear_pointer (&deletion, cd_deletion_unref);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* A request for the leaf's key keeps it in use. */
  import_fixture (database, "leaf.csr", CD_STORE_KIND_AUTO);
  requests = cd_database_list_store (database, CD_STORE_KIND_REQUEST, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (requests->len, ==, 1);
  rows = select_rows (database,
                      leaf, CD_STORE_KIND_MY,
                      reissued, CD_STORE_KIND_MY,
                      leaf, CD_STORE_KIND_ADDRESS_BOOK,
                      NULL);
  deletion = cd_database_delete_rows (database, rows, &error);
  g_assert_no_error (error);
  orphaned = cd_deletion_dup_orphaned_key_ids (deletion);
  g_assert_cmpuint (g_strv_length (orphaned), ==, 0);
  g_clear_pointer (&orphaned, g_strfreev);
  g_clear_pointer (&deletion, cd_deletion_unref);

  /* And the request going last makes it orphaned. */
  deletion = cd_database_delete_rows (database, requests, &error);
  g_assert_no_error (error);
  orphaned = cd_deletion_dup_orphaned_key_ids (deletion);
  g_assert_cmpuint (g_strv_length (orphaned), ==, 1);
  g_assert_cmpstr (orphaned[0], ==, leaf_key_id);
}

/* ------------------------------------------------------------------ */
/* Cross-store views                                                    */
/* ------------------------------------------------------------------ */

static void
test_manage_list_expiring (void)
{
  g_autoptr(CdDatabase) database = cd_test_open_database (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *dir = make_ca_dir ();
  gint64 now = now_seconds ();
  g_autofree char *expired = make_dated_certificate (dir, "expired.example.test", 1609459200);
  g_autofree char *in_10 = make_dated_certificate (dir, "in-10-days.example.test",
                                                   now + 10 * 86400);
  g_autofree char *in_30 = make_dated_certificate (dir, "in-30-days.example.test",
                                                   now + 30 * 86400);
  g_autofree char *in_100 = make_dated_certificate (dir, "in-100-days.example.test",
                                                    now + 100 * 86400);
  g_autofree char *in_30_sha256 = openssl_sha256 (in_30);
  gint64 in_30_end;

  /* Imported out of order, the 10-day one in three stores. */
  import_path (database, in_30, NULL, CD_STORE_KIND_ADDRESS_BOOK);
  import_path (database, in_100, NULL, CD_STORE_KIND_ROOT);
  import_path (database, in_10, NULL, CD_STORE_KIND_DISALLOWED);
  import_path (database, in_10, NULL, CD_STORE_KIND_TRUSTED_PEOPLE);
  import_path (database, in_10, NULL, CD_STORE_KIND_ROOT);
  import_path (database, expired, NULL, CD_STORE_KIND_CA);
  /* Requests never expire: left out. */
  import_fixture (database, "leaf.csr", CD_STORE_KIND_AUTO);

  /* 60 days ahead, the default of the preference. */
  rows = cd_database_list_expiring (database, now + 60 * 86400, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpstr (cd_certificate_get_subject_cn (g_ptr_array_index (rows, 0)), ==, "expired.example.test");
  g_assert_cmpstr (cd_certificate_get_subject_cn (g_ptr_array_index (rows, 1)), ==, "in-10-days.example.test");
  g_assert_cmpstr (cd_certificate_get_subject_cn (g_ptr_array_index (rows, 2)), ==, "in-30-days.example.test");
  g_assert_cmpint (cd_certificate_get_not_after (g_ptr_array_index (rows, 0)), ==, 1609459200);

  /* Once, as the entry of its first store in certmgr order. */
  g_assert_cmpint (cd_certificate_get_store (g_ptr_array_index (rows, 1)), ==, CD_STORE_KIND_ROOT);
  g_assert_cmpint (cd_certificate_get_store (g_ptr_array_index (rows, 0)), ==, CD_STORE_KIND_CA);
  in_30_end = cd_certificate_get_not_after (g_ptr_array_index (rows, 2));
  g_assert_cmpstr (cd_certificate_get_sha256 (g_ptr_array_index (rows, 2)), ==, in_30_sha256);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* The bound is exclusive: expiring exactly at @until is not before it. */
  rows = cd_database_list_expiring (database, in_30_end, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = cd_database_list_expiring (database, in_30_end + 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Only the expired ones; and everything far enough ahead. */
  rows = cd_database_list_expiring (database, now, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = cd_database_list_expiring (database, G_MAXINT64, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 4);
  g_assert_cmpstr (cd_certificate_get_subject_cn (g_ptr_array_index (rows, 3)), ==, "in-100-days.example.test");
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* A Personal entry comes before every other store. */
  import_path (database, in_10, NULL, CD_STORE_KIND_MY);
  rows = cd_database_list_expiring (database, now + 60 * 86400, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpint (cd_certificate_get_store (g_ptr_array_index (rows, 1)), ==, CD_STORE_KIND_MY);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* An empty database has nothing expiring. */
  {
    g_autoptr(CdDatabase) empty = cd_test_open_database (NULL);

    rows = cd_database_list_expiring (empty, G_MAXINT64, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (rows->len, ==, 0);
  }
}

static gboolean
contains_bytes (GPtrArray *ders,
                GBytes    *expected)
{
  for (guint i = 0; i < ders->len; i++)
    {
      if (g_bytes_equal (g_ptr_array_index (ders, i), expected))
        return TRUE;
    }

  return FALSE;
}

static GBytes *
openssl_der (const char *name)
{
  g_autofree char *pem = cd_test_fixture (name);
  g_autofree char *dir = cd_test_make_tmpdir ();
  g_autofree char *der_path = g_build_filename (dir, "cert.der", NULL);
  g_autofree char *quoted_pem = g_shell_quote (pem);
  g_autofree char *quoted_der = g_shell_quote (der_path);
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize len = 0;

  cd_test_run_command ("openssl x509 -in %s -outform DER -out %s", quoted_pem, quoted_der);
  g_file_get_contents (der_path, &data, &len, &error);
  g_assert_no_error (error);
  g_unlink (der_path);
  g_rmdir (dir);

  return g_bytes_new_take (data, len);
}

static void
test_manage_list_der (void)
{
  g_autoptr(CdDatabase) database = cd_test_open_database (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ders = NULL;
  g_autoptr(GBytes) root_der = openssl_der ("root.pem");
  g_autoptr(GBytes) int_der = openssl_der ("int.pem");
  g_autoptr(GBytes) leaf_der = openssl_der ("leaf.pem");

  import_fixture (database, "chain.pem", CD_STORE_KIND_AUTO);
  import_fixture (database, "roots-bundle.pem", CD_STORE_KIND_AUTO);
  import_fixture (database, "int.pem", CD_STORE_KIND_DISALLOWED);

  ders = cd_database_list_der (database, CD_STORE_KIND_ROOT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ders->len, ==, 21);
  g_assert_true (contains_bytes (ders, root_der));
  g_assert_false (contains_bytes (ders, int_der));
  g_clear_pointer (&ders, g_ptr_array_unref);

  ders = cd_database_list_der (database, CD_STORE_KIND_CA, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ders->len, ==, 1);
  g_assert_true (g_bytes_equal (g_ptr_array_index (ders, 0), int_der));
  g_clear_pointer (&ders, g_ptr_array_unref);

  ders = cd_database_list_der (database, CD_STORE_KIND_DISALLOWED, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ders->len, ==, 1);
  g_assert_true (g_bytes_equal (g_ptr_array_index (ders, 0), int_der));
  g_clear_pointer (&ders, g_ptr_array_unref);

  ders = cd_database_list_der (database, CD_STORE_KIND_ADDRESS_BOOK, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ders->len, ==, 1);
  g_assert_true (g_bytes_equal (g_ptr_array_index (ders, 0), leaf_der));
  g_clear_pointer (&ders, g_ptr_array_unref);

  ders = cd_database_list_der (database, CD_STORE_KIND_MY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ders->len, ==, 0);
}

/* ------------------------------------------------------------------ */
/* Failures                                                             */
/* ------------------------------------------------------------------ */

/* Another program holding the write lock: every change fails with
 * BUSY after the (short) timeout and the file is as it was; once the
 * lock goes, the same calls succeed.
 */
static void
test_manage_busy (void)
{
  g_autoptr(CdDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) expiring = NULL;
  g_autoptr(CdDeletion) deletion = NULL;
  g_autoptr(CdDeletion) failed_deletion = NULL;
  g_autoptr(CdCertificate) leaf_row = NULL;
  g_autofree char *path = NULL;
  g_autofree char *root = fixture_sha256 ("root.pem");
  g_autofree char *leaf = fixture_sha256 ("leaf.pem");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  sqlite3 *other = NULL;
  guint count = 99;

  database = cd_test_open_database (&path);
  import_fixture (database, "leaf.key", CD_STORE_KIND_AUTO);
  import_fixture (database, "leaf.pem", CD_STORE_KIND_AUTO);
  import_fixture (database, "root.pem", CD_STORE_KIND_ROOT);
  leaf_row = get_row (database, leaf, CD_STORE_KIND_MY);

  /* A deletion to undo while the lock is held. */
  rows = select_rows (database, root, CD_STORE_KIND_ROOT, NULL);
  deletion = cd_database_delete_rows (database, rows, &error);
  g_assert_no_error (error);
  g_clear_pointer (&rows, g_ptr_array_unref);

  rows = select_rows (database, leaf, CD_STORE_KIND_MY, NULL);

  before = full_dump (database);
  cd_database_set_busy_timeout (database, 50);
  g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_false (cd_database_copy_to_store (database, rows, CD_STORE_KIND_TRUSTED_PEOPLE,
                                             &count, &error));
  g_assert_error (error, CD_DATABASE_ERROR, CD_DATABASE_ERROR_BUSY);
  g_clear_error (&error);

  g_assert_false (cd_database_move_to_store (database, rows, CD_STORE_KIND_TRUSTED_PEOPLE,
                                             &count, &error));
  g_assert_error (error, CD_DATABASE_ERROR, CD_DATABASE_ERROR_BUSY);
  g_clear_error (&error);

  g_assert_false (cd_database_set_properties (database, leaf, CD_STORE_KIND_MY, "x", "y", &error));
  g_assert_error (error, CD_DATABASE_ERROR, CD_DATABASE_ERROR_BUSY);
  g_clear_error (&error);

  failed_deletion = cd_database_delete_rows (database, rows, &error);
  g_assert_error (error, CD_DATABASE_ERROR, CD_DATABASE_ERROR_BUSY);
  g_assert_null (failed_deletion);
  g_clear_error (&error);

  g_assert_false (cd_database_restore (database, deletion, &error));
  g_assert_error (error, CD_DATABASE_ERROR, CD_DATABASE_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);

  g_assert_false (cd_database_forget_key (database, cd_certificate_get_key_id (leaf_row), &error));
  g_assert_error (error, CD_DATABASE_ERROR, CD_DATABASE_ERROR_BUSY);
  g_clear_error (&error);

  /* Reading goes on meanwhile (WAL). */
  expiring = cd_database_list_expiring (database, G_MAXINT64, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (expiring->len, ==, 1);

  g_assert_cmpuint (count, ==, 99);
  after = full_dump (database);
  g_assert_cmpstr (before, ==, after);

  g_assert_cmpint (sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);

  /* The same calls once the lock is gone. */
  g_assert_true (cd_database_restore (database, deletion, &error));
  g_assert_no_error (error);
  assert_stores (database, root, "root");
  g_assert_true (cd_database_copy_to_store (database, rows, CD_STORE_KIND_TRUSTED_PEOPLE,
                                            &count, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, 1);
  assert_stores (database, leaf, "my,trustedpeople");
  g_assert_true (cd_database_set_properties (database, leaf, CD_STORE_KIND_MY, "x", "y", &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* Made once, before any test is timed. */
  cd_test_fixtures_dir ();

  g_test_add_func ("/certdesk/manage/copy", test_manage_copy);
  g_test_add_func ("/certdesk/manage/request-store", test_manage_request_store);
  g_test_add_func ("/certdesk/manage/move", test_manage_move);
  g_test_add_func ("/certdesk/manage/stale-rows", test_manage_stale_rows);
  g_test_add_func ("/certdesk/manage/properties", test_manage_properties);
  g_test_add_func ("/certdesk/manage/delete-restore", test_manage_delete_restore);
  g_test_add_func ("/certdesk/manage/orphaned-keys", test_manage_orphaned_keys);
  g_test_add_func ("/certdesk/manage/list-expiring", test_manage_list_expiring);
  g_test_add_func ("/certdesk/manage/list-der", test_manage_list_der);
  g_test_add_func ("/certdesk/manage/busy", test_manage_busy);

  return g_test_run ();
}
