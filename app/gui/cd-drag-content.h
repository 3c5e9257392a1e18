/* cd-drag-content.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cd-types.h"

G_BEGIN_DECLS

char               *cd_drag_content_dup_directory (void);
GdkContentProvider *cd_drag_content_new           (CdDatabase  *database,
                                                   GPtrArray   *rows,
                                                   const char  *text,
                                                   GError     **error);

G_END_DECLS
