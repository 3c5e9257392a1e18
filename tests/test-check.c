/* test-check.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The rule engine on certificates and requests openssl made at test
 * time (make-check-fixtures.sh): every rule kind passes on one input and
 * fails on another, and is "not applicable" where it has nothing to look
 * at. Each case is a one-rule profile, so a case tests its kind alone.
 * A request builder, as the wizard's live checklist uses it, is checked
 * without any key being made.
 */

#include "config.h"

#include <string.h>

#include "cd-check.h"
#include "cd-profile.h"
#include "cd-request-builder.h"
#include "cd-test-utils.h"

/* 2026-06-01 00:00:00 UTC: inside good.pem's dates. */
#define NOW G_GINT64_CONSTANT (1780272000)

static char *fixtures;

static void
remove_fixtures (void)
{
  if (fixtures != NULL)
    cd_test_run_command ("rm -rf '%s'", fixtures);
}

static GBytes *
fixture_bytes (const char *name)
{
  g_autofree char *path = g_build_filename (fixtures, name, NULL);
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize len;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (data, len);
}

/* "good" → good.der as the certificate; "good.csr" → good-csr.der as the request. */
static CdCheckInput *
input_for (const char *name)
{
  CdCheckInput *input = cd_check_input_new ();
  g_autoptr(GBytes) der = NULL;

  cd_check_input_set_now (input, NOW);
  if (g_str_has_suffix (name, ".csr"))
    {
      g_autofree char *base = g_strndup (name, strlen (name) - 4);
      g_autofree char *file = g_strconcat (base, "-csr.der", NULL);

      der = fixture_bytes (file);
      cd_check_input_set_request (input, der);
    }
  else
    {
      g_autofree char *file = g_strconcat (name, ".der", NULL);

      der = fixture_bytes (file);
      cd_check_input_set_certificate (input, der);
    }

  return input;
}

static CdProfile *
profile_for_rule (const char *body)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  CdProfile *profile;

  text = g_strdup_printf ("[Profile]\nId=one-rule\nName=One rule\nDescription=d\nDocument=doc\n"
                          "Role=server\n\n[Rule r]\nTitle=The rule\nSource=§9.9\n%s%s\n",
                          strstr (body, "Severity=") != NULL ? "" : "Severity=error\n", body);
  profile = cd_profile_new_from_data (text, strlen (text), "one-rule.profile", &error);
  g_assert_no_error (error);

  return profile;
}

/* Runs @body, one rule, over @input; returns its one result. */
static CdCheckResult *
run (const char   *body,
     CdCheckInput *input)
{
  g_autoptr(CdProfile) profile = profile_for_rule (body);
  g_autoptr(GListModel) results = cd_profile_check (profile, input);

  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 1);

  return g_list_model_get_item (results, 0);
}

static void
assert_result (CdCheckResult *result,
               CdCheckStatus  status,
               const char    *message_part,
               const char    *what)
{
  const char *message = cd_check_result_get_message (result);

  if (cd_check_result_get_status (result) != status ||
      (message_part != NULL && strstr (message, message_part) == NULL))
    g_error ("%s: got %s “%s”, expected %s with “%s”", what,
             cd_check_status_to_id (cd_check_result_get_status (result)), message,
             cd_check_status_to_id (status), message_part != NULL ? message_part : "");

  g_assert_cmpstr (cd_check_result_get_rule_id (result), ==, "r");
  g_assert_cmpstr (cd_check_result_get_title (result), ==, "The rule");
  g_assert_cmpstr (cd_check_result_get_source (result), ==, "§9.9");
  /* A hint only where there is something to fix. */
  if (status == CD_CHECK_STATUS_PASS || status == CD_CHECK_STATUS_NOT_APPLICABLE)
    g_assert_null (cd_check_result_get_hint (result));
  else
    g_assert_nonnull (cd_check_result_get_hint (result));
}

#define PASS CD_CHECK_STATUS_PASS
#define FAIL CD_CHECK_STATUS_FAIL
#define WARN CD_CHECK_STATUS_WARNING
#define NA   CD_CHECK_STATUS_NOT_APPLICABLE

typedef struct
{
  const char    *rule;       /* the rule's keys, Kind first */
  const char    *input;      /* a fixture: "good", "good.csr"… */
  CdCheckStatus  status;
  const char    *message;    /* a part of the message, or NULL */
} Case;

static const Case cases[] = {
  /* key-algorithm */
  { "Kind=key-algorithm\nAlgorithms=rsa;ec;\nMinBits=2048\n", "good", PASS, "RSA 2048 bits" },
  { "Kind=key-algorithm\nAlgorithms=rsa;ec;\nMinBits=2048\n", "bad", FAIL, "RSA 1024 bits; it must have at least 2048" },
  { "Kind=key-algorithm\nAlgorithms=rsa;ec;\nMinBits=2048\n", "ec384", PASS, "EC P-384" },
  { "Kind=key-algorithm\nAlgorithms=rsa;\n", "ec384", FAIL, "EC P-384; the device takes only rsa" },
  { "Kind=key-algorithm\nAlgorithms=rsa;ec;\n", "ed25519", FAIL, "Ed25519" },
  { "Kind=key-algorithm\nCurves=P-256;\n", "ec384", FAIL, "only the curves P-256" },
  { "Kind=key-algorithm\nCurves=P-256;\n", "nosan", PASS, "EC P-256" },
  { "Kind=key-algorithm\nAllowedBits=2048;4096;\n", "good", PASS, NULL },
  { "Kind=key-algorithm\nAllowedBits=2048;4096;\n", "bad", FAIL, "of 2048, 4096 bits" },
  { "Kind=key-algorithm\nMinBits=2048\n", "bad.csr", FAIL, "RSA 1024" },
  /* signature-digest */
  { "Kind=signature-digest\nAllowed=sha256;sha384;\n", "good", PASS, "sha256" },
  { "Kind=signature-digest\nAllowed=sha256;sha384;\n", "bad", FAIL, "uses sha1; the device takes sha256, sha384" },
  /* The CA's RSA key signs the Ed25519 certificate; the Ed25519 key signs its request. */
  { "Kind=signature-digest\nAllowed=sha256;\n", "ed25519", PASS, "sha256" },
  { "Kind=signature-digest\nAllowed=sha256;\n", "ed25519.csr", NA, "no separate digest" },
  { "Kind=signature-digest\nAllowed=sha256;\n", "good.csr", PASS, NULL },
  { "Kind=signature-digest\nAllowed=sha256;\n", "bad.csr", FAIL, "sha1" },
  { "Kind=signature-digest\nAllowed=sha1;\n", "bad", PASS, NULL },
  /* max-validity, min-validity, before-2038 */
  { "Kind=max-validity\nDays=398\n", "good", PASS, "334 days (2026-01-01 to 2026-12-01)" },
  { "Kind=max-validity\nDays=398\n", "bad", FAIL, "(2026-01-01 to 2040-03-01); the device takes at most 398" },
  { "Kind=max-validity\nDays=398\n", "good.csr", NA, "certificate authority sets them" },
  { "Kind=min-validity\nDays=30\n", "good", PASS, NULL },
  { "Kind=min-validity\nDays=30\n", "nosan", FAIL, "Valid for 20 days" },
  { "Kind=before-2038\n", "good", PASS, "Valid until 2026-12-01" },
  { "Kind=before-2038\n", "bad", FAIL, "Valid until 2040-03-01, on or after 2038-01-19" },
  { "Kind=before-2038\n", "bad.csr", NA, NULL },
  /* common name */
  { "Kind=cn-present\n", "good", PASS, "good.example.test" },
  { "Kind=cn-present\n", "good.csr", PASS, NULL },
  { "Kind=cn-matches\nParameter=fqdn\n", "good", NA, "“fqdn”" },
  { "Kind=cn-matches\nPattern=[a-z]+\\.example\\.test\n", "good", PASS, NULL },
  { "Kind=cn-matches\nPattern=[a-z]+\\.example\\.test\n", "bad", FAIL, "“*.example.test” does not match" },
  { "Kind=cn-matches\nPattern=good\n", "good", FAIL, NULL },
  { "Kind=cn-max-length\nLength=32\n", "good", PASS, "17 characters" },
  { "Kind=cn-max-length\nLength=32\n", "bad.csr", FAIL, "has 40 characters; the device takes at most 32" },
  /* subject fields */
  { "Kind=subject-fields-present\nFields=C;O;\n", "good", PASS, NULL },
  { "Kind=subject-fields-present\nFields=C;O;\n", "nosan", FAIL, "lacks C, O" },
  { "Kind=subject-fields-absent\nFields=OU;emailAddress;\n", "good", PASS, NULL },
  { "Kind=subject-fields-absent\nFields=OU;emailAddress;\n", "bad", FAIL, "has OU" },
  /* subject alternative names */
  { "Kind=san-present\n", "good", PASS, "2 Subject Alternative Names" },
  { "Kind=san-present\n", "nosan", FAIL, "no Subject Alternative Name" },
  { "Kind=san-present\n", "good.csr", PASS, NULL },
  { "Kind=san-present\n", "bad.csr", FAIL, NULL },
  { "Kind=san-max-count\nCount=2\n", "good", PASS, NULL },
  { "Kind=san-max-count\nCount=2\n", "bad", FAIL, "There are 3 Subject Alternative Names; the device takes at most 2" },
  { "Kind=san-allowed-types\nTypes=dns;\n", "good", PASS, NULL },
  { "Kind=san-allowed-types\nTypes=dns;\n", "bad", FAIL, "IP:192.0.2.1" },
  { "Kind=san-allowed-types\nTypes=dns;ip;\n", "bad", PASS, NULL },
  { "Kind=san-first-dns-is-cn\n", "good", PASS, "“good.example.test”" },
  { "Kind=san-first-dns-is-cn\n", "bad", FAIL, "first DNS name is “other.example.test”; it must be the common name “*.example.test”" },
  { "Kind=san-first-dns-is-cn\n", "nosan", FAIL, "no DNS name" },
  { "Kind=no-wildcard\n", "good", PASS, NULL },
  { "Kind=no-wildcard\n", "bad", FAIL, "“*.example.test” is a wildcard" },
  /* usages and constraints */
  { "Kind=key-usage\nRequired=digital-signature;key-encipherment;\nForbidden=key-cert-sign;\n", "good", PASS,
    "Digital Signature, Key Encipherment" },
  { "Kind=key-usage\nRequired=digital-signature;key-encipherment;\n", "bad", FAIL, "Digital Signature is missing" },
  { "Kind=key-usage\nRequired=digital-signature;\n", "nosan", FAIL, "no Key Usage extension" },
  { "Kind=key-usage\nForbidden=key-cert-sign;crl-sign;\n", "nosan", PASS, "none is required" },
  { "Kind=key-usage\nForbidden=key-cert-sign;crl-sign;\n", "bad", FAIL, "refuses Certificate Signing" },
  { "Kind=key-usage\nRequired=digital-signature;\n", "good.csr", PASS, NULL },
  { "Kind=extended-key-usage\nRequired=server-auth;\n", "good", PASS, "Server Authentication" },
  { "Kind=extended-key-usage\nRequired=server-auth;\n", "bad", FAIL, "Server Authentication is missing" },
  { "Kind=extended-key-usage\nForbidden=client-auth;\n", "bad", FAIL, "Client Authentication" },
  { "Kind=extended-key-usage\nRequired=client-auth;\n", "nosan", FAIL, "no Extended Key Usage" },
  { "Kind=basic-constraints\nCA=false\n", "good", PASS, "CA:FALSE" },
  { "Kind=basic-constraints\nCA=false\n", "nosan", PASS, NULL },
  { "Kind=basic-constraints\nCA=false\n", "bad", FAIL, "It is a CA certificate" },
  { "Kind=basic-constraints\nCA=true\nMaxPathLength=5\n", "bad", PASS, "path length of 3" },
  { "Kind=basic-constraints\nCA=true\nMaxPathLength=2\n", "bad", FAIL, "a path length of 3; the device takes at most 2" },
  { "Kind=basic-constraints\nCA=true\nMaxPathLength=2\n", "root", FAIL, "no path length limit" },
  { "Kind=critical-extensions\nAllowed=basicConstraints;keyUsage;\n", "good", PASS, "basicConstraints, keyUsage" },
  { "Kind=critical-extensions\nAllowed=basicConstraints;keyUsage;\n", "bad", FAIL, "1.2.3.4" },
  { "Kind=critical-extensions\nAllowed=basicConstraints;\n", "good.csr", FAIL, "keyUsage" },
  { "Kind=no-unknown-critical\n", "good", PASS, NULL },
  { "Kind=no-unknown-critical\n", "bad", FAIL, "not known: 1.2.3.4" },
  /* the issuer, the chain, the other device, the vendor */
  { "Kind=subject-matches-issuer\nFields=C;O;\n", "good", NA, "not known" },
  { "Kind=same-issuer-as\n", "good", NA, "No certificate of the other device" },
  { "Kind=same-issuer-as\n", "good.csr", NA, NULL },
  { "Kind=chain-complete\n", "good", FAIL, "chain of the certificate is not known" },
  { "Kind=chain-complete\n", "good.csr", NA, NULL },
  { "Kind=not-vendor-default\nIssuerContains=Avaya Product Root\nNotAfterBefore=2031-01-01\n", "vendor", FAIL,
    "Avaya Product Root CA" },
  { "Kind=not-vendor-default\nIssuerContains=Avaya Product Root\nNotAfterBefore=2031-01-01\n", "good", PASS, NULL },
  { "Kind=not-vendor-default\nIssuerContains=Avaya Product Root\nNotAfterBefore=2029-01-01\n", "vendor", PASS, NULL },
  { "Kind=not-vendor-default\nSubjectContains=avaya\n", "vendor", FAIL, NULL },
  /* expiry, at NOW (2026-06-01) */
  { "Kind=expiry-window\nDays=30\n", "good", PASS, "Valid until 2026-12-01" },
  { "Kind=expiry-window\nDays=200\n", "good", WARN, "Expires on 2026-12-01, in 183 days" },
  { "Kind=expiry-window\n", "nosan", FAIL, "Expired on 2026-01-21" },
  { "Kind=expiry-window\nSeverity=warning\n", "nosan", WARN, "Expired on 2026-01-21" },
  { "Kind=expiry-window\n", "good.csr", NA, NULL },
  /* export */
  { "Kind=export-format\nFormats=pem-key-cert;\n", "good", NA, "No export was chosen" },
  /* Applies and Severity */
  { "Kind=san-present\nApplies=certificate;\n", "good.csr", NA, "about certificates" },
  { "Kind=san-present\nApplies=request;\n", "good", NA, "about requests" },
  { "Kind=san-present\nApplies=request;\n", "good.csr", PASS, NULL },
  { "Kind=no-wildcard\nSeverity=warning\n", "bad", WARN, NULL },
};

static void
test_check_cases (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CdCheckInput) input = input_for (cases[i].input);
      g_autoptr(CdCheckResult) result = run (cases[i].rule, input);
      g_autofree char *what = g_strdup_printf ("case %u on %s: %s", i, cases[i].input, cases[i].rule);

      assert_result (result, cases[i].status, cases[i].message, what);
    }
}

static void
test_check_parameter (void)
{
  g_autoptr(CdCheckInput) input = input_for ("good");
  g_autoptr(CdCheckResult) result = NULL;
  const char *rule = "Kind=cn-matches\nParameter=fqdn\n";

  cd_check_input_set_parameter (input, "fqdn", "GOOD.example.test");
  result = run (rule, input);
  assert_result (result, PASS, NULL, "cn-matches, same name in capitals");
  g_clear_object (&result);

  cd_check_input_set_parameter (input, "fqdn", "pbx.example.test");
  result = run (rule, input);
  assert_result (result, FAIL, "“good.example.test”; it must be “pbx.example.test”", "cn-matches, other name");
  g_assert_nonnull (strstr (cd_check_result_get_hint (result), "pbx.example.test"));
}

/* openssl's "policy_match" compares string types too: a subject made
 * with -utf8 does not match a CA whose O is a PrintableString.
 */
static void
test_check_issuer_string_type (void)
{
  g_autoptr(GBytes) root = fixture_bytes ("root.der");
  const char *rule = "Kind=subject-matches-issuer\nFields=C;O;\n";
  const struct { const char *input; CdCheckStatus status; const char *message; } issuer_cases[] = {
    { "good", PASS, "string types included" },
    { "good.csr", PASS, NULL },
    { "utf8.csr", FAIL, "O is “Example Org” as UTF8String; the certificate authority’s is PrintableString" },
    { "bad", FAIL, "UTF8String" },
    { "nosan", FAIL, "has no C" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (issuer_cases); i++)
    {
      g_autoptr(CdCheckInput) input = input_for (issuer_cases[i].input);
      g_autoptr(CdCheckResult) result = NULL;

      cd_check_input_set_issuer (input, root);
      result = run (rule, input);
      assert_result (result, issuer_cases[i].status, issuer_cases[i].message, issuer_cases[i].input);
    }

  /* Values alone. */
  {
    g_autoptr(CdCheckInput) input = input_for ("utf8.csr");
    g_autoptr(CdCheckResult) result = NULL;

    cd_check_input_set_issuer (input, root);
    result = run ("Kind=subject-matches-issuer\nFields=C;O;\nCompareType=false\n", input);
    assert_result (result, PASS, NULL, "CompareType=false");
  }
}

static GPtrArray *
chain_of (const char *first,
          ...)
{
  GPtrArray *ders = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  va_list args;

  va_start (args, first);
  for (const char *name = first; name != NULL; name = va_arg (args, const char *))
    {
      g_autofree char *file = g_strconcat (name, ".der", NULL);

      g_ptr_array_add (ders, fixture_bytes (file));
    }
  va_end (args);

  return ders;
}

static void
test_check_chain (void)
{
  const char *rule = "Kind=chain-complete\n";
  g_autoptr(GPtrArray) full = chain_of ("good", "root", NULL);
  g_autoptr(GPtrArray) leaf_only = chain_of ("good", NULL);
  g_autoptr(CdCheckInput) input = input_for ("good");
  g_autoptr(CdCheckResult) result = NULL;

  cd_check_input_set_chain (input, full, TRUE);
  result = run (rule, input);
  assert_result (result, PASS, "2 certificates, up to the trusted root “Check Root CA”", "trusted chain");
  g_clear_object (&result);

  /* The chain's second certificate is the issuer for the subject rule. */
  result = run ("Kind=subject-matches-issuer\nFields=C;O;\n", input);
  assert_result (result, PASS, NULL, "issuer from the chain");
  g_clear_object (&result);

  cd_check_input_set_chain (input, full, FALSE);
  result = run (rule, input);
  assert_result (result, FAIL, "root “Check Root CA”, which is not trusted", "untrusted root");
  g_clear_object (&result);

  cd_check_input_set_chain (input, leaf_only, FALSE);
  result = run (rule, input);
  assert_result (result, FAIL, "stops at “good.example.test”: its issuer is missing", "missing issuer");
}

static void
test_check_peer (void)
{
  g_autoptr(GBytes) peer = fixture_bytes ("peer.der");
  g_autoptr(GBytes) other = fixture_bytes ("other-leaf.der");
  g_autoptr(CdCheckInput) input = input_for ("good");
  g_autoptr(CdCheckResult) result = NULL;

  cd_check_input_set_peer (input, peer);
  result = run ("Kind=same-issuer-as\n", input);
  assert_result (result, PASS, "Check Root CA", "same issuer");
  g_clear_object (&result);

  cd_check_input_set_peer (input, other);
  result = run ("Kind=same-issuer-as\n", input);
  assert_result (result, FAIL, "Check Other Root CA", "other issuer");
}

static void
test_check_export (void)
{
  const char *rule = "Kind=export-format\nFormats=pem-key-cert;pem-chain;\nIncludeChain=true\nIncludeRoot=false\n";
  g_autoptr(CdCheckInput) input = input_for ("good");
  g_autoptr(CdExportOptions) options = cd_export_options_new (CD_EXPORT_FORMAT_PEM_KEY_CERT);
  g_autoptr(CdExportOptions) pkcs12 = cd_export_options_new (CD_EXPORT_FORMAT_PKCS12);
  g_autoptr(CdCheckResult) result = NULL;

  cd_export_options_set_include_chain (options, TRUE);
  cd_check_input_set_export_options (input, options);
  result = run (rule, input);
  assert_result (result, PASS, "pem-key-cert, with the chain, without the root", "preset export");
  g_clear_object (&result);

  cd_export_options_set_include_root (options, TRUE);
  result = run (rule, input);
  assert_result (result, FAIL, "with the root; the device needs it without the root", "root included");
  g_clear_object (&result);

  cd_export_options_set_include_chain (options, FALSE);
  result = run (rule, input);
  assert_result (result, FAIL, "without the chain; the device needs it with the chain", "no chain");
  g_clear_object (&result);

  cd_check_input_set_export_options (input, pkcs12);
  result = run (rule, input);
  assert_result (result, FAIL, "The export is pkcs12; the device takes pem-key-cert, pem-chain", "other format");
}

/* What the request wizard's live checklist does: the builder being
 * edited is checked through its getters, no key is made.
 */
static void
test_check_builder (void)
{
  g_autoptr(CdRequestBuilder) builder = cd_request_builder_new ();
  g_autoptr(CdCheckInput) input = cd_check_input_new ();
  g_autoptr(GBytes) root = fixture_bytes ("root.der");
  g_autoptr(CdCheckResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *max8 = "Kind=san-max-count\nCount=8\n";

  cd_check_input_set_builder (input, builder);

  result = run ("Kind=cn-present\n", input);
  assert_result (result, FAIL, "no common name", "builder without CN");
  g_clear_object (&result);

  cd_request_builder_set_purpose (builder, CD_REQUEST_PURPOSE_SERVER);
  cd_request_builder_set_subject_field (builder, CD_SUBJECT_FIELD_COMMON_NAME, "ipo.example.test");
  cd_request_builder_set_subject_field (builder, CD_SUBJECT_FIELD_ORGANIZATION, "Example Org");
  cd_request_builder_set_subject_field (builder, CD_SUBJECT_FIELD_COUNTRY, "DE");
  cd_request_builder_set_cn_as_dns (builder, TRUE);

  /* The CN as first DNS name and seven more: eight entries. */
  for (guint i = 1; i <= 7; i++)
    {
      g_autofree char *name = g_strdup_printf ("alt%u.example.test", i);

      g_assert_true (cd_request_builder_add_san (builder, CD_SAN_TYPE_DNS, name, &error));
      g_assert_no_error (error);
    }
  result = run (max8, input);
  assert_result (result, PASS, "8 Subject Alternative Names, of at most 8", "eight SANs");
  g_clear_object (&result);

  /* The ninth turns it red. */
  g_assert_true (cd_request_builder_add_san (builder, CD_SAN_TYPE_IP, "192.0.2.9", &error));
  result = run (max8, input);
  assert_result (result, FAIL, "There are 9 Subject Alternative Names; the device takes at most 8", "ninth SAN");
  g_clear_object (&result);
  result = run ("Kind=san-allowed-types\nTypes=dns;\n", input);
  assert_result (result, FAIL, "IP:192.0.2.9", "builder SAN types");
  g_clear_object (&result);
  cd_request_builder_remove_san (builder, 7);

  result = run ("Kind=san-first-dns-is-cn\n", input);
  assert_result (result, PASS, NULL, "CN as first DNS name");
  g_clear_object (&result);
  cd_request_builder_set_cn_as_dns (builder, FALSE);
  result = run ("Kind=san-first-dns-is-cn\n", input);
  assert_result (result, FAIL, "“alt1.example.test”", "CN not first");
  g_clear_object (&result);

  cd_request_builder_set_key_type (builder, CD_KEY_TYPE_RSA_2048);
  result = run ("Kind=key-algorithm\nMinBits=2048\n", input);
  assert_result (result, PASS, "RSA 2048 bits", "builder RSA 2048");
  g_clear_object (&result);
  cd_request_builder_set_allow_legacy_key (builder, TRUE);
  cd_request_builder_set_key_type (builder, CD_KEY_TYPE_RSA_1024);
  result = run ("Kind=key-algorithm\nMinBits=2048\n", input);
  assert_result (result, FAIL, "RSA 1024 bits", "builder RSA 1024");
  g_clear_object (&result);

  cd_request_builder_set_key_type (builder, CD_KEY_TYPE_ED25519);
  result = run ("Kind=signature-digest\nAllowed=sha256;\n", input);
  assert_result (result, NA, NULL, "builder Ed25519 digest");
  g_clear_object (&result);
  cd_request_builder_set_key_type (builder, CD_KEY_TYPE_EC_P256);
  cd_request_builder_set_digest (builder, CD_DIGEST_SHA384);
  result = run ("Kind=signature-digest\nAllowed=sha256;\n", input);
  assert_result (result, FAIL, "sha384", "builder digest");
  g_clear_object (&result);

  cd_request_builder_set_existing_key_id (builder, "0011");
  result = run ("Kind=key-algorithm\nMinBits=2048\n", input);
  assert_result (result, NA, "already in the keyring", "builder existing key");
  g_clear_object (&result);
  cd_request_builder_set_existing_key_id (builder, NULL);

  result = run ("Kind=extended-key-usage\nRequired=server-auth;\n", input);
  assert_result (result, PASS, NULL, "builder server EKU");
  g_clear_object (&result);
  cd_request_builder_set_purpose (builder, CD_REQUEST_PURPOSE_CLIENT);
  result = run ("Kind=extended-key-usage\nRequired=server-auth;\n", input);
  assert_result (result, FAIL, "Server Authentication is missing", "builder client EKU");
  g_clear_object (&result);

  result = run ("Kind=critical-extensions\nAllowed=basicConstraints;\n", input);
  assert_result (result, FAIL, "keyUsage", "builder critical KU");
  g_clear_object (&result);

  /* Nothing to look at yet: dates, chain. */
  result = run ("Kind=max-validity\nDays=398\n", input);
  assert_result (result, NA, NULL, "builder validity");
  g_clear_object (&result);
  result = run ("Kind=chain-complete\n", input);
  assert_result (result, NA, NULL, "builder chain");
  g_clear_object (&result);

  /* The string type the builder will write, against the CA's. */
  cd_check_input_set_issuer (input, root);
  cd_request_builder_set_string_type (builder, CD_STRING_TYPE_UTF8);
  result = run ("Kind=subject-matches-issuer\nFields=C;O;\n", input);
  assert_result (result, FAIL, "as UTF8String; the certificate authority’s is PrintableString", "builder UTF-8");
  g_clear_object (&result);
  cd_request_builder_set_string_type (builder, CD_STRING_TYPE_PRINTABLE_WHERE_POSSIBLE);
  result = run ("Kind=subject-matches-issuer\nFields=C;O;\n", input);
  assert_result (result, PASS, NULL, "builder printable");
}

/* A whole shipped profile: a results list in rule order, and the worst. */
static void
test_check_shipped_profile (void)
{
  g_autoptr(GListModel) profiles = cd_profile_load_all (NULL, NULL);
  CdProfile *server = cd_profile_list_find (profiles, "tls-server");
  g_autoptr(GPtrArray) full = chain_of ("good", "root", NULL);
  g_autoptr(CdCheckInput) good = input_for ("good");
  g_autoptr(CdCheckInput) bad = input_for ("bad");
  g_autoptr(CdCheckInput) empty = cd_check_input_new ();
  g_autoptr(CdRequestBuilder) builder = cd_request_builder_new ();
  g_autoptr(CdCheckInput) wizard = cd_check_input_new ();
  g_autoptr(GListModel) results = NULL;
  g_autoptr(CdCheckResult) first = NULL;

  cd_check_input_set_chain (good, full, TRUE);
  results = cd_profile_check (server, good);
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, cd_profile_get_n_rules (server));
  first = g_list_model_get_item (results, 0);
  g_assert_cmpstr (cd_check_result_get_rule_id (first), ==, "key");
  g_assert_cmpint (cd_check_results_get_worst (results), ==, PASS);
  g_clear_object (&results);

  results = cd_profile_check (server, bad);
  g_assert_cmpint (cd_check_results_get_worst (results), ==, FAIL);
  g_clear_object (&results);

  /* Nothing given: every rule is not applicable, none fails. */
  results = cd_profile_check (server, empty);
  g_assert_cmpint (cd_check_results_get_worst (results), ==, PASS);
  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(CdCheckResult) result = g_list_model_get_item (results, i);

      g_assert_cmpint (cd_check_result_get_status (result), ==, NA);
    }
  g_clear_object (&results);

  /* The wizard pre-filled from the profile meets it at once. */
  cd_profile_apply_to_request_builder (server, builder);
  cd_request_builder_set_subject_field (builder, CD_SUBJECT_FIELD_COMMON_NAME, "www.example.test");
  cd_check_input_set_builder (wizard, builder);
  results = cd_profile_check (server, wizard);
  g_assert_cmpint (cd_check_results_get_worst (results), ==, PASS);

  g_assert_cmpstr (cd_check_status_to_id (WARN), ==, "warning");
  g_assert_cmpstr (cd_check_status_to_id (NA), ==, "not-applicable");
  g_assert_nonnull (cd_check_status_get_label (FAIL));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  fixtures = cd_test_make_tmpdir ();
  cd_test_run_command ("sh '%s/make-check-fixtures.sh' '%s'", g_getenv ("G_TEST_SRCDIR"), fixtures);

  g_test_add_func ("/certdesk/check/cases", test_check_cases);
  g_test_add_func ("/certdesk/check/parameter", test_check_parameter);
  g_test_add_func ("/certdesk/check/issuer-string-type", test_check_issuer_string_type);
  g_test_add_func ("/certdesk/check/chain", test_check_chain);
  g_test_add_func ("/certdesk/check/peer", test_check_peer);
  g_test_add_func ("/certdesk/check/export", test_check_export);
  g_test_add_func ("/certdesk/check/builder", test_check_builder);
  g_test_add_func ("/certdesk/check/shipped-profile", test_check_shipped_profile);

  status = g_test_run ();
  remove_fixtures ();

  return status;
}
