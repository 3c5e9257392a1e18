/* cd-export-encode.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The bytes of each export format, written to an OpenSSL BIO: DER and
 * PEM certificates, PKCS#7 certificate bundles, PEM private keys and
 * PKCS#12 files in their modern and compatible flavours. What goes in
 * and in which order is decided by CdExporter; this only encodes.
 */

#define G_LOG_DOMAIN "cd-export-encode"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <openssl/err.h>
#include <openssl/pem.h>

#include "cd-errors.h"
#include "cd-export-private.h"
#include "cd-openssl-private.h"

/* PBKDF2 and PKCS#12 key derivation rounds, and MAC rounds. OpenSSL's
 * own default is 2048; more costs a few milliseconds here and makes a
 * guessed password dearer, and every reader we test with accepts it.
 */
#define MODERN_ITERATIONS 10000
/* What Windows Server 2016 and old phones were tested with. */
#define COMPATIBLE_ITERATIONS 2048

static gboolean
set_openssl_error (GError     **error,
                   const char  *what)
{
  unsigned long code = ERR_peek_last_error ();
  char reason[256];

  if (code != 0)
    ERR_error_string_n (code, reason, sizeof reason);
  else
    g_strlcpy (reason, _("unknown error"), sizeof reason);
  ERR_clear_error ();

  /* translators: the first %s says what could not be made, the second is OpenSSL's reason */
  g_set_error (error, CD_EXPORT_ERROR, CD_EXPORT_ERROR_FAILED, _("%s: %s."), what, reason);

  return FALSE;
}

/* A certificates-only SignedData, as `openssl crl2pkcs7` and Windows
 * write it: version 1, no signers, and the data content type with no
 * content at all.
 */
static PKCS7 *
new_certificate_bundle (STACK_OF(X509) *certs)
{
  g_autoptr(PKCS7) p7 = PKCS7_new ();

  if (p7 == NULL || !PKCS7_set_type (p7, NID_pkcs7_signed))
    return NULL;

  p7->d.sign->contents->type = OBJ_nid2obj (NID_pkcs7_data);

  for (int i = 0; i < sk_X509_num (certs); i++)
    if (!PKCS7_add_certificate (p7, sk_X509_value (certs, i)))
      return NULL;

  return g_steal_pointer (&p7);
}

/**
 * _cd_export_write_certificates:
 * @out: where to write
 * @format: %CD_EXPORT_FORMAT_DER (the first certificate only), PEM,
 *   PEM_CHAIN, P7B_DER or P7B_PEM
 * @certs: the certificates, in the order they are written
 * @error: a location for a #GError
 *
 * Returns: %TRUE if all of @certs were written
 */
gboolean
_cd_export_write_certificates (BIO             *out,
                               CdExportFormat   format,
                               STACK_OF(X509)  *certs,
                               GError         **error)
{
  g_autoptr(PKCS7) p7 = NULL;

  g_return_val_if_fail (sk_X509_num (certs) > 0, FALSE);

  switch (format)
    {
    case CD_EXPORT_FORMAT_DER:
      if (!i2d_X509_bio (out, sk_X509_value (certs, 0)))
        return set_openssl_error (error, _("The certificate could not be encoded as DER"));
      return TRUE;

    case CD_EXPORT_FORMAT_PEM:
    case CD_EXPORT_FORMAT_PEM_CHAIN:
    case CD_EXPORT_FORMAT_PEM_KEY_CERT:
      for (int i = 0; i < sk_X509_num (certs); i++)
        if (!PEM_write_bio_X509 (out, sk_X509_value (certs, i)))
          return set_openssl_error (error, _("The certificate could not be encoded as PEM"));
      return TRUE;

    case CD_EXPORT_FORMAT_P7B_DER:
    case CD_EXPORT_FORMAT_P7B_PEM:
      p7 = new_certificate_bundle (certs);
      if (p7 == NULL)
        return set_openssl_error (error, _("The PKCS #7 bundle could not be made"));
      if (format == CD_EXPORT_FORMAT_P7B_DER ? !i2d_PKCS7_bio (out, p7)
                                             : !PEM_write_bio_PKCS7 (out, p7))
        return set_openssl_error (error, _("The PKCS #7 bundle could not be encoded"));
      return TRUE;

    case CD_EXPORT_FORMAT_PKCS12:
    case CD_EXPORT_FORMAT_PKCS12_LEGACY:
    case CD_EXPORT_FORMAT_KEY:
    default:
      g_return_val_if_reached (FALSE);
    }
}

/* Only RSA, EC and DSA keys have a form of their own outside PKCS#8. */
static gboolean
has_traditional_form (EVP_PKEY *key)
{
  switch (EVP_PKEY_get_base_id (key))
    {
    case EVP_PKEY_RSA:
    case EVP_PKEY_EC:
    case EVP_PKEY_DSA:
      return TRUE;
    default:
      return FALSE;
    }
}

/**
 * _cd_export_write_key:
 * @out: where to write, a secure-memory BIO when the key goes out clear
 * @key: the private key
 * @options: the key format and the passphrase, if any
 * @error: a location for a #GError
 *
 * Writes @key as PEM, encrypted with AES-256-CBC when @options has a
 * password: PKCS#8 with PBES2 and PBKDF2-HMAC-SHA-256, or the
 * traditional form with "Proc-Type: 4,ENCRYPTED", which is all that
 * some devices read. The caller checks that a clear key was allowed.
 *
 * Returns: %TRUE if the key was written
 */
gboolean
_cd_export_write_key (BIO              *out,
                      EVP_PKEY         *key,
                      CdExportOptions  *options,
                      GError          **error)
{
  const char *password = _cd_export_options_get_password (options);
  const EVP_CIPHER *cipher = password != NULL ? EVP_aes_256_cbc () : NULL;
  int password_len = password != NULL ? strlen (password) : 0;
  int ok;

  if (cd_export_options_get_key_format (options) == CD_EXPORT_KEY_FORMAT_PKCS1)
    {
      if (!has_traditional_form (key))
        {
          g_set_error (error, CD_EXPORT_ERROR, CD_EXPORT_ERROR_KEY_FORMAT,
                       /* translators: %s is a key algorithm such as ED25519 */
                       _("A %s key cannot be written in the traditional (PKCS #1) form. Choose PKCS #8 instead."),
                       EVP_PKEY_get0_type_name (key));
          return FALSE;
        }

      ok = PEM_write_bio_PrivateKey_traditional (out, key, cipher,
                                                 (unsigned char *)password, password_len,
                                                 NULL, NULL);
    }
  else
    {
      ok = PEM_write_bio_PKCS8PrivateKey (out, key, cipher,
                                          (char *)password, password_len,
                                          NULL, NULL);
    }

  if (!ok)
    return set_openssl_error (error, _("The private key could not be encoded"));

  return TRUE;
}

/* The attributes that pair a certificate with its key in a PKCS#12
 * file: the same friendly name (Java's alias, Windows' name) and local
 * key id on both bags. The id is the certificate's SHA-1 digest, as
 * OpenSSL and Windows write it; it only needs to be the same on both.
 */
static gboolean
add_bag_attributes (PKCS12_SAFEBAG *bag,
                    const char     *friendly_name,
                    unsigned char  *local_key_id,
                    int             local_key_id_len)
{
  if (friendly_name != NULL && !PKCS12_add_friendlyname_utf8 (bag, friendly_name, -1))
    return FALSE;

  return PKCS12_add_localkeyid (bag, local_key_id, local_key_id_len);
}

static void
free_bags (STACK_OF(PKCS12_SAFEBAG) *bags)
{
  sk_PKCS12_SAFEBAG_pop_free (bags, PKCS12_SAFEBAG_free);
}

static void
free_safes (STACK_OF(PKCS7) *safes)
{
  sk_PKCS7_pop_free (safes, PKCS7_free);
}

typedef STACK_OF(PKCS12_SAFEBAG) SafeBags;
typedef STACK_OF(PKCS7) Safes;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SafeBags, free_bags)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Safes, free_safes)

/**
 * _cd_export_write_pkcs12:
 * @out: where to write
 * @cert: the certificate
 * @key: its private key
 * @chain: (nullable): the issuers to add after @cert
 * @friendly_name: (nullable): the name on the certificate and key
 * @options: the format (modern or compatible) and the password
 * @error: a location for a #GError
 *
 * Modern: key and certificates each encrypted with AES-256-CBC under
 * PBES2/PBKDF2 (HMAC-SHA-256), and an HMAC-SHA-256 MAC. Compatible,
 * for Windows Server 2016 and earlier and older phones: 3DES
 * (pbeWithSHAAnd3-KeyTripleDES-CBC) for both and a SHA-1 MAC; 3DES is
 * in OpenSSL's default provider, so this does not need the legacy one.
 *
 * The file is built bag by bag rather than with PKCS12_create() because
 * that writes the friendly name as if it were ASCII, and the SHA-1 MAC
 * it always picks is what the modern flavour must not have.
 *
 * Returns: %TRUE if the file was written
 */
gboolean
_cd_export_write_pkcs12 (BIO              *out,
                         X509             *cert,
                         EVP_PKEY         *key,
                         STACK_OF(X509)   *chain,
                         const char       *friendly_name,
                         CdExportOptions  *options,
                         GError          **error)
{
  g_autoptr(SafeBags) cert_bags = NULL;
  g_autoptr(SafeBags) key_bags = NULL;
  g_autoptr(Safes) safes = NULL;
  g_autoptr(PKCS12) p12 = NULL;
  const char *password = _cd_export_options_get_password (options);
  gboolean modern = cd_export_options_get_format (options) == CD_EXPORT_FORMAT_PKCS12;
  int pbe = modern ? NID_aes_256_cbc : NID_pbe_WithSHA1And3_Key_TripleDES_CBC;
  int iterations = modern ? MODERN_ITERATIONS : COMPATIBLE_ITERATIONS;
  const EVP_MD *mac_md = modern ? EVP_sha256 () : EVP_sha1 ();
  unsigned char local_key_id[EVP_MAX_MD_SIZE];
  unsigned int local_key_id_len = 0;
  PKCS12_SAFEBAG *bag;

  g_return_val_if_fail (password != NULL, FALSE);

  if (!X509_digest (cert, EVP_sha1 (), local_key_id, &local_key_id_len))
    return set_openssl_error (error, _("The PKCS #12 file could not be made"));

  bag = PKCS12_add_cert (&cert_bags, cert);
  if (bag == NULL || !add_bag_attributes (bag, friendly_name, local_key_id, local_key_id_len))
    return set_openssl_error (error, _("The certificate could not be added to the PKCS #12 file"));

  for (int i = 0; chain != NULL && i < sk_X509_num (chain); i++)
    if (PKCS12_add_cert (&cert_bags, sk_X509_value (chain, i)) == NULL)
      return set_openssl_error (error, _("The certificate chain could not be added to the PKCS #12 file"));

  bag = PKCS12_add_key_ex (&key_bags, key, 0, iterations, pbe, password, NULL, NULL);
  if (bag == NULL || !add_bag_attributes (bag, friendly_name, local_key_id, local_key_id_len))
    return set_openssl_error (error, _("The private key could not be added to the PKCS #12 file"));

  /* Certificates in an encrypted safe, the (already shrouded) key in a
   * plain one: the layout every reader expects.
   */
  if (!PKCS12_add_safe_ex (&safes, cert_bags, pbe, iterations, password, NULL, NULL) ||
      !PKCS12_add_safe_ex (&safes, key_bags, -1, 0, NULL, NULL, NULL))
    return set_openssl_error (error, _("The PKCS #12 file could not be encrypted"));

  p12 = PKCS12_add_safes_ex (safes, 0, NULL, NULL);
  if (p12 == NULL ||
      !PKCS12_set_mac (p12, password, -1, NULL, 0, iterations, mac_md))
    return set_openssl_error (error, _("The PKCS #12 file could not be made"));

  if (!i2d_PKCS12_bio (out, p12))
    return set_openssl_error (error, _("The PKCS #12 file could not be encoded"));

  return TRUE;
}
