/* cd-window-request.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The requesting side of CdWindow: New Certificate Request… (Ctrl+N,
 * the primary menu, the empty request store) opens a CdRequestWizard;
 * New Request from This Certificate… (the context menu, the
 * certificate dialog) opens it filled from a certificate, to renew it.
 *
 * When an import completes a request, the CA's reply may carry its
 * root: the core leaves roots out of Trusted Root, and this file asks
 * the user, one root at a time, before adding it.
 */

#define G_LOG_DOMAIN "cd-window"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-certificate-info.h"
#include "cd-certificate.h"
#include "cd-database.h"
#include "cd-importer.h"
#include "cd-request-builder.h"
#include "cd-request-wizard.h"
#include "cd-store-kind.h"
#include "cd-window-private.h"

static void
on_request_created_cb (CdWindow        *self,
                       CdCertificate   *row,
                       CdRequestWizard *wizard)
{
  g_autofree char *text = NULL;

  g_assert (CD_IS_WINDOW (self));

  /* The core wrote through the window's own connection. */
  cd_database_check_changed (self->database);
  cd_window_reload (self);
  cd_window_select_store (self, CD_STORE_KIND_REQUEST);

  if (row != NULL)
    {
      g_autofree char *name = cd_certificate_dup_display_name (row);

      /* translators: %s names the request, e.g. its host name */
      text = g_strdup_printf (_("Made the request for %s and its key"), name);
    }
  else
    {
      text = g_strdup (_("Made the request and its key"));
    }

  _cd_window_add_toast (self, text);
}

static GtkWindow *
open_wizard (CdWindow         *self,
             GtkWindow        *parent,
             CdRequestBuilder *builder,
             const char       *key_id)
{
  CdRequestWizard *wizard;

  g_assert (CD_IS_WINDOW (self));

  wizard = cd_request_wizard_new (parent != NULL ? parent : GTK_WINDOW (self),
                                  self->database, self->keyring, builder, key_id);
  g_signal_connect_object (wizard, "created", G_CALLBACK (on_request_created_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (wizard));

  return GTK_WINDOW (wizard);
}

/**
 * cd_window_new_request:
 * @self: a #CdWindow
 * @certificate: (nullable): a certificate to renew, or %NULL for a new
 *   request
 * @parent: (nullable): the window the wizard belongs to, if not @self
 *
 * Opens the request wizard, filled from @certificate when given.
 *
 * Returns: (transfer none) (nullable): the wizard
 */
GtkWindow *
cd_window_new_request (CdWindow      *self,
                       CdCertificate *certificate,
                       GtkWindow     *parent)
{
  g_autoptr(CdRequestBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) der = NULL;
  const char *key_id = NULL;

  g_return_val_if_fail (CD_IS_WINDOW (self), NULL);
  g_return_val_if_fail (!certificate || CD_IS_CERTIFICATE (certificate), NULL);

  if (self->database == NULL)
    return NULL;

  if (certificate == NULL)
    return open_wizard (self, parent, NULL, NULL);

  der = cd_database_dup_der (self->database, cd_certificate_get_sha256 (certificate), &error);
  if (der != NULL)
    builder = cd_request_builder_new_from_certificate (der, &error);

  if (builder == NULL)
    {
      g_autofree char *text = NULL;

      /* translators: %s says why, e.g. a database error */
      text = g_strdup_printf (_("Could not read the certificate to renew: %s"), error->message);
      _cd_window_add_toast (self, text);
      return NULL;
    }

  if (cd_certificate_get_has_private_key (certificate))
    key_id = cd_certificate_get_key_id (certificate);

  return open_wizard (self, parent, builder, key_id);
}

static void
new_request_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  CdWindow *self = CD_WINDOW (user_data);

  cd_window_new_request (self, NULL, NULL);
}

static void
renew_selected_action (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  CdWindow *self = CD_WINDOW (user_data);
  g_autoptr(GPtrArray) rows = NULL;

  if (self->showing_expiring)
    return;

  /* One wizard, for the first certificate selected; a request has
   * nothing to renew.
   */
  rows = cd_store_view_dup_selected (self->store_view);
  for (guint i = 0; i < rows->len; i++)
    {
      CdCertificate *row = g_ptr_array_index (rows, i);

      if (!cd_certificate_get_is_request (row))
        {
          cd_window_new_request (self, row, NULL);
          return;
        }
    }
}

/* Roots that came with a CA's reply */

typedef struct
{
  CdWindow  *window;
  GPtrArray *roots;      /* GBytes, the ones still to ask about */
} RootQuestion;

static void
root_question_free (RootQuestion *question)
{
  g_clear_object (&question->window);
  g_clear_pointer (&question->roots, g_ptr_array_unref);
  g_free (question);
}

static void ask_next_root (RootQuestion *question);

static void
trust_root (CdWindow *self,
            GBytes   *der,
            const char *name)
{
  g_autoptr(CdImporter) importer = NULL;
  g_autoptr(CdImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert (CD_IS_WINDOW (self));

  /* One certificate and no key: quick enough for the main thread,
   * through the window's own connection.
   */
  importer = cd_importer_new (self->database, self->keyring);
  result = cd_importer_import_bytes (importer, der, name, NULL, CD_STORE_KIND_ROOT,
                                     NULL, NULL, NULL, &error);
  if (result == NULL)
    {
      /* translators: the first %s names a certificate, the second says why */
      text = g_strdup_printf (_("Could not add “%s” to Trusted Root Certification Authorities: %s"),
                              name, error->message);
      _cd_window_add_toast (self, text);
      return;
    }

  cd_database_check_changed (self->database);
  cd_window_reload (self);

  /* translators: %s names a certificate */
  text = g_strdup_printf (_("“%s” is now a trusted root"), name);
  _cd_window_add_toast (self, text);
}

static char *
dup_root_name (GBytes *der)
{
  g_autoptr(CdCertificateInfo) info = cd_certificate_info_new (der, NULL);

  if (info == NULL)
    return g_strdup (_("Unnamed certificate"));

  return cd_certificate_dup_display_name (cd_certificate_info_get_row (info));
}

static void
on_root_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     RootQuestion     *question)
{
  g_autoptr(GBytes) der = g_ptr_array_steal_index (question->roots, 0);
  g_autofree char *name = dup_root_name (der);

  if (g_strcmp0 (response, "trust") == 0)
    trust_root (question->window, der, name);

  if (question->roots->len > 0)
    ask_next_root (question);
  else
    root_question_free (question);
}

static void
ask_next_root (RootQuestion *question)
{
  GBytes *der = g_ptr_array_index (question->roots, 0);
  g_autofree char *name = dup_root_name (der);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  heading = g_strdup (_("Trust This Root Certificate?"));
  dialog = adw_message_dialog_new (GTK_WINDOW (question->window), heading, NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  /* translators: %s names a root certificate */
                                  _("The certificate authority's reply includes its root "
                                    "certificate, “%s”. Trusting it means trusting every "
                                    "certificate it issues, for any purpose. Trust it only if "
                                    "you know this authority and got the reply from it."),
                                  name);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "skip", _("_Don't Trust"),
                                    "trust", _("_Trust"),
                                    NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "skip");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "skip");
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_root_response_cb), question);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Asks about each root the import left out of Trusted Root. */
void
_cd_window_ask_pending_roots (CdWindow       *self,
                              CdImportResult *result)
{
  GPtrArray *roots;
  RootQuestion *question;

  g_assert (CD_IS_WINDOW (self));

  roots = cd_import_result_get_pending_roots (result);
  if (roots == NULL || roots->len == 0)
    return;

  question = g_new0 (RootQuestion, 1);
  question->window = g_object_ref (self);
  question->roots = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  for (guint i = 0; i < roots->len; i++)
    g_ptr_array_add (question->roots, g_bytes_ref (g_ptr_array_index (roots, i)));

  ask_next_root (question);
}

static const GActionEntry request_actions[] = {
  { "new-request", new_request_action },
  { "renew-selected", renew_selected_action },
};

void
_cd_window_setup_request (CdWindow *self)
{
  g_assert (CD_IS_WINDOW (self));
  g_assert (self->database != NULL);

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   request_actions,
                                   G_N_ELEMENTS (request_actions),
                                   self);
}
