/* cd-check-context.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the rule families read through: one accessor per part of a
 * certificate, a request or a request builder (subject fields, SANs,
 * extensions, key), and the rule's own keys, validated at load time.
 */

#define G_LOG_DOMAIN "cd-check"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cd-check-private.h"
#include "cd-openssl-private.h"

CdRuleOutcome
_cd_check_not_applicable (char       **message,
                          const char  *reason)
{
  *message = g_strdup (reason);
  return CD_RULE_OUTCOME_NOT_APPLICABLE;
}

static const X509_NAME *
subject_name (CdCheckContext *context)
{
  switch (context->subject)
    {
    case CD_CHECK_SUBJECT_CERTIFICATE:
      return X509_get_subject_name (context->cert);
    case CD_CHECK_SUBJECT_REQUEST:
      return X509_REQ_get_subject_name (context->request);
    case CD_CHECK_SUBJECT_BUILDER:
    default:
      return NULL;
    }
}

static char *
asn1_string_to_utf8 (const ASN1_STRING *string)
{
  unsigned char *utf8 = NULL;
  int len = ASN1_STRING_to_UTF8 (&utf8, string);
  char *result;

  if (len < 0)
    return g_strdup ("");

  result = g_utf8_make_valid ((const char *)utf8, len);
  OPENSSL_free (utf8);

  return result;
}

/* The builder encodes as cd-request-sign.c does: C printable, e-mail
 * IA5, the rest printable where it fits when asked, else UTF-8.
 */
static int
builder_string_type (CdRequestBuilder *builder,
                     int               nid,
                     const char       *value)
{
  if (nid == NID_countryName)
    return V_ASN1_PRINTABLESTRING;
  if (nid == NID_pkcs9_emailAddress)
    return V_ASN1_IA5STRING;
  if (cd_request_builder_get_string_type (builder) == CD_STRING_TYPE_PRINTABLE_WHERE_POSSIBLE &&
      cd_request_string_fits_printable (value))
    return V_ASN1_PRINTABLESTRING;

  return V_ASN1_UTF8STRING;
}

/**
 * _cd_check_dup_field:
 * @context: the check
 * @nid: a subject attribute, such as %NID_commonName
 * @asn1_type: (out) (optional): its string type (%V_ASN1_UTF8STRING…)
 *
 * Returns: (transfer full) (nullable): the first value, or %NULL
 */
char *
_cd_check_dup_field (CdCheckContext *context,
                     int             nid,
                     int            *asn1_type)
{
  const X509_NAME *name;
  const X509_NAME_ENTRY *entry;
  const ASN1_STRING *data;
  int index;

  if (context->subject == CD_CHECK_SUBJECT_BUILDER)
    {
      const char *value = NULL;

      for (guint i = 0; i < CD_N_SUBJECT_FIELDS; i++)
        {
          if (_cd_profile_subject_field_nid (i) == nid)
            value = cd_request_builder_get_subject_field (context->builder, i);
        }
      if (value == NULL || value[0] == '\0')
        return NULL;
      if (asn1_type != NULL)
        *asn1_type = builder_string_type (context->builder, nid, value);
      return g_strdup (value);
    }

  name = subject_name (context);
  index = X509_NAME_get_index_by_NID (name, nid, -1);
  if (index < 0)
    return NULL;

  entry = X509_NAME_get_entry (name, index);
  data = X509_NAME_ENTRY_get_data (entry);
  if (asn1_type != NULL)
    *asn1_type = ASN1_STRING_type (data);

  return asn1_string_to_utf8 (data);
}

static void
san_free (CdCheckSan *san)
{
  g_free (san->value);
  g_free (san);
}

static CdCheckSan *
san_new (int         type,
         char       *value)
{
  CdCheckSan *san = g_new0 (CdCheckSan, 1);

  san->type = type;
  san->value = value;

  return san;
}

static char *
ip_to_string (const ASN1_OCTET_STRING *ip)
{
  g_autoptr(GInetAddress) address = NULL;
  int len = ASN1_STRING_length (ip);

  if (len == 4)
    address = g_inet_address_new_from_bytes (ASN1_STRING_get0_data (ip), G_SOCKET_FAMILY_IPV4);
  else if (len == 16)
    address = g_inet_address_new_from_bytes (ASN1_STRING_get0_data (ip), G_SOCKET_FAMILY_IPV6);

  return address != NULL ? g_inet_address_to_string (address) : g_strdup ("?");
}

/**
 * _cd_check_dup_sans:
 * @context: the check
 * @present: (out): whether there is a SAN extension at all
 *
 * Returns: (transfer full) (element-type CdCheckSan): the entries, in order
 */
GPtrArray *
_cd_check_dup_sans (CdCheckContext *context,
                    gboolean       *present)
{
  GPtrArray *sans = g_ptr_array_new_with_free_func ((GDestroyNotify)san_free);
  g_autoptr(GENERAL_NAMES) names = NULL;

  if (context->subject == CD_CHECK_SUBJECT_BUILDER)
    {
      g_auto(GStrv) strings = cd_request_builder_dup_san_strings (context->builder);

      for (guint i = 0; strings[i] != NULL; i++)
        {
          const char *colon = strchr (strings[i], ':');
          g_autofree char *prefix = g_strndup (strings[i], colon - strings[i]);
          CdSanType type;

          if (!cd_san_type_from_prefix (prefix, &type))
            g_ptr_array_add (sans, san_new (-1, g_strdup (colon + 1)));
          else
            g_ptr_array_add (sans, san_new (type, g_strdup (colon + 1)));
        }
      *present = sans->len > 0;
      return sans;
    }

  names = _cd_check_get_ext_d2i (context, NID_subject_alt_name, NULL);
  *present = names != NULL;

  for (int i = 0; names != NULL && i < sk_GENERAL_NAME_num (names); i++)
    {
      const GENERAL_NAME *name = sk_GENERAL_NAME_value (names, i);

      switch (name->type)
        {
        case GEN_DNS:
          g_ptr_array_add (sans, san_new (CD_SAN_TYPE_DNS, asn1_string_to_utf8 (name->d.dNSName)));
          break;
        case GEN_IPADD:
          g_ptr_array_add (sans, san_new (CD_SAN_TYPE_IP, ip_to_string (name->d.iPAddress)));
          break;
        case GEN_EMAIL:
          g_ptr_array_add (sans, san_new (CD_SAN_TYPE_EMAIL, asn1_string_to_utf8 (name->d.rfc822Name)));
          break;
        case GEN_URI:
          g_ptr_array_add (sans, san_new (CD_SAN_TYPE_URI,
                                          asn1_string_to_utf8 (name->d.uniformResourceIdentifier)));
          break;
        case GEN_DIRNAME:
          g_ptr_array_add (sans, san_new (-1, g_strdup (_("a directory name"))));
          break;
        case GEN_OTHERNAME:
          g_ptr_array_add (sans, san_new (-1, g_strdup (_("an other name (such as a UPN)"))));
          break;
        default:
          g_ptr_array_add (sans, san_new (-1, g_strdup (_("a name of another kind"))));
          break;
        }
    }

  return sans;
}

/* (transfer full): the decoded extension, for a certificate or request. */
void *
_cd_check_get_ext_d2i (CdCheckContext *context,
                       int             nid,
                       int            *critical)
{
  switch (context->subject)
    {
    case CD_CHECK_SUBJECT_CERTIFICATE:
      return X509_get_ext_d2i (context->cert, nid, critical, NULL);
    case CD_CHECK_SUBJECT_REQUEST:
      return X509V3_get_d2i (context->request_extensions, nid, critical, NULL);
    case CD_CHECK_SUBJECT_BUILDER:
    default:
      return NULL;
    }
}

int
_cd_check_n_extensions (CdCheckContext *context)
{
  switch (context->subject)
    {
    case CD_CHECK_SUBJECT_CERTIFICATE:
      return X509_get_ext_count (context->cert);
    case CD_CHECK_SUBJECT_REQUEST:
      return context->request_extensions != NULL
             ? sk_X509_EXTENSION_num (context->request_extensions) : 0;
    case CD_CHECK_SUBJECT_BUILDER:
    default:
      return 0;
    }
}

X509_EXTENSION *
_cd_check_get_extension (CdCheckContext *context,
                         int             i)
{
  if (context->subject == CD_CHECK_SUBJECT_CERTIFICATE)
    return X509_get_ext (context->cert, i);

  return sk_X509_EXTENSION_value (context->request_extensions, i);
}

/* (transfer none) (nullable): NULL for a builder. */
EVP_PKEY *
_cd_check_get_public_key (CdCheckContext *context)
{
  switch (context->subject)
    {
    case CD_CHECK_SUBJECT_CERTIFICATE:
      return X509_get0_pubkey (context->cert);
    case CD_CHECK_SUBJECT_REQUEST:
      return X509_REQ_get0_pubkey (context->request);
    case CD_CHECK_SUBJECT_BUILDER:
    default:
      return NULL;
    }
}

/* "2040-03-01", UTC. */
char *
_cd_check_format_date (gint64 unix_time)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (unix_time);

  if (date == NULL)
    return g_strdup ("?");

  return g_date_time_format (date, "%Y-%m-%d");
}

gboolean
_cd_check_time_to_unix (const ASN1_TIME *time,
                        gint64          *out)
{
  struct tm tm;

  if (time == NULL || ASN1_TIME_to_tm (time, &tm) != 1)
    return FALSE;

  /* Like timegm(), without depending on it. */
  {
    g_autoptr(GDateTime) date = g_date_time_new_utc (tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                                                     tm.tm_hour, tm.tm_min, tm.tm_sec);

    if (date == NULL)
      return FALSE;
    *out = g_date_time_to_unix (date);
  }

  return TRUE;
}

const char *
_cd_check_string_type_name (int asn1_type)
{
  switch (asn1_type)
    {
    case V_ASN1_PRINTABLESTRING:
      return "PrintableString";
    case V_ASN1_UTF8STRING:
      return "UTF8String";
    case V_ASN1_IA5STRING:
      return "IA5String";
    case V_ASN1_T61STRING:
      return "TeletexString";
    case V_ASN1_BMPSTRING:
      return "BMPString";
    case V_ASN1_UNIVERSALSTRING:
      return "UniversalString";
    default:
      return ASN1_tag2str (asn1_type);
    }
}

/* "the certificate", "the request", for messages. */
const char *
_cd_check_subject_label (CdCheckContext *context)
{
  return context->subject == CD_CHECK_SUBJECT_CERTIFICATE ? _("the certificate") : _("the request");
}

char *
_cd_rule_get_string (const CdProfileRule *rule,
                     const char          *key)
{
  char *value = g_key_file_get_string (rule->key_file, rule->group, key, NULL);

  return value != NULL ? g_strstrip (value) : NULL;
}

gboolean
_cd_rule_has_key (const CdProfileRule *rule,
                  const char          *key)
{
  return g_key_file_has_key (rule->key_file, rule->group, key, NULL);
}

/* Values were validated when the profile was loaded. */
gint64
_cd_rule_get_int (const CdProfileRule *rule,
                  const char          *key,
                  gint64               fallback)
{
  g_autofree char *value = _cd_rule_get_string (rule, key);

  return value != NULL ? g_ascii_strtoll (value, NULL, 10) : fallback;
}

gboolean
_cd_rule_get_bool (const CdProfileRule *rule,
                   const char          *key,
                   gboolean             fallback)
{
  g_autofree char *value = _cd_rule_get_string (rule, key);

  return value != NULL ? g_str_equal (value, "true") : fallback;
}

/* (transfer full) (nullable): the items, stripped, empty ones dropped. */
char **
_cd_rule_get_list (const CdProfileRule *rule,
                   const char          *key)
{
  g_auto(GStrv) items = g_key_file_get_string_list (rule->key_file, rule->group, key, NULL, NULL);
  g_autoptr(GStrvBuilder) builder = NULL;

  if (items == NULL)
    return NULL;

  builder = g_strv_builder_new ();
  for (guint i = 0; items[i] != NULL; i++)
    {
      g_strstrip (items[i]);
      if (items[i][0] != '\0')
        g_strv_builder_add (builder, items[i]);
    }

  return g_strv_builder_end (builder);
}
