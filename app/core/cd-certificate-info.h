/* cd-certificate-info.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cd-types.h"

G_BEGIN_DECLS

#define CD_TYPE_CERTIFICATE_INFO (cd_certificate_info_get_type ())

G_DECLARE_FINAL_TYPE (CdCertificateInfo, cd_certificate_info, CD, CERTIFICATE_INFO, GObject)

CdCertificateInfo *cd_certificate_info_new               (GBytes             *der,
                                                          GError            **error);
GPtrArray         *cd_certificate_info_load_file         (GFile              *file,
                                                          const char         *password,
                                                          GCancellable       *cancellable,
                                                          GError            **error);
GBytes            *cd_certificate_info_get_der           (CdCertificateInfo  *self);
gboolean           cd_certificate_info_get_is_request    (CdCertificateInfo  *self);
CdCertificate     *cd_certificate_info_get_row           (CdCertificateInfo  *self);
const char        *cd_certificate_info_get_sha1          (CdCertificateInfo  *self);
GListModel        *cd_certificate_info_get_details       (CdCertificateInfo  *self);
char              *cd_certificate_info_dup_pem           (CdCertificateInfo  *self);
char             **cd_certificate_info_dup_purpose_labels (CdCertificateInfo *self);

G_END_DECLS
