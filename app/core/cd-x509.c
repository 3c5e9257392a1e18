/* cd-x509.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Turns parsed OpenSSL objects into what the database keeps: the list
 * columns of a certificate or request, its DER, and the key id that
 * pairs certificates, requests and private keys. This is the only
 * place that reads fields out of an X509; it runs once per certificate,
 * at import.
 */

#define G_LOG_DOMAIN "cd-x509"

#include "config.h"

#include <string.h>
#include <time.h>

#include <gio/gio.h>
#include <openssl/crypto.h>
#include <openssl/pem.h>

#include "cd-certificate-private.h"
#include "cd-openssl-private.h"
#include "cd-x509-private.h"

static char *
hex_digest (const guchar *data,
            gsize         len)
{
  static const char digits[] = "0123456789abcdef";
  guchar md[EVP_MAX_MD_SIZE];
  unsigned int md_len = 0;
  char *hex;

  if (!EVP_Digest (data, len, md, &md_len, EVP_sha256 (), NULL))
    return NULL;

  hex = g_malloc (md_len * 2 + 1);
  for (guint i = 0; i < md_len; i++)
    {
      hex[i * 2] = digits[md[i] >> 4];
      hex[i * 2 + 1] = digits[md[i] & 0xf];
    }
  hex[md_len * 2] = '\0';

  return hex;
}

static char *
name_to_string (const X509_NAME *name)
{
  g_autoptr(BIO) bio = BIO_new (BIO_s_mem ());
  char *data = NULL;
  long len;

  /* RFC 2253 order and escaping, but UTF-8 kept as UTF-8. */
  if (X509_NAME_print_ex (bio, name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB) < 0)
    return g_strdup ("");

  len = BIO_get_mem_data (bio, &data);
  return g_utf8_make_valid (data, len);
}

static char *
name_entry_utf8 (const X509_NAME *name,
                 int              nid)
{
  const X509_NAME_ENTRY *entry;
  unsigned char *utf8 = NULL;
  char *result;
  int len;
  int index = -1;
  int last = -1;

  /* The most specific (last) entry of that type, as certmgr shows it. */
  while ((index = X509_NAME_get_index_by_NID (name, nid, index)) >= 0)
    last = index;
  if (last < 0)
    return NULL;

  entry = X509_NAME_get_entry (name, last);
  len = ASN1_STRING_to_UTF8 (&utf8, X509_NAME_ENTRY_get_data (entry));
  if (len < 0)
    return NULL;

  result = g_utf8_make_valid ((const char *)utf8, len);
  OPENSSL_free (utf8);

  return result;
}

/* What "Issued To" / "Issued By" show: the CN, else the most telling
 * other attribute, else the whole name.
 */
static char *
name_to_display (const X509_NAME *name)
{
  static const int fallbacks[] = {
    NID_commonName, NID_organizationalUnitName, NID_organizationName,
    NID_pkcs9_emailAddress, NID_localityName,
  };

  for (guint i = 0; i < G_N_ELEMENTS (fallbacks); i++)
    {
      char *value = name_entry_utf8 (name, fallbacks[i]);

      if (value != NULL && value[0] != '\0')
        return value;
      g_free (value);
    }

  return name_to_string (name);
}

static gint64
asn1_time_to_unix (const ASN1_TIME *time)
{
  struct tm tm;

  memset (&tm, 0, sizeof tm);
  if (time == NULL || !ASN1_TIME_to_tm (time, &tm))
    return 0;

  return (gint64)timegm (&tm);
}

static char *
general_name_to_string (const GENERAL_NAME *name)
{
  const unsigned char *data;
  int len;

  switch (name->type)
    {
    case GEN_DNS:
      data = ASN1_STRING_get0_data (name->d.dNSName);
      len = ASN1_STRING_length (name->d.dNSName);
      return g_strdup_printf ("DNS:%.*s", len, data);

    case GEN_EMAIL:
      data = ASN1_STRING_get0_data (name->d.rfc822Name);
      len = ASN1_STRING_length (name->d.rfc822Name);
      return g_strdup_printf ("email:%.*s", len, data);

    case GEN_URI:
      data = ASN1_STRING_get0_data (name->d.uniformResourceIdentifier);
      len = ASN1_STRING_length (name->d.uniformResourceIdentifier);
      return g_strdup_printf ("URI:%.*s", len, data);

    case GEN_IPADD:
      {
        g_autoptr(GInetAddress) address = NULL;
        g_autofree char *text = NULL;

        data = ASN1_STRING_get0_data (name->d.iPAddress);
        len = ASN1_STRING_length (name->d.iPAddress);
        if (len == 4)
          address = g_inet_address_new_from_bytes (data, G_SOCKET_FAMILY_IPV4);
        else if (len == 16)
          address = g_inet_address_new_from_bytes (data, G_SOCKET_FAMILY_IPV6);
        else
          return NULL;

        text = g_inet_address_to_string (address);
        return g_strdup_printf ("IP:%s", text);
      }

    case GEN_DIRNAME:
      {
        g_autofree char *text = name_to_string (name->d.directoryName);

        return g_strdup_printf ("DirName:%s", text);
      }

    case GEN_OTHERNAME:
    case GEN_X400:
    case GEN_EDIPARTY:
    case GEN_RID:
    default:
      /* Shown in the details dialog; not needed in the list or search. */
      return NULL;
    }
}

static char **
general_names_to_strv (const GENERAL_NAMES *names)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (int i = 0; names != NULL && i < sk_GENERAL_NAME_num (names); i++)
    {
      g_autofree char *text = general_name_to_string (sk_GENERAL_NAME_value (names, i));
      g_autofree char *valid = NULL;

      if (text == NULL)
        continue;
      valid = g_utf8_make_valid (text, -1);
      g_strv_builder_add (builder, valid);
    }

  return g_strv_builder_end (builder);
}

static char *
purposes_from_cert (X509 *cert)
{
  g_autoptr(EXTENDED_KEY_USAGE) eku = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  eku = X509_get_ext_d2i (cert, NID_ext_key_usage, NULL, NULL);
  if (eku == NULL)
    return g_strdup ("");

  for (int i = 0; i < sk_ASN1_OBJECT_num (eku); i++)
    {
      const ASN1_OBJECT *obj = sk_ASN1_OBJECT_value (eku, i);
      int nid = OBJ_obj2nid (obj);
      char oid[128];

      if (out->len > 0)
        g_string_append_c (out, ',');

      if (nid != NID_undef)
        g_string_append (out, OBJ_nid2sn (nid));
      else if (OBJ_obj2txt (oid, sizeof oid, obj, 1) > 0)
        g_string_append (out, oid);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
serial_to_hex (const ASN1_INTEGER *serial)
{
  BIGNUM *bn = ASN1_INTEGER_to_BN (serial, NULL);
  char *hex;
  char *result;

  if (bn == NULL)
    return g_strdup ("");

  hex = BN_bn2hex (bn);
  result = g_strdup (hex);
  OPENSSL_free (hex);
  BN_free (bn);

  return result;
}

static char *
spki_key_id (X509_PUBKEY *spki)
{
  unsigned char *der = NULL;
  char *hex;
  int len;

  len = i2d_X509_PUBKEY (spki, &der);
  if (len <= 0)
    return NULL;

  hex = hex_digest (der, len);
  OPENSSL_free (der);

  return hex;
}

/**
 * _cd_certificate_new_from_x509:
 * @cert: a parsed certificate
 * @friendly_name: (nullable): the name the file gave it, if any
 *
 * Returns: (transfer full) (nullable): a row with every list column
 *   filled, or %NULL if @cert cannot be encoded
 */
CdCertificate *
_cd_certificate_new_from_x509 (X509       *cert,
                               const char *friendly_name)
{
  g_autoptr(CdCertificate) self = NULL;
  g_autoptr(GENERAL_NAMES) san = NULL;
  unsigned char *der = NULL;
  int der_len;

  g_return_val_if_fail (cert != NULL, NULL);

  der_len = i2d_X509 (cert, &der);
  if (der_len <= 0)
    return NULL;

  self = _cd_certificate_new ();
  self->sha256 = hex_digest (der, der_len);
  OPENSSL_free (der);

  self->key_id = spki_key_id (X509_get_X509_PUBKEY (cert));
  self->subject = name_to_string (X509_get_subject_name (cert));
  self->subject_cn = name_to_display (X509_get_subject_name (cert));
  self->issuer = name_to_string (X509_get_issuer_name (cert));
  self->issuer_cn = name_to_display (X509_get_issuer_name (cert));
  self->serial = serial_to_hex (X509_get0_serialNumber (cert));
  self->not_before = asn1_time_to_unix (X509_get0_notBefore (cert));
  self->not_after = asn1_time_to_unix (X509_get0_notAfter (cert));
  self->purposes = purposes_from_cert (cert);

  san = X509_get_ext_d2i (cert, NID_subject_alt_name, NULL, NULL);
  self->san = general_names_to_strv (san);

  /* X509_check_ca() also counts v1 self-signed roots, which have no
   * extensions at all but are authorities all the same.
   */
  self->is_ca = X509_check_ca (cert) != 0;
  self->is_self_signed = X509_self_signed (cert, 0) == 1;

  if (friendly_name == NULL)
    friendly_name = (const char *)X509_alias_get0 (cert, NULL);
  if (friendly_name != NULL && friendly_name[0] != '\0')
    self->friendly_name = g_utf8_make_valid (friendly_name, -1);

  self->search_text = _cd_certificate_build_search_text (self);

  return g_steal_pointer (&self);
}

/**
 * _cd_certificate_new_from_request:
 * @request: a parsed PKCS#10 request
 *
 * Returns: (transfer full) (nullable): a row for the request store
 */
CdCertificate *
_cd_certificate_new_from_request (X509_REQ *request)
{
  g_autoptr(CdCertificate) self = NULL;
  STACK_OF(X509_EXTENSION) *extensions;
  unsigned char *der = NULL;
  int der_len;

  g_return_val_if_fail (request != NULL, NULL);

  der_len = i2d_X509_REQ (request, &der);
  if (der_len <= 0)
    return NULL;

  self = _cd_certificate_new ();
  self->is_request = TRUE;
  self->sha256 = hex_digest (der, der_len);
  OPENSSL_free (der);

  self->key_id = _cd_x509_key_id (X509_REQ_get0_pubkey (request));
  self->subject = name_to_string (X509_REQ_get_subject_name (request));
  self->subject_cn = name_to_display (X509_REQ_get_subject_name (request));
  self->purposes = g_strdup ("");

  extensions = X509_REQ_get_extensions (request);
  if (extensions != NULL)
    {
      g_autoptr(GENERAL_NAMES) san = X509V3_get_d2i (extensions, NID_subject_alt_name, NULL, NULL);

      self->san = general_names_to_strv (san);
      sk_X509_EXTENSION_pop_free (extensions, X509_EXTENSION_free);
    }

  self->search_text = _cd_certificate_build_search_text (self);

  return g_steal_pointer (&self);
}

GBytes *
_cd_x509_to_der (X509 *cert)
{
  unsigned char *der = NULL;
  GBytes *bytes;
  int len;

  len = i2d_X509 (cert, &der);
  if (len <= 0)
    return NULL;

  bytes = g_bytes_new (der, len);
  OPENSSL_free (der);

  return bytes;
}

GBytes *
_cd_x509_request_to_der (X509_REQ *request)
{
  unsigned char *der = NULL;
  GBytes *bytes;
  int len;

  len = i2d_X509_REQ (request, &der);
  if (len <= 0)
    return NULL;

  bytes = g_bytes_new (der, len);
  OPENSSL_free (der);

  return bytes;
}

/**
 * _cd_x509_key_id:
 * @key: a public or private key
 *
 * Returns: (transfer full) (nullable): the hex SHA-256 of the key's DER
 *   SubjectPublicKeyInfo, the same for a key, its certificates and its
 *   requests
 */
char *
_cd_x509_key_id (EVP_PKEY *key)
{
  unsigned char *der = NULL;
  char *hex;
  int len;

  if (key == NULL)
    return NULL;

  len = i2d_PUBKEY (key, &der);
  if (len <= 0)
    return NULL;

  hex = hex_digest (der, len);
  OPENSSL_free (der);

  return hex;
}

const char *
_cd_x509_key_algorithm (EVP_PKEY *key)
{
  switch (EVP_PKEY_get_base_id (key))
    {
    case EVP_PKEY_RSA:
    case EVP_PKEY_RSA_PSS:
      return "RSA";
    case EVP_PKEY_EC:
      return "EC";
    case EVP_PKEY_ED25519:
      return "Ed25519";
    case EVP_PKEY_ED448:
      return "Ed448";
    case EVP_PKEY_DSA:
      return "DSA";
    default:
      return "unknown";
    }
}

/**
 * _cd_x509_key_to_pkcs8_pem:
 * @key: a private key
 *
 * The text is built in OpenSSL's secure heap where one is set up, and
 * must be released with _cd_x509_free_secret(), which wipes it.
 *
 * Returns: (transfer full) (nullable): the key as unencrypted PKCS#8 PEM
 */
char *
_cd_x509_key_to_pkcs8_pem (EVP_PKEY *key)
{
  g_autoptr(BIO) bio = BIO_new (BIO_s_secmem ());
  char *data = NULL;
  char *pem;
  long len;

  if (!PEM_write_bio_PKCS8PrivateKey (bio, key, NULL, NULL, 0, NULL, NULL))
    return NULL;

  len = BIO_get_mem_data (bio, &data);
  pem = OPENSSL_secure_malloc (len + 1);
  memcpy (pem, data, len);
  pem[len] = '\0';

  return pem;
}

void
_cd_x509_free_secret (char *secret)
{
  if (secret != NULL)
    OPENSSL_secure_clear_free (secret, strlen (secret));
}
