/* cd-extension-format.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Turns the parts of a certificate that OpenSSL has already parsed
 * (names, integers, times and the X.509 v3 extensions) into the
 * readable text of the Details page. Every structure is read through
 * OpenSSL's own decoders; nothing here looks at raw ASN.1. Extensions
 * with no decoder of ours fall back to OpenSSL's printer, and those
 * OpenSSL does not know either are shown as hex.
 */

#define G_LOG_DOMAIN "cd-extension-format"

#include "config.h"

#include <string.h>

#include <gio/gio.h>
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

/* Extended key usages by OID. The names are those of certmgr.msc,
 * and the same as the "Intended Purposes" column (cd-certificate.c).
 */
static const struct {
  const char *oid;
  const char *label;
} purpose_labels[] = {
  { "1.3.6.1.5.5.7.3.1", N_("Server Authentication") },
  { "1.3.6.1.5.5.7.3.2", N_("Client Authentication") },
  { "1.3.6.1.5.5.7.3.3", N_("Code Signing") },
  { "1.3.6.1.5.5.7.3.4", N_("Secure Email") },
  { "1.3.6.1.5.5.7.3.5", N_("IP security end system") },
  { "1.3.6.1.5.5.7.3.6", N_("IP security tunnel termination") },
  { "1.3.6.1.5.5.7.3.7", N_("IP security user") },
  { "1.3.6.1.5.5.7.3.8", N_("Time Stamping") },
  { "1.3.6.1.5.5.7.3.9", N_("OCSP Signing") },
  { "1.3.6.1.5.5.7.3.17", N_("IP security IKE intermediate") },
  { "1.3.6.1.5.2.3.5", N_("KDC Authentication") },
  { "1.3.6.1.4.1.311.10.3.4", N_("Encrypting File System") },
  { "1.3.6.1.4.1.311.10.3.12", N_("Document Signing") },
  { "1.3.6.1.4.1.311.20.2.2", N_("Smart Card Logon") },
  { "2.5.29.37.0", N_("All Purposes") },
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

/* "Label: value" on one line; a translator may want another separator. */
static void
append_labelled (GString    *out,
                 const char *indent,
                 const char *label,
                 const char *value)
{
  if (out->len > 0)
    g_string_append_c (out, '\n');
  g_string_append (out, indent);
  /* Translators: one line of a value in the Details page, such as
   * "DNS name: www.example.com"; the first %s is the label. */
  g_string_append_printf (out, _("%s: %s"), label, value);
}

static void
append_line (GString    *out,
             const char *indent,
             const char *line)
{
  if (out->len > 0)
    g_string_append_c (out, '\n');
  g_string_append (out, indent);
  g_string_append (out, line);
}

static char *
hex_with (const guchar *data,
          gsize         len,
          const char   *digits,
          char          separator,
          guint         per_line)
{
  GString *out = g_string_sized_new (len * 3 + 1);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0)
        g_string_append_c (out, per_line > 0 && i % per_line == 0 ? '\n' : separator);
      g_string_append_c (out, digits[data[i] >> 4]);
      g_string_append_c (out, digits[data[i] & 0xf]);
    }

  return g_string_free (out, FALSE);
}

/**
 * _cd_format_hex_id:
 * @data: bytes
 * @len: how many
 *
 * Identifiers (key ids, fingerprints, serial numbers) are shown as
 * OpenSSL and browsers show them, so that they can be compared by eye.
 *
 * Returns: (transfer full): colon-separated upper-case byte pairs
 */
char *
_cd_format_hex_id (const guchar *data,
                   gsize         len)
{
  return hex_with (data, len, "0123456789ABCDEF", ':', 0);
}

/**
 * _cd_format_hex_dump:
 * @data: bytes
 * @len: how many
 *
 * Returns: (transfer full): lower-case byte pairs separated by spaces,
 *   16 a line, as certmgr.msc shows data it cannot name
 */
char *
_cd_format_hex_dump (const guchar *data,
                     gsize         len)
{
  return hex_with (data, len, "0123456789abcdef", ' ', 16);
}

static char *
string_to_utf8 (const ASN1_STRING *string)
{
  unsigned char *utf8 = NULL;
  char *result;
  int len;

  if (string == NULL)
    return g_strdup ("");

  len = ASN1_STRING_to_UTF8 (&utf8, string);
  if (len < 0)
    return _cd_format_hex_dump (ASN1_STRING_get0_data (string), ASN1_STRING_length (string));

  result = g_utf8_make_valid ((const char *)utf8, len);
  OPENSSL_free (utf8);

  return result;
}

static char *
ia5_to_utf8 (const ASN1_STRING *string)
{
  return g_utf8_make_valid ((const char *)ASN1_STRING_get0_data (string),
                            ASN1_STRING_length (string));
}

/**
 * _cd_format_oid:
 * @obj: an object identifier
 *
 * Returns: (transfer full): the dotted form, "1.2.840.113549.1.1.11"
 */
char *
_cd_format_oid (const ASN1_OBJECT *obj)
{
  char buf[256];
  int len;

  len = OBJ_obj2txt (buf, sizeof buf, obj, 1);
  if (len <= 0)
    return g_strdup ("?");

  return g_strndup (buf, MIN ((gsize)len, sizeof buf - 1));
}

/**
 * _cd_format_oid_name:
 * @obj: an object identifier
 *
 * Returns: (transfer full): OpenSSL's long name when it has one
 *   ("sha256WithRSAEncryption"), else the dotted OID
 */
char *
_cd_format_oid_name (const ASN1_OBJECT *obj)
{
  int nid = OBJ_obj2nid (obj);

  if (nid != NID_undef)
    return g_strdup (OBJ_nid2ln (nid));

  return _cd_format_oid (obj);
}

static void
append_name_entries (GString         *out,
                     const char      *indent,
                     const X509_NAME *name)
{
  /* Most specific first, as RFC 4514 and certmgr.msc write names. */
  for (int i = X509_NAME_entry_count (name) - 1; i >= 0; i--)
    {
      const X509_NAME_ENTRY *entry = X509_NAME_get_entry (name, i);
      const ASN1_OBJECT *obj = X509_NAME_ENTRY_get_object (entry);
      g_autofree char *value = string_to_utf8 (X509_NAME_ENTRY_get_data (entry));
      g_autofree char *attribute = NULL;
      int nid = OBJ_obj2nid (obj);

      attribute = nid != NID_undef ? g_strdup (OBJ_nid2sn (nid)) : _cd_format_oid (obj);
      if (out->len > 0)
        g_string_append_c (out, '\n');
      g_string_append_printf (out, "%s%s = %s", indent, attribute, value);
    }
}

/**
 * _cd_format_name:
 * @name: a distinguished name
 *
 * Returns: (transfer full): one "CN = …" line per attribute, the most
 *   specific first
 */
char *
_cd_format_name (const X509_NAME *name)
{
  GString *out = g_string_new (NULL);

  append_name_entries (out, "", name);

  return g_string_free (out, FALSE);
}

static char *
name_one_line (const X509_NAME *name)
{
  g_autofree char *lines = _cd_format_name (name);
  g_auto(GStrv) parts = g_strsplit (lines, "\n", -1);

  return g_strjoinv (", ", parts);
}

/**
 * _cd_format_integer:
 * @integer: an integer such as a serial number
 *
 * Returns: (transfer full): its magnitude as colon-separated hex bytes,
 *   after a minus sign if it is negative
 */
char *
_cd_format_integer (const ASN1_INTEGER *integer)
{
  g_autofree char *hex = NULL;
  int len;

  if (integer == NULL)
    return g_strdup ("");

  len = ASN1_STRING_length (integer);
  if (len == 0)
    return g_strdup ("00");

  hex = _cd_format_hex_id (ASN1_STRING_get0_data (integer), len);

  /* RFC 5280 forbids negative serials, but some CAs issued them. */
  if (ASN1_STRING_type (integer) == V_ASN1_NEG_INTEGER)
    return g_strconcat ("-", hex, NULL);

  return g_steal_pointer (&hex);
}

/**
 * _cd_format_time:
 * @time: a validity date
 *
 * One form for every date in the Details page and the CLI: UTC, ISO
 * 8601 order with a space, the zone spelled out. Local time would
 * change with the reader's machine and could not be compared with
 * what OpenSSL prints.
 *
 * Returns: (transfer full): "2026-05-01 12:00:00 UTC"
 */
char *
_cd_format_time (const ASN1_TIME *time)
{
  struct tm tm;

  memset (&tm, 0, sizeof tm);
  if (time == NULL || !ASN1_TIME_to_tm (time, &tm))
    return g_strdup (_("Invalid date"));

  return g_strdup_printf ("%04d-%02d-%02d %02d:%02d:%02d UTC",
                          tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                          tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/**
 * _cd_format_purpose:
 * @obj: an extended key usage
 * @with_oid: whether to add the dotted OID in parentheses
 *
 * Returns: (transfer full): "Server Authentication (1.3.6.1.5.5.7.3.1)";
 *   an OID we have no name for is given alone
 */
char *
_cd_format_purpose (const ASN1_OBJECT *obj,
                    gboolean           with_oid)
{
  g_autofree char *oid = _cd_format_oid (obj);
  const char *label = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (purpose_labels); i++)
    {
      if (g_str_equal (oid, purpose_labels[i].oid))
        {
          label = _(purpose_labels[i].label);
          break;
        }
    }

  if (label == NULL && OBJ_obj2nid (obj) != NID_undef)
    label = OBJ_nid2ln (OBJ_obj2nid (obj));

  if (label == NULL)
    return g_steal_pointer (&oid);

  if (!with_oid)
    return g_strdup (label);

  return g_strdup_printf ("%s (%s)", label, oid);
}

static char *
format_ip (const ASN1_OCTET_STRING *octets)
{
  const guchar *data = ASN1_STRING_get0_data (octets);
  int len = ASN1_STRING_length (octets);
  GSocketFamily family;
  gsize size;

  if (len == 4 || len == 8)
    family = G_SOCKET_FAMILY_IPV4, size = 4;
  else if (len == 16 || len == 32)
    family = G_SOCKET_FAMILY_IPV6, size = 16;
  else
    return _cd_format_hex_dump (data, len);

  {
    g_autoptr(GInetAddress) address = g_inet_address_new_from_bytes (data, family);
    g_autofree char *text = g_inet_address_to_string (address);
    g_autoptr(GInetAddress) mask = NULL;
    g_autofree char *mask_text = NULL;

    if ((gsize)len == size)
      return g_steal_pointer (&text);

    /* Name constraints give a network as address and mask. */
    mask = g_inet_address_new_from_bytes (data + size, family);
    mask_text = g_inet_address_to_string (mask);
    return g_strdup_printf ("%s/%s", text, mask_text);
  }
}

static char *
format_other_name (const OTHERNAME *other,
                   const char     **out_label)
{
  const ASN1_TYPE *value = other->value;
  int nid = OBJ_obj2nid (other->type_id);

  if (nid == NID_ms_upn)
    *out_label = _("Principal name (UPN)");
  else if (nid == NID_id_on_SmtpUTF8Mailbox)
    *out_label = _("Email (internationalized)");
  else
    *out_label = NULL;

  if (value != NULL)
    {
      switch (value->type)
        {
        case V_ASN1_UTF8STRING:
        case V_ASN1_IA5STRING:
        case V_ASN1_PRINTABLESTRING:
        case V_ASN1_BMPSTRING:
        case V_ASN1_UNIVERSALSTRING:
        case V_ASN1_VISIBLESTRING:
        case V_ASN1_T61STRING:
          return string_to_utf8 (value->value.asn1_string);

        default:
          break;
        }
    }

  /* Any other type: its DER, which is what an administrator would feed
   * to "openssl asn1parse". */
  {
    unsigned char *der = NULL;
    char *hex;
    int len = i2d_ASN1_TYPE ((ASN1_TYPE *)value, &der);

    if (len <= 0)
      return g_strdup ("");
    hex = _cd_format_hex_dump (der, len);
    OPENSSL_free (der);
    return hex;
  }
}

/* One general name as "Type: value". */
static void
append_general_name (GString            *out,
                     const char         *indent,
                     const GENERAL_NAME *name)
{
  switch (name->type)
    {
    case GEN_DNS:
      {
        g_autofree char *text = ia5_to_utf8 (name->d.dNSName);

        append_labelled (out, indent, _("DNS name"), text);
      }
      break;

    case GEN_EMAIL:
      {
        g_autofree char *text = ia5_to_utf8 (name->d.rfc822Name);

        append_labelled (out, indent, _("Email"), text);
      }
      break;

    case GEN_URI:
      {
        g_autofree char *text = ia5_to_utf8 (name->d.uniformResourceIdentifier);

        append_labelled (out, indent, _("URI"), text);
      }
      break;

    case GEN_IPADD:
      {
        g_autofree char *text = format_ip (name->d.iPAddress);

        append_labelled (out, indent, _("IP address"), text);
      }
      break;

    case GEN_DIRNAME:
      {
        g_autofree char *text = name_one_line (name->d.directoryName);

        append_labelled (out, indent, _("Directory name"), text);
      }
      break;

    case GEN_RID:
      {
        g_autofree char *text = _cd_format_oid (name->d.registeredID);

        append_labelled (out, indent, _("Registered ID"), text);
      }
      break;

    case GEN_OTHERNAME:
      {
        const char *label = NULL;
        g_autofree char *text = format_other_name (name->d.otherName, &label);

        if (label != NULL)
          {
            append_labelled (out, indent, label, text);
          }
        else
          {
            g_autofree char *oid = _cd_format_oid (name->d.otherName->type_id);
            /* Translators: a subject alternative name of a type we have
             * no name for; %s is its OID. */
            g_autofree char *other = g_strdup_printf (_("Other name (%s)"), oid);

            append_labelled (out, indent, other, text);
          }
      }
      break;

    case GEN_X400:
      {
        g_autofree char *text = _cd_format_hex_dump (ASN1_STRING_get0_data (name->d.x400Address),
                                                     ASN1_STRING_length (name->d.x400Address));

        append_labelled (out, indent, _("X.400 address"), text);
      }
      break;

    case GEN_EDIPARTY:
      {
        g_autofree char *text = string_to_utf8 (name->d.ediPartyName->partyName);

        append_labelled (out, indent, _("EDI party name"), text);
      }
      break;

    default:
      append_line (out, indent, _("Unknown name type"));
      break;
    }
}

static void
append_general_names (GString             *out,
                      const char          *indent,
                      const GENERAL_NAMES *names)
{
  for (int i = 0; names != NULL && i < sk_GENERAL_NAME_num (names); i++)
    append_general_name (out, indent, sk_GENERAL_NAME_value (names, i));
}

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
  hex = hex_with (ASN1_STRING_get0_data (bits), ASN1_STRING_length (bits),
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

      append_line (out, "", text);
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
  append_general_names (out, "", names);

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
  append_labelled (out, "", _("Subject type"),
                   constraints->ca ? _("Certificate authority") : _("End entity"));

  if (constraints->pathlen != NULL)
    path_length = g_strdup_printf ("%ld", ASN1_INTEGER_get (constraints->pathlen));
  else
    path_length = g_strdup (_("None"));
  append_labelled (out, "", _("Path length constraint"), path_length);

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

      append_labelled (out, "", _("Key ID"), hex);
    }
  if (akid->issuer != NULL)
    {
      append_line (out, "", _("Certificate issuer:"));
      append_general_names (out, "  ", akid->issuer);
    }
  if (akid->serial != NULL)
    {
      g_autofree char *serial = _cd_format_integer (akid->serial);

      append_labelled (out, "", _("Certificate serial number"), serial);
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
          g_autofree char *url = ia5_to_utf8 (location->d.uniformResourceIdentifier);

          append_labelled (out, "", method, url);
        }
      else
        {
          g_autofree char *heading = g_strdup_printf ("%s:", method);

          append_line (out, "", heading);
          append_general_name (out, "  ", location);
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
      append_general_names (out, "", dp_name->name.fullname);
      return;
    }

  /* A name relative to the CRL issuer: one RDN, shown as a name. */
  relative = X509_NAME_new ();
  for (int i = 0; i < sk_X509_NAME_ENTRY_num (dp_name->name.relativename); i++)
    X509_NAME_add_entry (relative, sk_X509_NAME_ENTRY_value (dp_name->name.relativename, i),
                         -1, 0);
  text = name_one_line (relative);
  append_labelled (out, "", _("Name relative to the CRL issuer"), text);
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

          append_labelled (out, "", _("Reasons"), reasons);
        }
      if (point->CRLissuer != NULL)
        {
          append_line (out, "", _("CRL issuer:"));
          append_general_names (out, "  ", point->CRLissuer);
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
      g_autofree char *organization = string_to_utf8 (ref->organization);
      g_autoptr(GString) numbers = g_string_new (NULL);

      for (int i = 0; i < sk_ASN1_INTEGER_num (ref->noticenos); i++)
        {
          if (numbers->len > 0)
            g_string_append (numbers, ", ");
          g_string_append_printf (numbers, "%ld",
                                  ASN1_INTEGER_get (sk_ASN1_INTEGER_value (ref->noticenos, i)));
        }

      append_labelled (out, "  ", _("Notice organization"), organization);
      append_labelled (out, "  ", _("Notice numbers"), numbers->str);
    }

  if (notice->exptext != NULL)
    {
      g_autofree char *text = string_to_utf8 (notice->exptext);

      append_labelled (out, "  ", _("User notice"), text);
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

          append_labelled (out, "", _("Policy"), text);
        }
      else
        {
          append_labelled (out, "", _("Policy"), oid);
        }

      for (int j = 0; j < sk_POLICYQUALINFO_num (info->qualifiers); j++)
        {
          const POLICYQUALINFO *qualifier = sk_POLICYQUALINFO_value (info->qualifiers, j);

          switch (OBJ_obj2nid (qualifier->pqualid))
            {
            case NID_id_qt_cps:
              {
                g_autofree char *url = ia5_to_utf8 (qualifier->d.cpsuri);

                append_labelled (out, "  ", _("CPS"), url);
              }
              break;

            case NID_id_qt_unotice:
              append_user_notice (out, qualifier->d.usernotice);
              break;

            default:
              {
                g_autofree char *qualifier_oid = _cd_format_oid (qualifier->pqualid);

                append_labelled (out, "  ", _("Qualifier"), qualifier_oid);
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

  append_line (out, "", heading);
  for (int i = 0; i < sk_GENERAL_SUBTREE_num (subtrees); i++)
    append_general_name (out, "  ", sk_GENERAL_SUBTREE_value (subtrees, i)->base);
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
