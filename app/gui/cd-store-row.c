/* cd-store-row.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* CdStoreRow is one store in the window's sidebar: its icon, the name
 * certmgr.msc gives it, and how many certificates it holds.
 */

#define G_LOG_DOMAIN "cd-store-row"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-store-kind.h"
#include "cd-store-row.h"

struct _CdStoreRow
{
  GtkListBoxRow  parent_instance;

  /* Template widgets */
  GtkLabel      *count_label;
  GtkImage      *icon;
  GtkLabel      *title_label;

  CdStoreKind    kind;
  guint          count;
};

enum {
  PROP_0,
  PROP_KIND,
  PROP_COUNT,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (CdStoreRow, cd_store_row, GTK_TYPE_LIST_BOX_ROW)

static GParamSpec *properties [N_PROPS];

static void
update_count (CdStoreRow *self)
{
  g_autofree char *text = NULL;
  g_autofree char *description = NULL;

  g_assert (CD_IS_STORE_ROW (self));

  /* The grouping flag gives "100,000" in English, as a list would. */
  text = g_strdup_printf ("%'u", self->count);
  gtk_label_set_label (self->count_label, text);

  /* A bare number means little to someone who cannot see the layout. */
  description = g_strdup_printf (ngettext ("%u certificate", "%u certificates", self->count),
                                 self->count);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
cd_store_row_constructed (GObject *object)
{
  CdStoreRow *self = (CdStoreRow *)object;

  G_OBJECT_CLASS (cd_store_row_parent_class)->constructed (object);

  gtk_image_set_from_icon_name (self->icon, cd_store_kind_get_icon_name (self->kind));
  gtk_label_set_label (self->title_label, cd_store_kind_get_title (self->kind));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), cd_store_kind_get_description (self->kind));
  update_count (self);
}

static void
cd_store_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CdStoreRow *self = CD_STORE_ROW (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_int (value, cd_store_row_get_kind (self));
      break;

    case PROP_COUNT:
      g_value_set_uint (value, cd_store_row_get_count (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_store_row_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  CdStoreRow *self = CD_STORE_ROW (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_int (value);
      break;

    case PROP_COUNT:
      cd_store_row_set_count (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_store_row_class_init (CdStoreRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cd_store_row_constructed;
  object_class->get_property = cd_store_row_get_property;
  object_class->set_property = cd_store_row_set_property;

  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL,
                      CD_STORE_KIND_MY, CD_N_STORE_KINDS - 1, CD_STORE_KIND_MY,
                      (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_COUNT] =
    g_param_spec_uint ("count", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/cd-store-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CdStoreRow, count_label);
  gtk_widget_class_bind_template_child (widget_class, CdStoreRow, icon);
  gtk_widget_class_bind_template_child (widget_class, CdStoreRow, title_label);
}

static void
cd_store_row_init (CdStoreRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * cd_store_row_new:
 * @kind: the store the row stands for
 *
 * Returns: (transfer floating): a new #CdStoreRow with a count of 0
 */
GtkWidget *
cd_store_row_new (CdStoreKind kind)
{
  g_return_val_if_fail (kind >= 0 && kind < CD_N_STORE_KINDS, NULL);

  return g_object_new (CD_TYPE_STORE_ROW,
                       "kind", kind,
                       NULL);
}

/**
 * cd_store_row_get_kind:
 * @self: a #CdStoreRow
 *
 * Returns: the store the row stands for
 */
CdStoreKind
cd_store_row_get_kind (CdStoreRow *self)
{
  g_return_val_if_fail (CD_IS_STORE_ROW (self), CD_STORE_KIND_MY);

  return self->kind;
}

/**
 * cd_store_row_get_count:
 * @self: a #CdStoreRow
 *
 * Returns: the number of certificates the row shows
 */
guint
cd_store_row_get_count (CdStoreRow *self)
{
  g_return_val_if_fail (CD_IS_STORE_ROW (self), 0);

  return self->count;
}

/**
 * cd_store_row_set_count:
 * @self: a #CdStoreRow
 * @count: the number of certificates in the store
 */
void
cd_store_row_set_count (CdStoreRow *self,
                        guint       count)
{
  g_return_if_fail (CD_IS_STORE_ROW (self));

  if (self->count == count)
    return;

  self->count = count;
  update_count (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT]);
}
