/* cd-help-window.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* CdHelpWindow answers what users of certmgr.msc and of telephony
 * systems ask first: what each store is for, what a chain is, TLS
 * against mutual TLS, and why a device refuses a certificate. Plain
 * text in the application itself, so that it works offline and in the
 * Flatpak sandbox, where no help viewer may be installed.
 */

#define G_LOG_DOMAIN "cd-help-window"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-help-window.h"

struct _CdHelpWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwPreferencesGroup  *stores_group;
};

G_DEFINE_FINAL_TYPE (CdHelpWindow, cd_help_window, ADW_TYPE_PREFERENCES_WINDOW)

/* When to use each store, longer than cd_store_kind_get_description(). */
static const char * const store_texts[CD_N_STORE_KINDS] = {
  [CD_STORE_KIND_MY] =
    N_("Certificates whose private key is in your keyring: the identity of this "
       "computer, of a server or of a phone system. Import a PKCS#12 file here, or "
       "complete a certificate request. Export from here, with the key, to install "
       "a certificate on a device."),
  [CD_STORE_KIND_ROOT] =
    N_("Self-signed certificates of the authorities you trust as the start of "
       "every chain. Add only a root you got from a source you trust: every "
       "certificate it signs becomes trusted."),
  [CD_STORE_KIND_CA] =
    N_("Authorities between a root and your certificates. Keep the intermediates "
       "your devices need here, so that chains are complete when they are built "
       "and exported."),
  [CD_STORE_KIND_TRUSTED_PEOPLE] =
    N_("Certificates you trust on their own, without a chain to a root, such as "
       "the self-signed certificate of a phone or a gateway. Certificates go here "
       "only when you choose it."),
  [CD_STORE_KIND_ADDRESS_BOOK] =
    N_("Certificates of other people, servers and devices, for which you have no "
       "private key. Imported certificates that are not authorities go here."),
  [CD_STORE_KIND_DISALLOWED] =
    N_("Certificates you do not trust. A chain with one of them in it is shown as "
       "untrusted, whatever the other stores hold."),
  [CD_STORE_KIND_REQUEST] =
    N_("Certificate requests whose private key waits in your keyring. Send the "
       "request to your authority, then import the certificate it issues: the "
       "request is completed and the certificate goes to Personal with its key."),
};

/**
 * cd_help_get_store_text:
 * @kind: a store
 *
 * Returns: (transfer none): what @kind is for and when to use it, translated
 */
const char *
cd_help_get_store_text (CdStoreKind kind)
{
  g_return_val_if_fail (kind >= 0 && kind < CD_N_STORE_KINDS, NULL);

  return _(store_texts[kind]);
}

static void
add_store_rows (CdHelpWindow *self)
{
  for (guint i = 0; i < CD_N_STORE_KINDS; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name (cd_store_kind_get_icon_name (i));

      /* Store names and help are plain text, not markup. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cd_store_kind_get_title (i));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), cd_help_get_store_text (i));
      gtk_accessible_update_state (GTK_ACCESSIBLE (icon),
                                   GTK_ACCESSIBLE_STATE_HIDDEN, TRUE,
                                   -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_group_add (self->stores_group, row);
    }
}

static void
cd_help_window_class_init (CdHelpWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/cd-help-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CdHelpWindow, stores_group);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cd_help_window_init (CdHelpWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  add_store_rows (self);
}

/**
 * cd_help_window_new:
 * @parent: (nullable): the window it belongs to
 * @page: (nullable): "stores", "chains", "tls" or "rejected"; %NULL for
 *   the first
 *
 * Returns: (transfer full): a new help window, not yet shown
 */
GtkWindow *
cd_help_window_new (GtkWindow  *parent,
                    const char *page)
{
  CdHelpWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (CD_TYPE_HELP_WINDOW,
                       "transient-for", parent,
                       NULL);
  if (page != NULL)
    adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (self), page);

  return GTK_WINDOW (self);
}
