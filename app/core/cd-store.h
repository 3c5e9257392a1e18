/* cd-store.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cd-types.h"

G_BEGIN_DECLS

#define CD_TYPE_STORE (cd_store_get_type ())

G_DECLARE_FINAL_TYPE (CdStore, cd_store, CD, STORE, GObject)

CdStore     *cd_store_new      (CdStoreKind   kind);
CdStoreKind  cd_store_get_kind (CdStore      *self);
gboolean     cd_store_reload   (CdStore      *self,
                                CdDatabase   *database,
                                GError      **error);

G_END_DECLS
