/* test-export-dialog.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The export dialog, Copy as PEM and dragging certificates out of the
 * list, driven as a user drives them: through the window's actions and
 * the dialog's widgets, under Xvfb, with a real keyring and database.
 * What is written is read back by openssl. The file chooser is skipped
 * with cd_export_dialog_set_destination(), which its answer calls too.
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>
#include <sys/stat.h>

#include "cd-certificate-dialog.h"
#include "cd-certificate.h"
#include "cd-database.h"
#include "cd-drag-content.h"
#include "cd-export-dialog.h"
#include "cd-gui-test-utils.h"
#include "cd-importer.h"
#include "cd-keyring.h"
#include "cd-store-kind.h"
#include "cd-store-view.h"
#include "cd-test-utils.h"
#include "cd-window.h"

#define DEADLINE_SECONDS 60
#define EXPORT_PASSWORD  "Export-Pa55word!"

typedef CdTestWindowFixture Fixture;

/* The row titled @title (mnemonic underscores included), or NULL. */
static GtkWidget *
find_row (GtkWidget  *root,
          const char *title)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  cd_test_collect_widgets (root, ADW_TYPE_PREFERENCES_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title) == 0)
        return g_ptr_array_index (rows, i);
    }

  g_error ("No row “%s”", title);
  return NULL;
}

static void
close_dialogs (void)
{
  cd_test_close_dialogs (ADW_TYPE_MESSAGE_DIALOG, CD_TYPE_EXPORT_DIALOG, CD_TYPE_CERTIFICATE_DIALOG,
                         G_TYPE_INVALID);
}

static guint
count_substrings (const char *haystack,
                  const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;

  return n;
}

static void
import_fixture (Fixture     *fixture,
                const char  *name,
                const char  *password)
{
  g_autoptr(CdImporter) importer = cd_importer_new (fixture->database, fixture->keyring);
  g_autoptr(CdImportResult) result = NULL;
  g_autoptr(GFile) file = cd_test_fixture_file (name);
  g_autoptr(GError) error = NULL;

  result = cd_importer_import_file (importer, file, password, CD_STORE_KIND_AUTO, NULL, NULL,
                                    NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  cd_window_reload (fixture->window);
  cd_test_iterate_pending ();
}

static CdStoreView *
get_store_view (CdWindow *window)
{
  GtkWidget *view = cd_test_find_widget (GTK_WIDGET (window), CD_TYPE_STORE_VIEW);

  g_assert_nonnull (view);

  return CD_STORE_VIEW (view);
}

/* Shows @kind and selects the rows whose subject CN is in @names. */
static void
select_rows (Fixture            *fixture,
             CdStoreKind         kind,
             const char * const *names)
{
  CdStoreView *view;
  GListModel *model;
  gboolean first = TRUE;

  cd_window_select_store (fixture->window, kind);
  cd_test_iterate_pending ();

  view = get_store_view (fixture->window);
  model = cd_store_view_get_model (view);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CdCertificate) row = g_list_model_get_item (model, i);

      if (g_strv_contains (names, cd_certificate_get_subject_cn (row)))
        {
          cd_store_view_select (view, i, first);
          first = FALSE;
        }
    }

  g_assert_false (first);
}

static CdExportDialog *
open_export_dialog (Fixture *fixture)
{
  CdExportDialog *dialog;

  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "export", NULL);
  cd_test_iterate_until (cd_test_toplevel_shown, GSIZE_TO_POINTER (CD_TYPE_EXPORT_DIALOG),
                         "the export dialog");
  dialog = CD_EXPORT_DIALOG (cd_test_find_toplevel (CD_TYPE_EXPORT_DIALOG, NULL));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) ==
                 GTK_WINDOW (fixture->window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  cd_test_iterate_until (cd_test_window_mapped, dialog, "the export dialog to be mapped");
  cd_test_iterate_pending ();

  return dialog;
}

static CdExportDialog *
open_leaf_export (Fixture *fixture)
{
  static const char * const leaf[] = { "server.example.test", NULL };

  import_fixture (fixture, "leaf.pfx", CD_TEST_PASSWORD);
  select_rows (fixture, CD_STORE_KIND_MY, leaf);

  return open_export_dialog (fixture);
}

static gboolean
export_enabled (CdExportDialog *dialog)
{
  GtkWidget *button = cd_test_find_widget (GTK_WIDGET (dialog), ADW_TYPE_HEADER_BAR);
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  gboolean sensitive = FALSE;

  cd_test_collect_widgets (button, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      if (g_strcmp0 (gtk_actionable_get_action_name (g_ptr_array_index (buttons, i)),
                     "export.export") == 0)
        sensitive = gtk_widget_is_sensitive (g_ptr_array_index (buttons, i));
    }

  /* What the button shows and what the dialog says agree. */
  g_assert_cmpint (sensitive, ==, cd_export_dialog_get_can_export (dialog));

  return sensitive;
}

typedef struct
{
  GFile   *file;
  gboolean deleted_key;
  gboolean done;
} Exported;

static void
on_exported_cb (CdExportDialog *dialog,
                GFile          *file,
                gboolean        deleted_key,
                Exported       *exported)
{
  exported->file = g_object_ref (file);
  exported->deleted_key = deleted_key;
  exported->done = TRUE;
}

/* Done, or failed: an error dialog says why, no need to wait longer. */
static gboolean
exported_done (gpointer data)
{
  return ((Exported *)data)->done || cd_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL) != NULL;
}

/* Presses Export with @path as the destination and waits until the
 * file is written and the dialog gone.
 */
static void
export_to (CdExportDialog *dialog,
           const char     *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  Exported exported = { NULL, FALSE, FALSE };

  g_signal_connect (dialog, "exported", G_CALLBACK (on_exported_cb), &exported);
  g_object_ref (dialog);

  cd_export_dialog_set_destination (dialog, file);
  g_assert_true (export_enabled (dialog));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "export.export", NULL);
  cd_test_iterate_until (exported_done, &exported, "the export");
  if (!exported.done)
    {
      GtkWindow *error_dialog = cd_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL);

      g_error ("Export failed: %s",
               adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (error_dialog)));
    }

  g_assert_true (g_file_equal (exported.file, file));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_signal_handlers_disconnect_by_data (dialog, &exported);
  g_assert_finalize_object (dialog);
  g_clear_object (&exported.file);
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

/* The new user's way: their server certificate, PKCS #12 with the
 * chain, compatible with older devices, a password typed twice.
 */
static void
test_export_pkcs12_compatible (Fixture       *fixture,
                               gconstpointer  data)
{
  CdExportDialog *dialog = open_leaf_export (fixture);
  g_autofree char *path = g_build_filename (fixture->tmpdir, "server.pfx", NULL);
  g_autofree char *suggested = NULL;
  g_autofree char *info = NULL;
  g_autofree char *quoted = g_shell_quote (path);
  struct stat st;

  g_assert_true (cd_export_dialog_get_has_key (dialog));
  /* With a key, PKCS #12 is what the dialog proposes first. */
  g_assert_cmpint (cd_export_dialog_get_choice (dialog), ==, CD_EXPORT_CHOICE_PKCS12);
  suggested = cd_export_dialog_dup_suggested_name (dialog);
  g_assert_cmpstr (suggested, ==, "Test Server.pfx");

  /* Only what applies to PKCS #12 is shown. */
  g_assert_true (cd_test_is_shown (find_row (GTK_WIDGET (dialog), "E_ncryption")));
  g_assert_true (cd_test_is_shown (find_row (GTK_WIDGET (dialog), "Pass_word")));
  g_assert_true (cd_test_is_shown (find_row (GTK_WIDGET (dialog), "Include the Certificate _Chain")));
  g_assert_false (cd_test_is_shown (find_row (GTK_WIDGET (dialog), "_Key Format")));
  g_assert_false (cd_test_is_shown (find_row (GTK_WIDGET (dialog), "_Encoding")));

  cd_test_select_item (find_row (GTK_WIDGET (dialog), "E_ncryption"), "Compatible");
  g_assert_false (export_enabled (dialog));
  cd_test_type_text (find_row (GTK_WIDGET (dialog), "Pass_word"), EXPORT_PASSWORD);
  g_assert_false (export_enabled (dialog));
  cd_test_type_text (find_row (GTK_WIDGET (dialog), "Con_firm Password"), EXPORT_PASSWORD);
  cd_test_type_text (find_row (GTK_WIDGET (dialog), "Friendly _Name (optional)"), "IP Office");

  export_to (dialog, path);

  /* Leaf, intermediate and root, readable only with the legacy
   * algorithms (3DES, SHA-1 MAC).
   */
  info = cd_test_run_output ("openssl pkcs12 -legacy -info -nokeys -in %s -passin pass:%s 2>&1",
                     quoted, EXPORT_PASSWORD);
  g_assert_cmpuint (count_substrings (info, "BEGIN CERTIFICATE"), ==, 3);
  g_assert_nonnull (strstr (info, "pbeWithSHA1And3-KeyTripleDES-CBC"));
  g_assert_nonnull (strstr (info, "MAC: sha1"));
  g_assert_nonnull (strstr (info, "friendlyName: IP Office"));

  /* The key is in it, and the file is the owner's alone. */
  g_free (cd_test_run_output ("openssl pkcs12 -legacy -in %s -passin pass:%s -nocerts -nodes "
                      "| openssl pkey -noout", quoted, EXPORT_PASSWORD));
  g_assert_cmpint (stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* The key is still in the keyring: deleting it was not asked for. */
  {
    g_autoptr(GPtrArray) rows = cd_database_list_store (fixture->database, CD_STORE_KIND_MY, NULL);
    g_autoptr(GError) error = NULL;
    gboolean has_key = FALSE;

    g_assert_cmpuint (rows->len, ==, 1);
    g_assert_true (cd_keyring_has_key (fixture->keyring,
                                       cd_certificate_get_key_id (g_ptr_array_index (rows, 0)),
                                       &has_key, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (has_key);
  }
}

static void
test_export_password_mismatch (Fixture       *fixture,
                               gconstpointer  data)
{
  CdExportDialog *dialog = open_leaf_export (fixture);
  GtkWidget *password = find_row (GTK_WIDGET (dialog), "Pass_word");
  GtkWidget *confirm = find_row (GTK_WIDGET (dialog), "Con_firm Password");
  GtkWidget *group = gtk_widget_get_ancestor (password, ADW_TYPE_PREFERENCES_GROUP);

  g_assert_false (export_enabled (dialog));

  cd_test_type_text (password, EXPORT_PASSWORD);
  cd_test_type_text (confirm, EXPORT_PASSWORD "x");
  g_assert_false (export_enabled (dialog));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.export", NULL) &&
                  cd_export_dialog_get_exporting (dialog));
  g_assert_true (gtk_widget_has_css_class (confirm, "error"));

  /* The hint says so, in the group of the password rows. */
  {
    g_autoptr(GPtrArray) labels = g_ptr_array_new ();
    gboolean said = FALSE;

    cd_test_collect_widgets (group, GTK_TYPE_LABEL, labels);
    for (guint i = 0; i < labels->len; i++)
      said |= g_strcmp0 (gtk_label_get_label (g_ptr_array_index (labels, i)),
                         "The passwords do not match.") == 0;
    g_assert_true (said);
  }

  cd_test_type_text (confirm, EXPORT_PASSWORD);
  g_assert_true (export_enabled (dialog));
  g_assert_false (gtk_widget_has_css_class (confirm, "error"));

  /* Strength, by length and kinds of characters. */
  g_assert_cmpstr (cd_export_dialog_rate_password ("1234"), ==, "weak");
  g_assert_cmpstr (cd_export_dialog_rate_password ("password"), ==, "weak");
  g_assert_cmpstr (cd_export_dialog_rate_password ("password12"), ==, "fair");
  g_assert_cmpstr (cd_export_dialog_rate_password (EXPORT_PASSWORD), ==, "strong");

  cd_test_type_text (password, "1234");
  cd_test_type_text (confirm, "1234");
  /* Weak is a warning, not a refusal. */
  g_assert_true (export_enabled (dialog));
}

/* OpenScape Voice's PEM: certificate, PKCS #1 key, intermediates, no
 * root, the key unencrypted, which needs the warning ticked.
 */
static void
test_export_pem_unencrypted (Fixture       *fixture,
                             gconstpointer  data)
{
  CdExportDialog *dialog = open_leaf_export (fixture);
  g_autofree char *path = g_build_filename (fixture->tmpdir, "openscape.pem", NULL);
  g_autofree char *quoted = g_shell_quote (path);
  g_autofree char *contents = NULL;
  g_autofree char *suggested = NULL;
  GtkWidget *warning;
  const char *cert, *key, *second_cert;
  struct stat st;

  g_assert_true (cd_export_dialog_set_choice (dialog, CD_EXPORT_CHOICE_PEM_KEY_CERT));
  cd_test_iterate_pending ();
  suggested = cd_export_dialog_dup_suggested_name (dialog);
  g_assert_cmpstr (suggested, ==, "Test Server.pem");
  g_assert_false (cd_test_is_shown (find_row (GTK_WIDGET (dialog), "E_ncryption")));
  g_assert_true (cd_test_is_shown (find_row (GTK_WIDGET (dialog), "_Key Format")));

  cd_test_select_item (find_row (GTK_WIDGET (dialog), "_Key Format"), "PKCS #1 (traditional)");
  gtk_switch_set_active (GTK_SWITCH (cd_test_find_widget (find_row (GTK_WIDGET (dialog),
                                                            "Include the _Root Certificate"),
                                                  GTK_TYPE_SWITCH)),
                         FALSE);

  warning = find_row (GTK_WIDGET (dialog), "I _understand that the key will not be protected");
  g_assert_false (cd_test_is_shown (warning));
  cd_test_select_item (find_row (GTK_WIDGET (dialog), "_Protection"), "None");

  /* Refused until the warning is ticked; no password asked. */
  g_assert_true (cd_test_is_shown (warning));
  g_assert_false (cd_test_is_shown (find_row (GTK_WIDGET (dialog), "Pass_word")));
  g_assert_false (export_enabled (dialog));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "export.export", NULL);
  g_assert_false (cd_export_dialog_get_exporting (dialog));

  gtk_check_button_set_active (GTK_CHECK_BUTTON (cd_test_find_widget (warning, GTK_TYPE_CHECK_BUTTON)),
                               TRUE);
  cd_test_iterate_pending ();
  g_assert_true (export_enabled (dialog));

  export_to (dialog, path);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  cert = strstr (contents, "-----BEGIN CERTIFICATE-----");
  key = strstr (contents, "-----BEGIN RSA PRIVATE KEY-----");
  g_assert_nonnull (cert);
  g_assert_nonnull (key);
  second_cert = strstr (key, "-----BEGIN CERTIFICATE-----");
  g_assert_nonnull (second_cert);
  /* Certificate, key, intermediate: two certificates, the root left out. */
  g_assert_true (cert < key);
  g_assert_cmpuint (count_substrings (contents, "BEGIN CERTIFICATE"), ==, 2);
  g_assert_null (strstr (contents, "ENCRYPTED"));

  g_free (cd_test_run_output ("openssl pkey -in %s -noout -passin pass:", quoted));
  g_assert_cmpint (stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

/* A certificate without a key offers no key format; several, only the
 * formats that hold several.
 */
static void
test_export_choices (Fixture       *fixture,
                     gconstpointer  data)
{
  static const char * const root[] = { "Certdesk Test Root CA", NULL };
  g_autofree char *path = g_build_filename (fixture->tmpdir, "cas.pem", NULL);
  g_autofree char *quoted = g_shell_quote (path);
  g_autofree char *printed = NULL;
  CdExportDialog *dialog;

  import_fixture (fixture, "chain.pem", NULL);

  select_rows (fixture, CD_STORE_KIND_ROOT, root);
  dialog = open_export_dialog (fixture);
  g_assert_false (cd_export_dialog_get_has_key (dialog));
  g_assert_cmpint (cd_export_dialog_get_choice (dialog), ==, CD_EXPORT_CHOICE_DER);
  g_assert_false (cd_export_dialog_set_choice (dialog, CD_EXPORT_CHOICE_PKCS12));
  g_assert_false (cd_export_dialog_set_choice (dialog, CD_EXPORT_CHOICE_KEY));
  g_assert_true (cd_export_dialog_set_choice (dialog, CD_EXPORT_CHOICE_P7B));
  cd_test_iterate_pending ();
  g_assert_true (cd_test_is_shown (find_row (GTK_WIDGET (dialog), "_Encoding")));
  g_assert_false (cd_test_is_shown (find_row (GTK_WIDGET (dialog), "Pass_word")));
  g_assert_false (cd_test_is_shown (find_row (GTK_WIDGET (dialog),
                                      "_Delete the Private Key After a Successful Export")));
  g_assert_true (export_enabled (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
  cd_test_iterate_pending ();

  /* The intermediate and the root together (the list selects within
   * one store; the dialog takes rows of any).
   */
  {
    g_autoptr(GPtrArray) rows = cd_database_list_store (fixture->database, CD_STORE_KIND_CA,
                                                        NULL);
    g_autoptr(GPtrArray) roots = cd_database_list_store (fixture->database, CD_STORE_KIND_ROOT,
                                                         NULL);

    g_assert_cmpuint (rows->len, ==, 1);
    g_assert_cmpuint (roots->len, ==, 1);
    g_ptr_array_add (rows, g_object_ref (g_ptr_array_index (roots, 0)));
    dialog = cd_export_dialog_new (GTK_WINDOW (fixture->window), fixture->database,
                                   fixture->keyring, rows);
  }
  gtk_window_present (GTK_WINDOW (dialog));
  cd_test_iterate_until (cd_test_window_mapped, dialog, "the export dialog to be mapped");

  g_assert_cmpint (cd_export_dialog_get_choice (dialog), ==, CD_EXPORT_CHOICE_PEM);
  g_assert_false (cd_export_dialog_set_choice (dialog, CD_EXPORT_CHOICE_DER));
  g_assert_false (cd_export_dialog_set_choice (dialog, CD_EXPORT_CHOICE_PEM_CHAIN));
  g_assert_true (cd_export_dialog_set_choice (dialog, CD_EXPORT_CHOICE_P7B));
  g_assert_true (cd_export_dialog_set_choice (dialog, CD_EXPORT_CHOICE_PEM));
  cd_test_iterate_pending ();
  g_assert_false (cd_test_is_shown (find_row (GTK_WIDGET (dialog), "Include the Certificate _Chain")));

  export_to (dialog, path);

  printed = cd_test_run_output ("openssl crl2pkcs7 -nocrl -certfile %s | openssl pkcs7 -print_certs "
                        "-noout", quoted);
  g_assert_cmpuint (count_substrings (printed, "subject="), ==, 2);
  g_assert_nonnull (strstr (printed, "Certdesk Test Root CA"));
}

/* "Delete the private key after a successful export": the modern
 * PKCS #12 holds the key, the keyring and the database no longer do.
 */
static void
test_export_delete_key (Fixture       *fixture,
                        gconstpointer  data)
{
  CdExportDialog *dialog = open_leaf_export (fixture);
  g_autofree char *path = g_build_filename (fixture->tmpdir, "moved.pfx", NULL);
  g_autofree char *quoted = g_shell_quote (path);
  g_autofree char *info = NULL;
  g_autofree char *key_id = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *row;
  gboolean has_key = TRUE;

  rows = cd_database_list_store (fixture->database, CD_STORE_KIND_MY, NULL);
  key_id = g_strdup (cd_certificate_get_key_id (g_ptr_array_index (rows, 0)));
  g_clear_pointer (&rows, g_ptr_array_unref);

  row = find_row (GTK_WIDGET (dialog), "_Delete the Private Key After a Successful Export");
  g_assert_true (cd_test_is_shown (row));
  gtk_switch_set_active (GTK_SWITCH (cd_test_find_widget (row, GTK_TYPE_SWITCH)), TRUE);
  cd_test_iterate_pending ();
  /* Its warning stands out. */
  g_assert_true (gtk_widget_has_css_class (row, "error"));

  cd_test_type_text (find_row (GTK_WIDGET (dialog), "Pass_word"), EXPORT_PASSWORD);
  cd_test_type_text (find_row (GTK_WIDGET (dialog), "Con_firm Password"), EXPORT_PASSWORD);
  export_to (dialog, path);

  /* Modern: AES-256-CBC with PBKDF2, a SHA-256 MAC, no -legacy needed. */
  info = cd_test_run_output ("openssl pkcs12 -info -nokeys -in %s -passin pass:%s 2>&1",
                     quoted, EXPORT_PASSWORD);
  g_assert_nonnull (strstr (info, "MAC: sha256"));
  g_assert_nonnull (strstr (info, "PBKDF2"));
  g_assert_nonnull (strstr (info, "AES-256-CBC"));
  g_free (cd_test_run_output ("openssl pkcs12 -in %s -passin pass:%s -nocerts -nodes | openssl pkey -noout",
                      quoted, EXPORT_PASSWORD));

  g_assert_true (cd_keyring_has_key (fixture->keyring, key_id, &has_key, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (has_key);

  rows = cd_database_list_store (fixture->database, CD_STORE_KIND_MY, NULL);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_false (cd_certificate_get_has_private_key (g_ptr_array_index (rows, 0)));
}

/* A file that cannot be written: an error naming it, nothing left. */
static void
test_export_fails (Fixture       *fixture,
                   gconstpointer  data)
{
  CdExportDialog *dialog = open_leaf_export (fixture);
  g_autofree char *blocker = g_build_filename (fixture->tmpdir, "not-a-folder", NULL);
  g_autofree char *path = g_build_filename (blocker, "server.pfx", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  AdwMessageDialog *error_dialog;
  g_autoptr(GDir) dir = NULL;
  guint n_files = 0;

  g_assert_true (g_file_set_contents (blocker, "a file", -1, NULL));

  cd_test_type_text (find_row (GTK_WIDGET (dialog), "Pass_word"), EXPORT_PASSWORD);
  cd_test_type_text (find_row (GTK_WIDGET (dialog), "Con_firm Password"), EXPORT_PASSWORD);
  cd_export_dialog_set_destination (dialog, file);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "export.export", NULL);

  cd_test_iterate_until (cd_test_toplevel_shown, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG),
                         "the error");
  error_dialog = ADW_MESSAGE_DIALOG (cd_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL));
  g_assert_cmpstr (adw_message_dialog_get_heading (error_dialog), ==,
                   "Could Not Export to “server.pfx”");
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (error_dialog)) == GTK_WINDOW (dialog));

  /* The dialog stays, to try elsewhere; nothing was written. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_false (cd_export_dialog_get_exporting (dialog));
  g_assert_true (export_enabled (dialog));
  dir = g_dir_open (fixture->tmpdir, 0, NULL);
  while (g_dir_read_name (dir) != NULL)
    n_files++;
  g_assert_cmpuint (n_files, ==, 1);
}

static void
test_copy_as_pem (Fixture       *fixture,
                  gconstpointer  data)
{
  static const char * const leaf[] = { "server.example.test", NULL };
  g_autofree char *path = g_build_filename (fixture->tmpdir, "clipboard.pem", NULL);
  g_autofree char *quoted = g_shell_quote (path);
  g_autofree char *fingerprint = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  char *text = NULL;
  GString *hex;

  import_fixture (fixture, "leaf.pfx", CD_TEST_PASSWORD);
  select_rows (fixture, CD_STORE_KIND_MY, leaf);
  rows = cd_store_view_dup_selected (get_store_view (fixture->window));

  /* Ctrl+C in the list is bound to this action. */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "copy-as-pem", NULL);
  cd_test_iterate_pending ();

  text = cd_test_read_clipboard (GTK_WIDGET (fixture->window));
  g_assert_nonnull (text);
  g_assert_true (g_str_has_prefix (text, "-----BEGIN CERTIFICATE-----"));
  g_assert_null (strstr (text, "PRIVATE KEY"));

  g_test_message ("Clipboard: %s", text);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  fingerprint = cd_test_run_output ("openssl x509 -in %s -noout -fingerprint -sha256", quoted);

  /* "sha256 Fingerprint=AB:CD:…" against the row's hexadecimal. */
  hex = g_string_new (NULL);
  for (const char *p = strchr (fingerprint, '=') + 1; *p != '\0' && *p != '\n'; p++)
    {
      if (*p != ':')
        g_string_append_c (hex, g_ascii_tolower (*p));
    }
  expected = g_ascii_strdown (cd_certificate_get_sha256 (g_ptr_array_index (rows, 0)), -1);
  g_assert_cmpstr (hex->str, ==, expected);
  g_string_free (hex, TRUE);
  g_free (text);
}

/* A drag out of the list offers the certificate as a DER file in the
 * cache, and still the text the sidebar moves certificates with.
 */
static void
test_drag_file (Fixture       *fixture,
                gconstpointer  data)
{
  static const char * const leaf[] = { "server.example.test", NULL };
  g_autoptr(GdkContentProvider) content = NULL;
  g_autoptr(GdkContentFormats) formats = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GBytes) der = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *file_path = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *quoted = NULL;
  g_auto(GValue) files_value = G_VALUE_INIT;
  g_auto(GValue) text_value = G_VALUE_INIT;
  GSList *files;
  gsize length;

  import_fixture (fixture, "leaf.pfx", CD_TEST_PASSWORD);
  select_rows (fixture, CD_STORE_KIND_MY, leaf);
  rows = cd_store_view_dup_selected (get_store_view (fixture->window));
  text = cd_store_view_format_drag_text (rows);

  /* What the list's drag source makes, for a drag starting on the row. */
  {
    GtkWidget *column_view = cd_test_find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_COLUMN_VIEW);
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (column_view);
    g_autoptr(GPtrArray) cells = g_ptr_array_new ();
    GtkDragSource *source = NULL;
    graphene_rect_t bounds;

    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

        if (GTK_IS_DRAG_SOURCE (controller))
          source = GTK_DRAG_SOURCE (controller);
      }
    g_assert_nonnull (source);

    cd_test_collect_widgets (column_view, GTK_TYPE_WIDGET, cells);
    for (guint i = 0; i < cells->len; i++)
      {
        if (g_strcmp0 (gtk_widget_get_name (g_ptr_array_index (cells, i)), "cd-row-0") == 0)
          {
            g_assert_true (gtk_widget_compute_bounds (g_ptr_array_index (cells, i), column_view,
                                                      &bounds));
            break;
          }
      }

    g_signal_emit_by_name (source, "prepare",
                           (double)bounds.origin.x + bounds.size.width / 2,
                           (double)bounds.origin.y + bounds.size.height / 2,
                           &content);
    g_assert_nonnull (content);
  }

  /* A file manager finds files; the file list comes first. */
  formats = gdk_content_provider_ref_formats (content);
  g_assert_true (gdk_content_formats_contain_gtype (formats, GDK_TYPE_FILE_LIST));
  g_assert_true (gdk_content_formats_contain_gtype (formats, G_TYPE_STRING));
  /* As a drag to another program offers them, by MIME type. */
  formats = gdk_content_formats_union_serialize_mime_types (formats);
  g_assert_true (gdk_content_formats_contain_mime_type (formats, "text/uri-list"));

  g_value_init (&files_value, GDK_TYPE_FILE_LIST);
  g_assert_true (gdk_content_provider_get_value (content, &files_value, &error));
  g_assert_no_error (error);
  files = gdk_file_list_get_files (g_value_get_boxed (&files_value));
  g_assert_cmpuint (g_slist_length (files), ==, 1);

  file_path = g_file_get_path (files->data);
  dir = cd_drag_content_dup_directory ();
  g_assert_true (g_str_has_prefix (dir, g_get_user_cache_dir ()));
  g_assert_true (g_str_has_suffix (dir, "/certdesk/drag"));
  expected = g_build_filename (dir, "Test Server.cer", NULL);
  g_assert_cmpstr (file_path, ==, expected);
  g_slist_free (files);

  /* Exactly the certificate's DER, which openssl reads as such. */
  der = cd_database_dup_der (fixture->database,
                             cd_certificate_get_sha256 (g_ptr_array_index (rows, 0)), &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (file_path, &contents, &length, NULL));
  g_assert_cmpmem (contents, length, g_bytes_get_data (der, NULL), g_bytes_get_size (der));
  quoted = g_shell_quote (file_path);
  subject = cd_test_run_output ("openssl x509 -inform DER -in %s -noout -subject", quoted);
  g_assert_nonnull (strstr (subject, "server.example.test"));

  /* The sidebar still gets its text, and moving works with it. */
  g_value_init (&text_value, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (content, &text_value, &error));
  g_assert_cmpstr (g_value_get_string (&text_value), ==, text);
  g_assert_true (cd_window_drop_certificates (fixture->window, g_value_get_string (&text_value),
                                              CD_STORE_KIND_TRUSTED_PEOPLE, GDK_ACTION_COPY));
  g_assert_cmpuint (cd_test_count_rows (fixture->database, CD_STORE_KIND_TRUSTED_PEOPLE), ==, 1);
}

/* The certificate dialog's Export… button opens the export dialog for
 * its certificate, over itself.
 */
static void
test_certificate_dialog_button (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  CdExportDialog *dialog;
  GtkWindow *certificate_dialog;

  import_fixture (fixture, "leaf.pfx", CD_TEST_PASSWORD);
  rows = cd_database_list_store (fixture->database, CD_STORE_KIND_MY, NULL);
  g_assert_cmpuint (rows->len, ==, 1);

  certificate_dialog = cd_window_show_certificate (fixture->window, g_ptr_array_index (rows, 0));
  cd_test_iterate_until (cd_test_window_mapped, certificate_dialog, "the certificate dialog");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (certificate_dialog), "dialog.export",
                                             NULL));
  cd_test_iterate_until (cd_test_toplevel_shown, GSIZE_TO_POINTER (CD_TYPE_EXPORT_DIALOG),
                         "the export dialog");
  dialog = CD_EXPORT_DIALOG (cd_test_find_toplevel (CD_TYPE_EXPORT_DIALOG, NULL));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == certificate_dialog);
  g_assert_true (cd_export_dialog_get_has_key (dialog));
  g_assert_cmpuint (cd_export_dialog_get_rows (dialog)->len, ==, 1);

  /* Escape cancels. */
  g_object_ref (dialog);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "export.cancel", NULL);
  cd_test_iterate_pending ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_finalize_object (dialog);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  cd_test_set_deadline (DEADLINE_SECONDS);
  gtk_init ();
  adw_init ();

  cd_test_fixtures_dir ();

#define ADD(path, func) \
  g_test_add ("/certdesk/export-dialog/" path, Fixture, NULL, \
              fixture_set_up, func, fixture_tear_down)

  ADD ("pkcs12-compatible", test_export_pkcs12_compatible);
  ADD ("password-mismatch", test_export_password_mismatch);
  ADD ("pem-unencrypted", test_export_pem_unencrypted);
  ADD ("choices", test_export_choices);
  ADD ("delete-key", test_export_delete_key);
  ADD ("fails", test_export_fails);
  ADD ("copy-as-pem", test_copy_as_pem);
  ADD ("drag-file", test_drag_file);
  ADD ("certificate-dialog-button", test_certificate_dialog_button);

#undef ADD

  return g_test_run ();
}
