/* cd-import-pem.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The PEM side of an import: splits the text into blocks, tells the
 * clean end of the file from a block cut short, and decodes the blocks
 * (certificates, PKCS#7, requests and private keys in all their PEM
 * forms) on several threads for a big CA bundle. What the blocks hold
 * is merged in file order, and the first failure in the file wins.
 */

#define G_LOG_DOMAIN "cd-import-bundle"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <openssl/err.h>
#include <openssl/pem.h>

#include "cd-errors.h"
#include "cd-import-formats-private.h"
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
      _cd_import_set_openssl_error (error, display_name);
      return NULL;
    }

  key = EVP_PKCS82PKEY (p8);
  if (key == NULL)
    _cd_import_set_openssl_error (error, display_name);

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
      _cd_import_set_openssl_error (error, display_name);
      return NULL;
    }

  encrypted = cipher.cipher != NULL;
  if (encrypted)
    {
      if (password == NULL)
        {
          _cd_import_set_needs_password_error (error, display_name);
          return NULL;
        }

      /* Decrypts in place; len becomes the length without padding. */
      if (!PEM_do_header (&cipher, block->der, &len, password_cb, (void *)password))
        {
          if (_cd_import_drain_openssl_errors ())
            _cd_import_set_unsupported_error (error, display_name);
          else
            _cd_import_set_bad_password_error (error, display_name);
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
      if (encrypted && !_cd_import_drain_openssl_errors ())
        _cd_import_set_bad_password_error (error, display_name);
      else
        _cd_import_set_openssl_error (error, display_name);
    }

  return key;
}

static gboolean
decode_pem_block (PemBlock   *block,
                  const char *password,
                  const char *display_name)
{
  g_autoptr(CdImportBundle) contents = _cd_import_bundle_new (display_name);
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
            _cd_import_set_openssl_error (error, display_name);
            return FALSE;
          }
        _cd_import_bundle_take_cert (contents, cert, name);
      }
      break;

    case BLOCK_PKCS7:
      {
        g_autoptr(PKCS7) p7 = d2i_PKCS7 (NULL, &p, block->der_len);

        if (p7 == NULL)
          {
            _cd_import_set_openssl_error (error, display_name);
            return FALSE;
          }
        if (!_cd_import_add_pkcs7_certs (contents, p7, error))
          return FALSE;
      }
      break;

    case BLOCK_REQUEST:
      {
        X509_REQ *request = d2i_X509_REQ (NULL, &p, block->der_len);

        if (request == NULL)
          {
            _cd_import_set_openssl_error (error, display_name);
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
            _cd_import_set_openssl_error (error, display_name);
            return FALSE;
          }
        key = _cd_import_decrypt_pkcs8 (sig, password, display_name, error);
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

  begin = _cd_import_find_bytes (rest, rest_len, PEM_BEGIN);
  if (begin == NULL)
    return TRUE;

  begin += strlen (PEM_BEGIN);
  line_end = memchr (begin, '\n', end - begin);
  if (line_end == NULL)
    line_end = end;
  label_end = _cd_import_find_bytes (begin, line_end - begin, PEM_DASHES);

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

  if (_cd_import_find_bytes (label_end, end - label_end, end_line) == NULL)
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

gboolean
_cd_import_parse_pem (CdImportBundle  *bundle,
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

      _cd_import_bundle_merge (bundle, g_steal_pointer (&block->contents));
    }

  if (all_pkcs7 && blocks->len > 0)
    bundle->format = "PKCS#7";

  if (_cd_import_bundle_is_empty (bundle) && skipped_label != NULL)
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
