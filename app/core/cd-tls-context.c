/* cd-tls-context.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The OpenSSL client context of cd-tls-fetch.c, and its callbacks that
 * record the chain as sent, what the system roots think of it, and the
 * CA names of a client certificate request.
 */

#define G_LOG_DOMAIN "cd-tls-fetch"

#include "config.h"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include "cd-openssl-private.h"
#include "cd-tls-fetch-private.h"
#include "cd-x509-private.h"

static char *
name_to_string (const X509_NAME *name)
{
  g_autoptr(BIO) bio = BIO_new (BIO_s_mem ());
  char *data;
  long len;

  X509_NAME_print_ex (bio, name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
  len = BIO_get_mem_data (bio, &data);

  return g_utf8_make_valid (data, len);
}

/* OpenSSL calls this in place of its own verification: we keep the
 * chain as the server sent it, note what the system roots think of
 * it, and always go on.
 */
static int
verify_record_cb (int             ok,
                  X509_STORE_CTX *ctx)
{
  CdTlsFetch *fetch = X509_STORE_CTX_get_app_data (ctx);

  if (!ok)
    {
      const char *reason = X509_verify_cert_error_string (X509_STORE_CTX_get_error (ctx));

      if (!g_ptr_array_find (fetch->verify_errors, reason, NULL))
        g_ptr_array_add (fetch->verify_errors, (gpointer)reason);
    }

  return 1;
}

static int
cert_verify_cb (X509_STORE_CTX *ctx,
                void           *arg)
{
  SSL *ssl = X509_STORE_CTX_get_ex_data (ctx, SSL_get_ex_data_X509_STORE_CTX_idx ());
  CdTlsFetch *fetch = SSL_get_app_data (ssl);
  STACK_OF(X509) *sent = X509_STORE_CTX_get0_untrusted (ctx);
  X509 *leaf = X509_STORE_CTX_get0_cert (ctx);

  g_ptr_array_set_size (fetch->result->chain, 0);
  for (int i = 0; sent != NULL && i < sk_X509_num (sent); i++)
    g_ptr_array_add (fetch->result->chain, _cd_x509_to_der (sk_X509_value (sent, i)));
  /* The leaf leads the list the server sent; be sure it is there. */
  if (fetch->result->chain->len == 0 && leaf != NULL)
    g_ptr_array_add (fetch->result->chain, _cd_x509_to_der (leaf));

  X509_STORE_CTX_set_app_data (ctx, fetch);
  X509_STORE_CTX_set_verify_cb (ctx, verify_record_cb);
  X509_verify_cert (ctx);
  ERR_clear_error ();

  return 1;
}

/* The server asks for a client certificate: note it and its CA names,
 * and send none. The handshake may fail afterwards, but what the
 * server presented is known by then.
 */
static int
client_cert_cb (SSL       *ssl,
                X509     **out_cert,
                EVP_PKEY **out_key)
{
  CdTlsFetch *fetch = SSL_get_app_data (ssl);
  const STACK_OF(X509_NAME) *names = SSL_get0_peer_CA_list (ssl);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  fetch->result->client_cert_requested = TRUE;
  for (int i = 0; names != NULL && i < sk_X509_NAME_num (names); i++)
    {
      g_autofree char *name = name_to_string (sk_X509_NAME_value (names, i));

      g_strv_builder_add (builder, name);
    }
  g_clear_pointer (&fetch->result->accepted_cas, g_strfreev);
  fetch->result->accepted_cas = g_strv_builder_end (builder);

  return 0;
}

/* One context for the whole process: it holds the system roots, which
 * are worth loading once for a thousand devices. Level 0 and every
 * protocol version, because the point is to see what old devices
 * present, not to trust them.
 */
SSL_CTX *
_cd_tls_get_ssl_context (void)
{
  static gsize initialized;
  static SSL_CTX *ctx;

  if (g_once_init_enter (&initialized))
    {
      _cd_openssl_init ();
      ctx = SSL_CTX_new (TLS_client_method ());
      if (ctx == NULL)
        g_error ("Out of memory");
      SSL_CTX_set_security_level (ctx, 0);
      SSL_CTX_set_min_proto_version (ctx, 0);
      SSL_CTX_set_cipher_list (ctx, "ALL:@SECLEVEL=0");
      SSL_CTX_set_options (ctx, SSL_OP_LEGACY_SERVER_CONNECT | SSL_OP_IGNORE_UNEXPECTED_EOF);
      SSL_CTX_set_session_cache_mode (ctx, SSL_SESS_CACHE_OFF);
      if (!SSL_CTX_set_default_verify_paths (ctx))
        g_debug ("The system trust bundle could not be loaded");
      SSL_CTX_set_verify (ctx, SSL_VERIFY_NONE, NULL);
      SSL_CTX_set_cert_verify_callback (ctx, cert_verify_cb, NULL);
      SSL_CTX_set_client_cert_cb (ctx, client_cert_cb);
      ERR_clear_error ();
      g_once_init_leave (&initialized, 1);
    }

  return ctx;
}
