/* cd-certificate-dialog-private.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cd-certificate-dialog.h"
#include "cd-certificate.h"
#include "cd-check-page.h"
#include "cd-database.h"
#include "cd-details-page.h"
#include "cd-general-page.h"
#include "cd-path-page.h"
#include "cd-profile.h"
#include "cd-properties-page.h"
#include "cd-steps-page.h"

G_BEGIN_DECLS

struct _CdCertificateDialog
{
  AdwWindow          parent_instance;

  /* Template widgets */
  CdCheckPage       *check_page;
  CdDetailsPage     *details_page;
  CdGeneralPage     *general_page;
  GtkButton         *export_button;
  GtkButton         *import_button;
  GtkButton         *renew_button;
  GtkButton         *sign_button;
  CdPathPage        *path_page;
  AdwViewStackPage  *path_stack_page;
  CdPropertiesPage  *properties_page;
  AdwViewStackPage  *properties_stack_page;
  CdStepsPage       *steps_page;
  AdwViewStackPage  *steps_stack_page;
  AdwViewSwitcherTitle *switcher_title;
  AdwToastOverlay   *toast_overlay;
  AdwViewStack      *view_stack;

  /* Owned references */
  CdDatabase        *database;
  CdCertificateInfo *info;
  CdCertificate     *row;
  CdChain           *chain;
  GFile             *file;
};

void _cd_certificate_dialog_emit_changed     (CdCertificateDialog *self);

/* cd-certificate-dialog-pages.c */
void _cd_certificate_dialog_build_chain       (CdCertificateDialog *self);
void _cd_certificate_dialog_update_title      (CdCertificateDialog *self);
void _cd_certificate_dialog_show_revocation   (CdCertificateDialog *self);
void _cd_certificate_dialog_show_publications (CdCertificateDialog *self);

/* cd-certificate-dialog-actions.c */
void _cd_certificate_dialog_open_export       (CdCertificateDialog *self,
                                               CdProfile           *profile);
void _cd_certificate_dialog_export_action     (GtkWidget           *widget,
                                               const char          *action_name,
                                               GVariant            *param);
void _cd_certificate_dialog_renew_action      (GtkWidget           *widget,
                                               const char          *action_name,
                                               GVariant            *param);
void _cd_certificate_dialog_sign_action       (GtkWidget           *widget,
                                               const char          *action_name,
                                               GVariant            *param);
void _cd_certificate_dialog_show_toast_action (GtkWidget           *widget,
                                               const char          *action_name,
                                               GVariant            *param);

G_END_DECLS
