/* cd-check-kinds.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The rule kinds of data/profiles/README.md: each one's keys, which the
 * loader validates, and the function that checks it. Adding a kind is a
 * line here, a function in its family's file and a row in the README.
 */

#define G_LOG_DOMAIN "cd-profile"

#include "config.h"

#include <openssl/objects.h>

#include "cd-check-private.h"

/* Indexed by bit number of CdProfileKeyUsage. */
const char * const _cd_profile_key_usage_ids[] = {
  "digital-signature", "non-repudiation", "key-encipherment", "data-encipherment",
  "key-agreement", "key-cert-sign", "crl-sign", NULL
};

/* Indexed by bit number of CdExtendedKeyUsage. */
const char * const _cd_profile_eku_ids[] = {
  "server-auth", "client-auth", "code-signing", "email-protection", NULL
};

/* Indexed by CdExportFormat. */
const char * const _cd_profile_export_format_ids[] = {
  "der", "pem", "pem-chain", "p7b-der", "p7b-pem", "pkcs12", "pkcs12-legacy", "pem-key-cert",
  "key", NULL
};

/* Indexed by CdSubjectField. */
const char * const _cd_profile_subject_field_ids[] = {
  "C", "ST", "L", "O", "OU", "CN", "emailAddress", NULL
};

/* Indexed by CdSanType. */
const char * const _cd_profile_san_type_ids[] = { "dns", "ip", "email", "uri", NULL };

const char * const _cd_profile_digest_ids[] = { "sha1", "sha256", "sha384", "sha512", NULL };

static const char * const algorithm_ids[] = { "rsa", "ec", "ed25519", NULL };
static const char * const curve_ids[] = { "P-256", "P-384", "P-521", NULL };

static const int subject_field_nids[CD_N_SUBJECT_FIELDS] = {
  NID_countryName, NID_stateOrProvinceName, NID_localityName, NID_organizationName,
  NID_organizationalUnitName, NID_commonName, NID_pkcs9_emailAddress,
};

#define INT(n, lo, hi)  { n, CD_RULE_VALUE_INT, NULL, lo, hi }
#define INTS(n, lo, hi) { n, CD_RULE_VALUE_INT_LIST, NULL, lo, hi }
#define BOOL(n)         { n, CD_RULE_VALUE_BOOL, NULL, 0, 0 }
#define LIST(n, c)      { n, CD_RULE_VALUE_CHOICES, c, 0, 0 }
#define TYPE(n, t)      { n, t, NULL, 0, 0 }

static const CdRuleKind kinds[] = {
  { "key-algorithm", _cd_check_key_algorithm,
    { LIST ("Algorithms", algorithm_ids), INT ("MinBits", 256, 16384),
      INTS ("AllowedBits", 256, 16384), LIST ("Curves", curve_ids) },
    { "Algorithms", "MinBits", "AllowedBits", "Curves" } },
  { "signature-digest", _cd_check_signature_digest,
    { LIST ("Allowed", _cd_profile_digest_ids) }, { "Allowed" } },
  { "max-validity", _cd_check_max_validity, { INT ("Days", 1, 36500) }, { "Days" } },
  { "min-validity", _cd_check_min_validity, { INT ("Days", 1, 36500) }, { "Days" } },
  { "before-2038", _cd_check_before_2038, { { NULL } }, { NULL } },
  { "cn-present", _cd_check_cn_present, { { NULL } }, { NULL } },
  { "cn-matches", _cd_check_cn_matches,
    { TYPE ("Parameter", CD_RULE_VALUE_NAME), TYPE ("Pattern", CD_RULE_VALUE_REGEX) },
    { "Parameter", "Pattern" } },
  { "cn-max-length", _cd_check_cn_max_length, { INT ("Length", 1, 64) }, { "Length" } },
  { "subject-fields-present", _cd_check_fields_present,
    { LIST ("Fields", _cd_profile_subject_field_ids) }, { "Fields" } },
  { "subject-fields-absent", _cd_check_fields_absent,
    { LIST ("Fields", _cd_profile_subject_field_ids) }, { "Fields" } },
  { "san-present", _cd_check_san_present, { { NULL } }, { NULL } },
  { "san-max-count", _cd_check_san_max_count, { INT ("Count", 1, 10000) }, { "Count" } },
  { "san-allowed-types", _cd_check_san_allowed_types,
    { LIST ("Types", _cd_profile_san_type_ids) }, { "Types" } },
  { "san-first-dns-is-cn", _cd_check_san_first_dns_is_cn, { { NULL } }, { NULL } },
  { "no-wildcard", _cd_check_no_wildcard, { { NULL } }, { NULL } },
  { "key-usage", _cd_check_key_usage,
    { LIST ("Required", _cd_profile_key_usage_ids), LIST ("Forbidden", _cd_profile_key_usage_ids) },
    { "Required", "Forbidden" } },
  { "extended-key-usage", _cd_check_extended_key_usage,
    { LIST ("Required", _cd_profile_eku_ids), LIST ("Forbidden", _cd_profile_eku_ids) },
    { "Required", "Forbidden" } },
  { "basic-constraints", _cd_check_basic_constraints,
    { BOOL ("CA"), INT ("MaxPathLength", 0, 100) }, { "CA", "MaxPathLength" } },
  { "critical-extensions", _cd_check_critical_extensions,
    { TYPE ("Allowed", CD_RULE_VALUE_EXTENSIONS) }, { "Allowed" } },
  { "no-unknown-critical", _cd_check_no_unknown_critical, { { NULL } }, { NULL } },
  { "subject-matches-issuer", _cd_check_subject_matches_issuer,
    { LIST ("Fields", _cd_profile_subject_field_ids), BOOL ("CompareType") }, { "Fields" } },
  { "chain-complete", _cd_check_chain_complete, { { NULL } }, { NULL } },
  { "same-issuer-as", _cd_check_same_issuer_as, { { NULL } }, { NULL } },
  { "not-vendor-default", _cd_check_not_vendor_default,
    { TYPE ("IssuerContains", CD_RULE_VALUE_STRING), TYPE ("SubjectContains", CD_RULE_VALUE_STRING),
      TYPE ("NotAfterBefore", CD_RULE_VALUE_DATE) },
    { "IssuerContains", "SubjectContains", "NotAfterBefore" } },
  { "expiry-window", _cd_check_expiry_window, { INT ("Days", 1, 3650) }, { NULL } },
  { "export-format", _cd_check_export_format,
    { LIST ("Formats", _cd_profile_export_format_ids), BOOL ("IncludeChain"), BOOL ("IncludeRoot") },
    { "Formats", "IncludeChain", "IncludeRoot" } },
};

const CdRuleKind *
_cd_rule_kind_find (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      if (g_str_equal (kinds[i].name, name))
        return &kinds[i];
    }

  return NULL;
}

static int
index_of (const char * const *ids,
          const char         *id)
{
  for (int i = 0; ids[i] != NULL; i++)
    {
      if (g_str_equal (ids[i], id))
        return i;
    }

  return -1;
}

guint
_cd_profile_key_usage_from_ids (char **ids)
{
  guint bits = 0;

  for (guint i = 0; ids[i] != NULL; i++)
    {
      int bit = index_of (_cd_profile_key_usage_ids, ids[i]);

      if (bit >= 0)
        bits |= 1u << bit;
    }

  return bits;
}

CdExtendedKeyUsage
_cd_profile_eku_from_ids (char **ids)
{
  guint bits = 0;

  for (guint i = 0; ids[i] != NULL; i++)
    {
      int bit = index_of (_cd_profile_eku_ids, ids[i]);

      if (bit >= 0)
        bits |= 1u << bit;
    }

  return bits;
}

int
_cd_profile_subject_field_from_id (const char *id)
{
  return index_of (_cd_profile_subject_field_ids, id);
}

int
_cd_profile_subject_field_nid (CdSubjectField field)
{
  g_return_val_if_fail (field < CD_N_SUBJECT_FIELDS, NID_undef);

  return subject_field_nids[field];
}

int
_cd_profile_export_format_from_id (const char *id)
{
  return index_of (_cd_profile_export_format_ids, id);
}

const char *
_cd_profile_export_format_to_id (CdExportFormat format)
{
  g_return_val_if_fail (format <= CD_EXPORT_FORMAT_KEY, NULL);

  return _cd_profile_export_format_ids[format];
}
