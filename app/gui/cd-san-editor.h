/* cd-san-editor.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cd-types.h"

G_BEGIN_DECLS

#define CD_TYPE_SAN_EDITOR (cd_san_editor_get_type ())

G_DECLARE_FINAL_TYPE (CdSanEditor, cd_san_editor, CD, SAN_EDITOR, AdwPreferencesGroup)

GtkWidget  *cd_san_editor_new       (void);
void        cd_san_editor_set_sans  (CdSanEditor        *self,
                                     const char * const *sans);
char      **cd_san_editor_dup_sans  (CdSanEditor        *self,
                                     GError            **error);
guint       cd_san_editor_get_n_rows (CdSanEditor       *self);
GtkWidget  *cd_san_editor_get_row   (CdSanEditor        *self,
                                     guint               position);
void        cd_san_editor_add       (CdSanEditor        *self,
                                     CdSanType           type,
                                     const char         *text);
void        cd_san_editor_remove    (CdSanEditor        *self,
                                     guint               position);
gboolean    cd_san_editor_get_valid (CdSanEditor        *self);

G_END_DECLS
