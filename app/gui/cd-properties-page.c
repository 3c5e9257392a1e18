/* cd-properties-page.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* CdPropertiesPage is the Properties page of the certificate dialog: the
 * friendly name and description of a certificate in one store. They are
 * saved when the user applies a row, and by the dialog when it closes
 * with changes not applied yet, so nothing typed is lost. It emits
 * "saved" so the window can show the new name in its list.
 */

#define G_LOG_DOMAIN "cd-properties-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cd-certificate.h"
#include "cd-database.h"
#include "cd-properties-page.h"

struct _CdPropertiesPage
{
  GtkWidget      parent_instance;

  /* Template widgets */
  AdwEntryRow   *description_row;
  AdwEntryRow   *friendly_name_row;

  /* Owned references */
  CdDatabase    *database;
  CdCertificate *row;

  char          *saved_friendly_name;
  char          *saved_description;
};

enum {
  SAVED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (CdPropertiesPage, cd_properties_page, GTK_TYPE_WIDGET)

static guint signals [N_SIGNALS];

static void
on_apply_cb (CdPropertiesPage *self,
             AdwEntryRow      *row)
{
  g_autoptr(GError) error = NULL;

  g_assert (CD_IS_PROPERTIES_PAGE (self));

  if (!cd_properties_page_save (self, &error))
    gtk_widget_activate_action (GTK_WIDGET (self), "dialog.show-toast", "s", error->message);
}

static void
cd_properties_page_dispose (GObject *object)
{
  CdPropertiesPage *self = (CdPropertiesPage *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_PROPERTIES_PAGE);

  /* The template's unnamed top child is not disposed with the template. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->database);
  g_clear_object (&self->row);

  G_OBJECT_CLASS (cd_properties_page_parent_class)->dispose (object);
}

static void
cd_properties_page_finalize (GObject *object)
{
  CdPropertiesPage *self = (CdPropertiesPage *)object;

  g_clear_pointer (&self->saved_friendly_name, g_free);
  g_clear_pointer (&self->saved_description, g_free);

  G_OBJECT_CLASS (cd_properties_page_parent_class)->finalize (object);
}

static void
cd_properties_page_class_init (CdPropertiesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_properties_page_dispose;
  object_class->finalize = cd_properties_page_finalize;

  /**
   * CdPropertiesPage::saved:
   * @self: a #CdPropertiesPage
   *
   * Emitted after the properties were written to the database.
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/cd-properties-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CdPropertiesPage, description_row);
  gtk_widget_class_bind_template_child (widget_class, CdPropertiesPage, friendly_name_row);
  gtk_widget_class_bind_template_callback (widget_class, on_apply_cb);
}

static void
cd_properties_page_init (CdPropertiesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * cd_properties_page_new:
 *
 * Returns: (transfer floating): a new #CdPropertiesPage
 */
GtkWidget *
cd_properties_page_new (void)
{
  return g_object_new (CD_TYPE_PROPERTIES_PAGE, NULL);
}

/**
 * cd_properties_page_set_certificate:
 * @self: a #CdPropertiesPage
 * @database: where the properties are kept
 * @row: the certificate, in the store whose properties are edited
 *
 * Shows the properties @row has now.
 */
void
cd_properties_page_set_certificate (CdPropertiesPage *self,
                                    CdDatabase       *database,
                                    CdCertificate    *row)
{
  const char *friendly_name;
  const char *description;

  g_return_if_fail (CD_IS_PROPERTIES_PAGE (self));
  g_return_if_fail (CD_IS_DATABASE (database));
  g_return_if_fail (CD_IS_CERTIFICATE (row));

  g_set_object (&self->database, database);
  g_set_object (&self->row, row);

  friendly_name = cd_certificate_get_friendly_name (row);
  description = cd_certificate_get_description (row);

  g_free (self->saved_friendly_name);
  self->saved_friendly_name = g_strdup (friendly_name ? friendly_name : "");
  g_free (self->saved_description);
  self->saved_description = g_strdup (description ? description : "");

  gtk_editable_set_text (GTK_EDITABLE (self->friendly_name_row), self->saved_friendly_name);
  gtk_editable_set_text (GTK_EDITABLE (self->description_row), self->saved_description);
}

/**
 * cd_properties_page_get_friendly_name:
 * @self: a #CdPropertiesPage
 *
 * Returns: (transfer none): the friendly name as typed
 */
const char *
cd_properties_page_get_friendly_name (CdPropertiesPage *self)
{
  g_return_val_if_fail (CD_IS_PROPERTIES_PAGE (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->friendly_name_row));
}

/**
 * cd_properties_page_set_friendly_name:
 * @self: a #CdPropertiesPage
 * @friendly_name: what to type
 *
 * Types @friendly_name into its row, without saving it.
 */
void
cd_properties_page_set_friendly_name (CdPropertiesPage *self,
                                      const char       *friendly_name)
{
  g_return_if_fail (CD_IS_PROPERTIES_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->friendly_name_row), friendly_name ? friendly_name : "");
}

/**
 * cd_properties_page_get_description:
 * @self: a #CdPropertiesPage
 *
 * Returns: (transfer none): the description as typed
 */
const char *
cd_properties_page_get_description (CdPropertiesPage *self)
{
  g_return_val_if_fail (CD_IS_PROPERTIES_PAGE (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->description_row));
}

/**
 * cd_properties_page_set_description:
 * @self: a #CdPropertiesPage
 * @description: what to type
 *
 * Types @description into its row, without saving it.
 */
void
cd_properties_page_set_description (CdPropertiesPage *self,
                                    const char       *description)
{
  g_return_if_fail (CD_IS_PROPERTIES_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->description_row), description ? description : "");
}

/**
 * cd_properties_page_get_modified:
 * @self: a #CdPropertiesPage
 *
 * Returns: %TRUE if what is typed differs from what is saved
 */
gboolean
cd_properties_page_get_modified (CdPropertiesPage *self)
{
  g_return_val_if_fail (CD_IS_PROPERTIES_PAGE (self), FALSE);

  if (self->row == NULL)
    return FALSE;

  return g_strcmp0 (cd_properties_page_get_friendly_name (self), self->saved_friendly_name) != 0 ||
         g_strcmp0 (cd_properties_page_get_description (self), self->saved_description) != 0;
}

/**
 * cd_properties_page_save:
 * @self: a #CdPropertiesPage
 * @error: return location for a #GError
 *
 * Writes the friendly name and description as typed, if they changed;
 * an empty one is removed.
 *
 * Returns: %TRUE if nothing needed saving or it was saved
 */
gboolean
cd_properties_page_save (CdPropertiesPage  *self,
                         GError           **error)
{
  const char *friendly_name;
  const char *description;

  g_return_val_if_fail (CD_IS_PROPERTIES_PAGE (self), FALSE);

  if (!cd_properties_page_get_modified (self))
    return TRUE;

  friendly_name = cd_properties_page_get_friendly_name (self);
  description = cd_properties_page_get_description (self);

  if (!cd_database_set_properties (self->database,
                                   cd_certificate_get_sha256 (self->row),
                                   cd_certificate_get_store (self->row),
                                   friendly_name[0] != '\0' ? friendly_name : NULL,
                                   description[0] != '\0' ? description : NULL,
                                   error))
    return FALSE;

  g_free (self->saved_friendly_name);
  self->saved_friendly_name = g_strdup (friendly_name);
  g_free (self->saved_description);
  self->saved_description = g_strdup (description);

  g_signal_emit (self, signals[SAVED], 0);

  return TRUE;
}
