/* cd-window-private.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cd-import-progress.h"
#include "cd-import-queue.h"
#include "cd-store-row.h"
#include "cd-store-view.h"
#include "cd-window.h"

G_BEGIN_DECLS

/* Shared by cd-window.c (stores, search, settings, watching the
 * database) and cd-window-import.c (drag and drop, the file chooser,
 * passwords and the result of an import).
 */
struct _CdWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  GtkWidget            *drop_overlay;
  AdwStatusPage        *error_page;
  CdImportProgress     *import_progress;
  AdwLeaflet           *leaflet;
  GtkStack             *main_stack;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
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

  /* Borrowed references */
  CdStoreRow           *rows[CD_N_STORE_KINDS];
  GtkWidget            *password_dialog;           /* weak pointer */

  CdStoreKind           kind;
  gboolean              importing;                 /* TRUE until the result is shown */
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

G_END_DECLS
