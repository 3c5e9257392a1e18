/* test-window.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The main window, driven as a user would: files dropped on it as a real
 * drop delivers them, passwords typed into the dialog it opens, a search
 * typed into the entry, and what it shows read back from the widgets. It
 * runs under Xvfb with a real keyring and a real database file, through
 * run-in-session.sh. The import queue, which has no GTK in it, is tested
 * on its own too. So is managing: deleting with its confirmation and
 * Undo, moving and copying between stores by menu and by a drop on the
 * sidebar, and the "Expiring Soon" view with its preference. Text
 * pasted from the clipboard is imported too.
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "cd-certificate-dialog.h"
#include "cd-certificate.h"
#include "cd-database.h"
#include "cd-errors.h"
#include "cd-expiring-view.h"
#include "cd-import-queue.h"
#include "cd-importer.h"
#include "cd-keyring.h"
#include "cd-password-dialog.h"
#include "cd-preferences-window.h"
#include "cd-store-kind.h"
#include "cd-store-row.h"
#include "cd-store-view.h"
#include "cd-gui-test-utils.h"
#include "cd-test-utils.h"
#include "cd-window.h"

/* Long enough for a slow CI machine; nothing here waits this long
 * when it works.
 */

typedef struct
{
  CdDatabase *database;
  CdKeyring  *keyring;
  CdWindow   *window;
  char       *path;
} Fixture;

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type,
             gboolean   mapped_only)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && (!mapped_only || gtk_widget_get_mapped (root)))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, mapped_only);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkColumnView *
get_column_view (CdWindow *window)
{
  GtkWidget *view = find_widget (GTK_WIDGET (window), GTK_TYPE_COLUMN_VIEW, FALSE);

  g_assert_nonnull (view);

  return GTK_COLUMN_VIEW (view);
}

/* The rows the column view shows, after sorting and search. */
static GListModel *
get_shown_rows (CdWindow *window)
{
  return G_LIST_MODEL (gtk_column_view_get_model (get_column_view (window)));
}

static CdCertificate *
find_shown_row (CdWindow   *window,
                const char *subject_cn)
{
  GListModel *rows = get_shown_rows (window);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(CdCertificate) row = g_list_model_get_item (rows, i);

      if (g_strcmp0 (cd_certificate_get_subject_cn (row), subject_cn) == 0)
        return g_steal_pointer (&row);
    }

  return NULL;
}

static CdStoreRow *
get_sidebar_row (CdWindow    *window,
                 CdStoreKind  kind)
{
  GtkWidget *list = find_widget (GTK_WIDGET (window), GTK_TYPE_LIST_BOX, FALSE);
  GtkListBoxRow *row;

  g_assert_nonnull (list);
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), kind);
  g_assert_true (CD_IS_STORE_ROW (row));
  g_assert_cmpint (cd_store_row_get_kind (CD_STORE_ROW (row)), ==, kind);

  return CD_STORE_ROW (row);
}

static AdwStatusPage *
get_shown_status_page (CdWindow *window)
{
  GtkWidget *page = find_widget (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE, TRUE);

  return page ? ADW_STATUS_PAGE (page) : NULL;
}

/* The subtitle of the content pane's title: the count of certificates. */
static const char *
get_subtitle (CdWindow *window)
{
  g_autoptr(GPtrArray) titles = g_ptr_array_new ();
  const char *subtitle = NULL;

  cd_test_collect_widgets (GTK_WIDGET (window), ADW_TYPE_WINDOW_TITLE, titles);
  for (guint i = 0; i < titles->len; i++)
    {
      const char *text = adw_window_title_get_subtitle (g_ptr_array_index (titles, i));

      if (text != NULL && text[0] != '\0')
        {
          g_assert_null (subtitle);
          subtitle = text;
        }
    }

  return subtitle;
}

static GtkLabel *
find_label_containing (GtkWidget  *root,
                       const char *needle)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  cd_test_collect_widgets (root, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      if (strstr (gtk_label_get_label (g_ptr_array_index (labels, i)), needle) != NULL)
        return g_ptr_array_index (labels, i);
    }

  return NULL;
}

static AdwMessageDialog *
find_message_dialog (GType type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (const GList *l = toplevels; l != NULL; l = l->next)
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
        return l->data;
    }

  return NULL;
}

static gboolean
password_dialog_shown (gpointer data)
{
  return find_message_dialog (CD_TYPE_PASSWORD_DIALOG) != NULL;
}

static gboolean
widget_hidden (gpointer data)
{
  return !gtk_widget_get_visible (GTK_WIDGET (data));
}

/* Types @password and presses Enter, as a user would. */
static void
answer_password_dialog (const char *password,
                        gboolean    expect_was_wrong)
{
  g_autoptr(AdwMessageDialog) dialog = NULL;
  GtkWidget *entry;
  GtkWidget *text;

  cd_test_iterate_until (password_dialog_shown, NULL, "the password dialog");
  dialog = g_object_ref (find_message_dialog (CD_TYPE_PASSWORD_DIALOG));
  g_assert_cmpint (cd_password_dialog_get_was_wrong (CD_PASSWORD_DIALOG (dialog)), ==,
                   expect_was_wrong);

  entry = find_widget (GTK_WIDGET (dialog), GTK_TYPE_PASSWORD_ENTRY, FALSE);
  g_assert_nonnull (entry);

  /* The user can type the password right away. */
  g_assert_nonnull (gtk_window_get_focus (GTK_WINDOW (dialog)));
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (dialog)), entry));

  gtk_editable_set_text (GTK_EDITABLE (entry), password);

  /* Enter in the entry activates the default response, "import". */
  text = find_widget (entry, GTK_TYPE_TEXT, FALSE);
  g_assert_nonnull (text);
  g_signal_emit_by_name (text, "activate");

  /* Watch this very dialog: after a wrong password the next one may
   * already be on its way.
   */
  cd_test_iterate_until (widget_hidden, dialog, "the password dialog to close");
}

static void
drop_files (CdWindow    *window,
            const char  *first_name,
            ...)
{
  g_autoptr(GListModel) controllers = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  GtkDropTarget *target = NULL;
  GSList *files = NULL;
  gboolean handled = FALSE;
  va_list args;

  va_start (args, first_name);
  for (const char *name = first_name; name != NULL; name = va_arg (args, const char *))
    files = g_slist_append (files, cd_test_fixture_file (name));
  va_end (args);

  /* A drop delivers the file list as the value of the "drop" signal. */
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
  g_slist_free_full (files, g_object_unref);

  controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && target == NULL; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);

  g_signal_emit_by_name (target, "drop", &value, 100.0, 100.0, &handled);
  g_assert_true (handled);

  g_assert_true (cd_window_get_importing (window));
}

static void
wait_for_import (CdWindow *window)
{
  cd_test_iterate_until (cd_test_window_not_importing, window, "the import to finish");
  cd_test_iterate_pending ();
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->database = cd_test_open_database (&fixture->path);
  fixture->keyring = cd_keyring_new (FALSE);
  fixture->window = cd_window_new (NULL, fixture->database, fixture->keyring);

  gtk_window_present (GTK_WINDOW (fixture->window));
  cd_test_iterate_until (cd_test_window_mapped, fixture->window, "the window to be shown");
  cd_test_iterate_pending ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  CdWindow *window = g_steal_pointer (&fixture->window);

  /* GTK holds the toplevel; take it over so it can be checked to go. */
  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);

  /* Dialogs the test left open (e.g. the list of failed files). */
  for (AdwMessageDialog *dialog = find_message_dialog (ADW_TYPE_MESSAGE_DIALOG);
       dialog != NULL;
       dialog = find_message_dialog (ADW_TYPE_MESSAGE_DIALOG))
    gtk_window_destroy (GTK_WINDOW (dialog));
  cd_test_iterate_pending ();

  g_clear_object (&fixture->keyring);
  g_clear_object (&fixture->database);
  g_clear_pointer (&fixture->path, g_free);
}

static void
test_window_empty (Fixture       *fixture,
                   gconstpointer  data)
{
  CdWindow *window = fixture->window;
  AdwStatusPage *page;

  g_assert_cmpint (cd_window_get_selected_store (window), ==, CD_STORE_KIND_MY);

  for (guint i = 0; i < CD_N_STORE_KINDS; i++)
    g_assert_cmpuint (cd_store_row_get_count (get_sidebar_row (window, i)), ==, 0);

  /* An empty store says what it is for and how to fill it. */
  page = get_shown_status_page (window);
  g_assert_nonnull (page);
  g_assert_nonnull (strstr (adw_status_page_get_description (page),
                            cd_store_kind_get_description (CD_STORE_KIND_MY)));
  g_assert_nonnull (find_widget (GTK_WIDGET (page), GTK_TYPE_BUTTON, TRUE));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (find_widget (GTK_WIDGET (page),
                                                                                GTK_TYPE_BUTTON,
                                                                                TRUE))),
                   ==, "win.import");
  g_assert_cmpstr (get_subtitle (window), ==, "0 certificates");

  /* So does every other store. */
  cd_window_select_store (window, CD_STORE_KIND_REQUEST);
  cd_test_iterate_pending ();
  page = get_shown_status_page (window);
  g_assert_nonnull (page);
  g_assert_nonnull (strstr (adw_status_page_get_description (page),
                            cd_store_kind_get_description (CD_STORE_KIND_REQUEST)));
  /* The request store counts requests, not certificates. */
  g_assert_cmpstr (get_subtitle (window), ==, "0 requests");
}

static void
test_window_drop_pfx (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(CdCertificate) row = NULL;
  g_autofree char *keys = NULL;
  CdWindow *window = fixture->window;

  drop_files (window, "leaf.pfx", NULL);
  answer_password_dialog (CD_TEST_PASSWORD, FALSE);
  wait_for_import (window);

  /* Personal shows the certificate, with its key in the keyring. */
  g_assert_cmpint (cd_window_get_selected_store (window), ==, CD_STORE_KIND_MY);
  g_assert_null (get_shown_status_page (window));
  g_assert_cmpuint (g_list_model_get_n_items (get_shown_rows (window)), ==, 1);
  row = find_shown_row (window, "server.example.test");
  g_assert_nonnull (row);
  g_assert_true (cd_certificate_get_has_private_key (row));
  g_assert_cmpstr (cd_certificate_get_friendly_name (row), ==, "Test Server");

  keys = cd_test_dump_keyring ();
  g_assert_nonnull (strstr (keys, cd_certificate_get_key_id (row)));

  /* The chain in the file went to the authorities' stores. */
  g_assert_cmpuint (cd_store_row_get_count (get_sidebar_row (window, CD_STORE_KIND_MY)), ==, 1);
  g_assert_cmpuint (cd_store_row_get_count (get_sidebar_row (window, CD_STORE_KIND_ROOT)), ==, 1);
  g_assert_cmpuint (cd_store_row_get_count (get_sidebar_row (window, CD_STORE_KIND_CA)), ==, 1);
  g_assert_cmpuint (cd_store_row_get_count (get_sidebar_row (window, CD_STORE_KIND_ADDRESS_BOOK)),
                    ==, 0);
  g_assert_cmpstr (get_subtitle (window), ==, "1 certificate");
}

static void
test_window_wrong_password (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(CdCertificate) row = NULL;
  CdWindow *window = fixture->window;

  drop_files (window, "leaf.pfx", NULL);

  /* A wrong password is not the end: the dialog asks again, saying so. */
  answer_password_dialog ("not the password", FALSE);
  answer_password_dialog (CD_TEST_PASSWORD, TRUE);
  wait_for_import (window);

  row = find_shown_row (window, "server.example.test");
  g_assert_nonnull (row);
  g_assert_true (cd_certificate_get_has_private_key (row));
  g_assert_null (find_message_dialog (ADW_TYPE_MESSAGE_DIALOG));
}

static gboolean
n_shown_rows_is (gpointer data)
{
  gpointer *args = data;

  return g_list_model_get_n_items (get_shown_rows (args[0])) == GPOINTER_TO_UINT (args[1]);
}

static void
type_search (CdWindow   *window,
             const char *text,
             guint       expected_rows)
{
  GtkWidget *entry = find_widget (GTK_WIDGET (window), GTK_TYPE_SEARCH_ENTRY, FALSE);
  gpointer args[2] = { window, GUINT_TO_POINTER (expected_rows) };
  g_autofree char *what = g_strdup_printf ("the search for “%s” to show %u rows",
                                           text, expected_rows);

  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);

  /* The entry waits a moment after the last keystroke. */
  cd_test_iterate_until (n_shown_rows_is, args, what);
}

static void
test_window_roots_and_search (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(CdCertificate) row = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *windows_fingerprint = NULL;
  CdWindow *window = fixture->window;
  GListModel *rows;
  AdwStatusPage *page;

  drop_files (window, "roots-bundle.pem", NULL);
  wait_for_import (window);

  /* Personal got nothing, so the window shows where they went. */
  g_assert_cmpint (cd_window_get_selected_store (window), ==, CD_STORE_KIND_ROOT);
  rows = get_shown_rows (window);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 20);
  g_assert_cmpuint (cd_store_row_get_count (get_sidebar_row (window, CD_STORE_KIND_ROOT)), ==, 20);
  g_assert_cmpuint (cd_store_row_get_count (get_sidebar_row (window, CD_STORE_KIND_MY)), ==, 0);
  g_assert_cmpstr (get_subtitle (window), ==, "20 certificates");

  /* Sorted by "Issued To", as certmgr.msc opens a store. */
  for (guint i = 1; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(CdCertificate) a = g_list_model_get_item (rows, i - 1);
      g_autoptr(CdCertificate) b = g_list_model_get_item (rows, i);

      g_assert_cmpint (g_utf8_collate (cd_certificate_get_subject_cn (a),
                                       cd_certificate_get_subject_cn (b)), <=, 0);
    }

  /* The list narrows as the user types, whatever the case... */
  type_search (window, "bundle ROOT 1", 11);
  type_search (window, "bundle ROOT 17", 1);
  row = g_list_model_get_item (rows, 0);
  g_assert_cmpstr (cd_certificate_get_subject_cn (row), ==, "Certdesk Bundle Root 17");
  g_assert_cmpstr (get_subtitle (window), ==, "1 of 20 certificates");

  /* ...and clearing the search brings every row back. */
  type_search (window, "", 20);
  g_assert_cmpstr (get_subtitle (window), ==, "20 certificates");

  /* A fingerprint pasted with colons (OpenSSL) finds its certificate... */
  fingerprint = cd_certificate_format_fingerprint (row);
  g_assert_nonnull (strchr (fingerprint, ':'));
  type_search (window, fingerprint, 1);
  g_clear_object (&row);
  row = g_list_model_get_item (rows, 0);
  g_assert_cmpstr (cd_certificate_get_subject_cn (row), ==, "Certdesk Bundle Root 17");

  /* ...and so does one in lower case with spaces (Windows). */
  type_search (window, "", 20);
  g_strdelimit (fingerprint, ":", ' ');
  windows_fingerprint = g_ascii_strdown (fingerprint, -1);
  type_search (window, windows_fingerprint, 1);
  g_clear_object (&row);
  row = g_list_model_get_item (rows, 0);
  g_assert_cmpstr (cd_certificate_get_subject_cn (row), ==, "Certdesk Bundle Root 17");

  /* A search that matches nothing says so. */
  type_search (window, "no such certificate", 0);
  page = get_shown_status_page (window);
  g_assert_nonnull (page);
  g_assert_nonnull (strstr (adw_status_page_get_description (page), "no such certificate"));

  /* The search applies to the store selected next. */
  type_search (window, "", 20);
  cd_window_select_store (window, CD_STORE_KIND_MY);
  cd_test_iterate_pending ();
  g_assert_nonnull (get_shown_status_page (window));
}

static void
test_window_failures (Fixture       *fixture,
                      gconstpointer  data)
{
  CdWindow *window = fixture->window;
  AdwMessageDialog *dialog;
  GtkLabel *label;
  const char *text;

  /* Several files at once: good ones are imported, bad ones listed.
   * chain.pem holds a leaf (whose key is not in this database), its
   * intermediate and the root.
   */
  drop_files (window, "other.pem", "garbage.bin", "chain.pem", "empty.bin", NULL);
  wait_for_import (window);

  g_assert_cmpuint (cd_store_row_get_count (get_sidebar_row (window, CD_STORE_KIND_ROOT)), ==, 1);
  g_assert_cmpuint (cd_store_row_get_count (get_sidebar_row (window, CD_STORE_KIND_CA)), ==, 1);
  g_assert_cmpuint (cd_store_row_get_count (get_sidebar_row (window, CD_STORE_KIND_ADDRESS_BOOK)),
                    ==, 2);

  dialog = find_message_dialog (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "2 Imports Failed");
  label = find_label_containing (GTK_WIDGET (dialog), "garbage.bin");
  g_assert_nonnull (label);
  text = gtk_label_get_label (label);
  g_assert_nonnull (strstr (text, "empty.bin"));
  g_assert_null (strstr (text, "other.pem"));
  g_assert_null (strstr (text, "chain.pem"));
}

static void
on_importing_changed_cb (CdWindow   *window,
                         GParamSpec *pspec,
                         gboolean   *finished)
{
  if (!cd_window_get_importing (window))
    *finished = TRUE;
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *)data;
}

/* Puts @text on the clipboard and pastes it as Ctrl+V would. The
 * clipboard is read asynchronously, so the import has not started when
 * the action returns: wait for it to end instead.
 */
static void
paste_and_wait (CdWindow   *window,
                const char *text)
{
  gboolean finished = FALSE;
  gulong handler_id;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (window)), text);
  handler_id = g_signal_connect (window, "notify::importing",
                                 G_CALLBACK (on_importing_changed_cb), &finished);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.paste", NULL));
  cd_test_iterate_until (flag_set, &finished, "the pasted text to be imported");
  g_signal_handler_disconnect (window, handler_id);
  cd_test_iterate_pending ();
}

static gboolean
editable_text_is (gpointer data)
{
  gpointer *args = data;

  return g_strcmp0 (gtk_editable_get_text (args[0]), args[1]) == 0;
}

static void
test_window_paste (Fixture       *fixture,
                   gconstpointer  data)
{
  CdWindow *window = fixture->window;
  g_autofree char *leaf = cd_test_fixture ("leaf.pem");
  g_autofree char *intermediate = cd_test_fixture ("int.pem");
  g_autofree char *leaf_text = NULL;
  g_autofree char *int_text = NULL;
  g_autofree char *pasted = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *entry;
  gpointer args[2];

  /* What a user copies from the CA's web page: a leaf and its issuer. */
  g_file_get_contents (leaf, &leaf_text, NULL, &error);
  g_assert_no_error (error);
  g_file_get_contents (intermediate, &int_text, NULL, &error);
  g_assert_no_error (error);
  pasted = g_strconcat (leaf_text, int_text, NULL);

  paste_and_wait (window, pasted);

  g_assert_cmpuint (cd_store_row_get_count (get_sidebar_row (window, CD_STORE_KIND_ADDRESS_BOOK)),
                    ==, 1);
  g_assert_cmpuint (cd_store_row_get_count (get_sidebar_row (window, CD_STORE_KIND_CA)), ==, 1);
  g_assert_cmpuint (cd_test_count_rows (fixture->database, CD_STORE_KIND_ADDRESS_BOOK), ==, 1);
  g_assert_cmpuint (cd_test_count_rows (fixture->database, CD_STORE_KIND_CA), ==, 1);
  g_assert_cmpuint (cd_test_count_rows (fixture->database, CD_STORE_KIND_MY), ==, 0);
  g_assert_null (find_message_dialog (ADW_TYPE_MESSAGE_DIALOG));

  /* Text that is no certificate fails by the name "Clipboard" and
   * changes nothing.
   */
  before = cd_test_dump_database (fixture->database);
  paste_and_wait (window, "not a certificate");
  after = cd_test_dump_database (fixture->database);
  g_assert_cmpstr (before, ==, after);

  dialog = find_message_dialog (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_nonnull (find_label_containing (GTK_WIDGET (dialog), "Clipboard"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  cd_test_iterate_pending ();

  /* Ctrl+V in the search entry still pastes there, and imports nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  entry = find_widget (GTK_WIDGET (window), GTK_TYPE_SEARCH_ENTRY, FALSE);
  g_assert_nonnull (entry);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (window)), "server");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.paste", NULL));
  args[0] = entry;
  args[1] = "server";
  cd_test_iterate_until (editable_text_is, args, "the search entry to get the pasted text");
  g_assert_false (cd_window_get_importing (window));
}

static gboolean
count_is (gpointer data)
{
  gpointer *args = data;

  return cd_store_row_get_count (args[0]) == GPOINTER_TO_UINT (args[1]);
}

static void
test_window_external_change (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdDatabase) other = NULL;
  g_autoptr(CdImporter) importer = NULL;
  g_autoptr(CdImportResult) result = NULL;
  g_autoptr(GFile) file = cd_test_fixture_file ("roots-bundle.pem");
  CdWindow *window = fixture->window;
  gpointer args[2] = { get_sidebar_row (window, CD_STORE_KIND_ROOT), GUINT_TO_POINTER (20) };

  cd_window_select_store (window, CD_STORE_KIND_ROOT);

  /* Another program (here another connection) changes the database... */
  other = cd_database_open (fixture->path, &error);
  g_assert_no_error (error);
  importer = cd_importer_new (other, fixture->keyring);
  result = cd_importer_import_file (importer, file, NULL, CD_STORE_KIND_AUTO,
                                    NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cd_import_result_get_added (result, CD_STORE_KIND_ROOT), ==, 20);

  /* ...and the window follows without being asked. */
  cd_test_iterate_until (count_is, args, "the window to notice the change");
  cd_test_iterate_pending ();
  g_assert_cmpuint (g_list_model_get_n_items (get_shown_rows (window)), ==, 20);
}

static void
test_window_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(CdDatabase) database = cd_test_open_database (NULL);
  g_autoptr(CdKeyring) keyring = cd_keyring_new (FALSE);
  CdWindow *window;

  g_settings_set_string (settings, "selected-store", "ca");
  g_settings_set_int (settings, "window-width", 800);
  g_settings_set_int (settings, "window-height", 500);

  /* The store and size of last time come back... */
  window = cd_window_new (NULL, database, keyring);
  g_assert_cmpint (cd_window_get_selected_store (window), ==, CD_STORE_KIND_CA);
  gtk_window_present (GTK_WINDOW (window));
  cd_test_iterate_until (cd_test_window_mapped, window, "the window to be shown");

  /* ...and the ones chosen now are kept for next time. */
  cd_window_select_store (window, CD_STORE_KIND_DISALLOWED);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 600);
  cd_test_iterate_pending ();
  g_object_ref (window);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_finalize_object (window);

  g_assert_cmpstr (g_settings_get_string (settings, "selected-store"), ==, "disallowed");
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 600);

  g_settings_reset (settings, "selected-store");
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

static void
test_window_database_error (void)
{
  g_autoptr(CdKeyring) keyring = cd_keyring_new (FALSE);
  g_autoptr(GError) error = g_error_new_literal (CD_DATABASE_ERROR, CD_DATABASE_ERROR_CORRUPT,
                                                 "The file “certdesk.db” is not a database.");
  CdWindow *window = cd_window_new (NULL, NULL, keyring);
  AdwStatusPage *page;

  /* No database is no crash: the window says why and offers nothing. */
  cd_window_show_database_error (window, error);
  gtk_window_present (GTK_WINDOW (window));
  cd_test_iterate_until (cd_test_window_mapped, window, "the window to be shown");
  cd_test_iterate_pending ();

  page = get_shown_status_page (window);
  g_assert_nonnull (page);
  g_assert_cmpstr (adw_status_page_get_description (page), ==, error->message);
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "import"));

  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}


/* Managing certificates */

static void
import_file (Fixture     *fixture,
             const char  *path,
             const char  *password,
             CdStoreKind  kind)
{
  g_autoptr(CdImporter) importer = cd_importer_new (fixture->database, fixture->keyring);
  g_autoptr(CdImportResult) result = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  result = cd_importer_import_file (importer, file, password, kind, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  cd_window_reload (fixture->window);
  cd_test_iterate_pending ();
}

static void
import_leaf_pfx (Fixture *fixture)
{
  g_autofree char *path = cd_test_fixture ("leaf.pfx");

  import_file (fixture, path, CD_TEST_PASSWORD, CD_STORE_KIND_AUTO);

  /* The store of the test before may be remembered: start in Personal. */
  cd_window_select_store (fixture->window, CD_STORE_KIND_MY);
  cd_test_iterate_pending ();
}

static CdStoreView *
get_store_view (CdWindow *window)
{
  GtkWidget *view = find_widget (GTK_WIDGET (window), CD_TYPE_STORE_VIEW, FALSE);

  g_assert_nonnull (view);

  return CD_STORE_VIEW (view);
}

/* Clicks the row of @subject_cn (Ctrl+click when @add). */
static void
select_row (CdWindow   *window,
            const char *subject_cn,
            gboolean    add)
{
  GListModel *rows = get_shown_rows (window);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(CdCertificate) row = g_list_model_get_item (rows, i);

      if (g_strcmp0 (cd_certificate_get_subject_cn (row), subject_cn) == 0)
        {
          cd_store_view_select (get_store_view (window), i, !add);
          return;
        }
    }

  g_error ("No row “%s” is shown", subject_cn);
}

static guint
count_in (CdWindow    *window,
          CdStoreKind  kind)
{
  return cd_store_row_get_count (get_sidebar_row (window, kind));
}

static gboolean
message_dialog_shown (gpointer data)
{
  return find_message_dialog (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

/* Asks to delete the selection and returns the confirmation. */
static AdwMessageDialog *
ask_delete (CdWindow *window)
{
  g_action_group_activate_action (G_ACTION_GROUP (window), "delete-selected", NULL);
  cd_test_iterate_until (message_dialog_shown, NULL, "the confirmation");

  return find_message_dialog (ADW_TYPE_MESSAGE_DIALOG);
}

static void
test_window_open_row (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkColumnView *view;
  GtkWindow *dialog = NULL;
  g_autoptr(GList) toplevels = NULL;

  import_leaf_pfx (fixture);

  /* A double click (or Enter) on a row opens its certificate. */
  view = get_column_view (fixture->window);
  g_signal_emit_by_name (view, "activate", 0);
  cd_test_iterate_pending ();

  toplevels = gtk_window_list_toplevels ();
  for (const GList *l = toplevels; l != NULL; l = l->next)
    {
      if (CD_IS_CERTIFICATE_DIALOG (l->data))
        dialog = l->data;
    }
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (fixture->window));
  g_assert_cmpstr (gtk_window_get_title (dialog), ==, "server.example.test");
  g_assert_cmpint (cd_certificate_get_store (cd_certificate_dialog_get_certificate (CD_CERTIFICATE_DIALOG (dialog))),
                   ==, CD_STORE_KIND_MY);
  gtk_window_destroy (dialog);
}

static void
test_window_delete_undo (Fixture       *fixture,
                         gconstpointer  data)
{
  CdWindow *window = fixture->window;
  g_autoptr(CdCertificate) row = NULL;
  g_autofree char *before = NULL;
  g_autofree char *deleted = NULL;
  g_autofree char *after = NULL;
  g_autofree char *keys = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *check;

  import_leaf_pfx (fixture);
  before = cd_test_dump_database (fixture->database);

  /* The context menu offers it... */
  select_row (window, "server.example.test", FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (get_store_view (window)),
                                             "store.context-menu", NULL));
  cd_test_iterate_pending ();
  g_assert_nonnull (find_widget (GTK_WIDGET (get_store_view (window)), GTK_TYPE_POPOVER_MENU, TRUE));

  /* ...and asks first, naming the certificate (by its friendly name)
   * and the store.
   */
  dialog = ask_delete (window);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==,
                   "Delete “Test Server” from Personal?");

  /* Its key would be left unused: the dialog offers to delete it, unchecked. */
  check = adw_message_dialog_get_extra_child (dialog);
  g_assert_true (GTK_IS_CHECK_BUTTON (check));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));

  adw_message_dialog_response (dialog, "delete");
  cd_test_iterate_pending ();
  g_assert_cmpuint (count_in (window, CD_STORE_KIND_MY), ==, 0);
  g_assert_cmpuint (cd_test_count_rows (fixture->database, CD_STORE_KIND_MY), ==, 0);
  g_assert_cmpuint (cd_test_count_rows (fixture->database, CD_STORE_KIND_ROOT), ==, 1);
  deleted = cd_test_dump_database (fixture->database);
  g_assert_cmpstr (deleted, !=, before);

  /* Undo brings back exactly what was there, key and name included. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "undo-delete", NULL);
  cd_test_iterate_pending ();
  after = cd_test_dump_database (fixture->database);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (count_in (window, CD_STORE_KIND_MY), ==, 1);
  row = find_shown_row (window, "server.example.test");
  g_assert_nonnull (row);
  g_assert_true (cd_certificate_get_has_private_key (row));
  g_assert_cmpstr (cd_certificate_get_friendly_name (row), ==, "Test Server");

  keys = cd_test_dump_keyring ();
  g_assert_nonnull (strstr (keys, cd_certificate_get_key_id (row)));

  /* Cancel deletes nothing. */
  select_row (window, "server.example.test", FALSE);
  dialog = ask_delete (window);
  adw_message_dialog_response (dialog, "cancel");
  cd_test_iterate_pending ();
  g_assert_cmpuint (cd_test_count_rows (fixture->database, CD_STORE_KIND_MY), ==, 1);
}

static void
test_window_delete_key (Fixture       *fixture,
                        gconstpointer  data)
{
  CdWindow *window = fixture->window;
  g_autoptr(CdCertificate) row = NULL;
  g_autofree char *key_id = NULL;
  g_autofree char *keys = NULL;
  AdwMessageDialog *dialog;

  import_leaf_pfx (fixture);
  row = find_shown_row (window, "server.example.test");
  key_id = g_strdup (cd_certificate_get_key_id (row));

  /* The user chooses to delete the key with the certificate. */
  select_row (window, "server.example.test", FALSE);
  dialog = ask_delete (window);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (adw_message_dialog_get_extra_child (dialog)), TRUE);
  adw_message_dialog_response (dialog, "delete");
  cd_test_iterate_pending ();

  /* While Undo is offered, the key is still there. */
  keys = cd_test_dump_keyring ();
  g_assert_nonnull (strstr (keys, key_id));
  g_clear_pointer (&keys, g_free);

  /* A second deletion makes the first final: now the key goes. A root
   * has no key of ours, so nothing is offered for it.
   */
  cd_window_select_store (window, CD_STORE_KIND_ROOT);
  cd_test_iterate_pending ();
  select_row (window, "Certdesk Test Root CA", FALSE);
  dialog = ask_delete (window);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==,
                   "Delete “Certdesk Test Root CA” from Trusted Root Certification Authorities?");
  g_assert_null (adw_message_dialog_get_extra_child (dialog));
  adw_message_dialog_response (dialog, "delete");
  cd_test_iterate_pending ();

  keys = cd_test_dump_keyring ();
  g_assert_null (strstr (keys, key_id));

  /* Undo now concerns the root alone. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "undo-delete", NULL);
  cd_test_iterate_pending ();
  g_assert_cmpuint (cd_test_count_rows (fixture->database, CD_STORE_KIND_ROOT), ==, 1);
  g_assert_cmpuint (cd_test_count_rows (fixture->database, CD_STORE_KIND_MY), ==, 0);
}

static void
test_window_delete_several (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *path = cd_test_fixture ("roots-bundle.pem");
  CdWindow *window = fixture->window;
  AdwMessageDialog *dialog;

  import_file (fixture, path, NULL, CD_STORE_KIND_AUTO);
  cd_window_select_store (window, CD_STORE_KIND_ROOT);
  cd_test_iterate_pending ();

  select_row (window, "Certdesk Bundle Root 1", FALSE);
  select_row (window, "Certdesk Bundle Root 2", TRUE);
  select_row (window, "Certdesk Bundle Root 3", TRUE);
  dialog = ask_delete (window);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==,
                   "Delete 3 certificates from Trusted Root Certification Authorities?");
  adw_message_dialog_response (dialog, "delete");
  cd_test_iterate_pending ();

  g_assert_cmpuint (count_in (window, CD_STORE_KIND_ROOT), ==, 17);
  g_assert_cmpuint (g_list_model_get_n_items (get_shown_rows (window)), ==, 17);
  g_assert_null (find_shown_row (window, "Certdesk Bundle Root 2"));

  g_action_group_activate_action (G_ACTION_GROUP (window), "undo-delete", NULL);
  cd_test_iterate_pending ();
  g_assert_cmpuint (count_in (window, CD_STORE_KIND_ROOT), ==, 20);
  g_assert_cmpuint (cd_test_count_rows (fixture->database, CD_STORE_KIND_ROOT), ==, 20);
}

static void
drop_on_store (CdWindow    *window,
               const char  *text,
               CdStoreKind  kind)
{
  g_autoptr(GListModel) controllers = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  GtkDropTarget *target = NULL;
  gboolean handled = FALSE;

  controllers = gtk_widget_observe_controllers (GTK_WIDGET (get_sidebar_row (window, kind)));
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && target == NULL; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, text);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &handled);
  g_assert_true (handled);
  cd_test_iterate_pending ();
}

static void
test_window_move_copy (Fixture       *fixture,
                       gconstpointer  data)
{
  CdWindow *window = fixture->window;
  g_autoptr(GPtrArray) selected = NULL;
  g_autoptr(CdCertificate) row = NULL;
  g_autofree char *text = NULL;

  import_leaf_pfx (fixture);

  /* "Move to Store › Trusted People" from the context menu. */
  select_row (window, "server.example.test", FALSE);
  g_action_group_activate_action (G_ACTION_GROUP (window), "move-to-store",
                                  g_variant_new_string ("trustedpeople"));
  cd_test_iterate_pending ();
  g_assert_cmpuint (count_in (window, CD_STORE_KIND_MY), ==, 0);
  g_assert_cmpuint (count_in (window, CD_STORE_KIND_TRUSTED_PEOPLE), ==, 1);
  g_assert_cmpuint (cd_test_count_rows (fixture->database, CD_STORE_KIND_TRUSTED_PEOPLE), ==, 1);

  /* Dragged from Trusted People onto Other People: moved. */
  cd_window_select_store (window, CD_STORE_KIND_TRUSTED_PEOPLE);
  cd_test_iterate_pending ();
  select_row (window, "server.example.test", FALSE);
  selected = cd_store_view_dup_selected (get_store_view (window));
  g_assert_cmpuint (selected->len, ==, 1);
  text = cd_store_view_format_drag_text (selected);
  drop_on_store (window, text, CD_STORE_KIND_ADDRESS_BOOK);
  g_assert_cmpuint (count_in (window, CD_STORE_KIND_TRUSTED_PEOPLE), ==, 0);
  g_assert_cmpuint (count_in (window, CD_STORE_KIND_ADDRESS_BOOK), ==, 1);

  /* Dropped on its own store, nothing happens. */
  cd_window_select_store (window, CD_STORE_KIND_ADDRESS_BOOK);
  cd_test_iterate_pending ();
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&selected, g_ptr_array_unref);
  select_row (window, "server.example.test", FALSE);
  selected = cd_store_view_dup_selected (get_store_view (window));
  text = cd_store_view_format_drag_text (selected);
  g_assert_false (cd_window_drop_certificates (window, text, CD_STORE_KIND_ADDRESS_BOOK,
                                               GDK_ACTION_MOVE));

  /* "Copy to Store › Personal": in both stores, key still known. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "copy-to-store",
                                  g_variant_new_string ("my"));
  cd_test_iterate_pending ();
  g_assert_cmpuint (count_in (window, CD_STORE_KIND_ADDRESS_BOOK), ==, 1);
  g_assert_cmpuint (count_in (window, CD_STORE_KIND_MY), ==, 1);
  cd_window_select_store (window, CD_STORE_KIND_MY);
  cd_test_iterate_pending ();
  row = find_shown_row (window, "server.example.test");
  g_assert_nonnull (row);
  g_assert_true (cd_certificate_get_has_private_key (row));

  /* A copy with Ctrl held, by a drop. */
  g_assert_true (cd_window_drop_certificates (window, text, CD_STORE_KIND_TRUSTED_PEOPLE,
                                              GDK_ACTION_COPY));
  g_assert_cmpuint (count_in (window, CD_STORE_KIND_ADDRESS_BOOK), ==, 1);
  g_assert_cmpuint (count_in (window, CD_STORE_KIND_TRUSTED_PEOPLE), ==, 1);
}

static char *chain_dir;

static void
remove_chain_dir (void)
{
  g_autofree char *quoted = g_shell_quote (chain_dir);

  cd_test_run_command ("rm -rf %s", quoted);
}

static char *
chain_fixture (const char *name)
{
  if (chain_dir == NULL)
    {
      g_autofree char *script = g_test_build_filename (G_TEST_DIST, "make-chain-fixtures.sh", NULL);
      g_autofree char *quoted_script = g_shell_quote (script);
      g_autofree char *quoted_dir = NULL;

      chain_dir = cd_test_make_tmpdir ();
      quoted_dir = g_shell_quote (chain_dir);
      cd_test_run_command ("sh %s %s", quoted_script, quoted_dir);
      atexit (remove_chain_dir);
    }

  return g_build_filename (chain_dir, name, NULL);
}

static gboolean
shown_in_expiring (CdExpiringView *view,
                   guint           position,
                   const char     *subject_cn)
{
  g_autoptr(CdCertificate) row = g_list_model_get_item (cd_expiring_view_get_model (view), position);

  return row != NULL && g_strcmp0 (cd_certificate_get_subject_cn (row), subject_cn) == 0;
}

static void
test_window_expiring (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *expired = chain_fixture ("expired-int.pem");
  g_autofree char *leaf = chain_fixture ("leaf.pem");
  g_autofree char *when = NULL;
  CdWindow *window = fixture->window;
  CdExpiringView *view;
  GtkWindow *preferences = NULL;
  g_autoptr(GList) toplevels = NULL;
  GtkWidget *spin;

  /* Expired in 2021, and valid until 2035. */
  import_file (fixture, expired, NULL, CD_STORE_KIND_AUTO);
  import_file (fixture, leaf, NULL, CD_STORE_KIND_ADDRESS_BOOK);

  cd_window_show_expiring (window);
  cd_test_iterate_pending ();
  g_assert_true (cd_window_get_showing_expiring (window));
  view = CD_EXPIRING_VIEW (find_widget (GTK_WIDGET (window), CD_TYPE_EXPIRING_VIEW, TRUE));
  g_assert_nonnull (view);
  g_assert_cmpuint (cd_expiring_view_get_days (view), ==, 60);

  /* Within the default 60 days, only the expired one. */
  g_assert_cmpuint (cd_expiring_view_get_n_items (view), ==, 1);
  g_assert_true (shown_in_expiring (view, 0, "Certdesk Chain Expired Intermediate CA"));
  g_assert_nonnull (find_label_containing (GTK_WIDGET (window), "Expiring Soon"));
  g_assert_cmpstr (get_subtitle (window), ==, "1 certificate");
  when = cd_expiring_view_format_when (g_get_real_time () / G_USEC_PER_SEC - 1,
                                       g_get_real_time () / G_USEC_PER_SEC);
  g_assert_cmpstr (when, ==, "Expired");
  g_clear_pointer (&when, g_free);
  when = cd_expiring_view_format_when (3 * 86400 + 100, 0);
  g_assert_cmpstr (when, ==, "In 3 days");

  /* Ten years ahead takes in the leaf too, after the expired one. */
  g_settings_set_int (settings, "expiry-warning-days", 3650);
  cd_test_iterate_pending ();
  g_assert_cmpuint (cd_expiring_view_get_n_items (view), ==, 2);
  g_assert_true (shown_in_expiring (view, 0, "Certdesk Chain Expired Intermediate CA"));
  g_assert_true (shown_in_expiring (view, 1, "valid.chain.test"));
  g_assert_cmpstr (get_subtitle (window), ==, "2 certificates");

  /* The preferences set the same key. */
  cd_window_show_preferences (window);
  cd_test_iterate_pending ();
  toplevels = gtk_window_list_toplevels ();
  for (const GList *l = toplevels; l != NULL; l = l->next)
    {
      if (CD_IS_PREFERENCES_WINDOW (l->data))
        preferences = l->data;
    }
  g_assert_nonnull (preferences);
  spin = find_widget (GTK_WIDGET (preferences), GTK_TYPE_SPIN_BUTTON, FALSE);
  g_assert_nonnull (spin);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, 3650);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 30);
  cd_test_iterate_pending ();
  g_assert_cmpint (g_settings_get_int (settings, "expiry-warning-days"), ==, 30);
  g_assert_cmpuint (cd_expiring_view_get_n_items (view), ==, 1);
  gtk_window_destroy (preferences);

  /* A store shows its certificates again. */
  cd_window_select_store (window, CD_STORE_KIND_CA);
  cd_test_iterate_pending ();
  g_assert_false (cd_window_get_showing_expiring (window));
  g_assert_cmpuint (g_list_model_get_n_items (get_shown_rows (window)), ==, 1);

  g_settings_reset (settings, "expiry-warning-days");
}

/* The import queue, without a window. */

typedef struct
{
  CdImportResult *result;
  GPtrArray      *failures;
  GPtrArray      *asked;         /* "name wrong|first" for each password request */
  const char     *answers[4];    /* given in turn; NULL skips the file */
  guint           n_answered;
  guint           n_progress;
  gboolean        finished;
  gboolean        cancelled;
  gboolean        take_requests;
  gboolean        cancel_on_request;
  const char     *known_password; /* given with every file, as after opening it */
} QueueRun;

static gboolean
queue_password_requested_cb (CdImportQueue *queue,
                             GFile         *file,
                             const char    *display_name,
                             gboolean       was_wrong,
                             QueueRun      *run)
{
  if (!run->take_requests)
    return FALSE;

  g_ptr_array_add (run->asked, g_strdup_printf ("%s %s", display_name,
                                                was_wrong ? "wrong" : "first"));
  g_assert_true (cd_import_queue_get_waiting (queue));

  if (run->cancel_on_request)
    cd_import_queue_cancel (queue);
  else
    cd_import_queue_answer_password (queue, run->answers[run->n_answered++]);

  return TRUE;
}

static void
queue_progress_cb (CdImportQueue *queue,
                   QueueRun      *run)
{
  double fraction = cd_import_queue_get_fraction (queue);

  g_assert_cmpfloat (fraction, >=, 0.0);
  g_assert_cmpfloat (fraction, <=, 1.0);
  g_assert_cmpuint (cd_import_queue_get_position (queue), <=, cd_import_queue_get_n_files (queue));
  run->n_progress++;
}

static void
queue_finished_cb (CdImportQueue  *queue,
                   CdImportResult *result,
                   GPtrArray      *failures,
                   gboolean        cancelled,
                   QueueRun       *run)
{
  g_assert_false (cd_import_queue_get_busy (queue));

  run->result = cd_import_result_ref (result);
  run->failures = g_ptr_array_ref (failures);
  run->cancelled = cancelled;
  run->finished = TRUE;
}

static gboolean
queue_run_finished (gpointer data)
{
  return ((QueueRun *)data)->finished;
}

static void
queue_run_clear (QueueRun *run)
{
  g_clear_pointer (&run->result, cd_import_result_unref);
  g_clear_pointer (&run->failures, g_ptr_array_unref);
  g_clear_pointer (&run->asked, g_ptr_array_unref);
}

static void
run_queue (QueueRun   *run,
           const char *first_name,
           ...)
{
  g_autoptr(CdDatabase) database = cd_test_open_database (NULL);
  g_autoptr(CdKeyring) keyring = cd_keyring_new (FALSE);
  g_autoptr(CdImporter) importer = cd_importer_new (database, keyring);
  g_autoptr(CdImportQueue) queue = cd_import_queue_new (importer);
  va_list args;

  run->asked = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (queue, "password-requested", G_CALLBACK (queue_password_requested_cb), run);
  g_signal_connect (queue, "progress", G_CALLBACK (queue_progress_cb), run);
  g_signal_connect (queue, "finished", G_CALLBACK (queue_finished_cb), run);

  va_start (args, first_name);
  for (const char *name = first_name; name != NULL; name = va_arg (args, const char *))
    {
      g_autoptr(GFile) file = cd_test_fixture_file (name);

      cd_import_queue_add_with_password (queue, file, CD_STORE_KIND_AUTO, run->known_password);
      g_assert_true (cd_import_queue_get_busy (queue));
    }
  va_end (args);

  cd_test_iterate_until (queue_run_finished, run, "the queue to finish");
  g_assert_false (cd_import_queue_get_busy (queue));
  g_assert_cmpuint (cd_import_queue_get_n_files (queue), ==, 0);
}

/* A file opened with its password (to look at it) and then imported is
 * not asked for it again; a password that has become wrong still is.
 */
static void
test_import_queue_known_password (void)
{
  QueueRun run = { .take_requests = TRUE, .known_password = CD_TEST_PASSWORD };
  QueueRun stale = { .take_requests = TRUE, .known_password = "not the password",
                     .answers = { CD_TEST_PASSWORD } };

  run_queue (&run, "leaf.pfx", NULL);
  g_assert_cmpuint (run.asked->len, ==, 0);
  g_assert_cmpuint (run.failures->len, ==, 0);
  g_assert_cmpuint (cd_import_result_get_keys_added (run.result), ==, 1);
  queue_run_clear (&run);

  run_queue (&stale, "leaf.pfx", NULL);
  g_assert_cmpuint (stale.asked->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (stale.asked, 0), ==, "leaf.pfx wrong");
  g_assert_cmpuint (cd_import_result_get_keys_added (stale.result), ==, 1);
  queue_run_clear (&stale);
}

static void
test_import_queue_passwords (void)
{
  QueueRun run = { .take_requests = TRUE, .answers = { "wrong", CD_TEST_PASSWORD, NULL } };

  /* One file asked for twice (a wrong answer, then the right one), one
   * skipped: only the first is imported, and nothing counts as failed.
   */
  run_queue (&run, "leaf.pfx", "leaf-3des.pfx", NULL);

  g_assert_false (run.cancelled);
  g_assert_cmpuint (run.asked->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (run.asked, 0), ==, "leaf.pfx first");
  g_assert_cmpstr (g_ptr_array_index (run.asked, 1), ==, "leaf.pfx wrong");
  g_assert_cmpstr (g_ptr_array_index (run.asked, 2), ==, "leaf-3des.pfx first");
  g_assert_cmpuint (run.failures->len, ==, 0);
  g_assert_cmpuint (cd_import_result_get_added (run.result, CD_STORE_KIND_MY), ==, 1);
  g_assert_cmpuint (cd_import_result_get_total_added (run.result), ==, 3);
  g_assert_cmpuint (run.n_progress, >=, 3);

  queue_run_clear (&run);
}

static void
test_import_queue_unanswered (void)
{
  QueueRun run = { .take_requests = FALSE };
  const GError *error;

  /* Nobody to ask: the encrypted file fails with the importer's error,
   * the rest goes on.
   */
  run_queue (&run, "leaf.pfx", "roots-bundle.pem", "truncated.pem", NULL);

  g_assert_false (run.cancelled);
  g_assert_cmpuint (run.failures->len, ==, 2);
  error = g_ptr_array_index (run.failures, 0);
  g_assert_error (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_NEEDS_PASSWORD);
  g_assert_nonnull (strstr (error->message, "leaf.pfx"));
  error = g_ptr_array_index (run.failures, 1);
  g_assert_nonnull (strstr (error->message, "truncated.pem"));
  g_assert_cmpuint (cd_import_result_get_added (run.result, CD_STORE_KIND_ROOT), ==, 20);

  queue_run_clear (&run);
}

static void
test_import_queue_cancel (void)
{
  QueueRun run = { .take_requests = TRUE, .cancel_on_request = TRUE };

  /* Cancelling at the password of the second file keeps the first and
   * never starts the third.
   */
  run_queue (&run, "roots-bundle.pem", "leaf.pfx", "chain.pem", NULL);

  g_assert_true (run.cancelled);
  g_assert_cmpuint (run.asked->len, ==, 1);
  g_assert_cmpuint (run.failures->len, ==, 0);
  g_assert_cmpuint (cd_import_result_get_added (run.result, CD_STORE_KIND_ROOT), ==, 20);
  g_assert_cmpuint (cd_import_result_get_added (run.result, CD_STORE_KIND_CA), ==, 0);
  g_assert_cmpuint (cd_import_result_get_total_added (run.result), ==, 20);

  queue_run_clear (&run);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  /* Make the fixtures before the first window, not inside a test's deadline. */
  cd_test_fixtures_dir ();

  g_test_add ("/certdesk/window/empty", Fixture, NULL,
              fixture_set_up, test_window_empty, fixture_tear_down);
  g_test_add ("/certdesk/window/drop-pfx", Fixture, NULL,
              fixture_set_up, test_window_drop_pfx, fixture_tear_down);
  g_test_add ("/certdesk/window/wrong-password", Fixture, NULL,
              fixture_set_up, test_window_wrong_password, fixture_tear_down);
  g_test_add ("/certdesk/window/roots-and-search", Fixture, NULL,
              fixture_set_up, test_window_roots_and_search, fixture_tear_down);
  g_test_add ("/certdesk/window/failures", Fixture, NULL,
              fixture_set_up, test_window_failures, fixture_tear_down);
  g_test_add ("/certdesk/window/paste", Fixture, NULL,
              fixture_set_up, test_window_paste, fixture_tear_down);
  g_test_add ("/certdesk/window/external-change", Fixture, NULL,
              fixture_set_up, test_window_external_change, fixture_tear_down);
  g_test_add ("/certdesk/window/open-row", Fixture, NULL,
              fixture_set_up, test_window_open_row, fixture_tear_down);
  g_test_add ("/certdesk/window/delete-undo", Fixture, NULL,
              fixture_set_up, test_window_delete_undo, fixture_tear_down);
  g_test_add ("/certdesk/window/delete-key", Fixture, NULL,
              fixture_set_up, test_window_delete_key, fixture_tear_down);
  g_test_add ("/certdesk/window/delete-several", Fixture, NULL,
              fixture_set_up, test_window_delete_several, fixture_tear_down);
  g_test_add ("/certdesk/window/move-copy", Fixture, NULL,
              fixture_set_up, test_window_move_copy, fixture_tear_down);
  g_test_add ("/certdesk/window/expiring", Fixture, NULL,
              fixture_set_up, test_window_expiring, fixture_tear_down);
  g_test_add_func ("/certdesk/window/settings", test_window_settings);
  g_test_add_func ("/certdesk/window/database-error", test_window_database_error);
  g_test_add_func ("/certdesk/import-queue/known-password", test_import_queue_known_password);
  g_test_add_func ("/certdesk/import-queue/passwords", test_import_queue_passwords);
  g_test_add_func ("/certdesk/import-queue/unanswered", test_import_queue_unanswered);
  g_test_add_func ("/certdesk/import-queue/cancel", test_import_queue_cancel);

  return g_test_run ();
}
