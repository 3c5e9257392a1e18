/* cd-steps-page.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cd-profile.h"
#include "cd-types.h"

G_BEGIN_DECLS

#define CD_TYPE_STEPS_PAGE (cd_steps_page_get_type ())

G_DECLARE_FINAL_TYPE (CdStepsPage, cd_steps_page, CD, STEPS_PAGE, GtkWidget)

void            cd_steps_page_set_certificate (CdStepsPage *self,
                                               CdDatabase  *database,
                                               const char  *sha256);
void            cd_steps_page_set_profile     (CdStepsPage *self,
                                               CdProfile   *profile);
GtkCheckButton *cd_steps_page_get_check       (CdStepsPage *self,
                                               const char  *step_id);

G_END_DECLS
