/* cd-check-page.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cd-certificate-info.h"
#include "cd-check-list.h"
#include "cd-profile.h"
#include "cd-types.h"

G_BEGIN_DECLS

#define CD_TYPE_CHECK_PAGE (cd_check_page_get_type ())

G_DECLARE_FINAL_TYPE (CdCheckPage, cd_check_page, CD, CHECK_PAGE, GtkWidget)

void         cd_check_page_set_certificate   (CdCheckPage       *self,
                                              CdDatabase        *database,
                                              CdCertificateInfo *info);
void         cd_check_page_set_can_export    (CdCheckPage       *self,
                                              gboolean           can_export);
CdProfile   *cd_check_page_get_profile       (CdCheckPage       *self);
gboolean     cd_check_page_set_profile_id    (CdCheckPage       *self,
                                              const char        *id);
CdCheckList *cd_check_page_get_check_list    (CdCheckPage       *self);
GtkEditable *cd_check_page_get_parameter_row (CdCheckPage       *self,
                                              const char        *name);
const char  *cd_check_page_get_summary       (CdCheckPage       *self);

G_END_DECLS
