/* cd-properties-page.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cd-types.h"

G_BEGIN_DECLS

#define CD_TYPE_PROPERTIES_PAGE (cd_properties_page_get_type ())

G_DECLARE_FINAL_TYPE (CdPropertiesPage, cd_properties_page, CD, PROPERTIES_PAGE, GtkWidget)

GtkWidget  *cd_properties_page_new               (void);
void        cd_properties_page_set_certificate   (CdPropertiesPage  *self,
                                                  CdDatabase        *database,
                                                  CdCertificate     *row);
const char *cd_properties_page_get_friendly_name (CdPropertiesPage  *self);
void        cd_properties_page_set_friendly_name (CdPropertiesPage  *self,
                                                  const char        *friendly_name);
const char *cd_properties_page_get_description   (CdPropertiesPage  *self);
void        cd_properties_page_set_description   (CdPropertiesPage  *self,
                                                  const char        *description);
gboolean    cd_properties_page_get_modified      (CdPropertiesPage  *self);
gboolean    cd_properties_page_save              (CdPropertiesPage  *self,
                                                  GError           **error);

G_END_DECLS
