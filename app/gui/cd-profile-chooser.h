/* cd-profile-chooser.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cd-profile.h"

G_BEGIN_DECLS

#define CD_TYPE_PROFILE_CHOOSER (cd_profile_chooser_get_type ())

G_DECLARE_FINAL_TYPE (CdProfileChooser, cd_profile_chooser, CD, PROFILE_CHOOSER, GtkWidget)

GListModel *cd_profile_chooser_get_all_profiles (GPtrArray        **problems);
GtkWidget  *cd_profile_chooser_new              (void);
CdProfile  *cd_profile_chooser_get_profile      (CdProfileChooser  *self);
gboolean    cd_profile_chooser_set_profile_id   (CdProfileChooser  *self,
                                                 const char        *id);

G_END_DECLS
