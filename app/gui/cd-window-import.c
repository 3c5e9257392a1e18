/* cd-window-import.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The import side of CdWindow: files dropped on the window or chosen in
 * the file chooser, and text pasted from the clipboard, go to a
 * CdImportQueue; this part asks for passwords,
 * shows the result as a toast and the failures in a dialog, and then
 * shows the store the certificates went to.
 */

#define G_LOG_DOMAIN "cd-window"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cd-database.h"
#include "cd-importer.h"
#include "cd-password-dialog.h"
#include "cd-store-kind.h"
#include "cd-window-private.h"

static void
show_failures (CdWindow  *self,
               GPtrArray *failures)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  g_assert (CD_IS_WINDOW (self));
  g_assert (failures != NULL && failures->len > 0);

  /* The importer's messages name the file and say what to do. */
  for (guint i = 0; i < failures->len; i++)
    {
      const GError *error = g_ptr_array_index (failures, i);

      if (i > 0)
        g_string_append (text, "\n\n");
      g_string_append (text, error->message);
    }

  /* Not "file": pasted text fails here too, and the messages name it. */
  if (failures->len == 1)
    heading = g_strdup (_("Import Failed"));
  else
    heading = g_strdup_printf (ngettext ("%u Imports Failed", "%u Imports Failed",
                                         failures->len),
                               failures->len);

  /* The dialog scrolls its body when there are many. */
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, text->str);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_password_response_cb (CdWindow         *self,
                         const char       *response,
                         CdPasswordDialog *dialog)
{
  g_assert (CD_IS_WINDOW (self));
  g_assert (CD_IS_PASSWORD_DIALOG (dialog));

  /* The import may have been cancelled while the dialog was open. */
  if (self->import_queue == NULL || !cd_import_queue_get_waiting (self->import_queue))
    return;

  if (g_strcmp0 (response, "import") == 0)
    cd_import_queue_answer_password (self->import_queue, cd_password_dialog_get_password (dialog));
  else
    cd_import_queue_answer_password (self->import_queue, NULL);
}

static gboolean
on_password_requested_cb (CdWindow      *self,
                          GFile         *file,
                          const char    *display_name,
                          gboolean       was_wrong,
                          CdImportQueue *queue)
{
  GtkWidget *dialog;

  g_assert (CD_IS_WINDOW (self));
  g_assert (CD_IS_IMPORT_QUEUE (queue));

  dialog = cd_password_dialog_new (GTK_WINDOW (self), display_name, was_wrong);
  g_signal_connect_object (dialog,
                           "response",
                           G_CALLBACK (on_password_response_cb),
                           self,
                           G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->password_dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

static CdStoreKind
pick_target_store (CdWindow       *self,
                   CdImportResult *result)
{
  g_assert (CD_IS_WINDOW (self));

  if (cd_import_result_get_added (result, self->kind) > 0 ||
      cd_import_result_get_existing (result, self->kind) > 0)
    return self->kind;

  /* Show where the new certificates went, in certmgr.msc's order. */
  for (guint i = 0; i < CD_N_STORE_KINDS; i++)
    {
      if (cd_import_result_get_added (result, i) > 0)
        return i;
    }

  for (guint i = 0; i < CD_N_STORE_KINDS; i++)
    {
      if (cd_import_result_get_existing (result, i) > 0)
        return i;
    }

  return self->kind;
}

static void
on_import_finished_cb (CdWindow       *self,
                       CdImportResult *result,
                       GPtrArray      *failures,
                       gboolean        cancelled,
                       CdImportQueue  *queue)
{
  g_autofree char *summary = NULL;
  g_autofree char *text = NULL;

  g_assert (CD_IS_WINDOW (self));

  if (self->password_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->password_dialog));

  /* The worker wrote through its own connection; that is no reason to
   * reload a second time when the database is next checked.
   */
  cd_database_check_changed (self->database);

  summary = cd_import_result_dup_summary (result);
  if (cancelled)
    /* translators: %s tells what was imported before the user cancelled */
    text = g_strdup_printf (_("Import cancelled. %s"), summary ? summary : "");
  else
    text = g_steal_pointer (&summary);
  _cd_window_add_toast (self, text);

  cd_window_reload (self);
  cd_window_select_store (self, pick_target_store (self, result));

  if (failures->len > 0)
    show_failures (self, failures);

  /* A CA's reply completing a request may carry a root to trust. */
  _cd_window_ask_pending_roots (self, result);

  _cd_window_set_importing (self, FALSE);
}

static void
on_import_busy_cb (CdWindow      *self,
                   GParamSpec    *pspec,
                   CdImportQueue *queue)
{
  g_assert (CD_IS_WINDOW (self));

  /* The end of a run is announced by on_import_finished_cb(), once the
   * stores are reloaded; here only the start.
   */
  if (cd_import_queue_get_busy (queue))
    _cd_window_set_importing (self, TRUE);
}

static GdkDragAction
on_drop_enter_cb (CdWindow      *self,
                  double         x,
                  double         y,
                  GtkDropTarget *target)
{
  g_assert (CD_IS_WINDOW (self));

  if (self->import_queue == NULL)
    return 0;

  gtk_widget_set_visible (self->drop_overlay, TRUE);

  return GDK_ACTION_COPY;
}

static void
on_drop_leave_cb (CdWindow      *self,
                  GtkDropTarget *target)
{
  g_assert (CD_IS_WINDOW (self));

  gtk_widget_set_visible (self->drop_overlay, FALSE);
}

static gboolean
on_drop_cb (CdWindow      *self,
            const GValue  *value,
            double         x,
            double         y,
            GtkDropTarget *target)
{
  GSList *files;

  g_assert (CD_IS_WINDOW (self));

  gtk_widget_set_visible (self->drop_overlay, FALSE);

  if (self->import_queue == NULL || !G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  /* Dropped files are always placed as Windows would place them. */
  files = gdk_file_list_get_files (g_value_get_boxed (value));
  for (const GSList *l = files; l != NULL; l = l->next)
    cd_import_queue_add (self->import_queue, l->data, CD_STORE_KIND_AUTO);
  g_slist_free (files);

  return TRUE;
}

static void
on_file_chooser_response_cb (CdWindow             *self,
                             int                   response,
                             GtkFileChooserNative *native)
{
  g_autoptr(GtkFileChooserNative) owned = NULL;
  g_autoptr(GListModel) files = NULL;
  CdStoreKind kind = CD_STORE_KIND_AUTO;
  const char *choice;
  guint n_files;

  g_assert (CD_IS_WINDOW (self));
  g_assert (self->file_chooser == native);

  owned = g_steal_pointer (&self->file_chooser);

  if (response != GTK_RESPONSE_ACCEPT || self->import_queue == NULL)
    return;

  /* "auto" is no store id, which leaves kind automatic. */
  choice = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (native), "store");
  cd_store_kind_from_id (choice, &kind);

  files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (native));
  n_files = g_list_model_get_n_items (files);
  for (guint i = 0; i < n_files; i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);

      cd_import_queue_add (self->import_queue, file, kind);
    }
}

static GtkFileFilter *
new_filter (const char          *name,
            const char * const  *suffixes,
            const char * const  *mime_types)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; suffixes != NULL && suffixes[i] != NULL; i++)
    gtk_file_filter_add_suffix (filter, suffixes[i]);
  for (guint i = 0; mime_types != NULL && mime_types[i] != NULL; i++)
    gtk_file_filter_add_mime_type (filter, mime_types[i]);

  return filter;
}

void
_cd_window_import_action (GSimpleAction *action,
                          GVariant      *param,
                          gpointer       user_data)
{
  static const char * const cert_suffixes[] = {
    "pem", "crt", "cer", "der", "b64", "p7b", "p7c", "pfx", "p12", "csr", "req", NULL
  };
  static const char * const cert_types[] = {
    "application/x-x509-ca-cert", "application/pkix-cert", "application/x-pem-file",
    "application/x-pkcs12", "application/x-pkcs7-certificates", "application/pkcs10", NULL
  };
  static const char * const key_suffixes[] = { "key", "pem", "pk8", "pfx", "p12", NULL };
  CdWindow *self = CD_WINDOW (user_data);
  g_autoptr(GtkFileFilter) certs = NULL;
  g_autoptr(GtkFileFilter) keys = NULL;
  g_autoptr(GtkFileFilter) all = NULL;
  const char *ids[CD_N_STORE_KINDS + 2];
  const char *labels[CD_N_STORE_KINDS + 2];
  GtkFileChooser *chooser;

  g_assert (CD_IS_WINDOW (self));

  if (self->file_chooser != NULL)
    {
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->file_chooser));
      return;
    }

  self->file_chooser = gtk_file_chooser_native_new (_("Import Certificates and Keys"),
                                                    GTK_WINDOW (self),
                                                    GTK_FILE_CHOOSER_ACTION_OPEN,
                                                    _("_Import"),
                                                    _("_Cancel"));
  chooser = GTK_FILE_CHOOSER (self->file_chooser);
  gtk_file_chooser_set_select_multiple (chooser, TRUE);

  certs = new_filter (_("Certificates and Requests"), cert_suffixes, cert_types);
  keys = new_filter (_("Private Keys"), key_suffixes, NULL);
  all = new_filter (_("All Files"), NULL, NULL);
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (chooser, certs);
  gtk_file_chooser_add_filter (chooser, keys);
  gtk_file_chooser_add_filter (chooser, all);

  ids[0] = "auto";
  labels[0] = _("Automatic");
  for (guint i = 0; i < CD_N_STORE_KINDS; i++)
    {
      ids[i + 1] = cd_store_kind_to_id (i);
      labels[i + 1] = cd_store_kind_get_title (i);
    }
  ids[CD_N_STORE_KINDS + 1] = NULL;
  labels[CD_N_STORE_KINDS + 1] = NULL;
  gtk_file_chooser_add_choice (chooser, "store", _("Store"), ids, labels);
  gtk_file_chooser_set_choice (chooser, "store", "auto");

  g_signal_connect_object (self->file_chooser,
                           "response",
                           G_CALLBACK (on_file_chooser_response_cb),
                           self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->file_chooser));
}

/* Pasted text may hold a private key: wipe it once the import is done
 * with it, as passwords are.
 */
static void
wipe_and_free (gpointer data)
{
  char *text = data;

  memset (text, 0, strlen (text));
  g_free (text);
}

static void
read_clipboard_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CdWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GBytes) data = NULL;
  gsize len;

  g_assert (CD_IS_WINDOW (self));

  text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);

  /* The window may have closed while the clipboard owner answered. */
  if (self->import_queue == NULL)
    return;

  if (error != NULL)
    g_debug ("Could not read the clipboard: %s", error->message);

  if (text == NULL || g_strstrip (text)[0] == '\0')
    {
      _cd_window_add_toast (self, _("The clipboard holds no text to import"));
      return;
    }

  /* The text stays in memory: a pasted key must not touch the disk. */
  len = strlen (text);
  data = g_bytes_new_with_free_func (text, len, wipe_and_free, text);
  text = NULL;
  /* translators: the name of pasted text in import messages */
  cd_import_queue_add_bytes (self->import_queue, data, _("Clipboard"), CD_STORE_KIND_AUTO);
}

void
_cd_window_paste_action (GSimpleAction *action,
                         GVariant      *param,
                         gpointer       user_data)
{
  CdWindow *self = CD_WINDOW (user_data);
  GtkWidget *focus;

  g_assert (CD_IS_WINDOW (self));

  /* Application accelerators run before the focused widget sees the
   * key, so Ctrl+V in the search entry lands here: hand it back.
   */
  focus = gtk_root_get_focus (GTK_ROOT (self));
  if (focus != NULL && (GTK_IS_EDITABLE (focus) || GTK_IS_TEXT_VIEW (focus)))
    {
      gtk_widget_activate_action (focus, "clipboard.paste", NULL);
      return;
    }

  if (self->import_queue == NULL)
    return;

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (self)),
                                 NULL,
                                 read_clipboard_cb,
                                 g_object_ref (self));
}

void
_cd_window_setup_import (CdWindow *self)
{
  g_autoptr(CdImporter) importer = NULL;
  GtkDropTarget *drop_target;

  g_assert (CD_IS_WINDOW (self));
  g_assert (self->database != NULL);
  g_assert (self->keyring != NULL);

  importer = cd_importer_new (self->database, self->keyring);
  self->import_queue = cd_import_queue_new (importer);
  g_signal_connect_object (self->import_queue,
                           "password-requested",
                           G_CALLBACK (on_password_requested_cb),
                           self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->import_queue,
                           "finished",
                           G_CALLBACK (on_import_finished_cb),
                           self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->import_queue,
                           "notify::busy",
                           G_CALLBACK (on_import_busy_cb),
                           self,
                           G_CONNECT_SWAPPED);
  cd_import_progress_set_queue (self->import_progress, self->import_queue);

  /* Without a database there is nowhere to import to: no drop target. */
  drop_target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop_target, "enter", G_CALLBACK (on_drop_enter_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (drop_target, "leave", G_CALLBACK (on_drop_leave_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (drop_target, "drop", G_CALLBACK (on_drop_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop_target));
}

void
_cd_window_dispose_import (CdWindow *self)
{
  g_assert (CD_IS_WINDOW (self));

  /* What was imported so far stays; the rest is not started. */
  if (self->import_queue != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->import_queue, self);
      cd_import_queue_cancel (self->import_queue);
      g_clear_object (&self->import_queue);
    }

  if (self->file_chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->file_chooser));
      g_clear_object (&self->file_chooser);
    }

  if (self->password_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->password_dialog));
  g_clear_weak_pointer (&self->password_dialog);
}

/**
 * cd_window_import_files:
 * @self: a #CdWindow
 * @files: (array length=n_files): the files to import
 * @n_files: the number of @files
 * @kind: the store to put them in, or %CD_STORE_KIND_AUTO
 *
 * Imports @files one after the other, asking for passwords as needed,
 * as if they had been dropped on the window.
 */
void
cd_window_import_files (CdWindow     *self,
                        GFile       **files,
                        guint         n_files,
                        CdStoreKind   kind)
{
  g_return_if_fail (CD_IS_WINDOW (self));
  g_return_if_fail (files != NULL || n_files == 0);

  if (self->import_queue == NULL)
    return;

  for (guint i = 0; i < n_files; i++)
    cd_import_queue_add (self->import_queue, files[i], kind);
}
