/* cd-progress-private.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "cd-types.h"

G_BEGIN_DECLS

void _cd_progress_post (GMainContext   *context,
                        CdProgressFunc  progress,
                        gpointer        progress_data,
                        double          fraction);

G_END_DECLS
