/* cd-preferences-window.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cd-types.h"

G_BEGIN_DECLS

#define CD_TYPE_PREFERENCES_WINDOW (cd_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (CdPreferencesWindow, cd_preferences_window, CD, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget *cd_preferences_window_new          (GtkWindow           *parent,
                                               GSettings           *settings);
void       cd_preferences_window_set_database (CdPreferencesWindow *self,
                                               CdDatabase          *database);

G_END_DECLS
