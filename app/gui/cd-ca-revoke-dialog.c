/* cd-ca-revoke-dialog.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* CdCaRevokeDialog revokes a certificate one of our CAs issued: the
 * reason (RFC 5280's codes, in words) and the date, now unless the
 * user knows when the key was lost. Revoking cannot be undone, so
 * Revoke… asks once more before cd_ca_revoke().
 */

#define G_LOG_DOMAIN "cd-ca-gui"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "cd-ca-revoke-dialog.h"
#include "cd-ca-widgets-private.h"
#include "cd-certificate.h"
#include "cd-database.h"

/* A clock a little ahead of ours is not "the future". */
#define FUTURE_SLACK_SECONDS 300

struct _CdCaRevokeDialog
{
  AdwWindow      parent_instance;

  /* Template widgets */
  AdwActionRow  *certificate_row;
  GtkWidget     *date_row;
  GtkLabel      *error_label;
  AdwComboRow   *reason_row;
  GtkWidget     *revoke_button;

  /* Owned references */
  CdDatabase    *database;
  CdCertificate *certificate;
  char          *ca_sha256;
  GtkWidget     *confirm_dialog;   /* weak pointer */
};

enum {
  REVOKED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (CdCaRevokeDialog, cd_ca_revoke_dialog, ADW_TYPE_WINDOW)

static guint signals [N_SIGNALS];

/* Returns the time typed, or -1 with @message set. */
static gint64
parse_date (CdCaRevokeDialog  *self,
            const char       **message)
{
  g_autoptr(GDateTime) date = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->date_row));
  int year, month, day, hour, minute;
  char end;

  g_assert (CD_IS_CA_REVOKE_DIALOG (self));

  if (sscanf (text, "%d-%d-%d %d:%d%c", &year, &month, &day, &hour, &minute, &end) != 5 ||
      (date = g_date_time_new_local (year, month, day, hour, minute, 0)) == NULL)
    {
      *message = _("Write the date as year-month-day and the time as hours:minutes, "
                   "e.g. 2026-03-01 14:30.");
      return -1;
    }

  if (g_date_time_to_unix (date) > g_get_real_time () / G_USEC_PER_SEC + FUTURE_SLACK_SECONDS)
    {
      *message = _("The date is in the future. A certificate is revoked from now or from a day "
                   "that has passed.");
      return -1;
    }

  return g_date_time_to_unix (date);
}

static void
on_date_changed_cb (CdCaRevokeDialog *self)
{
  const char *message = NULL;
  gboolean ok;

  g_assert (CD_IS_CA_REVOKE_DIALOG (self));

  ok = parse_date (self, &message) >= 0;
  if (ok)
    gtk_widget_remove_css_class (self->date_row, "error");
  else
    gtk_widget_add_css_class (self->date_row, "error");
  _cd_ca_show_error (self->error_label, message);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "revoke.revoke", ok);
}

static void
destroy_cb (gpointer user_data)
{
  g_autoptr(GtkWindow) window = user_data;

  gtk_window_destroy (window);
}

static void
do_revoke (CdCaRevokeDialog *self)
{
  g_autoptr(GError) error = NULL;
  const char *message = NULL;
  gint64 when;

  g_assert (CD_IS_CA_REVOKE_DIALOG (self));

  when = parse_date (self, &message);
  if (when < 0)
    {
      _cd_ca_show_error (self->error_label, message);
      return;
    }

  if (!cd_ca_revoke (self->database, self->ca_sha256, cd_certificate_get_sha256 (self->certificate),
                     adw_combo_row_get_selected (self->reason_row), when, &error))
    {
      _cd_ca_show_error (self->error_label, error->message);
      return;
    }

  g_signal_emit (self, signals[REVOKED], 0);

  /* Not from inside the question's response: destroying its parent
   * would destroy the question while it still runs.
   */
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  g_idle_add_once (destroy_cb, g_object_ref (self));
}

static void
on_confirm_response_cb (CdCaRevokeDialog *self,
                        const char       *response,
                        AdwMessageDialog *dialog)
{
  g_assert (CD_IS_CA_REVOKE_DIALOG (self));

  if (g_strcmp0 (response, "revoke") == 0)
    do_revoke (self);
}

static void
revoke_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CdCaRevokeDialog *self = CD_CA_REVOKE_DIALOG (widget);
  g_autofree char *name = cd_certificate_dup_display_name (self->certificate);
  GtkWidget *dialog;

  if (self->confirm_dialog != NULL)
    return;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), NULL, NULL);
  /* translators: %s names a certificate */
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Revoke “%s”?"), name);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                               _("A revoked certificate cannot be taken back into use. The "
                                 "device that has it needs a new one."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "revoke", _("_Revoke"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "revoke",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirm_response_cb), self,
                           G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->confirm_dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
cd_ca_revoke_dialog_dispose (GObject *object)
{
  CdCaRevokeDialog *self = (CdCaRevokeDialog *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_CA_REVOKE_DIALOG);

  g_clear_weak_pointer (&self->confirm_dialog);
  g_clear_object (&self->database);
  g_clear_object (&self->certificate);
  g_clear_pointer (&self->ca_sha256, g_free);

  G_OBJECT_CLASS (cd_ca_revoke_dialog_parent_class)->dispose (object);
}

static void
cd_ca_revoke_dialog_class_init (CdCaRevokeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_ca_revoke_dialog_dispose;

  /**
   * CdCaRevokeDialog::revoked:
   *
   * The certificate is revoked; the dialog closes.
   */
  signals[REVOKED] =
    g_signal_new ("revoked",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/cd-ca-revoke-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CdCaRevokeDialog, certificate_row);
  gtk_widget_class_bind_template_child (widget_class, CdCaRevokeDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, CdCaRevokeDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, CdCaRevokeDialog, reason_row);
  gtk_widget_class_bind_template_child (widget_class, CdCaRevokeDialog, revoke_button);
  gtk_widget_class_bind_template_callback (widget_class, on_date_changed_cb);

  gtk_widget_class_install_action (widget_class, "revoke.revoke", NULL, revoke_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cd_ca_revoke_dialog_init (CdCaRevokeDialog *self)
{
  g_autoptr(GtkStringList) reasons = gtk_string_list_new (NULL);
  g_autoptr(GDateTime) now_time = NULL;
  g_autofree char *now = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The codes run from 0, in the combo's order. */
  for (CdRevocationReason r = CD_REVOCATION_REASON_UNSPECIFIED;
       r <= CD_REVOCATION_REASON_CESSATION_OF_OPERATION; r++)
    gtk_string_list_append (reasons, cd_revocation_reason_get_label (r));
  adw_combo_row_set_model (self->reason_row, G_LIST_MODEL (reasons));

  /* Not the translated date format: parse_date() reads exactly this one. */
  now_time = g_date_time_new_now_local ();
  now = g_date_time_format (now_time, "%Y-%m-%d %H:%M");
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), now);
}

/**
 * cd_ca_revoke_dialog_new:
 * @parent: the window the dialog belongs to
 * @database: the stores
 * @certificate: a certificate one of our CAs issued
 * @ca_sha256: that CA's fingerprint
 *
 * Returns: (transfer none): a new #CdCaRevokeDialog, not yet shown
 */
CdCaRevokeDialog *
cd_ca_revoke_dialog_new (GtkWindow     *parent,
                         CdDatabase    *database,
                         CdCertificate *certificate,
                         const char    *ca_sha256)
{
  CdCaRevokeDialog *self;
  g_autofree char *name = NULL;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CD_IS_DATABASE (database), NULL);
  g_return_val_if_fail (CD_IS_CERTIFICATE (certificate), NULL);
  g_return_val_if_fail (ca_sha256 != NULL, NULL);

  self = g_object_new (CD_TYPE_CA_REVOKE_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->database = g_object_ref (database);
  self->certificate = g_object_ref (certificate);
  self->ca_sha256 = g_strdup (ca_sha256);

  name = cd_certificate_dup_display_name (certificate);
  /* translators: the first %s is a CA's name, the second a serial number */
  subtitle = g_strdup_printf (_("Issued by %s, serial number %s"),
                              cd_certificate_get_issuer_cn (certificate) != NULL
                              ? cd_certificate_get_issuer_cn (certificate) : "",
                              cd_certificate_get_serial (certificate));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->certificate_row), name);
  adw_action_row_set_subtitle (self->certificate_row, subtitle);

  return self;
}

/**
 * cd_ca_revoke_dialog_set_reason:
 * @self: a #CdCaRevokeDialog
 * @reason: why
 *
 * Picks the reason, as the user would.
 */
void
cd_ca_revoke_dialog_set_reason (CdCaRevokeDialog   *self,
                                CdRevocationReason  reason)
{
  g_return_if_fail (CD_IS_CA_REVOKE_DIALOG (self));

  adw_combo_row_set_selected (self->reason_row, reason);
}

/**
 * cd_ca_revoke_dialog_get_confirmation:
 * @self: a #CdCaRevokeDialog
 *
 * Returns: (transfer none) (nullable): the question Revoke… asks, while
 *   it is open
 */
AdwMessageDialog *
cd_ca_revoke_dialog_get_confirmation (CdCaRevokeDialog *self)
{
  g_return_val_if_fail (CD_IS_CA_REVOKE_DIALOG (self), NULL);

  return self->confirm_dialog != NULL ? ADW_MESSAGE_DIALOG (self->confirm_dialog) : NULL;
}

/**
 * cd_ca_revoke_dialog_get_error:
 * @self: a #CdCaRevokeDialog
 *
 * Returns: (transfer none): the problem shown, or ""
 */
const char *
cd_ca_revoke_dialog_get_error (CdCaRevokeDialog *self)
{
  g_return_val_if_fail (CD_IS_CA_REVOKE_DIALOG (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->error_label))
         ? gtk_label_get_label (self->error_label) : "";
}
