/* cd-devices-view-csv.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Device lists as CSV files for CdDevicesView: the file chooser of
 * Import and Export, and a toast saying what was done.
 */

#define G_LOG_DOMAIN "cd-devices-view"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-devices.h"
#include "cd-devices-view-private.h"

static void
on_file_chooser_response_cb (CdDevicesView        *self,
                             int                   response,
                             GtkFileChooserNative *native)
{
  g_autoptr(GtkFileChooserNative) owned = g_steal_pointer (&self->file_chooser);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  gboolean saving;

  g_assert (CD_IS_DEVICES_VIEW (self));

  if (response != GTK_RESPONSE_ACCEPT)
    return;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  saving = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (native)) == GTK_FILE_CHOOSER_ACTION_SAVE;
  if (saving ? !cd_devices_view_export_csv (self, file, &error)
             : !cd_devices_view_import_csv (self, file, &error))
    _cd_devices_view_add_toast (self, error->message);
}

static void
choose_file (CdDevicesView        *self,
             GtkFileChooserAction  action)
{
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
  gboolean saving = action == GTK_FILE_CHOOSER_ACTION_SAVE;

  if (self->file_chooser != NULL)
    return;

  self->file_chooser = gtk_file_chooser_native_new (saving ? _("Export the Device List")
                                                           : _("Import a Device List"),
                                                    GTK_IS_WINDOW (native) ? GTK_WINDOW (native) : NULL,
                                                    action,
                                                    saving ? _("_Export") : _("_Import"),
                                                    _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->file_chooser), TRUE);

  gtk_file_filter_set_name (csv, _("CSV Files"));
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_add_pattern (csv, "*.csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->file_chooser), csv);
  if (saving)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->file_chooser),
                                       /* translators: the suggested file name of an exported device list */
                                       _("devices.csv"));

  g_signal_connect_object (self->file_chooser, "response",
                           G_CALLBACK (on_file_chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->file_chooser));
}

void
_cd_devices_view_import_csv_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param)
{
  choose_file (CD_DEVICES_VIEW (widget), GTK_FILE_CHOOSER_ACTION_OPEN);
}

void
_cd_devices_view_export_csv_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param)
{
  choose_file (CD_DEVICES_VIEW (widget), GTK_FILE_CHOOSER_ACTION_SAVE);
}

/**
 * cd_devices_view_import_csv:
 * @self: a #CdDevicesView
 * @file: a CSV file with a header line (see cd_devices_import_csv())
 * @error: a location for a #GError
 *
 * Adds the devices of @file that are not listed yet, and says how many
 * in a toast.
 *
 * Returns: %TRUE on success; nothing is added on failure
 */
gboolean
cd_devices_view_import_csv (CdDevicesView  *self,
                            GFile          *file,
                            GError        **error)
{
  g_autofree char *text = NULL;
  guint added = 0;
  guint existing = 0;

  g_return_val_if_fail (CD_IS_DEVICES_VIEW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->database == NULL)
    return FALSE;

  if (!cd_devices_import_csv (self->database, file, &added, &existing, error))
    return FALSE;

  if (existing > 0)
    /* translators: after importing a device list; both are numbers of devices */
    text = g_strdup_printf (ngettext ("%u device added, %u already listed",
                                      "%u devices added, %u already listed", added),
                            added, existing);
  else
    text = g_strdup_printf (ngettext ("%u device added", "%u devices added", added), added);
  _cd_devices_view_add_toast (self, text);

  return cd_devices_view_reload (self, error);
}

/**
 * cd_devices_view_export_csv:
 * @self: a #CdDevicesView
 * @file: where to write the list
 * @error: a location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
cd_devices_view_export_csv (CdDevicesView  *self,
                            GFile          *file,
                            GError        **error)
{
  g_autofree char *basename = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (CD_IS_DEVICES_VIEW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->database == NULL)
    return FALSE;

  /* Devices waiting for their Undo are gone as far as the user knows. */
  _cd_devices_view_commit_removals (self);
  if (self->undo_toast != NULL)
    adw_toast_dismiss (g_steal_pointer (&self->undo_toast));

  if (!cd_devices_export_csv (self->database, file, error))
    return FALSE;

  basename = g_file_get_basename (file);
  name = g_filename_display_name (basename);
  /* translators: %s is a file name */
  text = g_strdup_printf (_("Exported to %s"), name);
  _cd_devices_view_add_toast (self, text);

  return TRUE;
}
