/* cd-gui-test-utils.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cd-window.h"

G_BEGIN_DECLS

typedef gboolean (*CdTestCondition) (gpointer data);

/* The main window on a throwaway database and the real keyring, with a
 * scratch folder for the files a test writes.
 */
typedef struct
{
  CdDatabase *database;
  CdKeyring  *keyring;
  CdWindow   *window;
  char       *tmpdir;
} CdTestWindowFixture;

void        cd_test_set_deadline         (guint            seconds);
void        cd_test_iterate_until        (CdTestCondition  condition,
                                          gpointer         data,
                                          const char      *what);
void        cd_test_iterate_pending      (void);
void        cd_test_collect_widgets      (GtkWidget       *root,
                                          GType            type,
                                          GPtrArray       *found);
GtkWidget  *cd_test_find_widget          (GtkWidget       *root,
                                          GType            type);
gboolean    cd_test_is_shown             (GtkWidget       *widget);
GtkWindow  *cd_test_find_toplevel        (GType            type,
                                          const char      *title);
gboolean    cd_test_toplevel_shown       (gpointer         data);
gboolean    cd_test_window_mapped        (gpointer         data);
gboolean    cd_test_window_not_importing (gpointer         data);
void        cd_test_close_dialogs        (GType            first_type,
                                          ...);
char       *cd_test_run_output           (const char      *format,
                                          ...) G_GNUC_PRINTF (1, 2);
char       *cd_test_read_clipboard       (GtkWidget       *widget);
GtkWidget  *cd_test_template_child       (gpointer         widget,
                                          GType            type,
                                          const char      *name);
void        cd_test_type_text            (GtkWidget       *editable,
                                          const char      *text);
void        cd_test_select_item          (GtkWidget       *combo_row,
                                          const char      *item);

void        cd_test_window_fixture_set_up    (CdTestWindowFixture *fixture,
                                              int                  width,
                                              int                  height);
void        cd_test_window_fixture_tear_down (CdTestWindowFixture *fixture);

G_END_DECLS
