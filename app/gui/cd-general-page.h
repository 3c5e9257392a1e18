/* cd-general-page.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cd-ca.h"
#include "cd-types.h"
#include "cd-certificate-info.h"
#include "cd-chain.h"

G_BEGIN_DECLS

#define CD_TYPE_GENERAL_PAGE (cd_general_page_get_type ())

G_DECLARE_FINAL_TYPE (CdGeneralPage, cd_general_page, CD, GENERAL_PAGE, GtkWidget)

GtkWidget  *cd_general_page_new             (void);
void        cd_general_page_set_certificate (CdGeneralPage     *self,
                                             CdCertificateInfo *info,
                                             CdCertificate     *row);
void        cd_general_page_set_chain       (CdGeneralPage     *self,
                                             CdChain           *chain,
                                             const GError      *error);
void        cd_general_page_set_request_signature (CdGeneralPage *self,
                                                   gboolean       valid,
                                                   const GError  *error);
const char *cd_general_page_get_status_text (CdGeneralPage     *self);
void        cd_general_page_set_publications (CdGeneralPage    *self,
                                              GPtrArray        *targets);
void        cd_general_page_set_revocation  (CdGeneralPage      *self,
                                             gboolean            revoked,
                                             CdRevocationReason  reason,
                                             gint64              revoked_at);
const char *cd_general_page_get_revocation_text (CdGeneralPage  *self);

G_END_DECLS
