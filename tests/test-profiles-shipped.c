/* test-profiles-shipped.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The shipped device profiles against real certificates: every profile
 * loads, a certificate made with openssl to the profile's requirements
 * passes every rule, and for every rule of error severity a certificate
 * made from that recipe with one change fails that rule and no other
 * error rule. The certificates come from profile-certs.sh with fixed
 * dates; the checks run at a fixed time (NOW).
 */

#include "config.h"

#include <glib/gstdio.h>

#include "cd-check.h"
#include "cd-profile.h"
#include "cd-test-utils.h"

#define NOW_2026 G_GINT64_CONSTANT (1780272000)   /* 2026-06-01T00:00:00Z */
#define NOW_2017 G_GINT64_CONSTANT (1496275200)   /* 2017-06-01T00:00:00Z */

/* A certificate to make. In a change, NULL keeps the profile's value
 * and "" leaves the extension out.
 */
typedef struct
{
  const char *key;          /* rsa1024, rsa2048, ec256 */
  const char *digest;
  const char *start;        /* YYYYMMDDHHMMSSZ */
  const char *end;
  const char *subject;      /* "/C=US/CN=..." */
  const char *mask;         /* string_mask: MASK:0x2002 or utf8only */
  const char *bc;           /* extension values in openssl.cnf syntax */
  const char *ku;
  const char *eku;
  const char *san;
  const char *ca;           /* root, other, avaya, self */
  const char *long_cn;      /* made by certtool with this CN instead */
  const char *extra;        /* more extension lines, in openssl.cnf syntax */
} Recipe;

typedef enum
{
  CHAIN_TRUSTED,            /* leaf and its CA, the CA a trusted root */
  CHAIN_UNTRUSTED,          /* the same, but nobody trusts the root */
} ChainMode;

typedef struct
{
  const char *id;
  const char *fqdn;         /* the "fqdn" parameter */
  gboolean    peer;         /* give the OpenScape Voice certificate as peer */
  Recipe      recipe;
} ProfileCase;

typedef struct
{
  const char *profile;
  const char *rule;         /* the one error rule that must fail */
  Recipe      change;
  ChainMode   chain;
  gint64      now;          /* 0 for NOW_2026 */
} Mutation;

#define PASS_START "20260101000000Z"
#define PASS_END   "20270601000000Z"

#define MITEL_RECIPE(cn) { \
    .key = "rsa2048", .digest = "sha256", .start = PASS_START, .end = PASS_END, \
    .subject = "/C=US/ST=Florida/L=Boca Raton/O=Example Corp/OU=Voice/CN=" cn, \
    .mask = "utf8only", .bc = "CA:FALSE", .ku = "digitalSignature, keyEncipherment", \
    .eku = "serverAuth, clientAuth", .san = "DNS:" cn ", IP:192.0.2.10", .ca = "root" }

static const ProfileCase profiles[] = {
  { "avaya-aes", "aes.example.test", FALSE,
    { .key = "rsa2048", .digest = "sha256", .start = PASS_START, .end = PASS_END,
      .subject = "/C=US/ST=CO/L=Denver/O=Your Company Name/OU=IT/CN=aes.example.test",
      .mask = "MASK:0x2002", .bc = "CA:FALSE",
      .ku = "nonRepudiation, digitalSignature, keyEncipherment, dataEncipherment",
      .eku = "serverAuth, clientAuth", .san = "DNS:aes.example.test", .ca = "root" } },
  { "avaya-ipo-server", "ipo.example.test", FALSE,
    { .key = "rsa2048", .digest = "sha256", .start = PASS_START, .end = PASS_END,
      .subject = "/C=US/ST=New Jersey/L=Basking Ridge/O=Example Corp/CN=ipo.example.test",
      .mask = "utf8only", .bc = "CA:FALSE",
      .ku = "nonRepudiation, digitalSignature, keyEncipherment, dataEncipherment",
      .eku = "serverAuth, clientAuth",
      .san = "DNS:ipo.example.test, DNS:sip.example.test, URI:sip:sip.example.test", .ca = "root" } },
  /* A CA certificate for the trust store: an issuing CA under the test
   * root, so that the checks of its own extensions do not decide
   * whether OpenSSL takes it as a trust anchor.
   */
  { "avaya-ipo-root", NULL, FALSE,
    { .key = "rsa2048", .digest = "sha256", .start = PASS_START, .end = "20360101000000Z",
      .subject = "/C=US/ST=New Jersey/O=Example Corp/CN=Example IP Office CA",
      .mask = "utf8only", .bc = "critical, CA:TRUE, pathlen:0",
      .ku = "digitalSignature, keyCertSign, cRLSign", .eku = "", .san = "", .ca = "root" } },
  { "openscape-voice", NULL, FALSE, MITEL_RECIPE ("osv.example.test") },
  { "openscape-uc", NULL, TRUE, MITEL_RECIPE ("uc.example.test") },
  { "openscape-media-server", NULL, TRUE, MITEL_RECIPE ("ms.example.test") },
  { "openscape-branch", NULL, FALSE, MITEL_RECIPE ("branch.example.test") },
  { "mediatrix", NULL, FALSE, MITEL_RECIPE ("mediatrix.example.test") },
  { "openscape-4000", NULL, FALSE, MITEL_RECIPE ("os4k.example.test") },
  { "openscape-dls", NULL, FALSE, MITEL_RECIPE ("dls.example.test") },
  /* The generic profiles: a year's server certificate, a client's. */
  { "tls-server", NULL, FALSE,
    { .key = "rsa2048", .digest = "sha256", .start = PASS_START, .end = "20270101000000Z",
      .subject = "/O=Example Corp/CN=www.example.test", .mask = "utf8only", .bc = "CA:FALSE",
      .ku = "critical, digitalSignature, keyEncipherment", .eku = "serverAuth",
      .san = "DNS:www.example.test, IP:192.0.2.80", .ca = "root" } },
  { "tls-client", NULL, FALSE,
    { .key = "ec256", .digest = "sha256", .start = PASS_START, .end = PASS_END,
      .subject = "/O=Example Corp/CN=alice", .mask = "utf8only", .bc = "CA:FALSE",
      .ku = "critical, digitalSignature", .eku = "clientAuth",
      .san = "email:alice@example.test", .ca = "root" } },
  /* The guide's subject is the CN alone, and it asks for no SAN. */
  { "netborder-ocs", "gw.example.test", FALSE,
    { .key = "rsa2048", .digest = "sha256", .start = PASS_START, .end = PASS_END,
      .subject = "/CN=gw.example.test", .mask = "MASK:0x2002", .bc = "",
      .ku = "digitalSignature, keyEncipherment", .eku = "serverAuth, clientAuth",
      .san = "", .ca = "root" } },
};

#define EXPIRED .start = "20240101000000Z", .end = "20260301000000Z"
#define LONG_CN "openscape-voice-cluster-node-one-and-node-two-signalling.example.test"

/* The rules the Mitel profiles share (GEN-*), for one profile. */
#define MITEL_MUTATIONS(id) \
  { id, "GEN-Y2038", { .end = "20380601000000Z" } }, \
  { id, "GEN-VALID", { EXPIRED } }, \
  { id, "GEN-CHAIN", { 0 }, CHAIN_UNTRUSTED }, \
  { id, "GEN-BC", { .bc = "CA:TRUE" } }, \
  { id, "GEN-CN-LEN", { .long_cn = LONG_CN } }

static const Mutation mutations[] = {
  { "avaya-aes", "AES-KEY-01", { .key = "rsa1024" } },
  { "avaya-aes", "AES-DN-01", { .subject = "/C=US/ST=CO/L=Denver/O=Other Company/OU=IT/CN=aes.example.test" } },
  { "avaya-aes", "AES-KU-01", { .ku = "nonRepudiation, digitalSignature, dataEncipherment" } },
  { "avaya-aes", "AES-EKU-01", { .eku = "serverAuth" } },
  { "avaya-aes", "AES-VAL-03", { EXPIRED } },
  /* The Avaya default of AES 6.x, checked in 2017 while it was valid. */
  { "avaya-aes", "AES-DEF-01", { .ca = "avaya", .start = "20160101000000Z", .end = "20180101000000Z" },
    CHAIN_TRUSTED, NOW_2017 },
  { "avaya-aes", "AES-CHAIN-01", { 0 }, CHAIN_UNTRUSTED },

  { "avaya-ipo-server", "IPO-GEN-02", { .key = "ec256" } },
  { "avaya-ipo-server", "IPO-GEN-08", { EXPIRED } },
  /* cn-present is not a rule of its own: "first DNS name = CN" needs a CN. */
  { "avaya-ipo-server", "IPO-SRV-01", { .san = "DNS:www.example.test, DNS:ipo.example.test" } },
  { "avaya-ipo-server", "IPO-SRV-07",
    { .san = "DNS:ipo.example.test, DNS:sip.example.test, URI:sip:sip.example.test, "
             "DNS:ipoffice.example.test, IP:192.0.2.1, IP:192.0.2.2, IP:203.0.113.30, "
             "URI:sip:192.0.2.1, URI:sip:203.0.113.30" } },
  { "avaya-ipo-server", "IPO-SRV-13", { .san = "DNS:ipo.example.test, DNS:*.example.test" } },
  { "avaya-ipo-server", "IPO-SRV-17", { .eku = "clientAuth" } },
  { "avaya-ipo-server", "IPO-SRV-23", { 0 }, CHAIN_UNTRUSTED },

  { "avaya-ipo-root", "IPO-CA-01", { .bc = "CA:FALSE" } },
  { "avaya-ipo-root", "IPO-CA-03", { .ku = "digitalSignature, cRLSign" } },
  { "avaya-ipo-root", "IPO-CA-04", { .key = "ec256" } },
  { "avaya-ipo-root", "IPO-CA-07", { EXPIRED } },
  { "avaya-ipo-root", "IPO-CA-08", { 0 }, CHAIN_UNTRUSTED },

  MITEL_MUTATIONS ("openscape-voice"),
  { "openscape-voice", "OSV-02", { .ku = "critical, digitalSignature, keyEncipherment" } },
  { "openscape-voice", "OSV-05", { .eku = "serverAuth" } },

  MITEL_MUTATIONS ("openscape-uc"),
  { "openscape-uc", "UC-01", { .ca = "other" } },

  MITEL_MUTATIONS ("openscape-media-server"),

  MITEL_MUTATIONS ("openscape-branch"),
  { "openscape-branch", "SBC-01", { .ku = "critical, digitalSignature, keyEncipherment" } },

  MITEL_MUTATIONS ("mediatrix"),
  { "mediatrix", "MTX-01", { .eku = "serverAuth" } },

  MITEL_MUTATIONS ("openscape-4000"),

  MITEL_MUTATIONS ("openscape-dls"),

  /* The rules both generic profiles share, for one of them. */
#define GENERIC_MUTATIONS(id) \
  { id, "key", { .key = "rsa1024" } }, \
  { id, "digest", { .digest = "sha1" } }, \
  { id, "ku", { .ku = "critical, keyEncipherment" } }, \
  { id, "end-entity", { .bc = "CA:TRUE" } }, \
  { id, "unknown-critical", { .extra = "1.3.6.1.4.1.99999.1 = critical, DER:0500" } }, \
  { id, "expiry", { .start = "20250101000000Z", .end = "20260301000000Z" } }, \
  { id, "chain", { 0 }, CHAIN_UNTRUSTED }

  GENERIC_MUTATIONS ("tls-server"),
  { "tls-server", "san", { .san = "" } },
  { "tls-server", "eku", { .eku = "clientAuth" } },

  GENERIC_MUTATIONS ("tls-client"),
  { "tls-client", "cn", { .subject = "/O=Example Corp/OU=Sales" } },
  { "tls-client", "eku", { .eku = "serverAuth" } },

  { "netborder-ocs", "NBE-KEY-01", { .key = "ec256" } },
  { "netborder-ocs", "NBE-DN-01", { .subject = "/CN=gateway.example.test" } },
  { "netborder-ocs", "NBE-EKU-01", { .eku = "clientAuth" } },
  { "netborder-ocs", "NBE-KU-01", { .ku = "digitalSignature" } },
  { "netborder-ocs", "NBE-VAL-01", { EXPIRED } },
  { "netborder-ocs", "NBE-CHAIN-01", { 0 }, CHAIN_UNTRUSTED },
};

static char *work_dir;
static guint n_issued;

static const char *
certs_dir (void)
{
  if (work_dir == NULL)
    {
      g_autofree char *script = g_test_build_filename (G_TEST_DIST, "profile-certs.sh", NULL);

      work_dir = cd_test_make_tmpdir ();
      cd_test_run_command ("sh %s setup %s", script, work_dir);
    }

  return work_dir;
}

static GBytes *
read_der (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup_printf ("%s/%s.der", certs_dir (), name);
  g_autofree char *data = NULL;
  gsize length = 0;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (g_steal_pointer (&data), length);
}

#define PICK(field) (change != NULL && change->field != NULL ? change->field : base->field)

static void
append_extension (GString    *ext,
                  const char *name,
                  const char *value)
{
  if (value != NULL && value[0] != '\0')
    g_string_append_printf (ext, "%s = %s\n", name, value);
}

/* Issues the certificate of @base with @change applied; its DER. */
static GBytes *
issue (const Recipe *base,
       const Recipe *change)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "profile-certs.sh", NULL);
  g_autofree char *name = g_strdup_printf ("case%u", ++n_issued);
  g_autofree char *ext_path = g_strdup_printf ("%s/%s.ext", certs_dir (), name);
  g_autoptr(GString) ext = g_string_new ("[ext]\n");
  g_autofree char *q_subject = g_shell_quote (PICK (subject));
  g_autofree char *q_mask = g_shell_quote (PICK (mask));

  if (PICK (long_cn) != NULL)
    {
      g_autofree char *q_cn = g_shell_quote (PICK (long_cn));

      cd_test_run_command ("sh %s issue-long-cn %s %s %s %s %s x.example.test",
                           script, certs_dir (), name, PICK (start), PICK (end), q_cn);
      return read_der (name);
    }

  append_extension (ext, "basicConstraints", PICK (bc));
  append_extension (ext, "keyUsage", PICK (ku));
  append_extension (ext, "extendedKeyUsage", PICK (eku));
  append_extension (ext, "subjectAltName", PICK (san));
  if (PICK (extra) != NULL)
    g_string_append_printf (ext, "%s\n", PICK (extra));
  g_file_set_contents (ext_path, ext->str, -1, &error);
  g_assert_no_error (error);

  cd_test_run_command ("sh %s issue %s %s %s.key %s %s %s %s %s %s %s",
                       script, certs_dir (), name, PICK (key), PICK (digest),
                       PICK (start), PICK (end), q_subject, q_mask, ext_path, PICK (ca));

  return read_der (name);
}

static const ProfileCase *
find_case (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (profiles); i++)
    if (g_str_equal (profiles[i].id, id))
      return &profiles[i];
  g_assert_not_reached ();
}

static CdProfile *
load_shipped (const char *id)
{
  static GListModel *all;
  CdProfile *profile;

  if (all == NULL)
    {
      g_autofree char *none = g_build_filename (certs_dir (), "no-user-profiles", NULL);

      all = cd_profile_load_all (none, NULL);
    }
  profile = cd_profile_list_find (all, id);
  g_assert_nonnull (profile);

  return profile;
}

/* Checks the certificate of @pc with @mutation applied (or none). */
static GListModel *
check (const ProfileCase *pc,
       const Mutation    *mutation)
{
  const Recipe *change = mutation != NULL ? &mutation->change : NULL;
  const char *ca = change != NULL && change->ca != NULL ? change->ca : pc->recipe.ca;
  g_autoptr(GBytes) der = issue (&pc->recipe, change);
  g_autoptr(CdCheckInput) input = cd_check_input_new ();
  g_autoptr(GPtrArray) chain = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  gboolean trusted = mutation == NULL || mutation->chain == CHAIN_TRUSTED;

  cd_check_input_set_certificate (input, der);
  g_ptr_array_add (chain, g_bytes_ref (der));
  if (!g_str_equal (ca, "self"))
    g_ptr_array_add (chain, read_der (ca));
  cd_check_input_set_chain (input, chain, trusted);
  cd_check_input_set_now (input, mutation != NULL && mutation->now != 0 ? mutation->now : NOW_2026);
  if (pc->fqdn != NULL)
    cd_check_input_set_parameter (input, "fqdn", pc->fqdn);
  if (pc->peer)
    {
      /* The OpenScape Voice certificate, from the test root. */
      g_autoptr(GBytes) peer = issue (&find_case ("openscape-voice")->recipe, NULL);

      cd_check_input_set_peer (input, peer);
    }

  return cd_profile_check (load_shipped (pc->id), input);
}

static void
log_results (GListModel *results)
{
  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(CdCheckResult) result = g_list_model_get_item (results, i);

      g_test_message ("%s: %s: %s", cd_check_result_get_rule_id (result),
                      cd_check_status_to_id (cd_check_result_get_status (result)),
                      cd_check_result_get_message (result));
    }
}

/* The rules of error severity in the profile's file. */
static GPtrArray *
dup_error_rules (const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autofree char *file = g_strconcat (id, ".profile", NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "profiles", file, NULL);
  g_auto(GStrv) groups = NULL;
  GPtrArray *rules = g_ptr_array_new_with_free_func (g_free);

  g_key_file_load_from_file (key_file, path, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);
  groups = g_key_file_get_groups (key_file, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_autofree char *severity = NULL;

      if (!g_str_has_prefix (groups[i], "Rule "))
        continue;
      severity = g_key_file_get_string (key_file, groups[i], "Severity", &error);
      g_assert_no_error (error);
      if (g_str_equal (severity, "error"))
        g_ptr_array_add (rules, g_strdup (groups[i] + strlen ("Rule ")));
    }

  return rules;
}

/* Every file under data/profiles loads on its own, and the loader finds
 * every shipped profile without a problem; each has rules, steps, an
 * export preset and a file named after its id.
 */
static void
test_load (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "..", "data", "profiles", NULL);
  g_autofree char *none = g_build_filename (certs_dir (), "no-user-profiles", NULL);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GListModel) all = cd_profile_load_all (none, problems);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, &error);
  const char *name;
  guint n_files = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("problem: %s", (const char *)problems->pdata[i]);
  g_assert_cmpuint (problems->len, ==, 0);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *id = NULL;
      g_autoptr(CdProfile) profile = NULL;

      if (!g_str_has_suffix (name, ".profile"))
        continue;
      n_files++;
      path = g_build_filename (dir_path, name, NULL);
      id = g_strndup (name, strlen (name) - strlen (".profile"));
      profile = cd_profile_new_from_file (path, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (cd_profile_get_id (profile), ==, id);
      g_assert_nonnull (cd_profile_list_find (all, id));
    }
  g_assert_cmpuint (n_files, >=, G_N_ELEMENTS (profiles));

  for (guint i = 0; i < G_N_ELEMENTS (profiles); i++)
    {
      CdProfile *profile = cd_profile_list_find (all, profiles[i].id);
      g_autoptr(CdExportOptions) export = NULL;

      g_test_message ("%s", profiles[i].id);
      g_assert_nonnull (profile);
      g_assert_false (cd_profile_get_is_user (profile));
      g_assert_cmpuint (cd_profile_get_n_rules (profile), >=, 1);
      g_assert_cmpuint (g_list_model_get_n_items (cd_profile_get_steps (profile)), >=, 1);
      g_assert_cmpstr (cd_profile_get_name (profile), !=, "");
      g_assert_cmpstr (cd_profile_get_document (profile), !=, "");
      export = cd_profile_dup_export_options (profile);
      g_assert_nonnull (export);
      g_assert_true (g_str_has_prefix (cd_profile_get_export_extension (profile), "."));
      if (cd_profile_get_role (profile) == CD_PROFILE_ROLE_CA)
        g_assert_cmpuint (cd_profile_get_validity_days (profile), >, 0);
      else
        g_assert_cmpuint (cd_profile_get_extended_key_usage (profile), !=, 0);
    }
}

/* Every error rule of every profile has a certificate that fails it. */
static void
test_coverage (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (profiles); i++)
    {
      g_autoptr(GPtrArray) rules = dup_error_rules (profiles[i].id);

      g_assert_cmpuint (rules->len, >=, 1);
      for (guint r = 0; r < rules->len; r++)
        {
          gboolean found = FALSE;

          for (guint m = 0; m < G_N_ELEMENTS (mutations) && !found; m++)
            found = g_str_equal (mutations[m].profile, profiles[i].id) &&
                    g_str_equal (mutations[m].rule, rules->pdata[r]);
          if (!found)
            g_test_message ("%s: no certificate fails %s", profiles[i].id,
                            (const char *)rules->pdata[r]);
          g_assert_true (found);
        }
    }
}

/* The certificate made to the profile passes every rule; "not
 * applicable" would mean an input the test forgot.
 */
static void
test_pass (gconstpointer data)
{
  const ProfileCase *pc = data;
  g_autoptr(GListModel) results = check (pc, NULL);

  log_results (results);
  g_assert_cmpuint (g_list_model_get_n_items (results), ==,
                    cd_profile_get_n_rules (load_shipped (pc->id)));
  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(CdCheckResult) result = g_list_model_get_item (results, i);

      g_assert_cmpstr (cd_check_status_to_id (cd_check_result_get_status (result)), ==, "pass");
      g_assert_cmpstr (cd_check_result_get_source (result), !=, "");
    }
}

/* One change fails its rule, with a message, and no other error rule. */
static void
test_mutation (gconstpointer data)
{
  const Mutation *mutation = data;
  const ProfileCase *pc = find_case (mutation->profile);
  g_autoptr(GListModel) results = check (pc, mutation);
  gboolean seen = FALSE;

  log_results (results);
  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(CdCheckResult) result = g_list_model_get_item (results, i);
      const char *id = cd_check_result_get_rule_id (result);
      CdCheckStatus status = cd_check_result_get_status (result);

      if (g_str_equal (id, mutation->rule))
        {
          seen = TRUE;
          g_assert_cmpstr (cd_check_status_to_id (status), ==, "fail");
          g_assert_cmpstr (cd_check_result_get_message (result), !=, "");
          g_assert_nonnull (cd_check_result_get_hint (result));
        }
      else
        {
          if (status == CD_CHECK_STATUS_FAIL)
            g_test_message ("%s also fails", id);
          g_assert_cmpint (status, !=, CD_CHECK_STATUS_FAIL);
        }
    }
  g_assert_true (seen);
}

static void
remove_work_dir (void)
{
  if (work_dir != NULL && g_getenv ("CD_TEST_KEEP_FIXTURES") == NULL)
    cd_test_run_command ("rm -rf '%s'", work_dir);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/profiles/shipped/load", test_load);
  g_test_add_func ("/profiles/shipped/coverage", test_coverage);
  for (guint i = 0; i < G_N_ELEMENTS (profiles); i++)
    {
      g_autofree char *path = g_strdup_printf ("/profiles/%s/pass", profiles[i].id);

      g_test_add_data_func (path, &profiles[i], test_pass);
    }
  for (guint i = 0; i < G_N_ELEMENTS (mutations); i++)
    {
      g_autofree char *path = g_strdup_printf ("/profiles/%s/%s", mutations[i].profile,
                                               mutations[i].rule);

      g_test_add_data_func (path, &mutations[i], test_mutation);
    }

  status = g_test_run ();
  remove_work_dir ();

  return status;
}
