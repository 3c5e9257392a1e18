/* cd-keyring.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cd-types.h"

G_BEGIN_DECLS

#define CD_TYPE_KEYRING (cd_keyring_get_type ())

G_DECLARE_FINAL_TYPE (CdKeyring, cd_keyring, CD, KEYRING, GObject)

CdKeyring *cd_keyring_new              (gboolean       allow_prompt);
gboolean   cd_keyring_get_allow_prompt (CdKeyring     *self);
gboolean   cd_keyring_store_key        (CdKeyring     *self,
                                        const char    *key_id,
                                        const char    *algorithm,
                                        const char    *label,
                                        const char    *pkcs8_pem,
                                        gboolean      *out_created,
                                        GCancellable  *cancellable,
                                        GError       **error);
gboolean   cd_keyring_has_key          (CdKeyring     *self,
                                        const char    *key_id,
                                        gboolean      *out_has_key,
                                        GCancellable  *cancellable,
                                        GError       **error);
char      *cd_keyring_lookup_key       (CdKeyring     *self,
                                        const char    *key_id,
                                        GCancellable  *cancellable,
                                        GError       **error);
gboolean   cd_keyring_delete_key       (CdKeyring     *self,
                                        const char    *key_id,
                                        GCancellable  *cancellable,
                                        GError       **error);
void       cd_keyring_free_secret      (char          *secret);

G_END_DECLS
