/* cd-ca-sign-dialog-private.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cd-ca-sign-dialog.h"
#include "cd-profile.h"

G_BEGIN_DECLS

/* Shared by cd-ca-sign-dialog.c (the form, signing and issuing) and
 * cd-ca-sign-result.c (the result page: checks and exports).
 */
struct _CdCaSignDialog
{
  AdwWindow        parent_instance;

  /* Template widgets */
  GtkWidget       *c_row;
  AdwComboRow     *ca_row;
  GtkWidget       *cancel_button;
  GtkWidget       *check_group;
  GtkListBox      *check_list;
  GtkWidget       *cn_row;
  AdwActionRow    *days_row;
  GtkSpinButton   *days_spin;
  GtkWidget       *done_button;
  GtkLabel        *error_label;
  AdwActionRow    *export_row;
  GtkWidget       *form_page;
  AdwActionRow    *issued_row;
  AdwComboRow     *key_row;
  GtkWidget       *l_row;
  GtkWidget       *o_row;
  GtkWidget       *ou_row;
  AdwComboRow     *profile_row;
  GtkWidget       *request_group;
  AdwActionRow    *request_row;
  CdSanEditor     *san_editor;
  GtkWidget       *sign_button;
  GtkSpinner      *spinner;
  GtkStack        *stack;
  GtkWidget       *st_row;
  GtkWidget       *subject_group;
  AdwToastOverlay *toast_overlay;
  AdwWindowTitle  *window_title;

  /* Owned references */
  CdDatabase      *database;
  CdKeyring       *keyring;
  GBytes          *request;        /* NULL when issuing a key and certificate */
  GPtrArray       *authorities;
  GListModel      *profiles;
  CdProfile       *used_profile;   /* the one the result was made with */
  CdCaResult      *result;
  GListModel      *checks;
  GCancellable    *cancellable;    /* cancelled when the dialog goes */

  gboolean         busy;
};

/* cd-ca-sign-dialog.c */
void     _cd_ca_sign_dialog_update         (CdCaSignDialog  *self);
void     _cd_ca_sign_dialog_set_busy       (CdCaSignDialog  *self,
                                            gboolean         busy);
void     _cd_ca_sign_dialog_finish         (CdCaSignDialog  *self,
                                            CdCaResult      *result,
                                            const GError    *error);

/* cd-ca-sign-issue.c */
void     _cd_ca_sign_dialog_fill_key_row    (CdCaSignDialog  *self);
void     _cd_ca_sign_dialog_select_key_type (CdCaSignDialog  *self,
                                             CdKeyType        key_type);
gboolean _cd_ca_sign_dialog_check_subject   (CdCaSignDialog  *self);
gboolean _cd_ca_sign_dialog_start_issue     (CdCaSignDialog  *self,
                                             CdCertificate   *ca,
                                             CdCaSignOptions *options,
                                             char           **sans,
                                             GError         **error);

/* cd-ca-sign-result.c */
void _cd_ca_sign_dialog_show_result (CdCaSignDialog *self);
void _cd_ca_sign_dialog_export      (CdCaSignDialog *self);
void _cd_ca_sign_dialog_export_ca   (CdCaSignDialog *self);

G_END_DECLS
