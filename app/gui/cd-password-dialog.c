/* cd-password-dialog.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* CdPasswordDialog asks for the password of one encrypted file being
 * imported (a PKCS#12 bundle or an encrypted key), and says so when
 * the password typed before was wrong. Its responses are "import" and
 * "skip".
 */

#define G_LOG_DOMAIN "cd-password-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-password-dialog.h"

struct _CdPasswordDialog
{
  AdwMessageDialog  parent_instance;

  /* Template widgets */
  GtkPasswordEntry *entry;

  char             *file_name;
  gboolean          was_wrong;
};

enum {
  PROP_0,
  PROP_FILE_NAME,
  PROP_WAS_WRONG,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (CdPasswordDialog, cd_password_dialog, ADW_TYPE_MESSAGE_DIALOG)

static GParamSpec *properties [N_PROPS];

static void
cd_password_dialog_constructed (GObject *object)
{
  CdPasswordDialog *self = (CdPasswordDialog *)object;

  G_OBJECT_CLASS (cd_password_dialog_parent_class)->constructed (object);

  if (self->was_wrong)
    {
      adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), _("Wrong Password"));
      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (self),
                                      /* translators: %s is a file name */
                                      _("The password for “%s” is not correct. "
                                        "Check it, then try again, or skip this file."),
                                      self->file_name);
      gtk_widget_add_css_class (GTK_WIDGET (self->entry), "error");
    }
  else
    {
      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (self),
                                      /* translators: %s is a file name */
                                      _("“%s” is protected by a password. Enter it to "
                                        "import the certificates and keys in the file."),
                                      self->file_name);
    }

  /* Typing should go straight into the entry, not to a button. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->entry));
}

static void
cd_password_dialog_finalize (GObject *object)
{
  CdPasswordDialog *self = (CdPasswordDialog *)object;

  g_clear_pointer (&self->file_name, g_free);

  G_OBJECT_CLASS (cd_password_dialog_parent_class)->finalize (object);
}

static void
cd_password_dialog_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CdPasswordDialog *self = CD_PASSWORD_DIALOG (object);

  switch (prop_id)
    {
    case PROP_FILE_NAME:
      g_value_set_string (value, cd_password_dialog_get_file_name (self));
      break;

    case PROP_WAS_WRONG:
      g_value_set_boolean (value, cd_password_dialog_get_was_wrong (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_password_dialog_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  CdPasswordDialog *self = CD_PASSWORD_DIALOG (object);

  switch (prop_id)
    {
    case PROP_FILE_NAME:
      self->file_name = g_value_dup_string (value);
      break;

    case PROP_WAS_WRONG:
      self->was_wrong = g_value_get_boolean (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_password_dialog_class_init (CdPasswordDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cd_password_dialog_constructed;
  object_class->finalize = cd_password_dialog_finalize;
  object_class->get_property = cd_password_dialog_get_property;
  object_class->set_property = cd_password_dialog_set_property;

  properties[PROP_FILE_NAME] =
    g_param_spec_string ("file-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_WAS_WRONG] =
    g_param_spec_boolean ("was-wrong", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/cd-password-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CdPasswordDialog, entry);
}

static void
cd_password_dialog_init (CdPasswordDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * cd_password_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 * @file_name: the name of the encrypted file, for the user
 * @was_wrong: %TRUE if the password typed last time was wrong
 *
 * Returns: (transfer none): a new modal #CdPasswordDialog, not shown yet
 */
GtkWidget *
cd_password_dialog_new (GtkWindow  *parent,
                        const char *file_name,
                        gboolean    was_wrong)
{
  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (file_name != NULL, NULL);

  return g_object_new (CD_TYPE_PASSWORD_DIALOG,
                       "transient-for", parent,
                       "file-name", file_name,
                       "was-wrong", was_wrong,
                       NULL);
}

/**
 * cd_password_dialog_get_file_name:
 * @self: a #CdPasswordDialog
 *
 * Returns: (transfer none): the name of the file asked about
 */
const char *
cd_password_dialog_get_file_name (CdPasswordDialog *self)
{
  g_return_val_if_fail (CD_IS_PASSWORD_DIALOG (self), NULL);

  return self->file_name;
}

/**
 * cd_password_dialog_get_was_wrong:
 * @self: a #CdPasswordDialog
 *
 * Returns: %TRUE if the dialog says that the last password was wrong
 */
gboolean
cd_password_dialog_get_was_wrong (CdPasswordDialog *self)
{
  g_return_val_if_fail (CD_IS_PASSWORD_DIALOG (self), FALSE);

  return self->was_wrong;
}

/**
 * cd_password_dialog_get_password:
 * @self: a #CdPasswordDialog
 *
 * Returns: (transfer none): what the user typed
 */
const char *
cd_password_dialog_get_password (CdPasswordDialog *self)
{
  g_return_val_if_fail (CD_IS_PASSWORD_DIALOG (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->entry));
}
