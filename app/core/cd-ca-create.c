/* cd-ca-create.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Creating a certificate authority: a root that signs itself, or an
 * intermediate signed by a CA already in Certdesk. The new key goes to
 * the keyring first; then, in one transaction, the key's record, the
 * certificate in Trusted Root (a root) or Intermediate (an
 * intermediate) and in Personal (we hold its key), and for an
 * intermediate the issuer's ca_issued record. If anything fails the key
 * is removed again: nothing is left half made.
 */

#define G_LOG_DOMAIN "cd-ca"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <openssl/err.h>

#include "cd-ca-private.h"
#include "cd-certificate-private.h"
#include "cd-database-private.h"
#include "cd-errors.h"
#include "cd-key-generator-private.h"
#include "cd-keyring.h"
#include "cd-openssl-private.h"
#include "cd-request-builder-private.h"
#include "cd-x509-private.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (X509_NAME, X509_NAME_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ASN1_BIT_STRING, ASN1_BIT_STRING_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NAME_CONSTRAINTS, NAME_CONSTRAINTS_free)

static X509_NAME *
build_subject (CdCaCreateOptions  *options,
               GError            **error)
{
  g_autoptr(X509_NAME) name = X509_NAME_new ();

  for (guint i = 0; i < CD_N_SUBJECT_FIELDS; i++)
    {
      g_autofree char *value = NULL;
      int type;

      if (!cd_request_validate_subject_field (i, options->subject[i], &value, error))
        return NULL;
      if (value == NULL)
        continue;

      /* PrintableString where it fits, as openssl req and most CAs
       * write it; the certificates we sign later copy these types.
       */
      if (i == CD_SUBJECT_FIELD_EMAIL)
        type = V_ASN1_IA5STRING;
      else if (cd_request_string_fits_printable (value))
        type = V_ASN1_PRINTABLESTRING;
      else
        type = V_ASN1_UTF8STRING;

      if (X509_NAME_add_entry_by_NID (name, _cd_request_subject_nids[i], type,
                                      (const unsigned char *)value, strlen (value), -1, 0) != 1)
        {
          _cd_ca_set_openssl_error (error, _("The subject could not be encoded."));
          return NULL;
        }
    }

  return g_steal_pointer (&name);
}

static gboolean
add_constraints (X509               *cert,
                 CdCaCreateOptions  *options,
                 int                 path_length,
                 GError            **error)
{
  g_autoptr(BASIC_CONSTRAINTS) basic = BASIC_CONSTRAINTS_new ();
  g_autoptr(ASN1_BIT_STRING) usage = ASN1_BIT_STRING_new ();
  gboolean ok = TRUE;

  basic->ca = 1;
  if (path_length >= 0)
    {
      basic->pathlen = ASN1_INTEGER_new ();
      ok &= ASN1_INTEGER_set (basic->pathlen, path_length) == 1;
    }
  ok &= X509_add1_ext_i2d (cert, NID_basic_constraints, basic, 1, X509V3_ADD_DEFAULT) == 1;

  /* keyCertSign (5) and cRLSign (6), RFC 5280 4.2.1.3; critical. */
  ok &= ASN1_BIT_STRING_set_bit (usage, 5, 1) == 1;
  ok &= ASN1_BIT_STRING_set_bit (usage, 6, 1) == 1;
  ok &= X509_add1_ext_i2d (cert, NID_key_usage, usage, 1, X509V3_ADD_DEFAULT) == 1;

  if (options->permitted_dns->len > 0)
    {
      g_autoptr(NAME_CONSTRAINTS) constraints = NAME_CONSTRAINTS_new ();

      constraints->permittedSubtrees = sk_GENERAL_SUBTREE_new_null ();
      for (guint i = 0; i < options->permitted_dns->len; i++)
        {
          const char *dns = g_ptr_array_index (options->permitted_dns, i);
          GENERAL_SUBTREE *subtree = GENERAL_SUBTREE_new ();
          ASN1_IA5STRING *text = ASN1_IA5STRING_new ();

          ASN1_STRING_set (text, dns, strlen (dns));
          GENERAL_NAME_set0_value (subtree->base, GEN_DNS, text);
          sk_GENERAL_SUBTREE_push (constraints->permittedSubtrees, subtree);
        }
      /* RFC 5280 4.2.1.10: conforming CAs mark it critical. */
      ok &= X509_add1_ext_i2d (cert, NID_name_constraints, constraints, 1, X509V3_ADD_DEFAULT) == 1;
    }

  if (!ok)
    _cd_ca_set_openssl_error (error, _("The CA’s constraints could not be encoded."));

  return ok;
}

/* How deep the new CA may sign: never deeper than its issuer allows. */
static gboolean
check_path_length (CdCaAuthority  *issuer,
                   int             path_length,
                   GError        **error)
{
  long issuer_length;
  g_autofree char *name = NULL;

  if (issuer == NULL)
    return TRUE;

  issuer_length = X509_get_pathlen (issuer->cert);
  if (issuer_length < 0)
    return TRUE;

  name = cd_certificate_dup_display_name (issuer->row);
  if (issuer_length == 0)
    {
      g_set_error (error, CD_CA_ERROR, CD_CA_ERROR_PATH_LENGTH,
                   _("“%s” may sign only end certificates (its path length is 0), "
                     "not another CA."), name);
      return FALSE;
    }

  if (path_length < 0 || path_length > issuer_length - 1)
    {
      g_set_error (error, CD_CA_ERROR, CD_CA_ERROR_PATH_LENGTH,
                   _("Below “%s”, a CA may have a path length of at most %ld."),
                   name, issuer_length - 1);
      return FALSE;
    }

  return TRUE;
}

static CdCaResult *
create_and_store (CdDatabase         *database,
                  CdKeyring          *keyring,
                  CdCaCreateOptions  *options,
                  GCancellable       *cancellable,
                  GError            **error)
{
  g_autoptr(CdCaAuthority) issuer = NULL;
  g_autoptr(X509_NAME) subject = NULL;
  g_autoptr(EVP_PKEY) key = NULL;
  g_autoptr(X509) cert = NULL;
  g_autoptr(CdCertificate) row = NULL;
  g_autoptr(GBytes) der = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *serial = NULL;
  g_autofree char *key_id = NULL;
  g_autofree char *label = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 not_before;
  gint64 not_after;
  CdCaLimit limit;
  gboolean created = FALSE;
  gboolean added = FALSE;

  _cd_openssl_init ();

  /* Everything that can be refused is checked before a key is made. */
  if (options->days == 0)
    {
      g_set_error_literal (error, CD_CA_ERROR, CD_CA_ERROR_INVALID,
                           _("A CA must be valid for at least one day."));
      return NULL;
    }

  subject = build_subject (options, error);
  if (subject == NULL)
    return NULL;

  if (options->issuer != NULL)
    {
      issuer = _cd_ca_authority_load (database, keyring, options->issuer, now, cancellable, error);
      if (issuer == NULL || !check_path_length (issuer, options->path_length, error))
        return NULL;
    }

  key = _cd_key_generate (options->key_type, FALSE, cancellable, error);
  if (key == NULL)
    return NULL;

  _cd_ca_plan_validity (now, options->days, options->before_2038, issuer,
                        &not_before, &not_after, &limit);

  cert = X509_new ();
  if (X509_set_version (cert, X509_VERSION_3) != 1 ||
      X509_set_subject_name (cert, subject) != 1 ||
      X509_set_issuer_name (cert, issuer != NULL ? X509_get_subject_name (issuer->cert) : subject) != 1 ||
      X509_set_pubkey (cert, key) != 1)
    {
      _cd_ca_set_openssl_error (error, _("The CA certificate could not be encoded."));
      return NULL;
    }

  if (!_cd_ca_set_serial (cert, &serial, error) ||
      !_cd_ca_set_validity (cert, not_before, not_after, error) ||
      !add_constraints (cert, options, options->path_length, error) ||
      !_cd_ca_add_key_identifiers (cert, issuer != NULL ? issuer->cert : NULL, error) ||
      !_cd_ca_sign (cert, issuer != NULL ? issuer->key : key, options->digest, error))
    return NULL;

  key_id = _cd_x509_key_id (key);
  row = _cd_certificate_new_from_x509 (cert, NULL);
  der = _cd_x509_to_der (cert);
  if (key_id == NULL || row == NULL || der == NULL)
    {
      _cd_ca_set_openssl_error (error, _("The CA certificate could not be encoded."));
      return NULL;
    }
  label = cd_certificate_dup_display_name (row);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (!_cd_key_write_to_keyring (keyring, key, key_id, label, &created, cancellable, error))
    return NULL;

  if (!_cd_database_begin (database, error))
    goto failed;

  if (!_cd_database_add_key (database, key_id, _cd_x509_key_algorithm (key), label, &added, error) ||
      !_cd_database_add_to_store (database, row, der,
                                  issuer != NULL ? CD_STORE_KIND_CA : CD_STORE_KIND_ROOT,
                                  &added, error) ||
      !_cd_database_add_to_store (database, row, der, CD_STORE_KIND_MY, &added, error) ||
      (issuer != NULL &&
       !_cd_ca_record_issued (database, issuer->sha256, serial, row->sha256, now, error)) ||
      !_cd_database_commit (database, error))
    {
      _cd_database_rollback (database);
      goto failed;
    }

  /* Read back, so that the row has its store and key as listed. */
  found = cd_database_find (database, row->sha256, CD_STORE_KIND_MY, NULL);
  if (found != NULL && found->len > 0)
    g_set_object (&row, g_ptr_array_index (found, 0));

  return _cd_ca_result_new (row, der, limit, not_after);

failed:
  if (created)
    _cd_key_forget (keyring, key_id);
  return NULL;
}

/**
 * cd_ca_create:
 * @database: where the CA certificate and its key's record go
 * @keyring: where the new key goes, and the issuer's key is read from
 * @options: the subject, key, validity and constraints
 * @cancellable: (nullable): a #GCancellable
 * @error: a location for a #GError
 *
 * Makes a key and a CA certificate, self-signed or signed by the
 * issuer set in @options, and stores both: a root in Trusted Root and
 * Personal, an intermediate in Intermediate and Personal. Blocks for
 * the key generation; see cd_ca_create_async().
 *
 * Returns: (transfer full) (nullable): the new CA
 */
CdCaResult *
cd_ca_create (CdDatabase         *database,
              CdKeyring          *keyring,
              CdCaCreateOptions  *options,
              GCancellable       *cancellable,
              GError            **error)
{
  g_return_val_if_fail (CD_IS_DATABASE (database), NULL);
  g_return_val_if_fail (CD_IS_KEYRING (keyring), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  return create_and_store (database, keyring, options, cancellable, error);
}

static CdCaResult *
create_job (CdDatabase    *database,
            CdKeyring     *keyring,
            gpointer       job_data,
            GCancellable  *cancellable,
            GError       **error)
{
  return create_and_store (database, keyring, job_data, cancellable, error);
}

/**
 * cd_ca_create_async:
 * @database: where the CA goes
 * @keyring: where the new key goes
 * @options: the new CA; do not change it until the call finishes
 * @cancellable: (nullable): cancelling during key generation stores nothing
 * @callback: called when the CA is stored
 * @user_data: data for @callback
 *
 * Like cd_ca_create(), in a worker thread with its own connection to
 * the database.
 */
void
cd_ca_create_async (CdDatabase          *database,
                    CdKeyring           *keyring,
                    CdCaCreateOptions   *options,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_return_if_fail (CD_IS_DATABASE (database));
  g_return_if_fail (CD_IS_KEYRING (keyring));
  g_return_if_fail (options != NULL);

  _cd_ca_run_async (database, keyring, create_job, cd_ca_create_options_ref (options),
                    (GDestroyNotify)cd_ca_create_options_unref, cd_ca_create_async,
                    "[certdesk] create CA", cancellable, callback, user_data);
}

/**
 * cd_ca_create_finish:
 * @result: the #GAsyncResult
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the new CA
 */
CdCaResult *
cd_ca_create_finish (GAsyncResult  *result,
                     GError       **error)
{
  return _cd_ca_run_finish (result, cd_ca_create_async, error);
}

/**
 * cd_ca_list_authorities:
 * @database: the stores
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (element-type CdCertificate) (nullable): the
 *   authorities in Personal whose key Certdesk holds, the ones that can
 *   sign
 */
GPtrArray *
cd_ca_list_authorities (CdDatabase  *database,
                        GError     **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  GPtrArray *authorities;

  g_return_val_if_fail (CD_IS_DATABASE (database), NULL);

  rows = cd_database_list_store (database, CD_STORE_KIND_MY, error);
  if (rows == NULL)
    return NULL;

  authorities = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < rows->len; i++)
    {
      CdCertificate *row = g_ptr_array_index (rows, i);

      if (cd_certificate_get_is_ca (row) && cd_certificate_get_has_private_key (row))
        g_ptr_array_add (authorities, g_object_ref (row));
    }

  return authorities;
}
