/* cd-devices-view-private.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the files of CdDevicesView share: the instance struct and the
 * functions one file calls in another. cd-devices-view.c has the list,
 * its actions and the checks; cd-devices-view-remove.c takes devices
 * out with an Undo; cd-devices-view-csv.c reads and writes device lists.
 */

#pragma once

#include "cd-database.h"
#include "cd-device-monitor.h"
#include "cd-devices-view.h"

G_BEGIN_DECLS

struct _CdDevicesView
{
  GtkWidget            parent_instance;

  /* Template widgets */
  GtkColumnViewColumn *address_column;
  GtkColumnViewColumn *chain_column;
  GtkColumnViewColumn *checked_column;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *days_column;
  GtkColumnViewColumn *error_column;
  GtkColumnViewColumn *note_column;
  GtkColumnViewColumn *profile_column;
  GtkProgressBar      *progress_bar;
  GtkLabel            *progress_label;
  GtkRevealer         *progress_revealer;
  GListStore          *rows;
  GtkMultiSelection   *selection;
  GtkStack            *stack;
  GtkColumnViewColumn *subject_column;
  AdwToastOverlay     *toast_overlay;

  /* Owned references */
  CdDatabase          *database;
  CdDeviceMonitor     *monitor;
  GArray              *removing;       /* gint64 ids hidden until the toast goes */
  AdwToast            *undo_toast;
  GtkFileChooserNative *file_chooser;
  GHashTable          *subject_cns;    /* leaf SHA-256 → its subject CN */
};

/* cd-devices-view.c */
void       _cd_devices_view_add_toast         (CdDevicesView *self,
                                               const char    *text);
gboolean   _cd_devices_view_find_row          (CdDevicesView *self,
                                               gint64         id,
                                               guint         *out_position);
GPtrArray *_cd_devices_view_dup_selected_rows (CdDevicesView *self);
void       _cd_devices_view_update_stack      (CdDevicesView *self);
void       _cd_devices_view_notify_n_items    (CdDevicesView *self);

/* cd-devices-view-remove.c */
void       _cd_devices_view_commit_removals   (CdDevicesView *self);

/* cd-devices-view-csv.c */
void       _cd_devices_view_import_csv_action (GtkWidget     *widget,
                                               const char    *action_name,
                                               GVariant      *param);
void       _cd_devices_view_export_csv_action (GtkWidget     *widget,
                                               const char    *action_name,
                                               GVariant      *param);

G_END_DECLS
