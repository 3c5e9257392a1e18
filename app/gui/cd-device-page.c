/* cd-device-page.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* CdDevicePage is the Device page the certificate dialog gets when it
 * shows what a device presented: how the connection went (TLS version,
 * cipher, the chain as built from what was sent and the stores), every
 * certificate the device sent with a button to import it, the CA names
 * it accepts for client certificates when it asked for one, and the
 * checks of its device profile. Importing a self-signed CA puts it in
 * Trusted Root, which is what the user means by trusting the device;
 * anything else goes where the importer would put it. The chain line
 * is built again after an import, so the effect shows at once.
 */

#define G_LOG_DOMAIN "cd-device-page"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-certificate-dialog.h"
#include "cd-certificate-info.h"
#include "cd-certificate.h"
#include "cd-chain.h"
#include "cd-check.h"
#include "cd-database.h"
#include "cd-device-page.h"
#include "cd-device-private.h"
#include "cd-device-profile-private.h"
#include "cd-importer.h"
#include "cd-keyring.h"
#include "cd-status-style.h"
#include "cd-store-kind.h"

struct _CdDevicePage
{
  GtkWidget            parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *chain_group;
  AdwPreferencesGroup *client_group;
  AdwPreferencesGroup *connection_group;
  AdwPreferencesGroup *profile_group;

  /* Owned references */
  CdDatabase          *database;
  CdKeyring           *keyring;
  CdDeviceCheck       *check;
  CdChain             *chain;
  GPtrArray           *certificates;     /* CdCertificate, one per presented DER */
  GPtrArray           *import_buttons;   /* borrowed GtkButton, likewise */

  /* Borrowed references */
  AdwActionRow        *chain_row;
  GtkImage            *chain_icon;

  guint                warning_days;
};

enum {
  IMPORTED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (CdDevicePage, cd_device_page, GTK_TYPE_WIDGET)

static guint signals [N_SIGNALS];

static GtkWidget *
add_row (AdwPreferencesGroup *group,
         const char          *title,
         const char          *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (row, "property");
  adw_preferences_group_add (group, row);

  return row;
}

static char *
format_date (gint64 when)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_local (when);

  /* translators: the date format of the Device page, see g_date_time_format() */
  return date != NULL ? g_date_time_format (date, _("%Y-%m-%d %H:%M")) : NULL;
}

static void
update_chain_row (CdDevicePage *self)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *ders = cd_device_check_get_chain (self->check);
  CdChainStatus status;

  g_clear_object (&self->chain);
  if (ders->len > 0)
    self->chain = _cd_device_build_chain (self->database, ders, &error);

  if (self->chain == NULL)
    {
      adw_action_row_set_subtitle (self->chain_row, error != NULL ? error->message : NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->chain_icon), FALSE);
      return;
    }

  status = cd_chain_get_status (self->chain);
  adw_action_row_set_subtitle (self->chain_row, cd_chain_get_status_label (self->chain));
  gtk_image_set_from_icon_name (self->chain_icon, cd_status_style_get_icon_name (status));
  cd_status_style_apply (GTK_WIDGET (self->chain_icon), status);
  gtk_widget_set_visible (GTK_WIDGET (self->chain_icon), TRUE);
}

static void
fill_connection (CdDevicePage *self)
{
  CdDevice *device = cd_device_check_get_device (self->check);
  g_autofree char *address = cd_device_dup_address (device);
  g_autofree char *checked = format_date (cd_device_check_get_checked_at (self->check));
  g_autofree char *tls = NULL;
  GtkWidget *row;

  add_row (self->connection_group, _("Address"), address);
  if (cd_device_get_starttls (device) != CD_STARTTLS_NONE)
    {
      g_autofree char *protocol = g_ascii_strup (cd_starttls_to_id (cd_device_get_starttls (device)), -1);

      add_row (self->connection_group, _("Starts TLS With"), protocol);
    }
  if (cd_device_get_server_name (device) != NULL)
    add_row (self->connection_group, _("Server Name Asked For"), cd_device_get_server_name (device));
  if (cd_device_get_note (device) != NULL)
    add_row (self->connection_group, _("Note"), cd_device_get_note (device));
  add_row (self->connection_group, _("Checked"), checked);

  if (cd_device_check_get_tls_version (self->check) != NULL)
    {
      /* translators: the TLS version, then the cipher suite: "TLSv1.3 · TLS_AES_256_GCM_SHA384" */
      tls = g_strdup_printf (_("%s · %s"), cd_device_check_get_tls_version (self->check),
                             cd_device_check_get_cipher (self->check));
      add_row (self->connection_group, _("Protocol and Cipher"), tls);
    }

  if (cd_device_check_get_error (self->check) != NULL)
    {
      row = add_row (self->connection_group, _("Error"), cd_device_check_get_error (self->check));
      gtk_widget_add_css_class (row, "error");
    }

  row = add_row (self->connection_group, _("Certification Path"), NULL);
  self->chain_row = ADW_ACTION_ROW (row);
  self->chain_icon = GTK_IMAGE (gtk_image_new ());
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chain_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, "",
                                  -1);
  adw_action_row_add_prefix (self->chain_row, GTK_WIDGET (self->chain_icon));
  if (cd_device_check_get_verify_error (self->check) != NULL)
    gtk_widget_set_tooltip_text (row, cd_device_check_get_verify_error (self->check));
  update_chain_row (self);
}

static void
update_import_button (CdDevicePage *self,
                      guint         index)
{
  CdCertificate *row = g_ptr_array_index (self->certificates, index);
  GtkWidget *button = g_ptr_array_index (self->import_buttons, index);
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tooltip = NULL;

  found = cd_database_find (self->database, cd_certificate_get_sha256 (row), CD_STORE_KIND_AUTO,
                            &error);
  if (found == NULL)
    g_debug ("Could not look the certificate up: %s", error->message);

  if (found != NULL && found->len > 0)
    {
      CdStoreKind kind = cd_certificate_get_store (g_ptr_array_index (found, 0));

      gtk_button_set_label (GTK_BUTTON (button), _("Imported"));
      gtk_widget_set_sensitive (button, FALSE);
      gtk_widget_remove_css_class (button, "suggested-action");
      /* translators: %s is a store's name */
      tooltip = g_strdup_printf (_("Already in %s"), cd_store_kind_get_title (kind));
    }
  else if (cd_certificate_get_is_ca (row) && cd_certificate_get_is_self_signed (row))
    {
      tooltip = g_strdup_printf (_("Import into %s"), cd_store_kind_get_title (CD_STORE_KIND_ROOT));
      /* Trusting the root is what the page is for. */
      gtk_widget_add_css_class (button, "suggested-action");
    }
  else
    {
      tooltip = g_strdup (_("Import into the store it belongs in"));
    }

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip,
                                  -1);
}

static void
on_import_clicked_cb (GtkButton    *button,
                      CdDevicePage *self)
{
  g_autoptr(GError) error = NULL;
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "cd-index"));
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (!cd_device_page_import (self, index, &error) && GTK_IS_WIDGET (root))
    gtk_widget_activate_action (GTK_WIDGET (root), "dialog.show-toast", "s", error->message);
}

static void
on_view_clicked_cb (GtkButton    *button,
                    CdDevicePage *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "cd-index"));
  GBytes *der = g_ptr_array_index (cd_device_check_get_chain (self->check), index);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(CdCertificateInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *parent = NULL;
  CdCertificateDialog *dialog;

  info = cd_certificate_info_new (der, &error);
  if (info == NULL)
    {
      gtk_widget_activate_action (GTK_WIDGET (root), "dialog.show-toast", "s", error->message);
      return;
    }

  if (GTK_IS_WINDOW (root))
    parent = gtk_window_get_transient_for (GTK_WINDOW (root));
  dialog = cd_certificate_dialog_new (parent, self->database, info, NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
new_button (const char *label,
            guint       index)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (button), "cd-index", GUINT_TO_POINTER (index));

  return button;
}

static void
fill_certificates (CdDevicePage *self)
{
  GPtrArray *ders = cd_device_check_get_chain (self->check);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  for (guint i = 0; i < ders->len; i++)
    {
      g_autoptr(CdCertificate) row = _cd_device_describe_der (g_ptr_array_index (ders, i));
      g_autofree char *name = NULL;
      g_autofree char *expires = NULL;
      g_autofree char *subtitle = NULL;
      const char *role;
      GtkWidget *action_row;
      GtkWidget *view;
      GtkWidget *import;

      if (row == NULL)
        continue;

      name = cd_certificate_dup_display_name (row);
      expires = format_date (cd_certificate_get_not_after (row));
      if (i == 0)
        role = _("The device’s own certificate");
      else if (cd_certificate_get_is_self_signed (row))
        role = _("Root CA");
      else
        role = _("Intermediate CA");

      if (cd_certificate_get_not_after (row) <= now)
        /* translators: a certificate's role, its issuer, and the date it expired */
        subtitle = g_strdup_printf (_("%s, issued by %s, expired on %s"), role,
                                    cd_certificate_get_issuer_cn (row), expires);
      else
        /* translators: a certificate's role, its issuer, and the date it expires */
        subtitle = g_strdup_printf (_("%s, issued by %s, expires on %s"), role,
                                    cd_certificate_get_issuer_cn (row), expires);

      action_row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (action_row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action_row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (action_row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (action_row), 0);

      view = new_button (_("_View"), i);
      gtk_widget_set_tooltip_text (view, _("Open this certificate"));
      g_signal_connect (view, "clicked", G_CALLBACK (on_view_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), view);

      import = new_button (_("_Import"), i);
      g_signal_connect (import, "clicked", G_CALLBACK (on_import_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), import);

      adw_preferences_group_add (self->chain_group, action_row);
      g_ptr_array_add (self->certificates, g_steal_pointer (&row));
      g_ptr_array_add (self->import_buttons, import);
      update_import_button (self, self->import_buttons->len - 1);
    }
}

static void
fill_client_cas (CdDevicePage *self)
{
  const char * const *cas = cd_device_check_get_accepted_cas (self->check);

  if (!cd_device_check_get_client_cert_requested (self->check))
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->client_group), TRUE);

  if (cas == NULL || cas[0] == NULL)
    {
      adw_preferences_group_set_description (self->client_group,
                                             _("The device asks clients for a certificate and "
                                               "names no CA: it may take one from any issuer it "
                                               "trusts."));
      return;
    }

  adw_preferences_group_set_description (self->client_group,
                                         _("The device asks clients for a certificate issued "
                                           "by one of these CAs. Phones and other servers that "
                                           "connect to it need one."));
  for (guint i = 0; cas[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cas[i]);
      adw_preferences_row_set_title_selectable (ADW_PREFERENCES_ROW (row), TRUE);
      adw_preferences_group_add (self->client_group, row);
    }
}

static const char *
result_icon (CdCheckStatus status,
             const char  **out_tone)
{
  switch (status)
    {
    case CD_CHECK_STATUS_PASS:
      *out_tone = "success";
      return "emblem-ok-symbolic";
    case CD_CHECK_STATUS_WARNING:
      *out_tone = "warning";
      return "dialog-warning-symbolic";
    case CD_CHECK_STATUS_FAIL:
      *out_tone = "error";
      return "dialog-error-symbolic";
    case CD_CHECK_STATUS_NOT_APPLICABLE:
    default:
      *out_tone = "dim-label";
      return "action-unavailable-symbolic";
    }
}

static void
fill_profile (CdDevicePage *self)
{
  g_autoptr(GListModel) results = NULL;
  g_autoptr(CdProfile) profile = NULL;
  g_autofree char *title = NULL;
  CdDevice *device = cd_device_check_get_device (self->check);
  GPtrArray *ders = cd_device_check_get_chain (self->check);
  guint n;

  if (cd_device_get_profile_id (device) == NULL || ders->len == 0)
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->profile_group), TRUE);
  results = _cd_device_profile_run (device, self->chain, ders, self->warning_days, &profile);
  if (results == NULL)
    {
      /* translators: %s is a device profile's id */
      title = g_strdup_printf (_("Device Profile “%s”"), cd_device_get_profile_id (device));
      adw_preferences_group_set_title (self->profile_group, title);
      adw_preferences_group_set_description (self->profile_group,
                                             _("No profile of that name is installed, so "
                                               "nothing was checked."));
      return;
    }

  /* translators: %s is a device profile's name */
  title = g_strdup_printf (_("Device Profile: %s"), cd_profile_get_name (profile));
  adw_preferences_group_set_title (self->profile_group, title);
  adw_preferences_group_set_description (self->profile_group,
                                         cd_check_status_get_label (cd_check_results_get_worst (results)));

  n = g_list_model_get_n_items (results);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CdCheckResult) result = g_list_model_get_item (results, i);
      CdCheckStatus status = cd_check_result_get_status (result);
      const char *tone = NULL;
      const char *icon_name = result_icon (status, &tone);
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);

      if (cd_check_result_get_hint (result) != NULL && status != CD_CHECK_STATUS_PASS)
        subtitle = g_strdup_printf ("%s\n%s", cd_check_result_get_message (result),
                                    cd_check_result_get_hint (result));
      else
        subtitle = g_strdup (cd_check_result_get_message (result));

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cd_check_result_get_title (result));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      gtk_widget_add_css_class (icon, tone);
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      cd_check_status_get_label (status),
                                      -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      if (cd_check_result_get_source (result) != NULL)
        gtk_widget_set_tooltip_text (row, cd_check_result_get_source (result));
      adw_preferences_group_add (self->profile_group, row);
    }
}

static void
cd_device_page_dispose (GObject *object)
{
  CdDevicePage *self = (CdDevicePage *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_DEVICE_PAGE);

  /* The page around the groups is no template child of its own. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->database);
  g_clear_object (&self->keyring);
  g_clear_object (&self->check);
  g_clear_object (&self->chain);
  g_clear_pointer (&self->certificates, g_ptr_array_unref);
  g_clear_pointer (&self->import_buttons, g_ptr_array_unref);

  G_OBJECT_CLASS (cd_device_page_parent_class)->dispose (object);
}

static void
cd_device_page_class_init (CdDevicePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_device_page_dispose;

  /**
   * CdDevicePage::imported:
   * @self: a #CdDevicePage
   *
   * A presented certificate was imported into the stores.
   */
  signals[IMPORTED] =
    g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/cd-device-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CdDevicePage, chain_group);
  gtk_widget_class_bind_template_child (widget_class, CdDevicePage, client_group);
  gtk_widget_class_bind_template_child (widget_class, CdDevicePage, connection_group);
  gtk_widget_class_bind_template_child (widget_class, CdDevicePage, profile_group);
}

static void
cd_device_page_init (CdDevicePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->certificates = g_ptr_array_new_with_free_func (g_object_unref);
  self->import_buttons = g_ptr_array_new ();
}

/**
 * cd_device_page_new:
 * @database: the stores the chain is built from and imports go to
 * @keyring: the keyring of the importer (no key is imported here)
 * @check: a check of a device, with what it presented
 * @warning_days: the expiry warning window for the profile's checks
 *
 * Returns: (transfer floating): a new #CdDevicePage
 */
GtkWidget *
cd_device_page_new (CdDatabase    *database,
                    CdKeyring     *keyring,
                    CdDeviceCheck *check,
                    guint          warning_days)
{
  CdDevicePage *self;

  g_return_val_if_fail (CD_IS_DATABASE (database), NULL);
  g_return_val_if_fail (!keyring || CD_IS_KEYRING (keyring), NULL);
  g_return_val_if_fail (CD_IS_DEVICE_CHECK (check), NULL);

  self = g_object_new (CD_TYPE_DEVICE_PAGE, NULL);
  self->database = g_object_ref (database);
  self->keyring = keyring != NULL ? g_object_ref (keyring) : cd_keyring_new (TRUE);
  self->check = g_object_ref (check);
  self->warning_days = warning_days;

  fill_connection (self);
  fill_certificates (self);
  fill_client_cas (self);
  fill_profile (self);

  return GTK_WIDGET (self);
}

CdDeviceCheck *
cd_device_page_get_check (CdDevicePage *self)
{
  g_return_val_if_fail (CD_IS_DEVICE_PAGE (self), NULL);

  return self->check;
}

/* How many presented certificates are listed, each with its button. */
guint
cd_device_page_get_n_certificates (CdDevicePage *self)
{
  g_return_val_if_fail (CD_IS_DEVICE_PAGE (self), 0);

  return self->certificates->len;
}

/**
 * cd_device_page_get_import_button:
 * @self: a #CdDevicePage
 * @index: which presented certificate, 0 for the device's own
 *
 * Returns: (transfer none): its Import button
 */
GtkWidget *
cd_device_page_get_import_button (CdDevicePage *self,
                                  guint         index)
{
  g_return_val_if_fail (CD_IS_DEVICE_PAGE (self), NULL);
  g_return_val_if_fail (index < self->import_buttons->len, NULL);

  return g_ptr_array_index (self->import_buttons, index);
}

/**
 * cd_device_page_get_chain:
 * @self: a #CdDevicePage
 *
 * Returns: (transfer none) (nullable): the chain the page shows, built
 *   again after each import
 */
CdChain *
cd_device_page_get_chain (CdDevicePage *self)
{
  g_return_val_if_fail (CD_IS_DEVICE_PAGE (self), NULL);

  return self->chain;
}

/**
 * cd_device_page_import:
 * @self: a #CdDevicePage
 * @index: which presented certificate, 0 for the device's own
 * @error: a location for a #GError
 *
 * Imports that certificate, as its Import button does: a self-signed
 * CA into Trusted Root, anything else where the importer places it.
 *
 * Returns: %TRUE on success
 */
gboolean
cd_device_page_import (CdDevicePage  *self,
                       guint          index,
                       GError       **error)
{
  g_autoptr(CdImporter) importer = NULL;
  g_autoptr(CdImportResult) result = NULL;
  g_autofree char *name = NULL;
  g_autofree char *summary = NULL;
  CdCertificate *row;
  CdStoreKind kind = CD_STORE_KIND_AUTO;
  GtkRoot *root;

  g_return_val_if_fail (CD_IS_DEVICE_PAGE (self), FALSE);
  g_return_val_if_fail (index < self->certificates->len, FALSE);

  row = g_ptr_array_index (self->certificates, index);
  if (cd_certificate_get_is_ca (row) && cd_certificate_get_is_self_signed (row))
    kind = CD_STORE_KIND_ROOT;

  /* One certificate, a few rows: quick enough for the main thread,
   * whose database connection this is.
   */
  name = cd_certificate_dup_display_name (row);
  importer = cd_importer_new (self->database, self->keyring);
  result = cd_importer_import_bytes (importer,
                                     g_ptr_array_index (cd_device_check_get_chain (self->check), index),
                                     name, NULL, kind, NULL, NULL, NULL, error);
  if (result == NULL)
    return FALSE;

  update_import_button (self, index);
  update_chain_row (self);

  summary = cd_import_result_dup_summary (result);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (summary != NULL && GTK_IS_WIDGET (root))
    gtk_widget_activate_action (GTK_WIDGET (root), "dialog.show-toast", "s", summary);

  g_signal_emit (self, signals[IMPORTED], 0);

  return TRUE;
}
