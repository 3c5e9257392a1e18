/* test-storage-errors.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A full disk and a read-only disk under the database, for real: the
 * program re-runs itself in a user and mount namespace of its own
 * (unshare -rm, no privileges needed), where it may mount a small tmpfs.
 * Each import must fail with its own error and leave the stores as they
 * were. Where namespaces are not allowed, the cases are skipped, saying so.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "cd-database.h"
#include "cd-errors.h"
#include "cd-importer.h"
#include "cd-keyring.h"
#include "cd-store-kind.h"
#include "cd-test-utils.h"

#define IN_NAMESPACE_ENV "CD_TEST_IN_NAMESPACE"

static char *
mount_small_tmpfs (void)
{
  g_autofree char *dir = cd_test_make_tmpdir ();

  if (mount ("tmpfs", dir, "tmpfs", 0, "size=256k,mode=0700") != 0)
    g_error ("mounting a tmpfs on %s failed: %s", dir, g_strerror (errno));

  return g_steal_pointer (&dir);
}

static CdImportResult *
import_into (CdDatabase  *database,
             const char  *name,
             CdStoreKind  kind,
             GError     **error)
{
  g_autoptr(CdKeyring) keyring = cd_keyring_new (FALSE);
  g_autoptr(CdImporter) importer = cd_importer_new (database, keyring);
  g_autoptr(GFile) file = cd_test_fixture_file (name);

  return cd_importer_import_file (importer, file, NULL, kind, NULL, NULL, NULL, error);
}

static void
fill_disk (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "filler", NULL);
  char block[4096];
  int fd;

  memset (block, 0xa5, sizeof block);
  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  while (write (fd, block, sizeof block) > 0)
    ;
  g_assert_cmpint (errno, ==, ENOSPC);
  close (fd);
}

static void
test_storage_disk_full (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdDatabase) database = NULL;
  g_autoptr(CdImportResult) result = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (g_getenv (IN_NAMESPACE_ENV) == NULL)
    {
      g_test_skip ("user namespaces are not available here");
      return;
    }

  cd_test_fixtures_dir ();
  dir = mount_small_tmpfs ();
  path = g_build_filename (dir, "certdesk.db", NULL);
  database = cd_database_open (path, &error);
  g_assert_no_error (error);

  result = import_into (database, "root.pem", CD_STORE_KIND_AUTO, &error);
  g_assert_no_error (error);
  g_clear_pointer (&result, cd_import_result_unref);
  before = cd_test_dump_database (database);

  fill_disk (dir);

  result = import_into (database, "roots-bundle.pem", CD_STORE_KIND_AUTO, &error);
  g_assert_null (result);
  g_assert_error (error, CD_DATABASE_ERROR, CD_DATABASE_ERROR_FULL);
  g_assert_nonnull (strstr (error->message, path));

  after = cd_test_dump_database (database);
  g_assert_cmpstr (before, ==, after);

  g_clear_object (&database);
  umount2 (dir, MNT_DETACH);
}

static void
test_storage_read_only (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdDatabase) database = NULL;
  g_autoptr(CdImportResult) result = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (g_getenv (IN_NAMESPACE_ENV) == NULL)
    {
      g_test_skip ("user namespaces are not available here");
      return;
    }

  cd_test_fixtures_dir ();
  dir = mount_small_tmpfs ();
  path = g_build_filename (dir, "certdesk.db", NULL);
  database = cd_database_open (path, &error);
  g_assert_no_error (error);
  result = import_into (database, "chain.pem", CD_STORE_KIND_AUTO, &error);
  g_assert_no_error (error);
  g_clear_pointer (&result, cd_import_result_unref);
  before = cd_test_dump_database (database);
  g_clear_object (&database);

  if (mount (NULL, dir, NULL, MS_REMOUNT | MS_RDONLY, NULL) != 0)
    g_error ("remounting %s read-only failed: %s", dir, g_strerror (errno));

  /* A database we may only read still lists… */
  database = cd_database_open (path, &error);
  g_assert_no_error (error);
  after = cd_test_dump_database (database);
  g_assert_cmpstr (before, ==, after);
  g_clear_pointer (&after, g_free);

  /* …and refuses writes with a message that says why. */
  result = import_into (database, "other.pem", CD_STORE_KIND_AUTO, &error);
  g_assert_null (result);
  g_assert_error (error, CD_DATABASE_ERROR, CD_DATABASE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, path));

  after = cd_test_dump_database (database);
  g_assert_cmpstr (before, ==, after);

  g_clear_object (&database);
  umount2 (dir, MNT_DETACH);
}

/* Re-runs this program inside its own user and mount namespaces. */
static void
reexec_in_namespace (int    argc,
                     char **argv)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) args = NULL;
  const char *probe[] = { "unshare", "--user", "--map-root-user", "--mount", "true", NULL };
  int status = 0;

  if (g_getenv (IN_NAMESPACE_ENV) != NULL)
    return;

  if (!g_spawn_sync (NULL, (char **)probe, NULL,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL))
    return;

  g_strv_builder_add_many (builder, "unshare", "--user", "--map-root-user", "--mount", "--", NULL);
  for (int i = 0; i < argc; i++)
    g_strv_builder_add (builder, argv[i]);
  args = g_strv_builder_end (builder);

  g_setenv (IN_NAMESPACE_ENV, "1", TRUE);
  execvp ("unshare", args);
  g_unsetenv (IN_NAMESPACE_ENV);
}

int
main (int   argc,
      char *argv[])
{
  reexec_in_namespace (argc, argv);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/certdesk/storage/disk-full", test_storage_disk_full);
  g_test_add_func ("/certdesk/storage/read-only", test_storage_read_only);

  return g_test_run ();
}
