/* cd-ca-sign-dialog.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* CdCaSignDialog signs a certificate request with one of our CAs
 * ("Sign with CA…"), or, for devices that take a key and certificate
 * together, makes both in one step ("Issue Certificate and Key…"). The
 * user picks the CA, optionally a device profile (its validity, usages
 * and fields to match), the days, and reviews the SAN entries the
 * request carries. The core's refusals (a field that does not match
 * the CA, a CA whose key is gone, a locked keyring) show in the dialog
 * and change nothing. The result page is cd-ca-sign-result.c.
 */

#define G_LOG_DOMAIN "cd-ca-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-ca-sign-dialog-private.h"
#include "cd-ca-widgets-private.h"
#include "cd-certificate-info.h"
#include "cd-certificate.h"
#include "cd-database.h"
#include "cd-key-generator.h"
#include "cd-profile-chooser.h"
#include "cd-keyring.h"
#include "cd-request-builder.h"

enum {
  SIGNED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (CdCaSignDialog, cd_ca_sign_dialog, ADW_TYPE_WINDOW)

static guint signals [N_SIGNALS];

void
_cd_ca_sign_dialog_update (CdCaSignDialog *self)
{
  g_autoptr(CdProfile) profile = NULL;
  g_autofree char *end = NULL;
  gboolean can_sign;

  g_assert (CD_IS_CA_SIGN_DIALOG (self));

  profile = _cd_ca_get_selected_profile (self->profile_row, self->profiles);
  end = _cd_ca_describe_end (gtk_spin_button_get_value_as_int (self->days_spin),
                             profile != NULL && cd_profile_get_before_2038 (profile), TRUE);
  adw_action_row_set_subtitle (self->days_row, end);

  can_sign = !self->busy && self->result == NULL &&
             _cd_ca_get_selected_authority (self->ca_row, self->authorities) != NULL &&
             cd_san_editor_get_valid (self->san_editor) &&
             _cd_ca_sign_dialog_check_subject (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ca.sign", can_sign);
}

static void
on_changed_cb (CdCaSignDialog *self)
{
  g_assert (CD_IS_CA_SIGN_DIALOG (self));

  _cd_ca_sign_dialog_update (self);
}

static void
on_profile_changed_cb (CdCaSignDialog *self)
{
  g_autoptr(CdProfile) profile = NULL;
  guint days = CD_CA_DEFAULT_LEAF_DAYS;

  g_assert (CD_IS_CA_SIGN_DIALOG (self));

  /* The profile's days, as cd_ca_sign_options_apply_profile() sets
   * them; the user may change them after.
   */
  profile = _cd_ca_get_selected_profile (self->profile_row, self->profiles);
  if (profile != NULL && cd_profile_get_validity_days (profile) > 0)
    days = cd_profile_get_validity_days (profile);
  gtk_spin_button_set_value (self->days_spin, days);

  /* Issuing makes the key: take the profile's kind of key. */
  if (profile != NULL && self->request == NULL)
    {
      g_autoptr(CdRequestBuilder) builder = cd_request_builder_new ();
      CdKeyType key_type;

      cd_profile_apply_to_request_builder (profile, builder);
      key_type = cd_request_builder_get_key_type (builder);
      _cd_ca_sign_dialog_select_key_type (self, key_type);
    }

  _cd_ca_sign_dialog_update (self);
}

void
_cd_ca_sign_dialog_set_busy (CdCaSignDialog *self,
                             gboolean        busy)
{
  g_assert (CD_IS_CA_SIGN_DIALOG (self));

  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (self->form_page, !busy);
  _cd_ca_sign_dialog_update (self);
}

void
_cd_ca_sign_dialog_finish (CdCaSignDialog *self,
                           CdCaResult     *result,
                           const GError   *error)
{
  g_assert (CD_IS_CA_SIGN_DIALOG (self));

  _cd_ca_sign_dialog_set_busy (self, FALSE);

  if (result == NULL)
    {
      g_clear_object (&self->used_profile);
      _cd_ca_show_error (self->error_label, error->message);
      return;
    }

  self->result = cd_ca_result_ref (result);
  g_signal_emit (self, signals[SIGNED], 0, result);
  _cd_ca_sign_dialog_show_result (self);
}

static void
sign_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(CdCaSignDialog) self = user_data;
  g_autoptr(CdCaResult) signed_result = NULL;
  g_autoptr(GError) error = NULL;

  signed_result = cd_ca_sign_request_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  _cd_ca_sign_dialog_finish (self, signed_result, error);
}

static void
sign_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CdCaSignDialog *self = CD_CA_SIGN_DIALOG (widget);
  g_autoptr(CdCaSignOptions) options = cd_ca_sign_options_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) sans = NULL;
  CdCertificate *ca;

  if (self->busy || self->result != NULL)
    return;

  ca = _cd_ca_get_selected_authority (self->ca_row, self->authorities);
  if (ca == NULL)
    return;

  g_clear_object (&self->used_profile);
  self->used_profile = _cd_ca_get_selected_profile (self->profile_row, self->profiles);
  if (self->used_profile != NULL)
    cd_ca_sign_options_apply_profile (options, self->used_profile);
  cd_ca_sign_options_set_validity_days (options, gtk_spin_button_get_value_as_int (self->days_spin));

  sans = cd_san_editor_dup_sans (self->san_editor, &error);
  if (sans == NULL || !cd_ca_sign_options_set_sans (options, (const char * const *)sans, &error))
    {
      _cd_ca_show_error (self->error_label, error->message);
      return;
    }

  _cd_ca_show_error (self->error_label, NULL);

  if (self->request != NULL)
    {
      _cd_ca_sign_dialog_set_busy (self, TRUE);
      cd_ca_sign_request_async (self->database, self->keyring, cd_certificate_get_sha256 (ca),
                                self->request, options, self->cancellable,
                                sign_cb, g_object_ref (self));
    }
  else if (!_cd_ca_sign_dialog_start_issue (self, ca, options, sans, &error))
    {
      _cd_ca_show_error (self->error_label, error->message);
    }
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  _cd_ca_sign_dialog_export (CD_CA_SIGN_DIALOG (widget));
}

static void
export_ca_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  _cd_ca_sign_dialog_export_ca (CD_CA_SIGN_DIALOG (widget));
}

static void
cd_ca_sign_dialog_dispose (GObject *object)
{
  CdCaSignDialog *self = (CdCaSignDialog *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_CA_SIGN_DIALOG);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->database);
  g_clear_object (&self->keyring);
  g_clear_pointer (&self->request, g_bytes_unref);
  g_clear_pointer (&self->authorities, g_ptr_array_unref);
  g_clear_object (&self->profiles);
  g_clear_object (&self->used_profile);
  g_clear_pointer (&self->result, cd_ca_result_unref);
  g_clear_object (&self->checks);

  G_OBJECT_CLASS (cd_ca_sign_dialog_parent_class)->dispose (object);
}

static void
cd_ca_sign_dialog_class_init (CdCaSignDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_ca_sign_dialog_dispose;

  /**
   * CdCaSignDialog::signed:
   * @result: the new certificate
   *
   * The certificate is in the stores; the dialog shows its result page.
   */
  signals[SIGNED] =
    g_signal_new ("signed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, CD_TYPE_CA_RESULT);

  g_type_ensure (CD_TYPE_SAN_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/cd-ca-sign-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CdCaSignDialog, c_row);
  gtk_widget_class_bind_template_child (widget_class, CdCaSignDialog, ca_row);
  gtk_widget_class_bind_template_child (widget_class, CdCaSignDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CdCaSignDialog, check_group);
  gtk_widget_class_bind_template_child (widget_class, CdCaSignDialog, check_list);
  gtk_widget_class_bind_template_child (widget_class, CdCaSignDialog, cn_row);
  gtk_widget_class_bind_template_child (widget_class, CdCaSignDialog, days_row);
  gtk_widget_class_bind_template_child (widget_class, CdCaSignDialog, days_spin);
  gtk_widget_class_bind_template_child (widget_class, CdCaSignDialog, done_button);
  gtk_widget_class_bind_template_child (widget_class, CdCaSignDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, CdCaSignDialog, export_row);
  gtk_widget_class_bind_template_child (widget_class, CdCaSignDialog, form_page);
  gtk_widget_class_bind_template_child (widget_class, CdCaSignDialog, issued_row);
  gtk_widget_class_bind_template_child (widget_class, CdCaSignDialog, key_row);
  gtk_widget_class_bind_template_child (widget_class, CdCaSignDialog, l_row);
  gtk_widget_class_bind_template_child (widget_class, CdCaSignDialog, o_row);
  gtk_widget_class_bind_template_child (widget_class, CdCaSignDialog, ou_row);
  gtk_widget_class_bind_template_child (widget_class, CdCaSignDialog, profile_row);
  gtk_widget_class_bind_template_child (widget_class, CdCaSignDialog, request_group);
  gtk_widget_class_bind_template_child (widget_class, CdCaSignDialog, request_row);
  gtk_widget_class_bind_template_child (widget_class, CdCaSignDialog, san_editor);
  gtk_widget_class_bind_template_child (widget_class, CdCaSignDialog, sign_button);
  gtk_widget_class_bind_template_child (widget_class, CdCaSignDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, CdCaSignDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, CdCaSignDialog, st_row);
  gtk_widget_class_bind_template_child (widget_class, CdCaSignDialog, subject_group);
  gtk_widget_class_bind_template_child (widget_class, CdCaSignDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CdCaSignDialog, window_title);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_profile_changed_cb);

  gtk_widget_class_install_action (widget_class, "ca.sign", NULL, sign_action);
  gtk_widget_class_install_action (widget_class, "ca.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "ca.export-ca", NULL, export_ca_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cd_ca_sign_dialog_init (CdCaSignDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();

  _cd_ca_sign_dialog_fill_key_row (self);
}

static CdCaSignDialog *
new_dialog (GtkWindow  *parent,
            CdDatabase *database,
            CdKeyring  *keyring,
            GBytes     *request)
{
  CdCaSignDialog *self;
  g_autoptr(GError) error = NULL;

  self = g_object_new (CD_TYPE_CA_SIGN_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->database = g_object_ref (database);
  self->keyring = g_object_ref (keyring);
  self->request = request != NULL ? g_bytes_ref (request) : NULL;
  /* The same profiles as the Check page and the wizard offer. */
  self->profiles = g_object_ref (cd_profile_chooser_get_all_profiles (NULL));
  _cd_ca_fill_profile_row (self->profile_row, self->profiles, NULL);

  self->authorities = _cd_ca_fill_authority_row (self->ca_row, database, NULL, &error);
  if (self->authorities == NULL)
    _cd_ca_show_error (self->error_label, error->message);
  else if (self->authorities->len == 0)
    _cd_ca_show_error (self->error_label,
                       _("There is no CA to sign with yet. Create one with New Certificate "
                         "Authority… in the main menu."));

  return self;
}

/**
 * cd_ca_sign_dialog_new:
 * @parent: the window the dialog belongs to
 * @database: the stores
 * @keyring: where the CA's key is
 * @request: a certificate request, DER or PEM
 * @request_name: (nullable): what to call it, e.g. its file's name
 * @error: a location for a #GError
 *
 * A dialog that signs @request; its SAN entries fill the list.
 *
 * Returns: (transfer none) (nullable): a new #CdCaSignDialog, not yet
 *   shown, or %NULL if @request cannot be read
 */
CdCaSignDialog *
cd_ca_sign_dialog_new (GtkWindow   *parent,
                       CdDatabase  *database,
                       CdKeyring   *keyring,
                       GBytes      *request,
                       const char  *request_name,
                       GError     **error)
{
  g_autoptr(CdCertificateInfo) info = NULL;
  g_autoptr(GBytes) der = NULL;
  g_auto(GStrv) sans = NULL;
  CdCaSignDialog *self;
  CdCertificate *row;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CD_IS_DATABASE (database), NULL);
  g_return_val_if_fail (CD_IS_KEYRING (keyring), NULL);
  g_return_val_if_fail (request != NULL, NULL);

  der = cd_ca_request_to_der (request, error);
  if (der == NULL)
    return NULL;
  sans = cd_ca_request_dup_sans (der, error);
  if (sans == NULL)
    return NULL;
  info = cd_certificate_info_new (der, error);
  if (info == NULL)
    return NULL;
  row = cd_certificate_info_get_row (info);

  self = new_dialog (parent, database, keyring, der);
  gtk_window_set_title (GTK_WINDOW (self), _("Sign with CA"));
  adw_window_title_set_title (self->window_title, _("Sign with CA"));
  adw_window_title_set_subtitle (self->window_title, request_name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->request_row),
                                 cd_certificate_get_subject_cn (row) != NULL
                                 ? cd_certificate_get_subject_cn (row) : _("Request"));
  adw_action_row_set_subtitle (self->request_row, cd_certificate_get_subject (row));
  cd_san_editor_set_sans (self->san_editor, (const char * const *)sans);
  _cd_ca_sign_dialog_update (self);

  return self;
}

/**
 * cd_ca_sign_dialog_new_issue:
 * @parent: the window the dialog belongs to
 * @database: the stores
 * @keyring: where the new key goes and the CA's key is
 *
 * A dialog that makes a key and a certificate for it in one step, for
 * devices that import both together.
 *
 * Returns: (transfer none): a new #CdCaSignDialog, not yet shown
 */
CdCaSignDialog *
cd_ca_sign_dialog_new_issue (GtkWindow  *parent,
                             CdDatabase *database,
                             CdKeyring  *keyring)
{
  CdCaSignDialog *self;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CD_IS_DATABASE (database), NULL);
  g_return_val_if_fail (CD_IS_KEYRING (keyring), NULL);

  self = new_dialog (parent, database, keyring, NULL);
  gtk_window_set_title (GTK_WINDOW (self), _("Issue Certificate and Key"));
  adw_window_title_set_title (self->window_title, _("Issue Certificate and Key"));
  gtk_button_set_label (GTK_BUTTON (self->sign_button), _("_Issue"));
  gtk_widget_set_visible (self->request_group, FALSE);
  gtk_widget_set_visible (self->subject_group, TRUE);
  _cd_ca_sign_dialog_update (self);

  return self;
}

/**
 * cd_ca_sign_dialog_get_issuing:
 * @self: a #CdCaSignDialog
 *
 * Returns: %TRUE if the dialog makes the key too
 */
gboolean
cd_ca_sign_dialog_get_issuing (CdCaSignDialog *self)
{
  g_return_val_if_fail (CD_IS_CA_SIGN_DIALOG (self), FALSE);

  return self->request == NULL;
}

/**
 * cd_ca_sign_dialog_set_authority:
 * @self: a #CdCaSignDialog
 * @ca_sha256: a CA's fingerprint
 *
 * Picks the CA, as the user would.
 *
 * Returns: %FALSE if @ca_sha256 is not a CA that can sign
 */
gboolean
cd_ca_sign_dialog_set_authority (CdCaSignDialog *self,
                                 const char     *ca_sha256)
{
  g_return_val_if_fail (CD_IS_CA_SIGN_DIALOG (self), FALSE);
  g_return_val_if_fail (ca_sha256 != NULL, FALSE);

  for (guint i = 0; self->authorities != NULL && i < self->authorities->len; i++)
    {
      if (g_strcmp0 (cd_certificate_get_sha256 (g_ptr_array_index (self->authorities, i)),
                     ca_sha256) == 0)
        {
          adw_combo_row_set_selected (self->ca_row, i);
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * cd_ca_sign_dialog_set_profile:
 * @self: a #CdCaSignDialog
 * @profile_id: (nullable): a device profile's id, or %NULL for none
 *
 * Picks the device profile, as the user would.
 *
 * Returns: %FALSE if there is no profile @profile_id
 */
gboolean
cd_ca_sign_dialog_set_profile (CdCaSignDialog *self,
                               const char     *profile_id)
{
  g_return_val_if_fail (CD_IS_CA_SIGN_DIALOG (self), FALSE);

  if (profile_id == NULL)
    {
      adw_combo_row_set_selected (self->profile_row, 0);
      return TRUE;
    }

  for (guint i = 0; i < g_list_model_get_n_items (self->profiles); i++)
    {
      g_autoptr(CdProfile) profile = g_list_model_get_item (self->profiles, i);

      if (g_strcmp0 (cd_profile_get_id (profile), profile_id) == 0)
        {
          adw_combo_row_set_selected (self->profile_row, i + 1);
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * cd_ca_sign_dialog_get_san_editor:
 * @self: a #CdCaSignDialog
 *
 * Returns: (transfer none): the list of SAN entries
 */
CdSanEditor *
cd_ca_sign_dialog_get_san_editor (CdCaSignDialog *self)
{
  g_return_val_if_fail (CD_IS_CA_SIGN_DIALOG (self), NULL);

  return self->san_editor;
}

/**
 * cd_ca_sign_dialog_get_busy:
 * @self: a #CdCaSignDialog
 *
 * Returns: %TRUE while signing
 */
gboolean
cd_ca_sign_dialog_get_busy (CdCaSignDialog *self)
{
  g_return_val_if_fail (CD_IS_CA_SIGN_DIALOG (self), FALSE);

  return self->busy;
}

/**
 * cd_ca_sign_dialog_get_error:
 * @self: a #CdCaSignDialog
 *
 * Returns: (transfer none): the problem shown, or ""
 */
const char *
cd_ca_sign_dialog_get_error (CdCaSignDialog *self)
{
  g_return_val_if_fail (CD_IS_CA_SIGN_DIALOG (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->error_label))
         ? gtk_label_get_label (self->error_label) : "";
}

/**
 * cd_ca_sign_dialog_get_result:
 * @self: a #CdCaSignDialog
 *
 * Returns: (transfer none) (nullable): the certificate made, once made
 */
CdCaResult *
cd_ca_sign_dialog_get_result (CdCaSignDialog *self)
{
  g_return_val_if_fail (CD_IS_CA_SIGN_DIALOG (self), NULL);

  return self->result;
}

/**
 * cd_ca_sign_dialog_get_checks:
 * @self: a #CdCaSignDialog
 *
 * Returns: (transfer none) (nullable): the #CdCheckResult of each rule
 *   of the profile used, once the certificate is made with one
 */
GListModel *
cd_ca_sign_dialog_get_checks (CdCaSignDialog *self)
{
  g_return_val_if_fail (CD_IS_CA_SIGN_DIALOG (self), NULL);

  return self->checks;
}
