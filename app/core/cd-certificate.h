/* cd-certificate.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cd-types.h"

G_BEGIN_DECLS

#define CD_TYPE_CERTIFICATE (cd_certificate_get_type ())

G_DECLARE_FINAL_TYPE (CdCertificate, cd_certificate, CD, CERTIFICATE, GObject)

const char  *cd_certificate_get_sha256          (CdCertificate *self);
const char  *cd_certificate_get_key_id          (CdCertificate *self);
const char  *cd_certificate_get_subject         (CdCertificate *self);
const char  *cd_certificate_get_subject_cn      (CdCertificate *self);
const char  *cd_certificate_get_issuer          (CdCertificate *self);
const char  *cd_certificate_get_issuer_cn       (CdCertificate *self);
const char  *cd_certificate_get_serial          (CdCertificate *self);
gint64       cd_certificate_get_not_before      (CdCertificate *self);
gint64       cd_certificate_get_not_after       (CdCertificate *self);
const char  *cd_certificate_get_purposes        (CdCertificate *self);
const char  *cd_certificate_get_purposes_label  (CdCertificate *self);
const char  *cd_certificate_get_friendly_name   (CdCertificate *self);
const char  *cd_certificate_get_description     (CdCertificate *self);
const char  *cd_certificate_get_search_text     (CdCertificate *self);
const char  *const *cd_certificate_get_san      (CdCertificate *self);
CdStoreKind  cd_certificate_get_store           (CdCertificate *self);
gboolean     cd_certificate_get_has_private_key (CdCertificate *self);
gboolean     cd_certificate_get_is_request      (CdCertificate *self);
gboolean     cd_certificate_get_is_ca           (CdCertificate *self);
gboolean     cd_certificate_get_is_self_signed  (CdCertificate *self);
gboolean     cd_certificate_is_expired          (CdCertificate *self,
                                                 gint64         now);
char        *cd_certificate_dup_display_name    (CdCertificate *self);
char        *cd_certificate_format_fingerprint  (CdCertificate *self);
char        *cd_certificate_prepare_search      (const char    *text);
gboolean     cd_certificate_matches             (CdCertificate *self,
                                                 const char    *needle);

G_END_DECLS
