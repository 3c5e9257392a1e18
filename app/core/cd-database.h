/* cd-database.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cd-types.h"

G_BEGIN_DECLS

#define CD_TYPE_DATABASE (cd_database_get_type ())

G_DECLARE_FINAL_TYPE (CdDatabase, cd_database, CD, DATABASE, GObject)

char       *cd_database_dup_default_path (void);
CdDatabase *cd_database_open             (const char   *path,
                                          GError      **error);
const char *cd_database_get_path         (CdDatabase   *self);
void        cd_database_set_busy_timeout (CdDatabase   *self,
                                          guint         timeout_ms);
GPtrArray  *cd_database_list_store       (CdDatabase   *self,
                                          CdStoreKind   kind,
                                          GError      **error);
gboolean    cd_database_count_stores     (CdDatabase   *self,
                                          guint        *counts,
                                          GError      **error);
GPtrArray  *cd_database_find             (CdDatabase   *self,
                                          const char   *fingerprint,
                                          CdStoreKind   kind,
                                          GError      **error);
GBytes     *cd_database_dup_der          (CdDatabase   *self,
                                          const char   *sha256,
                                          GError      **error);
guint       cd_database_delete           (CdDatabase   *self,
                                          const char   *sha256,
                                          CdStoreKind   kind,
                                          GError      **error);
gboolean    cd_database_check_changed    (CdDatabase   *self);

G_END_DECLS
