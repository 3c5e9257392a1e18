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

#include <glib/gi18n.h>

#include "cd-certificate.h"
#include "cd-database.h"
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

gboolean
_cd_request_wizard_is_generating (CdRequestWizard *self)
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

void
_cd_request_wizard_notify_generating (CdRequestWizard *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GENERATING]);
}

void
_cd_request_wizard_emit_created (CdRequestWizard *self,
                                 CdCertificate   *row)
{
  g_signal_emit (self, signals[CREATED], 0, row);
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
  if (_cd_request_wizard_is_generating (self))
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

  if (_cd_request_wizard_is_generating (self))
    g_cancellable_cancel (self->cancellable);
  else if (self->pem == NULL && !self->discarding && has_typed_anything (self))
    {
      ask_discard (self);
      return TRUE;
    }

  return GTK_WINDOW_CLASS (cd_request_wizard_parent_class)->close_request (window);
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
  _cd_request_wizard_update_buttons (self);
  _cd_request_wizard_show_step (self, 0);
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
      g_value_set_boolean (value, _cd_request_wizard_is_generating (self));
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

  gtk_widget_class_install_action (widget_class, "wizard.next", NULL, _cd_request_wizard_next_action);
  gtk_widget_class_install_action (widget_class, "wizard.back", NULL, _cd_request_wizard_back_action);
  gtk_widget_class_install_action (widget_class, "wizard.generate", NULL, _cd_request_wizard_generate_action);
  gtk_widget_class_install_action (widget_class, "wizard.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "wizard.copy", NULL, _cd_request_wizard_copy_action);
  gtk_widget_class_install_action (widget_class, "wizard.save", NULL, _cd_request_wizard_save_action);
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
  gtk_widget_class_bind_template_callback_full (widget_class, "on_page_changed_cb", G_CALLBACK (_cd_request_wizard_on_page_changed_cb));
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

  return _cd_request_wizard_is_generating (self);
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
