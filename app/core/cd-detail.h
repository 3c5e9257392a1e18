/* cd-detail.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* What a row of the Details page is, for its filter. */
typedef enum
{
  CD_DETAIL_KIND_FIELD,      /* version, serial, signature algorithm, issuer, validity, subject, key */
  CD_DETAIL_KIND_EXTENSION,  /* one per extension, known or not */
  CD_DETAIL_KIND_PROPERTY,   /* not in the certificate: fingerprints, friendly name, key present */
} CdDetailKind;

#define CD_TYPE_DETAIL (cd_detail_get_type ())

G_DECLARE_FINAL_TYPE (CdDetail, cd_detail, CD, DETAIL, GObject)

CdDetail     *cd_detail_new          (CdDetailKind  kind,
                                      const char   *name,
                                      const char   *value,
                                      const char   *oid,
                                      gboolean      critical);
CdDetailKind  cd_detail_get_kind     (CdDetail     *self);
const char   *cd_detail_get_name     (CdDetail     *self);
const char   *cd_detail_get_value    (CdDetail     *self);
const char   *cd_detail_get_summary  (CdDetail     *self);
const char   *cd_detail_get_oid      (CdDetail     *self);
gboolean      cd_detail_get_critical (CdDetail     *self);

G_END_DECLS
