/* cd-tls-starttls.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The plain-text prelude of mail, directory and chat servers before
 * their TLS handshake: just enough of SMTP (RFC 3207), IMAP (RFC 2595),
 * POP3 (RFC 2595), LDAP (RFC 4511 §4.14) and XMPP (RFC 6120 §5) to ask
 * for TLS. Each protocol is a small step function that looks at what
 * has arrived and says whether to read, send or stop.
 */

#define G_LOG_DOMAIN "cd-tls-fetch"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cd-errors.h"
#include "cd-tls-fetch-private.h"

/* No sane greeting or capability list comes near this. */
#define MAX_PENDING 65536

typedef enum
{
  ACTION_READ,
  ACTION_SEND,
  ACTION_DONE,
  ACTION_FAILED,
} Action;

typedef struct
{
  GIOStream           *stream;
  CdStarttls           starttls;
  char                *server_name;
  char                *address;
  GCancellable        *cancellable;
  GByteArray          *pending;    /* received, not yet understood */
  guint8               buffer[4096];
  GBytes              *sending;
  int                  step;
  gboolean             offered;    /* SMTP's EHLO listed STARTTLS */

  GMarkupParseContext *markup;     /* XMPP */
  gboolean             features_done;
  gboolean             proceed;
  gboolean             failure;
} Dialogue;

static void advance (GTask *task);

static void
dialogue_free (Dialogue *d)
{
  g_clear_object (&d->stream);
  g_clear_object (&d->cancellable);
  g_clear_pointer (&d->pending, g_byte_array_unref);
  g_clear_pointer (&d->markup, g_markup_parse_context_free);
  g_clear_pointer (&d->sending, g_bytes_unref);
  g_free (d->server_name);
  g_free (d->address);
  g_free (d);
}

static const char *
protocol_name (CdStarttls starttls)
{
  switch (starttls)
    {
    case CD_STARTTLS_SMTP: return "SMTP";
    case CD_STARTTLS_IMAP: return "IMAP";
    case CD_STARTTLS_POP3: return "POP3";
    case CD_STARTTLS_LDAP: return "LDAP";
    case CD_STARTTLS_XMPP: return "XMPP";
    case CD_STARTTLS_NONE:
    default:
      return "TLS";
    }
}

/* One whole line off the front of what arrived, without its CR LF,
 * made valid UTF-8 for messages; NULL until one has arrived.
 */
static char *
take_line (Dialogue *d)
{
  guint8 *newline = memchr (d->pending->data, '\n', d->pending->len);
  gsize len;
  char *line;

  if (newline == NULL)
    return NULL;

  len = newline - d->pending->data;
  line = g_utf8_make_valid ((const char *)d->pending->data,
                            len > 0 && newline[-1] == '\r' ? len - 1 : len);
  g_byte_array_remove_range (d->pending, 0, len + 1);

  return line;
}

static Action
refused (Dialogue    *d,
         const char  *answer,
         GError     **error)
{
  g_set_error (error, CD_NETWORK_ERROR, CD_NETWORK_ERROR_STARTTLS_REFUSED,
               /* translators: %s are the address, the protocol and the server's answer */
               _("%s refused STARTTLS over %s. It answered: “%s”."),
               d->address, protocol_name (d->starttls), answer);
  return ACTION_FAILED;
}

static Action
not_the_protocol (Dialogue  *d,
                  GError   **error)
{
  g_set_error (error, CD_NETWORK_ERROR, CD_NETWORK_ERROR_STARTTLS_REFUSED,
               _("%s does not answer as a %s server does. Check the port and the STARTTLS "
                 "protocol."),
               d->address, protocol_name (d->starttls));
  return ACTION_FAILED;
}

static Action
send_text (Dialogue   *d,
           const char *text,
           int         next_step)
{
  g_clear_pointer (&d->sending, g_bytes_unref);
  d->sending = g_bytes_new (text, strlen (text));
  d->step = next_step;
  return ACTION_SEND;
}

static Action
smtp_advance (Dialogue  *d,
              GError   **error)
{
  char *raw;

  while ((raw = take_line (d)) != NULL)
    {
      g_autofree char *line = raw;
      int code;

      if (strlen (line) < 3 || !g_ascii_isdigit (line[0]) || !g_ascii_isdigit (line[1]) ||
          !g_ascii_isdigit (line[2]) || (line[3] != '\0' && line[3] != ' ' && line[3] != '-'))
        return not_the_protocol (d, error);

      if (d->step == 1 && g_ascii_strncasecmp (line + 4, "STARTTLS", 8) == 0)
        d->offered = TRUE;

      /* "250-…" lines go on; "250 …" ends the reply. */
      if (line[3] == '-')
        continue;

      code = atoi (line);
      switch (d->step)
        {
        case 0:
          if (code != 220)
            return refused (d, line, error);
          return send_text (d, "EHLO certdesk.invalid\r\n", 1);

        case 1:
          if (code != 250)
            return refused (d, line, error);
          if (!d->offered)
            {
              g_set_error (error, CD_NETWORK_ERROR, CD_NETWORK_ERROR_STARTTLS_REFUSED,
                           _("%s does not offer STARTTLS: its mail server answers only in "
                             "plain text."),
                           d->address);
              return ACTION_FAILED;
            }
          return send_text (d, "STARTTLS\r\n", 2);

        default:
          return code == 220 ? ACTION_DONE : refused (d, line, error);
        }
    }

  return ACTION_READ;
}

static Action
imap_advance (Dialogue  *d,
              GError   **error)
{
  char *raw;

  while ((raw = take_line (d)) != NULL)
    {
      g_autofree char *line = raw;

      if (d->step == 0)
        {
          if (g_str_has_prefix (line, "* OK") || g_str_has_prefix (line, "* PREAUTH"))
            return send_text (d, "C1 STARTTLS\r\n", 1);
          if (g_str_has_prefix (line, "* BYE"))
            return refused (d, line, error);
          return not_the_protocol (d, error);
        }

      /* Untagged lines may come before the answer to our command. */
      if (g_str_has_prefix (line, "* "))
        continue;
      if (g_str_has_prefix (line, "C1 OK"))
        return ACTION_DONE;
      return refused (d, line, error);
    }

  return ACTION_READ;
}

static Action
pop3_advance (Dialogue  *d,
              GError   **error)
{
  g_autofree char *line = take_line (d);

  if (line == NULL)
    return ACTION_READ;

  if (d->step == 0)
    {
      if (g_str_has_prefix (line, "+OK"))
        return send_text (d, "STLS\r\n", 1);
      return g_str_has_prefix (line, "-ERR") ? refused (d, line, error)
                                             : not_the_protocol (d, error);
    }

  return g_str_has_prefix (line, "+OK") ? ACTION_DONE : refused (d, line, error);
}

static Action
ldap_advance (Dialogue  *d,
              GError   **error)
{
  int result_code = -1;
  gssize used;

  if (d->step == 0)
    {
      d->step = 1;
      g_clear_pointer (&d->sending, g_bytes_unref);
      d->sending = _cd_ldap_starttls_request (1);
      return ACTION_SEND;
    }

  used = _cd_ldap_parse_response (d->pending->data, d->pending->len, 1, &result_code, NULL);
  if (used == -1)
    return ACTION_READ;
  if (used < 0)
    return not_the_protocol (d, error);

  if (result_code != 0)
    {
      g_autofree char *answer = g_strdup_printf ("resultCode %d", result_code);

      return refused (d, answer, error);
    }

  return ACTION_DONE;
}

/* XMPP elements come with or without a namespace prefix. */
static gboolean
is_element (const char *name,
            const char *local)
{
  const char *colon = strrchr (name, ':');

  return g_str_equal (colon != NULL ? colon + 1 : name, local);
}

static void
xmpp_start_element (GMarkupParseContext  *context,
                    const char           *name,
                    const char          **attribute_names,
                    const char          **attribute_values,
                    gpointer              user_data,
                    GError              **error)
{
  Dialogue *d = user_data;

  if (is_element (name, "starttls"))
    d->offered = TRUE;
  else if (is_element (name, "proceed"))
    d->proceed = TRUE;
  else if (is_element (name, "failure"))
    d->failure = TRUE;
}

static void
xmpp_end_element (GMarkupParseContext  *context,
                  const char           *name,
                  gpointer              user_data,
                  GError              **error)
{
  Dialogue *d = user_data;

  if (is_element (name, "features"))
    d->features_done = TRUE;
}

static const GMarkupParser xmpp_parser = {
  xmpp_start_element, xmpp_end_element, NULL, NULL, NULL,
};

static Action
xmpp_advance (Dialogue  *d,
              GError   **error)
{
  g_autofree char *header = NULL;

  if (d->step == 0)
    {
      header = g_markup_printf_escaped ("<?xml version='1.0'?><stream:stream to='%s' "
                                        "version='1.0' xmlns='jabber:client' "
                                        "xmlns:stream='http://etherx.jabber.org/streams'>",
                                        d->server_name);
      d->markup = g_markup_parse_context_new (&xmpp_parser, G_MARKUP_TREAT_CDATA_AS_TEXT, d, NULL);
      return send_text (d, header, 1);
    }

  /* GMarkup reads the open-ended stream piece by piece. */
  if (d->pending->len > 0 &&
      !g_markup_parse_context_parse (d->markup, (const char *)d->pending->data,
                                     d->pending->len, NULL))
    return not_the_protocol (d, error);
  g_byte_array_set_size (d->pending, 0);

  if (d->failure)
    return refused (d, "<failure/>", error);
  if (d->proceed)
    return ACTION_DONE;
  if (d->features_done && d->step == 1)
    {
      if (!d->offered)
        {
          g_set_error (error, CD_NETWORK_ERROR, CD_NETWORK_ERROR_STARTTLS_REFUSED,
                       _("%s does not offer STARTTLS: its XMPP server lists no <starttls/> "
                         "feature."),
                       d->address);
          return ACTION_FAILED;
        }
      return send_text (d, "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>", 2);
    }

  return ACTION_READ;
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Dialogue *d = g_task_get_task_data (task);
  GError *error = NULL;
  gssize n;

  n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, &error);
  if (n < 0)
    {
      g_task_return_error (task, error);
      return;
    }
  if (n == 0)
    {
      g_task_return_new_error (task, CD_NETWORK_ERROR, CD_NETWORK_ERROR_CLOSED,
                               _("%s closed the connection during STARTTLS over %s."),
                               d->address, protocol_name (d->starttls));
      return;
    }

  g_byte_array_append (d->pending, d->buffer, n);
  advance (g_steal_pointer (&task));
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
      g_task_return_error (task, error);
      return;
    }

  advance (g_steal_pointer (&task));
}

/* Takes the task's reference. */
static void
advance (GTask *task)
{
  Dialogue *d = g_task_get_task_data (task);
  GError *error = NULL;
  Action action;

  switch (d->starttls)
    {
    case CD_STARTTLS_SMTP: action = smtp_advance (d, &error); break;
    case CD_STARTTLS_IMAP: action = imap_advance (d, &error); break;
    case CD_STARTTLS_POP3: action = pop3_advance (d, &error); break;
    case CD_STARTTLS_LDAP: action = ldap_advance (d, &error); break;
    case CD_STARTTLS_XMPP: action = xmpp_advance (d, &error); break;
    case CD_STARTTLS_NONE:
    default:
      action = ACTION_DONE;
      break;
    }

  if (action == ACTION_READ && d->pending->len >= MAX_PENDING)
    action = not_the_protocol (d, &error);

  switch (action)
    {
    case ACTION_READ:
      g_input_stream_read_async (g_io_stream_get_input_stream (d->stream), d->buffer,
                                 sizeof d->buffer, G_PRIORITY_DEFAULT, d->cancellable,
                                 read_cb, task);
      break;

    case ACTION_SEND:
      g_output_stream_write_all_async (g_io_stream_get_output_stream (d->stream),
                                       g_bytes_get_data (d->sending, NULL),
                                       g_bytes_get_size (d->sending),
                                       G_PRIORITY_DEFAULT, d->cancellable, write_cb, task);
      break;

    case ACTION_DONE:
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      break;

    case ACTION_FAILED:
    default:
      g_task_return_error (task, error);
      g_object_unref (task);
      break;
    }
}

void
_cd_starttls_async (GIOStream           *stream,
                    CdStarttls           starttls,
                    const char          *server_name,
                    const char          *address,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  Dialogue *d = g_new0 (Dialogue, 1);

  d->stream = g_object_ref (stream);
  d->starttls = starttls;
  d->server_name = g_strdup (server_name);
  d->address = g_strdup (address);
  d->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  d->pending = g_byte_array_new ();
  g_task_set_source_tag (task, _cd_starttls_async);
  g_task_set_task_data (task, d, (GDestroyNotify)dialogue_free);

  advance (task);
}

gboolean
_cd_starttls_finish (GAsyncResult  *result,
                     GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
