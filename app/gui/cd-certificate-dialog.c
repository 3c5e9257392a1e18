/* cd-certificate-dialog.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* CdCertificateDialog shows one certificate the way certmgr.msc's
 * certificate dialog does, one page per job: General, Details,
 * Certification Path, and Properties for a certificate in a store;
 * then Check, against a device profile, and Steps, the manual steps of
 * that device with the user's ticks (cd-check-page.c, cd-steps-page.c). It
 * shows certificates from a store and from a file alike; for a file it
 * offers to import it, and the window that opened it does the import.
 *
 * The chain is built on the main thread: the core reads the stores from
 * the database connection the window uses, which belongs to this
 * thread, and a chain of a few certificates takes milliseconds.
 */

#define G_LOG_DOMAIN "cd-certificate-dialog"

#include "config.h"

#include "cd-certificate-dialog-private.h"
#include "cd-store-kind.h"
#include "cd-window.h"

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_INFO,
  PROP_CERTIFICATE,
  PROP_FILE,
  PROP_SYSTEM_ANCHORS,
  N_PROPS
};

enum {
  IMPORT,
  CHANGED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (CdCertificateDialog, cd_certificate_dialog, ADW_TYPE_WINDOW)

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

void
_cd_certificate_dialog_emit_changed (CdCertificateDialog *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_system_anchors_changed_cb (CdCertificateDialog *self,
                              GParamSpec          *pspec,
                              CdPathPage          *page)
{
  g_assert (CD_IS_CERTIFICATE_DIALOG (self));

  _cd_certificate_dialog_build_chain (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYSTEM_ANCHORS]);
}

static void
on_properties_saved_cb (CdCertificateDialog *self,
                        CdPropertiesPage    *page)
{
  g_assert (CD_IS_CERTIFICATE_DIALOG (self));

  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_other_changed_cb (CdCertificateDialog *self,
                     CdCertificateDialog *other)
{
  g_assert (CD_IS_CERTIFICATE_DIALOG (self));

  /* Whoever listens to this dialog wants to hear about the ones it opened. */
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
show_error (CdCertificateDialog *self,
            const char          *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
on_element_activated_cb (CdCertificateDialog *self,
                         CdChainElement      *element,
                         CdPathPage          *page)
{
  g_autoptr(CdCertificateInfo) info = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  CdCertificateDialog *other;
  CdCertificate *row = NULL;

  g_assert (CD_IS_CERTIFICATE_DIALOG (self));
  g_assert (CD_IS_CHAIN_ELEMENT (element));

  info = cd_certificate_info_new (cd_chain_element_get_der (element), &error);
  if (info == NULL)
    {
      show_error (self, error->message);
      return;
    }

  /* A certificate in a store opens with its properties, from the first
   * store certmgr.msc would list it in.
   */
  if (self->database != NULL && cd_chain_element_get_in_stores (element))
    {
      rows = cd_database_find (self->database,
                               cd_chain_element_get_sha256 (element),
                               CD_STORE_KIND_AUTO,
                               &error);
      if (rows == NULL)
        g_debug ("Could not look up %s: %s", cd_chain_element_get_sha256 (element), error->message);
      else if (rows->len > 0)
        row = g_ptr_array_index (rows, 0);
    }

  other = cd_certificate_dialog_new (gtk_window_get_transient_for (GTK_WINDOW (self)),
                                     self->database, info, row);
  cd_certificate_dialog_set_system_anchors (other, cd_path_page_get_system_anchors (page));
  g_signal_connect_object (other, "changed", G_CALLBACK (on_other_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (other));
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CdCertificateDialog *self = CD_CERTIFICATE_DIALOG (widget);

  if (self->file == NULL)
    return;

  g_signal_emit (self, signals[IMPORT], 0, self->file);
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_check_export_cb (CdCertificateDialog *self,
                    CdProfile           *profile,
                    CdCheckPage         *page)
{
  g_assert (CD_IS_CERTIFICATE_DIALOG (self));

  _cd_certificate_dialog_open_export (self, profile);
}

/* The steps are those of the device checked against. */
static void
on_check_profile_changed_cb (CdCertificateDialog *self,
                             GParamSpec          *pspec,
                             CdCheckPage         *page)
{
  g_assert (CD_IS_CERTIFICATE_DIALOG (self));

  cd_steps_page_set_profile (self->steps_page, cd_check_page_get_profile (page));
}

static gboolean
cd_certificate_dialog_close_request (GtkWindow *window)
{
  CdCertificateDialog *self = (CdCertificateDialog *)window;
  g_autoptr(GError) error = NULL;

  /* Leaving the dialog keeps what was typed, as certmgr.msc's OK does. */
  if (self->row != NULL && !cd_properties_page_save (self->properties_page, &error))
    {
      g_warning ("Could not save the properties: %s", error->message);
      show_error (self, error->message);
      adw_view_stack_set_visible_child_name (self->view_stack, "properties");
      return TRUE;
    }

  return GTK_WINDOW_CLASS (cd_certificate_dialog_parent_class)->close_request (window);
}

static void
cd_certificate_dialog_constructed (GObject *object)
{
  CdCertificateDialog *self = (CdCertificateDialog *)object;
  gboolean in_store;
  gboolean is_request;

  G_OBJECT_CLASS (cd_certificate_dialog_parent_class)->constructed (object);

  g_assert (self->info != NULL);

  in_store = self->row != NULL && self->database != NULL;
  is_request = cd_certificate_info_get_is_request (self->info);

  cd_general_page_set_certificate (self->general_page, self->info, self->row);
  cd_details_page_set_info (self->details_page, self->info);
  if (in_store && cd_certificate_get_store (self->row) == CD_STORE_KIND_ROOT)
    _cd_certificate_dialog_show_publications (self);

  /* Properties belong to a certificate in a store, a chain to a
   * certificate: a file has none, a request has no issuer yet.
   */
  adw_view_stack_page_set_visible (self->properties_stack_page, in_store);
  if (in_store)
    cd_properties_page_set_certificate (self->properties_page, self->database, self->row);
  adw_view_stack_page_set_visible (self->path_stack_page, !is_request);
  gtk_widget_set_visible (GTK_WIDGET (self->export_button),
                          in_store && !is_request &&
                          CD_IS_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (self))));
  gtk_widget_set_visible (GTK_WIDGET (self->sign_button),
                          in_store && is_request &&
                          cd_certificate_get_store (self->row) == CD_STORE_KIND_REQUEST &&
                          CD_IS_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (self))));
  if (in_store && !is_request)
    _cd_certificate_dialog_show_revocation (self);
  gtk_widget_set_visible (GTK_WIDGET (self->renew_button),
                          in_store && !is_request &&
                          CD_IS_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (self))));

  /* The ticks are kept by fingerprint, for files and rows alike. */
  adw_view_stack_page_set_visible (self->steps_stack_page, self->database != NULL);
  if (self->database != NULL)
    cd_steps_page_set_certificate (self->steps_page, self->database,
                                   cd_certificate_get_sha256 (cd_certificate_info_get_row (self->info)));
  cd_check_page_set_certificate (self->check_page, self->database, self->info);
  cd_check_page_set_can_export (self->check_page,
                                in_store && !is_request &&
                                CD_IS_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (self))));

  _cd_certificate_dialog_update_title (self);
  _cd_certificate_dialog_build_chain (self);
}

static void
cd_certificate_dialog_dispose (GObject *object)
{
  CdCertificateDialog *self = (CdCertificateDialog *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_CERTIFICATE_DIALOG);

  g_clear_object (&self->database);
  g_clear_object (&self->info);
  g_clear_object (&self->row);
  g_clear_object (&self->chain);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (cd_certificate_dialog_parent_class)->dispose (object);
}

static void
cd_certificate_dialog_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CdCertificateDialog *self = CD_CERTIFICATE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;

    case PROP_INFO:
      g_value_set_object (value, cd_certificate_dialog_get_info (self));
      break;

    case PROP_CERTIFICATE:
      g_value_set_object (value, cd_certificate_dialog_get_certificate (self));
      break;

    case PROP_FILE:
      g_value_set_object (value, cd_certificate_dialog_get_file (self));
      break;

    case PROP_SYSTEM_ANCHORS:
      g_value_set_boolean (value, cd_certificate_dialog_get_system_anchors (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_certificate_dialog_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  CdCertificateDialog *self = CD_CERTIFICATE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      self->database = g_value_dup_object (value);
      break;

    case PROP_INFO:
      self->info = g_value_dup_object (value);
      break;

    case PROP_CERTIFICATE:
      self->row = g_value_dup_object (value);
      break;

    case PROP_FILE:
      cd_certificate_dialog_set_file (self, g_value_get_object (value));
      break;

    case PROP_SYSTEM_ANCHORS:
      cd_certificate_dialog_set_system_anchors (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_certificate_dialog_class_init (CdCertificateDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = cd_certificate_dialog_constructed;
  object_class->dispose = cd_certificate_dialog_dispose;
  object_class->get_property = cd_certificate_dialog_get_property;
  object_class->set_property = cd_certificate_dialog_set_property;

  window_class->close_request = cd_certificate_dialog_close_request;

  /**
   * CdCertificateDialog:database:
   *
   * The stores the chain is built from; %NULL when none could be opened.
   */
  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL,
                         CD_TYPE_DATABASE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_INFO] =
    g_param_spec_object ("info", NULL, NULL,
                         CD_TYPE_CERTIFICATE_INFO,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * CdCertificateDialog:certificate:
   *
   * The certificate's row in a store, or %NULL for one read from a file.
   */
  properties[PROP_CERTIFICATE] =
    g_param_spec_object ("certificate", NULL, NULL,
                         CD_TYPE_CERTIFICATE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * CdCertificateDialog:file:
   *
   * The file the certificate was read from; when set, the dialog offers
   * to import it.
   */
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SYSTEM_ANCHORS] =
    g_param_spec_boolean ("system-anchors", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CdCertificateDialog::import:
   * @self: a #CdCertificateDialog
   * @file: the file to import
   *
   * Emitted when the user asks to import the file shown; the dialog
   * closes right after.
   */
  signals[IMPORT] =
    g_signal_new ("import",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_FILE);

  /**
   * CdCertificateDialog::changed:
   * @self: a #CdCertificateDialog
   *
   * Emitted when the dialog (or one it opened) changed a store, e.g.
   * saved a friendly name.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "dialog.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "dialog.export", NULL,
                                   _cd_certificate_dialog_export_action);
  gtk_widget_class_install_action (widget_class, "dialog.renew", NULL,
                                   _cd_certificate_dialog_renew_action);
  gtk_widget_class_install_action (widget_class, "dialog.sign", NULL,
                                   _cd_certificate_dialog_sign_action);
  gtk_widget_class_install_action (widget_class, "dialog.show-toast", "s",
                                   _cd_certificate_dialog_show_toast_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  g_type_ensure (CD_TYPE_CHECK_PAGE);
  g_type_ensure (CD_TYPE_DETAILS_PAGE);
  g_type_ensure (CD_TYPE_GENERAL_PAGE);
  g_type_ensure (CD_TYPE_PATH_PAGE);
  g_type_ensure (CD_TYPE_PROPERTIES_PAGE);
  g_type_ensure (CD_TYPE_STEPS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/cd-certificate-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CdCertificateDialog, check_page);
  gtk_widget_class_bind_template_child (widget_class, CdCertificateDialog, details_page);
  gtk_widget_class_bind_template_child (widget_class, CdCertificateDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, CdCertificateDialog, general_page);
  gtk_widget_class_bind_template_child (widget_class, CdCertificateDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, CdCertificateDialog, renew_button);
  gtk_widget_class_bind_template_child (widget_class, CdCertificateDialog, sign_button);
  gtk_widget_class_bind_template_child (widget_class, CdCertificateDialog, path_page);
  gtk_widget_class_bind_template_child (widget_class, CdCertificateDialog, path_stack_page);
  gtk_widget_class_bind_template_child (widget_class, CdCertificateDialog, properties_page);
  gtk_widget_class_bind_template_child (widget_class, CdCertificateDialog, properties_stack_page);
  gtk_widget_class_bind_template_child (widget_class, CdCertificateDialog, steps_page);
  gtk_widget_class_bind_template_child (widget_class, CdCertificateDialog, steps_stack_page);
  gtk_widget_class_bind_template_child (widget_class, CdCertificateDialog, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, CdCertificateDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CdCertificateDialog, view_stack);
  gtk_widget_class_bind_template_callback (widget_class, on_check_export_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_check_profile_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_element_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_properties_saved_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_system_anchors_changed_cb);
}

static void
cd_certificate_dialog_init (CdCertificateDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * cd_certificate_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 * @database: (nullable): the stores to build the chain from
 * @info: the certificate to show
 * @row: (nullable): @info's row in a store, or %NULL for a certificate
 *   that is in no store (e.g. read from a file)
 *
 * Returns: (transfer none): a new #CdCertificateDialog, not shown yet
 */
CdCertificateDialog *
cd_certificate_dialog_new (GtkWindow         *parent,
                           CdDatabase        *database,
                           CdCertificateInfo *info,
                           CdCertificate     *row)
{
  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (!database || CD_IS_DATABASE (database), NULL);
  g_return_val_if_fail (CD_IS_CERTIFICATE_INFO (info), NULL);
  g_return_val_if_fail (!row || CD_IS_CERTIFICATE (row), NULL);

  return g_object_new (CD_TYPE_CERTIFICATE_DIALOG,
                       "transient-for", parent,
                       "database", database,
                       "info", info,
                       "certificate", row,
                       NULL);
}

/**
 * cd_certificate_dialog_get_info:
 * @self: a #CdCertificateDialog
 *
 * Returns: (transfer none): the certificate shown
 */
CdCertificateInfo *
cd_certificate_dialog_get_info (CdCertificateDialog *self)
{
  g_return_val_if_fail (CD_IS_CERTIFICATE_DIALOG (self), NULL);

  return self->info;
}

/**
 * cd_certificate_dialog_get_certificate:
 * @self: a #CdCertificateDialog
 *
 * Returns: (transfer none) (nullable): the certificate's row in a store
 */
CdCertificate *
cd_certificate_dialog_get_certificate (CdCertificateDialog *self)
{
  g_return_val_if_fail (CD_IS_CERTIFICATE_DIALOG (self), NULL);

  return self->row;
}

/**
 * cd_certificate_dialog_get_chain:
 * @self: a #CdCertificateDialog
 *
 * Returns: (transfer none) (nullable): the chain shown, %NULL for a
 *   request or when it could not be built
 */
CdChain *
cd_certificate_dialog_get_chain (CdCertificateDialog *self)
{
  g_return_val_if_fail (CD_IS_CERTIFICATE_DIALOG (self), NULL);

  return self->chain;
}

/**
 * cd_certificate_dialog_get_file:
 * @self: a #CdCertificateDialog
 *
 * Returns: (transfer none) (nullable): the file the certificate was read
 *   from, which the Import button imports
 */
GFile *
cd_certificate_dialog_get_file (CdCertificateDialog *self)
{
  g_return_val_if_fail (CD_IS_CERTIFICATE_DIALOG (self), NULL);

  return self->file;
}

/**
 * cd_certificate_dialog_set_file:
 * @self: a #CdCertificateDialog
 * @file: (nullable): the file the certificate was read from
 *
 * Shows an Import button for @file (none when %NULL).
 */
void
cd_certificate_dialog_set_file (CdCertificateDialog *self,
                                GFile               *file)
{
  g_return_if_fail (CD_IS_CERTIFICATE_DIALOG (self));
  g_return_if_fail (!file || G_IS_FILE (file));

  if (!g_set_object (&self->file, file))
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->import_button), file != NULL);
  if (self->info != NULL)
    _cd_certificate_dialog_update_title (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
}

/**
 * cd_certificate_dialog_get_system_anchors:
 * @self: a #CdCertificateDialog
 *
 * Returns: whether the chain trusts the system's root certificates too
 */
gboolean
cd_certificate_dialog_get_system_anchors (CdCertificateDialog *self)
{
  g_return_val_if_fail (CD_IS_CERTIFICATE_DIALOG (self), FALSE);

  return cd_path_page_get_system_anchors (self->path_page);
}

/**
 * cd_certificate_dialog_set_system_anchors:
 * @self: a #CdCertificateDialog
 * @system_anchors: whether to trust the system's roots too
 *
 * Builds the chain again with or without the system's roots, as the
 * switch on the Certification Path page does.
 */
void
cd_certificate_dialog_set_system_anchors (CdCertificateDialog *self,
                                          gboolean             system_anchors)
{
  g_return_if_fail (CD_IS_CERTIFICATE_DIALOG (self));

  cd_path_page_set_system_anchors (self->path_page, system_anchors);
}

/**
 * cd_certificate_dialog_get_visible_page:
 * @self: a #CdCertificateDialog
 *
 * Returns: (transfer none): "general", "details", "path", "properties",
 *   "check" or "steps"
 */
const char *
cd_certificate_dialog_get_visible_page (CdCertificateDialog *self)
{
  g_return_val_if_fail (CD_IS_CERTIFICATE_DIALOG (self), NULL);

  return adw_view_stack_get_visible_child_name (self->view_stack);
}

/**
 * cd_certificate_dialog_set_visible_page:
 * @self: a #CdCertificateDialog
 * @name: "general", "details", "path", "properties", "check" or "steps"
 *
 * Shows the page @name, as its tab would.
 */
void
cd_certificate_dialog_set_visible_page (CdCertificateDialog *self,
                                        const char          *name)
{
  g_return_if_fail (CD_IS_CERTIFICATE_DIALOG (self));
  g_return_if_fail (name != NULL);

  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

/**
 * cd_certificate_dialog_get_page:
 * @self: a #CdCertificateDialog
 * @name: "general", "details", "path", "properties", "check" or "steps"
 *
 * Returns: (transfer none) (nullable): the page widget, a
 *   #CdGeneralPage, #CdDetailsPage, #CdPathPage, #CdPropertiesPage,
 *   #CdCheckPage or #CdStepsPage
 */
GtkWidget *
cd_certificate_dialog_get_page (CdCertificateDialog *self,
                                const char          *name)
{
  g_return_val_if_fail (CD_IS_CERTIFICATE_DIALOG (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return adw_view_stack_get_child_by_name (self->view_stack, name);
}

/**
 * cd_certificate_dialog_add_page:
 * @self: a #CdCertificateDialog
 * @page: the page widget
 * @name: its name, for cd_certificate_dialog_set_visible_page()
 * @title: its tab's title, with a mnemonic
 * @icon_name: its tab's icon
 *
 * Adds a page after the others, for what only some certificates have,
 * such as the Device page of a certificate a device presented.
 */
void
cd_certificate_dialog_add_page (CdCertificateDialog *self,
                                GtkWidget           *page,
                                const char          *name,
                                const char          *title,
                                const char          *icon_name)
{
  AdwViewStackPage *stack_page;

  g_return_if_fail (CD_IS_CERTIFICATE_DIALOG (self));
  g_return_if_fail (GTK_IS_WIDGET (page));
  g_return_if_fail (name != NULL);

  stack_page = adw_view_stack_add_titled (self->view_stack, page, name, title);
  adw_view_stack_page_set_use_underline (stack_page, TRUE);
  adw_view_stack_page_set_icon_name (stack_page, icon_name);
}
