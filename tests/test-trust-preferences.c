/* test-trust-preferences.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The preferences' Trust publishing page in a real window under Xvfb:
 * its rows, and the NSS switch publishing Trusted Root for certutil to
 * read back.
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "cd-database.h"
#include "cd-gui-test-utils.h"
#include "cd-preferences-window.h"
#include "cd-test-utils.h"
#include "cd-trust.h"

static GtkWidget *
find_row (GPtrArray  *rows,
          const char *title)
{
  for (guint i = 0; i < rows->len; i++)
    {
      AdwPreferencesRow *row = g_ptr_array_index (rows, i);

      if (g_strcmp0 (adw_preferences_row_get_title (row), title) == 0)
        return GTK_WIDGET (row);
    }

  return NULL;
}

static gboolean
switch_is_on (gpointer data)
{
  return gtk_switch_get_state (data) && gtk_widget_get_sensitive (data);
}

static void
test_trust_preferences_nss (void)
{
  g_autofree char *path = cd_database_dup_default_path ();
  g_autofree char *root = cd_test_fixture ("root.pem");
  g_autofree char *listed = NULL;
  g_autofree char *subtitle = NULL;
  g_autoptr(CdDatabase) database = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GtkWidget *window;
  GtkWidget *nss_row;
  GtkWidget *toggle;

  cd_test_run_command ("%s import --store root %s", g_getenv ("CD_TEST_CLI"), root);
  database = cd_database_open (path, &error);
  g_assert_no_error (error);

  window = cd_preferences_window_new (NULL, NULL);
  cd_preferences_window_set_database (CD_PREFERENCES_WINDOW (window), database);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (window), "trust");
  gtk_window_present (GTK_WINDOW (window));
  cd_test_iterate_until (cd_test_window_mapped, window, "the preferences to show");

  cd_test_collect_widgets (window, ADW_TYPE_ACTION_ROW, rows);
  g_assert_nonnull (find_row (rows, "NSS user database"));
  g_assert_nonnull (find_row (rows, "p11-kit user trust"));
  g_assert_nonnull (find_row (rows, "OpenSSL certificate folder"));
  g_assert_nonnull (find_row (rows, "System trust"));

  nss_row = find_row (rows, "NSS user database");
  toggle = cd_test_find_widget (nss_row, GTK_TYPE_SWITCH);
  g_assert_nonnull (toggle);
  g_assert_true (gtk_widget_get_sensitive (toggle));
  g_assert_false (gtk_switch_get_state (GTK_SWITCH (toggle)));

  gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
  cd_test_iterate_until (switch_is_on, toggle, "the NSS target to be published");

  g_object_get (nss_row, "subtitle", &subtitle, NULL);
  g_assert_nonnull (strstr (subtitle, "On: 1 certificate published"));

  listed = cd_test_run_output ("certutil -L -d sql:%s/.pki/nssdb", g_get_home_dir ());
  g_assert_nonnull (strstr (listed, "Certdesk - Certdesk Test Root CA ("));
  g_assert_nonnull (strstr (listed, "C,,"));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  cd_test_fixtures_dir ();
  cd_test_set_deadline (60);

  g_test_add_func ("/certdesk/trust-preferences/nss", test_trust_preferences_nss);

  return g_test_run ();
}
