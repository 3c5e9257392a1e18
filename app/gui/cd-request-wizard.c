/* cd-request-wizard.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* CdRequestWizard makes a private key and a certificate signing request
 * (PKCS #10), one step per page: purpose (and the device, whose profile
 * fills in the later pages), subject, subject alternative names, key
 * and signature, review (with the device's live checklist). Every value is checked as it is
 * typed by the core's validators, and Next stays where it is while a
 * page has an error. Generate hands a CdRequestBuilder to the core,
 * which makes the key in a worker thread, puts it in the keyring and
 * the request in Certificate Enrollment Requests; the last page shows
 * the PEM to copy or save.
 *
 * Renewing opens the wizard on a builder filled from the old
 * certificate, with the choice of keeping its key.
 */


#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cd-certificate.h"
#include "cd-database.h"
#include "cd-errors.h"
#include "cd-key-generator.h"
#include "cd-keyring.h"
#include "cd-request-wizard-private.h"


enum {
  PROP_0,
  PROP_DATABASE,
  PROP_KEYRING,
  PROP_BUILDER,
  PROP_EXISTING_KEY_ID,
  PROP_GENERATING,
  N_PROPS
};

enum {
  CREATED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (CdRequestWizard, cd_request_wizard, ADW_TYPE_WINDOW)

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

/* The steps before the request exists; "result" comes after them. */
static const char *steps[] = { "purpose", "subject", "san", "key", "review" };

static const char *
get_step_title (guint step)
{
  switch (step)
    {
    case 0: return _("Purpose");
    case 1: return _("Subject");
    case 2: return _("Alternative Names");
    case 3: return _("Key and Signature");
    case 4: return _("Review");
    default: g_assert_not_reached ();
    }
}

static int
get_step (CdRequestWizard *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->stack);

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      if (g_strcmp0 (name, steps[i]) == 0)
        return i;
    }

  return -1;
}

static gboolean
is_generating (CdRequestWizard *self)
{
  return self->cancellable != NULL;
}

char *
_cd_request_wizard_dup_text (GtkWidget *editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (editable))));
}

void
_cd_request_wizard_set_error_style (GtkWidget *widget,
                                    gboolean   error)
{
  if (error)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");
}

void
_cd_request_wizard_show_message (GtkLabel   *label,
                                 const char *message)
{
  gtk_label_set_label (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL && message[0] != '\0');
}

static gboolean
has_typed_anything (CdRequestWizard *self)
{
  for (guint i = 0; i < CD_N_SUBJECT_FIELDS; i++)
    {
      if (gtk_editable_get_text (GTK_EDITABLE (self->subject_rows[i]))[0] != '\0')
        return TRUE;
    }

  for (guint i = 0; i < self->san_rows->len; i++)
    {
      SanRow *row = g_ptr_array_index (self->san_rows, i);

      if (gtk_editable_get_text (GTK_EDITABLE (row->entry))[0] != '\0')
        return TRUE;
    }

  return FALSE;
}

/* The builder, from the widgets */

void
_cd_request_wizard_sync_builder (CdRequestWizard *self)
{
  g_assert (CD_IS_REQUEST_WIZARD (self));

  cd_request_builder_set_purpose (self->builder, _cd_request_wizard_get_purpose (self));

  for (guint field = 0; field < CD_N_SUBJECT_FIELDS; field++)
    {
      g_autofree char *text = _cd_request_wizard_dup_text (self->subject_rows[field]);

      cd_request_builder_set_subject_field (self->builder, field, text[0] != '\0' ? text : NULL);
    }

  cd_request_builder_set_string_type (self->builder,
                                      adw_combo_row_get_selected (self->string_type_row) == 1
                                      ? CD_STRING_TYPE_UTF8
                                      : CD_STRING_TYPE_PRINTABLE_WHERE_POSSIBLE);

  cd_request_builder_set_cn_as_dns (self->builder, gtk_switch_get_active (self->cn_as_dns_switch));
  cd_request_builder_clear_sans (self->builder);
  for (guint i = 0; i < self->san_rows->len; i++)
    {
      SanRow *row = g_ptr_array_index (self->san_rows, i);
      g_autofree char *text = _cd_request_wizard_dup_text (GTK_WIDGET (row->entry));
      g_autoptr(GError) error = NULL;

      if (text[0] == '\0')
        continue;

      if (!cd_request_builder_add_san (self->builder, _cd_request_wizard_get_san_row_type (row), text, &error))
        g_debug ("Left out “%s”: %s", text, error->message);
    }

  cd_request_builder_set_allow_legacy_key (self->builder,
                                           gtk_check_button_get_active (self->legacy_check));
  cd_request_builder_set_allow_legacy_digest (self->builder,
                                              gtk_check_button_get_active (self->legacy_check));
  cd_request_builder_set_key_type (self->builder, _cd_request_wizard_get_key_type (self));
  cd_request_builder_set_existing_key_id (self->builder,
                                          _cd_request_wizard_uses_existing_key (self) ? self->existing_key_id : NULL);
  cd_request_builder_set_digest (self->builder, _cd_request_wizard_get_digest (self));
  cd_request_builder_set_key_usage (self->builder, _cd_request_wizard_get_key_usage (self));
  cd_request_builder_set_extended_key_usage (self->builder, _cd_request_wizard_get_extended_key_usage (self));
}

/* The widgets, from the builder: renewing starts from the old
 * certificate's values.
 */
static void
load_builder (CdRequestWizard *self)
{
  CdRequestBuilder *builder = self->builder;
  const char *cn;
  guint n_sans;
  guint first = 0;

  g_assert (CD_IS_REQUEST_WIZARD (self));

  self->loading = TRUE;

  switch (cd_request_builder_get_purpose (builder))
    {
    case CD_REQUEST_PURPOSE_CLIENT:
      gtk_check_button_set_active (self->client_check, TRUE);
      break;
    case CD_REQUEST_PURPOSE_SERVER_CLIENT:
      gtk_check_button_set_active (self->server_client_check, TRUE);
      break;
    case CD_REQUEST_PURPOSE_SERVER:
    default:
      gtk_check_button_set_active (self->server_check, TRUE);
      break;
    }

  for (guint field = 0; field < CD_N_SUBJECT_FIELDS; field++)
    {
      const char *value = cd_request_builder_get_subject_field (builder, field);

      gtk_editable_set_text (GTK_EDITABLE (self->subject_rows[field]), value ? value : "");
    }

  adw_combo_row_set_selected (self->string_type_row,
                              cd_request_builder_get_string_type (builder) == CD_STRING_TYPE_UTF8);
  gtk_switch_set_active (self->cn_as_dns_switch, cd_request_builder_get_cn_as_dns (builder));

  /* The common name is added by the switch; not a second time here. */
  cn = cd_request_builder_get_subject_field (builder, CD_SUBJECT_FIELD_COMMON_NAME);
  n_sans = cd_request_builder_get_n_sans (builder);
  if (n_sans > 0 && cn != NULL && cd_request_builder_get_cn_as_dns (builder))
    {
      CdSanType type;
      const char *san = cd_request_builder_get_san (builder, 0, &type);

      if (type == CD_SAN_TYPE_DNS && g_ascii_strcasecmp (san, cn) == 0)
        first = 1;
    }

  for (guint i = first; i < n_sans; i++)
    {
      CdSanType type;
      const char *san = cd_request_builder_get_san (builder, i, &type);

      _cd_request_wizard_add_san_row (self, type, san);
    }

  if (cd_key_type_is_legacy (cd_request_builder_get_key_type (builder)) ||
      cd_request_builder_get_digest (builder) == CD_DIGEST_SHA1)
    gtk_check_button_set_active (self->legacy_check, TRUE);

  _cd_request_wizard_fill_key_choices (self, cd_request_builder_get_key_type (builder),
                                       cd_request_builder_get_digest (builder));
  _cd_request_wizard_set_usages (self,
                                 cd_request_builder_get_key_usage (builder),
                                 cd_request_builder_get_extended_key_usage (builder));

  self->loading = FALSE;

  _cd_request_wizard_on_key_changed_cb (self);
  _cd_request_wizard_validate_sans (self);
}

/* Review */

static void
fill_review (CdRequestWizard *self)
{
  g_autofree char *subject = NULL;
  g_auto(GStrv) sans = NULL;
  g_autofree char *san_text = NULL;
  g_autofree char *key_text = NULL;
  g_autofree char *usage = NULL;
  g_autofree char *extended_usage = NULL;

  g_assert (CD_IS_REQUEST_WIZARD (self));

  subject = cd_request_builder_dup_subject_string (self->builder);
  sans = cd_request_builder_dup_san_strings (self->builder);
  san_text = sans != NULL && sans[0] != NULL ? g_strjoinv ("\n", sans) : g_strdup (_("None"));

  if (_cd_request_wizard_uses_existing_key (self))
    /* translators: %s is a digest, e.g. SHA-256 */
    key_text = g_strdup_printf (_("The existing key, signed with %s"),
                                _cd_request_wizard_get_digest_title (_cd_request_wizard_get_digest (self)));
  else
    /* translators: the first %s is a key type, e.g. "EC P-256", the second a digest */
    key_text = g_strdup_printf (_("A new %s key, signed with %s"),
                                cd_key_type_get_title (_cd_request_wizard_get_key_type (self)),
                                _cd_request_wizard_get_digest_title (_cd_request_wizard_get_digest (self)));

  usage = _cd_request_wizard_join_usages (self, FALSE);
  extended_usage = _cd_request_wizard_join_usages (self, TRUE);

  adw_action_row_set_subtitle (self->review_subject_row, subject ? subject : "");
  adw_action_row_set_subtitle (self->review_san_row, san_text);
  adw_action_row_set_subtitle (self->review_key_row, key_text);
  adw_action_row_set_subtitle (self->review_usage_row, usage);
  adw_action_row_set_subtitle (self->review_extended_usage_row, extended_usage);
}

/* Pages and buttons */

static void
update_buttons (CdRequestWizard *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  gboolean result = g_strcmp0 (page, "result") == 0;
  gboolean review = g_strcmp0 (page, "review") == 0;
  gboolean generating = is_generating (self);
  int step = get_step (self);
  g_autofree char *subtitle = NULL;

  g_assert (CD_IS_REQUEST_WIZARD (self));

  gtk_widget_set_visible (self->cancel_button, !result);
  gtk_widget_set_visible (self->back_button, !result);
  gtk_widget_set_visible (self->next_button, !result && !review);
  gtk_widget_set_visible (self->generate_button, review);
  gtk_widget_set_visible (self->done_button, result);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.back", step > 0 && !generating);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.next", !result && !review);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.generate", review && !generating);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.copy", result);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.save", result);

  if (result)
    gtk_window_set_default_widget (GTK_WINDOW (self), self->done_button);
  else if (review)
    gtk_window_set_default_widget (GTK_WINDOW (self), self->generate_button);
  else
    gtk_window_set_default_widget (GTK_WINDOW (self), self->next_button);

  if (step >= 0)
    /* translators: "Step 2 of 5: Subject" */
    subtitle = g_strdup_printf (_("Step %d of %d: %s"), step + 1, (int)G_N_ELEMENTS (steps),
                                get_step_title (step));
  else
    subtitle = g_strdup (_("Done"));
  adw_window_title_set_subtitle (self->window_title, subtitle);
}

static void
on_page_changed_cb (CdRequestWizard *self)
{
  g_assert (CD_IS_REQUEST_WIZARD (self));

  update_buttons (self);
}

static void
show_step (CdRequestWizard *self,
           guint            step)
{
  g_assert (CD_IS_REQUEST_WIZARD (self));
  g_assert (step < G_N_ELEMENTS (steps));

  gtk_stack_set_visible_child_name (self->stack, steps[step]);

  switch (step)
    {
    case 0:
      gtk_widget_grab_focus (GTK_WIDGET (self->server_check));
      break;
    case 1:
      gtk_widget_grab_focus (self->cn_row);
      break;
    case 2:
      if (self->san_rows->len > 0)
        gtk_widget_grab_focus (GTK_WIDGET (((SanRow *)g_ptr_array_index (self->san_rows, 0))->entry));
      else
        gtk_widget_grab_focus (GTK_WIDGET (self->cn_as_dns_switch));
      break;
    case 3:
      gtk_widget_grab_focus (GTK_WIDGET (self->key_type_row));
      break;
    case 4:
      gtk_widget_grab_focus (self->generate_button);
      break;
    default:
      break;
    }
}

/* Errors the core finds in the whole request that the pages' own
 * checks do not see, e.g. a common name that cannot be a DNS name.
 */
static gboolean
check_builder (CdRequestWizard *self,
               GtkLabel        *label,
               gboolean         sans)
{
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GString) messages = g_string_new (NULL);

  g_assert (CD_IS_REQUEST_WIZARD (self));

  _cd_request_wizard_sync_builder (self);
  errors = cd_request_builder_validate (self->builder);
  if (errors == NULL)
    return TRUE;

  for (guint i = 0; i < errors->len; i++)
    {
      const GError *error = g_ptr_array_index (errors, i);
      gboolean san_error = error->code >= CD_REQUEST_ERROR_SAN_DNS &&
                           error->code <= CD_REQUEST_ERROR_SAN_DUPLICATE;

      if (san_error != sans)
        continue;

      if (messages->len > 0)
        g_string_append_c (messages, '\n');
      g_string_append (messages, error->message);
    }

  _cd_request_wizard_show_message (label, messages->str);

  return messages->len == 0;
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CdRequestWizard *self = CD_REQUEST_WIZARD (widget);
  int step = get_step (self);

  if (step < 0 || step >= (int)G_N_ELEMENTS (steps) - 1 || is_generating (self))
    return;

  switch (step)
    {
    case 1:
      self->subject_tried = TRUE;
      if (!_cd_request_wizard_validate_subject (self) ||
          !check_builder (self, self->subject_error_label, FALSE))
        return;
      _cd_request_wizard_validate_sans (self);
      break;

    case 2:
      if (!_cd_request_wizard_validate_sans (self))
        {
          _cd_request_wizard_show_message (self->san_error_label,
                                           _("Correct the names marked in red, or remove them."));
          return;
        }
      if (!check_builder (self, self->san_error_label, TRUE))
        return;
      break;

    case 3:
      _cd_request_wizard_sync_builder (self);
      fill_review (self);
      break;

    default:
      break;
    }

  show_step (self, step + 1);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CdRequestWizard *self = CD_REQUEST_WIZARD (widget);
  int step = get_step (self);

  if (step > 0 && !is_generating (self))
    show_step (self, step - 1);
}

/* Generating */

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

  update_buttons (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GENERATING]);
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
  g_signal_emit (self, signals[CREATED], 0, row);
}

static void
generate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  CdRequestWizard *self = CD_REQUEST_WIZARD (widget);

  if (is_generating (self) || g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "review") != 0)
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

/* Cancelling */

static void
on_discard_response_cb (CdRequestWizard *self,
                        const char      *response,
                        AdwMessageDialog *dialog)
{
  g_assert (CD_IS_REQUEST_WIZARD (self));

  if (g_strcmp0 (response, "discard") != 0)
    return;

  self->discarding = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static void
ask_discard (CdRequestWizard *self)
{
  GtkWidget *dialog;

  g_assert (CD_IS_REQUEST_WIZARD (self));

  dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                   _("Discard This Request?"),
                                   _("What you typed is lost; no key or request is made."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CdRequestWizard *self = CD_REQUEST_WIZARD (widget);

  /* While generating, Cancel stops it and the wizard stays. */
  if (is_generating (self))
    {
      g_cancellable_cancel (self->cancellable);
      return;
    }

  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
cd_request_wizard_close_request (GtkWindow *window)
{
  CdRequestWizard *self = (CdRequestWizard *)window;

  if (is_generating (self))
    g_cancellable_cancel (self->cancellable);
  else if (self->pem == NULL && !self->discarding && has_typed_anything (self))
    {
      ask_discard (self);
      return TRUE;
    }

  return GTK_WINDOW_CLASS (cd_request_wizard_parent_class)->close_request (window);
}

/* Copy and Save */

static void
copy_action (GtkWidget  *widget,
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

static void
save_action (GtkWidget  *widget,
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

/* GObject */

static void
cd_request_wizard_constructed (GObject *object)
{
  CdRequestWizard *self = (CdRequestWizard *)object;
  gboolean renewing;

  G_OBJECT_CLASS (cd_request_wizard_parent_class)->constructed (object);

  renewing = self->builder != NULL;
  if (self->builder == NULL)
    self->builder = cd_request_builder_new ();

  /* A new key is the default, as it should be when renewing; the same
   * key is there for devices that pin it.
   */
  gtk_widget_set_visible (self->key_source_group, self->existing_key_id != NULL);

  if (renewing)
    {
      adw_window_title_set_title (self->window_title, _("Renew Certificate"));
      gtk_window_set_title (GTK_WINDOW (self), _("Renew Certificate"));
      load_builder (self);
    }
  else
    {
      _cd_request_wizard_fill_key_choices (self, CD_KEY_TYPE_RSA_2048, CD_DIGEST_SHA256);
      _cd_request_wizard_on_key_changed_cb (self);
    }

  _cd_request_wizard_renumber_san_rows (self);
  update_buttons (self);
  show_step (self, 0);
}

static void
cd_request_wizard_dispose (GObject *object)
{
  CdRequestWizard *self = (CdRequestWizard *)object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  if (self->file_chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->file_chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->file_chooser));
      g_clear_object (&self->file_chooser);
    }

  _cd_request_wizard_dispose_profile (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_REQUEST_WIZARD);

  g_clear_object (&self->database);
  g_clear_object (&self->keyring);
  g_clear_object (&self->builder);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->save_file);

  G_OBJECT_CLASS (cd_request_wizard_parent_class)->dispose (object);
}

static void
cd_request_wizard_finalize (GObject *object)
{
  CdRequestWizard *self = (CdRequestWizard *)object;

  g_clear_pointer (&self->san_rows, g_ptr_array_unref);
  g_clear_pointer (&self->key_types, g_array_unref);
  g_clear_pointer (&self->digests, g_array_unref);
  g_clear_pointer (&self->existing_key_id, g_free);
  g_clear_pointer (&self->pem, g_free);

  G_OBJECT_CLASS (cd_request_wizard_parent_class)->finalize (object);
}

static void
cd_request_wizard_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CdRequestWizard *self = CD_REQUEST_WIZARD (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;

    case PROP_KEYRING:
      g_value_set_object (value, self->keyring);
      break;

    case PROP_BUILDER:
      g_value_set_object (value, self->builder);
      break;

    case PROP_EXISTING_KEY_ID:
      g_value_set_string (value, self->existing_key_id);
      break;

    case PROP_GENERATING:
      g_value_set_boolean (value, is_generating (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_request_wizard_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CdRequestWizard *self = CD_REQUEST_WIZARD (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      self->database = g_value_dup_object (value);
      break;

    case PROP_KEYRING:
      self->keyring = g_value_dup_object (value);
      break;

    case PROP_BUILDER:
      self->builder = g_value_dup_object (value);
      break;

    case PROP_EXISTING_KEY_ID:
      self->existing_key_id = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_request_wizard_class_init (CdRequestWizardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = cd_request_wizard_constructed;
  object_class->dispose = cd_request_wizard_dispose;
  object_class->finalize = cd_request_wizard_finalize;
  object_class->get_property = cd_request_wizard_get_property;
  object_class->set_property = cd_request_wizard_set_property;

  window_class->close_request = cd_request_wizard_close_request;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL,
                         CD_TYPE_DATABASE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_KEYRING] =
    g_param_spec_object ("keyring", NULL, NULL,
                         CD_TYPE_KEYRING,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_BUILDER] =
    g_param_spec_object ("builder", NULL, NULL,
                         CD_TYPE_REQUEST_BUILDER,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_EXISTING_KEY_ID] =
    g_param_spec_string ("existing-key-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_GENERATING] =
    g_param_spec_boolean ("generating", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CdRequestWizard::created:
   * @self: a #CdRequestWizard
   * @row: (nullable): the request's row in Certificate Enrollment Requests
   *
   * Emitted when the key and the request are made and stored.
   */
  signals[CREATED] =
    g_signal_new ("created",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, CD_TYPE_CERTIFICATE);

  gtk_widget_class_install_action (widget_class, "wizard.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "wizard.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "wizard.generate", NULL, generate_action);
  gtk_widget_class_install_action (widget_class, "wizard.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "wizard.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "wizard.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "wizard.add-san", NULL, _cd_request_wizard_add_san_action);
  gtk_widget_class_install_action (widget_class, "wizard.san-up", "u", _cd_request_wizard_san_up_action);
  gtk_widget_class_install_action (widget_class, "wizard.san-down", "u", _cd_request_wizard_san_down_action);
  gtk_widget_class_install_action (widget_class, "wizard.san-remove", "u", _cd_request_wizard_san_remove_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "wizard.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "wizard.back", NULL);

  g_type_ensure (CD_TYPE_CHECK_LIST);
  g_type_ensure (CD_TYPE_PROFILE_CHOOSER);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/cd-request-wizard.ui");
  gtk_widget_class_bind_template_child (widget_class, CdRequestWizard, back_button);
  gtk_widget_class_bind_template_child (widget_class, CdRequestWizard, c_row);
  gtk_widget_class_bind_template_child (widget_class, CdRequestWizard, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CdRequestWizard, check_group);
  gtk_widget_class_bind_template_child (widget_class, CdRequestWizard, check_list);
  gtk_widget_class_bind_template_child (widget_class, CdRequestWizard, client_check);
  gtk_widget_class_bind_template_child (widget_class, CdRequestWizard, cn_as_dns_switch);
  gtk_widget_class_bind_template_child (widget_class, CdRequestWizard, cn_row);
  gtk_widget_class_bind_template_child (widget_class, CdRequestWizard, digest_row);
  gtk_widget_class_bind_template_child (widget_class, CdRequestWizard, done_button);
  gtk_widget_class_bind_template_child (widget_class, CdRequestWizard, dump_view);
  gtk_widget_class_bind_template_child (widget_class, CdRequestWizard, email_row);
  gtk_widget_class_bind_template_child (widget_class, CdRequestWizard, extended_usage_group);
  gtk_widget_class_bind_template_child (widget_class, CdRequestWizard, generate_button);
  gtk_widget_class_bind_template_child (widget_class, CdRequestWizard, key_source_group);
  gtk_widget_class_bind_template_child (widget_class, CdRequestWizard, key_type_row);
  gtk_widget_class_bind_template_child (widget_class, CdRequestWizard, l_row);
  gtk_widget_class_bind_template_child (widget_class, CdRequestWizard, legacy_check);
  gtk_widget_class_bind_template_child (widget_class, CdRequestWizard, match_issuer_label);
  gtk_widget_class_bind_template_child (widget_class, CdRequestWizard, legacy_warning_group);
  gtk_widget_class_bind_template_child (widget_class, CdRequestWizard, new_key_check);
  gtk_widget_class_bind_template_child (widget_class, CdRequestWizard, next_button);
  gtk_widget_class_bind_template_child (widget_class, CdRequestWizard, o_row);
  gtk_widget_class_bind_template_child (widget_class, CdRequestWizard, ou_row);
  gtk_widget_class_bind_template_child (widget_class, CdRequestWizard, profile_chooser);
  gtk_widget_class_bind_template_child (widget_class, CdRequestWizard, pem_view);
  gtk_widget_class_bind_template_child (widget_class, CdRequestWizard, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, CdRequestWizard, result_label);
  gtk_widget_class_bind_template_child (widget_class, CdRequestWizard, review_extended_usage_row);
  gtk_widget_class_bind_template_child (widget_class, CdRequestWizard, review_key_row);
  gtk_widget_class_bind_template_child (widget_class, CdRequestWizard, review_page);
  gtk_widget_class_bind_template_child (widget_class, CdRequestWizard, review_san_row);
  gtk_widget_class_bind_template_child (widget_class, CdRequestWizard, review_subject_row);
  gtk_widget_class_bind_template_child (widget_class, CdRequestWizard, review_usage_row);
  gtk_widget_class_bind_template_child (widget_class, CdRequestWizard, same_key_check);
  gtk_widget_class_bind_template_child (widget_class, CdRequestWizard, san_error_label);
  gtk_widget_class_bind_template_child (widget_class, CdRequestWizard, san_list);
  gtk_widget_class_bind_template_child (widget_class, CdRequestWizard, server_check);
  gtk_widget_class_bind_template_child (widget_class, CdRequestWizard, server_client_check);
  gtk_widget_class_bind_template_child (widget_class, CdRequestWizard, spinner);
  gtk_widget_class_bind_template_child (widget_class, CdRequestWizard, st_row);
  gtk_widget_class_bind_template_child (widget_class, CdRequestWizard, stack);
  gtk_widget_class_bind_template_child (widget_class, CdRequestWizard, string_type_row);
  gtk_widget_class_bind_template_child (widget_class, CdRequestWizard, subject_error_label);
  gtk_widget_class_bind_template_child (widget_class, CdRequestWizard, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CdRequestWizard, usage_group);
  gtk_widget_class_bind_template_child (widget_class, CdRequestWizard, window_title);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_checks_changed_cb", G_CALLBACK (_cd_request_wizard_queue_checks));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_key_changed_cb", G_CALLBACK (_cd_request_wizard_on_key_changed_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_legacy_toggled_cb", G_CALLBACK (_cd_request_wizard_on_legacy_toggled_cb));
  gtk_widget_class_bind_template_callback (widget_class, on_page_changed_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_profile_changed_cb", G_CALLBACK (_cd_request_wizard_on_profile_changed_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_purpose_toggled_cb", G_CALLBACK (_cd_request_wizard_on_purpose_toggled_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_san_changed_cb", G_CALLBACK (_cd_request_wizard_on_san_changed_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_subject_changed_cb", G_CALLBACK (_cd_request_wizard_on_subject_changed_cb));
}

static void
cd_request_wizard_init (CdRequestWizard *self)
{
  self->san_rows = g_ptr_array_new_with_free_func (g_free);
  self->key_types = g_array_new (FALSE, FALSE, sizeof (CdKeyType));
  self->digests = g_array_new (FALSE, FALSE, sizeof (CdDigest));

  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));

  /* In the order of CdSubjectField. */
  self->subject_rows[CD_SUBJECT_FIELD_COUNTRY] = self->c_row;
  self->subject_rows[CD_SUBJECT_FIELD_STATE] = self->st_row;
  self->subject_rows[CD_SUBJECT_FIELD_LOCALITY] = self->l_row;
  self->subject_rows[CD_SUBJECT_FIELD_ORGANIZATION] = self->o_row;
  self->subject_rows[CD_SUBJECT_FIELD_ORGANIZATIONAL_UNIT] = self->ou_row;
  self->subject_rows[CD_SUBJECT_FIELD_COMMON_NAME] = self->cn_row;
  self->subject_rows[CD_SUBJECT_FIELD_EMAIL] = self->email_row;

  _cd_request_wizard_add_usage_rows (self);
  self->loading = FALSE;
}

/**
 * cd_request_wizard_new:
 * @parent: (nullable): the window the wizard belongs to
 * @database: where the request goes
 * @keyring: where the key goes
 * @builder: (nullable): a builder filled from a certificate being
 *   renewed, or %NULL for a new request
 * @existing_key_id: (nullable): the key of the certificate being
 *   renewed, when it is in the keyring, to offer "Use the same key"
 *
 * Returns: (transfer none): a new modal #CdRequestWizard, not shown yet
 */
CdRequestWizard *
cd_request_wizard_new (GtkWindow        *parent,
                       CdDatabase       *database,
                       CdKeyring        *keyring,
                       CdRequestBuilder *builder,
                       const char       *existing_key_id)
{
  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CD_IS_DATABASE (database), NULL);
  g_return_val_if_fail (CD_IS_KEYRING (keyring), NULL);
  g_return_val_if_fail (!builder || CD_IS_REQUEST_BUILDER (builder), NULL);

  return g_object_new (CD_TYPE_REQUEST_WIZARD,
                       "transient-for", parent,
                       "database", database,
                       "keyring", keyring,
                       "builder", builder,
                       "existing-key-id", existing_key_id,
                       NULL);
}

/**
 * cd_request_wizard_get_builder:
 * @self: a #CdRequestWizard
 *
 * Returns: (transfer none): the request as last taken from the pages
 */
CdRequestBuilder *
cd_request_wizard_get_builder (CdRequestWizard *self)
{
  g_return_val_if_fail (CD_IS_REQUEST_WIZARD (self), NULL);

  return self->builder;
}

/**
 * cd_request_wizard_get_page:
 * @self: a #CdRequestWizard
 *
 * Returns: (transfer none): the visible page: "purpose", "subject",
 *   "san", "key", "review" or "result"
 */
const char *
cd_request_wizard_get_page (CdRequestWizard *self)
{
  g_return_val_if_fail (CD_IS_REQUEST_WIZARD (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * cd_request_wizard_get_generating:
 * @self: a #CdRequestWizard
 *
 * Returns: %TRUE while the key and the request are being made
 */
gboolean
cd_request_wizard_get_generating (CdRequestWizard *self)
{
  g_return_val_if_fail (CD_IS_REQUEST_WIZARD (self), FALSE);

  return is_generating (self);
}

/**
 * cd_request_wizard_get_pem:
 * @self: a #CdRequestWizard
 *
 * Returns: (nullable) (transfer none): the request made, as PEM
 */
const char *
cd_request_wizard_get_pem (CdRequestWizard *self)
{
  g_return_val_if_fail (CD_IS_REQUEST_WIZARD (self), NULL);

  return self->pem;
}

/**
 * cd_request_wizard_get_n_san_rows:
 * @self: a #CdRequestWizard
 *
 * Returns: the number of rows in the alternative names list
 */
guint
cd_request_wizard_get_n_san_rows (CdRequestWizard *self)
{
  g_return_val_if_fail (CD_IS_REQUEST_WIZARD (self), 0);

  return self->san_rows->len;
}

static SanRow *
get_san_row (CdRequestWizard *self,
             guint            position)
{
  g_return_val_if_fail (CD_IS_REQUEST_WIZARD (self), NULL);
  g_return_val_if_fail (position < self->san_rows->len, NULL);

  return g_ptr_array_index (self->san_rows, position);
}

/**
 * cd_request_wizard_get_san_type:
 * @self: a #CdRequestWizard
 * @position: a row of the alternative names list
 *
 * Returns: (transfer none): the row's drop-down of name kinds, in the
 *   order of #CdSanType
 */
GtkDropDown *
cd_request_wizard_get_san_type (CdRequestWizard *self,
                                guint            position)
{
  SanRow *row = get_san_row (self, position);

  return row != NULL ? row->type : NULL;
}

/**
 * cd_request_wizard_get_san_entry:
 * @self: a #CdRequestWizard
 * @position: a row of the alternative names list
 *
 * Returns: (transfer none): the row's entry
 */
GtkEditable *
cd_request_wizard_get_san_entry (CdRequestWizard *self,
                                 guint            position)
{
  SanRow *row = get_san_row (self, position);

  return row != NULL ? GTK_EDITABLE (row->entry) : NULL;
}

/**
 * cd_request_wizard_get_san_hint:
 * @self: a #CdRequestWizard
 * @position: a row of the alternative names list
 *
 * Returns: (transfer none): what the row says under the name: an error,
 *   the punycode form, or ""
 */
const char *
cd_request_wizard_get_san_hint (CdRequestWizard *self,
                                guint            position)
{
  SanRow *row = get_san_row (self, position);

  return row != NULL ? gtk_label_get_label (row->hint) : NULL;
}

/**
 * cd_request_wizard_set_save_file:
 * @self: a #CdRequestWizard
 * @file: (nullable): where Save… writes, without asking
 */
void
cd_request_wizard_set_save_file (CdRequestWizard *self,
                                 GFile           *file)
{
  g_return_if_fail (CD_IS_REQUEST_WIZARD (self));
  g_return_if_fail (!file || G_IS_FILE (file));

  g_set_object (&self->save_file, file);
}
