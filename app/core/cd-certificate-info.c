/* cd-certificate-info.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* CdCertificateInfo is one certificate or request parsed in full, for
 * the certificate dialog and "certdesk-cli show": where CdCertificate
 * is a list row read without parsing, this holds the parsed object and
 * builds the Details rows from it, in the order certmgr.msc lists them.
 */

#define G_LOG_DOMAIN "cd-certificate-info"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/pem.h>

#include "cd-certificate-info.h"
#include "cd-certificate.h"
#include "cd-detail.h"
#include "cd-errors.h"
#include "cd-extension-format-private.h"
#include "cd-import-bundle-private.h"
#include "cd-openssl-private.h"
#include "cd-x509-private.h"

struct _CdCertificateInfo
{
  GObject        parent_instance;

  /* Exactly one of the two is set. */
  X509          *cert;
  X509_REQ      *request;

  GBytes        *der;
  CdCertificate *row;
  char          *sha1;       /* lower-case hex, like the row's SHA-256 */
  GListStore    *details;    /* built on first use */
};

G_DEFINE_FINAL_TYPE (CdCertificateInfo, cd_certificate_info, G_TYPE_OBJECT)

static char *
digest_hex (GBytes       *data,
            const EVP_MD *md,
            gboolean      as_id)
{
  static const char digits[] = "0123456789abcdef";
  guchar buf[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  char *hex;

  if (!EVP_Digest (g_bytes_get_data (data, NULL), g_bytes_get_size (data), buf, &len, md, NULL))
    return g_strdup ("");

  if (as_id)
    return _cd_format_hex_id (buf, len);

  hex = g_malloc (len * 2 + 1);
  for (guint i = 0; i < len; i++)
    {
      hex[i * 2] = digits[buf[i] >> 4];
      hex[i * 2 + 1] = digits[buf[i] & 0xf];
    }
  hex[len * 2] = '\0';

  return hex;
}

static void
cd_certificate_info_finalize (GObject *object)
{
  CdCertificateInfo *self = (CdCertificateInfo *)object;

  g_clear_pointer (&self->cert, X509_free);
  g_clear_pointer (&self->request, X509_REQ_free);
  g_clear_pointer (&self->der, g_bytes_unref);
  g_clear_object (&self->row);
  g_clear_pointer (&self->sha1, g_free);
  g_clear_object (&self->details);

  G_OBJECT_CLASS (cd_certificate_info_parent_class)->finalize (object);
}

static void
cd_certificate_info_class_init (CdCertificateInfoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cd_certificate_info_finalize;
}

static void
cd_certificate_info_init (CdCertificateInfo *self)
{
}

/* Takes ownership of @cert. */
static CdCertificateInfo *
info_new_for_x509 (X509       *cert,
                   const char *friendly_name)
{
  g_autoptr(CdCertificateInfo) self = g_object_new (CD_TYPE_CERTIFICATE_INFO, NULL);

  self->cert = cert;
  self->der = _cd_x509_to_der (cert);
  self->row = _cd_certificate_new_from_x509 (cert, friendly_name);
  if (self->der == NULL || self->row == NULL)
    return NULL;
  self->sha1 = digest_hex (self->der, EVP_sha1 (), FALSE);

  return g_steal_pointer (&self);
}

/* Takes ownership of @request. */
static CdCertificateInfo *
info_new_for_request (X509_REQ *request)
{
  g_autoptr(CdCertificateInfo) self = g_object_new (CD_TYPE_CERTIFICATE_INFO, NULL);

  self->request = request;
  self->der = _cd_x509_request_to_der (request);
  self->row = _cd_certificate_new_from_request (request);
  if (self->der == NULL || self->row == NULL)
    return NULL;
  self->sha1 = digest_hex (self->der, EVP_sha1 (), FALSE);

  return g_steal_pointer (&self);
}

/**
 * cd_certificate_info_new:
 * @der: a DER certificate or PKCS#10 request, as the database keeps them
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the parsed certificate or
 *   request, or %NULL with %CD_IMPORT_ERROR_CORRUPT if @der is neither
 */
CdCertificateInfo *
cd_certificate_info_new (GBytes  *der,
                         GError **error)
{
  CdCertificateInfo *info = NULL;
  const unsigned char *p;
  const unsigned char *start;
  gsize len;
  X509 *cert;
  X509_REQ *request;

  g_return_val_if_fail (der != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  _cd_openssl_init ();

  start = g_bytes_get_data (der, &len);

  /* Only a parse that uses every byte counts: a request can look like
   * the start of a certificate and the other way round. */
  p = start;
  cert = d2i_X509 (NULL, &p, len);
  if (cert != NULL && (gsize)(p - start) == len)
    info = info_new_for_x509 (cert, NULL);
  else if (cert != NULL)
    X509_free (cert);

  if (info == NULL)
    {
      p = start;
      request = d2i_X509_REQ (NULL, &p, len);
      if (request != NULL && (gsize)(p - start) == len)
        info = info_new_for_request (request);
      else if (request != NULL)
        X509_REQ_free (request);
    }

  ERR_clear_error ();

  if (info == NULL)
    g_set_error (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_CORRUPT,
                 _("The data is neither a certificate nor a certificate request, or it is "
                   "damaged. Import the certificate again from its original file."));

  return info;
}

/**
 * cd_certificate_info_load_file:
 * @file: a certificate, PKCS#7, PKCS#12 or PKCS#10 file, in any
 *   encoding the importer reads
 * @password: (nullable): the password of an encrypted file
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads @file to show it without importing it. Private keys in the file
 * are left alone. Errors are those of the importer, so a caller asks
 * for a password on %CD_IMPORT_ERROR_NEEDS_PASSWORD and
 * %CD_IMPORT_ERROR_BAD_PASSWORD. Runs I/O and parsing: call it from a
 * worker thread.
 *
 * Returns: (transfer container) (element-type CdCertificateInfo) (nullable):
 *   every certificate of the file in file order, then every request;
 *   empty if the file holds only keys; %NULL on error
 */
GPtrArray *
cd_certificate_info_load_file (GFile         *file,
                               const char    *password,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(CdImportBundle) bundle = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autofree char *display_name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = cd_import_read_file (file, cancellable, error);
  if (data == NULL)
    return NULL;

  display_name = g_file_get_basename (file);
  bundle = cd_import_bundle_parse (data, display_name, password, NULL, NULL, cancellable, error);
  if (bundle == NULL)
    return NULL;

  infos = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < bundle->certs->len; i++)
    {
      X509 *cert = g_ptr_array_index (bundle->certs, i);
      const char *name = g_ptr_array_index (bundle->cert_names, i);
      CdCertificateInfo *info;

      X509_up_ref (cert);
      info = info_new_for_x509 (cert, name);
      if (info != NULL)
        g_ptr_array_add (infos, info);
    }

  for (guint i = 0; i < bundle->requests->len; i++)
    {
      X509_REQ *request = X509_REQ_dup (g_ptr_array_index (bundle->requests, i));
      CdCertificateInfo *info;

      if (request == NULL)
        continue;
      info = info_new_for_request (request);
      if (info != NULL)
        g_ptr_array_add (infos, info);
    }

  return g_steal_pointer (&infos);
}

/**
 * cd_certificate_info_get_der:
 * @self: a #CdCertificateInfo
 *
 * Returns: (transfer none): the DER of the certificate or request
 */
GBytes *
cd_certificate_info_get_der (CdCertificateInfo *self)
{
  g_return_val_if_fail (CD_IS_CERTIFICATE_INFO (self), NULL);

  return self->der;
}

/**
 * cd_certificate_info_get_is_request:
 * @self: a #CdCertificateInfo
 *
 * Returns: %TRUE for a PKCS#10 request
 */
gboolean
cd_certificate_info_get_is_request (CdCertificateInfo *self)
{
  g_return_val_if_fail (CD_IS_CERTIFICATE_INFO (self), FALSE);

  return self->request != NULL;
}

/**
 * cd_certificate_info_get_row:
 * @self: a #CdCertificateInfo
 *
 * The row has the columns a store lists, but no store, no private key
 * flag and no description: it was made from the certificate alone.
 *
 * Returns: (transfer none): the list row for this certificate
 */
CdCertificate *
cd_certificate_info_get_row (CdCertificateInfo *self)
{
  g_return_val_if_fail (CD_IS_CERTIFICATE_INFO (self), NULL);

  return self->row;
}

/**
 * cd_certificate_info_get_sha1:
 * @self: a #CdCertificateInfo
 *
 * Windows and many CAs still name certificates by their SHA-1
 * "thumbprint", so it is offered beside the SHA-256 the stores use.
 *
 * Returns: (transfer none): the SHA-1 of the DER, lower-case hex
 */
const char *
cd_certificate_info_get_sha1 (CdCertificateInfo *self)
{
  g_return_val_if_fail (CD_IS_CERTIFICATE_INFO (self), NULL);

  return self->sha1;
}

static void
add_detail (GListStore   *store,
            CdDetailKind  kind,
            const char   *name,
            const char   *value,
            const char   *oid)
{
  g_autoptr(CdDetail) detail = cd_detail_new (kind, name, value, oid, FALSE);

  g_list_store_append (store, detail);
}

static void
add_field (GListStore *store,
           const char *name,
           const char *value,
           const char *oid)
{
  add_detail (store, CD_DETAIL_KIND_FIELD, name, value, oid);
}

static void
add_signature_rows (GListStore         *store,
                    const X509_ALGOR   *algorithm,
                    int                 md_nid)
{
  const ASN1_OBJECT *obj = NULL;
  g_autofree char *name = NULL;
  g_autofree char *oid = NULL;

  X509_ALGOR_get0 (&obj, NULL, NULL, algorithm);
  name = _cd_format_oid_name (obj);
  oid = _cd_format_oid (obj);
  add_field (store, _("Signature algorithm"), name, oid);

  /* EdDSA has no separate hash, and then the row is left out. */
  if (md_nid != NID_undef)
    {
      g_autofree char *md_oid = _cd_format_oid (OBJ_nid2obj (md_nid));

      add_field (store, _("Signature hash algorithm"), OBJ_nid2ln (md_nid), md_oid);
    }
}

static char *
describe_key (EVP_PKEY    *key,
              X509_PUBKEY *spki)
{
  const ASN1_OBJECT *algorithm = NULL;
  const unsigned char *bits = NULL;
  g_autofree char *name = NULL;
  g_autofree char *hex = NULL;
  int len = 0;

  X509_PUBKEY_get0_param ((ASN1_OBJECT **)&algorithm, &bits, &len, NULL, spki);

  if (key == NULL)
    name = _cd_format_oid_name (algorithm);
  else if (g_str_equal (_cd_x509_key_algorithm (key), "unknown"))
    name = _cd_format_oid_name (algorithm);
  else
    name = g_strdup (_cd_x509_key_algorithm (key));

  hex = _cd_format_hex_dump (bits, len);

  switch (key ? EVP_PKEY_get_base_id (key) : EVP_PKEY_NONE)
    {
    case EVP_PKEY_RSA:
    case EVP_PKEY_RSA_PSS:
    case EVP_PKEY_DSA:
    case EVP_PKEY_EC:
      /* Translators: a public key, e.g. "RSA (2048 bits)", then its bytes. */
      return g_strdup_printf (_("%s (%d bits)\n%s"), name, EVP_PKEY_get_bits (key), hex);

    default:
      /* Ed25519 and Ed448 have a fixed size that their name says. */
      return g_strdup_printf ("%s\n%s", name, hex);
    }
}

static void
add_key_rows (GListStore  *store,
              EVP_PKEY    *key,
              X509_PUBKEY *spki)
{
  const ASN1_OBJECT *algorithm = NULL;
  g_autofree char *value = describe_key (key, spki);
  g_autofree char *oid = NULL;
  char group[80];
  size_t group_len = 0;

  X509_PUBKEY_get0_param ((ASN1_OBJECT **)&algorithm, NULL, NULL, NULL, spki);
  oid = _cd_format_oid (algorithm);
  add_field (store, _("Public key"), value, oid);

  if (key != NULL && EVP_PKEY_get_base_id (key) == EVP_PKEY_EC &&
      EVP_PKEY_get_group_name (key, group, sizeof group, &group_len))
    {
      int curve = OBJ_sn2nid (group);
      const char *nist = curve != NID_undef ? EC_curve_nid2nist (curve) : NULL;
      g_autofree char *curve_oid = curve != NID_undef ? _cd_format_oid (OBJ_nid2obj (curve)) : NULL;
      g_autofree char *text = NULL;

      if (nist != NULL)
        text = g_strdup_printf ("%s (NIST %s)", group, nist);
      else
        text = g_strdup (group);
      add_field (store, _("Public key parameters"), text, curve_oid);
    }
}

static void
add_property_rows (CdCertificateInfo *self,
                   GListStore        *store)
{
  g_autofree char *sha1 = digest_hex (self->der, EVP_sha1 (), TRUE);
  g_autofree char *sha256 = digest_hex (self->der, EVP_sha256 (), TRUE);
  const char *friendly_name = cd_certificate_get_friendly_name (self->row);

  if (friendly_name != NULL)
    add_detail (store, CD_DETAIL_KIND_PROPERTY, _("Friendly name"), friendly_name, NULL);
  add_detail (store, CD_DETAIL_KIND_PROPERTY, _("SHA-1 fingerprint"), sha1, NULL);
  add_detail (store, CD_DETAIL_KIND_PROPERTY, _("SHA-256 fingerprint"), sha256, NULL);
}

static void
build_certificate_details (CdCertificateInfo *self,
                           GListStore        *store)
{
  const X509_ALGOR *signature_algorithm = NULL;
  g_autofree char *version = g_strdup_printf ("V%ld", X509_get_version (self->cert) + 1);
  g_autofree char *serial = _cd_format_integer (X509_get0_serialNumber (self->cert));
  g_autofree char *issuer = _cd_format_name (X509_get_issuer_name (self->cert));
  g_autofree char *subject = _cd_format_name (X509_get_subject_name (self->cert));
  g_autofree char *not_before = _cd_format_time (X509_get0_notBefore (self->cert));
  g_autofree char *not_after = _cd_format_time (X509_get0_notAfter (self->cert));
  int md_nid = NID_undef;

  X509_get0_signature (NULL, &signature_algorithm, self->cert);
  /* This also finds the hash inside RSA-PSS parameters. */
  if (!X509_get_signature_info (self->cert, &md_nid, NULL, NULL, NULL))
    md_nid = NID_undef;

  add_field (store, _("Version"), version, NULL);
  add_field (store, _("Serial number"), serial, NULL);
  add_signature_rows (store, signature_algorithm, md_nid);
  add_field (store, _("Issuer"), issuer, NULL);
  add_field (store, _("Valid from"), not_before, NULL);
  add_field (store, _("Valid to"), not_after, NULL);
  add_field (store, _("Subject"), subject, NULL);
  add_key_rows (store, X509_get0_pubkey (self->cert), X509_get_X509_PUBKEY (self->cert));

  for (int i = 0; i < X509_get_ext_count (self->cert); i++)
    {
      g_autoptr(CdDetail) detail = _cd_format_extension (X509_get_ext (self->cert, i));

      g_list_store_append (store, detail);
    }

  add_property_rows (self, store);
}

static void
build_request_details (CdCertificateInfo *self,
                       GListStore        *store)
{
  STACK_OF (X509_EXTENSION) *extensions;
  const X509_ALGOR *signature_algorithm = NULL;
  const ASN1_OBJECT *signature_obj = NULL;
  g_autofree char *version = g_strdup_printf ("V%ld", X509_REQ_get_version (self->request) + 1);
  g_autofree char *subject = _cd_format_name (X509_REQ_get_subject_name (self->request));
  int md_nid = NID_undef;

  X509_REQ_get0_signature (self->request, NULL, &signature_algorithm);
  X509_ALGOR_get0 (&signature_obj, NULL, NULL, signature_algorithm);
  if (!OBJ_find_sigid_algs (OBJ_obj2nid (signature_obj), &md_nid, NULL))
    md_nid = NID_undef;

  add_field (store, _("Version"), version, NULL);
  add_signature_rows (store, signature_algorithm, md_nid);
  add_field (store, _("Subject"), subject, NULL);
  add_key_rows (store, X509_REQ_get0_pubkey (self->request),
                X509_REQ_get_X509_PUBKEY (self->request));

  /* The extensions the requester asks the CA to put in the certificate. */
  extensions = X509_REQ_get_extensions (self->request);
  for (int i = 0; i < sk_X509_EXTENSION_num (extensions); i++)
    {
      g_autoptr(CdDetail) detail = _cd_format_extension (sk_X509_EXTENSION_value (extensions, i));

      g_list_store_append (store, detail);
    }
  sk_X509_EXTENSION_pop_free (extensions, X509_EXTENSION_free);

  add_property_rows (self, store);
}

/**
 * cd_certificate_info_get_details:
 * @self: a #CdCertificateInfo
 *
 * The rows of the Details page, in certmgr.msc's order: version, serial
 * number, signature algorithm and hash, issuer, validity, subject,
 * public key and its parameters; then each extension in the order the
 * certificate has them; then the properties (friendly name if any,
 * SHA-1 and SHA-256 fingerprints). Dates are UTC, "2026-05-01 12:00:00
 * UTC". A request has its version, signature, subject, key, requested
 * extensions and fingerprints.
 *
 * Returns: (transfer none): a list model of #CdDetail, built on first use
 */
GListModel *
cd_certificate_info_get_details (CdCertificateInfo *self)
{
  g_return_val_if_fail (CD_IS_CERTIFICATE_INFO (self), NULL);

  if (self->details == NULL)
    {
      self->details = g_list_store_new (CD_TYPE_DETAIL);

      if (self->cert != NULL)
        build_certificate_details (self, self->details);
      else
        build_request_details (self, self->details);

      /* Decoders of odd extensions may leave errors behind. */
      ERR_clear_error ();
    }

  return G_LIST_MODEL (self->details);
}

/**
 * cd_certificate_info_dup_pem:
 * @self: a #CdCertificateInfo
 *
 * Returns: (transfer full): the certificate or request, PEM-encoded
 */
char *
cd_certificate_info_dup_pem (CdCertificateInfo *self)
{
  g_autoptr(BIO) bio = BIO_new (BIO_s_mem ());
  char *data = NULL;
  long len;
  int ok;

  g_return_val_if_fail (CD_IS_CERTIFICATE_INFO (self), NULL);

  if (self->cert != NULL)
    ok = PEM_write_bio_X509 (bio, self->cert);
  else
    ok = PEM_write_bio_X509_REQ (bio, self->request);

  if (!ok)
    return g_strdup ("");

  len = BIO_get_mem_data (bio, &data);
  return g_strndup (data, len);
}

/**
 * cd_certificate_info_dup_purpose_labels:
 * @self: a #CdCertificateInfo
 *
 * What the General page lists under "This certificate is intended for
 * the following purpose(s)", with the names of the "Intended Purposes"
 * column. A certificate with no Extended Key Usage is good for any.
 *
 * Returns: (transfer full): the translated purposes; empty for a request
 */
char **
cd_certificate_info_dup_purpose_labels (CdCertificateInfo *self)
{
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  g_autoptr(EXTENDED_KEY_USAGE) eku = NULL;
  int critical = -1;

  g_return_val_if_fail (CD_IS_CERTIFICATE_INFO (self), NULL);

  if (self->cert == NULL)
    return g_strv_builder_end (labels);

  eku = X509_get_ext_d2i (self->cert, NID_ext_key_usage, &critical, NULL);

  /* Present but unreadable (or twice): claim nothing rather than "all". */
  if (eku == NULL && critical != -1)
    return g_strv_builder_end (labels);

  if (eku == NULL)
    {
      g_strv_builder_add (labels, _("All application policies"));
      return g_strv_builder_end (labels);
    }

  for (int i = 0; i < sk_ASN1_OBJECT_num (eku); i++)
    {
      g_autofree char *label = _cd_format_purpose (sk_ASN1_OBJECT_value (eku, i), FALSE);

      g_strv_builder_add (labels, label);
    }

  return g_strv_builder_end (labels);
}
