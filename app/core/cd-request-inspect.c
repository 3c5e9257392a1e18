/* cd-request-inspect.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Looks at a finished request, ours or one made elsewhere (on a device
 * that makes its own key, say): whether its signature holds, and the
 * text dump the Review page and the request dialog show.
 */

#define G_LOG_DOMAIN "cd-request-inspect"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <openssl/err.h>
#include <openssl/pem.h>

#include "cd-errors.h"
#include "cd-openssl-private.h"
#include "cd-request-builder.h"

/* PEM if it looks like text, DER otherwise. */
static X509_REQ *
parse_request (GBytes  *data,
               GError **error)
{
  gsize len = 0;
  const guchar *bytes = g_bytes_get_data (data, &len);
  X509_REQ *request = NULL;

  /* PEM has no NUL bytes; DER stops the search at its first one. */
  if (len > 0 && g_strstr_len ((const char *)bytes, len, "-----BEGIN") != NULL)
    {
      g_autoptr(BIO) bio = BIO_new_mem_buf (bytes, len);

      request = PEM_read_bio_X509_REQ (bio, NULL, NULL, NULL);
    }
  else if (len > 0 && len < G_MAXLONG)
    {
      const guchar *p = bytes;

      request = d2i_X509_REQ (NULL, &p, len);
    }

  if (request == NULL)
    {
      ERR_clear_error ();
      g_set_error_literal (error, CD_REQUEST_ERROR, CD_REQUEST_ERROR_FAILED,
                           _("This is not a certificate request that Certdesk can read."));
    }

  return request;
}

/**
 * cd_request_verify_signature:
 * @request: a PKCS#10 request, DER or PEM
 * @error: a location for a #GError
 *
 * A request is signed with the key it asks a certificate for; a
 * signature that does not hold means it was damaged or altered.
 *
 * Returns: %TRUE if the signature is good
 */
gboolean
cd_request_verify_signature (GBytes  *request,
                             GError **error)
{
  g_autoptr(X509_REQ) parsed = NULL;
  EVP_PKEY *key;

  g_return_val_if_fail (request != NULL, FALSE);

  parsed = parse_request (request, error);
  if (parsed == NULL)
    return FALSE;

  key = X509_REQ_get0_pubkey (parsed);
  if (key == NULL || X509_REQ_verify (parsed, key) != 1)
    {
      ERR_clear_error ();
      g_set_error_literal (error, CD_REQUEST_ERROR, CD_REQUEST_ERROR_BAD_SIGNATURE,
                           _("The request’s signature does not match its public key: it was damaged or changed after it was made. "
                             "Ask for a new request from where it came."));
      return FALSE;
    }

  return TRUE;
}

/**
 * cd_request_dump_text:
 * @request: a PKCS#10 request, DER or PEM
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the request as `openssl req -text`
 *   prints it, names in UTF-8
 */
char *
cd_request_dump_text (GBytes  *request,
                      GError **error)
{
  g_autoptr(X509_REQ) parsed = NULL;
  g_autoptr(BIO) bio = NULL;
  char *data = NULL;
  long len;

  g_return_val_if_fail (request != NULL, NULL);

  parsed = parse_request (request, error);
  if (parsed == NULL)
    return NULL;

  bio = BIO_new (BIO_s_mem ());
  if (X509_REQ_print_ex (bio, parsed, XN_FLAG_ONELINE & ~ASN1_STRFLGS_ESC_MSB, 0) != 1)
    {
      ERR_clear_error ();
      g_set_error_literal (error, CD_REQUEST_ERROR, CD_REQUEST_ERROR_FAILED,
                           _("The request could not be shown as text."));
      return NULL;
    }

  len = BIO_get_mem_data (bio, &data);

  return g_utf8_make_valid (data, len);
}
