/* test-keyring.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* CdKeyring against the session's real gnome-keyring. */

#include "config.h"

#include <libsecret/secret.h>

#include "cd-errors.h"
#include "cd-keyring.h"
#include "cd-test-utils.h"

#define TEST_KEY_ID "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
#define TEST_PEM    "-----BEGIN PRIVATE KEY-----\nnot a real key\n-----END PRIVATE KEY-----\n"

static void
test_keyring_round_trip (void)
{
  g_autoptr(CdKeyring) keyring = cd_keyring_new (FALSE);
  g_autoptr(GError) error = NULL;
  g_autofree char *dump = NULL;
  gboolean created = FALSE;
  gboolean has_key = TRUE;
  char *secret;

  g_assert_true (cd_keyring_has_key (keyring, TEST_KEY_ID, &has_key, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (has_key);

  g_assert_true (cd_keyring_store_key (keyring, TEST_KEY_ID, "RSA", "server.example.test",
                                       TEST_PEM, &created, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (created);

  /* Storing again keeps the one item. */
  g_assert_true (cd_keyring_store_key (keyring, TEST_KEY_ID, "RSA", "server.example.test",
                                       TEST_PEM, &created, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (created);

  dump = cd_test_dump_keyring ();
  g_assert_cmpstr (dump, ==, TEST_KEY_ID "\n");

  secret = cd_keyring_lookup_key (keyring, TEST_KEY_ID, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (secret, ==, TEST_PEM);
  cd_keyring_free_secret (secret);

  g_assert_true (cd_keyring_delete_key (keyring, TEST_KEY_ID, NULL, &error));
  g_assert_no_error (error);

  secret = cd_keyring_lookup_key (keyring, TEST_KEY_ID, NULL, &error);
  g_assert_null (secret);
  g_assert_error (error, CD_KEYRING_ERROR, CD_KEYRING_ERROR_NOT_FOUND);
}

/* The item carries the attributes DESIGN.md names, so other tools can
 * find our keys.
 */
static void
test_keyring_item_attributes (void)
{
  static const SecretSchema schema = {
    "io.github.certdesk.Certdesk.Key", SECRET_SCHEMA_NONE,
    { { "key-id", SECRET_SCHEMA_ATTRIBUTE_STRING }, { NULL, 0 } }
  };
  g_autoptr(CdKeyring) keyring = cd_keyring_new (FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  GList *items;

  g_assert_true (cd_keyring_store_key (keyring, TEST_KEY_ID, "EC", "ec.example.test",
                                       TEST_PEM, NULL, NULL, &error));
  g_assert_no_error (error);

  items = secret_password_search_sync (&schema, SECRET_SEARCH_ALL, NULL, &error,
                                       "key-id", TEST_KEY_ID, NULL);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_length (items), ==, 1);

  attributes = secret_retrievable_get_attributes (items->data);
  g_assert_cmpstr (g_hash_table_lookup (attributes, "algorithm"), ==, "EC");
  g_assert_cmpstr (g_hash_table_lookup (attributes, "label"), ==, "ec.example.test");
  g_assert_cmpstr (g_hash_table_lookup (attributes, "xdg:schema"), ==,
                   "io.github.certdesk.Certdesk.Key");
  g_list_free_full (items, g_object_unref);

  g_assert_true (cd_keyring_delete_key (keyring, TEST_KEY_ID, NULL, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/certdesk/keyring/round-trip", test_keyring_round_trip);
  g_test_add_func ("/certdesk/keyring/item-attributes", test_keyring_item_attributes);

  return g_test_run ();
}
