/* cd-window-private.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cd-device-monitor.h"
#include "cd-devices-view.h"
#include "cd-expiring-view.h"
#include "cd-import-progress.h"
#include "cd-import-queue.h"
#include "cd-store-row.h"
#include "cd-store-view.h"
#include "cd-window.h"

G_BEGIN_DECLS

/* Shared by cd-window.c (the sidebar, actions, settings, properties),
 * cd-window-stores.c (reading the stores, the one shown and its search),
 * cd-window-expiring.c ("Expiring Soon"), cd-window-watch.c (changes by
 * other programs, trust publishing), cd-window-import.c (drag and drop,
 * the file chooser, passwords and the result of an import),
 * cd-window-open.c (the certificate dialog, for rows and for files
 * opened without importing), cd-window-manage.c (copy, move, delete and
 * undo) and the other cd-window-*.c files.
 */
struct _CdWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  GtkWidget            *drop_overlay;
  CdDevicesView        *devices_view;
  AdwStatusPage        *error_page;
  CdExpiringView       *expiring_view;
  CdImportProgress     *import_progress;
  AdwLeaflet           *leaflet;
  GtkStack             *main_stack;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkLabel             *store_help_label;
  GtkLabel             *store_help_title;
  GtkListBox           *sidebar_list;
  CdStoreView          *store_view;
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;

  /* Owned references */
  CdDatabase           *database;
  CdKeyring            *keyring;
  CdImportQueue        *import_queue;
  CdStore              *stores[CD_N_STORE_KINDS];  /* made when first shown */
  GSettings            *settings;                  /* NULL when the schema is missing */
  GFileMonitor         *wal_monitor;
  GtkFileChooserNative *file_chooser;
  GCancellable         *open_cancellable;          /* files being read to be shown */
  CdDeletion           *deletion;                  /* what Undo would bring back */
  char                **deletion_key_ids;          /* keys to delete once Undo is gone */
  AdwToast             *undo_toast;
  GCancellable         *trust_cancellable;         /* the trust publishing sync */
  CdDeviceMonitor      *device_monitor;            /* checks the devices; NULL without a database */

  /* Borrowed references */
  CdStoreRow           *rows[CD_N_STORE_KINDS];
  GtkListBoxRow        *expiring_row;
  GtkLabel             *expiring_count_label;
  GtkListBoxRow        *devices_row;
  GtkLabel             *devices_count_label;
  GtkWidget            *password_dialog;           /* weak pointer */

  guint                 trust_sync_id;             /* a sync waiting for changes to settle */
  CdStoreKind           kind;
  gboolean              importing;                 /* TRUE until the result is shown */
  gboolean              showing_expiring;          /* "Expiring Soon" instead of self->kind */
  gboolean              showing_devices;           /* "Devices" instead of self->kind */
  GdkDragAction         drop_action;               /* of the drag over the sidebar */
  guint                 stale;                     /* one bit per store to reload before showing */
  guint                 poll_id;
  guint                 check_id;
};

void _cd_window_add_toast      (CdWindow      *self,
                                const char    *text);
void _cd_window_set_importing  (CdWindow      *self,
                                gboolean       importing);
void _cd_window_setup_import   (CdWindow      *self);
void _cd_window_dispose_import (CdWindow      *self);
void _cd_window_import_action  (GSimpleAction *action,
                                GVariant      *param,
                                gpointer       user_data);
void _cd_window_paste_action   (GSimpleAction *action,
                                GVariant      *param,
                                gpointer       user_data);
void _cd_window_setup_manage   (CdWindow      *self);
void _cd_window_setup_export   (CdWindow      *self);
GtkWindow *_cd_window_export   (CdWindow      *self,
                                GPtrArray     *rows);
void _cd_window_dispose_manage (CdWindow      *self);
void _cd_window_setup_request  (CdWindow      *self);
void _cd_window_setup_ca       (CdWindow      *self);
void _cd_window_ask_pending_roots (CdWindow       *self,
                                   CdImportResult *result);
void _cd_window_dispose_open   (CdWindow      *self);
void _cd_window_check_selected_action (GSimpleAction *action,
                                       GVariant      *param,
                                       gpointer       user_data);
guint _cd_window_get_expiry_days (CdWindow    *self);

/* cd-window.c */
void _cd_window_notify_selected_store (CdWindow *self);

/* cd-window-stores.c */
void _cd_window_reload_store    (CdWindow    *self,
                                 CdStoreKind  kind);
void _cd_window_update_counts   (CdWindow    *self);
void _cd_window_update_subtitle (CdWindow    *self);
void _cd_window_show_store      (CdWindow    *self,
                                 CdStoreKind  kind);
void _cd_window_on_search_changed_cb           (CdWindow       *self,
                                                GtkSearchEntry *entry);
void _cd_window_on_search_mode_changed_cb      (CdWindow       *self,
                                                GParamSpec     *pspec,
                                                GtkSearchBar   *search_bar);
void _cd_window_on_store_view_count_changed_cb (CdWindow       *self,
                                                GParamSpec     *pspec,
                                                CdStoreView    *store_view);

/* cd-window-expiring.c */
GtkListBoxRow *_cd_window_new_expiring_row (CdWindow *self);
void _cd_window_setup_expiring     (CdWindow *self);
void _cd_window_reload_expiring    (CdWindow *self);
void _cd_window_show_expiring_page (CdWindow *self);
void _cd_window_on_expiring_count_changed_cb (CdWindow       *self,
                                              GParamSpec     *pspec,
                                              CdExpiringView *view);

/* cd-window-watch.c */
void _cd_window_init_watch          (CdWindow *self);
void _cd_window_watch_database      (CdWindow *self);
void _cd_window_dispose_watch       (CdWindow *self);
void _cd_window_schedule_trust_sync (CdWindow *self);

/* cd-window-devices.c */
GtkWidget *_cd_window_new_devices_row        (CdWindow *self);
void       _cd_window_setup_devices          (CdWindow *self);
void       _cd_window_dispose_devices        (CdWindow *self);
void       _cd_window_reload_devices         (CdWindow *self);
void       _cd_window_show_devices_page      (CdWindow *self);
void       _cd_window_update_devices_subtitle (CdWindow *self);

G_END_DECLS
