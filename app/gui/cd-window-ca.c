/* cd-window-ca.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The private CA side of CdWindow: New Certificate Authority… (the
 * primary menu), Sign with CA… (a request's context menu and dialog),
 * Sign a Request File…, Issue Certificate and Key…, Revoke… (a
 * certificate one of our CAs issued) and Export Revocation List… (a
 * CA of ours). Each opens its dialog; this file shows what came out in
 * the stores: the new certificate selected, a toast saying where.
 */

#define G_LOG_DOMAIN "cd-window"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-ca-create-dialog.h"
#include "cd-ca-revoke-dialog.h"
#include "cd-ca-sign-dialog.h"
#include "cd-ca.h"
#include "cd-certificate.h"
#include "cd-database.h"
#include "cd-store-kind.h"
#include "cd-window-ca.h"
#include "cd-window-private.h"

/* Shows @kind with the certificate @sha256 selected, if the search
 * lets it through.
 */
static void
select_certificate (CdWindow    *self,
                    CdStoreKind  kind,
                    const char  *sha256)
{
  GListModel *model;

  g_assert (CD_IS_WINDOW (self));

  /* The dialogs' workers wrote through their own connections. */
  cd_database_check_changed (self->database);
  cd_window_reload (self);
  cd_window_select_store (self, kind);

  model = cd_store_view_get_model (self->store_view);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CdCertificate) row = g_list_model_get_item (model, i);

      if (g_strcmp0 (cd_certificate_get_sha256 (row), sha256) == 0)
        {
          cd_store_view_select (self->store_view, i, TRUE);
          return;
        }
    }
}

static CdCertificate *
dup_first_selected (CdWindow *self,
                    gboolean  request)
{
  g_autoptr(GPtrArray) rows = NULL;

  g_assert (CD_IS_WINDOW (self));

  if (self->showing_expiring || self->database == NULL)
    return NULL;

  rows = cd_store_view_dup_selected (self->store_view);
  for (guint i = 0; i < rows->len; i++)
    {
      CdCertificate *row = g_ptr_array_index (rows, i);

      if (cd_certificate_get_is_request (row) == request)
        return g_object_ref (row);
    }

  return NULL;
}

/* New Certificate Authority… */

static void
on_ca_created_cb (CdWindow         *self,
                  CdCaResult       *result,
                  CdCaCreateDialog *dialog)
{
  CdCertificate *row = cd_ca_result_get_certificate (result);
  g_autofree char *name = cd_certificate_dup_display_name (row);
  g_autofree char *text = NULL;
  CdStoreKind kind;

  g_assert (CD_IS_WINDOW (self));

  kind = cd_certificate_get_is_self_signed (row) ? CD_STORE_KIND_ROOT : CD_STORE_KIND_CA;
  select_certificate (self, kind, cd_certificate_get_sha256 (row));

  /* translators: %s names the new certificate authority */
  text = g_strdup_printf (_("“%s” created; it is also in Personal with its key"), name);
  _cd_window_add_toast (self, text);
}

/**
 * cd_window_new_ca:
 * @self: a #CdWindow
 *
 * Opens the dialog that makes a new certificate authority.
 *
 * Returns: (transfer none) (nullable): the dialog
 */
GtkWindow *
cd_window_new_ca (CdWindow *self)
{
  CdCaCreateDialog *dialog;

  g_return_val_if_fail (CD_IS_WINDOW (self), NULL);

  if (self->database == NULL)
    return NULL;

  dialog = cd_ca_create_dialog_new (GTK_WINDOW (self), self->database, self->keyring);
  g_signal_connect_object (dialog, "created", G_CALLBACK (on_ca_created_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));

  return GTK_WINDOW (dialog);
}

/* Sign with CA… and Issue Certificate and Key… */

static void
on_signed_cb (CdWindow       *self,
              CdCaResult     *result,
              CdCaSignDialog *dialog)
{
  CdCertificate *row = cd_ca_result_get_certificate (result);
  g_autofree char *name = cd_certificate_dup_display_name (row);
  g_autofree char *text = NULL;
  CdStoreKind kind = cd_certificate_get_store (row);

  g_assert (CD_IS_WINDOW (self));

  select_certificate (self, kind, cd_certificate_get_sha256 (row));

  /* translators: the first %s names a certificate, the second a store */
  text = g_strdup_printf (_("Issued “%s”; it is in %s"), name, cd_store_kind_get_title (kind));
  _cd_window_add_toast (self, text);
}

static GtkWindow *
present_sign_dialog (CdWindow       *self,
                     CdCaSignDialog *dialog)
{
  g_assert (CD_IS_WINDOW (self));

  g_signal_connect_object (dialog, "signed", G_CALLBACK (on_signed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));

  return GTK_WINDOW (dialog);
}

static GtkWindow *
open_sign_dialog (CdWindow   *self,
                  GtkWindow  *parent,
                  GBytes     *request,
                  const char *name)
{
  g_autoptr(GError) error = NULL;
  CdCaSignDialog *dialog;

  g_assert (CD_IS_WINDOW (self));

  dialog = cd_ca_sign_dialog_new (parent != NULL ? parent : GTK_WINDOW (self),
                                  self->database, self->keyring, request, name, &error);
  if (dialog == NULL)
    {
      g_autofree char *text = NULL;

      /* translators: the first %s names a file or request, the second says why */
      text = g_strdup_printf (_("Cannot sign “%s”: %s"), name, error->message);
      _cd_window_add_toast (self, text);
      return NULL;
    }

  return present_sign_dialog (self, dialog);
}

/**
 * cd_window_sign_request:
 * @self: a #CdWindow
 * @request: a request of the Certificate Enrollment Requests store
 * @parent: (nullable): the window the dialog belongs to, if not @self
 *
 * Opens the dialog that signs @request with one of our CAs.
 *
 * Returns: (transfer none) (nullable): the dialog
 */
GtkWindow *
cd_window_sign_request (CdWindow      *self,
                        CdCertificate *request,
                        GtkWindow     *parent)
{
  g_autoptr(GBytes) der = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (CD_IS_WINDOW (self), NULL);
  g_return_val_if_fail (CD_IS_CERTIFICATE (request), NULL);

  if (self->database == NULL)
    return NULL;

  name = cd_certificate_dup_display_name (request);
  der = cd_database_dup_der (self->database, cd_certificate_get_sha256 (request), &error);
  if (der == NULL)
    {
      _cd_window_add_toast (self, error->message);
      return NULL;
    }

  return open_sign_dialog (self, parent, der, name);
}

/**
 * cd_window_sign_request_bytes:
 * @self: a #CdWindow
 * @request: a certificate request, DER or PEM, e.g. a file's contents
 * @name: what to call it, e.g. the file's name
 *
 * Opens the dialog that signs @request with one of our CAs.
 *
 * Returns: (transfer none) (nullable): the dialog, or %NULL if @request
 *   is not a request (the window then says so)
 */
GtkWindow *
cd_window_sign_request_bytes (CdWindow   *self,
                              GBytes     *request,
                              const char *name)
{
  g_return_val_if_fail (CD_IS_WINDOW (self), NULL);
  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (self->database == NULL)
    return NULL;

  return open_sign_dialog (self, NULL, request, name);
}

/**
 * cd_window_issue_certificate:
 * @self: a #CdWindow
 *
 * Opens the dialog that makes a key and a certificate in one step.
 *
 * Returns: (transfer none) (nullable): the dialog
 */
GtkWindow *
cd_window_issue_certificate (CdWindow *self)
{
  g_return_val_if_fail (CD_IS_WINDOW (self), NULL);

  if (self->database == NULL)
    return NULL;

  return present_sign_dialog (self, cd_ca_sign_dialog_new_issue (GTK_WINDOW (self),
                                                                 self->database, self->keyring));
}

/* Revoke… */

static void
on_revoked_cb (CdWindow         *self,
               CdCaRevokeDialog *dialog)
{
  g_assert (CD_IS_WINDOW (self));

  cd_window_reload (self);
  _cd_window_add_toast (self, _("Revoked. Export the CA’s revocation list again for the devices "
                                "that check it."));
}

/**
 * cd_window_revoke:
 * @self: a #CdWindow
 * @certificate: a certificate one of our CAs issued
 * @parent: (nullable): the window the dialog belongs to, if not @self
 *
 * Opens the dialog that revokes @certificate.
 *
 * Returns: (transfer none) (nullable): the dialog, or %NULL if no CA
 *   of ours issued @certificate (the window then says so)
 */
GtkWindow *
cd_window_revoke (CdWindow      *self,
                  CdCertificate *certificate,
                  GtkWindow     *parent)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ca_sha256 = NULL;
  g_autofree char *name = NULL;
  CdCaRevokeDialog *dialog;

  g_return_val_if_fail (CD_IS_WINDOW (self), NULL);
  g_return_val_if_fail (CD_IS_CERTIFICATE (certificate), NULL);

  if (self->database == NULL)
    return NULL;

  ca_sha256 = cd_ca_dup_issuing_ca (self->database, cd_certificate_get_sha256 (certificate),
                                    &error);
  if (ca_sha256 == NULL)
    {
      g_autofree char *text = NULL;

      name = cd_certificate_dup_display_name (certificate);
      if (error != NULL)
        text = g_strdup (error->message);
      else
        /* translators: %s names a certificate */
        text = g_strdup_printf (_("“%s” was not issued by a CA in Certdesk, so Certdesk cannot "
                                  "revoke it. Ask the CA that issued it."), name);
      _cd_window_add_toast (self, text);
      return NULL;
    }

  dialog = cd_ca_revoke_dialog_new (parent != NULL ? parent : GTK_WINDOW (self), self->database,
                                    certificate, ca_sha256);
  g_signal_connect_object (dialog, "revoked", G_CALLBACK (on_revoked_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));

  return GTK_WINDOW (dialog);
}

/* Export Revocation List… */

typedef struct
{
  CdWindow *window;
  char     *ca_sha256;
} CrlExport;

static void
crl_export_free (CrlExport *export)
{
  g_clear_object (&export->window);
  g_free (export->ca_sha256);
  g_free (export);
}

static void
on_crl_chooser_response_cb (GtkNativeDialog *chooser,
                            int              response,
                            CrlExport       *export)
{
  CdWindow *self = export->window;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) crl = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *display = NULL;
  const char *format;
  guint64 number = 0;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  format = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "format");

  if (file != NULL && self->database != NULL)
    {
      basename = g_file_get_basename (file);
      display = g_filename_display_name (basename);

      crl = cd_ca_make_crl (self->database, self->keyring, export->ca_sha256,
                            CD_CA_DEFAULT_CRL_DAYS, g_strcmp0 (format, "der") != 0, &number,
                            NULL, &error);
      if (crl != NULL &&
          g_file_replace_contents (file, g_bytes_get_data (crl, NULL), g_bytes_get_size (crl),
                                   NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, &error))
        /* translators: %s is a file name; the number counts the CA's lists */
        text = g_strdup_printf (_("Wrote revocation list number %llu to %s"),
                                (unsigned long long) number, display);
      else
        /* translators: the first %s is a file name, the second says why */
        text = g_strdup_printf (_("Could not write the revocation list to %s: %s"),
                                display, error->message);
      _cd_window_add_toast (self, text);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  crl_export_free (export);
}

/**
 * cd_window_export_crl:
 * @self: a #CdWindow
 * @authority: a CA of ours (its key in the keyring)
 *
 * Asks where to save the CA's certificate revocation list, and in
 * which encoding, then writes it.
 *
 * Returns: (transfer none) (nullable): the file chooser
 */
GtkNativeDialog *
cd_window_export_crl (CdWindow      *self,
                      CdCertificate *authority)
{
  static const char *ids[] = { "pem", "der", NULL };
  const char *labels[] = { _("PEM (Base-64)"), _("DER (binary)"), NULL };
  g_autofree char *name = NULL;
  g_autofree char *file_name = NULL;
  GtkFileChooserNative *chooser;
  CrlExport *export;

  g_return_val_if_fail (CD_IS_WINDOW (self), NULL);
  g_return_val_if_fail (CD_IS_CERTIFICATE (authority), NULL);

  if (self->database == NULL)
    return NULL;

  name = cd_certificate_dup_display_name (authority);
  if (!cd_certificate_get_is_ca (authority) || !cd_certificate_get_has_private_key (authority))
    {
      g_autofree char *text = NULL;

      /* translators: %s names a certificate */
      text = g_strdup_printf (_("“%s” is not a CA whose key Certdesk holds, so Certdesk cannot "
                                "sign its revocation list."), name);
      _cd_window_add_toast (self, text);
      return NULL;
    }

  chooser = gtk_file_chooser_native_new (_("Export Revocation List"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "format", _("Encoding"), ids, labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "format", "pem");
  file_name = g_strconcat (name, ".crl", NULL);
  g_strdelimit (file_name, "/\\", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), file_name);

  export = g_new0 (CrlExport, 1);
  export->window = g_object_ref (self);
  export->ca_sha256 = g_strdup (cd_certificate_get_sha256 (authority));
  g_signal_connect (chooser, "response", G_CALLBACK (on_crl_chooser_response_cb), export);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));

  return GTK_NATIVE_DIALOG (chooser);
}

/* Sign a Request File… */

static void
on_request_loaded_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(CdWindow) self = user_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = g_file_get_basename (G_FILE (object));
  g_autofree char *name = g_filename_display_name (basename);
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_load_contents_finish (G_FILE (object), result, &contents, &length, NULL, &error))
    {
      g_autofree char *text = NULL;

      /* translators: the first %s is a file name, the second says why */
      text = g_strdup_printf (_("Could not read %s: %s"), name, error->message);
      _cd_window_add_toast (self, text);
      return;
    }

  bytes = g_bytes_new_take (contents, length);
  cd_window_sign_request_bytes (self, bytes, name);
}

static void
on_request_chooser_response_cb (GtkNativeDialog *chooser,
                                int              response,
                                CdWindow        *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    g_file_load_contents_async (file, NULL, on_request_loaded_cb, g_object_ref (self));

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
sign_request_file_action (GSimpleAction *action,
                          GVariant      *param,
                          gpointer       user_data)
{
  CdWindow *self = CD_WINDOW (user_data);
  g_autoptr(GtkFileFilter) requests = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Sign a Request File"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  gtk_file_filter_set_name (requests, _("Certificate requests"));
  gtk_file_filter_add_suffix (requests, "csr");
  gtk_file_filter_add_suffix (requests, "req");
  gtk_file_filter_add_suffix (requests, "p10");
  gtk_file_filter_add_suffix (requests, "pem");
  gtk_file_filter_add_suffix (requests, "der");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), requests);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);

  g_signal_connect (chooser, "response", G_CALLBACK (on_request_chooser_response_cb),
                    g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* The actions */

static void
new_ca_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  cd_window_new_ca (CD_WINDOW (user_data));
}

static void
issue_certificate_action (GSimpleAction *action,
                          GVariant      *param,
                          gpointer       user_data)
{
  cd_window_issue_certificate (CD_WINDOW (user_data));
}

static void
sign_selected_action (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  CdWindow *self = CD_WINDOW (user_data);
  g_autoptr(CdCertificate) request = dup_first_selected (self, TRUE);

  if (request == NULL)
    _cd_window_add_toast (self, _("Select a certificate request to sign, in Certificate "
                                  "Enrollment Requests."));
  else
    cd_window_sign_request (self, request, NULL);
}

static void
revoke_selected_action (GSimpleAction *action,
                        GVariant      *param,
                        gpointer       user_data)
{
  CdWindow *self = CD_WINDOW (user_data);
  g_autoptr(CdCertificate) certificate = dup_first_selected (self, FALSE);

  if (certificate != NULL)
    cd_window_revoke (self, certificate, NULL);
}

static void
export_crl_action (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  CdWindow *self = CD_WINDOW (user_data);
  g_autoptr(CdCertificate) certificate = dup_first_selected (self, FALSE);

  if (certificate != NULL)
    cd_window_export_crl (self, certificate);
}

static const GActionEntry ca_actions[] = {
  { "new-ca", new_ca_action },
  { "sign-selected", sign_selected_action },
  { "sign-request-file", sign_request_file_action },
  { "issue-certificate", issue_certificate_action },
  { "revoke-selected", revoke_selected_action },
  { "export-crl", export_crl_action },
};

void
_cd_window_setup_ca (CdWindow *self)
{
  g_assert (CD_IS_WINDOW (self));
  g_assert (self->database != NULL);

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   ca_actions,
                                   G_N_ELEMENTS (ca_actions),
                                   self);
}
