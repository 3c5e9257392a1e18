/* cd-store-view.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* CdStoreView lists the certificates of one store in columns, as
 * certmgr.msc does, and narrows them to a search as the user types.
 * The model chain lives in the template: selection > filter > sort >
 * CdStore. Filtering above sorting means a keystroke only re-filters;
 * the sort is done once, when the store is loaded or a column clicked.
 * An empty store and a search without results get a status page each.
 *
 * Rows are opened by activating them, and managed through a context
 * menu, the Delete key and dragging them onto a store in the sidebar
 * (or out, to a file manager, as files); Ctrl+C copies them as PEM.
 * The window's actions do the work on cd_store_view_dup_selected().
 */

#define G_LOG_DOMAIN "cd-store-view"

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cd-certificate.h"
#include "cd-drag-content.h"
#include "cd-store-kind.h"
#include "cd-store-view.h"
#include "cd-store.h"
#include "cd-window.h"

struct _CdStoreView
{
  GtkWidget            parent_instance;

  /* Template widgets */
  GtkColumnView       *column_view;
  AdwStatusPage       *empty_page;
  GtkButton           *empty_button;
  GtkFilterListModel  *filter_model;
  GtkCustomFilter     *filter;
  AdwStatusPage       *no_results_page;
  GtkMultiSelection   *selection;
  GtkSortListModel    *sort_model;
  GtkStack            *stack;
  GtkColumnViewColumn *subject_column;

  /* Owned references */
  CdStore             *store;
  GtkWidget           *context_menu;

  char                *search_text;
  char                *needle;      /* case-folded search_text, NULL to show all */
  gulong               store_changed_id;
  guint                n_items;
  guint                n_visible;
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_SEARCH_TEXT,
  PROP_N_ITEMS,
  PROP_N_VISIBLE,
  N_PROPS
};

enum {
  CERTIFICATE_ACTIVATED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (CdStoreView, cd_store_view, GTK_TYPE_WIDGET)

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

/* Each cell's outer widget is named after its row (see format_row_name),
 * because GTK 4.8 has no public way to go from a widget in a column
 * view back to its row: a click is mapped to a row through this name.
 */
#define ROW_NAME_PREFIX "cd-row-"

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  CdStoreView *self = user_data;

  if (self->needle == NULL)
    return TRUE;

  return cd_certificate_matches (item, self->needle);
}

static void
update_page (CdStoreView *self)
{
  guint n_items;
  guint n_visible;
  const char *page;

  g_assert (CD_IS_STORE_VIEW (self));

  n_items = self->store ? g_list_model_get_n_items (G_LIST_MODEL (self->store)) : 0;
  n_visible = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));

  if (n_items == 0)
    page = "empty";
  else if (n_visible == 0)
    page = "no-results";
  else
    page = "list";

  gtk_stack_set_visible_child_name (self->stack, page);

  if (self->n_items != n_items)
    {
      self->n_items = n_items;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }

  if (self->n_visible != n_visible)
    {
      self->n_visible = n_visible;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_VISIBLE]);
    }
}

static void
update_empty_page (CdStoreView *self)
{
  g_autofree char *description = NULL;
  CdStoreKind kind;

  g_assert (CD_IS_STORE_VIEW (self));

  if (self->store == NULL)
    return;

  kind = cd_store_get_kind (self->store);

  /* Requests are mostly made here; the others come from files. */
  if (kind == CD_STORE_KIND_REQUEST)
    {
      description = g_markup_printf_escaped (/* translators: %s says what the store is for */
                                             _("%s.\nMake a request for a certificate, or "
                                               "import one made elsewhere."),
                                             cd_store_kind_get_description (kind));
      adw_status_page_set_title (self->empty_page, _("No Requests"));
      gtk_button_set_label (self->empty_button, _("_New Certificate Request…"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->empty_button), "win.new-request");
    }
  else
    {
      /* The description is Pango markup. */
      description = g_markup_printf_escaped (/* translators: %s says what the store is for, e.g.
                                              * "Your own certificates, for which you hold the
                                              * private key" */
                                             _("%s.\nDrag certificate files onto this window or "
                                               "import them."),
                                             cd_store_kind_get_description (kind));
      adw_status_page_set_title (self->empty_page, _("No Certificates"));
      gtk_button_set_label (self->empty_button, _("_Import…"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->empty_button), "win.import");
    }

  adw_status_page_set_icon_name (self->empty_page, cd_store_kind_get_icon_name (kind));
  adw_status_page_set_description (self->empty_page, description);
}

static void
update_no_results_page (CdStoreView *self)
{
  g_autofree char *description = NULL;

  g_assert (CD_IS_STORE_VIEW (self));

  if (self->search_text == NULL)
    return;

  description = g_markup_printf_escaped (/* translators: %s is what the user typed into the search */
                                         _("No certificate in this store matches “%s”. Search "
                                           "for a name, an email address, a host name or a "
                                           "fingerprint."),
                                         self->search_text);
  adw_status_page_set_description (self->no_results_page, description);
}

static void
model_items_changed_cb (CdStoreView *self,
                        guint        position,
                        guint        removed,
                        guint        added,
                        GListModel  *model)
{
  g_assert (CD_IS_STORE_VIEW (self));

  update_page (self);
}

/* Closures for the cell templates. */

static char *
format_expiration (GtkListItem *item,
                   gint64       not_after,
                   gboolean     is_request)
{
  g_autoptr(GDateTime) date = NULL;

  /* A request is not valid for any time yet. */
  if (is_request)
    return NULL;

  date = g_date_time_new_from_unix_local (not_after);
  if (date == NULL)
    return NULL;

  /* translators: the date format of the Expiration Date column, see
   * g_date_time_format(). Keep four-digit years: "%x" gives two in many
   * locales, and a certificate can expire in 2049 or have in 1949. */
  return g_date_time_format (date, _("%Y-%m-%d"));
}

static char *
format_row_name (GtkListItem *item,
                 guint        position)
{
  return g_strdup_printf (ROW_NAME_PREFIX "%u", position);
}

static gboolean
is_expired (GtkListItem *item,
            gint64       not_after,
            gboolean     is_request)
{
  return !is_request && not_after < g_get_real_time () / G_USEC_PER_SEC;
}

static char **
expiration_css_classes (GtkListItem *item,
                        gint64       not_after,
                        gboolean     is_request)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_strv_builder_add (builder, "numeric");
  if (is_expired (item, not_after, is_request))
    g_strv_builder_add (builder, "expired");

  return g_strv_builder_end (builder);
}

static guint
pick_row (CdStoreView *self,
          double       x,
          double       y)
{
  GtkWidget *widget;

  g_assert (CD_IS_STORE_VIEW (self));

  widget = gtk_widget_pick (GTK_WIDGET (self->column_view), x, y, GTK_PICK_DEFAULT);

  for (; widget != NULL && widget != GTK_WIDGET (self->column_view);
       widget = gtk_widget_get_parent (widget))
    {
      const char *name = gtk_widget_get_name (widget);
      guint64 position;

      if (g_str_has_prefix (name, ROW_NAME_PREFIX) &&
          g_ascii_string_to_unsigned (name + strlen (ROW_NAME_PREFIX), 10, 0, G_MAXUINT - 1,
                                      &position, NULL))
        return position;
    }

  return GTK_INVALID_LIST_POSITION;
}

/* A right click or a drag on a row that is not selected acts on that
 * row alone, as in a file manager; on a selected one, on the selection.
 */
static void
select_row_under (CdStoreView *self,
                  double       x,
                  double       y)
{
  guint position = pick_row (self, x, y);

  if (position != GTK_INVALID_LIST_POSITION &&
      !gtk_selection_model_is_selected (GTK_SELECTION_MODEL (self->selection), position))
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
}

static GMenuModel *
new_context_menu (void)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) open_section = g_menu_new ();
  g_autoptr(GMenu) export_section = g_menu_new ();
  g_autoptr(GMenu) store_section = g_menu_new ();
  g_autoptr(GMenu) delete_section = g_menu_new ();
  g_autoptr(GMenu) copy_menu = g_menu_new ();
  g_autoptr(GMenu) move_menu = g_menu_new ();

  g_menu_append (open_section, _("_Open"), "win.show-selected");
  g_menu_append (open_section, _("Check Against _Device…"), "win.check-selected");
  g_menu_append (export_section, _("_Export…"), "win.export");
  g_menu_append (export_section, _("Copy as _PEM"), "win.copy-as-pem");
  g_menu_append (export_section, _("New _Request from This Certificate…"), "win.renew-selected");
  g_menu_append (export_section, _("_Sign with CA…"), "win.sign-selected");
  g_menu_append (export_section, _("Re_voke…"), "win.revoke-selected");
  g_menu_append (export_section, _("Export Revocation _List…"), "win.export-crl");

  for (guint i = 0; i < CD_N_STORE_KINDS; i++)
    {
      g_autofree char *copy = NULL;
      g_autofree char *move = NULL;

      copy = g_action_print_detailed_name ("win.copy-to-store",
                                           g_variant_new_string (cd_store_kind_to_id (i)));
      move = g_action_print_detailed_name ("win.move-to-store",
                                           g_variant_new_string (cd_store_kind_to_id (i)));
      g_menu_append (copy_menu, cd_store_kind_get_title (i), copy);
      g_menu_append (move_menu, cd_store_kind_get_title (i), move);
    }

  g_menu_append_submenu (store_section, _("_Copy to Store"), G_MENU_MODEL (copy_menu));
  g_menu_append_submenu (store_section, _("_Move to Store"), G_MENU_MODEL (move_menu));
  g_menu_append (delete_section, _("_Delete…"), "win.delete-selected");

  g_menu_append_section (menu, NULL, G_MENU_MODEL (open_section));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (export_section));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (store_section));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (delete_section));

  return G_MENU_MODEL (g_steal_pointer (&menu));
}

static void
popup_context_menu (CdStoreView *self,
                    double       x,
                    double       y)
{
  graphene_point_t point;

  g_assert (CD_IS_STORE_VIEW (self));

  if (!gtk_widget_compute_point (GTK_WIDGET (self->column_view), GTK_WIDGET (self),
                                 &GRAPHENE_POINT_INIT (x, y), &point))
    point = GRAPHENE_POINT_INIT (x, y);

  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu),
                               &(GdkRectangle) { (int)point.x, (int)point.y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
}

static void
on_secondary_pressed_cb (CdStoreView     *self,
                         int              n_press,
                         double           x,
                         double           y,
                         GtkGestureClick *gesture)
{
  g_assert (CD_IS_STORE_VIEW (self));

  select_row_under (self, x, y);
  popup_context_menu (self, x, y);
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
context_menu_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  CdStoreView *self = CD_STORE_VIEW (widget);

  /* From the keyboard there is no pointer: open it at the top left. */
  popup_context_menu (self, 24, 24);
}

static void
on_activate_cb (CdStoreView   *self,
                guint          position,
                GtkColumnView *column_view)
{
  g_autoptr(CdCertificate) row = NULL;

  g_assert (CD_IS_STORE_VIEW (self));

  row = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  if (row != NULL)
    g_signal_emit (self, signals[CERTIFICATE_ACTIVATED], 0, row);
}

static GdkContentProvider *
on_drag_prepare_cb (CdStoreView   *self,
                    double         x,
                    double         y,
                    GtkDragSource *source)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GdkContentProvider *content;
  GtkWidget *window;

  g_assert (CD_IS_STORE_VIEW (self));

  /* Only a drag that starts on a row moves certificates. */
  if (pick_row (self, x, y) == GTK_INVALID_LIST_POSITION)
    return NULL;

  select_row_under (self, x, y);
  rows = cd_store_view_dup_selected (self);
  if (rows->len == 0)
    return NULL;

  text = cd_store_view_format_drag_text (rows);

  /* To a file manager, the certificates as files too. */
  window = gtk_widget_get_ancestor (GTK_WIDGET (self), CD_TYPE_WINDOW);
  if (window != NULL && cd_window_get_database (CD_WINDOW (window)) != NULL)
    {
      content = cd_drag_content_new (cd_window_get_database (CD_WINDOW (window)), rows, text,
                                     &error);
      if (content != NULL)
        return content;

      g_warning ("Could not offer the dragged certificates as files: %s", error->message);
    }

  return gdk_content_provider_new_typed (G_TYPE_STRING, text);
}

static void
cd_store_view_dispose (GObject *object)
{
  CdStoreView *self = (CdStoreView *)object;

  /* Taking the columns down changes the sorter, which would re-sort the
   * rows and call back into a half-disposed view.
   */
  if (self->filter_model != NULL)
    g_signal_handlers_disconnect_by_func (self->filter_model, model_items_changed_cb, self);
  if (self->sort_model != NULL)
    gtk_sort_list_model_set_model (self->sort_model, NULL);

  if (self->store != NULL)
    g_clear_signal_handler (&self->store_changed_id, self->store);
  g_clear_object (&self->store);

  g_clear_pointer (&self->context_menu, gtk_widget_unparent);

  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_STORE_VIEW);

  G_OBJECT_CLASS (cd_store_view_parent_class)->dispose (object);
}

static void
cd_store_view_finalize (GObject *object)
{
  CdStoreView *self = (CdStoreView *)object;

  g_clear_pointer (&self->search_text, g_free);
  g_clear_pointer (&self->needle, g_free);

  G_OBJECT_CLASS (cd_store_view_parent_class)->finalize (object);
}

static void
cd_store_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CdStoreView *self = CD_STORE_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, cd_store_view_get_store (self));
      break;

    case PROP_SEARCH_TEXT:
      g_value_set_string (value, cd_store_view_get_search_text (self));
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, cd_store_view_get_n_items (self));
      break;

    case PROP_N_VISIBLE:
      g_value_set_uint (value, cd_store_view_get_n_visible (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_store_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CdStoreView *self = CD_STORE_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      cd_store_view_set_store (self, g_value_get_object (value));
      break;

    case PROP_SEARCH_TEXT:
      cd_store_view_set_search_text (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_store_view_class_init (CdStoreViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_store_view_dispose;
  object_class->finalize = cd_store_view_finalize;
  object_class->get_property = cd_store_view_get_property;
  object_class->set_property = cd_store_view_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CD_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SEARCH_TEXT] =
    g_param_spec_string ("search-text", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_VISIBLE] =
    g_param_spec_uint ("n-visible", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CdStoreView::certificate-activated:
   * @self: a #CdStoreView
   * @certificate: the #CdCertificate the user opened
   *
   * Emitted on a double click or Enter on a row.
   */
  signals[CERTIFICATE_ACTIVATED] =
    g_signal_new ("certificate-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, CD_TYPE_CERTIFICATE);

  gtk_widget_class_install_action (widget_class, "store.context-menu", NULL, context_menu_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "win.delete-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK,
                                       "win.copy-as-pem", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "store.context-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK,
                                       "store.context-menu", NULL);

  g_type_ensure (CD_TYPE_CERTIFICATE);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/cd-store-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CdStoreView, column_view);
  gtk_widget_class_bind_template_child (widget_class, CdStoreView, empty_button);
  gtk_widget_class_bind_template_child (widget_class, CdStoreView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CdStoreView, filter);
  gtk_widget_class_bind_template_child (widget_class, CdStoreView, filter_model);
  gtk_widget_class_bind_template_child (widget_class, CdStoreView, no_results_page);
  gtk_widget_class_bind_template_child (widget_class, CdStoreView, selection);
  gtk_widget_class_bind_template_child (widget_class, CdStoreView, sort_model);
  gtk_widget_class_bind_template_child (widget_class, CdStoreView, stack);
  gtk_widget_class_bind_template_child (widget_class, CdStoreView, subject_column);
  gtk_widget_class_bind_template_callback (widget_class, expiration_css_classes);
  gtk_widget_class_bind_template_callback (widget_class, format_expiration);
  gtk_widget_class_bind_template_callback (widget_class, format_row_name);
  gtk_widget_class_bind_template_callback (widget_class, on_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, is_expired);
}

static void
cd_store_view_init (CdStoreView *self)
{
  g_autoptr(GMenuModel) menu = NULL;
  GtkGesture *gesture;
  GtkDragSource *drag_source;

  gtk_widget_init_template (GTK_WIDGET (self));

  menu = new_context_menu ();
  self->context_menu = gtk_popover_menu_new_from_model (menu);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->context_menu), FALSE);
  gtk_widget_set_halign (self->context_menu, GTK_ALIGN_START);
  gtk_widget_set_parent (self->context_menu, GTK_WIDGET (self));

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (gesture, "pressed", G_CALLBACK (on_secondary_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), GTK_EVENT_CONTROLLER (gesture));

  drag_source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (drag_source, GDK_ACTION_MOVE | GDK_ACTION_COPY);
  g_signal_connect_object (drag_source, "prepare", G_CALLBACK (on_drag_prepare_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), GTK_EVENT_CONTROLLER (drag_source));

  gtk_custom_filter_set_filter_func (self->filter, filter_func, self, NULL);

  g_signal_connect_object (self->filter_model,
                           "items-changed",
                           G_CALLBACK (model_items_changed_cb),
                           self,
                           G_CONNECT_SWAPPED);

  /* certmgr.msc opens a store sorted by "Issued To". */
  gtk_column_view_sort_by_column (self->column_view, self->subject_column, GTK_SORT_ASCENDING);

  update_page (self);
}

/**
 * cd_store_view_new:
 *
 * Returns: (transfer floating): a new #CdStoreView showing no store
 */
GtkWidget *
cd_store_view_new (void)
{
  return g_object_new (CD_TYPE_STORE_VIEW, NULL);
}

/**
 * cd_store_view_get_store:
 * @self: a #CdStoreView
 *
 * Returns: (transfer none) (nullable): the store shown
 */
CdStore *
cd_store_view_get_store (CdStoreView *self)
{
  g_return_val_if_fail (CD_IS_STORE_VIEW (self), NULL);

  return self->store;
}

/**
 * cd_store_view_set_store:
 * @self: a #CdStoreView
 * @store: (nullable): the store to show
 *
 * Shows @store, filtered by the current search text.
 */
void
cd_store_view_set_store (CdStoreView *self,
                         CdStore     *store)
{
  g_return_if_fail (CD_IS_STORE_VIEW (self));
  g_return_if_fail (!store || CD_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_clear_signal_handler (&self->store_changed_id, self->store);

  g_set_object (&self->store, store);

  /* Rows hidden by the search change the count without changing what
   * the filter model shows, so watch the store itself too.
   */
  if (store != NULL)
    self->store_changed_id = g_signal_connect_object (store,
                                                      "items-changed",
                                                      G_CALLBACK (model_items_changed_cb),
                                                      self,
                                                      G_CONNECT_SWAPPED);

  gtk_sort_list_model_set_model (self->sort_model, G_LIST_MODEL (store));

  update_empty_page (self);
  update_page (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/**
 * cd_store_view_get_search_text:
 * @self: a #CdStoreView
 *
 * Returns: (transfer none) (nullable): the text rows are filtered by
 */
const char *
cd_store_view_get_search_text (CdStoreView *self)
{
  g_return_val_if_fail (CD_IS_STORE_VIEW (self), NULL);

  return self->search_text;
}

/**
 * cd_store_view_set_search_text:
 * @self: a #CdStoreView
 * @search_text: (nullable): what the user typed, or %NULL for all rows
 *
 * Shows only the rows whose subject, issuer, friendly name, alternative
 * names, serial or fingerprint contain @search_text, ignoring case.
 * Colons and spaces in a hexadecimal fingerprint do not matter.
 */
void
cd_store_view_set_search_text (CdStoreView *self,
                               const char  *search_text)
{
  g_autofree char *old_needle = NULL;
  GtkFilterChange change;

  g_return_if_fail (CD_IS_STORE_VIEW (self));

  if (g_strcmp0 (self->search_text, search_text) == 0)
    return;

  g_free (self->search_text);
  self->search_text = g_strdup (search_text);

  old_needle = g_steal_pointer (&self->needle);
  self->needle = cd_certificate_prepare_search (search_text);

  /* Telling the filter how the search changed lets it look only at the
   * rows shown (typing on) or hidden (deleting), not at all of them.
   */
  if (g_strcmp0 (old_needle, self->needle) == 0)
    change = GTK_FILTER_CHANGE_DIFFERENT;
  else if (self->needle == NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else if (old_needle == NULL || strstr (self->needle, old_needle) != NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (strstr (old_needle, self->needle) != NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else
    change = GTK_FILTER_CHANGE_DIFFERENT;

  update_no_results_page (self);

  if (g_strcmp0 (old_needle, self->needle) != 0)
    gtk_filter_changed (GTK_FILTER (self->filter), change);

  update_page (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_TEXT]);
}

/**
 * cd_store_view_get_model:
 * @self: a #CdStoreView
 *
 * Returns: (transfer none): the sorted and filtered rows, as the column
 *   view shows them (a #GtkSelectionModel of #CdCertificate)
 */
GListModel *
cd_store_view_get_model (CdStoreView *self)
{
  g_return_val_if_fail (CD_IS_STORE_VIEW (self), NULL);

  return G_LIST_MODEL (gtk_column_view_get_model (self->column_view));
}

/**
 * cd_store_view_get_n_items:
 * @self: a #CdStoreView
 *
 * Returns: the number of certificates in the store
 */
guint
cd_store_view_get_n_items (CdStoreView *self)
{
  g_return_val_if_fail (CD_IS_STORE_VIEW (self), 0);

  return self->n_items;
}

/**
 * cd_store_view_get_n_visible:
 * @self: a #CdStoreView
 *
 * Returns: the number of certificates the search lets through
 */
guint
cd_store_view_get_n_visible (CdStoreView *self)
{
  g_return_val_if_fail (CD_IS_STORE_VIEW (self), 0);

  return self->n_visible;
}

/**
 * cd_store_view_dup_selected:
 * @self: a #CdStoreView
 *
 * Returns: (transfer container) (element-type CdCertificate): the
 *   selected rows, in the order shown
 */
GPtrArray *
cd_store_view_dup_selected (CdStoreView *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  GtkBitsetIter iter;
  GPtrArray *rows;
  guint position;

  g_return_val_if_fail (CD_IS_STORE_VIEW (self), NULL);

  rows = g_ptr_array_new_with_free_func (g_object_unref);
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));

  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position);
       ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    g_ptr_array_add (rows, g_list_model_get_item (G_LIST_MODEL (self->selection), position));

  return rows;
}

/**
 * cd_store_view_select:
 * @self: a #CdStoreView
 * @position: a row, as shown
 * @unselect_rest: whether the other rows are unselected
 *
 * Selects a row as a click (or a Ctrl+click) would.
 */
void
cd_store_view_select (CdStoreView *self,
                      guint        position,
                      gboolean     unselect_rest)
{
  g_return_if_fail (CD_IS_STORE_VIEW (self));

  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, unselect_rest);
}

/**
 * cd_store_view_format_drag_text:
 * @rows: (element-type CdCertificate): the rows dragged
 *
 * Says which certificates of which store are dragged, one per line as
 * "STORE-ID SHA-256", so that a drop needs nothing but the text.
 *
 * Returns: (transfer full): the text a drag from the list carries
 */
char *
cd_store_view_format_drag_text (GPtrArray *rows)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (rows != NULL, NULL);

  for (guint i = 0; i < rows->len; i++)
    {
      CdCertificate *row = g_ptr_array_index (rows, i);

      g_string_append_printf (text, "%s %s\n",
                              cd_store_kind_to_id (cd_certificate_get_store (row)),
                              cd_certificate_get_sha256 (row));
    }

  return g_string_free (text, FALSE);
}
