/* test-importer.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* End-to-end imports into a real SQLite file and the real keyring of the
 * test session: automatic placement, pairing of keys and certificates in
 * either order, duplicates, and every failure leaving both untouched.
 */

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "cd-certificate.h"
#include "cd-database.h"
#include "cd-errors.h"
#include "cd-importer.h"
#include "cd-keyring.h"
#include "cd-store-kind.h"
#include "cd-test-utils.h"

typedef struct
{
  CdDatabase *database;
  CdKeyring  *keyring;
  CdImporter *importer;
  char       *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->database = cd_test_open_database (&fixture->path);
  fixture->keyring = cd_keyring_new (FALSE);
  fixture->importer = cd_importer_new (fixture->database, fixture->keyring);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->importer);
  g_clear_object (&fixture->keyring);
  g_clear_object (&fixture->database);
  g_clear_pointer (&fixture->path, g_free);
}

static CdImportResult *
import_fixture (Fixture     *fixture,
                const char  *name,
                const char  *password,
                CdStoreKind  kind,
                GError     **error)
{
  g_autoptr(GFile) file = cd_test_fixture_file (name);

  return cd_importer_import_file (fixture->importer, file, password, kind,
                                  NULL, NULL, NULL, error);
}

static void
import_ok (Fixture     *fixture,
           const char  *name,
           const char  *password,
           CdStoreKind  kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdImportResult) result = import_fixture (fixture, name, password, kind, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
}

static gboolean
keyring_has (Fixture    *fixture,
             const char *key_id)
{
  g_autoptr(GError) error = NULL;
  gboolean has_key = FALSE;

  g_assert_true (cd_keyring_has_key (fixture->keyring, key_id, &has_key, NULL, &error));
  g_assert_no_error (error);

  return has_key;
}

static void
test_importer_automatic_placement (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(CdCertificate) root = NULL;
  g_autoptr(CdCertificate) intermediate = NULL;
  g_autoptr(CdCertificate) other = NULL;
  g_autoptr(CdCertificate) request = NULL;

  import_ok (fixture, "root.pem", NULL, CD_STORE_KIND_AUTO);
  import_ok (fixture, "int.pem", NULL, CD_STORE_KIND_AUTO);
  import_ok (fixture, "other.pem", NULL, CD_STORE_KIND_AUTO);
  import_ok (fixture, "leaf.csr", NULL, CD_STORE_KIND_AUTO);
  import_ok (fixture, "certtool-ca.pem", NULL, CD_STORE_KIND_AUTO);

  root = cd_test_find_certificate (fixture->database, CD_STORE_KIND_ROOT, "Certdesk Test Root CA");
  intermediate = cd_test_find_certificate (fixture->database, CD_STORE_KIND_CA, "Certdesk Test Intermediate CA");
  other = cd_test_find_certificate (fixture->database, CD_STORE_KIND_ADDRESS_BOOK, "person.example.test");
  request = cd_test_find_certificate (fixture->database, CD_STORE_KIND_REQUEST, "server.example.test");

  g_assert_nonnull (root);
  g_assert_nonnull (intermediate);
  g_assert_nonnull (other);
  g_assert_nonnull (request);
  g_assert_true (cd_certificate_get_is_request (request));
  g_assert_false (cd_certificate_get_has_private_key (other));

  g_assert_cmpuint (cd_test_count_rows (fixture->database, CD_STORE_KIND_ROOT), ==, 2);
  g_assert_cmpuint (cd_test_count_rows (fixture->database, CD_STORE_KIND_CA), ==, 1);
  g_assert_cmpuint (cd_test_count_rows (fixture->database, CD_STORE_KIND_ADDRESS_BOOK), ==, 1);
  g_assert_cmpuint (cd_test_count_rows (fixture->database, CD_STORE_KIND_MY), ==, 0);
}

static void
test_importer_pfx_goes_to_personal (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdImportResult) result = NULL;
  g_autoptr(CdCertificate) leaf = NULL;
  g_autoptr(CdCertificate) root = NULL;
  g_autofree char *summary = NULL;
  char *pem;

  result = import_fixture (fixture, "leaf.pfx", CD_TEST_PASSWORD, CD_STORE_KIND_AUTO, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (cd_import_result_get_added (result, CD_STORE_KIND_MY), ==, 1);
  g_assert_cmpuint (cd_import_result_get_added (result, CD_STORE_KIND_CA), ==, 1);
  g_assert_cmpuint (cd_import_result_get_added (result, CD_STORE_KIND_ROOT), ==, 1);
  g_assert_cmpuint (cd_import_result_get_keys_added (result) +
                    cd_import_result_get_keys_existing (result), ==, 1);

  leaf = cd_test_find_certificate (fixture->database, CD_STORE_KIND_MY, "server.example.test");
  g_assert_nonnull (leaf);
  g_assert_true (cd_certificate_get_has_private_key (leaf));
  g_assert_cmpstr (cd_certificate_get_friendly_name (leaf), ==, "Test Server");

  /* The key is in the keyring, as PKCS#8, under the certificate's key id. */
  g_assert_true (keyring_has (fixture, cd_certificate_get_key_id (leaf)));
  pem = cd_keyring_lookup_key (fixture->keyring, cd_certificate_get_key_id (leaf), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (pem, "-----BEGIN PRIVATE KEY-----"));
  cd_keyring_free_secret (pem);

  root = cd_test_find_certificate (fixture->database, CD_STORE_KIND_ROOT, "Certdesk Test Root CA");
  g_assert_nonnull (root);
  g_assert_false (cd_certificate_get_has_private_key (root));

  summary = cd_import_result_dup_summary (result);
  g_assert_nonnull (strstr (summary, "1 certificate imported into Personal"));
}

static void
test_importer_every_pfx_variant (Fixture       *fixture,
                                 gconstpointer  data)
{
  static const struct {
    const char *name;
    const char *password;
  } variants[] = {
    { "leaf-legacy-rc2.pfx", CD_TEST_PASSWORD },
    { "leaf-3des.pfx", CD_TEST_PASSWORD },
    { "leaf-nopass.pfx", "" },
    { "leaf-utf8.pfx", CD_TEST_UTF8_PASSWORD },
  };

  for (guint i = 0; i < G_N_ELEMENTS (variants); i++)
    {
      g_autoptr(CdDatabase) database = cd_test_open_database (NULL);
      g_autoptr(CdImporter) importer = cd_importer_new (database, fixture->keyring);
      g_autoptr(GFile) file = cd_test_fixture_file (variants[i].name);
      g_autoptr(GError) error = NULL;
      g_autoptr(CdImportResult) result = NULL;

      g_test_message ("importing %s", variants[i].name);
      result = cd_importer_import_file (importer, file, variants[i].password, CD_STORE_KIND_AUTO,
                                        NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (cd_import_result_get_added (result, CD_STORE_KIND_MY), ==, 1);
      g_assert_cmpuint (cd_test_count_rows (database, CD_STORE_KIND_MY), ==, 1);
    }
}

static void
test_importer_nopass_pfx_without_password (Fixture       *fixture,
                                           gconstpointer  data)
{
  import_ok (fixture, "leaf-nopass.pfx", NULL, CD_STORE_KIND_AUTO);
  g_assert_cmpuint (cd_test_count_rows (fixture->database, CD_STORE_KIND_MY), ==, 1);
}

static void
test_importer_certificate_then_key (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(CdCertificate) before = NULL;
  g_autoptr(CdCertificate) after = NULL;

  import_ok (fixture, "leaf.pem", NULL, CD_STORE_KIND_AUTO);
  before = cd_test_find_certificate (fixture->database, CD_STORE_KIND_ADDRESS_BOOK, "server.example.test");
  g_assert_nonnull (before);
  g_assert_false (cd_certificate_get_has_private_key (before));

  import_ok (fixture, "leaf-pkcs1.key", NULL, CD_STORE_KIND_AUTO);

  after = cd_test_find_certificate (fixture->database, CD_STORE_KIND_MY, "server.example.test");
  g_assert_nonnull (after);
  g_assert_true (cd_certificate_get_has_private_key (after));
  g_assert_cmpuint (cd_test_count_rows (fixture->database, CD_STORE_KIND_ADDRESS_BOOK), ==, 0);
  g_assert_true (keyring_has (fixture, cd_certificate_get_key_id (after)));
}

static void
test_importer_key_then_certificate (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdImportResult) result = NULL;
  g_autoptr(CdCertificate) leaf = NULL;

  result = import_fixture (fixture, "ec.key", NULL, CD_STORE_KIND_AUTO, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cd_import_result_get_total_added (result), ==, 0);
  g_assert_cmpuint (cd_import_result_get_keys_added (result) +
                    cd_import_result_get_keys_existing (result), ==, 1);

  import_ok (fixture, "ec.pem", NULL, CD_STORE_KIND_AUTO);
  leaf = cd_test_find_certificate (fixture->database, CD_STORE_KIND_MY, "ec.example.test");
  g_assert_nonnull (leaf);
  g_assert_true (cd_certificate_get_has_private_key (leaf));
  g_assert_true (keyring_has (fixture, cd_certificate_get_key_id (leaf)));
}

static void
test_importer_encrypted_keys (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdImportResult) result = NULL;
  g_autoptr(CdCertificate) leaf = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  import_ok (fixture, "ed25519.pem", NULL, CD_STORE_KIND_AUTO);
  before = cd_test_dump_database (fixture->database);

  result = import_fixture (fixture, "leaf-enc.key", NULL, CD_STORE_KIND_AUTO, &error);
  g_assert_error (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_NEEDS_PASSWORD);
  g_assert_null (result);
  g_clear_error (&error);

  result = import_fixture (fixture, "leaf-enc.key", "wrong", CD_STORE_KIND_AUTO, &error);
  g_assert_error (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_BAD_PASSWORD);
  g_assert_null (result);
  g_clear_error (&error);

  after = cd_test_dump_database (fixture->database);
  g_assert_cmpstr (before, ==, after);

  import_ok (fixture, "ed25519.key", NULL, CD_STORE_KIND_AUTO);
  leaf = cd_test_find_certificate (fixture->database, CD_STORE_KIND_MY, "ed25519.example.test");
  g_assert_nonnull (leaf);
  g_assert_true (cd_certificate_get_has_private_key (leaf));
}

static void
test_importer_duplicates (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdImportResult) first = NULL;
  g_autoptr(CdImportResult) second = NULL;
  g_autofree char *summary = NULL;

  first = import_fixture (fixture, "roots-bundle.pem", NULL, CD_STORE_KIND_AUTO, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cd_import_result_get_added (first, CD_STORE_KIND_ROOT), ==, 20);
  summary = cd_import_result_dup_summary (first);
  g_assert_cmpstr (summary, ==, "20 certificates imported into Trusted Root Certification Authorities");
  g_clear_pointer (&summary, g_free);

  second = import_fixture (fixture, "roots-bundle.pem", NULL, CD_STORE_KIND_AUTO, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cd_import_result_get_added (second, CD_STORE_KIND_ROOT), ==, 0);
  g_assert_cmpuint (cd_import_result_get_existing (second, CD_STORE_KIND_ROOT), ==, 20);
  summary = cd_import_result_dup_summary (second);
  g_assert_cmpstr (summary, ==, "20 certificates were already in Trusted Root Certification Authorities");

  g_assert_cmpuint (cd_test_count_rows (fixture->database, CD_STORE_KIND_ROOT), ==, 20);

  /* A merged result reads as the toast does after several files. */
  cd_import_result_merge (first, second);
  g_clear_pointer (&summary, g_free);
  summary = cd_import_result_dup_summary (first);
  g_assert_cmpstr (summary, ==,
                   "20 certificates imported into Trusted Root Certification Authorities, "
                   "20 were already there");
}

static void
test_importer_chosen_store (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(CdCertificate) leaf = NULL;
  g_autoptr(CdCertificate) request = NULL;

  import_ok (fixture, "leaf.der", NULL, CD_STORE_KIND_TRUSTED_PEOPLE);
  leaf = cd_test_find_certificate (fixture->database, CD_STORE_KIND_TRUSTED_PEOPLE, "server.example.test");
  g_assert_nonnull (leaf);

  /* The same certificate may sit in several stores, as on Windows. */
  import_ok (fixture, "leaf.b64", NULL, CD_STORE_KIND_DISALLOWED);
  g_assert_cmpuint (cd_test_count_rows (fixture->database, CD_STORE_KIND_DISALLOWED), ==, 1);
  g_assert_cmpuint (cd_test_count_rows (fixture->database, CD_STORE_KIND_TRUSTED_PEOPLE), ==, 1);

  /* Requests are never certificates of another store. */
  import_ok (fixture, "leaf-csr.der", NULL, CD_STORE_KIND_ROOT);
  request = cd_test_find_certificate (fixture->database, CD_STORE_KIND_REQUEST, "server.example.test");
  g_assert_nonnull (request);
  g_assert_cmpuint (cd_test_count_rows (fixture->database, CD_STORE_KIND_ROOT), ==, 0);
}

static void
test_importer_every_container (Fixture       *fixture,
                               gconstpointer  data)
{
  static const char *chains[] = {
    "chain.pem", "chain-crlf.pem", "chain-bom.pem", "chain-bagattrs.pem",
    "chain.p7b", "chain-der.p7b",
  };

  for (guint i = 0; i < G_N_ELEMENTS (chains); i++)
    {
      g_autoptr(CdDatabase) database = cd_test_open_database (NULL);
      g_autoptr(CdImporter) importer = cd_importer_new (database, fixture->keyring);
      g_autoptr(GFile) file = cd_test_fixture_file (chains[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(CdImportResult) result = NULL;

      g_test_message ("importing %s", chains[i]);
      result = cd_importer_import_file (importer, file, NULL, CD_STORE_KIND_AUTO,
                                        NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (cd_import_result_get_added (result, CD_STORE_KIND_ROOT), ==, 1);
      g_assert_cmpuint (cd_import_result_get_added (result, CD_STORE_KIND_CA), ==, 1);
      g_assert_cmpuint (cd_import_result_get_total_added (result), ==, 3);
    }
}

static void
test_importer_bad_input_changes_nothing (Fixture       *fixture,
                                         gconstpointer  data)
{
  static const struct {
    const char *name;
    const char *password;
    int         code;
  } cases[] = {
    { "empty.bin", NULL, CD_IMPORT_ERROR_EMPTY },
    { "garbage.bin", NULL, CD_IMPORT_ERROR_UNRECOGNIZED },
    { "truncated.pem", NULL, CD_IMPORT_ERROR_TRUNCATED },
    { "truncated.der", NULL, CD_IMPORT_ERROR_TRUNCATED },
    { "truncated.pfx", CD_TEST_PASSWORD, CD_IMPORT_ERROR_TRUNCATED },
    { "corrupt.pem", NULL, CD_IMPORT_ERROR_CORRUPT },
    { "big.bin", NULL, CD_IMPORT_ERROR_TOO_LARGE },
    { "leaf.pfx", NULL, CD_IMPORT_ERROR_NEEDS_PASSWORD },
    { "leaf.pfx", "wrong password", CD_IMPORT_ERROR_BAD_PASSWORD },
    { "leaf-3des.pfx", "wrong password", CD_IMPORT_ERROR_BAD_PASSWORD },
  };
  g_autofree char *db_before = NULL;
  g_autofree char *keys_before = NULL;

  /* Something in every table, so "unchanged" means something. */
  import_ok (fixture, "chain.pem", NULL, CD_STORE_KIND_AUTO);
  import_ok (fixture, "ec.key", NULL, CD_STORE_KIND_AUTO);
  db_before = cd_test_dump_database (fixture->database);
  keys_before = cd_test_dump_keyring ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CdImportResult) result = NULL;
      g_autofree char *db_after = NULL;
      g_autofree char *keys_after = NULL;

      g_test_message ("importing %s", cases[i].name);
      result = import_fixture (fixture, cases[i].name, cases[i].password,
                               CD_STORE_KIND_AUTO, &error);
      g_assert_null (result);
      g_assert_error (error, CD_IMPORT_ERROR, cases[i].code);
      /* Every message names the file, so a batch's errors can be told apart. */
      g_assert_nonnull (strstr (error->message, cases[i].name));

      db_after = cd_test_dump_database (fixture->database);
      keys_after = cd_test_dump_keyring ();
      g_assert_cmpstr (db_before, ==, db_after);
      g_assert_cmpstr (keys_before, ==, keys_after);
    }
}

/* Another program holds the write lock: the key was already written to
 * the keyring when the database refused, and must be taken out again.
 */
static void
test_importer_busy_database_rolls_back_key (Fixture       *fixture,
                                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdImportResult) result = NULL;
  g_autofree char *db_before = NULL;
  g_autofree char *keys_before = NULL;
  g_autofree char *db_after = NULL;
  g_autofree char *keys_after = NULL;
  g_autoptr(CdCertificate) leaf = NULL;
  sqlite3 *other = NULL;

  import_ok (fixture, "leaf.pem", NULL, CD_STORE_KIND_AUTO);
  leaf = cd_test_find_certificate (fixture->database, CD_STORE_KIND_ADDRESS_BOOK, "server.example.test");
  g_assert_nonnull (leaf);

  /* The pfx key must be new to the keyring for the test to mean anything. */
  g_assert_true (cd_keyring_delete_key (fixture->keyring, cd_certificate_get_key_id (leaf),
                                        NULL, &error));
  g_assert_no_error (error);
  g_assert_false (keyring_has (fixture, cd_certificate_get_key_id (leaf)));

  db_before = cd_test_dump_database (fixture->database);
  keys_before = cd_test_dump_keyring ();

  g_assert_cmpint (sqlite3_open (fixture->path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  cd_database_set_busy_timeout (fixture->database, 200);
  result = import_fixture (fixture, "leaf-utf8.pfx", CD_TEST_UTF8_PASSWORD,
                           CD_STORE_KIND_AUTO, &error);
  g_assert_null (result);
  g_assert_error (error, CD_DATABASE_ERROR, CD_DATABASE_ERROR_BUSY);

  sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (other);

  db_after = cd_test_dump_database (fixture->database);
  keys_after = cd_test_dump_keyring ();
  g_assert_cmpstr (db_before, ==, db_after);
  g_assert_cmpstr (keys_before, ==, keys_after);
  g_assert_false (keyring_has (fixture, cd_certificate_get_key_id (leaf)));
}

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  GArray *fractions = user_data;

  /* Delivered on the main context, in order. */
  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  g_array_append_val (fractions, fraction);
}

static void
async_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_importer_async_with_progress (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GAsyncResult) async_result = NULL;
  g_autoptr(CdImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = cd_test_fixture_file ("roots-bundle.pem");

  cd_importer_import_file_async (fixture->importer, file, NULL, CD_STORE_KIND_AUTO,
                                 progress_cb, fractions, NULL, async_done_cb, &async_result);
  while (async_result == NULL)
    g_main_context_iteration (NULL, TRUE);

  result = cd_importer_import_file_finish (fixture->importer, async_result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cd_import_result_get_added (result, CD_STORE_KIND_ROOT), ==, 20);

  /* The worker's own connection committed; ours sees it. */
  g_assert_cmpuint (cd_test_count_rows (fixture->database, CD_STORE_KIND_ROOT), ==, 20);

  g_assert_cmpuint (fractions->len, >=, 2);
  for (guint i = 1; i < fractions->len; i++)
    g_assert_cmpfloat (g_array_index (fractions, double, i), >=,
                       g_array_index (fractions, double, i - 1));
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);
}

static void
test_importer_cancelled (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) async_result = NULL;
  g_autoptr(CdImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = cd_test_fixture_file ("leaf.pfx");
  g_autofree char *keys_before = cd_test_dump_keyring ();
  g_autofree char *keys_after = NULL;

  g_cancellable_cancel (cancellable);
  cd_importer_import_file_async (fixture->importer, file, CD_TEST_PASSWORD, CD_STORE_KIND_AUTO,
                                 NULL, NULL, cancellable, async_done_cb, &async_result);
  while (async_result == NULL)
    g_main_context_iteration (NULL, TRUE);

  result = cd_importer_import_file_finish (fixture->importer, async_result, &error);
  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  keys_after = cd_test_dump_keyring ();
  g_assert_cmpstr (keys_before, ==, keys_after);
  for (guint kind = 0; kind < CD_N_STORE_KINDS; kind++)
    g_assert_cmpuint (cd_test_count_rows (fixture->database, kind), ==, 0);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

/* The names in @dir, sorted, one a line. */
static char *
list_dir (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) handle = g_dir_open (dir, 0, &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (handle)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);

  return g_strjoinv ("\n", (char **)names->pdata);
}

static void
test_importer_bytes_async (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GAsyncResult) async_result = NULL;
  g_autoptr(CdImportResult) result = NULL;
  g_autoptr(CdCertificate) row = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pasted = NULL;
  g_autofree char *key_path = cd_test_fixture ("leaf.key");
  g_autofree char *key_text = NULL;
  g_autofree char *dir = g_path_get_dirname (fixture->path);
  g_autofree char *names_before = NULL;
  g_autofree char *names_after = NULL;
  gsize len;

  import_ok (fixture, "leaf.pem", NULL, CD_STORE_KIND_AUTO);
  names_before = list_dir (dir);

  /* As pasted: text in memory, with a name that is no file's. */
  g_file_get_contents (key_path, &key_text, &len, &error);
  g_assert_no_error (error);
  pasted = g_bytes_new (key_text, len);

  cd_importer_import_bytes_async (fixture->importer, pasted, "Clipboard", NULL,
                                  CD_STORE_KIND_AUTO, NULL, NULL, NULL,
                                  async_done_cb, &async_result);
  while (async_result == NULL)
    g_main_context_iteration (NULL, TRUE);

  result = cd_importer_import_bytes_finish (fixture->importer, async_result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cd_import_result_get_keys_added (result), ==, 1);

  /* The key paired with the certificate imported before. */
  row = cd_test_find_certificate (fixture->database, CD_STORE_KIND_MY, "server.example.test");
  g_assert_nonnull (row);
  g_assert_true (cd_certificate_get_has_private_key (row));
  g_assert_true (keyring_has (fixture, cd_certificate_get_key_id (row)));
  g_assert_cmpuint (cd_test_count_rows (fixture->database, CD_STORE_KIND_ADDRESS_BOOK), ==, 0);

  /* Only the keyring got the key: no file appeared beside the database. */
  names_after = list_dir (dir);
  g_assert_cmpstr (names_before, ==, names_after);
}

static void
add_test (const char *path,
          void (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  add_test ("/certdesk/importer/automatic-placement", test_importer_automatic_placement);
  add_test ("/certdesk/importer/pfx-goes-to-personal", test_importer_pfx_goes_to_personal);
  add_test ("/certdesk/importer/every-pfx-variant", test_importer_every_pfx_variant);
  add_test ("/certdesk/importer/nopass-pfx-without-password",
            test_importer_nopass_pfx_without_password);
  add_test ("/certdesk/importer/certificate-then-key", test_importer_certificate_then_key);
  add_test ("/certdesk/importer/key-then-certificate", test_importer_key_then_certificate);
  add_test ("/certdesk/importer/encrypted-keys", test_importer_encrypted_keys);
  add_test ("/certdesk/importer/duplicates", test_importer_duplicates);
  add_test ("/certdesk/importer/chosen-store", test_importer_chosen_store);
  add_test ("/certdesk/importer/every-container", test_importer_every_container);
  add_test ("/certdesk/importer/bad-input-changes-nothing",
            test_importer_bad_input_changes_nothing);
  add_test ("/certdesk/importer/busy-database-rolls-back-key",
            test_importer_busy_database_rolls_back_key);
  add_test ("/certdesk/importer/async-with-progress", test_importer_async_with_progress);
  add_test ("/certdesk/importer/cancelled", test_importer_cancelled);
  add_test ("/certdesk/importer/bytes-async", test_importer_bytes_async);

  return g_test_run ();
}
