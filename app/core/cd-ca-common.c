/* cd-ca-common.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The steps every certificate our CAs make goes through: finding the
 * authority and reading its key from the keyring, a random serial,
 * validity bounded by the issuer (and by 2038 when asked), key
 * identifiers, the signature, and the ca_issued record that revocation
 * and the CRL read.
 */

#define G_LOG_DOMAIN "cd-ca"

#include "config.h"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rand.h>

#include <glib/gi18n-lib.h>

#include "cd-ca-private.h"
#include "cd-certificate.h"
#include "cd-database-private.h"
#include "cd-errors.h"
#include "cd-keyring.h"
#include "cd-openssl-private.h"
#include "cd-request-builder-private.h"

/* How far back a new certificate starts, for devices whose clock is a
 * little behind the desktop's.
 */
#define BACKDATE_SECONDS 300

/* 16 random bytes, the high bit cleared so the number is positive and
 * the next set so it never shrinks below 127 bits: far over the 64
 * bits of CA/Browser Forum rules, against the 40 of the vendor recipes.
 */
#define SERIAL_BYTES 16

void
_cd_ca_set_openssl_error (GError     **error,
                          const char  *message)
{
  char detail[256] = "";

  ERR_error_string_n (ERR_peek_last_error (), detail, sizeof detail);
  ERR_clear_error ();
  g_debug ("OpenSSL: %s", detail);
  g_set_error_literal (error, CD_CA_ERROR, CD_CA_ERROR_FAILED, message);
}

void
_cd_ca_authority_free (CdCaAuthority *authority)
{
  g_free (authority->sha256);
  g_clear_pointer (&authority->cert, X509_free);
  g_clear_pointer (&authority->key, EVP_PKEY_free);
  g_clear_object (&authority->row);
  g_free (authority);
}

static EVP_PKEY *
load_key (CdKeyring      *keyring,
          CdCertificate  *row,
          GCancellable   *cancellable,
          GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(BIO) bio = NULL;
  g_autofree char *name = cd_certificate_dup_display_name (row);
  EVP_PKEY *key;
  char *pem;

  pem = cd_keyring_lookup_key (keyring, cd_certificate_get_key_id (row), cancellable, &local_error);
  if (pem == NULL)
    {
      if (g_error_matches (local_error, CD_KEYRING_ERROR, CD_KEYRING_ERROR_NOT_FOUND))
        g_set_error (error, CD_CA_ERROR, CD_CA_ERROR_NO_KEY,
                     _("The private key of “%s” is not in your keyring, so it cannot sign. "
                       "Import the CA with its key (a PKCS#12 file) or choose another CA."),
                     name);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  bio = BIO_new_mem_buf (pem, -1);
  key = PEM_read_bio_PrivateKey (bio, NULL, NULL, NULL);
  cd_keyring_free_secret (pem);

  if (key == NULL)
    _cd_ca_set_openssl_error (error, _("The CA’s private key in your keyring cannot be read."));

  return key;
}

/**
 * _cd_ca_authority_load:
 * @database: the stores
 * @keyring: where the CA's key is
 * @sha256: the CA certificate's full fingerprint
 * @now: the time it must be valid at
 * @cancellable: (nullable): a #GCancellable
 * @error: a location for a #GError
 *
 * Reads the CA and its key, and checks that it may sign now: an
 * authority (basic constraints and key usage), valid, with its key in
 * the keyring and the public key matching.
 *
 * Returns: (transfer full) (nullable): the authority
 */
CdCaAuthority *
_cd_ca_authority_load (CdDatabase    *database,
                       CdKeyring     *keyring,
                       const char    *sha256,
                       gint64         now,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(CdCaAuthority) authority = g_new0 (CdCaAuthority, 1);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GBytes) der = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  const unsigned char *p;

  rows = cd_database_find (database, sha256, CD_STORE_KIND_AUTO, &local_error);
  if (rows == NULL)
    {
      if (g_error_matches (local_error, CD_DATABASE_ERROR, CD_DATABASE_ERROR_NOT_FOUND))
        g_set_error (error, CD_CA_ERROR, CD_CA_ERROR_NOT_FOUND,
                     _("No certificate in Certdesk has the fingerprint %s."), sha256);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  authority->row = g_object_ref (g_ptr_array_index (rows, 0));
  authority->sha256 = g_strdup (cd_certificate_get_sha256 (authority->row));
  name = cd_certificate_dup_display_name (authority->row);

  der = cd_database_dup_der (database, authority->sha256, error);
  if (der == NULL)
    return NULL;
  p = g_bytes_get_data (der, NULL);
  authority->cert = d2i_X509 (NULL, &p, g_bytes_get_size (der));
  if (authority->cert == NULL || cd_certificate_get_is_request (authority->row))
    {
      ERR_clear_error ();
      g_set_error (error, CD_CA_ERROR, CD_CA_ERROR_NOT_A_CA,
                   _("“%s” is a certificate request, not a certificate authority."), name);
      return NULL;
    }

  /* Basic constraints CA:TRUE, and keyCertSign if it has a key usage. */
  if (X509_check_ca (authority->cert) != 1)
    {
      g_set_error (error, CD_CA_ERROR, CD_CA_ERROR_NOT_A_CA,
                   _("“%s” is not a certificate authority: its certificate does not allow it "
                     "to sign certificates."), name);
      return NULL;
    }

  if (now < cd_certificate_get_not_before (authority->row) ||
      now > cd_certificate_get_not_after (authority->row))
    {
      g_set_error (error, CD_CA_ERROR, CD_CA_ERROR_EXPIRED,
                   _("“%s” is not valid at this time, so it cannot sign. "
                     "Create a new CA or renew this one."), name);
      return NULL;
    }

  authority->key = load_key (keyring, authority->row, cancellable, error);
  if (authority->key == NULL)
    return NULL;

  if (X509_check_private_key (authority->cert, authority->key) != 1)
    {
      ERR_clear_error ();
      g_set_error (error, CD_CA_ERROR, CD_CA_ERROR_NO_KEY,
                   _("The key in your keyring does not belong to “%s”."), name);
      return NULL;
    }

  return g_steal_pointer (&authority);
}

/**
 * _cd_ca_set_serial:
 * @cert: the certificate being made
 * @out_hex: (out): the serial in the form rows show it (upper-case hex)
 * @error: a location for a #GError
 *
 * Returns: %TRUE if @cert has a new random serial
 */
gboolean
_cd_ca_set_serial (X509      *cert,
                   char     **out_hex,
                   GError   **error)
{
  unsigned char bytes[SERIAL_BYTES];
  BIGNUM *number;
  char *hex;
  gboolean ok;

  if (RAND_bytes (bytes, sizeof bytes) != 1)
    {
      _cd_ca_set_openssl_error (error, _("No random serial number could be made."));
      return FALSE;
    }
  bytes[0] = (bytes[0] & 0x7f) | 0x40;

  number = BN_bin2bn (bytes, sizeof bytes, NULL);
  ok = number != NULL && BN_to_ASN1_INTEGER (number, X509_get_serialNumber (cert)) != NULL;
  hex = ok ? BN_bn2hex (number) : NULL;
  BN_free (number);
  OPENSSL_cleanse (bytes, sizeof bytes);

  if (hex == NULL)
    {
      _cd_ca_set_openssl_error (error, _("The serial number could not be encoded."));
      return FALSE;
    }

  *out_hex = g_ascii_strup (hex, -1);
  OPENSSL_free (hex);

  return TRUE;
}

/**
 * _cd_ca_plan_validity:
 * @now: the time of signing
 * @days: the validity asked for
 * @before_2038: end before 2038-01-19
 * @issuer: (nullable): the signing authority; %NULL for a root
 * @out_not_before: (out): the start
 * @out_not_after: (out): the end
 * @out_limit: (out): what, if anything, cut the end short
 *
 * A certificate never outlives its issuer: a chain is only as valid as
 * its shortest link, and devices reject a leaf that ends after its CA.
 */
void
_cd_ca_plan_validity (gint64         now,
                      guint          days,
                      gboolean       before_2038,
                      CdCaAuthority *issuer,
                      gint64        *out_not_before,
                      gint64        *out_not_after,
                      CdCaLimit     *out_limit)
{
  gint64 not_before = now - BACKDATE_SECONDS;
  gint64 not_after = now + (gint64)days * 24 * 60 * 60;
  CdCaLimit limit = CD_CA_LIMIT_NONE;

  if (issuer != NULL)
    not_before = MAX (not_before, cd_certificate_get_not_before (issuer->row));

  if (before_2038 && not_after > CD_CA_BEFORE_2038)
    {
      not_after = CD_CA_BEFORE_2038;
      limit = CD_CA_LIMIT_2038;
    }

  if (issuer != NULL && not_after > cd_certificate_get_not_after (issuer->row))
    {
      not_after = cd_certificate_get_not_after (issuer->row);
      limit = CD_CA_LIMIT_ISSUER;
    }

  *out_not_before = not_before;
  *out_not_after = not_after;
  *out_limit = limit;
}

gboolean
_cd_ca_set_validity (X509     *cert,
                     gint64    not_before,
                     gint64    not_after,
                     GError  **error)
{
  /* ASN1_TIME_set picks GeneralizedTime from 2050 on, as RFC 5280 asks. */
  if (ASN1_TIME_set (X509_getm_notBefore (cert), (time_t)not_before) == NULL ||
      ASN1_TIME_set (X509_getm_notAfter (cert), (time_t)not_after) == NULL)
    {
      _cd_ca_set_openssl_error (error, _("The validity period could not be encoded."));
      return FALSE;
    }

  return TRUE;
}

static gboolean
add_conf_extension (X509            *cert,
                    X509V3_CTX      *ctx,
                    int              nid,
                    const char      *value)
{
  X509_EXTENSION *extension = X509V3_EXT_conf_nid (NULL, ctx, nid, value);
  gboolean ok;

  if (extension == NULL)
    return FALSE;
  ok = X509_add_ext (cert, extension, -1) == 1;
  X509_EXTENSION_free (extension);

  return ok;
}

/**
 * _cd_ca_add_key_identifiers:
 * @cert: the certificate being made, its public key set
 * @issuer: (nullable): the issuer's certificate; %NULL for self-signed
 * @error: a location for a #GError
 *
 * Subject and authority key identifiers, by which chain building finds
 * the right issuer among several with the same name.
 *
 * Returns: %TRUE if both were added
 */
gboolean
_cd_ca_add_key_identifiers (X509    *cert,
                            X509    *issuer,
                            GError **error)
{
  X509V3_CTX ctx;

  X509V3_set_ctx (&ctx, issuer != NULL ? issuer : cert, cert, NULL, NULL, 0);

  if (!add_conf_extension (cert, &ctx, NID_subject_key_identifier, "hash") ||
      !add_conf_extension (cert, &ctx, NID_authority_key_identifier, "keyid:always"))
    {
      _cd_ca_set_openssl_error (error, _("The key identifiers could not be encoded."));
      return FALSE;
    }

  return TRUE;
}

gboolean
_cd_ca_sign (X509      *cert,
             EVP_PKEY  *key,
             CdDigest   digest,
             GError   **error)
{
  const EVP_MD *md = _cd_request_signing_md (key, digest);

  if (X509_sign (cert, key, md) <= 0)
    {
      _cd_ca_set_openssl_error (error, _("The certificate could not be signed with the CA’s key and this digest."));
      return FALSE;
    }

  return TRUE;
}

gboolean
_cd_ca_record_issued (CdDatabase  *database,
                      const char  *ca_sha256,
                      const char  *serial_hex,
                      const char  *sha256,
                      gint64       issued_at,
                      GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = _cd_database_get_statement (database,
                                     "INSERT INTO ca_issued (ca_sha256, serial, sha256, issued_at)"
                                     " VALUES (?1, ?2, ?3, ?4)",
                                     error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, ca_sha256, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, serial_hex, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, sha256, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, issued_at);

  return _cd_database_step_done (database, stmt, error);
}

typedef struct
{
  char           *database_path;
  CdKeyring      *keyring;
  CdCaJob         job;
  gpointer        job_data;
  GDestroyNotify  job_data_free;
} CaTask;

static void
ca_task_free (CaTask *state)
{
  g_free (state->database_path);
  g_clear_object (&state->keyring);
  g_clear_pointer (&state->job_data, state->job_data_free);
  g_free (state);
}

static void
ca_worker (GTask        *task,
           gpointer      source_object,
           gpointer      task_data,
           GCancellable *cancellable)
{
  CaTask *state = task_data;
  g_autoptr(CdDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  CdCaResult *result;

  /* SQLite connections are not shared between threads. */
  database = cd_database_open (state->database_path, &error);
  if (database == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  result = state->job (database, state->keyring, state->job_data, cancellable, &error);
  if (result == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, result, (GDestroyNotify)cd_ca_result_unref);
}

/* Runs @job in a worker thread; @job_data is freed with the task. */
void
_cd_ca_run_async (CdDatabase          *database,
                  CdKeyring           *keyring,
                  CdCaJob              job,
                  gpointer             job_data,
                  GDestroyNotify       job_data_free,
                  gpointer             source_tag,
                  const char          *name,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CaTask *state;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_name (task, name);
  /* Once stored, the result is reported even if cancelled just after. */
  g_task_set_check_cancellable (task, FALSE);

  state = g_new0 (CaTask, 1);
  state->database_path = g_strdup (cd_database_get_path (database));
  state->keyring = g_object_ref (keyring);
  state->job = job;
  state->job_data = job_data;
  state->job_data_free = job_data_free;

  g_task_set_task_data (task, state, (GDestroyNotify)ca_task_free);
  g_task_run_in_thread (task, ca_worker);
}

CdCaResult *
_cd_ca_run_finish (GAsyncResult  *result,
                   gpointer       source_tag,
                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
