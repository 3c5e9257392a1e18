/* cd-import-pkcs12.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The containers inside an import: the certificates of a PKCS#7
 * bundle, and everything in a PKCS#12 file, its safebags walked one by
 * one so that every friendly name is kept. Tells a wrong password from
 * a missing algorithm or damage, with or without a MAC.
 */

#define G_LOG_DOMAIN "cd-import-bundle"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <openssl/err.h>

#include "cd-errors.h"
#include "cd-import-formats-private.h"
#include "cd-openssl-private.h"

/* Nested safe contents in a PKCS#12 file; real files use one level. */
#define MAX_SAFEBAG_DEPTH 4

gboolean
_cd_import_add_pkcs7_certs (CdImportBundle  *bundle,
                            PKCS7           *p7,
                            GError         **error)
{
  STACK_OF(X509) *certs = NULL;

  switch (OBJ_obj2nid (p7->type))
    {
    case NID_pkcs7_signed:
      if (p7->d.sign != NULL)
        certs = p7->d.sign->cert;
      break;

    case NID_pkcs7_signedAndEnveloped:
      if (p7->d.signed_and_enveloped != NULL)
        certs = p7->d.signed_and_enveloped->cert;
      break;

    default:
      g_set_error (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_UNSUPPORTED,
                   _("“%s” is a PKCS#7 message that carries no list of certificates (it is "
                     "encrypted or plain data). Export the certificates as a “.p7b” file."),
                   bundle->display_name);
      return FALSE;
    }

  for (int i = 0; i < sk_X509_num (certs); i++)
    {
      X509 *cert = sk_X509_value (certs, i);

      X509_up_ref (cert);
      _cd_import_bundle_take_cert (bundle, cert, NULL);
    }

  return TRUE;
}

static gboolean
add_safebags (CdImportBundle                 *bundle,
              const STACK_OF(PKCS12_SAFEBAG) *bags,
              const char                     *pass,
              int                             pass_len,
              guint                           depth,
              gboolean                       *out_decrypt_failed,
              GError                        **error)
{
  if (depth > MAX_SAFEBAG_DEPTH)
    {
      _cd_import_set_corrupt_error (error, bundle->display_name);
      return FALSE;
    }

  for (int i = 0; i < sk_PKCS12_SAFEBAG_num (bags); i++)
    {
      PKCS12_SAFEBAG *bag = sk_PKCS12_SAFEBAG_value (bags, i);

      switch (PKCS12_SAFEBAG_get_nid (bag))
        {
        case NID_certBag:
          {
            char *name;
            X509 *cert;

            /* The other kind, SDSI certificates, never caught on. */
            if (PKCS12_SAFEBAG_get_bag_nid (bag) != NID_x509Certificate)
              break;

            cert = PKCS12_SAFEBAG_get1_cert (bag);
            if (cert == NULL)
              {
                _cd_import_set_openssl_error (error, bundle->display_name);
                return FALSE;
              }

            /* The friendly name is what Windows shows for the
             * certificate, so keep it; OpenSSL gives it as UTF-8.
             */
            name = PKCS12_get_friendlyname (bag);
            _cd_import_bundle_take_cert (bundle, cert, name != NULL ? g_utf8_make_valid (name, -1) : NULL);
            OPENSSL_free (name);
          }
          break;

        case NID_keyBag:
          {
            EVP_PKEY *key = EVP_PKCS82PKEY (PKCS12_SAFEBAG_get0_p8inf (bag));

            if (key == NULL)
              {
                _cd_import_set_openssl_error (error, bundle->display_name);
                return FALSE;
              }
            g_ptr_array_add (bundle->keys, key);
          }
          break;

        case NID_pkcs8ShroudedKeyBag:
          {
            g_autoptr(PKCS8_PRIV_KEY_INFO) p8 = PKCS12_decrypt_skey (bag, pass, pass_len);
            EVP_PKEY *key;

            /* With a MAC, the password is proven and this is a
             * missing algorithm or damage; without one, the caller
             * tries the next password.
             */
            if (p8 == NULL)
              {
                *out_decrypt_failed = TRUE;
                _cd_import_set_openssl_error (error, bundle->display_name);
                return FALSE;
              }

            key = EVP_PKCS82PKEY (p8);
            if (key == NULL)
              {
                _cd_import_set_openssl_error (error, bundle->display_name);
                return FALSE;
              }
            g_ptr_array_add (bundle->keys, key);
          }
          break;

        case NID_safeContentsBag:
          if (!add_safebags (bundle, PKCS12_SAFEBAG_get0_safes (bag), pass, pass_len,
                             depth + 1, out_decrypt_failed, error))
            return FALSE;
          break;

        default:
          /* CRLs and secrets: nothing Certdesk keeps. */
          break;
        }
    }

  return TRUE;
}

/* Walks the safebags ourselves instead of calling PKCS12_parse(), which
 * returns only one friendly name and drops the rest.
 */
static gboolean
unpack_pkcs12 (CdImportBundle  *bundle,
               PKCS12          *p12,
               const char      *pass,
               gboolean        *out_decrypt_failed,
               GError         **error)
{
  STACK_OF(PKCS7) *safes;
  int pass_len = pass != NULL ? (int)strlen (pass) : 0;
  gboolean ret = TRUE;

  *out_decrypt_failed = FALSE;

  safes = PKCS12_unpack_authsafes (p12);
  if (safes == NULL)
    {
      _cd_import_set_openssl_error (error, bundle->display_name);
      return FALSE;
    }

  for (int i = 0; ret && i < sk_PKCS7_num (safes); i++)
    {
      PKCS7 *p7 = sk_PKCS7_value (safes, i);
      STACK_OF(PKCS12_SAFEBAG) *bags = NULL;

      switch (OBJ_obj2nid (p7->type))
        {
        case NID_pkcs7_data:
          bags = PKCS12_unpack_p7data (p7);
          if (bags == NULL)
            {
              _cd_import_set_openssl_error (error, bundle->display_name);
              ret = FALSE;
            }
          break;

        case NID_pkcs7_encrypted:
          bags = PKCS12_unpack_p7encdata (p7, pass, pass_len);
          if (bags == NULL)
            {
              *out_decrypt_failed = TRUE;
              _cd_import_set_openssl_error (error, bundle->display_name);
              ret = FALSE;
            }
          break;

        default:
          /* Public-key encrypted contents: a smart-card workflow that
           * has no password to ask for.
           */
          g_set_error (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_UNSUPPORTED,
                       _("“%s” is encrypted for a recipient’s public key instead of with a "
                         "password. Export it again with password protection."),
                       bundle->display_name);
          ret = FALSE;
          break;
        }

      if (bags != NULL)
        {
          ret = add_safebags (bundle, bags, pass, pass_len, 0, out_decrypt_failed, error);
          sk_PKCS12_SAFEBAG_pop_free (bags, PKCS12_SAFEBAG_free);
        }
    }

  sk_PKCS7_pop_free (safes, PKCS7_free);

  return ret;
}

gboolean
_cd_import_parse_pkcs12 (CdImportBundle  *bundle,
                         PKCS12          *p12,
                         const char      *password,
                         GError         **error)
{
  const char *candidates[2];
  guint n_candidates = 0;

  /* An empty password is written as "" by some tools and as no
   * password at all by others (the two give different keys), so an
   * empty or missing password tries both.
   */
  if (password != NULL && password[0] != '\0')
    {
      candidates[n_candidates++] = password;
    }
  else
    {
      candidates[n_candidates++] = "";
      candidates[n_candidates++] = NULL;
    }

  ERR_clear_error ();

  if (PKCS12_mac_present (p12))
    {
      gboolean decrypt_failed;

      /* The MAC tells a wrong password apart from every other failure,
       * so it is checked before anything is decrypted.
       */
      for (guint i = 0; i < n_candidates; i++)
        {
          const char *pass = candidates[i];

          if (PKCS12_verify_mac (p12, pass, pass != NULL ? -1 : 0))
            return unpack_pkcs12 (bundle, p12, pass, &decrypt_failed, error);

          /* A mismatch leaves no error; one that could not even be
           * computed (an unknown digest) does.
           */
          if (ERR_peek_error () != 0)
            {
              _cd_import_set_openssl_error (error, bundle->display_name);
              return FALSE;
            }
        }
    }
  else
    {
      /* No MAC (openssl -nomac): only decrypting tells whether a
       * password is right.
       */
      for (guint i = 0; i < n_candidates; i++)
        {
          g_autoptr(GError) local_error = NULL;
          g_autoptr(CdImportBundle) attempt = _cd_import_bundle_new (bundle->display_name);
          gboolean decrypt_failed;

          if (unpack_pkcs12 (attempt, p12, candidates[i], &decrypt_failed, &local_error))
            {
              _cd_import_bundle_merge (bundle, g_steal_pointer (&attempt));
              return TRUE;
            }

          if (!decrypt_failed ||
              g_error_matches (local_error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_UNSUPPORTED))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
        }
    }

  if (password == NULL)
    _cd_import_set_needs_password_error (error, bundle->display_name);
  else
    _cd_import_set_bad_password_error (error, bundle->display_name);

  return FALSE;
}
