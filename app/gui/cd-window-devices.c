/* cd-window-devices.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Devices side of CdWindow: the "Devices" entry of the sidebar and
 * its view, the CdDeviceMonitor that checks the devices while the
 * window is open and notifies about what changed, and opening a device:
 * the certificate it presented in the certificate dialog, with a Device
 * page for the connection, the chain it sent and its profile's checks.
 */

#define G_LOG_DOMAIN "cd-window"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-certificate-dialog.h"
#include "cd-certificate-info.h"
#include "cd-device-page.h"
#include "cd-devices.h"
#include "cd-window-private.h"

static void
update_devices_count (CdWindow *self)
{
  g_autofree char *text = NULL;

  text = g_strdup_printf ("%'u", cd_devices_view_get_n_items (self->devices_view));
  gtk_label_set_label (self->devices_count_label, text);
}

static void
on_devices_count_changed_cb (CdWindow      *self,
                             GParamSpec    *pspec,
                             CdDevicesView *view)
{
  g_assert (CD_IS_WINDOW (self));

  update_devices_count (self);
  if (self->showing_devices)
    _cd_window_update_devices_subtitle (self);
}

static void
show_message (CdWindow   *self,
              const char *heading,
              const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_page_imported_cb (CdWindow     *self,
                     CdDevicePage *page)
{
  g_assert (CD_IS_WINDOW (self));

  cd_window_reload (self);
}

static void
on_device_activated_cb (CdWindow      *self,
                        CdDeviceRow   *row,
                        CdDevicesView *view)
{
  g_assert (CD_IS_WINDOW (self));

  cd_window_show_device_certificate (self, cd_device_row_get_device (row));
}

GtkWidget *
_cd_window_new_devices_row (CdWindow *self)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name ("network-server-symbolic");
  GtkWidget *title = gtk_label_new (_("Devices"));
  GtkWidget *count = gtk_label_new ("0");

  /* Laid out as the rows above it, so the sidebar reads as one list. */
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, "",
                                  -1);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0.0f);
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "numeric");
  gtk_widget_set_tooltip_text (row, _("Servers and devices on the network whose certificates "
                                      "Certdesk checks"));

  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), count);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  self->devices_count_label = GTK_LABEL (count);

  return row;
}

void
_cd_window_update_devices_subtitle (CdWindow *self)
{
  g_autofree char *text = NULL;
  guint n = cd_devices_view_get_n_items (self->devices_view);

  text = g_strdup_printf (ngettext ("%'u device", "%'u devices", n), n);
  adw_window_title_set_subtitle (self->window_title, text);
}

void
_cd_window_show_devices_page (CdWindow *self)
{
  g_assert (CD_IS_WINDOW (self));

  self->showing_expiring = FALSE;
  self->showing_devices = TRUE;
  gtk_stack_set_visible_child_name (self->main_stack, "devices");
  adw_window_title_set_title (self->window_title, _("Devices"));
  gtk_label_set_label (self->store_help_title, _("Devices"));
  gtk_label_set_label (self->store_help_label,
                       _("Servers and devices on the network, such as PBXs and session "
                         "border controllers, and the certificate each presents. Certdesk "
                         "checks them while it runs, every interval set in Preferences, and "
                         "notifies you before a certificate expires or when one changes."));
  _cd_window_update_devices_subtitle (self);
}

void
_cd_window_reload_devices (CdWindow *self)
{
  g_autoptr(GError) error = NULL;

  g_assert (CD_IS_WINDOW (self));

  if (self->database == NULL)
    return;

  if (!cd_devices_view_reload (self->devices_view, &error))
    {
      g_warning ("Could not list the devices: %s", error->message);
      _cd_window_add_toast (self, error->message);
    }
}

/* win.open-device(id): a device's certificate, as a double click on
 * its row opens it.
 */
static void
open_device_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  CdWindow *self = CD_WINDOW (user_data);
  g_autoptr(GPtrArray) devices = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = g_variant_get_int64 (param);

  devices = cd_devices_list (self->database, &error);
  if (devices == NULL)
    {
      _cd_window_add_toast (self, error->message);
      return;
    }

  for (guint i = 0; i < devices->len; i++)
    {
      if (cd_device_get_id (g_ptr_array_index (devices, i)) == id)
        cd_window_show_device_certificate (self, g_ptr_array_index (devices, i));
    }
}

static const GActionEntry device_actions[] = {
  { "open-device", open_device_action, "x" },
};

/* The application sends the notifications; a window gets it after it
 * is constructed, and a test's window may have none.
 */
static void
on_application_changed_cb (CdWindow   *self,
                           GParamSpec *pspec,
                           gpointer    unused)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  g_assert (CD_IS_WINDOW (self));

  if (self->device_monitor != NULL)
    cd_device_monitor_set_application (self->device_monitor,
                                       application ? G_APPLICATION (application) : NULL);
}

void
_cd_window_setup_devices (CdWindow *self)
{
  g_assert (CD_IS_WINDOW (self));
  g_assert (self->database != NULL);

  self->device_monitor = cd_device_monitor_new (self->database, self->settings);
  g_signal_connect (self, "notify::application", G_CALLBACK (on_application_changed_cb), NULL);
  on_application_changed_cb (self, NULL, NULL);

  cd_devices_view_set_database (self->devices_view, self->database);
  cd_devices_view_set_monitor (self->devices_view, self->device_monitor);
  g_signal_connect_object (self->devices_view, "device-activated",
                           G_CALLBACK (on_device_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->devices_view, "notify::n-items",
                           G_CALLBACK (on_devices_count_changed_cb), self, G_CONNECT_SWAPPED);

  g_action_map_add_action_entries (G_ACTION_MAP (self), device_actions,
                                   G_N_ELEMENTS (device_actions), self);

  _cd_window_reload_devices (self);
  update_devices_count (self);
}

void
_cd_window_dispose_devices (CdWindow *self)
{
  g_assert (CD_IS_WINDOW (self));

  if (self->devices_view != NULL)
    cd_devices_view_set_monitor (self->devices_view, NULL);
  if (self->device_monitor != NULL)
    g_object_run_dispose (G_OBJECT (self->device_monitor));
  g_clear_object (&self->device_monitor);
}

/**
 * cd_window_get_device_monitor:
 * @self: a #CdWindow
 *
 * Returns: (transfer none) (nullable): what checks the devices, %NULL
 *   without a database
 */
CdDeviceMonitor *
cd_window_get_device_monitor (CdWindow *self)
{
  g_return_val_if_fail (CD_IS_WINDOW (self), NULL);

  return self->device_monitor;
}

/**
 * cd_window_get_showing_devices:
 * @self: a #CdWindow
 *
 * Returns: %TRUE if the Devices view is shown
 */
gboolean
cd_window_get_showing_devices (CdWindow *self)
{
  g_return_val_if_fail (CD_IS_WINDOW (self), FALSE);

  return self->showing_devices;
}

/**
 * cd_window_show_devices:
 * @self: a #CdWindow
 * @device_id: a device to select, or -1
 *
 * Selects "Devices" in the sidebar and, when @device_id is listed,
 * that device in the view, as a device notification does.
 */
void
cd_window_show_devices (CdWindow *self,
                        gint64    device_id)
{
  g_return_if_fail (CD_IS_WINDOW (self));

  if (self->database == NULL)
    return;

  if (gtk_list_box_get_selected_row (self->sidebar_list) == self->devices_row)
    _cd_window_show_devices_page (self);
  else
    gtk_list_box_select_row (self->sidebar_list, self->devices_row);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);

  /* A notification may be older than the list the view shows. */
  if (device_id >= 0)
    {
      _cd_window_reload_devices (self);
      cd_devices_view_select_device (self->devices_view, device_id);
    }
}

/**
 * cd_window_show_device_certificate:
 * @self: a #CdWindow
 * @device: a device
 *
 * Opens the certificate @device presented at its last check in a
 * #CdCertificateDialog, on its Device page. A device never checked, or
 * not reached, says so in a message instead.
 *
 * Returns: (transfer none) (nullable): the dialog
 */
GtkWindow *
cd_window_show_device_certificate (CdWindow *self,
                                   CdDevice *device)
{
  g_autoptr(CdDeviceCheck) check = NULL;
  g_autoptr(CdCertificateInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;
  g_autofree char *heading = NULL;
  CdCertificateDialog *dialog;
  GtkWidget *page;

  g_return_val_if_fail (CD_IS_WINDOW (self), NULL);
  g_return_val_if_fail (CD_IS_DEVICE (device), NULL);

  if (self->database == NULL)
    return NULL;

  address = cd_device_dup_address (device);
  check = cd_devices_get_last_check (self->database, device, &error);
  if (check == NULL && error != NULL)
    {
      _cd_window_add_toast (self, error->message);
      return NULL;
    }

  if (check == NULL)
    {
      /* translators: %s is a device's address */
      heading = g_strdup_printf (_("%s Was Not Checked Yet"), address);
      show_message (self, heading, _("Press Check Now to connect to it and read its "
                                     "certificate."));
      return NULL;
    }

  if (cd_device_check_get_chain (check)->len == 0)
    {
      /* translators: %s is a device's address */
      heading = g_strdup_printf (_("No Certificate from %s"), address);
      show_message (self, heading, cd_device_check_get_error (check));
      return NULL;
    }

  info = cd_certificate_info_new (g_ptr_array_index (cd_device_check_get_chain (check), 0), &error);
  if (info == NULL)
    {
      /* translators: %s is a device's address */
      heading = g_strdup_printf (_("Cannot Show the Certificate of %s"), address);
      show_message (self, heading, error->message);
      return NULL;
    }

  dialog = cd_certificate_dialog_new (GTK_WINDOW (self), self->database, info, NULL);
  page = cd_device_page_new (self->database, self->keyring, check,
                             _cd_window_get_expiry_days (self));
  g_signal_connect_object (page, "imported", G_CALLBACK (on_page_imported_cb), self,
                           G_CONNECT_SWAPPED);
  cd_certificate_dialog_add_page (dialog, page, "device", _("De_vice"), "network-server-symbolic");
  cd_certificate_dialog_set_visible_page (dialog, "device");
  gtk_window_present (GTK_WINDOW (dialog));

  return GTK_WINDOW (dialog);
}
