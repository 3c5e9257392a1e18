/* test-keyring-missing.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Run in a session bus with no Secret Service on it (run-in-session.sh
 * --no-keyring), and, in a subprocess, with no session bus at all:
 * importing a private key fails with a clear message and nothing is
 * written anywhere; certificates alone still import.
 */

#include "config.h"

#include <string.h>

#include "cd-errors.h"
#include "cd-importer.h"
#include "cd-keyring.h"
#include "cd-store-kind.h"
#include "cd-test-utils.h"

static void
assert_key_import_refused (void)
{
  g_autoptr(CdDatabase) database = cd_test_open_database (NULL);
  g_autoptr(CdKeyring) keyring = cd_keyring_new (TRUE);
  g_autoptr(CdImporter) importer = cd_importer_new (database, keyring);
  g_autoptr(GFile) pfx = cd_test_fixture_file ("leaf.pfx");
  g_autoptr(GFile) root = cd_test_fixture_file ("root.pem");
  g_autoptr(CdImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  result = cd_importer_import_file (importer, root, NULL, CD_STORE_KIND_AUTO,
                                    NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&result, cd_import_result_unref);
  before = cd_test_dump_database (database);

  result = cd_importer_import_file (importer, pfx, CD_TEST_PASSWORD, CD_STORE_KIND_AUTO,
                                    NULL, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, CD_KEYRING_ERROR, CD_KEYRING_ERROR_NO_SERVICE);
  g_assert_nonnull (strstr (error->message, "Secret Service"));

  after = cd_test_dump_database (database);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (cd_test_count_rows (database, CD_STORE_KIND_ROOT), ==, 1);
}

static void
test_keyring_missing_service (void)
{
  assert_key_import_refused ();
}

static void
test_keyring_missing_bus (void)
{
  if (g_test_subprocess ())
    {
      /* Before anything has connected to D-Bus in this process. */
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/certdesk-test-bus", TRUE);
      assert_key_import_refused ();
      return;
    }

  cd_test_fixtures_dir ();
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/certdesk/keyring-missing/no-service", test_keyring_missing_service);
  g_test_add_func ("/certdesk/keyring-missing/no-bus", test_keyring_missing_bus);

  return g_test_run ();
}
