/* test-chain.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Chain building and verification on chains openssl made at test time
 * (make-chain-fixtures.sh): each case imports its pieces into a fresh
 * real database, in the stores it names, and checks the status of every
 * certificate of the path, first through the core, then through
 * "certdesk-cli verify" ($CD_TEST_CLI) on the same database. Every
 * fixture has fixed dates and every check a fixed time, so the answers
 * do not depend on the day the tests run.
 */

#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include <json-glib/json-glib.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "cd-chain.h"
#include "cd-database.h"
#include "cd-errors.h"
#include "cd-importer.h"
#include "cd-keyring.h"
#include "cd-store-kind.h"
#include "cd-test-utils.h"

/* 2026-06-01 00:00:00 UTC: inside every "valid" fixture's dates. */
#define CHAIN_NOW      G_GINT64_CONSTANT (1780272000)
#define CHAIN_NOW_DATE "2026-06-01"

/* More than any chain here; ends the expected lists. */
#define MAX_ELEMENTS 4

typedef struct
{
  const char    *cn;
  CdChainStatus  status;
  gboolean       inherited;
  gboolean       in_stores;
} Expected;

typedef struct
{
  const char    *name;
  const char    *imports;   /* "store=file store=file …" */
  const char    *target;    /* the fixture verified */
  CdChainStatus  status;    /* of the whole chain */
  Expected       elements[MAX_ELEMENTS];   /* root first; ends at cn == NULL */
} ChainCase;

#define ROOT_CN  "Certdesk Chain Root CA"
#define INT_CN   "Certdesk Chain Intermediate CA"
#define LEAF_CN  "valid.chain.test"

#define OK   CD_CHAIN_STATUS_VALID
#define OWN  FALSE
#define FROM_ABOVE TRUE
#define STORED TRUE
#define LOOSE  FALSE

static const ChainCase cases[] = {
  { "valid", "root=root.pem ca=int.pem", "leaf.pem", OK,
    { { ROOT_CN, OK, OWN, STORED },
      { INT_CN, OK, OWN, STORED },
      { LEAF_CN, OK, OWN, LOOSE } } },
  /* Intermediates come from any store, not only Intermediate CAs. */
  { "valid-from-other-stores", "root=root.pem addressbook=int.pem my=leaf.pem", "leaf.pem", OK,
    { { ROOT_CN, OK, OWN, STORED },
      { INT_CN, OK, OWN, STORED },
      { LEAF_CN, OK, OWN, STORED } } },
  { "root-alone", "root=root.pem", "root.pem", OK,
    { { ROOT_CN, OK, OWN, STORED } } },
  { "intermediate", "root=root.pem ca=int.pem", "int.pem", OK,
    { { ROOT_CN, OK, OWN, STORED },
      { INT_CN, OK, OWN, STORED } } },
  { "expired-intermediate", "root=root.pem ca=expired-int.pem", "expired-int-leaf.pem",
    CD_CHAIN_STATUS_EXPIRED,
    { { ROOT_CN, OK, OWN, STORED },
      { "Certdesk Chain Expired Intermediate CA", CD_CHAIN_STATUS_EXPIRED, OWN, STORED },
      { "under-expired.chain.test", CD_CHAIN_STATUS_EXPIRED, FROM_ABOVE, LOOSE } } },
  { "missing-intermediate", "root=root.pem ca=int.pem", "orphan-leaf.pem",
    CD_CHAIN_STATUS_ISSUER_UNKNOWN,
    { { "orphan.chain.test", CD_CHAIN_STATUS_ISSUER_UNKNOWN, OWN, LOOSE } } },
  { "self-signed-leaf", "addressbook=self-signed.pem", "self-signed.pem",
    CD_CHAIN_STATUS_UNTRUSTED_ROOT,
    { { "self.chain.test", CD_CHAIN_STATUS_UNTRUSTED_ROOT, OWN, STORED } } },
  /* What the untrusted-root label tells people to do, done. */
  { "self-signed-leaf-trusted", "root=self-signed.pem", "self-signed.pem", OK,
    { { "self.chain.test", OK, OWN, STORED } } },
  { "untrusted-root", "addressbook=other-root.pem", "other-leaf.pem",
    CD_CHAIN_STATUS_UNTRUSTED_ROOT,
    { { "Certdesk Chain Other Root CA", CD_CHAIN_STATUS_UNTRUSTED_ROOT, OWN, STORED },
      { "other.chain.test", CD_CHAIN_STATUS_UNTRUSTED_ROOT, FROM_ABOVE, LOOSE } } },
  { "bad-signature", "root=root.pem ca=int.pem", "bad-signature-leaf.pem",
    CD_CHAIN_STATUS_BAD_SIGNATURE,
    { { ROOT_CN, OK, OWN, STORED },
      { INT_CN, OK, OWN, STORED },
      { "badsig.chain.test", CD_CHAIN_STATUS_BAD_SIGNATURE, OWN, LOOSE } } },
  { "name-constraints-violated", "root=root.pem ca=nc-int.pem", "nc-evil-leaf.pem",
    CD_CHAIN_STATUS_NAME_CONSTRAINTS,
    { { ROOT_CN, OK, OWN, STORED },
      { "Certdesk Chain Constrained Intermediate CA", OK, OWN, STORED },
      { "evil.test", CD_CHAIN_STATUS_NAME_CONSTRAINTS, OWN, LOOSE } } },
  { "name-constraints-kept", "root=root.pem ca=nc-int.pem", "nc-good-leaf.pem", OK,
    { { ROOT_CN, OK, OWN, STORED },
      { "Certdesk Chain Constrained Intermediate CA", OK, OWN, STORED },
      { "www.good.test", OK, OWN, LOOSE } } },
  { "distrusted-intermediate", "root=root.pem disallowed=distrusted-int.pem", "distrusted-leaf.pem",
    CD_CHAIN_STATUS_DISTRUSTED,
    { { ROOT_CN, OK, OWN, STORED },
      { "Certdesk Chain Distrusted Intermediate CA", CD_CHAIN_STATUS_DISTRUSTED, OWN, STORED },
      { "distrusted.chain.test", CD_CHAIN_STATUS_DISTRUSTED, FROM_ABOVE, LOOSE } } },
  /* Untrusted Certificates wins over Intermediate CAs holding it too. */
  { "distrusted-intermediate-also-in-ca",
    "root=root.pem ca=distrusted-int.pem disallowed=distrusted-int.pem", "distrusted-leaf.pem",
    CD_CHAIN_STATUS_DISTRUSTED,
    { { ROOT_CN, OK, OWN, STORED },
      { "Certdesk Chain Distrusted Intermediate CA", CD_CHAIN_STATUS_DISTRUSTED, OWN, STORED },
      { "distrusted.chain.test", CD_CHAIN_STATUS_DISTRUSTED, FROM_ABOVE, LOOSE } } },
  /* A root moved to Untrusted Certificates: everything below turns red. */
  { "distrusted-root", "disallowed=root.pem ca=int.pem", "leaf.pem", CD_CHAIN_STATUS_DISTRUSTED,
    { { ROOT_CN, CD_CHAIN_STATUS_DISTRUSTED, OWN, STORED },
      { INT_CN, CD_CHAIN_STATUS_DISTRUSTED, FROM_ABOVE, STORED },
      { LEAF_CN, CD_CHAIN_STATUS_DISTRUSTED, FROM_ABOVE, LOOSE } } },
  { "distrusted-root-also-trusted", "root=root.pem disallowed=root.pem ca=int.pem", "leaf.pem",
    CD_CHAIN_STATUS_DISTRUSTED,
    { { ROOT_CN, CD_CHAIN_STATUS_DISTRUSTED, OWN, STORED },
      { INT_CN, CD_CHAIN_STATUS_DISTRUSTED, FROM_ABOVE, STORED },
      { LEAF_CN, CD_CHAIN_STATUS_DISTRUSTED, FROM_ABOVE, LOOSE } } },
  { "not-yet-valid", "root=root.pem ca=int.pem", "future-leaf.pem", CD_CHAIN_STATUS_NOT_YET_VALID,
    { { ROOT_CN, OK, OWN, STORED },
      { INT_CN, OK, OWN, STORED },
      { "future.chain.test", CD_CHAIN_STATUS_NOT_YET_VALID, OWN, LOOSE } } },
};

typedef struct
{
  char       *data_home;   /* XDG_DATA_HOME for the CLI; the database is inside */
  CdDatabase *database;
  CdKeyring  *keyring;
  CdImporter *importer;
} Fixture;

/* ------------------------------------------------------------------ */
/* Fixtures                                                             */
/* ------------------------------------------------------------------ */

static char *chain_dir;

static void
remove_chain_dir (void)
{
  if (chain_dir != NULL && g_getenv ("CD_TEST_KEEP_FIXTURES") == NULL)
    {
      g_autofree char *quoted = g_shell_quote (chain_dir);

      cd_test_run_command ("rm -rf %s", quoted);
    }
}

/* Runs make-chain-fixtures.sh once per program, into a fresh folder. */
static char *
chain_fixture (const char *name)
{
  g_autofree char *path = NULL;

  if (chain_dir == NULL)
    {
      g_autofree char *script = g_test_build_filename (G_TEST_DIST, "make-chain-fixtures.sh", NULL);
      g_autofree char *quoted_script = g_shell_quote (script);
      g_autofree char *quoted_dir = NULL;

      chain_dir = cd_test_make_tmpdir ();
      quoted_dir = g_shell_quote (chain_dir);
      cd_test_run_command ("sh %s %s", quoted_script, quoted_dir);
      atexit (remove_chain_dir);
    }

  path = g_build_filename (chain_dir, name, NULL);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  return g_steal_pointer (&path);
}

/* The DER of a fixture, by OpenSSL's own reading of the PEM file. */
static GBytes *
fixture_der (const char *name)
{
  g_autofree char *path = chain_fixture (name);
  unsigned char *der = NULL;
  GBytes *bytes;
  X509 *cert;
  BIO *bio;
  int len;

  bio = BIO_new_file (path, "r");
  g_assert_nonnull (bio);
  cert = PEM_read_bio_X509 (bio, NULL, NULL, NULL);
  BIO_free (bio);
  g_assert_nonnull (cert);

  len = i2d_X509 (cert, &der);
  g_assert_cmpint (len, >, 0);
  bytes = g_bytes_new (der, len);
  OPENSSL_free (der);
  X509_free (cert);

  return bytes;
}

/* What "openssl x509 -fingerprint -sha256" says, as lower-case hex. */
static char *
openssl_sha256 (const char *name)
{
  g_autofree char *path = chain_fixture (name);
  g_autofree char *quoted = g_shell_quote (path);
  g_autofree char *command = g_strdup_printf ("openssl x509 -in %s -noout -fingerprint -sha256", quoted);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  GString *hex = g_string_new (NULL);
  int status = 0;
  const char *p;

  g_spawn_command_line_sync (command, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  p = strchr (out, '=');
  g_assert_nonnull (p);
  for (p++; *p != '\0' && *p != '\n'; p++)
    {
      if (*p != ':')
        g_string_append_c (hex, g_ascii_tolower (*p));
    }

  return g_string_free (hex, FALSE);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->data_home = cd_test_make_tmpdir ();
  path = g_build_filename (f->data_home, "certdesk", "certdesk.db", NULL);
  f->database = cd_database_open (path, &error);
  g_assert_no_error (error);
  f->keyring = cd_keyring_new (FALSE);
  f->importer = cd_importer_new (f->database, f->keyring);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *quoted = g_shell_quote (f->data_home);

  g_clear_object (&f->importer);
  g_clear_object (&f->keyring);
  g_clear_object (&f->database);
  cd_test_run_command ("rm -rf %s", quoted);
  g_clear_pointer (&f->data_home, g_free);
}

static void
import_into (Fixture     *f,
             CdStoreKind  kind,
             const char  *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = chain_fixture (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CdImportResult) result = NULL;

  result = cd_importer_import_file (f->importer, file, NULL, kind, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cd_import_result_get_added (result, kind), ==, 1);
}

/* "root=root.pem ca=int.pem" */
static void
import_all (Fixture    *f,
            const char *imports)
{
  g_auto(GStrv) items = g_strsplit (imports, " ", -1);

  for (guint i = 0; items[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (items[i], "=", 2);
      CdStoreKind kind;

      g_assert_true (cd_store_kind_from_id (pair[0], &kind));
      import_into (f, kind, pair[1]);
    }
}

static CdChain *
build (Fixture    *f,
       const char *name,
       gboolean    system_anchors,
       gint64      now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) der = fixture_der (name);
  CdChain *chain = cd_chain_build (f->database, der, system_anchors, now, &error);

  g_assert_no_error (error);
  g_assert_nonnull (chain);

  return chain;
}

/* Borrowed: the chain's model keeps the element as long as it lives. */
static CdChainElement *
element_at (CdChain *chain,
            guint    i)
{
  g_autoptr(CdChainElement) element = g_list_model_get_item (cd_chain_get_elements (chain), i);

  g_assert_nonnull (element);

  return element;
}

static guint
n_expected (const Expected *expected)
{
  guint n = 0;

  while (n < MAX_ELEMENTS && expected[n].cn != NULL)
    n++;

  return n;
}

/* Every element's name, status and origin, then the chain's status,
 * which is always the leaf's.
 */
static void
assert_chain (CdChain        *chain,
              CdChainStatus   status,
              const Expected *expected)
{
  GListModel *elements = cd_chain_get_elements (chain);
  guint n = n_expected (expected);

  g_assert_cmpuint (g_list_model_get_n_items (elements), ==, n);

  for (guint i = 0; i < n; i++)
    {
      CdChainElement *element = element_at (chain, i);
      const char *label = cd_chain_element_get_status_label (element);

      g_test_message ("%u: %s: %s (%s)", i, cd_chain_element_get_subject_cn (element), label,
                      cd_chain_element_get_detail (element));
      g_assert_cmpstr (cd_chain_element_get_subject_cn (element), ==, expected[i].cn);
      g_assert_cmpstr (cd_chain_status_to_id (cd_chain_element_get_status (element)), ==,
                       cd_chain_status_to_id (expected[i].status));
      g_assert_cmpint (cd_chain_element_get_inherited (element), ==, expected[i].inherited);
      g_assert_cmpint (cd_chain_element_get_in_stores (element), ==, expected[i].in_stores);
      g_assert_false (cd_chain_element_get_from_system (element));

      /* An inherited problem is told as one above, an own one is not. */
      if (expected[i].inherited)
        g_assert_cmpstr (label, !=, cd_chain_status_get_label (expected[i].status));
      else
        g_assert_cmpstr (label, ==, cd_chain_status_get_label (expected[i].status));

      /* OpenSSL's reasons go with the certificate it complained about;
       * distrust is ours, and OpenSSL may have nothing to say.
       */
      if (expected[i].status == OK || expected[i].inherited)
        g_assert_null (cd_chain_element_get_detail (element));
      else if (expected[i].status != CD_CHAIN_STATUS_DISTRUSTED)
        g_assert_nonnull (cd_chain_element_get_detail (element));
    }

  g_assert_cmpstr (cd_chain_status_to_id (cd_chain_get_status (chain)), ==,
                   cd_chain_status_to_id (status));
  g_assert_cmpstr (cd_chain_get_status_label (chain), ==,
                   cd_chain_element_get_status_label (element_at (chain, n - 1)));
}

/* ------------------------------------------------------------------ */
/* The core                                                             */
/* ------------------------------------------------------------------ */

static void
test_case (Fixture       *f,
           gconstpointer  data)
{
  const ChainCase *c = data;
  g_autoptr(CdChain) chain = NULL;

  import_all (f, c->imports);
  chain = build (f, c->target, FALSE, CHAIN_NOW);
  assert_chain (chain, c->status, c->elements);
}

/* Fingerprints and DER of the path are those of the files openssl made. */
static void
test_valid_elements (Fixture       *f,
                     gconstpointer  data)
{
  static const char *files[] = { "root.pem", "int.pem", "leaf.pem" };
  g_autoptr(CdChain) chain = NULL;

  import_all (f, "root=root.pem ca=int.pem");
  chain = build (f, "leaf.pem", FALSE, CHAIN_NOW);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      CdChainElement *element = element_at (chain, i);
      g_autofree char *sha256 = openssl_sha256 (files[i]);
      g_autoptr(GBytes) der = fixture_der (files[i]);
      g_autofree char *label = NULL;
      g_autofree char *cn = NULL;
      GBytes *prop_der = NULL;
      int status = -1;

      g_assert_cmpstr (cd_chain_element_get_sha256 (element), ==, sha256);
      g_assert_true (g_bytes_equal (cd_chain_element_get_der (element), der));

      /* The properties the Certification Path page binds to. */
      g_object_get (element, "status", &status, "status-label", &label, "subject-cn", &cn,
                    "der", &prop_der, NULL);
      g_assert_cmpint (status, ==, CD_CHAIN_STATUS_VALID);
      g_assert_cmpstr (label, ==, "This certificate is OK.");
      g_assert_cmpstr (cn, ==, cd_chain_element_get_subject_cn (element));
      g_assert_true (g_bytes_equal (prop_der, der));
      g_bytes_unref (prop_der);
    }

  g_assert_cmpstr (cd_chain_get_status_label (chain), ==, "This certificate is OK.");
}

/* The same chain at other times: `now` is honoured, and two expired
 * certificates each say so for themselves.
 */
static void
test_check_time (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(CdChain) before = NULL;
  g_autoptr(CdChain) leaf_expired = NULL;
  g_autoptr(CdChain) int_expired = NULL;
  const Expected before_expected[] = {
    { ROOT_CN, CD_CHAIN_STATUS_NOT_YET_VALID, OWN, STORED },
    { INT_CN, CD_CHAIN_STATUS_NOT_YET_VALID, OWN, STORED },
    { LEAF_CN, CD_CHAIN_STATUS_NOT_YET_VALID, OWN, LOOSE },
    { NULL },
  };
  const Expected leaf_expected[] = {
    { ROOT_CN, OK, OWN, STORED },
    { INT_CN, OK, OWN, STORED },
    { LEAF_CN, CD_CHAIN_STATUS_EXPIRED, OWN, LOOSE },
    { NULL },
  };
  const Expected int_expected[] = {
    { ROOT_CN, OK, OWN, STORED },
    { INT_CN, CD_CHAIN_STATUS_EXPIRED, OWN, STORED },
    { LEAF_CN, CD_CHAIN_STATUS_EXPIRED, OWN, LOOSE },
    { NULL },
  };

  import_all (f, "root=root.pem ca=int.pem");

  /* 2024-06-01, 2036-06-01 and 2041-06-01 */
  before = build (f, "leaf.pem", FALSE, G_GINT64_CONSTANT (1717200000));
  assert_chain (before, CD_CHAIN_STATUS_NOT_YET_VALID, before_expected);
  leaf_expired = build (f, "leaf.pem", FALSE, G_GINT64_CONSTANT (2095977600));
  assert_chain (leaf_expired, CD_CHAIN_STATUS_EXPIRED, leaf_expected);
  int_expired = build (f, "leaf.pem", FALSE, G_GINT64_CONSTANT (2253830400));
  assert_chain (int_expired, CD_CHAIN_STATUS_EXPIRED, int_expected);
}

/* The General page's line for a leaf under an expired intermediate
 * names the intermediate as the culprit.
 */
static void
test_inherited_label (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(CdChain) chain = NULL;

  import_all (f, "root=root.pem ca=expired-int.pem");
  chain = build (f, "expired-int-leaf.pem", FALSE, CHAIN_NOW);

  g_assert_cmpstr (cd_chain_get_status_label (chain), ==,
                   "A certificate above this one in the chain has expired.");
  g_assert_cmpstr (cd_chain_element_get_detail (element_at (chain, 1)), ==,
                   "certificate has expired");
}

/* Only the certificates that can be on the path matter: a store full of
 * unrelated certificates, some with the issuer's name but another key,
 * changes nothing.
 */
static void
test_crowded_stores (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(CdChain) chain = NULL;
  const Expected expected[] = {
    { ROOT_CN, OK, OWN, STORED },
    { INT_CN, OK, OWN, STORED },
    { LEAF_CN, OK, OWN, LOOSE },
    { NULL },
  };

  import_all (f, "root=root.pem root=other-root.pem ca=int.pem ca=nc-int.pem ca=expired-int.pem "
                 "addressbook=self-signed.pem addressbook=orphan-leaf.pem my=distrusted-leaf.pem "
                 "disallowed=distrusted-int.pem");
  chain = build (f, "leaf.pem", FALSE, CHAIN_NOW);
  assert_chain (chain, OK, expected);
}

static void
test_system_anchors (Fixture       *f,
                     gconstpointer  data)
{
  const char *bundle = X509_get_default_cert_file ();
  g_autoptr(GBytes) der = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CdChain) alone = NULL;
  g_autoptr(CdChain) with_system = NULL;
  g_autoptr(CdChain) distrusted = NULL;
  g_autoptr(CdChain) ours = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(CdImportResult) result = NULL;
  g_autofree char *pem_path = NULL;
  CdChainElement *element;
  time_t now = time (NULL);
  X509 *cert = NULL;
  BIO *bio;

  bio = BIO_new_file (bundle, "r");
  if (bio == NULL)
    {
      g_test_skip ("The system has no trust bundle");
      return;
    }

  /* The first root that is valid today. */
  while ((cert = PEM_read_bio_X509 (bio, NULL, NULL, NULL)) != NULL)
    {
      if (X509_cmp_time (X509_get0_notBefore (cert), &now) < 0 &&
          X509_cmp_time (X509_get0_notAfter (cert), &now) > 0)
        break;
      X509_free (cert);
    }
  BIO_free (bio);
  if (cert == NULL)
    {
      g_test_skip ("The system trust bundle holds no root valid today");
      return;
    }

  {
    unsigned char *buf = NULL;
    int len = i2d_X509 (cert, &buf);

    der = g_bytes_new (buf, len);
    OPENSSL_free (buf);
  }

  alone = cd_chain_build (f->database, der, FALSE, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cd_chain_get_status (alone), ==, CD_CHAIN_STATUS_UNTRUSTED_ROOT);

  with_system = cd_chain_build (f->database, der, TRUE, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cd_chain_get_status (with_system), ==, CD_CHAIN_STATUS_VALID);
  g_assert_cmpuint (g_list_model_get_n_items (cd_chain_get_elements (with_system)), ==, 1);
  element = element_at (with_system, 0);
  g_assert_true (cd_chain_element_get_from_system (element));
  g_assert_false (cd_chain_element_get_in_stores (element));

  /* Untrusted Certificates overrides the system too. */
  pem_path = g_build_filename (f->data_home, "system-root.pem", NULL);
  bio = BIO_new_file (pem_path, "w");
  g_assert_nonnull (bio);
  g_assert_true (PEM_write_bio_X509 (bio, cert));
  BIO_free (bio);
  X509_free (cert);
  file = g_file_new_for_path (pem_path);
  result = cd_importer_import_file (f->importer, file, NULL, CD_STORE_KIND_DISALLOWED,
                                    NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  distrusted = cd_chain_build (f->database, der, TRUE, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cd_chain_get_status (distrusted), ==, CD_CHAIN_STATUS_DISTRUSTED);
  g_assert_true (cd_chain_element_get_in_stores (element_at (distrusted, 0)));

  /* Our own chain stays ours with the system's roots added. */
  import_all (f, "root=root.pem ca=int.pem");
  ours = build (f, "leaf.pem", TRUE, CHAIN_NOW);
  g_assert_cmpint (cd_chain_get_status (ours), ==, CD_CHAIN_STATUS_VALID);
  for (guint i = 0; i < 3; i++)
    g_assert_false (cd_chain_element_get_from_system (element_at (ours, i)));
}

static void
test_not_a_certificate (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) garbage = g_bytes_new_static ("\x30\x03\x02\x01\x01", 5);
  g_autoptr(GBytes) der = fixture_der ("leaf.pem");
  g_autoptr(GByteArray) trailing = g_byte_array_new ();
  g_autoptr(GBytes) with_trailing = NULL;
  CdChain *chain;

  chain = cd_chain_build (f->database, garbage, FALSE, CHAIN_NOW, &error);
  g_assert_error (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_CORRUPT);
  g_assert_null (chain);
  g_clear_error (&error);

  /* Bytes after the certificate are not silently ignored. */
  g_byte_array_append (trailing, g_bytes_get_data (der, NULL), g_bytes_get_size (der));
  g_byte_array_append (trailing, (const guint8 *)"xx", 2);
  with_trailing = g_byte_array_free_to_bytes (g_steal_pointer (&trailing));
  chain = cd_chain_build (f->database, with_trailing, FALSE, CHAIN_NOW, &error);
  g_assert_error (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_CORRUPT);
  g_assert_null (chain);
}

static void
test_status_ids (void)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) labels = g_hash_table_new (g_str_hash, g_str_equal);

  for (CdChainStatus s = CD_CHAIN_STATUS_VALID; s <= CD_CHAIN_STATUS_INVALID; s++)
    {
      g_assert_true (g_hash_table_add (ids, (gpointer)cd_chain_status_to_id (s)));
      g_assert_true (g_hash_table_add (labels, (gpointer)cd_chain_status_get_label (s)));
    }

  /* Scripts depend on these. */
  g_assert_cmpstr (cd_chain_status_to_id (CD_CHAIN_STATUS_VALID), ==, "valid");
  g_assert_cmpstr (cd_chain_status_to_id (CD_CHAIN_STATUS_EXPIRED), ==, "expired");
  g_assert_cmpstr (cd_chain_status_to_id (CD_CHAIN_STATUS_NOT_YET_VALID), ==, "not_yet_valid");
  g_assert_cmpstr (cd_chain_status_to_id (CD_CHAIN_STATUS_ISSUER_UNKNOWN), ==, "issuer_unknown");
  g_assert_cmpstr (cd_chain_status_to_id (CD_CHAIN_STATUS_UNTRUSTED_ROOT), ==, "untrusted_root");
  g_assert_cmpstr (cd_chain_status_to_id (CD_CHAIN_STATUS_DISTRUSTED), ==, "distrusted");
  g_assert_cmpstr (cd_chain_status_to_id (CD_CHAIN_STATUS_BAD_SIGNATURE), ==, "bad_signature");
  g_assert_cmpstr (cd_chain_status_to_id (CD_CHAIN_STATUS_NAME_CONSTRAINTS), ==, "name_constraints");
  g_assert_cmpstr (cd_chain_status_to_id (CD_CHAIN_STATUS_INVALID), ==, "invalid");
}

/* ------------------------------------------------------------------ */
/* certdesk-cli verify                                                  */
/* ------------------------------------------------------------------ */

typedef struct
{
  int   status;
  char *out;
  char *err;
} CliRun;

static void
cli_run_free (CliRun *run)
{
  g_free (run->out);
  g_free (run->err);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CliRun, cli_run_free)

/* Runs certdesk-cli on the fixture's database with the arguments that
 * follow, up to NULL.
 */
static CliRun *
run_cli (Fixture    *f,
         const char *first_arg,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  const char *cli = g_getenv ("CD_TEST_CLI");
  CliRun *run = g_new0 (CliRun, 1);
  int wait_status = 0;
  va_list args;

  g_assert_nonnull (cli);
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", f->data_home, TRUE);

  g_ptr_array_add (argv, (char *)cli);
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *)arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **)argv->pdata, envp, G_SPAWN_STDIN_FROM_DEV_NULL, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  if (!WIFEXITED (wait_status))
    g_error ("%s died with signal %d; its standard error:\n%s", cli, WTERMSIG (wait_status), run->err);
  run->status = WEXITSTATUS (wait_status);

  return run;
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));

  return json_object_ref (json_node_get_object (root));
}

/* The exit status and the JSON of "verify FILE --json" say what the
 * core said: the chain's id and each element's, root first.
 */
static void
test_cli_case (Fixture       *f,
               gconstpointer  data)
{
  const ChainCase *c = data;
  g_autofree char *target = chain_fixture (c->target);
  g_autoptr(CliRun) run = NULL;
  g_autoptr(CliRun) text_run = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_auto(GStrv) lines = NULL;
  JsonArray *chain;
  guint n = n_expected (c->elements);

  import_all (f, c->imports);

  run = run_cli (f, "verify", target, "--at", CHAIN_NOW_DATE, "--json", NULL);
  g_assert_cmpstr (run->err, ==, "");
  g_assert_cmpint (run->status, ==, c->status == OK ? 0 : 1);

  object = parse_object (run->out);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==,
                   cd_chain_status_to_id (c->status));
  g_assert_cmpint (json_object_get_boolean_member (object, "valid"), ==, c->status == OK);

  chain = json_object_get_array_member (object, "chain");
  g_assert_cmpuint (json_array_get_length (chain), ==, n);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *element = json_array_get_object_element (chain, i);

      g_assert_cmpstr (json_object_get_string_member (element, "subject_cn"), ==, c->elements[i].cn);
      g_assert_cmpstr (json_object_get_string_member (element, "status"), ==,
                       cd_chain_status_to_id (c->elements[i].status));
      g_assert_cmpint (json_object_get_boolean_member (element, "inherited"), ==,
                       c->elements[i].inherited);
      g_assert_cmpint (json_object_get_boolean_member (element, "in_stores"), ==,
                       c->elements[i].in_stores);
      g_assert_cmpuint (strlen (json_object_get_string_member (element, "sha256")), ==, 64);
    }

  /* The text: one line per certificate, one more indent per level, the
   * leaf's line ending with its status.
   */
  text_run = run_cli (f, "verify", target, "--at", CHAIN_NOW_DATE, NULL);
  g_assert_cmpint (text_run->status, ==, run->status);
  lines = g_strsplit (text_run->out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, n + 1);
  g_assert_cmpstr (lines[n], ==, "");
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *indent = g_strnfill (i * 2, ' ');
      g_autofree char *start = g_strconcat (indent, c->elements[i].cn, NULL);

      g_assert_true (g_str_has_prefix (lines[i], start));
      g_assert_false (g_ascii_isspace (lines[i][i * 2]));
    }
  g_assert_nonnull (strstr (lines[n - 1], json_object_get_string_member (object, "status_label")));
}

/* By fingerprint (colons, upper case, as other tools print it), and by
 * the time of day: without --at, "now" is today.
 */
static void
test_cli_fingerprint (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *sha256 = openssl_sha256 ("leaf.pem");
  g_autofree char *int_sha256 = openssl_sha256 ("expired-int.pem");
  g_autoptr(GString) colons = g_string_new (NULL);
  g_autoptr(CliRun) valid = NULL;
  g_autoptr(CliRun) later = NULL;
  g_autoptr(CliRun) expired = NULL;
  g_autoptr(CliRun) today = NULL;
  g_autoptr(JsonObject) object = NULL;

  import_all (f, "root=root.pem ca=int.pem my=leaf.pem ca=expired-int.pem");

  for (guint i = 0; sha256[i] != '\0'; i += 2)
    g_string_append_printf (colons, "%s%c%c", i > 0 ? ":" : "",
                            g_ascii_toupper (sha256[i]), g_ascii_toupper (sha256[i + 1]));

  valid = run_cli (f, "verify", colons->str, "--at", CHAIN_NOW_DATE, NULL);
  g_assert_cmpint (valid->status, ==, 0);
  g_assert_cmpstr (valid->err, ==, "");

  later = run_cli (f, "verify", colons->str, "--at", "2036-06-01T12:00:00Z", "--json", NULL);
  g_assert_cmpint (later->status, ==, 1);
  object = parse_object (later->out);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "expired");

  /* A prefix is enough, as for "show". */
  int_sha256[12] = '\0';
  expired = run_cli (f, "verify", int_sha256, "--at", CHAIN_NOW_DATE, NULL);
  g_assert_cmpint (expired->status, ==, 1);
  g_assert_nonnull (strstr (expired->out, "This certificate has expired."));

  /* The fixtures are valid until 2035: today is inside. */
  today = run_cli (f, "verify", sha256, NULL);
  g_assert_cmpint (today->status, ==, 0);
}

static void
assert_one_error_line (CliRun *run,
                       int     status)
{
  g_assert_cmpint (run->status, ==, status);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_true (g_str_has_prefix (run->err, "certdesk-cli: "));
  /* Exactly one line, for scripts. */
  g_assert_true (strchr (run->err, '\n') == run->err + strlen (run->err) - 1);
}

static void
test_cli_errors (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *leaf = chain_fixture ("leaf.pem");
  g_autofree char *key = chain_fixture ("leaf.key");
  g_autoptr(CliRun) no_argument = NULL;
  g_autoptr(CliRun) two_arguments = NULL;
  g_autoptr(CliRun) bad_date = NULL;
  g_autoptr(CliRun) unknown = NULL;
  g_autoptr(CliRun) no_certificate = NULL;
  g_autoptr(CliRun) help = NULL;

  no_argument = run_cli (f, "verify", NULL);
  assert_one_error_line (no_argument, 2);

  two_arguments = run_cli (f, "verify", leaf, leaf, NULL);
  assert_one_error_line (two_arguments, 2);

  bad_date = run_cli (f, "verify", leaf, "--at", "first of June", NULL);
  assert_one_error_line (bad_date, 2);
  g_assert_nonnull (strstr (bad_date->err, "first of June"));

  unknown = run_cli (f, "verify", "0123abcd", NULL);
  assert_one_error_line (unknown, 1);
  g_assert_nonnull (strstr (unknown->err, "certdesk-cli list"));

  /* A key file is read, and has nothing to verify. */
  no_certificate = run_cli (f, "verify", key, NULL);
  assert_one_error_line (no_certificate, 1);

  help = run_cli (f, "verify", "--help", NULL);
  g_assert_cmpint (help->status, ==, 0);
  g_assert_nonnull (strstr (help->out, "--system"));
  g_assert_nonnull (strstr (help->out, "--at"));
}

/* Reading a file never imports it. */
static void
test_cli_file_not_imported (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *chain_pem = chain_fixture ("chain.pem");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(CliRun) run = NULL;
  g_autoptr(JsonObject) object = NULL;
  JsonArray *elements;

  import_all (f, "root=root.pem ca=int.pem");
  before = cd_test_dump_database (f->database);

  /* chain.pem starts with the leaf: that is what gets verified. */
  run = run_cli (f, "verify", chain_pem, "--at", CHAIN_NOW_DATE, "--json", NULL);
  g_assert_cmpint (run->status, ==, 0);
  object = parse_object (run->out);
  elements = json_object_get_array_member (object, "chain");
  g_assert_cmpuint (json_array_get_length (elements), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (elements, 2),
                                                  "subject_cn"), ==, LEAF_CN);

  after = cd_test_dump_database (f->database);
  g_assert_cmpstr (before, ==, after);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/certdesk/chain/status-ids", test_status_ids);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/certdesk/chain/case/%s", cases[i].name);
      g_autofree char *cli_path = g_strdup_printf ("/certdesk/chain/cli/case/%s", cases[i].name);

      g_test_add (path, Fixture, &cases[i], fixture_set_up, test_case, fixture_tear_down);
      g_test_add (cli_path, Fixture, &cases[i], fixture_set_up, test_cli_case, fixture_tear_down);
    }

  g_test_add ("/certdesk/chain/valid-elements", Fixture, NULL,
              fixture_set_up, test_valid_elements, fixture_tear_down);
  g_test_add ("/certdesk/chain/check-time", Fixture, NULL,
              fixture_set_up, test_check_time, fixture_tear_down);
  g_test_add ("/certdesk/chain/inherited-label", Fixture, NULL,
              fixture_set_up, test_inherited_label, fixture_tear_down);
  g_test_add ("/certdesk/chain/crowded-stores", Fixture, NULL,
              fixture_set_up, test_crowded_stores, fixture_tear_down);
  g_test_add ("/certdesk/chain/system-anchors", Fixture, NULL,
              fixture_set_up, test_system_anchors, fixture_tear_down);
  g_test_add ("/certdesk/chain/not-a-certificate", Fixture, NULL,
              fixture_set_up, test_not_a_certificate, fixture_tear_down);
  g_test_add ("/certdesk/chain/cli/fingerprint", Fixture, NULL,
              fixture_set_up, test_cli_fingerprint, fixture_tear_down);
  g_test_add ("/certdesk/chain/cli/errors", Fixture, NULL,
              fixture_set_up, test_cli_errors, fixture_tear_down);
  g_test_add ("/certdesk/chain/cli/file-not-imported", Fixture, NULL,
              fixture_set_up, test_cli_file_not_imported, fixture_tear_down);

  return g_test_run ();
}
