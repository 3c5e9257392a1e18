/* cd-request-wizard-result.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Generate in CdRequestWizard and the page after it: the core makes the
 * key and the request in a worker thread; the result page shows the PEM
 * to copy or save.
 */

#define G_LOG_DOMAIN "cd-request-wizard"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cd-certificate.h"
#include "cd-request-wizard-private.h"

static void
set_generating (CdRequestWizard *self,
                gboolean         generating)
{
  g_assert (CD_IS_REQUEST_WIZARD (self));

  gtk_widget_set_sensitive (self->review_page, !generating);
  gtk_revealer_set_reveal_child (self->progress_revealer, generating);
  gtk_spinner_set_spinning (self->spinner, generating);

  if (!generating)
    g_clear_object (&self->cancellable);

  _cd_request_wizard_update_buttons (self);
  _cd_request_wizard_notify_generating (self);
}

static void
show_error (CdRequestWizard *self,
            const char      *heading,
            const char      *message)
{
  GtkWidget *dialog;

  g_assert (CD_IS_REQUEST_WIZARD (self));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_result (CdRequestWizard *self,
             CdCertificate   *row)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dump = NULL;

  g_assert (CD_IS_REQUEST_WIZARD (self));
  g_assert (self->pem != NULL);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->pem_view), self->pem, -1);

  bytes = g_bytes_new (self->pem, strlen (self->pem));
  dump = cd_request_dump_text (bytes, &error);
  if (dump == NULL)
    dump = g_strdup (error->message);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->dump_view), dump, -1);

  gtk_label_set_label (self->result_label,
                       _cd_request_wizard_uses_existing_key (self)
                       ? _("The request is in Certificate Enrollment Requests. Send it to your "
                           "certificate authority; when the certificate comes back, import it and "
                           "Certdesk pairs it with the key in your keyring.")
                       : _("The new private key is in your keyring and the request in Certificate "
                           "Enrollment Requests. Send the request to your certificate authority; "
                           "when the certificate comes back, import it and Certdesk pairs it "
                           "with the key."));

  gtk_stack_set_visible_child_name (self->stack, "result");
  gtk_widget_grab_focus (self->done_button);
}

static void
build_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(CdRequestWizard) self = user_data;
  g_autoptr(CdCertificate) row = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pem = NULL;

  g_assert (CD_IS_REQUEST_WIZARD (self));

  pem = cd_request_builder_build_finish (CD_REQUEST_BUILDER (object), result, &row, &error);
  set_generating (self, FALSE);

  if (pem == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          gtk_widget_get_realized (GTK_WIDGET (self)))
        show_error (self, _("Could Not Make the Request"), error->message);
      return;
    }

  g_free (self->pem);
  self->pem = g_steal_pointer (&pem);

  show_result (self, row);
  _cd_request_wizard_emit_created (self, row);
}

void
_cd_request_wizard_generate_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param)
{
  CdRequestWizard *self = CD_REQUEST_WIZARD (widget);

  if (_cd_request_wizard_is_generating (self) || g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "review") != 0)
    return;

  _cd_request_wizard_sync_builder (self);

  self->cancellable = g_cancellable_new ();
  set_generating (self, TRUE);

  cd_request_builder_build_async (self->builder,
                                  self->database,
                                  self->keyring,
                                  self->cancellable,
                                  build_cb,
                                  g_object_ref (self));
}

void
_cd_request_wizard_copy_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  CdRequestWizard *self = CD_REQUEST_WIZARD (widget);

  if (self->pem == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), self->pem);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Copied the request")));
}

static void
save_to (CdRequestWizard *self,
         GFile           *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *name = g_filename_display_name (basename);
  g_autofree char *text = NULL;

  g_assert (CD_IS_REQUEST_WIZARD (self));
  g_assert (self->pem != NULL);

  /* A few hundred bytes, written at once: no need for a thread. */
  if (!g_file_replace_contents (file, self->pem, strlen (self->pem), NULL, FALSE,
                                G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, &error))
    {
      g_autofree char *heading = NULL;

      /* translators: %s is a file name */
      heading = g_strdup_printf (_("Could Not Save to “%s”"), name);
      show_error (self, heading, error->message);
      return;
    }

  /* translators: %s is a file name */
  text = g_strdup_printf (_("Saved to %s"), name);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

static void
on_file_chooser_response_cb (CdRequestWizard      *self,
                             int                   response,
                             GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  g_assert (CD_IS_REQUEST_WIZARD (self));

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  g_clear_object (&self->file_chooser);

  if (file != NULL)
    save_to (self, file);
}

/* "*.example.com" → "wildcard.example.com.csr" */
static char *
dup_suggested_name (CdRequestWizard *self)
{
  const char *cn = cd_request_builder_get_subject_field (self->builder,
                                                         CD_SUBJECT_FIELD_COMMON_NAME);
  g_autoptr(GString) name = g_string_new (NULL);

  if (cn == NULL || cn[0] == '\0')
    return g_strdup ("request.csr");

  for (const char *p = cn; *p != '\0'; p++)
    {
      if (*p == '*')
        g_string_append (name, "wildcard");
      else if (*p == '/' || *p == '\\' || *p == ':' || g_ascii_isspace (*p))
        g_string_append_c (name, '_');
      else
        g_string_append_c (name, *p);
    }
  g_string_append (name, ".csr");

  return g_string_free (g_steal_pointer (&name), FALSE);
}

void
_cd_request_wizard_save_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  CdRequestWizard *self = CD_REQUEST_WIZARD (widget);
  g_autoptr(GtkFileFilter) filter = NULL;
  g_autofree char *suggested = NULL;

  if (self->pem == NULL || self->file_chooser != NULL)
    return;

  /* Set beforehand (by a test): no need to ask. */
  if (self->save_file != NULL)
    {
      save_to (self, self->save_file);
      return;
    }

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Certificate Requests (.csr, .req, .pem)"));
  gtk_file_filter_add_pattern (filter, "*.csr");
  gtk_file_filter_add_pattern (filter, "*.req");
  gtk_file_filter_add_pattern (filter, "*.pem");

  suggested = dup_suggested_name (self);

  self->file_chooser = gtk_file_chooser_native_new (_("Save Request"),
                                                    GTK_WINDOW (self),
                                                    GTK_FILE_CHOOSER_ACTION_SAVE,
                                                    _("_Save"),
                                                    _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->file_chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->file_chooser), suggested);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->file_chooser), filter);
  g_signal_connect_object (self->file_chooser, "response",
                           G_CALLBACK (on_file_chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->file_chooser));
}
