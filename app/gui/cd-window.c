/* cd-window.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* CdWindow is the main window: the stores in a sidebar, with "Expiring
 * Soon" and "Devices" below them, the selected store's certificates, search, and
 * import by drag and drop or a file chooser. It takes the database and keyring as construct properties,
 * so a test can build one without running the application, and keeps
 * what it shows in step with changes other programs make.
 */

#define G_LOG_DOMAIN "cd-window"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-database.h"
#include "cd-expiring-view.h"
#include "cd-import-progress.h"
#include "cd-import-queue.h"
#include "cd-keyring.h"
#include "cd-preferences-window.h"
#include "cd-store-kind.h"
#include "cd-store-row.h"
#include "cd-store-view.h"
#include "cd-window-private.h"

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_KEYRING,
  PROP_SELECTED_STORE,
  PROP_IMPORTING,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (CdWindow, cd_window, ADW_TYPE_APPLICATION_WINDOW)

static GParamSpec *properties [N_PROPS];

void
_cd_window_add_toast (CdWindow   *self,
                      const char *text)
{
  GtkWidget *label;
  AdwToast *toast;

  g_assert (CD_IS_WINDOW (self));

  if (text == NULL || text[0] == '\0')
    return;

  /* An import summary names several stores; the toast's own title would
   * cut it off after one line. The width keeps it inside the narrowest
   * window, where the toast does not narrow a wrapping label by itself.
   */
  label = g_object_new (GTK_TYPE_LABEL,
                        "label", text,
                        "wrap", TRUE,
                        "wrap-mode", PANGO_WRAP_WORD_CHAR,
                        "max-width-chars", 40,
                        "xalign", 0.0f,
                        NULL);
  gtk_widget_add_css_class (label, "heading");

  toast = adw_toast_new ("");
  adw_toast_set_custom_title (toast, label);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
_cd_window_notify_selected_store (CdWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_STORE]);
}

static void
set_action_enabled (CdWindow   *self,
                    const char *name,
                    gboolean    enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  g_assert (G_IS_SIMPLE_ACTION (action));

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

void
_cd_window_set_importing (CdWindow *self,
                          gboolean  importing)
{
  g_assert (CD_IS_WINDOW (self));

  if (self->importing != importing)
    {
      self->importing = importing;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMPORTING]);
    }
}

static void
on_certificate_activated_cb (CdWindow      *self,
                             CdCertificate *certificate,
                             GtkWidget     *view)
{
  g_assert (CD_IS_WINDOW (self));

  cd_window_show_certificate (self, certificate);
}

static void
sidebar_header_func (GtkListBoxRow *row,
                     GtkListBoxRow *before,
                     gpointer       user_data)
{
  /* A line sets the views across all stores apart from the stores. */
  if (before != NULL && CD_IS_STORE_ROW (before) && !CD_IS_STORE_ROW (row) &&
      gtk_list_box_row_get_header (row) == NULL)
    gtk_list_box_row_set_header (row, gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
}

static void
on_sidebar_row_selected_cb (CdWindow      *self,
                            GtkListBoxRow *row,
                            GtkListBox    *list_box)
{
  g_assert (CD_IS_WINDOW (self));

  if (row == NULL || self->database == NULL)
    return;

  if (CD_IS_STORE_ROW (row))
    _cd_window_show_store (self, cd_store_row_get_kind (CD_STORE_ROW (row)));
  else if (row == self->expiring_row)
    _cd_window_show_expiring_page (self);
  else if (row == self->devices_row)
    _cd_window_show_devices_page (self);
}

static void
on_sidebar_row_activated_cb (CdWindow      *self,
                             GtkListBoxRow *row,
                             GtkListBox    *list_box)
{
  g_assert (CD_IS_WINDOW (self));

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
on_back_clicked_cb (CdWindow  *self,
                    GtkButton *button)
{
  g_assert (CD_IS_WINDOW (self));

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
reload_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  cd_window_reload (CD_WINDOW (user_data));
}

static void
search_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  CdWindow *self = CD_WINDOW (user_data);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
show_store_action (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  CdWindow *self = CD_WINDOW (user_data);
  CdStoreKind kind;

  if (!cd_store_kind_from_id (g_variant_get_string (param, NULL), &kind))
    return;

  cd_window_select_store (self, kind);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
show_selected_action (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  CdWindow *self = CD_WINDOW (user_data);
  g_autoptr(GPtrArray) rows = NULL;

  if (self->showing_expiring || self->showing_devices)
    return;

  rows = cd_store_view_dup_selected (self->store_view);
  for (guint i = 0; i < rows->len; i++)
    cd_window_show_certificate (self, g_ptr_array_index (rows, i));
}

static const GActionEntry window_actions[] = {
  { "import", _cd_window_import_action },
  { "paste", _cd_window_paste_action },
  { "show-selected", show_selected_action },
  { "check-selected", _cd_window_check_selected_action },
  { "reload", reload_action },
  { "search", search_action },
  { "show-store", show_store_action, "s" },
};

static GSettings *
new_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);

  /* Without its schema GSettings aborts; a window that forgets its size
   * is better than no window.
   */
  if (schema == NULL)
    {
      g_warning ("The settings schema %s is not installed; the window size and "
                 "store will not be remembered", APP_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

static void
save_window_state (CdWindow *self)
{
  int width;
  int height;
  gboolean maximized;

  g_assert (CD_IS_WINDOW (self));

  if (self->settings == NULL)
    return;

  maximized = gtk_window_is_maximized (GTK_WINDOW (self));
  g_settings_set_boolean (self->settings, "window-maximized", maximized);

  /* Keep the size to return to when the window is unmaximized. */
  if (!maximized)
    {
      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
}

static void
ensure_icons (CdWindow *self)
{
  GtkIconTheme *theme;
  g_auto(GStrv) paths = NULL;

  g_assert (CD_IS_WINDOW (self));

  /* GtkApplication adds our icons to the theme; a window made without
   * one (as tests do) must find the key icon too.
   */
  theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (self)));
  paths = gtk_icon_theme_get_resource_path (theme);
  if (paths == NULL || !g_strv_contains ((const char * const *)paths, RESOURCE_BASE "/icons"))
    gtk_icon_theme_add_resource_path (theme, RESOURCE_BASE "/icons");
}

static gboolean
cd_window_close_request (GtkWindow *window)
{
  CdWindow *self = (CdWindow *)window;

  save_window_state (self);

  return GTK_WINDOW_CLASS (cd_window_parent_class)->close_request (window);
}

static void
cd_window_constructed (GObject *object)
{
  CdWindow *self = (CdWindow *)object;
  CdStoreKind kind = CD_STORE_KIND_MY;

  G_OBJECT_CLASS (cd_window_parent_class)->constructed (object);

  self->settings = new_settings ();
  if (self->settings != NULL)
    {
      g_autofree char *id = g_settings_get_string (self->settings, "selected-store");

      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
      if (!cd_store_kind_from_id (id, &kind))
        kind = CD_STORE_KIND_MY;
    }

  if (self->database == NULL)
    {
      cd_window_show_database_error (self, NULL);
      return;
    }

  if (self->keyring == NULL)
    self->keyring = cd_keyring_new (TRUE);

  _cd_window_setup_import (self);
  _cd_window_setup_manage (self);
  _cd_window_setup_export (self);
  _cd_window_setup_request (self);
  _cd_window_setup_ca (self);
  _cd_window_setup_devices (self);

  _cd_window_setup_expiring (self);

  _cd_window_watch_database (self);
  _cd_window_update_counts (self);
  cd_window_select_store (self, kind);
}

static void
cd_window_dispose (GObject *object)
{
  CdWindow *self = (CdWindow *)object;

  _cd_window_dispose_import (self);
  _cd_window_dispose_open (self);
  _cd_window_dispose_manage (self);
  _cd_window_dispose_devices (self);

  _cd_window_dispose_watch (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_WINDOW);

  for (guint i = 0; i < CD_N_STORE_KINDS; i++)
    {
      g_clear_object (&self->stores[i]);
      self->rows[i] = NULL;
    }

  g_clear_object (&self->settings);
  g_clear_handle_id (&self->trust_sync_id, g_source_remove);
  g_cancellable_cancel (self->trust_cancellable);
  g_clear_object (&self->trust_cancellable);
  g_clear_object (&self->database);
  g_clear_object (&self->keyring);

  G_OBJECT_CLASS (cd_window_parent_class)->dispose (object);
}

static void
cd_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CdWindow *self = CD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, cd_window_get_database (self));
      break;

    case PROP_KEYRING:
      g_value_set_object (value, cd_window_get_keyring (self));
      break;

    case PROP_SELECTED_STORE:
      g_value_set_int (value, cd_window_get_selected_store (self));
      break;

    case PROP_IMPORTING:
      g_value_set_boolean (value, cd_window_get_importing (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  CdWindow *self = CD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      self->database = g_value_dup_object (value);
      break;

    case PROP_KEYRING:
      self->keyring = g_value_dup_object (value);
      break;

    case PROP_SELECTED_STORE:
      cd_window_select_store (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_window_class_init (CdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = cd_window_constructed;
  object_class->dispose = cd_window_dispose;
  object_class->get_property = cd_window_get_property;
  object_class->set_property = cd_window_set_property;

  window_class->close_request = cd_window_close_request;

  /**
   * CdWindow:database:
   *
   * The database the window shows; %NULL when it could not be opened,
   * in which case the window shows why.
   */
  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL,
                         CD_TYPE_DATABASE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * CdWindow:keyring:
   *
   * Where imported private keys go.
   */
  properties[PROP_KEYRING] =
    g_param_spec_object ("keyring", NULL, NULL,
                         CD_TYPE_KEYRING,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SELECTED_STORE] =
    g_param_spec_int ("selected-store", NULL, NULL,
                      CD_STORE_KIND_MY, CD_N_STORE_KINDS - 1, CD_STORE_KIND_MY,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * CdWindow:importing:
   *
   * Whether files are being imported. It turns %FALSE once the import
   * finished and the stores show its result.
   */
  properties[PROP_IMPORTING] =
    g_param_spec_boolean ("importing", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CD_TYPE_DEVICES_VIEW);
  g_type_ensure (CD_TYPE_EXPIRING_VIEW);
  g_type_ensure (CD_TYPE_IMPORT_PROGRESS);
  g_type_ensure (CD_TYPE_STORE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/cd-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CdWindow, devices_view);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, drop_overlay);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, expiring_view);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, import_progress);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, store_help_label);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, store_help_title);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, store_view);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, window_title);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_certificate_activated_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_expiring_count_changed_cb",
                                                G_CALLBACK (_cd_window_on_expiring_count_changed_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_search_changed_cb",
                                                G_CALLBACK (_cd_window_on_search_changed_cb));
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_selected_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_store_view_count_changed_cb",
                                                G_CALLBACK (_cd_window_on_store_view_count_changed_cb));
}

static void
cd_window_init (CdWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->trust_cancellable = g_cancellable_new ();

  ensure_icons (self);

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   window_actions,
                                   G_N_ELEMENTS (window_actions),
                                   self);

  for (guint i = 0; i < CD_N_STORE_KINDS; i++)
    {
      self->rows[i] = CD_STORE_ROW (cd_store_row_new (i));
      gtk_list_box_append (self->sidebar_list, GTK_WIDGET (self->rows[i]));
    }

  self->expiring_row = _cd_window_new_expiring_row (self);
  gtk_list_box_append (self->sidebar_list, GTK_WIDGET (self->expiring_row));
  self->devices_row = GTK_LIST_BOX_ROW (_cd_window_new_devices_row (self));
  gtk_list_box_append (self->sidebar_list, GTK_WIDGET (self->devices_row));
  gtk_list_box_set_header_func (self->sidebar_list, sidebar_header_func, NULL, NULL);

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
  g_signal_connect_object (self->search_bar,
                           "notify::search-mode-enabled",
                           G_CALLBACK (_cd_window_on_search_mode_changed_cb),
                           self,
                           G_CONNECT_SWAPPED);

  _cd_window_init_watch (self);
}

/**
 * cd_window_new:
 * @application: (nullable): the application
 * @database: (nullable): the database to show, or %NULL if it could not
 *   be opened (then call cd_window_show_database_error())
 * @keyring: (nullable): where imported private keys go; %NULL for the
 *   login keyring, unlocking it when needed
 *
 * Returns: (transfer none): a new #CdWindow
 */
CdWindow *
cd_window_new (GtkApplication *application,
               CdDatabase     *database,
               CdKeyring      *keyring)
{
  g_return_val_if_fail (!application || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (!database || CD_IS_DATABASE (database), NULL);
  g_return_val_if_fail (!keyring || CD_IS_KEYRING (keyring), NULL);

  return g_object_new (CD_TYPE_WINDOW,
                       "application", application,
                       "database", database,
                       "keyring", keyring,
                       NULL);
}

/**
 * cd_window_get_database:
 * @self: a #CdWindow
 *
 * Returns: (transfer none) (nullable): the database shown
 */
CdDatabase *
cd_window_get_database (CdWindow *self)
{
  g_return_val_if_fail (CD_IS_WINDOW (self), NULL);

  return self->database;
}

/**
 * cd_window_get_keyring:
 * @self: a #CdWindow
 *
 * Returns: (transfer none) (nullable): the keyring imports use
 */
CdKeyring *
cd_window_get_keyring (CdWindow *self)
{
  g_return_val_if_fail (CD_IS_WINDOW (self), NULL);

  return self->keyring;
}

/**
 * cd_window_get_importing:
 * @self: a #CdWindow
 *
 * Returns: %TRUE while files are being imported
 */
gboolean
cd_window_get_importing (CdWindow *self)
{
  g_return_val_if_fail (CD_IS_WINDOW (self), FALSE);

  return self->importing;
}

/**
 * cd_window_reload:
 * @self: a #CdWindow
 *
 * Reads the counts and the shown store again from the database; the
 * other stores are read again when they are next shown.
 */
void
cd_window_reload (CdWindow *self)
{
  g_return_if_fail (CD_IS_WINDOW (self));

  if (self->database == NULL)
    return;

  self->stale = (1u << CD_N_STORE_KINDS) - 1;
  _cd_window_update_counts (self);
  _cd_window_reload_store (self, self->kind);
  _cd_window_reload_devices (self);
  _cd_window_schedule_trust_sync (self);
}

/**
 * cd_window_show_preferences:
 * @self: a #CdWindow
 *
 * Opens the preferences, bound to the settings the window follows.
 */
void
cd_window_show_preferences (CdWindow *self)
{
  GtkWidget *preferences;

  g_return_if_fail (CD_IS_WINDOW (self));

  preferences = cd_preferences_window_new (GTK_WINDOW (self), self->settings);
  cd_preferences_window_set_database (CD_PREFERENCES_WINDOW (preferences), self->database);
  gtk_window_present (GTK_WINDOW (preferences));
}

/**
 * cd_window_show_database_error:
 * @self: a #CdWindow
 * @error: (nullable): why the database could not be opened
 *
 * Shows @error in place of the certificates. Import and search are
 * turned off, since there is nowhere to put or find anything.
 */
void
cd_window_show_database_error (CdWindow     *self,
                               const GError *error)
{
  g_autofree char *description = NULL;

  g_return_if_fail (CD_IS_WINDOW (self));

  if (error != NULL)
    description = g_markup_escape_text (error->message, -1);

  adw_status_page_set_description (self->error_page, description);
  gtk_stack_set_visible_child_name (self->main_stack, "error");
  gtk_widget_set_sensitive (GTK_WIDGET (self->sidebar_list), FALSE);
  adw_window_title_set_title (self->window_title, _("Certdesk"));
  adw_window_title_set_subtitle (self->window_title, NULL);

  set_action_enabled (self, "import", FALSE);
  set_action_enabled (self, "paste", FALSE);
  set_action_enabled (self, "reload", FALSE);
  set_action_enabled (self, "search", FALSE);
  set_action_enabled (self, "show-selected", FALSE);
  set_action_enabled (self, "check-selected", FALSE);
  set_action_enabled (self, "show-store", FALSE);
}
