/* test-accessibility.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Every window and dialog the application opens, walked widget by
 * widget: a button that shows only an icon must say what it does with a
 * tooltip for the mouse and an accessible label for screen readers. And
 * every keyboard shortcut the application sets up is in the Keyboard
 * Shortcuts window. Real windows under Xvfb, a real database with
 * certificates and a key, so that every page has content.
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "cd-application.h"
#include "cd-certificate.h"
#include "cd-certificate-dialog.h"
#include "cd-database.h"
#include "cd-ca-create-dialog.h"
#include "cd-ca-sign-dialog.h"
#include "cd-device-add-dialog.h"
#include "cd-devices-view.h"
#include "cd-export-dialog.h"
#include "cd-gui-test-utils.h"
#include "cd-help-window.h"
#include "cd-importer.h"
#include "cd-keyring.h"
#include "cd-password-dialog.h"
#include "cd-preferences-window.h"
#include "cd-request-wizard.h"
#include "cd-test-utils.h"
#include "cd-window.h"

typedef struct
{
  CdDatabase *database;
  CdKeyring  *keyring;
  CdWindow   *window;
} Fixture;

/* Buttons inside GTK and libadwaita widgets: the window controls, spin
 * buttons, the search bar's close button, the entry rows' apply and
 * peek buttons, the preferences and shortcuts windows' search. They
 * carry tooltips but, in GTK 4.8 and libadwaita 1.2, no label of their
 * own; newer versions give them one, and we cannot.
 */
static gboolean
is_internal (GtkWidget *widget)
{
  GtkWidget *search_bar = gtk_widget_get_ancestor (widget, GTK_TYPE_SEARCH_BAR);
  GtkWidget *header = gtk_widget_get_ancestor (widget, ADW_TYPE_HEADER_BAR);

  if (search_bar != NULL &&
      !gtk_widget_is_ancestor (widget, gtk_search_bar_get_child (GTK_SEARCH_BAR (search_bar))))
    return TRUE;

  if (header != NULL &&
      (ADW_IS_PREFERENCES_WINDOW (gtk_widget_get_root (widget)) ||
       GTK_IS_SHORTCUTS_WINDOW (gtk_widget_get_root (widget))))
    return TRUE;

  return gtk_widget_get_ancestor (widget, GTK_TYPE_WINDOW_CONTROLS) != NULL ||
         gtk_widget_get_ancestor (widget, GTK_TYPE_SPIN_BUTTON) != NULL ||
         gtk_widget_get_ancestor (widget, ADW_TYPE_ENTRY_ROW) != NULL ||
         GTK_IS_SHORTCUTS_WINDOW (gtk_widget_get_root (widget));
}

static gboolean
is_icon_only (GtkWidget *button)
{
  GtkWidget *child = gtk_button_get_child (GTK_BUTTON (button));

  if (GTK_IS_IMAGE (child))
    return TRUE;
  if (ADW_IS_BUTTON_CONTENT (child))
    {
      const char *label = adw_button_content_get_label (ADW_BUTTON_CONTENT (child));

      return label == NULL || label[0] == '\0';
    }

  return FALSE;
}

/* A menu button's tooltip and label are its own, not its inner button's. */
static GtkWidget *
labelled_widget (GtkWidget *button)
{
  GtkWidget *parent = gtk_widget_get_parent (button);

  if (GTK_IS_MENU_BUTTON (parent))
    return parent;

  return button;
}

static char *
describe (GtkWidget *widget)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (widget));
  const char *title = GTK_IS_WINDOW (root) ? gtk_window_get_title (GTK_WINDOW (root)) : NULL;
  GtkWidget *child = gtk_button_get_child (GTK_BUTTON (widget));
  const char *icon = GTK_IS_IMAGE (child) ? gtk_image_get_icon_name (GTK_IMAGE (child)) : NULL;

  return g_strdup_printf ("%s with icon “%s” (%s) in %s “%s”",
                          G_OBJECT_TYPE_NAME (widget), icon ? icon : "?",
                          gtk_widget_get_name (widget),
                          G_OBJECT_TYPE_NAME (root), title ? title : "");
}

/* The icon-only buttons of @root that lack a tooltip or a label. */
static void
audit (GtkWidget *root,
       GString   *problems,
       guint     *n_checked)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  cd_test_collect_widgets (root, GTK_TYPE_BUTTON, buttons);

  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);
      GtkWidget *labelled;
      const char *tooltip;

      if (is_internal (button) || !is_icon_only (button))
        continue;

      (*n_checked)++;
      labelled = labelled_widget (button);
      tooltip = gtk_widget_get_tooltip_text (labelled);
      if (tooltip == NULL || tooltip[0] == '\0')
        {
          g_autofree char *what = describe (button);
          g_string_append_printf (problems, "\n  no tooltip: %s", what);
        }
      if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (labelled), GTK_ACCESSIBLE_PROPERTY_LABEL) &&
          !gtk_test_accessible_has_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL))
        {
          g_autofree char *what = describe (button);
          g_string_append_printf (problems, "\n  no accessible label: %s", what);
        }
    }
}

static void
import_fixture (Fixture    *fixture,
                const char *name,
                const char *password)
{
  g_autoptr(CdImporter) importer = cd_importer_new (fixture->database, fixture->keyring);
  g_autoptr(CdImportResult) result = NULL;
  g_autofree char *path = cd_test_fixture (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  result = cd_importer_import_file (importer, file, password, CD_STORE_KIND_AUTO,
                                    NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

static CdCertificate *
first_row (Fixture     *fixture,
           CdStoreKind  kind)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  rows = cd_database_list_store (fixture->database, kind, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, >, 0);

  return g_object_ref (g_ptr_array_index (rows, 0));
}

static GtkWindow *
show (GtkWindow *window)
{
  gtk_window_present (window);
  cd_test_iterate_until (cd_test_window_mapped, window, "a window to be shown");
  cd_test_iterate_pending ();

  return window;
}

typedef enum
{
  WINDOW_MAIN,
  WINDOW_CERTIFICATE,
  WINDOW_EXPORT,
  WINDOW_REQUEST,
  WINDOW_PREFERENCES,
  WINDOW_HELP,
  WINDOW_PASSWORD,
  WINDOW_SHORTCUTS,
  WINDOW_NEW_CA,
  WINDOW_ISSUE,
  WINDOW_ADD_DEVICE,
  N_WINDOWS
} WhichWindow;

/* A dialog the window opens for one of its actions. */
static GtkWindow *
open_by_action (Fixture    *fixture,
                const char *action,
                GType       type)
{
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), action, NULL);
  cd_test_iterate_until (cd_test_toplevel_shown, GSIZE_TO_POINTER (type), action);

  return cd_test_find_toplevel (type, NULL);
}

static GtkWindow *
open_window (Fixture     *fixture,
             WhichWindow  which,
             CdCertificate *leaf)
{
  GtkWindow *parent = GTK_WINDOW (fixture->window);

  switch (which)
    {
    case WINDOW_MAIN:
      return parent;

    case WINDOW_CERTIFICATE:
      return cd_window_show_certificate (fixture->window, leaf);

    case WINDOW_EXPORT:
      {
        g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

        g_ptr_array_add (rows, g_object_ref (leaf));
        return GTK_WINDOW (cd_export_dialog_new (parent, fixture->database, fixture->keyring, rows));
      }

    case WINDOW_REQUEST:
      return open_by_action (fixture, "new-request", CD_TYPE_REQUEST_WIZARD);

    case WINDOW_NEW_CA:
      return open_by_action (fixture, "new-ca", CD_TYPE_CA_CREATE_DIALOG);

    case WINDOW_ISSUE:
      return open_by_action (fixture, "issue-certificate", CD_TYPE_CA_SIGN_DIALOG);

    case WINDOW_ADD_DEVICE:
      {
        GtkWidget *view = cd_test_find_widget (GTK_WIDGET (fixture->window), CD_TYPE_DEVICES_VIEW);

        gtk_widget_activate_action (view, "devices.add", NULL);
        cd_test_iterate_until (cd_test_toplevel_shown, GSIZE_TO_POINTER (CD_TYPE_DEVICE_ADD_DIALOG),
                               "the Add Device dialog");
        return cd_test_find_toplevel (CD_TYPE_DEVICE_ADD_DIALOG, NULL);
      }

    case WINDOW_PREFERENCES:
      return GTK_WINDOW (cd_preferences_window_new (parent, NULL));

    case WINDOW_HELP:
      return cd_help_window_new (parent, NULL);

    case WINDOW_PASSWORD:
      return GTK_WINDOW (cd_password_dialog_new (parent, "leaf.pfx", TRUE));

    case WINDOW_SHORTCUTS:
      {
        g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_BASE "/gtk/help-overlay.ui");
        GtkWindow *overlay = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));

        gtk_window_set_transient_for (overlay, parent);
        return overlay;
      }

    case N_WINDOWS:
    default:
      g_assert_not_reached ();
    }
}

/* Each window the application opens, one at a time over the main window. */
static void
test_icon_buttons (void)
{
  Fixture fixture = { 0 };
  g_autoptr(CdCertificate) leaf = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);
  guint n_checked = 0;

  fixture.database = cd_test_open_database (NULL);
  fixture.keyring = cd_keyring_new (FALSE);
  import_fixture (&fixture, "leaf.pfx", CD_TEST_PASSWORD);
  leaf = first_row (&fixture, CD_STORE_KIND_MY);

  fixture.window = cd_window_new (NULL, fixture.database, fixture.keyring);
  cd_window_reload (fixture.window);
  show (GTK_WINDOW (fixture.window));

  for (guint i = 0; i < N_WINDOWS; i++)
    {
      GtkWindow *window = open_window (&fixture, i, leaf);

      /* GTK 4.8's shortcuts window warns about a label's negative width
       * under Xvfb when shown (fatal in tests); its widgets exist unshown.
       */
      if (i != WINDOW_SHORTCUTS)
        show (window);

      audit (GTK_WIDGET (window), problems, &n_checked);
      if (window != GTK_WINDOW (fixture.window))
        gtk_window_destroy (window);
      cd_test_iterate_pending ();
    }

  g_test_message ("%u icon-only buttons in %u windows", n_checked, N_WINDOWS);
  /* The main window alone has four: back, main menu, store help, search;
   * fewer means the walk is broken.
   */
  g_assert_cmpuint (n_checked, >=, 4);
  if (problems->len > 0)
    g_error ("icon-only buttons without a tooltip or an accessible label:%s", problems->str);

  gtk_window_destroy (GTK_WINDOW (fixture.window));
  cd_test_iterate_pending ();
  g_clear_object (&fixture.keyring);
  g_clear_object (&fixture.database);
}

/* A window with a bare icon button must fail the audit. */
static void
test_audit_catches (void)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *good = gtk_button_new_from_icon_name ("edit-copy-symbolic");
  guint n_checked = 0;

  gtk_widget_set_tooltip_text (good, "Copy");
  gtk_accessible_update_property (GTK_ACCESSIBLE (good), GTK_ACCESSIBLE_PROPERTY_LABEL, "Copy", -1);
  gtk_box_append (GTK_BOX (box), good);
  gtk_box_append (GTK_BOX (box), gtk_button_new_from_icon_name ("edit-delete-symbolic"));
  gtk_box_append (GTK_BOX (box), gtk_button_new_with_label ("Words"));
  gtk_window_set_child (GTK_WINDOW (window), box);

  audit (window, problems, &n_checked);

  g_assert_cmpuint (n_checked, ==, 2);
  g_assert_nonnull (strstr (problems->str, "no tooltip: GtkButton with icon “edit-delete-symbolic”"));
  g_assert_nonnull (strstr (problems->str, "no accessible label: GtkButton with icon “edit-delete-symbolic”"));
  g_assert_null (strstr (problems->str, "edit-copy-symbolic"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
collect_shortcuts (GtkWidget  *root,
                   GHashTable *actions,
                   GHashTable *accels)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  cd_test_collect_widgets (root, GTK_TYPE_SHORTCUTS_SHORTCUT, found);
  for (guint i = 0; i < found->len; i++)
    {
      g_autofree char *action = NULL;
      g_autofree char *accel = NULL;

      g_object_get (g_ptr_array_index (found, i),
                    "action-name", &action,
                    "accelerator", &accel,
                    NULL);
      if (action != NULL)
        g_hash_table_add (actions, g_steal_pointer (&action));
      if (accel != NULL)
        {
          g_auto(GStrv) each = g_strsplit (accel, " ", -1);

          for (guint j = 0; each[j] != NULL; j++)
            g_hash_table_add (accels, g_strdup (each[j]));
        }
    }
}

/* Every accelerator of the application is in the Keyboard Shortcuts
 * window, by its action or by its keys.
 */
static void
test_shortcuts_window (void)
{
  g_autoptr(CdApplication) app = cd_application_new ();
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GHashTable) actions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) accels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) described = NULL;
  GtkWidget *overlay;
  guint n_checked = 0;

  /* Registering runs startup, where the accelerators are set. */
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  builder = gtk_builder_new_from_resource (RESOURCE_BASE "/gtk/help-overlay.ui");
  overlay = GTK_WIDGET (gtk_builder_get_object (builder, "help_overlay"));
  collect_shortcuts (overlay, actions, accels);

  described = gtk_application_list_action_descriptions (GTK_APPLICATION (app));
  for (guint i = 0; described[i] != NULL; i++)
    {
      g_auto(GStrv) keys = gtk_application_get_accels_for_action (GTK_APPLICATION (app), described[i]);
      g_autofree char *action = NULL;
      const char *sep = strstr (described[i], "::");

      action = sep != NULL ? g_strndup (described[i], sep - described[i]) : g_strdup (described[i]);
      for (guint j = 0; keys[j] != NULL; j++)
        {
          n_checked++;
          if (!g_hash_table_contains (actions, action) && !g_hash_table_contains (accels, keys[j]))
            g_error ("%s (%s) is not in the Keyboard Shortcuts window", described[i], keys[j]);
        }
    }

  g_assert_cmpuint (n_checked, >=, 15);
  gtk_window_destroy (GTK_WINDOW (overlay));
}

/* At 150 % text (what GNOME's "Large Text" sets) every window can still
 * be made small enough for a 1366×768 laptop screen: its minimum size
 * fits, so nothing is cut off for good.
 */
static void
test_large_text (void)
{
  Fixture fixture = { 0 };
  g_autoptr(CdCertificate) leaf = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);
  GtkSettings *settings = gtk_settings_get_default ();
  int dpi = 0;

  g_object_get (settings, "gtk-xft-dpi", &dpi, NULL);
  g_object_set (settings, "gtk-xft-dpi", (int)(96 * 1024 * 1.5), NULL);

  fixture.database = cd_test_open_database (NULL);
  fixture.keyring = cd_keyring_new (FALSE);
  import_fixture (&fixture, "leaf.pfx", CD_TEST_PASSWORD);
  leaf = first_row (&fixture, CD_STORE_KIND_MY);

  fixture.window = cd_window_new (NULL, fixture.database, fixture.keyring);
  cd_window_reload (fixture.window);
  show (GTK_WINDOW (fixture.window));

  for (guint i = 0; i < N_WINDOWS; i++)
    {
      GtkWindow *window;
      int min_width = 0;
      int min_height = 0;

      if (i == WINDOW_SHORTCUTS)
        continue;

      window = show (open_window (&fixture, i, leaf));
      gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1,
                          &min_width, NULL, NULL, NULL);
      gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_VERTICAL, min_width,
                          &min_height, NULL, NULL, NULL);
      g_test_message ("%s: at least %d×%d, focus %s", G_OBJECT_TYPE_NAME (window), min_width, min_height,
                      gtk_window_get_focus (window) ? G_OBJECT_TYPE_NAME (gtk_window_get_focus (window)) : "none");
      if (min_width > 1366 || min_height > 768 - 32)
        g_string_append_printf (problems, "\n  %s needs %d×%d", G_OBJECT_TYPE_NAME (window),
                                min_width, min_height);

      if (window != GTK_WINDOW (fixture.window))
        gtk_window_destroy (window);
      cd_test_iterate_pending ();
    }

  if (problems->len > 0)
    g_error ("windows too large at 150 %% text:%s", problems->str);

  gtk_window_destroy (GTK_WINDOW (fixture.window));
  cd_test_iterate_pending ();
  g_clear_object (&fixture.keyring);
  g_clear_object (&fixture.database);
  g_object_set (settings, "gtk-xft-dpi", dpi, NULL);
}

int
main (int   argc,
      char *argv[])
{
  /* GTK's test back end keeps the accessible properties readable and
   * needs no accessibility bus, unlike the session's "none".
   */
  g_setenv ("GTK_A11Y", g_getenv ("CD_A11Y") ? g_getenv ("CD_A11Y") : "test", TRUE);
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  cd_test_fixtures_dir ();

  g_test_add_func ("/certdesk/accessibility/audit-catches", test_audit_catches);
  g_test_add_func ("/certdesk/accessibility/icon-buttons", test_icon_buttons);
  g_test_add_func ("/certdesk/accessibility/shortcuts-window", test_shortcuts_window);
  g_test_add_func ("/certdesk/accessibility/large-text", test_large_text);

  return g_test_run ();
}
