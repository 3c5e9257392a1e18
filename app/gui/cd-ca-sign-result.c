/* cd-ca-sign-result.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The result page of CdCaSignDialog: where the certificate went and
 * until when, its check against the device profile it was made for,
 * and the two exports the device needs: the CA certificate, which it
 * must trust first, and its own certificate, in the profile's format.
 * The export dialog opens by itself, preset, when a profile was used
 * (or a key was issued: it goes out as PKCS #12 with the chain).
 */

#define G_LOG_DOMAIN "cd-ca-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-ca-sign-dialog-private.h"
#include "cd-ca-widgets-private.h"
#include "cd-certificate.h"
#include "cd-check.h"
#include "cd-database.h"
#include "cd-export-dialog.h"
#include "cd-exporter.h"
#include "cd-store-kind.h"

static const char *
get_status_icon (CdCheckStatus status)
{
  switch (status)
    {
    case CD_CHECK_STATUS_PASS:
      return "emblem-ok-symbolic";
    case CD_CHECK_STATUS_WARNING:
      return "dialog-warning-symbolic";
    case CD_CHECK_STATUS_FAIL:
      return "dialog-error-symbolic";
    case CD_CHECK_STATUS_NOT_APPLICABLE:
    default:
      return "action-unavailable-symbolic";
    }
}

static const char *
get_status_class (CdCheckStatus status)
{
  switch (status)
    {
    case CD_CHECK_STATUS_PASS:
      return "success";
    case CD_CHECK_STATUS_WARNING:
      return "warning";
    case CD_CHECK_STATUS_FAIL:
      return "error";
    case CD_CHECK_STATUS_NOT_APPLICABLE:
    default:
      return "dim-label";
    }
}

static GtkWidget *
new_check_row (CdCheckResult *check)
{
  CdCheckStatus status = cd_check_result_get_status (check);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (get_status_icon (status));
  g_autofree char *title = g_markup_escape_text (cd_check_result_get_title (check), -1);
  g_autofree char *message = g_markup_escape_text (cd_check_result_get_message (check), -1);

  gtk_widget_add_css_class (icon, get_status_class (status));
  gtk_widget_set_tooltip_text (icon, cd_check_status_get_label (status));
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, cd_check_status_get_label (status),
                                  -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), message);

  return row;
}

static void
show_checks (CdCaSignDialog *self)
{
  g_autoptr(CdCheckInput) input = cd_check_input_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *counts = NULL;
  guint n[4] = { 0 };

  g_assert (CD_IS_CA_SIGN_DIALOG (self));

  if (self->used_profile == NULL)
    return;

  /* The chain as the stores have it now, the CA included. */
  cd_check_input_set_certificate (input, cd_ca_result_get_der (self->result));
  if (!cd_check_input_fill_from_database (input, self->database, &error))
    g_debug ("No chain for the checks: %s", error->message);

  g_clear_object (&self->checks);
  self->checks = cd_profile_check (self->used_profile, input);

  for (guint i = 0; i < g_list_model_get_n_items (self->checks); i++)
    {
      g_autoptr(CdCheckResult) check = g_list_model_get_item (self->checks, i);
      CdCheckStatus status = cd_check_result_get_status (check);

      n[status]++;
      if (status != CD_CHECK_STATUS_NOT_APPLICABLE)
        gtk_list_box_append (self->check_list, new_check_row (check));
    }

  /* translators: %s is a device profile's name */
  title = g_strdup_printf (_("Checked for %s"), cd_profile_get_name (self->used_profile));
  /* translators: counts of a profile's rules, e.g. "12 passed, 1 warning, 0 failed" */
  counts = g_strdup_printf (_("%u passed, %u with a warning, %u failed"),
                            n[CD_CHECK_STATUS_PASS], n[CD_CHECK_STATUS_WARNING],
                            n[CD_CHECK_STATUS_FAIL]);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->check_group), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->check_group), counts);
  gtk_widget_set_visible (self->check_group, TRUE);
}

static void
on_exported_cb (CdCaSignDialog *self,
                GFile          *file,
                gboolean        deleted_key,
                CdExportDialog *dialog)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *name = g_filename_display_name (basename);
  g_autofree char *text = NULL;

  g_assert (CD_IS_CA_SIGN_DIALOG (self));

  /* translators: %s is a file name */
  text = g_strdup_printf (_("Exported to %s"), name);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

static CdExportDialog *
open_export (CdCaSignDialog *self,
             CdCertificate  *row)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  CdExportDialog *dialog;

  g_assert (CD_IS_CA_SIGN_DIALOG (self));

  g_ptr_array_add (rows, g_object_ref (row));
  dialog = cd_export_dialog_new (GTK_WINDOW (self), self->database, self->keyring, rows);
  g_signal_connect_object (dialog, "exported", G_CALLBACK (on_exported_cb), self,
                           G_CONNECT_SWAPPED);

  return dialog;
}

void
_cd_ca_sign_dialog_export (CdCaSignDialog *self)
{
  g_autoptr(CdExportOptions) options = NULL;
  CdExportDialog *dialog;

  g_assert (CD_IS_CA_SIGN_DIALOG (self));

  if (self->result == NULL)
    return;

  dialog = open_export (self, cd_ca_result_get_certificate (self->result));

  if (self->used_profile != NULL)
    options = cd_profile_dup_export_options (self->used_profile);
  else if (self->request == NULL)
    {
      options = cd_export_options_new (CD_EXPORT_FORMAT_PKCS12);
      cd_export_options_set_include_chain (options, TRUE);
    }

  /* A device that made its own request kept its key: its profile's
   * PKCS #12 cannot be made here, the certificate alone can.
   */
  if (options != NULL &&
      !cd_export_dialog_set_preset (dialog, options,
                                    self->used_profile != NULL
                                    ? cd_profile_get_export_extension (self->used_profile)
                                    : NULL))
    cd_export_dialog_set_choice (dialog, CD_EXPORT_CHOICE_PEM);

  gtk_window_present (GTK_WINDOW (dialog));
}

void
_cd_ca_sign_dialog_export_ca (CdCaSignDialog *self)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  CdCertificate *ca;
  CdCertificate *row = NULL;
  CdExportDialog *dialog;

  g_assert (CD_IS_CA_SIGN_DIALOG (self));

  ca = _cd_ca_get_selected_authority (self->ca_row, self->authorities);
  if (ca == NULL)
    return;

  /* The copy in Trusted Root or Intermediate, which has no key: the
   * device must never get the CA's key.
   */
  rows = cd_database_find (self->database, cd_certificate_get_sha256 (ca), CD_STORE_KIND_AUTO,
                           &error);
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      CdCertificate *found = g_ptr_array_index (rows, i);

      if (cd_certificate_get_store (found) != CD_STORE_KIND_MY)
        row = found;
    }
  if (row == NULL)
    row = ca;

  dialog = open_export (self, row);
  cd_export_dialog_set_choice (dialog, CD_EXPORT_CHOICE_PEM);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_cd_ca_sign_dialog_show_result (CdCaSignDialog *self)
{
  g_autofree char *name = NULL;
  g_autofree char *end = NULL;
  g_autofree char *subtitle = NULL;
  CdCertificate *row;
  const char *limit = "";

  g_assert (CD_IS_CA_SIGN_DIALOG (self));
  g_assert (self->result != NULL);

  row = cd_ca_result_get_certificate (self->result);
  name = cd_certificate_dup_display_name (row);
  end = _cd_ca_format_date (cd_ca_result_get_not_after (self->result));

  switch (cd_ca_result_get_limit (self->result))
    {
    case CD_CA_LIMIT_ISSUER:
      limit = _(" (shortened: the CA ends then)");
      break;
    case CD_CA_LIMIT_2038:
      limit = _(" (before 2038-01-19, for 32-bit devices)");
      break;
    case CD_CA_LIMIT_NONE:
    default:
      break;
    }

  /* translators: the first %s is a store, the second a date, the third a note such as " (shortened: the CA ends then)" */
  subtitle = g_strdup_printf (_("In %s, valid until %s%s"),
                              cd_store_kind_get_title (cd_certificate_get_store (row)), end, limit);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->issued_row), name);
  adw_action_row_set_subtitle (self->issued_row, subtitle);

  adw_action_row_set_subtitle (self->export_row,
                               self->used_profile != NULL
                               ? _("In the format the device profile asks for")
                               : self->request == NULL
                               ? _("As PKCS #12 with its key and the chain")
                               : _("In the format you choose"));

  show_checks (self);

  gtk_stack_set_visible_child_name (self->stack, "result");
  gtk_widget_set_visible (self->sign_button, FALSE);
  gtk_widget_set_visible (self->cancel_button, FALSE);
  gtk_widget_set_visible (self->done_button, TRUE);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->done_button);

  if (self->used_profile != NULL || self->request == NULL)
    _cd_ca_sign_dialog_export (self);
}
