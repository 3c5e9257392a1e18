/* cd-store-kind.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cd-types.h"

G_BEGIN_DECLS

const char *cd_store_kind_to_id           (CdStoreKind  kind);
gboolean    cd_store_kind_from_id         (const char  *id,
                                           CdStoreKind *kind);
const char *cd_store_kind_get_title       (CdStoreKind  kind);
const char *cd_store_kind_get_description (CdStoreKind  kind);
const char *cd_store_kind_get_icon_name   (CdStoreKind  kind);

G_END_DECLS
