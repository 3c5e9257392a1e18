/* test-request.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Keys and certificate requests: the checks of each field, requests
 * made through the core and through certdesk-cli read back by openssl,
 * the key in the keyring compared with the request's public key,
 * cancellation, and completing a request with what a CA sends back
 * (a PEM certificate, or a PKCS#7 chain with intermediate and root).
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <openssl/pem.h>
#include <sqlite3.h>

#include "cd-certificate.h"
#include "cd-database.h"
#include "cd-errors.h"
#include "cd-importer.h"
#include "cd-key-generator.h"
#include "cd-keyring.h"
#include "cd-request-builder.h"
#include "cd-test-utils.h"

typedef CdTestStoreFixture Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  cd_test_store_fixture_set_up (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  cd_test_store_fixture_tear_down (f);
}

/* certdesk-cli with its database in the fixture's folder. */
static CdTestShellRun *
cli (Fixture    *f,
     const char *args)
{
  return cd_test_shell ("XDG_DATA_HOME='%s' '%s' %s", f->dir, g_getenv ("CD_TEST_CLI"), args);
}

static guint
count_keys (Fixture *f)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint count;

  g_assert_cmpint (sqlite3_open_v2 (f->database_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT COUNT(*) FROM private_keys", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return count;
}

static char *
write_temp (Fixture    *f,
            const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);

  return path;
}

/* ---- checks of single values ---- */

typedef struct
{
  int             kind;        /* CdSanType, or -1 - CdSubjectField */
  const char     *text;
  CdRequestError  code;
} InvalidCase;

static const InvalidCase invalid_cases[] = {
  { CD_SAN_TYPE_DNS, "a..b", CD_REQUEST_ERROR_SAN_DNS },
  { CD_SAN_TYPE_DNS, "-host.example", CD_REQUEST_ERROR_SAN_DNS },
  { CD_SAN_TYPE_DNS, "host-.example", CD_REQUEST_ERROR_SAN_DNS },
  { CD_SAN_TYPE_DNS, "*.*.example", CD_REQUEST_ERROR_SAN_DNS },
  { CD_SAN_TYPE_DNS, "ex*ample.com", CD_REQUEST_ERROR_SAN_DNS },
  { CD_SAN_TYPE_DNS, "*example.com", CD_REQUEST_ERROR_SAN_DNS },
  { CD_SAN_TYPE_DNS, "host_name", CD_REQUEST_ERROR_SAN_DNS },
  { CD_SAN_TYPE_DNS, "example.com.", CD_REQUEST_ERROR_SAN_DNS },
  { CD_SAN_TYPE_DNS, "", CD_REQUEST_ERROR_SAN_DNS },
  { CD_SAN_TYPE_IP, "999.1.1.1", CD_REQUEST_ERROR_SAN_IP },
  { CD_SAN_TYPE_IP, "fe80::1::2", CD_REQUEST_ERROR_SAN_IP },
  { CD_SAN_TYPE_IP, "fe80::1%eth0", CD_REQUEST_ERROR_SAN_IP },
  { CD_SAN_TYPE_IP, "www.example.com", CD_REQUEST_ERROR_SAN_IP },
  { CD_SAN_TYPE_EMAIL, "admin", CD_REQUEST_ERROR_SAN_EMAIL },
  { CD_SAN_TYPE_EMAIL, "admin@a..b", CD_REQUEST_ERROR_SAN_EMAIL },
  { CD_SAN_TYPE_URI, "not a uri", CD_REQUEST_ERROR_SAN_URI },
  { CD_SAN_TYPE_URI, "pbx.example.com", CD_REQUEST_ERROR_SAN_URI },
  { CD_SAN_TYPE_URI, "sip:pbx example", CD_REQUEST_ERROR_SAN_URI },
  { -1 - CD_SUBJECT_FIELD_COMMON_NAME, "", CD_REQUEST_ERROR_COMMON_NAME },
  { -1 - CD_SUBJECT_FIELD_COUNTRY, "DEU", CD_REQUEST_ERROR_COUNTRY },
  { -1 - CD_SUBJECT_FIELD_COUNTRY, "D1", CD_REQUEST_ERROR_COUNTRY },
  { -1 - CD_SUBJECT_FIELD_EMAIL, "nobody", CD_REQUEST_ERROR_EMAIL },
};

static void
test_invalid_inputs (void)
{
  g_autofree char *cn65 = g_strnfill (65, 'c');
  g_autofree char *o65 = g_strnfill (65, 'o');
  g_autofree char *ou65 = g_strnfill (65, 'u');
  g_autofree char *l129 = g_strnfill (129, 'l');
  g_autofree char *st129 = g_strnfill (129, 's');
  g_autofree char *label64 = g_strnfill (64, 'h');
  g_autofree char *long_label = g_strconcat (label64, ".example", NULL);
  const struct { CdSubjectField field; const char *text; CdRequestError code; } too_long[] = {
    { CD_SUBJECT_FIELD_COMMON_NAME, cn65, CD_REQUEST_ERROR_COMMON_NAME },
    { CD_SUBJECT_FIELD_ORGANIZATION, o65, CD_REQUEST_ERROR_ORGANIZATION },
    { CD_SUBJECT_FIELD_ORGANIZATIONAL_UNIT, ou65, CD_REQUEST_ERROR_ORGANIZATIONAL_UNIT },
    { CD_SUBJECT_FIELD_LOCALITY, l129, CD_REQUEST_ERROR_LOCALITY },
    { CD_SUBJECT_FIELD_STATE, st129, CD_REQUEST_ERROR_STATE },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *normalized = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (invalid_cases); i++)
    {
      const InvalidCase *c = &invalid_cases[i];
      g_autoptr(GError) case_error = NULL;
      char *out = (char *)"untouched";
      gboolean ok;

      g_test_message ("invalid: %d “%s”", c->kind, c->text);
      if (c->kind >= 0)
        ok = cd_request_validate_san_entry (c->kind, c->text, &out, &case_error);
      else
        ok = cd_request_validate_subject_field (-1 - c->kind, c->text, &out, &case_error);

      g_assert_false (ok);
      g_assert_null (out);
      g_assert_error (case_error, CD_REQUEST_ERROR, (int)c->code);
      /* The message names what the user typed, so they see which row. */
      if (c->text[0] != '\0')
        g_assert_nonnull (strstr (case_error->message, c->text));
    }

  for (guint i = 0; i < G_N_ELEMENTS (too_long); i++)
    {
      g_autoptr(GError) case_error = NULL;
      g_autofree char *shorter = g_strndup (too_long[i].text, strlen (too_long[i].text) - 1);
      g_autofree char *out = NULL;

      g_assert_false (cd_request_validate_subject_field (too_long[i].field, too_long[i].text, NULL, &case_error));
      g_assert_error (case_error, CD_REQUEST_ERROR, (int)too_long[i].code);
      g_assert_nonnull (strstr (case_error->message, "shorten it by 1"));

      /* One character less is exactly the RFC 5280 bound: accepted. */
      g_assert_true (cd_request_validate_subject_field (too_long[i].field, shorter, &out, NULL));
      g_assert_cmpstr (out, ==, shorter);
    }

  g_assert_false (cd_request_validate_san_entry (CD_SAN_TYPE_DNS, long_label, NULL, &error));
  g_assert_error (error, CD_REQUEST_ERROR, CD_REQUEST_ERROR_SAN_DNS);
  g_clear_error (&error);

  /* Characters count, not bytes: 64 "ü" are 128 bytes and still fit. */
  {
    GString *umlauts = g_string_new (NULL);

    for (guint i = 0; i < 64; i++)
      g_string_append (umlauts, "ü");
    g_assert_true (cd_request_validate_subject_field (CD_SUBJECT_FIELD_COMMON_NAME, umlauts->str,
                                                      &normalized, &error));
    g_assert_no_error (error);
    g_string_free (umlauts, TRUE);
  }
}

static void
test_normalized_inputs (void)
{
  const struct { CdSanType type; const char *text; const char *expected; } sans[] = {
    { CD_SAN_TYPE_DNS, "bücher.example", "xn--bcher-kva.example" },
    { CD_SAN_TYPE_DNS, "  WWW.Example.COM ", "www.example.com" },
    { CD_SAN_TYPE_DNS, "*.example.com", "*.example.com" },
    { CD_SAN_TYPE_DNS, "*.bücher.example", "*.xn--bcher-kva.example" },
    { CD_SAN_TYPE_DNS, "localhost", "localhost" },
    { CD_SAN_TYPE_IP, "192.0.2.10", "192.0.2.10" },
    { CD_SAN_TYPE_IP, "2001:DB8:0::1", "2001:db8::1" },
    { CD_SAN_TYPE_EMAIL, "Admin@Bücher.example", "Admin@xn--bcher-kva.example" },
    { CD_SAN_TYPE_URI, "sip:pbx.example.com", "sip:pbx.example.com" },
    { CD_SAN_TYPE_URI, "https://example.com/path?q=1", "https://example.com/path?q=1" },
  };
  const struct { CdSubjectField field; const char *text; const char *expected; } fields[] = {
    { CD_SUBJECT_FIELD_COUNTRY, "de", "DE" },
    { CD_SUBJECT_FIELD_ORGANIZATION, " Example Ltd ", "Example Ltd" },
    { CD_SUBJECT_FIELD_LOCALITY, "", NULL },
    { CD_SUBJECT_FIELD_EMAIL, "ops@example.com", "ops@example.com" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (sans); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL;

      g_assert_true (cd_request_validate_san_entry (sans[i].type, sans[i].text, &out, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (out, ==, sans[i].expected);
    }

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL;

      g_assert_true (cd_request_validate_subject_field (fields[i].field, fields[i].text, &out, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (out, ==, fields[i].expected);
    }

  g_assert_false (cd_request_string_fits_printable ("Example Ltd. (R&D)"));
  g_assert_true (cd_request_string_fits_printable ("Example Ltd. (RD) - 1/2: a=b?"));
  g_assert_false (cd_request_string_fits_printable ("Müller"));
  g_assert_false (cd_request_string_fits_printable ("ops@example.com"));
}

static void
test_builder_sans (void)
{
  g_autoptr(CdRequestBuilder) builder = cd_request_builder_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) sans = NULL;
  CdSanType type;

  cd_request_builder_set_subject_field (builder, CD_SUBJECT_FIELD_COMMON_NAME, "www.example.com");
  g_assert_true (cd_request_builder_add_san (builder, CD_SAN_TYPE_DNS, "a.example", &error));
  g_assert_true (cd_request_builder_add_san (builder, CD_SAN_TYPE_IP, "192.0.2.1", &error));
  g_assert_true (cd_request_builder_add_san (builder, CD_SAN_TYPE_URI, "sip:pbx.example.com", &error));
  g_assert_no_error (error);

  /* The same name in another case is the same name. */
  g_assert_false (cd_request_builder_add_san (builder, CD_SAN_TYPE_DNS, "A.Example", &error));
  g_assert_error (error, CD_REQUEST_ERROR, CD_REQUEST_ERROR_SAN_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "a.example"));
  g_clear_error (&error);
  g_assert_cmpuint (cd_request_builder_get_n_sans (builder), ==, 3);

  sans = cd_request_builder_dup_san_strings (builder);
  g_assert_cmpstrv (sans, ((const char *[]) { "DNS:www.example.com", "DNS:a.example", "IP:192.0.2.1",
                                              "URI:sip:pbx.example.com", NULL }));
  g_clear_pointer (&sans, g_strfreev);

  cd_request_builder_move_san (builder, 2, 0);
  g_assert_cmpstr (cd_request_builder_get_san (builder, 0, &type), ==, "sip:pbx.example.com");
  g_assert_cmpint (type, ==, CD_SAN_TYPE_URI);

  /* The CN listed by the user is not repeated in front. */
  g_assert_true (cd_request_builder_add_san (builder, CD_SAN_TYPE_DNS, "WWW.example.com", NULL));
  sans = cd_request_builder_dup_san_strings (builder);
  g_assert_cmpstrv (sans, ((const char *[]) { "URI:sip:pbx.example.com", "DNS:a.example", "IP:192.0.2.1",
                                              "DNS:www.example.com", NULL }));
  g_clear_pointer (&sans, g_strfreev);

  cd_request_builder_remove_san (builder, 3);
  cd_request_builder_set_cn_as_dns (builder, FALSE);
  sans = cd_request_builder_dup_san_strings (builder);
  g_assert_cmpstrv (sans, ((const char *[]) { "URI:sip:pbx.example.com", "DNS:a.example", "IP:192.0.2.1", NULL }));
  g_clear_pointer (&sans, g_strfreev);

  /* A CN that is no host name is not made a DNS name. */
  cd_request_builder_set_cn_as_dns (builder, TRUE);
  cd_request_builder_set_subject_field (builder, CD_SUBJECT_FIELD_COMMON_NAME, "Jane Doe");
  cd_request_builder_clear_sans (builder);
  sans = cd_request_builder_dup_san_strings (builder);
  g_assert_cmpuint (g_strv_length (sans), ==, 0);
}

static void
test_builder_defaults (void)
{
  g_autoptr(CdRequestBuilder) builder = cd_request_builder_new ();
  g_autoptr(GPtrArray) problems = NULL;

  g_assert_cmpint (cd_request_builder_get_key_type (builder), ==, CD_KEY_TYPE_RSA_2048);
  g_assert_cmpint (cd_request_builder_get_digest (builder), ==, CD_DIGEST_SHA256);
  g_assert_true (cd_request_builder_get_cn_as_dns (builder));
  g_assert_cmpint (cd_request_builder_get_key_usage (builder), ==,
                   CD_KEY_USAGE_DIGITAL_SIGNATURE | CD_KEY_USAGE_KEY_ENCIPHERMENT);
  g_assert_cmpint (cd_request_builder_get_extended_key_usage (builder), ==, CD_EXTENDED_KEY_USAGE_SERVER_AUTH);

  /* EC keys do not encipher; the default follows the key type. */
  cd_request_builder_set_key_type (builder, CD_KEY_TYPE_EC_P256);
  g_assert_cmpint (cd_request_builder_get_key_usage (builder), ==, CD_KEY_USAGE_DIGITAL_SIGNATURE);
  cd_request_builder_set_purpose (builder, CD_REQUEST_PURPOSE_SERVER_CLIENT);
  g_assert_cmpint (cd_request_builder_get_extended_key_usage (builder), ==,
                   CD_EXTENDED_KEY_USAGE_SERVER_AUTH | CD_EXTENDED_KEY_USAGE_CLIENT_AUTH);
  cd_request_builder_set_purpose (builder, CD_REQUEST_PURPOSE_CLIENT);
  g_assert_cmpint (cd_request_builder_get_extended_key_usage (builder), ==, CD_EXTENDED_KEY_USAGE_CLIENT_AUTH);

  /* A usage the user chose survives a change of key type. */
  cd_request_builder_set_key_usage (builder, CD_KEY_USAGE_DIGITAL_SIGNATURE | CD_KEY_USAGE_KEY_AGREEMENT);
  cd_request_builder_set_key_type (builder, CD_KEY_TYPE_RSA_3072);
  g_assert_cmpint (cd_request_builder_get_key_usage (builder), ==,
                   CD_KEY_USAGE_DIGITAL_SIGNATURE | CD_KEY_USAGE_KEY_AGREEMENT);

  /* Everything wrong at once, one error per field. */
  cd_request_builder_set_subject_field (builder, CD_SUBJECT_FIELD_COUNTRY, "DEU");
  cd_request_builder_set_key_type (builder, CD_KEY_TYPE_RSA_1024);
  cd_request_builder_set_digest (builder, CD_DIGEST_SHA1);
  problems = cd_request_builder_validate (builder);
  g_assert_cmpuint (problems->len, ==, 4);
  g_assert_error ((GError *)g_ptr_array_index (problems, 0), CD_REQUEST_ERROR, CD_REQUEST_ERROR_COUNTRY);
  g_assert_error ((GError *)g_ptr_array_index (problems, 1), CD_REQUEST_ERROR, CD_REQUEST_ERROR_COMMON_NAME);
  g_assert_error ((GError *)g_ptr_array_index (problems, 2), CD_REQUEST_ERROR, CD_REQUEST_ERROR_KEY_TYPE);
  g_assert_error ((GError *)g_ptr_array_index (problems, 3), CD_REQUEST_ERROR, CD_REQUEST_ERROR_DIGEST);
  g_clear_pointer (&problems, g_ptr_array_unref);

  cd_request_builder_set_subject_field (builder, CD_SUBJECT_FIELD_COUNTRY, "de");
  cd_request_builder_set_subject_field (builder, CD_SUBJECT_FIELD_COMMON_NAME, "old.example");
  cd_request_builder_set_allow_legacy_key (builder, TRUE);
  cd_request_builder_set_allow_legacy_digest (builder, TRUE);
  problems = cd_request_builder_validate (builder);
  g_assert_cmpuint (problems->len, ==, 0);
}

/* ---- requests read back by openssl ---- */

/* What `openssl req` says of the public key, and the public key of the
 * private key the keyring holds for the request: they must be one key.
 * The private key is compared in memory, never written out.
 */
static void
assert_keyring_matches (Fixture       *f,
                        CdCertificate *row,
                        const char    *csr_path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cmd = g_strdup_printf ("openssl req -in '%s' -pubkey -noout", csr_path);
  g_autofree char *request_pubkey = cd_test_shell_ok ("%s", cmd);
  char *pem;
  BIO *in, *out;
  EVP_PKEY *key;
  char *data = NULL;
  g_autofree char *key_pubkey = NULL;
  long len;

  pem = cd_keyring_lookup_key (f->keyring, cd_certificate_get_key_id (row), NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pem);

  in = BIO_new_mem_buf (pem, -1);
  key = PEM_read_bio_PrivateKey (in, NULL, NULL, NULL);
  g_assert_nonnull (key);
  out = BIO_new (BIO_s_mem ());
  g_assert_true (PEM_write_bio_PUBKEY (out, key));
  len = BIO_get_mem_data (out, &data);
  key_pubkey = g_strndup (data, len);
  g_assert_cmpstr (request_pubkey, ==, key_pubkey);

  EVP_PKEY_free (key);
  BIO_free (in);
  BIO_free (out);
  cd_keyring_free_secret (pem);
}

static char *
openssl_text (const char *csr_path)
{
  g_autofree char *cmd = g_strdup_printf ("openssl req -in '%s' -verify -noout -text "
                                          "-nameopt multiline,show_type,-esc_msb,utf8 2>&1", csr_path);

  return cd_test_shell_ok ("%s", cmd);
}

typedef struct
{
  CdKeyType   key_type;
  CdDigest    digest;
  const char *algorithm;     /* as openssl prints it */
  const char *signature;
  const char *key_usage;
} KeyCase;

static const KeyCase key_cases[] = {
  { CD_KEY_TYPE_RSA_2048, CD_DIGEST_SHA256, "rsaEncryption", "sha256WithRSAEncryption",
    "Digital Signature, Key Encipherment" },
  { CD_KEY_TYPE_RSA_3072, CD_DIGEST_SHA512, "rsaEncryption", "sha512WithRSAEncryption",
    "Digital Signature, Key Encipherment" },
  { CD_KEY_TYPE_EC_P256, CD_DIGEST_SHA256, "id-ecPublicKey", "ecdsa-with-SHA256", "Digital Signature\n" },
  { CD_KEY_TYPE_EC_P384, CD_DIGEST_SHA384, "id-ecPublicKey", "ecdsa-with-SHA384", "Digital Signature\n" },
  { CD_KEY_TYPE_ED25519, CD_DIGEST_SHA256, "ED25519", "ED25519", "Digital Signature\n" },
};

static void
test_build_readback (Fixture       *f,
                     gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (key_cases); i++)
    {
      const KeyCase *c = &key_cases[i];
      g_autoptr(CdRequestBuilder) builder = cd_request_builder_new ();
      g_autoptr(CdCertificate) row = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *pem = NULL;
      g_autofree char *path = NULL;
      g_autofree char *text = NULL;
      g_autofree char *name = g_strdup_printf ("r%u.csr", i);
      g_autofree char *key_line = g_strdup_printf ("Public Key Algorithm: %s", c->algorithm);
      g_autofree char *sig_line = g_strdup_printf ("Signature Algorithm: %s", c->signature);
      g_autofree char *ku_line = g_strdup_printf ("X509v3 Key Usage: critical\n                    %s",
                                                  c->key_usage);
      g_autofree char *subject = NULL;

      g_test_message ("key type %s", cd_key_type_to_id (c->key_type));
      cd_request_builder_set_key_type (builder, c->key_type);
      cd_request_builder_set_digest (builder, c->digest);
      cd_request_builder_set_subject_field (builder, CD_SUBJECT_FIELD_COMMON_NAME, "www.example.com");
      cd_request_builder_set_subject_field (builder, CD_SUBJECT_FIELD_ORGANIZATION, "Müller & Söhne");
      cd_request_builder_set_subject_field (builder, CD_SUBJECT_FIELD_ORGANIZATIONAL_UNIT, "IT Services");
      cd_request_builder_set_subject_field (builder, CD_SUBJECT_FIELD_LOCALITY, "Köln");
      cd_request_builder_set_subject_field (builder, CD_SUBJECT_FIELD_STATE, "NRW");
      cd_request_builder_set_subject_field (builder, CD_SUBJECT_FIELD_COUNTRY, "de");
      cd_request_builder_set_subject_field (builder, CD_SUBJECT_FIELD_EMAIL, "pki@example.com");
      g_assert_true (cd_request_builder_add_san (builder, CD_SAN_TYPE_DNS, "bücher.example", NULL));
      g_assert_true (cd_request_builder_add_san (builder, CD_SAN_TYPE_DNS, "*.example.com", NULL));
      g_assert_true (cd_request_builder_add_san (builder, CD_SAN_TYPE_IP, "192.0.2.10", NULL));
      g_assert_true (cd_request_builder_add_san (builder, CD_SAN_TYPE_IP, "2001:db8::1", NULL));
      g_assert_true (cd_request_builder_add_san (builder, CD_SAN_TYPE_EMAIL, "admin@example.com", NULL));
      g_assert_true (cd_request_builder_add_san (builder, CD_SAN_TYPE_URI, "sip:pbx.example.com", NULL));

      subject = cd_request_builder_dup_subject_string (builder);
      g_assert_cmpstr (subject, ==,
                       "emailAddress=pki@example.com,CN=www.example.com,OU=IT Services,"
                       "O=Müller & Söhne,L=Köln,ST=NRW,C=DE");

      pem = cd_request_builder_build (builder, f->database, f->keyring, &row, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_str_has_prefix (pem, "-----BEGIN CERTIFICATE REQUEST-----\n"));
      path = write_temp (f, name, pem);

      text = openssl_text (path);
      cd_test_assert_contains (text, "verify OK");
      cd_test_assert_contains (text,
                               "        Subject:\n"
                               "            countryName               = PRINTABLESTRING:DE\n"
                               "            stateOrProvinceName       = PRINTABLESTRING:NRW\n"
                               "            localityName              = UTF8STRING:Köln\n"
                               "            organizationName          = UTF8STRING:Müller & Söhne\n"
                               "            organizationalUnitName    = PRINTABLESTRING:IT Services\n"
                               "            commonName                = PRINTABLESTRING:www.example.com\n"
                               "            emailAddress              = IA5STRING:pki@example.com\n");
      cd_test_assert_contains (text,
                               "X509v3 Subject Alternative Name: \n"
                               "                    DNS:www.example.com, DNS:xn--bcher-kva.example, DNS:*.example.com, "
                               "IP Address:192.0.2.10, IP Address:2001:DB8:0:0:0:0:0:1, email:admin@example.com, "
                               "URI:sip:pbx.example.com\n");
      cd_test_assert_contains (text, ku_line);
      cd_test_assert_contains (text, "X509v3 Extended Key Usage: \n                    TLS Web Server Authentication\n");
      cd_test_assert_contains (text, key_line);
      cd_test_assert_contains (text, sig_line);

      /* In the request store, paired with its key. */
      g_assert_true (cd_certificate_get_is_request (row));
      g_assert_true (cd_certificate_get_has_private_key (row));
      g_assert_cmpint (cd_certificate_get_store (row), ==, CD_STORE_KIND_REQUEST);
      g_assert_cmpuint (cd_test_count_rows (f->database, CD_STORE_KIND_REQUEST), ==, i + 1);
      assert_keyring_matches (f, row, path);
    }

  g_assert_cmpuint (count_keys (f), ==, G_N_ELEMENTS (key_cases));
}

static void
test_build_utf8_and_usages (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(CdRequestBuilder) builder = cd_request_builder_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *pem = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *dump = NULL;

  cd_request_builder_set_key_type (builder, CD_KEY_TYPE_EC_P256);
  cd_request_builder_set_string_type (builder, CD_STRING_TYPE_UTF8);
  cd_request_builder_set_subject_field (builder, CD_SUBJECT_FIELD_COMMON_NAME, "Jane Doe");
  cd_request_builder_set_subject_field (builder, CD_SUBJECT_FIELD_COUNTRY, "US");
  cd_request_builder_set_purpose (builder, CD_REQUEST_PURPOSE_SERVER_CLIENT);
  cd_request_builder_set_key_usage (builder, CD_KEY_USAGE_DIGITAL_SIGNATURE | CD_KEY_USAGE_NON_REPUDIATION |
                                             CD_KEY_USAGE_KEY_AGREEMENT);
  g_assert_true (cd_request_builder_add_san (builder, CD_SAN_TYPE_EMAIL, "jane@example.com", NULL));

  pem = cd_request_builder_build (builder, f->database, f->keyring, NULL, NULL, &error);
  g_assert_no_error (error);
  path = write_temp (f, "utf8.csr", pem);
  text = openssl_text (path);

  /* Forced UTF8String, but the country stays PrintableString (RFC 5280). */
  cd_test_assert_contains (text, "countryName               = PRINTABLESTRING:US\n"
                         "            commonName                = UTF8STRING:Jane Doe\n");
  cd_test_assert_contains (text, "X509v3 Subject Alternative Name: \n                    email:jane@example.com\n");
  cd_test_assert_contains (text, "Digital Signature, Non Repudiation, Key Agreement\n");
  cd_test_assert_contains (text, "TLS Web Server Authentication, TLS Web Client Authentication\n");

  /* The dump the Review page shows is openssl's reading too. */
  bytes = g_bytes_new (pem, strlen (pem));
  dump = cd_request_dump_text (bytes, &error);
  g_assert_no_error (error);
  cd_test_assert_contains (dump, "Certificate Request:");
  cd_test_assert_contains (dump, "CN = Jane Doe");
  cd_test_assert_contains (dump, "email:jane@example.com");
  g_assert_true (cd_request_verify_signature (bytes, &error));
  g_assert_no_error (error);
}

static void
test_build_legacy (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(CdRequestBuilder) builder = cd_request_builder_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *keyring_before = cd_test_dump_keyring ();
  g_autofree char *keyring_after = NULL;
  g_autofree char *pem = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *key_id = NULL;
  g_autoptr(CdKeyGenerator) generator = cd_key_generator_new (f->database, f->keyring);

  cd_request_builder_set_subject_field (builder, CD_SUBJECT_FIELD_COMMON_NAME, "old-phone.example");
  cd_request_builder_set_key_type (builder, CD_KEY_TYPE_RSA_1024);

  pem = cd_request_builder_build (builder, f->database, f->keyring, NULL, NULL, &error);
  g_assert_null (pem);
  g_assert_error (error, CD_REQUEST_ERROR, CD_REQUEST_ERROR_KEY_TYPE);
  g_assert_nonnull (strstr (error->message, "1024"));
  g_clear_error (&error);

  key_id = cd_key_generator_generate (generator, CD_KEY_TYPE_RSA_1024, FALSE, NULL, NULL, &error);
  g_assert_null (key_id);
  g_assert_error (error, CD_REQUEST_ERROR, CD_REQUEST_ERROR_KEY_TYPE);
  g_clear_error (&error);

  cd_request_builder_set_key_type (builder, CD_KEY_TYPE_RSA_2048);
  cd_request_builder_set_digest (builder, CD_DIGEST_SHA1);
  pem = cd_request_builder_build (builder, f->database, f->keyring, NULL, NULL, &error);
  g_assert_null (pem);
  g_assert_error (error, CD_REQUEST_ERROR, CD_REQUEST_ERROR_DIGEST);
  g_clear_error (&error);

  /* Nothing was made by the refusals. */
  keyring_after = cd_test_dump_keyring ();
  g_assert_cmpstr (keyring_after, ==, keyring_before);
  g_assert_cmpuint (count_keys (f), ==, 0);
  g_assert_cmpuint (cd_test_count_rows (f->database, CD_STORE_KIND_REQUEST), ==, 0);

  /* With both legacy choices, an old device gets what it takes. */
  cd_request_builder_set_key_type (builder, CD_KEY_TYPE_RSA_1024);
  cd_request_builder_set_allow_legacy_key (builder, TRUE);
  cd_request_builder_set_allow_legacy_digest (builder, TRUE);
  pem = cd_request_builder_build (builder, f->database, f->keyring, NULL, NULL, &error);
  g_assert_no_error (error);
  path = write_temp (f, "legacy.csr", pem);
  text = openssl_text (path);
  cd_test_assert_contains (text, "Public-Key: (1024 bit)");
  cd_test_assert_contains (text, "Signature Algorithm: sha1WithRSAEncryption");
}

/* ---- key generation ---- */

/* A worker thread lets go of its task (and so of the generator and its
 * database) a moment after the callback ran. The database must be
 * closed before the fixture removes its file: SQLite would otherwise
 * take a new file on the same inode for the old one.
 */
static void
unref_and_wait (gpointer object)
{
  gpointer weak = object;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  g_object_add_weak_pointer (weak, &weak);
  g_object_unref (object);
  while (weak != NULL && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_null (weak);
}

static void
generate_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GError **error = user_data;
  char *key_id;

  key_id = cd_key_generator_generate_finish (CD_KEY_GENERATOR (object), result, error);
  g_assert_true ((key_id == NULL) == (*error != NULL));
  g_free (key_id);
  if (*error == NULL)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "finished without cancel");
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);

  return G_SOURCE_REMOVE;
}

static void
test_keygen_cancel (Fixture       *f,
                    gconstpointer  data)
{
  CdKeyGenerator *generator = cd_key_generator_new (f->database, f->keyring);
  g_autofree char *keyring_before = cd_test_dump_keyring ();
  g_autofree char *keyring_after = NULL;

  /* Cancelled before it starts, and part way through an RSA 4096 key. */
  for (guint delay = 0; delay <= 30; delay += 30)
    {
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();

      if (delay == 0)
        g_cancellable_cancel (cancellable);
      else
        g_timeout_add (delay, cancel_cb, cancellable);

      cd_key_generator_generate_async (generator, CD_KEY_TYPE_RSA_4096, FALSE, "cancelled",
                                       cancellable, generate_done_cb, &error);
      while (error == NULL)
        g_main_context_iteration (NULL, TRUE);

      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_test_message ("cancelled after %" G_GINT64_FORMAT " ms", (g_get_monotonic_time () - start) / 1000);
    }

  unref_and_wait (generator);

  keyring_after = cd_test_dump_keyring ();
  g_assert_cmpstr (keyring_after, ==, keyring_before);
  g_assert_cmpuint (count_keys (f), ==, 0);
}

static void
build_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GError **error = user_data;
  char *pem;

  pem = cd_request_builder_build_finish (CD_REQUEST_BUILDER (object), result, NULL, error);
  g_assert_true ((pem == NULL) == (*error != NULL));
  g_free (pem);
  if (*error == NULL)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS, "built");
}

static void
test_build_async (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(CdRequestBuilder) builder = cd_request_builder_new ();
  g_autoptr(CdKeyGenerator) generator = cd_key_generator_new (f->database, f->keyring);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *keyring_before = cd_test_dump_keyring ();
  g_autofree char *keyring_after = NULL;
  g_autofree char *key_id = NULL;
  g_autoptr(GError) error = NULL;
  gboolean has_key = FALSE;

  cd_request_builder_set_subject_field (builder, CD_SUBJECT_FIELD_COMMON_NAME, "async.example");
  cd_request_builder_set_key_type (builder, CD_KEY_TYPE_RSA_4096);

  /* A cancelled request leaves no key and no request. */
  g_cancellable_cancel (cancellable);
  cd_request_builder_build_async (builder, f->database, f->keyring, cancellable, build_done_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  keyring_after = cd_test_dump_keyring ();
  g_assert_cmpstr (keyring_after, ==, keyring_before);
  g_assert_cmpuint (count_keys (f), ==, 0);
  g_assert_cmpuint (cd_test_count_rows (f->database, CD_STORE_KIND_REQUEST), ==, 0);

  /* Not cancelled, it is stored; changing the builder meanwhile does
   * not change the request being made.
   */
  cd_request_builder_set_key_type (builder, CD_KEY_TYPE_EC_P256);
  cd_request_builder_build_async (builder, f->database, f->keyring, NULL, build_done_cb, &error);
  cd_request_builder_set_subject_field (builder, CD_SUBJECT_FIELD_COMMON_NAME, "changed.example");
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_cmpuint (cd_test_count_rows (f->database, CD_STORE_KIND_REQUEST), ==, 1);
  g_assert_cmpuint (count_keys (f), ==, 1);
  g_clear_error (&error);

  /* The generator alone: the key id is the one in keyring and database. */
  key_id = cd_key_generator_generate (generator, CD_KEY_TYPE_ED25519, FALSE, "device key", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (key_id), ==, 64);
  g_assert_true (cd_keyring_has_key (f->keyring, key_id, &has_key, NULL, &error));
  g_assert_true (has_key);
  g_assert_cmpuint (count_keys (f), ==, 2);
}

/* ---- renewing and foreign requests ---- */

static void
test_from_certificate (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *der_path = cd_test_fixture ("leaf.der");
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) der = NULL;
  g_autoptr(CdRequestBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) sans = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *pem = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (der_path, &contents, &len, NULL));
  der = g_bytes_new (contents, len);

  builder = cd_request_builder_new_from_certificate (der, &error);
  g_assert_no_error (error);
  subject = cd_request_builder_dup_subject_string (builder);
  g_assert_cmpstr (subject, ==, "CN=server.example.test,O=Certdesk Tests");
  g_assert_true (cd_request_builder_get_cn_as_dns (builder));
  sans = cd_request_builder_dup_san_strings (builder);
  g_assert_cmpstrv (sans, ((const char *[]) { "DNS:server.example.test", "DNS:www.example.test",
                                              "IP:192.0.2.10", NULL }));
  /* The fixture's usages: serverAuth and clientAuth, digitalSignature and keyEncipherment. */
  g_assert_cmpint (cd_request_builder_get_purpose (builder), ==, CD_REQUEST_PURPOSE_SERVER_CLIENT);
  g_assert_cmpint (cd_request_builder_get_extended_key_usage (builder), ==,
                   CD_EXTENDED_KEY_USAGE_SERVER_AUTH | CD_EXTENDED_KEY_USAGE_CLIENT_AUTH);
  g_assert_cmpint (cd_request_builder_get_key_usage (builder), ==,
                   CD_KEY_USAGE_DIGITAL_SIGNATURE | CD_KEY_USAGE_KEY_ENCIPHERMENT);
  g_assert_cmpint (cd_request_builder_get_key_type (builder), ==, CD_KEY_TYPE_RSA_2048);

  /* Renewing with the same key: it must be in the keyring. */
  cd_request_builder_set_existing_key_id (builder, "0000000000000000000000000000000000000000000000000000000000000000");
  pem = cd_request_builder_build (builder, f->database, f->keyring, NULL, NULL, &error);
  g_assert_null (pem);
  g_assert_error (error, CD_REQUEST_ERROR, CD_REQUEST_ERROR_KEY_NOT_FOUND);
  g_clear_error (&error);

  {
    g_autoptr(CdImporter) importer = cd_importer_new (f->database, f->keyring);
    g_autoptr(GFile) key_file = cd_test_fixture_file ("leaf.key");
    g_autoptr(GFile) cert_file = cd_test_fixture_file ("leaf.pem");
    g_autoptr(CdImportResult) r1 = NULL;
    g_autoptr(CdImportResult) r2 = NULL;
    g_autoptr(GPtrArray) rows = NULL;
    CdCertificate *leaf;
    g_autofree char *expected_pubkey = NULL;
    g_autofree char *request_pubkey = NULL;
    g_autofree char *cmd = NULL;

    r1 = cd_importer_import_file (importer, cert_file, NULL, CD_STORE_KIND_AUTO, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    r2 = cd_importer_import_file (importer, key_file, NULL, CD_STORE_KIND_AUTO, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    rows = cd_database_list_store (f->database, CD_STORE_KIND_MY, &error);
    g_assert_cmpuint (rows->len, ==, 1);
    leaf = g_ptr_array_index (rows, 0);

    cd_request_builder_set_existing_key_id (builder, cd_certificate_get_key_id (leaf));
    pem = cd_request_builder_build (builder, f->database, f->keyring, NULL, NULL, &error);
    g_assert_no_error (error);
    path = write_temp (f, "renew.csr", pem);
    text = openssl_text (path);
    cd_test_assert_contains (text, "verify OK");
    cd_test_assert_contains (text, "DNS:server.example.test, DNS:www.example.test, IP Address:192.0.2.10\n");
    cd_test_assert_contains (text, "TLS Web Server Authentication, TLS Web Client Authentication\n");
    cd_test_assert_contains (text, "Digital Signature, Key Encipherment\n");

    cmd = g_strdup_printf ("openssl x509 -in '%s' -pubkey -noout", g_file_peek_path (cert_file));
    expected_pubkey = cd_test_shell_ok ("%s", cmd);
    g_free (cmd);
    cmd = g_strdup_printf ("openssl req -in '%s' -pubkey -noout", path);
    request_pubkey = cd_test_shell_ok ("%s", cmd);
    g_assert_cmpstr (request_pubkey, ==, expected_pubkey);
  }
}

static void
test_verify_signature (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *der_path = cd_test_fixture ("leaf-csr.der");
  g_autofree char *pem_path = cd_test_fixture ("leaf.csr");
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) good = NULL;
  g_autoptr(GBytes) pem = NULL;
  g_autoptr(GBytes) bad = NULL;
  g_autoptr(GBytes) garbage = g_bytes_new_static ("hello", 5);
  g_autoptr(GError) error = NULL;
  g_autofree char *dump = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (der_path, &contents, &len, NULL));
  good = g_bytes_new (contents, len);
  g_assert_true (cd_request_verify_signature (good, &error));
  g_assert_no_error (error);

  /* The last byte is in the signature. */
  contents[len - 1] ^= 0x01;
  bad = g_bytes_new (contents, len);
  g_assert_false (cd_request_verify_signature (bad, &error));
  g_assert_error (error, CD_REQUEST_ERROR, CD_REQUEST_ERROR_BAD_SIGNATURE);
  g_clear_error (&error);

  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (pem_path, &contents, &len, NULL));
  pem = g_bytes_new (contents, len);
  g_assert_true (cd_request_verify_signature (pem, &error));
  dump = cd_request_dump_text (pem, &error);
  g_assert_no_error (error);
  cd_test_assert_contains (dump, "Subject: O = Certdesk Tests, CN = server.example.test");
  cd_test_assert_contains (dump, "DNS:server.example.test");

  g_assert_false (cd_request_verify_signature (garbage, &error));
  g_assert_error (error, CD_REQUEST_ERROR, CD_REQUEST_ERROR_FAILED);
}

/* ---- the command line and completing requests ---- */

static void
test_cli_invalid (Fixture       *f,
                  gconstpointer  data)
{
  const struct { const char *args; const char *message; } cases[] = {
    { "request --cn www.example.com --san dns:a..b -o x.csr", "“a..b” has an empty part" },
    { "request --cn www.example.com --san dns:-host.example -o x.csr", "begins or ends with a hyphen" },
    { "request --cn www.example.com --san 'dns:*.*.example' -o x.csr", "wildcard in the wrong place" },
    { "request --cn www.example.com --san dns:host_name -o x.csr", "contains “_”" },
    { "request --cn www.example.com --san ip:999.1.1.1 -o x.csr", "“999.1.1.1” is not an IPv4" },
    { "request --cn www.example.com --san 'uri:not a uri' -o x.csr", "must begin with a scheme" },
    { "request --cn www.example.com --san dns:a.example --san dns:A.EXAMPLE -o x.csr", "already in the list" },
    { "request --cn www.example.com --c DEU -o x.csr", "“DEU” is not a country code" },
    { "request --cn www.example.com --key rsa:1024 -o x.csr", "RSA 1024-bit keys" },
    { "request --cn www.example.com --digest sha1 -o x.csr", "SHA-1 signatures" },
    { "request --cn www.example.com --key rsa:999 -o x.csr", "“rsa:999” is not a key type" },
    { "request --cn www.example.com --eku serverAuth,bogus -o x.csr", "“bogus” is not an extended key usage" },
    { "request --cn www.example.com --san foo -o x.csr", "does not say what kind of name" },
    { "request --cn www.example.com", "No output file given" },
    { "request --o Example -o x.csr", "A common name is needed" },
  };
  g_autofree char *keyring_before = cd_test_dump_keyring ();
  g_autofree char *keyring_after = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CdTestShellRun) run = cli (f, cases[i].args);

      g_test_message ("%s", cases[i].args);
      g_assert_cmpint (run->status, ==, 2);
      g_assert_cmpstr (run->out, ==, "");
      cd_test_assert_contains (run->err, cases[i].message);
    }

  keyring_after = cd_test_dump_keyring ();
  g_assert_cmpstr (keyring_after, ==, keyring_before);
}

/* Makes a request with certdesk-cli and has the test intermediate CA
 * issue it the way a CA does, extensions copied from the request.
 */
static char *
cli_request_and_issue (Fixture    *f,
                       const char *cn)
{
  g_autofree char *csr = g_build_filename (f->dir, "cli.csr", NULL);
  g_autofree char *cert = g_build_filename (f->dir, "issued.pem", NULL);
  g_autofree char *int_pem = cd_test_fixture ("int.pem");
  g_autofree char *int_key = cd_test_fixture ("int.key");
  g_autofree char *args = NULL;
  g_autofree char *cmd = NULL;
  g_autofree char *text = NULL;
  g_autofree char *out = NULL;
  g_autofree char *san_line = NULL;
  g_autoptr(CdTestShellRun) run = NULL;

  args = g_strdup_printf ("request --cn %s --o 'Example Ltd' --c GB --san dns:alt.example.com "
                          "--san ip:198.51.100.7 --san uri:sip:pbx.example.com --key ec:p256 "
                          "--digest sha384 --eku serverAuth,clientAuth --ku digitalSignature -o '%s'",
                          cn, csr);
  run = cli (f, args);
  if (run->status != 0)
    g_error ("certdesk-cli %s failed: %s", args, run->err);
  cd_test_assert_contains (run->out, "Request written to");

  text = openssl_text (csr);
  cd_test_assert_contains (text, "verify OK");
  cd_test_assert_contains (text, "countryName               = PRINTABLESTRING:GB\n"
                         "            organizationName          = PRINTABLESTRING:Example Ltd\n");
  san_line = g_strdup_printf ("DNS:%s, DNS:alt.example.com, IP Address:198.51.100.7, "
                              "URI:sip:pbx.example.com\n", cn);
  cd_test_assert_contains (text, san_line);
  cd_test_assert_contains (text, "X509v3 Key Usage: critical\n                    Digital Signature\n");
  cd_test_assert_contains (text, "TLS Web Server Authentication, TLS Web Client Authentication\n");
  cd_test_assert_contains (text, "Signature Algorithm: ecdsa-with-SHA384");

  cmd = g_strdup_printf ("openssl x509 -req -in '%s' -CA '%s' -CAkey '%s' -set_serial 4242 -days 30 "
                         "-copy_extensions copy -out '%s' 2>&1",
                         csr, int_pem, int_key, cert);
  out = cd_test_shell_ok ("%s", cmd);

  return g_steal_pointer (&cert);
}

static void
test_complete_pem (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *cert = cli_request_and_issue (f, "www.example.com");
  g_autofree char *args = g_strdup_printf ("import '%s'", cert);
  g_autoptr(CdTestShellRun) run = NULL;
  g_autoptr(CdTestShellRun) list = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  CdCertificate *row;

  g_assert_cmpuint (cd_test_count_rows (f->database, CD_STORE_KIND_REQUEST), ==, 1);

  run = cli (f, args);
  g_assert_cmpint (run->status, ==, 0);
  cd_test_assert_contains (run->out, "1 certificate imported into Personal");
  cd_test_assert_contains (run->out, "1 request completed");

  rows = cd_database_list_store (f->database, CD_STORE_KIND_MY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (cd_certificate_get_subject_cn (row), ==, "www.example.com");
  g_assert_true (cd_certificate_get_has_private_key (row));
  g_assert_cmpuint (cd_test_count_rows (f->database, CD_STORE_KIND_REQUEST), ==, 0);

  /* Importing it again completes nothing more. */
  g_clear_pointer (&run, cd_test_shell_run_free);
  run = cli (f, args);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_null (strstr (run->out, "request completed"));

  list = cli (f, "list --store request");
  g_assert_cmpint (list->status, ==, 0);
  g_assert_null (strstr (list->out, "www.example.com"));
}

static void
test_complete_pkcs7 (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *cert = cli_request_and_issue (f, "pbx.example.com");
  g_autofree char *int_pem = cd_test_fixture ("int.pem");
  g_autofree char *root_pem = cd_test_fixture ("root.pem");
  g_autofree char *p7b = g_build_filename (f->dir, "certnew.p7b", NULL);
  g_autofree char *cmd = NULL;
  g_autofree char *out = NULL;
  g_autofree char *root_der = NULL;
  g_autofree char *summary = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (p7b);
  g_autoptr(CdImporter) importer = cd_importer_new (f->database, f->keyring);
  g_autoptr(CdImportResult) result = NULL;
  g_autoptr(GPtrArray) mine = NULL;
  g_autoptr(GPtrArray) intermediates = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *pending;
  gsize root_len;

  /* What a Windows CA returns: the issued certificate and its chain. */
  cmd = g_strdup_printf ("openssl crl2pkcs7 -nocrl -certfile '%s' -certfile '%s' -certfile '%s' "
                         "-outform DER -out '%s'", cert, int_pem, root_pem, p7b);
  out = cd_test_shell_ok ("%s", cmd);
  {
    g_autofree char *root_der_path = g_build_filename (f->dir, "root.der", NULL);
    g_autofree char *convert = g_strdup_printf ("openssl x509 -in '%s' -outform DER -out '%s'",
                                                root_pem, root_der_path);

    g_free (cd_test_shell_ok ("%s", convert));
    g_assert_true (g_file_get_contents (root_der_path, &root_der, &root_len, NULL));
  }

  result = cd_importer_import_file (importer, file, NULL, CD_STORE_KIND_AUTO, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (cd_import_result_get_requests_completed (result), ==, 1);
  g_assert_cmpuint (cd_import_result_get_added (result, CD_STORE_KIND_MY), ==, 1);
  g_assert_cmpuint (cd_import_result_get_added (result, CD_STORE_KIND_CA), ==, 1);
  g_assert_cmpuint (cd_import_result_get_added (result, CD_STORE_KIND_ROOT), ==, 0);
  pending = cd_import_result_get_pending_roots (result);
  g_assert_cmpuint (pending->len, ==, 1);
  g_assert_cmpmem (g_bytes_get_data (g_ptr_array_index (pending, 0), NULL),
                   g_bytes_get_size (g_ptr_array_index (pending, 0)), root_der, root_len);

  summary = cd_import_result_dup_summary (result);
  cd_test_assert_contains (summary, "1 request completed");
  cd_test_assert_contains (summary, "1 root certificate awaits your approval");

  mine = cd_database_list_store (f->database, CD_STORE_KIND_MY, &error);
  g_assert_cmpuint (mine->len, ==, 1);
  g_assert_cmpstr (cd_certificate_get_subject_cn (g_ptr_array_index (mine, 0)), ==, "pbx.example.com");
  g_assert_true (cd_certificate_get_has_private_key (g_ptr_array_index (mine, 0)));
  intermediates = cd_database_list_store (f->database, CD_STORE_KIND_CA, &error);
  g_assert_cmpuint (intermediates->len, ==, 1);
  g_assert_cmpstr (cd_certificate_get_subject_cn (g_ptr_array_index (intermediates, 0)), ==,
                   "Certdesk Test Intermediate CA");
  g_assert_cmpuint (cd_test_count_rows (f->database, CD_STORE_KIND_ROOT), ==, 0);
  g_assert_cmpuint (cd_test_count_rows (f->database, CD_STORE_KIND_REQUEST), ==, 0);

  /* The user agrees: the GUI imports the root into Trusted Root. */
  {
    g_autoptr(CdImportResult) root_result = NULL;

    root_result = cd_importer_import_bytes (importer, g_ptr_array_index (pending, 0), "root",
                                            NULL, CD_STORE_KIND_ROOT, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (cd_test_count_rows (f->database, CD_STORE_KIND_ROOT), ==, 1);
  }

  /* Without a pending request the same file places the root as before. */
  {
    g_autoptr(CdDatabase) other = NULL;
    g_autofree char *other_path = g_build_filename (f->dir, "other", "certdesk.db", NULL);
    g_autoptr(CdImporter) other_importer = NULL;
    g_autoptr(CdImportResult) other_result = NULL;

    other = cd_database_open (other_path, &error);
    g_assert_no_error (error);
    other_importer = cd_importer_new (other, f->keyring);
    other_result = cd_importer_import_file (other_importer, file, NULL, CD_STORE_KIND_AUTO,
                                            NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (cd_import_result_get_requests_completed (other_result), ==, 0);
    g_assert_cmpuint (cd_import_result_get_pending_roots (other_result)->len, ==, 0);
    g_assert_cmpuint (cd_test_count_rows (other, CD_STORE_KIND_ROOT), ==, 1);
  }
}

static CdImportResult *
import_fixture (CdImporter *importer,
                const char *name)
{
  g_autoptr(GFile) file = cd_test_fixture_file (name);
  g_autoptr(GError) error = NULL;
  CdImportResult *result;

  result = cd_importer_import_file (importer, file, CD_TEST_PASSWORD, CD_STORE_KIND_AUTO,
                                    NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  return result;
}

/* Only a key held before the import completes a request: a PKCS#12
 * file that brings its own key leaves a request alone, while a key
 * already in the keyring (imported, or made for a request elsewhere
 * and imported first) is completed by the plain certificate.
 */
static void
test_complete_key_held (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(CdImporter) importer = cd_importer_new (f->database, f->keyring);

  {
    g_autoptr(CdImportResult) csr = import_fixture (importer, "leaf.csr");
    g_autoptr(CdImportResult) pfx = import_fixture (importer, "leaf.pfx");

    g_assert_cmpuint (cd_import_result_get_requests_completed (pfx), ==, 0);
    g_assert_cmpuint (cd_test_count_rows (f->database, CD_STORE_KIND_REQUEST), ==, 1);
    /* Not a CA reply: the root goes where it always goes. */
    g_assert_cmpuint (cd_import_result_get_pending_roots (pfx)->len, ==, 0);
  }

  {
    g_autoptr(CdImportResult) pem = import_fixture (importer, "leaf.pem");
    g_autofree char *summary = cd_import_result_dup_summary (pem);

    g_assert_cmpuint (cd_import_result_get_requests_completed (pem), ==, 1);
    g_assert_nonnull (strstr (summary, "1 request completed"));
    g_assert_cmpuint (cd_test_count_rows (f->database, CD_STORE_KIND_REQUEST), ==, 0);
    g_assert_cmpuint (cd_test_count_rows (f->database, CD_STORE_KIND_MY), ==, 1);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/request/validate/invalid", test_invalid_inputs);
  g_test_add_func ("/request/validate/normalized", test_normalized_inputs);
  g_test_add_func ("/request/builder/sans", test_builder_sans);
  g_test_add_func ("/request/builder/defaults", test_builder_defaults);
  g_test_add ("/request/build/readback", Fixture, NULL, fixture_set_up, test_build_readback, fixture_tear_down);
  g_test_add ("/request/build/utf8-and-usages", Fixture, NULL, fixture_set_up, test_build_utf8_and_usages,
              fixture_tear_down);
  g_test_add ("/request/build/legacy", Fixture, NULL, fixture_set_up, test_build_legacy, fixture_tear_down);
  g_test_add ("/request/build/async", Fixture, NULL, fixture_set_up, test_build_async, fixture_tear_down);
  g_test_add ("/request/keygen/cancel", Fixture, NULL, fixture_set_up, test_keygen_cancel, fixture_tear_down);
  g_test_add ("/request/renew/from-certificate", Fixture, NULL, fixture_set_up, test_from_certificate,
              fixture_tear_down);
  g_test_add ("/request/foreign/verify", Fixture, NULL, fixture_set_up, test_verify_signature, fixture_tear_down);
  g_test_add ("/request/cli/invalid", Fixture, NULL, fixture_set_up, test_cli_invalid, fixture_tear_down);
  g_test_add ("/request/complete/pem", Fixture, NULL, fixture_set_up, test_complete_pem, fixture_tear_down);
  g_test_add ("/request/complete/pkcs7", Fixture, NULL, fixture_set_up, test_complete_pkcs7, fixture_tear_down);
  g_test_add ("/request/complete/key-held", Fixture, NULL, fixture_set_up, test_complete_key_held,
              fixture_tear_down);

  return g_test_run ();
}
