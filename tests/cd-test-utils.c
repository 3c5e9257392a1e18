/* cd-test-utils.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Helpers shared by the test programs: fixtures made by real tools
 * (make-fixtures.sh runs openssl and certtool once per test program),
 * throwaway databases, and snapshots of the database and keyring so a
 * test can assert that a failed import changed nothing.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <libsecret/secret.h>

#include "cd-certificate.h"
#include "cd-test-utils.h"

static char *fixtures_dir;

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

static void
remove_tree (const char *path)
{
  g_autofree char *quoted = g_shell_quote (path);
  g_autofree char *cmd = g_strdup_printf ("rm -rf %s", quoted);

  (void)system (cmd);
}

static void
remove_fixtures_at_exit (void)
{
  if (fixtures_dir != NULL && g_getenv ("CD_TEST_KEEP_FIXTURES") == NULL)
    remove_tree (fixtures_dir);
}

/**
 * cd_test_fixtures_dir:
 *
 * Makes the fixtures on first use, by running make-fixtures.sh into a
 * fresh directory; they are removed when the program exits.
 *
 * Returns: (transfer none): the directory holding them
 */
const char *
cd_test_fixtures_dir (void)
{
  if (fixtures_dir == NULL)
    {
      const char *script = g_getenv ("CD_TEST_FIXTURES_SCRIPT");

      g_assert_nonnull (script);
      fixtures_dir = cd_test_make_tmpdir ();
      cd_test_run_command ("sh %s %s", script, fixtures_dir);
      atexit (remove_fixtures_at_exit);
    }

  return fixtures_dir;
}

char *
cd_test_fixture (const char *name)
{
  g_autofree char *path = g_build_filename (cd_test_fixtures_dir (), name, NULL);

  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  return g_steal_pointer (&path);
}

GFile *
cd_test_fixture_file (const char *name)
{
  g_autofree char *path = cd_test_fixture (name);

  return g_file_new_for_path (path);
}

char *
cd_test_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("certdesk-test-XXXXXX", &error);

  g_assert_no_error (error);

  return dir;
}

void
cd_test_run_command (const char *format,
                     ...)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cmd = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { "/bin/sh", "-c", NULL, NULL };
  va_list args;
  int status = 0;

  va_start (args, format);
  cmd = g_strdup_vprintf (format, args);
  va_end (args);

  argv[2] = cmd;
  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("command failed: %s\nstdout:\n%s\nstderr:\n%s", cmd, out, err);
}

/**
 * cd_test_open_database:
 * @out_path: (out) (optional): the database file
 *
 * Returns: (transfer full): a new, empty database in a fresh directory
 */
CdDatabase *
cd_test_open_database (char **out_path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = cd_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "certdesk.db", NULL);
  CdDatabase *database = cd_database_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (database);

  if (out_path != NULL)
    *out_path = g_steal_pointer (&path);

  return database;
}

guint
cd_test_count_rows (CdDatabase  *database,
                    CdStoreKind  kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = cd_database_list_store (database, kind, &error);

  g_assert_no_error (error);

  return rows->len;
}

/* Every (store, fingerprint, has key, friendly name) in the database,
 * one per line and sorted, to compare before and after an operation.
 */
char *
cd_test_dump_database (CdDatabase *database)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint kind = 0; kind < CD_N_STORE_KINDS; kind++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) rows = cd_database_list_store (database, kind, &error);

      g_assert_no_error (error);
      for (guint i = 0; i < rows->len; i++)
        {
          CdCertificate *row = g_ptr_array_index (rows, i);

          g_ptr_array_add (lines, g_strdup_printf ("%u %s %d %s", kind,
                                                   cd_certificate_get_sha256 (row),
                                                   cd_certificate_get_has_private_key (row),
                                                   cd_certificate_get_friendly_name (row)));
        }
    }

  g_ptr_array_sort (lines, compare_strings);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (out, "%s\n", (char *)g_ptr_array_index (lines, i));

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The key ids of every Certdesk key in the keyring, sorted. libsecret's
 * password API wants at least one attribute besides the schema, so this
 * asks the service directly for every item of our schema.
 */
char *
cd_test_dump_keyring (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecretService) service = NULL;
  g_autoptr(GHashTable) query = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) out = g_string_new (NULL);
  GList *items;

  service = secret_service_get_sync (SECRET_SERVICE_NONE, NULL, &error);
  g_assert_no_error (error);

  g_hash_table_insert (query, (gpointer)"xdg:schema", (gpointer)"io.github.certdesk.Certdesk.Key");
  items = secret_service_search_sync (service, NULL, query, SECRET_SEARCH_ALL, NULL, &error);
  g_assert_no_error (error);
  for (GList *l = items; l != NULL; l = l->next)
    {
      g_autoptr(GHashTable) attrs = secret_item_get_attributes (l->data);

      g_ptr_array_add (ids, g_strdup (g_hash_table_lookup (attrs, "key-id")));
    }
  g_list_free_full (items, g_object_unref);

  g_ptr_array_sort (ids, compare_strings);
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (out, "%s\n", (char *)g_ptr_array_index (ids, i));

  return g_string_free (g_steal_pointer (&out), FALSE);
}

void
cd_test_shell_run_free (CdTestShellRun *run)
{
  g_free (run->out);
  g_free (run->err);
  g_free (run);
}

/**
 * cd_test_shell:
 * @format: a printf-style /bin/sh command line
 *
 * Unlike cd_test_run_command(), a failing command is not an error: the
 * caller looks at its status and output.
 *
 * Returns: (transfer full): what the command printed and its status
 */
CdTestShellRun *
cd_test_shell (const char *format,
               ...)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cmd = NULL;
  const char *argv[] = { "/bin/sh", "-c", NULL, NULL };
  CdTestShellRun *run = g_new0 (CdTestShellRun, 1);
  int status = 0;
  va_list args;

  va_start (args, format);
  cmd = g_strdup_vprintf (format, args);
  va_end (args);

  argv[2] = cmd;
  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_STDIN_FROM_DEV_NULL, NULL, NULL,
                &run->out, &run->err, &status, &error);
  g_assert_no_error (error);
  run->status = WIFEXITED (status) ? WEXITSTATUS (status) : -1;

  return run;
}

/**
 * cd_test_shell_ok:
 * @format: a printf-style /bin/sh command line
 *
 * Returns: (transfer full): the standard output of a command that must
 *   succeed
 */
char *
cd_test_shell_ok (const char *format,
                  ...)
{
  g_autofree char *cmd = NULL;
  g_autoptr(CdTestShellRun) run = NULL;
  va_list args;

  va_start (args, format);
  cmd = g_strdup_vprintf (format, args);
  va_end (args);

  run = cd_test_shell ("%s", cmd);
  if (run->status != 0)
    g_error ("command failed (%d): %s\n%s%s", run->status, cmd, run->out, run->err);

  return g_steal_pointer (&run->out);
}

void
cd_test_assert_contains (const char *haystack,
                         const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” not found in:\n%s", needle, haystack);
}

/* The row of @kind whose "Issued To" is @cn, or NULL. */
CdCertificate *
cd_test_find_certificate (CdDatabase  *database,
                          CdStoreKind  kind,
                          const char  *cn)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  rows = cd_database_list_store (database, kind, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    {
      CdCertificate *row = g_ptr_array_index (rows, i);

      if (g_strcmp0 (cd_certificate_get_subject_cn (row), cn) == 0)
        return g_object_ref (row);
    }

  return NULL;
}

void
cd_test_store_fixture_set_up (CdTestStoreFixture *f)
{
  f->dir = cd_test_make_tmpdir ();
  f->database_path = g_build_filename (f->dir, "certdesk", "certdesk.db", NULL);
  f->database = cd_database_open (f->database_path, NULL);
  g_assert_nonnull (f->database);
  f->keyring = cd_keyring_new (FALSE);
}

void
cd_test_store_fixture_tear_down (CdTestStoreFixture *f)
{
  /* Nothing may keep the database open once its file is removed. */
  g_object_add_weak_pointer (G_OBJECT (f->database), (gpointer *)&f->database);
  g_object_unref (f->database);
  g_assert_null (f->database);
  g_clear_object (&f->keyring);
  cd_test_run_command ("rm -rf '%s'", f->dir);
  g_free (f->dir);
  g_free (f->database_path);
}
