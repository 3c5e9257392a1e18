/* cd-certificate-dialog.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cd-types.h"
#include "cd-certificate-info.h"
#include "cd-chain.h"

G_BEGIN_DECLS

#define CD_TYPE_CERTIFICATE_DIALOG (cd_certificate_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CdCertificateDialog, cd_certificate_dialog, CD, CERTIFICATE_DIALOG, AdwWindow)

CdCertificateDialog *cd_certificate_dialog_new                (GtkWindow           *parent,
                                                               CdDatabase          *database,
                                                               CdCertificateInfo   *info,
                                                               CdCertificate       *row);
CdCertificateInfo   *cd_certificate_dialog_get_info           (CdCertificateDialog *self);
CdCertificate       *cd_certificate_dialog_get_certificate    (CdCertificateDialog *self);
CdChain             *cd_certificate_dialog_get_chain          (CdCertificateDialog *self);
GFile               *cd_certificate_dialog_get_file           (CdCertificateDialog *self);
void                 cd_certificate_dialog_set_file           (CdCertificateDialog *self,
                                                               GFile               *file);
gboolean             cd_certificate_dialog_get_system_anchors (CdCertificateDialog *self);
void                 cd_certificate_dialog_set_system_anchors (CdCertificateDialog *self,
                                                               gboolean             system_anchors);
const char          *cd_certificate_dialog_get_visible_page   (CdCertificateDialog *self);
void                 cd_certificate_dialog_set_visible_page   (CdCertificateDialog *self,
                                                               const char          *name);
GtkWidget           *cd_certificate_dialog_get_page           (CdCertificateDialog *self,
                                                               const char          *name);
void                 cd_certificate_dialog_add_page           (CdCertificateDialog *self,
                                                               GtkWidget           *page,
                                                               const char          *name,
                                                               const char          *title,
                                                               const char          *icon_name);

G_END_DECLS
