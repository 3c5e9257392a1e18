/* cd-importer.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* CdImporter takes what a file holds into the stores: it parses the
 * file (cd-import-bundle.c), places each certificate the way Windows
 * does, writes private keys to the keyring first and then the database
 * in one transaction. If anything fails, the keys it wrote are deleted
 * again and the transaction rolled back: nothing is ever half-imported.
 */

#define G_LOG_DOMAIN "cd-importer"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cd-certificate-private.h"
#include "cd-database-private.h"
#include "cd-errors.h"
#include "cd-import-bundle-private.h"
#include "cd-importer.h"
#include "cd-keyring.h"
#include "cd-openssl-private.h"
#include "cd-progress-private.h"
#include "cd-store-kind.h"
#include "cd-x509-private.h"

/* Parsing is most of the work; the rest of the bar is the database. */
#define PARSE_SHARE 0.7

struct _CdImporter
{
  GObject     parent_instance;

  CdDatabase *database;
  CdKeyring  *keyring;
};

struct _CdImportResult
{
  gatomicrefcount ref_count;
  guint           added[CD_N_STORE_KINDS];
  guint           existing[CD_N_STORE_KINDS];
  guint           keys_added;
  guint           keys_existing;
  guint           requests_completed;
  GPtrArray      *pending_roots;   /* of GBytes, DER; roots a CA reply brought */
};

typedef struct
{
  char     *key_id;
  char     *label;
  EVP_PKEY *key;      /* borrowed from the bundle */
} PendingKey;

G_DEFINE_FINAL_TYPE (CdImporter, cd_importer, G_TYPE_OBJECT)
G_DEFINE_BOXED_TYPE (CdImportResult, cd_import_result, cd_import_result_ref, cd_import_result_unref)

static void
pending_key_free (PendingKey *pending)
{
  g_free (pending->key_id);
  g_free (pending->label);
  g_free (pending);
}

static void
report_progress (CdProgressFunc progress,
                 gpointer       progress_data,
                 double         fraction)
{
  if (progress != NULL)
    progress (CLAMP (fraction, 0.0, 1.0), progress_data);
}

typedef struct
{
  CdProgressFunc progress;
  gpointer       progress_data;
} ParseProgress;

static void
parse_progress_cb (double   fraction,
                   gpointer user_data)
{
  ParseProgress *state = user_data;

  report_progress (state->progress, state->progress_data, fraction * PARSE_SHARE);
}

static gboolean
key_is_known (CdDatabase  *database,
              GHashTable  *bundle_key_ids,
              const char  *key_id,
              gboolean    *out_known,
              GError     **error)
{
  *out_known = FALSE;

  if (key_id == NULL)
    return TRUE;

  if (g_hash_table_contains (bundle_key_ids, key_id))
    {
      *out_known = TRUE;
      return TRUE;
    }

  return _cd_database_has_key (database, key_id, out_known, error);
}

/* Where Windows would put a certificate: own key → Personal; self-signed
 * authority → Trusted Root; other authority → Intermediate; anything
 * else → Other People.
 */
static CdStoreKind
automatic_store (CdCertificate *row,
                 gboolean       has_key)
{
  if (has_key)
    return CD_STORE_KIND_MY;
  if (row->is_ca && row->is_self_signed)
    return CD_STORE_KIND_ROOT;
  if (row->is_ca)
    return CD_STORE_KIND_CA;
  return CD_STORE_KIND_ADDRESS_BOOK;
}

/* A key that arrives after its certificate: the certificate moves into
 * Personal, out of Other People where automatic placement had put it
 * for want of a key. Authorities stay where they are and are added to
 * Personal as well, as Windows lists a CA whose key you hold.
 */
static gboolean
pair_existing_certificates (CdDatabase      *database,
                            const char      *key_id,
                            CdImportResult  *result,
                            GError         **error)
{
  g_autoptr(GPtrArray) rows = _cd_database_list_by_key_id (database, key_id, error);
  g_autoptr(GHashTable) in_personal = g_hash_table_new (g_str_hash, g_str_equal);

  if (rows == NULL)
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      CdCertificate *row = g_ptr_array_index (rows, i);

      if (row->store == CD_STORE_KIND_MY)
        g_hash_table_add (in_personal, row->sha256);
    }

  for (guint i = 0; i < rows->len; i++)
    {
      CdCertificate *row = g_ptr_array_index (rows, i);
      g_autoptr(GBytes) der = NULL;
      gboolean added = FALSE;

      if (row->is_request || g_hash_table_contains (in_personal, row->sha256))
        continue;

      der = cd_database_dup_der (database, row->sha256, error);
      if (der == NULL ||
          !_cd_database_add_to_store (database, row, der, CD_STORE_KIND_MY, &added, error))
        return FALSE;

      if (added)
        result->added[CD_STORE_KIND_MY]++;
      g_hash_table_add (in_personal, row->sha256);

      if (row->store == CD_STORE_KIND_ADDRESS_BOOK &&
          !_cd_database_remove_from_store (database, row->sha256, CD_STORE_KIND_ADDRESS_BOOK, error))
        return FALSE;
    }

  return TRUE;
}

/* A certificate issued for one of our pending requests completes it:
 * the request leaves the request store, the certificate goes to
 * Personal (its key is known) and the chain that came with it is
 * placed by the caller. Only a key held before this import counts, and
 * only if the keyring really has it: a PKCS#12 file that brings its own
 * key is a certificate with its key, not the CA's answer to a request.
 */
static gboolean
complete_requests (CdImporter      *self,
                   CdDatabase      *database,
                   GPtrArray       *rows,
                   CdImportResult  *result,
                   gboolean        *out_completed,
                   GCancellable    *cancellable,
                   GError         **error)
{
  *out_completed = FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      CdCertificate *row = g_ptr_array_index (rows, i);
      g_autoptr(GPtrArray) pending = NULL;
      gboolean known = FALSE;
      gboolean in_keyring = FALSE;

      if (row->is_request || row->key_id == NULL)
        continue;

      if (!_cd_database_has_key (database, row->key_id, &known, error))
        return FALSE;
      if (!known)
        continue;

      pending = _cd_database_list_by_key_id (database, row->key_id, error);
      if (pending == NULL)
        return FALSE;

      for (guint j = 0; j < pending->len; j++)
        {
          CdCertificate *request = g_ptr_array_index (pending, j);

          if (!request->is_request || request->store != CD_STORE_KIND_REQUEST)
            continue;

          if (!in_keyring &&
              !cd_keyring_has_key (self->keyring, row->key_id, &in_keyring, cancellable, error))
            return FALSE;
          if (!in_keyring)
            break;

          if (!_cd_database_remove_from_store (database, request->sha256, CD_STORE_KIND_REQUEST, error))
            return FALSE;

          result->requests_completed++;
          *out_completed = TRUE;
        }
    }

  return TRUE;
}

/* A root that came with a CA's reply is not trusted on the way: the
 * user is asked first. One already trusted is simply counted.
 */
static gboolean
hold_back_root (CdDatabase      *database,
                CdCertificate   *row,
                GBytes          *der,
                CdImportResult  *result,
                GError         **error)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) local_error = NULL;

  found = cd_database_find (database, row->sha256, CD_STORE_KIND_ROOT, &local_error);
  if (found != NULL)
    {
      result->existing[CD_STORE_KIND_ROOT]++;
      return TRUE;
    }

  if (!g_error_matches (local_error, CD_DATABASE_ERROR, CD_DATABASE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  g_ptr_array_add (result->pending_roots, g_bytes_ref (der));

  return TRUE;
}

static void
forget_written_keys (CdImporter *self,
                     GPtrArray  *written)
{
  for (guint i = 0; i < written->len; i++)
    {
      const char *key_id = g_ptr_array_index (written, i);
      g_autoptr(GError) error = NULL;

      if (!cd_keyring_delete_key (self->keyring, key_id, NULL, &error))
        g_warning ("Could not remove key %s after a failed import: %s", key_id, error->message);
    }
}

static char *
label_for_key (const char *key_id,
               GPtrArray  *rows)
{
  for (guint i = 0; i < rows->len; i++)
    {
      CdCertificate *row = g_ptr_array_index (rows, i);

      if (g_strcmp0 (row->key_id, key_id) == 0 && row->subject_cn != NULL)
        return cd_certificate_dup_display_name (row);
    }

  /* translators: %s is the start of the key's fingerprint */
  return g_strdup_printf (_("key %.16s"), key_id);
}

static CdImportResult *
commit_bundle (CdImporter      *self,
               CdDatabase      *database,
               CdImportBundle  *bundle,
               CdStoreKind      kind,
               CdProgressFunc   progress,
               gpointer         progress_data,
               GCancellable    *cancellable,
               GError         **error)
{
  g_autoptr(CdImportResult) result = cd_import_result_new ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) ders = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func ((GDestroyNotify)pending_key_free);
  g_autoptr(GPtrArray) written = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) bundle_key_ids = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean completes_request = FALSE;
  guint total;

  /* Everything that can fail without side effects comes first. */
  for (guint i = 0; i < bundle->certs->len; i++)
    {
      X509 *cert = g_ptr_array_index (bundle->certs, i);
      const char *name = g_ptr_array_index (bundle->cert_names, i);
      CdCertificate *row = _cd_certificate_new_from_x509 (cert, name);

      if (row == NULL)
        {
          g_set_error (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_CORRUPT,
                       _("A certificate in “%s” cannot be read."), bundle->display_name);
          return NULL;
        }
      g_ptr_array_add (rows, row);
      g_ptr_array_add (ders, _cd_x509_to_der (cert));
    }

  for (guint i = 0; i < bundle->requests->len; i++)
    {
      X509_REQ *request = g_ptr_array_index (bundle->requests, i);
      CdCertificate *row = _cd_certificate_new_from_request (request);

      if (row == NULL)
        {
          g_set_error (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_CORRUPT,
                       _("A certificate request in “%s” cannot be read."), bundle->display_name);
          return NULL;
        }
      g_ptr_array_add (rows, row);
      g_ptr_array_add (ders, _cd_x509_request_to_der (request));
    }

  for (guint i = 0; i < bundle->keys->len; i++)
    {
      PendingKey *pending = g_new0 (PendingKey, 1);

      pending->key = g_ptr_array_index (bundle->keys, i);
      pending->key_id = _cd_x509_key_id (pending->key);
      g_ptr_array_add (keys, pending);
      if (pending->key_id == NULL)
        {
          g_set_error (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_UNSUPPORTED,
                       _("The private key in “%s” is of a kind Certdesk cannot store."),
                       bundle->display_name);
          return NULL;
        }
      pending->label = label_for_key (pending->key_id, rows);
      g_hash_table_add (bundle_key_ids, pending->key_id);
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* Keys go to the keyring before the database commits, so that a
   * failure of either leaves no certificate pointing at a missing key.
   */
  for (guint i = 0; i < keys->len; i++)
    {
      PendingKey *pending = g_ptr_array_index (keys, i);
      char *pem = _cd_x509_key_to_pkcs8_pem (pending->key);
      gboolean created = FALSE;
      gboolean ok;

      if (pem == NULL)
        {
          g_set_error (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_UNSUPPORTED,
                       _("The private key in “%s” is of a kind Certdesk cannot store."),
                       bundle->display_name);
          forget_written_keys (self, written);
          return NULL;
        }

      ok = cd_keyring_store_key (self->keyring, pending->key_id,
                                 _cd_x509_key_algorithm (pending->key), pending->label, pem,
                                 &created, cancellable, error);
      _cd_x509_free_secret (pem);
      if (!ok)
        {
          forget_written_keys (self, written);
          return NULL;
        }

      if (created)
        g_ptr_array_add (written, g_strdup (pending->key_id));
    }

  if (!_cd_database_begin (database, error))
    goto failed;

  /* Before the file's own keys are recorded: see complete_requests(). */
  if (kind == CD_STORE_KIND_AUTO &&
      !complete_requests (self, database, rows, result, &completes_request, cancellable, error))
    goto failed;

  for (guint i = 0; i < keys->len; i++)
    {
      PendingKey *pending = g_ptr_array_index (keys, i);
      gboolean added = FALSE;

      if (!_cd_database_add_key (database, pending->key_id,
                                 _cd_x509_key_algorithm (pending->key), pending->label,
                                 &added, error))
        goto failed;

      if (added)
        result->keys_added++;
      else
        result->keys_existing++;

      if (kind == CD_STORE_KIND_AUTO &&
          !pair_existing_certificates (database, pending->key_id, result, error))
        goto failed;
    }

  total = rows->len;
  for (guint i = 0; i < rows->len; i++)
    {
      CdCertificate *row = g_ptr_array_index (rows, i);
      GBytes *der = g_ptr_array_index (ders, i);
      CdStoreKind target;
      gboolean has_key = FALSE;
      gboolean added = FALSE;

      if (!key_is_known (database, bundle_key_ids, row->key_id, &has_key, error))
        goto failed;

      if (row->is_request)
        target = CD_STORE_KIND_REQUEST;
      else if (kind != CD_STORE_KIND_AUTO)
        target = kind;
      else
        target = automatic_store (row, has_key);

      if (completes_request && target == CD_STORE_KIND_ROOT)
        {
          if (!hold_back_root (database, row, der, result, error))
            goto failed;
          continue;
        }

      if (!_cd_database_add_to_store (database, row, der, target, &added, error))
        goto failed;

      if (added)
        result->added[target]++;
      else
        result->existing[target]++;

      if (i % 512 == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            goto failed;
          report_progress (progress, progress_data,
                           PARSE_SHARE + (1.0 - PARSE_SHARE) * i / MAX (total, 1));
        }
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto failed;

  if (!_cd_database_commit (database, error))
    goto failed;

  report_progress (progress, progress_data, 1.0);

  return g_steal_pointer (&result);

failed:
  _cd_database_rollback (database);
  forget_written_keys (self, written);
  return NULL;
}

static CdImportResult *
import_bytes_with_database (CdImporter      *self,
                            CdDatabase      *database,
                            GBytes          *data,
                            const char      *display_name,
                            const char      *password,
                            CdStoreKind      kind,
                            CdProgressFunc   progress,
                            gpointer         progress_data,
                            GCancellable    *cancellable,
                            GError         **error)
{
  g_autoptr(CdImportBundle) bundle = NULL;
  ParseProgress parse_progress = { progress, progress_data };

  report_progress (progress, progress_data, 0.0);

  bundle = cd_import_bundle_parse (data, display_name, password,
                                   parse_progress_cb, &parse_progress,
                                   cancellable, error);
  if (bundle == NULL)
    return NULL;

  return commit_bundle (self, database, bundle, kind, progress, progress_data,
                        cancellable, error);
}

static CdImportResult *
import_file_with_database (CdImporter      *self,
                           CdDatabase      *database,
                           GFile           *file,
                           const char      *password,
                           CdStoreKind      kind,
                           CdProgressFunc   progress,
                           gpointer         progress_data,
                           GCancellable    *cancellable,
                           GError         **error)
{
  g_autoptr(GBytes) data = NULL;
  g_autofree char *display_name = NULL;

  data = cd_import_read_file (file, cancellable, error);
  if (data == NULL)
    return NULL;

  display_name = g_file_get_basename (file);

  return import_bytes_with_database (self, database, data, display_name, password, kind,
                                     progress, progress_data, cancellable, error);
}

static void
cd_importer_dispose (GObject *object)
{
  CdImporter *self = (CdImporter *)object;

  g_clear_object (&self->database);
  g_clear_object (&self->keyring);

  G_OBJECT_CLASS (cd_importer_parent_class)->dispose (object);
}

static void
cd_importer_class_init (CdImporterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cd_importer_dispose;
}

static void
cd_importer_init (CdImporter *self)
{
}

/**
 * cd_importer_new:
 * @database: the database to import into
 * @keyring: the keyring private keys go to
 *
 * Returns: (transfer full): a new #CdImporter
 */
CdImporter *
cd_importer_new (CdDatabase *database,
                 CdKeyring  *keyring)
{
  CdImporter *self;

  g_return_val_if_fail (CD_IS_DATABASE (database), NULL);
  g_return_val_if_fail (CD_IS_KEYRING (keyring), NULL);

  self = g_object_new (CD_TYPE_IMPORTER, NULL);
  self->database = g_object_ref (database);
  self->keyring = g_object_ref (keyring);

  return self;
}

/**
 * cd_importer_import_bytes:
 * @self: a #CdImporter
 * @data: the content of a file
 * @display_name: the file's name, for messages
 * @password: (nullable): the password for PKCS#12 files and encrypted keys
 * @kind: the store for the certificates, or %CD_STORE_KIND_AUTO to place
 *   them as Windows does; requests always go to the request store
 * @progress: (nullable) (scope call): called now and then, in this thread
 * @progress_data: data for @progress
 * @cancellable: (nullable): a #GCancellable
 * @error: a location for a #GError
 *
 * Imports everything @data holds, or nothing.
 *
 * Returns: (transfer full) (nullable): what was imported
 */
CdImportResult *
cd_importer_import_bytes (CdImporter      *self,
                          GBytes          *data,
                          const char      *display_name,
                          const char      *password,
                          CdStoreKind      kind,
                          CdProgressFunc   progress,
                          gpointer         progress_data,
                          GCancellable    *cancellable,
                          GError         **error)
{
  g_return_val_if_fail (CD_IS_IMPORTER (self), NULL);
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (kind >= CD_STORE_KIND_AUTO && kind < CD_N_STORE_KINDS, NULL);

  return import_bytes_with_database (self, self->database, data, display_name, password, kind,
                                     progress, progress_data, cancellable, error);
}

/**
 * cd_importer_import_file:
 * @self: a #CdImporter
 * @file: the file to import
 * @password: (nullable): the password for PKCS#12 files and encrypted keys
 * @kind: the store, or %CD_STORE_KIND_AUTO
 * @progress: (nullable) (scope call): called now and then, in this thread
 * @progress_data: data for @progress
 * @cancellable: (nullable): a #GCancellable
 * @error: a location for a #GError
 *
 * Like cd_importer_import_bytes(), reading @file first; files over 32 MiB
 * are refused before they are read.
 *
 * Returns: (transfer full) (nullable): what was imported
 */
CdImportResult *
cd_importer_import_file (CdImporter      *self,
                         GFile           *file,
                         const char      *password,
                         CdStoreKind      kind,
                         CdProgressFunc   progress,
                         gpointer         progress_data,
                         GCancellable    *cancellable,
                         GError         **error)
{
  g_return_val_if_fail (CD_IS_IMPORTER (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (kind >= CD_STORE_KIND_AUTO && kind < CD_N_STORE_KINDS, NULL);

  return import_file_with_database (self, self->database, file, password, kind,
                                    progress, progress_data, cancellable, error);
}

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
    result = import_file_with_database (self, database, state->file, state->password, state->kind,
                                        state->progress ? progress_from_worker : NULL, state,
                                        cancellable, &error);
  else
    result = import_bytes_with_database (self, database, state->data, state->display_name,
                                         state->password, state->kind,
                                         state->progress ? progress_from_worker : NULL, state,
                                         cancellable, &error);
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

/**
 * cd_import_result_new:
 *
 * Returns: (transfer full): an empty result, to merge others into
 */
CdImportResult *
cd_import_result_new (void)
{
  CdImportResult *result = g_new0 (CdImportResult, 1);

  g_atomic_ref_count_init (&result->ref_count);
  result->pending_roots = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);

  return result;
}

CdImportResult *
cd_import_result_ref (CdImportResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);

  g_atomic_ref_count_inc (&result->ref_count);

  return result;
}

void
cd_import_result_unref (CdImportResult *result)
{
  g_return_if_fail (result != NULL);

  if (g_atomic_ref_count_dec (&result->ref_count))
    {
      g_ptr_array_unref (result->pending_roots);
      g_free (result);
    }
}

/**
 * cd_import_result_merge:
 * @result: a #CdImportResult
 * @other: another one, added to @result
 *
 * Adds up the results of several files, for one summary.
 */
void
cd_import_result_merge (CdImportResult *result,
                        CdImportResult *other)
{
  g_return_if_fail (result != NULL);
  g_return_if_fail (other != NULL);

  for (guint i = 0; i < CD_N_STORE_KINDS; i++)
    {
      result->added[i] += other->added[i];
      result->existing[i] += other->existing[i];
    }
  result->keys_added += other->keys_added;
  result->keys_existing += other->keys_existing;
  result->requests_completed += other->requests_completed;
  for (guint i = 0; i < other->pending_roots->len; i++)
    g_ptr_array_add (result->pending_roots, g_bytes_ref (g_ptr_array_index (other->pending_roots, i)));
}

guint
cd_import_result_get_added (CdImportResult *result,
                            CdStoreKind     kind)
{
  g_return_val_if_fail (result != NULL, 0);
  g_return_val_if_fail (kind >= 0 && kind < CD_N_STORE_KINDS, 0);

  return result->added[kind];
}

guint
cd_import_result_get_existing (CdImportResult *result,
                               CdStoreKind     kind)
{
  g_return_val_if_fail (result != NULL, 0);
  g_return_val_if_fail (kind >= 0 && kind < CD_N_STORE_KINDS, 0);

  return result->existing[kind];
}

guint
cd_import_result_get_keys_added (CdImportResult *result)
{
  g_return_val_if_fail (result != NULL, 0);

  return result->keys_added;
}

guint
cd_import_result_get_keys_existing (CdImportResult *result)
{
  g_return_val_if_fail (result != NULL, 0);

  return result->keys_existing;
}

guint
cd_import_result_get_total_added (CdImportResult *result)
{
  guint total = 0;

  g_return_val_if_fail (result != NULL, 0);

  for (guint i = 0; i < CD_N_STORE_KINDS; i++)
    total += result->added[i];

  return total;
}

/**
 * cd_import_result_get_requests_completed:
 * @result: a #CdImportResult
 *
 * Returns: how many pending requests the imported certificates
 *   completed; those requests were removed from the request store
 */
guint
cd_import_result_get_requests_completed (CdImportResult *result)
{
  g_return_val_if_fail (result != NULL, 0);

  return result->requests_completed;
}

/**
 * cd_import_result_get_pending_roots:
 * @result: a #CdImportResult
 *
 * Roots that came with a certificate completing a request are not put
 * into Trusted Root Certification Authorities without the user's
 * word: ask, then import each with %CD_STORE_KIND_ROOT.
 *
 * Returns: (transfer none) (element-type GBytes): their DER, possibly empty
 */
GPtrArray *
cd_import_result_get_pending_roots (CdImportResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);

  return result->pending_roots;
}

static char *
describe_store (CdImportResult *result,
                CdStoreKind     kind)
{
  guint added = result->added[kind];
  guint existing = result->existing[kind];
  const char *store = cd_store_kind_get_title (kind);
  g_autofree char *main_part = NULL;

  if (kind == CD_STORE_KIND_REQUEST)
    {
      if (added == 0)
        /* translators: %u is a number, %s a store name */
        return g_strdup_printf (ngettext ("%u request was already in %s",
                                          "%u requests were already in %s", existing),
                                existing, store);
      /* translators: %u is a number, %s a store name */
      main_part = g_strdup_printf (ngettext ("%u request imported into %s",
                                             "%u requests imported into %s", added),
                                   added, store);
    }
  else
    {
      if (added == 0)
        /* translators: %u is a number, %s a store name */
        return g_strdup_printf (ngettext ("%u certificate was already in %s",
                                          "%u certificates were already in %s", existing),
                                existing, store);
      /* translators: %u is a number, %s a store name */
      main_part = g_strdup_printf (ngettext ("%u certificate imported into %s",
                                             "%u certificates imported into %s", added),
                                   added, store);
    }

  if (existing == 0)
    return g_steal_pointer (&main_part);

  /* translators: the first %s is e.g. "3 certificates imported into
   * Personal", %u the number of certificates that were there before */
  return g_strdup_printf (ngettext ("%s, %u was already there",
                                    "%s, %u were already there", existing),
                          main_part, existing);
}

/**
 * cd_import_result_dup_summary:
 * @result: a #CdImportResult
 *
 * Returns: (transfer full): one translated line saying what went where,
 *   such as "3 certificates imported into Trusted Root Certification
 *   Authorities, 1 was already there"
 */
char *
cd_import_result_dup_summary (CdImportResult *result)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (result != NULL, NULL);

  for (guint i = 0; i < CD_N_STORE_KINDS; i++)
    {
      if (result->added[i] > 0 || result->existing[i] > 0)
        g_ptr_array_add (parts, describe_store (result, i));
    }

  if (result->keys_added > 0)
    /* translators: %u is a number */
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u private key added to your keyring",
                                                       "%u private keys added to your keyring",
                                                       result->keys_added),
                                             result->keys_added));
  else if (result->keys_existing > 0)
    /* translators: %u is a number */
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u private key was already in your keyring",
                                                       "%u private keys were already in your keyring",
                                                       result->keys_existing),
                                             result->keys_existing));

  if (result->requests_completed > 0)
    /* translators: %u is a number */
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u request completed",
                                                       "%u requests completed",
                                                       result->requests_completed),
                                             result->requests_completed));

  if (result->pending_roots->len > 0)
    /* translators: %u is a number */
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u root certificate awaits your approval before it is trusted",
                                                       "%u root certificates await your approval before they are trusted",
                                                       result->pending_roots->len),
                                             result->pending_roots->len));

  if (parts->len == 0)
    return g_strdup (_("Nothing was imported"));

  g_ptr_array_add (parts, NULL);
  /* translators: separates the parts of an import summary */
  return g_strjoinv (_("; "), (char **)parts->pdata);
}
