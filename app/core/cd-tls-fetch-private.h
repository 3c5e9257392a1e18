/* cd-tls-fetch-private.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <openssl/ssl.h>

#include "cd-tls-fetch.h"

G_BEGIN_DECLS

/* What cd-tls-fetch.c records into (cd-tls-result.c). */
struct _CdTlsResult
{
  GObject    parent_instance;

  GPtrArray *chain;          /* GBytes DER, leaf first, as presented */
  char      *protocol;
  char      *cipher;
  char     **accepted_cas;   /* RFC 2253 names */
  char      *verify_error;   /* why the system roots do not validate it */
  gboolean   client_cert_requested;
};

#define CD_TLS_FETCH_READ_SIZE 16384

/* One fetch in progress: the task data of cd_tls_fetch_async(). */
typedef struct
{
  char              *host;
  char              *server_name;
  guint16            port;
  CdStarttls         starttls;
  guint              timeout_ms;

  GSocketConnection *connection;
  SSL               *ssl;
  BIO               *wbio;        /* owned by ssl */
  BIO               *rbio;        /* owned by ssl */
  GCancellable      *cancellable; /* ours: the timer and the caller's cancel it */
  GCancellable      *caller_cancellable;
  gulong             cancelled_id;
  GSource           *timer;
  gboolean           timed_out;
  const char        *stage;       /* for the timeout message */

  guint8            *write_buffer;
  guint8             read_buffer[CD_TLS_FETCH_READ_SIZE];
  gsize              received;
  guint8             first_byte;

  CdTlsResult       *result;
  GPtrArray         *verify_errors; /* const char *, OpenSSL's static strings */
} CdTlsFetch;

/* The process-wide client context (cd-tls-context.c); its callbacks
 * find the CdTlsFetch as the SSL's app data.
 */
SSL_CTX *_cd_tls_get_ssl_context   (void);

/* The plain-text dialogue before the TLS handshake (cd-tls-starttls.c).
 * It reads no byte past the server's last plain-text answer.
 */
void     _cd_starttls_async        (GIOStream            *stream,
                                    CdStarttls            starttls,
                                    const char           *server_name,
                                    const char           *address,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data);
gboolean _cd_starttls_finish       (GAsyncResult         *result,
                                    GError              **error);

/* LDAP's StartTLS extended operation, in BER (cd-tls-ldap.c). */
GBytes  *_cd_ldap_starttls_request (int                   message_id);
/* Returns -1 while @data holds less than one whole message, else the
 * bytes the message takes; *out_result_code is the LDAP resultCode.
 */
gssize   _cd_ldap_parse_response   (const guint8         *data,
                                    gsize                 length,
                                    int                   message_id,
                                    int                  *out_result_code,
                                    GError              **error);

G_END_DECLS
