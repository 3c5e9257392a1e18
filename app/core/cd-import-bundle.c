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
 *
 * PEM blocks are scanned and decoded in cd-import-pem.c, PKCS#7 and
 * PKCS#12 unpacked in cd-import-pkcs12.c; the format is decided here.
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
#include "cd-import-formats-private.h"
#include "cd-openssl-private.h"

#define UTF8_BOM      "\xef\xbb\xbf"

typedef enum
{
  DER_NONE,        /* not a DER object at all */
  DER_COMPLETE,    /* one object that fills the data */
  DER_PREFIX,      /* one object followed by more data */
  DER_SHORT,       /* the object's length runs past the end */
} DerShape;

CdImportBundle *
_cd_import_bundle_new (const char *display_name)
{
  CdImportBundle *bundle = g_new0 (CdImportBundle, 1);

  bundle->display_name = g_strdup (display_name);
  bundle->certs = g_ptr_array_new_with_free_func ((GDestroyNotify)X509_free);
  bundle->cert_names = g_ptr_array_new_with_free_func (g_free);
  bundle->keys = g_ptr_array_new_with_free_func ((GDestroyNotify)EVP_PKEY_free);
  bundle->requests = g_ptr_array_new_with_free_func ((GDestroyNotify)X509_REQ_free);

  return bundle;
}

void
_cd_import_bundle_take_cert (CdImportBundle *bundle,
                             X509           *cert,
                             char           *name)
{
  g_assert (bundle != NULL);
  g_assert (cert != NULL);

  g_ptr_array_add (bundle->certs, cert);
  g_ptr_array_add (bundle->cert_names, name);
}

gboolean
_cd_import_bundle_is_empty (const CdImportBundle *bundle)
{
  return bundle->certs->len == 0 &&
         bundle->keys->len == 0 &&
         bundle->requests->len == 0;
}

/* Moves everything from @from to the end of @into, and frees @from. */
void
_cd_import_bundle_merge (CdImportBundle *into,
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

/* Finds @needle in the first @len bytes of @haystack, which need not be
 * nul-terminated and may hold nul bytes.
 */
const guint8 *
_cd_import_find_bytes (const guint8 *haystack,
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
gboolean
_cd_import_drain_openssl_errors (void)
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

void
_cd_import_set_unsupported_error (GError     **error,
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

void
_cd_import_set_corrupt_error (GError     **error,
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
void
_cd_import_set_openssl_error (GError     **error,
                              const char  *display_name)
{
  if (_cd_import_drain_openssl_errors ())
    _cd_import_set_unsupported_error (error, display_name);
  else
    _cd_import_set_corrupt_error (error, display_name);
}

void
_cd_import_set_needs_password_error (GError     **error,
                                     const char  *display_name)
{
  g_set_error (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_NEEDS_PASSWORD,
               _("“%s” is protected by a password. Enter the password to import it."),
               display_name);
}

void
_cd_import_set_bad_password_error (GError     **error,
                                   const char  *display_name)
{
  g_set_error (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_BAD_PASSWORD,
               _("The password for “%s” is not correct. Check it and try again."),
               display_name);
}

EVP_PKEY *
_cd_import_decrypt_pkcs8 (const X509_SIG  *sig,
                          const char      *password,
                          const char      *display_name,
                          GError         **error)
{
  g_autoptr(PKCS8_PRIV_KEY_INFO) p8 = NULL;
  EVP_PKEY *key;

  if (password == NULL)
    {
      _cd_import_set_needs_password_error (error, display_name);
      return NULL;
    }

  /* A wrong password shows as bad padding or as garbage that does not
   * decode; OpenSSL cannot tell the two apart from damage, and a wrong
   * password is by far the likelier cause.
   */
  p8 = PKCS8_decrypt (sig, password, strlen (password));
  if (p8 == NULL)
    {
      if (_cd_import_drain_openssl_errors ())
        _cd_import_set_unsupported_error (error, display_name);
      else
        _cd_import_set_bad_password_error (error, display_name);
      return NULL;
    }

  key = EVP_PKCS82PKEY (p8);
  if (key == NULL)
    _cd_import_set_openssl_error (error, display_name);

  return key;
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
      _cd_import_bundle_take_cert (bundle, cert, NULL);
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
        return _cd_import_parse_pkcs12 (bundle, p12, password, error);
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
        return _cd_import_add_pkcs7_certs (bundle, p7, error);
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
        key = _cd_import_decrypt_pkcs8 (sig, password, bundle->display_name, error);
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

  bundle = _cd_import_bundle_new (display_name);

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
      g_autoptr(CdImportBundle) attempt = _cd_import_bundle_new (display_name);
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

  if (_cd_import_find_bytes (bytes, len, PEM_BEGIN) != NULL)
    {
      if (!_cd_import_parse_pem (bundle, bytes, len, password, progress, progress_data, cancellable, error))
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
  if (_cd_import_bundle_is_empty (bundle))
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
