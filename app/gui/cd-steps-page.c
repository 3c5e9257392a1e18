/* cd-steps-page.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* CdStepsPage lists what a device profile says to do by hand on the
 * device, each step with a check button and the section of the vendor
 * document it comes from. Ticks are kept in the database per
 * certificate (its SHA-256) and profile, so they come back when the
 * certificate is opened again, from any store.
 */

#define G_LOG_DOMAIN "cd-steps-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cd-check-list.h"
#include "cd-database.h"
#include "cd-steps-page.h"

struct _CdStepsPage
{
  GtkWidget            parent_instance;

  /* Template widgets */
  GtkStack            *stack;
  AdwPreferencesGroup *steps_group;

  /* Owned references */
  CdDatabase          *database;
  CdProfile           *profile;
  char                *sha256;

  /* Borrowed references */
  GPtrArray           *rows;       /* AdwActionRow */
  GPtrArray           *checks;     /* GtkCheckButton, named by their step */

  gboolean             loading;
};

G_DEFINE_FINAL_TYPE (CdStepsPage, cd_steps_page, GTK_TYPE_WIDGET)

static void
update_description (CdStepsPage *self)
{
  g_autofree char *text = NULL;
  guint done = 0;

  for (guint i = 0; i < self->checks->len; i++)
    {
      if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
        done++;
    }

  /* The document once here; each step names its section. */
  /* translators: the first %u is the steps ticked, the second all of them;
   * %s is the vendor document the steps come from
   */
  text = g_strdup_printf (ngettext ("%u of %u step done. Tick each one as you do it on the "
                                    "device; Certdesk remembers them for this certificate. "
                                    "From %s.",
                                    "%u of %u steps done. Tick each one as you do it on the "
                                    "device; Certdesk remembers them for this certificate. "
                                    "From %s.",
                                    self->checks->len),
                          done, self->checks->len, cd_profile_get_document (self->profile));
  adw_preferences_group_set_description (self->steps_group, text);
}

static void
on_check_toggled_cb (CdStepsPage    *self,
                     GtkCheckButton *check)
{
  const char *step_id = g_object_get_data (G_OBJECT (check), "cd-step");
  gboolean active = gtk_check_button_get_active (check);
  g_autoptr(GError) error = NULL;

  g_assert (CD_IS_STEPS_PAGE (self));

  if (self->loading)
    return;

  if (!cd_database_set_checklist_step (self->database, self->sha256,
                                       cd_profile_get_id (self->profile), step_id, active, &error))
    {
      /* The box shows what is stored, nothing else. */
      self->loading = TRUE;
      gtk_check_button_set_active (check, !active);
      self->loading = FALSE;
      gtk_widget_activate_action (GTK_WIDGET (self), "dialog.show-toast", "s", error->message);
      return;
    }

  update_description (self);
}

static void
clear_rows (CdStepsPage *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->steps_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->checks, 0);
}

static void
fill (CdStepsPage *self)
{
  g_auto(GStrv) done = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *steps;
  guint n;

  g_assert (CD_IS_STEPS_PAGE (self));

  clear_rows (self);

  if (self->profile == NULL || self->database == NULL || self->sha256 == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  done = cd_database_dup_checklist_done (self->database, self->sha256,
                                         cd_profile_get_id (self->profile), &error);
  if (done == NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "dialog.show-toast", "s", error->message);

  adw_preferences_group_set_title (self->steps_group, cd_profile_get_name (self->profile));

  self->loading = TRUE;
  steps = cd_profile_get_steps (self->profile);
  n = g_list_model_get_n_items (steps);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CdProfileStep) step = g_list_model_get_item (steps, i);
      g_autofree char *source = cd_check_list_dup_source_text (NULL, cd_profile_step_get_source (step));
      GtkWidget *check = gtk_check_button_new ();
      GtkWidget *row;

      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (check), "cd-step",
                              g_strdup (cd_profile_step_get_id (step)), g_free);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   done != NULL &&
                                   g_strv_contains ((const char * const *)done, cd_profile_step_get_id (step)));
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_check_toggled_cb), self,
                               G_CONNECT_SWAPPED);

      row = g_object_new (ADW_TYPE_ACTION_ROW,
                          "title", cd_profile_step_get_text (step),
                          "subtitle", source,
                          "use-markup", FALSE,
                          "activatable-widget", check,
                          NULL);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_preferences_group_add (self->steps_group, row);
      g_ptr_array_add (self->rows, row);
      g_ptr_array_add (self->checks, check);
    }
  self->loading = FALSE;

  update_description (self);
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "steps" : "empty");
}

static void
cd_steps_page_dispose (GObject *object)
{
  CdStepsPage *self = (CdStepsPage *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_STEPS_PAGE);
  /* The template's outer widget has no id, so is no template child. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->database);
  g_clear_object (&self->profile);
  g_clear_pointer (&self->sha256, g_free);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);

  G_OBJECT_CLASS (cd_steps_page_parent_class)->dispose (object);
}

static void
cd_steps_page_class_init (CdStepsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_steps_page_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/cd-steps-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CdStepsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CdStepsPage, steps_group);
}

static void
cd_steps_page_init (CdStepsPage *self)
{
  self->rows = g_ptr_array_new ();
  self->checks = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * cd_steps_page_set_certificate:
 * @self: a #CdStepsPage
 * @database: (nullable): where the ticks are kept
 * @sha256: the certificate's fingerprint
 */
void
cd_steps_page_set_certificate (CdStepsPage *self,
                               CdDatabase  *database,
                               const char  *sha256)
{
  g_return_if_fail (CD_IS_STEPS_PAGE (self));
  g_return_if_fail (!database || CD_IS_DATABASE (database));
  g_return_if_fail (sha256 != NULL);

  g_set_object (&self->database, database);
  g_free (self->sha256);
  self->sha256 = g_strdup (sha256);
  fill (self);
}

/**
 * cd_steps_page_set_profile:
 * @self: a #CdStepsPage
 * @profile: (nullable): the device whose steps to show
 */
void
cd_steps_page_set_profile (CdStepsPage *self,
                           CdProfile   *profile)
{
  g_return_if_fail (CD_IS_STEPS_PAGE (self));
  g_return_if_fail (!profile || CD_IS_PROFILE (profile));

  if (g_set_object (&self->profile, profile))
    fill (self);
}

/**
 * cd_steps_page_get_check:
 * @self: a #CdStepsPage
 * @step_id: a step of the profile shown
 *
 * Returns: (transfer none) (nullable): the check button of @step_id
 */
GtkCheckButton *
cd_steps_page_get_check (CdStepsPage *self,
                         const char  *step_id)
{
  g_return_val_if_fail (CD_IS_STEPS_PAGE (self), NULL);
  g_return_val_if_fail (step_id != NULL, NULL);

  for (guint i = 0; i < self->checks->len; i++)
    {
      GObject *check = g_ptr_array_index (self->checks, i);

      if (g_strcmp0 (g_object_get_data (check, "cd-step"), step_id) == 0)
        return GTK_CHECK_BUTTON (check);
    }

  return NULL;
}
