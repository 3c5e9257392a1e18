/* cd-export-dialog-write.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Writing for CdExportDialog: the file chooser, the options the user
 * chose for the core, and the export in a worker thread with progress,
 * Cancel and an error shown in the dialog.
 */

#define G_LOG_DOMAIN "cd-export-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-exporter.h"
#include "cd-export-dialog-private.h"

static void
set_exporting (CdExportDialog *self,
               gboolean        exporting)
{
  g_assert (CD_IS_EXPORT_DIALOG (self));

  if (self->exporting == exporting)
    return;

  self->exporting = exporting;

  gtk_widget_set_sensitive (self->page, !exporting);
  gtk_revealer_set_reveal_child (self->progress_revealer, exporting);
  if (exporting)
    gtk_progress_bar_set_fraction (self->progress_bar, 0);

  _cd_export_dialog_update (self);
  _cd_export_dialog_notify_exporting (self);
}

static char *
dup_display_name (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  if (basename == NULL)
    return g_file_get_uri (file);

  return g_filename_display_name (basename);
}

/* The key's file next to @file: "server.pem" → "server.key". */
static GFile *
dup_key_file (GFile *file)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *key_name = NULL;
  char *dot = strrchr (basename, '.');

  /* Never the certificates' own file, should that be called "x.key". */
  if (dot != NULL && g_str_equal (dot, ".key"))
    key_name = g_strconcat (basename, ".key", NULL);
  else
    {
      if (dot != NULL && dot != basename)
        *dot = '\0';
      key_name = g_strconcat (basename, ".key", NULL);
    }

  return parent != NULL ? g_file_get_child (parent, key_name) : g_file_new_for_path (key_name);
}

static void
show_error (CdExportDialog *self,
            GFile          *file,
            const char     *message)
{
  g_autofree char *name = dup_display_name (file);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  g_assert (CD_IS_EXPORT_DIALOG (self));

  /* translators: %s is a file name */
  heading = g_strdup_printf (_("Could Not Export to “%s”"), name);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_progress_cb (double   fraction,
                gpointer user_data)
{
  CdExportDialog *self = user_data;

  g_assert (CD_IS_EXPORT_DIALOG (self));

  gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0, 1));
}

static void
export_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CdExportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_steal_pointer (&self->destination);
  gboolean deleted_key;

  g_assert (CD_IS_EXPORT_DIALOG (self));

  g_clear_object (&self->cancellable);

  /* Closed while writing: the export was cancelled, nobody to tell. */
  if (self->page == NULL)
    return;

  deleted_key = gtk_switch_get_active (self->delete_key_switch) &&
                _cd_export_dialog_choice_has_key (cd_export_dialog_get_choice (self));

  if (!cd_exporter_export_finish (CD_EXPORTER (object), result, &error))
    {
      set_exporting (self, FALSE);

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      g_debug ("Could not export to %s: %s", g_file_peek_path (file), error->message);
      show_error (self, file, error->message);
      return;
    }

  set_exporting (self, FALSE);
  _cd_export_dialog_emit_exported (self, file, deleted_key);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* What the user chose, for the core. */
static CdExportOptions *
new_options (CdExportDialog *self)
{
  CdExportChoice choice = cd_export_dialog_get_choice (self);
  g_autoptr(CdExportOptions) options = NULL;
  CdExportFormat format;
  gboolean chain;

  g_assert (CD_IS_EXPORT_DIALOG (self));

  switch (choice)
    {
    case CD_EXPORT_CHOICE_DER:
      format = CD_EXPORT_FORMAT_DER;
      break;
    case CD_EXPORT_CHOICE_PEM:
      format = CD_EXPORT_FORMAT_PEM;
      break;
    case CD_EXPORT_CHOICE_PEM_CHAIN:
      format = CD_EXPORT_FORMAT_PEM_CHAIN;
      break;
    case CD_EXPORT_CHOICE_P7B:
      format = _cd_export_dialog_get_selected (self->encoding_row) == ENCODING_PEM ? CD_EXPORT_FORMAT_P7B_PEM
                                                                 : CD_EXPORT_FORMAT_P7B_DER;
      break;
    case CD_EXPORT_CHOICE_PKCS12:
      format = _cd_export_dialog_get_selected (self->encryption_row) == ENCRYPTION_COMPATIBLE
               ? CD_EXPORT_FORMAT_PKCS12_LEGACY : CD_EXPORT_FORMAT_PKCS12;
      break;
    case CD_EXPORT_CHOICE_PEM_KEY_CERT:
      format = CD_EXPORT_FORMAT_PEM_KEY_CERT;
      break;
    case CD_EXPORT_CHOICE_KEY:
      format = CD_EXPORT_FORMAT_KEY;
      break;
    default:
      g_assert_not_reached ();
    }

  chain = gtk_widget_get_visible (self->root_row);

  options = cd_export_options_new (format);
  cd_export_options_set_include_chain (options, chain);
  cd_export_options_set_include_root (options, chain && gtk_switch_get_active (self->root_switch));
  cd_export_options_set_key_format (options,
                                    _cd_export_dialog_get_selected (self->key_format_row) == KEY_FORMAT_PKCS1
                                    ? CD_EXPORT_KEY_FORMAT_PKCS1 : CD_EXPORT_KEY_FORMAT_PKCS8);
  cd_export_options_set_key_first (options,
                                   !_cd_export_dialog_is_two_files (self) &&
                                   _cd_export_dialog_get_selected (self->order_row) == ORDER_KEY_FIRST);

  if (gtk_widget_get_visible (self->password_group))
    cd_export_options_set_password (options,
                                    gtk_editable_get_text (GTK_EDITABLE (self->password_row)));
  else if (_cd_export_dialog_is_key_unencrypted (self))
    cd_export_options_set_allow_unencrypted_key (options, TRUE);

  if (choice == CD_EXPORT_CHOICE_PKCS12)
    {
      const char *name = gtk_editable_get_text (GTK_EDITABLE (self->friendly_name_row));

      if (name[0] != '\0')
        cd_export_options_set_friendly_name (options, name);
    }

  if (_cd_export_dialog_choice_has_key (choice))
    cd_export_options_set_delete_key (options, gtk_switch_get_active (self->delete_key_switch));

  return g_steal_pointer (&options);
}

static void
start_export (CdExportDialog *self)
{
  g_autoptr(CdExportOptions) options = NULL;
  g_autoptr(CdExporter) exporter = NULL;
  g_autoptr(GFile) key_file = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  g_assert (CD_IS_EXPORT_DIALOG (self));
  g_assert (self->destination != NULL);

  if (self->exporting || !self->can_export)
    return;

  options = new_options (self);
  if (_cd_export_dialog_is_two_files (self))
    key_file = dup_key_file (self->destination);

  name = dup_display_name (self->destination);
  /* translators: %s is a file name */
  text = g_strdup_printf (_("Exporting to “%s”…"), name);
  gtk_label_set_label (self->progress_label, text);

  set_exporting (self, TRUE);
  self->cancellable = g_cancellable_new ();

  exporter = cd_exporter_new (self->database, self->keyring);
  cd_exporter_export_async (exporter,
                            self->rows,
                            options,
                            self->destination,
                            key_file,
                            on_progress_cb,
                            self,
                            self->cancellable,
                            export_cb,
                            g_object_ref (self));
}

static void
on_file_chooser_response_cb (CdExportDialog       *self,
                             int                   response,
                             GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  g_assert (CD_IS_EXPORT_DIALOG (self));

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  g_clear_object (&self->file_chooser);

  if (file == NULL)
    return;

  cd_export_dialog_set_destination (self, file);
  start_export (self);
}

void
_cd_export_dialog_export_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *param)
{
  CdExportDialog *self = CD_EXPORT_DIALOG (widget);
  g_autoptr(GtkFileFilter) filter = NULL;
  g_autofree char *suggested = NULL;
  g_autofree char *pattern = NULL;
  CdExportChoice choice;

  if (!self->can_export || self->exporting || self->file_chooser != NULL)
    return;

  /* Set beforehand (by a test, or a chooser's answer): no need to ask. */
  if (self->destination != NULL)
    {
      start_export (self);
      return;
    }

  choice = cd_export_dialog_get_choice (self);
  suggested = cd_export_dialog_dup_suggested_name (self);
  pattern = g_strconcat ("*", _cd_export_dialog_get_extension (self), NULL);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _cd_export_dialog_get_choice_title (choice, self->rows->len > 1));
  gtk_file_filter_add_pattern (filter, pattern);

  self->file_chooser = gtk_file_chooser_native_new (_("Export To"),
                                                    GTK_WINDOW (self),
                                                    GTK_FILE_CHOOSER_ACTION_SAVE,
                                                    _("_Export"),
                                                    _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->file_chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->file_chooser), suggested);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->file_chooser), filter);
  g_signal_connect_object (self->file_chooser, "response",
                           G_CALLBACK (on_file_chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->file_chooser));
}
