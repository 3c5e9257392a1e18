/* cd-device-add-dialog.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* CdDeviceAddDialog asks for a device to watch: its address (the port
 * defaults to that of the protocol chosen), how TLS starts, the name
 * to ask for, a device profile and a note. A bad address or one that
 * is already watched is said under the form, and nothing is added.
 */

#define G_LOG_DOMAIN "cd-device-add-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-database.h"
#include "cd-device-add-dialog.h"
#include "cd-devices.h"
#include "cd-profile.h"
#include "cd-profile-chooser.h"
#include "cd-tls-fetch.h"

struct _CdDeviceAddDialog
{
  AdwWindow     parent_instance;

  /* Template widgets */
  AdwEntryRow  *address_row;
  GtkLabel     *error_label;
  AdwEntryRow  *note_row;
  AdwComboRow  *profile_row;
  AdwEntryRow  *server_name_row;
  AdwComboRow  *starttls_row;

  /* Owned references */
  CdDatabase   *database;
  GPtrArray    *profile_ids;   /* parallel to profile_row's items; NULL for "None" */
};

enum {
  ADDED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (CdDeviceAddDialog, cd_device_add_dialog, ADW_TYPE_WINDOW)

static guint signals [N_SIGNALS];

/* In the order of CdStarttls. */
static const char *starttls_labels[] = {
  N_("Nothing: TLS from the Start"),
  "SMTP",
  "IMAP",
  "POP3",
  "LDAP",
  "XMPP",
};

static void
show_error (CdDeviceAddDialog *self,
            const char        *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
on_changed_cb (CdDeviceAddDialog *self)
{
  g_assert (CD_IS_DEVICE_ADD_DIALOG (self));

  /* The error was about what has just changed. */
  show_error (self, NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (self->address_row), "error");
}

static char *
dup_text (AdwEntryRow *row)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));

  g_strstrip (text);
  if (text[0] == '\0')
    return NULL;

  return g_steal_pointer (&text);
}

static void
on_add_clicked_cb (CdDeviceAddDialog *self,
                   GtkButton         *button)
{
  g_autoptr(CdDevice) device = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (CD_IS_DEVICE_ADD_DIALOG (self));

  device = cd_device_add_dialog_add (self, &error);
  if (device == NULL)
    {
      show_error (self, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->address_row), "error");
      gtk_widget_grab_focus (GTK_WIDGET (self->address_row));
      return;
    }

  gtk_window_close (GTK_WINDOW (self));
}

static void
fill_profiles (CdDeviceAddDialog *self)
{
  GListModel *profiles = cd_profile_chooser_get_all_profiles (NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint n;

  gtk_string_list_append (names, _("None"));
  g_ptr_array_add (self->profile_ids, NULL);

  n = g_list_model_get_n_items (profiles);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CdProfile) profile = g_list_model_get_item (profiles, i);

      gtk_string_list_append (names, cd_profile_get_name (profile));
      g_ptr_array_add (self->profile_ids, g_strdup (cd_profile_get_id (profile)));
    }

  adw_combo_row_set_model (self->profile_row, G_LIST_MODEL (names));
}

static void
cd_device_add_dialog_dispose (GObject *object)
{
  CdDeviceAddDialog *self = (CdDeviceAddDialog *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_DEVICE_ADD_DIALOG);

  g_clear_object (&self->database);
  g_clear_pointer (&self->profile_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (cd_device_add_dialog_parent_class)->dispose (object);
}

static void
cd_device_add_dialog_class_init (CdDeviceAddDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_device_add_dialog_dispose;

  /**
   * CdDeviceAddDialog::added:
   * @device: the #CdDevice added to the database
   */
  signals[ADDED] =
    g_signal_new ("added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, CD_TYPE_DEVICE);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/cd-device-add-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CdDeviceAddDialog, address_row);
  gtk_widget_class_bind_template_child (widget_class, CdDeviceAddDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, CdDeviceAddDialog, note_row);
  gtk_widget_class_bind_template_child (widget_class, CdDeviceAddDialog, profile_row);
  gtk_widget_class_bind_template_child (widget_class, CdDeviceAddDialog, server_name_row);
  gtk_widget_class_bind_template_child (widget_class, CdDeviceAddDialog, starttls_row);
  gtk_widget_class_bind_template_callback (widget_class, on_add_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);
}

static void
cd_device_add_dialog_init (CdDeviceAddDialog *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->profile_ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < G_N_ELEMENTS (starttls_labels); i++)
    gtk_string_list_append (labels, i == 0 ? _(starttls_labels[i]) : starttls_labels[i]);
  adw_combo_row_set_model (self->starttls_row, G_LIST_MODEL (labels));

  fill_profiles (self);
}

/**
 * cd_device_add_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @database: where the device is added
 *
 * Returns: (transfer none): a new modal #CdDeviceAddDialog, not shown yet
 */
CdDeviceAddDialog *
cd_device_add_dialog_new (GtkWindow  *parent,
                          CdDatabase *database)
{
  CdDeviceAddDialog *self;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CD_IS_DATABASE (database), NULL);

  self = g_object_new (CD_TYPE_DEVICE_ADD_DIALOG, "transient-for", parent, NULL);
  self->database = g_object_ref (database);

  return self;
}

/**
 * cd_device_add_dialog_add:
 * @self: a #CdDeviceAddDialog
 * @error: a location for a #GError
 *
 * Adds the device the form describes, as the Add button does, and
 * emits #CdDeviceAddDialog::added.
 *
 * Returns: (transfer full) (nullable): the device; %NULL with @error
 *   set when the address is bad or already watched
 */
CdDevice *
cd_device_add_dialog_add (CdDeviceAddDialog  *self,
                          GError            **error)
{
  g_autoptr(CdDevice) device = NULL;
  g_autofree char *address = NULL;
  g_autofree char *host = NULL;
  g_autofree char *server_name = NULL;
  g_autofree char *note = NULL;
  CdStarttls starttls;
  const char *profile_id = NULL;
  guint16 port;
  guint selected;

  g_return_val_if_fail (CD_IS_DEVICE_ADD_DIALOG (self), NULL);

  address = dup_text (self->address_row);
  if (address == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Give the device’s host name or IP address, and its port after "
                             "a colon: pbx.example.com:5061."));
      return NULL;
    }

  starttls = MIN (adw_combo_row_get_selected (self->starttls_row), CD_STARTTLS_XMPP);
  if (!cd_tls_parse_address (address, cd_starttls_get_default_port (starttls),
                             &host, &port, error))
    return NULL;

  selected = adw_combo_row_get_selected (self->profile_row);
  if (selected < self->profile_ids->len)
    profile_id = g_ptr_array_index (self->profile_ids, selected);

  server_name = dup_text (self->server_name_row);
  note = dup_text (self->note_row);

  device = cd_devices_add (self->database, host, port, starttls, server_name, profile_id, note,
                           error);
  if (device == NULL)
    return NULL;

  g_signal_emit (self, signals[ADDED], 0, device);

  return g_steal_pointer (&device);
}
