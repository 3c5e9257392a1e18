/* cd-export-dialog.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cd-exporter.h"
#include "cd-types.h"

G_BEGIN_DECLS

/* What the dialog offers; the core's formats, as the user picks them
 * (P7B in DER or PEM, and PKCS #12 modern or compatible, are one entry
 * each here with a choice below).
 */
typedef enum
{
  CD_EXPORT_CHOICE_DER,
  CD_EXPORT_CHOICE_PEM,
  CD_EXPORT_CHOICE_PEM_CHAIN,
  CD_EXPORT_CHOICE_P7B,
  CD_EXPORT_CHOICE_PKCS12,
  CD_EXPORT_CHOICE_PEM_KEY_CERT,
  CD_EXPORT_CHOICE_KEY,
} CdExportChoice;

#define CD_TYPE_EXPORT_DIALOG (cd_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CdExportDialog, cd_export_dialog, CD, EXPORT_DIALOG, AdwWindow)

CdExportDialog *cd_export_dialog_new             (GtkWindow      *parent,
                                                  CdDatabase     *database,
                                                  CdKeyring      *keyring,
                                                  GPtrArray      *rows);
GPtrArray      *cd_export_dialog_get_rows        (CdExportDialog *self);
gboolean        cd_export_dialog_get_has_key     (CdExportDialog *self);
CdExportChoice  cd_export_dialog_get_choice      (CdExportDialog *self);
gboolean        cd_export_dialog_set_choice      (CdExportDialog *self,
                                                  CdExportChoice  choice);
gboolean        cd_export_dialog_set_preset      (CdExportDialog  *self,
                                                  CdExportOptions *options,
                                                  const char      *extension);
gboolean        cd_export_dialog_get_can_export  (CdExportDialog *self);
gboolean        cd_export_dialog_get_exporting   (CdExportDialog *self);
GFile          *cd_export_dialog_get_destination (CdExportDialog *self);
void            cd_export_dialog_set_destination (CdExportDialog *self,
                                                  GFile          *file);
char           *cd_export_dialog_dup_suggested_name (CdExportDialog *self);
const char     *cd_export_dialog_rate_password   (const char     *password);

G_END_DECLS
