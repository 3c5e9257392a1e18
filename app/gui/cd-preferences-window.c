/* cd-preferences-window.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* CdPreferencesWindow holds the few things a user may set: how many
 * days ahead "Expiring Soon" looks and how often devices are checked,
 * bound to their GSettings keys, and the Trust publishing page, whose
 * switches publish the stores to the trust Linux programs read (see cd-trust.c). Those run in a worker
 * thread: certutil takes a moment and pkexec waits for a password.
 */

#define G_LOG_DOMAIN "cd-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-database.h"
#include "cd-preferences-window.h"
#include "cd-trust.h"

struct _CdPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  GtkAdjustment        *days_adjustment;
  GtkSpinButton        *days_spin_button;
  GtkAdjustment        *interval_adjustment;
  GtkSpinButton        *interval_spin_button;
  AdwPreferencesGroup  *targets_group;
  AdwActionRow         *export_row;

  /* Owned references */
  GSettings            *settings;
  CdDatabase           *database;
  GCancellable         *cancellable;
  GPtrArray            *target_rows;   /* the rows added to targets_group */
};

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (CdPreferencesWindow, cd_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static GParamSpec *properties [N_PROPS];

static char *
describe_target (CdTrustTarget *target,
                 const GError  *error)
{
  const char *reason = cd_trust_target_get_unavailable_reason (target);
  const char *reaches = cd_trust_target_get_description (target);
  guint n = cd_trust_target_get_n_published (target);

  if (error != NULL)
    /* TRANSLATORS: %s is an error message */
    return g_strdup_printf (_("Failed: %s"), error->message);
  if (reason != NULL)
    /* TRANSLATORS: the first %s says which programs a target reaches, the second why it is unavailable */
    return g_strdup_printf (_("%s\nNot available: %s"), reaches, reason);
  if (cd_trust_target_get_enabled (target))
    return g_strdup_printf (ngettext ("%s\nOn: %u certificate published in %s",
                                      "%s\nOn: %u certificates published in %s", n),
                            reaches, n, cd_trust_target_get_location (target));
  return g_strdup (reaches);
}

static void
set_enabled_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GtkWidget) row = user_data;
  g_autoptr(CdTrustTarget) target = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *subtitle = NULL;
  CdTrustTarget *old;
  GtkSwitch *toggle;

  target = cd_trust_set_enabled_finish (CD_DATABASE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  old = g_object_get_data (G_OBJECT (row), "target");
  toggle = g_object_get_data (G_OBJECT (row), "switch");
  gtk_widget_set_sensitive (GTK_WIDGET (toggle), TRUE);

  if (target == NULL)
    {
      /* The switch goes back to what the target is; the row says why. */
      gtk_switch_set_state (toggle, cd_trust_target_get_enabled (old));
      gtk_switch_set_active (toggle, cd_trust_target_get_enabled (old));
      subtitle = describe_target (old, error);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_add_css_class (row, "error");
      return;
    }

  g_object_set_data_full (G_OBJECT (row), "target", g_object_ref (target), g_object_unref);
  gtk_widget_remove_css_class (row, "error");
  gtk_switch_set_state (toggle, cd_trust_target_get_enabled (target));
  subtitle = describe_target (target, NULL);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
}

static gboolean
target_switch_state_set_cb (GtkSwitch *toggle,
                            gboolean   state,
                            GtkWidget *row)
{
  CdPreferencesWindow *self;
  CdTrustTarget *target = g_object_get_data (G_OBJECT (row), "target");

  self = CD_PREFERENCES_WINDOW (gtk_widget_get_ancestor (row, CD_TYPE_PREFERENCES_WINDOW));
  if (self == NULL || self->database == NULL || state == cd_trust_target_get_enabled (target))
    return FALSE;

  /* The state follows when the work is done. */
  gtk_widget_set_sensitive (GTK_WIDGET (toggle), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               state ? _("Publishing…") : _("Removing Certdesk’s entries…"));
  cd_trust_set_enabled_async (self->database, target, state, self->cancellable,
                              set_enabled_cb, g_object_ref (row));
  return TRUE;
}

static GtkWidget *
make_target_row (CdTrustTarget *target)
{
  g_autofree char *subtitle = describe_target (target, NULL);
  GtkWidget *row;
  GtkWidget *toggle;

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cd_trust_target_get_title (target));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_set_tooltip_text (row, cd_trust_target_get_location (target));

  toggle = gtk_switch_new ();
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_switch_set_active (GTK_SWITCH (toggle), cd_trust_target_get_enabled (target));
  gtk_switch_set_state (GTK_SWITCH (toggle), cd_trust_target_get_enabled (target));
  /* Off is always allowed, so that what was written can be removed. */
  gtk_widget_set_sensitive (toggle, cd_trust_target_get_available (target) ||
                                    cd_trust_target_get_enabled (target));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (toggle),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);

  g_object_set_data_full (G_OBJECT (row), "target", g_object_ref (target), g_object_unref);
  g_object_set_data (G_OBJECT (row), "switch", toggle);
  g_signal_connect (toggle, "state-set", G_CALLBACK (target_switch_state_set_cb), row);

  return row;
}

static void
refresh_targets (CdPreferencesWindow *self)
{
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < self->target_rows->len; i++)
    adw_preferences_group_remove (self->targets_group, g_ptr_array_index (self->target_rows, i));
  g_ptr_array_set_size (self->target_rows, 0);

  if (self->database == NULL)
    return;

  targets = cd_trust_list_targets (self->database, NULL, &error);
  if (targets == NULL)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), error->message);
      gtk_widget_add_css_class (row, "error");
      adw_preferences_group_add (self->targets_group, row);
      g_ptr_array_add (self->target_rows, row);
      return;
    }

  for (guint i = 0; i < targets->len; i++)
    {
      GtkWidget *row = make_target_row (g_ptr_array_index (targets, i));

      adw_preferences_group_add (self->targets_group, row);
      g_ptr_array_add (self->target_rows, row);
    }
}

static void
copy_button_clicked_cb (CdPreferencesWindow *self,
                        GtkButton           *button)
{
  g_autofree char *line = cd_trust_dup_openssl_export_line ();

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), line);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (_("Line copied")));
}

static void
cd_preferences_window_constructed (GObject *object)
{
  CdPreferencesWindow *self = (CdPreferencesWindow *)object;
  g_autofree char *line = NULL;

  G_OBJECT_CLASS (cd_preferences_window_parent_class)->constructed (object);

  line = cd_trust_dup_openssl_export_line ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->export_row), line);

  /* Without the schema there is nothing to keep a setting in. */
  if (self->settings == NULL)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->days_spin_button), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->interval_spin_button), FALSE);
      return;
    }

  g_settings_bind (self->settings, "expiry-warning-days",
                   self->days_adjustment, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "device-check-interval",
                   self->interval_adjustment, "value",
                   G_SETTINGS_BIND_DEFAULT);
}

static void
cd_preferences_window_dispose (GObject *object)
{
  CdPreferencesWindow *self = (CdPreferencesWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_PREFERENCES_WINDOW);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->database);
  g_clear_pointer (&self->target_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (cd_preferences_window_parent_class)->dispose (object);
}

static void
cd_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  CdPreferencesWindow *self = CD_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_preferences_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CdPreferencesWindow *self = CD_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_preferences_window_class_init (CdPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cd_preferences_window_constructed;
  object_class->dispose = cd_preferences_window_dispose;
  object_class->get_property = cd_preferences_window_get_property;
  object_class->set_property = cd_preferences_window_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/cd-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CdPreferencesWindow, days_adjustment);
  gtk_widget_class_bind_template_child (widget_class, CdPreferencesWindow, days_spin_button);
  gtk_widget_class_bind_template_child (widget_class, CdPreferencesWindow, interval_adjustment);
  gtk_widget_class_bind_template_child (widget_class, CdPreferencesWindow, interval_spin_button);
  gtk_widget_class_bind_template_child (widget_class, CdPreferencesWindow, targets_group);
  gtk_widget_class_bind_template_child (widget_class, CdPreferencesWindow, export_row);
  gtk_widget_class_bind_template_callback (widget_class, copy_button_clicked_cb);
}

static void
cd_preferences_window_init (CdPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->target_rows = g_ptr_array_new ();
}

/**
 * cd_preferences_window_new:
 * @parent: (nullable): the window it belongs to
 * @settings: (nullable): Certdesk's settings, or %NULL when the schema
 *   is not installed (the window then changes nothing)
 *
 * Returns: (transfer none): a new modal #CdPreferencesWindow, not shown yet
 */
GtkWidget *
cd_preferences_window_new (GtkWindow *parent,
                           GSettings *settings)
{
  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (!settings || G_IS_SETTINGS (settings), NULL);

  return g_object_new (CD_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "settings", settings,
                       NULL);
}

/**
 * cd_preferences_window_set_database:
 * @self: a #CdPreferencesWindow
 * @database: (nullable): the database whose stores are published
 *
 * Fills the Trust publishing page; without a database it stays empty.
 */
void
cd_preferences_window_set_database (CdPreferencesWindow *self,
                                    CdDatabase          *database)
{
  g_return_if_fail (CD_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (!database || CD_IS_DATABASE (database));

  g_set_object (&self->database, database);
  refresh_targets (self);
}
