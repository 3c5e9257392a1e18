/* cd-check-names.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Rule kinds about names: the subject's fields, the Subject Alternative
 * Names, wildcards, and the subject fields a CA insists be equal to its
 * own (openssl's "policy_match", which also compares string types).
 */

#define G_LOG_DOMAIN "cd-check"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <openssl/objects.h>

#include "cd-check-private.h"

static const char * const san_type_labels[] = { "DNS", "IP", "email", "URI" };

static char *
dup_cn (CdCheckContext *context)
{
  return _cd_check_dup_field (context, NID_commonName, NULL);
}

static gboolean
names_equal (const char *a,
             const char *b)
{
  g_autofree char *fa = g_utf8_casefold (a, -1);
  g_autofree char *fb = g_utf8_casefold (b, -1);

  return g_str_equal (fa, fb);
}

CdRuleOutcome
_cd_check_cn_present (const CdProfileRule  *rule,
                      CdCheckContext       *context,
                      char                **message,
                      char                **hint)
{
  g_autofree char *cn = dup_cn (context);

  if (cn == NULL || cn[0] == '\0')
    {
      *message = g_strdup (_("The subject has no common name (CN)."));
      *hint = g_strdup (_("Give the common name, usually the device’s host name."));
      return CD_RULE_OUTCOME_FAIL;
    }

  *message = g_strdup_printf (_("The common name is “%s”."), cn);
  return CD_RULE_OUTCOME_PASS;
}

CdRuleOutcome
_cd_check_cn_matches (const CdProfileRule  *rule,
                      CdCheckContext       *context,
                      char                **message,
                      char                **hint)
{
  g_autofree char *parameter = _cd_rule_get_string (rule, "Parameter");
  g_autofree char *pattern = _cd_rule_get_string (rule, "Pattern");
  g_autofree char *cn = dup_cn (context);

  if (parameter != NULL)
    {
      const char *expected = g_hash_table_lookup (context->parameters, parameter);

      if (expected == NULL)
        {
          g_autofree char *why = NULL;

          /* translators: %s is the name of a parameter, such as "fqdn" */
          why = g_strdup_printf (_("No value was given for “%s” to compare the common name with."),
                                 parameter);
          return _cd_check_not_applicable (message, why);
        }

      if (cn == NULL || !names_equal (cn, expected))
        {
          *message = cn == NULL
                     ? g_strdup_printf (_("There is no common name; it must be “%s”."), expected)
                     : g_strdup_printf (_("The common name is “%s”; it must be “%s”."), cn, expected);
          *hint = g_strdup_printf (_("Make a new request with the common name “%s”."), expected);
          return CD_RULE_OUTCOME_FAIL;
        }
    }
  else
    {
      g_autofree char *anchored = g_strdup_printf ("\\A(?:%s)\\z", pattern);
      g_autoptr(GRegex) regex = g_regex_new (anchored, 0, 0, NULL);

      if (regex == NULL || cn == NULL || !g_regex_match (regex, cn, 0, NULL))
        {
          *message = cn == NULL
                     ? g_strdup_printf (_("There is no common name; it must match “%s”."), pattern)
                     : g_strdup_printf (_("The common name “%s” does not match “%s”."), cn, pattern);
          *hint = g_strdup (_("Make a new request with a common name of the form the device needs."));
          return CD_RULE_OUTCOME_FAIL;
        }
    }

  *message = g_strdup_printf (_("The common name is “%s”."), cn);
  return CD_RULE_OUTCOME_PASS;
}

CdRuleOutcome
_cd_check_cn_max_length (const CdProfileRule  *rule,
                         CdCheckContext       *context,
                         char                **message,
                         char                **hint)
{
  gint64 max = _cd_rule_get_int (rule, "Length", 64);
  g_autofree char *cn = dup_cn (context);
  glong length;

  if (cn == NULL)
    return _cd_check_not_applicable (message, _("There is no common name."));

  length = g_utf8_strlen (cn, -1);
  if (length > max)
    {
      *message = g_strdup_printf (_("The common name “%s” has %ld characters; the device takes at "
                                    "most %lld."),
                                  cn, length, (long long) max);
      *hint = g_strdup (_("Use a shorter common name and put the long name in the Subject "
                          "Alternative Names."));
      return CD_RULE_OUTCOME_FAIL;
    }

  *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The common name has %ld character.",
                                           "The common name has %ld characters.", length),
                              length);
  return CD_RULE_OUTCOME_PASS;
}

static CdRuleOutcome
check_fields (const CdProfileRule  *rule,
              CdCheckContext       *context,
              gboolean              want_present,
              char                **message,
              char                **hint)
{
  g_auto(GStrv) fields = _cd_rule_get_list (rule, "Fields");
  g_autoptr(GStrvBuilder) wrong = g_strv_builder_new ();
  g_auto(GStrv) wrong_fields = NULL;

  for (guint i = 0; fields[i] != NULL; i++)
    {
      int field = _cd_profile_subject_field_from_id (fields[i]);
      g_autofree char *value = _cd_check_dup_field (context, _cd_profile_subject_field_nid (field), NULL);

      if ((value != NULL) != want_present)
        g_strv_builder_add (wrong, fields[i]);
    }

  wrong_fields = g_strv_builder_end (wrong);
  if (wrong_fields[0] != NULL)
    {
      g_autofree char *list = g_strjoinv (", ", wrong_fields);

      *message = g_strdup_printf (want_present ? _("The subject lacks %s.")
                                               : _("The subject has %s, which the device refuses."),
                                  list);
      *hint = g_strdup (want_present ? _("Fill in these fields of the subject.")
                                     : _("Leave these fields of the subject empty."));
      return CD_RULE_OUTCOME_FAIL;
    }

  *message = g_strdup (want_present ? _("The subject has every field required.")
                                    : _("The subject has none of the fields refused."));
  return CD_RULE_OUTCOME_PASS;
}

CdRuleOutcome
_cd_check_fields_present (const CdProfileRule  *rule,
                          CdCheckContext       *context,
                          char                **message,
                          char                **hint)
{
  return check_fields (rule, context, TRUE, message, hint);
}

CdRuleOutcome
_cd_check_fields_absent (const CdProfileRule  *rule,
                         CdCheckContext       *context,
                         char                **message,
                         char                **hint)
{
  return check_fields (rule, context, FALSE, message, hint);
}

CdRuleOutcome
_cd_check_san_present (const CdProfileRule  *rule,
                       CdCheckContext       *context,
                       char                **message,
                       char                **hint)
{
  g_autoptr(GPtrArray) sans = NULL;
  gboolean present;

  sans = _cd_check_dup_sans (context, &present);
  if (!present)
    {
      *message = g_strdup (_("There is no Subject Alternative Name extension."));
      *hint = g_strdup (_("Add the device’s DNS names and addresses as Subject Alternative Names: "
                          "clients ignore the common name."));
      return CD_RULE_OUTCOME_FAIL;
    }

  *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "There is %u Subject Alternative Name.",
                                           "There are %u Subject Alternative Names.", sans->len),
                              sans->len);
  return CD_RULE_OUTCOME_PASS;
}

CdRuleOutcome
_cd_check_san_max_count (const CdProfileRule  *rule,
                         CdCheckContext       *context,
                         char                **message,
                         char                **hint)
{
  gint64 max = _cd_rule_get_int (rule, "Count", 1);
  g_autoptr(GPtrArray) sans = NULL;
  gboolean present;

  sans = _cd_check_dup_sans (context, &present);
  if (sans->len > max)
    {
      *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "There is %u Subject Alternative Name; the device takes "
                                               "at most %lld.",
                                               "There are %u Subject Alternative Names; the device takes "
                                               "at most %lld.",
                                               sans->len),
                                  sans->len, (long long) max);
      *hint = g_strdup (_("Remove the names the device does not need."));
      return CD_RULE_OUTCOME_FAIL;
    }

  *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "There is %u Subject Alternative Name, of at most %lld.",
                                           "There are %u Subject Alternative Names, of at most %lld.",
                                           sans->len),
                              sans->len, (long long) max);
  return CD_RULE_OUTCOME_PASS;
}

CdRuleOutcome
_cd_check_san_allowed_types (const CdProfileRule  *rule,
                             CdCheckContext       *context,
                             char                **message,
                             char                **hint)
{
  g_auto(GStrv) types = _cd_rule_get_list (rule, "Types");
  g_autoptr(GPtrArray) sans = NULL;
  g_autofree char *allowed = g_strjoinv (", ", types);
  gboolean present;

  sans = _cd_check_dup_sans (context, &present);
  for (guint i = 0; i < sans->len; i++)
    {
      CdCheckSan *san = g_ptr_array_index (sans, i);

      if (san->type < 0 ||
          !g_strv_contains ((const char * const *)types, _cd_profile_san_type_ids[san->type]))
        {
          g_autofree char *entry = san->type < 0 ? g_strdup (san->value)
                                                 : g_strdup_printf ("%s:%s", san_type_labels[san->type],
                                                                    san->value);

          /* translators: the first %s is an entry such as "IP:192.0.2.1", the second a list such as "dns" */
          *message = g_strdup_printf (_("The Subject Alternative Name %s is of a type the device does "
                                        "not take (it takes %s)."),
                                      entry, allowed);
          *hint = g_strdup (_("Remove the names of other types."));
          return CD_RULE_OUTCOME_FAIL;
        }
    }

  *message = g_strdup_printf (_("Every Subject Alternative Name is of a type the device takes (%s)."),
                              allowed);
  return CD_RULE_OUTCOME_PASS;
}

CdRuleOutcome
_cd_check_san_first_dns_is_cn (const CdProfileRule  *rule,
                               CdCheckContext       *context,
                               char                **message,
                               char                **hint)
{
  g_autofree char *cn = dup_cn (context);
  g_autoptr(GPtrArray) sans = NULL;
  const char *first = NULL;
  gboolean present;

  sans = _cd_check_dup_sans (context, &present);
  for (guint i = 0; i < sans->len && first == NULL; i++)
    {
      CdCheckSan *san = g_ptr_array_index (sans, i);

      if (san->type == CD_SAN_TYPE_DNS)
        first = san->value;
    }

  *hint = g_strdup (_("Put the common name first among the DNS names (the request wizard’s "
                      "“Also use the common name as the first DNS name” does it)."));

  if (cn == NULL)
    {
      *message = g_strdup (_("There is no common name."));
      return CD_RULE_OUTCOME_FAIL;
    }
  if (first == NULL)
    {
      *message = g_strdup_printf (_("There is no DNS name; the first must be the common name “%s”."), cn);
      return CD_RULE_OUTCOME_FAIL;
    }
  if (!names_equal (first, cn))
    {
      *message = g_strdup_printf (_("The first DNS name is “%s”; it must be the common name “%s”."),
                                  first, cn);
      return CD_RULE_OUTCOME_FAIL;
    }

  *message = g_strdup_printf (_("The first DNS name is the common name “%s”."), cn);
  return CD_RULE_OUTCOME_PASS;
}

CdRuleOutcome
_cd_check_no_wildcard (const CdProfileRule  *rule,
                       CdCheckContext       *context,
                       char                **message,
                       char                **hint)
{
  g_autofree char *cn = dup_cn (context);
  g_autoptr(GPtrArray) sans = NULL;
  const char *wild = NULL;
  gboolean present;

  if (cn != NULL && strchr (cn, '*') != NULL)
    wild = cn;

  sans = _cd_check_dup_sans (context, &present);
  for (guint i = 0; i < sans->len && wild == NULL; i++)
    {
      CdCheckSan *san = g_ptr_array_index (sans, i);

      if (san->type == CD_SAN_TYPE_DNS && strchr (san->value, '*') != NULL)
        wild = san->value;
    }

  if (wild != NULL)
    {
      *message = g_strdup_printf (_("“%s” is a wildcard name."), wild);
      *hint = g_strdup (_("Name the device by its own host name instead of a wildcard."));
      return CD_RULE_OUTCOME_FAIL;
    }

  *message = g_strdup (_("No name is a wildcard."));
  return CD_RULE_OUTCOME_PASS;
}

static char *
dup_issuer_field (X509 *issuer,
                  int   nid,
                  int  *asn1_type)
{
  const X509_NAME *name = X509_get_subject_name (issuer);
  int index = X509_NAME_get_index_by_NID (name, nid, -1);
  const ASN1_STRING *data;
  unsigned char *utf8 = NULL;
  char *value;
  int len;

  if (index < 0)
    return NULL;

  data = X509_NAME_ENTRY_get_data (X509_NAME_get_entry (name, index));
  *asn1_type = ASN1_STRING_type (data);
  len = ASN1_STRING_to_UTF8 (&utf8, data);
  if (len < 0)
    return g_strdup ("");

  value = g_utf8_make_valid ((const char *)utf8, len);
  OPENSSL_free (utf8);

  return value;
}

CdRuleOutcome
_cd_check_subject_matches_issuer (const CdProfileRule  *rule,
                                  CdCheckContext       *context,
                                  char                **message,
                                  char                **hint)
{
  g_auto(GStrv) fields = _cd_rule_get_list (rule, "Fields");
  gboolean compare_type = _cd_rule_get_bool (rule, "CompareType", TRUE);

  if (context->issuer == NULL)
    return _cd_check_not_applicable (message,
                                     _("The issuing certificate authority’s certificate is not known."));

  for (guint i = 0; fields[i] != NULL; i++)
    {
      int nid = _cd_profile_subject_field_nid (_cd_profile_subject_field_from_id (fields[i]));
      int type = 0, issuer_type = 0;
      g_autofree char *value = _cd_check_dup_field (context, nid, &type);
      g_autofree char *issuer_value = dup_issuer_field (context->issuer, nid, &issuer_type);

      if (issuer_value == NULL && value == NULL)
        continue;

      *hint = g_strdup (_("The certificate authority refuses a subject whose fields differ from its "
                          "own, even only in string type. Copy the fields from its certificate, and "
                          "choose the string type it uses."));

      if (issuer_value == NULL)
        {
          /* translators: %s is a subject field such as "O" */
          *message = g_strdup_printf (_("The subject has %s and the certificate authority’s has none."),
                                      fields[i]);
          return CD_RULE_OUTCOME_FAIL;
        }
      if (value == NULL)
        {
          *message = g_strdup_printf (_("The subject has no %s; the certificate authority’s is “%s”."),
                                      fields[i], issuer_value);
          return CD_RULE_OUTCOME_FAIL;
        }
      if (!g_str_equal (value, issuer_value))
        {
          /* translators: the first %s is a subject field such as "O" */
          *message = g_strdup_printf (_("%s is “%s”; the certificate authority’s is “%s”."),
                                      fields[i], value, issuer_value);
          return CD_RULE_OUTCOME_FAIL;
        }
      if (compare_type && type != issuer_type)
        {
          /* translators: "O is “Example” as UTF8String; the certificate authority’s is PrintableString." */
          *message = g_strdup_printf (_("%s is “%s” as %s; the certificate authority’s is %s."),
                                      fields[i], value, _cd_check_string_type_name (type),
                                      _cd_check_string_type_name (issuer_type));
          return CD_RULE_OUTCOME_FAIL;
        }
      g_clear_pointer (hint, g_free);
    }

  *message = g_strdup (compare_type
                       ? _("The fields equal the certificate authority’s, string types included.")
                       : _("The fields equal the certificate authority’s."));
  return CD_RULE_OUTCOME_PASS;
}
