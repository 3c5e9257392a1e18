/* cd-request-validate.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Checks of single values of a certificate request: the subject's
 * fields and the entries of the Subject Alternative Name. Each check is
 * cheap and pure, so the wizard runs it on every key press; each
 * returns the value in the form the request will carry (upper-case
 * country, lower-case punycode host names, canonical IP addresses).
 */

#define G_LOG_DOMAIN "cd-request-validate"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cd-errors.h"
#include "cd-request-builder.h"

/* RFC 5280 appendix A upper bounds, in characters. */
#define UB_COMMON_NAME         64
#define UB_ORGANIZATION        64
#define UB_ORGANIZATIONAL_UNIT 64
#define UB_LOCALITY            128
#define UB_STATE               128
#define UB_EMAIL               255

/* RFC 1035: labels of 63 octets, names of 253 written out. */
#define MAX_LABEL    63
#define MAX_HOSTNAME 253

typedef struct
{
  CdRequestError  code;
  guint           max_length;
  const char     *title;
} FieldInfo;

/* Indexed by CdSubjectField. */
static const FieldInfo fields[CD_N_SUBJECT_FIELDS] = {
  { CD_REQUEST_ERROR_COUNTRY, 2, N_("Country") },
  { CD_REQUEST_ERROR_STATE, UB_STATE, N_("State or province") },
  { CD_REQUEST_ERROR_LOCALITY, UB_LOCALITY, N_("Locality") },
  { CD_REQUEST_ERROR_ORGANIZATION, UB_ORGANIZATION, N_("Organization") },
  { CD_REQUEST_ERROR_ORGANIZATIONAL_UNIT, UB_ORGANIZATIONAL_UNIT, N_("Organizational unit") },
  { CD_REQUEST_ERROR_COMMON_NAME, UB_COMMON_NAME, N_("Common name") },
  { CD_REQUEST_ERROR_EMAIL, UB_EMAIL, N_("E-mail address") },
};

static gboolean
has_control_characters (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (g_unichar_iscntrl (g_utf8_get_char (p)))
        return TRUE;
    }

  return FALSE;
}

/* One label of an ASCII host name: letters, digits and inner hyphens. */
static gboolean
check_label (const char  *label,
             const char  *whole,
             GError     **error)
{
  gsize len = strlen (label);

  if (len == 0)
    {
      g_set_error (error, CD_REQUEST_ERROR, CD_REQUEST_ERROR_SAN_DNS,
                   _("“%s” has an empty part between dots. Remove the extra dot."), whole);
      return FALSE;
    }

  if (len > MAX_LABEL)
    {
      g_set_error (error, CD_REQUEST_ERROR, CD_REQUEST_ERROR_SAN_DNS,
                   _("A part of “%s” is longer than %d characters, which host names do not allow."),
                   whole, MAX_LABEL);
      return FALSE;
    }

  if (label[0] == '-' || label[len - 1] == '-')
    {
      g_set_error (error, CD_REQUEST_ERROR, CD_REQUEST_ERROR_SAN_DNS,
                   _("A part of “%s” begins or ends with a hyphen, which host names do not allow."),
                   whole);
      return FALSE;
    }

  for (const char *p = label; *p != '\0'; p++)
    {
      if (*p == '*')
        {
          g_set_error (error, CD_REQUEST_ERROR, CD_REQUEST_ERROR_SAN_DNS,
                       _("“%s” has a wildcard in the wrong place. A wildcard can only be the whole first part, as in *.example.com."),
                       whole);
          return FALSE;
        }

      if (!g_ascii_isalnum (*p) && *p != '-')
        {
          g_set_error (error, CD_REQUEST_ERROR, CD_REQUEST_ERROR_SAN_DNS,
                       _("“%s” contains “%c”. Host names have only letters, digits, hyphens and dots."),
                       whole, *p);
          return FALSE;
        }
    }

  return TRUE;
}

static char *
normalize_host_name (const char  *text,
                     gboolean     allow_wildcard,
                     GError     **error)
{
  g_autofree char *ascii = NULL;
  g_auto(GStrv) labels = NULL;
  const char *rest = text;
  gboolean wildcard = FALSE;

  if (allow_wildcard && g_str_has_prefix (text, "*."))
    {
      wildcard = TRUE;
      rest = text + 2;
    }

  if (rest[0] == '\0' || rest[0] == '.' || strstr (rest, "..") != NULL ||
      g_str_has_suffix (rest, "."))
    {
      g_set_error (error, CD_REQUEST_ERROR, CD_REQUEST_ERROR_SAN_DNS,
                   _("“%s” has an empty part between dots. Remove the extra dot."), text);
      return NULL;
    }

  if (strchr (rest, '*') != NULL)
    {
      g_set_error (error, CD_REQUEST_ERROR, CD_REQUEST_ERROR_SAN_DNS,
                   _("“%s” has a wildcard in the wrong place. A wildcard can only be the whole first part, as in *.example.com."),
                   text);
      return NULL;
    }

  /* Certificates carry internationalised names as punycode (RFC 5280
   * section 7.2); CAs and TLS clients compare that form.
   */
  if (g_hostname_is_non_ascii (rest))
    {
      ascii = g_hostname_to_ascii (rest);
      if (ascii == NULL)
        {
          g_set_error (error, CD_REQUEST_ERROR, CD_REQUEST_ERROR_SAN_DNS,
                       _("“%s” is not a valid internationalised host name."), text);
          return NULL;
        }
    }
  else
    {
      ascii = g_strdup (rest);
    }

  for (char *p = ascii; *p != '\0'; p++)
    *p = g_ascii_tolower (*p);

  if (strlen (ascii) > MAX_HOSTNAME)
    {
      g_set_error (error, CD_REQUEST_ERROR, CD_REQUEST_ERROR_SAN_DNS,
                   _("“%s” is longer than the %d characters a host name can have."), text, MAX_HOSTNAME);
      return NULL;
    }

  labels = g_strsplit (ascii, ".", -1);
  for (guint i = 0; labels[i] != NULL; i++)
    {
      if (!check_label (labels[i], text, error))
        return NULL;
    }

  if (wildcard)
    return g_strconcat ("*.", ascii, NULL);

  return g_steal_pointer (&ascii);
}

static char *
normalize_email (const char      *text,
                 CdRequestError   code,
                 GError         **error)
{
  g_autofree char *domain = NULL;
  const char *at = strrchr (text, '@');

  if (at == NULL || at == text || at[1] == '\0')
    {
      g_set_error (error, CD_REQUEST_ERROR, code,
                   _("“%s” is not an e-mail address. Write it as name@example.com."), text);
      return NULL;
    }

  for (const char *p = text; p < at; p++)
    {
      /* The certificate holds an IA5String: ASCII only. */
      if (!g_ascii_isgraph (*p) || *p == '@')
        {
          g_set_error (error, CD_REQUEST_ERROR, code,
                       _("The part before “@” in “%s” may contain only ASCII letters, digits and punctuation."),
                       text);
          return NULL;
        }
    }

  domain = normalize_host_name (at + 1, FALSE, NULL);
  if (domain == NULL)
    {
      g_set_error (error, CD_REQUEST_ERROR, code,
                   _("The domain of “%s” is not a valid host name."), text);
      return NULL;
    }

  if ((gsize)(at - text) + 1 + strlen (domain) > UB_EMAIL)
    {
      g_set_error (error, CD_REQUEST_ERROR, code,
                   _("“%s” is longer than the %d characters an e-mail address can have in a certificate."),
                   text, UB_EMAIL);
      return NULL;
    }

  return g_strdup_printf ("%.*s@%s", (int)(at - text), text, domain);
}

static char *
normalize_ip (const char  *text,
              GError     **error)
{
  g_autoptr(GInetAddress) address = NULL;

  /* A scope ("%eth0") means something only on one machine. */
  if (strchr (text, '%') == NULL)
    address = g_inet_address_new_from_string (text);

  if (address == NULL)
    {
      g_set_error (error, CD_REQUEST_ERROR, CD_REQUEST_ERROR_SAN_IP,
                   _("“%s” is not an IPv4 address (such as 192.0.2.10) or an IPv6 address (such as 2001:db8::10)."),
                   text);
      return NULL;
    }

  return g_inet_address_to_string (address);
}

static char *
normalize_uri (const char  *text,
               GError     **error)
{
  if (g_uri_peek_scheme (text) == NULL)
    {
      g_set_error (error, CD_REQUEST_ERROR, CD_REQUEST_ERROR_SAN_URI,
                   _("“%s” is not a URI: it must begin with a scheme, as in sip:pbx.example.com or https://example.com/."),
                   text);
      return NULL;
    }

  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isgraph (*p))
        {
          g_set_error (error, CD_REQUEST_ERROR, CD_REQUEST_ERROR_SAN_URI,
                       _("“%s” contains spaces or non-ASCII characters. Encode them with %% escapes."),
                       text);
          return NULL;
        }
    }

  if (!g_uri_is_valid (text, G_URI_FLAGS_NONE, NULL))
    {
      g_set_error (error, CD_REQUEST_ERROR, CD_REQUEST_ERROR_SAN_URI,
                   _("“%s” is not a valid URI."), text);
      return NULL;
    }

  return g_strdup (text);
}

/* PrintableString's alphabet (X.680 41.4). */
static gboolean
is_printable_string (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && strchr (" '()+,-./:=?", *p) == NULL)
        return FALSE;
    }

  return TRUE;
}

/**
 * cd_request_string_fits_printable:
 * @text: a subject value
 *
 * Returns: %TRUE if @text can be a PrintableString, which CAs prefer
 */
gboolean
cd_request_string_fits_printable (const char *text)
{
  g_return_val_if_fail (text != NULL, FALSE);

  return is_printable_string (text);
}

/**
 * cd_request_validate_subject_field:
 * @field: which field @text is for
 * @text: what the user typed
 * @normalized: (out) (optional) (transfer full): the value the request
 *   will carry, trimmed; %NULL when the field is left empty
 * @error: a location for a #GError in %CD_REQUEST_ERROR, its code naming the field
 *
 * Every field but the common name may be empty.
 *
 * Returns: %TRUE if @text is acceptable for @field
 */
gboolean
cd_request_validate_subject_field (CdSubjectField   field,
                                   const char      *text,
                                   char           **normalized,
                                   GError         **error)
{
  g_autofree char *value = NULL;
  const FieldInfo *info;

  g_return_val_if_fail (field >= 0 && field < CD_N_SUBJECT_FIELDS, FALSE);

  if (normalized != NULL)
    *normalized = NULL;

  info = &fields[field];
  value = g_strstrip (g_strdup (text != NULL ? text : ""));

  if (value[0] == '\0')
    {
      if (field == CD_SUBJECT_FIELD_COMMON_NAME)
        {
          g_set_error_literal (error, CD_REQUEST_ERROR, info->code,
                               _("A common name is needed. For a server, it is usually the host name, such as www.example.com."));
          return FALSE;
        }
      return TRUE;
    }

  if (!g_utf8_validate (value, -1, NULL) || has_control_characters (value))
    {
      /* translators: %s is a field name, such as "Organization" */
      g_set_error (error, CD_REQUEST_ERROR, info->code,
                   _("%s contains characters that cannot be part of a name."), _(info->title));
      return FALSE;
    }

  if (field == CD_SUBJECT_FIELD_COUNTRY)
    {
      if (strlen (value) != 2 || !g_ascii_isalpha (value[0]) || !g_ascii_isalpha (value[1]))
        {
          g_set_error (error, CD_REQUEST_ERROR, info->code,
                       _("“%s” is not a country code. Use the two-letter ISO 3166 code, such as DE or US."),
                       value);
          return FALSE;
        }
      value[0] = g_ascii_toupper (value[0]);
      value[1] = g_ascii_toupper (value[1]);
    }
  else if (field == CD_SUBJECT_FIELD_EMAIL)
    {
      g_autofree char *email = normalize_email (value, info->code, error);

      if (email == NULL)
        return FALSE;
      g_free (value);
      value = g_steal_pointer (&email);
    }
  else if (g_utf8_strlen (value, -1) > info->max_length)
    {
      /* translators: %s is a field name, %u a number of characters */
      g_set_error (error, CD_REQUEST_ERROR, info->code,
                   ngettext ("%s can have at most %u character; shorten it by %u.",
                             "%s can have at most %u characters; shorten it by %u.",
                             info->max_length),
                   _(info->title), info->max_length,
                   (guint)g_utf8_strlen (value, -1) - info->max_length);
      return FALSE;
    }

  if (normalized != NULL)
    *normalized = g_steal_pointer (&value);

  return TRUE;
}

/**
 * cd_request_validate_san_entry:
 * @type: the kind of entry
 * @text: what the user typed
 * @normalized: (out) (optional) (transfer full): the entry as the request
 *   will carry it: host names in lower-case punycode, IP addresses in
 *   canonical form
 * @error: a location for a #GError in %CD_REQUEST_ERROR
 *
 * Returns: %TRUE if @text is a valid entry of @type
 */
gboolean
cd_request_validate_san_entry (CdSanType    type,
                               const char  *text,
                               char       **normalized,
                               GError     **error)
{
  g_autofree char *value = NULL;
  g_autofree char *result = NULL;

  if (normalized != NULL)
    *normalized = NULL;

  value = g_strstrip (g_strdup (text != NULL ? text : ""));
  if (!g_utf8_validate (value, -1, NULL))
    value[0] = '\0';

  switch (type)
    {
    case CD_SAN_TYPE_DNS:
      if (value[0] == '\0')
        {
          g_set_error_literal (error, CD_REQUEST_ERROR, CD_REQUEST_ERROR_SAN_DNS,
                               _("Enter a host name, such as www.example.com."));
          return FALSE;
        }
      result = normalize_host_name (value, TRUE, error);
      break;

    case CD_SAN_TYPE_IP:
      result = normalize_ip (value, error);
      break;

    case CD_SAN_TYPE_EMAIL:
      result = normalize_email (value, CD_REQUEST_ERROR_SAN_EMAIL, error);
      break;

    case CD_SAN_TYPE_URI:
      result = normalize_uri (value, error);
      break;

    default:
      g_return_val_if_reached (FALSE);
    }

  if (result == NULL)
    return FALSE;

  if (normalized != NULL)
    *normalized = g_steal_pointer (&result);

  return TRUE;
}

/**
 * cd_request_default_key_usage:
 * @purpose: what the certificate is for
 * @key_type: the key's type
 *
 * RSA keys also encipher (TLS 1.2 RSA key exchange); EC and Ed25519
 * keys only sign.
 *
 * Returns: the Key Usage a request for @purpose asks for by default
 */
CdKeyUsage
cd_request_default_key_usage (CdRequestPurpose purpose,
                              CdKeyType        key_type)
{
  CdKeyUsage usage = CD_KEY_USAGE_DIGITAL_SIGNATURE;

  if (purpose != CD_REQUEST_PURPOSE_CLIENT && cd_key_type_is_rsa (key_type))
    usage |= CD_KEY_USAGE_KEY_ENCIPHERMENT;

  return usage;
}

/**
 * cd_request_default_extended_key_usage:
 * @purpose: what the certificate is for
 *
 * Returns: the Extended Key Usage a request for @purpose asks for by default
 */
CdExtendedKeyUsage
cd_request_default_extended_key_usage (CdRequestPurpose purpose)
{
  switch (purpose)
    {
    case CD_REQUEST_PURPOSE_SERVER:
      return CD_EXTENDED_KEY_USAGE_SERVER_AUTH;
    case CD_REQUEST_PURPOSE_CLIENT:
      return CD_EXTENDED_KEY_USAGE_CLIENT_AUTH;
    case CD_REQUEST_PURPOSE_SERVER_CLIENT:
      return CD_EXTENDED_KEY_USAGE_SERVER_AUTH | CD_EXTENDED_KEY_USAGE_CLIENT_AUTH;
    default:
      g_return_val_if_reached (CD_EXTENDED_KEY_USAGE_NONE);
    }
}

static const char *san_prefixes[] = { "DNS", "IP", "email", "URI" };

/**
 * cd_san_type_to_prefix:
 * @type: a #CdSanType
 *
 * Returns: the prefix OpenSSL and the certificate rows use, such as "DNS"
 */
const char *
cd_san_type_to_prefix (CdSanType type)
{
  g_return_val_if_fail (type >= 0 && type < G_N_ELEMENTS (san_prefixes), NULL);

  return san_prefixes[type];
}

/**
 * cd_san_type_from_prefix:
 * @prefix: "dns", "ip", "email" or "uri", in any case
 * @type: (out): where the type goes
 *
 * Returns: %TRUE if @prefix names a SAN type
 */
gboolean
cd_san_type_from_prefix (const char *prefix,
                         CdSanType  *type)
{
  g_return_val_if_fail (prefix != NULL, FALSE);
  g_return_val_if_fail (type != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (san_prefixes); i++)
    {
      if (g_ascii_strcasecmp (prefix, san_prefixes[i]) == 0)
        {
          *type = i;
          return TRUE;
        }
    }

  return FALSE;
}
