/* cd-check-page.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* CdCheckPage is the Check page of the certificate dialog: the
 * certificate (or request) against the rules of a device profile, with
 * its chain and issuer taken from the stores, grouped by result. The
 * parameters the profile's rules take (e.g. the device's FQDN) are
 * asked for in entry rows; every change checks again, which takes
 * milliseconds.
 *
 * The profile offered first is the one whose steps the user ticked for
 * this certificate, else the one last chosen for any certificate
 * (GSettings "check-profile"): an administrator usually checks several
 * certificates against the same device.
 */

#define G_LOG_DOMAIN "cd-check-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cd-certificate.h"
#include "cd-check-page.h"
#include "cd-check.h"
#include "cd-database.h"
#include "cd-profile-chooser.h"
#include "cd-profile-parameters.h"

struct _CdCheckPage
{
  GtkWidget          parent_instance;

  /* Template widgets */
  CdCheckList       *check_list;
  GtkWidget         *export_button;
  AdwPreferencesGroup *parameters_group;
  AdwComboRow       *profile_row;
  GtkWidget         *summary_group;
  GtkImage          *summary_icon;
  AdwActionRow      *summary_row;

  /* Owned references */
  CdDatabase        *database;
  CdCertificateInfo *info;
  GPtrArray         *profiles;         /* CdProfile of each profile_row item; NULL first */
  GHashTable        *parameters;       /* name → value, kept across profiles */
  GSettings         *settings;         /* NULL without the schema */
  char              *summary;

  /* Borrowed references */
  GPtrArray         *parameter_rows;   /* AdwEntryRow, named by their parameter */

  gboolean           can_export;
  gboolean           loading;
};

enum {
  PROP_0,
  PROP_PROFILE,
  N_PROPS
};

enum {
  EXPORT,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (CdCheckPage, cd_check_page, GTK_TYPE_WIDGET)

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static GSettings *
new_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);

  /* An older schema without the key only loses the memory of it. */
  if (schema == NULL || !g_settings_schema_has_key (schema, "check-profile"))
    return NULL;

  return g_settings_new_full (schema, NULL, NULL);
}

static void
set_summary (CdCheckPage   *self,
             CdCheckStatus  status,
             const char    *text)
{
  static const char * const classes[] = { "success", "warning", "error" };
  const char *css_class = "success";
  const char *icon_name = "emblem-ok-symbolic";

  g_free (self->summary);
  self->summary = g_strdup (text);

  if (status == CD_CHECK_STATUS_FAIL)
    {
      css_class = "error";
      icon_name = "dialog-error-symbolic";
    }
  else if (status == CD_CHECK_STATUS_WARNING)
    {
      css_class = "warning";
      icon_name = "dialog-warning-symbolic";
    }

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->summary_icon), classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->summary_icon), css_class);
  gtk_image_set_from_icon_name (self->summary_icon, icon_name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->summary_row), text);
}

static void
run_check (CdCheckPage *self)
{
  CdProfile *profile = cd_check_page_get_profile (self);
  g_autoptr(CdCheckInput) input = NULL;
  g_autoptr(GListModel) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GHashTableIter iter;
  gpointer name, value;
  CdCheckStatus worst;
  guint n_failed;
  guint n_warnings;

  g_assert (CD_IS_CHECK_PAGE (self));

  gtk_widget_set_visible (self->summary_group, profile != NULL && self->info != NULL);
  if (profile == NULL || self->info == NULL)
    {
      cd_check_list_set_results (self->check_list, NULL, NULL);
      g_clear_pointer (&self->summary, g_free);
      return;
    }

  input = cd_check_input_new ();
  if (cd_certificate_info_get_is_request (self->info))
    {
      cd_check_input_set_request (input, cd_certificate_info_get_der (self->info));
    }
  else
    {
      cd_check_input_set_certificate (input, cd_certificate_info_get_der (self->info));
      /* Without the stores the chain rules say what is missing. */
      if (self->database != NULL && !cd_check_input_fill_from_database (input, self->database, &error))
        g_debug ("Could not build the chain: %s", error->message);
    }

  g_hash_table_iter_init (&iter, self->parameters);
  while (g_hash_table_iter_next (&iter, &name, &value))
    {
      if (((const char *)value)[0] != '\0')
        cd_check_input_set_parameter (input, name, value);
    }

  results = cd_profile_check (profile, input);
  cd_check_list_set_results (self->check_list, profile, results);

  n_failed = cd_check_list_get_n_results (self->check_list, CD_CHECK_STATUS_FAIL);
  n_warnings = cd_check_list_get_n_results (self->check_list, CD_CHECK_STATUS_WARNING);
  worst = cd_check_results_get_worst (results);
  if (n_failed > 0)
    /* translators: %u is a number of rules; %s a device, e.g. "Mitel OpenScape Voice" */
    text = g_strdup_printf (ngettext ("%u rule fails: %s will not accept this certificate.",
                                      "%u rules fail: %s will not accept this certificate.",
                                      n_failed),
                            n_failed, cd_profile_get_name (profile));
  else if (n_warnings > 0)
    /* translators: %u is a number of warnings */
    text = g_strdup_printf (ngettext ("No rule fails, with %u warning to look at.",
                                      "No rule fails, with %u warnings to look at.",
                                      n_warnings),
                            n_warnings);
  else
    /* translators: %s is a device, e.g. "Mitel OpenScape Voice" */
    text = g_strdup_printf (_("Meets every rule of %s that Certdesk can check."),
                            cd_profile_get_name (profile));

  set_summary (self, worst, text);
}

static void
on_parameter_changed_cb (CdCheckPage *self,
                         GtkEditable *editable)
{
  const char *name = g_object_get_data (G_OBJECT (editable), "cd-parameter");
  g_autofree char *value = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  g_assert (CD_IS_CHECK_PAGE (self));

  g_hash_table_insert (self->parameters, g_strdup (name), g_steal_pointer (&value));
  run_check (self);
}

static void
fill_parameters (CdCheckPage *self)
{
  CdProfile *profile = cd_check_page_get_profile (self);
  g_auto(GStrv) names = NULL;

  g_assert (CD_IS_CHECK_PAGE (self));

  for (guint i = 0; i < self->parameter_rows->len; i++)
    adw_preferences_group_remove (self->parameters_group, g_ptr_array_index (self->parameter_rows, i));
  g_ptr_array_set_size (self->parameter_rows, 0);

  if (profile != NULL)
    names = cd_profile_dup_parameters (profile);

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      const char *value = g_hash_table_lookup (self->parameters, names[i]);
      GtkWidget *row = g_object_new (ADW_TYPE_ENTRY_ROW,
                                     "title", cd_profile_parameter_get_title (names[i]),
                                     "use-markup", FALSE,
                                     NULL);

      g_object_set_data_full (G_OBJECT (row), "cd-parameter", g_strdup (names[i]), g_free);
      gtk_editable_set_text (GTK_EDITABLE (row), value != NULL ? value : "");
      g_signal_connect_object (row, "changed", G_CALLBACK (on_parameter_changed_cb), self,
                               G_CONNECT_SWAPPED);
      adw_preferences_group_add (self->parameters_group, row);
      g_ptr_array_add (self->parameter_rows, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->parameters_group), self->parameter_rows->len > 0);
}

static void
update_export_button (CdCheckPage *self,
                      gboolean     has_preset)
{
  const char *tooltip;

  if (!self->can_export)
    tooltip = _("Only a certificate in your stores can be exported");
  else if (!has_preset)
    tooltip = _("The device's profile names no export format");
  else
    tooltip = _("Export with the format this device imports");

  gtk_widget_set_visible (self->export_button, self->can_export);
  gtk_widget_set_sensitive (self->export_button, self->can_export && has_preset);
  gtk_widget_set_tooltip_text (self->export_button, tooltip);
}

static void
on_profile_selected_cb (CdCheckPage *self)
{
  g_autoptr(CdExportOptions) options = NULL;
  CdProfile *profile;

  g_assert (CD_IS_CHECK_PAGE (self));

  /* Under the result, not in the row: the row needs its width for the name. */
  profile = cd_check_page_get_profile (self);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->summary_group),
                                         profile != NULL ? cd_profile_get_description (profile) : NULL);

  if (profile != NULL)
    options = cd_profile_dup_export_options (profile);
  update_export_button (self, options != NULL);

  if (!self->loading && self->settings != NULL)
    g_settings_set_string (self->settings, "check-profile",
                           profile != NULL ? cd_profile_get_id (profile) : "");

  fill_parameters (self);
  run_check (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFILE]);
}

static void
on_export_clicked_cb (CdCheckPage *self)
{
  g_assert (CD_IS_CHECK_PAGE (self));

  if (cd_check_page_get_profile (self) != NULL)
    g_signal_emit (self, signals[EXPORT], 0, cd_check_page_get_profile (self));
}

static void
fill_profiles (CdCheckPage *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GListModel *profiles = cd_profile_chooser_get_all_profiles (NULL);

  g_assert (CD_IS_CHECK_PAGE (self));

  g_ptr_array_add (self->profiles, NULL);
  gtk_string_list_append (names, _("None"));

  for (guint i = 0; i < g_list_model_get_n_items (profiles); i++)
    {
      g_autoptr(CdProfile) profile = g_list_model_get_item (profiles, i);

      gtk_string_list_append (names, cd_profile_get_name (profile));
      g_ptr_array_add (self->profiles, g_steal_pointer (&profile));
    }

  self->loading = TRUE;
  adw_combo_row_set_model (self->profile_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->profile_row, 0);
  self->loading = FALSE;
}

/* The profile whose steps were ticked for this certificate, if any. */
static const char *
find_ticked_profile (CdCheckPage *self,
                     const char  *sha256)
{
  for (guint i = 1; i < self->profiles->len; i++)
    {
      CdProfile *profile = g_ptr_array_index (self->profiles, i);
      g_auto(GStrv) done = NULL;
      g_autoptr(GError) error = NULL;

      if (g_list_model_get_n_items (cd_profile_get_steps (profile)) == 0)
        continue;

      done = cd_database_dup_checklist_done (self->database, sha256, cd_profile_get_id (profile), &error);
      if (done == NULL)
        {
          g_debug ("Could not read the checklist: %s", error->message);
          return NULL;
        }
      if (done[0] != NULL)
        return cd_profile_get_id (profile);
    }

  return NULL;
}

/* The first item, "None", has no profile. */
static void
clear_profile (gpointer data)
{
  g_clear_object (&data);
}

static void
cd_check_page_dispose (GObject *object)
{
  CdCheckPage *self = (CdCheckPage *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_CHECK_PAGE);
  /* The template's outer widget has no id, so is no template child. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->database);
  g_clear_object (&self->info);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->profiles, g_ptr_array_unref);
  g_clear_pointer (&self->parameters, g_hash_table_unref);
  g_clear_pointer (&self->parameter_rows, g_ptr_array_unref);
  g_clear_pointer (&self->summary, g_free);

  G_OBJECT_CLASS (cd_check_page_parent_class)->dispose (object);
}

static void
cd_check_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CdCheckPage *self = CD_CHECK_PAGE (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      g_value_set_object (value, cd_check_page_get_profile (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_check_page_class_init (CdCheckPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_check_page_dispose;
  object_class->get_property = cd_check_page_get_property;

  properties[PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL,
                         CD_TYPE_PROFILE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CdCheckPage::export:
   * @self: a #CdCheckPage
   * @profile: the profile chosen
   *
   * Emitted by "Export for This Device…": the dialog opens the export
   * preset with the profile's choice.
   */
  signals[EXPORT] =
    g_signal_new ("export",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, CD_TYPE_PROFILE);

  g_type_ensure (CD_TYPE_CHECK_LIST);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/cd-check-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CdCheckPage, check_list);
  gtk_widget_class_bind_template_child (widget_class, CdCheckPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, CdCheckPage, parameters_group);
  gtk_widget_class_bind_template_child (widget_class, CdCheckPage, profile_row);
  gtk_widget_class_bind_template_child (widget_class, CdCheckPage, summary_group);
  gtk_widget_class_bind_template_child (widget_class, CdCheckPage, summary_icon);
  gtk_widget_class_bind_template_child (widget_class, CdCheckPage, summary_row);
  gtk_widget_class_bind_template_callback (widget_class, on_export_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_profile_selected_cb);
}

static void
cd_check_page_init (CdCheckPage *self)
{
  self->profiles = g_ptr_array_new_with_free_func (clear_profile);
  self->parameters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->parameter_rows = g_ptr_array_new ();
  self->settings = new_settings ();

  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  fill_profiles (self);
  self->loading = FALSE;
}

/**
 * cd_check_page_set_certificate:
 * @self: a #CdCheckPage
 * @database: (nullable): the stores, for the chain and the issuer
 * @info: the certificate or request to check
 *
 * Checks @info against the profile remembered for it, if any.
 */
void
cd_check_page_set_certificate (CdCheckPage       *self,
                               CdDatabase        *database,
                               CdCertificateInfo *info)
{
  const char *id = NULL;
  g_autofree char *last = NULL;

  g_return_if_fail (CD_IS_CHECK_PAGE (self));
  g_return_if_fail (!database || CD_IS_DATABASE (database));
  g_return_if_fail (CD_IS_CERTIFICATE_INFO (info));

  g_set_object (&self->database, database);
  g_set_object (&self->info, info);

  if (self->database != NULL)
    id = find_ticked_profile (self, cd_certificate_get_sha256 (cd_certificate_info_get_row (info)));
  if (id == NULL && self->settings != NULL)
    id = last = g_settings_get_string (self->settings, "check-profile");

  /* Choosing it here is not the user choosing it again. */
  self->loading = TRUE;
  if (id == NULL || id[0] == '\0' || !cd_check_page_set_profile_id (self, id))
    run_check (self);
  self->loading = FALSE;
}

/**
 * cd_check_page_set_can_export:
 * @self: a #CdCheckPage
 * @can_export: whether the dialog can export the certificate
 *
 * Shows "Export for This Device…" for a certificate in a store.
 */
void
cd_check_page_set_can_export (CdCheckPage *self,
                              gboolean     can_export)
{
  g_autoptr(CdExportOptions) options = NULL;

  g_return_if_fail (CD_IS_CHECK_PAGE (self));

  self->can_export = !!can_export;
  if (cd_check_page_get_profile (self) != NULL)
    options = cd_profile_dup_export_options (cd_check_page_get_profile (self));
  update_export_button (self, options != NULL);
}

/**
 * cd_check_page_get_profile:
 * @self: a #CdCheckPage
 *
 * Returns: (transfer none) (nullable): the profile chosen
 */
CdProfile *
cd_check_page_get_profile (CdCheckPage *self)
{
  guint selected;

  g_return_val_if_fail (CD_IS_CHECK_PAGE (self), NULL);

  selected = adw_combo_row_get_selected (self->profile_row);
  if (self->profiles == NULL || selected >= self->profiles->len)
    return NULL;

  return g_ptr_array_index (self->profiles, selected);
}

/**
 * cd_check_page_set_profile_id:
 * @self: a #CdCheckPage
 * @id: (nullable): a profile id, %NULL for none
 *
 * Chooses the profile @id in the Device row, as the user would.
 *
 * Returns: %FALSE if there is no profile @id
 */
gboolean
cd_check_page_set_profile_id (CdCheckPage *self,
                              const char  *id)
{
  g_return_val_if_fail (CD_IS_CHECK_PAGE (self), FALSE);

  for (guint i = 0; i < self->profiles->len; i++)
    {
      CdProfile *profile = g_ptr_array_index (self->profiles, i);

      if ((id == NULL && profile == NULL) ||
          (id != NULL && profile != NULL && g_str_equal (cd_profile_get_id (profile), id)))
        {
          if (adw_combo_row_get_selected (self->profile_row) == i)
            run_check (self);
          else
            adw_combo_row_set_selected (self->profile_row, i);
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * cd_check_page_get_check_list:
 * @self: a #CdCheckPage
 *
 * Returns: (transfer none): the list of results
 */
CdCheckList *
cd_check_page_get_check_list (CdCheckPage *self)
{
  g_return_val_if_fail (CD_IS_CHECK_PAGE (self), NULL);

  return self->check_list;
}

/**
 * cd_check_page_get_parameter_row:
 * @self: a #CdCheckPage
 * @name: a parameter, e.g. "fqdn"
 *
 * Returns: (transfer none) (nullable): the entry row of @name, when the
 *   profile chosen takes it
 */
GtkEditable *
cd_check_page_get_parameter_row (CdCheckPage *self,
                                 const char  *name)
{
  g_return_val_if_fail (CD_IS_CHECK_PAGE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < self->parameter_rows->len; i++)
    {
      GObject *row = g_ptr_array_index (self->parameter_rows, i);

      if (g_strcmp0 (g_object_get_data (row, "cd-parameter"), name) == 0)
        return GTK_EDITABLE (row);
    }

  return NULL;
}

/**
 * cd_check_page_get_summary:
 * @self: a #CdCheckPage
 *
 * Returns: (transfer none) (nullable): the sentence over the results,
 *   %NULL when nothing is checked
 */
const char *
cd_check_page_get_summary (CdCheckPage *self)
{
  g_return_val_if_fail (CD_IS_CHECK_PAGE (self), NULL);

  return self->summary;
}
