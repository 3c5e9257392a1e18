/* cd-trust.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cd-types.h"

G_BEGIN_DECLS

#define CD_TYPE_TRUST_TARGET (cd_trust_target_get_type ())

G_DECLARE_FINAL_TYPE (CdTrustTarget, cd_trust_target, CD, TRUST_TARGET, GObject)

/* The ids of the kinds of target, as the command line and the database
 * name them.
 */
#define CD_TRUST_TARGET_NSS         "nss"
#define CD_TRUST_TARGET_FIREFOX     "firefox"
#define CD_TRUST_TARGET_P11_KIT     "p11-kit"
#define CD_TRUST_TARGET_OPENSSL_DIR "openssl-dir"
#define CD_TRUST_TARGET_SYSTEM      "system"

const char  *cd_trust_target_get_id                 (CdTrustTarget  *self);
const char  *cd_trust_target_get_instance           (CdTrustTarget  *self);
const char  *cd_trust_target_get_title              (CdTrustTarget  *self);
const char  *cd_trust_target_get_description        (CdTrustTarget  *self);
const char  *cd_trust_target_get_location           (CdTrustTarget  *self);
gboolean     cd_trust_target_get_available          (CdTrustTarget  *self);
const char  *cd_trust_target_get_unavailable_reason (CdTrustTarget  *self);
gboolean     cd_trust_target_get_supports_distrust  (CdTrustTarget  *self);
gboolean     cd_trust_target_get_enabled            (CdTrustTarget  *self);
guint        cd_trust_target_get_n_published        (CdTrustTarget  *self);

gboolean     cd_trust_is_target_id                  (const char     *id);
GPtrArray   *cd_trust_list_targets                  (CdDatabase     *database,
                                                     const char     *only_id,
                                                     GError        **error);
gboolean     cd_trust_publish                       (CdDatabase     *database,
                                                     CdTrustTarget  *target,
                                                     GError        **error);
gboolean     cd_trust_unpublish                     (CdDatabase     *database,
                                                     CdTrustTarget  *target,
                                                     GError        **error);
gboolean     cd_trust_sync                          (CdDatabase     *database,
                                                     CdTrustTarget  *target,
                                                     GError        **error);
gboolean     cd_trust_sync_enabled                  (CdDatabase     *database,
                                                     GError        **error);
void         cd_trust_sync_enabled_async            (CdDatabase     *database,
                                                     GCancellable   *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer        user_data);
gboolean     cd_trust_sync_enabled_finish           (CdDatabase     *database,
                                                     GAsyncResult   *result,
                                                     GError        **error);
void         cd_trust_set_enabled_async             (CdDatabase     *database,
                                                     CdTrustTarget  *target,
                                                     gboolean        enabled,
                                                     GCancellable   *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer        user_data);
CdTrustTarget *cd_trust_set_enabled_finish          (CdDatabase     *database,
                                                     GAsyncResult   *result,
                                                     GError        **error);
GPtrArray   *cd_trust_dup_publications_for          (CdDatabase     *database,
                                                     const char     *sha256,
                                                     GError        **error);
char        *cd_trust_dup_openssl_dir               (void);
char        *cd_trust_dup_openssl_export_line       (void);

G_END_DECLS
