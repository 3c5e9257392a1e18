/* cd-check-list.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* CdCheckList shows what cd_profile_check() found, one row per rule,
 * in groups by status: Failed, Warnings, Passed, Not Applicable, each
 * with its count. A row says its status with an icon and a word, not
 * by colour alone, then what the rule asks, what was found, how to fix
 * it and where in the vendor's document the rule comes from. The
 * request wizard's Review page and the certificate dialog's Check page
 * both use it.
 */

#define G_LOG_DOMAIN "cd-check-list"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cd-check-list.h"

#define N_GROUPS 4

struct _CdCheckList
{
  GtkWidget   parent_instance;

  GtkWidget  *groups[N_GROUPS];   /* AdwPreferencesGroup, by CdCheckStatus */
  GPtrArray  *rows;               /* the rows shown, borrowed */
  GListModel *results;
  guint       counts[N_GROUPS];
  gboolean    show_not_applicable;
};

G_DEFINE_FINAL_TYPE (CdCheckList, cd_check_list, GTK_TYPE_WIDGET)

/* Failures first: they are what the user came for. */
static const CdCheckStatus group_order[N_GROUPS] = {
  CD_CHECK_STATUS_FAIL,
  CD_CHECK_STATUS_WARNING,
  CD_CHECK_STATUS_PASS,
  CD_CHECK_STATUS_NOT_APPLICABLE,
};

static char *
dup_group_title (CdCheckStatus status,
                 guint         n)
{
  switch (status)
    {
    /* translators: %u is a number of rules */
    case CD_CHECK_STATUS_FAIL: return g_strdup_printf (_("Failed (%u)"), n);
    /* translators: %u is a number of rules */
    case CD_CHECK_STATUS_WARNING: return g_strdup_printf (_("Warnings (%u)"), n);
    /* translators: %u is a number of rules */
    case CD_CHECK_STATUS_PASS: return g_strdup_printf (_("Passed (%u)"), n);
    /* translators: %u is a number of rules */
    case CD_CHECK_STATUS_NOT_APPLICABLE: return g_strdup_printf (_("Not Applicable (%u)"), n);
    default: g_assert_not_reached ();
    }
}

static const char *
get_icon_name (CdCheckStatus status)
{
  switch (status)
    {
    case CD_CHECK_STATUS_PASS: return "emblem-ok-symbolic";
    case CD_CHECK_STATUS_WARNING: return "dialog-warning-symbolic";
    case CD_CHECK_STATUS_FAIL: return "dialog-error-symbolic";
    case CD_CHECK_STATUS_NOT_APPLICABLE: return "action-unavailable-symbolic";
    default: g_assert_not_reached ();
    }
}

static const char *
get_css_class (CdCheckStatus status)
{
  switch (status)
    {
    case CD_CHECK_STATUS_PASS: return "success";
    case CD_CHECK_STATUS_WARNING: return "warning";
    case CD_CHECK_STATUS_FAIL: return "error";
    case CD_CHECK_STATUS_NOT_APPLICABLE: return "dim-label";
    default: g_assert_not_reached ();
    }
}

/**
 * cd_check_list_dup_source_text:
 * @profile: (nullable): the profile the rule or step is from
 * @section: (nullable): the section of the profile's document
 *
 * Returns: (transfer full) (nullable): "Source: <document>, <section>",
 *   or %NULL when there is no section
 */
char *
cd_check_list_dup_source_text (CdProfile  *profile,
                               const char *section)
{
  const char *document = profile != NULL ? cd_profile_get_document (profile) : NULL;

  if (section == NULL || section[0] == '\0')
    return NULL;

  if (document == NULL || document[0] == '\0')
    /* translators: %s is a section of a vendor document, e.g. "§3.1.5" */
    return g_strdup_printf (_("Source: %s"), section);

  /* translators: the first %s is a vendor document, the second a section of it */
  return g_strdup_printf (_("Source: %s, %s"), document, section);
}

static GtkWidget *
new_label (const char *text,
           const char *css_class)
{
  GtkWidget *label = g_object_new (GTK_TYPE_LABEL,
                                   "label", text,
                                   "xalign", 0.0f,
                                   "wrap", TRUE,
                                   "wrap-mode", PANGO_WRAP_WORD_CHAR,
                                   "selectable", FALSE,
                                   NULL);

  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

static GtkWidget *
new_row (CdProfile     *profile,
         CdCheckResult *result)
{
  CdCheckStatus status = cd_check_result_get_status (result);
  const char *hint = cd_check_result_get_hint (result);
  const char *message = cd_check_result_get_message (result);
  g_autofree char *source = cd_check_list_dup_source_text (profile, cd_check_result_get_source (result));
  GtkWidget *row;
  GtkWidget *box;
  GtkWidget *text;
  GtkWidget *icon;
  GtkWidget *status_label;
  GtkWidget *label;

  icon = gtk_image_new_from_icon_name (get_icon_name (status));
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_add_css_class (icon, get_css_class (status));
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, cd_check_status_get_label (status),
                                  -1);

  text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (text), new_label (cd_check_result_get_title (result), "heading"));
  if (message != NULL && message[0] != '\0')
    gtk_box_append (GTK_BOX (text), new_label (message, NULL));

  /* A fix only matters for what failed. */
  if (hint != NULL && hint[0] != '\0' &&
      (status == CD_CHECK_STATUS_FAIL || status == CD_CHECK_STATUS_WARNING))
    {
      label = new_label (hint, "check-hint");
      gtk_box_append (GTK_BOX (text), label);
    }

  if (source != NULL)
    {
      label = new_label (source, "caption");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (text), label);
    }

  status_label = new_label (cd_check_status_get_label (status), "caption-heading");
  gtk_widget_set_valign (status_label, GTK_ALIGN_START);
  gtk_label_set_wrap (GTK_LABEL (status_label), FALSE);
  gtk_widget_add_css_class (status_label, get_css_class (status));

  box = g_object_new (GTK_TYPE_BOX,
                      "orientation", GTK_ORIENTATION_HORIZONTAL,
                      "spacing", 12,
                      "margin-top", 10,
                      "margin-bottom", 10,
                      "margin-start", 12,
                      "margin-end", 12,
                      NULL);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), status_label);

  row = g_object_new (ADW_TYPE_PREFERENCES_ROW,
                      "title", cd_check_result_get_title (result),
                      "activatable", FALSE,
                      "child", box,
                      NULL);
  gtk_widget_add_css_class (row, "check-row");
  g_object_set_data_full (G_OBJECT (row), "cd-rule-id",
                          g_strdup (cd_check_result_get_rule_id (result)), g_free);
  g_object_set_data (G_OBJECT (row), "cd-status", GINT_TO_POINTER (status));

  return row;
}

static guint
get_group_index (CdCheckStatus status)
{
  for (guint i = 0; i < N_GROUPS; i++)
    {
      if (group_order[i] == status)
        return i;
    }

  g_assert_not_reached ();
}

static void
update_groups (CdCheckList *self)
{
  for (guint i = 0; i < N_GROUPS; i++)
    {
      g_autofree char *title = dup_group_title (group_order[i], self->counts[i]);
      gboolean visible = self->counts[i] > 0;

      if (group_order[i] == CD_CHECK_STATUS_NOT_APPLICABLE && !self->show_not_applicable)
        visible = FALSE;

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->groups[i]), title);
      gtk_widget_set_visible (self->groups[i], visible);
    }
}

static void
cd_check_list_dispose (GObject *object)
{
  CdCheckList *self = (CdCheckList *)object;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->results);

  G_OBJECT_CLASS (cd_check_list_parent_class)->dispose (object);
}

static void
cd_check_list_class_init (CdCheckListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_check_list_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "checklist");
}

static void
cd_check_list_init (CdCheckList *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 24);

  self->rows = g_ptr_array_new ();
  self->show_not_applicable = TRUE;

  for (guint i = 0; i < N_GROUPS; i++)
    {
      self->groups[i] = adw_preferences_group_new ();
      gtk_widget_set_parent (self->groups[i], GTK_WIDGET (self));
    }

  update_groups (self);
}

GtkWidget *
cd_check_list_new (void)
{
  return g_object_new (CD_TYPE_CHECK_LIST, NULL);
}

/**
 * cd_check_list_set_results:
 * @self: a #CdCheckList
 * @profile: (nullable): the profile checked against, for the name of
 *   its document
 * @results: (nullable): a #GListModel of #CdCheckResult, or %NULL to
 *   show nothing
 */
void
cd_check_list_set_results (CdCheckList *self,
                           CdProfile   *profile,
                           GListModel  *results)
{
  guint n;

  g_return_if_fail (CD_IS_CHECK_LIST (self));
  g_return_if_fail (!profile || CD_IS_PROFILE (profile));
  g_return_if_fail (!results || G_IS_LIST_MODEL (results));

  /* A score of rows at most: rebuilding is simpler than diffing. */
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      CdCheckStatus status = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "cd-status"));

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->groups[get_group_index (status)]), row);
    }
  g_ptr_array_set_size (self->rows, 0);
  memset (self->counts, 0, sizeof self->counts);
  g_set_object (&self->results, results);

  n = results != NULL ? g_list_model_get_n_items (results) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CdCheckResult) result = g_list_model_get_item (results, i);
      guint group = get_group_index (cd_check_result_get_status (result));
      GtkWidget *row = new_row (profile, result);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->groups[group]), row);
      g_ptr_array_add (self->rows, row);
      self->counts[group]++;
    }

  update_groups (self);
}

/**
 * cd_check_list_get_results:
 * @self: a #CdCheckList
 *
 * Returns: (transfer none) (nullable): the results shown
 */
GListModel *
cd_check_list_get_results (CdCheckList *self)
{
  g_return_val_if_fail (CD_IS_CHECK_LIST (self), NULL);

  return self->results;
}

/**
 * cd_check_list_set_show_not_applicable:
 * @self: a #CdCheckList
 * @show: whether to show the rules that did not apply
 *
 * The request wizard leaves them out: they are about the certificate
 * the CA has not issued yet.
 */
void
cd_check_list_set_show_not_applicable (CdCheckList *self,
                                       gboolean     show)
{
  g_return_if_fail (CD_IS_CHECK_LIST (self));

  self->show_not_applicable = !!show;
  update_groups (self);
}

/**
 * cd_check_list_get_n_results:
 * @self: a #CdCheckList
 * @status: a status
 *
 * Returns: how many rules have @status
 */
guint
cd_check_list_get_n_results (CdCheckList   *self,
                             CdCheckStatus  status)
{
  g_return_val_if_fail (CD_IS_CHECK_LIST (self), 0);

  return self->counts[get_group_index (status)];
}

/**
 * cd_check_list_get_row:
 * @self: a #CdCheckList
 * @rule_id: a rule of the profile
 *
 * Returns: (transfer none) (nullable): the row of @rule_id
 */
GtkWidget *
cd_check_list_get_row (CdCheckList *self,
                       const char  *rule_id)
{
  g_return_val_if_fail (CD_IS_CHECK_LIST (self), NULL);
  g_return_val_if_fail (rule_id != NULL, NULL);

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "cd-rule-id"), rule_id) == 0)
        return row;
    }

  return NULL;
}

/**
 * cd_check_list_get_group:
 * @self: a #CdCheckList
 * @status: a status
 *
 * Returns: (transfer none): the #AdwPreferencesGroup of the rules with
 *   @status
 */
GtkWidget *
cd_check_list_get_group (CdCheckList   *self,
                         CdCheckStatus  status)
{
  g_return_val_if_fail (CD_IS_CHECK_LIST (self), NULL);

  return self->groups[get_group_index (status)];
}
