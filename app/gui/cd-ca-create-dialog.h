/* cd-ca-create-dialog.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cd-types.h"

G_BEGIN_DECLS

#define CD_TYPE_CA_CREATE_DIALOG (cd_ca_create_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CdCaCreateDialog, cd_ca_create_dialog, CD, CA_CREATE_DIALOG, AdwWindow)

CdCaCreateDialog *cd_ca_create_dialog_new              (GtkWindow        *parent,
                                                        CdDatabase       *database,
                                                        CdKeyring        *keyring);
void              cd_ca_create_dialog_set_intermediate (CdCaCreateDialog *self,
                                                        const char       *issuer_sha256);
gboolean          cd_ca_create_dialog_get_busy         (CdCaCreateDialog *self);
const char       *cd_ca_create_dialog_get_error        (CdCaCreateDialog *self);

G_END_DECLS
