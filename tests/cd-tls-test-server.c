/* cd-tls-test-server.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Servers on loopback for the device tests. s_server prints
 * "ACCEPT 127.0.0.1:PORT" once it listens, so port 0 lets the kernel
 * choose. Its standard input stays an open pipe: at end of input it
 * would quit.
 */

/* memmem () */
#define _GNU_SOURCE

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "cd-test-utils.h"
#include "cd-tls-test-server.h"

struct _CdTestServer
{
  GSubprocess            *process;
  GSocketListener        *listener;
  GThread                *acceptor;
  GCancellable           *stopping;
  GSocket                *silent;
  CdTestFrontKind         kind;
  guint16                 port;
  volatile gint           backend_port;
  GBytes                 *ldap_response;
};

/* A test that aborts must not leave servers behind. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

CdTestServer *
cd_test_server_start (guint16             port,
                      const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  CdTestServer *server = g_new0 (CdTestServer, 1);

  g_ptr_array_add (argv, g_strdup ("openssl"));
  g_ptr_array_add (argv, g_strdup ("s_server"));
  g_ptr_array_add (argv, g_strdup ("-accept"));
  g_ptr_array_add (argv, g_strdup_printf ("127.0.0.1:%u", port));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  server->process = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv->pdata,
                                                  &error);
  g_assert_no_error (error);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->process));
  for (;;)
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
      const char *colon;

      g_assert_no_error (error);
      if (line == NULL)
        g_error ("openssl s_server ended before it listened");
      if (!g_str_has_prefix (line, "ACCEPT "))
        continue;

      colon = strrchr (line, ':');
      g_assert_nonnull (colon);
      server->port = (guint16)atoi (colon + 1);
      break;
    }

  g_assert_cmpuint (server->port, >, 0);
  return server;
}

/* Copies one way until end of file, in its own thread. */
static gpointer
pump_thread (gpointer data)
{
  GIOStream **streams = data;
  GInputStream *in = g_io_stream_get_input_stream (streams[0]);
  GOutputStream *out = g_io_stream_get_output_stream (streams[1]);

  g_output_stream_splice (out, in, G_OUTPUT_STREAM_SPLICE_NONE, NULL, NULL);
  g_socket_shutdown (g_socket_connection_get_socket (G_SOCKET_CONNECTION (streams[1])),
                     FALSE, TRUE, NULL);
  g_free (streams);
  return NULL;
}

/* Both directions at once, blocking, then both closed. */
static void
relay (CdTestServer      *server,
       GSocketConnection *connection)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) backend = NULL;
  GIOStream **up = g_new (GIOStream *, 2);
  GIOStream **down = g_new (GIOStream *, 2);
  GThread *a;
  GThread *b;

  backend = g_socket_client_connect_to_host (client, "127.0.0.1",
                                             g_atomic_int_get (&server->backend_port), NULL, NULL);
  if (backend == NULL)
    {
      g_free (up);
      g_free (down);
      return;
    }

  up[0] = G_IO_STREAM (connection);
  up[1] = G_IO_STREAM (backend);
  down[0] = G_IO_STREAM (backend);
  down[1] = G_IO_STREAM (connection);
  a = g_thread_new ("relay-up", pump_thread, up);
  b = g_thread_new ("relay-down", pump_thread, down);
  g_thread_join (a);
  g_thread_join (b);
}

static void
write_text (GOutputStream *out,
            const char    *text)
{
  g_output_stream_write_all (out, text, strlen (text), NULL, NULL, NULL);
}

static gboolean
serve (CdTestServer      *server,
       GSocketConnection *connection)
{
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  GInputStream *raw = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  g_autoptr(GDataInputStream) in = NULL;

  if (server->kind == CD_TEST_FRONT_RELAY)
    {
      relay (server, connection);
      return TRUE;
    }

  if (server->kind == CD_TEST_FRONT_LDAP)
    {
      guint8 request[4096];
      gssize n = g_input_stream_read (raw, request, sizeof request, NULL, NULL);
      static const char oid[] = "1.3.6.1.4.1.1466.20037";

      /* Only a StartTLS request gets the success answer. */
      if (n <= 0 || memmem (request, n, oid, sizeof oid - 1) == NULL)
        return TRUE;
      g_output_stream_write_all (out, g_bytes_get_data (server->ldap_response, NULL),
                                 g_bytes_get_size (server->ldap_response), NULL, NULL, NULL);
      relay (server, connection);
      return TRUE;
    }

  /* The client sends nothing past STARTTLS before our answer, so the
   * buffered reader never holds bytes of the TLS handshake.
   */
  in = g_data_input_stream_new (raw);
  g_data_input_stream_set_newline_type (in, G_DATA_STREAM_NEWLINE_TYPE_CR_LF);
  write_text (out, "220 front.example.test ESMTP test\r\n");

  for (;;)
    {
      g_autofree char *line = g_data_input_stream_read_line (in, NULL, NULL, NULL);

      if (line == NULL)
        break;
      if (g_ascii_strncasecmp (line, "EHLO", 4) == 0)
        {
          write_text (out, server->kind == CD_TEST_FRONT_SMTP ?
                             "250-front.example.test\r\n250-PIPELINING\r\n250 STARTTLS\r\n" :
                             "250-front.example.test\r\n250 PIPELINING\r\n");
        }
      else if (g_ascii_strcasecmp (line, "STARTTLS") == 0 && server->kind == CD_TEST_FRONT_SMTP)
        {
          write_text (out, "220 2.0.0 Ready to start TLS\r\n");
          relay (server, connection);
          break;
        }
      else if (g_ascii_strcasecmp (line, "QUIT") == 0)
        {
          write_text (out, "221 Bye\r\n");
          break;
        }
      else
        {
          write_text (out, "502 5.5.1 Unrecognized command\r\n");
        }
    }

  return TRUE;
}

typedef struct
{
  CdTestServer      *server;
  GSocketConnection *connection;
} Client;

static gpointer
client_thread (gpointer data)
{
  Client *client = data;

  serve (client->server, client->connection);
  g_io_stream_close (G_IO_STREAM (client->connection), NULL, NULL);
  g_object_unref (client->connection);
  g_free (client);
  return NULL;
}

/* Blocking accepts, a thread per connection: the fronts work whatever
 * main context the code under test runs.
 */
static gpointer
accept_thread (gpointer data)
{
  CdTestServer *server = data;

  for (;;)
    {
      GSocketConnection *connection = g_socket_listener_accept (server->listener, NULL,
                                                                server->stopping, NULL);
      Client *client;

      if (connection == NULL)
        break;
      client = g_new0 (Client, 1);
      client->server = server;
      client->connection = connection;
      g_thread_unref (g_thread_new ("front-client", client_thread, client));
    }

  return NULL;
}

static GBytes *
make_ldap_response (void)
{
  g_autofree char *dir = cd_test_make_tmpdir ();
  g_autofree char *conf = g_build_filename (dir, "ldap.cnf", NULL);
  g_autofree char *der = g_build_filename (dir, "ldap.der", NULL);
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize length = 0;

  /* openssl writes the BER of an ExtendedResponse with success. */
  g_file_set_contents (conf,
                       "asn1=SEQUENCE:msg\n"
                       "[msg]\n"
                       "id=INT:1\n"
                       "resp=IMPLICIT:24A,SEQUENCE:resp\n"
                       "[resp]\n"
                       "code=ENUMERATED:0\n"
                       "dn=FORMAT:ASCII,OCTETSTRING:\n"
                       "diag=FORMAT:ASCII,OCTETSTRING:\n"
                       "name=IMPLICIT:10C,FORMAT:ASCII,OCTETSTRING:1.3.6.1.4.1.1466.20037\n",
                       -1, &error);
  g_assert_no_error (error);
  cd_test_run_command ("openssl asn1parse -genconf %s -out %s -noout", conf, der);
  g_file_get_contents (der, &data, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (data, length);
}

CdTestServer *
cd_test_front_start (CdTestFrontKind kind,
                     guint16         backend_port)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  CdTestServer *server = g_new0 (CdTestServer, 1);

  server->kind = kind;
  server->backend_port = backend_port;

  if (kind == CD_TEST_FRONT_SILENT)
    {
      /* Listening without accepting: the kernel completes the TCP
       * handshake and then nothing ever answers.
       */
      server->silent = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                     G_SOCKET_PROTOCOL_TCP, &error);
      g_assert_no_error (error);
      g_socket_bind (server->silent, address, TRUE, &error);
      g_assert_no_error (error);
      g_socket_set_listen_backlog (server->silent, 64);
      g_socket_listen (server->silent, &error);
      g_assert_no_error (error);
      bound = g_socket_get_local_address (server->silent, &error);
      g_assert_no_error (error);
      server->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
      return server;
    }

  if (kind == CD_TEST_FRONT_LDAP)
    server->ldap_response = make_ldap_response ();

  server->listener = g_socket_listener_new ();
  g_socket_listener_add_address (server->listener, address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error);
  g_assert_no_error (error);
  server->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  server->stopping = g_cancellable_new ();
  server->acceptor = g_thread_new ("front-accept", accept_thread, server);

  return server;
}

/* A restarted s_server may not get its port back at once; a relay
 * keeps the address and changes what is behind it.
 */
void
cd_test_front_set_backend (CdTestServer *server,
                           guint16       backend_port)
{
  g_atomic_int_set (&server->backend_port, backend_port);
}

guint16
cd_test_server_get_port (CdTestServer *server)
{
  return server->port;
}

void
cd_test_server_stop (CdTestServer *server)
{
  if (server->process != NULL)
    {
      g_subprocess_force_exit (server->process);
      g_subprocess_wait (server->process, NULL, NULL);
      g_clear_object (&server->process);
    }
  if (server->listener != NULL)
    {
      /* Closing a socket does not wake a blocked accept; cancelling does. */
      g_cancellable_cancel (server->stopping);
      g_thread_join (server->acceptor);
      g_socket_listener_close (server->listener);
      g_clear_object (&server->stopping);
      g_clear_object (&server->listener);
    }
  if (server->silent != NULL)
    {
      g_socket_close (server->silent, NULL);
      g_clear_object (&server->silent);
    }
  g_clear_pointer (&server->ldap_response, g_bytes_unref);
  g_free (server);
}

guint16
cd_test_free_port (void)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GError) error = NULL;
  guint16 port;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  g_socket_bind (socket, address, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);

  return port;
}
