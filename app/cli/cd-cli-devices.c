/* cd-cli-devices.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* "certdesk-cli devices …": the list of network endpoints the watcher
 * checks. "devices check" lives in cd-cli-devices-check.c.
 */

#define G_LOG_DOMAIN "certdesk-cli"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cd-cli-devices-private.h"
#include "cd-devices.h"
#include "cd-errors.h"

typedef struct
{
  const char       *name;
  CdCliCommandFunc  func;
  const char       *summary;
} Subcommand;

static int devices_add        (int argc, char **argv);
static int devices_list       (int argc, char **argv);
static int devices_remove     (int argc, char **argv);
static int devices_set        (int argc, char **argv);
static int devices_import_csv (int argc, char **argv);
static int devices_export_csv (int argc, char **argv);

static const Subcommand subcommands[] = {
  { "add",        devices_add,           N_("Add a server to watch: HOST[:PORT]") },
  { "list",       devices_list,          N_("List the devices and their last check") },
  { "remove",     devices_remove,        N_("Stop watching a device: HOST[:PORT]") },
  { "set",        devices_set,           N_("Change the profile or note of a device") },
  { "check",      _cd_cli_devices_check, N_("Check every device now and record the results") },
  { "import-csv", devices_import_csv,    N_("Add the devices of a CSV file") },
  { "export-csv", devices_export_csv,    N_("Write the devices to a CSV file") },
};

gboolean
_cd_cli_parse_starttls (const char *id,
                        CdStarttls *out_starttls)
{
  if (cd_starttls_from_id (id, out_starttls))
    return TRUE;

  cd_cli_printerr (_("“%s” is not a STARTTLS protocol. Give smtp, imap, pop3, ldap or xmpp "
                     "(or none)."),
                   id);
  return FALSE;
}

/* "expires 2026-09-01 (in 42 days)", "expired 2026-01-01 (3 days ago)". */
void
_cd_cli_append_expiry (GString *out,
                       gint64   not_after,
                       gint64   now)
{
  char date[64];
  gint64 left = not_after - now;

  cd_cli_format_date (not_after, date, sizeof date);
  if (left >= 0)
    {
      int days = (int)(left / 86400);

      g_string_append_printf (out, ngettext ("expires %s (in %d day)", "expires %s (in %d days)",
                                             days),
                              date, days);
    }
  else
    {
      int days = (int)((-left + 86399) / 86400);

      g_string_append_printf (out, ngettext ("expired %s (%d day ago)", "expired %s (%d days ago)",
                                             days),
                              date, days);
    }
}

void
_cd_cli_add_device_json (JsonBuilder *builder,
                         CdDevice    *device)
{
  json_builder_set_member_name (builder, "host");
  json_builder_add_string_value (builder, cd_device_get_host (device));
  json_builder_set_member_name (builder, "port");
  json_builder_add_int_value (builder, cd_device_get_port (device));
  json_builder_set_member_name (builder, "starttls");
  json_builder_add_string_value (builder, cd_starttls_to_id (cd_device_get_starttls (device)));
  json_builder_set_member_name (builder, "server_name");
  json_builder_add_string_value (builder, cd_device_get_server_name (device));
  json_builder_set_member_name (builder, "profile");
  json_builder_add_string_value (builder, cd_device_get_profile_id (device));
  json_builder_set_member_name (builder, "note");
  json_builder_add_string_value (builder, cd_device_get_note (device));
}

/* One line about a check: the certificate and its expiry, or the error. */
char *
_cd_cli_describe_check (CdDeviceCheck *check,
                        gint64         now)
{
  GString *out = g_string_new (NULL);
  const char *label;

  if (cd_device_check_get_error (check) != NULL)
    {
      cd_cli_append_printable (out, cd_device_check_get_error (check), -1);
      return g_string_free (out, FALSE);
    }

  cd_cli_append_printable (out, cd_device_check_get_subject (check), -1);
  g_string_append (out, ", ");
  _cd_cli_append_expiry (out, cd_device_check_get_not_after (check), now);
  label = cd_device_check_get_chain_status_label (check);
  if (label != NULL)
    g_string_append_printf (out, ", %s", label);
  if (cd_device_check_get_profile_status (check) != NULL)
    g_string_append_printf (out, ", %s %s", _("profile:"), cd_device_check_get_profile_status (check));

  return g_string_free (out, FALSE);
}

static CdDevice *
find_device (CdDatabase *database,
             const char *address)
{
  g_autoptr(GError) error = NULL;
  CdDevice *device = cd_devices_find (database, address, &error);

  if (device == NULL)
    cd_cli_print_error (error);

  return device;
}

static int
devices_add (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CdDatabase) database = NULL;
  g_autoptr(CdDevice) device = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *starttls_id = NULL;
  g_autofree char *server_name = NULL;
  g_autofree char *profile = NULL;
  g_autofree char *note = NULL;
  g_autofree char *host = NULL;
  g_autofree char *address = NULL;
  g_autofree char *line = NULL;
  CdStarttls starttls = CD_STARTTLS_NONE;
  guint16 port;
  const GOptionEntry entries[] = {
    { "starttls", 0, 0, G_OPTION_ARG_STRING, &starttls_id,
      N_("Speak this protocol before TLS: smtp, imap, pop3, ldap or xmpp"), N_("PROTOCOL") },
    { "servername", 0, 0, G_OPTION_ARG_STRING, &server_name,
      N_("Send this name (SNI) instead of HOST"), N_("NAME") },
    { "profile", 0, 0, G_OPTION_ARG_STRING, &profile,
      N_("Check the device against this device profile"), N_("ID") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("A note about the device"), N_("TEXT") },
    { NULL }
  };

  context = cd_cli_option_context_new (N_("HOST[:PORT]"),
                                       N_("Add a server to the devices the watcher checks.\n"
                                          "The port defaults to 443, or to the usual port of "
                                          "--starttls."),
                                       entries);
  if (!cd_cli_parse_options (context, &argc, &argv))
    return CD_CLI_EXIT_USAGE;
  if (argc != 2)
    {
      cd_cli_printerr (_("“devices add” takes one server address, such as pbx.example.com:5061."));
      return CD_CLI_EXIT_USAGE;
    }
  if (starttls_id != NULL && !_cd_cli_parse_starttls (starttls_id, &starttls))
    return CD_CLI_EXIT_USAGE;
  if (!cd_tls_parse_address (argv[1], cd_starttls_get_default_port (starttls), &host, &port,
                             &error))
    {
      cd_cli_print_error (error);
      return CD_CLI_EXIT_USAGE;
    }

  database = cd_cli_open_database ();
  if (database == NULL)
    return CD_CLI_EXIT_FAILED;

  device = cd_devices_add (database, host, port, starttls, server_name, profile, note, &error);
  if (device == NULL)
    {
      cd_cli_print_error (error);
      return CD_CLI_EXIT_FAILED;
    }

  address = cd_device_dup_address (device);
  line = g_strdup_printf (_("Added %s.\n"), address);
  cd_cli_write (line, strlen (line));

  return CD_CLI_EXIT_OK;
}

static int
devices_list (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CdDatabase) database = NULL;
  g_autoptr(GPtrArray) devices = NULL;
  g_autoptr(GHashTable) checks = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array"), NULL },
    { NULL }
  };

  context = cd_cli_option_context_new (NULL, N_("List the devices, each with its last check."),
                                       entries);
  if (!cd_cli_parse_options (context, &argc, &argv))
    return CD_CLI_EXIT_USAGE;
  if (argc != 1)
    {
      cd_cli_printerr (_("“devices list” takes no argument."));
      return CD_CLI_EXIT_USAGE;
    }

  database = cd_cli_open_database ();
  if (database == NULL)
    return CD_CLI_EXIT_FAILED;

  devices = cd_devices_list (database, &error);
  if (devices != NULL)
    checks = cd_devices_list_last_checks (database, FALSE, &error);
  if (devices == NULL || checks == NULL)
    {
      cd_cli_print_error (error);
      return CD_CLI_EXIT_FAILED;
    }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < devices->len; i++)
        {
          CdDevice *device = g_ptr_array_index (devices, i);
          gint64 id = cd_device_get_id (device);
          CdDeviceCheck *check = g_hash_table_lookup (checks, &id);

          json_builder_begin_object (builder);
          _cd_cli_add_device_json (builder, device);
          json_builder_set_member_name (builder, "last_check");
          if (check != NULL)
            {
              json_builder_begin_object (builder);
              _cd_cli_add_check_json (builder, check, 0, now);
              json_builder_end_object (builder);
            }
          else
            {
              json_builder_add_null_value (builder);
            }
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      text = cd_cli_generate_json (root);
    }
  else
    {
      GString *out = g_string_new (NULL);

      for (guint i = 0; i < devices->len; i++)
        {
          CdDevice *device = g_ptr_array_index (devices, i);
          gint64 id = cd_device_get_id (device);
          CdDeviceCheck *check = g_hash_table_lookup (checks, &id);
          g_autofree char *address = cd_device_dup_address (device);

          cd_cli_append_printable (out, address, -1);
          if (cd_device_get_starttls (device) != CD_STARTTLS_NONE)
            g_string_append_printf (out, " (STARTTLS %s)",
                                    cd_starttls_to_id (cd_device_get_starttls (device)));
          if (cd_device_get_profile_id (device) != NULL)
            g_string_append_printf (out, " [%s]", cd_device_get_profile_id (device));
          if (cd_device_get_note (device) != NULL)
            {
              g_string_append (out, " — ");
              cd_cli_append_printable (out, cd_device_get_note (device), -1);
            }
          g_string_append (out, "\n  ");
          if (check != NULL)
            {
              g_autofree char *summary = _cd_cli_describe_check (check, now);
              char date[64];

              cd_cli_format_iso8601 (cd_device_check_get_checked_at (check), date, sizeof date);
              g_string_append_printf (out, "%s (%s %s)", summary, _("checked"), date);
            }
          else
            {
              g_string_append (out, _("never checked"));
            }
          g_string_append_c (out, '\n');
        }
      text = g_string_free (out, FALSE);
    }

  cd_cli_write (text, strlen (text));
  return CD_CLI_EXIT_OK;
}

static int
devices_remove (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CdDatabase) database = NULL;
  guint failed = 0;

  context = cd_cli_option_context_new (N_("HOST[:PORT]…"),
                                       N_("Stop watching devices and forget their checks."),
                                       NULL);
  if (!cd_cli_parse_options (context, &argc, &argv))
    return CD_CLI_EXIT_USAGE;
  if (argc < 2)
    {
      cd_cli_printerr (_("“devices remove” takes the address of at least one device."));
      return CD_CLI_EXIT_USAGE;
    }

  database = cd_cli_open_database ();
  if (database == NULL)
    return CD_CLI_EXIT_FAILED;

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(CdDevice) device = find_device (database, argv[i]);
      g_autoptr(GError) error = NULL;

      if (device == NULL)
        {
          failed++;
          continue;
        }
      if (!cd_devices_remove (database, cd_device_get_id (device), &error))
        {
          cd_cli_print_error (error);
          failed++;
        }
    }

  return failed > 0 ? CD_CLI_EXIT_FAILED : CD_CLI_EXIT_OK;
}

static int
devices_set (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CdDatabase) database = NULL;
  g_autoptr(CdDevice) device = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *profile = NULL;
  g_autofree char *note = NULL;
  const GOptionEntry entries[] = {
    { "profile", 0, 0, G_OPTION_ARG_STRING, &profile,
      N_("The device profile (“” for none)"), N_("ID") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("The note (“” for none)"), N_("TEXT") },
    { NULL }
  };

  context = cd_cli_option_context_new (N_("HOST[:PORT]"),
                                       N_("Change the device profile or the note of a device; "
                                          "what is not given stays."),
                                       entries);
  if (!cd_cli_parse_options (context, &argc, &argv))
    return CD_CLI_EXIT_USAGE;
  if (argc != 2)
    {
      cd_cli_printerr (_("“devices set” takes the address of one device."));
      return CD_CLI_EXIT_USAGE;
    }

  database = cd_cli_open_database ();
  if (database == NULL)
    return CD_CLI_EXIT_FAILED;

  device = find_device (database, argv[1]);
  if (device == NULL)
    return CD_CLI_EXIT_FAILED;

  if (!cd_devices_update (database, cd_device_get_id (device),
                          profile != NULL ? profile : cd_device_get_profile_id (device),
                          note != NULL ? note : cd_device_get_note (device), &error))
    {
      cd_cli_print_error (error);
      return CD_CLI_EXIT_FAILED;
    }

  return CD_CLI_EXIT_OK;
}

static int
devices_import_csv (int    argc,
                    char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CdDatabase) database = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  guint added = 0;
  guint existing = 0;

  context = cd_cli_option_context_new (N_("FILE"),
                                       N_("Add the devices of a CSV file with the columns host, "
                                          "port, starttls,\nserver_name, profile, note (a header "
                                          "line is optional). Devices\nalready in the list stay "
                                          "as they are. A line in error adds nothing."),
                                       NULL);
  if (!cd_cli_parse_options (context, &argc, &argv))
    return CD_CLI_EXIT_USAGE;
  if (argc != 2)
    {
      cd_cli_printerr (_("“devices import-csv” takes one file."));
      return CD_CLI_EXIT_USAGE;
    }

  database = cd_cli_open_database ();
  if (database == NULL)
    return CD_CLI_EXIT_FAILED;

  file = g_file_new_for_commandline_arg (argv[1]);
  if (!cd_devices_import_csv (database, file, &added, &existing, &error))
    {
      cd_cli_print_error (error);
      return CD_CLI_EXIT_FAILED;
    }

  line = g_strdup_printf (ngettext ("%u device added, %u already there.\n",
                                    "%u devices added, %u already there.\n", added),
                          added, existing);
  cd_cli_write (line, strlen (line));

  return CD_CLI_EXIT_OK;
}

static int
devices_export_csv (int    argc,
                    char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CdDatabase) database = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  context = cd_cli_option_context_new (N_("FILE"),
                                       N_("Write every device to a CSV file (UTF-8, CR LF), "
                                          "replacing it."),
                                       NULL);
  if (!cd_cli_parse_options (context, &argc, &argv))
    return CD_CLI_EXIT_USAGE;
  if (argc != 2)
    {
      cd_cli_printerr (_("“devices export-csv” takes one file."));
      return CD_CLI_EXIT_USAGE;
    }

  database = cd_cli_open_database ();
  if (database == NULL)
    return CD_CLI_EXIT_FAILED;

  file = g_file_new_for_commandline_arg (argv[1]);
  if (!cd_devices_export_csv (database, file, &error))
    {
      cd_cli_print_error (error);
      return CD_CLI_EXIT_FAILED;
    }

  return CD_CLI_EXIT_OK;
}

/**
 * cd_cli_devices:
 * @argc: the arguments count, the command name included
 * @argv: the arguments, starting with the command name
 *
 * Returns: the exit status of the subcommand
 */
int
cd_cli_devices (int    argc,
                char **argv)
{
  g_autofree char *prgname = NULL;

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      GString *out = g_string_new (_("Usage: certdesk-cli devices SUBCOMMAND [OPTION…]\n\n"
                                     "Subcommands:\n"));

      for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
        g_string_append_printf (out, "  %-11s %s\n", subcommands[i].name,
                                _(subcommands[i].summary));
      if (argc < 2)
        {
          cd_cli_printerr (_("No subcommand given. Run “certdesk-cli devices --help”."));
          g_string_free (out, TRUE);
          return CD_CLI_EXIT_USAGE;
        }
      cd_cli_write (out->str, out->len);
      g_string_free (out, TRUE);
      return CD_CLI_EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    {
      if (g_str_equal (argv[1], subcommands[i].name))
        {
          prgname = g_strdup_printf ("certdesk-cli devices %s", subcommands[i].name);
          g_set_prgname (prgname);
          return subcommands[i].func (argc - 1, argv + 1);
        }
    }

  cd_cli_printerr (_("“%s” is not a subcommand of “devices”. Run “certdesk-cli devices --help”."),
                   argv[1]);
  return CD_CLI_EXIT_USAGE;
}
