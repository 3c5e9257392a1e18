/* cd-window-ca.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cd-window.h"

G_BEGIN_DECLS

/* The private CA's entry points of CdWindow (cd-window-ca.c). */

GtkWindow       *cd_window_new_ca             (CdWindow      *self);
GtkWindow       *cd_window_sign_request       (CdWindow      *self,
                                               CdCertificate *request,
                                               GtkWindow     *parent);
GtkWindow       *cd_window_sign_request_bytes (CdWindow      *self,
                                               GBytes        *request,
                                               const char    *name);
GtkWindow       *cd_window_issue_certificate  (CdWindow      *self);
GtkWindow       *cd_window_revoke             (CdWindow      *self,
                                               CdCertificate *certificate,
                                               GtkWindow     *parent);
GtkNativeDialog *cd_window_export_crl         (CdWindow      *self,
                                               CdCertificate *authority);

G_END_DECLS
