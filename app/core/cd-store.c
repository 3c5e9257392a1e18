/* cd-store.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* CdStore is one logical store as a GListModel of CdCertificate rows,
 * for the GUI's lists. Reloading reads the stored columns in one query
 * and replaces the rows with a single items-changed.
 */

#define G_LOG_DOMAIN "cd-store"

#include "config.h"

#include "cd-certificate.h"
#include "cd-database.h"
#include "cd-store.h"

struct _CdStore
{
  GObject      parent_instance;

  GPtrArray   *rows;   /* of CdCertificate */
  CdStoreKind  kind;
};

enum {
  PROP_0,
  PROP_KIND,
  PROP_N_ITEMS,
  N_PROPS
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CdStore, cd_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GParamSpec *properties [N_PROPS];

static GType
cd_store_get_item_type (GListModel *model)
{
  return CD_TYPE_CERTIFICATE;
}

static guint
cd_store_get_n_items (GListModel *model)
{
  return CD_STORE (model)->rows->len;
}

static gpointer
cd_store_get_item (GListModel *model,
                   guint       position)
{
  CdStore *self = CD_STORE (model);

  if (position >= self->rows->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->rows, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = cd_store_get_item_type;
  iface->get_n_items = cd_store_get_n_items;
  iface->get_item = cd_store_get_item;
}

static void
cd_store_finalize (GObject *object)
{
  CdStore *self = (CdStore *)object;

  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (cd_store_parent_class)->finalize (object);
}

static void
cd_store_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  CdStore *self = CD_STORE (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_int (value, cd_store_get_kind (self));
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->rows->len);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_store_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  CdStore *self = CD_STORE (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_int (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_store_class_init (CdStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cd_store_finalize;
  object_class->get_property = cd_store_get_property;
  object_class->set_property = cd_store_set_property;

  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL,
                      0, CD_N_STORE_KINDS - 1, 0,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cd_store_init (CdStore *self)
{
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * cd_store_new:
 * @kind: which logical store
 *
 * Returns: (transfer full): an empty store; call cd_store_reload() to fill it
 */
CdStore *
cd_store_new (CdStoreKind kind)
{
  g_return_val_if_fail (kind >= 0 && kind < CD_N_STORE_KINDS, NULL);

  return g_object_new (CD_TYPE_STORE, "kind", kind, NULL);
}

CdStoreKind
cd_store_get_kind (CdStore *self)
{
  g_return_val_if_fail (CD_IS_STORE (self), CD_STORE_KIND_AUTO);

  return self->kind;
}

/**
 * cd_store_reload:
 * @self: a #CdStore
 * @database: the database to read
 * @error: a location for a #GError
 *
 * Replaces the rows with what @database holds now. On failure the rows
 * stay as they were.
 *
 * Returns: %TRUE on success
 */
gboolean
cd_store_reload (CdStore     *self,
                 CdDatabase  *database,
                 GError     **error)
{
  g_autoptr(GPtrArray) old_rows = NULL;
  GPtrArray *rows;
  guint removed;

  g_return_val_if_fail (CD_IS_STORE (self), FALSE);
  g_return_val_if_fail (CD_IS_DATABASE (database), FALSE);

  rows = cd_database_list_store (database, self->kind, error);
  if (rows == NULL)
    return FALSE;

  removed = self->rows->len;
  old_rows = g_steal_pointer (&self->rows);
  self->rows = rows;

  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, rows->len);
  if (removed != rows->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);

  return TRUE;
}
