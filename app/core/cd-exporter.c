/* cd-exporter.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* CdExporter writes certificates out of the stores, with their chain
 * and private key when asked: it gathers the certificates from the
 * database and the chain with cd_chain_build(), takes the key from the
 * keyring into memory only, has cd-export-encode.c make the bytes and
 * cd-export-file.c write each file atomically, and deletes the key
 * afterwards if asked to.
 */

#define G_LOG_DOMAIN "cd-exporter"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <openssl/err.h>
#include <openssl/pem.h>

#include "cd-certificate.h"
#include "cd-chain.h"
#include "cd-database.h"
#include "cd-errors.h"
#include "cd-export-private.h"
#include "cd-keyring.h"
#include "cd-openssl-private.h"
#include "cd-progress-private.h"

struct _CdExporter
{
  GObject     parent_instance;

  CdDatabase *database;
  CdKeyring  *keyring;
};

G_DEFINE_FINAL_TYPE (CdExporter, cd_exporter, G_TYPE_OBJECT)

typedef STACK_OF(X509) Certificates;

static void
free_certificates (Certificates *certs)
{
  sk_X509_pop_free (certs, X509_free);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Certificates, free_certificates)

/* What goes out: the certificates in file order (each one followed by
 * its chain, when asked for), and for the formats with a key, the key
 * of the first one.
 */
typedef struct
{
  Certificates  *certs;
  CdCertificate *row;      /* the first certificate's row */
  EVP_PKEY      *key;
} Gathered;

static void
gathered_clear (Gathered *gathered)
{
  g_clear_pointer (&gathered->certs, free_certificates);
  g_clear_object (&gathered->row);
  g_clear_pointer (&gathered->key, EVP_PKEY_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Gathered, gathered_clear)

static void
report_progress (CdProgressFunc progress,
                 gpointer       progress_data,
                 double         fraction)
{
  if (progress != NULL)
    progress (CLAMP (fraction, 0.0, 1.0), progress_data);
}

static gboolean
is_single_format (CdExportFormat format)
{
  return format == CD_EXPORT_FORMAT_DER ||
         format == CD_EXPORT_FORMAT_PKCS12 ||
         format == CD_EXPORT_FORMAT_PKCS12_LEGACY ||
         format == CD_EXPORT_FORMAT_PEM_KEY_CERT ||
         format == CD_EXPORT_FORMAT_KEY;
}

/* Everything that can be refused before the stores and the keyring are
 * touched.
 */
static gboolean
check_options (CdExportOptions  *options,
               guint             n_certificates,
               GError          **error)
{
  CdExportFormat format = cd_export_options_get_format (options);

  if (n_certificates == 0)
    {
      g_set_error_literal (error, CD_EXPORT_ERROR, CD_EXPORT_ERROR_NO_CERTIFICATES,
                           _("There is no certificate to export. Requests cannot be exported "
                             "until the authority’s answer has been imported."));
      return FALSE;
    }

  if (n_certificates > 1 && is_single_format (format))
    {
      g_set_error (error, CD_EXPORT_ERROR, CD_EXPORT_ERROR_ONE_CERTIFICATE,
                   ngettext ("This format holds one certificate, and %u is selected. "
                             "Choose PEM or PKCS #7 to export several certificates in one file.",
                             "This format holds one certificate, and %u are selected. "
                             "Choose PEM or PKCS #7 to export several certificates in one file.",
                             n_certificates),
                   n_certificates);
      return FALSE;
    }

  if ((format == CD_EXPORT_FORMAT_PKCS12 || format == CD_EXPORT_FORMAT_PKCS12_LEGACY) &&
      !cd_export_options_get_has_password (options))
    {
      g_set_error_literal (error, CD_EXPORT_ERROR, CD_EXPORT_ERROR_PASSWORD_REQUIRED,
                           _("A PKCS #12 file needs a password to protect its private key. Enter one."));
      return FALSE;
    }

  if ((format == CD_EXPORT_FORMAT_PEM_KEY_CERT || format == CD_EXPORT_FORMAT_KEY) &&
      !cd_export_options_get_has_password (options) &&
      !cd_export_options_get_allow_unencrypted_key (options))
    {
      g_set_error_literal (error, CD_EXPORT_ERROR, CD_EXPORT_ERROR_UNENCRYPTED_KEY,
                           _("The private key would be written without encryption, readable by anyone "
                             "who gets the file. Enter a passphrase for it, or explicitly allow an "
                             "unencrypted key."));
      return FALSE;
    }

  return TRUE;
}

static X509 *
parse_der (GBytes  *der,
           GError **error)
{
  const unsigned char *p = g_bytes_get_data (der, NULL);
  X509 *cert = d2i_X509 (NULL, &p, g_bytes_get_size (der));

  if (cert == NULL)
    {
      ERR_clear_error ();
      g_set_error_literal (error, CD_DATABASE_ERROR, CD_DATABASE_ERROR_CORRUPT,
                           _("A certificate in the database cannot be read any more. "
                             "Delete it and import it again."));
    }

  return cert;
}

/* The issuers of @der that the stores hold, from its issuer upwards;
 * the self-signed root at the top only if @include_root.
 */
static gboolean
add_chain (CdDatabase    *database,
           GBytes        *der,
           gboolean       include_root,
           GHashTable    *seen,
           Certificates  *certs,
           GError       **error)
{
  g_autoptr(CdChain) chain = NULL;
  GListModel *elements;
  guint n;

  /* Only the stores: the system's bundle would add roots the user
   * never chose to hand out.
   */
  chain = cd_chain_build (database, der, FALSE, 0, error);
  if (chain == NULL)
    return FALSE;

  elements = cd_chain_get_elements (chain);
  n = g_list_model_get_n_items (elements);

  /* Root first, leaf last: walk down from just above the leaf. */
  for (guint i = n - 1; i-- > 0;)
    {
      g_autoptr(CdChainElement) element = g_list_model_get_item (elements, i);
      const char *sha256 = cd_chain_element_get_sha256 (element);
      X509 *cert;

      if (g_hash_table_contains (seen, sha256))
        continue;

      cert = parse_der (cd_chain_element_get_der (element), error);
      if (cert == NULL)
        return FALSE;

      if (i == 0 && !include_root && (X509_get_extension_flags (cert) & EXFLAG_SS) != 0)
        {
          X509_free (cert);
          continue;
        }

      g_hash_table_add (seen, g_strdup (sha256));
      sk_X509_push (certs, cert);
    }

  return TRUE;
}

static EVP_PKEY *
load_key (CdKeyring      *keyring,
          CdCertificate  *row,
          X509           *cert,
          GCancellable   *cancellable,
          GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(BIO) bio = NULL;
  g_autofree char *name = cd_certificate_dup_display_name (row);
  const char *key_id = cd_certificate_get_key_id (row);
  EVP_PKEY *key;
  char *pem;

  if (key_id == NULL || !cd_certificate_get_has_private_key (row))
    {
      g_set_error (error, CD_EXPORT_ERROR, CD_EXPORT_ERROR_NO_KEY,
                   /* translators: %s is a certificate's name */
                   _("“%s” has no private key in Certdesk. Export the certificate alone, "
                     "or import its key first."),
                   name);
      return NULL;
    }

  pem = cd_keyring_lookup_key (keyring, key_id, cancellable, &local_error);
  if (pem == NULL)
    {
      if (g_error_matches (local_error, CD_KEYRING_ERROR, CD_KEYRING_ERROR_NOT_FOUND))
        g_set_error (error, CD_EXPORT_ERROR, CD_EXPORT_ERROR_NO_KEY,
                     /* translators: %s is a certificate's name */
                     _("The private key of “%s” is no longer in your keyring. "
                       "Export the certificate alone, or import its key again."),
                     name);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  bio = BIO_new_mem_buf (pem, -1);
  key = PEM_read_bio_PrivateKey (bio, NULL, NULL, NULL);
  cd_keyring_free_secret (pem);

  /* The key id pairs them, but a file whose key does not open its
   * certificate is useless on the device: better to say so here.
   */
  if (key == NULL || X509_check_private_key (cert, key) != 1)
    {
      ERR_clear_error ();
      EVP_PKEY_free (key);
      g_set_error (error, CD_EXPORT_ERROR, CD_EXPORT_ERROR_FAILED,
                   /* translators: %s is a certificate's name */
                   _("The private key of “%s” in your keyring cannot be read, or does not belong "
                     "to the certificate. Import the certificate with its key again."),
                   name);
      return NULL;
    }

  return key;
}

/* The rows that are certificates: a request has nothing to export. */
static GPtrArray *
filter_certificates (GPtrArray *rows)
{
  GPtrArray *certificates = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < rows->len; i++)
    {
      CdCertificate *row = g_ptr_array_index (rows, i);

      if (!cd_certificate_get_is_request (row))
        g_ptr_array_add (certificates, g_object_ref (row));
    }

  return certificates;
}

static gboolean
gather (CdDatabase       *database,
        CdKeyring        *keyring,
        GPtrArray        *rows,
        CdExportOptions  *options,
        Gathered         *gathered,
        CdProgressFunc    progress,
        gpointer          progress_data,
        GCancellable     *cancellable,
        GError          **error)
{
  g_autoptr(GPtrArray) certificates = filter_certificates (rows);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  CdExportFormat format = cd_export_options_get_format (options);
  gboolean chain = cd_export_options_get_include_chain (options) &&
                   format != CD_EXPORT_FORMAT_DER && format != CD_EXPORT_FORMAT_KEY;

  if (!check_options (options, certificates->len, error))
    return FALSE;

  gathered->certs = sk_X509_new_null ();
  gathered->row = g_object_ref (g_ptr_array_index (certificates, 0));

  for (guint i = 0; i < certificates->len; i++)
    {
      CdCertificate *row = g_ptr_array_index (certificates, i);
      const char *sha256 = cd_certificate_get_sha256 (row);
      g_autoptr(GBytes) der = NULL;
      X509 *cert;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      /* The same certificate from two stores is written once. */
      if (g_hash_table_contains (seen, sha256))
        continue;

      der = cd_database_dup_der (database, sha256, error);
      if (der == NULL)
        return FALSE;

      cert = parse_der (der, error);
      if (cert == NULL)
        return FALSE;
      g_hash_table_add (seen, g_strdup (sha256));
      sk_X509_push (gathered->certs, cert);

      if (chain && !add_chain (database, der, cd_export_options_get_include_root (options),
                               seen, gathered->certs, error))
        return FALSE;

      report_progress (progress, progress_data, 0.4 * (i + 1) / certificates->len);
    }

  if (cd_export_options_get_has_key (options))
    {
      gathered->key = load_key (keyring, gathered->row, sk_X509_value (gathered->certs, 0),
                                cancellable, error);
      if (gathered->key == NULL)
        return FALSE;
    }

  return TRUE;
}

static char *
dup_friendly_name (CdExportOptions *options,
                   CdCertificate   *row)
{
  const char *name = cd_export_options_get_friendly_name (options);

  if (name != NULL)
    return g_strdup (name);

  name = cd_certificate_get_friendly_name (row);
  if (name != NULL && name[0] != '\0')
    return g_strdup (name);

  return cd_certificate_dup_display_name (row);
}

/* Fills @out (and @key_out, for a key in a file of its own) with the
 * bytes of the export. Anything holding a clear key is built in
 * OpenSSL's secure heap, which is wiped when freed.
 */
static gboolean
encode (Gathered         *gathered,
        CdExportOptions  *options,
        gboolean          separate_key,
        BIO             **out,
        BIO             **key_out,
        GError          **error)
{
  g_autoptr(BIO) main_bio = NULL;
  g_autoptr(BIO) key_bio = NULL;
  g_autoptr(Certificates) chain = NULL;
  g_autofree char *friendly_name = NULL;
  CdExportFormat format = cd_export_options_get_format (options);
  X509 *cert = sk_X509_value (gathered->certs, 0);

  main_bio = BIO_new (gathered->key != NULL ? BIO_s_secmem () : BIO_s_mem ());

  switch (format)
    {
    case CD_EXPORT_FORMAT_DER:
    case CD_EXPORT_FORMAT_PEM:
    case CD_EXPORT_FORMAT_PEM_CHAIN:
    case CD_EXPORT_FORMAT_P7B_DER:
    case CD_EXPORT_FORMAT_P7B_PEM:
      if (!_cd_export_write_certificates (main_bio, format, gathered->certs, error))
        return FALSE;
      break;

    case CD_EXPORT_FORMAT_PKCS12:
    case CD_EXPORT_FORMAT_PKCS12_LEGACY:
      chain = sk_X509_dup (gathered->certs);
      sk_X509_shift (chain);
      friendly_name = dup_friendly_name (options, gathered->row);
      if (!_cd_export_write_pkcs12 (main_bio, cert, gathered->key, chain, friendly_name,
                                    options, error))
        return FALSE;
      break;

    case CD_EXPORT_FORMAT_PEM_KEY_CERT:
      if (separate_key)
        {
          key_bio = BIO_new (BIO_s_secmem ());
          if (!_cd_export_write_certificates (main_bio, format, gathered->certs, error) ||
              !_cd_export_write_key (key_bio, gathered->key, options, error))
            return FALSE;
          break;
        }

      /* Key first, or the certificate first; the chain after both. */
      chain = sk_X509_dup (gathered->certs);
      sk_X509_shift (chain);
      if (cd_export_options_get_key_first (options))
        {
          if (!_cd_export_write_key (main_bio, gathered->key, options, error) ||
              !PEM_write_bio_X509 (main_bio, cert))
            return FALSE;
        }
      else
        {
          if (!PEM_write_bio_X509 (main_bio, cert) ||
              !_cd_export_write_key (main_bio, gathered->key, options, error))
            return FALSE;
        }
      if (sk_X509_num (chain) > 0 &&
          !_cd_export_write_certificates (main_bio, format, chain, error))
        return FALSE;
      break;

    case CD_EXPORT_FORMAT_KEY:
      if (!_cd_export_write_key (main_bio, gathered->key, options, error))
        return FALSE;
      break;

    default:
      g_assert_not_reached ();
    }

  *out = g_steal_pointer (&main_bio);
  if (key_out != NULL)
    *key_out = g_steal_pointer (&key_bio);

  return TRUE;
}

static gboolean
delete_key (CdDatabase     *database,
            CdKeyring      *keyring,
            CdCertificate  *row,
            GCancellable   *cancellable,
            GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *key_id = cd_certificate_get_key_id (row);

  if (!cd_keyring_delete_key (keyring, key_id, cancellable, &local_error) ||
      !cd_database_forget_key (database, key_id, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   /* translators: %s is the reason */
                   _("The file was exported, but the private key could not be deleted: %s"),
                   local_error->message);
      return FALSE;
    }

  return TRUE;
}

static gboolean
export_with_database (CdExporter       *self,
                      CdDatabase       *database,
                      GPtrArray        *rows,
                      CdExportOptions  *options,
                      GFile            *file,
                      GFile            *key_file,
                      CdProgressFunc    progress,
                      gpointer          progress_data,
                      GCancellable     *cancellable,
                      GError          **error)
{
  g_auto(Gathered) gathered = { NULL };
  g_auto(CdStagedFile) staged = { NULL };
  g_auto(CdStagedFile) key_staged = { NULL };
  g_autoptr(BIO) content = NULL;
  g_autoptr(BIO) key_content = NULL;
  gboolean has_key = cd_export_options_get_has_key (options);
  gboolean separate_key;

  report_progress (progress, progress_data, 0.0);

  /* A key file only means something for a certificate and its key. */
  separate_key = key_file != NULL &&
                 cd_export_options_get_format (options) == CD_EXPORT_FORMAT_PEM_KEY_CERT;
  if (separate_key && g_file_equal (file, key_file))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The certificate and its key cannot go to the same file. "
                             "Choose another name for the key file."));
      return FALSE;
    }

  if (!gather (database, self->keyring, rows, options, &gathered,
               progress, progress_data, cancellable, error))
    return FALSE;
  report_progress (progress, progress_data, 0.5);

  if (!encode (&gathered, options, separate_key, &content, &key_content, error))
    return FALSE;
  report_progress (progress, progress_data, 0.7);

  /* A PEM certificate file beside its key file holds no secret. */
  if (!_cd_staged_file_write (&staged, file, content, has_key && !separate_key, cancellable, error))
    return FALSE;
  if (separate_key &&
      !_cd_staged_file_write (&key_staged, key_file, key_content, TRUE, cancellable, error))
    return FALSE;
  report_progress (progress, progress_data, 0.9);

  /* The last moment to give up with nothing changed. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (!_cd_staged_file_commit (&staged, error))
    return FALSE;
  if (separate_key && !_cd_staged_file_commit (&key_staged, error))
    {
      /* Half an export is no export: the certificate file goes too. */
      g_unlink (staged.path);
      return FALSE;
    }

  if (has_key && cd_export_options_get_delete_key (options) &&
      !delete_key (database, self->keyring, gathered.row, NULL, error))
    return FALSE;

  report_progress (progress, progress_data, 1.0);

  return TRUE;
}

static void
cd_exporter_dispose (GObject *object)
{
  CdExporter *self = (CdExporter *)object;

  g_clear_object (&self->database);
  g_clear_object (&self->keyring);

  G_OBJECT_CLASS (cd_exporter_parent_class)->dispose (object);
}

static void
cd_exporter_class_init (CdExporterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cd_exporter_dispose;
}

static void
cd_exporter_init (CdExporter *self)
{
}

/**
 * cd_exporter_new:
 * @database: the stores to export from
 * @keyring: where the private keys are
 *
 * Returns: (transfer full): a new #CdExporter
 */
CdExporter *
cd_exporter_new (CdDatabase *database,
                 CdKeyring  *keyring)
{
  CdExporter *self;

  g_return_val_if_fail (CD_IS_DATABASE (database), NULL);
  g_return_val_if_fail (CD_IS_KEYRING (keyring), NULL);

  _cd_openssl_init ();

  self = g_object_new (CD_TYPE_EXPORTER, NULL);
  self->database = g_object_ref (database);
  self->keyring = g_object_ref (keyring);

  return self;
}

/**
 * cd_exporter_export_to_bytes:
 * @self: a #CdExporter
 * @rows: (element-type CdCertificate): the certificates; requests are
 *   skipped
 * @options: a format without a private key
 * @cancellable: (nullable): a #GCancellable
 * @error: a location for a #GError
 *
 * What export would write, for the clipboard and for dragging to a file
 * manager. Never a private key: those only go to files, written with
 * the care cd_exporter_export_to_file() takes.
 *
 * Returns: (transfer full) (nullable): the bytes of the export
 */
GBytes *
cd_exporter_export_to_bytes (CdExporter       *self,
                             GPtrArray        *rows,
                             CdExportOptions  *options,
                             GCancellable     *cancellable,
                             GError          **error)
{
  g_auto(Gathered) gathered = { NULL };
  g_autoptr(BIO) content = NULL;
  char *data = NULL;
  long len;

  g_return_val_if_fail (CD_IS_EXPORTER (self), NULL);
  g_return_val_if_fail (rows != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (!cd_export_options_get_has_key (options), NULL);

  if (!gather (self->database, self->keyring, rows, options, &gathered,
               NULL, NULL, cancellable, error) ||
      !encode (&gathered, options, FALSE, &content, NULL, error))
    return NULL;

  len = BIO_get_mem_data (content, &data);

  return g_bytes_new (data, len);
}

/**
 * cd_exporter_export_to_file:
 * @self: a #CdExporter
 * @rows: (element-type CdCertificate): the certificates; requests are
 *   skipped. The formats with a key, and DER, take exactly one.
 * @options: what to write
 * @file: the file to write; replaced if it exists
 * @key_file: (nullable): for %CD_EXPORT_FORMAT_PEM_KEY_CERT, a second
 *   file for the key, which then is not in @file; ignored otherwise
 * @progress: (nullable) (scope call): called now and then, in this thread
 * @progress_data: data for @progress
 * @cancellable: (nullable): a #GCancellable
 * @error: a location for a #GError
 *
 * Exports @rows as @options say. Every file is written whole to a
 * temporary beside it and renamed over the target only when complete;
 * a file holding a private key gets mode 0600 from its creation. If
 * anything fails or @cancellable is cancelled before the rename, no
 * file and no temporary is left. With cd_export_options_set_delete_key(),
 * the key is deleted from the keyring and the stores after the file is
 * in place.
 *
 * Returns: %TRUE if everything was written
 */
gboolean
cd_exporter_export_to_file (CdExporter       *self,
                            GPtrArray        *rows,
                            CdExportOptions  *options,
                            GFile            *file,
                            GFile            *key_file,
                            CdProgressFunc    progress,
                            gpointer          progress_data,
                            GCancellable     *cancellable,
                            GError          **error)
{
  g_return_val_if_fail (CD_IS_EXPORTER (self), FALSE);
  g_return_val_if_fail (rows != NULL, FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (key_file == NULL || G_IS_FILE (key_file), FALSE);

  return export_with_database (self, self->database, rows, options, file, key_file,
                               progress, progress_data, cancellable, error);
}

typedef struct
{
  GPtrArray       *rows;
  CdExportOptions *options;
  GFile           *file;
  GFile           *key_file;
  CdProgressFunc   progress;
  gpointer         progress_data;
  GMainContext    *context;   /* where progress is reported */
  char            *database_path;
} ExportState;

static void
export_state_free (ExportState *state)
{
  g_ptr_array_unref (state->rows);
  cd_export_options_unref (state->options);
  g_clear_object (&state->file);
  g_clear_object (&state->key_file);
  g_clear_pointer (&state->context, g_main_context_unref);
  g_free (state->database_path);
  g_free (state);
}

static void
progress_from_worker (double   fraction,
                      gpointer user_data)
{
  ExportState *state = user_data;

  _cd_progress_post (state->context, state->progress, state->progress_data, fraction);
}

static void
export_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  CdExporter *self = source_object;
  ExportState *state = task_data;
  g_autoptr(CdDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  /* SQLite connections are not shared between threads. */
  database = cd_database_open (state->database_path, &error);
  if (database == NULL ||
      !export_with_database (self, database, state->rows, state->options,
                             state->file, state->key_file,
                             state->progress ? progress_from_worker : NULL, state,
                             cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * cd_exporter_export_async:
 * @self: a #CdExporter
 * @rows: (element-type CdCertificate): the certificates
 * @options: what to write
 * @file: the file to write
 * @key_file: (nullable): a separate key file, as for
 *   cd_exporter_export_to_file()
 * @progress: (nullable): called with the fraction done, on the
 *   thread-default main context of the caller
 * @progress_data: data for @progress; must live until @callback runs
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the export is done
 * @user_data: data for @callback
 *
 * Like cd_exporter_export_to_file(), in a worker thread with its own
 * database connection: the keyring and the key derivation of PKCS#12
 * files take long enough to freeze a window.
 */
void
cd_exporter_export_async (CdExporter          *self,
                          GPtrArray           *rows,
                          CdExportOptions     *options,
                          GFile               *file,
                          GFile               *key_file,
                          CdProgressFunc       progress,
                          gpointer             progress_data,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportState *state;

  g_return_if_fail (CD_IS_EXPORTER (self));
  g_return_if_fail (rows != NULL);
  g_return_if_fail (options != NULL);
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (key_file == NULL || G_IS_FILE (key_file));

  state = g_new0 (ExportState, 1);
  state->rows = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (state->rows, g_object_ref (g_ptr_array_index (rows, i)));
  state->options = cd_export_options_ref (options);
  state->file = g_object_ref (file);
  state->key_file = key_file != NULL ? g_object_ref (key_file) : NULL;
  state->progress = progress;
  state->progress_data = progress_data;
  state->context = g_main_context_ref_thread_default ();
  state->database_path = g_strdup (cd_database_get_path (self->database));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_exporter_export_async);
  g_task_set_name (task, "[certdesk] export");
  g_task_set_task_data (task, state, (GDestroyNotify)export_state_free);
  g_task_run_in_thread (task, export_worker);
}

/**
 * cd_exporter_export_finish:
 * @self: a #CdExporter
 * @result: the #GAsyncResult
 * @error: a location for a #GError
 *
 * Returns: %TRUE if everything was written
 */
gboolean
cd_exporter_export_finish (CdExporter    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (CD_IS_EXPORTER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
