/* cd-ca-crl.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Revocation by our own CAs: marking a certificate one of them issued
 * as revoked (in ca_issued), the CA's certificate revocation list with
 * a crlNumber that only grows (ca_crl_numbers), and the set of revoked
 * fingerprints cd_chain_build() reports as CD_CHAIN_STATUS_REVOKED.
 */

#define G_LOG_DOMAIN "cd-ca"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <openssl/err.h>
#include <openssl/pem.h>

#include "cd-ca-private.h"
#include "cd-certificate.h"
#include "cd-database-private.h"
#include "cd-errors.h"
#include "cd-keyring.h"
#include "cd-openssl-private.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (X509_CRL, X509_CRL_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ASN1_INTEGER, ASN1_INTEGER_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ASN1_ENUMERATED, ASN1_ENUMERATED_free)

/**
 * cd_ca_revoke:
 * @database: the stores
 * @ca_sha256: the fingerprint of the CA that issued the certificate
 * @sha256: the certificate's fingerprint
 * @reason: why it is revoked
 * @revoked_at: when, in seconds since the epoch; 0 or less for now
 * @error: a location for a #GError
 *
 * Marks a certificate issued by one of our CAs as revoked; the CA's
 * next CRL lists it, and its chain is %CD_CHAIN_STATUS_REVOKED.
 *
 * Returns: %TRUE if it was revoked
 */
gboolean
cd_ca_revoke (CdDatabase          *database,
              const char          *ca_sha256,
              const char          *sha256,
              CdRevocationReason   reason,
              gint64               revoked_at,
              GError             **error)
{
  sqlite3_stmt *stmt;
  int rc;
  gboolean revoked;

  g_return_val_if_fail (CD_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (ca_sha256 != NULL, FALSE);
  g_return_val_if_fail (sha256 != NULL, FALSE);

  if (revoked_at <= 0)
    revoked_at = g_get_real_time () / G_USEC_PER_SEC;

  stmt = _cd_database_get_statement (database,
                                     "SELECT revoked_at IS NOT NULL FROM ca_issued"
                                     " WHERE ca_sha256 = ?1 AND sha256 = ?2",
                                     error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, ca_sha256, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, sha256, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  revoked = rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _cd_database_set_error (database, error);
      return FALSE;
    }

  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, CD_CA_ERROR, CD_CA_ERROR_NOT_ISSUED,
                           _("This certificate was not issued by that CA in Certdesk, so that CA "
                             "cannot revoke it."));
      return FALSE;
    }

  if (revoked)
    {
      g_set_error_literal (error, CD_CA_ERROR, CD_CA_ERROR_ALREADY_REVOKED,
                           _("This certificate is already revoked."));
      return FALSE;
    }

  stmt = _cd_database_get_statement (database,
                                     "UPDATE ca_issued SET revoked_at = ?3, revocation_reason = ?4"
                                     " WHERE ca_sha256 = ?1 AND sha256 = ?2",
                                     error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, ca_sha256, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, sha256, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, revoked_at);
  sqlite3_bind_text (stmt, 4, cd_revocation_reason_to_id (reason), -1, SQLITE_STATIC);

  return _cd_database_step_done (database, stmt, error);
}

/**
 * cd_ca_get_revocation:
 * @database: the stores
 * @sha256: a certificate's fingerprint
 * @out_revoked: (out): whether one of our CAs revoked it
 * @out_reason: (out) (optional): why
 * @out_revoked_at: (out) (optional): when
 * @error: a location for a #GError
 *
 * Returns: %FALSE if the database could not be read
 */
gboolean
cd_ca_get_revocation (CdDatabase          *database,
                      const char          *sha256,
                      gboolean            *out_revoked,
                      CdRevocationReason  *out_reason,
                      gint64              *out_revoked_at,
                      GError             **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CD_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (sha256 != NULL, FALSE);
  g_return_val_if_fail (out_revoked != NULL, FALSE);

  stmt = _cd_database_get_statement (database,
                                     "SELECT revoked_at, revocation_reason FROM ca_issued"
                                     " WHERE sha256 = ?1 AND revoked_at IS NOT NULL",
                                     error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  *out_revoked = rc == SQLITE_ROW;
  if (rc == SQLITE_ROW)
    {
      CdRevocationReason reason = CD_REVOCATION_REASON_UNSPECIFIED;
      const char *id = (const char *)sqlite3_column_text (stmt, 1);

      if (id != NULL)
        cd_revocation_reason_from_id (id, &reason);
      if (out_reason != NULL)
        *out_reason = reason;
      if (out_revoked_at != NULL)
        *out_revoked_at = sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _cd_database_set_error (database, error);
      return FALSE;
    }

  return TRUE;
}

/**
 * cd_ca_dup_issuing_ca:
 * @database: the stores
 * @sha256: a certificate's fingerprint
 * @error: a location for a #GError
 *
 * Which of our CAs issued a certificate, for the GUI to offer Revoke
 * only where it can work. %NULL without an error when none did.
 *
 * Returns: (transfer full) (nullable): the CA's fingerprint
 */
char *
cd_ca_dup_issuing_ca (CdDatabase  *database,
                      const char  *sha256,
                      GError     **error)
{
  sqlite3_stmt *stmt;
  char *ca_sha256 = NULL;
  int rc;

  g_return_val_if_fail (CD_IS_DATABASE (database), NULL);
  g_return_val_if_fail (sha256 != NULL, NULL);

  stmt = _cd_database_get_statement (database,
                                     "SELECT ca_sha256 FROM ca_issued WHERE sha256 = ?1 LIMIT 1",
                                     error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    ca_sha256 = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    _cd_database_set_error (database, error);

  return ca_sha256;
}

/* Returns: (transfer full): the set of revoked fingerprints */
GHashTable *
_cd_ca_dup_revoked (CdDatabase  *database,
                    GError     **error)
{
  g_autoptr(GHashTable) revoked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _cd_database_get_statement (database,
                                     "SELECT sha256 FROM ca_issued WHERE revoked_at IS NOT NULL",
                                     error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (revoked, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _cd_database_set_error (database, error);
      return NULL;
    }

  return g_steal_pointer (&revoked);
}

static guint64
next_crl_number (CdDatabase  *database,
                 const char  *ca_sha256,
                 GError     **error)
{
  sqlite3_stmt *stmt;
  guint64 number = 1;
  int rc;

  stmt = _cd_database_get_statement (database,
                                     "SELECT crl_number FROM ca_crl_numbers WHERE ca_sha256 = ?1",
                                     error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, ca_sha256, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    number = sqlite3_column_int64 (stmt, 0) + 1;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _cd_database_set_error (database, error);
      return 0;
    }

  stmt = _cd_database_get_statement (database,
                                     "INSERT OR REPLACE INTO ca_crl_numbers (ca_sha256, crl_number)"
                                     " VALUES (?1, ?2)",
                                     error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, ca_sha256, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, number);
  if (!_cd_database_step_done (database, stmt, error))
    return 0;

  return number;
}

static gboolean
add_revoked_entries (CdDatabase  *database,
                     X509_CRL    *crl,
                     const char  *ca_sha256,
                     GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;
  int rc;

  stmt = _cd_database_get_statement (database,
                                     "SELECT serial, revoked_at, revocation_reason FROM ca_issued"
                                     " WHERE ca_sha256 = ?1 AND revoked_at IS NOT NULL",
                                     error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, ca_sha256, -1, SQLITE_STATIC);

  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *serial_hex = (const char *)sqlite3_column_text (stmt, 0);
      const char *reason_id = (const char *)sqlite3_column_text (stmt, 2);
      CdRevocationReason reason = CD_REVOCATION_REASON_UNSPECIFIED;
      X509_REVOKED *entry = X509_REVOKED_new ();
      g_autoptr(ASN1_INTEGER) serial = NULL;
      ASN1_TIME *date = ASN1_TIME_set (NULL, (time_t)sqlite3_column_int64 (stmt, 1));
      BIGNUM *number = NULL;

      if (BN_hex2bn (&number, serial_hex) > 0)
        serial = BN_to_ASN1_INTEGER (number, NULL);
      BN_free (number);

      ok = serial != NULL && date != NULL &&
           X509_REVOKED_set_serialNumber (entry, serial) == 1 &&
           X509_REVOKED_set_revocationDate (entry, date) == 1;
      ASN1_TIME_free (date);

      /* RFC 5280 5.3.1: leave the reason out rather than say "unspecified". */
      if (ok && reason_id != NULL && cd_revocation_reason_from_id (reason_id, &reason) &&
          reason != CD_REVOCATION_REASON_UNSPECIFIED)
        {
          g_autoptr(ASN1_ENUMERATED) code = ASN1_ENUMERATED_new ();

          ok = ASN1_ENUMERATED_set (code, reason) == 1 &&
               X509_REVOKED_add1_ext_i2d (entry, NID_crl_reason, code, 0, 0) == 1;
        }

      if (ok)
        ok = X509_CRL_add0_revoked (crl, entry) == 1;
      else
        X509_REVOKED_free (entry);
    }
  sqlite3_reset (stmt);

  if (!ok)
    {
      _cd_ca_set_openssl_error (error, _("A revoked certificate could not be added to the list."));
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      _cd_database_set_error (database, error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
add_crl_extensions (X509_CRL  *crl,
                    X509      *issuer,
                    guint64    number,
                    GError   **error)
{
  g_autoptr(ASN1_INTEGER) crl_number = ASN1_INTEGER_new ();
  X509_EXTENSION *identifier;
  X509V3_CTX ctx;
  gboolean ok;

  X509V3_set_ctx (&ctx, issuer, NULL, NULL, crl, 0);
  identifier = X509V3_EXT_conf_nid (NULL, &ctx, NID_authority_key_identifier, "keyid:always");

  ok = identifier != NULL &&
       X509_CRL_add_ext (crl, identifier, -1) == 1 &&
       ASN1_INTEGER_set_uint64 (crl_number, number) == 1 &&
       X509_CRL_add1_ext_i2d (crl, NID_crl_number, crl_number, 0, 0) == 1;
  X509_EXTENSION_free (identifier);

  if (!ok)
    _cd_ca_set_openssl_error (error, _("The revocation list’s extensions could not be encoded."));

  return ok;
}

static GBytes *
encode_crl (X509_CRL *crl,
            gboolean  pem)
{
  g_autoptr(BIO) bio = BIO_new (BIO_s_mem ());
  char *data = NULL;
  long len;

  if ((pem ? PEM_write_bio_X509_CRL (bio, crl) : i2d_X509_CRL_bio (bio, crl)) != 1)
    return NULL;
  len = BIO_get_mem_data (bio, &data);

  return g_bytes_new (data, len);
}

/**
 * cd_ca_make_crl:
 * @database: the stores
 * @keyring: where the CA's key is
 * @ca_sha256: the CA's fingerprint
 * @next_update_days: when the next list is due, in days from now
 * @pem: PEM if %TRUE, else DER
 * @out_crl_number: (out) (optional): the list's crlNumber
 * @cancellable: (nullable): a #GCancellable
 * @error: a location for a #GError
 *
 * Signs a new revocation list of the CA, listing every certificate it
 * revoked. Each list has a crlNumber one higher than the last.
 *
 * Returns: (transfer full) (nullable): the list
 */
GBytes *
cd_ca_make_crl (CdDatabase    *database,
                CdKeyring     *keyring,
                const char    *ca_sha256,
                guint          next_update_days,
                gboolean       pem,
                guint64       *out_crl_number,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(CdCaAuthority) ca = NULL;
  g_autoptr(X509_CRL) crl = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  ASN1_TIME *last_update = NULL;
  ASN1_TIME *next_update = NULL;
  guint64 number;
  gboolean ok;

  g_return_val_if_fail (CD_IS_DATABASE (database), NULL);
  g_return_val_if_fail (CD_IS_KEYRING (keyring), NULL);
  g_return_val_if_fail (ca_sha256 != NULL, NULL);

  _cd_openssl_init ();

  if (next_update_days == 0)
    {
      g_set_error_literal (error, CD_CA_ERROR, CD_CA_ERROR_INVALID,
                           _("The next revocation list must be due at least one day from now."));
      return NULL;
    }

  ca = _cd_ca_authority_load (database, keyring, ca_sha256, now, cancellable, error);
  if (ca == NULL)
    return NULL;

  if (!_cd_database_begin (database, error))
    return NULL;

  number = next_crl_number (database, ca->sha256, error);
  if (number == 0)
    goto failed;

  crl = X509_CRL_new ();
  last_update = ASN1_TIME_set (NULL, (time_t)now);
  next_update = ASN1_TIME_set (NULL, (time_t)(now + (gint64)next_update_days * 24 * 60 * 60));
  ok = X509_CRL_set_version (crl, X509_CRL_VERSION_2) == 1 &&
       X509_CRL_set_issuer_name (crl, X509_get_subject_name (ca->cert)) == 1 &&
       last_update != NULL && X509_CRL_set1_lastUpdate (crl, last_update) == 1 &&
       next_update != NULL && X509_CRL_set1_nextUpdate (crl, next_update) == 1;
  ASN1_TIME_free (last_update);
  ASN1_TIME_free (next_update);
  if (!ok)
    {
      _cd_ca_set_openssl_error (error, _("The revocation list could not be encoded."));
      goto failed;
    }

  if (!add_revoked_entries (database, crl, ca->sha256, error) ||
      !add_crl_extensions (crl, ca->cert, number, error))
    goto failed;

  X509_CRL_sort (crl);
  /* The CA's own digest choice is not recorded; SHA-256 is what every
   * verifier takes.
   */
  if (X509_CRL_sign (crl, ca->key, EVP_PKEY_get_base_id (ca->key) == EVP_PKEY_ED25519 ? NULL
                                                                                      : EVP_sha256 ()) <= 0)
    {
      _cd_ca_set_openssl_error (error, _("The revocation list could not be signed."));
      goto failed;
    }

  bytes = encode_crl (crl, pem);
  if (bytes == NULL)
    {
      _cd_ca_set_openssl_error (error, _("The revocation list could not be encoded."));
      goto failed;
    }

  if (!_cd_database_commit (database, error))
    goto failed;

  if (out_crl_number != NULL)
    *out_crl_number = number;

  return g_steal_pointer (&bytes);

failed:
  _cd_database_rollback (database);
  return NULL;
}
