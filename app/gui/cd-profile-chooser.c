/* cd-profile-chooser.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* CdProfileChooser lists the device profiles a request can be made for
 * as radio rows grouped by vendor, after "No Device" and the generic
 * profiles. Profiles for a CA certificate are left out: a request is
 * never for one. Profiles that could not be loaded are listed at the
 * end with their file and line, so a user writing their own sees why
 * it is missing.
 */

#define G_LOG_DOMAIN "cd-profile-chooser"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-profile-chooser.h"

struct _CdProfileChooser
{
  GtkWidget  parent_instance;

  GtkWidget *none_check;
  GPtrArray *checks;      /* GtkCheckButton of each profile row, borrowed */
  CdProfile *profile;
};

enum {
  PROP_0,
  PROP_PROFILE,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (CdProfileChooser, cd_profile_chooser, GTK_TYPE_WIDGET)

static GParamSpec *properties [N_PROPS];

/**
 * cd_profile_chooser_get_all_profiles:
 * @problems: (out) (optional) (transfer none): the files that could not
 *   be loaded, as messages naming the file and line
 *
 * Loads the shipped and the user's profiles once per process.
 *
 * Returns: (transfer none): a #GListModel of #CdProfile, by name
 */
GListModel *
cd_profile_chooser_get_all_profiles (GPtrArray **problems)
{
  static GListModel *profiles;
  static GPtrArray *load_problems;

  if (profiles == NULL)
    {
      g_autofree char *user_dir = cd_profile_dup_default_user_dir ();

      load_problems = g_ptr_array_new_with_free_func (g_free);
      profiles = cd_profile_load_all (user_dir, load_problems);
      for (guint i = 0; i < load_problems->len; i++)
        g_message ("%s", (const char *)g_ptr_array_index (load_problems, i));
    }

  if (problems != NULL)
    *problems = load_problems;

  return profiles;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_utf8_collate (*(const char * const *)a, *(const char * const *)b);
}

static void
on_check_toggled_cb (CdProfileChooser *self,
                     GtkCheckButton   *check)
{
  CdProfile *profile;

  g_assert (CD_IS_PROFILE_CHOOSER (self));

  /* Each radio reports twice: once losing, once gaining. */
  if (!gtk_check_button_get_active (check))
    return;

  profile = g_object_get_data (G_OBJECT (check), "cd-profile");
  if (g_set_object (&self->profile, profile))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFILE]);
}

static GtkWidget *
add_row (CdProfileChooser *self,
         GtkWidget        *group,
         const char       *title,
         const char       *subtitle,
         CdProfile        *profile)
{
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *row;

  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  if (self->none_check != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), GTK_CHECK_BUTTON (self->none_check));
  g_object_set_data_full (G_OBJECT (check), "cd-profile",
                          profile != NULL ? g_object_ref (profile) : NULL, g_object_unref);
  g_signal_connect_object (check, "toggled", G_CALLBACK (on_check_toggled_cb), self,
                           G_CONNECT_SWAPPED);

  /* Names and descriptions are plain text, not markup. */
  row = g_object_new (ADW_TYPE_ACTION_ROW,
                      "title", title,
                      "subtitle", subtitle,
                      "use-markup", FALSE,
                      "activatable-widget", check,
                      NULL);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  return check;
}

static GtkWidget *
add_group (CdProfileChooser *self,
           const char       *title,
           const char       *description)
{
  GtkWidget *group = g_object_new (ADW_TYPE_PREFERENCES_GROUP,
                                   "title", title,
                                   "description", description,
                                   NULL);

  gtk_widget_set_parent (group, GTK_WIDGET (self));

  return group;
}

static void
add_problems (CdProfileChooser *self,
              GPtrArray        *problems)
{
  GtkWidget *group;

  if (problems == NULL || problems->len == 0)
    return;

  group = add_group (self, _("Profiles Not Loaded"),
                     _("These files in your profiles folder have mistakes; fix them and "
                       "open the wizard again."));
  for (guint i = 0; i < problems->len; i++)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      GtkWidget *row = g_object_new (ADW_TYPE_ACTION_ROW,
                                     "title", g_ptr_array_index (problems, i),
                                     "use-markup", FALSE,
                                     NULL);

      gtk_widget_add_css_class (icon, "warning");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
}

static void
fill (CdProfileChooser *self)
{
  g_autoptr(GHashTable) vendor_groups = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) vendors = g_ptr_array_new ();
  GPtrArray *problems = NULL;
  GListModel *profiles = cd_profile_chooser_get_all_profiles (&problems);
  GtkWidget *device_group;
  guint n = g_list_model_get_n_items (profiles);

  device_group = add_group (self, _("Device"),
                            _("For a device Certdesk knows, it fills in what the device "
                              "needs and checks the request against the device's rules."));
  self->none_check = add_row (self, device_group, _("No Device"),
                              _("Choose the purpose, key and usages yourself"), NULL);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->none_check), TRUE);

  /* Vendors in alphabetical order, each group made on first sight. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CdProfile) profile = g_list_model_get_item (profiles, i);
      const char *vendor = cd_profile_get_vendor (profile);

      if (vendor != NULL && vendor[0] != '\0' && !g_hash_table_contains (vendor_groups, vendor))
        {
          g_hash_table_insert (vendor_groups, (gpointer)vendor, NULL);
          g_ptr_array_add (vendors, (gpointer)vendor);
        }
    }
  g_ptr_array_sort (vendors, compare_strings);

  for (guint v = 0; v <= vendors->len; v++)
    {
      const char *vendor = v == 0 ? NULL : g_ptr_array_index (vendors, v - 1);
      GtkWidget *group = v == 0 ? device_group : add_group (self, vendor, NULL);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(CdProfile) profile = g_list_model_get_item (profiles, i);
          const char *profile_vendor = cd_profile_get_vendor (profile);

          if (profile_vendor != NULL && profile_vendor[0] == '\0')
            profile_vendor = NULL;
          if (g_strcmp0 (profile_vendor, vendor) != 0 ||
              cd_profile_get_role (profile) == CD_PROFILE_ROLE_CA)
            continue;

          g_ptr_array_add (self->checks,
                           add_row (self, group, cd_profile_get_name (profile),
                                    cd_profile_get_description (profile), profile));
        }
    }

  add_problems (self, problems);
}

static void
cd_profile_chooser_dispose (GObject *object)
{
  CdProfileChooser *self = (CdProfileChooser *)object;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_object (&self->profile);

  G_OBJECT_CLASS (cd_profile_chooser_parent_class)->dispose (object);
}

static void
cd_profile_chooser_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CdProfileChooser *self = CD_PROFILE_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      g_value_set_object (value, self->profile);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_profile_chooser_class_init (CdProfileChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_profile_chooser_dispose;
  object_class->get_property = cd_profile_chooser_get_property;

  /**
   * CdProfileChooser:profile:
   *
   * The profile chosen, %NULL for "No Device".
   */
  properties[PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL,
                         CD_TYPE_PROFILE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void
cd_profile_chooser_init (CdProfileChooser *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 24);

  self->checks = g_ptr_array_new ();
  fill (self);
}

GtkWidget *
cd_profile_chooser_new (void)
{
  return g_object_new (CD_TYPE_PROFILE_CHOOSER, NULL);
}

/**
 * cd_profile_chooser_get_profile:
 * @self: a #CdProfileChooser
 *
 * Returns: (transfer none) (nullable): the profile chosen
 */
CdProfile *
cd_profile_chooser_get_profile (CdProfileChooser *self)
{
  g_return_val_if_fail (CD_IS_PROFILE_CHOOSER (self), NULL);

  return self->profile;
}

/**
 * cd_profile_chooser_set_profile_id:
 * @self: a #CdProfileChooser
 * @id: (nullable): a profile id, or %NULL for "No Device"
 *
 * Chooses the profile @id, as clicking its row would.
 *
 * Returns: %FALSE if no row has that profile
 */
gboolean
cd_profile_chooser_set_profile_id (CdProfileChooser *self,
                                   const char       *id)
{
  g_return_val_if_fail (CD_IS_PROFILE_CHOOSER (self), FALSE);

  if (id == NULL)
    {
      gtk_check_button_set_active (GTK_CHECK_BUTTON (self->none_check), TRUE);
      return TRUE;
    }

  for (guint i = 0; i < self->checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->checks, i);
      CdProfile *profile = g_object_get_data (G_OBJECT (check), "cd-profile");

      if (g_strcmp0 (cd_profile_get_id (profile), id) == 0)
        {
          gtk_check_button_set_active (check, TRUE);
          return TRUE;
        }
    }

  return FALSE;
}
