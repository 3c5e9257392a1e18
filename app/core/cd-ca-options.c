/* cd-ca-options.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the user chose for a new authority or for signing a request,
 * handed to the CA as one value, and what comes back. The options are
 * reference counted so that a worker thread can keep them; a caller
 * must not change them while an _async() call runs.
 */

#define G_LOG_DOMAIN "cd-ca"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <openssl/pem.h>

#include "cd-ca-private.h"
#include "cd-certificate.h"
#include "cd-errors.h"
#include "cd-openssl-private.h"

struct _CdCaResult
{
  gatomicrefcount  ref_count;
  CdCertificate   *row;
  GBytes          *der;
  CdCaLimit        limit;
  gint64           not_after;
};

G_DEFINE_BOXED_TYPE (CdCaCreateOptions, cd_ca_create_options,
                     cd_ca_create_options_ref, cd_ca_create_options_unref)
G_DEFINE_BOXED_TYPE (CdCaSignOptions, cd_ca_sign_options,
                     cd_ca_sign_options_ref, cd_ca_sign_options_unref)
G_DEFINE_BOXED_TYPE (CdCaResult, cd_ca_result, cd_ca_result_ref, cd_ca_result_unref)

/**
 * cd_ca_create_options_new:
 *
 * The defaults: a root, RSA 3072, SHA-256, 10 years, no path length
 * limit, no name constraints, not capped before 2038.
 *
 * Returns: (transfer full): new options
 */
CdCaCreateOptions *
cd_ca_create_options_new (void)
{
  CdCaCreateOptions *self = g_new0 (CdCaCreateOptions, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->permitted_dns = g_ptr_array_new_with_free_func (g_free);
  self->key_type = CD_KEY_TYPE_RSA_3072;
  self->digest = CD_DIGEST_SHA256;
  self->days = CD_CA_DEFAULT_CA_DAYS;
  self->path_length = -1;

  return self;
}

CdCaCreateOptions *
cd_ca_create_options_ref (CdCaCreateOptions *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
cd_ca_create_options_unref (CdCaCreateOptions *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      for (guint i = 0; i < CD_N_SUBJECT_FIELDS; i++)
        g_free (self->subject[i]);
      g_free (self->issuer);
      g_ptr_array_unref (self->permitted_dns);
      g_free (self);
    }
}

void
cd_ca_create_options_set_subject_field (CdCaCreateOptions *self,
                                        CdSubjectField     field,
                                        const char        *value)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (field < CD_N_SUBJECT_FIELDS);

  g_free (self->subject[field]);
  self->subject[field] = g_strdup (value);
}

const char *
cd_ca_create_options_get_subject_field (CdCaCreateOptions *self,
                                        CdSubjectField     field)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (field < CD_N_SUBJECT_FIELDS, NULL);

  return self->subject[field];
}

void
cd_ca_create_options_set_key_type (CdCaCreateOptions *self,
                                   CdKeyType          key_type)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (key_type < CD_N_KEY_TYPES);

  self->key_type = key_type;
}

void
cd_ca_create_options_set_digest (CdCaCreateOptions *self,
                                 CdDigest           digest)
{
  g_return_if_fail (self != NULL);

  self->digest = digest;
}

/**
 * cd_ca_create_options_set_validity_days:
 * @self: a #CdCaCreateOptions
 * @days: how long the authority is valid; 0 is refused when creating
 */
void
cd_ca_create_options_set_validity_days (CdCaCreateOptions *self,
                                        guint              days)
{
  g_return_if_fail (self != NULL);

  self->days = days;
}

/**
 * cd_ca_create_options_set_before_2038:
 * @self: a #CdCaCreateOptions
 * @before_2038: end the authority before 2038-01-19, for devices that
 *   keep time in 32 bits; cd_ca_result_get_limit() says when it did
 */
void
cd_ca_create_options_set_before_2038 (CdCaCreateOptions *self,
                                      gboolean           before_2038)
{
  g_return_if_fail (self != NULL);

  self->before_2038 = !!before_2038;
}

/**
 * cd_ca_create_options_set_path_length:
 * @self: a #CdCaCreateOptions
 * @path_length: how many authorities may follow below this one; 0
 *   lets it sign only end certificates, -1 sets no limit
 */
void
cd_ca_create_options_set_path_length (CdCaCreateOptions *self,
                                      int                path_length)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (path_length >= -1);

  self->path_length = path_length;
}

/**
 * cd_ca_create_options_set_issuer:
 * @self: a #CdCaCreateOptions
 * @ca_sha256: (nullable): the fingerprint of the authority that signs
 *   the new one, making it an intermediate; %NULL for a root
 */
void
cd_ca_create_options_set_issuer (CdCaCreateOptions *self,
                                 const char        *ca_sha256)
{
  g_return_if_fail (self != NULL);

  g_free (self->issuer);
  self->issuer = g_strdup (ca_sha256);
}

/**
 * cd_ca_create_options_add_permitted_dns:
 * @self: a #CdCaCreateOptions
 * @name: a DNS domain the authority may issue for, such as
 *   "example.com" (its subdomains included)
 * @error: a location for a #GError
 *
 * Adds a name constraint; with at least one, the authority can issue
 * only for the names listed.
 *
 * Returns: %TRUE if @name is a valid host name
 */
gboolean
cd_ca_create_options_add_permitted_dns (CdCaCreateOptions  *self,
                                        const char         *name,
                                        GError            **error)
{
  char *normalized = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (strchr (name, '*') != NULL ||
      !cd_request_validate_san_entry (CD_SAN_TYPE_DNS, name, &normalized, NULL))
    {
      g_set_error (error, CD_CA_ERROR, CD_CA_ERROR_INVALID,
                   _("“%s” is not a domain name; a name constraint takes a name such as example.com."),
                   name);
      return FALSE;
    }

  g_ptr_array_add (self->permitted_dns, normalized);

  return TRUE;
}

/**
 * cd_ca_sign_options_new:
 *
 * The defaults: two years, for a server and client, the usages the
 * request asks for (else those of the purpose), its SAN entries, no
 * subject field that must match the CA, SHA-256.
 *
 * Returns: (transfer full): new options
 */
CdCaSignOptions *
cd_ca_sign_options_new (void)
{
  CdCaSignOptions *self = g_new0 (CdCaSignOptions, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->days = CD_CA_DEFAULT_LEAF_DAYS;
  self->purpose = CD_REQUEST_PURPOSE_SERVER_CLIENT;
  self->digest = CD_DIGEST_SHA256;

  return self;
}

CdCaSignOptions *
cd_ca_sign_options_ref (CdCaSignOptions *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
cd_ca_sign_options_unref (CdCaSignOptions *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_strfreev (self->sans);
      g_free (self);
    }
}

void
cd_ca_sign_options_set_validity_days (CdCaSignOptions *self,
                                      guint            days)
{
  g_return_if_fail (self != NULL);

  self->days = days;
}

void
cd_ca_sign_options_set_before_2038 (CdCaSignOptions *self,
                                    gboolean         before_2038)
{
  g_return_if_fail (self != NULL);

  self->before_2038 = !!before_2038;
}

/**
 * cd_ca_sign_options_set_purpose:
 * @self: a #CdCaSignOptions
 * @purpose: what the usages default to when neither the options nor
 *   the request name them
 */
void
cd_ca_sign_options_set_purpose (CdCaSignOptions  *self,
                                CdRequestPurpose  purpose)
{
  g_return_if_fail (self != NULL);

  self->purpose = purpose;
}

/**
 * cd_ca_sign_options_set_key_usage:
 * @self: a #CdCaSignOptions
 * @usage: the key usages of the certificate, replacing the request's
 */
void
cd_ca_sign_options_set_key_usage (CdCaSignOptions *self,
                                  CdKeyUsage       usage)
{
  g_return_if_fail (self != NULL);

  self->key_usage = usage;
  self->has_key_usage = TRUE;
}

void
cd_ca_sign_options_set_extended_key_usage (CdCaSignOptions    *self,
                                           CdExtendedKeyUsage  usage)
{
  g_return_if_fail (self != NULL);

  self->extended_key_usage = usage;
  self->has_extended_key_usage = TRUE;
}

/**
 * cd_ca_sign_options_set_match_fields:
 * @self: a #CdCaSignOptions
 * @fields: (array length=n_fields): subject fields whose value must
 *   equal the CA's
 * @n_fields: the length of @fields
 *
 * The request must carry these fields with the CA's values, or signing
 * fails naming the field; the issued certificate takes the CA's string
 * type for them, as devices that compare names byte for byte require.
 */
void
cd_ca_sign_options_set_match_fields (CdCaSignOptions      *self,
                                     const CdSubjectField *fields,
                                     guint                 n_fields)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (fields != NULL || n_fields == 0);

  self->match_mask = 0;
  for (guint i = 0; i < n_fields; i++)
    {
      g_return_if_fail (fields[i] < CD_N_SUBJECT_FIELDS);
      self->match_mask |= 1u << fields[i];
    }
}

/**
 * cd_ca_sign_options_set_sans:
 * @self: a #CdCaSignOptions
 * @sans: (nullable) (array zero-terminated=1): the subject alternative
 *   names of the certificate, as "DNS:name", "IP:address",
 *   "email:address" or "URI:uri"; %NULL to copy the request's
 * @error: a location for a #GError
 *
 * Returns: %TRUE if every entry is valid; else the list is unchanged
 */
gboolean
cd_ca_sign_options_set_sans (CdCaSignOptions     *self,
                             const char * const  *sans,
                             GError             **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (self != NULL, FALSE);

  if (sans == NULL)
    {
      g_clear_pointer (&self->sans, g_strfreev);
      return TRUE;
    }

  for (guint i = 0; sans[i] != NULL; i++)
    {
      g_autofree char *prefix = NULL;
      g_autofree char *normalized = NULL;
      g_autofree char *entry = NULL;
      const char *colon = strchr (sans[i], ':');
      CdSanType type;

      if (colon != NULL)
        prefix = g_strndup (sans[i], colon - sans[i]);
      if (prefix == NULL || !cd_san_type_from_prefix (prefix, &type))
        {
          g_set_error (error, CD_CA_ERROR, CD_CA_ERROR_INVALID,
                       _("“%s” does not say what kind of name it is. Write DNS:name, IP:address, "
                         "email:address or URI:uri."), sans[i]);
          return FALSE;
        }

      if (!cd_request_validate_san_entry (type, colon + 1, &normalized, error))
        return FALSE;

      entry = g_strconcat (cd_san_type_to_prefix (type), ":", normalized, NULL);
      g_strv_builder_add (builder, entry);
    }

  g_strfreev (self->sans);
  self->sans = g_strv_builder_end (builder);

  return TRUE;
}

void
cd_ca_sign_options_set_digest (CdCaSignOptions *self,
                               CdDigest         digest)
{
  g_return_if_fail (self != NULL);

  self->digest = digest;
}

void
cd_ca_sign_options_set_allow_legacy_digest (CdCaSignOptions *self,
                                            gboolean         allow)
{
  g_return_if_fail (self != NULL);

  self->allow_legacy_digest = !!allow;
}

CdCaResult *
_cd_ca_result_new (CdCertificate *row,
                   GBytes        *der,
                   CdCaLimit      limit,
                   gint64         not_after)
{
  CdCaResult *self = g_new0 (CdCaResult, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->row = g_object_ref (row);
  self->der = g_bytes_ref (der);
  self->limit = limit;
  self->not_after = not_after;

  return self;
}

CdCaResult *
cd_ca_result_ref (CdCaResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
cd_ca_result_unref (CdCaResult *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_object_unref (self->row);
      g_bytes_unref (self->der);
      g_free (self);
    }
}

/**
 * cd_ca_result_get_certificate:
 * @self: a #CdCaResult
 *
 * Returns: (transfer none): the new certificate's row, in Personal when
 *   Certdesk holds its key, else in Other People
 */
CdCertificate *
cd_ca_result_get_certificate (CdCaResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->row;
}

/**
 * cd_ca_result_get_der:
 * @self: a #CdCaResult
 *
 * Returns: (transfer none): the new certificate, DER-encoded
 */
GBytes *
cd_ca_result_get_der (CdCaResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->der;
}

/**
 * cd_ca_result_dup_pem:
 * @self: a #CdCaResult
 *
 * Returns: (transfer full): the new certificate as PEM
 */
char *
cd_ca_result_dup_pem (CdCaResult *self)
{
  g_autoptr(X509) cert = NULL;
  g_autoptr(BIO) bio = NULL;
  const unsigned char *p;
  char *data = NULL;
  long len;

  g_return_val_if_fail (self != NULL, NULL);

  p = g_bytes_get_data (self->der, NULL);
  cert = d2i_X509 (NULL, &p, g_bytes_get_size (self->der));
  g_return_val_if_fail (cert != NULL, NULL);

  bio = BIO_new (BIO_s_mem ());
  PEM_write_bio_X509 (bio, cert);
  len = BIO_get_mem_data (bio, &data);

  return g_strndup (data, len);
}

/**
 * cd_ca_result_get_limit:
 * @self: a #CdCaResult
 *
 * Returns: why the certificate ends earlier than asked, if it does
 */
CdCaLimit
cd_ca_result_get_limit (CdCaResult *self)
{
  g_return_val_if_fail (self != NULL, CD_CA_LIMIT_NONE);

  return self->limit;
}

gint64
cd_ca_result_get_not_after (CdCaResult *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->not_after;
}

static const struct
{
  CdRevocationReason  reason;
  const char         *id;      /* RFC 5280's names, as openssl ca takes them */
  const char         *label;
} reasons[] = {
  { CD_REVOCATION_REASON_UNSPECIFIED, "unspecified", N_("Unspecified") },
  { CD_REVOCATION_REASON_KEY_COMPROMISE, "keyCompromise", N_("Key compromised") },
  { CD_REVOCATION_REASON_CA_COMPROMISE, "CACompromise", N_("CA compromised") },
  { CD_REVOCATION_REASON_AFFILIATION_CHANGED, "affiliationChanged", N_("Affiliation changed") },
  { CD_REVOCATION_REASON_SUPERSEDED, "superseded", N_("Superseded") },
  { CD_REVOCATION_REASON_CESSATION_OF_OPERATION, "cessationOfOperation", N_("No longer in use") },
};

const char *
cd_revocation_reason_to_id (CdRevocationReason reason)
{
  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    {
      if (reasons[i].reason == reason)
        return reasons[i].id;
    }

  g_return_val_if_reached (NULL);
}

/**
 * cd_revocation_reason_from_id:
 * @id: a reason's id, in any case, such as "keyCompromise"
 * @reason: (out): where the reason goes
 *
 * Returns: %TRUE if @id names a reason
 */
gboolean
cd_revocation_reason_from_id (const char         *id,
                              CdRevocationReason *reason)
{
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (reason != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    {
      if (g_ascii_strcasecmp (id, reasons[i].id) == 0)
        {
          *reason = reasons[i].reason;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
cd_revocation_reason_get_label (CdRevocationReason reason)
{
  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    {
      if (reasons[i].reason == reason)
        return _(reasons[i].label);
    }

  g_return_val_if_reached (NULL);
}
