/* cd-database-private.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "cd-database.h"

G_BEGIN_DECLS

/* The columns every listing selects, in the order row_from_statement()
 * in cd-database-sql.c reads them; any query of rows joins ROW_FROM.
 */
#define ROW_COLUMNS \
  "c.sha256, c.is_request, c.key_id, c.subject, c.subject_cn, c.issuer, c.issuer_cn," \
  " c.serial, c.not_before, c.not_after, c.purposes, c.san, c.is_ca, c.self_signed," \
  " c.search, e.friendly_name, e.store, k.key_id IS NOT NULL, e.description"

#define ROW_FROM \
  " FROM store_entries e" \
  " JOIN certificates c ON c.id = e.certificate_id" \
  " LEFT JOIN private_keys k ON k.key_id = c.key_id"

/* For cd-database-manage.c, which keeps copying, moving, deleting and
 * restoring apart from opening and listing. Statements come from a
 * per-connection cache that keeps the SQL text without copying it:
 * pass string literals.
 */
sqlite3_stmt *_cd_database_get_statement    (CdDatabase     *self,
                                             const char     *sql,
                                             GError        **error);
gboolean      _cd_database_step_done        (CdDatabase     *self,
                                             sqlite3_stmt   *stmt,
                                             GError        **error);
void          _cd_database_set_error        (CdDatabase     *self,
                                             GError        **error);
GPtrArray    *_cd_database_collect_rows     (CdDatabase     *self,
                                             sqlite3_stmt   *stmt,
                                             GError        **error);
int           _cd_database_changes          (CdDatabase     *self);
gint64        _cd_database_last_insert_rowid (CdDatabase    *self);

/* cd-database-manage.c, for cd-database-delete.c */
char         *_cd_database_entry_key        (CdCertificate  *row);
void          _cd_database_set_not_in_store (GError        **error,
                                             CdCertificate  *row);
gboolean      _cd_database_check_rows       (GPtrArray      *rows);

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
