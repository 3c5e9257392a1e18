/* cd-check-key.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Rule kinds about the key and the extensions that say what it may do:
 * key-algorithm, signature-digest, key-usage, extended-key-usage,
 * basic-constraints, critical-extensions, no-unknown-critical.
 */

#define G_LOG_DOMAIN "cd-check"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/objects.h>

#include "cd-check-private.h"
#include "cd-openssl-private.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ASN1_BIT_STRING, ASN1_BIT_STRING_free)

typedef struct
{
  const char *algorithm;   /* "rsa", "ec", "ed25519", or NULL for another */
  int         bits;
  const char *curve;       /* "P-256"… for EC */
} KeyInfo;

/* Indexed by CdKeyType. */
static const KeyInfo builder_keys[CD_N_KEY_TYPES] = {
  { "rsa", 2048, NULL }, { "rsa", 3072, NULL }, { "rsa", 4096, NULL },
  { "ec", 256, "P-256" }, { "ec", 384, "P-384" }, { "ed25519", 256, NULL },
  { "rsa", 1024, NULL },
};

static gboolean
get_key_info (CdCheckContext *context,
              KeyInfo        *info,
              char          **why)
{
  EVP_PKEY *key;
  char group[64];

  memset (info, 0, sizeof *info);

  if (context->subject == CD_CHECK_SUBJECT_BUILDER)
    {
      if (cd_request_builder_get_existing_key_id (context->builder) != NULL)
        {
          *why = g_strdup (_("The request uses a key already in the keyring; its type is "
                             "checked once the request is made."));
          return FALSE;
        }
      *info = builder_keys[cd_request_builder_get_key_type (context->builder)];
      return TRUE;
    }

  key = _cd_check_get_public_key (context);
  if (key == NULL)
    {
      *why = g_strdup (_("The public key could not be read."));
      return FALSE;
    }

  info->bits = EVP_PKEY_get_bits (key);
  switch (EVP_PKEY_get_base_id (key))
    {
    case EVP_PKEY_RSA:
    case EVP_PKEY_RSA_PSS:
      info->algorithm = "rsa";
      break;
    case EVP_PKEY_EC:
      info->algorithm = "ec";
      if (EVP_PKEY_get_utf8_string_param (key, OSSL_PKEY_PARAM_GROUP_NAME, group,
                                          sizeof group, NULL) == 1)
        info->curve = EC_curve_nid2nist (OBJ_txt2nid (group));
      break;
    case EVP_PKEY_ED25519:
      info->algorithm = "ed25519";
      break;
    default:
      break;
    }

  return TRUE;
}

static char *
describe_key (const KeyInfo *info)
{
  if (g_strcmp0 (info->algorithm, "rsa") == 0)
    /* translators: %d is a number of bits, 2048 for example */
    return g_strdup_printf (_("RSA %d bits"), info->bits);
  if (g_strcmp0 (info->algorithm, "ec") == 0)
    return g_strdup_printf ("EC %s", info->curve != NULL ? info->curve : _("(another curve)"));
  if (g_strcmp0 (info->algorithm, "ed25519") == 0)
    return g_strdup ("Ed25519");

  return g_strdup (_("of a type the device does not know"));
}

static gboolean
strv_has (char       **strv,
          const char  *value)
{
  return strv != NULL && value != NULL && g_strv_contains ((const char * const *)strv, value);
}

static char *
join (char **strv)
{
  return g_strjoinv (", ", strv);
}

CdRuleOutcome
_cd_check_key_algorithm (const CdProfileRule  *rule,
                         CdCheckContext       *context,
                         char                **message,
                         char                **hint)
{
  g_auto(GStrv) algorithms = _cd_rule_get_list (rule, "Algorithms");
  g_auto(GStrv) allowed_bits = _cd_rule_get_list (rule, "AllowedBits");
  g_auto(GStrv) curves = _cd_rule_get_list (rule, "Curves");
  gint64 min_bits = _cd_rule_get_int (rule, "MinBits", 0);
  g_autofree char *bits = NULL;
  g_autofree char *key = NULL;
  g_autofree char *why = NULL;
  KeyInfo info;

  if (!get_key_info (context, &info, &why))
    return _cd_check_not_applicable (message, why);

  key = describe_key (&info);
  bits = g_strdup_printf ("%d", info.bits);

  if (algorithms != NULL && !strv_has (algorithms, info.algorithm))
    {
      g_autofree char *list = join (algorithms);

      /* translators: the first %s is a key such as "RSA 2048 bits", the second a list such as "rsa, ec" */
      *message = g_strdup_printf (_("The key is %s; the device takes only %s keys."), key, list);
      *hint = g_strdup (_("Make a new key of a type the device takes, and a new request."));
      return CD_RULE_OUTCOME_FAIL;
    }

  if (g_strcmp0 (info.algorithm, "rsa") == 0 && min_bits > 0 && info.bits < min_bits)
    {
      *message = g_strdup_printf (_("The key is %s; it must have at least %lld bits."),
                                  key, (long long) min_bits);
      *hint = g_strdup (_("Make a new, longer key and a new request."));
      return CD_RULE_OUTCOME_FAIL;
    }

  if (g_strcmp0 (info.algorithm, "rsa") == 0 && allowed_bits != NULL && !strv_has (allowed_bits, bits))
    {
      g_autofree char *list = join (allowed_bits);

      *message = g_strdup_printf (_("The key is %s; the device takes only RSA keys of %s bits."),
                                  key, list);
      *hint = g_strdup (_("Make a new key of a size the device takes, and a new request."));
      return CD_RULE_OUTCOME_FAIL;
    }

  if (g_strcmp0 (info.algorithm, "ec") == 0 && curves != NULL && !strv_has (curves, info.curve))
    {
      g_autofree char *list = join (curves);

      *message = g_strdup_printf (_("The key is %s; the device takes only the curves %s."), key, list);
      *hint = g_strdup (_("Make a new key on a curve the device takes, and a new request."));
      return CD_RULE_OUTCOME_FAIL;
    }

  *message = g_strdup_printf (_("The key is %s."), key);
  return CD_RULE_OUTCOME_PASS;
}

static const char *
digest_id (int md_nid)
{
  switch (md_nid)
    {
    case NID_sha1:
      return "sha1";
    case NID_sha256:
      return "sha256";
    case NID_sha384:
      return "sha384";
    case NID_sha512:
      return "sha512";
    default:
      return NULL;
    }
}

CdRuleOutcome
_cd_check_signature_digest (const CdProfileRule  *rule,
                            CdCheckContext       *context,
                            char                **message,
                            char                **hint)
{
  g_auto(GStrv) allowed = _cd_rule_get_list (rule, "Allowed");
  g_autofree char *list = join (allowed);
  const char *digest = NULL;
  int md_nid = NID_undef;
  int pk_nid = NID_undef;

  switch (context->subject)
    {
    case CD_CHECK_SUBJECT_CERTIFICATE:
      /* This one also reads the digest out of RSA-PSS parameters. */
      if (X509_get_signature_info (context->cert, &md_nid, &pk_nid, NULL, NULL) != 1)
        md_nid = NID_undef;
      break;
    case CD_CHECK_SUBJECT_REQUEST:
      OBJ_find_sigid_algs (X509_REQ_get_signature_nid (context->request), &md_nid, &pk_nid);
      break;
    case CD_CHECK_SUBJECT_BUILDER:
    default:
      if (cd_request_builder_get_existing_key_id (context->builder) == NULL &&
          cd_request_builder_get_key_type (context->builder) == CD_KEY_TYPE_ED25519)
        return _cd_check_not_applicable (message, _("Ed25519 signatures use no separate digest."));
      md_nid = (const int[]) { NID_sha256, NID_sha384, NID_sha512, NID_sha1 }
                 [cd_request_builder_get_digest (context->builder)];
      break;
    }

  if (pk_nid == NID_ED25519 || pk_nid == NID_ED448)
    return _cd_check_not_applicable (message, _("Ed25519 signatures use no separate digest."));

  digest = digest_id (md_nid);
  if (digest == NULL)
    {
      *message = g_strdup_printf (_("The signature uses a digest other than %s."), list);
      *hint = g_strdup (_("Ask the certificate authority to sign with a digest the device takes."));
      return CD_RULE_OUTCOME_FAIL;
    }

  if (!strv_has (allowed, digest))
    {
      /* translators: the first %s is a digest such as "sha1", the second a list such as "sha256, sha384" */
      *message = g_strdup_printf (_("The signature uses %s; the device takes %s."), digest, list);
      *hint = g_strdup (context->subject == CD_CHECK_SUBJECT_CERTIFICATE
                        ? _("Ask the certificate authority to sign with a digest the device takes.")
                        : _("Choose a digest the device takes for the request."));
      return CD_RULE_OUTCOME_FAIL;
    }

  *message = g_strdup_printf (_("The signature uses %s."), digest);
  return CD_RULE_OUTCOME_PASS;
}

/* Indexed by bit number, as the ids of the profile files. */
static const char * const key_usage_labels[] = {
  N_("Digital Signature"), N_("Non-Repudiation"), N_("Key Encipherment"),
  N_("Data Encipherment"), N_("Key Agreement"), N_("Certificate Signing"), N_("CRL Signing"),
};

static const char * const eku_labels[] = {
  N_("Server Authentication"), N_("Client Authentication"), N_("Code Signing"),
  N_("Secure Email"),
};

static const int eku_nids[] = { NID_server_auth, NID_client_auth, NID_code_sign, NID_email_protect };

static char *
describe_bits (guint               bits,
               const char * const *labels,
               guint               n_labels)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  for (guint i = 0; i < n_labels; i++)
    {
      if (bits & (1u << i))
        g_strv_builder_add (builder, _(labels[i]));
    }

  strv = g_strv_builder_end (builder);
  return join (strv);
}

/* Compares @bits with the rule's Required and Forbidden lists. */
static CdRuleOutcome
check_usage_bits (const CdProfileRule  *rule,
                  CdCheckContext       *context,
                  gboolean              present,
                  guint                 bits,
                  gboolean              extended,
                  char                **message,
                  char                **hint)
{
  g_auto(GStrv) required_ids = _cd_rule_get_list (rule, "Required");
  g_auto(GStrv) forbidden_ids = _cd_rule_get_list (rule, "Forbidden");
  const char * const *labels = extended ? eku_labels : key_usage_labels;
  guint n_labels = extended ? G_N_ELEMENTS (eku_labels) : G_N_ELEMENTS (key_usage_labels);
  guint required = 0, forbidden = 0;
  g_autofree char *have = NULL;

  if (required_ids != NULL)
    required = extended ? _cd_profile_eku_from_ids (required_ids)
                        : _cd_profile_key_usage_from_ids (required_ids);
  if (forbidden_ids != NULL)
    forbidden = extended ? _cd_profile_eku_from_ids (forbidden_ids)
                         : _cd_profile_key_usage_from_ids (forbidden_ids);

  if (!present && required != 0)
    {
      g_autofree char *missing = describe_bits (required, labels, n_labels);

      *message = g_strdup_printf (extended
                                  ? _("There is no Extended Key Usage extension; the device needs %s.")
                                  : _("There is no Key Usage extension; the device needs %s."),
                                  missing);
      *hint = g_strdup (_("Make a new request with these usages, or ask the certificate authority "
                          "for a template that sets them."));
      return CD_RULE_OUTCOME_FAIL;
    }

  have = describe_bits (bits, labels, n_labels);
  if ((bits & required) != required)
    {
      g_autofree char *missing = describe_bits (required & ~bits, labels, n_labels);

      /* translators: the first %s lists usages present, the second the usages missing */
      *message = g_strdup_printf (_("The usages are %s; %s is missing."), have, missing);
      *hint = g_strdup (_("Make a new request with these usages, or ask the certificate authority "
                          "for a template that sets them."));
      return CD_RULE_OUTCOME_FAIL;
    }

  if ((bits & forbidden) != 0)
    {
      g_autofree char *extra = describe_bits (bits & forbidden, labels, n_labels);

      /* translators: the first %s lists usages present, the second those the device refuses */
      *message = g_strdup_printf (_("The usages are %s; the device refuses %s."), have, extra);
      *hint = g_strdup (_("Make a new request without these usages."));
      return CD_RULE_OUTCOME_FAIL;
    }

  if (!present)
    *message = g_strdup (extended ? _("There is no Extended Key Usage extension, and none is required.")
                                  : _("There is no Key Usage extension, and none is required."));
  else
    *message = g_strdup_printf (_("The usages are %s."), have[0] != '\0' ? have : _("none"));

  return CD_RULE_OUTCOME_PASS;
}

CdRuleOutcome
_cd_check_key_usage (const CdProfileRule  *rule,
                     CdCheckContext       *context,
                     char                **message,
                     char                **hint)
{
  g_autoptr(ASN1_BIT_STRING) usage = NULL;
  guint bits = 0;

  if (context->subject == CD_CHECK_SUBJECT_BUILDER)
    {
      bits = cd_request_builder_get_key_usage (context->builder);
      return check_usage_bits (rule, context, bits != 0, bits, FALSE, message, hint);
    }

  usage = _cd_check_get_ext_d2i (context, NID_key_usage, NULL);
  for (guint i = 0; usage != NULL && i < G_N_ELEMENTS (key_usage_labels); i++)
    {
      if (ASN1_BIT_STRING_get_bit (usage, i))
        bits |= 1u << i;
    }

  return check_usage_bits (rule, context, usage != NULL, bits, FALSE, message, hint);
}

CdRuleOutcome
_cd_check_extended_key_usage (const CdProfileRule  *rule,
                              CdCheckContext       *context,
                              char                **message,
                              char                **hint)
{
  g_autoptr(EXTENDED_KEY_USAGE) usages = NULL;
  guint bits = 0;

  if (context->subject == CD_CHECK_SUBJECT_BUILDER)
    {
      bits = cd_request_builder_get_extended_key_usage (context->builder);
      return check_usage_bits (rule, context, bits != 0, bits, TRUE, message, hint);
    }

  usages = _cd_check_get_ext_d2i (context, NID_ext_key_usage, NULL);
  for (int i = 0; usages != NULL && i < sk_ASN1_OBJECT_num (usages); i++)
    {
      int nid = OBJ_obj2nid (sk_ASN1_OBJECT_value (usages, i));

      for (guint j = 0; j < G_N_ELEMENTS (eku_nids); j++)
        {
          if (eku_nids[j] == nid)
            bits |= 1u << j;
        }
    }

  return check_usage_bits (rule, context, usages != NULL, bits, TRUE, message, hint);
}

CdRuleOutcome
_cd_check_basic_constraints (const CdProfileRule  *rule,
                             CdCheckContext       *context,
                             char                **message,
                             char                **hint)
{
  g_autoptr(BASIC_CONSTRAINTS) constraints = NULL;
  gboolean want_ca = _cd_rule_get_bool (rule, "CA", FALSE);
  gboolean has_ca = _cd_rule_has_key (rule, "CA");
  gint64 max_path = _cd_rule_get_int (rule, "MaxPathLength", -1);
  gboolean is_ca = FALSE;
  gint64 path = -1;

  /* The request builder makes end-entity requests only. */
  if (context->subject != CD_CHECK_SUBJECT_BUILDER)
    constraints = _cd_check_get_ext_d2i (context, NID_basic_constraints, NULL);
  if (constraints != NULL)
    {
      is_ca = constraints->ca != 0;
      if (constraints->pathlen != NULL)
        path = ASN1_INTEGER_get (constraints->pathlen);
    }

  if (has_ca && is_ca != want_ca)
    {
      *message = g_strdup (want_ca ? _("It is not a CA certificate; the device needs one (CA:TRUE).")
                                   : _("It is a CA certificate (CA:TRUE); the device needs an "
                                       "end-entity certificate."));
      *hint = g_strdup (want_ca ? _("Use the certificate authority’s own certificate.")
                                : _("Ask for a certificate from a server or client template, not a CA one."));
      return CD_RULE_OUTCOME_FAIL;
    }

  if (max_path >= 0 && is_ca && (path < 0 || path > max_path))
    {
      g_autofree char *found = path < 0 ? g_strdup (_("no path length limit"))
                                        : g_strdup_printf (_("a path length of %lld"), (long long) path);

      /* translators: %s is "no path length limit" or "a path length of 2" */
      *message = g_strdup_printf (_("It has %s; the device takes at most %lld."),
                                  found, (long long) max_path);
      *hint = g_strdup (_("Use a certificate authority certificate whose path length limit the device "
                          "takes."));
      return CD_RULE_OUTCOME_FAIL;
    }

  if (!is_ca)
    *message = g_strdup (_("It is an end-entity certificate (CA:FALSE)."));
  else if (path >= 0)
    *message = g_strdup_printf (_("It is a CA certificate with a path length of %lld."), (long long) path);
  else
    *message = g_strdup (_("It is a CA certificate without a path length limit."));

  return CD_RULE_OUTCOME_PASS;
}

/* The extension's short name, or its dotted OID. */
static char *
extension_name (X509_EXTENSION *extension)
{
  ASN1_OBJECT *object = X509_EXTENSION_get_object (extension);
  int nid = OBJ_obj2nid (object);
  char oid[128];

  if (nid != NID_undef)
    return g_strdup (OBJ_nid2sn (nid));

  OBJ_obj2txt (oid, sizeof oid, object, 1);
  return g_strdup (oid);
}

CdRuleOutcome
_cd_check_critical_extensions (const CdProfileRule  *rule,
                               CdCheckContext       *context,
                               char                **message,
                               char                **hint)
{
  g_auto(GStrv) allowed = _cd_rule_get_list (rule, "Allowed");
  g_autoptr(GStrvBuilder) bad = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) good = g_strv_builder_new ();
  g_auto(GStrv) bad_names = NULL;
  g_auto(GStrv) good_names = NULL;
  int n = _cd_check_n_extensions (context);

  /* cd-request-sign.c marks Key Usage critical, nothing else. */
  if (context->subject == CD_CHECK_SUBJECT_BUILDER &&
      cd_request_builder_get_key_usage (context->builder) != CD_KEY_USAGE_NONE)
    g_strv_builder_add (strv_has (allowed, "keyUsage") ? good : bad, "keyUsage");

  for (int i = 0; i < n; i++)
    {
      X509_EXTENSION *extension = _cd_check_get_extension (context, i);
      g_autofree char *name = NULL;

      if (!X509_EXTENSION_get_critical (extension))
        continue;

      name = extension_name (extension);
      g_strv_builder_add (strv_has (allowed, name) ? good : bad, name);
    }

  bad_names = g_strv_builder_end (bad);
  good_names = g_strv_builder_end (good);

  if (bad_names[0] != NULL)
    {
      g_autofree char *list = join (bad_names);
      g_autofree char *ok = join (allowed);

      /* translators: the first %s lists extensions, the second the ones the device accepts as critical */
      *message = g_strdup_printf (_("Critical extensions the device does not take: %s (it takes %s)."),
                                  list, ok);
      *hint = g_strdup (_("Ask the certificate authority to mark only these extensions critical."));
      return CD_RULE_OUTCOME_FAIL;
    }

  if (good_names[0] == NULL)
    {
      *message = g_strdup (_("No extension is critical."));
    }
  else
    {
      g_autofree char *list = join (good_names);

      *message = g_strdup_printf (_("Critical extensions: %s."), list);
    }

  return CD_RULE_OUTCOME_PASS;
}

CdRuleOutcome
_cd_check_no_unknown_critical (const CdProfileRule  *rule,
                               CdCheckContext       *context,
                               char                **message,
                               char                **hint)
{
  g_autoptr(GStrvBuilder) unknown = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;
  int n = _cd_check_n_extensions (context);

  for (int i = 0; i < n; i++)
    {
      X509_EXTENSION *extension = _cd_check_get_extension (context, i);

      if (X509_EXTENSION_get_critical (extension) && X509V3_EXT_get (extension) == NULL)
        {
          g_autofree char *name = extension_name (extension);

          g_strv_builder_add (unknown, name);
        }
    }

  names = g_strv_builder_end (unknown);
  if (names[0] != NULL)
    {
      g_autofree char *list = join (names);

      *message = g_strdup_printf (_("Critical extensions that are not known: %s."), list);
      *hint = g_strdup (_("A device must refuse a certificate with a critical extension it does not "
                          "know. Ask the certificate authority not to add it, or not as critical."));
      return CD_RULE_OUTCOME_FAIL;
    }

  *message = g_strdup (_("Every critical extension is a known one."));
  return CD_RULE_OUTCOME_PASS;
}
