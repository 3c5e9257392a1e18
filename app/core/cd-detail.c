/* cd-detail.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* CdDetail is one row of the Details page: a field, an extension or a
 * property of a certificate, already turned into readable text. The
 * objects are immutable, so a list model of them can be filtered and
 * shown without any signal handling.
 */

#define G_LOG_DOMAIN "cd-detail"

#include "config.h"

#include <string.h>

#include "cd-detail.h"

struct _CdDetail
{
  GObject       parent_instance;

  char         *name;
  char         *value;
  char         *summary;
  char         *oid;
  CdDetailKind  kind;
  guint         critical : 1;
};

enum {
  PROP_0,
  PROP_KIND,
  PROP_NAME,
  PROP_VALUE,
  PROP_SUMMARY,
  PROP_OID,
  PROP_CRITICAL,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (CdDetail, cd_detail, G_TYPE_OBJECT)

static GParamSpec *properties [N_PROPS];

/* The list shows one line per row; the value pane shows all of it.
 * An ellipsis tells the reader that the pane has more to say.
 */
static char *
make_summary (const char *value)
{
  const char *newline = strchr (value, '\n');

  if (newline == NULL)
    return g_strdup (value);

  return g_strdup_printf ("%.*s …", (int)(newline - value), value);
}

static void
cd_detail_finalize (GObject *object)
{
  CdDetail *self = (CdDetail *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->value, g_free);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->oid, g_free);

  G_OBJECT_CLASS (cd_detail_parent_class)->finalize (object);
}

static void
cd_detail_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CdDetail *self = CD_DETAIL (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_VALUE:
      g_value_set_string (value, self->value);
      break;

    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;

    case PROP_OID:
      g_value_set_string (value, self->oid);
      break;

    case PROP_CRITICAL:
      g_value_set_boolean (value, self->critical);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_detail_class_init (CdDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = cd_detail_finalize;
  object_class->get_property = cd_detail_get_property;

  /* A plain int: the core has no enum GTypes, and filters only compare it. */
  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL,
                      CD_DETAIL_KIND_FIELD, CD_DETAIL_KIND_PROPERTY, CD_DETAIL_KIND_FIELD, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_VALUE] = g_param_spec_string ("value", NULL, NULL, NULL, flags);
  properties[PROP_SUMMARY] = g_param_spec_string ("summary", NULL, NULL, NULL, flags);
  properties[PROP_OID] = g_param_spec_string ("oid", NULL, NULL, NULL, flags);
  properties[PROP_CRITICAL] = g_param_spec_boolean ("critical", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cd_detail_init (CdDetail *self)
{
}

/**
 * cd_detail_new:
 * @kind: what the row is, for the page's filter
 * @name: the translated name shown in the first column
 * @value: the readable value; several lines where the field has parts
 * @oid: (nullable): the object identifier of the field or extension
 * @critical: whether the extension is marked critical
 *
 * Returns: (transfer full): a new row
 */
CdDetail *
cd_detail_new (CdDetailKind  kind,
               const char   *name,
               const char   *value,
               const char   *oid,
               gboolean      critical)
{
  CdDetail *self;

  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (CD_TYPE_DETAIL, NULL);
  self->kind = kind;
  self->name = g_strdup (name);
  self->value = g_strdup (value ? value : "");
  self->summary = make_summary (self->value);
  self->oid = g_strdup (oid);
  self->critical = !!critical;

  return self;
}

/**
 * cd_detail_get_kind:
 * @self: a #CdDetail
 *
 * Returns: whether the row is a field, an extension or a property
 */
CdDetailKind
cd_detail_get_kind (CdDetail *self)
{
  g_return_val_if_fail (CD_IS_DETAIL (self), CD_DETAIL_KIND_FIELD);

  return self->kind;
}

/**
 * cd_detail_get_name:
 * @self: a #CdDetail
 *
 * Returns: (transfer none): the translated field name
 */
const char *
cd_detail_get_name (CdDetail *self)
{
  g_return_val_if_fail (CD_IS_DETAIL (self), NULL);

  return self->name;
}

/**
 * cd_detail_get_value:
 * @self: a #CdDetail
 *
 * Returns: (transfer none): the whole value, lines separated by "\n"
 */
const char *
cd_detail_get_value (CdDetail *self)
{
  g_return_val_if_fail (CD_IS_DETAIL (self), NULL);

  return self->value;
}

/**
 * cd_detail_get_summary:
 * @self: a #CdDetail
 *
 * Returns: (transfer none): the first line of the value, followed by
 *   " …" when the value has more lines
 */
const char *
cd_detail_get_summary (CdDetail *self)
{
  g_return_val_if_fail (CD_IS_DETAIL (self), NULL);

  return self->summary;
}

/**
 * cd_detail_get_oid:
 * @self: a #CdDetail
 *
 * Returns: (transfer none) (nullable): the dotted object identifier, or
 *   %NULL for a row that has none (validity dates, fingerprints)
 */
const char *
cd_detail_get_oid (CdDetail *self)
{
  g_return_val_if_fail (CD_IS_DETAIL (self), NULL);

  return self->oid;
}

/**
 * cd_detail_get_critical:
 * @self: a #CdDetail
 *
 * Returns: %TRUE for an extension marked critical
 */
gboolean
cd_detail_get_critical (CdDetail *self)
{
  g_return_val_if_fail (CD_IS_DETAIL (self), FALSE);

  return self->critical;
}
