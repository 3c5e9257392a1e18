/* cd-password-dialog.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CD_TYPE_PASSWORD_DIALOG (cd_password_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CdPasswordDialog, cd_password_dialog, CD, PASSWORD_DIALOG, AdwMessageDialog)

GtkWidget  *cd_password_dialog_new           (GtkWindow        *parent,
                                              const char       *file_name,
                                              gboolean          was_wrong);
const char *cd_password_dialog_get_file_name (CdPasswordDialog *self);
gboolean    cd_password_dialog_get_was_wrong (CdPasswordDialog *self);
const char *cd_password_dialog_get_password  (CdPasswordDialog *self);

G_END_DECLS
