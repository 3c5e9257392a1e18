/* cd-tls-result.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* CdTlsResult: what a server presented, as cd-tls-fetch.c records it. */

#define G_LOG_DOMAIN "cd-tls-fetch"

#include "config.h"

#include "cd-tls-fetch-private.h"

G_DEFINE_FINAL_TYPE (CdTlsResult, cd_tls_result, G_TYPE_OBJECT)

static void
cd_tls_result_finalize (GObject *object)
{
  CdTlsResult *self = (CdTlsResult *)object;

  g_clear_pointer (&self->chain, g_ptr_array_unref);
  g_clear_pointer (&self->protocol, g_free);
  g_clear_pointer (&self->cipher, g_free);
  g_clear_pointer (&self->accepted_cas, g_strfreev);
  g_clear_pointer (&self->verify_error, g_free);

  G_OBJECT_CLASS (cd_tls_result_parent_class)->finalize (object);
}

static void
cd_tls_result_class_init (CdTlsResultClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cd_tls_result_finalize;
}

static void
cd_tls_result_init (CdTlsResult *self)
{
  self->chain = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
}

/**
 * cd_tls_result_get_chain:
 *
 * Returns: (transfer none) (element-type GBytes): the DER certificates
 *   as the server sent them, its own first; may be empty
 */
GPtrArray *
cd_tls_result_get_chain (CdTlsResult *self)
{
  g_return_val_if_fail (CD_IS_TLS_RESULT (self), NULL);

  return self->chain;
}

/* "TLSv1.3", "TLSv1.2", … */
const char *
cd_tls_result_get_protocol (CdTlsResult *self)
{
  g_return_val_if_fail (CD_IS_TLS_RESULT (self), NULL);

  return self->protocol;
}

/* The IANA name, e.g. "TLS_AES_256_GCM_SHA384". */
const char *
cd_tls_result_get_cipher (CdTlsResult *self)
{
  g_return_val_if_fail (CD_IS_TLS_RESULT (self), NULL);

  return self->cipher;
}

gboolean
cd_tls_result_get_client_cert_requested (CdTlsResult *self)
{
  g_return_val_if_fail (CD_IS_TLS_RESULT (self), FALSE);

  return self->client_cert_requested;
}

/* The distinguished names (RFC 2253) of the CAs whose client
 * certificates the server accepts; empty when it named none.
 */
const char * const *
cd_tls_result_get_accepted_cas (CdTlsResult *self)
{
  g_return_val_if_fail (CD_IS_TLS_RESULT (self), NULL);

  return (const char * const *)self->accepted_cas;
}

/* OpenSSL's reasons, joined by "; ", why the system's roots and the
 * name check do not accept the chain; %NULL when they do.
 */
const char *
cd_tls_result_get_verify_error (CdTlsResult *self)
{
  g_return_val_if_fail (CD_IS_TLS_RESULT (self), NULL);

  return self->verify_error;
}
