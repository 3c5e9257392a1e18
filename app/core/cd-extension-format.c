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
 * OpenSSL does not know either are shown as hex. This file has the
 * values and general names; cd-extension-format-decoders.c the
 * extensions.
 */

#define G_LOG_DOMAIN "cd-extension-format"

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <openssl/objects.h>

#include "cd-extension-format-private.h"
#include "cd-openssl-private.h"

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

/* "Label: value" on one line; a translator may want another separator. */
void
_cd_format_append_labelled (GString    *out,
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

void
_cd_format_append_line (GString    *out,
                        const char *indent,
                        const char *line)
{
  if (out->len > 0)
    g_string_append_c (out, '\n');
  g_string_append (out, indent);
  g_string_append (out, line);
}

char *
_cd_format_hex_with (const guchar *data,
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
  return _cd_format_hex_with (data, len, "0123456789ABCDEF", ':', 0);
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
  return _cd_format_hex_with (data, len, "0123456789abcdef", ' ', 16);
}

char *
_cd_format_string_to_utf8 (const ASN1_STRING *string)
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

char *
_cd_format_ia5_to_utf8 (const ASN1_STRING *string)
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
      g_autofree char *value = _cd_format_string_to_utf8 (X509_NAME_ENTRY_get_data (entry));
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

char *
_cd_format_name_one_line (const X509_NAME *name)
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
          return _cd_format_string_to_utf8 (value->value.asn1_string);

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
void
_cd_format_append_general_name (GString            *out,
                                const char         *indent,
                                const GENERAL_NAME *name)
{
  switch (name->type)
    {
    case GEN_DNS:
      {
        g_autofree char *text = _cd_format_ia5_to_utf8 (name->d.dNSName);

        _cd_format_append_labelled (out, indent, _("DNS name"), text);
      }
      break;

    case GEN_EMAIL:
      {
        g_autofree char *text = _cd_format_ia5_to_utf8 (name->d.rfc822Name);

        _cd_format_append_labelled (out, indent, _("Email"), text);
      }
      break;

    case GEN_URI:
      {
        g_autofree char *text = _cd_format_ia5_to_utf8 (name->d.uniformResourceIdentifier);

        _cd_format_append_labelled (out, indent, _("URI"), text);
      }
      break;

    case GEN_IPADD:
      {
        g_autofree char *text = format_ip (name->d.iPAddress);

        _cd_format_append_labelled (out, indent, _("IP address"), text);
      }
      break;

    case GEN_DIRNAME:
      {
        g_autofree char *text = _cd_format_name_one_line (name->d.directoryName);

        _cd_format_append_labelled (out, indent, _("Directory name"), text);
      }
      break;

    case GEN_RID:
      {
        g_autofree char *text = _cd_format_oid (name->d.registeredID);

        _cd_format_append_labelled (out, indent, _("Registered ID"), text);
      }
      break;

    case GEN_OTHERNAME:
      {
        const char *label = NULL;
        g_autofree char *text = format_other_name (name->d.otherName, &label);

        if (label != NULL)
          {
            _cd_format_append_labelled (out, indent, label, text);
          }
        else
          {
            g_autofree char *oid = _cd_format_oid (name->d.otherName->type_id);
            /* Translators: a subject alternative name of a type we have
             * no name for; %s is its OID. */
            g_autofree char *other = g_strdup_printf (_("Other name (%s)"), oid);

            _cd_format_append_labelled (out, indent, other, text);
          }
      }
      break;

    case GEN_X400:
      {
        g_autofree char *text = _cd_format_hex_dump (ASN1_STRING_get0_data (name->d.x400Address),
                                                     ASN1_STRING_length (name->d.x400Address));

        _cd_format_append_labelled (out, indent, _("X.400 address"), text);
      }
      break;

    case GEN_EDIPARTY:
      {
        g_autofree char *text = _cd_format_string_to_utf8 (name->d.ediPartyName->partyName);

        _cd_format_append_labelled (out, indent, _("EDI party name"), text);
      }
      break;

    default:
      _cd_format_append_line (out, indent, _("Unknown name type"));
      break;
    }
}

void
_cd_format_append_general_names (GString             *out,
                                 const char          *indent,
                                 const GENERAL_NAMES *names)
{
  for (int i = 0; names != NULL && i < sk_GENERAL_NAME_num (names); i++)
    _cd_format_append_general_name (out, indent, sk_GENERAL_NAME_value (names, i));
}
