/* cd-check-chain.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Rule kinds about what surrounds the certificate: its chain, the
 * certificate the device already has (same-issuer-as) and the export
 * chosen for the device.
 */

#define G_LOG_DOMAIN "cd-check"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cd-check-private.h"
#include "cd-openssl-private.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AUTHORITY_KEYID, AUTHORITY_KEYID_free)

static char *
dup_cn_of (X509 *cert)
{
  const X509_NAME *name = X509_get_subject_name (cert);
  int index = X509_NAME_get_index_by_NID (name, NID_commonName, -1);
  unsigned char *utf8 = NULL;
  char *cn;
  int len;

  if (index < 0)
    return g_strdup (_("(no common name)"));

  len = ASN1_STRING_to_UTF8 (&utf8, X509_NAME_ENTRY_get_data (X509_NAME_get_entry (name, index)));
  if (len < 0)
    return g_strdup ("?");

  cn = g_utf8_make_valid ((const char *)utf8, len);
  OPENSSL_free (utf8);

  return cn;
}

CdRuleOutcome
_cd_check_chain_complete (const CdProfileRule  *rule,
                          CdCheckContext       *context,
                          char                **message,
                          char                **hint)
{
  g_autofree char *top_cn = NULL;
  X509 *top;

  if (context->subject != CD_CHECK_SUBJECT_CERTIFICATE)
    return _cd_check_not_applicable (message, _("A request has no chain until it is signed."));

  if (context->chain == NULL || context->chain->len == 0)
    {
      *message = g_strdup (_("The chain of the certificate is not known."));
      *hint = g_strdup (_("Import the certificate authority’s certificates into Certdesk, the root "
                          "into Trusted Root Certification Authorities."));
      return CD_RULE_OUTCOME_FAIL;
    }

  top = g_ptr_array_index (context->chain, context->chain->len - 1);
  top_cn = dup_cn_of (top);

  if (context->trusted)
    {
      *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "The chain has %u certificate, up to the trusted root “%s”.",
                                               "The chain has %u certificates, up to the trusted root “%s”.",
                                               context->chain->len),
                                  context->chain->len, top_cn);
      return CD_RULE_OUTCOME_PASS;
    }

  if (X509_check_issued (top, top) == X509_V_OK)
    {
      *message = g_strdup_printf (_("The chain ends at the root “%s”, which is not trusted."), top_cn);
      *hint = g_strdup (_("If this is your certificate authority’s root, import it into Trusted Root "
                          "Certification Authorities."));
    }
  else
    {
      *message = g_strdup_printf (_("The chain stops at “%s”: its issuer is missing."), top_cn);
      *hint = g_strdup (_("Import the missing certificate authority certificates; the device needs "
                          "the whole chain."));
    }

  return CD_RULE_OUTCOME_FAIL;
}

/* The key identifier of the issuer's key, when the certificate says it. */
static GBytes *
dup_authority_key_id (X509 *cert)
{
  g_autoptr(AUTHORITY_KEYID) akid = X509_get_ext_d2i (cert, NID_authority_key_identifier, NULL, NULL);

  if (akid == NULL || akid->keyid == NULL)
    return NULL;

  return g_bytes_new (ASN1_STRING_get0_data (akid->keyid), ASN1_STRING_length (akid->keyid));
}

CdRuleOutcome
_cd_check_same_issuer_as (const CdProfileRule  *rule,
                          CdCheckContext       *context,
                          char                **message,
                          char                **hint)
{
  g_autoptr(GBytes) key_id = NULL;
  g_autoptr(GBytes) peer_key_id = NULL;
  g_autofree char *issuer = NULL;
  g_autofree char *peer_issuer = NULL;

  if (context->subject != CD_CHECK_SUBJECT_CERTIFICATE)
    return _cd_check_not_applicable (message, _("A request has no issuer until it is signed."));
  if (context->peer == NULL)
    return _cd_check_not_applicable (message,
                                     _("No certificate of the other device was given to compare with."));

  issuer = X509_NAME_oneline (X509_get_issuer_name (context->cert), NULL, 0);
  peer_issuer = X509_NAME_oneline (X509_get_issuer_name (context->peer), NULL, 0);
  key_id = dup_authority_key_id (context->cert);
  peer_key_id = dup_authority_key_id (context->peer);

  /* Two CAs may share a name; their keys tell them apart. */
  if (X509_NAME_cmp (X509_get_issuer_name (context->cert), X509_get_issuer_name (context->peer)) != 0 ||
      (key_id != NULL && peer_key_id != NULL && !g_bytes_equal (key_id, peer_key_id)))
    {
      *message = g_strdup_printf (_("Issued by “%s”; the other device’s certificate by “%s”."),
                                  issuer, peer_issuer);
      *hint = g_strdup (_("Both sides must have certificates from the same certificate authority. "
                          "Have this one signed by the other’s."));
      return CD_RULE_OUTCOME_FAIL;
    }

  *message = g_strdup_printf (_("Issued by “%s”, as the other device’s certificate."), issuer);
  return CD_RULE_OUTCOME_PASS;
}

static const char *
yes_no_chain (gboolean include)
{
  return include ? _("with the chain") : _("without the chain");
}

static const char *
yes_no_root (gboolean include)
{
  return include ? _("with the root") : _("without the root");
}

CdRuleOutcome
_cd_check_export_format (const CdProfileRule  *rule,
                         CdCheckContext       *context,
                         char                **message,
                         char                **hint)
{
  g_auto(GStrv) formats = _cd_rule_get_list (rule, "Formats");
  gboolean want_chain = _cd_rule_get_bool (rule, "IncludeChain", FALSE);
  gboolean want_root = _cd_rule_get_bool (rule, "IncludeRoot", FALSE);
  CdExportOptions *options = context->export_options;
  const char *format;
  gboolean chain, root;

  if (options == NULL)
    return _cd_check_not_applicable (message, _("No export was chosen."));

  format = _cd_profile_export_format_to_id (cd_export_options_get_format (options));
  chain = cd_export_options_get_include_chain (options);
  root = chain && cd_export_options_get_include_root (options);

  if (formats != NULL && !g_strv_contains ((const char * const *)formats, format))
    {
      g_autofree char *list = g_strjoinv (", ", formats);

      /* translators: the first %s is a format id such as "pem", the second a list */
      *message = g_strdup_printf (_("The export is %s; the device takes %s."), format, list);
      *hint = g_strdup (_("Choose the export the profile presets."));
      return CD_RULE_OUTCOME_FAIL;
    }

  if (_cd_rule_has_key (rule, "IncludeChain") && chain != want_chain)
    {
      /* translators: "The export is pem, without the chain; the device needs it with the chain." */
      *message = g_strdup_printf (_("The export is %s, %s; the device needs it %s."),
                                  format, yes_no_chain (chain), yes_no_chain (want_chain));
      *hint = g_strdup (_("Choose the export the profile presets."));
      return CD_RULE_OUTCOME_FAIL;
    }

  if (_cd_rule_has_key (rule, "IncludeRoot") && root != want_root)
    {
      *message = g_strdup_printf (_("The export is %s, %s; the device needs it %s."),
                                  format, yes_no_root (root), yes_no_root (want_root));
      *hint = g_strdup (_("Choose the export the profile presets."));
      return CD_RULE_OUTCOME_FAIL;
    }

  *message = g_strdup_printf (_("The export is %s, %s, %s."), format, yes_no_chain (chain),
                              yes_no_root (root));
  return CD_RULE_OUTCOME_PASS;
}
