/* test-certificate-dialog.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The certificate dialog, opened as a user opens it: from a row of the
 * main window, from a file given to the application (without importing
 * it), and from a node of the Certification Path page. What each page
 * shows is read back from its widgets, under Xvfb, with a real keyring
 * and a real database. The chains are made by openssl at test time
 * (make-fixtures.sh and make-chain-fixtures.sh).
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "cd-certificate-dialog.h"
#include "cd-certificate.h"
#include "cd-database.h"
#include "cd-detail.h"
#include "cd-details-page.h"
#include "cd-general-page.h"
#include "cd-gui-test-utils.h"
#include "cd-importer.h"
#include "cd-keyring.h"
#include "cd-password-dialog.h"
#include "cd-path-page.h"
#include "cd-properties-page.h"
#include "cd-status-style.h"
#include "cd-store-kind.h"
#include "cd-test-utils.h"
#include "cd-window.h"

#define DEADLINE_SECONDS 60

typedef CdTestWindowFixture Fixture;

/* The label showing exactly @text, or NULL. */
static GtkLabel *
find_label (GtkWidget  *root,
            const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  cd_test_collect_widgets (root, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      if (g_strcmp0 (gtk_label_get_label (g_ptr_array_index (labels, i)), text) == 0)
        return g_ptr_array_index (labels, i);
    }

  return NULL;
}

/* Whether the dialog offers @name among its pages (in its switcher). */
static gboolean
page_offered (CdCertificateDialog *dialog,
              const char          *name)
{
  GtkWidget *page = cd_certificate_dialog_get_page (dialog, name);
  GtkWidget *stack = gtk_widget_get_ancestor (page, ADW_TYPE_VIEW_STACK);

  g_assert_nonnull (stack);

  return adw_view_stack_page_get_visible (adw_view_stack_get_page (ADW_VIEW_STACK (stack), page));
}

static gboolean
dialog_shown (gpointer data)
{
  return cd_test_find_toplevel (CD_TYPE_CERTIFICATE_DIALOG, data) != NULL;
}

static CdCertificateDialog *
wait_for_dialog (const char *title)
{
  g_autofree char *what = g_strdup_printf ("the dialog of “%s”", title);
  CdCertificateDialog *dialog;

  cd_test_iterate_until (dialog_shown, (gpointer)title, what);
  dialog = CD_CERTIFICATE_DIALOG (cd_test_find_toplevel (CD_TYPE_CERTIFICATE_DIALOG, title));
  cd_test_iterate_pending ();

  return dialog;
}

static gboolean
message_dialog_shown (gpointer data)
{
  return cd_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL) != NULL;
}

static void
close_dialogs (void)
{
  cd_test_close_dialogs (CD_TYPE_CERTIFICATE_DIALOG, ADW_TYPE_MESSAGE_DIALOG, G_TYPE_INVALID);
}

static void
import_fixture (Fixture     *fixture,
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
  g_assert_nonnull (result);
}

/* The rows the main window's list shows. */
static GListModel *
get_shown_rows (CdWindow *window)
{
  GtkWidget *view = cd_test_find_widget (GTK_WIDGET (window), GTK_TYPE_COLUMN_VIEW);

  g_assert_nonnull (view);

  return G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (view)));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  cd_test_window_fixture_set_up (fixture, -1, -1);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  close_dialogs ();
  cd_test_window_fixture_tear_down (fixture);
}

/* Imports leaf.pfx (leaf with its key, intermediate, root) and opens
 * the leaf from Personal, as a double click on its row does.
 */
static CdCertificateDialog *
open_leaf (Fixture *fixture)
{
  g_autofree char *pfx = cd_test_fixture ("leaf.pfx");
  g_autoptr(CdCertificate) row = NULL;
  GtkWindow *dialog;

  import_fixture (fixture, pfx, CD_TEST_PASSWORD, CD_STORE_KIND_AUTO);
  cd_window_reload (fixture->window);

  row = cd_test_find_certificate (fixture->database, CD_STORE_KIND_MY, "server.example.test");
  g_assert_nonnull (row);

  dialog = cd_window_show_certificate (fixture->window, row);
  g_assert_true (CD_IS_CERTIFICATE_DIALOG (dialog));
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (fixture->window));
  cd_test_iterate_until (cd_test_window_mapped, dialog, "the dialog to be shown");
  cd_test_iterate_pending ();

  return CD_CERTIFICATE_DIALOG (dialog);
}

static void
test_dialog_general (Fixture       *fixture,
                     gconstpointer  data)
{
  CdCertificateDialog *dialog = open_leaf (fixture);
  GtkWidget *page = cd_certificate_dialog_get_page (dialog, "general");
  GtkLabel *label;

  g_assert_cmpstr (cd_certificate_dialog_get_visible_page (dialog), ==, "general");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "server.example.test");

  /* Issued to and by, as certmgr.msc names them. */
  g_assert_nonnull (find_label (page, "server.example.test"));
  g_assert_nonnull (find_label (page, "Certdesk Test Intermediate CA"));

  /* The purposes of its Extended Key Usage, one a line. */
  label = find_label (page, "• Server Authentication\n• Client Authentication");
  g_assert_nonnull (label);

  /* The keyring holds its key, and the dialog says so. */
  label = find_label (page, "You have a private key that corresponds to this certificate.");
  g_assert_nonnull (label);
  g_assert_true (cd_test_is_shown (GTK_WIDGET (label)));

  /* Root in Trusted Root, intermediate in Intermediate: OK. */
  g_assert_nonnull (cd_certificate_dialog_get_chain (dialog));
  g_assert_cmpint (cd_chain_get_status (cd_certificate_dialog_get_chain (dialog)), ==,
                   CD_CHAIN_STATUS_VALID);
  g_assert_cmpstr (cd_general_page_get_status_text (CD_GENERAL_PAGE (page)), ==,
                   "This certificate is OK.");
  g_assert_nonnull (find_label (page, "This certificate is OK."));

  /* Every page of a certificate in a store is there. */
  g_assert_true (page_offered (dialog, "details"));
  g_assert_true (page_offered (dialog, "path"));
  g_assert_true (page_offered (dialog, "properties"));
}

static CdDetail *
find_detail (GListModel *model,
             const char *name)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CdDetail) detail = g_list_model_get_item (model, i);

      if (g_strcmp0 (cd_detail_get_name (detail), name) == 0)
        return g_steal_pointer (&detail);
    }

  return NULL;
}

static void
test_dialog_details (Fixture       *fixture,
                     gconstpointer  data)
{
  CdCertificateDialog *dialog = open_leaf (fixture);
  CdDetailsPage *page = CD_DETAILS_PAGE (cd_certificate_dialog_get_page (dialog, "details"));
  GListModel *shown = cd_details_page_get_shown (page);
  g_autoptr(CdDetail) san = NULL;
  g_autofree char *value = NULL;
  g_autofree char *pem = NULL;
  g_autofree char *copied = NULL;
  guint n_all;
  guint n_critical;
  guint n_extensions;

  cd_certificate_dialog_set_visible_page (dialog, "details");
  cd_test_iterate_pending ();

  /* All rows, with the alternative names among them. */
  n_all = g_list_model_get_n_items (shown);
  g_assert_cmpuint (n_all, ==,
                    g_list_model_get_n_items (cd_certificate_info_get_details (cd_certificate_dialog_get_info (dialog))));
  san = find_detail (shown, "Subject Alternative Name");
  g_assert_nonnull (san);
  g_assert_nonnull (strstr (cd_detail_get_value (san), "server.example.test"));
  g_assert_nonnull (strstr (cd_detail_get_value (san), "192.0.2.10"));

  /* Selecting a row shows its whole value below, and Copy copies it. */
  for (guint i = 0; i < n_all; i++)
    {
      g_autoptr(CdDetail) detail = g_list_model_get_item (shown, i);

      if (detail == san)
        cd_details_page_select (page, i);
    }
  value = cd_details_page_dup_value_text (page);
  g_assert_cmpstr (value, ==, cd_detail_get_value (san));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "details.copy-value", NULL));
  copied = cd_test_read_clipboard (GTK_WIDGET (page));
  g_assert_cmpstr (copied, ==, cd_detail_get_value (san));
  g_clear_pointer (&copied, g_free);

  /* "Copy as PEM" copies the whole certificate. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "details.copy-pem", NULL));
  copied = cd_test_read_clipboard (GTK_WIDGET (page));
  pem = cd_certificate_info_dup_pem (cd_certificate_dialog_get_info (dialog));
  g_assert_true (g_str_has_prefix (copied, "-----BEGIN CERTIFICATE-----"));
  g_assert_cmpstr (copied, ==, pem);

  /* The filter narrows: extensions only, then the critical ones (Key
   * Usage and Basic Constraints in leaf's case, see make-fixtures.sh).
   */
  cd_details_page_set_filter (page, CD_DETAILS_FILTER_EXTENSIONS);
  cd_test_iterate_pending ();
  n_extensions = g_list_model_get_n_items (shown);
  g_assert_cmpuint (n_extensions, >, 0);
  g_assert_cmpuint (n_extensions, <, n_all);
  for (guint i = 0; i < n_extensions; i++)
    {
      g_autoptr(CdDetail) detail = g_list_model_get_item (shown, i);

      g_assert_cmpint (cd_detail_get_kind (detail), ==, CD_DETAIL_KIND_EXTENSION);
    }

  cd_details_page_set_filter (page, CD_DETAILS_FILTER_CRITICAL);
  cd_test_iterate_pending ();
  n_critical = g_list_model_get_n_items (shown);
  g_assert_cmpuint (n_critical, >, 0);
  g_assert_cmpuint (n_critical, <, n_extensions);
  for (guint i = 0; i < n_critical; i++)
    {
      g_autoptr(CdDetail) detail = g_list_model_get_item (shown, i);

      g_assert_cmpint (cd_detail_get_kind (detail), ==, CD_DETAIL_KIND_EXTENSION);
      g_assert_true (cd_detail_get_critical (detail));
    }
  g_assert_null (find_detail (shown, "Subject Alternative Name"));

  cd_details_page_set_filter (page, CD_DETAILS_FILTER_PROPERTIES);
  cd_test_iterate_pending ();
  g_assert_cmpuint (g_list_model_get_n_items (shown), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(CdDetail) detail = g_list_model_get_item (shown, i);

      g_assert_cmpint (cd_detail_get_kind (detail), ==, CD_DETAIL_KIND_PROPERTY);
    }

  cd_details_page_set_filter (page, CD_DETAILS_FILTER_ALL);
  cd_test_iterate_pending ();
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n_all);
}

static guint
count_dialogs (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();
  guint n = 0;

  for (const GList *l = toplevels; l != NULL; l = l->next)
    {
      if (CD_IS_CERTIFICATE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
        n++;
    }

  return n;
}

static const char *
element_cn (GListModel *elements,
            guint       position)
{
  g_autoptr(CdChainElement) element = g_list_model_get_item (elements, position);

  return cd_chain_element_get_subject_cn (element);
}

static void
test_dialog_path (Fixture       *fixture,
                  gconstpointer  data)
{
  CdCertificateDialog *dialog = open_leaf (fixture);
  CdPathPage *page = CD_PATH_PAGE (cd_certificate_dialog_get_page (dialog, "path"));
  GListModel *elements = cd_path_page_get_elements (page);
  CdCertificateDialog *root_dialog;
  CdCertificate *root_row;

  cd_certificate_dialog_set_visible_page (dialog, "path");
  cd_test_iterate_pending ();

  /* Three nodes, root first, this certificate selected last. */
  g_assert_cmpuint (g_list_model_get_n_items (elements), ==, 3);
  g_assert_cmpstr (element_cn (elements, 0), ==, "Certdesk Test Root CA");
  g_assert_cmpstr (element_cn (elements, 1), ==, "Certdesk Test Intermediate CA");
  g_assert_cmpstr (element_cn (elements, 2), ==, "server.example.test");
  g_assert_true (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (elements), 2));
  g_assert_cmpstr (cd_path_page_get_status_text (page), ==, "This certificate is OK.");

  /* This certificate is the one shown already; the root can be opened. */
  gtk_widget_activate_action (GTK_WIDGET (page), "path.view-certificate", NULL);
  cd_test_iterate_pending ();
  g_assert_cmpuint (count_dialogs (), ==, 1);
  cd_path_page_select (page, 0);
  cd_test_iterate_pending ();
  g_assert_nonnull (strstr (cd_path_page_get_status_text (page), "OK"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "path.view-certificate", NULL));

  /* It opens with its own pages, Properties included: it is in a store. */
  root_dialog = wait_for_dialog ("Certdesk Test Root CA");
  root_row = cd_certificate_dialog_get_certificate (root_dialog);
  g_assert_nonnull (root_row);
  g_assert_cmpint (cd_certificate_get_store (root_row), ==, CD_STORE_KIND_ROOT);
  g_assert_cmpuint (g_list_model_get_n_items (cd_path_page_get_elements (CD_PATH_PAGE (cd_certificate_dialog_get_page (root_dialog, "path")))), ==, 1);

  /* The system's roots are an extra source the user turns on. */
  g_assert_false (cd_certificate_dialog_get_system_anchors (dialog));
  cd_path_page_set_system_anchors (page, TRUE);
  g_assert_true (cd_certificate_dialog_get_system_anchors (dialog));
  g_assert_cmpint (cd_chain_get_status (cd_certificate_dialog_get_chain (dialog)), ==,
                   CD_CHAIN_STATUS_VALID);
  g_assert_cmpuint (g_list_model_get_n_items (cd_path_page_get_elements (page)), ==, 3);
}

static void
test_dialog_properties (Fixture       *fixture,
                        gconstpointer  data)
{
  CdCertificateDialog *dialog = open_leaf (fixture);
  CdPropertiesPage *page;
  g_autoptr(CdCertificate) row = NULL;
  GListModel *shown;
  GtkWidget *entry_row;
  gboolean found = FALSE;

  page = CD_PROPERTIES_PAGE (cd_certificate_dialog_get_page (dialog, "properties"));
  cd_certificate_dialog_set_visible_page (dialog, "properties");
  cd_test_iterate_pending ();

  /* It shows the friendly name the PKCS#12 file gave. */
  g_assert_cmpstr (cd_properties_page_get_friendly_name (page), ==, "Test Server");

  /* Typing a new one and applying it (the row's apply button) saves it... */
  entry_row = cd_test_find_widget (GTK_WIDGET (page), ADW_TYPE_ENTRY_ROW);
  g_assert_nonnull (entry_row);
  gtk_editable_set_text (GTK_EDITABLE (entry_row), "Web Server 2026");
  g_assert_true (cd_properties_page_get_modified (page));
  g_signal_emit_by_name (entry_row, "apply");
  g_assert_false (cd_properties_page_get_modified (page));

  row = cd_test_find_certificate (fixture->database, CD_STORE_KIND_MY, "server.example.test");
  g_assert_cmpstr (cd_certificate_get_friendly_name (row), ==, "Web Server 2026");
  g_clear_object (&row);

  /* ...and the list shows it. */
  shown = get_shown_rows (fixture->window);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(CdCertificate) item = g_list_model_get_item (shown, i);

      if (g_strcmp0 (cd_certificate_get_friendly_name (item), "Web Server 2026") == 0)
        found = TRUE;
    }
  g_assert_true (found);

  /* A description typed but not applied is kept when the dialog closes. */
  cd_properties_page_set_description (page, "Renew in March");
  gtk_window_close (GTK_WINDOW (dialog));
  cd_test_iterate_pending ();
  row = cd_test_find_certificate (fixture->database, CD_STORE_KIND_MY, "server.example.test");
  g_assert_cmpstr (cd_certificate_get_description (row), ==, "Renew in March");
  g_assert_cmpstr (cd_certificate_get_friendly_name (row), ==, "Web Server 2026");
  g_assert_null (cd_test_find_toplevel (CD_TYPE_CERTIFICATE_DIALOG, NULL));
}

static guint
count_all_rows (CdDatabase *database)
{
  guint total = 0;

  for (guint i = 0; i < CD_N_STORE_KINDS; i++)
    total += cd_test_count_rows (database, i);

  return total;
}

static void
test_dialog_open_file (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GFile) file = cd_test_fixture_file ("leaf.der");
  g_autofree char *before = cd_test_dump_database (fixture->database);
  g_autofree char *after = NULL;
  CdCertificateDialog *dialog;
  GtkWidget *button;
  GtkWidget *page;

  /* `certdesk leaf.der`, or a double click in Files: shown, not imported. */
  cd_window_open_files (fixture->window, &file, 1);
  dialog = wait_for_dialog ("server.example.test");

  after = cd_test_dump_database (fixture->database);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (count_all_rows (fixture->database), ==, 0);

  /* In no store: no properties, no key; the issuer is nowhere either. */
  g_assert_null (cd_certificate_dialog_get_certificate (dialog));
  g_assert_false (page_offered (dialog, "properties"));
  g_assert_true (page_offered (dialog, "path"));
  page = cd_certificate_dialog_get_page (dialog, "general");
  g_assert_false (cd_test_is_shown (GTK_WIDGET (find_label (page, "You have a private key that corresponds to this certificate."))));
  g_assert_cmpint (cd_chain_get_status (cd_certificate_dialog_get_chain (dialog)), ==,
                   CD_CHAIN_STATUS_ISSUER_UNKNOWN);

  /* The Import button imports that file, through the window's queue. */
  g_assert_true (g_file_equal (cd_certificate_dialog_get_file (dialog), file));
  button = cd_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON);
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "dialog.import");
  g_assert_true (cd_test_is_shown (button));
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (cd_window_get_importing (fixture->window));
  cd_test_iterate_until (cd_test_window_not_importing, fixture->window, "the import");
  cd_test_iterate_pending ();

  g_assert_null (cd_test_find_toplevel (CD_TYPE_CERTIFICATE_DIALOG, NULL));
  g_assert_cmpuint (cd_test_count_rows (fixture->database, CD_STORE_KIND_ADDRESS_BOOK), ==, 1);
  g_assert_cmpuint (count_all_rows (fixture->database), ==, 1);
}

static gboolean
password_dialog_shown (gpointer data)
{
  return cd_test_find_toplevel (CD_TYPE_PASSWORD_DIALOG, NULL) != NULL;
}

static void
test_dialog_open_pfx (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GFile) file = cd_test_fixture_file ("leaf.pfx");
  CdPasswordDialog *password;
  CdCertificateDialog *dialog;
  GtkWidget *entry;

  cd_window_open_files (fixture->window, &file, 1);

  /* It asks first, and opens (not imports) with the password. */
  cd_test_iterate_until (password_dialog_shown, NULL, "the password dialog");
  password = CD_PASSWORD_DIALOG (cd_test_find_toplevel (CD_TYPE_PASSWORD_DIALOG, NULL));
  g_assert_cmpstr (adw_message_dialog_get_response_label (ADW_MESSAGE_DIALOG (password), "import"),
                   ==, "_Open");
  entry = cd_test_find_widget (GTK_WIDGET (password), GTK_TYPE_PASSWORD_ENTRY);
  gtk_editable_set_text (GTK_EDITABLE (entry), CD_TEST_PASSWORD);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (password), "import");

  dialog = wait_for_dialog ("server.example.test");
  g_assert_nonnull (cd_certificate_dialog_get_file (dialog));
  g_assert_cmpuint (count_all_rows (fixture->database), ==, 0);
}

static void
test_dialog_open_garbage (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GFile) file = cd_test_fixture_file ("garbage.bin");
  AdwMessageDialog *message;

  cd_window_open_files (fixture->window, &file, 1);

  /* A file that is no certificate says so, by its name. */
  cd_test_iterate_until (message_dialog_shown, NULL, "the error dialog");
  message = ADW_MESSAGE_DIALOG (cd_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL));
  g_assert_cmpstr (adw_message_dialog_get_heading (message), ==, "Cannot Open “garbage.bin”");
  g_assert_nonnull (adw_message_dialog_get_body (message));
  g_assert_cmpstr (adw_message_dialog_get_body (message), !=, "");
  g_assert_null (cd_test_find_toplevel (CD_TYPE_CERTIFICATE_DIALOG, NULL));
}

static void
test_dialog_request (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GFile) file = cd_test_fixture_file ("leaf.csr");
  CdCertificateDialog *dialog;

  cd_window_open_files (fixture->window, &file, 1);
  dialog = wait_for_dialog ("server.example.test");

  /* A request has no issuer yet: no chain and no path page. */
  g_assert_true (cd_certificate_info_get_is_request (cd_certificate_dialog_get_info (dialog)));
  g_assert_null (cd_certificate_dialog_get_chain (dialog));
  g_assert_false (page_offered (dialog, "path"));
}

/* The chain cases, as the dialog shows them. */

static char *chain_dir;

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
    }

  return g_build_filename (chain_dir, name, NULL);
}

static void
test_dialog_chain_statuses (Fixture       *fixture,
                            gconstpointer  data)
{
  static const struct {
    const char    *file;
    const char    *cn;
    CdChainStatus  status;
  } cases[] = {
    { "leaf.pem", "valid.chain.test", CD_CHAIN_STATUS_VALID },
    { "expired-int-leaf.pem", "under-expired.chain.test", CD_CHAIN_STATUS_EXPIRED },
    { "orphan-leaf.pem", "orphan.chain.test", CD_CHAIN_STATUS_ISSUER_UNKNOWN },
    { "self-signed.pem", "self.chain.test", CD_CHAIN_STATUS_UNTRUSTED_ROOT },
    { "bad-signature-leaf.pem", "badsig.chain.test", CD_CHAIN_STATUS_BAD_SIGNATURE },
    { "nc-evil-leaf.pem", "evil.test", CD_CHAIN_STATUS_NAME_CONSTRAINTS },
    { "distrusted-leaf.pem", "distrusted.chain.test", CD_CHAIN_STATUS_DISTRUSTED },
  };
  static const struct {
    const char  *file;
    CdStoreKind  kind;
  } stores[] = {
    { "root.pem", CD_STORE_KIND_ROOT },
    { "int.pem", CD_STORE_KIND_CA },
    { "expired-int.pem", CD_STORE_KIND_CA },
    { "nc-int.pem", CD_STORE_KIND_CA },
    { "distrusted-int.pem", CD_STORE_KIND_DISALLOWED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (stores); i++)
    {
      g_autofree char *path = chain_fixture (stores[i].file);

      import_fixture (fixture, path, NULL, stores[i].kind);
    }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = chain_fixture (cases[i].file);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      CdCertificateDialog *dialog;
      CdGeneralPage *general;
      CdPathPage *path_page;
      GListModel *elements;
      CdChain *chain;
      g_autoptr(CdChainElement) leaf = NULL;
      GtkWidget *icon;

      g_test_message ("%s", cases[i].file);

      cd_window_open_files (fixture->window, &file, 1);
      dialog = wait_for_dialog (cases[i].cn);
      chain = cd_certificate_dialog_get_chain (dialog);
      g_assert_nonnull (chain);
      g_assert_cmpint (cd_chain_get_status (chain), ==, cases[i].status);

      /* The General page says it in words, next to the matching icon. */
      general = CD_GENERAL_PAGE (cd_certificate_dialog_get_page (dialog, "general"));
      g_assert_cmpstr (cd_general_page_get_status_text (general), ==,
                       cd_chain_get_status_label (chain));
      icon = cd_test_find_widget (GTK_WIDGET (general), GTK_TYPE_IMAGE);
      g_assert_cmpstr (gtk_image_get_icon_name (GTK_IMAGE (icon)), ==,
                       cd_status_style_get_icon_name (cases[i].status));

      /* The path page shows the leaf last, with its own status line. */
      path_page = CD_PATH_PAGE (cd_certificate_dialog_get_page (dialog, "path"));
      elements = cd_path_page_get_elements (path_page);
      g_assert_cmpuint (g_list_model_get_n_items (elements), >=, 1);
      leaf = g_list_model_get_item (elements, g_list_model_get_n_items (elements) - 1);
      g_assert_cmpstr (cd_chain_element_get_subject_cn (leaf), ==, cases[i].cn);
      g_assert_cmpint (cd_chain_element_get_status (leaf), ==, cases[i].status);
      g_assert_true (g_str_has_prefix (cd_path_page_get_status_text (path_page),
                                       cd_chain_element_get_status_label (leaf)));

      gtk_window_destroy (GTK_WINDOW (dialog));
      cd_test_iterate_pending ();
    }

  g_assert_cmpuint (count_all_rows (fixture->database), ==, G_N_ELEMENTS (stores));
}

static void
test_dialog_escape (Fixture       *fixture,
                    gconstpointer  data)
{
  CdCertificateDialog *dialog = open_leaf (fixture);
  g_autoptr(GtkShortcutTrigger) trigger = gtk_keyval_trigger_new (GDK_KEY_Escape, 0);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (dialog));
  gboolean bound = FALSE;

  /* Escape closes it, as it closes any dialog. */
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !bound; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), trigger))
            {
              g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                                           GTK_WIDGET (dialog),
                                                           gtk_shortcut_get_arguments (shortcut)));
              bound = TRUE;
              break;
            }
        }
    }
  g_assert_true (bound);
  cd_test_iterate_pending ();
  g_assert_null (cd_test_find_toplevel (CD_TYPE_CERTIFICATE_DIALOG, NULL));
}

static void
remove_chain_dir (void)
{
  if (chain_dir != NULL)
    {
      g_autofree char *quoted = g_shell_quote (chain_dir);

      cd_test_run_command ("rm -rf %s", quoted);
      g_clear_pointer (&chain_dir, g_free);
    }
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  cd_test_set_deadline (DEADLINE_SECONDS);
  gtk_init ();
  adw_init ();

  cd_test_fixtures_dir ();

#define ADD(path, func) \
  g_test_add ("/certdesk/certificate-dialog/" path, Fixture, NULL, \
              fixture_set_up, func, fixture_tear_down)

  ADD ("general", test_dialog_general);
  ADD ("details", test_dialog_details);
  ADD ("path", test_dialog_path);
  ADD ("properties", test_dialog_properties);
  ADD ("open-file", test_dialog_open_file);
  ADD ("open-pfx", test_dialog_open_pfx);
  ADD ("open-garbage", test_dialog_open_garbage);
  ADD ("request", test_dialog_request);
  ADD ("chain-statuses", test_dialog_chain_statuses);
  ADD ("escape", test_dialog_escape);

#undef ADD

  ret = g_test_run ();
  remove_chain_dir ();

  return ret;
}
