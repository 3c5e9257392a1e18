/* cd-tls-address.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What names a server to fetch from: STARTTLS protocol ids, their
 * default ports, and "host:port" addresses.
 */

#define G_LOG_DOMAIN "cd-tls-fetch"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cd-errors.h"
#include "cd-tls-fetch.h"

static const char * const starttls_ids[] = { "none", "smtp", "imap", "pop3", "ldap", "xmpp" };
static const guint16 default_ports[] = { 443, 25, 143, 110, 389, 5222 };

const char *
cd_starttls_to_id (CdStarttls starttls)
{
  g_return_val_if_fail (starttls < G_N_ELEMENTS (starttls_ids), NULL);

  return starttls_ids[starttls];
}

gboolean
cd_starttls_from_id (const char *id,
                     CdStarttls *out_starttls)
{
  for (guint i = 0; id != NULL && i < G_N_ELEMENTS (starttls_ids); i++)
    {
      if (g_ascii_strcasecmp (id, starttls_ids[i]) == 0)
        {
          *out_starttls = i;
          return TRUE;
        }
    }

  return FALSE;
}

/* 443 without STARTTLS; the usual submission port of each protocol. */
guint16
cd_starttls_get_default_port (CdStarttls starttls)
{
  g_return_val_if_fail (starttls < G_N_ELEMENTS (default_ports), 443);

  return default_ports[starttls];
}

/**
 * cd_tls_parse_address:
 * @text: "host", "host:port", "[v6]:port" or a bare IPv6 address
 * @default_port: the port when @text names none
 *
 * Returns: %TRUE with the host (without brackets) and port set
 */
gboolean
cd_tls_parse_address (const char  *text,
                      guint16      default_port,
                      char       **out_host,
                      guint16     *out_port,
                      GError     **error)
{
  g_autofree char *host = NULL;
  guint16 port = default_port;
  const char *colon;

  g_return_val_if_fail (text != NULL, FALSE);

  text = text + strspn (text, " \t");
  colon = strrchr (text, ':');

  if (text[0] == '[')
    {
      const char *end = strchr (text, ']');

      if (end == NULL || (end[1] != '\0' && end[1] != ':'))
        goto invalid;
      host = g_strndup (text + 1, end - text - 1);
      colon = end[1] == ':' ? end + 1 : NULL;
    }
  else if (colon != NULL && strchr (text, ':') != colon)
    {
      /* Several colons and no brackets: a bare IPv6 address. */
      host = g_strdup (text);
      colon = NULL;
    }
  else
    {
      host = colon != NULL ? g_strndup (text, colon - text) : g_strdup (text);
    }

  g_strchomp (host);
  if (*host == '\0' || strpbrk (host, " \t/?#@") != NULL)
    goto invalid;

  if (colon != NULL)
    {
      guint64 value;

      if (!g_ascii_string_to_unsigned (colon + 1, 10, 1, 65535, &value, NULL))
        {
          g_set_error (error, CD_NETWORK_ERROR, CD_NETWORK_ERROR_ADDRESS,
                       _("“%s” is not a port: give a number from 1 to 65535."), colon + 1);
          return FALSE;
        }
      port = value;
    }

  *out_host = g_steal_pointer (&host);
  *out_port = port;
  return TRUE;

invalid:
  g_set_error (error, CD_NETWORK_ERROR, CD_NETWORK_ERROR_ADDRESS,
               _("“%s” is not a server address. Give a host name or IP address, and a port "
                 "after a colon: pbx.example.com:5061, [2001:db8::1]:443."),
               text);
  return FALSE;
}
