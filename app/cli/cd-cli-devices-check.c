/* cd-cli-devices-check.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* "certdesk-cli devices check": the watcher without the GUI, for a cron
 * job or a systemd timer. Its exit status says whether any device needs
 * someone.
 */

#define G_LOG_DOMAIN "certdesk-cli"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cd-certificate.h"
#include "cd-cli-devices-private.h"
#include "cd-device-private.h"
#include "cd-device-watcher.h"
#include "cd-devices.h"

static const char help_summary[] =
  N_("Connect to every device, record what it presents and compare it\n"
     "with the previous check. One line per device; the events say what\n"
     "changed since the last check (the GUI notifies about them).\n"
     "The exit status is 1 when any device is unreachable, its certificate\n"
     "is expired or expires within the warning days, or it fails its\n"
     "device profile; 0 when all are fine.");

static const struct {
  CdDeviceEvents  event;
  const char     *id;
} event_ids[] = {
  { CD_DEVICE_EVENT_WARNING, "warning" },
  { CD_DEVICE_EVENT_EXPIRED, "expired" },
  { CD_DEVICE_EVENT_PROFILE_FAILS, "profile-fails" },
  { CD_DEVICE_EVENT_CHANGED, "changed" },
  { CD_DEVICE_EVENT_UNREACHABLE, "unreachable" },
};

/* The state word at the start of each line; stable, for scripts. */
static const char *
state_id (CdDeviceCheck *check,
          guint          warning_days,
          gint64         now)
{
  if (cd_device_check_get_error (check) != NULL)
    return "unreachable";
  if (cd_device_check_get_not_after (check) <= now)
    return "expired";
  if (g_strcmp0 (cd_device_check_get_profile_status (check), "fail") == 0)
    return "profile-fails";
  if (cd_device_check_is_in_trouble (check, warning_days, now))
    return "warning";
  return "ok";
}

void
_cd_cli_add_tls_result_json (JsonBuilder *builder,
                             CdTlsResult *result,
                             CdChain     *chain)
{
  GPtrArray *ders = cd_tls_result_get_chain (result);
  const char * const *cas = cd_tls_result_get_accepted_cas (result);

  json_builder_set_member_name (builder, "protocol");
  json_builder_add_string_value (builder, cd_tls_result_get_protocol (result));
  json_builder_set_member_name (builder, "cipher");
  json_builder_add_string_value (builder, cd_tls_result_get_cipher (result));
  json_builder_set_member_name (builder, "verify_error");
  json_builder_add_string_value (builder, cd_tls_result_get_verify_error (result));
  json_builder_set_member_name (builder, "chain_status");
  json_builder_add_string_value (builder, chain != NULL ?
                                 cd_chain_status_to_id (cd_chain_get_status (chain)) : NULL);
  json_builder_set_member_name (builder, "client_cert_requested");
  json_builder_add_boolean_value (builder, cd_tls_result_get_client_cert_requested (result));
  json_builder_set_member_name (builder, "accepted_cas");
  json_builder_begin_array (builder);
  for (guint i = 0; cas[i] != NULL; i++)
    json_builder_add_string_value (builder, cas[i]);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "certificates");
  json_builder_begin_array (builder);
  for (guint i = 0; i < ders->len; i++)
    {
      g_autoptr(CdCertificate) row = _cd_device_describe_der (g_ptr_array_index (ders, i));

      json_builder_begin_object (builder);
      if (row != NULL)
        cd_cli_add_certificate_json (builder, row);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

void
_cd_cli_add_check_json (JsonBuilder   *builder,
                        CdDeviceCheck *check,
                        guint          warning_days,
                        gint64         now)
{
  const char * const *cas = cd_device_check_get_accepted_cas (check);
  CdDeviceEvents events = cd_device_check_get_events (check);
  gboolean ok = cd_device_check_get_error (check) == NULL;
  char date[64];

  cd_cli_format_iso8601 (cd_device_check_get_checked_at (check), date, sizeof date);
  json_builder_set_member_name (builder, "checked_at");
  json_builder_add_string_value (builder, date);
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, cd_device_check_get_error (check));
  json_builder_set_member_name (builder, "sha256");
  json_builder_add_string_value (builder, cd_device_check_get_leaf_sha256 (check));
  json_builder_set_member_name (builder, "subject");
  json_builder_add_string_value (builder, cd_device_check_get_subject (check));
  json_builder_set_member_name (builder, "not_after");
  if (ok)
    {
      cd_cli_format_iso8601 (cd_device_check_get_not_after (check), date, sizeof date);
      json_builder_add_string_value (builder, date);
      json_builder_set_member_name (builder, "days_left");
      json_builder_add_int_value (builder, cd_device_check_get_days_left (check, now));
    }
  else
    {
      json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "days_left");
      json_builder_add_null_value (builder);
    }
  json_builder_set_member_name (builder, "chain_status");
  json_builder_add_string_value (builder, cd_device_check_get_chain_status (check));
  json_builder_set_member_name (builder, "profile_status");
  json_builder_add_string_value (builder, cd_device_check_get_profile_status (check));
  json_builder_set_member_name (builder, "protocol");
  json_builder_add_string_value (builder, cd_device_check_get_tls_version (check));
  json_builder_set_member_name (builder, "cipher");
  json_builder_add_string_value (builder, cd_device_check_get_cipher (check));
  json_builder_set_member_name (builder, "verify_error");
  json_builder_add_string_value (builder, cd_device_check_get_verify_error (check));
  json_builder_set_member_name (builder, "client_cert_requested");
  json_builder_add_boolean_value (builder, cd_device_check_get_client_cert_requested (check));
  json_builder_set_member_name (builder, "accepted_cas");
  json_builder_begin_array (builder);
  for (guint i = 0; cas[i] != NULL; i++)
    json_builder_add_string_value (builder, cas[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "chain_length");
  json_builder_add_int_value (builder, cd_device_check_get_chain (check)->len);

  if (warning_days > 0)
    {
      json_builder_set_member_name (builder, "state");
      json_builder_add_string_value (builder, state_id (check, warning_days, now));
      json_builder_set_member_name (builder, "events");
      json_builder_begin_array (builder);
      for (guint i = 0; i < G_N_ELEMENTS (event_ids); i++)
        {
          if (events & event_ids[i].event)
            json_builder_add_string_value (builder, event_ids[i].id);
        }
      json_builder_end_array (builder);
    }
}

int
_cd_cli_devices_check (int    argc,
                       char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CdDatabase) database = NULL;
  g_autoptr(CdDeviceWatcher) watcher = NULL;
  g_autoptr(GPtrArray) checks = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gboolean json = FALSE;
  gboolean trouble = FALSE;
  int concurrency = CD_DEVICE_WATCHER_DEFAULT_CONCURRENCY;
  int warning_days = CD_DEVICE_WATCHER_DEFAULT_WARNING_DAYS;
  int timeout = 0;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array"), NULL },
    { "concurrency", 0, 0, G_OPTION_ARG_INT, &concurrency,
      N_("Connect to at most N devices at once (default 32)"), N_("N") },
    { "warning-days", 0, 0, G_OPTION_ARG_INT, &warning_days,
      N_("Warn this many days before a certificate expires (default 60)"), N_("DAYS") },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout,
      N_("Give up on a device after this many seconds of connecting, then of handshake "
         "(default 10)"),
      N_("SECONDS") },
    { NULL }
  };

  context = cd_cli_option_context_new (NULL, help_summary, entries);
  if (!cd_cli_parse_options (context, &argc, &argv))
    return CD_CLI_EXIT_USAGE;
  if (argc != 1)
    {
      cd_cli_printerr (_("“devices check” checks every device and takes no argument."));
      return CD_CLI_EXIT_USAGE;
    }
  if (concurrency < 1 || concurrency > 1024)
    {
      cd_cli_printerr (_("The concurrency must be from 1 to 1024 connections."));
      return CD_CLI_EXIT_USAGE;
    }
  if (warning_days < 0 || warning_days > 3650)
    {
      cd_cli_printerr (_("The warning days must be from 0 to 3650."));
      return CD_CLI_EXIT_USAGE;
    }
  if (timeout < 0 || timeout > 3600)
    {
      cd_cli_printerr (_("The timeout must be from 1 to 3600 seconds."));
      return CD_CLI_EXIT_USAGE;
    }

  database = cd_cli_open_database ();
  if (database == NULL)
    return CD_CLI_EXIT_FAILED;

  watcher = cd_device_watcher_new (database);
  cd_device_watcher_set_concurrency (watcher, concurrency);
  cd_device_watcher_set_warning_days (watcher, warning_days);
  cd_device_watcher_set_timeout (watcher, timeout * 1000);

  checks = cd_device_watcher_check (watcher, NULL, NULL, &error);
  if (checks == NULL)
    {
      cd_cli_print_error (error);
      return CD_CLI_EXIT_FAILED;
    }

  for (guint i = 0; i < checks->len; i++)
    trouble |= cd_device_check_is_in_trouble (g_ptr_array_index (checks, i), warning_days, now);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < checks->len; i++)
        {
          CdDeviceCheck *check = g_ptr_array_index (checks, i);

          json_builder_begin_object (builder);
          _cd_cli_add_device_json (builder, cd_device_check_get_device (check));
          _cd_cli_add_check_json (builder, check, MAX (warning_days, 1), now);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      text = cd_cli_generate_json (root);
    }
  else
    {
      GString *out = g_string_new (NULL);

      for (guint i = 0; i < checks->len; i++)
        {
          CdDeviceCheck *check = g_ptr_array_index (checks, i);
          CdDeviceEvents events = cd_device_check_get_events (check);
          g_autofree char *address = cd_device_dup_address (cd_device_check_get_device (check));
          g_autofree char *summary = _cd_cli_describe_check (check, now);

          g_string_append_printf (out, "%-13s ", state_id (check, warning_days, now));
          cd_cli_append_printable (out, address, -1);
          g_string_append_printf (out, ": %s", summary);
          for (guint j = 0; j < G_N_ELEMENTS (event_ids); j++)
            {
              if (events & event_ids[j].event)
                g_string_append_printf (out, " [%s]", event_ids[j].id);
            }
          g_string_append_c (out, '\n');
        }
      text = g_string_free (out, FALSE);
    }

  cd_cli_write (text, strlen (text));

  return trouble ? CD_CLI_EXIT_FAILED : CD_CLI_EXIT_OK;
}
