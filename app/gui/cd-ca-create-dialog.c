/* cd-ca-create-dialog.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* CdCaCreateDialog makes a certificate authority: a root, or an
 * intermediate signed by a CA Certdesk holds the key of. The key is
 * made in a worker thread (cd_ca_create_async) while a spinner turns;
 * a failure is shown in the dialog and nothing is stored.
 */

#define G_LOG_DOMAIN "cd-ca-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-ca-create-dialog.h"
#include "cd-ca-widgets-private.h"
#include "cd-certificate.h"
#include "cd-database.h"
#include "cd-key-generator.h"
#include "cd-keyring.h"
#include "cd-request-builder.h"

struct _CdCaCreateDialog
{
  AdwWindow       parent_instance;

  /* Template widgets */
  GtkSwitch      *before_2038_switch;
  AdwActionRow   *before_2038_row;
  GtkWidget      *c_row;
  GtkWidget      *cn_row;
  GtkWidget      *create_button;
  AdwActionRow   *days_row;
  GtkSpinButton  *days_spin;
  GtkLabel       *error_label;
  AdwComboRow    *issuer_row;
  AdwComboRow    *key_row;
  AdwComboRow    *kind_row;
  GtkWidget      *l_row;
  GtkWidget      *o_row;
  GtkWidget      *ou_row;
  GtkWidget      *page;
  AdwComboRow    *path_length_row;
  GtkWidget      *permitted_row;
  GtkSpinner     *spinner;
  GtkWidget      *st_row;

  /* Owned references */
  CdDatabase     *database;
  CdKeyring      *keyring;
  GPtrArray      *authorities;
  GCancellable   *cancellable;   /* cancelled when the dialog goes */

  gboolean        busy;
};

enum {
  CREATED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (CdCaCreateDialog, cd_ca_create_dialog, ADW_TYPE_WINDOW)

static guint signals [N_SIGNALS];

/* The key types offered, in the Key row's order; RSA 3072 first as the
 * core's default for a CA.
 */
static const CdKeyType key_types[] = {
  CD_KEY_TYPE_RSA_3072,
  CD_KEY_TYPE_RSA_2048,
  CD_KEY_TYPE_RSA_4096,
  CD_KEY_TYPE_EC_P256,
  CD_KEY_TYPE_EC_P384,
  CD_KEY_TYPE_ED25519,
};

static const struct
{
  CdSubjectField field;
  gsize          offset;
} subject_rows[] = {
  { CD_SUBJECT_FIELD_COMMON_NAME, G_STRUCT_OFFSET (CdCaCreateDialog, cn_row) },
  { CD_SUBJECT_FIELD_ORGANIZATION, G_STRUCT_OFFSET (CdCaCreateDialog, o_row) },
  { CD_SUBJECT_FIELD_ORGANIZATIONAL_UNIT, G_STRUCT_OFFSET (CdCaCreateDialog, ou_row) },
  { CD_SUBJECT_FIELD_LOCALITY, G_STRUCT_OFFSET (CdCaCreateDialog, l_row) },
  { CD_SUBJECT_FIELD_STATE, G_STRUCT_OFFSET (CdCaCreateDialog, st_row) },
  { CD_SUBJECT_FIELD_COUNTRY, G_STRUCT_OFFSET (CdCaCreateDialog, c_row) },
};

#define SUBJECT_ROW(self, i) (*(GtkWidget **)G_STRUCT_MEMBER_P ((self), subject_rows[i].offset))

static gboolean
is_intermediate (CdCaCreateDialog *self)
{
  return adw_combo_row_get_selected (self->kind_row) == 1;
}

/* Marks the rows whose text cannot go into a name; returns the first
 * problem, or NULL.
 */
static char *
check_subject (CdCaCreateDialog *self)
{
  g_autofree char *problem = NULL;

  g_assert (CD_IS_CA_CREATE_DIALOG (self));

  for (guint i = 0; i < G_N_ELEMENTS (subject_rows); i++)
    {
      GtkWidget *row = SUBJECT_ROW (self, i);
      const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
      g_autoptr(GError) error = NULL;
      gboolean bad = FALSE;

      if (text[0] != '\0' &&
          !cd_request_validate_subject_field (subject_rows[i].field, text, NULL, &error))
        {
          bad = TRUE;
          if (problem == NULL)
            problem = g_strdup (error->message);
        }

      if (bad)
        gtk_widget_add_css_class (row, "error");
      else
        gtk_widget_remove_css_class (row, "error");
    }

  return g_steal_pointer (&problem);
}

static void
update (CdCaCreateDialog *self)
{
  g_autofree char *problem = NULL;
  g_autofree char *end = NULL;
  const char *cn;
  gboolean can_create;

  g_assert (CD_IS_CA_CREATE_DIALOG (self));

  gtk_widget_set_visible (GTK_WIDGET (self->issuer_row), is_intermediate (self));

  end = _cd_ca_describe_end (gtk_spin_button_get_value_as_int (self->days_spin),
                             gtk_switch_get_active (self->before_2038_switch),
                             is_intermediate (self));
  adw_action_row_set_subtitle (self->days_row, end);
  adw_action_row_set_subtitle (self->before_2038_row,
                               gtk_switch_get_active (self->before_2038_switch)
                               ? _("Devices that keep time in a signed 32-bit number, such as "
                                   "some phones, reject certificates that end later. Every "
                                   "certificate this CA issues ends before that day too.")
                               : NULL);

  problem = check_subject (self);
  cn = gtk_editable_get_text (GTK_EDITABLE (self->cn_row));

  can_create = !self->busy && problem == NULL && cn[0] != '\0' &&
               (!is_intermediate (self) ||
                _cd_ca_get_selected_authority (self->issuer_row, self->authorities) != NULL);

  if (!self->busy)
    _cd_ca_show_error (self->error_label, problem);
  if (is_intermediate (self) && (self->authorities == NULL || self->authorities->len == 0))
    _cd_ca_show_error (self->error_label,
                       _("No CA can sign an intermediate yet: create a root CA first."));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ca.create", can_create);
}

static void
on_changed_cb (CdCaCreateDialog *self)
{
  g_assert (CD_IS_CA_CREATE_DIALOG (self));

  update (self);
}

static void
set_busy (CdCaCreateDialog *self,
          gboolean          busy)
{
  g_assert (CD_IS_CA_CREATE_DIALOG (self));

  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (self->page, !busy);
  update (self);
}

static void
create_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CdCaCreateDialog) self = user_data;
  g_autoptr(CdCaResult) created = NULL;
  g_autoptr(GError) error = NULL;

  created = cd_ca_create_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);

  if (created == NULL)
    {
      _cd_ca_show_error (self->error_label, error->message);
      return;
    }

  g_signal_emit (self, signals[CREATED], 0, created);
  gtk_window_destroy (GTK_WINDOW (self));
}

static CdCaCreateOptions *
new_options (CdCaCreateDialog  *self,
             GError           **error)
{
  g_autoptr(CdCaCreateOptions) options = cd_ca_create_options_new ();
  g_auto(GStrv) names = NULL;
  guint key = adw_combo_row_get_selected (self->key_row);

  g_assert (CD_IS_CA_CREATE_DIALOG (self));

  for (guint i = 0; i < G_N_ELEMENTS (subject_rows); i++)
    {
      g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (SUBJECT_ROW (self, i)))));

      if (text[0] != '\0')
        cd_ca_create_options_set_subject_field (options, subject_rows[i].field, text);
    }

  if (key < G_N_ELEMENTS (key_types))
    cd_ca_create_options_set_key_type (options, key_types[key]);
  cd_ca_create_options_set_validity_days (options, gtk_spin_button_get_value_as_int (self->days_spin));
  cd_ca_create_options_set_before_2038 (options, gtk_switch_get_active (self->before_2038_switch));
  cd_ca_create_options_set_path_length (options,
                                        (int)adw_combo_row_get_selected (self->path_length_row) - 1);

  if (is_intermediate (self))
    {
      CdCertificate *issuer = _cd_ca_get_selected_authority (self->issuer_row, self->authorities);

      cd_ca_create_options_set_issuer (options, cd_certificate_get_sha256 (issuer));
    }

  names = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (self->permitted_row)), ",", -1);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_strstrip (names[i]);
      if (names[i][0] != '\0' && !cd_ca_create_options_add_permitted_dns (options, names[i], error))
        return NULL;
    }

  return g_steal_pointer (&options);
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CdCaCreateDialog *self = CD_CA_CREATE_DIALOG (widget);
  g_autoptr(CdCaCreateOptions) options = NULL;
  g_autoptr(GError) error = NULL;

  if (self->busy)
    return;

  options = new_options (self, &error);
  if (options == NULL)
    {
      gtk_widget_add_css_class (self->permitted_row, "error");
      _cd_ca_show_error (self->error_label, error->message);
      return;
    }
  gtk_widget_remove_css_class (self->permitted_row, "error");

  _cd_ca_show_error (self->error_label, NULL);
  set_busy (self, TRUE);
  cd_ca_create_async (self->database, self->keyring, options, self->cancellable,
                      create_cb, g_object_ref (self));
}

static void
cd_ca_create_dialog_dispose (GObject *object)
{
  CdCaCreateDialog *self = (CdCaCreateDialog *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_CA_CREATE_DIALOG);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->database);
  g_clear_object (&self->keyring);
  g_clear_pointer (&self->authorities, g_ptr_array_unref);

  G_OBJECT_CLASS (cd_ca_create_dialog_parent_class)->dispose (object);
}

static void
cd_ca_create_dialog_class_init (CdCaCreateDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_ca_create_dialog_dispose;

  /**
   * CdCaCreateDialog::created:
   * @result: the new CA
   *
   * The CA is in the stores (Trusted Root or Intermediate, and
   * Personal with its key); the dialog closes.
   */
  signals[CREATED] =
    g_signal_new ("created",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, CD_TYPE_CA_RESULT);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/cd-ca-create-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CdCaCreateDialog, before_2038_row);
  gtk_widget_class_bind_template_child (widget_class, CdCaCreateDialog, before_2038_switch);
  gtk_widget_class_bind_template_child (widget_class, CdCaCreateDialog, c_row);
  gtk_widget_class_bind_template_child (widget_class, CdCaCreateDialog, cn_row);
  gtk_widget_class_bind_template_child (widget_class, CdCaCreateDialog, create_button);
  gtk_widget_class_bind_template_child (widget_class, CdCaCreateDialog, days_row);
  gtk_widget_class_bind_template_child (widget_class, CdCaCreateDialog, days_spin);
  gtk_widget_class_bind_template_child (widget_class, CdCaCreateDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, CdCaCreateDialog, issuer_row);
  gtk_widget_class_bind_template_child (widget_class, CdCaCreateDialog, key_row);
  gtk_widget_class_bind_template_child (widget_class, CdCaCreateDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, CdCaCreateDialog, l_row);
  gtk_widget_class_bind_template_child (widget_class, CdCaCreateDialog, o_row);
  gtk_widget_class_bind_template_child (widget_class, CdCaCreateDialog, ou_row);
  gtk_widget_class_bind_template_child (widget_class, CdCaCreateDialog, page);
  gtk_widget_class_bind_template_child (widget_class, CdCaCreateDialog, path_length_row);
  gtk_widget_class_bind_template_child (widget_class, CdCaCreateDialog, permitted_row);
  gtk_widget_class_bind_template_child (widget_class, CdCaCreateDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, CdCaCreateDialog, st_row);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);

  gtk_widget_class_install_action (widget_class, "ca.create", NULL, create_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cd_ca_create_dialog_init (CdCaCreateDialog *self)
{
  g_autoptr(GtkStringList) keys = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();

  for (guint i = 0; i < G_N_ELEMENTS (key_types); i++)
    gtk_string_list_append (keys, cd_key_type_get_title (key_types[i]));
  adw_combo_row_set_model (self->key_row, G_LIST_MODEL (keys));
}

/**
 * cd_ca_create_dialog_new:
 * @parent: the window the dialog belongs to
 * @database: where the CA goes
 * @keyring: where its key goes
 *
 * Returns: (transfer none): a new #CdCaCreateDialog, not yet shown
 */
CdCaCreateDialog *
cd_ca_create_dialog_new (GtkWindow  *parent,
                         CdDatabase *database,
                         CdKeyring  *keyring)
{
  CdCaCreateDialog *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CD_IS_DATABASE (database), NULL);
  g_return_val_if_fail (CD_IS_KEYRING (keyring), NULL);

  self = g_object_new (CD_TYPE_CA_CREATE_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->database = g_object_ref (database);
  self->keyring = g_object_ref (keyring);
  self->authorities = _cd_ca_fill_authority_row (self->issuer_row, database, NULL, &error);
  if (self->authorities == NULL)
    g_warning ("Could not list the CAs: %s", error->message);

  update (self);

  return self;
}

/**
 * cd_ca_create_dialog_set_intermediate:
 * @self: a #CdCaCreateDialog
 * @issuer_sha256: (nullable): the CA to sign with, or %NULL for a root
 *
 * Picks the kind of CA, as the user would.
 */
void
cd_ca_create_dialog_set_intermediate (CdCaCreateDialog *self,
                                      const char       *issuer_sha256)
{
  g_return_if_fail (CD_IS_CA_CREATE_DIALOG (self));

  adw_combo_row_set_selected (self->kind_row, issuer_sha256 != NULL ? 1 : 0);
  for (guint i = 0; issuer_sha256 != NULL && self->authorities != NULL &&
                    i < self->authorities->len; i++)
    {
      if (g_strcmp0 (cd_certificate_get_sha256 (g_ptr_array_index (self->authorities, i)),
                     issuer_sha256) == 0)
        adw_combo_row_set_selected (self->issuer_row, i);
    }
}

/**
 * cd_ca_create_dialog_get_busy:
 * @self: a #CdCaCreateDialog
 *
 * Returns: %TRUE while the CA is being made
 */
gboolean
cd_ca_create_dialog_get_busy (CdCaCreateDialog *self)
{
  g_return_val_if_fail (CD_IS_CA_CREATE_DIALOG (self), FALSE);

  return self->busy;
}

/**
 * cd_ca_create_dialog_get_error:
 * @self: a #CdCaCreateDialog
 *
 * Returns: (transfer none): the problem shown, or ""
 */
const char *
cd_ca_create_dialog_get_error (CdCaCreateDialog *self)
{
  g_return_val_if_fail (CD_IS_CA_CREATE_DIALOG (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->error_label))
         ? gtk_label_get_label (self->error_label) : "";
}
