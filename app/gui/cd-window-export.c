/* cd-window-export.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The exporting side of CdWindow: Export… (Ctrl+E, the context menu)
 * opens a CdExportDialog for the selected certificates (the certificate
 * dialog opens its own for its certificate);
 * Copy as PEM (Ctrl+C in the list, the context menu) puts their PEM on
 * the clipboard. Dragging rows to a file manager is cd-drag-content.c.
 */

#define G_LOG_DOMAIN "cd-window"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-certificate.h"
#include "cd-database.h"
#include "cd-export-dialog.h"
#include "cd-exporter.h"
#include "cd-window-private.h"

static GPtrArray *
dup_selected_certificates (CdWindow *self)
{
  g_autoptr(GPtrArray) rows = NULL;
  GPtrArray *certificates;

  g_assert (CD_IS_WINDOW (self));

  certificates = g_ptr_array_new_with_free_func (g_object_unref);
  if (self->showing_expiring || self->database == NULL)
    return certificates;

  /* A request has no certificate to export yet. */
  rows = cd_store_view_dup_selected (self->store_view);
  for (guint i = 0; i < rows->len; i++)
    {
      if (!cd_certificate_get_is_request (g_ptr_array_index (rows, i)))
        g_ptr_array_add (certificates, g_object_ref (g_ptr_array_index (rows, i)));
    }

  return certificates;
}

static void
on_exported_cb (CdWindow       *self,
                GFile          *file,
                gboolean        deleted_key,
                CdExportDialog *dialog)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *name = g_filename_display_name (basename);
  g_autofree char *text = NULL;

  g_assert (CD_IS_WINDOW (self));

  if (deleted_key)
    /* translators: %s is a file name */
    text = g_strdup_printf (_("Exported to %s and deleted the private key"), name);
  else
    /* translators: %s is a file name */
    text = g_strdup_printf (_("Exported to %s"), name);

  _cd_window_add_toast (self, text);

  if (deleted_key)
    cd_window_reload (self);
}

/* Opens the export dialog for @rows; returns it, or NULL if there is
 * nothing to export.
 */
GtkWindow *
_cd_window_export (CdWindow  *self,
                   GPtrArray *rows)
{
  CdExportDialog *dialog;

  g_assert (CD_IS_WINDOW (self));
  g_assert (rows != NULL);

  if (rows->len == 0 || self->database == NULL)
    return NULL;

  dialog = cd_export_dialog_new (GTK_WINDOW (self), self->database, self->keyring, rows);
  g_signal_connect_object (dialog, "exported", G_CALLBACK (on_exported_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));

  return GTK_WINDOW (dialog);
}

static void
export_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  CdWindow *self = CD_WINDOW (user_data);
  g_autoptr(GPtrArray) rows = dup_selected_certificates (self);

  _cd_window_export (self, rows);
}

static void
copy_as_pem_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  CdWindow *self = CD_WINDOW (user_data);
  g_autoptr(GPtrArray) rows = dup_selected_certificates (self);
  g_autoptr(CdExportOptions) options = NULL;
  g_autoptr(CdExporter) exporter = NULL;
  g_autoptr(GBytes) pem = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *toast = NULL;
  gsize size;
  const char *data;

  if (rows->len == 0)
    return;

  /* Only certificates: a key never goes to the clipboard. */
  options = cd_export_options_new (CD_EXPORT_FORMAT_PEM);
  exporter = cd_exporter_new (self->database, self->keyring);
  pem = cd_exporter_export_to_bytes (exporter, rows, options, NULL, &error);
  if (pem == NULL)
    {
      _cd_window_add_toast (self, error->message);
      return;
    }

  data = g_bytes_get_data (pem, &size);
  text = g_strndup (data, size);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);

  toast = g_strdup_printf (ngettext ("Copied %u certificate as PEM",
                                     "Copied %u certificates as PEM",
                                     rows->len),
                           rows->len);
  _cd_window_add_toast (self, toast);
}

static const GActionEntry export_actions[] = {
  { "export", export_action },
  { "copy-as-pem", copy_as_pem_action },
};

void
_cd_window_setup_export (CdWindow *self)
{
  g_assert (CD_IS_WINDOW (self));
  g_assert (self->database != NULL);

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   export_actions,
                                   G_N_ELEMENTS (export_actions),
                                   self);
}
