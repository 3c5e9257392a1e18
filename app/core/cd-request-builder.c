/* cd-request-builder.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* CdRequestBuilder holds what the user wants in a certificate request
 * (subject, Subject Alternative Names in order, key, digest, usages).
 * Turning it into a signed PKCS#10 request is in cd-request-sign.c,
 * pre-filling it from a certificate to renew in cd-request-renew.c.
 */

#define G_LOG_DOMAIN "cd-request-builder"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cd-errors.h"
#include "cd-request-builder-private.h"

G_DEFINE_FINAL_TYPE (CdRequestBuilder, cd_request_builder, G_TYPE_OBJECT)

static void
san_entry_free (SanEntry *entry)
{
  g_free (entry->value);
  g_free (entry);
}

static gboolean
san_contains (CdRequestBuilder *self,
              CdSanType         type,
              const char       *value)
{
  for (guint i = 0; i < self->sans->len; i++)
    {
      SanEntry *entry = g_ptr_array_index (self->sans, i);

      /* Normalized values compare exactly; e-mail local parts keep case. */
      if (entry->type == type && g_strcmp0 (entry->value, value) == 0)
        return TRUE;
    }

  return FALSE;
}

/* The common name as the first DNS name, if it is a host name at all
 * and not listed by the user already; %NULL otherwise.
 */
char *
_cd_request_builder_dup_cn_as_dns (CdRequestBuilder *self)
{
  g_autofree char *dns = NULL;

  if (!self->cn_as_dns || self->subject[CD_SUBJECT_FIELD_COMMON_NAME] == NULL)
    return NULL;

  if (!cd_request_validate_san_entry (CD_SAN_TYPE_DNS, self->subject[CD_SUBJECT_FIELD_COMMON_NAME],
                                      &dns, NULL))
    return NULL;

  if (san_contains (self, CD_SAN_TYPE_DNS, dns))
    return NULL;

  return g_steal_pointer (&dns);
}

static void
cd_request_builder_finalize (GObject *object)
{
  CdRequestBuilder *self = (CdRequestBuilder *)object;

  for (guint i = 0; i < CD_N_SUBJECT_FIELDS; i++)
    g_free (self->subject[i]);
  g_clear_pointer (&self->sans, g_ptr_array_unref);
  g_free (self->existing_key_id);

  G_OBJECT_CLASS (cd_request_builder_parent_class)->finalize (object);
}

static void
cd_request_builder_class_init (CdRequestBuilderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cd_request_builder_finalize;
}

static void
cd_request_builder_init (CdRequestBuilder *self)
{
  self->sans = g_ptr_array_new_with_free_func ((GDestroyNotify)san_entry_free);
  self->purpose = CD_REQUEST_PURPOSE_SERVER;
  self->string_type = CD_STRING_TYPE_PRINTABLE_WHERE_POSSIBLE;
  self->key_type = CD_KEY_TYPE_RSA_2048;
  self->digest = CD_DIGEST_SHA256;
  self->cn_as_dns = TRUE;
  self->key_usage = cd_request_default_key_usage (self->purpose, self->key_type);
  self->extended_key_usage = cd_request_default_extended_key_usage (self->purpose);
}

/**
 * cd_request_builder_new:
 *
 * Returns: (transfer full): a builder for a TLS server request with an
 *   RSA 2048 key and SHA-256, the common name as the first DNS name
 */
CdRequestBuilder *
cd_request_builder_new (void)
{
  return g_object_new (CD_TYPE_REQUEST_BUILDER, NULL);
}

/**
 * cd_request_builder_set_purpose:
 * @self: a #CdRequestBuilder
 * @purpose: what the certificate is for
 *
 * Also resets Key Usage and Extended Key Usage to @purpose's defaults.
 */
void
cd_request_builder_set_purpose (CdRequestBuilder *self,
                                CdRequestPurpose  purpose)
{
  g_return_if_fail (CD_IS_REQUEST_BUILDER (self));

  self->purpose = purpose;
  self->key_usage = cd_request_default_key_usage (purpose, self->key_type);
  self->extended_key_usage = cd_request_default_extended_key_usage (purpose);
}

CdRequestPurpose
cd_request_builder_get_purpose (CdRequestBuilder *self)
{
  g_return_val_if_fail (CD_IS_REQUEST_BUILDER (self), CD_REQUEST_PURPOSE_SERVER);

  return self->purpose;
}

/**
 * cd_request_builder_set_subject_field:
 * @self: a #CdRequestBuilder
 * @field: the field
 * @value: (nullable): its value as typed; checked by
 *   cd_request_builder_validate(), not here, so that the wizard can
 *   keep what the user typed
 */
void
cd_request_builder_set_subject_field (CdRequestBuilder *self,
                                      CdSubjectField    field,
                                      const char       *value)
{
  g_return_if_fail (CD_IS_REQUEST_BUILDER (self));
  g_return_if_fail (field >= 0 && field < CD_N_SUBJECT_FIELDS);

  g_free (self->subject[field]);
  self->subject[field] = (value != NULL && value[0] != '\0') ? g_strdup (value) : NULL;
}

/**
 * cd_request_builder_get_subject_field:
 * @self: a #CdRequestBuilder
 * @field: the field
 *
 * Returns: (nullable): the value as set, %NULL if empty
 */
const char *
cd_request_builder_get_subject_field (CdRequestBuilder *self,
                                      CdSubjectField    field)
{
  g_return_val_if_fail (CD_IS_REQUEST_BUILDER (self), NULL);
  g_return_val_if_fail (field >= 0 && field < CD_N_SUBJECT_FIELDS, NULL);

  return self->subject[field];
}

void
cd_request_builder_set_string_type (CdRequestBuilder *self,
                                    CdStringType      string_type)
{
  g_return_if_fail (CD_IS_REQUEST_BUILDER (self));

  self->string_type = string_type;
}

CdStringType
cd_request_builder_get_string_type (CdRequestBuilder *self)
{
  g_return_val_if_fail (CD_IS_REQUEST_BUILDER (self), CD_STRING_TYPE_PRINTABLE_WHERE_POSSIBLE);

  return self->string_type;
}

/**
 * cd_request_builder_add_san:
 * @self: a #CdRequestBuilder
 * @type: the kind of entry
 * @text: the entry as typed
 * @error: a location for a #GError
 *
 * Checks @text with cd_request_validate_san_entry() and appends its
 * normalized form; an entry already in the list is refused with
 * %CD_REQUEST_ERROR_SAN_DUPLICATE.
 *
 * Returns: %TRUE if the entry was added
 */
gboolean
cd_request_builder_add_san (CdRequestBuilder  *self,
                            CdSanType          type,
                            const char        *text,
                            GError           **error)
{
  g_autofree char *value = NULL;
  SanEntry *entry;

  g_return_val_if_fail (CD_IS_REQUEST_BUILDER (self), FALSE);

  if (!cd_request_validate_san_entry (type, text, &value, error))
    return FALSE;

  if (san_contains (self, type, value))
    {
      g_set_error (error, CD_REQUEST_ERROR, CD_REQUEST_ERROR_SAN_DUPLICATE,
                   _("“%s” is already in the list of alternative names."), value);
      return FALSE;
    }

  entry = g_new0 (SanEntry, 1);
  entry->type = type;
  entry->value = g_steal_pointer (&value);
  g_ptr_array_add (self->sans, entry);

  return TRUE;
}

void
cd_request_builder_remove_san (CdRequestBuilder *self,
                               guint             position)
{
  g_return_if_fail (CD_IS_REQUEST_BUILDER (self));
  g_return_if_fail (position < self->sans->len);

  g_ptr_array_remove_index (self->sans, position);
}

/**
 * cd_request_builder_move_san:
 * @self: a #CdRequestBuilder
 * @from: the entry's position
 * @to: its new position
 *
 * Some devices read only the first names, so the order is the user's.
 */
void
cd_request_builder_move_san (CdRequestBuilder *self,
                             guint             from,
                             guint             to)
{
  SanEntry *entry;

  g_return_if_fail (CD_IS_REQUEST_BUILDER (self));
  g_return_if_fail (from < self->sans->len);
  g_return_if_fail (to < self->sans->len);

  entry = g_ptr_array_steal_index (self->sans, from);
  g_ptr_array_insert (self->sans, to, entry);
}

void
cd_request_builder_clear_sans (CdRequestBuilder *self)
{
  g_return_if_fail (CD_IS_REQUEST_BUILDER (self));

  g_ptr_array_set_size (self->sans, 0);
}

/**
 * cd_request_builder_get_n_sans:
 * @self: a #CdRequestBuilder
 *
 * Returns: the number of entries added, not counting the common name
 */
guint
cd_request_builder_get_n_sans (CdRequestBuilder *self)
{
  g_return_val_if_fail (CD_IS_REQUEST_BUILDER (self), 0);

  return self->sans->len;
}

/**
 * cd_request_builder_get_san:
 * @self: a #CdRequestBuilder
 * @position: which entry
 * @type: (out) (optional): its kind
 *
 * Returns: the entry, normalized
 */
const char *
cd_request_builder_get_san (CdRequestBuilder *self,
                            guint             position,
                            CdSanType        *type)
{
  SanEntry *entry;

  g_return_val_if_fail (CD_IS_REQUEST_BUILDER (self), NULL);
  g_return_val_if_fail (position < self->sans->len, NULL);

  entry = g_ptr_array_index (self->sans, position);
  if (type != NULL)
    *type = entry->type;

  return entry->value;
}

/**
 * cd_request_builder_set_cn_as_dns:
 * @self: a #CdRequestBuilder
 * @cn_as_dns: whether the common name goes first among the DNS names
 *
 * Browsers ignore the common name and look only at the SAN, so this is
 * on by default. A common name that is not a host name is left out.
 */
void
cd_request_builder_set_cn_as_dns (CdRequestBuilder *self,
                                  gboolean          cn_as_dns)
{
  g_return_if_fail (CD_IS_REQUEST_BUILDER (self));

  self->cn_as_dns = !!cn_as_dns;
}

gboolean
cd_request_builder_get_cn_as_dns (CdRequestBuilder *self)
{
  g_return_val_if_fail (CD_IS_REQUEST_BUILDER (self), FALSE);

  return self->cn_as_dns;
}

/**
 * cd_request_builder_dup_san_strings:
 * @self: a #CdRequestBuilder
 *
 * Returns: (transfer full): the SAN entries the request will carry, in
 *   order, as "DNS:www.example.com", "IP:192.0.2.1", "email:…", "URI:…"
 */
char **
cd_request_builder_dup_san_strings (CdRequestBuilder *self)
{
  g_autoptr(GPtrArray) strings = g_ptr_array_new ();
  char *cn;

  g_return_val_if_fail (CD_IS_REQUEST_BUILDER (self), NULL);

  cn = _cd_request_builder_dup_cn_as_dns (self);
  if (cn != NULL)
    g_ptr_array_add (strings, g_strconcat ("DNS:", cn, NULL));
  g_free (cn);

  for (guint i = 0; i < self->sans->len; i++)
    {
      SanEntry *entry = g_ptr_array_index (self->sans, i);

      g_ptr_array_add (strings, g_strdup_printf ("%s:%s", cd_san_type_to_prefix (entry->type),
                                                 entry->value));
    }
  g_ptr_array_add (strings, NULL);

  return (char **)g_ptr_array_free (g_steal_pointer (&strings), FALSE);
}

void
cd_request_builder_set_key_type (CdRequestBuilder *self,
                                 CdKeyType         key_type)
{
  g_return_if_fail (CD_IS_REQUEST_BUILDER (self));
  g_return_if_fail (key_type >= 0 && key_type < CD_N_KEY_TYPES);

  /* Key Usage follows the key type unless the user changed it. */
  if (self->key_usage == cd_request_default_key_usage (self->purpose, self->key_type))
    self->key_usage = cd_request_default_key_usage (self->purpose, key_type);

  self->key_type = key_type;
}

CdKeyType
cd_request_builder_get_key_type (CdRequestBuilder *self)
{
  g_return_val_if_fail (CD_IS_REQUEST_BUILDER (self), CD_KEY_TYPE_RSA_2048);

  return self->key_type;
}

/**
 * cd_request_builder_set_existing_key_id:
 * @self: a #CdRequestBuilder
 * @key_id: (nullable): a key in the keyring to sign with instead of a
 *   new one, or %NULL for a new key of the chosen type
 */
void
cd_request_builder_set_existing_key_id (CdRequestBuilder *self,
                                        const char       *key_id)
{
  g_return_if_fail (CD_IS_REQUEST_BUILDER (self));

  g_free (self->existing_key_id);
  self->existing_key_id = g_strdup (key_id);
}

const char *
cd_request_builder_get_existing_key_id (CdRequestBuilder *self)
{
  g_return_val_if_fail (CD_IS_REQUEST_BUILDER (self), NULL);

  return self->existing_key_id;
}

/**
 * cd_request_builder_set_allow_legacy_key:
 * @self: a #CdRequestBuilder
 * @allow: whether the user accepted RSA 1024 for an old device
 */
void
cd_request_builder_set_allow_legacy_key (CdRequestBuilder *self,
                                         gboolean          allow)
{
  g_return_if_fail (CD_IS_REQUEST_BUILDER (self));

  self->allow_legacy_key = !!allow;
}

gboolean
cd_request_builder_get_allow_legacy_key (CdRequestBuilder *self)
{
  g_return_val_if_fail (CD_IS_REQUEST_BUILDER (self), FALSE);

  return self->allow_legacy_key;
}

void
cd_request_builder_set_digest (CdRequestBuilder *self,
                               CdDigest          digest)
{
  g_return_if_fail (CD_IS_REQUEST_BUILDER (self));
  g_return_if_fail (digest >= CD_DIGEST_SHA256 && digest <= CD_DIGEST_SHA1);

  self->digest = digest;
}

CdDigest
cd_request_builder_get_digest (CdRequestBuilder *self)
{
  g_return_val_if_fail (CD_IS_REQUEST_BUILDER (self), CD_DIGEST_SHA256);

  return self->digest;
}

/**
 * cd_request_builder_set_allow_legacy_digest:
 * @self: a #CdRequestBuilder
 * @allow: whether the user accepted SHA-1 for an old device
 */
void
cd_request_builder_set_allow_legacy_digest (CdRequestBuilder *self,
                                            gboolean          allow)
{
  g_return_if_fail (CD_IS_REQUEST_BUILDER (self));

  self->allow_legacy_digest = !!allow;
}

gboolean
cd_request_builder_get_allow_legacy_digest (CdRequestBuilder *self)
{
  g_return_val_if_fail (CD_IS_REQUEST_BUILDER (self), FALSE);

  return self->allow_legacy_digest;
}

void
cd_request_builder_set_key_usage (CdRequestBuilder *self,
                                  CdKeyUsage        usage)
{
  g_return_if_fail (CD_IS_REQUEST_BUILDER (self));

  self->key_usage = usage;
}

CdKeyUsage
cd_request_builder_get_key_usage (CdRequestBuilder *self)
{
  g_return_val_if_fail (CD_IS_REQUEST_BUILDER (self), CD_KEY_USAGE_NONE);

  return self->key_usage;
}

void
cd_request_builder_set_extended_key_usage (CdRequestBuilder   *self,
                                           CdExtendedKeyUsage  usage)
{
  g_return_if_fail (CD_IS_REQUEST_BUILDER (self));

  self->extended_key_usage = usage;
}

CdExtendedKeyUsage
cd_request_builder_get_extended_key_usage (CdRequestBuilder *self)
{
  g_return_val_if_fail (CD_IS_REQUEST_BUILDER (self), CD_EXTENDED_KEY_USAGE_NONE);

  return self->extended_key_usage;
}

/**
 * cd_request_builder_validate:
 * @self: a #CdRequestBuilder
 *
 * Checks everything that can be checked without the keyring, so that
 * the wizard can mark each field at once.
 *
 * Returns: (transfer full) (element-type GError): one error per problem,
 *   in %CD_REQUEST_ERROR, its code naming the field; empty if none
 */
GPtrArray *
cd_request_builder_validate (CdRequestBuilder *self)
{
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify)g_error_free);

  g_return_val_if_fail (CD_IS_REQUEST_BUILDER (self), NULL);

  for (guint i = 0; i < CD_N_SUBJECT_FIELDS; i++)
    {
      GError *error = NULL;

      if (!cd_request_validate_subject_field (i, self->subject[i], NULL, &error))
        g_ptr_array_add (errors, error);
    }

  /* Entries are checked as they are added; only the key and digest
   * choices remain.
   */
  if (self->existing_key_id == NULL &&
      cd_key_type_is_legacy (self->key_type) && !self->allow_legacy_key)
    g_ptr_array_add (errors,
                     g_error_new_literal (CD_REQUEST_ERROR, CD_REQUEST_ERROR_KEY_TYPE,
                                          _("RSA 1024-bit keys can be broken and are refused by current CAs. "
                                            "Choose RSA 2048 or stronger, or confirm that an old device needs 1024 bits.")));

  if (self->digest == CD_DIGEST_SHA1 && !self->allow_legacy_digest)
    g_ptr_array_add (errors,
                     g_error_new_literal (CD_REQUEST_ERROR, CD_REQUEST_ERROR_DIGEST,
                                          _("SHA-1 signatures can be forged and are refused by current CAs. "
                                            "Choose SHA-256 or stronger, or confirm that an old device needs SHA-1.")));

  return g_steal_pointer (&errors);
}
