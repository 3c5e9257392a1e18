/* cd-san-editor.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* CdSanEditor is the list of subject alternative names the CA dialogs
 * put into a certificate: one row per name (its type, its value and a
 * remove button), each checked as it is typed, and an Add button. The
 * sign dialog fills it from the request, so the user reviews what the
 * certificate will carry instead of losing it as "openssl ca" does.
 */

#define G_LOG_DOMAIN "cd-san-editor"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cd-errors.h"
#include "cd-request-builder.h"
#include "cd-san-editor.h"

struct _CdSanEditor
{
  AdwPreferencesGroup  parent_instance;

  /* Borrowed references: the rows, in order (AdwEntryRow) */
  GPtrArray           *rows;
  GtkWidget           *empty_row;

  gboolean             valid;
};

enum {
  PROP_0,
  PROP_VALID,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (CdSanEditor, cd_san_editor, ADW_TYPE_PREFERENCES_GROUP)

static GParamSpec *properties [N_PROPS];

static GtkDropDown *
get_type_dropdown (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "cd-san-type");
}

static void
validate (CdSanEditor *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean valid = TRUE;

  g_assert (CD_IS_SAN_EDITOR (self));

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      CdSanType type = gtk_drop_down_get_selected (get_type_dropdown (row));
      const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
      g_autofree char *normalized = NULL;
      g_autofree char *key = NULL;
      g_autoptr(GError) error = NULL;
      const char *problem = NULL;

      if (text[0] == '\0')
        ;
      else if (!cd_request_validate_san_entry (type, text, &normalized, &error))
        problem = error->message;
      else
        {
          /* Host names and mail domains compare without case. */
          key = g_strdup_printf ("%d:%s", type, normalized);
          if (type == CD_SAN_TYPE_DNS || type == CD_SAN_TYPE_EMAIL)
            {
              g_autofree char *folded = g_ascii_strdown (key, -1);

              g_free (key);
              key = g_steal_pointer (&folded);
            }
          if (!g_hash_table_add (seen, g_steal_pointer (&key)))
            problem = _("This name is already in the list.");
        }

      gtk_widget_set_tooltip_text (row, problem);
      if (problem != NULL)
        {
          gtk_widget_add_css_class (row, "error");
          valid = FALSE;
        }
      else
        {
          gtk_widget_remove_css_class (row, "error");
        }
    }

  gtk_widget_set_visible (self->empty_row, self->rows->len == 0);

  if (self->valid != valid)
    {
      self->valid = valid;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
    }
}

static void
on_remove_clicked_cb (GtkButton *button,
                      GtkWidget *row)
{
  CdSanEditor *self = CD_SAN_EDITOR (gtk_widget_get_ancestor (row, CD_TYPE_SAN_EDITOR));
  guint position;

  if (self != NULL && g_ptr_array_find (self->rows, row, &position))
    cd_san_editor_remove (self, position);
}

static GtkWidget *
new_row (CdSanEditor *self,
         CdSanType    type,
         const char  *text)
{
  static const char *types[] = { N_("DNS"), N_("IP"), N_("E-mail"), N_("URI"), NULL };
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  GtkWidget *row;
  GtkWidget *dropdown;
  GtkWidget *remove;

  g_assert (CD_IS_SAN_EDITOR (self));

  for (guint i = 0; types[i] != NULL; i++)
    gtk_string_list_append (model, _(types[i]));

  row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Name"));

  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&model)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), type);
  gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (dropdown, "flat");
  gtk_widget_set_tooltip_text (dropdown, _("Kind of Name"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Kind of name"),
                                  -1);
  adw_entry_row_add_prefix (ADW_ENTRY_ROW (row), dropdown);
  g_object_set_data (G_OBJECT (row), "cd-san-type", dropdown);

  remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove This Name"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove this name"),
                                  -1);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked_cb), row);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), remove);

  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  g_signal_connect_object (row, "changed", G_CALLBACK (validate), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dropdown, "notify::selected", G_CALLBACK (validate), self,
                           G_CONNECT_SWAPPED);

  return row;
}

static void
on_add_clicked_cb (CdSanEditor *self)
{
  GtkWidget *row;

  g_assert (CD_IS_SAN_EDITOR (self));

  cd_san_editor_add (self, CD_SAN_TYPE_DNS, NULL);
  row = g_ptr_array_index (self->rows, self->rows->len - 1);
  gtk_widget_grab_focus (row);
}

static void
cd_san_editor_finalize (GObject *object)
{
  CdSanEditor *self = (CdSanEditor *)object;

  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (cd_san_editor_parent_class)->finalize (object);
}

static void
cd_san_editor_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CdSanEditor *self = CD_SAN_EDITOR (object);

  switch (prop_id)
    {
    case PROP_VALID:
      g_value_set_boolean (value, cd_san_editor_get_valid (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_san_editor_class_init (CdSanEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cd_san_editor_finalize;
  object_class->get_property = cd_san_editor_get_property;

  /**
   * CdSanEditor:valid:
   *
   * Whether every row holds a name of its kind, and none twice.
   */
  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL,
                          TRUE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cd_san_editor_init (CdSanEditor *self)
{
  GtkWidget *add;

  self->rows = g_ptr_array_new ();
  self->valid = TRUE;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Alternative Names"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         _("The names devices check when they connect. "
                                           "Empty rows are left out."));

  add = gtk_button_new_from_icon_name ("list-add-symbolic");
  gtk_widget_add_css_class (add, "flat");
  gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (add, _("Add a Name"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (add),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add a name"),
                                  -1);
  g_signal_connect_object (add, "clicked", G_CALLBACK (on_add_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self), add);

  self->empty_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->empty_row),
                                 _("No alternative names"));
  gtk_widget_add_css_class (self->empty_row, "dim-label");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->empty_row);
}

/**
 * cd_san_editor_new:
 *
 * Returns: (transfer floating): a new, empty #CdSanEditor
 */
GtkWidget *
cd_san_editor_new (void)
{
  return g_object_new (CD_TYPE_SAN_EDITOR, NULL);
}

/**
 * cd_san_editor_set_sans:
 * @self: a #CdSanEditor
 * @sans: (nullable) (array zero-terminated=1): entries as "DNS:…",
 *   "IP:…", "email:…" or "URI:…"
 *
 * Replaces the rows with @sans.
 */
void
cd_san_editor_set_sans (CdSanEditor        *self,
                        const char * const *sans)
{
  g_return_if_fail (CD_IS_SAN_EDITOR (self));

  while (self->rows->len > 0)
    cd_san_editor_remove (self, self->rows->len - 1);

  for (guint i = 0; sans != NULL && sans[i] != NULL; i++)
    {
      const char *colon = strchr (sans[i], ':');
      g_autofree char *prefix = NULL;
      CdSanType type = CD_SAN_TYPE_DNS;

      if (colon != NULL)
        prefix = g_strndup (sans[i], colon - sans[i]);
      if (prefix != NULL && cd_san_type_from_prefix (prefix, &type))
        cd_san_editor_add (self, type, colon + 1);
      else
        cd_san_editor_add (self, CD_SAN_TYPE_DNS, sans[i]);
    }

  validate (self);
}

/**
 * cd_san_editor_dup_sans:
 * @self: a #CdSanEditor
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the entries of the non-empty
 *   rows as "DNS:…" and so on, or %NULL if one is not valid
 */
char **
cd_san_editor_dup_sans (CdSanEditor  *self,
                        GError      **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (CD_IS_SAN_EDITOR (self), NULL);

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      CdSanType type = gtk_drop_down_get_selected (get_type_dropdown (row));
      const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
      g_autofree char *normalized = NULL;

      if (text[0] == '\0')
        continue;
      if (!cd_request_validate_san_entry (type, text, &normalized, error))
        return NULL;

      {

      g_autofree char *entry = g_strdup_printf ("%s:%s", cd_san_type_to_prefix (type), normalized);

      g_strv_builder_add (builder, entry);
      }
    }

  return g_strv_builder_end (builder);
}

/**
 * cd_san_editor_get_n_rows:
 * @self: a #CdSanEditor
 *
 * Returns: the number of rows, empty ones included
 */
guint
cd_san_editor_get_n_rows (CdSanEditor *self)
{
  g_return_val_if_fail (CD_IS_SAN_EDITOR (self), 0);

  return self->rows->len;
}

/**
 * cd_san_editor_get_row:
 * @self: a #CdSanEditor
 * @position: a row
 *
 * Returns: (transfer none): the #AdwEntryRow at @position
 */
GtkWidget *
cd_san_editor_get_row (CdSanEditor *self,
                       guint        position)
{
  g_return_val_if_fail (CD_IS_SAN_EDITOR (self), NULL);
  g_return_val_if_fail (position < self->rows->len, NULL);

  return g_ptr_array_index (self->rows, position);
}

/**
 * cd_san_editor_add:
 * @self: a #CdSanEditor
 * @type: the kind of name
 * @text: (nullable): the name, or %NULL for an empty row
 *
 * Adds a row at the end.
 */
void
cd_san_editor_add (CdSanEditor *self,
                   CdSanType    type,
                   const char  *text)
{
  GtkWidget *row;

  g_return_if_fail (CD_IS_SAN_EDITOR (self));

  row = new_row (self, type, text);
  g_ptr_array_add (self->rows, row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
  validate (self);
}

/**
 * cd_san_editor_remove:
 * @self: a #CdSanEditor
 * @position: a row
 *
 * Removes the row at @position.
 */
void
cd_san_editor_remove (CdSanEditor *self,
                      guint        position)
{
  GtkWidget *row;

  g_return_if_fail (CD_IS_SAN_EDITOR (self));
  g_return_if_fail (position < self->rows->len);

  row = g_ptr_array_steal_index (self->rows, position);
  adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), row);
  validate (self);
}

/**
 * cd_san_editor_get_valid:
 * @self: a #CdSanEditor
 *
 * Returns: %TRUE if every row can go into a certificate
 */
gboolean
cd_san_editor_get_valid (CdSanEditor *self)
{
  g_return_val_if_fail (CD_IS_SAN_EDITOR (self), FALSE);

  return self->valid;
}
