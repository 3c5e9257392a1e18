/* cd-request-wizard.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cd-request-builder.h"
#include "cd-types.h"

G_BEGIN_DECLS

#define CD_TYPE_REQUEST_WIZARD (cd_request_wizard_get_type ())

G_DECLARE_FINAL_TYPE (CdRequestWizard, cd_request_wizard, CD, REQUEST_WIZARD, AdwWindow)

CdRequestWizard *cd_request_wizard_new               (GtkWindow        *parent,
                                                      CdDatabase       *database,
                                                      CdKeyring        *keyring,
                                                      CdRequestBuilder *builder,
                                                      const char       *existing_key_id);
CdRequestBuilder *cd_request_wizard_get_builder      (CdRequestWizard  *self);
const char      *cd_request_wizard_get_page          (CdRequestWizard  *self);
gboolean         cd_request_wizard_get_generating    (CdRequestWizard  *self);
const char      *cd_request_wizard_get_pem           (CdRequestWizard  *self);
guint            cd_request_wizard_get_n_san_rows    (CdRequestWizard  *self);
GtkDropDown     *cd_request_wizard_get_san_type      (CdRequestWizard  *self,
                                                      guint             position);
GtkEditable     *cd_request_wizard_get_san_entry     (CdRequestWizard  *self,
                                                      guint             position);
const char      *cd_request_wizard_get_san_hint      (CdRequestWizard  *self,
                                                      guint             position);
void             cd_request_wizard_set_save_file     (CdRequestWizard  *self,
                                                      GFile            *file);

G_END_DECLS
