/* cd-database-connection-private.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The connection inside CdDatabase, for the files that make it up:
 * cd-database.c (the object and listing), cd-database-open.c (opening
 * and migrations), cd-database-sql.c (errors, statements, rows) and
 * cd-database-entries.c (what imports write). Other files go through
 * cd-database-private.h.
 */

#pragma once

#include <sqlite3.h>

#include "cd-database-private.h"

G_BEGIN_DECLS

struct _CdDatabase
{
  GObject     parent_instance;

  sqlite3    *db;
  char       *path;
  GHashTable *statements;    /* SQL text → sqlite3_stmt, prepared once */
  gint64      data_version;  /* last seen PRAGMA data_version */
};

/* cd-database-open.c */
void      _cd_database_close_connection     (CdDatabase    *self);

/* cd-database-sql.c */
void      _cd_database_set_error_from_sqlite (GError      **error,
                                              const char   *path,
                                              int           code,
                                              const char   *detail);
gboolean  _cd_database_exec                  (CdDatabase   *self,
                                              const char   *sql,
                                              GError      **error);
gint64    _cd_database_query_int             (CdDatabase   *self,
                                              const char   *sql);
char     *_cd_database_column_dup            (sqlite3_stmt *stmt,
                                              int           column);

G_END_DECLS
