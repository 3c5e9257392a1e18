/* cd-extension-format-decoders.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The X.509 v3 extensions as the Details page shows them: their names
 * as certmgr.msc gives them, one decoder per extension of RFC 5280
 * built on OpenSSL's own parsers, OpenSSL's printer for the others it
 * knows and hex for the rest.
 */

#define G_LOG_DOMAIN "cd-extension-format"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <openssl/bio.h>
#include <openssl/objects.h>

#include "cd-extension-format-private.h"
#include "cd-openssl-private.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AUTHORITY_KEYID, AUTHORITY_KEYID_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AUTHORITY_INFO_ACCESS, AUTHORITY_INFO_ACCESS_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CERTIFICATEPOLICIES, CERTIFICATEPOLICIES_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CRL_DIST_POINTS, CRL_DIST_POINTS_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NAME_CONSTRAINTS, NAME_CONSTRAINTS_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ASN1_BIT_STRING, ASN1_BIT_STRING_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ASN1_OCTET_STRING, ASN1_OCTET_STRING_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (X509_NAME, X509_NAME_free)

/* The extensions certmgr.msc users know, under the names it uses. */
static const struct {
  int         nid;
  const char *name;
} extension_names[] = {
  { NID_subject_alt_name, N_("Subject Alternative Name") },
  { NID_issuer_alt_name, N_("Issuer Alternative Name") },
  { NID_key_usage, N_("Key Usage") },
  { NID_ext_key_usage, N_("Extended Key Usage") },
  { NID_basic_constraints, N_("Basic Constraints") },
  { NID_subject_key_identifier, N_("Subject Key Identifier") },
  { NID_authority_key_identifier, N_("Authority Key Identifier") },
  { NID_info_access, N_("Authority Information Access") },
  { NID_sinfo_access, N_("Subject Information Access") },
  { NID_crl_distribution_points, N_("CRL Distribution Points") },
  { NID_certificate_policies, N_("Certificate Policies") },
  { NID_policy_mappings, N_("Policy Mappings") },
  { NID_policy_constraints, N_("Policy Constraints") },
  { NID_inhibit_any_policy, N_("Inhibit Any Policy") },
  { NID_name_constraints, N_("Name Constraints") },
  { NID_freshest_crl, N_("Freshest CRL") },
  { NID_ct_precert_scts, N_("Signed Certificate Timestamps") },
  { NID_ct_precert_poison, N_("Precertificate Poison") },
  { NID_tlsfeature, N_("TLS Feature") },
  { NID_netscape_cert_type, N_("Netscape Certificate Type") },
  { NID_netscape_comment, N_("Netscape Comment") },
};

/* Key usage bits in the order of RFC 5280, section 4.2.1.3. */
static const char *key_usage_names[] = {
  N_("Digital Signature"),
  N_("Non-Repudiation"),
  N_("Key Encipherment"),
  N_("Data Encipherment"),
  N_("Key Agreement"),
  N_("Certificate Signing"),
  N_("CRL Signing"),
  N_("Encipher Only"),
  N_("Decipher Only"),
};

/* CRL revocation reason bits, RFC 5280 section 4.2.1.13. */
static const char *reason_names[] = {
  N_("Unused"),
  N_("Key Compromise"),
  N_("CA Compromise"),
  N_("Affiliation Changed"),
  N_("Superseded"),
  N_("Cessation of Operation"),
  N_("Certificate Hold"),
  N_("Privilege Withdrawn"),
  N_("AA Compromise"),
};

static char *
format_bits (const ASN1_BIT_STRING *bits,
             const char * const    *names,
             guint                  n_names)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *hex = NULL;

  for (guint i = 0; i < n_names; i++)
    {
      if (!ASN1_BIT_STRING_get_bit (bits, i))
        continue;
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, _(names[i]));
    }

  /* The raw bits too, as certmgr.msc does, for bits we have no name for. */
  hex = _cd_format_hex_with (ASN1_STRING_get0_data (bits), ASN1_STRING_length (bits),
                  "0123456789abcdef", ' ', 0);
  if (out->len == 0)
    g_string_append (out, _("None"));
  g_string_append_printf (out, " (%s)", hex);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
format_key_usage (X509_EXTENSION *ext)
{
  g_autoptr(ASN1_BIT_STRING) bits = X509V3_EXT_d2i (ext);

  if (bits == NULL)
    return NULL;

  return format_bits (bits, key_usage_names, G_N_ELEMENTS (key_usage_names));
}

static char *
format_ext_key_usage (X509_EXTENSION *ext)
{
  g_autoptr(EXTENDED_KEY_USAGE) eku = X509V3_EXT_d2i (ext);
  GString *out;

  if (eku == NULL)
    return NULL;

  out = g_string_new (NULL);
  for (int i = 0; i < sk_ASN1_OBJECT_num (eku); i++)
    {
      g_autofree char *text = _cd_format_purpose (sk_ASN1_OBJECT_value (eku, i), TRUE);

      _cd_format_append_line (out, "", text);
    }

  return g_string_free (out, FALSE);
}

static char *
format_general_names_ext (X509_EXTENSION *ext)
{
  g_autoptr(GENERAL_NAMES) names = X509V3_EXT_d2i (ext);
  GString *out;

  if (names == NULL)
    return NULL;

  out = g_string_new (NULL);
  _cd_format_append_general_names (out, "", names);

  return g_string_free (out, FALSE);
}

static char *
format_basic_constraints (X509_EXTENSION *ext)
{
  g_autoptr(BASIC_CONSTRAINTS) constraints = X509V3_EXT_d2i (ext);
  g_autofree char *path_length = NULL;
  GString *out;

  if (constraints == NULL)
    return NULL;

  out = g_string_new (NULL);
  _cd_format_append_labelled (out, "", _("Subject type"),
                   constraints->ca ? _("Certificate authority") : _("End entity"));

  if (constraints->pathlen != NULL)
    path_length = g_strdup_printf ("%ld", ASN1_INTEGER_get (constraints->pathlen));
  else
    path_length = g_strdup (_("None"));
  _cd_format_append_labelled (out, "", _("Path length constraint"), path_length);

  return g_string_free (out, FALSE);
}

static char *
format_subject_key_id (X509_EXTENSION *ext)
{
  g_autoptr(ASN1_OCTET_STRING) id = X509V3_EXT_d2i (ext);

  if (id == NULL)
    return NULL;

  return _cd_format_hex_id (ASN1_STRING_get0_data (id), ASN1_STRING_length (id));
}

static char *
format_authority_key_id (X509_EXTENSION *ext)
{
  g_autoptr(AUTHORITY_KEYID) akid = X509V3_EXT_d2i (ext);
  GString *out;

  if (akid == NULL)
    return NULL;

  out = g_string_new (NULL);
  if (akid->keyid != NULL)
    {
      g_autofree char *hex = _cd_format_hex_id (ASN1_STRING_get0_data (akid->keyid),
                                                ASN1_STRING_length (akid->keyid));

      _cd_format_append_labelled (out, "", _("Key ID"), hex);
    }
  if (akid->issuer != NULL)
    {
      _cd_format_append_line (out, "", _("Certificate issuer:"));
      _cd_format_append_general_names (out, "  ", akid->issuer);
    }
  if (akid->serial != NULL)
    {
      g_autofree char *serial = _cd_format_integer (akid->serial);

      _cd_format_append_labelled (out, "", _("Certificate serial number"), serial);
    }

  return g_string_free (out, FALSE);
}

static const char *
access_method_label (const ASN1_OBJECT *method)
{
  switch (OBJ_obj2nid (method))
    {
    case NID_ad_OCSP:
      return _("OCSP");
    case NID_ad_ca_issuers:
      return _("CA Issuers");
    case NID_caRepository:
      return _("CA Repository");
    case NID_ad_timeStamping:
      return _("Time Stamping");
    default:
      return NULL;
    }
}

static char *
format_info_access (X509_EXTENSION *ext)
{
  g_autoptr(AUTHORITY_INFO_ACCESS) access = X509V3_EXT_d2i (ext);
  GString *out;

  if (access == NULL)
    return NULL;

  out = g_string_new (NULL);
  for (int i = 0; i < sk_ACCESS_DESCRIPTION_num (access); i++)
    {
      const ACCESS_DESCRIPTION *description = sk_ACCESS_DESCRIPTION_value (access, i);
      const char *label = access_method_label (description->method);
      g_autofree char *method = label ? g_strdup (label) : _cd_format_oid (description->method);
      const GENERAL_NAME *location = description->location;

      /* The usual case, a URL, reads best bare: "OCSP: http://…". */
      if (location->type == GEN_URI)
        {
          g_autofree char *url = _cd_format_ia5_to_utf8 (location->d.uniformResourceIdentifier);

          _cd_format_append_labelled (out, "", method, url);
        }
      else
        {
          g_autofree char *heading = g_strdup_printf ("%s:", method);

          _cd_format_append_line (out, "", heading);
          _cd_format_append_general_name (out, "  ", location);
        }
    }

  return g_string_free (out, FALSE);
}

static void
append_distribution_point_name (GString               *out,
                                const DIST_POINT_NAME *dp_name)
{
  g_autoptr(X509_NAME) relative = NULL;
  g_autofree char *text = NULL;

  if (dp_name->type == 0)
    {
      _cd_format_append_general_names (out, "", dp_name->name.fullname);
      return;
    }

  /* A name relative to the CRL issuer: one RDN, shown as a name. */
  relative = X509_NAME_new ();
  for (int i = 0; i < sk_X509_NAME_ENTRY_num (dp_name->name.relativename); i++)
    X509_NAME_add_entry (relative, sk_X509_NAME_ENTRY_value (dp_name->name.relativename, i),
                         -1, 0);
  text = _cd_format_name_one_line (relative);
  _cd_format_append_labelled (out, "", _("Name relative to the CRL issuer"), text);
}

static char *
format_crl_distribution_points (X509_EXTENSION *ext)
{
  g_autoptr(CRL_DIST_POINTS) points = X509V3_EXT_d2i (ext);
  GString *out;

  if (points == NULL)
    return NULL;

  out = g_string_new (NULL);
  for (int i = 0; i < sk_DIST_POINT_num (points); i++)
    {
      const DIST_POINT *point = sk_DIST_POINT_value (points, i);

      if (point->distpoint != NULL)
        append_distribution_point_name (out, point->distpoint);
      if (point->reasons != NULL)
        {
          g_autofree char *reasons = format_bits (point->reasons, reason_names,
                                                  G_N_ELEMENTS (reason_names));

          _cd_format_append_labelled (out, "", _("Reasons"), reasons);
        }
      if (point->CRLissuer != NULL)
        {
          _cd_format_append_line (out, "", _("CRL issuer:"));
          _cd_format_append_general_names (out, "  ", point->CRLissuer);
        }
    }

  return g_string_free (out, FALSE);
}

static void
append_user_notice (GString          *out,
                    const USERNOTICE *notice)
{
  if (notice->noticeref != NULL)
    {
      const NOTICEREF *ref = notice->noticeref;
      g_autofree char *organization = _cd_format_string_to_utf8 (ref->organization);
      g_autoptr(GString) numbers = g_string_new (NULL);

      for (int i = 0; i < sk_ASN1_INTEGER_num (ref->noticenos); i++)
        {
          if (numbers->len > 0)
            g_string_append (numbers, ", ");
          g_string_append_printf (numbers, "%ld",
                                  ASN1_INTEGER_get (sk_ASN1_INTEGER_value (ref->noticenos, i)));
        }

      _cd_format_append_labelled (out, "  ", _("Notice organization"), organization);
      _cd_format_append_labelled (out, "  ", _("Notice numbers"), numbers->str);
    }

  if (notice->exptext != NULL)
    {
      g_autofree char *text = _cd_format_string_to_utf8 (notice->exptext);

      _cd_format_append_labelled (out, "  ", _("User notice"), text);
    }
}

static char *
format_certificate_policies (X509_EXTENSION *ext)
{
  g_autoptr(CERTIFICATEPOLICIES) policies = X509V3_EXT_d2i (ext);
  GString *out;

  if (policies == NULL)
    return NULL;

  out = g_string_new (NULL);
  for (int i = 0; i < sk_POLICYINFO_num (policies); i++)
    {
      const POLICYINFO *info = sk_POLICYINFO_value (policies, i);
      g_autofree char *oid = _cd_format_oid (info->policyid);

      if (OBJ_obj2nid (info->policyid) == NID_any_policy)
        {
          g_autofree char *text = g_strdup_printf ("%s (%s)", _("All issuance policies"), oid);

          _cd_format_append_labelled (out, "", _("Policy"), text);
        }
      else
        {
          _cd_format_append_labelled (out, "", _("Policy"), oid);
        }

      for (int j = 0; j < sk_POLICYQUALINFO_num (info->qualifiers); j++)
        {
          const POLICYQUALINFO *qualifier = sk_POLICYQUALINFO_value (info->qualifiers, j);

          switch (OBJ_obj2nid (qualifier->pqualid))
            {
            case NID_id_qt_cps:
              {
                g_autofree char *url = _cd_format_ia5_to_utf8 (qualifier->d.cpsuri);

                _cd_format_append_labelled (out, "  ", _("CPS"), url);
              }
              break;

            case NID_id_qt_unotice:
              append_user_notice (out, qualifier->d.usernotice);
              break;

            default:
              {
                g_autofree char *qualifier_oid = _cd_format_oid (qualifier->pqualid);

                _cd_format_append_labelled (out, "  ", _("Qualifier"), qualifier_oid);
              }
              break;
            }
        }
    }

  return g_string_free (out, FALSE);
}

static void
append_subtrees (GString                         *out,
                 const char                      *heading,
                 const STACK_OF (GENERAL_SUBTREE) *subtrees)
{
  if (sk_GENERAL_SUBTREE_num (subtrees) <= 0)
    return;

  _cd_format_append_line (out, "", heading);
  for (int i = 0; i < sk_GENERAL_SUBTREE_num (subtrees); i++)
    _cd_format_append_general_name (out, "  ", sk_GENERAL_SUBTREE_value (subtrees, i)->base);
}

static char *
format_name_constraints (X509_EXTENSION *ext)
{
  g_autoptr(NAME_CONSTRAINTS) constraints = X509V3_EXT_d2i (ext);
  GString *out;

  if (constraints == NULL)
    return NULL;

  out = g_string_new (NULL);
  append_subtrees (out, _("Permitted:"), constraints->permittedSubtrees);
  append_subtrees (out, _("Excluded:"), constraints->excludedSubtrees);

  return g_string_free (out, FALSE);
}

/* OpenSSL's own text for the extensions it knows and we do not decode
 * (SCTs, policy mappings, …), without its leading indentation.
 */
static char *
format_with_openssl (X509_EXTENSION *ext)
{
  g_autoptr(BIO) bio = BIO_new (BIO_s_mem ());
  g_auto(GStrv) lines = NULL;
  g_autofree char *text = NULL;
  char *data = NULL;
  long len;

  if (X509V3_EXT_print (bio, ext, 0, 0) <= 0)
    return NULL;

  len = BIO_get_mem_data (bio, &data);
  text = g_utf8_make_valid (data, len);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    g_strstrip (lines[i]);

  return g_strstrip (g_strjoinv ("\n", lines));
}

typedef char *(*FormatFunc) (X509_EXTENSION *ext);

static const struct {
  int        nid;
  FormatFunc format;
} formatters[] = {
  { NID_subject_alt_name, format_general_names_ext },
  { NID_issuer_alt_name, format_general_names_ext },
  { NID_key_usage, format_key_usage },
  { NID_ext_key_usage, format_ext_key_usage },
  { NID_basic_constraints, format_basic_constraints },
  { NID_subject_key_identifier, format_subject_key_id },
  { NID_authority_key_identifier, format_authority_key_id },
  { NID_info_access, format_info_access },
  { NID_sinfo_access, format_info_access },
  { NID_crl_distribution_points, format_crl_distribution_points },
  { NID_freshest_crl, format_crl_distribution_points },
  { NID_certificate_policies, format_certificate_policies },
  { NID_name_constraints, format_name_constraints },
};

/**
 * _cd_format_extension:
 * @ext: an extension of a certificate or request
 *
 * Returns: (transfer full): its Details row: a readable decoding for the
 *   extensions of RFC 5280, OpenSSL's text for others it knows, and the
 *   hex of the value for the rest
 */
CdDetail *
_cd_format_extension (X509_EXTENSION *ext)
{
  const ASN1_OBJECT *obj = X509_EXTENSION_get_object (ext);
  const ASN1_OCTET_STRING *data = X509_EXTENSION_get_data (ext);
  g_autofree char *oid = _cd_format_oid (obj);
  g_autofree char *value = NULL;
  g_autofree char *name = NULL;
  int nid = OBJ_obj2nid (obj);

  for (guint i = 0; i < G_N_ELEMENTS (extension_names); i++)
    {
      if (extension_names[i].nid == nid)
        {
          name = g_strdup (_(extension_names[i].name));
          break;
        }
    }
  if (name == NULL)
    name = nid != NID_undef ? g_strdup (OBJ_nid2ln (nid)) : g_strdup (oid);

  for (guint i = 0; value == NULL && i < G_N_ELEMENTS (formatters); i++)
    {
      if (formatters[i].nid == nid)
        value = formatters[i].format (ext);
    }

  if (value == NULL && nid != NID_undef)
    value = format_with_openssl (ext);

  /* Unknown to OpenSSL too, or a known one that does not decode:
   * the bytes, so that nothing in the certificate is hidden. */
  if (value == NULL)
    value = _cd_format_hex_dump (ASN1_STRING_get0_data (data), ASN1_STRING_length (data));

  return cd_detail_new (CD_DETAIL_KIND_EXTENSION, name, value, oid,
                        X509_EXTENSION_get_critical (ext) > 0);
}
