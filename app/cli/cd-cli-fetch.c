/* cd-cli-fetch.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* "certdesk-cli fetch HOST[:PORT]": what a server presents over TLS,
 * checked against the stores, and optionally imported into them.
 */

#define G_LOG_DOMAIN "certdesk-cli"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cd-certificate.h"
#include "cd-chain.h"
#include "cd-cli-common.h"
#include "cd-cli-devices-private.h"
#include "cd-device-private.h"
#include "cd-errors.h"
#include "cd-importer.h"
#include "cd-keyring.h"
#include "cd-tls-fetch.h"

static const char help_summary[] =
  N_("Connect to a server over TLS and show the certificates it presents,\n"
     "leaf first, with the protocol version, the cipher, the CA names it\n"
     "accepts for client certificates, and the chain's status against the\n"
     "stores. Certificates that do not validate are shown too, with why.\n"
     "The port defaults to 443, or to the usual port of --starttls.\n"
     "The exit status is 0 when the server was reached, 1 when it was not.");

static char *
generate_text (const char  *address,
               CdTlsResult *result,
               CdChain     *chain)
{
  GPtrArray *ders = cd_tls_result_get_chain (result);
  const char * const *cas = cd_tls_result_get_accepted_cas (result);
  const char *verify_error = cd_tls_result_get_verify_error (result);
  GString *out = g_string_new (NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_string_append_printf (out, "%s: %s\n", _("Server"), address);
  g_string_append_printf (out, "%s: %s\n", _("Protocol"), cd_tls_result_get_protocol (result));
  g_string_append_printf (out, "%s: %s\n", _("Cipher"),
                          cd_tls_result_get_cipher (result) ? cd_tls_result_get_cipher (result) : "—");
  g_string_append_printf (out, ngettext ("%u certificate presented:\n",
                                         "%u certificates presented:\n", ders->len),
                          ders->len);

  for (guint i = 0; i < ders->len; i++)
    {
      g_autoptr(CdCertificate) row = _cd_device_describe_der (g_ptr_array_index (ders, i));
      char date[64];

      if (row == NULL)
        {
          g_string_append_printf (out, "  %u. %s\n", i + 1, _("(not a certificate)"));
          continue;
        }

      cd_cli_format_date (cd_certificate_get_not_after (row), date, sizeof date);
      g_string_append_printf (out, "  %u. ", i + 1);
      cd_cli_append_printable (out, cd_certificate_get_subject (row), -1);
      g_string_append (out, "\n     ");
      g_string_append_printf (out, _("issued by %s"), cd_certificate_get_issuer_cn (row));
      g_string_append (out, "; ");
      _cd_cli_append_expiry (out, cd_certificate_get_not_after (row), now);
      g_string_append_printf (out, "\n     SHA-256 %s\n", cd_certificate_get_sha256 (row));
    }

  g_string_append_printf (out, "%s: %s\n", _("System validation"),
                          verify_error != NULL ? verify_error : _("valid"));
  if (chain != NULL)
    g_string_append_printf (out, "%s: %s\n", _("Chain in the stores"),
                            cd_chain_get_status_label (chain));

  if (cd_tls_result_get_client_cert_requested (result))
    {
      g_string_append_printf (out, "%s\n", _("The server asks for a client certificate."));
      if (cas[0] == NULL)
        g_string_append_printf (out, "  %s\n", _("It names no certificate authority."));
      else
        g_string_append_printf (out, "  %s\n", _("Certificate authorities it accepts:"));
      for (guint i = 0; cas[i] != NULL; i++)
        {
          g_string_append (out, "    ");
          cd_cli_append_printable (out, cas[i], -1);
          g_string_append_c (out, '\n');
        }
    }

  return g_string_free (out, FALSE);
}

static char *
generate_json (const char     *host,
               guint16         port,
               CdTlsResult    *result,
               CdChain        *chain,
               CdImportResult *imported)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "host");
  json_builder_add_string_value (builder, host);
  json_builder_set_member_name (builder, "port");
  json_builder_add_int_value (builder, port);
  _cd_cli_add_tls_result_json (builder, result, chain);
  if (imported != NULL)
    {
      json_builder_set_member_name (builder, "imported");
      json_builder_add_int_value (builder, cd_import_result_get_total_added (imported));
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return cd_cli_generate_json (root);
}

/**
 * cd_cli_fetch:
 * @argc: the arguments count, the command name included
 * @argv: the arguments, starting with the command name
 *
 * Returns: the exit status: %CD_CLI_EXIT_FAILED when the server could
 *   not be reached or the import failed
 */
int
cd_cli_fetch (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CdDatabase) database = NULL;
  g_autoptr(CdTlsResult) result = NULL;
  g_autoptr(CdChain) chain = NULL;
  g_autoptr(CdImportResult) imported = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *starttls_id = NULL;
  g_autofree char *server_name = NULL;
  g_autofree char *host = NULL;
  g_autofree char *address = NULL;
  g_autofree char *text = NULL;
  CdStarttls starttls = CD_STARTTLS_NONE;
  gboolean json = FALSE;
  gboolean import = FALSE;
  int timeout = 0;
  guint16 port;
  const GOptionEntry entries[] = {
    { "starttls", 0, 0, G_OPTION_ARG_STRING, &starttls_id,
      N_("Speak this protocol before TLS: smtp, imap, pop3, ldap or xmpp"), N_("PROTOCOL") },
    { "servername", 0, 0, G_OPTION_ARG_STRING, &server_name,
      N_("Send this name (SNI) and check the certificate against it instead of HOST"),
      N_("NAME") },
    { "import", 0, 0, G_OPTION_ARG_NONE, &import,
      N_("Import the presented certificates into the stores, as “import” does"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON object"), NULL },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout,
      N_("Give up connecting, then the handshake, after this many seconds (default 10)"),
      N_("SECONDS") },
    { NULL }
  };

  context = cd_cli_option_context_new (N_("HOST[:PORT]"), help_summary, entries);
  if (!cd_cli_parse_options (context, &argc, &argv))
    return CD_CLI_EXIT_USAGE;

  if (argc != 2)
    {
      cd_cli_printerr (_("“fetch” takes one server address, such as pbx.example.com:5061."));
      return CD_CLI_EXIT_USAGE;
    }
  if (starttls_id != NULL && !_cd_cli_parse_starttls (starttls_id, &starttls))
    return CD_CLI_EXIT_USAGE;
  if (timeout < 0 || timeout > 3600)
    {
      cd_cli_printerr (_("The timeout must be from 1 to 3600 seconds."));
      return CD_CLI_EXIT_USAGE;
    }
  if (!cd_tls_parse_address (argv[1], cd_starttls_get_default_port (starttls), &host, &port,
                             &error))
    {
      cd_cli_print_error (error);
      return CD_CLI_EXIT_USAGE;
    }

  result = cd_tls_fetch (host, port, starttls, server_name, timeout * 1000, NULL, &error);
  if (result == NULL)
    {
      cd_cli_print_error (error);
      return CD_CLI_EXIT_FAILED;
    }

  database = cd_cli_open_database ();
  if (database == NULL)
    return CD_CLI_EXIT_FAILED;

  if (cd_tls_result_get_chain (result)->len > 0)
    {
      chain = _cd_device_build_chain (database, cd_tls_result_get_chain (result), &error);
      if (chain == NULL)
        {
          cd_cli_print_error (error);
          g_clear_error (&error);
        }
    }

  if (import && cd_tls_result_get_chain (result)->len > 0)
    {
      g_autoptr(CdKeyring) keyring = cd_keyring_new (FALSE);
      g_autoptr(CdImporter) importer = cd_importer_new (database, keyring);
      g_autoptr(GBytes) pem = _cd_device_chain_to_pem (cd_tls_result_get_chain (result));

      address = g_strdup_printf ("%s:%u", host, port);
      imported = cd_importer_import_bytes (importer, pem, address, NULL, CD_STORE_KIND_AUTO,
                                           NULL, NULL, NULL, &error);
      if (imported == NULL)
        {
          cd_cli_print_error (error);
          return CD_CLI_EXIT_FAILED;
        }
    }

  g_free (address);
  address = strchr (host, ':') ? g_strdup_printf ("[%s]:%u", host, port)
                               : g_strdup_printf ("%s:%u", host, port);
  text = json ? generate_json (host, port, result, chain, imported)
              : generate_text (address, result, chain);
  cd_cli_write (text, strlen (text));

  if (imported != NULL && !json)
    {
      g_autofree char *summary = cd_import_result_dup_summary (imported);
      g_autofree char *line = g_strdup_printf ("%s: %s\n", _("Imported"), summary);

      cd_cli_write (line, strlen (line));
    }

  return CD_CLI_EXIT_OK;
}
