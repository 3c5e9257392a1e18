/* cd-status-style.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cd-chain.h"

G_BEGIN_DECLS

const char *cd_status_style_get_icon_name (CdChainStatus  status);
const char *cd_status_style_get_css_class (CdChainStatus  status);
void        cd_status_style_apply         (GtkWidget     *widget,
                                           CdChainStatus  status);

G_END_DECLS
