/* cd-ca-sign.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Signing a certificate request with one of our CAs, without the traps
 * of the vendors' "openssl ca" recipes: the request's SAN entries are
 * kept (or the caller's edited list), subject fields that equal the
 * CA's take the CA's string type (PrintableString and UTF8String of the
 * same text are different names to a device comparing bytes), the
 * serial is random, the digest SHA-256 unless asked, and the
 * certificate never outlives the CA. It lands in Personal when we hold
 * the request's key (the pending request is then complete), else in
 * Other People; ca_issued remembers it for revocation.
 */

#define G_LOG_DOMAIN "cd-ca"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <openssl/err.h>
#include <openssl/pem.h>

#include "cd-ca-private.h"
#include "cd-certificate-private.h"
#include "cd-database-private.h"
#include "cd-errors.h"
#include "cd-keyring.h"
#include "cd-openssl-private.h"
#include "cd-request-builder-private.h"
#include "cd-x509-private.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (X509_NAME, X509_NAME_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ASN1_BIT_STRING, ASN1_BIT_STRING_free)

/* Indexed by CdSubjectField, for error messages. */
static const char *field_names[CD_N_SUBJECT_FIELDS] = {
  N_("Country"),
  N_("State or province"),
  N_("Locality"),
  N_("Organization"),
  N_("Organizational unit"),
  N_("Common name"),
  N_("E-mail address"),
};

/* Verified first, so that its errors name what is wrong. */
static X509_REQ *
parse_request (GBytes  *data,
               GError **error)
{
  gsize len = 0;
  const guchar *bytes = g_bytes_get_data (data, &len);
  X509_REQ *request = NULL;

  if (!cd_request_verify_signature (data, error))
    return NULL;

  if (g_strstr_len ((const char *)bytes, len, "-----BEGIN") != NULL)
    {
      g_autoptr(BIO) bio = BIO_new_mem_buf (bytes, len);

      request = PEM_read_bio_X509_REQ (bio, NULL, NULL, NULL);
    }
  else
    {
      const guchar *p = bytes;

      request = d2i_X509_REQ (NULL, &p, len);
    }

  if (request == NULL)
    _cd_ca_set_openssl_error (error, _("This is not a certificate request that Certdesk can read."));

  return request;
}

static int
field_for_nid (int nid)
{
  for (guint i = 0; i < CD_N_SUBJECT_FIELDS; i++)
    {
      if (_cd_request_subject_nids[i] == nid)
        return i;
    }

  return -1;
}

static char *
entry_to_utf8 (const X509_NAME_ENTRY *entry)
{
  unsigned char *utf8 = NULL;
  char *copy;
  int len;

  len = ASN1_STRING_to_UTF8 (&utf8, X509_NAME_ENTRY_get_data (entry));
  if (len < 0)
    return NULL;
  copy = g_strndup ((const char *)utf8, len);
  OPENSSL_free (utf8);

  return copy;
}

static const X509_NAME_ENTRY *
find_entry (const X509_NAME *name,
            int              nid)
{
  int index = X509_NAME_get_index_by_NID (name, nid, -1);

  return index >= 0 ? X509_NAME_get_entry (name, index) : NULL;
}

/* The request's subject, each field the CA also has with the same
 * value taken from the CA (and so with its string type), each field of
 * @match_mask required to be so.
 */
static X509_NAME *
build_subject (const X509_NAME  *requested,
               const X509_NAME  *ca,
               guint             match_mask,
               GError          **error)
{
  g_autoptr(X509_NAME) name = X509_NAME_new ();

  for (guint field = 0; field < CD_N_SUBJECT_FIELDS; field++)
    {
      int nid = _cd_request_subject_nids[field];

      if ((match_mask & (1u << field)) == 0 || find_entry (requested, nid) != NULL)
        continue;

      g_set_error (error, CD_CA_ERROR, CD_CA_ERROR_SUBJECT_MISMATCH,
                   _("The request has no %s; it must be the same as the CA’s."),
                   _(field_names[field]));
      return NULL;
    }

  for (int i = 0; i < X509_NAME_entry_count (requested); i++)
    {
      const X509_NAME_ENTRY *entry = X509_NAME_get_entry (requested, i);
      int nid = OBJ_obj2nid (X509_NAME_ENTRY_get_object (entry));
      int field = field_for_nid (nid);
      const X509_NAME_ENTRY *ca_entry = find_entry (ca, nid);
      g_autofree char *value = entry_to_utf8 (entry);
      g_autofree char *ca_value = ca_entry != NULL ? entry_to_utf8 (ca_entry) : NULL;
      gboolean same = value != NULL && g_strcmp0 (value, ca_value) == 0;

      if (!same && field >= 0 && (match_mask & (1u << field)) != 0)
        {
          g_set_error (error, CD_CA_ERROR, CD_CA_ERROR_SUBJECT_MISMATCH,
                       /* translators: the first %s is a subject field such as Organization,
                        * then the request's value and the CA's */
                       _("The %s of the request (“%s”) is not the CA’s (“%s”); it must be the same. "
                         "Make the request again with the CA’s value."),
                       _(field_names[field]), value != NULL ? value : "",
                       ca_value != NULL ? ca_value : "");
          return NULL;
        }

      if (X509_NAME_add_entry (name, same ? ca_entry : entry, -1, 0) != 1)
        {
          _cd_ca_set_openssl_error (error, _("The subject could not be encoded."));
          return NULL;
        }
    }

  return g_steal_pointer (&name);
}

static GENERAL_NAME *
general_name_from_string (const char *text)
{
  g_autofree char *prefix = NULL;
  const char *colon = strchr (text, ':');
  GENERAL_NAME *name;
  ASN1_STRING *data;
  CdSanType type;
  int kind;

  if (colon == NULL)
    return NULL;
  prefix = g_strndup (text, colon - text);
  if (!cd_san_type_from_prefix (prefix, &type))
    return NULL;

  if (type == CD_SAN_TYPE_IP)
    {
      g_autoptr(GInetAddress) address = g_inet_address_new_from_string (colon + 1);

      if (address == NULL)
        return NULL;
      data = ASN1_OCTET_STRING_new ();
      ASN1_OCTET_STRING_set (data, g_inet_address_to_bytes (address),
                             g_inet_address_get_native_size (address));
      kind = GEN_IPADD;
    }
  else
    {
      data = ASN1_IA5STRING_new ();
      ASN1_STRING_set (data, colon + 1, strlen (colon + 1));
      kind = type == CD_SAN_TYPE_DNS ? GEN_DNS : type == CD_SAN_TYPE_EMAIL ? GEN_EMAIL : GEN_URI;
    }

  name = GENERAL_NAME_new ();
  GENERAL_NAME_set0_value (name, kind, data);

  return name;
}

static gboolean
add_sans (X509                *cert,
          const char * const  *sans,
          GError             **error)
{
  g_autoptr(GENERAL_NAMES) names = sk_GENERAL_NAME_new_null ();

  for (guint i = 0; sans != NULL && sans[i] != NULL; i++)
    {
      GENERAL_NAME *name = general_name_from_string (sans[i]);

      if (name == NULL)
        {
          g_set_error (error, CD_CA_ERROR, CD_CA_ERROR_INVALID,
                       _("The subject alternative name “%s” cannot be encoded."), sans[i]);
          return FALSE;
        }
      sk_GENERAL_NAME_push (names, name);
    }

  if (sk_GENERAL_NAME_num (names) == 0)
    return TRUE;

  if (X509_add1_ext_i2d (cert, NID_subject_alt_name, names, 0, X509V3_ADD_DEFAULT) != 1)
    {
      _cd_ca_set_openssl_error (error, _("The subject alternative names could not be encoded."));
      return FALSE;
    }

  return TRUE;
}

/* A rough key type for the purpose's default usages: they differ only
 * between RSA (key encipherment) and the others.
 */
static CdKeyType
key_type_of (EVP_PKEY *key)
{
  switch (EVP_PKEY_get_base_id (key))
    {
    case EVP_PKEY_RSA:
      return CD_KEY_TYPE_RSA_2048;
    case EVP_PKEY_ED25519:
      return CD_KEY_TYPE_ED25519;
    default:
      return CD_KEY_TYPE_EC_P256;
    }
}

static gboolean
copy_request_extension (X509                     *cert,
                        STACK_OF(X509_EXTENSION) *extensions,
                        int                       nid,
                        gboolean                 *out_copied)
{
  int index = X509v3_get_ext_by_NID (extensions, nid, -1);

  *out_copied = index >= 0;
  if (index < 0)
    return TRUE;

  return X509_add_ext (cert, X509v3_get_ext (extensions, index), -1) == 1;
}

/* Usages: the options', else the request's, else the purpose's. */
static gboolean
add_usages (X509                      *cert,
            X509_REQ                  *request,
            CdCaSignOptions           *options,
            GError                   **error)
{
  STACK_OF(X509_EXTENSION) *extensions = X509_REQ_get_extensions (request);
  CdKeyUsage key_usage = options->key_usage;
  CdExtendedKeyUsage extended_key_usage = options->extended_key_usage;
  gboolean copied = FALSE;
  gboolean ok = TRUE;

  if (!options->has_key_usage)
    {
      ok &= copy_request_extension (cert, extensions, NID_key_usage, &copied);
      if (!copied)
        key_usage = cd_request_default_key_usage (options->purpose,
                                                  key_type_of (X509_REQ_get0_pubkey (request)));
    }
  if ((options->has_key_usage || !copied) && key_usage != CD_KEY_USAGE_NONE)
    {
      g_autoptr(ASN1_BIT_STRING) bits = _cd_request_key_usage_bits (key_usage);

      ok &= X509_add1_ext_i2d (cert, NID_key_usage, bits, 1, X509V3_ADD_DEFAULT) == 1;
    }

  copied = FALSE;
  if (!options->has_extended_key_usage)
    {
      ok &= copy_request_extension (cert, extensions, NID_ext_key_usage, &copied);
      if (!copied)
        extended_key_usage = cd_request_default_extended_key_usage (options->purpose);
    }
  if ((options->has_extended_key_usage || !copied) && extended_key_usage != CD_EXTENDED_KEY_USAGE_NONE)
    {
      g_autoptr(EXTENDED_KEY_USAGE) usages = _cd_request_extended_key_usage (extended_key_usage);

      ok &= X509_add1_ext_i2d (cert, NID_ext_key_usage, usages, 0, X509V3_ADD_DEFAULT) == 1;
    }

  sk_X509_EXTENSION_pop_free (extensions, X509_EXTENSION_free);

  if (!ok)
    _cd_ca_set_openssl_error (error, _("The key usages could not be encoded."));

  return ok;
}

static gboolean
add_end_entity_constraints (X509    *cert,
                            GError **error)
{
  g_autoptr(BASIC_CONSTRAINTS) basic = BASIC_CONSTRAINTS_new ();

  /* Whatever the request asked, what we sign here is no authority. */
  basic->ca = 0;
  if (X509_add1_ext_i2d (cert, NID_basic_constraints, basic, 1, X509V3_ADD_DEFAULT) != 1)
    {
      _cd_ca_set_openssl_error (error, _("The basic constraints could not be encoded."));
      return FALSE;
    }

  return TRUE;
}

/* Whether the key of the request is ours: in the keyring, recorded. */
static gboolean
holds_key (CdDatabase     *database,
           CdKeyring      *keyring,
           const char     *key_id,
           gboolean       *out_holds,
           GCancellable   *cancellable,
           GError        **error)
{
  gboolean known = FALSE;

  *out_holds = FALSE;
  if (!_cd_database_has_key (database, key_id, &known, error))
    return FALSE;
  if (!known)
    return TRUE;

  return cd_keyring_has_key (keyring, key_id, out_holds, cancellable, error);
}

static gboolean
complete_pending_requests (CdDatabase  *database,
                           const char  *key_id,
                           GError     **error)
{
  g_autoptr(GPtrArray) rows = _cd_database_list_by_key_id (database, key_id, error);

  if (rows == NULL)
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      CdCertificate *row = g_ptr_array_index (rows, i);

      if (row->is_request && row->store == CD_STORE_KIND_REQUEST &&
          !_cd_database_remove_from_store (database, row->sha256, CD_STORE_KIND_REQUEST, error))
        return FALSE;
    }

  return TRUE;
}

static CdCaResult *
sign_and_store (CdDatabase       *database,
                CdKeyring        *keyring,
                const char       *ca_sha256,
                GBytes           *request_data,
                CdCaSignOptions  *options,
                GCancellable     *cancellable,
                GError          **error)
{
  g_autoptr(X509_REQ) request = NULL;
  g_autoptr(CdCaAuthority) ca = NULL;
  g_autoptr(X509_NAME) subject = NULL;
  g_autoptr(X509) cert = NULL;
  g_autoptr(CdCertificate) request_row = NULL;
  g_autoptr(CdCertificate) row = NULL;
  g_autoptr(GBytes) der = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *serial = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 not_before;
  gint64 not_after;
  CdCaLimit limit;
  CdStoreKind target;
  gboolean ours = FALSE;
  gboolean added = FALSE;
  const char * const *sans;

  _cd_openssl_init ();

  if (options->days == 0)
    {
      g_set_error_literal (error, CD_CA_ERROR, CD_CA_ERROR_INVALID,
                           _("A certificate must be valid for at least one day."));
      return NULL;
    }

  if (options->digest == CD_DIGEST_SHA1 && !options->allow_legacy_digest)
    {
      g_set_error_literal (error, CD_CA_ERROR, CD_CA_ERROR_INVALID,
                           _("SHA-1 signatures are forged easily; choose SHA-256, or allow SHA-1 "
                             "explicitly for a device that takes nothing else."));
      return NULL;
    }

  request = parse_request (request_data, error);
  if (request == NULL)
    return NULL;

  request_row = _cd_certificate_new_from_request (request);
  if (request_row == NULL)
    {
      _cd_ca_set_openssl_error (error, _("This is not a certificate request that Certdesk can read."));
      return NULL;
    }

  ca = _cd_ca_authority_load (database, keyring, ca_sha256, now, cancellable, error);
  if (ca == NULL)
    return NULL;

  subject = build_subject (X509_REQ_get_subject_name (request), X509_get_subject_name (ca->cert),
                           options->match_mask, error);
  if (subject == NULL)
    return NULL;

  _cd_ca_plan_validity (now, options->days, options->before_2038, ca,
                        &not_before, &not_after, &limit);

  sans = options->sans != NULL ? (const char * const *)options->sans
                               : cd_certificate_get_san (request_row);

  cert = X509_new ();
  if (X509_set_version (cert, X509_VERSION_3) != 1 ||
      X509_set_subject_name (cert, subject) != 1 ||
      X509_set_issuer_name (cert, X509_get_subject_name (ca->cert)) != 1 ||
      X509_set_pubkey (cert, X509_REQ_get0_pubkey (request)) != 1)
    {
      _cd_ca_set_openssl_error (error, _("The certificate could not be encoded."));
      return NULL;
    }

  if (!_cd_ca_set_serial (cert, &serial, error) ||
      !_cd_ca_set_validity (cert, not_before, not_after, error) ||
      !add_end_entity_constraints (cert, error) ||
      !add_usages (cert, request, options, error) ||
      !add_sans (cert, sans, error) ||
      !_cd_ca_add_key_identifiers (cert, ca->cert, error) ||
      !_cd_ca_sign (cert, ca->key, options->digest, error))
    return NULL;

  row = _cd_certificate_new_from_x509 (cert, NULL);
  der = _cd_x509_to_der (cert);
  if (row == NULL || der == NULL)
    {
      _cd_ca_set_openssl_error (error, _("The certificate could not be encoded."));
      return NULL;
    }

  if (!holds_key (database, keyring, row->key_id, &ours, cancellable, error))
    return NULL;
  target = ours ? CD_STORE_KIND_MY : CD_STORE_KIND_ADDRESS_BOOK;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (!_cd_database_begin (database, error))
    return NULL;

  if (!_cd_database_add_to_store (database, row, der, target, &added, error) ||
      (ours && !complete_pending_requests (database, row->key_id, error)) ||
      !_cd_ca_record_issued (database, ca->sha256, serial, row->sha256, now, error) ||
      !_cd_database_commit (database, error))
    {
      _cd_database_rollback (database);
      return NULL;
    }

  found = cd_database_find (database, row->sha256, target, NULL);
  if (found != NULL && found->len > 0)
    g_set_object (&row, g_ptr_array_index (found, 0));

  return _cd_ca_result_new (row, der, limit, not_after);
}

/**
 * cd_ca_request_dup_sans:
 * @request: a certificate request, DER or PEM
 * @error: a location for a #GError
 *
 * The SAN entries a signed certificate gets by default, for the user
 * to review and edit before signing.
 *
 * Returns: (transfer full) (array zero-terminated=1) (nullable): the
 *   entries as "DNS:…", "IP:…", "email:…", "URI:…"
 */
char **
cd_ca_request_dup_sans (GBytes  *request,
                        GError **error)
{
  g_autoptr(X509_REQ) parsed = NULL;
  g_autoptr(CdCertificate) row = NULL;
  const char * const *sans;

  g_return_val_if_fail (request != NULL, NULL);

  parsed = parse_request (request, error);
  if (parsed == NULL)
    return NULL;

  row = _cd_certificate_new_from_request (parsed);
  if (row == NULL)
    {
      _cd_ca_set_openssl_error (error, _("This is not a certificate request that Certdesk can read."));
      return NULL;
    }

  sans = cd_certificate_get_san (row);

  return sans != NULL ? g_strdupv ((char **)sans) : g_new0 (char *, 1);
}

/**
 * cd_ca_request_to_der:
 * @request: a certificate request, DER or PEM
 * @error: a location for a #GError
 *
 * The request as the stores keep it, after checking its signature, for
 * the GUI to show it (cd_certificate_info_new() takes DER).
 *
 * Returns: (transfer full) (nullable): the request's DER
 */
GBytes *
cd_ca_request_to_der (GBytes  *request,
                      GError **error)
{
  g_autoptr(X509_REQ) parsed = NULL;

  g_return_val_if_fail (request != NULL, NULL);

  parsed = parse_request (request, error);
  if (parsed == NULL)
    return NULL;

  return _cd_x509_request_to_der (parsed);
}

/**
 * cd_ca_sign_request:
 * @database: the stores; the certificate goes there
 * @keyring: where the CA's key is
 * @ca_sha256: the CA's fingerprint
 * @request: a certificate request, DER or PEM, its signature valid
 * @options: validity, usages, SAN entries and fields that must match
 * @cancellable: (nullable): a #GCancellable
 * @error: a location for a #GError
 *
 * Signs @request with the CA and stores the certificate: in Personal
 * when Certdesk holds the request's key (the pending request is then
 * complete and leaves Certificate Enrollment Requests), else in Other
 * People. Nothing is stored on failure.
 *
 * Returns: (transfer full) (nullable): the new certificate
 */
CdCaResult *
cd_ca_sign_request (CdDatabase       *database,
                    CdKeyring        *keyring,
                    const char       *ca_sha256,
                    GBytes           *request,
                    CdCaSignOptions  *options,
                    GCancellable     *cancellable,
                    GError          **error)
{
  g_return_val_if_fail (CD_IS_DATABASE (database), NULL);
  g_return_val_if_fail (CD_IS_KEYRING (keyring), NULL);
  g_return_val_if_fail (ca_sha256 != NULL, NULL);
  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);

  return sign_and_store (database, keyring, ca_sha256, request, options, cancellable, error);
}

typedef struct
{
  char            *ca_sha256;
  GBytes          *request;
  CdCaSignOptions *options;
} SignJob;

static void
sign_job_free (SignJob *job)
{
  g_free (job->ca_sha256);
  g_clear_pointer (&job->request, g_bytes_unref);
  g_clear_pointer (&job->options, cd_ca_sign_options_unref);
  g_free (job);
}

static CdCaResult *
sign_job (CdDatabase    *database,
          CdKeyring     *keyring,
          gpointer       job_data,
          GCancellable  *cancellable,
          GError       **error)
{
  SignJob *job = job_data;

  return sign_and_store (database, keyring, job->ca_sha256, job->request, job->options,
                         cancellable, error);
}

/**
 * cd_ca_sign_request_async:
 * @database: the stores
 * @keyring: where the CA's key is
 * @ca_sha256: the CA's fingerprint
 * @request: a certificate request, DER or PEM
 * @options: do not change them until the call finishes
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the certificate is stored
 * @user_data: data for @callback
 *
 * Like cd_ca_sign_request(), in a worker thread: reading the CA's key
 * may wait for the keyring.
 */
void
cd_ca_sign_request_async (CdDatabase          *database,
                          CdKeyring           *keyring,
                          const char          *ca_sha256,
                          GBytes              *request,
                          CdCaSignOptions     *options,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  SignJob *job;

  g_return_if_fail (CD_IS_DATABASE (database));
  g_return_if_fail (CD_IS_KEYRING (keyring));
  g_return_if_fail (ca_sha256 != NULL);
  g_return_if_fail (request != NULL);
  g_return_if_fail (options != NULL);

  job = g_new0 (SignJob, 1);
  job->ca_sha256 = g_strdup (ca_sha256);
  job->request = g_bytes_ref (request);
  job->options = cd_ca_sign_options_ref (options);

  _cd_ca_run_async (database, keyring, sign_job, job, (GDestroyNotify)sign_job_free,
                    cd_ca_sign_request_async, "[certdesk] sign request",
                    cancellable, callback, user_data);
}

/**
 * cd_ca_sign_request_finish:
 * @result: the #GAsyncResult
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the new certificate
 */
CdCaResult *
cd_ca_sign_request_finish (GAsyncResult  *result,
                           GError       **error)
{
  return _cd_ca_run_finish (result, cd_ca_sign_request_async, error);
}

/**
 * cd_ca_issue_with_key:
 * @database: the stores
 * @keyring: where the new key goes and the CA's key is
 * @ca_sha256: the CA's fingerprint
 * @builder: the subject, SAN entries and key type of the certificate
 * @options: validity, usages and fields that must match the CA
 * @cancellable: (nullable): a #GCancellable
 * @error: a location for a #GError
 *
 * "Issue in one step", for devices that take a key and certificate
 * together: makes the key and request with @builder, signs it, and
 * leaves the certificate in Personal with its key, ready for
 * cd_exporter_export_to_file() as PKCS#12 with the chain. If signing
 * fails, the request and key made for it are removed again.
 *
 * Returns: (transfer full) (nullable): the new certificate
 */
CdCaResult *
cd_ca_issue_with_key (CdDatabase        *database,
                      CdKeyring         *keyring,
                      const char        *ca_sha256,
                      CdRequestBuilder  *builder,
                      CdCaSignOptions   *options,
                      GCancellable      *cancellable,
                      GError           **error)
{
  g_autoptr(CdCaAuthority) ca = NULL;
  g_autoptr(CdCertificate) request_row = NULL;
  g_autoptr(GBytes) request = NULL;
  g_autofree char *pem = NULL;
  CdCaResult *result;

  g_return_val_if_fail (CD_IS_DATABASE (database), NULL);
  g_return_val_if_fail (CD_IS_KEYRING (keyring), NULL);
  g_return_val_if_fail (ca_sha256 != NULL, NULL);
  g_return_val_if_fail (CD_IS_REQUEST_BUILDER (builder), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  /* A CA that cannot sign is found before a key is made for nothing. */
  ca = _cd_ca_authority_load (database, keyring, ca_sha256, g_get_real_time () / G_USEC_PER_SEC,
                              cancellable, error);
  if (ca == NULL)
    return NULL;

  pem = cd_request_builder_build (builder, database, keyring, &request_row, cancellable, error);
  if (pem == NULL)
    return NULL;

  request = g_bytes_new (pem, strlen (pem));
  result = sign_and_store (database, keyring, ca->sha256, request, options, cancellable, error);
  if (result == NULL)
    {
      const char *key_id = cd_certificate_get_key_id (request_row);
      g_autoptr(GError) cleanup_error = NULL;

      if (cd_database_delete (database, cd_certificate_get_sha256 (request_row),
                              CD_STORE_KIND_REQUEST, &cleanup_error) == 0 ||
          !cd_database_forget_key (database, key_id, &cleanup_error) ||
          !cd_keyring_delete_key (keyring, key_id, NULL, &cleanup_error))
        g_warning ("Could not remove the request made for a failed issue: %s",
                   cleanup_error != NULL ? cleanup_error->message : "not found");
    }

  return result;
}
