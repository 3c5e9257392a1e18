/* test-import-bundle.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Tests for reading and sniffing import files: every format the
 * fixtures hold, every error path, big bundles and cancellation. The
 * inputs are made by openssl and certtool (make-fixtures.sh); keys and
 * certificates are checked against each other with OpenSSL itself.
 */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <glib/gstdio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/provider.h>

#include "cd-errors.h"
#include "cd-import-bundle-private.h"
#include "cd-openssl-private.h"
#include "cd-test-utils.h"

typedef struct
{
  const char *path;
  const char *fixture;
  const char *password;
  int         error_code;   /* CdImportError, or -1 for success */
} ParseCase;

typedef struct
{
  const char *path;
  const char *fixture;
  const char *cert;         /* the certificate the key belongs to */
  const char *password;
  int         key_type;
  const char *format;
} KeyCase;

typedef struct
{
  GArray       *fractions;
  GCancellable *cancel_on_first;
} ProgressLog;

static const char *chain_cns[] = {
  "server.example.test",
  "Certdesk Test Intermediate CA",
  "Certdesk Test Root CA",
};

static GBytes *
read_fixture (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = cd_test_fixture_file (name);
  GBytes *bytes;

  bytes = cd_import_read_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);

  return bytes;
}

static CdImportBundle *
parse_fixture (const char *name,
               const char *password)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = read_fixture (name);
  CdImportBundle *bundle;

  bundle = cd_import_bundle_parse (bytes, name, password, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bundle);
  g_assert_cmpstr (bundle->display_name, ==, name);
  g_assert_cmpuint (bundle->certs->len, ==, bundle->cert_names->len);

  return bundle;
}

static void
assert_parse_error (GBytes     *bytes,
                    const char *display_name,
                    const char *password,
                    int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdImportBundle) bundle = NULL;

  bundle = cd_import_bundle_parse (bytes, display_name, password, NULL, NULL, NULL, &error);
  g_assert_error (error, CD_IMPORT_ERROR, code);
  g_assert_null (bundle);
  g_test_message ("%s", error->message);

  /* The user must learn which file is meant. */
  g_assert_nonnull (strstr (error->message, display_name));

  /* Swallowed OpenSSL errors must not linger for the next caller. */
  g_assert_cmpuint (ERR_peek_error (), ==, 0);
}

/* Loads a certificate with OpenSSL alone, to check our results against. */
static X509 *
load_cert (const char *name)
{
  g_autofree char *path = cd_test_fixture (name);
  g_autoptr(BIO) bio = BIO_new_file (path, "r");
  X509 *cert;

  g_assert_nonnull (bio);
  cert = PEM_read_bio_X509 (bio, NULL, NULL, NULL);
  g_assert_nonnull (cert);

  return cert;
}

static char *
dup_cn (X509 *cert)
{
  char buf[256];
  int len;

  len = X509_NAME_get_text_by_NID (X509_get_subject_name (cert), NID_commonName, buf, sizeof buf);
  g_assert_cmpint (len, >, 0);

  return g_strndup (buf, len);
}

static void
assert_cns (CdImportBundle    *bundle,
            const char * const *cns,
            guint               n_cns)
{
  g_assert_cmpuint (bundle->certs->len, ==, n_cns);

  for (guint i = 0; i < n_cns; i++)
    {
      g_autofree char *cn = dup_cn (g_ptr_array_index (bundle->certs, i));

      g_assert_cmpstr (cn, ==, cns[i]);
    }
}

static void
assert_chain (CdImportBundle *bundle,
              const char     *format)
{
  assert_cns (bundle, chain_cns, G_N_ELEMENTS (chain_cns));
  g_assert_cmpuint (bundle->keys->len, ==, 0);
  g_assert_cmpuint (bundle->requests->len, ==, 0);
  g_assert_cmpstr (bundle->format, ==, format);

  for (guint i = 0; i < bundle->cert_names->len; i++)
    g_assert_null (g_ptr_array_index (bundle->cert_names, i));
}

/* The certificates of a PKCS#7 file are a DER SET, so their order is
 * the encoding's, not the file's: compare as sets.
 */
static void
assert_chain_any_order (CdImportBundle *bundle)
{
  g_autoptr(GPtrArray) cns = g_ptr_array_new_with_free_func (g_free);

  g_assert_cmpuint (bundle->certs->len, ==, G_N_ELEMENTS (chain_cns));
  for (guint i = 0; i < bundle->certs->len; i++)
    g_ptr_array_add (cns, dup_cn (g_ptr_array_index (bundle->certs, i)));

  for (guint i = 0; i < G_N_ELEMENTS (chain_cns); i++)
    g_assert_true (g_ptr_array_find_with_equal_func (cns, chain_cns[i], g_str_equal, NULL));
}

static void
test_import_bundle_pem_single (void)
{
  g_autoptr(CdImportBundle) bundle = parse_fixture ("leaf.pem", NULL);
  g_autoptr(X509) expected = load_cert ("leaf.pem");

  assert_cns (bundle, chain_cns, 1);
  g_assert_cmpint (X509_cmp (g_ptr_array_index (bundle->certs, 0), expected), ==, 0);
  g_assert_null (g_ptr_array_index (bundle->cert_names, 0));
  g_assert_cmpuint (bundle->keys->len, ==, 0);
  g_assert_cmpstr (bundle->format, ==, "PEM");
}

static void
test_import_bundle_pem_chain (gconstpointer data)
{
  g_autoptr(CdImportBundle) bundle = parse_fixture (data, NULL);

  assert_chain (bundle, "PEM");
}

static void
test_import_bundle_pem_old_labels (void)
{
  g_autoptr(CdImportBundle) cert = parse_fixture ("leaf-x509-label.pem", NULL);
  g_autoptr(CdImportBundle) request = parse_fixture ("leaf-new-csr.pem", NULL);

  assert_cns (cert, chain_cns, 1);
  g_assert_cmpuint (request->requests->len, ==, 1);
  g_assert_cmpuint (request->certs->len, ==, 0);
}

static void
test_import_bundle_pem_trusted (void)
{
  g_autoptr(CdImportBundle) bundle = parse_fixture ("root-trusted.pem", NULL);
  g_autoptr(X509) expected = load_cert ("root.pem");

  g_assert_cmpuint (bundle->certs->len, ==, 1);
  g_assert_cmpint (X509_cmp (g_ptr_array_index (bundle->certs, 0), expected), ==, 0);

  /* The alias set with -setalias is the friendly name. */
  g_assert_cmpstr (g_ptr_array_index (bundle->cert_names, 0), ==, "Certdesk Test Root CA");
}

static void
test_import_bundle_pem_cert_and_key (void)
{
  g_autoptr(CdImportBundle) bundle = parse_fixture ("leaf-with-key.pem", CD_TEST_PASSWORD);

  /* The PUBLIC KEY block between them is skipped. */
  assert_cns (bundle, chain_cns, 1);
  g_assert_cmpuint (bundle->keys->len, ==, 1);
  g_assert_cmpint (X509_check_private_key (g_ptr_array_index (bundle->certs, 0),
                                           g_ptr_array_index (bundle->keys, 0)), ==, 1);
  g_assert_cmpstr (bundle->format, ==, "PEM");
}

static void
test_import_bundle_certtool (void)
{
  g_autoptr(CdImportBundle) bundle = parse_fixture ("certtool-ca.pem", NULL);
  X509 *cert;

  g_assert_cmpuint (bundle->certs->len, ==, 1);
  cert = g_ptr_array_index (bundle->certs, 0);
  g_assert_cmpint (X509_check_ca (cert), >, 0);
  g_assert_cmpint (X509_check_issued (cert, cert), ==, X509_V_OK);
  {
    g_autofree char *cn = dup_cn (cert);

    g_assert_cmpstr (cn, ==, "Certdesk GnuTLS Test CA");
  }
}

static void
test_import_bundle_roots_bundle (void)
{
  g_autoptr(CdImportBundle) bundle = parse_fixture ("roots-bundle.pem", NULL);

  g_assert_cmpuint (bundle->certs->len, ==, 20);
  for (guint i = 0; i < bundle->certs->len; i++)
    {
      g_autofree char *cn = dup_cn (g_ptr_array_index (bundle->certs, i));
      g_autofree char *expected = g_strdup_printf ("Certdesk Bundle Root %u", i + 1);

      g_assert_cmpstr (cn, ==, expected);
    }
}

static void
test_import_bundle_der (void)
{
  g_autoptr(CdImportBundle) bundle = parse_fixture ("leaf.der", NULL);
  g_autoptr(X509) expected = load_cert ("leaf.pem");

  g_assert_cmpuint (bundle->certs->len, ==, 1);
  g_assert_cmpint (X509_cmp (g_ptr_array_index (bundle->certs, 0), expected), ==, 0);
  g_assert_cmpstr (bundle->format, ==, "DER");
}

static void
test_import_bundle_der_trailing_newline (void)
{
  g_autoptr(GBytes) der = read_fixture ("leaf.der");
  g_autoptr(GByteArray) padded = g_byte_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CdImportBundle) bundle = NULL;
  g_autoptr(GError) error = NULL;

  g_byte_array_append (padded, g_bytes_get_data (der, NULL), g_bytes_get_size (der));
  g_byte_array_append (padded, (const guint8 *)"\r\n", 2);
  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&padded));

  bundle = cd_import_bundle_parse (bytes, "padded.cer", NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bundle->certs->len, ==, 1);
  g_assert_cmpstr (bundle->format, ==, "DER");
}

static void
test_import_bundle_base64 (void)
{
  g_autoptr(CdImportBundle) bundle = parse_fixture ("leaf.b64", NULL);
  g_autoptr(X509) expected = load_cert ("leaf.pem");

  g_assert_cmpuint (bundle->certs->len, ==, 1);
  g_assert_cmpint (X509_cmp (g_ptr_array_index (bundle->certs, 0), expected), ==, 0);
  g_assert_cmpstr (bundle->format, ==, "Base64");
}

static void
test_import_bundle_pkcs7 (gconstpointer data)
{
  g_autoptr(CdImportBundle) bundle = parse_fixture (data, NULL);

  assert_chain_any_order (bundle);
  g_assert_cmpuint (bundle->keys->len, ==, 0);
  g_assert_cmpstr (bundle->format, ==, "PKCS#7");
}

static void
test_import_bundle_pkcs12 (gconstpointer data)
{
  const ParseCase *test = data;
  g_autoptr(CdImportBundle) bundle = parse_fixture (test->fixture, test->password);
  g_autoptr(X509) leaf = load_cert ("leaf.pem");

  g_assert_cmpstr (bundle->format, ==, "PKCS#12");
  assert_chain_any_order (bundle);
  g_assert_cmpuint (bundle->requests->len, ==, 0);

  /* The friendly name sits on the leaf's bag only. */
  for (guint i = 0; i < bundle->certs->len; i++)
    {
      X509 *cert = g_ptr_array_index (bundle->certs, i);
      const char *name = g_ptr_array_index (bundle->cert_names, i);

      if (X509_cmp (cert, leaf) == 0)
        g_assert_cmpstr (name, ==, "Test Server");
      else
        g_assert_null (name);
    }

  g_assert_cmpuint (bundle->keys->len, ==, 1);
  g_assert_cmpint (X509_check_private_key (leaf, g_ptr_array_index (bundle->keys, 0)), ==, 1);
}

static void
test_import_bundle_pkcs12_legacy_missing (void)
{
  if (g_test_subprocess ())
    {
      const char *names[] = { "leaf-legacy-rc2.pfx", "leaf-3des.pfx", "leaf.pfx" };
      const char *dir = g_getenv ("CD_TEST_SUBPROCESS_FIXTURES");
      g_autoptr(GError) error = NULL;

      /* Before anything loads a provider in this fresh process. */
      g_assert_nonnull (dir);
      g_setenv ("OPENSSL_MODULES", "/nonexistent", TRUE);
      _cd_openssl_init ();
      g_assert_false (OSSL_PROVIDER_available (NULL, "legacy"));
      g_assert_cmpuint (ERR_peek_error (), ==, 0);

      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          g_autofree char *path = g_build_filename (dir, names[i], NULL);
          g_autoptr(GFile) file = g_file_new_for_path (path);
          g_autoptr(GBytes) bytes = cd_import_read_file (file, NULL, &error);
          g_autoptr(CdImportBundle) bundle = NULL;

          g_assert_no_error (error);
          bundle = cd_import_bundle_parse (bytes, names[i], CD_TEST_PASSWORD,
                                           NULL, NULL, NULL, &error);
          if (i == 0)
            {
              /* RC2-40 needs the legacy provider... */
              g_assert_error (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_UNSUPPORTED);
              g_assert_nonnull (strstr (error->message, names[i]));
              g_assert_nonnull (strstr (error->message, "legacy provider"));
              g_assert_null (bundle);
              g_clear_error (&error);
            }
          else
            {
              /* ...while 3DES and AES are in the default one. */
              g_assert_no_error (error);
              g_assert_cmpuint (bundle->certs->len, ==, 3);
              g_assert_cmpuint (bundle->keys->len, ==, 1);
            }
        }
      return;
    }

  g_setenv ("CD_TEST_SUBPROCESS_FIXTURES", cd_test_fixtures_dir (), TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_import_bundle_key (gconstpointer data)
{
  const KeyCase *test = data;
  g_autoptr(CdImportBundle) bundle = parse_fixture (test->fixture, test->password);
  g_autoptr(X509) cert = load_cert (test->cert);
  EVP_PKEY *key;

  g_assert_cmpuint (bundle->certs->len, ==, 0);
  g_assert_cmpuint (bundle->requests->len, ==, 0);
  g_assert_cmpuint (bundle->keys->len, ==, 1);
  g_assert_cmpstr (bundle->format, ==, test->format);

  key = g_ptr_array_index (bundle->keys, 0);
  g_assert_cmpint (EVP_PKEY_get_base_id (key), ==, test->key_type);
  g_assert_cmpint (X509_check_private_key (cert, key), ==, 1);
}

static void
test_import_bundle_request (gconstpointer data)
{
  g_autoptr(CdImportBundle) bundle = parse_fixture (data, NULL);
  g_autoptr(CdImportBundle) key = parse_fixture ("leaf.key", NULL);
  X509_REQ *request;

  g_assert_cmpuint (bundle->certs->len, ==, 0);
  g_assert_cmpuint (bundle->keys->len, ==, 0);
  g_assert_cmpuint (bundle->requests->len, ==, 1);

  request = g_ptr_array_index (bundle->requests, 0);
  g_assert_cmpint (X509_REQ_check_private_key (request, g_ptr_array_index (key->keys, 0)), ==, 1);
  g_assert_cmpint (X509_REQ_verify (request, X509_REQ_get0_pubkey (request)), ==, 1);
}

static void
test_import_bundle_error (gconstpointer data)
{
  const ParseCase *test = data;
  g_autoptr(GBytes) bytes = read_fixture (test->fixture);

  assert_parse_error (bytes, test->fixture, test->password, test->error_code);
}

static void
test_import_bundle_empty_text (void)
{
  const char *blanks[] = { " \n\t\r\n", "\xef\xbb\xbf", "\xef\xbb\xbf\n\n" };

  for (guint i = 0; i < G_N_ELEMENTS (blanks); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (blanks[i], strlen (blanks[i]));

      assert_parse_error (bytes, "blank.pem", NULL, CD_IMPORT_ERROR_EMPTY);
    }
}

static void
test_import_bundle_text_not_der (void)
{
  /* Starts like a DER SEQUENCE ("0" is 0x30), but is a note. */
  const char *text = "0 and 1 are not a certificate.\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));

  assert_parse_error (bytes, "notes.txt", NULL, CD_IMPORT_ERROR_UNRECOGNIZED);
}

static void
test_import_bundle_bad_base64_in_pem (void)
{
  g_autoptr(GBytes) leaf = read_fixture ("leaf.pem");
  g_autofree char *text = g_strndup (g_bytes_get_data (leaf, NULL), g_bytes_get_size (leaf));
  g_autoptr(GBytes) bytes = NULL;
  char *line;

  /* A character outside the base64 alphabet in the middle of the
   * block: the armour is whole, the content is not.
   */
  line = strchr (text, '\n') + 10;
  *line = '*';
  bytes = g_bytes_new (text, strlen (text));

  assert_parse_error (bytes, "leaf.pem", NULL, CD_IMPORT_ERROR_CORRUPT);
}

static void
test_import_bundle_truncated_base64 (void)
{
  g_autoptr(GBytes) b64 = read_fixture ("leaf.b64");
  g_autoptr(GBytes) bytes = NULL;

  /* An odd cut, so the last group of four is incomplete too. */
  bytes = g_bytes_new_from_bytes (b64, 0, g_bytes_get_size (b64) / 2 + 1);

  assert_parse_error (bytes, "leaf.b64", NULL, CD_IMPORT_ERROR_TRUNCATED);
}

static void
test_import_bundle_der_trailing_junk_password (void)
{
  g_autoptr(GBytes) pfx = read_fixture ("leaf.pfx");
  g_autoptr(GByteArray) padded = g_byte_array_new ();
  g_autoptr(GBytes) bytes = NULL;

  /* Junk after the DER object must not hide a wrong password behind
   * "not a certificate".
   */
  g_byte_array_append (padded, g_bytes_get_data (pfx, NULL), g_bytes_get_size (pfx));
  g_byte_array_append (padded, (const guint8 *)"junk", 4);
  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&padded));

  assert_parse_error (bytes, "leaf.pfx", "wrong", CD_IMPORT_ERROR_BAD_PASSWORD);
}

static void
test_import_bundle_too_large_bytes (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_take (g_malloc0 (CD_IMPORT_MAX_SIZE + 1),
                                              CD_IMPORT_MAX_SIZE + 1);

  assert_parse_error (bytes, "huge.pem", NULL, CD_IMPORT_ERROR_TOO_LARGE);
}

static void
test_import_bundle_read (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = cd_test_fixture ("chain.pem");
  g_autofree char *expected = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize expected_len;

  g_file_get_contents (path, &expected, &expected_len, &error);
  g_assert_no_error (error);

  bytes = read_fixture ("chain.pem");
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                   expected, expected_len);
}

static void
test_import_bundle_read_too_large (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = cd_test_fixture_file ("big.bin");
  g_autoptr(GBytes) bytes = NULL;

  bytes = cd_import_read_file (file, NULL, &error);
  g_assert_error (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_TOO_LARGE);
  g_assert_null (bytes);
  g_assert_nonnull (strstr (error->message, "big.bin"));
}

/* A pipe has no size to check up front, so the limit must hold while
 * reading: the writer must be cut off, not drained.
 */
static void
test_import_bundle_read_too_large_pipe (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = cd_test_make_tmpdir ();
  g_autofree char *fifo = g_build_filename (dir, "endless.pem", NULL);
  g_autofree char *quoted = g_shell_quote (fifo);
  g_autofree char *script = g_strdup_printf ("head -c 50000000 /dev/zero > %s", quoted);
  const char *argv[] = { "/bin/sh", "-c", script, NULL };
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GPid pid;
  int status = 0;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_spawn_async (NULL, (char **)argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, &error);
  g_assert_no_error (error);

  file = g_file_new_for_path (fifo);
  bytes = cd_import_read_file (file, NULL, &error);
  g_assert_error (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_TOO_LARGE);
  g_assert_null (bytes);
  g_assert_nonnull (strstr (error->message, "endless.pem"));

  /* The writer dies of SIGPIPE: we stopped reading long before 50 MB. */
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_false (g_spawn_check_wait_status (status, NULL));
  g_spawn_close_pid (pid);

  g_unlink (fifo);
  g_rmdir (dir);
}

static void
test_import_bundle_read_missing (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = cd_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "missing.pem", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) bytes = NULL;

  bytes = cd_import_read_file (file, NULL, &error);
  g_assert_error (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_IO);
  g_assert_null (bytes);
  g_assert_nonnull (strstr (error->message, "missing.pem"));

  g_rmdir (dir);
}

static void
test_import_bundle_read_directory (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = cd_test_make_tmpdir ();
  g_autofree char *basename = g_path_get_basename (dir);
  g_autoptr(GFile) file = g_file_new_for_path (dir);
  g_autoptr(GBytes) bytes = NULL;

  bytes = cd_import_read_file (file, NULL, &error);
  g_assert_error (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_IO);
  g_assert_null (bytes);
  g_assert_nonnull (strstr (error->message, basename));

  g_rmdir (dir);
}

/* A bundle of @n_certs certificates: chain.pem and other.pem over and
 * over, so certificate i has the subject of entry i % 4 in that cycle.
 */
static GBytes *
make_big_bundle (guint n_certs,
                 int   corrupt_at_1,
                 int   corrupt_at_2)
{
  g_autoptr(GBytes) chain = read_fixture ("chain.pem");
  g_autoptr(GBytes) other = read_fixture ("other.pem");
  g_autoptr(GBytes) leaf = read_fixture ("leaf.pem");
  g_autoptr(GBytes) corrupt = read_fixture ("corrupt.pem");
  g_autoptr(GByteArray) out = g_byte_array_new ();
  guint n = 0;

  while (n < n_certs)
    {
      if ((int)n == corrupt_at_1 || (int)n == corrupt_at_2)
        {
          g_byte_array_append (out, g_bytes_get_data (corrupt, NULL), g_bytes_get_size (corrupt));
          g_byte_array_append (out, g_bytes_get_data (leaf, NULL), g_bytes_get_size (leaf));
          g_byte_array_append (out, g_bytes_get_data (leaf, NULL), g_bytes_get_size (leaf));
          g_byte_array_append (out, g_bytes_get_data (leaf, NULL), g_bytes_get_size (leaf));
        }
      else
        {
          g_byte_array_append (out, g_bytes_get_data (chain, NULL), g_bytes_get_size (chain));
          g_byte_array_append (out, g_bytes_get_data (other, NULL), g_bytes_get_size (other));
        }
      n += 4;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

static void
log_progress (double   fraction,
              gpointer user_data)
{
  ProgressLog *log = user_data;

  g_array_append_val (log->fractions, fraction);
  if (log->cancel_on_first != NULL)
    g_cancellable_cancel (log->cancel_on_first);
}

static void
parse_many (guint  n_certs,
            double max_seconds)
{
  const char *cycle[] = { chain_cns[0], chain_cns[1], chain_cns[2], "person.example.test" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = make_big_bundle (n_certs, -1, -1);
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(CdImportBundle) bundle = NULL;
  ProgressLog log = { fractions, NULL };
  gint64 begin;
  double seconds;

  begin = g_get_monotonic_time ();
  bundle = cd_import_bundle_parse (bytes, "many.pem", NULL, log_progress, &log, NULL, &error);
  seconds = (g_get_monotonic_time () - begin) / (double)G_USEC_PER_SEC;
  g_assert_no_error (error);

  g_test_message ("%u certificates (%" G_GSIZE_FORMAT " bytes) parsed in %.3f s",
                  n_certs, g_bytes_get_size (bytes), seconds);

  /* In file order, whatever threads did the decoding. */
  g_assert_cmpuint (bundle->certs->len, ==, n_certs);
  for (guint i = 0; i < n_certs; i++)
    {
      g_autofree char *cn = dup_cn (g_ptr_array_index (bundle->certs, i));

      g_assert_cmpstr (cn, ==, cycle[i % G_N_ELEMENTS (cycle)]);
    }

  /* Progress moves forward and ends at 1. */
  g_assert_cmpuint (fractions->len, >=, 2);
  for (guint i = 1; i < fractions->len; i++)
    g_assert_cmpfloat (g_array_index (fractions, double, i), >=,
                       g_array_index (fractions, double, i - 1));
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);

  g_assert_cmpfloat (seconds, <, max_seconds);
}

static void
test_import_bundle_many_certs (void)
{
  /* OpenSSL 3.0 decodes about 7,000 a second per core; this bound only
   * catches a fall into quadratic time, on a busy CI machine too.
   */
  parse_many (2000, 4.0);
}

static void
test_import_bundle_many_certs_perf (void)
{
  if (!g_test_perf ())
    {
      g_test_skip ("only with -m perf");
      return;
    }

  parse_many (10000, 2.0);
}

/* Two damaged blocks far apart in a bundle decoded by several threads:
 * the error must always name the first.
 */
static void
test_import_bundle_many_certs_first_error (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = make_big_bundle (2000, 1500, 1900);
  g_autoptr(CdImportBundle) bundle = NULL;

  bundle = cd_import_bundle_parse (bytes, "many.pem", NULL, NULL, NULL, NULL, &error);
  g_assert_error (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_CORRUPT);
  g_assert_null (bundle);
  g_assert_nonnull (strstr (error->message, "many.pem"));
  g_assert_nonnull (strstr (error->message, "block 1501 "));
}

static void
test_import_bundle_cancelled_before (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GBytes) bytes = read_fixture ("chain.pem");
  g_autoptr(CdImportBundle) bundle = NULL;

  g_cancellable_cancel (cancellable);
  bundle = cd_import_bundle_parse (bytes, "chain.pem", NULL, NULL, NULL, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (bundle);
}

static void
test_import_bundle_cancelled_during (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GBytes) bytes = make_big_bundle (2000, -1, -1);
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(CdImportBundle) bundle = NULL;
  ProgressLog log = { fractions, cancellable };

  bundle = cd_import_bundle_parse (bytes, "many.pem", NULL, log_progress, &log, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (bundle);

  /* It stopped soon after the first report, not at the end. */
  g_assert_cmpuint (fractions->len, >=, 1);
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), <, 1.0);
}

static const ParseCase pkcs12_cases[] = {
  { "/certdesk/import-bundle/pkcs12/modern", "leaf.pfx", CD_TEST_PASSWORD, -1 },
  { "/certdesk/import-bundle/pkcs12/legacy-rc2", "leaf-legacy-rc2.pfx", CD_TEST_PASSWORD, -1 },
  { "/certdesk/import-bundle/pkcs12/3des", "leaf-3des.pfx", CD_TEST_PASSWORD, -1 },
  { "/certdesk/import-bundle/pkcs12/no-password-null", "leaf-nopass.pfx", NULL, -1 },
  { "/certdesk/import-bundle/pkcs12/no-password-empty", "leaf-nopass.pfx", "", -1 },
  { "/certdesk/import-bundle/pkcs12/utf8-password", "leaf-utf8.pfx", CD_TEST_UTF8_PASSWORD, -1 },
  { "/certdesk/import-bundle/pkcs12/no-mac", "leaf-nomac.pfx", CD_TEST_PASSWORD, -1 },
};

static const KeyCase key_cases[] = {
  { "/certdesk/import-bundle/key/pkcs8-rsa", "leaf.key", "leaf.pem", NULL, EVP_PKEY_RSA, "PEM" },
  { "/certdesk/import-bundle/key/pkcs1-rsa", "leaf-pkcs1.key", "leaf.pem", NULL, EVP_PKEY_RSA, "PEM" },
  { "/certdesk/import-bundle/key/pkcs8-rsa-encrypted", "leaf-enc.key", "leaf.pem",
    CD_TEST_PASSWORD, EVP_PKEY_RSA, "PEM" },
  { "/certdesk/import-bundle/key/pkcs1-rsa-proc-type", "leaf-pkcs1-enc.key", "leaf.pem",
    CD_TEST_PASSWORD, EVP_PKEY_RSA, "PEM" },
  { "/certdesk/import-bundle/key/pkcs8-rsa-der", "leaf-key.der", "leaf.pem", NULL, EVP_PKEY_RSA, "DER" },
  { "/certdesk/import-bundle/key/pkcs8-rsa-der-encrypted", "leaf-enc-key.der", "leaf.pem",
    CD_TEST_PASSWORD, EVP_PKEY_RSA, "DER" },
  { "/certdesk/import-bundle/key/pkcs1-rsa-der", "leaf-pkcs1-key.der", "leaf.pem", NULL,
    EVP_PKEY_RSA, "DER" },
  { "/certdesk/import-bundle/key/pkcs8-ec", "ec.key", "ec.pem", NULL, EVP_PKEY_EC, "PEM" },
  { "/certdesk/import-bundle/key/sec1-ec", "ec-sec1.key", "ec.pem", NULL, EVP_PKEY_EC, "PEM" },
  { "/certdesk/import-bundle/key/sec1-ec-with-parameters", "ec-params.key", "ec.pem", NULL,
    EVP_PKEY_EC, "PEM" },
  { "/certdesk/import-bundle/key/pkcs8-ec-encrypted", "ec-enc.key", "ec.pem", CD_TEST_PASSWORD,
    EVP_PKEY_EC, "PEM" },
  { "/certdesk/import-bundle/key/pkcs8-ed25519", "ed25519.key", "ed25519.pem", NULL,
    EVP_PKEY_ED25519, "PEM" },
  { "/certdesk/import-bundle/key/pkcs8-ed25519-encrypted", "ed25519-enc.key", "ed25519.pem",
    CD_TEST_PASSWORD, EVP_PKEY_ED25519, "PEM" },
  { "/certdesk/import-bundle/key/pkcs8-ed25519-der", "ed25519-key.der", "ed25519.pem", NULL,
    EVP_PKEY_ED25519, "DER" },
};

static const ParseCase error_cases[] = {
  { "/certdesk/import-bundle/error/empty", "empty.bin", NULL, CD_IMPORT_ERROR_EMPTY },
  { "/certdesk/import-bundle/error/garbage", "garbage.bin", NULL, CD_IMPORT_ERROR_UNRECOGNIZED },
  { "/certdesk/import-bundle/error/truncated-pem", "truncated.pem", NULL, CD_IMPORT_ERROR_TRUNCATED },
  { "/certdesk/import-bundle/error/truncated-pem-chain", "truncated-chain.pem", NULL,
    CD_IMPORT_ERROR_TRUNCATED },
  { "/certdesk/import-bundle/error/truncated-der", "truncated.der", NULL, CD_IMPORT_ERROR_TRUNCATED },
  { "/certdesk/import-bundle/error/truncated-pkcs12", "truncated.pfx", CD_TEST_PASSWORD,
    CD_IMPORT_ERROR_TRUNCATED },
  { "/certdesk/import-bundle/error/corrupt-pem", "corrupt.pem", NULL, CD_IMPORT_ERROR_CORRUPT },
  { "/certdesk/import-bundle/error/half-broken-pem", "half-broken.pem", NULL, CD_IMPORT_ERROR_CORRUPT },
  { "/certdesk/import-bundle/error/public-key-only", "pubkey.pem", NULL, CD_IMPORT_ERROR_UNSUPPORTED },
  { "/certdesk/import-bundle/error/pkcs12-needs-password", "leaf.pfx", NULL,
    CD_IMPORT_ERROR_NEEDS_PASSWORD },
  { "/certdesk/import-bundle/error/pkcs12-bad-password", "leaf.pfx", "wrong",
    CD_IMPORT_ERROR_BAD_PASSWORD },
  { "/certdesk/import-bundle/error/pkcs12-empty-password", "leaf.pfx", "",
    CD_IMPORT_ERROR_BAD_PASSWORD },
  { "/certdesk/import-bundle/error/pkcs12-legacy-needs-password", "leaf-legacy-rc2.pfx", NULL,
    CD_IMPORT_ERROR_NEEDS_PASSWORD },
  { "/certdesk/import-bundle/error/pkcs12-utf8-ascii-password", "leaf-utf8.pfx", "passwort",
    CD_IMPORT_ERROR_BAD_PASSWORD },
  { "/certdesk/import-bundle/error/pkcs12-no-password-given-one", "leaf-nopass.pfx",
    CD_TEST_PASSWORD, CD_IMPORT_ERROR_BAD_PASSWORD },
  { "/certdesk/import-bundle/error/pkcs12-no-mac-needs-password", "leaf-nomac.pfx", NULL,
    CD_IMPORT_ERROR_NEEDS_PASSWORD },
  { "/certdesk/import-bundle/error/pkcs12-no-mac-bad-password", "leaf-nomac.pfx", "wrong",
    CD_IMPORT_ERROR_BAD_PASSWORD },
  { "/certdesk/import-bundle/error/pkcs8-needs-password", "leaf-enc.key", NULL,
    CD_IMPORT_ERROR_NEEDS_PASSWORD },
  { "/certdesk/import-bundle/error/pkcs8-bad-password", "leaf-enc.key", "wrong",
    CD_IMPORT_ERROR_BAD_PASSWORD },
  { "/certdesk/import-bundle/error/pkcs8-der-needs-password", "leaf-enc-key.der", NULL,
    CD_IMPORT_ERROR_NEEDS_PASSWORD },
  { "/certdesk/import-bundle/error/pkcs8-der-bad-password", "leaf-enc-key.der", "wrong",
    CD_IMPORT_ERROR_BAD_PASSWORD },
  { "/certdesk/import-bundle/error/ed25519-bad-password", "ed25519-enc.key", "wrong",
    CD_IMPORT_ERROR_BAD_PASSWORD },
  { "/certdesk/import-bundle/error/proc-type-needs-password", "leaf-pkcs1-enc.key", NULL,
    CD_IMPORT_ERROR_NEEDS_PASSWORD },
  { "/certdesk/import-bundle/error/proc-type-bad-password", "leaf-pkcs1-enc.key", "wrong",
    CD_IMPORT_ERROR_BAD_PASSWORD },
  { "/certdesk/import-bundle/error/cert-and-key-needs-password", "leaf-with-key.pem", NULL,
    CD_IMPORT_ERROR_NEEDS_PASSWORD },
};

int
main (int   argc,
      char *argv[])
{
  /* So that the messages logged below show their quotes. */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/certdesk/import-bundle/pem/single", test_import_bundle_pem_single);
  g_test_add_data_func ("/certdesk/import-bundle/pem/chain", "chain.pem",
                        test_import_bundle_pem_chain);
  g_test_add_data_func ("/certdesk/import-bundle/pem/crlf", "chain-crlf.pem",
                        test_import_bundle_pem_chain);
  g_test_add_data_func ("/certdesk/import-bundle/pem/bom", "chain-bom.pem",
                        test_import_bundle_pem_chain);
  g_test_add_data_func ("/certdesk/import-bundle/pem/bag-attributes", "chain-bagattrs.pem",
                        test_import_bundle_pem_chain);
  g_test_add_func ("/certdesk/import-bundle/pem/old-labels", test_import_bundle_pem_old_labels);
  g_test_add_func ("/certdesk/import-bundle/pem/trusted", test_import_bundle_pem_trusted);
  g_test_add_func ("/certdesk/import-bundle/pem/cert-and-key", test_import_bundle_pem_cert_and_key);
  g_test_add_func ("/certdesk/import-bundle/pem/certtool", test_import_bundle_certtool);
  g_test_add_func ("/certdesk/import-bundle/pem/roots-bundle", test_import_bundle_roots_bundle);
  g_test_add_func ("/certdesk/import-bundle/der/cert", test_import_bundle_der);
  g_test_add_func ("/certdesk/import-bundle/der/trailing-newline",
                   test_import_bundle_der_trailing_newline);
  g_test_add_func ("/certdesk/import-bundle/base64", test_import_bundle_base64);
  g_test_add_data_func ("/certdesk/import-bundle/pkcs7/pem", "chain.p7b", test_import_bundle_pkcs7);
  g_test_add_data_func ("/certdesk/import-bundle/pkcs7/der", "chain-der.p7b",
                        test_import_bundle_pkcs7);

  for (guint i = 0; i < G_N_ELEMENTS (pkcs12_cases); i++)
    g_test_add_data_func (pkcs12_cases[i].path, &pkcs12_cases[i], test_import_bundle_pkcs12);
  g_test_add_func ("/certdesk/import-bundle/pkcs12/legacy-provider-missing",
                   test_import_bundle_pkcs12_legacy_missing);

  for (guint i = 0; i < G_N_ELEMENTS (key_cases); i++)
    g_test_add_data_func (key_cases[i].path, &key_cases[i], test_import_bundle_key);

  g_test_add_data_func ("/certdesk/import-bundle/request/pem", "leaf.csr",
                        test_import_bundle_request);
  g_test_add_data_func ("/certdesk/import-bundle/request/der", "leaf-csr.der",
                        test_import_bundle_request);

  for (guint i = 0; i < G_N_ELEMENTS (error_cases); i++)
    g_test_add_data_func (error_cases[i].path, &error_cases[i], test_import_bundle_error);
  g_test_add_func ("/certdesk/import-bundle/error/blank-text", test_import_bundle_empty_text);
  g_test_add_func ("/certdesk/import-bundle/error/text-not-der", test_import_bundle_text_not_der);
  g_test_add_func ("/certdesk/import-bundle/error/bad-base64-in-pem",
                   test_import_bundle_bad_base64_in_pem);
  g_test_add_func ("/certdesk/import-bundle/error/truncated-base64",
                   test_import_bundle_truncated_base64);
  g_test_add_func ("/certdesk/import-bundle/error/der-trailing-junk-password",
                   test_import_bundle_der_trailing_junk_password);
  g_test_add_func ("/certdesk/import-bundle/error/too-large-bytes",
                   test_import_bundle_too_large_bytes);

  g_test_add_func ("/certdesk/import-bundle/read/contents", test_import_bundle_read);
  g_test_add_func ("/certdesk/import-bundle/read/too-large", test_import_bundle_read_too_large);
  g_test_add_func ("/certdesk/import-bundle/read/too-large-pipe",
                   test_import_bundle_read_too_large_pipe);
  g_test_add_func ("/certdesk/import-bundle/read/missing", test_import_bundle_read_missing);
  g_test_add_func ("/certdesk/import-bundle/read/directory", test_import_bundle_read_directory);

  g_test_add_func ("/certdesk/import-bundle/many/2000", test_import_bundle_many_certs);
  g_test_add_func ("/certdesk/import-bundle/many/10000", test_import_bundle_many_certs_perf);
  g_test_add_func ("/certdesk/import-bundle/many/first-error",
                   test_import_bundle_many_certs_first_error);
  g_test_add_func ("/certdesk/import-bundle/cancel/before", test_import_bundle_cancelled_before);
  g_test_add_func ("/certdesk/import-bundle/cancel/during", test_import_bundle_cancelled_during);

  return g_test_run ();
}
