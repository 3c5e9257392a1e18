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
 * (cd-trust-*.c), the record of what was written where in
 * cd-trust-records.c, so that switching a target off removes exactly
 * Certdesk's own entries; this file decides what each target should
 * hold and brings it there.
 */

#define G_LOG_DOMAIN "cd-trust"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cd-certificate.h"
#include "cd-database.h"
#include "cd-errors.h"
#include "cd-trust-private.h"

static const CdTrustBackend *backends[] = {
  &_cd_trust_nss_backend,
  &_cd_trust_firefox_backend,
  &_cd_trust_p11kit_backend,
  &_cd_trust_openssl_dir_backend,
  &_cd_trust_system_backend,
};


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

/* Brings @target to @wanted (or to nothing of ours when @empty), and
 * records what it holds afterwards even when that failed half way.
 */
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

  published = _cd_trust_load_records (database, target, error);
  if (published == NULL)
    return FALSE;

  if (!force && is_in_line (wanted, published))
    return TRUE;

  records = g_ptr_array_new_with_free_func ((GDestroyNotify)_cd_trust_record_free);
  ok = target->backend->sync (target, wanted, published, records, &sync_error);

  if (!_cd_trust_save_records (database, target, records, error))
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
      if (!_cd_trust_load_enabled (database, g_ptr_array_index (targets, i), error))
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

  if (!_cd_trust_save_enabled (database, target, TRUE, error))
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

  return _cd_trust_save_enabled (database, target, FALSE, error);
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
