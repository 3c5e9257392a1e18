/* cd-key-generator-private.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <openssl/evp.h>

#include "cd-key-generator.h"

G_BEGIN_DECLS

/* For the request builder, which makes a key, signs a request with it
 * and only then writes both, in one go, the way the importer does.
 */
EVP_PKEY *_cd_key_generate          (CdKeyType      type,
                                     gboolean       allow_legacy,
                                     GCancellable  *cancellable,
                                     GError       **error);
gboolean  _cd_key_write_to_keyring  (CdKeyring     *keyring,
                                     EVP_PKEY      *key,
                                     const char    *key_id,
                                     const char    *label,
                                     gboolean      *out_created,
                                     GCancellable  *cancellable,
                                     GError       **error);
void      _cd_key_forget            (CdKeyring     *keyring,
                                     const char    *key_id);

G_END_DECLS
