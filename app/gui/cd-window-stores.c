/* cd-window-stores.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The stores of CdWindow: reading them from the database (a store is
 * made when first shown, and read again only when shown stale), their
 * counts in the sidebar, the one shown with its search, and the
 * subtitle saying how many rows there are.
 */

#define G_LOG_DOMAIN "cd-window"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-database.h"
#include "cd-help-window.h"
#include "cd-store.h"
#include "cd-window-private.h"

static CdStore *
ensure_store (CdWindow    *self,
              CdStoreKind  kind)
{
  g_assert (CD_IS_WINDOW (self));
  g_assert (kind >= 0 && kind < CD_N_STORE_KINDS);

  if (self->stores[kind] == NULL)
    {
      self->stores[kind] = cd_store_new (kind);
      self->stale |= 1u << kind;
    }

  return self->stores[kind];
}

void
_cd_window_reload_store (CdWindow    *self,
                         CdStoreKind  kind)
{
  g_autoptr(GError) error = NULL;
  CdStore *store;

  g_assert (CD_IS_WINDOW (self));

  if (self->database == NULL)
    return;

  store = ensure_store (self, kind);
  self->stale &= ~(1u << kind);

  if (!cd_store_reload (store, self->database, &error))
    {
      g_warning ("Could not load the %s store: %s", cd_store_kind_to_id (kind), error->message);
      _cd_window_add_toast (self, error->message);
    }
}

void
_cd_window_update_counts (CdWindow *self)
{
  g_autoptr(GError) error = NULL;
  guint counts[CD_N_STORE_KINDS] = { 0 };

  g_assert (CD_IS_WINDOW (self));

  if (self->database == NULL)
    return;

  if (!cd_database_count_stores (self->database, counts, &error))
    {
      g_warning ("Could not count the certificates: %s", error->message);
      _cd_window_add_toast (self, error->message);
      return;
    }

  for (guint i = 0; i < CD_N_STORE_KINDS; i++)
    cd_store_row_set_count (self->rows[i], counts[i]);

  _cd_window_reload_expiring (self);
}

void
_cd_window_update_subtitle (CdWindow *self)
{
  g_autofree char *text = NULL;
  const char *search;
  guint n_items;
  guint n_visible;

  g_assert (CD_IS_WINDOW (self));

  if (self->database == NULL)
    {
      adw_window_title_set_subtitle (self->window_title, NULL);
      return;
    }

  if (self->showing_devices)
    {
      _cd_window_update_devices_subtitle (self);
      return;
    }

  if (self->showing_expiring)
    {
      n_items = cd_expiring_view_get_n_items (self->expiring_view);
      text = g_strdup_printf (ngettext ("%'u certificate", "%'u certificates", n_items), n_items);
      adw_window_title_set_subtitle (self->window_title, text);
      return;
    }

  n_items = cd_store_view_get_n_items (self->store_view);
  n_visible = cd_store_view_get_n_visible (self->store_view);
  search = cd_store_view_get_search_text (self->store_view);

  if (search != NULL && search[0] != '\0' && n_visible != n_items)
    {
      if (self->kind == CD_STORE_KIND_REQUEST)
        /* translators: "3 of 14 requests": rows matching the search, then rows in the store */
        text = g_strdup_printf (ngettext ("%'u of %'u request", "%'u of %'u requests", n_items),
                                n_visible, n_items);
      else
        /* translators: "3 of 140 certificates": rows matching the search, then rows in the store */
        text = g_strdup_printf (ngettext ("%'u of %'u certificate", "%'u of %'u certificates",
                                          n_items),
                                n_visible, n_items);
    }
  else if (self->kind == CD_STORE_KIND_REQUEST)
    text = g_strdup_printf (ngettext ("%'u request", "%'u requests", n_items), n_items);
  else
    text = g_strdup_printf (ngettext ("%'u certificate", "%'u certificates", n_items), n_items);

  adw_window_title_set_subtitle (self->window_title, text);
}

void
_cd_window_show_store (CdWindow    *self,
                       CdStoreKind  kind)
{
  CdStore *store;

  g_assert (CD_IS_WINDOW (self));
  g_assert (kind >= 0 && kind < CD_N_STORE_KINDS);

  store = ensure_store (self, kind);
  if ((self->stale & (1u << kind)) != 0)
    _cd_window_reload_store (self, kind);

  self->kind = kind;
  self->showing_expiring = FALSE;
  self->showing_devices = FALSE;
  gtk_stack_set_visible_child_name (self->main_stack, "store");
  cd_store_view_set_store (self->store_view, store);
  adw_window_title_set_title (self->window_title, cd_store_kind_get_title (kind));
  gtk_label_set_label (self->store_help_title, cd_store_kind_get_title (kind));
  gtk_label_set_label (self->store_help_label, cd_help_get_store_text (kind));
  _cd_window_update_subtitle (self);

  if (self->settings != NULL)
    g_settings_set_string (self->settings, "selected-store", cd_store_kind_to_id (kind));

  _cd_window_notify_selected_store (self);
}

void
_cd_window_on_search_changed_cb (CdWindow       *self,
                                 GtkSearchEntry *entry)
{
  g_assert (CD_IS_WINDOW (self));

  cd_store_view_set_search_text (self->store_view, gtk_editable_get_text (GTK_EDITABLE (entry)));
  _cd_window_update_subtitle (self);
}

void
_cd_window_on_search_mode_changed_cb (CdWindow     *self,
                                      GParamSpec   *pspec,
                                      GtkSearchBar *search_bar)
{
  g_assert (CD_IS_WINDOW (self));

  /* A hidden search must not keep rows hidden. */
  if (!gtk_search_bar_get_search_mode (search_bar))
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

void
_cd_window_on_store_view_count_changed_cb (CdWindow    *self,
                                           GParamSpec  *pspec,
                                           CdStoreView *store_view)
{
  g_assert (CD_IS_WINDOW (self));

  _cd_window_update_subtitle (self);
}

/**
 * cd_window_get_selected_store:
 * @self: a #CdWindow
 *
 * Returns: the store shown
 */
CdStoreKind
cd_window_get_selected_store (CdWindow *self)
{
  g_return_val_if_fail (CD_IS_WINDOW (self), CD_STORE_KIND_MY);

  return self->kind;
}

/**
 * cd_window_select_store:
 * @self: a #CdWindow
 * @kind: the store to show
 *
 * Selects @kind in the sidebar and shows its certificates.
 */
void
cd_window_select_store (CdWindow    *self,
                        CdStoreKind  kind)
{
  GtkListBoxRow *row;

  g_return_if_fail (CD_IS_WINDOW (self));
  g_return_if_fail (kind >= 0 && kind < CD_N_STORE_KINDS);

  if (self->database == NULL)
    return;

  row = GTK_LIST_BOX_ROW (self->rows[kind]);
  if (gtk_list_box_get_selected_row (self->sidebar_list) == row)
    _cd_window_show_store (self, kind);
  else
    gtk_list_box_select_row (self->sidebar_list, row);
}
