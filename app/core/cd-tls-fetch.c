/* cd-tls-fetch.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Fetching the certificates a server presents. GIO connects (resolver,
 * GSocketClient, async and cancellable on the caller's main context)
 * and OpenSSL speaks TLS through memory BIOs over the GIO streams.
 *
 * Why OpenSSL and not GTlsClientConnection: glib-networking rebuilds
 * the peer's chain from issuer links and drops what does not link, so
 * a misordered or padded chain (what admins need to see) is lost; its
 * backend (GnuTLS here, OpenSSL elsewhere) decides which old protocol
 * versions and SHA-1 signatures it still talks to, and old PBXs need
 * both; and the CA names of a TLS 1.3 certificate_authorities
 * extension are not exposed. OpenSSL gives the chain exactly as sent,
 * security level 0 for old devices, and the CA names of both TLS 1.2
 * and 1.3; it is already our X.509 stack and is in the GNOME runtime.
 */

#define G_LOG_DOMAIN "cd-tls-fetch"

#include "config.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <glib/gi18n-lib.h>

#include "cd-errors.h"
#include "cd-tls-fetch-private.h"

static void handshake_step (GTask *task);

static void
fetch_free (CdTlsFetch *fetch)
{
  if (fetch->timer != NULL)
    {
      g_source_destroy (fetch->timer);
      g_source_unref (fetch->timer);
    }
  if (fetch->caller_cancellable != NULL)
    g_cancellable_disconnect (fetch->caller_cancellable, fetch->cancelled_id);
  g_clear_object (&fetch->caller_cancellable);
  g_clear_object (&fetch->cancellable);
  g_clear_pointer (&fetch->ssl, SSL_free);
  if (fetch->connection != NULL)
    g_io_stream_close (G_IO_STREAM (fetch->connection), NULL, NULL);
  g_clear_object (&fetch->connection);
  g_clear_object (&fetch->result);
  g_clear_pointer (&fetch->verify_errors, g_ptr_array_unref);
  g_free (fetch->write_buffer);
  g_free (fetch->host);
  g_free (fetch->server_name);
  g_free (fetch);
}

static char *
address_label (CdTlsFetch *fetch)
{
  if (strchr (fetch->host, ':') != NULL)
    return g_strdup_printf ("[%s]:%u", fetch->host, fetch->port);

  return g_strdup_printf ("%s:%u", fetch->host, fetch->port);
}

static void
return_timeout (GTask *task)
{
  CdTlsFetch *fetch = g_task_get_task_data (task);
  g_autofree char *address = address_label (fetch);

  g_task_return_new_error (task, CD_NETWORK_ERROR, CD_NETWORK_ERROR_TIMEOUT,
                           /* translators: the second %s is what was being waited for */
                           _("%s did not answer in time (%s). Check that the address and port are "
                             "right and that no firewall drops the connection."),
                           address, fetch->stage);
}

/* Returns the error of a GIO call, or a timeout when our timer is what
 * cancelled it.
 */
static void
return_io_error (GTask  *task,
                 GError *error)
{
  CdTlsFetch *fetch = g_task_get_task_data (task);

  if (fetch->timed_out && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_error_free (error);
      return_timeout (task);
      return;
    }

  g_task_return_error (task, error);
}

static gboolean
timer_cb (gpointer user_data)
{
  CdTlsFetch *fetch = user_data;

  fetch->timed_out = TRUE;
  g_cancellable_cancel (fetch->cancellable);
  g_clear_pointer (&fetch->timer, g_source_unref);

  return G_SOURCE_REMOVE;
}

/* Each stage (connecting, then STARTTLS and the handshake) gets the
 * whole timeout.
 */
static void
start_timer (GTask      *task,
             const char *stage)
{
  CdTlsFetch *fetch = g_task_get_task_data (task);

  if (fetch->timer != NULL)
    {
      g_source_destroy (fetch->timer);
      g_source_unref (fetch->timer);
    }
  fetch->stage = stage;
  fetch->timer = g_timeout_source_new (fetch->timeout_ms);
  g_source_set_callback (fetch->timer, timer_cb, fetch, NULL);
  g_source_attach (fetch->timer, g_task_get_context (task));
}

static void
close_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CdTlsFetch *fetch = g_task_get_task_data (task);

  g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, NULL);
  g_task_return_pointer (task, g_steal_pointer (&fetch->result), g_object_unref);
}

static void
finish_handshake (GTask    *task,
                  gboolean  completed)
{
  CdTlsFetch *fetch = g_task_get_task_data (task);
  CdTlsResult *result = fetch->result;
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (fetch->connection));
  const SSL_CIPHER *cipher = SSL_get_current_cipher (fetch->ssl);
  gsize pending;

  result->protocol = g_strdup (SSL_get_version (fetch->ssl));
  if (cipher != NULL)
    result->cipher = g_strdup (SSL_CIPHER_standard_name (cipher));

  if (fetch->verify_errors->len > 0)
    {
      g_ptr_array_add (fetch->verify_errors, NULL);
      result->verify_error = g_strjoinv ("; ", (char **)fetch->verify_errors->pdata);
    }
  if (result->accepted_cas == NULL)
    result->accepted_cas = g_new0 (char *, 1);

  if (!completed)
    {
      g_task_return_pointer (task, g_steal_pointer (&fetch->result), g_object_unref);
      g_object_unref (task);
      return;
    }

  /* Say goodbye properly; whether the server hears it does not matter. */
  SSL_shutdown (fetch->ssl);
  pending = BIO_ctrl_pending (fetch->wbio);
  g_clear_pointer (&fetch->write_buffer, g_free);
  fetch->write_buffer = g_malloc (MAX (pending, 1));
  pending = MAX (BIO_read (fetch->wbio, fetch->write_buffer, pending), 0);
  g_output_stream_write_all_async (out, fetch->write_buffer, pending, G_PRIORITY_DEFAULT,
                                   fetch->cancellable, close_done_cb, task);
}

static void
return_handshake_error (GTask *task)
{
  CdTlsFetch *fetch = g_task_get_task_data (task);
  g_autofree char *address = address_label (fetch);
  unsigned long code = ERR_peek_last_error ();
  const char *reason = code != 0 ? ERR_reason_error_string (code) : NULL;

  ERR_clear_error ();

  /* A handshake, then nothing is a TLS record: an HTTP, SIP or SMTP
   * server on a port thought to be TLS.
   */
  if (fetch->received > 0 && fetch->first_byte != 0x16 && fetch->first_byte != 0x15)
    {
      g_task_return_new_error (task, CD_NETWORK_ERROR, CD_NETWORK_ERROR_NOT_TLS,
                               _("%s answers, but not with TLS. Check the port, or choose the "
                                 "STARTTLS protocol the server speaks."),
                               address);
      return;
    }

  /* The server refused us only for want of a client certificate: what
   * it presented before that is what we came for.
   */
  if (fetch->result->client_cert_requested && fetch->result->chain->len > 0)
    {
      g_object_ref (task);
      finish_handshake (task, FALSE);
      return;
    }

  g_task_return_new_error (task, CD_NETWORK_ERROR, CD_NETWORK_ERROR_HANDSHAKE,
                           _("The TLS handshake with %s failed: %s."),
                           address, reason != NULL ? reason : _("the server ended it"));
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CdTlsFetch *fetch = g_task_get_task_data (task);
  GError *error = NULL;
  gssize n;

  n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, &error);
  if (n < 0)
    {
      return_io_error (task, error);
      return;
    }

  if (n == 0)
    {
      g_autofree char *address = address_label (fetch);

      if (fetch->received > 0 && fetch->first_byte != 0x16 && fetch->first_byte != 0x15)
        {
          return_handshake_error (task);
          return;
        }
      if (fetch->result->client_cert_requested && fetch->result->chain->len > 0)
        {
          finish_handshake (g_steal_pointer (&task), FALSE);
          return;
        }

      g_task_return_new_error (task, CD_NETWORK_ERROR, CD_NETWORK_ERROR_CLOSED,
                               _("%s closed the connection before the TLS handshake ended. "
                                 "The port may not be a TLS port, or the server may refuse us."),
                               address);
      return;
    }

  if (fetch->received == 0)
    fetch->first_byte = fetch->read_buffer[0];
  fetch->received += n;
  BIO_write (fetch->rbio, fetch->read_buffer, n);

  handshake_step (g_steal_pointer (&task));
}

static void
write_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, &error))
    {
      return_io_error (task, error);
      return;
    }

  handshake_step (g_steal_pointer (&task));
}

/* Runs OpenSSL until it needs the network, then sends what it wrote or
 * reads what it waits for; takes the task's reference.
 */
static void
handshake_step (GTask *task)
{
  CdTlsFetch *fetch = g_task_get_task_data (task);
  GIOStream *stream = G_IO_STREAM (fetch->connection);
  size_t pending;
  int ret;
  int code = SSL_ERROR_NONE;

  ret = SSL_do_handshake (fetch->ssl);
  if (ret <= 0)
    code = SSL_get_error (fetch->ssl, ret);

  if (code != SSL_ERROR_NONE && code != SSL_ERROR_WANT_READ && code != SSL_ERROR_WANT_WRITE)
    {
      return_handshake_error (task);
      g_object_unref (task);
      return;
    }

  pending = BIO_ctrl_pending (fetch->wbio);
  if (pending > 0)
    {
      g_clear_pointer (&fetch->write_buffer, g_free);
      fetch->write_buffer = g_malloc (pending);
      pending = BIO_read (fetch->wbio, fetch->write_buffer, pending);
      g_output_stream_write_all_async (g_io_stream_get_output_stream (stream),
                                       fetch->write_buffer, pending, G_PRIORITY_DEFAULT,
                                       fetch->cancellable, write_cb, task);
      return;
    }

  if (ret == 1)
    {
      finish_handshake (task, TRUE);
      return;
    }

  g_input_stream_read_async (g_io_stream_get_input_stream (stream),
                             fetch->read_buffer, sizeof fetch->read_buffer, G_PRIORITY_DEFAULT,
                             fetch->cancellable, read_cb, task);
}

static void
start_handshake (GTask *task)
{
  CdTlsFetch *fetch = g_task_get_task_data (task);
  const char *name = fetch->server_name != NULL ? fetch->server_name : fetch->host;

  fetch->ssl = SSL_new (_cd_tls_get_ssl_context ());
  fetch->rbio = BIO_new (BIO_s_mem ());
  fetch->wbio = BIO_new (BIO_s_mem ());
  if (fetch->ssl == NULL || fetch->rbio == NULL || fetch->wbio == NULL)
    g_error ("Out of memory");
  /* A memory BIO says "retry" when empty instead of end of file. */
  BIO_set_mem_eof_return (fetch->rbio, -1);
  SSL_set_bio (fetch->ssl, fetch->rbio, fetch->wbio);
  SSL_set_app_data (fetch->ssl, fetch);
  SSL_set_connect_state (fetch->ssl);

  /* SNI and the name check take host names only (RFC 6066). */
  if (!g_hostname_is_ip_address (name))
    {
      SSL_set_tlsext_host_name (fetch->ssl, name);
      SSL_set1_host (fetch->ssl, name);
    }
  else
    {
      X509_VERIFY_PARAM_set1_ip_asc (SSL_get0_param (fetch->ssl), name);
    }

  handshake_step (task);
}

static void
starttls_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!_cd_starttls_finish (result, &error))
    {
      return_io_error (task, error);
      return;
    }

  start_handshake (g_steal_pointer (&task));
}

static void
connect_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CdTlsFetch *fetch = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *address = address_label (fetch);

  fetch->connection = g_socket_client_connect_finish (G_SOCKET_CLIENT (object), result, &error);
  if (fetch->connection != NULL)
    {
      /* TLS records are small and we wait for each answer. */
      g_socket_set_option (g_socket_connection_get_socket (fetch->connection),
                           IPPROTO_TCP, TCP_NODELAY, 1, NULL);
      /* translators: what a timeout was waiting for */
      start_timer (task, fetch->starttls != CD_STARTTLS_NONE ?
                           _("waiting for STARTTLS and the TLS handshake") :
                           _("waiting for the TLS handshake"));
      if (fetch->starttls != CD_STARTTLS_NONE)
        _cd_starttls_async (G_IO_STREAM (fetch->connection), fetch->starttls,
                            fetch->server_name != NULL ? fetch->server_name : fetch->host,
                            address, fetch->cancellable, starttls_cb, g_steal_pointer (&task));
      else
        start_handshake (g_steal_pointer (&task));
      return;
    }

  if ((fetch->timed_out && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return_timeout (task);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    g_task_return_new_error (task, CD_NETWORK_ERROR, CD_NETWORK_ERROR_REFUSED,
                             _("%s refused the connection: nothing listens on that port."),
                             address);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE))
    g_task_return_new_error (task, CD_NETWORK_ERROR, CD_NETWORK_ERROR_UNREACHABLE,
                             _("%s cannot be reached: no route to it from this computer."),
                             address);
  else if (error->domain == G_RESOLVER_ERROR)
    g_task_return_new_error (task, CD_NETWORK_ERROR, CD_NETWORK_ERROR_NOT_RESOLVED,
                             _("The name “%s” cannot be resolved: %s"),
                             fetch->host, error->message);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_new_error (task, CD_NETWORK_ERROR, CD_NETWORK_ERROR_FAILED,
                             _("%s cannot be reached: %s"), address, error->message);
}

static void
caller_cancelled_cb (GCancellable *cancellable,
                     gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

/**
 * cd_tls_fetch_async:
 * @host: a host name or an IP address (IPv6 without brackets)
 * @port: the TCP port
 * @starttls: the protocol to speak before TLS, or %CD_STARTTLS_NONE
 * @server_name: (nullable): the name to send as SNI and to check the
 *   certificate against; %NULL for @host
 * @timeout_ms: how long connecting may take, and then how long
 *   STARTTLS and the handshake may take; 0 for the default
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the thread-default main context when done
 * @user_data: data for @callback
 *
 * Connects and records what the server presents: its chain as sent,
 * the protocol version and cipher, and the CA names it accepts when it
 * asks for a client certificate. Any certificate is accepted; why the
 * system's roots would not accept it is recorded.
 */
void
cd_tls_fetch_async (const char          *host,
                    guint16              port,
                    CdStarttls           starttls,
                    const char          *server_name,
                    guint                timeout_ms,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GSocketClient) client = NULL;
  g_autoptr(GSocketConnectable) connectable = NULL;
  CdTlsFetch *fetch;

  g_return_if_fail (host != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_tls_fetch_async);
  g_task_set_name (task, "cd_tls_fetch_async");

  fetch = g_new0 (CdTlsFetch, 1);
  fetch->host = g_strdup (host);
  fetch->server_name = server_name != NULL && *server_name != '\0' ? g_strdup (server_name) : NULL;
  fetch->port = port;
  fetch->starttls = starttls;
  fetch->timeout_ms = timeout_ms > 0 ? timeout_ms : CD_TLS_FETCH_DEFAULT_TIMEOUT_MS;
  fetch->cancellable = g_cancellable_new ();
  fetch->result = g_object_new (CD_TYPE_TLS_RESULT, NULL);
  fetch->verify_errors = g_ptr_array_new ();
  g_task_set_task_data (task, fetch, (GDestroyNotify)fetch_free);

  if (cancellable != NULL)
    {
      fetch->caller_cancellable = g_object_ref (cancellable);
      fetch->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (caller_cancelled_cb),
                                                   fetch->cancellable, NULL);
    }

  /* translators: what a timeout was waiting for */
  start_timer (task, _("connecting"));

  client = g_socket_client_new ();
  /* Devices are reached directly: asking the proxy resolver (libproxy
   * reads its configuration on every lookup) costs more than the
   * handshake, and HTTP proxies do not carry SIP or LDAP anyway.
   */
  g_socket_client_set_enable_proxy (client, FALSE);
  connectable = g_network_address_new (host, port);
  g_socket_client_connect_async (client, connectable, fetch->cancellable, connect_cb,
                                 g_steal_pointer (&task));
}

/**
 * cd_tls_fetch_finish:
 * @result: the #GAsyncResult
 * @error: a location for a #GError (%CD_NETWORK_ERROR, or
 *   %G_IO_ERROR_CANCELLED)
 *
 * Returns: (transfer full) (nullable): what the server presented
 */
CdTlsResult *
cd_tls_fetch_finish (GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
fetch_sync_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/**
 * cd_tls_fetch:
 *
 * cd_tls_fetch_async() for a thread that may block (the CLI, a worker):
 * runs its own main context until the fetch is done.
 *
 * Returns: (transfer full) (nullable): what the server presented
 */
CdTlsResult *
cd_tls_fetch (const char    *host,
              guint16        port,
              CdStarttls     starttls,
              const char    *server_name,
              guint          timeout_ms,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GAsyncResult) result = NULL;

  g_main_context_push_thread_default (context);
  cd_tls_fetch_async (host, port, starttls, server_name, timeout_ms, cancellable,
                      fetch_sync_cb, &result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);
  g_main_context_pop_thread_default (context);

  return cd_tls_fetch_finish (result, error);
}
