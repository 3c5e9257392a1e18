/* cd-certificate-dialog-actions.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* CdCertificateDialog's actions that reach past the dialog: export
 * (preset for a checked device), renew, sign, and the toast.
 */

#define G_LOG_DOMAIN "cd-certificate-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-certificate-dialog-private.h"
#include "cd-export-dialog.h"
#include "cd-window-ca.h"
#include "cd-window.h"

static void
on_exported_cb (CdCertificateDialog *self,
                GFile               *file,
                gboolean             deleted_key,
                CdExportDialog      *dialog)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *name = g_filename_display_name (basename);
  g_autofree char *text = NULL;

  g_assert (CD_IS_CERTIFICATE_DIALOG (self));

  /* translators: %s is a file name */
  text = g_strdup_printf (_("Exported to %s"), name);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));

  /* The key is gone: the window's list no longer shows it. */
  if (deleted_key)
    _cd_certificate_dialog_emit_changed (self);
}

/* With @profile, preset to what that device imports. */
void
_cd_certificate_dialog_open_export (CdCertificateDialog *self,
                                    CdProfile           *profile)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  g_autoptr(CdExportOptions) options = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  CdExportDialog *dialog;

  /* The keyring is the window's, which opened this dialog for a row. */
  if (self->row == NULL || self->database == NULL || !CD_IS_WINDOW (parent))
    return;

  rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (rows, g_object_ref (self->row));

  dialog = cd_export_dialog_new (GTK_WINDOW (self), self->database,
                                 cd_window_get_keyring (CD_WINDOW (parent)), rows);
  g_signal_connect_object (dialog, "exported", G_CALLBACK (on_exported_cb), self,
                           G_CONNECT_SWAPPED);

  if (profile != NULL)
    options = cd_profile_dup_export_options (profile);
  if (options != NULL &&
      !cd_export_dialog_set_preset (dialog, options, cd_profile_get_export_extension (profile)))
    /* translators: %s is a device, e.g. "Mitel OpenScape Voice" */
    adw_toast_overlay_add_toast (self->toast_overlay,
                                 adw_toast_new_format (_("%s takes this certificate with its "
                                                         "private key, which is not in your "
                                                         "keyring"),
                                                       cd_profile_get_name (profile)));

  gtk_window_present (GTK_WINDOW (dialog));
}

void
_cd_certificate_dialog_export_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *param)
{
  _cd_certificate_dialog_open_export (CD_CERTIFICATE_DIALOG (widget), NULL);
}

void
_cd_certificate_dialog_renew_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *param)
{
  CdCertificateDialog *self = CD_CERTIFICATE_DIALOG (widget);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  /* The wizard stores through the window's database and keyring. */
  if (self->row == NULL || !CD_IS_WINDOW (parent))
    return;

  cd_window_new_request (CD_WINDOW (parent), self->row, GTK_WINDOW (self));
}

void
_cd_certificate_dialog_sign_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param)
{
  CdCertificateDialog *self = CD_CERTIFICATE_DIALOG (widget);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  /* Signing stores through the window's database and keyring. */
  if (self->row == NULL || !CD_IS_WINDOW (parent))
    return;

  cd_window_sign_request (CD_WINDOW (parent), self->row, GTK_WINDOW (self));
}

void
_cd_certificate_dialog_show_toast_action (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *param)
{
  CdCertificateDialog *self = CD_CERTIFICATE_DIALOG (widget);
  AdwToast *toast = adw_toast_new (g_variant_get_string (param, NULL));

  adw_toast_set_timeout (toast, 2);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
