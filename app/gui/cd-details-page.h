/* cd-details-page.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cd-certificate-info.h"

G_BEGIN_DECLS

#define CD_TYPE_DETAILS_PAGE (cd_details_page_get_type ())

/* What the filter drop-down lets through, in its order. */
typedef enum
{
  CD_DETAILS_FILTER_ALL,
  CD_DETAILS_FILTER_EXTENSIONS,
  CD_DETAILS_FILTER_CRITICAL,
  CD_DETAILS_FILTER_PROPERTIES,
} CdDetailsFilter;

G_DECLARE_FINAL_TYPE (CdDetailsPage, cd_details_page, CD, DETAILS_PAGE, GtkWidget)

GtkWidget       *cd_details_page_new             (void);
void             cd_details_page_set_info        (CdDetailsPage     *self,
                                                  CdCertificateInfo *info);
CdDetailsFilter  cd_details_page_get_filter      (CdDetailsPage     *self);
void             cd_details_page_set_filter      (CdDetailsPage     *self,
                                                  CdDetailsFilter    filter);
GListModel      *cd_details_page_get_shown       (CdDetailsPage     *self);
void             cd_details_page_select          (CdDetailsPage     *self,
                                                  guint              position);
char            *cd_details_page_dup_value_text  (CdDetailsPage     *self);

G_END_DECLS
