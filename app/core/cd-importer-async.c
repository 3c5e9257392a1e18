/* cd-importer-async.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* CdImporter in a worker thread: the file or pasted data, the password
 * and the progress go to a GTask, which opens its own connection to
 * the database and reports progress on the caller's main context.
 */

#define G_LOG_DOMAIN "cd-importer"

#include "config.h"

#include <string.h>

#include "cd-database.h"
#include "cd-importer-private.h"

/* One state for both async variants: exactly one of @file and @data is
 * set. Pasted data stays in memory; it is never written to a file.
 */
typedef struct
{
  GFile          *file;
  GBytes         *data;
  char           *display_name;
  char           *password;
  CdStoreKind     kind;
  CdProgressFunc  progress;
  gpointer        progress_data;
  GMainContext   *context;   /* where progress is reported */
  char           *database_path;
} ImportState;

static void
import_state_free (ImportState *state)
{
  g_clear_object (&state->file);
  g_clear_pointer (&state->data, g_bytes_unref);
  g_free (state->display_name);
  if (state->password != NULL)
    {
      memset (state->password, 0, strlen (state->password));
      g_free (state->password);
    }
  g_clear_pointer (&state->context, g_main_context_unref);
  g_free (state->database_path);
  g_free (state);
}

static void
progress_from_worker (double   fraction,
                      gpointer user_data)
{
  ImportState *state = user_data;

  _cd_progress_post (state->context, state->progress, state->progress_data, fraction);
}

static ImportState *
import_state_new (CdImporter     *self,
                  const char     *password,
                  CdStoreKind     kind,
                  CdProgressFunc  progress,
                  gpointer        progress_data)
{
  ImportState *state = g_new0 (ImportState, 1);

  state->password = g_strdup (password);
  state->kind = kind;
  state->progress = progress;
  state->progress_data = progress_data;
  state->context = g_main_context_ref_thread_default ();
  state->database_path = g_strdup (cd_database_get_path (self->database));

  return state;
}

static void
import_worker (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  CdImporter *self = source_object;
  ImportState *state = task_data;
  g_autoptr(CdDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  CdImportResult *result;

  /* SQLite connections are not shared between threads. */
  database = cd_database_open (state->database_path, &error);
  if (database == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (state->file != NULL)
    result = _cd_importer_import_file_with_database (self, database, state->file, state->password,
                                                     state->kind,
                                                     state->progress ? progress_from_worker : NULL,
                                                     state, cancellable, &error);
  else
    result = _cd_importer_import_bytes_with_database (self, database, state->data,
                                                      state->display_name, state->password,
                                                      state->kind,
                                                      state->progress ? progress_from_worker : NULL,
                                                      state, cancellable, &error);
  if (result == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, result, (GDestroyNotify)cd_import_result_unref);
}

static void
import_run (CdImporter          *self,
            ImportState         *state,
            gpointer             source_tag,
            const char          *name,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_name (task, name);
  g_task_set_task_data (task, state, (GDestroyNotify)import_state_free);
  g_task_run_in_thread (task, import_worker);
}

/**
 * cd_importer_import_file_async:
 * @self: a #CdImporter
 * @file: the file to import
 * @password: (nullable): the password for PKCS#12 files and encrypted keys
 * @kind: the store, or %CD_STORE_KIND_AUTO
 * @progress: (nullable): called with the fraction done, on the thread-default
 *   main context of the caller
 * @progress_data: data for @progress; must live until @callback runs
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the import is done
 * @user_data: data for @callback
 *
 * Imports @file in a worker thread, with its own database connection.
 */
void
cd_importer_import_file_async (CdImporter          *self,
                               GFile               *file,
                               const char          *password,
                               CdStoreKind          kind,
                               CdProgressFunc       progress,
                               gpointer             progress_data,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  ImportState *state;

  g_return_if_fail (CD_IS_IMPORTER (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (kind >= CD_STORE_KIND_AUTO && kind < CD_N_STORE_KINDS);

  state = import_state_new (self, password, kind, progress, progress_data);
  state->file = g_object_ref (file);

  import_run (self, state, cd_importer_import_file_async, "[certdesk] import file",
              cancellable, callback, user_data);
}

/**
 * cd_importer_import_file_finish:
 * @self: a #CdImporter
 * @result: the #GAsyncResult
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): what was imported
 */
CdImportResult *
cd_importer_import_file_finish (CdImporter    *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (CD_IS_IMPORTER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * cd_importer_import_bytes_async:
 * @self: a #CdImporter
 * @data: what to import, such as text pasted from the clipboard
 * @display_name: a name for @data, for messages
 * @password: (nullable): the password for PKCS#12 data and encrypted keys
 * @kind: the store, or %CD_STORE_KIND_AUTO
 * @progress: (nullable): called with the fraction done, on the thread-default
 *   main context of the caller
 * @progress_data: data for @progress; must live until @callback runs
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the import is done
 * @user_data: data for @callback
 *
 * Like cd_importer_import_file_async(), for data already in memory.
 * @data is kept in memory only: a private key it holds never touches
 * the disk on its way to the keyring.
 */
void
cd_importer_import_bytes_async (CdImporter          *self,
                                GBytes              *data,
                                const char          *display_name,
                                const char          *password,
                                CdStoreKind          kind,
                                CdProgressFunc       progress,
                                gpointer             progress_data,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  ImportState *state;

  g_return_if_fail (CD_IS_IMPORTER (self));
  g_return_if_fail (data != NULL);
  g_return_if_fail (display_name != NULL);
  g_return_if_fail (kind >= CD_STORE_KIND_AUTO && kind < CD_N_STORE_KINDS);

  state = import_state_new (self, password, kind, progress, progress_data);
  state->data = g_bytes_ref (data);
  state->display_name = g_strdup (display_name);

  import_run (self, state, cd_importer_import_bytes_async, "[certdesk] import bytes",
              cancellable, callback, user_data);
}

/**
 * cd_importer_import_bytes_finish:
 * @self: a #CdImporter
 * @result: the #GAsyncResult
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): what was imported
 */
CdImportResult *
cd_importer_import_bytes_finish (CdImporter    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (CD_IS_IMPORTER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
