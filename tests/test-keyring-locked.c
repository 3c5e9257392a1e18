/* test-keyring-locked.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A locked login keyring: importing a key fails as "locked", whether or
 * not Certdesk may ask to unlock it (the test bus activates no prompter,
 * so an unlock attempt fails instead of waiting for a click), and leaves
 * the database and the keyring as they were. A program of its own,
 * because the keyring cannot be unlocked again without a prompt.
 */

#include "config.h"

#include <libsecret/secret.h>

#include "cd-errors.h"
#include "cd-importer.h"
#include "cd-keyring.h"
#include "cd-store-kind.h"
#include "cd-test-utils.h"

static void
lock_default_collection (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecretService) service = NULL;
  g_autoptr(SecretCollection) collection = NULL;
  g_autoptr(GList) objects = NULL;

  service = secret_service_get_sync (SECRET_SERVICE_NONE, NULL, &error);
  g_assert_no_error (error);
  collection = secret_collection_for_alias_sync (service, SECRET_COLLECTION_DEFAULT,
                                                 SECRET_COLLECTION_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (collection);

  objects = g_list_append (NULL, collection);
  secret_service_lock_sync (service, objects, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (secret_collection_get_locked (collection));
}

static void
assert_import_refused (gboolean allow_prompt)
{
  g_autoptr(CdDatabase) database = cd_test_open_database (NULL);
  g_autoptr(CdKeyring) keyring = cd_keyring_new (allow_prompt);
  g_autoptr(CdImporter) importer = cd_importer_new (database, keyring);
  g_autoptr(GFile) pfx = cd_test_fixture_file ("leaf.pfx");
  g_autoptr(GFile) chain = cd_test_fixture_file ("chain.pem");
  g_autoptr(CdImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  result = cd_importer_import_file (importer, chain, NULL, CD_STORE_KIND_AUTO,
                                    NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&result, cd_import_result_unref);
  before = cd_test_dump_database (database);

  result = cd_importer_import_file (importer, pfx, CD_TEST_PASSWORD, CD_STORE_KIND_AUTO,
                                    NULL, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, CD_KEYRING_ERROR, CD_KEYRING_ERROR_LOCKED);

  after = cd_test_dump_database (database);
  g_assert_cmpstr (before, ==, after);
}

static void
test_keyring_locked_no_prompt (void)
{
  lock_default_collection ();
  assert_import_refused (FALSE);
}

static void
test_keyring_locked_prompt_unavailable (void)
{
  lock_default_collection ();
  assert_import_refused (TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/certdesk/keyring-locked/no-prompt", test_keyring_locked_no_prompt);
  g_test_add_func ("/certdesk/keyring-locked/prompt-unavailable",
                   test_keyring_locked_prompt_unavailable);

  return g_test_run ();
}
