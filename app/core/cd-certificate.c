/* cd-certificate.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* CdCertificate is one row of a store: the columns a list shows,
 * read from the database without parsing the certificate. The DER
 * stays in the database until someone opens the details.
 */

#define G_LOG_DOMAIN "cd-certificate"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cd-certificate-private.h"

enum {
  PROP_0,
  PROP_SHA256,
  PROP_SUBJECT_CN,
  PROP_ISSUER_CN,
  PROP_NOT_BEFORE,
  PROP_NOT_AFTER,
  PROP_PURPOSES_LABEL,
  PROP_FRIENDLY_NAME,
  PROP_HAS_PRIVATE_KEY,
  PROP_IS_REQUEST,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (CdCertificate, cd_certificate, G_TYPE_OBJECT)

static GParamSpec *properties [N_PROPS];

/* Extended key usages as certmgr.msc names them in "Intended Purposes". */
static const struct {
  const char *short_name;
  const char *label;
} purpose_labels[] = {
  { "serverAuth", N_("Server Authentication") },
  { "clientAuth", N_("Client Authentication") },
  { "codeSigning", N_("Code Signing") },
  { "emailProtection", N_("Secure Email") },
  { "timeStamping", N_("Time Stamping") },
  { "OCSPSigning", N_("OCSP Signing") },
  { "ipsecIKE", N_("IP security IKE intermediate") },
  { "msSmartcardLogin", N_("Smart Card Logon") },
  { "anyExtendedKeyUsage", N_("All Purposes") },
};

static const char *
purpose_label (const char *short_name)
{
  for (guint i = 0; i < G_N_ELEMENTS (purpose_labels); i++)
    {
      if (g_str_equal (short_name, purpose_labels[i].short_name))
        return _(purpose_labels[i].label);
    }

  /* Unknown usages are kept as their OID or short name. */
  return short_name;
}

static void
cd_certificate_finalize (GObject *object)
{
  CdCertificate *self = (CdCertificate *)object;

  if (self->strings != NULL)
    {
      g_clear_pointer (&self->strings, g_free);
    }
  else
    {
      g_free (self->sha256);
      g_free (self->key_id);
      g_free (self->subject);
      g_free (self->subject_cn);
      g_free (self->issuer);
      g_free (self->issuer_cn);
      g_free (self->serial);
      g_free (self->purposes);
      g_free (self->friendly_name);
      g_free (self->description);
      g_free (self->search_text);
    }
  g_clear_pointer (&self->purposes_label, g_free);
  g_clear_pointer (&self->san, g_strfreev);

  G_OBJECT_CLASS (cd_certificate_parent_class)->finalize (object);
}

static void
cd_certificate_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CdCertificate *self = CD_CERTIFICATE (object);

  switch (prop_id)
    {
    case PROP_SHA256:
      g_value_set_string (value, cd_certificate_get_sha256 (self));
      break;

    case PROP_SUBJECT_CN:
      g_value_set_string (value, cd_certificate_get_subject_cn (self));
      break;

    case PROP_ISSUER_CN:
      g_value_set_string (value, cd_certificate_get_issuer_cn (self));
      break;

    case PROP_NOT_BEFORE:
      g_value_set_int64 (value, cd_certificate_get_not_before (self));
      break;

    case PROP_NOT_AFTER:
      g_value_set_int64 (value, cd_certificate_get_not_after (self));
      break;

    case PROP_PURPOSES_LABEL:
      g_value_set_string (value, cd_certificate_get_purposes_label (self));
      break;

    case PROP_FRIENDLY_NAME:
      g_value_set_string (value, cd_certificate_get_friendly_name (self));
      break;

    case PROP_HAS_PRIVATE_KEY:
      g_value_set_boolean (value, cd_certificate_get_has_private_key (self));
      break;

    case PROP_IS_REQUEST:
      g_value_set_boolean (value, cd_certificate_get_is_request (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_certificate_class_init (CdCertificateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = cd_certificate_finalize;
  object_class->get_property = cd_certificate_get_property;

  properties[PROP_SHA256] = g_param_spec_string ("sha256", NULL, NULL, NULL, flags);
  properties[PROP_SUBJECT_CN] = g_param_spec_string ("subject-cn", NULL, NULL, NULL, flags);
  properties[PROP_ISSUER_CN] = g_param_spec_string ("issuer-cn", NULL, NULL, NULL, flags);
  properties[PROP_NOT_BEFORE] =
    g_param_spec_int64 ("not-before", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_NOT_AFTER] =
    g_param_spec_int64 ("not-after", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_PURPOSES_LABEL] = g_param_spec_string ("purposes-label", NULL, NULL, NULL, flags);
  properties[PROP_FRIENDLY_NAME] = g_param_spec_string ("friendly-name", NULL, NULL, NULL, flags);
  properties[PROP_HAS_PRIVATE_KEY] =
    g_param_spec_boolean ("has-private-key", NULL, NULL, FALSE, flags);
  properties[PROP_IS_REQUEST] = g_param_spec_boolean ("is-request", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cd_certificate_init (CdCertificate *self)
{
  self->store = CD_STORE_KIND_AUTO;
}

CdCertificate *
_cd_certificate_new (void)
{
  return g_object_new (CD_TYPE_CERTIFICATE, NULL);
}

/* One case-folded string per row, built once at import and kept in the
 * database, so that search-as-you-type is a substring test per row.
 * Fingerprint and serial go in without colons; the search side strips
 * colons from what the user types. The friendly name is left out: it
 * belongs to a store entry and can be renamed, so it is matched apart.
 */
char *
_cd_certificate_build_search_text (CdCertificate *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *folded = NULL;

  g_assert (CD_IS_CERTIFICATE (self));

  g_string_append_printf (text, "%s\n%s\n%s\n%s\n",
                          self->subject ? self->subject : "",
                          self->issuer ? self->issuer : "",
                          self->serial ? self->serial : "",
                          self->sha256 ? self->sha256 : "");
  for (guint i = 0; self->san != NULL && self->san[i] != NULL; i++)
    g_string_append_printf (text, "%s\n", self->san[i]);
  if (self->san == NULL && self->san_text != NULL)
    g_string_append_printf (text, "%s\n", self->san_text);

  folded = g_utf8_casefold (text->str, text->len);
  return g_steal_pointer (&folded);
}

/**
 * cd_certificate_get_sha256:
 * @self: a #CdCertificate
 *
 * Returns: (transfer none): the SHA-256 fingerprint of the DER, lower-case hex
 */
const char *
cd_certificate_get_sha256 (CdCertificate *self)
{
  g_return_val_if_fail (CD_IS_CERTIFICATE (self), NULL);

  return self->sha256;
}

/**
 * cd_certificate_get_key_id:
 * @self: a #CdCertificate
 *
 * The key id pairs certificates, requests and private keys: the hex
 * SHA-256 of the DER SubjectPublicKeyInfo.
 *
 * Returns: (transfer none): the key id
 */
const char *
cd_certificate_get_key_id (CdCertificate *self)
{
  g_return_val_if_fail (CD_IS_CERTIFICATE (self), NULL);

  return self->key_id;
}

/**
 * cd_certificate_get_subject:
 * @self: a #CdCertificate
 *
 * Returns: (transfer none): the subject as one line (RFC 2253)
 */
const char *
cd_certificate_get_subject (CdCertificate *self)
{
  g_return_val_if_fail (CD_IS_CERTIFICATE (self), NULL);

  return self->subject;
}

/**
 * cd_certificate_get_subject_cn:
 * @self: a #CdCertificate
 *
 * Returns: (transfer none): the "Issued To" name: the common name, or
 *   the most specific other name when there is no CN
 */
const char *
cd_certificate_get_subject_cn (CdCertificate *self)
{
  g_return_val_if_fail (CD_IS_CERTIFICATE (self), NULL);

  return self->subject_cn;
}

/**
 * cd_certificate_get_issuer:
 * @self: a #CdCertificate
 *
 * Returns: (transfer none) (nullable): the issuer as one line, %NULL for a request
 */
const char *
cd_certificate_get_issuer (CdCertificate *self)
{
  g_return_val_if_fail (CD_IS_CERTIFICATE (self), NULL);

  return self->issuer;
}

/**
 * cd_certificate_get_issuer_cn:
 * @self: a #CdCertificate
 *
 * Returns: (transfer none) (nullable): the "Issued By" name
 */
const char *
cd_certificate_get_issuer_cn (CdCertificate *self)
{
  g_return_val_if_fail (CD_IS_CERTIFICATE (self), NULL);

  return self->issuer_cn;
}

/**
 * cd_certificate_get_serial:
 * @self: a #CdCertificate
 *
 * Returns: (transfer none) (nullable): the serial number in hex
 */
const char *
cd_certificate_get_serial (CdCertificate *self)
{
  g_return_val_if_fail (CD_IS_CERTIFICATE (self), NULL);

  return self->serial;
}

/**
 * cd_certificate_get_not_before:
 * @self: a #CdCertificate
 *
 * Returns: the start of validity as Unix time
 */
gint64
cd_certificate_get_not_before (CdCertificate *self)
{
  g_return_val_if_fail (CD_IS_CERTIFICATE (self), 0);

  return self->not_before;
}

/**
 * cd_certificate_get_not_after:
 * @self: a #CdCertificate
 *
 * Returns: the end of validity as Unix time, 0 for a request
 */
gint64
cd_certificate_get_not_after (CdCertificate *self)
{
  g_return_val_if_fail (CD_IS_CERTIFICATE (self), 0);

  return self->not_after;
}

/**
 * cd_certificate_get_purposes:
 * @self: a #CdCertificate
 *
 * Returns: (transfer none): the extended key usages as comma-separated
 *   OpenSSL short names or OIDs, "" when the certificate has none
 */
const char *
cd_certificate_get_purposes (CdCertificate *self)
{
  g_return_val_if_fail (CD_IS_CERTIFICATE (self), NULL);

  return self->purposes ? self->purposes : "";
}

/**
 * cd_certificate_get_purposes_label:
 * @self: a #CdCertificate
 *
 * Returns: (transfer none): the "Intended Purposes" column, translated
 */
const char *
cd_certificate_get_purposes_label (CdCertificate *self)
{
  g_return_val_if_fail (CD_IS_CERTIFICATE (self), NULL);

  if (self->purposes_label == NULL)
    {
      g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
      g_auto(GStrv) names = NULL;
      g_auto(GStrv) parts = NULL;

      if (self->is_request)
        {
          self->purposes_label = g_strdup ("");
          return self->purposes_label;
        }

      /* No EKU extension means no restriction, which certmgr shows as <All>. */
      if (self->purposes == NULL || self->purposes[0] == '\0')
        {
          self->purposes_label = g_strdup (_("<All>"));
          return self->purposes_label;
        }

      names = g_strsplit (self->purposes, ",", -1);
      for (guint i = 0; names[i] != NULL; i++)
        g_strv_builder_add (labels, purpose_label (names[i]));
      parts = g_strv_builder_end (labels);
      self->purposes_label = g_strjoinv (", ", parts);
    }

  return self->purposes_label;
}

/**
 * cd_certificate_get_friendly_name:
 * @self: a #CdCertificate
 *
 * Returns: (transfer none) (nullable): the friendly name the user or the
 *   file gave, or %NULL
 */
const char *
cd_certificate_get_friendly_name (CdCertificate *self)
{
  g_return_val_if_fail (CD_IS_CERTIFICATE (self), NULL);

  return self->friendly_name;
}

/**
 * cd_certificate_get_description:
 * @self: a #CdCertificate
 *
 * Returns: (transfer none) (nullable): the description the user gave
 *   this certificate in this store, or %NULL
 */
const char *
cd_certificate_get_description (CdCertificate *self)
{
  g_return_val_if_fail (CD_IS_CERTIFICATE (self), NULL);

  return self->description;
}

/**
 * cd_certificate_get_search_text:
 * @self: a #CdCertificate
 *
 * Returns: (transfer none): case-folded subject, issuer, SAN entries,
 *   serial and fingerprint, for substring search
 */
const char *
cd_certificate_get_search_text (CdCertificate *self)
{
  g_return_val_if_fail (CD_IS_CERTIFICATE (self), NULL);

  return self->search_text ? self->search_text : "";
}

/**
 * cd_certificate_get_san:
 * @self: a #CdCertificate
 *
 * Returns: (transfer none) (nullable): the subject alternative names, each
 *   prefixed with its type ("DNS:", "IP:", "email:", "URI:")
 */
const char * const *
cd_certificate_get_san (CdCertificate *self)
{
  g_return_val_if_fail (CD_IS_CERTIFICATE (self), NULL);

  if (self->san == NULL && self->san_text != NULL && self->san_text[0] != '\0')
    self->san = g_strsplit (self->san_text, "\n", -1);

  return (const char * const *)self->san;
}

/**
 * cd_certificate_get_store:
 * @self: a #CdCertificate
 *
 * Returns: the store this row was listed from
 */
CdStoreKind
cd_certificate_get_store (CdCertificate *self)
{
  g_return_val_if_fail (CD_IS_CERTIFICATE (self), CD_STORE_KIND_AUTO);

  return self->store;
}

/**
 * cd_certificate_get_has_private_key:
 * @self: a #CdCertificate
 *
 * Returns: %TRUE if the keyring holds the private key of this certificate
 */
gboolean
cd_certificate_get_has_private_key (CdCertificate *self)
{
  g_return_val_if_fail (CD_IS_CERTIFICATE (self), FALSE);

  return self->has_private_key;
}

/**
 * cd_certificate_get_is_request:
 * @self: a #CdCertificate
 *
 * Returns: %TRUE if this row is a certificate signing request
 */
gboolean
cd_certificate_get_is_request (CdCertificate *self)
{
  g_return_val_if_fail (CD_IS_CERTIFICATE (self), FALSE);

  return self->is_request;
}

/**
 * cd_certificate_get_is_ca:
 * @self: a #CdCertificate
 *
 * Returns: %TRUE if Basic Constraints say this is an authority
 */
gboolean
cd_certificate_get_is_ca (CdCertificate *self)
{
  g_return_val_if_fail (CD_IS_CERTIFICATE (self), FALSE);

  return self->is_ca;
}

/**
 * cd_certificate_get_is_self_signed:
 * @self: a #CdCertificate
 *
 * Returns: %TRUE if the certificate is signed by its own key
 */
gboolean
cd_certificate_get_is_self_signed (CdCertificate *self)
{
  g_return_val_if_fail (CD_IS_CERTIFICATE (self), FALSE);

  return self->is_self_signed;
}

/**
 * cd_certificate_is_expired:
 * @self: a #CdCertificate
 * @now: the current Unix time
 *
 * Returns: %TRUE if @now is past the end of validity; never for a request
 */
gboolean
cd_certificate_is_expired (CdCertificate *self,
                           gint64         now)
{
  g_return_val_if_fail (CD_IS_CERTIFICATE (self), FALSE);

  return !self->is_request && self->not_after < now;
}

/**
 * cd_certificate_dup_display_name:
 * @self: a #CdCertificate
 *
 * Returns: (transfer full): the friendly name if set, else the subject name
 */
char *
cd_certificate_dup_display_name (CdCertificate *self)
{
  g_return_val_if_fail (CD_IS_CERTIFICATE (self), NULL);

  if (self->friendly_name != NULL && self->friendly_name[0] != '\0')
    return g_strdup (self->friendly_name);

  return g_strdup (self->subject_cn ? self->subject_cn : "");
}

/**
 * cd_certificate_format_fingerprint:
 * @self: a #CdCertificate
 *
 * Returns: (transfer full): the SHA-256 fingerprint as colon-separated,
 *   upper-case byte pairs
 */
char *
cd_certificate_format_fingerprint (CdCertificate *self)
{
  GString *out;

  g_return_val_if_fail (CD_IS_CERTIFICATE (self), NULL);

  out = g_string_new (NULL);
  for (guint i = 0; self->sha256 != NULL && self->sha256[i] != '\0'; i++)
    {
      if (i > 0 && i % 2 == 0)
        g_string_append_c (out, ':');
      g_string_append_c (out, g_ascii_toupper (self->sha256[i]));
    }

  return g_string_free (out, FALSE);
}

/* Fingerprints and serials are kept without separators in the search
 * text, and people paste them as byte pairs split by colons (OpenSSL)
 * or spaces (Windows). Only that shape counts, so that a search for
 * words such as "cafe bad" keeps its space. The last pair may still be
 * being typed.
 */
static gboolean
looks_like_hex_pairs (const char *text)
{
  guint n_separators = 0;
  guint group = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isxdigit (*p))
        {
          if (++group > 2)
            return FALSE;
        }
      else if (*p == ':' || *p == ' ')
        {
          if (group != 2)
            return FALSE;
          group = 0;
          n_separators++;
        }
      else
        {
          return FALSE;
        }
    }

  return n_separators > 0;
}

/**
 * cd_certificate_prepare_search:
 * @text: what the user typed
 *
 * Case-folds and trims @text, and drops the separators from a
 * fingerprint or serial typed as "AB:CD:…" or "ab cd …", since the
 * search text keeps them bare.
 *
 * Returns: (transfer full) (nullable): the needle for
 *   cd_certificate_matches(), or %NULL when @text is blank
 */
char *
cd_certificate_prepare_search (const char *text)
{
  g_autofree char *stripped = NULL;

  if (text == NULL)
    return NULL;

  stripped = g_strstrip (g_strdup (text));
  if (stripped[0] == '\0')
    return NULL;

  if (looks_like_hex_pairs (stripped))
    {
      char *out = stripped;

      for (const char *in = stripped; *in != '\0'; in++)
        {
          if (*in != ':' && *in != ' ')
            *out++ = *in;
        }
      *out = '\0';
    }

  return g_utf8_casefold (stripped, -1);
}

/**
 * cd_certificate_matches:
 * @self: a #CdCertificate
 * @needle: a needle from cd_certificate_prepare_search()
 *
 * Returns: %TRUE if the subject, issuer, SAN entries, serial,
 *   fingerprint or friendly name contain @needle
 */
gboolean
cd_certificate_matches (CdCertificate *self,
                        const char    *needle)
{
  g_autofree char *folded_name = NULL;

  g_return_val_if_fail (CD_IS_CERTIFICATE (self), FALSE);

  if (needle == NULL || needle[0] == '\0')
    return TRUE;

  if (self->search_text != NULL && strstr (self->search_text, needle) != NULL)
    return TRUE;

  if (self->friendly_name == NULL)
    return FALSE;

  folded_name = g_utf8_casefold (self->friendly_name, -1);
  return strstr (folded_name, needle) != NULL;
}
