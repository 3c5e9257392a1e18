/* test-ca.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The private CA: authorities made through the core and read back by
 * openssl, requests made by openssl the way devices make them signed
 * and verified with "openssl verify", the string-type and value rules
 * of subject fields that must match the CA, issuing key and certificate
 * in one step and exporting them as PKCS#12, revocation seen by
 * "openssl verify -crl_check" and by cd-chain, the CLI, and failures
 * that must leave the stores as they were.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "cd-ca.h"
#include "cd-certificate.h"
#include "cd-chain.h"
#include "cd-check.h"
#include "cd-database.h"
#include "cd-errors.h"
#include "cd-exporter.h"
#include "cd-importer.h"
#include "cd-keyring.h"
#include "cd-profile.h"
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

static char *
path_in (Fixture    *f,
         const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

static char *
write_file (Fixture    *f,
            const char *name,
            const char *contents,
            gssize      len)
{
  g_autoptr(GError) error = NULL;
  char *path = path_in (f, name);

  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);

  return path;
}

static char *
write_result (Fixture    *f,
              const char *name,
              CdCaResult *result)
{
  g_autofree char *pem = cd_ca_result_dup_pem (result);

  return write_file (f, name, pem, -1);
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, len);
}

static CdCaResult *
create_ca (Fixture    *f,
           const char *cn,
           CdKeyType   key_type,
           const char *issuer)
{
  g_autoptr(CdCaCreateOptions) options = cd_ca_create_options_new ();
  g_autoptr(GError) error = NULL;
  CdCaResult *result;

  cd_ca_create_options_set_subject_field (options, CD_SUBJECT_FIELD_COMMON_NAME, cn);
  cd_ca_create_options_set_subject_field (options, CD_SUBJECT_FIELD_ORGANIZATION, "Example Corp");
  cd_ca_create_options_set_subject_field (options, CD_SUBJECT_FIELD_STATE, "CO");
  cd_ca_create_options_set_subject_field (options, CD_SUBJECT_FIELD_COUNTRY, "US");
  cd_ca_create_options_set_key_type (options, key_type);
  cd_ca_create_options_set_issuer (options, issuer);

  result = cd_ca_create (f->database, f->keyring, options, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);

  return result;
}

static const char *
ca_sha256 (CdCaResult *result)
{
  return cd_certificate_get_sha256 (cd_ca_result_get_certificate (result));
}

/* A request made by openssl the way Avaya AE Services makes it: RSA
 * 2048, SHA-256, four key usages, server and client authentication,
 * C/ST/O; -utf8 makes ST and O UTF8String.
 */
static char *
make_device_csr (Fixture    *f,
                 const char *name,
                 const char *subject,
                 const char *san)
{
  g_autofree char *csr = path_in (f, name);
  g_autofree char *key = g_strconcat (csr, ".key", NULL);

  g_free (cd_test_shell_ok ("openssl req -new -newkey rsa:2048 -nodes -keyout '%s' -sha256 -utf8 "
                            "-subj '%s' -addext 'subjectAltName=%s' "
                            "-addext 'keyUsage=digitalSignature,nonRepudiation,keyEncipherment,dataEncipherment' "
                            "-addext 'extendedKeyUsage=serverAuth,clientAuth' -out '%s' 2>&1",
                            key, subject, san, csr));

  return g_steal_pointer (&csr);
}

static CdCaResult *
sign_file (Fixture          *f,
           CdCaResult       *ca,
           const char       *csr,
           CdCaSignOptions  *options,
           GError          **error)
{
  g_autoptr(GBytes) request = read_bytes (csr);

  return cd_ca_sign_request (f->database, f->keyring, ca_sha256 (ca), request, options, NULL, error);
}

static guint
serial_bits (const char *cert)
{
  g_autofree char *out = cd_test_shell_ok ("openssl x509 -in '%s' -noout -serial", cert);
  const char *hex = strchr (out, '=') + 1;
  guint bits = strspn (hex, "0123456789ABCDEF") * 4;
  guint first = g_ascii_xdigit_value (hex[0]);

  /* Leading zero bits of the first digit do not count. */
  while (first < 8 && bits > 0)
    {
      bits--;
      first <<= 1;
      if (first == 0)
        break;
    }

  return bits;
}

static gint64
not_after_of (const char *cert)
{
  g_autofree char *out = cd_test_shell_ok ("openssl x509 -in '%s' -noout -enddate -dateopt iso_8601", cert);
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *iso = NULL;

  g_strstrip (out);
  /* "notAfter=2028-11-23 18:32:38Z" */
  iso = g_strdup (strchr (out, '=') + 1);
  iso[10] = 'T';
  date = g_date_time_new_from_iso8601 (iso, NULL);
  g_assert_nonnull (date);

  return g_date_time_to_unix (date);
}

/* Rows of a table, read by SQLite itself rather than through the core. */
static guint
count_table (Fixture    *f,
             const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint count;

  g_assert_cmpint (sqlite3_open_v2 (f->database_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return count;
}

/* The stores and the keyring, to compare before and after. */
static char *
dump_all (Fixture *f)
{
  g_autofree char *stores = cd_test_dump_database (f->database);
  g_autofree char *keys = cd_test_dump_keyring ();

  return g_strconcat (stores, "--\n", keys, NULL);
}

static gboolean
in_store (Fixture     *f,
          const char  *sha256,
          CdStoreKind  kind)
{
  g_autoptr(GPtrArray) rows = cd_database_find (f->database, sha256, kind, NULL);

  return rows != NULL && rows->len > 0;
}

/* ---- creating ---- */

static void
test_create_root (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(CdCaResult) ca = create_ca (f, "Example Corp Root CA", CD_KEY_TYPE_RSA_3072, NULL);
  CdCertificate *row = cd_ca_result_get_certificate (ca);
  g_autofree char *pem = write_result (f, "ca.pem", ca);
  g_autofree char *text = cd_test_shell_ok ("openssl x509 -in '%s' -noout -text", pem);
  g_autofree char *verify = cd_test_shell_ok ("openssl verify -CAfile '%s' '%s'", pem, pem);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdTestShellRun) keys_on_disk = NULL;
  g_autofree char *secret = NULL;
  gboolean has_key = FALSE;

  cd_test_assert_contains (text, "Signature Algorithm: sha256WithRSAEncryption");
  cd_test_assert_contains (text, "Public-Key: (3072 bit)");
  cd_test_assert_contains (text, "Issuer: C = US, ST = CO, O = Example Corp, CN = Example Corp Root CA");
  cd_test_assert_contains (text, "X509v3 Basic Constraints: critical\n                CA:TRUE\n");
  cd_test_assert_contains (text, "X509v3 Key Usage: critical\n                Certificate Sign, CRL Sign\n");
  cd_test_assert_contains (text, "X509v3 Subject Key Identifier");
  cd_test_assert_contains (text, "X509v3 Authority Key Identifier");
  cd_test_assert_contains (verify, ": OK");
  g_assert_cmpuint (serial_bits (pem), >=, 64);
  g_assert_cmpint (cd_ca_result_get_limit (ca), ==, CD_CA_LIMIT_NONE);

  /* Ten years, to the day. */
  g_assert_cmpint (cd_certificate_get_not_after (row) - g_get_real_time () / G_USEC_PER_SEC, >, 3649 * 86400);
  g_assert_cmpint (cd_certificate_get_not_after (row) - g_get_real_time () / G_USEC_PER_SEC, <=, 3650 * 86400);

  g_assert_true (cd_certificate_get_has_private_key (row));
  g_assert_true (in_store (f, ca_sha256 (ca), CD_STORE_KIND_ROOT));
  g_assert_true (in_store (f, ca_sha256 (ca), CD_STORE_KIND_MY));
  g_assert_false (in_store (f, ca_sha256 (ca), CD_STORE_KIND_CA));

  /* The key is in the keyring and in no file. */
  g_assert_true (cd_keyring_has_key (f->keyring, cd_certificate_get_key_id (row), &has_key, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (has_key);
  secret = cd_keyring_lookup_key (f->keyring, cd_certificate_get_key_id (row), NULL, &error);
  g_assert_no_error (error);
  cd_test_assert_contains (secret, "-----BEGIN PRIVATE KEY-----");
  cd_keyring_free_secret (g_steal_pointer (&secret));
  keys_on_disk = cd_test_shell ("grep -rl 'PRIVATE KEY' '%s' \"$HOME\"/.local/share/certdesk 2>/dev/null", f->dir);
  g_assert_cmpstr (keys_on_disk->out, ==, "");
}

static void
test_create_intermediate (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(CdCaCreateOptions) options = cd_ca_create_options_new ();
  g_autoptr(CdCaResult) root = create_ca (f, "Example Root", CD_KEY_TYPE_EC_P384, NULL);
  g_autoptr(CdCaResult) intermediate = NULL;
  g_autoptr(CdCaResult) refused = NULL;
  g_autoptr(CdCaResult) good = NULL;
  g_autoptr(CdCaResult) evil = NULL;
  g_autoptr(CdCaSignOptions) sign = cd_ca_sign_options_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *root_pem = write_result (f, "root.pem", root);
  g_autofree char *int_pem = NULL;
  g_autofree char *text = NULL;
  g_autofree char *verify = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *good_csr = NULL;
  g_autofree char *evil_csr = NULL;
  g_autofree char *good_pem = NULL;
  g_autofree char *evil_pem = NULL;
  g_autofree char *chain = NULL;
  g_autoptr(CdTestShellRun) evil_run = NULL;

  cd_ca_create_options_set_subject_field (options, CD_SUBJECT_FIELD_COMMON_NAME, "Example Issuing CA");
  cd_ca_create_options_set_key_type (options, CD_KEY_TYPE_EC_P256);
  cd_ca_create_options_set_issuer (options, ca_sha256 (root));
  cd_ca_create_options_set_path_length (options, 0);
  cd_ca_create_options_set_validity_days (options, 30000);
  g_assert_true (cd_ca_create_options_add_permitted_dns (options, "example.com", &error));
  g_assert_no_error (error);
  g_assert_false (cd_ca_create_options_add_permitted_dns (options, "*.example.com", &error));
  g_assert_error (error, CD_CA_ERROR, CD_CA_ERROR_INVALID);
  g_clear_error (&error);

  intermediate = cd_ca_create (f->database, f->keyring, options, NULL, &error);
  g_assert_no_error (error);
  int_pem = write_result (f, "int.pem", intermediate);

  /* Never past the root. */
  g_assert_cmpint (cd_ca_result_get_limit (intermediate), ==, CD_CA_LIMIT_ISSUER);
  g_assert_cmpint (not_after_of (int_pem), ==, not_after_of (root_pem));

  text = cd_test_shell_ok ("openssl x509 -in '%s' -noout -text", int_pem);
  cd_test_assert_contains (text, "Issuer: C = US, ST = CO, O = Example Corp, CN = Example Root");
  cd_test_assert_contains (text, "CA:TRUE, pathlen:0");
  cd_test_assert_contains (text, "X509v3 Name Constraints: critical\n                Permitted:\n                  DNS:example.com");
  cd_test_assert_contains (text, "Signature Algorithm: ecdsa-with-SHA256");
  verify = cd_test_shell_ok ("openssl verify -CAfile '%s' '%s'", root_pem, int_pem);
  cd_test_assert_contains (verify, ": OK");

  g_assert_true (in_store (f, ca_sha256 (intermediate), CD_STORE_KIND_CA));
  g_assert_true (in_store (f, ca_sha256 (intermediate), CD_STORE_KIND_MY));
  g_assert_false (in_store (f, ca_sha256 (intermediate), CD_STORE_KIND_ROOT));

  /* Path length 0: no CA below it, and nothing stored or kept. */
  before = cd_test_dump_database (f->database);
  cd_ca_create_options_set_issuer (options, ca_sha256 (intermediate));
  refused = cd_ca_create (f->database, f->keyring, options, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, CD_CA_ERROR, CD_CA_ERROR_PATH_LENGTH);
  g_clear_error (&error);
  after = cd_test_dump_database (f->database);
  g_assert_cmpstr (before, ==, after);

  /* The name constraint holds for what it signs. */
  good_csr = make_device_csr (f, "good.csr", "/CN=www.example.com", "DNS:www.example.com");
  evil_csr = make_device_csr (f, "evil.csr", "/CN=www.evil.test", "DNS:www.evil.test");
  good = sign_file (f, intermediate, good_csr, sign, &error);
  g_assert_no_error (error);
  evil = sign_file (f, intermediate, evil_csr, sign, &error);
  g_assert_no_error (error);
  good_pem = write_result (f, "good.pem", good);
  evil_pem = write_result (f, "evil.pem", evil);
  chain = cd_test_shell_ok ("openssl verify -CAfile '%s' -untrusted '%s' '%s'", root_pem, int_pem, good_pem);
  cd_test_assert_contains (chain, ": OK");
  evil_run = cd_test_shell ("openssl verify -CAfile '%s' -untrusted '%s' '%s' 2>&1", root_pem, int_pem, evil_pem);
  g_assert_cmpint (evil_run->status, !=, 0);
  cd_test_assert_contains (evil_run->out, "permitted subtree violation");
}

static void
test_create_before_2038 (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(CdCaCreateOptions) options = cd_ca_create_options_new ();
  g_autoptr(CdCaResult) capped = NULL;
  g_autoptr(CdCaResult) refused = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pem = NULL;
  g_autofree char *text = NULL;

  cd_ca_create_options_set_subject_field (options, CD_SUBJECT_FIELD_COMMON_NAME, "Phone CA");
  cd_ca_create_options_set_key_type (options, CD_KEY_TYPE_EC_P256);
  cd_ca_create_options_set_validity_days (options, 20 * 365);
  cd_ca_create_options_set_before_2038 (options, TRUE);

  capped = cd_ca_create (f->database, f->keyring, options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cd_ca_result_get_limit (capped), ==, CD_CA_LIMIT_2038);
  g_assert_cmpint (cd_ca_result_get_not_after (capped), ==, CD_CA_BEFORE_2038);
  pem = write_result (f, "phone.pem", capped);
  text = cd_test_shell_ok ("openssl x509 -in '%s' -noout -enddate", pem);
  cd_test_assert_contains (text, "notAfter=Jan 18 23:59:59 2038 GMT");

  /* Bad input: refused, with the field named. */
  cd_ca_create_options_set_subject_field (options, CD_SUBJECT_FIELD_COUNTRY, "USA");
  refused = cd_ca_create (f->database, f->keyring, options, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, CD_REQUEST_ERROR, CD_REQUEST_ERROR_COUNTRY);
  g_clear_error (&error);

  cd_ca_create_options_set_subject_field (options, CD_SUBJECT_FIELD_COUNTRY, NULL);
  cd_ca_create_options_set_validity_days (options, 0);
  refused = cd_ca_create (f->database, f->keyring, options, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, CD_CA_ERROR, CD_CA_ERROR_INVALID);
}

static void
create_async_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CdCaResult **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = cd_ca_create_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_create_async (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(CdCaCreateOptions) options = cd_ca_create_options_new ();
  g_autoptr(CdCaResult) result = NULL;

  cd_ca_create_options_set_subject_field (options, CD_SUBJECT_FIELD_COMMON_NAME, "Async CA");
  cd_ca_create_options_set_key_type (options, CD_KEY_TYPE_ED25519);
  cd_ca_create_async (f->database, f->keyring, options, NULL, create_async_cb, &result);

  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  /* The worker's own connection committed; ours sees it. */
  g_assert_true (in_store (f, ca_sha256 (result), CD_STORE_KIND_ROOT));
  g_assert_true (in_store (f, ca_sha256 (result), CD_STORE_KIND_MY));
  g_assert_true (cd_certificate_get_has_private_key (cd_ca_result_get_certificate (result)));
}

/* ---- signing ---- */

/* The Avaya AE Services workflow: its CSR signed by "Example Corp Root
 * CA", verified, and exported as AES imports it: the CA certificate
 * (PEM) into Trusted Certificates first, then the server certificate.
 */
static void
test_sign_aes_workflow (Fixture       *f,
                        gconstpointer  data)
{
  static const CdSubjectField match[] = {
    CD_SUBJECT_FIELD_COUNTRY, CD_SUBJECT_FIELD_STATE, CD_SUBJECT_FIELD_ORGANIZATION,
  };
  g_autoptr(CdCaResult) ca = create_ca (f, "Example Corp Root CA", CD_KEY_TYPE_RSA_2048, NULL);
  g_autoptr(CdCaSignOptions) options = cd_ca_sign_options_new ();
  g_autoptr(CdCaResult) leaf = NULL;
  g_autoptr(CdExporter) exporter = cd_exporter_new (f->database, f->keyring);
  g_autoptr(CdExportOptions) pem_options = cd_export_options_new (CD_EXPORT_FORMAT_PEM);
  g_autoptr(GPtrArray) ca_rows = NULL;
  g_autoptr(GPtrArray) leaf_rows = NULL;
  g_autoptr(GFile) ca_file = NULL;
  g_autoptr(GFile) leaf_file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csr = NULL;
  g_autofree char *csr_types = NULL;
  g_autofree char *ca_pem = path_in (f, "cacert.pem");
  g_autofree char *leaf_pem = path_in (f, "myserver.crt");
  g_autofree char *text = NULL;
  g_autofree char *types = NULL;
  g_autofree char *verify = NULL;
  CdCertificate *row;

  csr = make_device_csr (f, "myserver.req", "/C=US/ST=CO/O=Example Corp/CN=aes.example.com",
                         "DNS:aes.example.com,DNS:aes,IP:192.0.2.10");
  csr_types = cd_test_shell_ok ("openssl asn1parse -in '%s'", csr);
  cd_test_assert_contains (csr_types, "UTF8STRING        :CO");
  cd_test_assert_contains (csr_types, "UTF8STRING        :Example Corp");

  cd_ca_sign_options_set_match_fields (options, match, G_N_ELEMENTS (match));
  leaf = sign_file (f, ca, csr, options, &error);
  g_assert_no_error (error);
  row = cd_ca_result_get_certificate (leaf);

  /* No key of ours: Other People. */
  g_assert_cmpint (cd_certificate_get_store (row), ==, CD_STORE_KIND_ADDRESS_BOOK);
  g_assert_false (cd_certificate_get_has_private_key (row));

  /* As the device takes it: CA first, then its own certificate. */
  ca_rows = cd_database_find (f->database, ca_sha256 (ca), CD_STORE_KIND_ROOT, &error);
  g_assert_no_error (error);
  leaf_rows = cd_database_find (f->database, cd_certificate_get_sha256 (row), CD_STORE_KIND_AUTO, &error);
  g_assert_no_error (error);
  ca_file = g_file_new_for_path (ca_pem);
  leaf_file = g_file_new_for_path (leaf_pem);
  g_assert_true (cd_exporter_export_to_file (exporter, ca_rows, pem_options, ca_file, NULL,
                                             NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (cd_exporter_export_to_file (exporter, leaf_rows, pem_options, leaf_file, NULL,
                                             NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  verify = cd_test_shell_ok ("openssl verify -CAfile '%s' '%s'", ca_pem, leaf_pem);
  cd_test_assert_contains (verify, ": OK");

  text = cd_test_shell_ok ("openssl x509 -in '%s' -noout -text", leaf_pem);
  cd_test_assert_contains (text, "Signature Algorithm: sha256WithRSAEncryption");
  cd_test_assert_contains (text, "Subject: C = US, ST = CO, O = Example Corp, CN = aes.example.com");
  cd_test_assert_contains (text, "DNS:aes.example.com, DNS:aes, IP Address:192.0.2.10");
  cd_test_assert_contains (text, "Digital Signature, Non Repudiation, Key Encipherment, Data Encipherment");
  cd_test_assert_contains (text, "TLS Web Server Authentication, TLS Web Client Authentication");
  cd_test_assert_contains (text, "CA:FALSE");
  g_assert_cmpuint (serial_bits (leaf_pem), >=, 64);
  g_assert_cmpint (not_after_of (leaf_pem), <=, not_after_of (ca_pem));

  /* The request's UTF8String ST and O became the CA's PrintableString. */
  types = cd_test_shell_ok ("openssl x509 -in '%s' -noout -subject -nameopt show_type,sep_multiline", leaf_pem);
  cd_test_assert_contains (types, "C=PRINTABLESTRING:US");
  cd_test_assert_contains (types, "ST=PRINTABLESTRING:CO");
  cd_test_assert_contains (types, "O=PRINTABLESTRING:Example Corp");
  cd_test_assert_contains (types, "CN=UTF8STRING:aes.example.com");

  /* Ten years asked, the CA's end given. */
  {
    g_autoptr(CdCaResult) long_leaf = NULL;

    cd_ca_sign_options_set_validity_days (options, 40000);
    long_leaf = sign_file (f, ca, csr, options, &error);
    g_assert_no_error (error);
    g_assert_cmpint (cd_ca_result_get_limit (long_leaf), ==, CD_CA_LIMIT_ISSUER);
    g_assert_cmpint (cd_ca_result_get_not_after (long_leaf), ==,
                     cd_certificate_get_not_after (cd_ca_result_get_certificate (ca)));
  }
}

static void
test_sign_mismatch (Fixture       *f,
                    gconstpointer  data)
{
  static const CdSubjectField match[] = {
    CD_SUBJECT_FIELD_COUNTRY, CD_SUBJECT_FIELD_STATE, CD_SUBJECT_FIELD_ORGANIZATION,
  };
  g_autoptr(CdCaResult) ca = create_ca (f, "Example Corp Root CA", CD_KEY_TYPE_EC_P256, NULL);
  g_autoptr(CdCaSignOptions) options = cd_ca_sign_options_new ();
  g_autoptr(CdCaResult) refused = NULL;
  g_autoptr(CdCaResult) loose = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *other_org = NULL;
  g_autofree char *no_state = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *loose_pem = NULL;
  g_autofree char *types = NULL;

  other_org = make_device_csr (f, "other.req", "/C=US/ST=CO/O=Other Corp/CN=aes.example.com",
                               "DNS:aes.example.com");
  no_state = make_device_csr (f, "nostate.req", "/C=US/O=Example Corp/CN=aes.example.com",
                              "DNS:aes.example.com");
  cd_ca_sign_options_set_match_fields (options, match, G_N_ELEMENTS (match));

  before = cd_test_dump_database (f->database);

  refused = sign_file (f, ca, other_org, options, &error);
  g_assert_null (refused);
  g_assert_error (error, CD_CA_ERROR, CD_CA_ERROR_SUBJECT_MISMATCH);
  cd_test_assert_contains (error->message, "Organization");
  cd_test_assert_contains (error->message, "Other Corp");
  cd_test_assert_contains (error->message, "Example Corp");
  g_clear_error (&error);

  refused = sign_file (f, ca, no_state, options, &error);
  g_assert_null (refused);
  g_assert_error (error, CD_CA_ERROR, CD_CA_ERROR_SUBJECT_MISMATCH);
  cd_test_assert_contains (error->message, "State or province");
  g_clear_error (&error);

  after = cd_test_dump_database (f->database);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (count_table (f, "SELECT COUNT(*) FROM ca_issued"), ==, 0);

  /* Without the rule the request's own values stay, with their types. */
  cd_ca_sign_options_set_match_fields (options, NULL, 0);
  loose = sign_file (f, ca, other_org, options, &error);
  g_assert_no_error (error);
  loose_pem = write_result (f, "loose.pem", loose);
  types = cd_test_shell_ok ("openssl x509 -in '%s' -noout -subject -nameopt show_type,sep_multiline", loose_pem);
  cd_test_assert_contains (types, "ST=PRINTABLESTRING:CO");
  cd_test_assert_contains (types, "O=UTF8STRING:Other Corp");
}

static void
test_sign_pending_request (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(CdCaResult) ca = create_ca (f, "Example Corp Root CA", CD_KEY_TYPE_EC_P256, NULL);
  g_autoptr(CdRequestBuilder) builder = cd_request_builder_new ();
  g_autoptr(CdCaSignOptions) options = cd_ca_sign_options_new ();
  g_autoptr(CdCertificate) request_row = NULL;
  g_autoptr(CdCaResult) leaf = NULL;
  g_autoptr(GBytes) request = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) sans = NULL;
  g_autofree char *pem = NULL;
  g_autofree char *leaf_pem = NULL;
  g_autofree char *text = NULL;
  const char *edited[] = { "DNS:pbx.example.com", "dns:sip.example.com", "IP:192.0.2.9", NULL };
  const char *bad[] = { "DNS:bad..name", NULL };
  CdCertificate *row;

  cd_request_builder_set_subject_field (builder, CD_SUBJECT_FIELD_COMMON_NAME, "pbx.example.com");
  cd_request_builder_set_key_type (builder, CD_KEY_TYPE_EC_P256);
  g_assert_true (cd_request_builder_add_san (builder, CD_SAN_TYPE_DNS, "old.example.com", NULL));
  pem = cd_request_builder_build (builder, f->database, f->keyring, &request_row, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cd_test_count_rows (f->database, CD_STORE_KIND_REQUEST), ==, 1);

  /* The request from the store, as the GUI hands it over. */
  request = cd_database_dup_der (f->database, cd_certificate_get_sha256 (request_row), &error);
  g_assert_no_error (error);
  sans = cd_ca_request_dup_sans (request, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (sans), ==, 2);
  g_assert_cmpstr (sans[0], ==, "DNS:pbx.example.com");
  g_assert_cmpstr (sans[1], ==, "DNS:old.example.com");

  /* The user's review: one dropped, two added. */
  g_assert_false (cd_ca_sign_options_set_sans (options, bad, &error));
  g_assert_error (error, CD_REQUEST_ERROR, CD_REQUEST_ERROR_SAN_DNS);
  g_clear_error (&error);
  g_assert_true (cd_ca_sign_options_set_sans (options, edited, &error));
  g_assert_no_error (error);

  leaf = cd_ca_sign_request (f->database, f->keyring, ca_sha256 (ca), request, options, NULL, &error);
  g_assert_no_error (error);
  row = cd_ca_result_get_certificate (leaf);

  /* Our key: Personal, and the request is complete. */
  g_assert_cmpint (cd_certificate_get_store (row), ==, CD_STORE_KIND_MY);
  g_assert_true (cd_certificate_get_has_private_key (row));
  g_assert_cmpuint (cd_test_count_rows (f->database, CD_STORE_KIND_REQUEST), ==, 0);
  g_assert_false (in_store (f, cd_certificate_get_sha256 (row), CD_STORE_KIND_ADDRESS_BOOK));

  leaf_pem = write_result (f, "pbx.pem", leaf);
  text = cd_test_shell_ok ("openssl x509 -in '%s' -noout -ext subjectAltName", leaf_pem);
  cd_test_assert_contains (text, "DNS:pbx.example.com, DNS:sip.example.com, IP Address:192.0.2.9\n");
}

static void
test_sign_refused (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(CdImporter) importer = cd_importer_new (f->database, f->keyring);
  g_autoptr(CdCaResult) ca = create_ca (f, "Example Corp Root CA", CD_KEY_TYPE_EC_P256, NULL);
  g_autoptr(CdCaSignOptions) options = cd_ca_sign_options_new ();
  g_autoptr(CdImportResult) imported = NULL;
  g_autoptr(GFile) root_file = cd_test_fixture_file ("root.pem");
  g_autoptr(GFile) pfx_file = cd_test_fixture_file ("leaf.pfx");
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GBytes) request = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csr = make_device_csr (f, "dev.req", "/CN=dev.example.com", "DNS:dev.example.com");
  g_autofree char *tampered = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *root_sha256 = NULL;
  g_autofree char *leaf_sha256 = NULL;
  const char *key_id = cd_certificate_get_key_id (cd_ca_result_get_certificate (ca));

  imported = cd_importer_import_file (importer, root_file, NULL, CD_STORE_KIND_AUTO, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&imported, cd_import_result_unref);
  imported = cd_importer_import_file (importer, pfx_file, CD_TEST_PASSWORD, CD_STORE_KIND_AUTO,
                                      NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  rows = cd_database_list_store (f->database, CD_STORE_KIND_ROOT, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    {
      if (g_str_equal (cd_certificate_get_subject_cn (g_ptr_array_index (rows, i)), "Certdesk Test Root CA"))
        root_sha256 = g_strdup (cd_certificate_get_sha256 (g_ptr_array_index (rows, i)));
    }
  g_assert_nonnull (root_sha256);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = cd_database_list_store (f->database, CD_STORE_KIND_MY, &error);
  for (guint i = 0; i < rows->len; i++)
    {
      if (g_str_equal (cd_certificate_get_subject_cn (g_ptr_array_index (rows, i)), "server.example.test"))
        leaf_sha256 = g_strdup (cd_certificate_get_sha256 (g_ptr_array_index (rows, i)));
    }
  g_assert_nonnull (leaf_sha256);

  request = read_bytes (csr);
  before = cd_test_dump_database (f->database);

  /* A CA whose key we do not hold. */
  g_assert_null (cd_ca_sign_request (f->database, f->keyring, root_sha256, request, options, NULL, &error));
  g_assert_error (error, CD_CA_ERROR, CD_CA_ERROR_NO_KEY);
  g_clear_error (&error);

  /* A certificate with a key, but no CA. */
  g_assert_null (cd_ca_sign_request (f->database, f->keyring, leaf_sha256, request, options, NULL, &error));
  g_assert_error (error, CD_CA_ERROR, CD_CA_ERROR_NOT_A_CA);
  g_clear_error (&error);

  /* Nothing by that fingerprint. */
  g_assert_null (cd_ca_sign_request (f->database, f->keyring, "00112233", request, options, NULL, &error));
  g_assert_error (error, CD_CA_ERROR, CD_CA_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A request whose signature does not verify. */
  {
    g_autofree char *der = path_in (f, "dev.der");
    g_autoptr(GBytes) broken = NULL;
    guint8 *bytes;
    gsize len;

    g_free (cd_test_shell_ok ("openssl req -in '%s' -outform DER -out '%s'", csr, der));
    broken = read_bytes (der);
    bytes = g_bytes_unref_to_data (g_steal_pointer (&broken), &len);
    bytes[len - 5] ^= 0x55;
    broken = g_bytes_new_take (bytes, len);
    g_assert_null (cd_ca_sign_request (f->database, f->keyring, ca_sha256 (ca), broken, options,
                                       NULL, &error));
    g_assert_error (error, CD_REQUEST_ERROR, CD_REQUEST_ERROR_BAD_SIGNATURE);
    g_clear_error (&error);
  }

  /* SHA-1 only when asked for. */
  cd_ca_sign_options_set_digest (options, CD_DIGEST_SHA1);
  g_assert_null (cd_ca_sign_request (f->database, f->keyring, ca_sha256 (ca), request, options, NULL, &error));
  g_assert_error (error, CD_CA_ERROR, CD_CA_ERROR_INVALID);
  g_clear_error (&error);
  cd_ca_sign_options_set_digest (options, CD_DIGEST_SHA256);

  /* Our CA, its key gone from the keyring. */
  g_assert_true (cd_keyring_delete_key (f->keyring, key_id, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (cd_ca_sign_request (f->database, f->keyring, ca_sha256 (ca), request, options, NULL, &error));
  g_assert_error (error, CD_CA_ERROR, CD_CA_ERROR_NO_KEY);
  g_clear_error (&error);

  after = cd_test_dump_database (f->database);
  g_assert_cmpstr (before, ==, after);
}

/* IP Office and DLS phones take key and certificate together. */
static void
test_issue_one_step (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(CdCaResult) ca = create_ca (f, "Example Corp Root CA", CD_KEY_TYPE_EC_P256, NULL);
  g_autoptr(CdRequestBuilder) builder = cd_request_builder_new ();
  g_autoptr(CdCaSignOptions) options = cd_ca_sign_options_new ();
  g_autoptr(CdCaResult) issued = NULL;
  g_autoptr(CdCaResult) refused = NULL;
  g_autoptr(CdExporter) exporter = cd_exporter_new (f->database, f->keyring);
  g_autoptr(CdExportOptions) pkcs12 = cd_export_options_new (CD_EXPORT_FORMAT_PKCS12);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *pfx = path_in (f, "ipoffice.p12");
  g_autoptr(GFile) file = g_file_new_for_path (pfx);
  g_autofree char *certs = NULL;
  g_autofree char *key = NULL;
  g_autofree char *cert_key = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  static const CdSubjectField match[] = { CD_SUBJECT_FIELD_ORGANIZATION };

  cd_request_builder_set_subject_field (builder, CD_SUBJECT_FIELD_COMMON_NAME, "ipo.example.com");
  cd_request_builder_set_subject_field (builder, CD_SUBJECT_FIELD_ORGANIZATION, "Example Corp");
  cd_request_builder_set_key_type (builder, CD_KEY_TYPE_RSA_2048);
  cd_request_builder_set_purpose (builder, CD_REQUEST_PURPOSE_SERVER_CLIENT);
  cd_ca_sign_options_set_match_fields (options, match, G_N_ELEMENTS (match));

  issued = cd_ca_issue_with_key (f->database, f->keyring, ca_sha256 (ca), builder, options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cd_certificate_get_store (cd_ca_result_get_certificate (issued)), ==, CD_STORE_KIND_MY);
  g_assert_true (cd_certificate_get_has_private_key (cd_ca_result_get_certificate (issued)));
  g_assert_cmpuint (cd_test_count_rows (f->database, CD_STORE_KIND_REQUEST), ==, 0);

  g_ptr_array_add (rows, g_object_ref (cd_ca_result_get_certificate (issued)));
  cd_export_options_set_include_chain (pkcs12, TRUE);
  cd_export_options_set_include_root (pkcs12, TRUE);
  cd_export_options_set_password (pkcs12, CD_TEST_PASSWORD);
  g_assert_true (cd_exporter_export_to_file (exporter, rows, pkcs12, file, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  certs = cd_test_shell_ok ("openssl pkcs12 -in '%s' -passin pass:%s -nokeys | grep -c 'BEGIN CERTIFICATE'",
                            pfx, CD_TEST_PASSWORD);
  g_assert_cmpint (atoi (certs), ==, 2);
  key = cd_test_shell_ok ("openssl pkcs12 -in '%s' -passin pass:%s -nocerts -nodes | openssl pkey -pubout",
                          pfx, CD_TEST_PASSWORD);
  cert_key = cd_test_shell_ok ("openssl pkcs12 -in '%s' -passin pass:%s -clcerts -nokeys | openssl x509 -pubkey -noout",
                               pfx, CD_TEST_PASSWORD);
  cd_test_assert_contains (key, "-----BEGIN PUBLIC KEY-----");
  g_assert_cmpstr (key, ==, cert_key);

  /* A value that must match and does not: nothing is left behind,
   * not the request, nor its key in the keyring or the database.
   */
  g_assert_cmpuint (count_table (f, "SELECT COUNT(*) FROM ca_issued"), ==, 1);
  g_assert_cmpuint (count_table (f, "SELECT COUNT(*) FROM private_keys"), ==, 2);
  before = dump_all (f);
  cd_request_builder_set_subject_field (builder, CD_SUBJECT_FIELD_ORGANIZATION, "Other Corp");
  refused = cd_ca_issue_with_key (f->database, f->keyring, ca_sha256 (ca), builder, options, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, CD_CA_ERROR, CD_CA_ERROR_SUBJECT_MISMATCH);
  after = dump_all (f);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (count_table (f, "SELECT COUNT(*) FROM ca_issued"), ==, 1);
  g_assert_cmpuint (count_table (f, "SELECT COUNT(*) FROM private_keys"), ==, 2);
}

static CdProfile *
shipped_profile (const char *id)
{
  g_autoptr(GListModel) profiles = cd_profile_load_all (NULL, NULL);
  CdProfile *profile = cd_profile_list_find (profiles, id);

  g_assert_nonnull (profile);

  return g_object_ref (profile);
}

/* The issue's story: the AE Services CSR signed with the AE Services
 * profile gives a certificate whose checks are all green; the DLS
 * profile caps a long validity before 2038.
 */
static void
test_sign_profile (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(CdCaResult) ca = create_ca (f, "Example Corp Root CA", CD_KEY_TYPE_RSA_2048, NULL);
  g_autoptr(CdProfile) aes = shipped_profile ("avaya-aes");
  g_autoptr(CdProfile) dls = shipped_profile ("openscape-dls");
  g_autoptr(CdCaSignOptions) options = cd_ca_sign_options_new ();
  g_autoptr(CdCaSignOptions) dls_options = cd_ca_sign_options_new ();
  g_autoptr(CdCheckInput) input = cd_check_input_new ();
  g_autoptr(GListModel) results = NULL;
  g_autoptr(CdCaResult) leaf = NULL;
  g_autoptr(CdCaResult) phone = NULL;
  g_autoptr(CdCaCreateOptions) long_options = cd_ca_create_options_new ();
  g_autoptr(CdCaResult) long_ca = NULL;
  g_autoptr(CdCaResult) refused = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csr = make_device_csr (f, "myserver.req", "/C=US/ST=CO/O=Example Corp/CN=aes.example.com",
                                          "DNS:aes.example.com");
  g_autofree char *other = make_device_csr (f, "other.req", "/C=US/ST=CA/O=Example Corp/CN=aes.example.com",
                                            "DNS:aes.example.com");
  g_autofree char *phone_csr = make_device_csr (f, "dls.req", "/CN=dls.example.com", "DNS:dls.example.com");
  g_autofree char *leaf_pem = NULL;
  g_autofree char *text = NULL;

  cd_ca_sign_options_apply_profile (options, aes);
  leaf = sign_file (f, ca, csr, options, &error);
  g_assert_no_error (error);

  cd_check_input_set_certificate (input, cd_ca_result_get_der (leaf));
  g_assert_true (cd_check_input_fill_from_database (input, f->database, &error));
  g_assert_no_error (error);
  results = cd_profile_check (aes, input);
  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(CdCheckResult) check = g_list_model_get_item (results, i);

      if (cd_check_result_get_status (check) != CD_CHECK_STATUS_PASS &&
          cd_check_result_get_status (check) != CD_CHECK_STATUS_NOT_APPLICABLE)
        g_error ("%s: %s", cd_check_result_get_rule_id (check), cd_check_result_get_message (check));
    }
  g_assert_cmpint (cd_check_results_get_worst (results), ==, CD_CHECK_STATUS_PASS);

  /* 730 days, as the profile says. */
  leaf_pem = write_result (f, "myserver.crt", leaf);
  g_assert_cmpint ((not_after_of (leaf_pem) - g_get_real_time () / G_USEC_PER_SEC + 43200) / 86400, ==, 730);

  /* The profile's C;ST;O rule refuses another state. */
  refused = sign_file (f, ca, other, options, &error);
  g_assert_null (refused);
  g_assert_error (error, CD_CA_ERROR, CD_CA_ERROR_SUBJECT_MISMATCH);
  g_clear_error (&error);

  /* A CA that outlives 2038, so that the profile's limit is the one met. */
  cd_ca_create_options_set_subject_field (long_options, CD_SUBJECT_FIELD_COMMON_NAME, "Long CA");
  cd_ca_create_options_set_key_type (long_options, CD_KEY_TYPE_EC_P256);
  cd_ca_create_options_set_validity_days (long_options, 25 * 365);
  long_ca = cd_ca_create (f->database, f->keyring, long_options, NULL, &error);
  g_assert_no_error (error);

  cd_ca_sign_options_apply_profile (dls_options, dls);
  cd_ca_sign_options_set_validity_days (dls_options, 20 * 365);
  phone = sign_file (f, long_ca, phone_csr, dls_options, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cd_ca_result_get_limit (phone), ==, CD_CA_LIMIT_2038);
  g_assert_cmpint (cd_ca_result_get_not_after (phone), ==, CD_CA_BEFORE_2038);
}

/* ---- revocation ---- */

static void
test_revoke_and_crl (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(CdCaResult) ca = create_ca (f, "Example Corp Root CA", CD_KEY_TYPE_EC_P256, NULL);
  g_autoptr(CdCaResult) other_ca = create_ca (f, "Other Root CA", CD_KEY_TYPE_EC_P256, NULL);
  g_autoptr(CdCaSignOptions) options = cd_ca_sign_options_new ();
  g_autoptr(CdCaResult) revoked = NULL;
  g_autoptr(CdCaResult) kept = NULL;
  g_autoptr(CdChain) chain = NULL;
  g_autoptr(CdChain) kept_chain = NULL;
  g_autoptr(GBytes) crl = NULL;
  g_autoptr(GBytes) crl2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CdTestShellRun) check = NULL;
  g_autofree char *csr1 = make_device_csr (f, "a.req", "/CN=a.example.com", "DNS:a.example.com");
  g_autofree char *csr2 = make_device_csr (f, "b.req", "/CN=b.example.com", "DNS:b.example.com");
  g_autofree char *ca_pem = write_result (f, "ca.pem", ca);
  g_autofree char *revoked_pem = NULL;
  g_autofree char *kept_pem = NULL;
  g_autofree char *crl_pem = NULL;
  g_autofree char *crl_der = NULL;
  g_autofree char *text = NULL;
  g_autofree char *ok = NULL;
  g_autofree char *serial = NULL;
  const char *sha256;
  gboolean is_revoked = FALSE;
  CdRevocationReason reason = CD_REVOCATION_REASON_UNSPECIFIED;
  guint64 number = 0;

  revoked = sign_file (f, ca, csr1, options, &error);
  g_assert_no_error (error);
  kept = sign_file (f, ca, csr2, options, &error);
  g_assert_no_error (error);
  revoked_pem = write_result (f, "a.pem", revoked);
  kept_pem = write_result (f, "b.pem", kept);
  sha256 = cd_certificate_get_sha256 (cd_ca_result_get_certificate (revoked));

  /* Only the issuer revokes, and only once. */
  g_assert_false (cd_ca_revoke (f->database, ca_sha256 (other_ca), sha256,
                                CD_REVOCATION_REASON_KEY_COMPROMISE, 0, &error));
  g_assert_error (error, CD_CA_ERROR, CD_CA_ERROR_NOT_ISSUED);
  g_clear_error (&error);
  g_assert_true (cd_ca_revoke (f->database, ca_sha256 (ca), sha256,
                               CD_REVOCATION_REASON_KEY_COMPROMISE, 0, &error));
  g_assert_no_error (error);
  g_assert_false (cd_ca_revoke (f->database, ca_sha256 (ca), sha256,
                                CD_REVOCATION_REASON_SUPERSEDED, 0, &error));
  g_assert_error (error, CD_CA_ERROR, CD_CA_ERROR_ALREADY_REVOKED);
  g_clear_error (&error);

  g_assert_true (cd_ca_get_revocation (f->database, sha256, &is_revoked, &reason, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (is_revoked);
  g_assert_cmpint (reason, ==, CD_REVOCATION_REASON_KEY_COMPROMISE);

  /* The certificate's status shows it; its sibling is fine. */
  chain = cd_chain_build (f->database, cd_ca_result_get_der (revoked), FALSE, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cd_chain_get_status (chain), ==, CD_CHAIN_STATUS_REVOKED);
  g_assert_cmpstr (cd_chain_status_to_id (CD_CHAIN_STATUS_REVOKED), ==, "revoked");
  kept_chain = cd_chain_build (f->database, cd_ca_result_get_der (kept), FALSE, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cd_chain_get_status (kept_chain), ==, CD_CHAIN_STATUS_VALID);

  crl = cd_ca_make_crl (f->database, f->keyring, ca_sha256 (ca), 7, TRUE, &number, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (number, ==, 1);
  crl_pem = write_file (f, "ca.crl", g_bytes_get_data (crl, NULL), g_bytes_get_size (crl));

  text = cd_test_shell_ok ("openssl crl -in '%s' -noout -text", crl_pem);
  serial = cd_test_shell_ok ("openssl x509 -in '%s' -noout -serial | cut -d= -f2", revoked_pem);
  g_strstrip (serial);
  cd_test_assert_contains (text, serial);
  cd_test_assert_contains (text, "Key Compromise");
  cd_test_assert_contains (text, "X509v3 CRL Number: \n                1\n");
  cd_test_assert_contains (text, "Signature Algorithm: ecdsa-with-SHA256");

  check = cd_test_shell ("openssl verify -crl_check -CAfile '%s' -CRLfile '%s' '%s' 2>&1", ca_pem, crl_pem, revoked_pem);
  g_assert_cmpint (check->status, !=, 0);
  cd_test_assert_contains (check->out, "certificate revoked");
  ok = cd_test_shell_ok ("openssl verify -crl_check -CAfile '%s' -CRLfile '%s' '%s'", ca_pem, crl_pem, kept_pem);
  cd_test_assert_contains (ok, ": OK");

  /* The next list counts up; DER is DER. */
  crl2 = cd_ca_make_crl (f->database, f->keyring, ca_sha256 (ca), 7, FALSE, &number, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (number, ==, 2);
  crl_der = write_file (f, "ca2.crl", g_bytes_get_data (crl2, NULL), g_bytes_get_size (crl2));
  g_clear_pointer (&text, g_free);
  text = cd_test_shell_ok ("openssl crl -inform DER -in '%s' -noout -crlnumber", crl_der);
  cd_test_assert_contains (text, "crlNumber=0x02");

  g_assert_null (cd_ca_make_crl (f->database, f->keyring, ca_sha256 (ca), 0, TRUE, NULL, NULL, &error));
  g_assert_error (error, CD_CA_ERROR, CD_CA_ERROR_INVALID);
}

/* ---- certdesk-cli ca ---- */

static CdTestShellRun *
cli (Fixture    *f,
     const char *format,
     ...) G_GNUC_PRINTF (2, 3);

static CdTestShellRun *
cli (Fixture    *f,
     const char *format,
     ...)
{
  g_autofree char *args = NULL;
  va_list ap;

  va_start (ap, format);
  args = g_strdup_vprintf (format, ap);
  va_end (ap);

  return cd_test_shell ("cd '%s' && XDG_DATA_HOME='%s' '%s' %s", f->dir, f->dir, g_getenv ("CD_TEST_CLI"), args);
}

static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *csr = make_device_csr (f, "myserver.req", "/C=US/ST=CO/O=Example Corp/CN=aes.example.com",
                                          "DNS:aes.example.com");
  g_autofree char *fingerprint = NULL;
  g_autofree char *leaf_fp = NULL;
  g_autofree char *text = NULL;
  g_autofree char *crl_text = NULL;
  g_autofree char *x_pem = path_in (f, "x.pem");
  g_autoptr(CdTestShellRun) run = NULL;

#define CLI_RUN(...) G_STMT_START { g_clear_pointer (&run, cd_test_shell_run_free); run = cli (f, __VA_ARGS__); } G_STMT_END

  /* Usage errors: status 2, one line, nothing made. */
  CLI_RUN ("ca create --cn 'Example Corp Root CA'");
  g_assert_cmpint (run->status, ==, 2);
  cd_test_assert_contains (run->err, "No output file given");
  CLI_RUN ("ca create --cn X --key rsa:1024 -o x.pem");
  g_assert_cmpint (run->status, ==, 2);
  cd_test_assert_contains (run->err, "not a key type for a CA");
  CLI_RUN ("ca create --cn X --c USA -o x.pem");
  g_assert_cmpint (run->status, ==, 2);
  CLI_RUN ("ca frobnicate");
  g_assert_cmpint (run->status, ==, 2);
  CLI_RUN ("ca");
  g_assert_cmpint (run->status, ==, 2);
  g_assert_false (g_file_test (x_pem, G_FILE_TEST_EXISTS));

  CLI_RUN ("ca create --cn 'Example Corp Root CA' --o 'Example Corp' --c US --st CO --key ec:p256 -o ca.pem");
  g_assert_cmpint (run->status, ==, 0);
  cd_test_assert_contains (run->out, "CA certificate written to “ca.pem”");

  CLI_RUN ("ca list");
  g_assert_cmpint (run->status, ==, 0);
  cd_test_assert_contains (run->out, "Example Corp Root CA");
  fingerprint = g_strndup (run->out, 64);

  CLI_RUN ("ca list --json");
  g_assert_cmpint (run->status, ==, 0);
  cd_test_assert_contains (run->out, fingerprint);

  CLI_RUN ("ca sign --ca %.12s --request '%s' --match C,ST,O --days 365 -o myserver.crt", fingerprint, csr);
  g_assert_cmpint (run->status, ==, 0);
  cd_test_assert_contains (run->out, "Certificate written to “myserver.crt”");
  leaf_fp = g_strndup (strstr (run->out, "fingerprint ") + strlen ("fingerprint "), 64);

  text = cd_test_shell_ok ("cd '%s' && openssl verify -CAfile ca.pem myserver.crt", f->dir);
  cd_test_assert_contains (text, "myserver.crt: OK");

  CLI_RUN ("ca sign --ca %s --request '%s' --profile avaya-aes -o aes.crt", fingerprint, csr);
  g_assert_cmpint (run->status, ==, 0);
  cd_test_assert_contains (run->out, "Profile “Avaya AE Services — server certificate”: ");
  cd_test_assert_contains (run->out, " 0 warnings, 0 failed\n");
  CLI_RUN ("ca sign --ca %s --request '%s' --profile no-such-device -o y.crt", fingerprint, csr);
  g_assert_cmpint (run->status, ==, 2);
  cd_test_assert_contains (run->err, "no-such-device");

  CLI_RUN ("ca sign --ca %s --request '%s' --match C,XX -o y.crt", fingerprint, csr);
  g_assert_cmpint (run->status, ==, 2);
  CLI_RUN ("ca sign --ca ffff --request '%s' -o y.crt", csr);
  g_assert_cmpint (run->status, ==, 1);
  CLI_RUN ("ca sign --ca %s --request nosuchfile.req -o y.crt", fingerprint);
  g_assert_cmpint (run->status, ==, 1);

  CLI_RUN ("ca revoke --ca %s %s --reason bogus", fingerprint, leaf_fp);
  g_assert_cmpint (run->status, ==, 2);
  CLI_RUN ("ca revoke --ca %s %s --reason superseded", fingerprint, leaf_fp);
  g_assert_cmpint (run->status, ==, 0);
  cd_test_assert_contains (run->out, "Revoked");
  CLI_RUN ("ca revoke --ca %s %s", fingerprint, leaf_fp);
  g_assert_cmpint (run->status, ==, 1);
  cd_test_assert_contains (run->err, "already revoked");

  CLI_RUN ("ca crl --ca %s --der -o ca.crl", fingerprint);
  g_assert_cmpint (run->status, ==, 0);
  cd_test_assert_contains (run->out, "number 1");
  crl_text = cd_test_shell_ok ("cd '%s' && openssl crl -inform DER -in ca.crl -noout -text", f->dir);
  cd_test_assert_contains (crl_text, "Superseded");

  CLI_RUN ("verify %s", leaf_fp);
  g_assert_cmpint (run->status, ==, 1);
  cd_test_assert_contains (run->out, "revoked");

#undef CLI_RUN
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/ca/create/root", Fixture, NULL, fixture_set_up, test_create_root, fixture_tear_down);
  g_test_add ("/ca/create/intermediate", Fixture, NULL, fixture_set_up, test_create_intermediate,
              fixture_tear_down);
  g_test_add ("/ca/create/before-2038", Fixture, NULL, fixture_set_up, test_create_before_2038,
              fixture_tear_down);
  g_test_add ("/ca/create/async", Fixture, NULL, fixture_set_up, test_create_async, fixture_tear_down);
  g_test_add ("/ca/sign/aes-workflow", Fixture, NULL, fixture_set_up, test_sign_aes_workflow,
              fixture_tear_down);
  g_test_add ("/ca/sign/mismatch", Fixture, NULL, fixture_set_up, test_sign_mismatch, fixture_tear_down);
  g_test_add ("/ca/sign/pending-request", Fixture, NULL, fixture_set_up, test_sign_pending_request,
              fixture_tear_down);
  g_test_add ("/ca/sign/profile", Fixture, NULL, fixture_set_up, test_sign_profile, fixture_tear_down);
  g_test_add ("/ca/sign/refused", Fixture, NULL, fixture_set_up, test_sign_refused, fixture_tear_down);
  g_test_add ("/ca/issue/one-step", Fixture, NULL, fixture_set_up, test_issue_one_step, fixture_tear_down);
  g_test_add ("/ca/revoke/crl", Fixture, NULL, fixture_set_up, test_revoke_and_crl, fixture_tear_down);
  g_test_add ("/ca/cli/workflow", Fixture, NULL, fixture_set_up, test_cli, fixture_tear_down);

  return g_test_run ();
}
