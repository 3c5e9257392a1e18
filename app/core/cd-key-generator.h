/* cd-key-generator.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cd-types.h"

G_BEGIN_DECLS

/* The kinds of key Certdesk makes. RSA 1024 is there only for old
 * devices that take nothing else and needs an explicit legacy choice.
 */
typedef enum
{
  CD_KEY_TYPE_RSA_2048,
  CD_KEY_TYPE_RSA_3072,
  CD_KEY_TYPE_RSA_4096,
  CD_KEY_TYPE_EC_P256,
  CD_KEY_TYPE_EC_P384,
  CD_KEY_TYPE_ED25519,
  CD_KEY_TYPE_RSA_1024,
} CdKeyType;

#define CD_N_KEY_TYPES 7

#define CD_TYPE_KEY_GENERATOR (cd_key_generator_get_type ())

G_DECLARE_FINAL_TYPE (CdKeyGenerator, cd_key_generator, CD, KEY_GENERATOR, GObject)

const char     *cd_key_type_to_id                (CdKeyType            type);
gboolean        cd_key_type_from_id              (const char          *id,
                                                  CdKeyType           *type);
const char     *cd_key_type_get_title            (CdKeyType            type);
gboolean        cd_key_type_is_legacy            (CdKeyType            type);
gboolean        cd_key_type_is_rsa               (CdKeyType            type);

CdKeyGenerator *cd_key_generator_new             (CdDatabase          *database,
                                                  CdKeyring           *keyring);
char           *cd_key_generator_generate        (CdKeyGenerator      *self,
                                                  CdKeyType            type,
                                                  gboolean             allow_legacy,
                                                  const char          *label,
                                                  GCancellable        *cancellable,
                                                  GError             **error);
void            cd_key_generator_generate_async  (CdKeyGenerator      *self,
                                                  CdKeyType            type,
                                                  gboolean             allow_legacy,
                                                  const char          *label,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
char           *cd_key_generator_generate_finish (CdKeyGenerator      *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

G_END_DECLS
