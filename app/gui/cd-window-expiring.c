/* cd-window-expiring.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The "Expiring Soon" side of CdWindow: its entry in the sidebar with
 * a count, its view of every store's certificates that expire within
 * the days set in Preferences, and following that setting.
 */

#define G_LOG_DOMAIN "cd-window"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-window-private.h"

/* What "Expiring Soon" uses without the settings schema. */
#define DEFAULT_EXPIRY_DAYS   60

guint
_cd_window_get_expiry_days (CdWindow *self)
{
  g_assert (CD_IS_WINDOW (self));

  if (self->settings == NULL)
    return DEFAULT_EXPIRY_DAYS;

  return MAX (1, g_settings_get_int (self->settings, "expiry-warning-days"));
}

void
_cd_window_reload_expiring (CdWindow *self)
{
  g_autoptr(GError) error = NULL;

  g_assert (CD_IS_WINDOW (self));

  if (self->database == NULL)
    return;

  if (!cd_expiring_view_reload (self->expiring_view, self->database,
                                _cd_window_get_expiry_days (self), &error))
    {
      g_warning ("Could not list the expiring certificates: %s", error->message);
      _cd_window_add_toast (self, error->message);
    }
}

void
_cd_window_show_expiring_page (CdWindow *self)
{
  g_assert (CD_IS_WINDOW (self));

  self->showing_expiring = TRUE;
  self->showing_devices = FALSE;
  _cd_window_reload_expiring (self);
  gtk_stack_set_visible_child_name (self->main_stack, "expiring");
  adw_window_title_set_title (self->window_title, _("Expiring Soon"));
  gtk_label_set_label (self->store_help_title, _("Expiring Soon"));
  gtk_label_set_label (self->store_help_label,
                       _("Certificates of every store that have expired or that expire "
                         "within the number of days set in Preferences. Renew them before "
                         "devices start to reject them."));
  _cd_window_update_subtitle (self);
}

static void
update_expiring_count (CdWindow *self)
{
  g_autofree char *text = NULL;
  g_autofree char *description = NULL;
  guint n_items;
  guint days;

  g_assert (CD_IS_WINDOW (self));

  n_items = cd_expiring_view_get_n_items (self->expiring_view);
  days = _cd_window_get_expiry_days (self);

  text = g_strdup_printf ("%'u", n_items);
  gtk_label_set_label (self->expiring_count_label, text);

  /* translators: the tooltip of "Expiring Soon" in the sidebar */
  description = g_strdup_printf (ngettext ("Certificates of all stores that expire within %u day "
                                           "or have expired",
                                           "Certificates of all stores that expire within %u days "
                                           "or have expired",
                                           days),
                                 days);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->expiring_row), description);
}

void
_cd_window_on_expiring_count_changed_cb (CdWindow       *self,
                                         GParamSpec     *pspec,
                                         CdExpiringView *view)
{
  g_assert (CD_IS_WINDOW (self));

  update_expiring_count (self);
  if (self->showing_expiring)
    _cd_window_update_subtitle (self);
}

static void
on_expiry_days_changed_cb (CdWindow   *self,
                           const char *key,
                           GSettings  *settings)
{
  g_assert (CD_IS_WINDOW (self));

  _cd_window_reload_expiring (self);
  update_expiring_count (self);
}

GtkListBoxRow *
_cd_window_new_expiring_row (CdWindow *self)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name ("alarm-symbolic");
  GtkWidget *title = gtk_label_new (_("Expiring Soon"));
  GtkWidget *count = gtk_label_new ("0");

  /* Laid out as a CdStoreRow, so the sidebar reads as one list. */
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, "",
                                  -1);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0.0f);
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "numeric");

  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), count);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  self->expiring_count_label = GTK_LABEL (count);

  return GTK_LIST_BOX_ROW (row);
}

void
_cd_window_setup_expiring (CdWindow *self)
{
  if (self->settings != NULL)
    g_signal_connect_object (self->settings,
                             "changed::expiry-warning-days",
                             G_CALLBACK (on_expiry_days_changed_cb),
                             self,
                             G_CONNECT_SWAPPED);
}

/**
 * cd_window_show_expiring:
 * @self: a #CdWindow
 *
 * Selects "Expiring Soon" in the sidebar: the certificates of every
 * store that expire within the days set in the preferences, or have.
 */
void
cd_window_show_expiring (CdWindow *self)
{
  g_return_if_fail (CD_IS_WINDOW (self));

  if (self->database == NULL)
    return;

  if (gtk_list_box_get_selected_row (self->sidebar_list) == self->expiring_row)
    _cd_window_show_expiring_page (self);
  else
    gtk_list_box_select_row (self->sidebar_list, self->expiring_row);
}

/**
 * cd_window_get_showing_expiring:
 * @self: a #CdWindow
 *
 * Returns: %TRUE if "Expiring Soon" is shown rather than a store
 */
gboolean
cd_window_get_showing_expiring (CdWindow *self)
{
  g_return_val_if_fail (CD_IS_WINDOW (self), FALSE);

  return self->showing_expiring;
}
