/* cd-preferences-window.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* CdPreferencesWindow holds the few things a user may set: for now how
 * many days ahead "Expiring Soon" looks. Each widget is bound to its
 * GSettings key, so a change takes effect at once and the window that
 * shows the list follows the key, not this window.
 */

#define G_LOG_DOMAIN "cd-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-preferences-window.h"

struct _CdPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  GtkAdjustment        *days_adjustment;
  GtkSpinButton        *days_spin_button;

  /* Owned references */
  GSettings            *settings;
};

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (CdPreferencesWindow, cd_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static GParamSpec *properties [N_PROPS];

static void
cd_preferences_window_constructed (GObject *object)
{
  CdPreferencesWindow *self = (CdPreferencesWindow *)object;

  G_OBJECT_CLASS (cd_preferences_window_parent_class)->constructed (object);

  /* Without the schema there is nothing to keep a setting in. */
  if (self->settings == NULL)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->days_spin_button), FALSE);
      return;
    }

  g_settings_bind (self->settings, "expiry-warning-days",
                   self->days_adjustment, "value",
                   G_SETTINGS_BIND_DEFAULT);
}

static void
cd_preferences_window_dispose (GObject *object)
{
  CdPreferencesWindow *self = (CdPreferencesWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_PREFERENCES_WINDOW);

  g_clear_object (&self->settings);

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
}

static void
cd_preferences_window_init (CdPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
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
