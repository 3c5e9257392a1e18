/* test-ca-locked.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The private CA with a locked keyring: creating a CA cannot store its
 * key, signing and making a CRL cannot read the CA's key; each fails as
 * "locked" and leaves the stores, the keyring and the CA's records as
 * they were. A program of its own, because the keyring cannot be
 * unlocked again without a prompt.
 */

#include "config.h"

#include <libsecret/secret.h>

#include "cd-ca.h"
#include "cd-certificate.h"
#include "cd-errors.h"
#include "cd-keyring.h"
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

static char *
make_csr (const char *dir)
{
  char *csr = g_build_filename (dir, "device.req", NULL);

  cd_test_run_command ("openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes "
                       "-keyout '%s.key' -subj /CN=device.example.com -out '%s' 2>/dev/null", csr, csr);

  return csr;
}

static void
test_ca_locked (void)
{
  g_autoptr(CdDatabase) database = cd_test_open_database (NULL);
  g_autoptr(CdKeyring) keyring = cd_keyring_new (FALSE);
  g_autoptr(CdCaCreateOptions) create = cd_ca_create_options_new ();
  g_autoptr(CdCaSignOptions) sign = cd_ca_sign_options_new ();
  g_autoptr(CdCaResult) ca = NULL;
  g_autoptr(CdCaResult) refused = NULL;
  g_autoptr(GBytes) request = NULL;
  g_autoptr(GBytes) crl = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = cd_test_make_tmpdir ();
  g_autofree char *csr = make_csr (dir);
  g_autofree char *contents = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *keys_before = NULL;
  g_autofree char *keys_after = NULL;
  const char *sha256;
  gsize len;

  cd_ca_create_options_set_subject_field (create, CD_SUBJECT_FIELD_COMMON_NAME, "Locked Test CA");
  cd_ca_create_options_set_key_type (create, CD_KEY_TYPE_EC_P256);
  ca = cd_ca_create (database, keyring, create, NULL, &error);
  g_assert_no_error (error);
  sha256 = cd_certificate_get_sha256 (cd_ca_result_get_certificate (ca));

  g_assert_true (g_file_get_contents (csr, &contents, &len, NULL));
  request = g_bytes_new_take (g_steal_pointer (&contents), len);

  before = cd_test_dump_database (database);
  keys_before = cd_test_dump_keyring ();
  lock_default_collection ();

  refused = cd_ca_sign_request (database, keyring, sha256, request, sign, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, CD_KEYRING_ERROR, CD_KEYRING_ERROR_LOCKED);
  g_clear_error (&error);

  crl = cd_ca_make_crl (database, keyring, sha256, 30, TRUE, NULL, NULL, &error);
  g_assert_null (crl);
  g_assert_error (error, CD_KEYRING_ERROR, CD_KEYRING_ERROR_LOCKED);
  g_clear_error (&error);

  cd_ca_create_options_set_subject_field (create, CD_SUBJECT_FIELD_COMMON_NAME, "Second CA");
  refused = cd_ca_create (database, keyring, create, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, CD_KEYRING_ERROR, CD_KEYRING_ERROR_LOCKED);
  g_clear_error (&error);

  after = cd_test_dump_database (database);
  g_assert_cmpstr (before, ==, after);
  keys_after = cd_test_dump_keyring ();
  g_assert_cmpstr (keys_before, ==, keys_after);

  cd_test_run_command ("rm -rf '%s'", dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ca/keyring-locked", test_ca_locked);

  return g_test_run ();
}
