/* test-devices-gui.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Devices view, driven as a user would against openssl s_server on
 * loopback: devices added through the Add dialog (and refused when the
 * address is bad or taken), Check Now, the rows read back from the
 * cells, a device opened in the certificate dialog and the CA it
 * presents imported with its button, Remove with Undo, CSV both ways,
 * and the notification a renewed certificate raises. The notification
 * goes from a real, registered GtkApplication over the session bus to a
 * small org.freedesktop.Notifications server this test runs, which also
 * clicks it, to check that the click opens the Devices view.
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "cd-application.h"
#include "cd-certificate-dialog.h"
#include "cd-database.h"
#include "cd-device-add-dialog.h"
#include "cd-device-monitor.h"
#include "cd-device-page.h"
#include "cd-device-watcher.h"
#include "cd-devices-view.h"
#include "cd-devices.h"
#include "cd-gui-test-utils.h"
#include "cd-keyring.h"
#include "cd-test-utils.h"
#include "cd-tls-test-server.h"
#include "cd-window.h"

#define N_COLUMNS 8

/* --- a notification server on the test's session bus ------------------ */

typedef struct
{
  char  *summary;
  char  *body;
  guint  id;
} Notified;

static GPtrArray *notified;          /* Notified, in the order received */
static GDBusConnection *bus;
static guint next_notification_id = 1;

static const char notifications_xml[] =
  "<node>"
  " <interface name='org.freedesktop.Notifications'>"
  "  <method name='Notify'>"
  "   <arg type='s' direction='in'/><arg type='u' direction='in'/>"
  "   <arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "   <arg type='s' direction='in'/><arg type='as' direction='in'/>"
  "   <arg type='a{sv}' direction='in'/><arg type='i' direction='in'/>"
  "   <arg type='u' direction='out'/>"
  "  </method>"
  "  <method name='CloseNotification'><arg type='u' direction='in'/></method>"
  "  <method name='GetCapabilities'><arg type='as' direction='out'/></method>"
  "  <method name='GetServerInformation'>"
  "   <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "   <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "  </method>"
  " </interface>"
  "</node>";

static void
notified_free (Notified *n)
{
  g_free (n->summary);
  g_free (n->body);
  g_free (n);
}

static void
method_call_cb (GDBusConnection       *connection,
                const char            *sender,
                const char            *path,
                const char            *interface,
                const char            *method,
                GVariant              *params,
                GDBusMethodInvocation *invocation,
                gpointer               user_data)
{
  if (g_strcmp0 (method, "Notify") == 0)
    {
      Notified *n = g_new0 (Notified, 1);
      guint replaces;

      g_variant_get (params, "(&su&s&s&s^a&s@a{sv}i)", NULL, &replaces, NULL,
                     &n->summary, &n->body, NULL, NULL, NULL);
      n->summary = g_strdup (n->summary);
      n->body = g_strdup (n->body);
      n->id = replaces != 0 ? replaces : next_notification_id++;
      g_ptr_array_add (notified, n);
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", n->id));
    }
  else if (g_strcmp0 (method, "GetCapabilities") == 0)
    {
      const char *caps[] = { "body", "actions", NULL };

      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(^as)", caps));
    }
  else if (g_strcmp0 (method, "GetServerInformation") == 0)
    {
      g_dbus_method_invocation_return_value (invocation,
                                             g_variant_new ("(ssss)", "test", "certdesk", "1", "1.2"));
    }
  else
    {
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
}

static void
start_notification_server (void)
{
  static const GDBusInterfaceVTable vtable = { method_call_cb, NULL, NULL, { 0 } };
  g_autoptr(GDBusNodeInfo) info = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  notified = g_ptr_array_new_with_free_func ((GDestroyNotify)notified_free);
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);

  info = g_dbus_node_info_new_for_xml (notifications_xml, &error);
  g_assert_no_error (error);
  g_dbus_connection_register_object (bus, "/org/freedesktop/Notifications",
                                     info->interfaces[0], &vtable, NULL, NULL, &error);
  g_assert_no_error (error);

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", "org.freedesktop.Notifications", 4),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                                       &error);
  g_assert_no_error (error);
}

/* The last notification received with this summary, or NULL. */
static Notified *
find_notified (const char *summary)
{
  for (guint i = notified->len; i > 0; i--)
    {
      Notified *n = g_ptr_array_index (notified, i - 1);

      if (g_strcmp0 (n->summary, summary) == 0)
        return n;
    }

  return NULL;
}

/* --- fixture ------------------------------------------------------------ */

typedef struct
{
  GtkApplication *application;
  CdDatabase     *database;
  CdKeyring      *keyring;
  CdWindow       *window;
  CdDevicesView  *view;
  GPtrArray      *servers;
  char           *path;
} Fixture;

/* The real application, for its "show-device" action. */
static GtkApplication *application;

static char *
fixture_path (const char *name)
{
  return g_build_filename (cd_test_fixtures_dir (), name, NULL);
}

static guint16
start_server (Fixture    *fixture,
              const char *cert,
              const char *chain)
{
  g_autofree char *cert_path = fixture_path (cert);
  g_autofree char *key_name = g_strdup (cert);
  g_autofree char *key_path = NULL;
  g_autofree char *chain_path = chain != NULL ? fixture_path (chain) : NULL;
  const char *args[] = { "-cert", cert_path, "-key", NULL, "-cert_chain", chain_path, NULL };
  CdTestServer *server;

  strcpy (strrchr (key_name, '.'), ".key");
  key_path = fixture_path (key_name);
  args[3] = key_path;
  if (chain_path == NULL)
    args[4] = NULL;

  server = cd_test_server_start (0, args);
  g_ptr_array_add (fixture->servers, server);

  return cd_test_server_get_port (server);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->database = cd_test_open_database (&fixture->path);
  fixture->keyring = cd_keyring_new (FALSE);
  fixture->servers = g_ptr_array_new ();

  /* One application for the program: it stays exported on the bus. */
  if (application == NULL)
    {
      application = g_object_new (CD_TYPE_APPLICATION,
                                  "application-id", "io.github.certdesk.Certdesk.DevicesTest",
                                  "flags", G_APPLICATION_NON_UNIQUE,
                                  NULL);
      g_application_register (G_APPLICATION (application), NULL, &error);
      g_assert_no_error (error);
    }
  fixture->application = g_object_ref (application);

  fixture->window = cd_window_new (fixture->application, fixture->database, fixture->keyring);
  gtk_window_present (GTK_WINDOW (fixture->window));
  cd_test_iterate_until (cd_test_window_mapped, fixture->window, "the window to map");

  fixture->view = CD_DEVICES_VIEW (cd_test_find_widget (GTK_WIDGET (fixture->window),
                                                        CD_TYPE_DEVICES_VIEW));
  cd_window_show_devices (fixture->window, -1);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  cd_test_close_dialogs (CD_TYPE_CERTIFICATE_DIALOG, CD_TYPE_DEVICE_ADD_DIALOG, G_TYPE_INVALID);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  cd_test_iterate_pending ();

  for (guint i = 0; i < fixture->servers->len; i++)
    cd_test_server_stop (g_ptr_array_index (fixture->servers, i));
  g_ptr_array_unref (fixture->servers);

  g_clear_object (&fixture->application);
  g_clear_object (&fixture->keyring);
  g_clear_object (&fixture->database);
  g_free (fixture->path);
}

/* --- helpers ------------------------------------------------------------ */

/* The text of every cell of each row shown, columns joined by " | ". */
static GPtrArray *
read_rows (Fixture *fixture)
{
  GtkWidget *column_view = cd_test_find_widget (GTK_WIDGET (fixture->view), GTK_TYPE_COLUMN_VIEW);
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);
  GString *row = NULL;

  gtk_widget_measure (column_view, GTK_ORIENTATION_VERTICAL, -1, NULL, NULL, NULL, NULL);
  cd_test_iterate_pending ();
  cd_test_collect_widgets (column_view, GTK_TYPE_INSCRIPTION, cells);

  for (guint i = 0; i < cells->len; i++)
    {
      const char *text = gtk_inscription_get_text (g_ptr_array_index (cells, i));

      if (i % N_COLUMNS == 0)
        {
          if (row != NULL)
            g_ptr_array_add (rows, g_string_free (row, FALSE));
          row = g_string_new (NULL);
        }
      else
        {
          g_string_append (row, " | ");
        }
      g_string_append (row, text ? text : "");
    }
  if (row != NULL)
    g_ptr_array_add (rows, g_string_free (row, FALSE));

  for (guint i = 0; i < rows->len; i++)
    g_test_message ("row %u: %s", i, (char *)g_ptr_array_index (rows, i));

  return rows;
}

static const char *
row_for_port (GPtrArray *rows,
              guint16    port)
{
  g_autofree char *needle = g_strdup_printf (":%u |", port);

  for (guint i = 0; i < rows->len; i++)
    {
      if (strstr (g_ptr_array_index (rows, i), needle) != NULL)
        return g_ptr_array_index (rows, i);
    }

  g_error ("No row for port %u", port);
}

static CdDeviceAddDialog *
open_add_dialog (Fixture *fixture)
{
  GtkWindow *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "devices.add", NULL));
  cd_test_iterate_until (cd_test_toplevel_shown, GSIZE_TO_POINTER (CD_TYPE_DEVICE_ADD_DIALOG),
                         "the Add Device dialog");
  dialog = cd_test_find_toplevel (CD_TYPE_DEVICE_ADD_DIALOG, NULL);

  return CD_DEVICE_ADD_DIALOG (dialog);
}

/* Fills the dialog's entries in order (address, server name, note) and
 * presses Add.
 */
static void
fill_and_add (CdDeviceAddDialog *dialog,
              const char        *address,
              const char        *server_name)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  GtkWidget *add;

  cd_test_collect_widgets (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, entries);
  g_assert_cmpuint (entries->len, ==, 3);
  gtk_editable_set_text (g_ptr_array_index (entries, 0), address);
  gtk_editable_set_text (g_ptr_array_index (entries, 1), server_name ? server_name : "");

  add = gtk_window_get_default_widget (GTK_WINDOW (dialog));
  g_assert_true (GTK_IS_BUTTON (add));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (add)), ==, "_Add");
  g_signal_emit_by_name (add, "clicked");
  cd_test_iterate_pending ();
}

static const char *
dialog_error (CdDeviceAddDialog *dialog)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  cd_test_collect_widgets (GTK_WIDGET (dialog), GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);

      if (gtk_widget_has_css_class (label, "error") && cd_test_is_shown (label))
        return gtk_label_get_label (GTK_LABEL (label));
    }

  return NULL;
}

static void
add_device (Fixture    *fixture,
            const char *address,
            const char *server_name)
{
  g_autoptr(CdDeviceAddDialog) dialog = g_object_ref (open_add_dialog (fixture));
  guint before = cd_devices_view_get_n_items (fixture->view);

  fill_and_add (dialog, address, server_name);
  g_assert_null (dialog_error (dialog));
  g_assert_null (cd_test_find_toplevel (CD_TYPE_DEVICE_ADD_DIALOG, NULL));
  g_assert_cmpuint (cd_devices_view_get_n_items (fixture->view), ==, before + 1);
}

/* Whether the toolbar button of @action can be pressed. */
static gboolean
button_sensitive (Fixture    *fixture,
                  const char *action)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  cd_test_collect_widgets (GTK_WIDGET (fixture->view), GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);

      if (g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), action) == 0)
        return gtk_widget_is_sensitive (button);
    }

  g_error ("No button for %s", action);
}

static gboolean
monitor_idle (gpointer data)
{
  return !cd_device_monitor_get_running (CD_DEVICE_MONITOR (data));
}

static void
press_check_now (Fixture *fixture)
{
  CdDeviceMonitor *monitor = cd_window_get_device_monitor (fixture->window);

  g_assert_true (button_sensitive (fixture, "devices.check"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "devices.check", NULL));
  g_assert_true (cd_device_monitor_get_running (monitor));
  g_assert_false (button_sensitive (fixture, "devices.check"));
  g_assert_true (button_sensitive (fixture, "devices.cancel"));
  cd_test_iterate_until (monitor_idle, monitor, "the devices to be checked");
}

/* --- tests -------------------------------------------------------------- */

typedef struct
{
  guint       n;
  const char *summary;
} Expect;

static gboolean
notified_enough (gpointer data)
{
  Expect *expect = data;

  return notified->len >= expect->n && find_notified (expect->summary) != NULL;
}


static void
test_devices_gui_empty (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkWidget *page = cd_test_find_widget (GTK_WIDGET (fixture->view), ADW_TYPE_STATUS_PAGE);

  g_assert_true (cd_window_get_showing_devices (fixture->window));
  g_assert_true (gtk_widget_get_mapped (page));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (page)), ==, "No Devices");
  g_assert_false (button_sensitive (fixture, "devices.check"));
  g_assert_false (button_sensitive (fixture, "devices.remove"));
  g_assert_true (button_sensitive (fixture, "devices.add"));

  /* A bad address, then an empty one: said in the dialog, nothing added. */
  {
    CdDeviceAddDialog *dialog = open_add_dialog (fixture);

    fill_and_add (dialog, "pbx example com:5061", NULL);
    g_assert_nonnull (strstr (dialog_error (dialog), "is not a server address"));
    fill_and_add (dialog, "pbx.example.com:99999", NULL);
    g_assert_nonnull (strstr (dialog_error (dialog), "is not a port"));
    fill_and_add (dialog, "  ", NULL);
    g_assert_nonnull (dialog_error (dialog));
    g_assert_cmpuint (cd_devices_view_get_n_items (fixture->view), ==, 0);

    /* The scenario's devices: names only, never connected to here. */
    fill_and_add (dialog, "pbx.example.com:5061", NULL);
    g_assert_cmpuint (cd_devices_view_get_n_items (fixture->view), ==, 1);
  }

  add_device (fixture, "sbc", NULL);
  {
    g_autoptr(GPtrArray) rows = read_rows (fixture);
    g_autoptr(CdDeviceAddDialog) again = NULL;

    g_assert_cmpuint (rows->len, ==, 2);
    g_assert_nonnull (strstr (g_ptr_array_index (rows, 0), "pbx.example.com:5061 | "));
    g_assert_nonnull (strstr (g_ptr_array_index (rows, 1), "sbc:443 | "));
    g_assert_nonnull (strstr (g_ptr_array_index (rows, 1), "| Never |"));

    /* The same address twice is refused. */
    again = g_object_ref (open_add_dialog (fixture));
    fill_and_add (again, "SBC:443", NULL);
    g_assert_nonnull (dialog_error (again));
    g_assert_cmpuint (cd_devices_view_get_n_items (fixture->view), ==, 2);
    gtk_window_close (GTK_WINDOW (again));
  }
}

static void
test_devices_gui_check (Fixture       *fixture,
                        gconstpointer  data)
{
  guint16 valid = start_server (fixture, "leaf.pem", "int.pem");
  guint16 soon = start_server (fixture, "soon.pem", "int.pem");
  guint16 expired = start_server (fixture, "expired.pem", "int.pem");
  guint16 refused = cd_test_free_port ();
  g_autofree char *valid_address = g_strdup_printf ("127.0.0.1:%u", valid);
  g_autofree char *soon_address = g_strdup_printf ("127.0.0.1:%u", soon);
  g_autofree char *expired_address = g_strdup_printf ("127.0.0.1:%u", expired);
  g_autofree char *refused_address = g_strdup_printf ("127.0.0.1:%u", refused);
  g_autoptr(GPtrArray) rows = NULL;
  const char *row;

  add_device (fixture, valid_address, "server.example.test");
  add_device (fixture, soon_address, NULL);
  add_device (fixture, expired_address, NULL);
  add_device (fixture, refused_address, NULL);

  press_check_now (fixture);
  rows = read_rows (fixture);
  g_assert_cmpuint (rows->len, ==, 4);

  /* Valid for ten years from when the fixtures were made, a moment ago. */
  row = row_for_port (rows, valid);
  g_assert_nonnull (strstr (row, "| server.example.test |"));
  g_assert_true (strstr (row, "| 3649 days |") != NULL || strstr (row, "| 3650 days |") != NULL);
  g_assert_nonnull (strstr (row, "| Just now |"));

  row = row_for_port (rows, soon);
  g_assert_nonnull (strstr (row, "| soon.example.test |"));
  g_assert_true (strstr (row, "| 29 days |") != NULL || strstr (row, "| 30 days |") != NULL);

  row = row_for_port (rows, expired);
  g_assert_nonnull (strstr (row, "| expired.example.test | Expired |"));

  row = row_for_port (rows, refused);
  g_assert_nonnull (strstr (row, "refused"));
  g_assert_nonnull (strstr (row, "| — | — |"));

  /* Each kind of event became one notification on the bus. */
  {
    g_autofree char *warning29 = g_strdup_printf ("%s: certificate expires in 29 days", soon_address);
    g_autofree char *warning30 = g_strdup_printf ("%s: certificate expires in 30 days", soon_address);
    g_autofree char *expired_title = g_strdup_printf ("%s: certificate has expired", expired_address);
    g_autofree char *refused_title = g_strdup_printf ("%s cannot be reached", refused_address);
    Expect expect = { 3, refused_title };

    cd_test_iterate_until (notified_enough, &expect, "the notifications on the bus");
    g_assert_true (find_notified (warning29) != NULL || find_notified (warning30) != NULL);
    g_assert_nonnull (find_notified (expired_title));
    g_assert_nonnull (strstr (find_notified (expired_title)->body, "expired.example.test"));
  }

  /* Remove two, undo, remove one for good. */
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (cd_devices_view_get_model (fixture->view)),
                                   0, TRUE);
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (cd_devices_view_get_model (fixture->view)),
                                   1, FALSE);
  g_assert_true (button_sensitive (fixture, "devices.remove"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "devices.remove", NULL));
  g_assert_cmpuint (cd_devices_view_get_n_items (fixture->view), ==, 2);
  {
    g_autoptr(GPtrArray) listed = cd_devices_list (fixture->database, NULL);

    g_assert_cmpuint (listed->len, ==, 4);
  }
  {
    g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
    gboolean undone = FALSE;

    /* The toast's Undo button, as a user would press it. */
    cd_test_iterate_pending ();
    cd_test_collect_widgets (GTK_WIDGET (fixture->view), GTK_TYPE_BUTTON, buttons);
    for (guint i = 0; i < buttons->len && !undone; i++)
      {
        GtkWidget *button = g_ptr_array_index (buttons, i);

        if (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (button)), "_Undo") == 0)
          {
            g_signal_emit_by_name (button, "clicked");
            undone = TRUE;
          }
      }
    g_assert_true (undone);
  }
  cd_test_iterate_pending ();
  g_assert_cmpuint (cd_devices_view_get_n_items (fixture->view), ==, 4);

  cd_devices_view_select_device (fixture->view, 4);
  cd_devices_view_remove_selected (fixture->view);
  g_assert_cmpuint (cd_devices_view_get_n_items (fixture->view), ==, 3);

  /* Export commits what waits for Undo; import brings the file's
   * devices back into a fresh list.
   */
  {
    g_autofree char *dir = cd_test_make_tmpdir ();
    g_autofree char *csv = g_build_filename (dir, "devices.csv", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (csv);
    g_autoptr(GPtrArray) listed = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *text = NULL;

    g_assert_true (cd_devices_view_export_csv (fixture->view, file, &error));
    g_assert_no_error (error);
    listed = cd_devices_list (fixture->database, NULL);
    g_assert_cmpuint (listed->len, ==, 3);
    g_file_get_contents (csv, &text, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (strstr (text, "server.example.test"));
    g_assert_null (strstr (text, refused_address));

    for (guint i = 0; i < listed->len; i++)
      cd_devices_remove (fixture->database, cd_device_get_id (g_ptr_array_index (listed, i)), NULL);
    g_assert_true (cd_devices_view_reload (fixture->view, &error));
    g_assert_cmpuint (cd_devices_view_get_n_items (fixture->view), ==, 0);
    g_assert_true (cd_devices_view_import_csv (fixture->view, file, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (cd_devices_view_get_n_items (fixture->view), ==, 3);
  }
}

static gboolean
dialog_shown (gpointer data)
{
  return cd_test_find_toplevel (CD_TYPE_CERTIFICATE_DIALOG, NULL) != NULL;
}

static void
test_devices_gui_import_ca (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *dir = cd_test_make_tmpdir ();
  g_autofree char *chain = g_build_filename (dir, "int-root.pem", NULL);
  g_autofree char *int_path = fixture_path ("int.pem");
  g_autofree char *root_path = fixture_path ("root.pem");
  g_autofree char *address = NULL;
  g_autofree char *int_pem = NULL;
  g_autofree char *root_pem = NULL;
  g_autofree char *both = NULL;
  CdCertificateDialog *dialog;
  CdDevicePage *page;
  GtkWidget *button;
  guint16 port;

  /* The server sends its whole chain, root included. */
  g_file_get_contents (int_path, &int_pem, NULL, NULL);
  g_file_get_contents (root_path, &root_pem, NULL, NULL);
  both = g_strconcat (int_pem, root_pem, NULL);
  g_file_set_contents (chain, both, -1, NULL);
  {
    g_autofree char *cert = fixture_path ("leaf.pem");
    g_autofree char *key = fixture_path ("leaf.key");
    const char *args[] = { "-cert", cert, "-key", key, "-cert_chain", chain, "-verify", "1",
                           "-CAfile", root_path, NULL };
    CdTestServer *server = cd_test_server_start (0, args);

    g_ptr_array_add (fixture->servers, server);
    port = cd_test_server_get_port (server);
  }

  address = g_strdup_printf ("127.0.0.1:%u", port);
  add_device (fixture, address, "server.example.test");
  press_check_now (fixture);

  /* Double click on the row. */
  g_signal_emit_by_name (cd_test_find_widget (GTK_WIDGET (fixture->view), GTK_TYPE_COLUMN_VIEW),
                         "activate", 0);
  cd_test_iterate_until (dialog_shown, NULL, "the certificate dialog");
  dialog = CD_CERTIFICATE_DIALOG (cd_test_find_toplevel (CD_TYPE_CERTIFICATE_DIALOG, NULL));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "server.example.test");
  g_assert_cmpstr (cd_certificate_dialog_get_visible_page (dialog), ==, "device");

  page = CD_DEVICE_PAGE (cd_certificate_dialog_get_page (dialog, "device"));
  g_assert_cmpuint (cd_device_page_get_n_certificates (page), ==, 3);
  g_assert_cmpstr (cd_device_check_get_tls_version (cd_device_page_get_check (page)), ==, "TLSv1.3");
  g_assert_true (cd_device_check_get_client_cert_requested (cd_device_page_get_check (page)));
  g_assert_nonnull (strstr (cd_device_check_get_accepted_cas (cd_device_page_get_check (page))[0],
                            "Certdesk Test Root CA"));
  g_assert_cmpint (cd_chain_get_status (cd_device_page_get_chain (page)), ==,
                   CD_CHAIN_STATUS_UNTRUSTED_ROOT);

  /* One click on the root's Import button: into Trusted Root. */
  g_assert_cmpuint (cd_test_count_rows (fixture->database, CD_STORE_KIND_ROOT), ==, 0);
  button = cd_device_page_get_import_button (page, 2);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  cd_test_iterate_pending ();
  g_assert_cmpuint (cd_test_count_rows (fixture->database, CD_STORE_KIND_ROOT), ==, 1);
  g_assert_cmpuint (cd_test_count_rows (fixture->database, CD_STORE_KIND_CA), ==, 0);
  g_assert_false (gtk_widget_get_sensitive (button));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "Imported");

  /* The chain now ends in a trusted root, and the page says so. */
  g_assert_cmpint (cd_chain_get_status (cd_device_page_get_chain (page)), ==,
                   CD_CHAIN_STATUS_VALID);

  /* The intermediate goes where the importer puts it. */
  g_signal_emit_by_name (cd_device_page_get_import_button (page, 1), "clicked");
  g_assert_cmpuint (cd_test_count_rows (fixture->database, CD_STORE_KIND_CA), ==, 1);
}

static void
on_notified_cb (CdDeviceMonitor *monitor,
                const char      *id,
                GNotification   *notification,
                GPtrArray       *ids)
{
  g_ptr_array_add (ids, g_strdup (id));
}

static void
on_show_device_cb (GSimpleAction *action,
                   GVariant      *param,
                   gint64        *out_id)
{
  *out_id = g_variant_get_int64 (param);
}

static gboolean
id_set (gpointer data)
{
  return *(gint64 *)data != G_MININT64;
}

static void
test_devices_gui_notify_changed (Fixture       *fixture,
                                 gconstpointer  data)
{
  guint16 valid = start_server (fixture, "leaf.pem", "int.pem");
  guint16 renewed = start_server (fixture, "renewed.pem", "int.pem");
  CdTestServer *relay = cd_test_front_start (CD_TEST_FRONT_RELAY, valid);
  guint16 port = cd_test_server_get_port (relay);
  g_autofree char *address = g_strdup_printf ("127.0.0.1:%u", port);
  g_autofree char *summary = g_strdup_printf ("%s presents a different certificate", address);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  CdDeviceMonitor *monitor = cd_window_get_device_monitor (fixture->window);
  GAction *show_device;
  gint64 shown_id = G_MININT64;
  guint before;
  Notified *n;
  Expect expect;

  g_ptr_array_add (fixture->servers, relay);
  g_signal_connect (monitor, "notified", G_CALLBACK (on_notified_cb), ids);
  add_device (fixture, address, "server.example.test");

  press_check_now (fixture);
  g_assert_cmpuint (ids->len, ==, 0);

  /* The device now presents its renewed certificate. */
  cd_test_front_set_backend (relay, renewed);
  before = notified->len;
  press_check_now (fixture);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (ids, 0), ==, "device-changed");

  /* It went out over the bus, from the registered application. */
  expect.n = before + 1;
  expect.summary = summary;
  cd_test_iterate_until (notified_enough, &expect, "the notification on the bus");
  n = find_notified (summary);
  g_assert_nonnull (strstr (n->body, "server.example.test"));

  /* Clicking it opens the Devices view on the device. */
  show_device = g_action_map_lookup_action (G_ACTION_MAP (fixture->application), "show-device");
  g_assert_nonnull (show_device);
  g_signal_connect (show_device, "activate", G_CALLBACK (on_show_device_cb), &shown_id);
  cd_window_show_expiring (fixture->window);
  g_assert_false (cd_window_get_showing_devices (fixture->window));
  g_dbus_connection_emit_signal (bus, NULL, "/org/freedesktop/Notifications",
                                 "org.freedesktop.Notifications", "ActionInvoked",
                                 g_variant_new ("(us)", n->id, "default"), NULL);
  cd_test_iterate_until (id_set, &shown_id, "the notification's default action");
  g_assert_cmpint (shown_id, ==, 1);
  g_assert_true (cd_window_get_showing_devices (fixture->window));
}

/* The notification texts, for one device and for several: seven
 * devices nobody answers on, checked by the watcher.
 */
static void
test_devices_gui_notification_text (void)
{
  g_autoptr(CdDatabase) database = cd_test_open_database (NULL);
  g_autoptr(CdDeviceWatcher) watcher = cd_device_watcher_new (database);
  g_autoptr(GPtrArray) checks = NULL;
  g_autoptr(GPtrArray) one = g_ptr_array_new ();
  g_autoptr(GNotification) several = NULL;
  g_autoptr(GNotification) single = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *single_id = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *address = NULL;
  gint64 target = 0;

  for (guint i = 0; i < 7; i++)
    {
      g_autoptr(CdDevice) device = cd_devices_add (database, "127.0.0.1", cd_test_free_port (),
                                                   CD_STARTTLS_NONE, NULL, NULL, NULL, &error);

      g_assert_no_error (error);
    }

  checks = cd_device_watcher_check (watcher, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (checks->len, ==, 7);

  several = cd_device_monitor_build_notification (CD_DEVICE_EVENT_UNREACHABLE, checks, 60,
                                                  g_get_real_time () / G_USEC_PER_SEC, &id);
  g_assert_true (G_IS_NOTIFICATION (several));
  g_assert_cmpstr (id, ==, "device-unreachable");
  target = cd_device_monitor_describe_events (CD_DEVICE_EVENT_UNREACHABLE, checks, 60,
                                              g_get_real_time () / G_USEC_PER_SEC, &title, &body);
  g_assert_cmpint (target, ==, -1);
  g_assert_cmpstr (title, ==, "7 devices cannot be reached");
  g_assert_nonnull (strstr (body, "127.0.0.1:"));
  g_assert_true (g_str_has_suffix (body, " and 2 more"));
  g_clear_pointer (&title, g_free);
  g_clear_pointer (&body, g_free);

  g_ptr_array_add (one, g_ptr_array_index (checks, 3));
  single = cd_device_monitor_build_notification (CD_DEVICE_EVENT_UNREACHABLE, one, 60,
                                                 g_get_real_time () / G_USEC_PER_SEC, &single_id);
  g_assert_cmpstr (single_id, ==, id);
  target = cd_device_monitor_describe_events (CD_DEVICE_EVENT_UNREACHABLE, one, 60,
                                              g_get_real_time () / G_USEC_PER_SEC, &title, &body);
  address = cd_device_dup_address (cd_device_check_get_device (one->pdata[0]));
  expected = g_strdup_printf ("%s cannot be reached", address);
  g_assert_cmpstr (title, ==, expected);
  g_assert_nonnull (strstr (body, "refused"));
  g_assert_cmpint (target, ==, cd_device_get_id (cd_device_check_get_device (one->pdata[0])));
  g_clear_pointer (&title, g_free);
  g_clear_pointer (&body, g_free);

}

static void
assert_checked (gint64      checked_at,
                gint64      now,
                const char *expected)
{
  g_autofree char *text = cd_devices_view_format_checked (checked_at, now);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_devices_gui_format (void)
{
  gint64 now = 1700000000;

  assert_checked (0, now, "Never");
  assert_checked (now - 5, now, "Just now");
  assert_checked (now - 300, now, "5 minutes ago");
  assert_checked (now - 3600, now, "1 hour ago");
  assert_checked (now - 3 * 86400, now, "3 days ago");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GSettings) settings = NULL;

  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  /* No timed checks in the middle of a test: only Check Now. */
  settings = g_settings_new (APP_ID);
  g_settings_set_int (settings, "device-check-interval", 0);

  start_notification_server ();
  cd_test_run_command ("sh %s/make-device-fixtures.sh %s", g_getenv ("G_TEST_SRCDIR"),
                       cd_test_fixtures_dir ());

  g_test_add ("/certdesk/devices-gui/empty", Fixture, NULL,
              fixture_setup, test_devices_gui_empty, fixture_teardown);
  g_test_add ("/certdesk/devices-gui/check", Fixture, NULL,
              fixture_setup, test_devices_gui_check, fixture_teardown);
  g_test_add ("/certdesk/devices-gui/import-ca", Fixture, NULL,
              fixture_setup, test_devices_gui_import_ca, fixture_teardown);
  g_test_add ("/certdesk/devices-gui/notify-changed", Fixture, NULL,
              fixture_setup, test_devices_gui_notify_changed, fixture_teardown);
  g_test_add_func ("/certdesk/devices-gui/notification-text", test_devices_gui_notification_text);
  g_test_add_func ("/certdesk/devices-gui/format", test_devices_gui_format);

  return g_test_run ();
}
