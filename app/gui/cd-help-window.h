/* cd-help-window.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cd-store-kind.h"

G_BEGIN_DECLS

#define CD_TYPE_HELP_WINDOW (cd_help_window_get_type ())

G_DECLARE_FINAL_TYPE (CdHelpWindow, cd_help_window, CD, HELP_WINDOW, AdwPreferencesWindow)

GtkWindow  *cd_help_window_new     (GtkWindow   *parent,
                                    const char  *page);
const char *cd_help_get_store_text (CdStoreKind  kind);

G_END_DECLS
