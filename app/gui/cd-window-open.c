/* cd-window-open.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The viewing side of CdWindow: a certificate of a store opens in a
 * CdCertificateDialog, and so does a file given on the command line or
 * by the file manager, without importing it. A file is read in a worker
 * thread (a PKCS#12 bundle can take a moment), asks for its password
 * when it has one, and says in a dialog naming the file why it cannot
 * be shown; its dialog offers to import it through the import queue.
 * Check Against Device… opens the dialog on its Check page.
 */

#define G_LOG_DOMAIN "cd-window"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cd-certificate-dialog.h"
#include "cd-certificate-info.h"
#include "cd-certificate.h"
#include "cd-database.h"
#include "cd-errors.h"
#include "cd-import-queue.h"
#include "cd-password-dialog.h"
#include "cd-window-private.h"

typedef struct
{
  GFile *file;
  char  *password;
  char  *display_name;
} OpenRequest;

static void open_file (CdWindow   *self,
                       GFile      *file,
                       const char *password);

/* explicit_bzero(), unlike memset(), is not dropped as a dead store. */
static void
wipe_password (char *password)
{
  if (password == NULL)
    return;

  explicit_bzero (password, strlen (password));
  g_free (password);
}

static void
open_request_free (OpenRequest *request)
{
  g_clear_object (&request->file);
  g_clear_pointer (&request->password, wipe_password);
  g_clear_pointer (&request->display_name, g_free);
  g_free (request);
}

static char *
dup_display_name (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  if (basename == NULL)
    return g_file_get_uri (file);

  return g_filename_display_name (basename);
}

static void
show_open_error (CdWindow   *self,
                 const char *display_name,
                 const char *message)
{
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  g_assert (CD_IS_WINDOW (self));

  /* translators: %s is a file name */
  heading = g_strdup_printf (_("Cannot Open “%s”"), display_name);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, message);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_dialog_changed_cb (CdWindow            *self,
                      CdCertificateDialog *dialog)
{
  g_assert (CD_IS_WINDOW (self));

  cd_window_reload (self);
}

static void
on_dialog_import_cb (CdWindow            *self,
                     GFile               *file,
                     CdCertificateDialog *dialog)
{
  g_assert (CD_IS_WINDOW (self));

  /* The password that opened the file imports it too. */
  if (self->import_queue != NULL)
    cd_import_queue_add_with_password (self->import_queue, file, CD_STORE_KIND_AUTO,
                                       g_object_get_data (G_OBJECT (dialog), "cd-open-password"));
}

static void
on_password_response_cb (CdPasswordDialog *dialog,
                         const char       *response,
                         CdWindow         *self)
{
  OpenRequest *request = g_object_get_data (G_OBJECT (dialog), "cd-open-request");

  g_assert (CD_IS_WINDOW (self));
  g_assert (request != NULL);

  if (g_strcmp0 (response, "import") == 0)
    open_file (self, request->file, cd_password_dialog_get_password (dialog));
}

static void
ask_password (CdWindow    *self,
              OpenRequest *request,
              gboolean     was_wrong)
{
  OpenRequest *copy;
  GtkWidget *dialog;

  g_assert (CD_IS_WINDOW (self));

  copy = g_new0 (OpenRequest, 1);
  copy->file = g_object_ref (request->file);
  copy->display_name = g_strdup (request->display_name);

  dialog = cd_password_dialog_new (GTK_WINDOW (self), request->display_name, was_wrong);

  /* Here the password opens the file to look at it, not to import it. */
  adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (dialog), "import", _("_Open"));
  adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (dialog), "skip", _("_Cancel"));

  g_object_set_data_full (G_OBJECT (dialog), "cd-open-request", copy,
                          (GDestroyNotify)open_request_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_password_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OpenRequest *request = task_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *infos;

  infos = cd_certificate_info_load_file (request->file, request->password, cancellable, &error);

  if (infos == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, infos, (GDestroyNotify)g_ptr_array_unref);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  CdWindow *self = CD_WINDOW (object);
  OpenRequest *request = g_task_get_task_data (G_TASK (result));
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GError) error = NULL;
  CdCertificateDialog *dialog;

  infos = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (g_error_matches (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_NEEDS_PASSWORD) ||
      g_error_matches (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_BAD_PASSWORD))
    {
      /* Only a password the user typed can be wrong. */
      ask_password (self, request, request->password != NULL);
      return;
    }

  if (infos == NULL)
    {
      show_open_error (self, request->display_name, error->message);
      return;
    }

  if (infos->len == 0)
    {
      show_open_error (self, request->display_name,
                       _("The file holds no certificate and no certificate request. "
                         "Choose a certificate file (.cer, .crt, .pem, .p7b, .pfx or .csr)."));
      return;
    }

  /* Like Windows, the first certificate of a bundle is the one shown;
   * the others are in its chain or can be imported with it.
   */
  dialog = cd_certificate_dialog_new (GTK_WINDOW (self), self->database,
                                      g_ptr_array_index (infos, 0), NULL);
  cd_certificate_dialog_set_file (dialog, request->file);
  if (request->password != NULL)
    g_object_set_data_full (G_OBJECT (dialog), "cd-open-password",
                            g_steal_pointer (&request->password), (GDestroyNotify)wipe_password);
  if (self->import_queue == NULL)
    gtk_widget_action_set_enabled (GTK_WIDGET (dialog), "dialog.import", FALSE);

  g_signal_connect_object (dialog, "import", G_CALLBACK (on_dialog_import_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "changed", G_CALLBACK (on_dialog_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_file (CdWindow   *self,
           GFile      *file,
           const char *password)
{
  g_autoptr(GTask) task = NULL;
  OpenRequest *request;

  g_assert (CD_IS_WINDOW (self));
  g_assert (G_IS_FILE (file));

  if (self->open_cancellable == NULL)
    self->open_cancellable = g_cancellable_new ();

  request = g_new0 (OpenRequest, 1);
  request->file = g_object_ref (file);
  request->password = g_strdup (password);
  request->display_name = dup_display_name (file);

  task = g_task_new (self, self->open_cancellable, load_cb, NULL);
  g_task_set_source_tag (task, open_file);
  g_task_set_name (task, "[certdesk] open file");
  g_task_set_task_data (task, request, (GDestroyNotify)open_request_free);
  g_task_run_in_thread (task, load_thread);
}

void
_cd_window_dispose_open (CdWindow *self)
{
  g_assert (CD_IS_WINDOW (self));

  g_cancellable_cancel (self->open_cancellable);
  g_clear_object (&self->open_cancellable);
}

/**
 * cd_window_show_certificate:
 * @self: a #CdWindow
 * @certificate: a certificate of one of the stores
 *
 * Opens @certificate in a #CdCertificateDialog; when the dialog changes
 * the stores (e.g. a friendly name), the window shows it.
 *
 * Returns: (transfer none) (nullable): the dialog, or %NULL if the
 *   certificate could not be read (the window then says why)
 */
GtkWindow *
cd_window_show_certificate (CdWindow      *self,
                            CdCertificate *certificate)
{
  g_autoptr(GBytes) der = NULL;
  g_autoptr(CdCertificateInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  CdCertificateDialog *dialog;

  g_return_val_if_fail (CD_IS_WINDOW (self), NULL);
  g_return_val_if_fail (CD_IS_CERTIFICATE (certificate), NULL);

  if (self->database == NULL)
    return NULL;

  der = cd_database_dup_der (self->database, cd_certificate_get_sha256 (certificate), &error);
  if (der != NULL)
    info = cd_certificate_info_new (der, &error);

  if (info == NULL)
    {
      name = cd_certificate_dup_display_name (certificate);
      show_open_error (self, name, error->message);
      return NULL;
    }

  dialog = cd_certificate_dialog_new (GTK_WINDOW (self), self->database, info, certificate);
  g_signal_connect_object (dialog, "changed", G_CALLBACK (on_dialog_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));

  return GTK_WINDOW (dialog);
}

/* "Check Against Device…": the first certificate selected, on the
 * dialog's Check page.
 */
void
_cd_window_check_selected_action (GSimpleAction *action,
                                  GVariant      *param,
                                  gpointer       user_data)
{
  CdWindow *self = CD_WINDOW (user_data);
  g_autoptr(GPtrArray) rows = NULL;
  GtkWindow *dialog;

  if (self->showing_expiring)
    return;

  rows = cd_store_view_dup_selected (self->store_view);
  if (rows->len == 0)
    return;

  dialog = cd_window_show_certificate (self, g_ptr_array_index (rows, 0));
  if (dialog != NULL)
    cd_certificate_dialog_set_visible_page (CD_CERTIFICATE_DIALOG (dialog), "check");
}

/**
 * cd_window_open_files:
 * @self: a #CdWindow
 * @files: (array length=n_files): the files to show
 * @n_files: the number of @files
 *
 * Shows the first certificate of each file in a #CdCertificateDialog,
 * without importing anything; each dialog has an Import button. A file
 * that needs a password asks for it first; one that cannot be read says
 * why in a dialog that names it.
 */
void
cd_window_open_files (CdWindow  *self,
                      GFile    **files,
                      guint      n_files)
{
  g_return_if_fail (CD_IS_WINDOW (self));
  g_return_if_fail (files != NULL || n_files == 0);

  for (guint i = 0; i < n_files; i++)
    open_file (self, files[i], NULL);
}
