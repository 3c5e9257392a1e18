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

/* Managing certificates across stores (see cd-database-manage.c). */
gboolean    cd_database_copy_to_store    (CdDatabase   *self,
                                          GPtrArray    *rows,
                                          CdStoreKind   to,
                                          guint        *out_added,
                                          GError      **error);
gboolean    cd_database_move_to_store    (CdDatabase   *self,
                                          GPtrArray    *rows,
                                          CdStoreKind   to,
                                          guint        *out_moved,
                                          GError      **error);
gboolean    cd_database_set_properties   (CdDatabase   *self,
                                          const char   *sha256,
                                          CdStoreKind   kind,
                                          const char   *friendly_name,
                                          const char   *description,
                                          GError      **error);
CdDeletion *cd_database_delete_rows      (CdDatabase   *self,
                                          GPtrArray    *rows,
                                          GError      **error);
gboolean    cd_database_restore          (CdDatabase   *self,
                                          CdDeletion   *deletion,
                                          GError      **error);
gboolean    cd_database_forget_key       (CdDatabase   *self,
                                          const char   *key_id,
                                          GError      **error);
GPtrArray  *cd_database_list_expiring    (CdDatabase   *self,
                                          gint64        until,
                                          GError      **error);
GPtrArray  *cd_database_list_der         (CdDatabase   *self,
                                          CdStoreKind   kind,
                                          GError      **error);

/* The manual steps of a device profile done for a certificate (see
 * cd-database-checklist.c).
 */
char      **cd_database_dup_checklist_done (CdDatabase  *self,
                                            const char  *sha256,
                                            const char  *profile_id,
                                            GError     **error);
gboolean    cd_database_set_checklist_step (CdDatabase  *self,
                                            const char  *sha256,
                                            const char  *profile_id,
                                            const char  *step_id,
                                            gboolean     done,
                                            GError     **error);

#define CD_TYPE_DELETION (cd_deletion_get_type ())

GType       cd_deletion_get_type            (void) G_GNUC_CONST;
CdDeletion *cd_deletion_ref                 (CdDeletion   *deletion);
void        cd_deletion_unref               (CdDeletion   *deletion);
guint       cd_deletion_get_n_entries       (CdDeletion   *deletion);
char      **cd_deletion_dup_orphaned_key_ids (CdDeletion  *deletion);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdDeletion, cd_deletion_unref)

G_END_DECLS
