/* cd-request-builder.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* CdRequestBuilder holds what the user wants in a certificate request
 * (subject, Subject Alternative Names in order, key, digest, usages)
 * and turns it into a signed PKCS#10 request. Building writes the new
 * key to the keyring first and then the key record and the request to
 * the database in one transaction; if either fails, the key is removed
 * again, as the importer does, so nothing is left half made.
 */

#define G_LOG_DOMAIN "cd-request-builder"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <openssl/err.h>
#include <openssl/pem.h>

#include "cd-certificate-private.h"
#include "cd-database-private.h"
#include "cd-errors.h"
#include "cd-key-generator-private.h"
#include "cd-keyring.h"
#include "cd-openssl-private.h"
#include "cd-request-builder.h"
#include "cd-x509-private.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (X509_NAME, X509_NAME_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ASN1_BIT_STRING, ASN1_BIT_STRING_free)

typedef struct
{
  CdSanType  type;
  char      *value;   /* normalized */
} SanEntry;

struct _CdRequestBuilder
{
  GObject             parent_instance;

  char               *subject[CD_N_SUBJECT_FIELDS];
  GPtrArray          *sans;            /* of SanEntry, in order */
  char               *existing_key_id;

  CdRequestPurpose    purpose;
  CdStringType        string_type;
  CdKeyType           key_type;
  CdDigest            digest;
  CdKeyUsage          key_usage;
  CdExtendedKeyUsage  extended_key_usage;

  guint               cn_as_dns : 1;
  guint               allow_legacy_key : 1;
  guint               allow_legacy_digest : 1;
};

G_DEFINE_FINAL_TYPE (CdRequestBuilder, cd_request_builder, G_TYPE_OBJECT)

/* Indexed by CdSubjectField. */
static const int subject_nids[CD_N_SUBJECT_FIELDS] = {
  NID_countryName,
  NID_stateOrProvinceName,
  NID_localityName,
  NID_organizationName,
  NID_organizationalUnitName,
  NID_commonName,
  NID_pkcs9_emailAddress,
};

static const struct
{
  CdKeyUsage usage;
  int        bit;     /* RFC 5280 4.2.1.3 */
} key_usage_bits[] = {
  { CD_KEY_USAGE_DIGITAL_SIGNATURE, 0 },
  { CD_KEY_USAGE_NON_REPUDIATION, 1 },
  { CD_KEY_USAGE_KEY_ENCIPHERMENT, 2 },
  { CD_KEY_USAGE_DATA_ENCIPHERMENT, 3 },
  { CD_KEY_USAGE_KEY_AGREEMENT, 4 },
};

static const struct
{
  CdExtendedKeyUsage usage;
  int                nid;
} extended_key_usage_nids[] = {
  { CD_EXTENDED_KEY_USAGE_SERVER_AUTH, NID_server_auth },
  { CD_EXTENDED_KEY_USAGE_CLIENT_AUTH, NID_client_auth },
  { CD_EXTENDED_KEY_USAGE_CODE_SIGNING, NID_code_sign },
  { CD_EXTENDED_KEY_USAGE_EMAIL_PROTECTION, NID_email_protect },
};

static void
san_entry_free (SanEntry *entry)
{
  g_free (entry->value);
  g_free (entry);
}

static void
set_openssl_error (GError     **error,
                   const char  *message)
{
  char detail[256] = "";

  ERR_error_string_n (ERR_peek_last_error (), detail, sizeof detail);
  ERR_clear_error ();
  g_debug ("OpenSSL: %s", detail);
  g_set_error_literal (error, CD_REQUEST_ERROR, CD_REQUEST_ERROR_FAILED, message);
}

static gboolean
san_contains (CdRequestBuilder *self,
              CdSanType         type,
              const char       *value)
{
  for (guint i = 0; i < self->sans->len; i++)
    {
      SanEntry *entry = g_ptr_array_index (self->sans, i);

      /* Normalized values compare exactly; e-mail local parts keep case. */
      if (entry->type == type && g_strcmp0 (entry->value, value) == 0)
        return TRUE;
    }

  return FALSE;
}

/* The common name as the first DNS name, if it is a host name at all
 * and not listed by the user already; %NULL otherwise.
 */
static char *
dup_cn_as_dns (CdRequestBuilder *self)
{
  g_autofree char *dns = NULL;

  if (!self->cn_as_dns || self->subject[CD_SUBJECT_FIELD_COMMON_NAME] == NULL)
    return NULL;

  if (!cd_request_validate_san_entry (CD_SAN_TYPE_DNS, self->subject[CD_SUBJECT_FIELD_COMMON_NAME],
                                      &dns, NULL))
    return NULL;

  if (san_contains (self, CD_SAN_TYPE_DNS, dns))
    return NULL;

  return g_steal_pointer (&dns);
}

static void
cd_request_builder_finalize (GObject *object)
{
  CdRequestBuilder *self = (CdRequestBuilder *)object;

  for (guint i = 0; i < CD_N_SUBJECT_FIELDS; i++)
    g_free (self->subject[i]);
  g_clear_pointer (&self->sans, g_ptr_array_unref);
  g_free (self->existing_key_id);

  G_OBJECT_CLASS (cd_request_builder_parent_class)->finalize (object);
}

static void
cd_request_builder_class_init (CdRequestBuilderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cd_request_builder_finalize;
}

static void
cd_request_builder_init (CdRequestBuilder *self)
{
  self->sans = g_ptr_array_new_with_free_func ((GDestroyNotify)san_entry_free);
  self->purpose = CD_REQUEST_PURPOSE_SERVER;
  self->string_type = CD_STRING_TYPE_PRINTABLE_WHERE_POSSIBLE;
  self->key_type = CD_KEY_TYPE_RSA_2048;
  self->digest = CD_DIGEST_SHA256;
  self->cn_as_dns = TRUE;
  self->key_usage = cd_request_default_key_usage (self->purpose, self->key_type);
  self->extended_key_usage = cd_request_default_extended_key_usage (self->purpose);
}

/**
 * cd_request_builder_new:
 *
 * Returns: (transfer full): a builder for a TLS server request with an
 *   RSA 2048 key and SHA-256, the common name as the first DNS name
 */
CdRequestBuilder *
cd_request_builder_new (void)
{
  return g_object_new (CD_TYPE_REQUEST_BUILDER, NULL);
}

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
    self->subject[i] = name_entry_to_utf8 (name, subject_nids[i],
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

/**
 * cd_request_builder_set_purpose:
 * @self: a #CdRequestBuilder
 * @purpose: what the certificate is for
 *
 * Also resets Key Usage and Extended Key Usage to @purpose's defaults.
 */
void
cd_request_builder_set_purpose (CdRequestBuilder *self,
                                CdRequestPurpose  purpose)
{
  g_return_if_fail (CD_IS_REQUEST_BUILDER (self));

  self->purpose = purpose;
  self->key_usage = cd_request_default_key_usage (purpose, self->key_type);
  self->extended_key_usage = cd_request_default_extended_key_usage (purpose);
}

CdRequestPurpose
cd_request_builder_get_purpose (CdRequestBuilder *self)
{
  g_return_val_if_fail (CD_IS_REQUEST_BUILDER (self), CD_REQUEST_PURPOSE_SERVER);

  return self->purpose;
}

/**
 * cd_request_builder_set_subject_field:
 * @self: a #CdRequestBuilder
 * @field: the field
 * @value: (nullable): its value as typed; checked by
 *   cd_request_builder_validate(), not here, so that the wizard can
 *   keep what the user typed
 */
void
cd_request_builder_set_subject_field (CdRequestBuilder *self,
                                      CdSubjectField    field,
                                      const char       *value)
{
  g_return_if_fail (CD_IS_REQUEST_BUILDER (self));
  g_return_if_fail (field >= 0 && field < CD_N_SUBJECT_FIELDS);

  g_free (self->subject[field]);
  self->subject[field] = (value != NULL && value[0] != '\0') ? g_strdup (value) : NULL;
}

/**
 * cd_request_builder_get_subject_field:
 * @self: a #CdRequestBuilder
 * @field: the field
 *
 * Returns: (nullable): the value as set, %NULL if empty
 */
const char *
cd_request_builder_get_subject_field (CdRequestBuilder *self,
                                      CdSubjectField    field)
{
  g_return_val_if_fail (CD_IS_REQUEST_BUILDER (self), NULL);
  g_return_val_if_fail (field >= 0 && field < CD_N_SUBJECT_FIELDS, NULL);

  return self->subject[field];
}

void
cd_request_builder_set_string_type (CdRequestBuilder *self,
                                    CdStringType      string_type)
{
  g_return_if_fail (CD_IS_REQUEST_BUILDER (self));

  self->string_type = string_type;
}

CdStringType
cd_request_builder_get_string_type (CdRequestBuilder *self)
{
  g_return_val_if_fail (CD_IS_REQUEST_BUILDER (self), CD_STRING_TYPE_PRINTABLE_WHERE_POSSIBLE);

  return self->string_type;
}

/**
 * cd_request_builder_add_san:
 * @self: a #CdRequestBuilder
 * @type: the kind of entry
 * @text: the entry as typed
 * @error: a location for a #GError
 *
 * Checks @text with cd_request_validate_san_entry() and appends its
 * normalized form; an entry already in the list is refused with
 * %CD_REQUEST_ERROR_SAN_DUPLICATE.
 *
 * Returns: %TRUE if the entry was added
 */
gboolean
cd_request_builder_add_san (CdRequestBuilder  *self,
                            CdSanType          type,
                            const char        *text,
                            GError           **error)
{
  g_autofree char *value = NULL;
  SanEntry *entry;

  g_return_val_if_fail (CD_IS_REQUEST_BUILDER (self), FALSE);

  if (!cd_request_validate_san_entry (type, text, &value, error))
    return FALSE;

  if (san_contains (self, type, value))
    {
      g_set_error (error, CD_REQUEST_ERROR, CD_REQUEST_ERROR_SAN_DUPLICATE,
                   _("“%s” is already in the list of alternative names."), value);
      return FALSE;
    }

  entry = g_new0 (SanEntry, 1);
  entry->type = type;
  entry->value = g_steal_pointer (&value);
  g_ptr_array_add (self->sans, entry);

  return TRUE;
}

void
cd_request_builder_remove_san (CdRequestBuilder *self,
                               guint             position)
{
  g_return_if_fail (CD_IS_REQUEST_BUILDER (self));
  g_return_if_fail (position < self->sans->len);

  g_ptr_array_remove_index (self->sans, position);
}

/**
 * cd_request_builder_move_san:
 * @self: a #CdRequestBuilder
 * @from: the entry's position
 * @to: its new position
 *
 * Some devices read only the first names, so the order is the user's.
 */
void
cd_request_builder_move_san (CdRequestBuilder *self,
                             guint             from,
                             guint             to)
{
  SanEntry *entry;

  g_return_if_fail (CD_IS_REQUEST_BUILDER (self));
  g_return_if_fail (from < self->sans->len);
  g_return_if_fail (to < self->sans->len);

  entry = g_ptr_array_steal_index (self->sans, from);
  g_ptr_array_insert (self->sans, to, entry);
}

void
cd_request_builder_clear_sans (CdRequestBuilder *self)
{
  g_return_if_fail (CD_IS_REQUEST_BUILDER (self));

  g_ptr_array_set_size (self->sans, 0);
}

/**
 * cd_request_builder_get_n_sans:
 * @self: a #CdRequestBuilder
 *
 * Returns: the number of entries added, not counting the common name
 */
guint
cd_request_builder_get_n_sans (CdRequestBuilder *self)
{
  g_return_val_if_fail (CD_IS_REQUEST_BUILDER (self), 0);

  return self->sans->len;
}

/**
 * cd_request_builder_get_san:
 * @self: a #CdRequestBuilder
 * @position: which entry
 * @type: (out) (optional): its kind
 *
 * Returns: the entry, normalized
 */
const char *
cd_request_builder_get_san (CdRequestBuilder *self,
                            guint             position,
                            CdSanType        *type)
{
  SanEntry *entry;

  g_return_val_if_fail (CD_IS_REQUEST_BUILDER (self), NULL);
  g_return_val_if_fail (position < self->sans->len, NULL);

  entry = g_ptr_array_index (self->sans, position);
  if (type != NULL)
    *type = entry->type;

  return entry->value;
}

/**
 * cd_request_builder_set_cn_as_dns:
 * @self: a #CdRequestBuilder
 * @cn_as_dns: whether the common name goes first among the DNS names
 *
 * Browsers ignore the common name and look only at the SAN, so this is
 * on by default. A common name that is not a host name is left out.
 */
void
cd_request_builder_set_cn_as_dns (CdRequestBuilder *self,
                                  gboolean          cn_as_dns)
{
  g_return_if_fail (CD_IS_REQUEST_BUILDER (self));

  self->cn_as_dns = !!cn_as_dns;
}

gboolean
cd_request_builder_get_cn_as_dns (CdRequestBuilder *self)
{
  g_return_val_if_fail (CD_IS_REQUEST_BUILDER (self), FALSE);

  return self->cn_as_dns;
}

/**
 * cd_request_builder_dup_san_strings:
 * @self: a #CdRequestBuilder
 *
 * Returns: (transfer full): the SAN entries the request will carry, in
 *   order, as "DNS:www.example.com", "IP:192.0.2.1", "email:…", "URI:…"
 */
char **
cd_request_builder_dup_san_strings (CdRequestBuilder *self)
{
  g_autoptr(GPtrArray) strings = g_ptr_array_new ();
  char *cn;

  g_return_val_if_fail (CD_IS_REQUEST_BUILDER (self), NULL);

  cn = dup_cn_as_dns (self);
  if (cn != NULL)
    g_ptr_array_add (strings, g_strconcat ("DNS:", cn, NULL));
  g_free (cn);

  for (guint i = 0; i < self->sans->len; i++)
    {
      SanEntry *entry = g_ptr_array_index (self->sans, i);

      g_ptr_array_add (strings, g_strdup_printf ("%s:%s", cd_san_type_to_prefix (entry->type),
                                                 entry->value));
    }
  g_ptr_array_add (strings, NULL);

  return (char **)g_ptr_array_free (g_steal_pointer (&strings), FALSE);
}

void
cd_request_builder_set_key_type (CdRequestBuilder *self,
                                 CdKeyType         key_type)
{
  g_return_if_fail (CD_IS_REQUEST_BUILDER (self));
  g_return_if_fail (key_type >= 0 && key_type < CD_N_KEY_TYPES);

  /* Key Usage follows the key type unless the user changed it. */
  if (self->key_usage == cd_request_default_key_usage (self->purpose, self->key_type))
    self->key_usage = cd_request_default_key_usage (self->purpose, key_type);

  self->key_type = key_type;
}

CdKeyType
cd_request_builder_get_key_type (CdRequestBuilder *self)
{
  g_return_val_if_fail (CD_IS_REQUEST_BUILDER (self), CD_KEY_TYPE_RSA_2048);

  return self->key_type;
}

/**
 * cd_request_builder_set_existing_key_id:
 * @self: a #CdRequestBuilder
 * @key_id: (nullable): a key in the keyring to sign with instead of a
 *   new one, or %NULL for a new key of the chosen type
 */
void
cd_request_builder_set_existing_key_id (CdRequestBuilder *self,
                                        const char       *key_id)
{
  g_return_if_fail (CD_IS_REQUEST_BUILDER (self));

  g_free (self->existing_key_id);
  self->existing_key_id = g_strdup (key_id);
}

const char *
cd_request_builder_get_existing_key_id (CdRequestBuilder *self)
{
  g_return_val_if_fail (CD_IS_REQUEST_BUILDER (self), NULL);

  return self->existing_key_id;
}

/**
 * cd_request_builder_set_allow_legacy_key:
 * @self: a #CdRequestBuilder
 * @allow: whether the user accepted RSA 1024 for an old device
 */
void
cd_request_builder_set_allow_legacy_key (CdRequestBuilder *self,
                                         gboolean          allow)
{
  g_return_if_fail (CD_IS_REQUEST_BUILDER (self));

  self->allow_legacy_key = !!allow;
}

gboolean
cd_request_builder_get_allow_legacy_key (CdRequestBuilder *self)
{
  g_return_val_if_fail (CD_IS_REQUEST_BUILDER (self), FALSE);

  return self->allow_legacy_key;
}

void
cd_request_builder_set_digest (CdRequestBuilder *self,
                               CdDigest          digest)
{
  g_return_if_fail (CD_IS_REQUEST_BUILDER (self));
  g_return_if_fail (digest >= CD_DIGEST_SHA256 && digest <= CD_DIGEST_SHA1);

  self->digest = digest;
}

CdDigest
cd_request_builder_get_digest (CdRequestBuilder *self)
{
  g_return_val_if_fail (CD_IS_REQUEST_BUILDER (self), CD_DIGEST_SHA256);

  return self->digest;
}

/**
 * cd_request_builder_set_allow_legacy_digest:
 * @self: a #CdRequestBuilder
 * @allow: whether the user accepted SHA-1 for an old device
 */
void
cd_request_builder_set_allow_legacy_digest (CdRequestBuilder *self,
                                            gboolean          allow)
{
  g_return_if_fail (CD_IS_REQUEST_BUILDER (self));

  self->allow_legacy_digest = !!allow;
}

gboolean
cd_request_builder_get_allow_legacy_digest (CdRequestBuilder *self)
{
  g_return_val_if_fail (CD_IS_REQUEST_BUILDER (self), FALSE);

  return self->allow_legacy_digest;
}

void
cd_request_builder_set_key_usage (CdRequestBuilder *self,
                                  CdKeyUsage        usage)
{
  g_return_if_fail (CD_IS_REQUEST_BUILDER (self));

  self->key_usage = usage;
}

CdKeyUsage
cd_request_builder_get_key_usage (CdRequestBuilder *self)
{
  g_return_val_if_fail (CD_IS_REQUEST_BUILDER (self), CD_KEY_USAGE_NONE);

  return self->key_usage;
}

void
cd_request_builder_set_extended_key_usage (CdRequestBuilder   *self,
                                           CdExtendedKeyUsage  usage)
{
  g_return_if_fail (CD_IS_REQUEST_BUILDER (self));

  self->extended_key_usage = usage;
}

CdExtendedKeyUsage
cd_request_builder_get_extended_key_usage (CdRequestBuilder *self)
{
  g_return_val_if_fail (CD_IS_REQUEST_BUILDER (self), CD_EXTENDED_KEY_USAGE_NONE);

  return self->extended_key_usage;
}

/**
 * cd_request_builder_validate:
 * @self: a #CdRequestBuilder
 *
 * Checks everything that can be checked without the keyring, so that
 * the wizard can mark each field at once.
 *
 * Returns: (transfer full) (element-type GError): one error per problem,
 *   in %CD_REQUEST_ERROR, its code naming the field; empty if none
 */
GPtrArray *
cd_request_builder_validate (CdRequestBuilder *self)
{
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify)g_error_free);

  g_return_val_if_fail (CD_IS_REQUEST_BUILDER (self), NULL);

  for (guint i = 0; i < CD_N_SUBJECT_FIELDS; i++)
    {
      GError *error = NULL;

      if (!cd_request_validate_subject_field (i, self->subject[i], NULL, &error))
        g_ptr_array_add (errors, error);
    }

  /* Entries are checked as they are added; only the key and digest
   * choices remain.
   */
  if (self->existing_key_id == NULL &&
      cd_key_type_is_legacy (self->key_type) && !self->allow_legacy_key)
    g_ptr_array_add (errors,
                     g_error_new_literal (CD_REQUEST_ERROR, CD_REQUEST_ERROR_KEY_TYPE,
                                          _("RSA 1024-bit keys can be broken and are refused by current CAs. "
                                            "Choose RSA 2048 or stronger, or confirm that an old device needs 1024 bits.")));

  if (self->digest == CD_DIGEST_SHA1 && !self->allow_legacy_digest)
    g_ptr_array_add (errors,
                     g_error_new_literal (CD_REQUEST_ERROR, CD_REQUEST_ERROR_DIGEST,
                                          _("SHA-1 signatures can be forged and are refused by current CAs. "
                                            "Choose SHA-256 or stronger, or confirm that an old device needs SHA-1.")));

  return g_steal_pointer (&errors);
}

static gboolean
add_name_entry (X509_NAME  *name,
                int         nid,
                int         type,
                const char *value)
{
  /* A plain type, not an MBSTRING_ one, is taken as given. */
  return X509_NAME_add_entry_by_NID (name, nid, type, (const unsigned char *)value,
                                     strlen (value), -1, 0) == 1;
}

static X509_NAME *
build_subject (CdRequestBuilder  *self,
               GError           **error)
{
  g_autoptr(X509_NAME) name = X509_NAME_new ();

  for (guint i = 0; i < CD_N_SUBJECT_FIELDS; i++)
    {
      g_autofree char *value = NULL;
      int type;

      if (!cd_request_validate_subject_field (i, self->subject[i], &value, error))
        return NULL;
      if (value == NULL)
        continue;

      /* RFC 5280 fixes these two; the others are the user's choice. */
      if (i == CD_SUBJECT_FIELD_COUNTRY)
        type = V_ASN1_PRINTABLESTRING;
      else if (i == CD_SUBJECT_FIELD_EMAIL)
        type = V_ASN1_IA5STRING;
      else if (self->string_type == CD_STRING_TYPE_PRINTABLE_WHERE_POSSIBLE &&
               cd_request_string_fits_printable (value))
        type = V_ASN1_PRINTABLESTRING;
      else
        type = V_ASN1_UTF8STRING;

      if (!add_name_entry (name, subject_nids[i], type, value))
        {
          set_openssl_error (error, _("The subject could not be encoded."));
          return NULL;
        }
    }

  return g_steal_pointer (&name);
}

/**
 * cd_request_builder_dup_subject_string:
 * @self: a #CdRequestBuilder
 *
 * Returns: (transfer full): the subject as a CA will read it, such as
 *   "CN=www.example.com,O=Example,C=DE"; empty while a field is invalid
 */
char *
cd_request_builder_dup_subject_string (CdRequestBuilder *self)
{
  g_autoptr(X509_NAME) name = NULL;
  g_autoptr(BIO) bio = NULL;
  char *data = NULL;
  long len;

  g_return_val_if_fail (CD_IS_REQUEST_BUILDER (self), NULL);

  name = build_subject (self, NULL);
  if (name == NULL)
    return g_strdup ("");

  bio = BIO_new (BIO_s_mem ());
  if (X509_NAME_print_ex (bio, name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB) < 0)
    return g_strdup ("");

  len = BIO_get_mem_data (bio, &data);

  return g_utf8_make_valid (data, len);
}

static GENERAL_NAME *
general_name_new (CdSanType   type,
                  const char *value)
{
  GENERAL_NAME *name = GENERAL_NAME_new ();
  ASN1_STRING *data;
  int kind;

  if (type == CD_SAN_TYPE_IP)
    {
      g_autoptr(GInetAddress) address = g_inet_address_new_from_string (value);

      data = ASN1_OCTET_STRING_new ();
      ASN1_OCTET_STRING_set (data, g_inet_address_to_bytes (address),
                             g_inet_address_get_native_size (address));
      kind = GEN_IPADD;
    }
  else
    {
      data = ASN1_IA5STRING_new ();
      ASN1_STRING_set (data, value, strlen (value));
      kind = type == CD_SAN_TYPE_DNS ? GEN_DNS : type == CD_SAN_TYPE_EMAIL ? GEN_EMAIL : GEN_URI;
    }

  GENERAL_NAME_set0_value (name, kind, data);

  return name;
}

static gboolean
add_extensions (CdRequestBuilder  *self,
                X509_REQ          *request,
                GError           **error)
{
  STACK_OF(X509_EXTENSION) *extensions = NULL;
  g_autoptr(GENERAL_NAMES) names = sk_GENERAL_NAME_new_null ();
  g_autofree char *cn = dup_cn_as_dns (self);
  gboolean ok = TRUE;

  if (cn != NULL)
    sk_GENERAL_NAME_push (names, general_name_new (CD_SAN_TYPE_DNS, cn));
  for (guint i = 0; i < self->sans->len; i++)
    {
      SanEntry *entry = g_ptr_array_index (self->sans, i);

      sk_GENERAL_NAME_push (names, general_name_new (entry->type, entry->value));
    }

  if (sk_GENERAL_NAME_num (names) > 0)
    ok &= X509V3_add1_i2d (&extensions, NID_subject_alt_name, names, 0, X509V3_ADD_APPEND) == 1;

  if (self->key_usage != CD_KEY_USAGE_NONE)
    {
      g_autoptr(ASN1_BIT_STRING) bits = ASN1_BIT_STRING_new ();

      for (guint i = 0; i < G_N_ELEMENTS (key_usage_bits); i++)
        {
          if (self->key_usage & key_usage_bits[i].usage)
            ASN1_BIT_STRING_set_bit (bits, key_usage_bits[i].bit, 1);
        }
      /* RFC 5280 4.2.1.3: conforming CAs mark it critical. */
      ok &= X509V3_add1_i2d (&extensions, NID_key_usage, bits, 1, X509V3_ADD_APPEND) == 1;
    }

  if (self->extended_key_usage != CD_EXTENDED_KEY_USAGE_NONE)
    {
      g_autoptr(EXTENDED_KEY_USAGE) usages = sk_ASN1_OBJECT_new_null ();

      for (guint i = 0; i < G_N_ELEMENTS (extended_key_usage_nids); i++)
        {
          if (self->extended_key_usage & extended_key_usage_nids[i].usage)
            sk_ASN1_OBJECT_push (usages, OBJ_nid2obj (extended_key_usage_nids[i].nid));
        }
      ok &= X509V3_add1_i2d (&extensions, NID_ext_key_usage, usages, 0, X509V3_ADD_APPEND) == 1;
    }

  if (ok && extensions != NULL)
    ok = X509_REQ_add_extensions (request, extensions) == 1;

  sk_X509_EXTENSION_pop_free (extensions, X509_EXTENSION_free);

  if (!ok)
    set_openssl_error (error, _("The request’s extensions could not be encoded."));

  return ok;
}

/* Everything but the key and the signature, made on the caller's
 * thread so that the worker does not read the builder.
 */
static X509_REQ *
build_unsigned_request (CdRequestBuilder  *self,
                        GError           **error)
{
  g_autoptr(X509_REQ) request = NULL;
  g_autoptr(X509_NAME) subject = NULL;
  g_autoptr(GPtrArray) problems = cd_request_builder_validate (self);

  if (problems->len > 0)
    {
      GError *first = g_ptr_array_index (problems, 0);

      g_set_error_literal (error, first->domain, first->code, first->message);
      return NULL;
    }

  subject = build_subject (self, error);
  if (subject == NULL)
    return NULL;

  request = X509_REQ_new ();
  if (X509_REQ_set_version (request, X509_REQ_VERSION_1) != 1 ||
      X509_REQ_set_subject_name (request, subject) != 1)
    {
      set_openssl_error (error, _("The subject could not be encoded."));
      return NULL;
    }

  if (!add_extensions (self, request, error))
    return NULL;

  return g_steal_pointer (&request);
}

static const EVP_MD *
digest_md (CdDigest digest)
{
  switch (digest)
    {
    case CD_DIGEST_SHA384:
      return EVP_sha384 ();
    case CD_DIGEST_SHA512:
      return EVP_sha512 ();
    case CD_DIGEST_SHA1:
      return EVP_sha1 ();
    case CD_DIGEST_SHA256:
    default:
      return EVP_sha256 ();
    }
}

typedef struct
{
  X509_REQ   *request;
  CdKeyType   key_type;
  gboolean    allow_legacy_key;
  CdDigest    digest;
  char       *existing_key_id;
  char       *label;
  char       *database_path;   /* for the worker's own connection */
  CdKeyring  *keyring;
} BuildState;

typedef struct
{
  char          *pem;
  CdCertificate *row;
} BuildResult;

static void
build_state_free (BuildState *state)
{
  g_clear_pointer (&state->request, X509_REQ_free);
  g_free (state->existing_key_id);
  g_free (state->label);
  g_free (state->database_path);
  g_clear_object (&state->keyring);
  g_free (state);
}

static void
build_result_free (BuildResult *result)
{
  g_free (result->pem);
  g_clear_object (&result->row);
  g_free (result);
}

static BuildState *
build_state_new (CdRequestBuilder  *self,
                 CdDatabase        *database,
                 CdKeyring         *keyring,
                 GError           **error)
{
  BuildState *state;
  X509_REQ *request;
  const char *cn = self->subject[CD_SUBJECT_FIELD_COMMON_NAME];

  request = build_unsigned_request (self, error);
  if (request == NULL)
    return NULL;

  state = g_new0 (BuildState, 1);
  state->request = request;
  state->key_type = self->key_type;
  state->allow_legacy_key = self->allow_legacy_key;
  state->digest = self->digest;
  state->existing_key_id = g_strdup (self->existing_key_id);
  state->label = g_strstrip (g_strdup (cn != NULL ? cn : ""));
  state->database_path = g_strdup (cd_database_get_path (database));
  state->keyring = g_object_ref (keyring);

  return state;
}

static EVP_PKEY *
load_existing_key (CdKeyring     *keyring,
                   const char    *key_id,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(BIO) bio = NULL;
  EVP_PKEY *key;
  char *pem;

  pem = cd_keyring_lookup_key (keyring, key_id, cancellable, &local_error);
  if (pem == NULL)
    {
      if (g_error_matches (local_error, CD_KEYRING_ERROR, CD_KEYRING_ERROR_NOT_FOUND))
        g_set_error_literal (error, CD_REQUEST_ERROR, CD_REQUEST_ERROR_KEY_NOT_FOUND,
                             _("The certificate’s private key is not in your keyring, so the request cannot reuse it. "
                               "Make the request with a new key instead."));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  bio = BIO_new_mem_buf (pem, -1);
  key = PEM_read_bio_PrivateKey (bio, NULL, NULL, NULL);
  cd_keyring_free_secret (pem);

  if (key == NULL)
    set_openssl_error (error, _("The private key in your keyring cannot be read. Make the request with a new key instead."));

  return key;
}

/* The worker's part: key, signature, then keyring and database. */
static BuildResult *
build_and_store (BuildState    *state,
                 CdDatabase    *database,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(EVP_PKEY) key = NULL;
  g_autofree char *key_id = NULL;
  g_autofree char *label = NULL;
  g_autoptr(GBytes) der = NULL;
  g_autoptr(CdCertificate) row = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(BIO) bio = NULL;
  BuildResult *result;
  const EVP_MD *md;
  gboolean created = FALSE;
  gboolean added = FALSE;
  char *data = NULL;
  long len;

  if (state->existing_key_id != NULL)
    key = load_existing_key (state->keyring, state->existing_key_id, cancellable, error);
  else
    key = _cd_key_generate (state->key_type, state->allow_legacy_key, cancellable, error);
  if (key == NULL)
    return NULL;

  /* Ed25519 signs the message itself; it takes no separate digest. */
  md = EVP_PKEY_get_base_id (key) == EVP_PKEY_ED25519 ? NULL : digest_md (state->digest);

  if (X509_REQ_set_pubkey (state->request, key) != 1 ||
      X509_REQ_sign (state->request, key, md) <= 0)
    {
      set_openssl_error (error, _("The request could not be signed with this key and digest. Choose another digest."));
      return NULL;
    }

  key_id = _cd_x509_key_id (key);
  row = _cd_certificate_new_from_request (state->request);
  der = _cd_x509_request_to_der (state->request);
  if (key_id == NULL || row == NULL || der == NULL)
    {
      set_openssl_error (error, _("The request could not be encoded."));
      return NULL;
    }

  if (state->label[0] != '\0')
    label = g_strdup (state->label);
  else
    /* translators: %s is the start of the key's fingerprint */
    label = g_strdup_printf (_("key %.16s"), key_id);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (state->existing_key_id == NULL &&
      !_cd_key_write_to_keyring (state->keyring, key, key_id, label, &created, cancellable, error))
    return NULL;

  if (!_cd_database_begin (database, error))
    goto failed;

  if (!_cd_database_add_key (database, key_id, _cd_x509_key_algorithm (key), label, &added, error) ||
      !_cd_database_add_to_store (database, row, der, CD_STORE_KIND_REQUEST, &added, error) ||
      !_cd_database_commit (database, error))
    {
      _cd_database_rollback (database);
      goto failed;
    }

  bio = BIO_new (BIO_s_mem ());
  PEM_write_bio_X509_REQ (bio, state->request);
  len = BIO_get_mem_data (bio, &data);

  /* Read back, so that the row has its store and key as listed. */
  found = cd_database_find (database, row->sha256, CD_STORE_KIND_REQUEST, NULL);

  result = g_new0 (BuildResult, 1);
  result->pem = g_strndup (data, len);
  if (found != NULL && found->len > 0)
    result->row = g_object_ref (g_ptr_array_index (found, 0));
  else
    result->row = g_steal_pointer (&row);

  return result;

failed:
  if (created)
    _cd_key_forget (state->keyring, key_id);
  return NULL;
}

static char *
take_build_result (BuildResult    *result,
                   CdCertificate **out_row)
{
  char *pem = g_steal_pointer (&result->pem);

  if (out_row != NULL)
    *out_row = g_steal_pointer (&result->row);
  build_result_free (result);

  return pem;
}

/**
 * cd_request_builder_build:
 * @self: a #CdRequestBuilder
 * @database: where the request and the key's record go
 * @keyring: where the new key goes, or the existing key is read from
 * @out_row: (out) (optional) (transfer full): the request's row in the
 *   request store
 * @cancellable: (nullable): a #GCancellable
 * @error: a location for a #GError
 *
 * Makes the key (or reads the existing one), signs the request and
 * stores both; blocks, see cd_request_builder_build_async().
 *
 * Returns: (transfer full) (nullable): the request as PEM
 */
char *
cd_request_builder_build (CdRequestBuilder  *self,
                          CdDatabase        *database,
                          CdKeyring         *keyring,
                          CdCertificate    **out_row,
                          GCancellable      *cancellable,
                          GError           **error)
{
  BuildState *state;
  BuildResult *result;

  g_return_val_if_fail (CD_IS_REQUEST_BUILDER (self), NULL);
  g_return_val_if_fail (CD_IS_DATABASE (database), NULL);
  g_return_val_if_fail (CD_IS_KEYRING (keyring), NULL);

  state = build_state_new (self, database, keyring, error);
  if (state == NULL)
    return NULL;

  result = build_and_store (state, database, cancellable, error);
  build_state_free (state);
  if (result == NULL)
    return NULL;

  return take_build_result (result, out_row);
}

static void
build_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  BuildState *state = task_data;
  g_autoptr(CdDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  BuildResult *result;

  /* SQLite connections are not shared between threads. */
  database = cd_database_open (state->database_path, &error);
  if (database == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  result = build_and_store (state, database, cancellable, &error);
  if (result == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, result, (GDestroyNotify)build_result_free);
}

/**
 * cd_request_builder_build_async:
 * @self: a #CdRequestBuilder
 * @database: where the request and the key's record go
 * @keyring: where the new key goes
 * @cancellable: (nullable): cancelling during key generation stores nothing
 * @callback: called when the request is stored
 * @user_data: data for @callback
 *
 * Like cd_request_builder_build(), the key and signature made in a
 * worker thread. Changing @self afterwards does not affect this request.
 */
void
cd_request_builder_build_async (CdRequestBuilder    *self,
                                CdDatabase          *database,
                                CdKeyring           *keyring,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  BuildState *state;

  g_return_if_fail (CD_IS_REQUEST_BUILDER (self));
  g_return_if_fail (CD_IS_DATABASE (database));
  g_return_if_fail (CD_IS_KEYRING (keyring));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_request_builder_build_async);
  g_task_set_name (task, "[certdesk] build request");
  /* Once stored, the request is reported even if cancelled just after. */
  g_task_set_check_cancellable (task, FALSE);

  state = build_state_new (self, database, keyring, &error);
  if (state == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_set_task_data (task, state, (GDestroyNotify)build_state_free);
  g_task_run_in_thread (task, build_worker);
}

/**
 * cd_request_builder_build_finish:
 * @self: a #CdRequestBuilder
 * @result: the #GAsyncResult
 * @out_row: (out) (optional) (transfer full): the request's row
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the request as PEM
 */
char *
cd_request_builder_build_finish (CdRequestBuilder  *self,
                                 GAsyncResult      *result,
                                 CdCertificate    **out_row,
                                 GError           **error)
{
  BuildResult *build_result;

  g_return_val_if_fail (CD_IS_REQUEST_BUILDER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  build_result = g_task_propagate_pointer (G_TASK (result), error);
  if (build_result == NULL)
    return NULL;

  return take_build_result (build_result, out_row);
}
