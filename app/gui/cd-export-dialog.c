/* cd-export-dialog.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* CdExportDialog writes certificates, and for a certificate with a
 * private key that key too, to a file in the format the other end
 * wants: DER, PEM, a PEM chain, PKCS #7, PKCS #12 (modern or
 * compatible), PEM certificate and key, or the key alone. It is one
 * page whose groups show only what applies to the chosen format.
 *
 * The dialog's Export button is the user's consent to take the key out
 * of the keyring: nothing is read from the keyring before it is pressed
 * and a file is chosen. The writing is the core's (cd_exporter_*), in a
 * worker thread with progress and Cancel; the core writes atomically,
 * so a failed or cancelled export leaves no file behind.
 */

#define G_LOG_DOMAIN "cd-export-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-certificate.h"
#include "cd-export-dialog-private.h"

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_KEYRING,
  PROP_ROWS,
  PROP_CAN_EXPORT,
  PROP_EXPORTING,
  N_PROPS
};

enum {
  EXPORTED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (CdExportDialog, cd_export_dialog, ADW_TYPE_WINDOW)

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

guint
_cd_export_dialog_get_selected (AdwComboRow *row)
{
  return adw_combo_row_get_selected (row);
}

gboolean
_cd_export_dialog_is_two_files (CdExportDialog *self)
{
  return cd_export_dialog_get_choice (self) == CD_EXPORT_CHOICE_PEM_KEY_CERT &&
         _cd_export_dialog_get_selected (self->files_row) == FILES_TWO;
}

gboolean
_cd_export_dialog_is_key_unencrypted (CdExportDialog *self)
{
  CdExportChoice choice = cd_export_dialog_get_choice (self);

  return (choice == CD_EXPORT_CHOICE_PEM_KEY_CERT || choice == CD_EXPORT_CHOICE_KEY) &&
         _cd_export_dialog_get_selected (self->protection_row) == PROTECTION_NONE;
}

void
_cd_export_dialog_update (CdExportDialog *self)
{
  CdExportChoice choice;
  gboolean several;
  gboolean has_chain_option;
  gboolean with_chain;
  gboolean key_group;
  gboolean pkcs12;
  gboolean password;
  gboolean can_export = TRUE;
  gboolean password_ok;

  g_assert (CD_IS_EXPORT_DIALOG (self));

  choice = cd_export_dialog_get_choice (self);
  several = self->rows->len > 1;
  pkcs12 = choice == CD_EXPORT_CHOICE_PKCS12;
  key_group = choice == CD_EXPORT_CHOICE_PEM_KEY_CERT || choice == CD_EXPORT_CHOICE_KEY;
  password = pkcs12 || (key_group && !_cd_export_dialog_is_key_unencrypted (self));

  /* In the group, not the row: the row needs its width for the name. */
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->format_group),
                                         _cd_export_dialog_get_choice_description (choice, several));

  /* The chain is a question for one certificate; a PEM chain is always one. */
  has_chain_option = !several && (choice == CD_EXPORT_CHOICE_P7B || pkcs12 ||
                                  choice == CD_EXPORT_CHOICE_PEM_KEY_CERT);
  with_chain = choice == CD_EXPORT_CHOICE_PEM_CHAIN ||
               (has_chain_option && gtk_switch_get_active (self->chain_switch));

  gtk_widget_set_visible (GTK_WIDGET (self->chain_row), has_chain_option);
  gtk_widget_set_visible (self->root_row, !several && with_chain);
  gtk_widget_set_visible (GTK_WIDGET (self->encoding_row), choice == CD_EXPORT_CHOICE_P7B);
  gtk_widget_set_visible (GTK_WIDGET (self->files_row), choice == CD_EXPORT_CHOICE_PEM_KEY_CERT);
  gtk_widget_set_visible (GTK_WIDGET (self->order_row),
                          choice == CD_EXPORT_CHOICE_PEM_KEY_CERT && !_cd_export_dialog_is_two_files (self));
  gtk_widget_set_visible (self->contents_group,
                          has_chain_option || with_chain || choice == CD_EXPORT_CHOICE_P7B);

  gtk_widget_set_visible (self->pkcs12_group, pkcs12);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->encryption_row),
                               _cd_export_dialog_get_selected (self->encryption_row) == ENCRYPTION_COMPATIBLE
                               ? _("3DES with a SHA-1 MAC, for older devices and Windows "
                                   "Server 2016 and earlier")
                               : _("AES-256-CBC, PBKDF2 and a SHA-256 MAC, for current "
                                   "systems"));

  gtk_widget_set_visible (self->key_group, key_group);
  gtk_widget_set_visible (self->unencrypted_row, key_group && _cd_export_dialog_is_key_unencrypted (self));
  gtk_widget_set_visible (self->password_group, password);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->password_group),
                                         pkcs12
                                         ? _("Protects the file. Whoever imports it needs this "
                                             "password.")
                                         : _("Encrypts the private key. Whoever uses the key "
                                             "needs this password."));

  gtk_widget_set_visible (self->delete_group, _cd_export_dialog_choice_has_key (choice));
  if (gtk_switch_get_active (self->delete_key_switch))
    gtk_widget_add_css_class (GTK_WIDGET (self->delete_key_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->delete_key_row), "error");

  password_ok = _cd_export_dialog_update_password_hint (self);
  if (password && !password_ok)
    can_export = FALSE;

  /* An unprotected key needs the user's explicit word for it. */
  if (key_group && _cd_export_dialog_is_key_unencrypted (self) &&
      !gtk_check_button_get_active (self->unencrypted_check))
    can_export = FALSE;

  if (self->exporting)
    can_export = FALSE;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.export", can_export);

  if (self->can_export != can_export)
    {
      self->can_export = can_export;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_EXPORT]);
    }
}

void
_cd_export_dialog_notify_exporting (CdExportDialog *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPORTING]);
}

void
_cd_export_dialog_emit_exported (CdExportDialog *self,
                                 GFile          *file,
                                 gboolean        deleted_key)
{
  g_signal_emit (self, signals[EXPORTED], 0, file, deleted_key);
}

static void
on_options_changed_cb (CdExportDialog *self)
{
  g_assert (CD_IS_EXPORT_DIALOG (self));

  _cd_export_dialog_update (self);
}

static void
on_confirm_activated_cb (CdExportDialog *self)
{
  g_assert (CD_IS_EXPORT_DIALOG (self));

  if (self->can_export)
    gtk_widget_activate_action (GTK_WIDGET (self), "export.export", NULL);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CdExportDialog *self = CD_EXPORT_DIALOG (widget);

  /* While writing, Cancel stops the export; the dialog stays. */
  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      return;
    }

  gtk_window_close (GTK_WINDOW (self));
}

static void
update_title (CdExportDialog *self)
{
  g_autofree char *subtitle = NULL;

  g_assert (CD_IS_EXPORT_DIALOG (self));

  if (self->rows->len == 1)
    subtitle = cd_certificate_dup_display_name (g_ptr_array_index (self->rows, 0));
  else
    subtitle = g_strdup_printf (ngettext ("%u certificate", "%u certificates", self->rows->len),
                                self->rows->len);

  adw_window_title_set_subtitle (self->window_title, subtitle);
}

static gboolean
cd_export_dialog_close_request (GtkWindow *window)
{
  CdExportDialog *self = (CdExportDialog *)window;

  /* Closing while writing stops the export: nothing is left behind. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (cd_export_dialog_parent_class)->close_request (window);
}

static void
cd_export_dialog_constructed (GObject *object)
{
  CdExportDialog *self = (CdExportDialog *)object;

  G_OBJECT_CLASS (cd_export_dialog_parent_class)->constructed (object);

  g_assert (self->rows != NULL);

  self->has_key = self->rows->len == 1 &&
                  cd_certificate_get_has_private_key (g_ptr_array_index (self->rows, 0));

  _cd_export_dialog_fill_formats (self);
  update_title (self);
  _cd_export_dialog_update (self);
}

static void
cd_export_dialog_dispose (GObject *object)
{
  CdExportDialog *self = (CdExportDialog *)object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  if (self->file_chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->file_chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->file_chooser));
      g_clear_object (&self->file_chooser);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_EXPORT_DIALOG);

  g_clear_object (&self->database);
  g_clear_object (&self->keyring);
  g_clear_object (&self->destination);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (cd_export_dialog_parent_class)->dispose (object);
}

static void
cd_export_dialog_finalize (GObject *object)
{
  CdExportDialog *self = (CdExportDialog *)object;

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->preset_extension, g_free);
  g_clear_pointer (&self->choices, g_array_unref);

  G_OBJECT_CLASS (cd_export_dialog_parent_class)->finalize (object);
}

static void
cd_export_dialog_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CdExportDialog *self = CD_EXPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;

    case PROP_KEYRING:
      g_value_set_object (value, self->keyring);
      break;

    case PROP_ROWS:
      g_value_set_boxed (value, self->rows);
      break;

    case PROP_CAN_EXPORT:
      g_value_set_boolean (value, cd_export_dialog_get_can_export (self));
      break;

    case PROP_EXPORTING:
      g_value_set_boolean (value, cd_export_dialog_get_exporting (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_export_dialog_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CdExportDialog *self = CD_EXPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      self->database = g_value_dup_object (value);
      break;

    case PROP_KEYRING:
      self->keyring = g_value_dup_object (value);
      break;

    case PROP_ROWS:
      self->rows = g_value_dup_boxed (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_export_dialog_class_init (CdExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = cd_export_dialog_constructed;
  object_class->dispose = cd_export_dialog_dispose;
  object_class->finalize = cd_export_dialog_finalize;
  object_class->get_property = cd_export_dialog_get_property;
  object_class->set_property = cd_export_dialog_set_property;

  window_class->close_request = cd_export_dialog_close_request;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL,
                         CD_TYPE_DATABASE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_KEYRING] =
    g_param_spec_object ("keyring", NULL, NULL,
                         CD_TYPE_KEYRING,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ROWS] =
    g_param_spec_boxed ("rows", NULL, NULL,
                        G_TYPE_PTR_ARRAY,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CAN_EXPORT] =
    g_param_spec_boolean ("can-export", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_EXPORTING] =
    g_param_spec_boolean ("exporting", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CdExportDialog::exported:
   * @self: a #CdExportDialog
   * @file: the file written
   * @deleted_key: whether the private key was deleted afterwards
   *
   * Emitted when the export is done, just before the dialog closes.
   */
  signals[EXPORTED] =
    g_signal_new ("exported",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_FILE, G_TYPE_BOOLEAN);

  gtk_widget_class_install_action (widget_class, "export.export", NULL, _cd_export_dialog_export_action);
  gtk_widget_class_install_action (widget_class, "export.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "export.cancel", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/cd-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CdExportDialog, chain_row);
  gtk_widget_class_bind_template_child (widget_class, CdExportDialog, chain_switch);
  gtk_widget_class_bind_template_child (widget_class, CdExportDialog, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, CdExportDialog, contents_group);
  gtk_widget_class_bind_template_child (widget_class, CdExportDialog, delete_group);
  gtk_widget_class_bind_template_child (widget_class, CdExportDialog, delete_key_row);
  gtk_widget_class_bind_template_child (widget_class, CdExportDialog, delete_key_switch);
  gtk_widget_class_bind_template_child (widget_class, CdExportDialog, encoding_row);
  gtk_widget_class_bind_template_child (widget_class, CdExportDialog, encryption_row);
  gtk_widget_class_bind_template_child (widget_class, CdExportDialog, files_row);
  gtk_widget_class_bind_template_child (widget_class, CdExportDialog, format_group);
  gtk_widget_class_bind_template_child (widget_class, CdExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, CdExportDialog, friendly_name_row);
  gtk_widget_class_bind_template_child (widget_class, CdExportDialog, key_format_row);
  gtk_widget_class_bind_template_child (widget_class, CdExportDialog, key_group);
  gtk_widget_class_bind_template_child (widget_class, CdExportDialog, order_row);
  gtk_widget_class_bind_template_child (widget_class, CdExportDialog, page);
  gtk_widget_class_bind_template_child (widget_class, CdExportDialog, password_group);
  gtk_widget_class_bind_template_child (widget_class, CdExportDialog, password_hint);
  gtk_widget_class_bind_template_child (widget_class, CdExportDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, CdExportDialog, pkcs12_group);
  gtk_widget_class_bind_template_child (widget_class, CdExportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, CdExportDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, CdExportDialog, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, CdExportDialog, protection_row);
  gtk_widget_class_bind_template_child (widget_class, CdExportDialog, root_row);
  gtk_widget_class_bind_template_child (widget_class, CdExportDialog, root_switch);
  gtk_widget_class_bind_template_child (widget_class, CdExportDialog, unencrypted_check);
  gtk_widget_class_bind_template_child (widget_class, CdExportDialog, unencrypted_row);
  gtk_widget_class_bind_template_child (widget_class, CdExportDialog, window_title);
  gtk_widget_class_bind_template_callback (widget_class, on_confirm_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_options_changed_cb);
}

static void
cd_export_dialog_init (CdExportDialog *self)
{
  self->choices = g_array_new (FALSE, FALSE, sizeof (CdExportChoice));
  self->preset_choice = -1;

  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * cd_export_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 * @database: the database the rows come from
 * @keyring: the keyring holding their keys
 * @rows: (element-type CdCertificate): the certificates to export, at
 *   least one
 *
 * Returns: (transfer none): a new modal #CdExportDialog, not shown yet
 */
CdExportDialog *
cd_export_dialog_new (GtkWindow  *parent,
                      CdDatabase *database,
                      CdKeyring  *keyring,
                      GPtrArray  *rows)
{
  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CD_IS_DATABASE (database), NULL);
  g_return_val_if_fail (CD_IS_KEYRING (keyring), NULL);
  g_return_val_if_fail (rows != NULL && rows->len > 0, NULL);

  return g_object_new (CD_TYPE_EXPORT_DIALOG,
                       "transient-for", parent,
                       "database", database,
                       "keyring", keyring,
                       "rows", rows,
                       NULL);
}

/**
 * cd_export_dialog_get_rows:
 * @self: a #CdExportDialog
 *
 * Returns: (transfer none) (element-type CdCertificate): what is exported
 */
GPtrArray *
cd_export_dialog_get_rows (CdExportDialog *self)
{
  g_return_val_if_fail (CD_IS_EXPORT_DIALOG (self), NULL);

  return self->rows;
}

/**
 * cd_export_dialog_get_has_key:
 * @self: a #CdExportDialog
 *
 * Returns: %TRUE if the formats with the private key are offered
 */
gboolean
cd_export_dialog_get_has_key (CdExportDialog *self)
{
  g_return_val_if_fail (CD_IS_EXPORT_DIALOG (self), FALSE);

  return self->has_key;
}

/**
 * cd_export_dialog_get_choice:
 * @self: a #CdExportDialog
 *
 * Returns: the format chosen
 */
CdExportChoice
cd_export_dialog_get_choice (CdExportDialog *self)
{
  guint selected;

  g_return_val_if_fail (CD_IS_EXPORT_DIALOG (self), CD_EXPORT_CHOICE_DER);

  selected = adw_combo_row_get_selected (self->format_row);
  if (selected >= self->choices->len)
    return g_array_index (self->choices, CdExportChoice, 0);

  return g_array_index (self->choices, CdExportChoice, selected);
}

/**
 * cd_export_dialog_get_can_export:
 * @self: a #CdExportDialog
 *
 * Returns: %TRUE if the choices are complete and Export may be pressed
 */
gboolean
cd_export_dialog_get_can_export (CdExportDialog *self)
{
  g_return_val_if_fail (CD_IS_EXPORT_DIALOG (self), FALSE);

  return self->can_export;
}

/**
 * cd_export_dialog_get_exporting:
 * @self: a #CdExportDialog
 *
 * Returns: %TRUE while the file is being written
 */
gboolean
cd_export_dialog_get_exporting (CdExportDialog *self)
{
  g_return_val_if_fail (CD_IS_EXPORT_DIALOG (self), FALSE);

  return self->exporting;
}

/**
 * cd_export_dialog_get_destination:
 * @self: a #CdExportDialog
 *
 * Returns: (transfer none) (nullable): the file to write, once chosen
 */
GFile *
cd_export_dialog_get_destination (CdExportDialog *self)
{
  g_return_val_if_fail (CD_IS_EXPORT_DIALOG (self), NULL);

  return self->destination;
}

/**
 * cd_export_dialog_set_destination:
 * @self: a #CdExportDialog
 * @file: (nullable): the file to write
 *
 * Sets the file the next export writes, as the file chooser does when
 * the user picks one; with a destination set, Export writes to it
 * without asking. With two PEM files, the key goes next to it, with
 * the extension ".key".
 */
void
cd_export_dialog_set_destination (CdExportDialog *self,
                                  GFile          *file)
{
  g_return_if_fail (CD_IS_EXPORT_DIALOG (self));
  g_return_if_fail (!file || G_IS_FILE (file));

  g_set_object (&self->destination, file);
}
