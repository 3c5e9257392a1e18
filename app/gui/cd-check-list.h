/* cd-check-list.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cd-check.h"
#include "cd-profile.h"

G_BEGIN_DECLS

#define CD_TYPE_CHECK_LIST (cd_check_list_get_type ())

G_DECLARE_FINAL_TYPE (CdCheckList, cd_check_list, CD, CHECK_LIST, GtkWidget)

GtkWidget  *cd_check_list_new                     (void);
void        cd_check_list_set_results             (CdCheckList  *self,
                                                   CdProfile    *profile,
                                                   GListModel   *results);
GListModel *cd_check_list_get_results             (CdCheckList  *self);
void        cd_check_list_set_show_not_applicable (CdCheckList  *self,
                                                   gboolean      show);
guint       cd_check_list_get_n_results           (CdCheckList  *self,
                                                   CdCheckStatus status);
GtkWidget  *cd_check_list_get_row                 (CdCheckList  *self,
                                                   const char   *rule_id);
GtkWidget  *cd_check_list_get_group               (CdCheckList  *self,
                                                   CdCheckStatus status);
char       *cd_check_list_dup_source_text         (CdProfile    *profile,
                                                   const char   *section);

G_END_DECLS
