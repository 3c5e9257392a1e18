/* cd-export-dialog-private.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the files of CdExportDialog share: the instance struct, the
 * positions in the template's lists and the functions one file calls in
 * another. cd-export-dialog.c has the window and shows what applies to
 * the chosen format; cd-export-dialog-formats.c the formats offered and
 * presets; cd-export-dialog-password.c rates the password;
 * cd-export-dialog-write.c asks for the file and writes it.
 */

#pragma once

#include "cd-database.h"
#include "cd-export-dialog.h"
#include "cd-keyring.h"

G_BEGIN_DECLS

struct _CdExportDialog
{
  AdwWindow             parent_instance;

  /* Template widgets */
  GtkSwitch            *chain_switch;
  AdwActionRow         *chain_row;
  GtkWidget            *confirm_row;
  GtkWidget            *contents_group;
  GtkSwitch            *delete_key_switch;
  AdwActionRow         *delete_key_row;
  GtkWidget            *delete_group;
  AdwComboRow          *encoding_row;
  AdwComboRow          *encryption_row;
  AdwComboRow          *files_row;
  GtkWidget            *format_group;
  AdwComboRow          *format_row;
  GtkWidget            *friendly_name_row;
  GtkWidget            *key_group;
  AdwComboRow          *key_format_row;
  AdwComboRow          *order_row;
  GtkWidget            *page;
  GtkWidget            *password_group;
  GtkLabel             *password_hint;
  GtkWidget            *password_row;
  GtkWidget            *pkcs12_group;
  GtkLabel             *progress_label;
  GtkProgressBar       *progress_bar;
  GtkRevealer          *progress_revealer;
  AdwComboRow          *protection_row;
  GtkWidget            *root_row;
  GtkSwitch            *root_switch;
  GtkCheckButton       *unencrypted_check;
  GtkWidget            *unencrypted_row;
  AdwWindowTitle       *window_title;

  /* Owned references */
  CdDatabase           *database;
  CdKeyring            *keyring;
  GPtrArray            *rows;
  GArray               *choices;       /* CdExportChoice of each format_row item */
  GFile                *destination;
  GCancellable         *cancellable;
  GtkFileChooserNative *file_chooser;
  char                 *preset_extension;  /* a device's, for preset_choice */

  int                   preset_choice;     /* -1 without a preset */
  gboolean              has_key;
  gboolean              can_export;
  gboolean              exporting;
};

/* Positions in the template's string lists. */
enum { ENCODING_DER, ENCODING_PEM };
enum { FILES_ONE, FILES_TWO };
enum { ORDER_CERT_FIRST, ORDER_KEY_FIRST };
enum { ENCRYPTION_MODERN, ENCRYPTION_COMPATIBLE };
enum { KEY_FORMAT_PKCS8, KEY_FORMAT_PKCS1 };
enum { PROTECTION_PASSWORD, PROTECTION_NONE };

/* cd-export-dialog.c */
void     _cd_export_dialog_update             (CdExportDialog *self);
guint    _cd_export_dialog_get_selected       (AdwComboRow    *row);
gboolean _cd_export_dialog_is_two_files       (CdExportDialog *self);
gboolean _cd_export_dialog_is_key_unencrypted (CdExportDialog *self);
void     _cd_export_dialog_notify_exporting   (CdExportDialog *self);
void     _cd_export_dialog_emit_exported      (CdExportDialog *self,
                                               GFile          *file,
                                               gboolean        deleted_key);

/* cd-export-dialog-formats.c */
const char *_cd_export_dialog_get_choice_title       (CdExportChoice  choice,
                                                      gboolean        several);
const char *_cd_export_dialog_get_choice_description (CdExportChoice  choice,
                                                      gboolean        several);
const char *_cd_export_dialog_get_extension          (CdExportDialog *self);
gboolean    _cd_export_dialog_choice_has_key         (CdExportChoice  choice);
void        _cd_export_dialog_fill_formats           (CdExportDialog *self);

/* cd-export-dialog-password.c */
gboolean _cd_export_dialog_update_password_hint (CdExportDialog *self);

/* cd-export-dialog-write.c */
void _cd_export_dialog_export_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *param);

G_END_DECLS
