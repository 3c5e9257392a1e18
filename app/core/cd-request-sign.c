/* cd-request-sign.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Turning a CdRequestBuilder into a signed PKCS#10 request. Building
 * writes the new key to the keyring first and then the key record and
 * the request to the database in one transaction; if either fails, the
 * key is removed again, as the importer does, so nothing is left half
 * made.
 */

#define G_LOG_DOMAIN "cd-request-builder"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <openssl/err.h>
#include <openssl/pem.h>

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

/* Indexed by CdSubjectField; also read by cd-request-renew.c. */
const int _cd_request_subject_nids[CD_N_SUBJECT_FIELDS] = {
  NID_countryName,
  NID_stateOrProvinceName,
  NID_localityName,
  NID_organizationName,
  NID_organizationalUnitName,
  NID_commonName,
  NID_pkcs9_emailAddress,
};

static const struct
{
  CdKeyUsage usage;
  int        bit;     /* RFC 5280 4.2.1.3 */
} key_usage_bits[] = {
  { CD_KEY_USAGE_DIGITAL_SIGNATURE, 0 },
  { CD_KEY_USAGE_NON_REPUDIATION, 1 },
  { CD_KEY_USAGE_KEY_ENCIPHERMENT, 2 },
  { CD_KEY_USAGE_DATA_ENCIPHERMENT, 3 },
  { CD_KEY_USAGE_KEY_AGREEMENT, 4 },
};

static const struct
{
  CdExtendedKeyUsage usage;
  int                nid;
} extended_key_usage_nids[] = {
  { CD_EXTENDED_KEY_USAGE_SERVER_AUTH, NID_server_auth },
  { CD_EXTENDED_KEY_USAGE_CLIENT_AUTH, NID_client_auth },
  { CD_EXTENDED_KEY_USAGE_CODE_SIGNING, NID_code_sign },
  { CD_EXTENDED_KEY_USAGE_EMAIL_PROTECTION, NID_email_protect },
};

/* @usage as the bits of a keyUsage extension. */
ASN1_BIT_STRING *
_cd_request_key_usage_bits (CdKeyUsage usage)
{
  ASN1_BIT_STRING *bits = ASN1_BIT_STRING_new ();

  for (guint i = 0; i < G_N_ELEMENTS (key_usage_bits); i++)
    {
      if (usage & key_usage_bits[i].usage)
        ASN1_BIT_STRING_set_bit (bits, key_usage_bits[i].bit, 1);
    }

  return bits;
}

/* @usage as the purposes of an extendedKeyUsage extension. */
EXTENDED_KEY_USAGE *
_cd_request_extended_key_usage (CdExtendedKeyUsage usage)
{
  EXTENDED_KEY_USAGE *usages = sk_ASN1_OBJECT_new_null ();

  for (guint i = 0; i < G_N_ELEMENTS (extended_key_usage_nids); i++)
    {
      if (usage & extended_key_usage_nids[i].usage)
        sk_ASN1_OBJECT_push (usages, OBJ_nid2obj (extended_key_usage_nids[i].nid));
    }

  return usages;
}

static void
set_openssl_error (GError     **error,
                   const char  *message)
{
  char detail[256] = "";

  ERR_error_string_n (ERR_peek_last_error (), detail, sizeof detail);
  ERR_clear_error ();
  g_debug ("OpenSSL: %s", detail);
  g_set_error_literal (error, CD_REQUEST_ERROR, CD_REQUEST_ERROR_FAILED, message);
}

static gboolean
add_name_entry (X509_NAME  *name,
                int         nid,
                int         type,
                const char *value)
{
  /* A plain type, not an MBSTRING_ one, is taken as given. */
  return X509_NAME_add_entry_by_NID (name, nid, type, (const unsigned char *)value,
                                     strlen (value), -1, 0) == 1;
}

static X509_NAME *
build_subject (CdRequestBuilder  *self,
               GError           **error)
{
  g_autoptr(X509_NAME) name = X509_NAME_new ();

  for (guint i = 0; i < CD_N_SUBJECT_FIELDS; i++)
    {
      g_autofree char *value = NULL;
      int type;

      if (!cd_request_validate_subject_field (i, self->subject[i], &value, error))
        return NULL;
      if (value == NULL)
        continue;

      /* RFC 5280 fixes these two; the others are the user's choice. */
      if (i == CD_SUBJECT_FIELD_COUNTRY)
        type = V_ASN1_PRINTABLESTRING;
      else if (i == CD_SUBJECT_FIELD_EMAIL)
        type = V_ASN1_IA5STRING;
      else if (self->string_type == CD_STRING_TYPE_PRINTABLE_WHERE_POSSIBLE &&
               cd_request_string_fits_printable (value))
        type = V_ASN1_PRINTABLESTRING;
      else
        type = V_ASN1_UTF8STRING;

      if (!add_name_entry (name, _cd_request_subject_nids[i], type, value))
        {
          set_openssl_error (error, _("The subject could not be encoded."));
          return NULL;
        }
    }

  return g_steal_pointer (&name);
}

/**
 * cd_request_builder_dup_subject_string:
 * @self: a #CdRequestBuilder
 *
 * Returns: (transfer full): the subject as a CA will read it, such as
 *   "CN=www.example.com,O=Example,C=DE"; empty while a field is invalid
 */
char *
cd_request_builder_dup_subject_string (CdRequestBuilder *self)
{
  g_autoptr(X509_NAME) name = NULL;
  g_autoptr(BIO) bio = NULL;
  char *data = NULL;
  long len;

  g_return_val_if_fail (CD_IS_REQUEST_BUILDER (self), NULL);

  name = build_subject (self, NULL);
  if (name == NULL)
    return g_strdup ("");

  bio = BIO_new (BIO_s_mem ());
  if (X509_NAME_print_ex (bio, name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB) < 0)
    return g_strdup ("");

  len = BIO_get_mem_data (bio, &data);

  return g_utf8_make_valid (data, len);
}

static GENERAL_NAME *
general_name_new (CdSanType   type,
                  const char *value)
{
  GENERAL_NAME *name = GENERAL_NAME_new ();
  ASN1_STRING *data;
  int kind;

  if (type == CD_SAN_TYPE_IP)
    {
      g_autoptr(GInetAddress) address = g_inet_address_new_from_string (value);

      data = ASN1_OCTET_STRING_new ();
      ASN1_OCTET_STRING_set (data, g_inet_address_to_bytes (address),
                             g_inet_address_get_native_size (address));
      kind = GEN_IPADD;
    }
  else
    {
      data = ASN1_IA5STRING_new ();
      ASN1_STRING_set (data, value, strlen (value));
      kind = type == CD_SAN_TYPE_DNS ? GEN_DNS : type == CD_SAN_TYPE_EMAIL ? GEN_EMAIL : GEN_URI;
    }

  GENERAL_NAME_set0_value (name, kind, data);

  return name;
}

static gboolean
add_extensions (CdRequestBuilder  *self,
                X509_REQ          *request,
                GError           **error)
{
  STACK_OF(X509_EXTENSION) *extensions = NULL;
  g_autoptr(GENERAL_NAMES) names = sk_GENERAL_NAME_new_null ();
  g_autofree char *cn = _cd_request_builder_dup_cn_as_dns (self);
  gboolean ok = TRUE;

  if (cn != NULL)
    sk_GENERAL_NAME_push (names, general_name_new (CD_SAN_TYPE_DNS, cn));
  for (guint i = 0; i < self->sans->len; i++)
    {
      SanEntry *entry = g_ptr_array_index (self->sans, i);

      sk_GENERAL_NAME_push (names, general_name_new (entry->type, entry->value));
    }

  if (sk_GENERAL_NAME_num (names) > 0)
    ok &= X509V3_add1_i2d (&extensions, NID_subject_alt_name, names, 0, X509V3_ADD_APPEND) == 1;

  if (self->key_usage != CD_KEY_USAGE_NONE)
    {
      g_autoptr(ASN1_BIT_STRING) bits = _cd_request_key_usage_bits (self->key_usage);

      /* RFC 5280 4.2.1.3: conforming CAs mark it critical. */
      ok &= X509V3_add1_i2d (&extensions, NID_key_usage, bits, 1, X509V3_ADD_APPEND) == 1;
    }

  if (self->extended_key_usage != CD_EXTENDED_KEY_USAGE_NONE)
    {
      g_autoptr(EXTENDED_KEY_USAGE) usages = _cd_request_extended_key_usage (self->extended_key_usage);

      ok &= X509V3_add1_i2d (&extensions, NID_ext_key_usage, usages, 0, X509V3_ADD_APPEND) == 1;
    }

  if (ok && extensions != NULL)
    ok = X509_REQ_add_extensions (request, extensions) == 1;

  sk_X509_EXTENSION_pop_free (extensions, X509_EXTENSION_free);

  if (!ok)
    set_openssl_error (error, _("The request’s extensions could not be encoded."));

  return ok;
}

/* Everything but the key and the signature, made on the caller's
 * thread so that the worker does not read the builder.
 */
static X509_REQ *
build_unsigned_request (CdRequestBuilder  *self,
                        GError           **error)
{
  g_autoptr(X509_REQ) request = NULL;
  g_autoptr(X509_NAME) subject = NULL;
  g_autoptr(GPtrArray) problems = cd_request_builder_validate (self);

  if (problems->len > 0)
    {
      GError *first = g_ptr_array_index (problems, 0);

      g_set_error_literal (error, first->domain, first->code, first->message);
      return NULL;
    }

  subject = build_subject (self, error);
  if (subject == NULL)
    return NULL;

  request = X509_REQ_new ();
  if (X509_REQ_set_version (request, X509_REQ_VERSION_1) != 1 ||
      X509_REQ_set_subject_name (request, subject) != 1)
    {
      set_openssl_error (error, _("The subject could not be encoded."));
      return NULL;
    }

  if (!add_extensions (self, request, error))
    return NULL;

  return g_steal_pointer (&request);
}

/* The digest to sign with @key: NULL for Ed25519, which signs the
 * message itself and takes no separate digest.
 */
const EVP_MD *
_cd_request_signing_md (EVP_PKEY *key,
                        CdDigest  digest)
{
  if (EVP_PKEY_get_base_id (key) == EVP_PKEY_ED25519)
    return NULL;

  switch (digest)
    {
    case CD_DIGEST_SHA384:
      return EVP_sha384 ();
    case CD_DIGEST_SHA512:
      return EVP_sha512 ();
    case CD_DIGEST_SHA1:
      return EVP_sha1 ();
    case CD_DIGEST_SHA256:
    default:
      return EVP_sha256 ();
    }
}

typedef struct
{
  X509_REQ   *request;
  CdKeyType   key_type;
  gboolean    allow_legacy_key;
  CdDigest    digest;
  char       *existing_key_id;
  char       *label;
  char       *database_path;   /* for the worker's own connection */
  CdKeyring  *keyring;
} BuildState;

typedef struct
{
  char          *pem;
  CdCertificate *row;
} BuildResult;

static void
build_state_free (BuildState *state)
{
  g_clear_pointer (&state->request, X509_REQ_free);
  g_free (state->existing_key_id);
  g_free (state->label);
  g_free (state->database_path);
  g_clear_object (&state->keyring);
  g_free (state);
}

static void
build_result_free (BuildResult *result)
{
  g_free (result->pem);
  g_clear_object (&result->row);
  g_free (result);
}

static BuildState *
build_state_new (CdRequestBuilder  *self,
                 CdDatabase        *database,
                 CdKeyring         *keyring,
                 GError           **error)
{
  BuildState *state;
  X509_REQ *request;
  const char *cn = self->subject[CD_SUBJECT_FIELD_COMMON_NAME];

  request = build_unsigned_request (self, error);
  if (request == NULL)
    return NULL;

  state = g_new0 (BuildState, 1);
  state->request = request;
  state->key_type = self->key_type;
  state->allow_legacy_key = self->allow_legacy_key;
  state->digest = self->digest;
  state->existing_key_id = g_strdup (self->existing_key_id);
  state->label = g_strstrip (g_strdup (cn != NULL ? cn : ""));
  state->database_path = g_strdup (cd_database_get_path (database));
  state->keyring = g_object_ref (keyring);

  return state;
}

static EVP_PKEY *
load_existing_key (CdKeyring     *keyring,
                   const char    *key_id,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(BIO) bio = NULL;
  EVP_PKEY *key;
  char *pem;

  pem = cd_keyring_lookup_key (keyring, key_id, cancellable, &local_error);
  if (pem == NULL)
    {
      if (g_error_matches (local_error, CD_KEYRING_ERROR, CD_KEYRING_ERROR_NOT_FOUND))
        g_set_error_literal (error, CD_REQUEST_ERROR, CD_REQUEST_ERROR_KEY_NOT_FOUND,
                             _("The certificate’s private key is not in your keyring, so the request cannot reuse it. "
                               "Make the request with a new key instead."));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  bio = BIO_new_mem_buf (pem, -1);
  key = PEM_read_bio_PrivateKey (bio, NULL, NULL, NULL);
  cd_keyring_free_secret (pem);

  if (key == NULL)
    set_openssl_error (error, _("The private key in your keyring cannot be read. Make the request with a new key instead."));

  return key;
}

/* The worker's part: key, signature, then keyring and database. */
static BuildResult *
build_and_store (BuildState    *state,
                 CdDatabase    *database,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(EVP_PKEY) key = NULL;
  g_autofree char *key_id = NULL;
  g_autofree char *label = NULL;
  g_autoptr(GBytes) der = NULL;
  g_autoptr(CdCertificate) row = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(BIO) bio = NULL;
  BuildResult *result;
  const EVP_MD *md;
  gboolean created = FALSE;
  gboolean added = FALSE;
  char *data = NULL;
  long len;

  if (state->existing_key_id != NULL)
    key = load_existing_key (state->keyring, state->existing_key_id, cancellable, error);
  else
    key = _cd_key_generate (state->key_type, state->allow_legacy_key, cancellable, error);
  if (key == NULL)
    return NULL;

  md = _cd_request_signing_md (key, state->digest);

  if (X509_REQ_set_pubkey (state->request, key) != 1 ||
      X509_REQ_sign (state->request, key, md) <= 0)
    {
      set_openssl_error (error, _("The request could not be signed with this key and digest. Choose another digest."));
      return NULL;
    }

  key_id = _cd_x509_key_id (key);
  row = _cd_certificate_new_from_request (state->request);
  der = _cd_x509_request_to_der (state->request);
  if (key_id == NULL || row == NULL || der == NULL)
    {
      set_openssl_error (error, _("The request could not be encoded."));
      return NULL;
    }

  if (state->label[0] != '\0')
    label = g_strdup (state->label);
  else
    /* translators: %s is the start of the key's fingerprint */
    label = g_strdup_printf (_("key %.16s"), key_id);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (state->existing_key_id == NULL &&
      !_cd_key_write_to_keyring (state->keyring, key, key_id, label, &created, cancellable, error))
    return NULL;

  if (!_cd_database_begin (database, error))
    goto failed;

  if (!_cd_database_add_key (database, key_id, _cd_x509_key_algorithm (key), label, &added, error) ||
      !_cd_database_add_to_store (database, row, der, CD_STORE_KIND_REQUEST, &added, error) ||
      !_cd_database_commit (database, error))
    {
      _cd_database_rollback (database);
      goto failed;
    }

  bio = BIO_new (BIO_s_mem ());
  PEM_write_bio_X509_REQ (bio, state->request);
  len = BIO_get_mem_data (bio, &data);

  /* Read back, so that the row has its store and key as listed. */
  found = cd_database_find (database, row->sha256, CD_STORE_KIND_REQUEST, NULL);

  result = g_new0 (BuildResult, 1);
  result->pem = g_strndup (data, len);
  if (found != NULL && found->len > 0)
    result->row = g_object_ref (g_ptr_array_index (found, 0));
  else
    result->row = g_steal_pointer (&row);

  return result;

failed:
  if (created)
    _cd_key_forget (state->keyring, key_id);
  return NULL;
}

static char *
take_build_result (BuildResult    *result,
                   CdCertificate **out_row)
{
  char *pem = g_steal_pointer (&result->pem);

  if (out_row != NULL)
    *out_row = g_steal_pointer (&result->row);
  build_result_free (result);

  return pem;
}

/**
 * cd_request_builder_build:
 * @self: a #CdRequestBuilder
 * @database: where the request and the key's record go
 * @keyring: where the new key goes, or the existing key is read from
 * @out_row: (out) (optional) (transfer full): the request's row in the
 *   request store
 * @cancellable: (nullable): a #GCancellable
 * @error: a location for a #GError
 *
 * Makes the key (or reads the existing one), signs the request and
 * stores both; blocks, see cd_request_builder_build_async().
 *
 * Returns: (transfer full) (nullable): the request as PEM
 */
char *
cd_request_builder_build (CdRequestBuilder  *self,
                          CdDatabase        *database,
                          CdKeyring         *keyring,
                          CdCertificate    **out_row,
                          GCancellable      *cancellable,
                          GError           **error)
{
  BuildState *state;
  BuildResult *result;

  g_return_val_if_fail (CD_IS_REQUEST_BUILDER (self), NULL);
  g_return_val_if_fail (CD_IS_DATABASE (database), NULL);
  g_return_val_if_fail (CD_IS_KEYRING (keyring), NULL);

  state = build_state_new (self, database, keyring, error);
  if (state == NULL)
    return NULL;

  result = build_and_store (state, database, cancellable, error);
  build_state_free (state);
  if (result == NULL)
    return NULL;

  return take_build_result (result, out_row);
}

static void
build_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  BuildState *state = task_data;
  g_autoptr(CdDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  BuildResult *result;

  /* SQLite connections are not shared between threads. */
  database = cd_database_open (state->database_path, &error);
  if (database == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  result = build_and_store (state, database, cancellable, &error);
  if (result == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, result, (GDestroyNotify)build_result_free);
}

/**
 * cd_request_builder_build_async:
 * @self: a #CdRequestBuilder
 * @database: where the request and the key's record go
 * @keyring: where the new key goes
 * @cancellable: (nullable): cancelling during key generation stores nothing
 * @callback: called when the request is stored
 * @user_data: data for @callback
 *
 * Like cd_request_builder_build(), the key and signature made in a
 * worker thread. Changing @self afterwards does not affect this request.
 */
void
cd_request_builder_build_async (CdRequestBuilder    *self,
                                CdDatabase          *database,
                                CdKeyring           *keyring,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  BuildState *state;

  g_return_if_fail (CD_IS_REQUEST_BUILDER (self));
  g_return_if_fail (CD_IS_DATABASE (database));
  g_return_if_fail (CD_IS_KEYRING (keyring));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_request_builder_build_async);
  g_task_set_name (task, "[certdesk] build request");
  /* Once stored, the request is reported even if cancelled just after. */
  g_task_set_check_cancellable (task, FALSE);

  state = build_state_new (self, database, keyring, &error);
  if (state == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_set_task_data (task, state, (GDestroyNotify)build_state_free);
  g_task_run_in_thread (task, build_worker);
}

/**
 * cd_request_builder_build_finish:
 * @self: a #CdRequestBuilder
 * @result: the #GAsyncResult
 * @out_row: (out) (optional) (transfer full): the request's row
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the request as PEM
 */
char *
cd_request_builder_build_finish (CdRequestBuilder  *self,
                                 GAsyncResult      *result,
                                 CdCertificate    **out_row,
                                 GError           **error)
{
  BuildResult *build_result;

  g_return_val_if_fail (CD_IS_REQUEST_BUILDER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  build_result = g_task_propagate_pointer (G_TASK (result), error);
  if (build_result == NULL)
    return NULL;

  return take_build_result (build_result, out_row);
}
