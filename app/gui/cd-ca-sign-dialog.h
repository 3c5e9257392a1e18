/* cd-ca-sign-dialog.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cd-ca.h"
#include "cd-san-editor.h"
#include "cd-types.h"

G_BEGIN_DECLS

#define CD_TYPE_CA_SIGN_DIALOG (cd_ca_sign_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CdCaSignDialog, cd_ca_sign_dialog, CD, CA_SIGN_DIALOG, AdwWindow)

CdCaSignDialog *cd_ca_sign_dialog_new           (GtkWindow      *parent,
                                                 CdDatabase     *database,
                                                 CdKeyring      *keyring,
                                                 GBytes         *request,
                                                 const char     *request_name,
                                                 GError        **error);
CdCaSignDialog *cd_ca_sign_dialog_new_issue     (GtkWindow      *parent,
                                                 CdDatabase     *database,
                                                 CdKeyring      *keyring);
gboolean        cd_ca_sign_dialog_get_issuing   (CdCaSignDialog *self);
gboolean        cd_ca_sign_dialog_set_authority (CdCaSignDialog *self,
                                                 const char     *ca_sha256);
gboolean        cd_ca_sign_dialog_set_profile   (CdCaSignDialog *self,
                                                 const char     *profile_id);
CdSanEditor    *cd_ca_sign_dialog_get_san_editor (CdCaSignDialog *self);
gboolean        cd_ca_sign_dialog_get_busy      (CdCaSignDialog *self);
const char     *cd_ca_sign_dialog_get_error     (CdCaSignDialog *self);
CdCaResult     *cd_ca_sign_dialog_get_result    (CdCaSignDialog *self);
GListModel     *cd_ca_sign_dialog_get_checks    (CdCaSignDialog *self);

G_END_DECLS
