/* test-database.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The SQLite file itself: created private, versioned, listing from its
 * columns, finding by fingerprint, deleting, and two connections (the GUI
 * and the CLI) writing at the same time.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include "cd-certificate.h"
#include "cd-database.h"
#include "cd-errors.h"
#include "cd-importer.h"
#include "cd-keyring.h"
#include "cd-test-utils.h"

static void
import_into (CdDatabase  *database,
             const char  *name,
             CdStoreKind  kind)
{
  g_autoptr(CdKeyring) keyring = cd_keyring_new (FALSE);
  g_autoptr(CdImporter) importer = cd_importer_new (database, keyring);
  g_autoptr(GFile) file = cd_test_fixture_file (name);
  g_autoptr(CdImportResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = cd_importer_import_file (importer, file, NULL, kind, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
}

static gint64
query_int (const char *path,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_database_created_private (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdDatabase) database = NULL;
  g_autofree char *dir = cd_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "nested", "certdesk", "certdesk.db", NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  struct stat st;

  database = cd_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (database);

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (parent, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  g_assert_cmpint (query_int (path, "PRAGMA user_version"), ==, 2);
  g_assert_cmpint (query_int (path, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'store_entries'"), ==, 1);
}

static void
test_database_default_path_honours_xdg (void)
{
  g_autofree char *path = cd_database_dup_default_path ();
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "certdesk",
                                                "certdesk.db", NULL);

  g_assert_cmpstr (path, ==, expected);
}

static void
test_database_too_new (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(CdDatabase) database = cd_test_open_database (&path);
  g_autoptr(CdDatabase) reopened = NULL;

  g_clear_object (&database);
  exec_sql (path, "PRAGMA user_version = 99");

  reopened = cd_database_open (path, &error);
  g_assert_null (reopened);
  g_assert_error (error, CD_DATABASE_ERROR, CD_DATABASE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, path));
}

/* A file of schema 1 (session 1's Certdesk) is brought to 2 and keeps
 * its certificates.
 */
static void
test_database_migrates_from_1 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(CdDatabase) database = cd_test_open_database (&path);
  g_autoptr(CdDatabase) reopened = NULL;

  g_clear_object (&database);
  exec_sql (path, "INSERT INTO certificates (sha256, subject, subject_cn, added)"
                  " VALUES ('00ff', 'CN=Kept', 'Kept', 1);"
                  "DROP TABLE checklist_steps; DROP TABLE ca_issued; DROP TABLE ca_crl_numbers;"
                  "DROP TABLE device_checks; DROP TABLE devices;"
                  "DROP TABLE trust_targets; DROP TABLE trust_publications;"
                  "PRAGMA user_version = 1");

  reopened = cd_database_open (path, &error);
  g_assert_no_error (error);
  g_clear_object (&reopened);

  g_assert_cmpint (query_int (path, "PRAGMA user_version"), ==, 2);
  g_assert_cmpint (query_int (path, "SELECT COUNT(*) FROM certificates WHERE subject_cn = 'Kept'"), ==, 1);
  g_assert_cmpint (query_int (path, "SELECT COUNT(*) FROM sqlite_master WHERE name IN"
                                    " ('checklist_steps', 'ca_issued', 'devices',"
                                    "  'device_checks', 'trust_publications')"), ==, 5);
}

static void
test_database_not_a_database (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdDatabase) database = NULL;
  g_autofree char *dir = cd_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "certdesk.db", NULL);
  g_autofree char *content = NULL;
  gsize length = 0;

  g_assert_true (g_file_set_contents (path, "this is not a database, it is a note to self\n",
                                      -1, NULL));

  database = cd_database_open (path, &error);
  g_assert_null (database);
  g_assert_error (error, CD_DATABASE_ERROR, CD_DATABASE_ERROR_CORRUPT);

  /* The user's file is left as it was. */
  g_assert_true (g_file_get_contents (path, &content, &length, NULL));
  g_assert_cmpstr (content, ==, "this is not a database, it is a note to self\n");
}

/* Listing reads the columns only: a row whose DER was destroyed still
 * lists with all its columns, which proves no certificate is parsed.
 */
static void
test_database_lists_without_parsing (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(CdDatabase) database = cd_test_open_database (&path);
  g_autoptr(GPtrArray) rows = NULL;
  CdCertificate *row;
  const char * const *san;

  import_into (database, "leaf.pem", CD_STORE_KIND_AUTO);
  exec_sql (path, "UPDATE certificate_der SET der = x'00'");

  rows = cd_database_list_store (database, CD_STORE_KIND_ADDRESS_BOOK, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);

  row = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (cd_certificate_get_subject_cn (row), ==, "server.example.test");
  g_assert_cmpstr (cd_certificate_get_issuer_cn (row), ==, "Certdesk Test Intermediate CA");
  g_assert_cmpstr (cd_certificate_get_purposes (row), ==, "serverAuth,clientAuth");
  g_assert_cmpstr (cd_certificate_get_purposes_label (row), ==,
                   "Server Authentication, Client Authentication");
  g_assert_cmpint (cd_certificate_get_not_after (row), >, cd_certificate_get_not_before (row));
  g_assert_cmpint (cd_certificate_get_store (row), ==, CD_STORE_KIND_ADDRESS_BOOK);
  san = cd_certificate_get_san (row);
  g_assert_nonnull (san);
  g_assert_true (g_strv_contains (san, "DNS:www.example.test"));
  g_assert_true (g_strv_contains (san, "IP:192.0.2.10"));
}

static void
test_database_search_text (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdDatabase) database = cd_test_open_database (NULL);
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *by_san = NULL;
  g_autofree char *by_fingerprint = NULL;
  g_autofree char *by_serial = NULL;
  g_autofree char *miss = NULL;
  g_autofree char *fingerprint = NULL;
  CdCertificate *row;

  import_into (database, "leaf.pem", CD_STORE_KIND_AUTO);
  rows = cd_database_list_store (database, CD_STORE_KIND_ADDRESS_BOOK, &error);
  g_assert_no_error (error);
  row = g_ptr_array_index (rows, 0);

  by_san = cd_certificate_prepare_search ("WWW.Example");
  g_assert_true (cd_certificate_matches (row, by_san));

  fingerprint = cd_certificate_format_fingerprint (row);
  fingerprint[20] = '\0';   /* "AB:CD:EF:…" prefix, colons and all */
  by_fingerprint = cd_certificate_prepare_search (fingerprint);
  g_assert_true (cd_certificate_matches (row, by_fingerprint));

  /* Windows shows fingerprints as space-separated pairs. */
  g_strdelimit (fingerprint, ":", ' ');
  g_clear_pointer (&by_fingerprint, g_free);
  by_fingerprint = cd_certificate_prepare_search (fingerprint);
  g_assert_true (cd_certificate_matches (row, by_fingerprint));

  by_serial = cd_certificate_prepare_search (cd_certificate_get_serial (row));
  g_assert_true (cd_certificate_matches (row, by_serial));

  miss = cd_certificate_prepare_search ("digicert");
  g_assert_false (cd_certificate_matches (row, miss));

  g_assert_null (cd_certificate_prepare_search ("   "));
}

static void
test_database_find (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdDatabase) database = cd_test_open_database (NULL);
  g_autoptr(GPtrArray) roots = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *upper = NULL;
  g_autofree char *colons = NULL;
  g_autofree char *shared = NULL;
  const char *sha256;

  import_into (database, "roots-bundle.pem", CD_STORE_KIND_AUTO);
  import_into (database, "root.pem", CD_STORE_KIND_TRUSTED_PEOPLE);
  import_into (database, "root.pem", CD_STORE_KIND_AUTO);

  roots = cd_database_list_store (database, CD_STORE_KIND_TRUSTED_PEOPLE, &error);
  g_assert_no_error (error);
  sha256 = cd_certificate_get_sha256 (g_ptr_array_index (roots, 0));

  /* Full, upper case, with colons, and a prefix: all the same certificate. */
  found = cd_database_find (database, sha256, CD_STORE_KIND_AUTO, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 2);
  g_clear_pointer (&found, g_ptr_array_unref);

  upper = g_ascii_strup (sha256, -1);
  found = cd_database_find (database, upper, CD_STORE_KIND_TRUSTED_PEOPLE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (cd_certificate_get_store (g_ptr_array_index (found, 0)), ==,
                   CD_STORE_KIND_TRUSTED_PEOPLE);
  g_clear_pointer (&found, g_ptr_array_unref);

  colons = cd_certificate_format_fingerprint (g_ptr_array_index (roots, 0));
  colons[3 * 12 - 1] = '\0';
  found = cd_database_find (database, colons, CD_STORE_KIND_AUTO, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cd_certificate_get_sha256 (g_ptr_array_index (found, 0)), ==, sha256);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* 21 certificates: some first hex digit is shared by two of them. */
  for (const char *digit = "0123456789abcdef"; *digit != '\0' && shared == NULL; digit++)
    {
      g_autofree char *sql_prefix = g_strndup (digit, 1);
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GPtrArray) rows = cd_database_find (database, sql_prefix, CD_STORE_KIND_AUTO,
                                                    &local_error);

      if (g_error_matches (local_error, CD_DATABASE_ERROR, CD_DATABASE_ERROR_AMBIGUOUS))
        shared = g_steal_pointer (&sql_prefix);
    }
  g_assert_nonnull (shared);

  found = cd_database_find (database, "not-hex", CD_STORE_KIND_AUTO, &error);
  g_assert_null (found);
  g_assert_error (error, CD_DATABASE_ERROR, CD_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  found = cd_database_find (database, sha256, CD_STORE_KIND_DISALLOWED, &error);
  g_assert_null (found);
  g_assert_error (error, CD_DATABASE_ERROR, CD_DATABASE_ERROR_NOT_FOUND);
}

static void
test_database_delete (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(CdDatabase) database = cd_test_open_database (&path);
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *sha256 = NULL;
  g_autoptr(GBytes) der = NULL;
  guint removed;

  import_into (database, "other.pem", CD_STORE_KIND_AUTO);
  import_into (database, "other.pem", CD_STORE_KIND_TRUSTED_PEOPLE);
  rows = cd_database_list_store (database, CD_STORE_KIND_ADDRESS_BOOK, &error);
  sha256 = g_strdup (cd_certificate_get_sha256 (g_ptr_array_index (rows, 0)));

  removed = cd_database_delete (database, sha256, CD_STORE_KIND_TRUSTED_PEOPLE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (removed, ==, 1);
  g_assert_cmpuint (cd_test_count_rows (database, CD_STORE_KIND_TRUSTED_PEOPLE), ==, 0);
  g_assert_cmpuint (cd_test_count_rows (database, CD_STORE_KIND_ADDRESS_BOOK), ==, 1);

  /* Still in a store, so the DER is kept. */
  der = cd_database_dup_der (database, sha256, &error);
  g_assert_no_error (error);
  g_assert_nonnull (der);
  g_clear_pointer (&der, g_bytes_unref);

  removed = cd_database_delete (database, sha256, CD_STORE_KIND_AUTO, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (removed, ==, 1);
  g_assert_cmpint (query_int (path, "SELECT COUNT(*) FROM certificates"), ==, 0);
  g_assert_cmpint (query_int (path, "SELECT COUNT(*) FROM certificate_der"), ==, 0);

  der = cd_database_dup_der (database, sha256, &error);
  g_assert_null (der);
  g_assert_error (error, CD_DATABASE_ERROR, CD_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  removed = cd_database_delete (database, sha256, CD_STORE_KIND_AUTO, &error);
  g_assert_cmpuint (removed, ==, 0);
  g_assert_error (error, CD_DATABASE_ERROR, CD_DATABASE_ERROR_NOT_FOUND);
}

static void
test_database_counts_and_changes (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(CdDatabase) database = cd_test_open_database (&path);
  g_autoptr(CdDatabase) other = NULL;
  guint counts[CD_N_STORE_KINDS];

  other = cd_database_open (path, &error);
  g_assert_no_error (error);

  g_assert_false (cd_database_check_changed (database));
  import_into (other, "chain.pem", CD_STORE_KIND_AUTO);

  /* The other connection (the CLI, say) committed: we notice, once. */
  g_assert_true (cd_database_check_changed (database));
  g_assert_false (cd_database_check_changed (database));

  g_assert_true (cd_database_count_stores (database, counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts[CD_STORE_KIND_ROOT], ==, 1);
  g_assert_cmpuint (counts[CD_STORE_KIND_CA], ==, 1);
  g_assert_cmpuint (counts[CD_STORE_KIND_ADDRESS_BOOK], ==, 1);
  g_assert_cmpuint (counts[CD_STORE_KIND_MY], ==, 0);
}

typedef struct
{
  const char *path;
  const char *fixture;
  GError     *error;
} WriterData;

static gpointer
writer_thread (gpointer user_data)
{
  WriterData *data = user_data;
  g_autoptr(CdDatabase) database = NULL;
  g_autoptr(CdKeyring) keyring = cd_keyring_new (FALSE);
  g_autoptr(CdImporter) importer = NULL;
  g_autofree char *fixture_path = g_build_filename (cd_test_fixtures_dir (), data->fixture, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (fixture_path);

  database = cd_database_open (data->path, &data->error);
  if (database == NULL)
    return NULL;

  importer = cd_importer_new (database, keyring);
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(CdImportResult) result = cd_importer_import_file (importer, file, NULL,
                                                                  i % 2 ? CD_STORE_KIND_AUTO :
                                                                  CD_STORE_KIND_TRUSTED_PEOPLE,
                                                                  NULL, NULL, NULL, &data->error);
      if (result == NULL)
        return NULL;
    }

  return NULL;
}

/* Two connections importing at the same time, as the GUI and the CLI
 * may: both succeed, nothing is lost, the file stays sound.
 */
static void
test_database_concurrent_writers (void)
{
  g_autofree char *path = NULL;
  g_autoptr(CdDatabase) database = cd_test_open_database (&path);
  WriterData a = { path, "roots-bundle.pem", NULL };
  WriterData b = { path, "chain.pem", NULL };
  GThread *thread_a;
  GThread *thread_b;

  cd_test_fixtures_dir ();
  thread_a = g_thread_new ("writer-a", writer_thread, &a);
  thread_b = g_thread_new ("writer-b", writer_thread, &b);
  g_thread_join (thread_a);
  g_thread_join (thread_b);

  g_assert_no_error (a.error);
  g_assert_no_error (b.error);

  g_assert_cmpuint (cd_test_count_rows (database, CD_STORE_KIND_ROOT), ==, 21);
  g_assert_cmpuint (cd_test_count_rows (database, CD_STORE_KIND_TRUSTED_PEOPLE), ==, 23);
  g_assert_cmpint (query_int (path, "SELECT COUNT(*) FROM certificates"), ==, 23);
  g_assert_cmpint (query_int (path, "SELECT COUNT(*) FROM pragma_integrity_check"
                                    " WHERE integrity_check = 'ok'"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/certdesk/database/created-private", test_database_created_private);
  g_test_add_func ("/certdesk/database/default-path-honours-xdg",
                   test_database_default_path_honours_xdg);
  g_test_add_func ("/certdesk/database/too-new", test_database_too_new);
  g_test_add_func ("/certdesk/database/migrates-from-1", test_database_migrates_from_1);
  g_test_add_func ("/certdesk/database/not-a-database", test_database_not_a_database);
  g_test_add_func ("/certdesk/database/lists-without-parsing", test_database_lists_without_parsing);
  g_test_add_func ("/certdesk/database/search-text", test_database_search_text);
  g_test_add_func ("/certdesk/database/find", test_database_find);
  g_test_add_func ("/certdesk/database/delete", test_database_delete);
  g_test_add_func ("/certdesk/database/counts-and-changes", test_database_counts_and_changes);
  g_test_add_func ("/certdesk/database/concurrent-writers", test_database_concurrent_writers);

  return g_test_run ();
}
