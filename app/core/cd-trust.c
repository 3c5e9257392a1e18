/* cd-trust.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Trust publishing: Linux has no single Trusted Root, so Certdesk copies
 * its Trusted Root store (as anchors) and its Untrusted store (as
 * distrust, where the target has such a thing) to the places programs
 * read: NSS databases, p11-kit, an OpenSSL hashed directory and the
 * system trust. Each kind of target lives in its own file
 * (cd-trust-*.c); this one keeps the database's record of what was
 * written where, so that switching a target off removes exactly
 * Certdesk's own entries.
 */

#define G_LOG_DOMAIN "cd-trust"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <openssl/pem.h>

#include "cd-certificate.h"
#include "cd-database-private.h"
#include "cd-errors.h"
#include "cd-openssl-private.h"
#include "cd-trust-private.h"

struct _CdTrustTarget
{
  GObject               parent_instance;

  const CdTrustBackend *backend;
  char                 *instance;
  char                 *title;
  char                 *description;
  char                 *location;
  char                 *unavailable_reason;
  gboolean              supports_distrust;
  gboolean              enabled;
  guint                 n_published;
};

G_DEFINE_FINAL_TYPE (CdTrustTarget, cd_trust_target, G_TYPE_OBJECT)

static const CdTrustBackend *backends[] = {
  &_cd_trust_nss_backend,
  &_cd_trust_firefox_backend,
  &_cd_trust_p11kit_backend,
  &_cd_trust_openssl_dir_backend,
  &_cd_trust_system_backend,
};

static void
cd_trust_target_finalize (GObject *object)
{
  CdTrustTarget *self = (CdTrustTarget *)object;

  g_free (self->instance);
  g_free (self->title);
  g_free (self->description);
  g_free (self->location);
  g_free (self->unavailable_reason);

  G_OBJECT_CLASS (cd_trust_target_parent_class)->finalize (object);
}

static void
cd_trust_target_class_init (CdTrustTargetClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cd_trust_target_finalize;
}

static void
cd_trust_target_init (CdTrustTarget *self)
{
}

CdTrustTarget *
_cd_trust_target_new (const CdTrustBackend *backend,
                      const char           *instance,
                      const char           *title,
                      const char           *description,
                      const char           *location)
{
  CdTrustTarget *self = g_object_new (CD_TYPE_TRUST_TARGET, NULL);

  self->backend = backend;
  self->instance = g_strdup (instance != NULL ? instance : "");
  self->title = g_strdup (title);
  self->description = g_strdup (description);
  self->location = g_strdup (location);
  self->supports_distrust = backend->supports_distrust;

  return self;
}

void
_cd_trust_target_set_unavailable (CdTrustTarget *self,
                                  const char    *reason)
{
  g_free (self->unavailable_reason);
  self->unavailable_reason = g_strdup (reason);
}

void
_cd_trust_target_set_supports_distrust (CdTrustTarget *self,
                                        gboolean       supports_distrust)
{
  self->supports_distrust = supports_distrust;
}

const CdTrustBackend *
_cd_trust_target_get_backend (CdTrustTarget *self)
{
  return self->backend;
}

/**
 * cd_trust_target_get_id:
 * @self: a #CdTrustTarget
 *
 * Returns: the kind of target: "nss", "firefox", "p11-kit",
 *   "openssl-dir" or "system"
 */
const char *
cd_trust_target_get_id (CdTrustTarget *self)
{
  g_return_val_if_fail (CD_IS_TRUST_TARGET (self), NULL);
  return self->backend->id;
}

/**
 * cd_trust_target_get_instance:
 * @self: a #CdTrustTarget
 *
 * Returns: which one of its kind: a Firefox profile's folder, or "" for
 *   the kinds that have only one
 */
const char *
cd_trust_target_get_instance (CdTrustTarget *self)
{
  g_return_val_if_fail (CD_IS_TRUST_TARGET (self), NULL);
  return self->instance;
}

const char *
cd_trust_target_get_title (CdTrustTarget *self)
{
  g_return_val_if_fail (CD_IS_TRUST_TARGET (self), NULL);
  return self->title;
}

/**
 * cd_trust_target_get_description:
 * @self: a #CdTrustTarget
 *
 * Returns: which programs read this target, translated
 */
const char *
cd_trust_target_get_description (CdTrustTarget *self)
{
  g_return_val_if_fail (CD_IS_TRUST_TARGET (self), NULL);
  return self->description;
}

/**
 * cd_trust_target_get_location:
 * @self: a #CdTrustTarget
 *
 * Returns: the folder or database written to
 */
const char *
cd_trust_target_get_location (CdTrustTarget *self)
{
  g_return_val_if_fail (CD_IS_TRUST_TARGET (self), NULL);
  return self->location;
}

gboolean
cd_trust_target_get_available (CdTrustTarget *self)
{
  g_return_val_if_fail (CD_IS_TRUST_TARGET (self), FALSE);
  return self->unavailable_reason == NULL;
}

/**
 * cd_trust_target_get_unavailable_reason:
 * @self: a #CdTrustTarget
 *
 * Returns: (nullable): why the target cannot be used here, translated,
 *   or %NULL when it can
 */
const char *
cd_trust_target_get_unavailable_reason (CdTrustTarget *self)
{
  g_return_val_if_fail (CD_IS_TRUST_TARGET (self), NULL);
  return self->unavailable_reason;
}

/**
 * cd_trust_target_get_supports_distrust:
 * @self: a #CdTrustTarget
 *
 * Returns: whether the target takes the Untrusted store as distrust
 */
gboolean
cd_trust_target_get_supports_distrust (CdTrustTarget *self)
{
  g_return_val_if_fail (CD_IS_TRUST_TARGET (self), FALSE);
  return self->supports_distrust;
}

/**
 * cd_trust_target_get_enabled:
 * @self: a #CdTrustTarget
 *
 * Returns: whether the user switched publishing on for this target, as
 *   the database said when the target was listed
 */
gboolean
cd_trust_target_get_enabled (CdTrustTarget *self)
{
  g_return_val_if_fail (CD_IS_TRUST_TARGET (self), FALSE);
  return self->enabled;
}

/**
 * cd_trust_target_get_n_published:
 * @self: a #CdTrustTarget
 *
 * Returns: how many entries Certdesk holds in this target
 */
guint
cd_trust_target_get_n_published (CdTrustTarget *self)
{
  g_return_val_if_fail (CD_IS_TRUST_TARGET (self), 0);
  return self->n_published;
}

/* Items and records. */

CdTrustRecord *
_cd_trust_record_new (const char  *sha256,
                      CdTrustKind  trust,
                      const char  *location)
{
  CdTrustRecord *record = g_new0 (CdTrustRecord, 1);

  record->sha256 = g_strdup (sha256);
  record->trust = trust;
  record->location = g_strdup (location);

  return record;
}

void
_cd_trust_record_free (CdTrustRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->sha256);
  g_free (record->location);
  g_free (record);
}

void
_cd_trust_item_free (CdTrustItem *item)
{
  if (item == NULL)
    return;
  g_free (item->sha256);
  g_clear_pointer (&item->der, g_bytes_unref);
  g_free (item->label);
  g_free (item);
}

const char *
_cd_trust_kind_to_string (CdTrustKind trust)
{
  return trust == CD_TRUST_DISTRUST ? "distrust" : "anchor";
}

char *
_cd_trust_item_to_pem (CdTrustItem *item)
{
  g_autoptr(X509) cert = NULL;
  g_autoptr(BIO) bio = NULL;
  const unsigned char *p;
  char *data;
  long len;

  p = g_bytes_get_data (item->der, NULL);
  cert = d2i_X509 (NULL, &p, g_bytes_get_size (item->der));
  if (cert == NULL)
    return NULL;

  bio = BIO_new (BIO_s_mem ());
  if (!PEM_write_bio_X509 (bio, cert))
    return NULL;

  len = BIO_get_mem_data (bio, &data);
  return g_strndup (data, len);
}

/**
 * _cd_trust_find_program:
 * @name: a program name
 *
 * Looks in $PATH, then in the sbin folders a user's $PATH often lacks.
 *
 * Returns: (transfer full) (nullable): the program's path
 */
char *
_cd_trust_find_program (const char *name)
{
  static const char *extra[] = { "/usr/sbin", "/sbin", "/usr/bin" };
  char *path = g_find_program_in_path (name);

  for (guint i = 0; path == NULL && i < G_N_ELEMENTS (extra); i++)
    {
      g_autofree char *candidate = g_build_filename (extra[i], name, NULL);

      if (g_file_test (candidate, G_FILE_TEST_IS_EXECUTABLE))
        path = g_steal_pointer (&candidate);
    }

  return path;
}

/* Runs a tool and turns its failure into a CD_TRUST_ERROR that quotes
 * the last line it wrote on stderr.
 */
gboolean
_cd_trust_run (const char * const  *argv,
               const char          *what,
               GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  const char *last = "";
  int status = 0;

  if (!g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     &out, &err, &status, &local_error))
    {
      g_set_error (error, CD_TRUST_ERROR, CD_TRUST_ERROR_TOOL_FAILED,
                   /* TRANSLATORS: %s is a program, e.g. certutil, then an error message */
                   _("%s could not be run: %s"), what, local_error->message);
      return FALSE;
    }

  if (g_spawn_check_wait_status (status, NULL))
    return TRUE;

  lines = g_strsplit (g_strstrip (err), "\n", -1);
  if (lines[0] != NULL)
    last = lines[g_strv_length (lines) - 1];

  g_set_error (error, CD_TRUST_ERROR, CD_TRUST_ERROR_TOOL_FAILED,
               /* TRANSLATORS: %s is a program, e.g. certutil, then its error output */
               _("%s failed: %s"), what, *last != '\0' ? last : _("no reason given"));
  return FALSE;
}

/* For a sync that changes nothing: what the target held, it holds. */
void
_cd_trust_keep_all (GHashTable *published,
                    GPtrArray  *out_records)
{
  GHashTableIter iter;
  CdTrustRecord *record;

  g_hash_table_iter_init (&iter, published);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&record))
    g_ptr_array_add (out_records, _cd_trust_record_new (record->sha256, record->trust,
                                                        record->location));
}

gboolean
_cd_trust_sync_each (CdTrustTarget      *target,
                     GPtrArray          *wanted,
                     GHashTable         *published,
                     CdTrustAddFunc      add,
                     CdTrustRemoveFunc   remove,
                     GPtrArray          *out_records,
                     GError            **error)
{
  g_autoptr(GHashTable) wanted_by_sha = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) to_remove = g_ptr_array_new ();
  GHashTableIter iter;
  CdTrustRecord *record;
  gboolean ok = TRUE;

  for (guint i = 0; i < wanted->len; i++)
    {
      CdTrustItem *item = g_ptr_array_index (wanted, i);

      g_hash_table_insert (wanted_by_sha, item->sha256, item);
    }

  g_hash_table_iter_init (&iter, published);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&record))
    {
      CdTrustItem *item = g_hash_table_lookup (wanted_by_sha, record->sha256);

      if (item != NULL && item->trust == record->trust)
        g_ptr_array_add (out_records, _cd_trust_record_new (record->sha256, record->trust,
                                                            record->location));
      else
        g_ptr_array_add (to_remove, record);
    }

  /* Removing first, so that a certificate moved from Trusted Root to
   * Untrusted is never both at once.
   */
  for (guint i = 0; i < to_remove->len; i++)
    {
      record = g_ptr_array_index (to_remove, i);

      if (ok && remove (target, record, error))
        continue;

      ok = FALSE;
      g_ptr_array_add (out_records, _cd_trust_record_new (record->sha256, record->trust,
                                                          record->location));
    }

  for (guint i = 0; ok && i < wanted->len; i++)
    {
      CdTrustItem *item = g_ptr_array_index (wanted, i);
      g_autofree char *location = NULL;

      record = g_hash_table_lookup (published, item->sha256);
      if (record != NULL && record->trust == item->trust)
        continue;

      if (!add (target, item, &location, error))
        ok = FALSE;
      else
        g_ptr_array_add (out_records, _cd_trust_record_new (item->sha256, item->trust,
                                                            location));
    }

  return ok;
}

/* The database's side. */

static gboolean
load_enabled (CdDatabase    *database,
              CdTrustTarget *target,
              GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _cd_database_get_statement (database,
                                     "SELECT t.enabled,"
                                     " (SELECT count(*) FROM trust_publications p"
                                     "  WHERE p.target = ?1 AND p.instance = ?2)"
                                     " FROM (SELECT 1) LEFT JOIN trust_targets t"
                                     " ON t.target = ?1 AND t.instance = ?2",
                                     error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, target->backend->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, target->instance, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      target->enabled = sqlite3_column_int (stmt, 0) != 0;
      target->n_published = sqlite3_column_int (stmt, 1);
    }
  else
    {
      _cd_database_set_error (database, error);
    }
  sqlite3_reset (stmt);

  return rc == SQLITE_ROW;
}

static gboolean
save_enabled (CdDatabase    *database,
              CdTrustTarget *target,
              gboolean       enabled,
              GError       **error)
{
  sqlite3_stmt *stmt;

  stmt = _cd_database_get_statement (database,
                                     "INSERT OR REPLACE INTO trust_targets (target, instance, enabled)"
                                     " VALUES (?1, ?2, ?3)",
                                     error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, target->backend->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, target->instance, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, enabled);
  if (!_cd_database_step_done (database, stmt, error))
    return FALSE;

  target->enabled = enabled;
  return TRUE;
}

static GHashTable *
load_records (CdDatabase    *database,
              CdTrustTarget *target,
              GError       **error)
{
  g_autoptr(GHashTable) records = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _cd_database_get_statement (database,
                                     "SELECT sha256, trust, location FROM trust_publications"
                                     " WHERE target = ?1 AND instance = ?2",
                                     error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, target->backend->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, target->instance, -1, SQLITE_STATIC);

  records = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                   (GDestroyNotify)_cd_trust_record_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *trust = (const char *)sqlite3_column_text (stmt, 1);
      CdTrustRecord *record;

      record = _cd_trust_record_new ((const char *)sqlite3_column_text (stmt, 0),
                                     g_strcmp0 (trust, "distrust") == 0
                                       ? CD_TRUST_DISTRUST : CD_TRUST_ANCHOR,
                                     (const char *)sqlite3_column_text (stmt, 2));
      g_hash_table_replace (records, record->sha256, record);
    }
  if (rc != SQLITE_DONE)
    _cd_database_set_error (database, error);
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return NULL;

  return g_steal_pointer (&records);
}

/* Replaces the target's rows by @records in one transaction, keeping
 * the date of the rows that stay.
 */
static gboolean
save_records (CdDatabase    *database,
              CdTrustTarget *target,
              GPtrArray     *records,
              GError       **error)
{
  sqlite3_stmt *stmt;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (!_cd_database_begin (database, error))
    return FALSE;

  stmt = _cd_database_get_statement (database,
                                     "CREATE TEMP TABLE IF NOT EXISTS trust_keep"
                                     " (sha256 TEXT PRIMARY KEY)",
                                     error);
  if (stmt == NULL || !_cd_database_step_done (database, stmt, error))
    goto fail;

  stmt = _cd_database_get_statement (database, "DELETE FROM trust_keep", error);
  if (stmt == NULL || !_cd_database_step_done (database, stmt, error))
    goto fail;

  for (guint i = 0; i < records->len; i++)
    {
      CdTrustRecord *record = g_ptr_array_index (records, i);

      stmt = _cd_database_get_statement (database,
                                         "INSERT INTO trust_publications"
                                         " (target, instance, sha256, trust, location, published_at)"
                                         " VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
                                         " ON CONFLICT (target, instance, sha256) DO UPDATE"
                                         " SET published_at = CASE WHEN trust = excluded.trust"
                                         "   AND location = excluded.location"
                                         "   THEN published_at ELSE excluded.published_at END,"
                                         " trust = excluded.trust, location = excluded.location",
                                         error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_text (stmt, 1, target->backend->id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, target->instance, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, record->sha256, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, _cd_trust_kind_to_string (record->trust), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, record->location, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 6, now);
      if (!_cd_database_step_done (database, stmt, error))
        goto fail;

      stmt = _cd_database_get_statement (database,
                                         "INSERT OR IGNORE INTO trust_keep (sha256) VALUES (?1)",
                                         error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_text (stmt, 1, record->sha256, -1, SQLITE_STATIC);
      if (!_cd_database_step_done (database, stmt, error))
        goto fail;
    }

  stmt = _cd_database_get_statement (database,
                                     "DELETE FROM trust_publications"
                                     " WHERE target = ?1 AND instance = ?2"
                                     " AND sha256 NOT IN (SELECT sha256 FROM trust_keep)",
                                     error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, target->backend->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, target->instance, -1, SQLITE_STATIC);
  if (!_cd_database_step_done (database, stmt, error))
    goto fail;

  if (!_cd_database_commit (database, error))
    goto fail;

  target->n_published = records->len;
  return TRUE;

fail:
  _cd_database_rollback (database);
  return FALSE;
}

/* What the target should hold: Trusted Root as anchors, Untrusted as
 * distrust. A certificate in both is only distrusted, as Windows does.
 */
static GPtrArray *
collect_wanted (CdDatabase     *database,
                CdTrustTarget  *target,
                GError        **error)
{
  g_autoptr(GPtrArray) wanted = NULL;
  g_autoptr(GPtrArray) roots = NULL;
  g_autoptr(GPtrArray) untrusted = NULL;
  g_autoptr(GHashTable) distrusted = g_hash_table_new (g_str_hash, g_str_equal);

  wanted = g_ptr_array_new_with_free_func ((GDestroyNotify)_cd_trust_item_free);

  roots = cd_database_list_store (database, CD_STORE_KIND_ROOT, error);
  if (roots == NULL)
    return NULL;
  untrusted = cd_database_list_store (database, CD_STORE_KIND_DISALLOWED, error);
  if (untrusted == NULL)
    return NULL;

  for (guint i = 0; i < untrusted->len; i++)
    g_hash_table_add (distrusted,
                      (gpointer)cd_certificate_get_sha256 (g_ptr_array_index (untrusted, i)));

  for (guint pass = 0; pass < 2; pass++)
    {
      GPtrArray *rows = pass == 0 ? roots : untrusted;
      CdTrustKind trust = pass == 0 ? CD_TRUST_ANCHOR : CD_TRUST_DISTRUST;

      if (trust == CD_TRUST_DISTRUST && !target->supports_distrust)
        break;

      for (guint i = 0; i < rows->len; i++)
        {
          CdCertificate *row = g_ptr_array_index (rows, i);
          const char *sha256 = cd_certificate_get_sha256 (row);
          g_autoptr(CdTrustItem) item = NULL;

          if (cd_certificate_get_is_request (row))
            continue;
          if (trust == CD_TRUST_ANCHOR && g_hash_table_contains (distrusted, sha256))
            continue;

          item = g_new0 (CdTrustItem, 1);
          item->sha256 = g_strdup (sha256);
          item->label = cd_certificate_dup_display_name (row);
          item->trust = trust;
          item->der = cd_database_dup_der (database, sha256, error);
          if (item->der == NULL)
            return NULL;

          g_ptr_array_add (wanted, g_steal_pointer (&item));
        }
    }

  return g_steal_pointer (&wanted);
}

/* Brings @target to @wanted (or to nothing of ours when %NULL), and
 * records what it holds afterwards even when that failed half way.
 */
/* Whether @published already is @wanted, so that a sync after an
 * unrelated change runs no tool (and asks no password).
 */
static gboolean
is_in_line (GPtrArray  *wanted,
            GHashTable *published)
{
  if (wanted->len != g_hash_table_size (published))
    return FALSE;

  for (guint i = 0; i < wanted->len; i++)
    {
      CdTrustItem *item = g_ptr_array_index (wanted, i);
      CdTrustRecord *record = g_hash_table_lookup (published, item->sha256);

      if (record == NULL || record->trust != item->trust)
        return FALSE;
    }

  return TRUE;
}

static gboolean
sync_target (CdDatabase     *database,
             CdTrustTarget  *target,
             gboolean        empty,
             gboolean        force,
             GError        **error)
{
  g_autoptr(GPtrArray) wanted = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GHashTable) published = NULL;
  g_autoptr(GError) sync_error = NULL;
  gboolean ok;

  if (empty)
    wanted = g_ptr_array_new ();
  else
    wanted = collect_wanted (database, target, error);
  if (wanted == NULL)
    return FALSE;

  published = load_records (database, target, error);
  if (published == NULL)
    return FALSE;

  if (!force && is_in_line (wanted, published))
    return TRUE;

  records = g_ptr_array_new_with_free_func ((GDestroyNotify)_cd_trust_record_free);
  ok = target->backend->sync (target, wanted, published, records, &sync_error);

  if (!save_records (database, target, records, error))
    return FALSE;

  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&sync_error));
      return FALSE;
    }

  return TRUE;
}

/**
 * cd_trust_is_target_id:
 * @id: a word from the command line
 *
 * Returns: whether @id names a kind of target
 */
gboolean
cd_trust_is_target_id (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (backends); i++)
    {
      if (g_strcmp0 (id, backends[i]->id) == 0)
        return TRUE;
    }

  return FALSE;
}

/**
 * cd_trust_list_targets:
 * @database: a #CdDatabase
 * @only_id: (nullable): a kind of target, or %NULL for all
 * @error: a location for a #GError
 *
 * Finds the targets on this machine (one per Firefox profile), with
 * whether each is available and switched on.
 *
 * Returns: (transfer full) (element-type CdTrustTarget): the targets
 */
GPtrArray *
cd_trust_list_targets (CdDatabase  *database,
                       const char  *only_id,
                       GError     **error)
{
  g_autoptr(GPtrArray) targets = NULL;

  g_return_val_if_fail (CD_IS_DATABASE (database), NULL);

  if (only_id != NULL && !cd_trust_is_target_id (only_id))
    {
      g_set_error (error, CD_TRUST_ERROR, CD_TRUST_ERROR_NOT_FOUND,
                   _("“%s” is not a trust target. The targets are nss, firefox, p11-kit, openssl-dir and system."),
                   only_id);
      return NULL;
    }

  targets = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < G_N_ELEMENTS (backends); i++)
    {
      if (only_id == NULL || g_str_equal (only_id, backends[i]->id))
        backends[i]->discover (targets);
    }

  for (guint i = 0; i < targets->len; i++)
    {
      if (!load_enabled (database, g_ptr_array_index (targets, i), error))
        return NULL;
    }

  return g_steal_pointer (&targets);
}

/**
 * cd_trust_publish:
 * @database: a #CdDatabase
 * @target: a #CdTrustTarget
 * @error: a location for a #GError
 *
 * Switches @target on and brings it in line with the stores.
 *
 * Returns: %TRUE if @target now holds the stores
 */
gboolean
cd_trust_publish (CdDatabase     *database,
                  CdTrustTarget  *target,
                  GError        **error)
{
  g_return_val_if_fail (CD_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (CD_IS_TRUST_TARGET (target), FALSE);

  if (target->unavailable_reason != NULL)
    {
      g_set_error (error, CD_TRUST_ERROR, CD_TRUST_ERROR_UNAVAILABLE,
                   /* TRANSLATORS: the first %s is a target, the second why it cannot be used */
                   _("%s cannot be used here: %s"), target->title, target->unavailable_reason);
      return FALSE;
    }

  if (!save_enabled (database, target, TRUE, error))
    return FALSE;

  return sync_target (database, target, FALSE, TRUE, error);
}

/**
 * cd_trust_unpublish:
 * @database: a #CdDatabase
 * @target: a #CdTrustTarget
 * @error: a location for a #GError
 *
 * Removes from @target every entry Certdesk wrote there, and nothing
 * else, then switches it off. When an entry cannot be removed, the
 * target stays on and the database keeps what is left, so that trying
 * again finishes the job.
 *
 * Returns: %TRUE if nothing of Certdesk's is left in @target
 */
gboolean
cd_trust_unpublish (CdDatabase     *database,
                    CdTrustTarget  *target,
                    GError        **error)
{
  g_return_val_if_fail (CD_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (CD_IS_TRUST_TARGET (target), FALSE);

  if (!sync_target (database, target, TRUE, TRUE, error))
    return FALSE;

  if (target->backend->cleanup != NULL && !target->backend->cleanup (target, error))
    return FALSE;

  return save_enabled (database, target, FALSE, error);
}

/**
 * cd_trust_sync:
 * @database: a #CdDatabase
 * @target: a #CdTrustTarget
 * @error: a location for a #GError
 *
 * Brings @target in line with the stores if it is switched on and
 * available; does nothing otherwise.
 *
 * Returns: %FALSE if the target could not be brought in line
 */
gboolean
cd_trust_sync (CdDatabase     *database,
               CdTrustTarget  *target,
               GError        **error)
{
  g_return_val_if_fail (CD_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (CD_IS_TRUST_TARGET (target), FALSE);

  if (!target->enabled || target->unavailable_reason != NULL)
    return TRUE;

  return sync_target (database, target, FALSE, FALSE, error);
}

/**
 * cd_trust_sync_enabled:
 * @database: a #CdDatabase
 * @error: a location for a #GError
 *
 * Syncs every target that is switched on, after the Trusted Root or
 * Untrusted store changed. A target that fails does not stop the
 * others; the first failure is returned.
 *
 * Returns: %TRUE if every target switched on is in line
 */
gboolean
cd_trust_sync_enabled (CdDatabase  *database,
                       GError     **error)
{
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GError) first_error = NULL;

  g_return_val_if_fail (CD_IS_DATABASE (database), FALSE);

  targets = cd_trust_list_targets (database, NULL, error);
  if (targets == NULL)
    return FALSE;

  for (guint i = 0; i < targets->len; i++)
    {
      CdTrustTarget *target = g_ptr_array_index (targets, i);
      g_autoptr(GError) local_error = NULL;

      if (!cd_trust_sync (database, target, &local_error) && first_error == NULL)
        {
          g_prefix_error (&local_error, "%s: ", target->title);
          first_error = g_steal_pointer (&local_error);
        }
    }

  if (first_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&first_error));
      return FALSE;
    }

  return TRUE;
}

static void
sync_enabled_worker (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  g_autoptr(CdDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  /* SQLite connections are not shared between threads. */
  database = cd_database_open (task_data, &error);
  if (database == NULL || !cd_trust_sync_enabled (database, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * cd_trust_sync_enabled_async:
 * @database: a #CdDatabase
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Runs cd_trust_sync_enabled() in a worker thread with its own
 * connection to @database's file: certutil and pkexec take time.
 */
void
cd_trust_sync_enabled_async (CdDatabase          *database,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CD_IS_DATABASE (database));

  task = g_task_new (database, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_trust_sync_enabled_async);
  g_task_set_task_data (task, g_strdup (cd_database_get_path (database)), g_free);
  g_task_run_in_thread (task, sync_enabled_worker);
}

gboolean
cd_trust_sync_enabled_finish (CdDatabase    *database,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, database), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * cd_trust_dup_publications_for:
 * @database: a #CdDatabase
 * @sha256: a certificate's fingerprint
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (element-type CdTrustTarget): the targets on
 *   this machine that hold the certificate because Certdesk put it there
 */
GPtrArray *
cd_trust_dup_publications_for (CdDatabase  *database,
                               const char  *sha256,
                               GError     **error)
{
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CD_IS_DATABASE (database), NULL);
  g_return_val_if_fail (sha256 != NULL, NULL);

  stmt = _cd_database_get_statement (database,
                                     "SELECT target, instance FROM trust_publications"
                                     " WHERE sha256 = ?1",
                                     error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (keys, g_strdup_printf ("%s\n%s",
                                             sqlite3_column_text (stmt, 0),
                                             sqlite3_column_text (stmt, 1)));
  if (rc != SQLITE_DONE)
    _cd_database_set_error (database, error);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return NULL;

  found = g_ptr_array_new_with_free_func (g_object_unref);
  if (g_hash_table_size (keys) == 0)
    return g_steal_pointer (&found);

  targets = cd_trust_list_targets (database, NULL, error);
  if (targets == NULL)
    return NULL;

  for (guint i = 0; i < targets->len; i++)
    {
      CdTrustTarget *target = g_ptr_array_index (targets, i);
      g_autofree char *key = g_strdup_printf ("%s\n%s", target->backend->id, target->instance);

      if (g_hash_table_contains (keys, key))
        g_ptr_array_add (found, g_object_ref (target));
    }

  return g_steal_pointer (&found);
}

typedef struct
{
  char     *database_path;
  char     *id;
  char     *instance;
  gboolean  enabled;
} SetEnabledData;

static void
set_enabled_data_free (SetEnabledData *data)
{
  g_free (data->database_path);
  g_free (data->id);
  g_free (data->instance);
  g_free (data);
}

static void
set_enabled_worker (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  SetEnabledData *data = task_data;
  g_autoptr(CdDatabase) database = NULL;
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GError) error = NULL;

  database = cd_database_open (data->database_path, &error);
  if (database != NULL)
    targets = cd_trust_list_targets (database, data->id, &error);
  if (targets == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (guint i = 0; i < targets->len; i++)
    {
      CdTrustTarget *target = g_ptr_array_index (targets, i);
      gboolean ok;

      if (!g_str_equal (target->instance, data->instance))
        continue;

      if (data->enabled)
        ok = cd_trust_publish (database, target, &error);
      else
        ok = cd_trust_unpublish (database, target, &error);

      if (ok)
        g_task_return_pointer (task, g_object_ref (target), g_object_unref);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_new_error (task, CD_TRUST_ERROR, CD_TRUST_ERROR_NOT_FOUND,
                           _("The target is no longer on this computer."));
}

/**
 * cd_trust_set_enabled_async:
 * @database: a #CdDatabase
 * @target: the target to switch
 * @enabled: %TRUE to publish, %FALSE to unpublish
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Runs cd_trust_publish() or cd_trust_unpublish() in a worker thread,
 * with its own connection to @database's file: pkexec waits for a
 * password.
 */
void
cd_trust_set_enabled_async (CdDatabase          *database,
                            CdTrustTarget       *target,
                            gboolean             enabled,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SetEnabledData *data;

  g_return_if_fail (CD_IS_DATABASE (database));
  g_return_if_fail (CD_IS_TRUST_TARGET (target));

  data = g_new0 (SetEnabledData, 1);
  data->database_path = g_strdup (cd_database_get_path (database));
  data->id = g_strdup (target->backend->id);
  data->instance = g_strdup (target->instance);
  data->enabled = enabled;

  task = g_task_new (database, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_trust_set_enabled_async);
  g_task_set_task_data (task, data, (GDestroyNotify)set_enabled_data_free);
  g_task_run_in_thread (task, set_enabled_worker);
}

/**
 * cd_trust_set_enabled_finish:
 * @database: a #CdDatabase
 * @result: the result given to the callback
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the target as it is now, or
 *   %NULL on failure
 */
CdTrustTarget *
cd_trust_set_enabled_finish (CdDatabase    *database,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, database), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
