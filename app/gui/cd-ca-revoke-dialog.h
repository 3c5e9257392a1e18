/* cd-ca-revoke-dialog.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cd-ca.h"
#include "cd-types.h"

G_BEGIN_DECLS

#define CD_TYPE_CA_REVOKE_DIALOG (cd_ca_revoke_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CdCaRevokeDialog, cd_ca_revoke_dialog, CD, CA_REVOKE_DIALOG, AdwWindow)

CdCaRevokeDialog *cd_ca_revoke_dialog_new              (GtkWindow          *parent,
                                                        CdDatabase         *database,
                                                        CdCertificate      *certificate,
                                                        const char         *ca_sha256);
void              cd_ca_revoke_dialog_set_reason       (CdCaRevokeDialog   *self,
                                                        CdRevocationReason  reason);
AdwMessageDialog *cd_ca_revoke_dialog_get_confirmation (CdCaRevokeDialog   *self);
const char       *cd_ca_revoke_dialog_get_error        (CdCaRevokeDialog   *self);

G_END_DECLS
