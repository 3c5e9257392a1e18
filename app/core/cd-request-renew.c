/* cd-request-renew.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Renewal: a builder pre-filled from an existing certificate, with its
 * subject, SAN entries, key type and usages, for the wizard to show.
 */

#define G_LOG_DOMAIN "cd-request-builder"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <openssl/err.h>

#include "cd-errors.h"
#include "cd-openssl-private.h"
#include "cd-request-builder-private.h"

static char *
name_entry_to_utf8 (const X509_NAME *name,
                    int              nid,
                    gboolean        *out_utf8)
{
  const X509_NAME_ENTRY *entry;
  const ASN1_STRING *data;
  unsigned char *utf8 = NULL;
  char *result;
  int index;
  int len;

  index = X509_NAME_get_index_by_NID (name, nid, -1);
  if (index < 0)
    return NULL;

  /* The last one, the most specific, as certmgr shows it. */
  for (int next = index; next >= 0; next = X509_NAME_get_index_by_NID (name, nid, next))
    index = next;

  entry = X509_NAME_get_entry (name, index);
  data = X509_NAME_ENTRY_get_data (entry);
  if (ASN1_STRING_type (data) == V_ASN1_UTF8STRING && out_utf8 != NULL)
    *out_utf8 = TRUE;

  len = ASN1_STRING_to_UTF8 (&utf8, data);
  if (len < 0)
    return NULL;

  result = g_utf8_make_valid ((const char *)utf8, len);
  OPENSSL_free (utf8);

  return result;
}

static void
copy_sans_from_certificate (CdRequestBuilder *self,
                            X509             *cert)
{
  g_autoptr(GENERAL_NAMES) names = X509_get_ext_d2i (cert, NID_subject_alt_name, NULL, NULL);
  const char *cn = self->subject[CD_SUBJECT_FIELD_COMMON_NAME];
  gboolean first_dns = TRUE;

  self->cn_as_dns = FALSE;

  for (int i = 0; names != NULL && i < sk_GENERAL_NAME_num (names); i++)
    {
      const GENERAL_NAME *name = sk_GENERAL_NAME_value (names, i);
      g_autofree char *text = NULL;
      CdSanType type;
      int kind;
      const ASN1_STRING *value = GENERAL_NAME_get0_value (name, &kind);

      switch (kind)
        {
        case GEN_DNS:
          type = CD_SAN_TYPE_DNS;
          text = g_strndup ((const char *)ASN1_STRING_get0_data (value), ASN1_STRING_length (value));
          break;

        case GEN_EMAIL:
          type = CD_SAN_TYPE_EMAIL;
          text = g_strndup ((const char *)ASN1_STRING_get0_data (value), ASN1_STRING_length (value));
          break;

        case GEN_URI:
          type = CD_SAN_TYPE_URI;
          text = g_strndup ((const char *)ASN1_STRING_get0_data (value), ASN1_STRING_length (value));
          break;

        case GEN_IPADD:
          {
            g_autoptr(GInetAddress) address = NULL;
            int len = ASN1_STRING_length (value);

            if (len != 4 && len != 16)
              continue;
            address = g_inet_address_new_from_bytes (ASN1_STRING_get0_data (value),
                                                      len == 4 ? G_SOCKET_FAMILY_IPV4 : G_SOCKET_FAMILY_IPV6);
            type = CD_SAN_TYPE_IP;
            text = g_inet_address_to_string (address);
          }
          break;

        default:
          /* Directory names, other names: not offered by the wizard. */
          continue;
        }

      /* A first DNS name equal to the CN is what "use the CN" makes. */
      if (type == CD_SAN_TYPE_DNS && first_dns)
        {
          first_dns = FALSE;
          if (cn != NULL && g_ascii_strcasecmp (cn, text) == 0)
            {
              self->cn_as_dns = TRUE;
              continue;
            }
        }

      if (!cd_request_builder_add_san (self, type, text, NULL))
        g_debug ("Not copying SAN entry %s: invalid or repeated", text);
    }
}

static CdKeyType
key_type_of (EVP_PKEY *key)
{
  char group[64] = "";

  switch (EVP_PKEY_get_base_id (key))
    {
    case EVP_PKEY_RSA:
      if (EVP_PKEY_get_bits (key) >= 4096)
        return CD_KEY_TYPE_RSA_4096;
      if (EVP_PKEY_get_bits (key) >= 3072)
        return CD_KEY_TYPE_RSA_3072;
      return CD_KEY_TYPE_RSA_2048;

    case EVP_PKEY_EC:
      if (EVP_PKEY_get_group_name (key, group, sizeof group, NULL) &&
          (g_str_equal (group, "secp384r1") || g_str_equal (group, "P-384")))
        return CD_KEY_TYPE_EC_P384;
      return CD_KEY_TYPE_EC_P256;

    case EVP_PKEY_ED25519:
      return CD_KEY_TYPE_ED25519;

    default:
      return CD_KEY_TYPE_RSA_2048;
    }
}

/**
 * cd_request_builder_new_from_certificate:
 * @der: a certificate, DER
 * @error: a location for a #GError
 *
 * Pre-fills a builder for renewing a certificate: the subject with its
 * string types, the SAN entries in order, the key type and the usages.
 * The builder makes a new key; to keep the certificate's key, pass its
 * key id to cd_request_builder_set_existing_key_id().
 *
 * Returns: (transfer full) (nullable): a new builder
 */
CdRequestBuilder *
cd_request_builder_new_from_certificate (GBytes  *der,
                                         GError **error)
{
  g_autoptr(CdRequestBuilder) self = NULL;
  g_autoptr(X509) cert = NULL;
  const guchar *p;
  gsize len = 0;
  const X509_NAME *name;
  gboolean any_utf8 = FALSE;
  gboolean server, client;
  uint32_t ku;
  EVP_PKEY *key;

  g_return_val_if_fail (der != NULL, NULL);

  p = g_bytes_get_data (der, &len);
  cert = d2i_X509 (NULL, &p, len);
  if (cert == NULL)
    {
      ERR_clear_error ();
      g_set_error_literal (error, CD_REQUEST_ERROR, CD_REQUEST_ERROR_FAILED,
                           _("The certificate cannot be read, so no request can be made from it."));
      return NULL;
    }

  self = cd_request_builder_new ();

  name = X509_get_subject_name (cert);
  for (guint i = 0; i < CD_N_SUBJECT_FIELDS; i++)
    self->subject[i] = name_entry_to_utf8 (name, _cd_request_subject_nids[i],
                                           i == CD_SUBJECT_FIELD_COUNTRY ||
                                           i == CD_SUBJECT_FIELD_EMAIL ? NULL : &any_utf8);
  self->string_type = any_utf8 ? CD_STRING_TYPE_UTF8 : CD_STRING_TYPE_PRINTABLE_WHERE_POSSIBLE;

  copy_sans_from_certificate (self, cert);

  key = X509_get0_pubkey (cert);
  if (key != NULL)
    self->key_type = key_type_of (key);

  server = (X509_get_extension_flags (cert) & EXFLAG_XKUSAGE) == 0 ||
           (X509_get_extended_key_usage (cert) & XKU_SSL_SERVER) != 0;
  client = (X509_get_extension_flags (cert) & EXFLAG_XKUSAGE) != 0 &&
           (X509_get_extended_key_usage (cert) & XKU_SSL_CLIENT) != 0;
  if (server && client)
    self->purpose = CD_REQUEST_PURPOSE_SERVER_CLIENT;
  else if (client)
    self->purpose = CD_REQUEST_PURPOSE_CLIENT;
  else
    self->purpose = CD_REQUEST_PURPOSE_SERVER;

  self->key_usage = cd_request_default_key_usage (self->purpose, self->key_type);
  if (X509_get_extension_flags (cert) & EXFLAG_KUSAGE)
    {
      ku = X509_get_key_usage (cert);
      self->key_usage = CD_KEY_USAGE_NONE;
      if (ku & KU_DIGITAL_SIGNATURE)
        self->key_usage |= CD_KEY_USAGE_DIGITAL_SIGNATURE;
      if (ku & KU_NON_REPUDIATION)
        self->key_usage |= CD_KEY_USAGE_NON_REPUDIATION;
      if (ku & KU_KEY_ENCIPHERMENT)
        self->key_usage |= CD_KEY_USAGE_KEY_ENCIPHERMENT;
      if (ku & KU_DATA_ENCIPHERMENT)
        self->key_usage |= CD_KEY_USAGE_DATA_ENCIPHERMENT;
      if (ku & KU_KEY_AGREEMENT)
        self->key_usage |= CD_KEY_USAGE_KEY_AGREEMENT;
    }

  self->extended_key_usage = cd_request_default_extended_key_usage (self->purpose);
  if (X509_get_extension_flags (cert) & EXFLAG_XKUSAGE)
    {
      uint32_t xku = X509_get_extended_key_usage (cert);

      self->extended_key_usage = CD_EXTENDED_KEY_USAGE_NONE;
      if (xku & XKU_SSL_SERVER)
        self->extended_key_usage |= CD_EXTENDED_KEY_USAGE_SERVER_AUTH;
      if (xku & XKU_SSL_CLIENT)
        self->extended_key_usage |= CD_EXTENDED_KEY_USAGE_CLIENT_AUTH;
      if (xku & XKU_CODE_SIGN)
        self->extended_key_usage |= CD_EXTENDED_KEY_USAGE_CODE_SIGNING;
      if (xku & XKU_SMIME)
        self->extended_key_usage |= CD_EXTENDED_KEY_USAGE_EMAIL_PROTECTION;
    }

  return g_steal_pointer (&self);
}
