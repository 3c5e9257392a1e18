/* cd-database-private.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cd-database.h"

G_BEGIN_DECLS

/* Used by the importer, which makes every import one transaction. */
gboolean   _cd_database_begin            (CdDatabase     *self,
                                          GError        **error);
gboolean   _cd_database_commit           (CdDatabase     *self,
                                          GError        **error);
void       _cd_database_rollback         (CdDatabase     *self);
gboolean   _cd_database_add_to_store     (CdDatabase     *self,
                                          CdCertificate  *row,
                                          GBytes         *der,
                                          CdStoreKind     kind,
                                          gboolean       *out_added,
                                          GError        **error);
gboolean   _cd_database_remove_from_store (CdDatabase    *self,
                                          const char     *sha256,
                                          CdStoreKind     kind,
                                          GError        **error);
gboolean   _cd_database_has_key          (CdDatabase     *self,
                                          const char     *key_id,
                                          gboolean       *out_has_key,
                                          GError        **error);
gboolean   _cd_database_add_key          (CdDatabase     *self,
                                          const char     *key_id,
                                          const char     *algorithm,
                                          const char     *label,
                                          gboolean       *out_added,
                                          GError        **error);
GPtrArray *_cd_database_list_by_key_id   (CdDatabase     *self,
                                          const char     *key_id,
                                          GError        **error);

G_END_DECLS
