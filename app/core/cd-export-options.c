/* cd-export-options.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* CdExportOptions: what the user chose in the export dialog or on the
 * command line, handed to CdExporter as one value. It is reference
 * counted so that an export running in a worker thread can keep it
 * while the dialog goes away; the password is wiped when it is freed.
 */

#define G_LOG_DOMAIN "cd-export-options"

#include "config.h"

#include <string.h>

#include "cd-export-private.h"

struct _CdExportOptions
{
  gatomicrefcount    ref_count;
  CdExportFormat     format;
  CdExportKeyFormat  key_format;
  char              *password;
  char              *friendly_name;
  guint              include_chain : 1;
  guint              include_root : 1;
  guint              key_first : 1;
  guint              allow_unencrypted_key : 1;
  guint              delete_key : 1;
};

G_DEFINE_BOXED_TYPE (CdExportOptions, cd_export_options, cd_export_options_ref, cd_export_options_unref)

static void
clear_password (CdExportOptions *self)
{
  if (self->password != NULL)
    {
      memset (self->password, 0, strlen (self->password));
      g_clear_pointer (&self->password, g_free);
    }
}

/**
 * cd_export_options_new:
 * @format: what to write
 *
 * The defaults: no chain (except for %CD_EXPORT_FORMAT_PEM_CHAIN, which
 * is the chain), no root, PKCS#8 keys, certificate before key, no
 * password, and an unencrypted key refused.
 *
 * Returns: (transfer full): new options
 */
CdExportOptions *
cd_export_options_new (CdExportFormat format)
{
  CdExportOptions *self;

  g_return_val_if_fail (format >= CD_EXPORT_FORMAT_DER && format <= CD_EXPORT_FORMAT_KEY, NULL);

  self = g_new0 (CdExportOptions, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->format = format;
  self->key_format = CD_EXPORT_KEY_FORMAT_PKCS8;
  self->include_chain = format == CD_EXPORT_FORMAT_PEM_CHAIN;

  return self;
}

CdExportOptions *
cd_export_options_ref (CdExportOptions *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
cd_export_options_unref (CdExportOptions *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      clear_password (self);
      g_free (self->friendly_name);
      g_free (self);
    }
}

CdExportFormat
cd_export_options_get_format (CdExportOptions *self)
{
  g_return_val_if_fail (self != NULL, CD_EXPORT_FORMAT_DER);

  return self->format;
}

/**
 * cd_export_options_get_has_key:
 * @self: a #CdExportOptions
 *
 * Returns: whether the format writes a private key
 */
gboolean
cd_export_options_get_has_key (CdExportOptions *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->format == CD_EXPORT_FORMAT_PKCS12 ||
         self->format == CD_EXPORT_FORMAT_PKCS12_LEGACY ||
         self->format == CD_EXPORT_FORMAT_PEM_KEY_CERT ||
         self->format == CD_EXPORT_FORMAT_KEY;
}

/**
 * cd_export_options_set_include_chain:
 * @self: a #CdExportOptions
 * @include_chain: whether to add the issuers found in the stores
 *
 * The chain is the one cd_chain_build() finds in the stores, written
 * after the certificate from its issuer upwards. It is always on for
 * %CD_EXPORT_FORMAT_PEM_CHAIN, and ignored for DER and a key alone.
 */
void
cd_export_options_set_include_chain (CdExportOptions *self,
                                     gboolean         include_chain)
{
  g_return_if_fail (self != NULL);

  self->include_chain = !!include_chain;
}

gboolean
cd_export_options_get_include_chain (CdExportOptions *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->include_chain || self->format == CD_EXPORT_FORMAT_PEM_CHAIN;
}

/**
 * cd_export_options_set_include_root:
 * @self: a #CdExportOptions
 * @include_root: whether the chain ends with its self-signed root
 *
 * Devices usually hold the root already and some refuse a file with
 * one, so it is left out unless asked for.
 */
void
cd_export_options_set_include_root (CdExportOptions *self,
                                    gboolean         include_root)
{
  g_return_if_fail (self != NULL);

  self->include_root = !!include_root;
}

gboolean
cd_export_options_get_include_root (CdExportOptions *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->include_root;
}

/**
 * cd_export_options_set_key_format:
 * @self: a #CdExportOptions
 * @key_format: how a PEM key is written
 *
 * %CD_EXPORT_KEY_FORMAT_PKCS1 is the traditional form ("RSA PRIVATE
 * KEY", "EC PRIVATE KEY"); Ed25519 keys have none and are refused.
 */
void
cd_export_options_set_key_format (CdExportOptions   *self,
                                  CdExportKeyFormat  key_format)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (key_format == CD_EXPORT_KEY_FORMAT_PKCS8 ||
                    key_format == CD_EXPORT_KEY_FORMAT_PKCS1);

  self->key_format = key_format;
}

CdExportKeyFormat
cd_export_options_get_key_format (CdExportOptions *self)
{
  g_return_val_if_fail (self != NULL, CD_EXPORT_KEY_FORMAT_PKCS8);

  return self->key_format;
}

/**
 * cd_export_options_set_key_first:
 * @self: a #CdExportOptions
 * @key_first: for a certificate and key in one PEM file, whether the
 *   key comes before the certificate; the chain always comes last
 */
void
cd_export_options_set_key_first (CdExportOptions *self,
                                 gboolean         key_first)
{
  g_return_if_fail (self != NULL);

  self->key_first = !!key_first;
}

gboolean
cd_export_options_get_key_first (CdExportOptions *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->key_first;
}

/**
 * cd_export_options_set_password:
 * @self: a #CdExportOptions
 * @password: (nullable): the PKCS#12 password, or the passphrase a PEM
 *   key is encrypted with (AES-256-CBC); %NULL or "" for none
 *
 * A PKCS#12 file always needs one. The copy kept is wiped when the
 * options are freed.
 */
void
cd_export_options_set_password (CdExportOptions *self,
                                const char      *password)
{
  g_return_if_fail (self != NULL);

  clear_password (self);
  if (password != NULL && password[0] != '\0')
    self->password = g_strdup (password);
}

gboolean
cd_export_options_get_has_password (CdExportOptions *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->password != NULL;
}

const char *
_cd_export_options_get_password (CdExportOptions *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->password;
}

/**
 * cd_export_options_set_allow_unencrypted_key:
 * @self: a #CdExportOptions
 * @allow: whether a PEM key may be written without a passphrase
 *
 * Only after the user said so explicitly: without it, a PEM key with no
 * password is refused with %CD_EXPORT_ERROR_UNENCRYPTED_KEY.
 */
void
cd_export_options_set_allow_unencrypted_key (CdExportOptions *self,
                                             gboolean         allow)
{
  g_return_if_fail (self != NULL);

  self->allow_unencrypted_key = !!allow;
}

gboolean
cd_export_options_get_allow_unencrypted_key (CdExportOptions *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->allow_unencrypted_key;
}

/**
 * cd_export_options_set_friendly_name:
 * @self: a #CdExportOptions
 * @friendly_name: (nullable): the PKCS#12 friendly name (the alias Java
 *   and Windows show); %NULL for the certificate's own, or its name
 */
void
cd_export_options_set_friendly_name (CdExportOptions *self,
                                     const char      *friendly_name)
{
  g_return_if_fail (self != NULL);

  g_free (self->friendly_name);
  self->friendly_name = friendly_name != NULL && friendly_name[0] != '\0'
                        ? g_strdup (friendly_name) : NULL;
}

const char *
cd_export_options_get_friendly_name (CdExportOptions *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->friendly_name;
}

/**
 * cd_export_options_set_delete_key:
 * @self: a #CdExportOptions
 * @delete_key: whether to delete the private key from the keyring and
 *   the stores once the file holding it is safely written
 *
 * Ignored by the formats without a key.
 */
void
cd_export_options_set_delete_key (CdExportOptions *self,
                                  gboolean         delete_key)
{
  g_return_if_fail (self != NULL);

  self->delete_key = !!delete_key;
}

gboolean
cd_export_options_get_delete_key (CdExportOptions *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->delete_key;
}
