/* cd-import-bundle.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Reads a file the user wants to import and finds out what it holds
 * from its content alone, never from its name: PEM with any number of
 * blocks, DER, Base64 without armour, PKCS#7, PKCS#12, private keys and
 * PKCS#10 requests. Nothing is stored here; CdImporter decides where
 * each piece goes. Either the whole file parses or nothing is returned,
 * so an import never stops half-way through a file.
 */

#define G_LOG_DOMAIN "cd-import-bundle"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <openssl/asn1.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/provider.h>

#include "cd-errors.h"
#include "cd-import-bundle-private.h"
#include "cd-openssl-private.h"

/* PEM blocks between two progress reports. */
#define PROGRESS_INTERVAL 256

/* Share of the progress bar for the scan through the PEM text; the
 * decoding of the blocks takes the rest, and nearly all of the time.
 */
#define SCAN_SHARE 0.1

/* OpenSSL 3.0 decodes about 7,000 certificates a second on one core,
 * so a big CA bundle is decoded by several threads. Below this many
 * blocks per thread, starting one costs more than it saves; above four
 * threads, OpenSSL's internal locks eat the gain.
 */
#define MIN_BLOCKS_PER_THREAD 128
#define MAX_THREADS           4

/* Nested safe contents in a PKCS#12 file; real files use one level. */
#define MAX_SAFEBAG_DEPTH 4

#define UTF8_BOM      "\xef\xbb\xbf"
#define PEM_BEGIN     "-----BEGIN "
#define PEM_END       "-----END "
#define PEM_DASHES    "-----"

typedef enum
{
  BLOCK_CERTIFICATE,
  BLOCK_TRUSTED_CERTIFICATE,
  BLOCK_PKCS7,
  BLOCK_REQUEST,
  BLOCK_PRIVATE_KEY,
  BLOCK_ENCRYPTED_PRIVATE_KEY,
  BLOCK_TRADITIONAL_KEY,
  BLOCK_IGNORED,
} BlockKind;

/* The PEM labels we read. Anything else is skipped, and only becomes
 * an error when the file holds nothing we can import.
 */
static const struct {
  const char *label;
  BlockKind   kind;
  int         pkey_type;
} pem_labels[] = {
  { "CERTIFICATE", BLOCK_CERTIFICATE, 0 },
  { "X509 CERTIFICATE", BLOCK_CERTIFICATE, 0 },
  { "TRUSTED CERTIFICATE", BLOCK_TRUSTED_CERTIFICATE, 0 },
  { "PKCS7", BLOCK_PKCS7, 0 },
  { "CMS", BLOCK_PKCS7, 0 },
  { "CERTIFICATE REQUEST", BLOCK_REQUEST, 0 },
  { "NEW CERTIFICATE REQUEST", BLOCK_REQUEST, 0 },
  { "PRIVATE KEY", BLOCK_PRIVATE_KEY, 0 },
  { "ENCRYPTED PRIVATE KEY", BLOCK_ENCRYPTED_PRIVATE_KEY, 0 },
  { "RSA PRIVATE KEY", BLOCK_TRADITIONAL_KEY, EVP_PKEY_RSA },
  { "EC PRIVATE KEY", BLOCK_TRADITIONAL_KEY, EVP_PKEY_EC },
  { "DSA PRIVATE KEY", BLOCK_TRADITIONAL_KEY, EVP_PKEY_DSA },
};

typedef struct
{
  /* What PEM_read_bio_ex() found, allocated by OpenSSL */
  char           *label;
  char           *header;
  unsigned char  *der;
  long            der_len;
  BlockKind       kind;
  int             pkey_type;

  /* What decode_pem_block() made of it: one of the two */
  CdImportBundle *contents;
  GError         *error;
} PemBlock;

/* Shared by the threads decoding the blocks of one PEM file. */
typedef struct
{
  GArray       *blocks;
  const char   *display_name;
  const char   *password;
  GCancellable *cancellable;
  int           next;            /* next block to claim */
  int           done;            /* blocks decoded so far */
  int           first_failure;   /* lowest failed block, or G_MAXINT */
} DecodeJob;

typedef enum
{
  DER_NONE,        /* not a DER object at all */
  DER_COMPLETE,    /* one object that fills the data */
  DER_PREFIX,      /* one object followed by more data */
  DER_SHORT,       /* the object's length runs past the end */
} DerShape;

static CdImportBundle *
bundle_new (const char *display_name)
{
  CdImportBundle *bundle = g_new0 (CdImportBundle, 1);

  bundle->display_name = g_strdup (display_name);
  bundle->certs = g_ptr_array_new_with_free_func ((GDestroyNotify)X509_free);
  bundle->cert_names = g_ptr_array_new_with_free_func (g_free);
  bundle->keys = g_ptr_array_new_with_free_func ((GDestroyNotify)EVP_PKEY_free);
  bundle->requests = g_ptr_array_new_with_free_func ((GDestroyNotify)X509_REQ_free);

  return bundle;
}

static void
bundle_take_cert (CdImportBundle *bundle,
                  X509           *cert,
                  char           *name)
{
  g_assert (bundle != NULL);
  g_assert (cert != NULL);

  g_ptr_array_add (bundle->certs, cert);
  g_ptr_array_add (bundle->cert_names, name);
}

static gboolean
bundle_is_empty (const CdImportBundle *bundle)
{
  return bundle->certs->len == 0 &&
         bundle->keys->len == 0 &&
         bundle->requests->len == 0;
}

/* Moves everything from @from to the end of @into, and frees @from. */
static void
bundle_merge (CdImportBundle *into,
              CdImportBundle *from)
{
  g_assert (into != NULL);
  g_assert (from != NULL);

  g_ptr_array_extend_and_steal (into->certs, g_steal_pointer (&from->certs));
  g_ptr_array_extend_and_steal (into->cert_names, g_steal_pointer (&from->cert_names));
  g_ptr_array_extend_and_steal (into->keys, g_steal_pointer (&from->keys));
  g_ptr_array_extend_and_steal (into->requests, g_steal_pointer (&from->requests));

  cd_import_bundle_free (from);
}

static void
pem_block_clear (gpointer data)
{
  PemBlock *block = data;

  OPENSSL_free (block->label);
  OPENSSL_free (block->header);
  /* The block may be a private key: do not leave it in freed memory. */
  OPENSSL_clear_free (block->der, block->der_len);
  g_clear_pointer (&block->contents, cd_import_bundle_free);
  g_clear_error (&block->error);
}

/* Finds @needle in the first @len bytes of @haystack, which need not be
 * nul-terminated and may hold nul bytes.
 */
static const guint8 *
find_bytes (const guint8 *haystack,
            gsize         len,
            const char   *needle)
{
  gsize needle_len = strlen (needle);
  const guint8 *end = haystack + len;
  const guint8 *p = haystack;

  while (p + needle_len <= end)
    {
      p = memchr (p, needle[0], end - p - needle_len + 1);
      if (p == NULL)
        return NULL;
      if (memcmp (p, needle, needle_len) == 0)
        return p;
      p++;
    }

  return NULL;
}

static gboolean
is_blank (const guint8 *data,
          gsize         len)
{
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isspace (data[i]) && data[i] != '\0')
        return FALSE;
    }

  return TRUE;
}

/* Text never holds control characters other than white space; DER
 * always does within its first bytes (tags and short lengths).
 */
static gboolean
looks_binary (const guint8 *data,
              gsize         len)
{
  for (gsize i = 0; i < MIN (len, 64); i++)
    {
      if ((data[i] < 0x20 && !g_ascii_isspace (data[i])) || data[i] == 0x7f)
        return TRUE;
    }

  return FALSE;
}

/* Drains this thread's OpenSSL error queue, and tells whether any entry
 * says that an algorithm is missing, rather than that the data is bad.
 */
static gboolean
drain_openssl_errors (void)
{
  gboolean unsupported = FALSE;
  unsigned long code;

  while ((code = ERR_get_error ()) != 0)
    {
      int reason = ERR_GET_REASON (code);

      if (reason == ERR_R_UNSUPPORTED ||
          (ERR_GET_LIB (code) == ERR_LIB_EVP &&
           (reason == EVP_R_UNSUPPORTED_ALGORITHM ||
            reason == EVP_R_UNSUPPORTED_CIPHER ||
            reason == EVP_R_UNKNOWN_CIPHER ||
            reason == EVP_R_UNKNOWN_PBE_ALGORITHM ||
            reason == EVP_R_UNSUPPORTED_KEY_DERIVATION_FUNCTION ||
            reason == EVP_R_UNSUPPORTED_PRF ||
            reason == EVP_R_UNSUPPORTED_PRIVATE_KEY_ALGORITHM ||
            reason == EVP_R_UNSUPPORTED_KEYLENGTH)) ||
          (ERR_GET_LIB (code) == ERR_LIB_PEM && reason == PEM_R_UNSUPPORTED_ENCRYPTION))
        unsupported = TRUE;
    }

  return unsupported;
}

static void
set_unsupported_error (GError     **error,
                       const char  *display_name)
{
  /* RC2, RC4 and single DES live in the legacy provider; without it,
   * they are what makes an otherwise fine file fail here.
   */
  if (!OSSL_PROVIDER_available (NULL, "legacy"))
    g_set_error (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_UNSUPPORTED,
                 _("“%s” is encrypted with an old algorithm (such as RC2 or DES) that needs "
                   "OpenSSL’s legacy provider, which is not installed on this system. "
                   "Install it, or export the file again with AES encryption."),
                 display_name);
  else
    g_set_error (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_UNSUPPORTED,
                 _("“%s” uses an algorithm that Certdesk cannot handle. "
                   "Export it again with common algorithms (RSA or EC keys, AES encryption)."),
                 display_name);
}

static void
set_corrupt_error (GError     **error,
                   const char  *display_name)
{
  g_set_error (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_CORRUPT,
               _("“%s” looks like a certificate file, but its content is damaged and cannot "
                 "be read. Export or download it again."),
               display_name);
}

/* Sets the error for data that OpenSSL refused: an unsupported
 * algorithm if the queue says so, else damaged data.
 */
static void
set_openssl_error (GError     **error,
                   const char  *display_name)
{
  if (drain_openssl_errors ())
    set_unsupported_error (error, display_name);
  else
    set_corrupt_error (error, display_name);
}

static void
set_pem_block_corrupt_error (GError     **error,
                             guint        block_number,
                             const char  *label,
                             const char  *display_name)
{
  g_set_error (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_CORRUPT,
               /* translators: %u is a block number, the first %s a PEM label such as
                * CERTIFICATE, the second the file name */
               _("PEM block %u (“%s”) in “%s” is damaged and cannot be read. "
                 "Export or download the file again."),
               block_number, label, display_name);
}

static void
set_needs_password_error (GError     **error,
                          const char  *display_name)
{
  g_set_error (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_NEEDS_PASSWORD,
               _("“%s” is protected by a password. Enter the password to import it."),
               display_name);
}

static void
set_bad_password_error (GError     **error,
                        const char  *display_name)
{
  g_set_error (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_BAD_PASSWORD,
               _("The password for “%s” is not correct. Check it and try again."),
               display_name);
}

static int
password_cb (char *buf,
             int   size,
             int   rwflag,
             void *user_data)
{
  const char *password = user_data;
  gsize len;

  if (password == NULL || size <= 0)
    return -1;

  len = MIN (strlen (password), (gsize)size);
  memcpy (buf, password, len);

  return (int)len;
}

static EVP_PKEY *
decode_pkcs8 (const unsigned char  *der,
              long                  der_len,
              const char           *display_name,
              GError              **error)
{
  g_autoptr(PKCS8_PRIV_KEY_INFO) p8 = NULL;
  EVP_PKEY *key;

  p8 = d2i_PKCS8_PRIV_KEY_INFO (NULL, &der, der_len);
  if (p8 == NULL)
    {
      set_openssl_error (error, display_name);
      return NULL;
    }

  key = EVP_PKCS82PKEY (p8);
  if (key == NULL)
    set_openssl_error (error, display_name);

  return key;
}

static EVP_PKEY *
decrypt_pkcs8 (const X509_SIG  *sig,
               const char      *password,
               const char      *display_name,
               GError         **error)
{
  g_autoptr(PKCS8_PRIV_KEY_INFO) p8 = NULL;
  EVP_PKEY *key;

  if (password == NULL)
    {
      set_needs_password_error (error, display_name);
      return NULL;
    }

  /* A wrong password shows as bad padding or as garbage that does not
   * decode; OpenSSL cannot tell the two apart from damage, and a wrong
   * password is by far the likelier cause.
   */
  p8 = PKCS8_decrypt (sig, password, strlen (password));
  if (p8 == NULL)
    {
      if (drain_openssl_errors ())
        set_unsupported_error (error, display_name);
      else
        set_bad_password_error (error, display_name);
      return NULL;
    }

  key = EVP_PKCS82PKEY (p8);
  if (key == NULL)
    set_openssl_error (error, display_name);

  return key;
}

/* "RSA PRIVATE KEY" and friends, maybe encrypted the old OpenSSL way
 * with Proc-Type and DEK-Info headers.
 */
static EVP_PKEY *
decode_traditional_key (PemBlock    *block,
                        const char  *password,
                        const char  *display_name,
                        GError     **error)
{
  const unsigned char *p;
  EVP_CIPHER_INFO cipher;
  EVP_PKEY *key;
  long len = block->der_len;
  gboolean encrypted;

  if (!PEM_get_EVP_CIPHER_INFO (block->header, &cipher))
    {
      set_openssl_error (error, display_name);
      return NULL;
    }

  encrypted = cipher.cipher != NULL;
  if (encrypted)
    {
      if (password == NULL)
        {
          set_needs_password_error (error, display_name);
          return NULL;
        }

      /* Decrypts in place; len becomes the length without padding. */
      if (!PEM_do_header (&cipher, block->der, &len, password_cb, (void *)password))
        {
          if (drain_openssl_errors ())
            set_unsupported_error (error, display_name);
          else
            set_bad_password_error (error, display_name);
          return NULL;
        }
    }

  p = block->der;
  key = d2i_PrivateKey (block->pkey_type, NULL, &p, len);
  if (key == NULL)
    {
      /* Good padding by chance (1 in 256) and then garbage: still the
       * wrong password.
       */
      if (encrypted && !drain_openssl_errors ())
        set_bad_password_error (error, display_name);
      else
        set_openssl_error (error, display_name);
    }

  return key;
}

static gboolean
add_pkcs7_certs (CdImportBundle  *bundle,
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
      bundle_take_cert (bundle, cert, NULL);
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
      set_corrupt_error (error, bundle->display_name);
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
                set_openssl_error (error, bundle->display_name);
                return FALSE;
              }

            /* The friendly name is what Windows shows for the
             * certificate, so keep it; OpenSSL gives it as UTF-8.
             */
            name = PKCS12_get_friendlyname (bag);
            bundle_take_cert (bundle, cert, name != NULL ? g_utf8_make_valid (name, -1) : NULL);
            OPENSSL_free (name);
          }
          break;

        case NID_keyBag:
          {
            EVP_PKEY *key = EVP_PKCS82PKEY (PKCS12_SAFEBAG_get0_p8inf (bag));

            if (key == NULL)
              {
                set_openssl_error (error, bundle->display_name);
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
                set_openssl_error (error, bundle->display_name);
                return FALSE;
              }

            key = EVP_PKCS82PKEY (p8);
            if (key == NULL)
              {
                set_openssl_error (error, bundle->display_name);
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
      set_openssl_error (error, bundle->display_name);
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
              set_openssl_error (error, bundle->display_name);
              ret = FALSE;
            }
          break;

        case NID_pkcs7_encrypted:
          bags = PKCS12_unpack_p7encdata (p7, pass, pass_len);
          if (bags == NULL)
            {
              *out_decrypt_failed = TRUE;
              set_openssl_error (error, bundle->display_name);
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

static gboolean
parse_pkcs12 (CdImportBundle  *bundle,
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
              set_openssl_error (error, bundle->display_name);
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
          g_autoptr(CdImportBundle) attempt = bundle_new (bundle->display_name);
          gboolean decrypt_failed;

          if (unpack_pkcs12 (attempt, p12, candidates[i], &decrypt_failed, &local_error))
            {
              bundle_merge (bundle, g_steal_pointer (&attempt));
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
    set_needs_password_error (error, bundle->display_name);
  else
    set_bad_password_error (error, bundle->display_name);

  return FALSE;
}

/* One DER object whose type is not known yet: the types are tried in
 * turn, and what none of them accepts is damaged.
 */
static gboolean
parse_der (CdImportBundle  *bundle,
           const guint8    *der,
           gsize            der_len,
           const char      *password,
           GError         **error)
{
  const unsigned char *p;
  EVP_PKEY *key;
  X509_REQ *request;
  X509 *cert;

  p = der;
  cert = d2i_X509 (NULL, &p, der_len);
  if (cert != NULL)
    {
      bundle_take_cert (bundle, cert, NULL);
      return TRUE;
    }
  ERR_clear_error ();

  {
    g_autoptr(PKCS12) p12 = NULL;

    p = der;
    p12 = d2i_PKCS12 (NULL, &p, der_len);
    if (p12 != NULL)
      {
        bundle->format = "PKCS#12";
        return parse_pkcs12 (bundle, p12, password, error);
      }
    ERR_clear_error ();
  }

  {
    g_autoptr(PKCS7) p7 = NULL;

    p = der;
    p7 = d2i_PKCS7 (NULL, &p, der_len);
    if (p7 != NULL)
      {
        bundle->format = "PKCS#7";
        return add_pkcs7_certs (bundle, p7, error);
      }
    ERR_clear_error ();
  }

  p = der;
  request = d2i_X509_REQ (NULL, &p, der_len);
  if (request != NULL)
    {
      g_ptr_array_add (bundle->requests, request);
      return TRUE;
    }
  ERR_clear_error ();

  {
    g_autoptr(X509_SIG) sig = NULL;

    p = der;
    sig = d2i_X509_SIG (NULL, &p, der_len);
    if (sig != NULL)
      {
        key = decrypt_pkcs8 (sig, password, bundle->display_name, error);
        if (key == NULL)
          return FALSE;
        g_ptr_array_add (bundle->keys, key);
        return TRUE;
      }
    ERR_clear_error ();
  }

  /* PKCS#8, PKCS#1 RSA and SEC 1 EC keys. */
  p = der;
  key = d2i_AutoPrivateKey (NULL, &p, der_len);
  if (key != NULL)
    {
      g_ptr_array_add (bundle->keys, key);
      return TRUE;
    }
  ERR_clear_error ();

  g_set_error (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_CORRUPT,
               _("“%s” holds binary data that looks like a certificate or key, but is damaged "
                 "or of an unknown kind. Export or download it again."),
               bundle->display_name);

  return FALSE;
}

/* Tells whether @data starts with a DER SEQUENCE (every type we read is
 * one), and whether that object is complete.
 */
static DerShape
check_der (const guint8 *data,
           gsize         len,
           gsize        *out_object_len)
{
  const unsigned char *p = data;
  long object_len = 0;
  int tag = 0;
  int xclass = 0;
  int ret;
  gsize total;

  *out_object_len = 0;

  if (len < 2 || data[0] != (V_ASN1_SEQUENCE | V_ASN1_CONSTRUCTED))
    return DER_NONE;

  ret = ASN1_get_object (&p, &object_len, &tag, &xclass, len);
  if (ret & 0x80)
    {
      unsigned long code = ERR_peek_last_error ();

      ERR_clear_error ();

      /* Text may start with "0", so only binary data counts as cut. */
      if (ERR_GET_LIB (code) == ERR_LIB_ASN1 &&
          (ERR_GET_REASON (code) == ASN1_R_TOO_LONG ||
           ERR_GET_REASON (code) == ASN1_R_HEADER_TOO_LONG) &&
          looks_binary (data, len))
        return DER_SHORT;

      return DER_NONE;
    }

  /* Indefinite length (BER, from some Java and old Windows exports):
   * only the decoder can find the end.
   */
  if (ret & 0x01)
    {
      *out_object_len = len;
      return DER_COMPLETE;
    }

  total = (p - data) + object_len;
  *out_object_len = total;

  /* Some tools pad DER files with zeros or a newline. */
  if (total == len || is_blank (data + total, len - total))
    return DER_COMPLETE;

  return DER_PREFIX;
}

/* Base64 without armour: only the base64 alphabet and white space,
 * padding only at the end.
 */
static guint8 *
decode_bare_base64 (const guint8 *data,
                    gsize         len,
                    gsize        *out_len)
{
  g_autofree char *text = g_malloc (len + 1);
  gsize n = 0;
  guint padding = 0;

  for (gsize i = 0; i < len; i++)
    {
      guint8 c = data[i];

      if (g_ascii_isspace (c))
        continue;

      if (c == '=')
        {
          if (++padding > 2)
            return NULL;
        }
      else if (padding > 0 || !(g_ascii_isalnum (c) || c == '+' || c == '/'))
        {
          return NULL;
        }

      text[n++] = c;
    }

  /* A file cut short loses the end of its last group of four; decode
   * what is there, so that the DER inside reports itself as cut.
   */
  if (padding == 0)
    n -= n % 4;

  if (n < 4 || n % 4 != 0)
    return NULL;

  text[n] = '\0';

  return g_base64_decode (text, out_len);
}

static gboolean
decode_pem_block (PemBlock   *block,
                  const char *password,
                  const char *display_name)
{
  g_autoptr(CdImportBundle) contents = bundle_new (display_name);
  const unsigned char *p = block->der;
  EVP_PKEY *key = NULL;
  GError **error = &block->error;

  switch (block->kind)
    {
    case BLOCK_CERTIFICATE:
    case BLOCK_TRUSTED_CERTIFICATE:
      {
        X509 *cert;
        char *name = NULL;

        if (block->kind == BLOCK_CERTIFICATE)
          {
            cert = d2i_X509 (NULL, &p, block->der_len);
          }
        else
          {
            /* openssl x509 -trustout: the certificate, then trust
             * settings and an alias, which is the friendly name.
             */
            cert = d2i_X509_AUX (NULL, &p, block->der_len);
            if (cert != NULL)
              {
                int alias_len = 0;
                const unsigned char *alias = X509_alias_get0 (cert, &alias_len);

                if (alias != NULL && alias_len > 0)
                  name = g_utf8_make_valid ((const char *)alias, alias_len);
              }
          }

        if (cert == NULL)
          {
            set_openssl_error (error, display_name);
            return FALSE;
          }
        bundle_take_cert (contents, cert, name);
      }
      break;

    case BLOCK_PKCS7:
      {
        g_autoptr(PKCS7) p7 = d2i_PKCS7 (NULL, &p, block->der_len);

        if (p7 == NULL)
          {
            set_openssl_error (error, display_name);
            return FALSE;
          }
        if (!add_pkcs7_certs (contents, p7, error))
          return FALSE;
      }
      break;

    case BLOCK_REQUEST:
      {
        X509_REQ *request = d2i_X509_REQ (NULL, &p, block->der_len);

        if (request == NULL)
          {
            set_openssl_error (error, display_name);
            return FALSE;
          }
        g_ptr_array_add (contents->requests, request);
      }
      break;

    case BLOCK_PRIVATE_KEY:
      key = decode_pkcs8 (block->der, block->der_len, display_name, error);
      break;

    case BLOCK_ENCRYPTED_PRIVATE_KEY:
      {
        g_autoptr(X509_SIG) sig = d2i_X509_SIG (NULL, &p, block->der_len);

        if (sig == NULL)
          {
            set_openssl_error (error, display_name);
            return FALSE;
          }
        key = decrypt_pkcs8 (sig, password, display_name, error);
      }
      break;

    case BLOCK_TRADITIONAL_KEY:
      key = decode_traditional_key (block, password, display_name, error);
      break;

    case BLOCK_IGNORED:
      return TRUE;

    default:
      g_assert_not_reached ();
    }

  if (block->kind == BLOCK_PRIVATE_KEY ||
      block->kind == BLOCK_ENCRYPTED_PRIVATE_KEY ||
      block->kind == BLOCK_TRADITIONAL_KEY)
    {
      if (key == NULL)
        return FALSE;
      g_ptr_array_add (contents->keys, key);
    }

  block->contents = g_steal_pointer (&contents);

  return TRUE;
}

static void
record_failure (DecodeJob *job,
                int        index)
{
  int current;

  do
    current = g_atomic_int_get (&job->first_failure);
  while (index < current &&
         !g_atomic_int_compare_and_exchange (&job->first_failure, current, index));
}

/* Blocks are claimed in increasing order, so once a block failed, every
 * block before it has been claimed and will finish: the error reported
 * is always the first one in the file, however the threads ran.
 */
static void
decode_blocks (DecodeJob      *job,
               CdProgressFunc  progress,
               gpointer        progress_data)
{
  int n_blocks = job->blocks->len;
  int last_report = 0;

  for (;;)
    {
      int index = g_atomic_int_add (&job->next, 1);
      PemBlock *block;

      if (index >= n_blocks ||
          index > g_atomic_int_get (&job->first_failure) ||
          g_cancellable_is_cancelled (job->cancellable))
        break;

      block = &g_array_index (job->blocks, PemBlock, index);
      if (!decode_pem_block (block, job->password, job->display_name))
        record_failure (job, index);

      /* The OpenSSL error queue is per thread: leave nothing behind. */
      ERR_clear_error ();

      g_atomic_int_inc (&job->done);

      if (progress != NULL)
        {
          int done = g_atomic_int_get (&job->done);

          if (done - last_report >= PROGRESS_INTERVAL)
            {
              last_report = done;
              progress (SCAN_SHARE + (1.0 - SCAN_SHARE) * done / n_blocks, progress_data);
            }
        }
    }
}

static gpointer
decode_blocks_thread (gpointer data)
{
  decode_blocks (data, NULL, NULL);

  return NULL;
}

/* Called where PEM_read_bio_ex() found no further block, with the rest
 * of the text: tells the clean end of the file from a block that is
 * cut short or malformed.
 */
static gboolean
check_pem_rest (const guint8  *rest,
                gsize          rest_len,
                guint          block_number,
                const char    *display_name,
                GError       **error)
{
  g_autofree char *end_line = NULL;
  g_autofree char *label = NULL;
  const guint8 *begin;
  const guint8 *label_end;
  const guint8 *line_end;
  const guint8 *end = rest + rest_len;

  begin = find_bytes (rest, rest_len, PEM_BEGIN);
  if (begin == NULL)
    return TRUE;

  begin += strlen (PEM_BEGIN);
  line_end = memchr (begin, '\n', end - begin);
  if (line_end == NULL)
    line_end = end;
  label_end = find_bytes (begin, line_end - begin, PEM_DASHES);

  if (label_end == NULL)
    {
      /* Cut inside the BEGIN line itself. */
      if (line_end == end)
        {
          g_set_error (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_TRUNCATED,
                       _("“%s” ends in the middle of a PEM block: the file was cut short. "
                         "Copy or download it again."),
                       display_name);
          return FALSE;
        }

      g_set_error (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_CORRUPT,
                   _("PEM block %u in “%s” has a damaged BEGIN line. "
                     "Export or download the file again."),
                   block_number, display_name);
      return FALSE;
    }

  label = g_strndup ((const char *)begin, label_end - begin);
  end_line = g_strconcat (PEM_END, label, PEM_DASHES, NULL);

  if (find_bytes (label_end, end - label_end, end_line) == NULL)
    {
      g_set_error (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_TRUNCATED,
                   /* translators: the second %s is a PEM label such as CERTIFICATE */
                   _("“%s” ends in the middle of a “%s” block: the file was cut short. "
                     "Copy or download it again."),
                   display_name, label);
      return FALSE;
    }

  set_pem_block_corrupt_error (error, block_number, label, display_name);

  return FALSE;
}

static void
classify_pem_block (PemBlock *block)
{
  block->kind = BLOCK_IGNORED;
  block->pkey_type = 0;

  for (guint i = 0; i < G_N_ELEMENTS (pem_labels); i++)
    {
      if (strcmp (block->label, pem_labels[i].label) == 0)
        {
          block->kind = pem_labels[i].kind;
          block->pkey_type = pem_labels[i].pkey_type;
          return;
        }
    }
}

static guint
count_decode_threads (guint n_blocks)
{
  guint n_threads = g_get_num_processors ();

  n_threads = MIN (n_threads, MAX_THREADS);
  n_threads = MIN (n_threads, n_blocks / MIN_BLOCKS_PER_THREAD);

  return MAX (n_threads, 1);
}

static gboolean
parse_pem (CdImportBundle  *bundle,
           const guint8    *data,
           gsize            len,
           const char      *password,
           CdProgressFunc   progress,
           gpointer         progress_data,
           GCancellable    *cancellable,
           GError         **error)
{
  g_autoptr(GArray) blocks = NULL;
  g_autoptr(BIO) bio = NULL;
  GThread *threads[MAX_THREADS] = { NULL, };
  const char *skipped_label = NULL;
  gboolean all_pkcs7 = TRUE;
  DecodeJob job = { 0, };
  guint n_threads;

  bundle->format = "PEM";

  blocks = g_array_new (FALSE, TRUE, sizeof (PemBlock));
  g_array_set_clear_func (blocks, pem_block_clear);

  /* A read-only memory BIO reads straight from the caller's bytes. */
  bio = BIO_new_mem_buf (data, (int)len);
  if (bio == NULL)
    g_error ("OpenSSL could not allocate a memory BIO");

  /* First, split the text into blocks: cheap, and it finds a file cut
   * short before any time goes into decoding.
   */
  for (;;)
    {
      PemBlock block = { 0, };
      gsize offset = len - BIO_pending (bio);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      if (!PEM_read_bio_ex (bio, &block.label, &block.header, &block.der, &block.der_len,
                            PEM_FLAG_EAY_COMPATIBLE))
        {
          ERR_clear_error ();
          if (!check_pem_rest (data + offset, len - offset, blocks->len + 1,
                               bundle->display_name, error))
            return FALSE;
          break;
        }

      classify_pem_block (&block);
      g_array_append_val (blocks, block);

      if (progress != NULL && blocks->len % PROGRESS_INTERVAL == 0)
        progress (SCAN_SHARE * offset / len, progress_data);
    }

  /* Then decode them, on several threads for a big bundle. */
  job.blocks = blocks;
  job.display_name = bundle->display_name;
  job.password = password;
  job.cancellable = cancellable;
  job.first_failure = G_MAXINT;

  n_threads = count_decode_threads (blocks->len);
  for (guint i = 1; i < n_threads; i++)
    threads[i] = g_thread_try_new ("cd-import-parse", decode_blocks_thread, &job, NULL);

  /* This thread works too, and is the only one to report progress:
   * callers expect it from the thread they called us on.
   */
  decode_blocks (&job, progress, progress_data);

  for (guint i = 1; i < n_threads; i++)
    {
      if (threads[i] != NULL)
        g_thread_join (threads[i]);
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (job.first_failure != G_MAXINT)
    {
      PemBlock *block = &g_array_index (blocks, PemBlock, job.first_failure);

      /* In a bundle of hundreds, "damaged" alone does not help: say
       * which block.
       */
      if (g_error_matches (block->error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_CORRUPT))
        set_pem_block_corrupt_error (error, job.first_failure + 1, block->label,
                                     bundle->display_name);
      else
        g_propagate_error (error, g_steal_pointer (&block->error));
      return FALSE;
    }

  for (guint i = 0; i < blocks->len; i++)
    {
      PemBlock *block = &g_array_index (blocks, PemBlock, i);

      if (block->kind != BLOCK_PKCS7)
        all_pkcs7 = FALSE;

      if (block->kind == BLOCK_IGNORED)
        {
          if (skipped_label == NULL)
            skipped_label = block->label;
          continue;
        }

      bundle_merge (bundle, g_steal_pointer (&block->contents));
    }

  if (all_pkcs7 && blocks->len > 0)
    bundle->format = "PKCS#7";

  if (bundle_is_empty (bundle) && skipped_label != NULL)
    {
      g_set_error (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_UNSUPPORTED,
                   /* translators: the second %s is a PEM label such as PUBLIC KEY */
                   _("“%s” holds no certificate, private key or certificate request, only "
                     "a “%s” block, which Certdesk cannot import."),
                   bundle->display_name, skipped_label);
      return FALSE;
    }

  return TRUE;
}

static gboolean
parse_der_shaped (CdImportBundle  *bundle,
                  const guint8    *data,
                  gsize            len,
                  DerShape         shape,
                  gsize            object_len,
                  const char      *password,
                  GError         **error)
{
  switch (shape)
    {
    case DER_COMPLETE:
    case DER_PREFIX:
      return parse_der (bundle, data, object_len, password, error);

    case DER_SHORT:
      g_set_error (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_TRUNCATED,
                   _("“%s” ends before the data it announces: the file was cut short. "
                     "Copy or download it again."),
                   bundle->display_name);
      return FALSE;

    case DER_NONE:
    default:
      g_assert_not_reached ();
    }

  return FALSE;
}

/**
 * cd_import_read_file:
 * @file: the file to read
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads @file whole, refusing files over %CD_IMPORT_MAX_SIZE before
 * reading them (and, should the file grow meanwhile, never reading more
 * than one byte past the limit).
 *
 * Errors are %CD_IMPORT_ERROR_TOO_LARGE and %CD_IMPORT_ERROR_IO, whose
 * messages name the file, or %G_IO_ERROR_CANCELLED.
 *
 * Returns: (transfer full): the contents, or %NULL on error
 */
GBytes *
cd_import_read_file (GFile         *file,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GByteArray) buffer = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *display_name = NULL;
  goffset size = 0;
  gsize total = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);

  basename = g_file_get_basename (file);
  display_name = basename != NULL ? g_filename_display_name (basename) : g_file_get_uri (file);

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE,
                            cancellable, &local_error);
  if (info == NULL)
    goto io_error;

  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_IO,
                   _("“%s” is a folder. Choose a certificate file inside it."),
                   display_name);
      return NULL;
    }

  size = g_file_info_get_size (info);
  if (size > CD_IMPORT_MAX_SIZE)
    goto too_large;

  stream = g_file_read (file, cancellable, &local_error);
  if (stream == NULL)
    goto io_error;

  /* The size is only a hint: pipes report 0, and files can change
   * between the query and the read. So read until the end, but stop
   * one byte past the limit.
   */
  buffer = g_byte_array_sized_new (MIN (size, CD_IMPORT_MAX_SIZE) + 1);
  for (;;)
    {
      gsize want = MIN (64 * 1024, CD_IMPORT_MAX_SIZE + 1 - total);
      gssize n_read;

      g_byte_array_set_size (buffer, total + want);
      n_read = g_input_stream_read (G_INPUT_STREAM (stream), buffer->data + total, want,
                                    cancellable, &local_error);
      if (n_read < 0)
        goto io_error;
      if (n_read == 0)
        break;

      total += n_read;
      if (total > CD_IMPORT_MAX_SIZE)
        {
          size = 0;
          goto too_large;
        }
    }

  g_byte_array_set_size (buffer, total);

  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));

too_large:
  {
    g_autofree char *limit_text = g_format_size (CD_IMPORT_MAX_SIZE);

    /* A file that grew while being read has no size worth showing. */
    if (size > CD_IMPORT_MAX_SIZE)
      {
        g_autofree char *size_text = g_format_size (size);

        g_set_error (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_TOO_LARGE,
                     /* translators: the second %s is a size like "34.6 MB", the third the limit */
                     _("“%s” is %s, more than the %s a certificate file can be. "
                       "Choose the certificate file itself, not an archive or a disk image."),
                     display_name, size_text, limit_text);
      }
    else
      {
        g_set_error (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_TOO_LARGE,
                     /* translators: the second %s is a size like "33.6 MB" */
                     _("“%s” is larger than the %s a certificate file can be. "
                       "Choose the certificate file itself, not an archive or a disk image."),
                     display_name, limit_text);
      }
    return NULL;
  }

io_error:
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  g_set_error (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_IO,
               /* translators: the second %s is the system's reason, e.g. "No such file" */
               _("Could not read “%s”: %s. Check that the file exists and that you may read it."),
               display_name, local_error->message);

  return NULL;
}

/**
 * cd_import_bundle_parse:
 * @data: the file's contents
 * @display_name: the file's name, for messages
 * @password: (nullable): the password for encrypted keys and PKCS#12
 * @progress: (nullable) (scope call): called now and then on this thread
 * @progress_data: data for @progress
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Finds out from the content alone what @data holds, and decodes all of
 * it: PEM (any number of blocks, with text around them, CRLF line ends
 * and a UTF-8 byte order mark), DER, Base64 without armour, PKCS#7,
 * PKCS#12, private keys (PKCS#1, SEC 1, PKCS#8, encrypted PKCS#8 and
 * old-style encrypted PEM) and PKCS#10 requests.
 *
 * A file is read whole or not at all: if any part of it is damaged or
 * cannot be decrypted, the whole file fails. An empty or missing
 * @password opens PKCS#12 files exported without a password.
 *
 * Errors are in %CD_IMPORT_ERROR, with a message that names the file,
 * or %G_IO_ERROR_CANCELLED.
 *
 * Returns: (transfer full): what the file holds, or %NULL on error
 */
CdImportBundle *
cd_import_bundle_parse (GBytes          *data,
                        const char      *display_name,
                        const char      *password,
                        CdProgressFunc   progress,
                        gpointer         progress_data,
                        GCancellable    *cancellable,
                        GError         **error)
{
  g_autoptr(CdImportBundle) bundle = NULL;
  g_autofree guint8 *decoded = NULL;
  const guint8 *bytes;
  gsize decoded_len = 0;
  gsize object_len = 0;
  gsize len = 0;
  DerShape shape;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);

  _cd_openssl_init ();

  bytes = g_bytes_get_data (data, &len);

  if (len > CD_IMPORT_MAX_SIZE)
    {
      g_autofree char *limit_text = g_format_size (CD_IMPORT_MAX_SIZE);

      g_set_error (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_TOO_LARGE,
                   _("“%s” is larger than the %s a certificate file can be. "
                     "Choose the certificate file itself, not an archive or a disk image."),
                   display_name, limit_text);
      return NULL;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* Notepad saves UTF-8 with a byte order mark, which hides the first
   * BEGIN line from OpenSSL.
   */
  if (len >= strlen (UTF8_BOM) && memcmp (bytes, UTF8_BOM, strlen (UTF8_BOM)) == 0)
    {
      bytes += strlen (UTF8_BOM);
      len -= strlen (UTF8_BOM);
    }

  if (is_blank (bytes, len))
    {
      g_set_error (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_EMPTY,
                   _("“%s” is empty. Choose the file that holds the certificate or key."),
                   display_name);
      return NULL;
    }

  bundle = bundle_new (display_name);

  /* DER first: binary data may hold "-----BEGIN " by chance, while PEM
   * text practically never forms one complete DER object.
   */
  shape = check_der (bytes, len, &object_len);
  if (shape == DER_COMPLETE || shape == DER_SHORT)
    {
      bundle->format = "DER";
      if (!parse_der_shaped (bundle, bytes, len, shape, object_len, password, error))
        return NULL;
      goto done;
    }

  /* A DER object with something after it: take it if it decodes,
   * else look at the data as text.
   */
  if (shape == DER_PREFIX)
    {
      g_autoptr(CdImportBundle) attempt = bundle_new (display_name);
      g_autoptr(GError) local_error = NULL;

      attempt->format = "DER";
      if (parse_der (attempt, bytes, object_len, password, &local_error))
        {
          g_clear_pointer (&bundle, cd_import_bundle_free);
          bundle = g_steal_pointer (&attempt);
          goto done;
        }

      /* It was DER after all, and the password is what failed. */
      if (!g_error_matches (local_error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_CORRUPT))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }

  if (find_bytes (bytes, len, PEM_BEGIN) != NULL)
    {
      if (!parse_pem (bundle, bytes, len, password, progress, progress_data, cancellable, error))
        return NULL;
      goto done;
    }

  decoded = decode_bare_base64 (bytes, len, &decoded_len);
  if (decoded != NULL)
    {
      shape = check_der (decoded, decoded_len, &object_len);
      if (shape != DER_NONE)
        {
          bundle->format = "Base64";
          if (!parse_der_shaped (bundle, decoded, decoded_len, shape, object_len, password, error))
            return NULL;
          goto done;
        }
    }

  g_set_error (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_UNRECOGNIZED,
               _("“%s” is not a certificate, private key or certificate request in a format "
                 "Certdesk knows (PEM, DER, Base64, PKCS#7 or PKCS#12). "
                 "Check that you chose the right file."),
               display_name);
  return NULL;

done:
  if (bundle_is_empty (bundle))
    {
      g_set_error (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_UNSUPPORTED,
                   _("“%s” holds no certificate, private key or certificate request."),
                   display_name);
      return NULL;
    }

  if (progress != NULL)
    progress (1.0, progress_data);

  return g_steal_pointer (&bundle);
}

/**
 * cd_import_bundle_free:
 * @bundle: (transfer full) (nullable): a #CdImportBundle
 *
 * Frees @bundle and everything in it.
 */
void
cd_import_bundle_free (CdImportBundle *bundle)
{
  if (bundle == NULL)
    return;

  g_clear_pointer (&bundle->certs, g_ptr_array_unref);
  g_clear_pointer (&bundle->cert_names, g_ptr_array_unref);
  g_clear_pointer (&bundle->keys, g_ptr_array_unref);
  g_clear_pointer (&bundle->requests, g_ptr_array_unref);
  g_clear_pointer (&bundle->display_name, g_free);
  g_free (bundle);
}
