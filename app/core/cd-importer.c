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

#include <glib/gi18n-lib.h>

#include "cd-certificate-private.h"
#include "cd-database-private.h"
#include "cd-errors.h"
#include "cd-import-bundle-private.h"
#include "cd-importer-private.h"
#include "cd-keyring.h"
#include "cd-openssl-private.h"
#include "cd-progress-private.h"
#include "cd-store-kind.h"
#include "cd-x509-private.h"

/* Parsing is most of the work; the rest of the bar is the database. */
#define PARSE_SHARE 0.7

typedef struct
{
  char     *key_id;
  char     *label;
  EVP_PKEY *key;      /* borrowed from the bundle */
} PendingKey;

G_DEFINE_FINAL_TYPE (CdImporter, cd_importer, G_TYPE_OBJECT)

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

CdImportResult *
_cd_importer_import_bytes_with_database (CdImporter      *self,
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

CdImportResult *
_cd_importer_import_file_with_database (CdImporter      *self,
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

  return _cd_importer_import_bytes_with_database (self, database, data, display_name, password,
                                                  kind, progress, progress_data, cancellable,
                                                  error);
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

  return _cd_importer_import_bytes_with_database (self, self->database, data, display_name,
                                                  password, kind, progress, progress_data,
                                                  cancellable, error);
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

  return _cd_importer_import_file_with_database (self, self->database, file, password, kind,
                                                 progress, progress_data, cancellable, error);
}
