/* test-export.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Export, checked by the tools on the other end: every file is read
 * back by openssl, GnuTLS certtool, Java keytool and NSS pk12util
 * (each skipped, saying so, only where it is not installed) and
 * imported again into a fresh database, which must give the same
 * certificate, key and chain. The key comes from importing leaf.pfx
 * into the session's real keyring. Failed and cancelled exports must
 * leave nothing behind, and a key never goes out unencrypted unless
 * asked to.
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "cd-certificate.h"
#include "cd-chain.h"
#include "cd-database.h"
#include "cd-errors.h"
#include "cd-exporter.h"
#include "cd-importer.h"
#include "cd-keyring.h"
#include "cd-test-utils.h"

typedef struct
{
  CdDatabase    *database;
  CdKeyring     *keyring;
  CdExporter    *exporter;
  CdCertificate *leaf;       /* server.example.test, with its key */
  CdCertificate *intermediate;
  CdCertificate *root;
  char          *dir;        /* where exports go; empty at the start */
} Fixture;

/* ------------------------------------------------------------------ */
/* Set-up                                                               */
/* ------------------------------------------------------------------ */

static CdCertificate *
find_by_cn (CdDatabase *database,
            const char *cn)
{
  for (guint kind = 0; kind < CD_N_STORE_KINDS; kind++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) rows = cd_database_list_store (database, kind, &error);

      g_assert_no_error (error);
      for (guint i = 0; i < rows->len; i++)
        {
          CdCertificate *row = g_ptr_array_index (rows, i);

          if (g_strcmp0 (cd_certificate_get_subject_cn (row), cn) == 0)
            return g_object_ref (row);
        }
    }

  return NULL;
}

static void
import_into (CdDatabase *database,
             CdKeyring  *keyring,
             const char *path,
             const char *password)
{
  g_autoptr(CdImporter) importer = cd_importer_new (database, keyring);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CdImportResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = cd_importer_import_file (importer, file, password, CD_STORE_KIND_AUTO,
                                    NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *pfx = cd_test_fixture ("leaf.pfx");

  f->database = cd_test_open_database (NULL);
  f->keyring = cd_keyring_new (FALSE);
  import_into (f->database, f->keyring, pfx, CD_TEST_PASSWORD);
  f->exporter = cd_exporter_new (f->database, f->keyring);

  f->leaf = find_by_cn (f->database, "server.example.test");
  f->intermediate = find_by_cn (f->database, "Certdesk Test Intermediate CA");
  f->root = find_by_cn (f->database, "Certdesk Test Root CA");
  g_assert_nonnull (f->leaf);
  g_assert_nonnull (f->intermediate);
  g_assert_nonnull (f->root);
  g_assert_true (cd_certificate_get_has_private_key (f->leaf));

  f->dir = cd_test_make_tmpdir ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *quoted = g_shell_quote (f->dir);

  cd_test_run_command ("rm -rf %s", quoted);
  g_clear_pointer (&f->dir, g_free);
  g_clear_object (&f->leaf);
  g_clear_object (&f->intermediate);
  g_clear_object (&f->root);
  g_clear_object (&f->exporter);
  g_clear_object (&f->keyring);
  g_clear_object (&f->database);
}

/* ------------------------------------------------------------------ */
/* Helpers                                                              */
/* ------------------------------------------------------------------ */

static GPtrArray *
rows_of (CdCertificate *first,
         ...)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_object_unref);
  va_list args;

  va_start (args, first);
  for (CdCertificate *row = first; row != NULL; row = va_arg (args, CdCertificate *))
    g_ptr_array_add (rows, g_object_ref (row));
  va_end (args);

  return rows;
}

static char *
out_path (Fixture    *f,
          const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

/* Exports the leaf to @name in the export folder and returns its path. */
static char *
export_leaf (Fixture         *f,
             CdExportOptions *options,
             const char      *name)
{
  g_autoptr(GPtrArray) rows = rows_of (f->leaf, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = out_path (f, name);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_true (cd_exporter_export_to_file (f->exporter, rows, options, file, NULL,
                                             NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&path);
}

static gboolean
have_tool (const char *name)
{
  g_autofree char *path = g_find_program_in_path (name);

  if (path == NULL)
    {
      g_autofree char *message = g_strdup_printf ("%s is not installed", name);

      g_test_message ("%s", message);
      g_test_skip (message);
      return FALSE;
    }

  return TRUE;
}

/* Runs a shell command, its standard error merged into @out. */
static int
run_tool (char       **out,
          const char  *format,
          ...)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cmd = NULL;
  g_autofree char *full = NULL;
  const char *argv[] = { "/bin/sh", "-c", NULL, NULL };
  int status = 0;
  va_list args;

  va_start (args, format);
  cmd = g_strdup_vprintf (format, args);
  va_end (args);

  full = g_strdup_printf ("%s 2>&1", cmd);
  argv[2] = full;
  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_STDIN_FROM_DEV_NULL, NULL, NULL,
                out, NULL, &status, &error);
  g_assert_no_error (error);
  g_test_message ("%s -> %d", cmd, WIFEXITED (status) ? WEXITSTATUS (status) : -1);

  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static void
assert_tool_ok (const char *cmd,
                char      **out,
                const char *path,
                const char *password)
{
  g_autofree char *quoted = g_shell_quote (path);
  g_autofree char *output = NULL;
  int status;

  status = run_tool (&output, cmd, quoted, password);
  if (status != 0)
    g_error ("“%s” failed on %s (%d):\n%s", cmd, path, status, output);

  if (out != NULL)
    *out = g_steal_pointer (&output);
}

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;

  return n;
}

/* The labels of the PEM blocks, in order, joined with commas. */
static char *
begin_lines (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GString) labels = g_string_new (NULL);
  const char *p;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  for (p = strstr (contents, "-----BEGIN "); p != NULL; p = strstr (p, "-----BEGIN "))
    {
      const char *end;

      p += strlen ("-----BEGIN ");
      end = strstr (p, "-----");
      g_assert_nonnull (end);
      if (labels->len > 0)
        g_string_append_c (labels, ',');
      g_string_append_len (labels, p, end - p);
    }

  return g_string_free (g_steal_pointer (&labels), FALSE);
}

static guint
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);

  return st.st_mode & 07777;
}

/* A file without a key: an ordinary one, as the user's umask wants it. */
static guint
plain_mode (void)
{
  mode_t mask = umask (0);

  umask (mask);

  return 0644 & ~mask;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

/* What the folder holds: nothing at all after a failed export. */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) out = g_string_new (NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (out, "%s\n", (char *)g_ptr_array_index (names, i));

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The chain of @row in @database, as the sha256 of each element. */
static char *
chain_of (CdDatabase    *database,
          CdCertificate *row)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) der = cd_database_dup_der (database, cd_certificate_get_sha256 (row), &error);
  g_autoptr(CdChain) chain = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  GListModel *elements;

  g_assert_no_error (error);
  chain = cd_chain_build (database, der, FALSE, 0, &error);
  g_assert_no_error (error);
  elements = cd_chain_get_elements (chain);
  for (guint i = 0; i < g_list_model_get_n_items (elements); i++)
    {
      g_autoptr(CdChainElement) element = g_list_model_get_item (elements, i);

      g_string_append_printf (out, "%s\n", cd_chain_element_get_sha256 (element));
    }
  g_string_append (out, cd_chain_get_status_label (chain));

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Imports @path into a new, empty database and checks it gives back the
 * leaf: the same certificate, the same key id with the key present when
 * @with_key, and when @whole_chain the same chain with the same status.
 */
static void
assert_reimports (Fixture    *f,
                  const char *path,
                  const char *password,
                  gboolean    with_key,
                  gboolean    whole_chain)
{
  g_autoptr(CdDatabase) fresh = cd_test_open_database (NULL);
  g_autoptr(CdCertificate) leaf = NULL;

  import_into (fresh, f->keyring, path, password);
  leaf = find_by_cn (fresh, "server.example.test");
  g_assert_nonnull (leaf);
  g_assert_cmpstr (cd_certificate_get_sha256 (leaf), ==, cd_certificate_get_sha256 (f->leaf));
  g_assert_cmpstr (cd_certificate_get_key_id (leaf), ==, cd_certificate_get_key_id (f->leaf));
  g_assert_cmpint (cd_certificate_get_has_private_key (leaf), ==, with_key);

  if (whole_chain)
    {
      g_autofree char *expected = chain_of (f->database, f->leaf);
      g_autofree char *got = chain_of (fresh, leaf);

      g_assert_cmpstr (got, ==, expected);
    }
}

static gboolean
keyring_has_key (Fixture    *f,
                 const char *key_id)
{
  g_autoptr(GError) error = NULL;
  gboolean has_key = FALSE;

  g_assert_true (cd_keyring_has_key (f->keyring, key_id, &has_key, NULL, &error));
  g_assert_no_error (error);

  return has_key;
}

/* ------------------------------------------------------------------ */
/* Certificates only                                                    */
/* ------------------------------------------------------------------ */

static void
assert_openssl_fingerprint (Fixture    *f,
                            const char *path,
                            const char *inform)
{
  g_autofree char *out = NULL;
  g_autofree char *expected = cd_certificate_format_fingerprint (f->leaf);
  g_autofree char *cmd = g_strdup_printf ("openssl x509 -inform %s -noout -fingerprint -sha256 -in %%s",
                                          inform);

  assert_tool_ok (cmd, &out, path, NULL);
  cd_test_assert_contains (out, expected);
}

static void
test_der (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(CdExportOptions) options = cd_export_options_new (CD_EXPORT_FORMAT_DER);
  g_autofree char *path = export_leaf (f, options, "leaf.cer");

  assert_openssl_fingerprint (f, path, "DER");
  g_assert_cmpuint (file_mode (path), ==, plain_mode ());
  assert_reimports (f, path, NULL, FALSE, FALSE);
}

static void
test_pem (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(CdExportOptions) options = cd_export_options_new (CD_EXPORT_FORMAT_PEM);
  g_autofree char *path = export_leaf (f, options, "leaf.crt");
  g_autofree char *labels = begin_lines (path);

  assert_openssl_fingerprint (f, path, "PEM");
  g_assert_cmpstr (labels, ==, "CERTIFICATE");
  assert_reimports (f, path, NULL, FALSE, FALSE);
}

static void
test_pem_chain (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(CdExportOptions) options = cd_export_options_new (CD_EXPORT_FORMAT_PEM_CHAIN);
  g_autofree char *without_root = export_leaf (f, options, "chain-noroot.pem");
  g_autofree char *with_root = NULL;
  g_autofree char *labels = begin_lines (without_root);
  g_autofree char *out = NULL;
  const char *subjects;

  g_assert_cmpstr (labels, ==, "CERTIFICATE,CERTIFICATE");

  cd_export_options_set_include_root (options, TRUE);
  with_root = export_leaf (f, options, "chain.pem");
  g_clear_pointer (&labels, g_free);
  labels = begin_lines (with_root);
  g_assert_cmpstr (labels, ==, "CERTIFICATE,CERTIFICATE,CERTIFICATE");

  /* Leaf to root, in that order: openssl reads them one by one. */
  assert_tool_ok ("openssl crl2pkcs7 -nocrl -certfile %s | openssl pkcs7 -print_certs -noout",
                  &out, with_root, NULL);
  subjects = strstr (out, "server.example.test");
  g_assert_nonnull (subjects);
  subjects = strstr (subjects, "Intermediate CA");
  g_assert_nonnull (subjects);
  g_assert_nonnull (strstr (subjects, "Root CA"));

  assert_reimports (f, with_root, NULL, FALSE, TRUE);
}

static void
test_p7b (Fixture       *f,
          gconstpointer  data)
{
  const CdExportFormat formats[] = { CD_EXPORT_FORMAT_P7B_DER, CD_EXPORT_FORMAT_P7B_PEM };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr(CdExportOptions) options = cd_export_options_new (formats[i]);
      g_autofree char *path = NULL;
      g_autofree char *out = NULL;
      const char *cmd = i == 0 ? "openssl pkcs7 -inform DER -print_certs -noout -in %s"
                               : "openssl pkcs7 -inform PEM -print_certs -noout -in %s";

      /* Alone, then with the chain and its root. */
      path = export_leaf (f, options, "alone.p7b");
      assert_tool_ok (cmd, &out, path, NULL);
      g_assert_cmpuint (count (out, "subject="), ==, 1);
      cd_test_assert_contains (out, "subject=O = Certdesk Tests, CN = server.example.test");
      g_clear_pointer (&out, g_free);
      g_clear_pointer (&path, g_free);

      cd_export_options_set_include_chain (options, TRUE);
      cd_export_options_set_include_root (options, TRUE);
      path = export_leaf (f, options, "chain.p7b");
      assert_tool_ok (cmd, &out, path, NULL);
      g_assert_cmpuint (count (out, "subject="), ==, 3);
      cd_test_assert_contains (out, "subject=O = Certdesk Tests, CN = Certdesk Test Intermediate CA");
      cd_test_assert_contains (out, "subject=O = Certdesk Tests, CN = Certdesk Test Root CA");

      if (formats[i] == CD_EXPORT_FORMAT_P7B_PEM)
        {
          g_autofree char *labels = begin_lines (path);

          g_assert_cmpstr (labels, ==, "PKCS7");
        }

      assert_reimports (f, path, NULL, FALSE, TRUE);
    }
}

/* Several selected certificates: one PEM or PKCS #7 file of them all;
 * the formats of one certificate refuse.
 */
static void
test_several (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = rows_of (f->root, f->intermediate, f->leaf, NULL);
  g_autoptr(CdExportOptions) pem = cd_export_options_new (CD_EXPORT_FORMAT_PEM);
  g_autoptr(CdExportOptions) p7b = cd_export_options_new (CD_EXPORT_FORMAT_P7B_DER);
  g_autoptr(CdExportOptions) der = cd_export_options_new (CD_EXPORT_FORMAT_DER);
  g_autofree char *pem_path = out_path (f, "all.pem");
  g_autofree char *p7b_path = out_path (f, "all.p7b");
  g_autofree char *der_path = out_path (f, "all.cer");
  g_autoptr(GFile) pem_file = g_file_new_for_path (pem_path);
  g_autoptr(GFile) p7b_file = g_file_new_for_path (p7b_path);
  g_autoptr(GFile) der_file = g_file_new_for_path (der_path);
  g_autoptr(GError) error = NULL;
  g_autofree char *labels = NULL;
  g_autofree char *out = NULL;
  g_autofree char *listing = NULL;

  g_assert_true (cd_exporter_export_to_file (f->exporter, rows, pem, pem_file, NULL,
                                             NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  labels = begin_lines (pem_path);
  g_assert_cmpstr (labels, ==, "CERTIFICATE,CERTIFICATE,CERTIFICATE");

  g_assert_true (cd_exporter_export_to_file (f->exporter, rows, p7b, p7b_file, NULL,
                                             NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_tool_ok ("openssl pkcs7 -inform DER -print_certs -noout -in %s", &out, p7b_path, NULL);
  cd_test_assert_contains (out, "server.example.test");
  cd_test_assert_contains (out, "Intermediate CA");
  cd_test_assert_contains (out, "Root CA");

  g_assert_false (cd_exporter_export_to_file (f->exporter, rows, der, der_file, NULL,
                                              NULL, NULL, NULL, &error));
  g_assert_error (error, CD_EXPORT_ERROR, CD_EXPORT_ERROR_ONE_CERTIFICATE);
  listing = list_dir (f->dir);
  g_assert_cmpstr (listing, ==, "all.p7b\nall.pem\n");
}

/* The clipboard's PEM and the dragged DER are what the files hold. */
static void
test_bytes (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = rows_of (f->leaf, NULL);
  g_autoptr(CdExportOptions) pem = cd_export_options_new (CD_EXPORT_FORMAT_PEM);
  g_autoptr(CdExportOptions) der = cd_export_options_new (CD_EXPORT_FORMAT_DER);
  g_autoptr(GBytes) pem_bytes = NULL;
  g_autoptr(GBytes) der_bytes = NULL;
  g_autoptr(GBytes) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = export_leaf (f, pem, "leaf.pem");
  g_autofree char *contents = NULL;
  gsize len;

  pem_bytes = cd_exporter_export_to_bytes (f->exporter, rows, pem, NULL, &error);
  g_assert_no_error (error);
  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (pem_bytes, NULL), g_bytes_get_size (pem_bytes), contents, len);

  der_bytes = cd_exporter_export_to_bytes (f->exporter, rows, der, NULL, &error);
  g_assert_no_error (error);
  stored = cd_database_dup_der (f->database, cd_certificate_get_sha256 (f->leaf), &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (der_bytes, stored));
}

/* ------------------------------------------------------------------ */
/* PKCS #12                                                             */
/* ------------------------------------------------------------------ */

static void
check_pkcs12_readers (Fixture    *f,
                      const char *path,
                      gboolean    modern)
{
  g_autofree char *out = NULL;

  /* openssl, and its report of the algorithms. */
  assert_tool_ok (modern ? "openssl pkcs12 -info -noout -in %s -passin pass:%s"
                         : "openssl pkcs12 -legacy -info -noout -in %s -passin pass:%s",
                  &out, path, CD_TEST_PASSWORD);
  if (modern)
    {
      cd_test_assert_contains (out, "MAC: sha256");
      cd_test_assert_contains (out, "PBES2, PBKDF2, AES-256-CBC");
      cd_test_assert_contains (out, "Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC");
      g_assert_null (strstr (out, "TripleDES"));
    }
  else
    {
      cd_test_assert_contains (out, "MAC: sha1");
      cd_test_assert_contains (out, "PKCS7 Encrypted data: pbeWithSHA1And3-KeyTripleDES-CBC");
      cd_test_assert_contains (out, "Shrouded Keybag: pbeWithSHA1And3-KeyTripleDES-CBC");
      g_assert_null (strstr (out, "AES"));
    }
  g_clear_pointer (&out, g_free);

  assert_tool_ok ("openssl pkcs12 -info -nokeys -in %s -passin pass:%s", &out, path, CD_TEST_PASSWORD);
  cd_test_assert_contains (out, "friendlyName: Test Server");
  cd_test_assert_contains (out, "subject=O = Certdesk Tests, CN = Certdesk Test Intermediate CA");
  g_clear_pointer (&out, g_free);

  if (have_tool ("certtool"))
    {
      assert_tool_ok ("certtool --p12-info --inder --infile %s --password %s", &out, path, CD_TEST_PASSWORD);
      cd_test_assert_contains (out, modern ? "MAC: SHA256" : "MAC: SHA1");
      cd_test_assert_contains (out, modern ? "Schema: PBES2-AES256-CBC" : "Schema: PKCS12-3DES-SHA1");
      cd_test_assert_contains (out, "Type: PKCS #8 Encrypted key");
      cd_test_assert_contains (out, "Friendly name: Test Server");
      g_clear_pointer (&out, g_free);
    }

  if (have_tool ("keytool"))
    {
      assert_tool_ok ("keytool -list -storetype PKCS12 -keystore %s -storepass %s", &out, path, CD_TEST_PASSWORD);
      /* The friendly name is the alias; keytool lowers its case. */
      cd_test_assert_contains (out, "test server");
      cd_test_assert_contains (out, "PrivateKeyEntry");
      g_clear_pointer (&out, g_free);
    }

  if (have_tool ("pk12util"))
    {
      assert_tool_ok ("pk12util -l %s -W %s", &out, path, CD_TEST_PASSWORD);
      cd_test_assert_contains (out, "Certificate(has private key)");
      cd_test_assert_contains (out, "CN=server.example.test");
      cd_test_assert_contains (out, "Friendly Name: Test Server");
    }
}

static void
test_pkcs12 (Fixture       *f,
             gconstpointer  data)
{
  gboolean modern = GPOINTER_TO_INT (data);
  g_autoptr(CdExportOptions) options = NULL;
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;

  options = cd_export_options_new (modern ? CD_EXPORT_FORMAT_PKCS12 : CD_EXPORT_FORMAT_PKCS12_LEGACY);
  cd_export_options_set_password (options, CD_TEST_PASSWORD);
  cd_export_options_set_include_chain (options, TRUE);
  cd_export_options_set_include_root (options, TRUE);
  path = export_leaf (f, options, "leaf.pfx");

  g_assert_cmpuint (file_mode (path), ==, 0600);
  check_pkcs12_readers (f, path, modern);

  /* The wrong password opens nothing. */
  g_assert_cmpint (run_tool (&out, "openssl pkcs12 -legacy -info -noout -in '%s' -passin pass:wrong", path),
                   !=, 0);

  assert_reimports (f, path, CD_TEST_PASSWORD, TRUE, TRUE);
}

/* Without the chain there is only the leaf; a friendly name of one's
 * own, in UTF-8, survives; a non-ASCII password opens the file.
 */
static void
test_pkcs12_options (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(CdExportOptions) options = cd_export_options_new (CD_EXPORT_FORMAT_PKCS12);
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;

  g_autoptr(CdDatabase) fresh = NULL;
  g_autoptr(CdCertificate) leaf = NULL;

  cd_export_options_set_password (options, CD_TEST_UTF8_PASSWORD);
  cd_export_options_set_friendly_name (options, "Telefonanlage Gr\xc3\xbcn");
  path = export_leaf (f, options, "leaf.p12");

  assert_tool_ok ("openssl pkcs12 -info -nokeys -in %s -passin pass:%s", &out, path, CD_TEST_UTF8_PASSWORD);
  /* openssl prints the BMPString's U+00FC as the one byte 0xFC; UTF-8
   * bytes taken for ASCII would show as two characters.
   */
  cd_test_assert_contains (out, "friendlyName: Telefonanlage Gr\xfc" "n");
  g_assert_cmpuint (count (out, "subject="), ==, 1);
  cd_test_assert_contains (out, "subject=O = Certdesk Tests, CN = server.example.test");

  assert_reimports (f, path, CD_TEST_UTF8_PASSWORD, TRUE, FALSE);

  fresh = cd_test_open_database (NULL);
  import_into (fresh, f->keyring, path, CD_TEST_UTF8_PASSWORD);
  leaf = find_by_cn (fresh, "server.example.test");
  g_assert_cmpstr (cd_certificate_get_friendly_name (leaf), ==, "Telefonanlage Gr\xc3\xbcn");
}

/* ------------------------------------------------------------------ */
/* PEM keys                                                             */
/* ------------------------------------------------------------------ */

typedef struct
{
  const char        *name;
  CdExportKeyFormat  key_format;
  gboolean           encrypted;
  gboolean           key_first;
  gboolean           include_root;
  const char        *labels;
} PemCase;

static const PemCase pem_cases[] = {
  /* OpenScape Voice: cert → key → intermediates, PKCS #1, clear. */
  { "openscape", CD_EXPORT_KEY_FORMAT_PKCS1, FALSE, FALSE, FALSE,
    "CERTIFICATE,RSA PRIVATE KEY,CERTIFICATE" },
  { "pkcs8-clear-root", CD_EXPORT_KEY_FORMAT_PKCS8, FALSE, FALSE, TRUE,
    "CERTIFICATE,PRIVATE KEY,CERTIFICATE,CERTIFICATE" },
  { "pkcs8-encrypted-key-first", CD_EXPORT_KEY_FORMAT_PKCS8, TRUE, TRUE, FALSE,
    "ENCRYPTED PRIVATE KEY,CERTIFICATE,CERTIFICATE" },
  { "pkcs1-encrypted-key-first-root", CD_EXPORT_KEY_FORMAT_PKCS1, TRUE, TRUE, TRUE,
    "RSA PRIVATE KEY,CERTIFICATE,CERTIFICATE,CERTIFICATE" },
};

static void
test_pem_key_cert (Fixture       *f,
                   gconstpointer  data)
{
  const PemCase *c = data;
  g_autoptr(CdExportOptions) options = cd_export_options_new (CD_EXPORT_FORMAT_PEM_KEY_CERT);
  g_autofree char *path = NULL;
  g_autofree char *labels = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *out = NULL;
  g_autofree char *cmd = NULL;

  cd_export_options_set_include_chain (options, TRUE);
  cd_export_options_set_include_root (options, c->include_root);
  cd_export_options_set_key_format (options, c->key_format);
  cd_export_options_set_key_first (options, c->key_first);
  if (c->encrypted)
    cd_export_options_set_password (options, CD_TEST_PASSWORD);
  else
    cd_export_options_set_allow_unencrypted_key (options, TRUE);

  path = export_leaf (f, options, "leaf-key.pem");
  g_assert_cmpuint (file_mode (path), ==, 0600);

  labels = begin_lines (path);
  g_assert_cmpstr (labels, ==, c->labels);

  g_file_get_contents (path, &contents, NULL, NULL);
  g_assert_cmpint (strstr (contents, "Proc-Type: 4,ENCRYPTED") != NULL, ==,
                   c->encrypted && c->key_format == CD_EXPORT_KEY_FORMAT_PKCS1);

  /* openssl reads the key with the passphrase, and only with it. */
  cmd = g_strdup_printf ("openssl pkey -noout -in %%s -passin pass:%s", c->encrypted ? "%s" : "none");
  assert_tool_ok (cmd, NULL, path, CD_TEST_PASSWORD);
  if (c->encrypted)
    g_assert_cmpint (run_tool (&out, "openssl pkey -noout -in '%s' -passin pass:wrong", path), !=, 0);

  /* The key is the certificate's. */
  g_clear_pointer (&out, g_free);
  assert_tool_ok ("openssl x509 -noout -pubkey -in %s | openssl sha256", &out, path, NULL);
  {
    g_autofree char *key_out = NULL;
    g_autofree char *key_cmd = g_strdup_printf ("openssl pkey -pubout -in %%s -passin pass:%s | openssl sha256",
                                                CD_TEST_PASSWORD);

    assert_tool_ok (key_cmd, &key_out, path, NULL);
    g_assert_cmpstr (key_out, ==, out);
  }

  assert_reimports (f, path, c->encrypted ? CD_TEST_PASSWORD : NULL, TRUE, c->include_root);
}

/* Certificate and key in two files: only the key file is private. */
static void
test_two_files (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(CdExportOptions) options = cd_export_options_new (CD_EXPORT_FORMAT_PEM_KEY_CERT);
  g_autoptr(GPtrArray) rows = rows_of (f->leaf, NULL);
  g_autofree char *cert_path = out_path (f, "server.crt");
  g_autofree char *key_path = out_path (f, "server.key");
  g_autoptr(GFile) cert_file = g_file_new_for_path (cert_path);
  g_autoptr(GFile) key_file = g_file_new_for_path (key_path);
  g_autoptr(GError) error = NULL;
  g_autofree char *cert_labels = NULL;
  g_autofree char *key_labels = NULL;
  g_autoptr(CdDatabase) fresh = NULL;
  g_autoptr(CdCertificate) leaf = NULL;

  cd_export_options_set_include_chain (options, TRUE);
  cd_export_options_set_password (options, CD_TEST_PASSWORD);
  g_assert_true (cd_exporter_export_to_file (f->exporter, rows, options, cert_file, key_file,
                                             NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  cert_labels = begin_lines (cert_path);
  key_labels = begin_lines (key_path);
  g_assert_cmpstr (cert_labels, ==, "CERTIFICATE,CERTIFICATE");
  g_assert_cmpstr (key_labels, ==, "ENCRYPTED PRIVATE KEY");
  g_assert_cmpuint (file_mode (key_path), ==, 0600);
  g_assert_cmpuint (file_mode (cert_path), ==, plain_mode ());

  /* Both files, imported, give the leaf with its key. */
  fresh = cd_test_open_database (NULL);
  import_into (fresh, f->keyring, key_path, CD_TEST_PASSWORD);
  import_into (fresh, f->keyring, cert_path, NULL);
  leaf = find_by_cn (fresh, "server.example.test");
  g_assert_nonnull (leaf);
  g_assert_true (cd_certificate_get_has_private_key (leaf));
  g_assert_cmpstr (cd_certificate_get_key_id (leaf), ==, cd_certificate_get_key_id (f->leaf));
}

static void
test_key_alone (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(CdExportOptions) options = cd_export_options_new (CD_EXPORT_FORMAT_KEY);
  g_autofree char *path = NULL;
  g_autofree char *labels = NULL;
  g_autofree char *leaf_pem = cd_test_fixture ("leaf.pem");
  g_autoptr(CdDatabase) fresh = NULL;
  g_autoptr(CdCertificate) leaf = NULL;

  cd_export_options_set_key_format (options, CD_EXPORT_KEY_FORMAT_PKCS1);
  cd_export_options_set_allow_unencrypted_key (options, TRUE);
  path = export_leaf (f, options, "leaf.key");

  g_assert_cmpuint (file_mode (path), ==, 0600);
  labels = begin_lines (path);
  g_assert_cmpstr (labels, ==, "RSA PRIVATE KEY");
  assert_tool_ok ("openssl rsa -check -noout -in %s", NULL, path, NULL);

  fresh = cd_test_open_database (NULL);
  import_into (fresh, f->keyring, path, NULL);
  import_into (fresh, f->keyring, leaf_pem, NULL);
  leaf = find_by_cn (fresh, "server.example.test");
  g_assert_true (cd_certificate_get_has_private_key (leaf));
}

/* Ed25519 has no traditional form; PKCS #8 it has. */
static void
test_ed25519_pkcs1 (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *cert_path = cd_test_fixture ("ed25519.pem");
  g_autofree char *key_path = cd_test_fixture ("ed25519.key");
  g_autofree char *path = out_path (f, "ed.key");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CdExportOptions) options = cd_export_options_new (CD_EXPORT_FORMAT_KEY);
  g_autoptr(CdCertificate) ed = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *labels = NULL;

  import_into (f->database, f->keyring, key_path, NULL);
  import_into (f->database, f->keyring, cert_path, NULL);
  ed = find_by_cn (f->database, "ed25519.example.test");
  g_assert_nonnull (ed);
  rows = rows_of (ed, NULL);

  cd_export_options_set_allow_unencrypted_key (options, TRUE);
  cd_export_options_set_key_format (options, CD_EXPORT_KEY_FORMAT_PKCS1);
  g_assert_false (cd_exporter_export_to_file (f->exporter, rows, options, file, NULL,
                                              NULL, NULL, NULL, &error));
  g_assert_error (error, CD_EXPORT_ERROR, CD_EXPORT_ERROR_KEY_FORMAT);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  cd_export_options_set_key_format (options, CD_EXPORT_KEY_FORMAT_PKCS8);
  g_assert_true (cd_exporter_export_to_file (f->exporter, rows, options, file, NULL,
                                             NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  labels = begin_lines (path);
  g_assert_cmpstr (labels, ==, "PRIVATE KEY");
  assert_tool_ok ("openssl pkey -noout -text -in %s | grep -q ED25519", NULL, path, NULL);
}

/* ------------------------------------------------------------------ */
/* Refusals, failures and cancellation                                  */
/* ------------------------------------------------------------------ */

static void
assert_export_fails (Fixture         *f,
                     CdExportOptions *options,
                     GFile           *file,
                     GCancellable    *cancellable,
                     GQuark           domain,
                     int              code)
{
  g_autoptr(GPtrArray) rows = rows_of (f->leaf, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (cd_exporter_export_to_file (f->exporter, rows, options, file, NULL,
                                              NULL, NULL, cancellable, &error));
  g_assert_error (error, domain, code);
  g_test_message ("%s", error->message);
}

static void
test_unencrypted_needs_flag (Fixture       *f,
                             gconstpointer  data)
{
  const CdExportFormat formats[] = { CD_EXPORT_FORMAT_PEM_KEY_CERT, CD_EXPORT_FORMAT_KEY };
  g_autofree char *path = out_path (f, "leaf.pem");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CdExportOptions) p12 = cd_export_options_new (CD_EXPORT_FORMAT_PKCS12);
  g_autofree char *listing = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr(CdExportOptions) options = cd_export_options_new (formats[i]);
      g_autofree char *labels = NULL;

      assert_export_fails (f, options, file, NULL, CD_EXPORT_ERROR, CD_EXPORT_ERROR_UNENCRYPTED_KEY);
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

      cd_export_options_set_allow_unencrypted_key (options, TRUE);
      g_free (export_leaf (f, options, "leaf.pem"));
      labels = begin_lines (path);
      g_assert_nonnull (strstr (labels, "PRIVATE KEY"));
      g_assert_null (strstr (labels, "ENCRYPTED"));
      g_unlink (path);
    }

  /* A PKCS #12 file always has a password. */
  cd_export_options_set_allow_unencrypted_key (p12, TRUE);
  assert_export_fails (f, p12, file, NULL, CD_EXPORT_ERROR, CD_EXPORT_ERROR_PASSWORD_REQUIRED);

  listing = list_dir (f->dir);
  g_assert_cmpstr (listing, ==, "");
}

static void
test_no_key (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(CdExportOptions) options = cd_export_options_new (CD_EXPORT_FORMAT_PKCS12);
  g_autoptr(GPtrArray) rows = rows_of (f->intermediate, NULL);
  g_autofree char *path = out_path (f, "int.pfx");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;

  cd_export_options_set_password (options, CD_TEST_PASSWORD);
  g_assert_false (cd_exporter_export_to_file (f->exporter, rows, options, file, NULL,
                                              NULL, NULL, NULL, &error));
  g_assert_error (error, CD_EXPORT_ERROR, CD_EXPORT_ERROR_NO_KEY);
  cd_test_assert_contains (error->message, "Certdesk Test Intermediate CA");
  listing = list_dir (f->dir);
  g_assert_cmpstr (listing, ==, "");
}

static void
test_cancelled_before (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(CdExportOptions) options = cd_export_options_new (CD_EXPORT_FORMAT_PKCS12);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *path = out_path (f, "leaf.pfx");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *listing = NULL;

  cd_export_options_set_password (options, CD_TEST_PASSWORD);
  g_cancellable_cancel (cancellable);
  assert_export_fails (f, options, file, cancellable, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  listing = list_dir (f->dir);
  g_assert_cmpstr (listing, ==, "");
}

typedef struct
{
  GCancellable *cancellable;
  char         *dir;
  char         *seen;     /* the folder when the temporary was written */
} CancelDuring;

/* Cancels once the temporary file is written, just before the rename. */
static void
cancel_late_cb (double   fraction,
                gpointer user_data)
{
  CancelDuring *state = user_data;

  if (fraction >= 0.9 && state->seen == NULL)
    {
      state->seen = list_dir (state->dir);
      g_cancellable_cancel (state->cancellable);
    }
}

static void
test_cancelled_during (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(CdExportOptions) options = cd_export_options_new (CD_EXPORT_FORMAT_PEM_KEY_CERT);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) rows = rows_of (f->leaf, NULL);
  g_autofree char *path = out_path (f, "leaf.pem");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *contents = NULL;
  CancelDuring state = { cancellable, f->dir, NULL };

  /* An existing file is either replaced whole or left as it was. */
  g_file_set_contents (path, "old\n", -1, &error);
  g_assert_no_error (error);

  cd_export_options_set_allow_unencrypted_key (options, TRUE);
  g_assert_false (cd_exporter_export_to_file (f->exporter, rows, options, file, NULL,
                                              cancel_late_cb, &state, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* The temporary existed beside the target when it was cancelled… */
  g_assert_nonnull (state.seen);
  g_assert_true (g_str_has_prefix (state.seen, ".leaf.pem."));
  g_free (state.seen);

  /* …and is gone; the old file is untouched. */
  listing = list_dir (f->dir);
  g_assert_cmpstr (listing, ==, "leaf.pem\n");
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, "old\n");
}

static void
test_failed (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(CdExportOptions) options = cd_export_options_new (CD_EXPORT_FORMAT_PKCS12);
  g_autofree char *blocker = out_path (f, "file");
  g_autofree char *path = g_build_filename (blocker, "out.pfx", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) rows = rows_of (f->leaf, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;

  /* A path under a regular file cannot be written, even by root. */
  g_file_set_contents (blocker, "", 0, &error);
  g_assert_no_error (error);

  cd_export_options_set_password (options, CD_TEST_PASSWORD);
  cd_export_options_set_delete_key (options, TRUE);
  g_assert_false (cd_exporter_export_to_file (f->exporter, rows, options, file, NULL,
                                              NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY);
  cd_test_assert_contains (error->message, "out.pfx");

  listing = list_dir (f->dir);
  g_assert_cmpstr (listing, ==, "file\n");

  /* A failed export deletes no key. */
  g_assert_true (keyring_has_key (f, cd_certificate_get_key_id (f->leaf)));
}

static void
test_delete_key (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(CdExportOptions) options = cd_export_options_new (CD_EXPORT_FORMAT_PKCS12);
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  const char *key_id = cd_certificate_get_key_id (f->leaf);

  cd_export_options_set_password (options, CD_TEST_PASSWORD);
  cd_export_options_set_include_chain (options, TRUE);
  cd_export_options_set_delete_key (options, TRUE);
  path = export_leaf (f, options, "leaf.pfx");

  g_assert_false (keyring_has_key (f, key_id));
  found = cd_database_find (f->database, cd_certificate_get_sha256 (f->leaf),
                            CD_STORE_KIND_AUTO, &error);
  g_assert_no_error (error);
  g_assert_false (cd_certificate_get_has_private_key (g_ptr_array_index (found, 0)));

  /* The file is the only copy now, and a whole one. */
  assert_reimports (f, path, CD_TEST_PASSWORD, TRUE, FALSE);
  g_assert_true (keyring_has_key (f, key_id));
}

/* ------------------------------------------------------------------ */
/* In a worker thread                                                   */
/* ------------------------------------------------------------------ */

typedef struct
{
  GMainLoop *loop;
  gboolean   ok;
  GError    *error;
  double     last_fraction;
  guint      n_progress;
} AsyncState;

static void
async_progress_cb (double   fraction,
                   gpointer user_data)
{
  AsyncState *state = user_data;

  g_assert_cmpfloat (fraction, >=, state->last_fraction);
  state->last_fraction = fraction;
  state->n_progress++;
}

static void
async_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncState *state = user_data;

  state->ok = cd_exporter_export_finish (CD_EXPORTER (object), result, &state->error);
  g_main_loop_quit (state->loop);
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(CdExportOptions) options = cd_export_options_new (CD_EXPORT_FORMAT_PKCS12_LEGACY);
  g_autoptr(GPtrArray) rows = rows_of (f->leaf, NULL);
  g_autofree char *path = out_path (f, "leaf.pfx");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  AsyncState state = { loop, FALSE, NULL, 0, 0 };

  cd_export_options_set_password (options, CD_TEST_PASSWORD);
  cd_export_options_set_include_chain (options, TRUE);
  cd_exporter_export_async (f->exporter, rows, options, file, NULL,
                            async_progress_cb, &state, NULL, async_done_cb, &state);
  /* The options belong to the caller again: the export kept its own. */
  g_clear_pointer (&options, cd_export_options_unref);
  g_main_loop_run (loop);

  g_assert_no_error (state.error);
  g_assert_true (state.ok);
  g_assert_cmpuint (state.n_progress, >=, 2);
  g_assert_cmpfloat (state.last_fraction, ==, 1.0);
  check_pkcs12_readers (f, path, FALSE);
}

/* ------------------------------------------------------------------ */
/* The command line                                                     */
/* ------------------------------------------------------------------ */

typedef struct
{
  int   status;
  char *out;
  char *err;
} CliRun;

static CliRun *
run_cli (char       **envp,
         const char  *first_arg,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  CliRun *run = g_new0 (CliRun, 1);
  const char *cli = g_getenv ("CD_TEST_CLI");
  int wait_status = 0;
  va_list args;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *)cli);
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *)arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **)argv->pdata, envp, G_SPAWN_STDIN_FROM_DEV_NULL, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);

  return run;
}

static void
cli_run_free (CliRun *run)
{
  g_free (run->out);
  g_free (run->err);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CliRun, cli_run_free)

static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *data_home = out_path (f, "data");
  g_autofree char *password_file = out_path (f, "password");
  g_autofree char *pfx = cd_test_fixture ("leaf.pfx");
  g_autofree char *p12 = out_path (f, "cli.pfx");
  g_autofree char *pem = out_path (f, "cli.pem");
  g_autofree char *crt = out_path (f, "cli.crt");
  g_autofree char *key = out_path (f, "cli.key");
  g_autofree char *labels = NULL;
  g_autofree char *key_labels = NULL;
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "XDG_DATA_HOME", data_home, TRUE);
  const char *sha256 = cd_certificate_get_sha256 (f->leaf);
  g_autoptr(CliRun) run = NULL;
  g_autoptr(GError) error = NULL;

  g_file_set_contents (password_file, CD_TEST_PASSWORD "\n", -1, &error);
  g_assert_no_error (error);

  run = run_cli (envp, "import", "--password-file", password_file, pfx, NULL);
  g_assert_cmpint (run->status, ==, 0);
  g_clear_pointer (&run, cli_run_free);

  /* PKCS #12 with the chain, by default. */
  run = run_cli (envp, "export", sha256, "--format", "p12", "--password-file", password_file,
                 "-o", p12, NULL);
  g_assert_cmpstr (run->err, ==, "");
  g_assert_cmpint (run->status, ==, 0);
  cd_test_assert_contains (run->out, "cli.pfx");
  g_assert_cmpuint (file_mode (p12), ==, 0600);
  check_pkcs12_readers (f, p12, TRUE);
  g_clear_pointer (&run, cli_run_free);

  /* No password and no terminal: refused, nothing written. */
  run = run_cli (envp, "export", sha256, "--format", "pem-key-cert", "-o", pem, NULL);
  g_assert_cmpint (run->status, ==, 2);
  cd_test_assert_contains (run->err, "--no-key-encryption");
  g_assert_false (g_file_test (pem, G_FILE_TEST_EXISTS));
  g_clear_pointer (&run, cli_run_free);

  /* OpenScape Voice's file. */
  run = run_cli (envp, "export", sha256, "--format", "pem-key-cert", "--key-format", "pkcs1",
                 "--no-key-encryption", "-o", pem, NULL);
  g_assert_cmpint (run->status, ==, 0);
  labels = begin_lines (pem);
  g_assert_cmpstr (labels, ==, "CERTIFICATE,RSA PRIVATE KEY,CERTIFICATE");
  g_clear_pointer (&run, cli_run_free);

  /* An existing file is kept without --force. */
  run = run_cli (envp, "export", sha256, "--format", "der", "-o", pem, NULL);
  g_assert_cmpint (run->status, ==, 1);
  cd_test_assert_contains (run->err, "--force");
  g_clear_pointer (&labels, g_free);
  labels = begin_lines (pem);
  g_assert_cmpstr (labels, ==, "CERTIFICATE,RSA PRIVATE KEY,CERTIFICATE");
  g_clear_pointer (&run, cli_run_free);

  /* Two files, the key encrypted. */
  run = run_cli (envp, "export", sha256, "--format", "pem-key-cert", "--password-file", password_file,
                 "--key-out", key, "--include-root", "-o", crt, NULL);
  g_assert_cmpint (run->status, ==, 0);
  g_clear_pointer (&labels, g_free);
  labels = begin_lines (crt);
  key_labels = begin_lines (key);
  g_assert_cmpstr (labels, ==, "CERTIFICATE,CERTIFICATE,CERTIFICATE");
  g_assert_cmpstr (key_labels, ==, "ENCRYPTED PRIVATE KEY");
  g_assert_cmpuint (file_mode (key), ==, 0600);
  g_clear_pointer (&run, cli_run_free);

  /* Standard output takes certificates, never a key. */
  run = run_cli (envp, "export", sha256, "--format", "pem", "-o", "-", NULL);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_true (g_str_has_prefix (run->out, "-----BEGIN CERTIFICATE-----\n"));
  g_clear_pointer (&run, cli_run_free);
  run = run_cli (envp, "export", sha256, "--format", "key", "--no-key-encryption", "-o", "-", NULL);
  g_assert_cmpint (run->status, ==, 1);
  g_assert_cmpstr (run->out, ==, "");
  g_clear_pointer (&run, cli_run_free);

  run = run_cli (envp, "export", sha256, "--format", "pfx", "-o", p12, NULL);
  g_assert_cmpint (run->status, ==, 2);
  cd_test_assert_contains (run->err, "p12-legacy");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, data) \
  g_test_add ("/certdesk/export/" path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD ("der", test_der, NULL);
  ADD ("pem", test_pem, NULL);
  ADD ("pem-chain", test_pem_chain, NULL);
  ADD ("p7b", test_p7b, NULL);
  ADD ("several", test_several, NULL);
  ADD ("bytes", test_bytes, NULL);
  ADD ("pkcs12/modern", test_pkcs12, GINT_TO_POINTER (TRUE));
  ADD ("pkcs12/compatible", test_pkcs12, GINT_TO_POINTER (FALSE));
  ADD ("pkcs12/options", test_pkcs12_options, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (pem_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/certdesk/export/pem-key-cert/%s", pem_cases[i].name);

      g_test_add (path, Fixture, &pem_cases[i], fixture_set_up, test_pem_key_cert, fixture_tear_down);
    }
  ADD ("pem-key-cert/two-files", test_two_files, NULL);
  ADD ("key", test_key_alone, NULL);
  ADD ("key/ed25519-pkcs1", test_ed25519_pkcs1, NULL);
  ADD ("unencrypted-needs-flag", test_unencrypted_needs_flag, NULL);
  ADD ("no-key", test_no_key, NULL);
  ADD ("cancelled-before", test_cancelled_before, NULL);
  ADD ("cancelled-during", test_cancelled_during, NULL);
  ADD ("failed", test_failed, NULL);
  ADD ("delete-key", test_delete_key, NULL);
  ADD ("async", test_async, NULL);
  ADD ("cli", test_cli, NULL);

#undef ADD

  return g_test_run ();
}
