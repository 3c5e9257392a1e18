/* test-request-wizard.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The request wizard driven page by page as a user drives it, under
 * Xvfb with a real keyring and database: entries typed into, Next
 * pressed, validation that holds Next back, names added and reordered,
 * the key chosen, Generate. openssl reads the request back; a CA
 * (openssl x509 -req with the fixtures' intermediate) signs it, and its
 * PKCS #7 reply, dropped on the window, completes the request once the
 * root question is answered.
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "cd-certificate-dialog.h"
#include "cd-certificate.h"
#include "cd-database.h"
#include "cd-general-page.h"
#include "cd-gui-test-utils.h"
#include "cd-importer.h"
#include "cd-key-generator.h"
#include "cd-keyring.h"
#include "cd-request-builder.h"
#include "cd-request-wizard.h"
#include "cd-store-kind.h"
#include "cd-store-view.h"
#include "cd-test-utils.h"
#include "cd-window.h"

#define DEADLINE_SECONDS 120

typedef CdTestWindowFixture Fixture;

static void
close_dialogs (void)
{
  cd_test_close_dialogs (ADW_TYPE_MESSAGE_DIALOG, CD_TYPE_REQUEST_WIZARD,
                         CD_TYPE_CERTIFICATE_DIALOG, G_TYPE_INVALID);
}

static GtkWidget *
get_child (CdRequestWizard *wizard,
           const char      *name)
{
  return cd_test_template_child (wizard, CD_TYPE_REQUEST_WIZARD, name);
}

static gboolean
has_item (GtkWidget  *row,
          const char *item)
{
  GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (row));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), item) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
activate (CdRequestWizard *wizard,
          const char      *action)
{
  gtk_widget_activate_action (GTK_WIDGET (wizard), action, NULL);
  cd_test_iterate_pending ();
}

static void
set_san (CdRequestWizard *wizard,
         guint            position,
         CdSanType        type,
         const char      *text)
{
  gtk_drop_down_set_selected (cd_request_wizard_get_san_type (wizard, position), type);
  cd_test_type_text (GTK_WIDGET (cd_request_wizard_get_san_entry (wizard, position)), text);
}

static gboolean
wizard_done (gpointer data)
{
  CdRequestWizard *wizard = data;

  return g_strcmp0 (cd_request_wizard_get_page (wizard), "result") == 0 ||
         cd_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL) != NULL;
}

static CdRequestWizard *
open_wizard (Fixture *fixture)
{
  CdRequestWizard *wizard;

  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "new-request", NULL);
  cd_test_iterate_until (cd_test_toplevel_shown, GSIZE_TO_POINTER (CD_TYPE_REQUEST_WIZARD),
                         "the wizard");
  wizard = CD_REQUEST_WIZARD (cd_test_find_toplevel (CD_TYPE_REQUEST_WIZARD, NULL));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (wizard)) == GTK_WINDOW (fixture->window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (wizard)));
  cd_test_iterate_until (cd_test_window_mapped, wizard, "the wizard to be mapped");
  cd_test_iterate_pending ();

  return wizard;
}

/* Drops @path on the window, as a file manager would. */
static void
drop_file (CdWindow   *window,
           const char *path)
{
  g_autoptr(GListModel) controllers = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  GtkDropTarget *target = NULL;
  GSList *files = NULL;
  gboolean handled = FALSE;

  files = g_slist_append (files, g_file_new_for_path (path));
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
}

static CdCertificate *
get_only_row (Fixture     *fixture,
              CdStoreKind  kind)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  rows = cd_database_list_store (fixture->database, kind, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);

  return g_object_ref (g_ptr_array_index (rows, 0));
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

/* The new user's way, from the issue: a host name, three DNS names, an
 * IP address and a sip: URI, one of them moved, EC P-256; then the
 * CA's PKCS #7 reply dropped on the window.
 */
static void
test_wizard_request_and_reply (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GFile) save_file = NULL;
  g_autoptr(CdCertificate) request = NULL;
  g_autoptr(CdCertificate) leaf = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csr = g_build_filename (fixture->tmpdir, "pbx.csr", NULL);
  g_autofree char *cert = g_build_filename (fixture->tmpdir, "pbx.pem", NULL);
  g_autofree char *reply = g_build_filename (fixture->tmpdir, "certnew.p7b", NULL);
  g_autofree char *int_pem = cd_test_fixture ("int.pem");
  g_autofree char *int_key = cd_test_fixture ("int.key");
  g_autofree char *root_pem = cd_test_fixture ("root.pem");
  g_autofree char *text = NULL;
  g_autofree char *spki_id = NULL;
  g_autofree char *body = NULL;
  CdRequestWizard *wizard;
  AdwMessageDialog *question;
  GtkWidget *c_row;
  GtkWidget *key_type_row;
  gboolean has_key = FALSE;

  wizard = open_wizard (fixture);
  g_object_ref (wizard);

  /* Purpose: TLS server is the default. */
  g_assert_cmpstr (cd_request_wizard_get_page (wizard), ==, "purpose");
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (get_child (wizard, "server_check"))));
  g_assert_false (gtk_widget_get_visible (get_child (wizard, "back_button")) &&
                  gtk_widget_is_sensitive (get_child (wizard, "back_button")));
  activate (wizard, "wizard.next");
  g_assert_cmpstr (cd_request_wizard_get_page (wizard), ==, "subject");

  /* Subject: Next with no common name stays, and says why. */
  activate (wizard, "wizard.next");
  g_assert_cmpstr (cd_request_wizard_get_page (wizard), ==, "subject");
  g_assert_true (gtk_widget_has_css_class (get_child (wizard, "cn_row"), "error"));
  g_assert_true (gtk_widget_get_visible (get_child (wizard, "subject_error_label")));

  cd_test_type_text (get_child (wizard, "cn_row"), "pbx.example.com");
  g_assert_false (gtk_widget_has_css_class (get_child (wizard, "cn_row"), "error"));
  cd_test_type_text (get_child (wizard, "o_row"), "Example Corp");
  cd_test_type_text (get_child (wizard, "ou_row"), "Telephony");
  cd_test_type_text (get_child (wizard, "l_row"), "Berlin");

  /* A three-letter country is flagged as typed, and blocks Next. */
  c_row = get_child (wizard, "c_row");
  cd_test_type_text (c_row, "DEU");
  g_assert_true (gtk_widget_has_css_class (c_row, "error"));
  g_assert_true (gtk_widget_get_visible (get_child (wizard, "subject_error_label")));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (get_child (wizard, "subject_error_label"))), !=, "");
  activate (wizard, "wizard.next");
  g_assert_cmpstr (cd_request_wizard_get_page (wizard), ==, "subject");

  cd_test_type_text (c_row, "DE");
  g_assert_false (gtk_widget_has_css_class (c_row, "error"));
  g_assert_false (gtk_widget_get_visible (get_child (wizard, "subject_error_label")));
  activate (wizard, "wizard.next");
  g_assert_cmpstr (cd_request_wizard_get_page (wizard), ==, "san");

  /* Alternative names: the CN goes first by default. */
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (get_child (wizard, "cn_as_dns_switch"))));
  for (guint i = 0; i < 5; i++)
    activate (wizard, "wizard.add-san");
  g_assert_cmpuint (cd_request_wizard_get_n_san_rows (wizard), ==, 5);

  set_san (wizard, 0, CD_SAN_TYPE_DNS, "bad..name.example");
  g_assert_cmpstr (cd_request_wizard_get_san_hint (wizard, 0), !=, "");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (cd_request_wizard_get_san_entry (wizard, 0)),
                                           "error"));
  activate (wizard, "wizard.next");
  g_assert_cmpstr (cd_request_wizard_get_page (wizard), ==, "san");

  set_san (wizard, 0, CD_SAN_TYPE_DNS, "sip.example.com");
  g_assert_cmpstr (cd_request_wizard_get_san_hint (wizard, 0), ==, "");
  set_san (wizard, 1, CD_SAN_TYPE_DNS, "b\xc3\xbc" "cher.example");
  g_assert_nonnull (strstr (cd_request_wizard_get_san_hint (wizard, 1), "xn--bcher-kva.example"));
  set_san (wizard, 2, CD_SAN_TYPE_IP, "999.1.1.1");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (cd_request_wizard_get_san_entry (wizard, 2)),
                                           "error"));
  set_san (wizard, 2, CD_SAN_TYPE_IP, "192.0.2.10");
  set_san (wizard, 3, CD_SAN_TYPE_URI, "sip:pbx.example.com");

  /* A duplicate, of a row and of the CN, is flagged. */
  set_san (wizard, 4, CD_SAN_TYPE_DNS, "SIP.example.com");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (cd_request_wizard_get_san_entry (wizard, 4)),
                                           "error"));
  activate (wizard, "wizard.next");
  g_assert_cmpstr (cd_request_wizard_get_page (wizard), ==, "san");
  set_san (wizard, 4, CD_SAN_TYPE_DNS, "pbx.example.com");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (cd_request_wizard_get_san_entry (wizard, 4)),
                                           "error"));
  set_san (wizard, 4, CD_SAN_TYPE_DNS, "voice.example.com");
  g_assert_cmpstr (cd_request_wizard_get_san_hint (wizard, 4), ==, "");

  /* The last DNS name moves up before the IP address: its up button. */
  gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.san-up", "u", 4);
  gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.san-up", "u", 3);
  cd_test_iterate_pending ();
  g_assert_cmpstr (gtk_editable_get_text (cd_request_wizard_get_san_entry (wizard, 2)), ==,
                   "voice.example.com");
  g_assert_cmpstr (gtk_editable_get_text (cd_request_wizard_get_san_entry (wizard, 4)), ==,
                   "sip:pbx.example.com");

  activate (wizard, "wizard.next");
  g_assert_cmpstr (cd_request_wizard_get_page (wizard), ==, "key");

  /* Key: RSA 1024 and SHA-1 only behind "Legacy device". */
  key_type_row = get_child (wizard, "key_type_row");
  g_assert_false (has_item (key_type_row, cd_key_type_get_title (CD_KEY_TYPE_RSA_1024)));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (get_child (wizard, "legacy_check")), TRUE);
  cd_test_iterate_pending ();
  g_assert_true (has_item (key_type_row, cd_key_type_get_title (CD_KEY_TYPE_RSA_1024)));
  g_assert_true (gtk_widget_get_visible (get_child (wizard, "legacy_warning_group")));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (get_child (wizard, "legacy_check")), FALSE);
  cd_test_iterate_pending ();
  g_assert_false (has_item (key_type_row, cd_key_type_get_title (CD_KEY_TYPE_RSA_1024)));

  cd_test_select_item (key_type_row, cd_key_type_get_title (CD_KEY_TYPE_EC_P256));
  cd_test_select_item (get_child (wizard, "digest_row"), "SHA-256");

  activate (wizard, "wizard.next");
  g_assert_cmpstr (cd_request_wizard_get_page (wizard), ==, "review");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (get_child (wizard, "review_subject_row"))),
                            "pbx.example.com"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (get_child (wizard, "review_san_row"))),
                            "xn--bcher-kva.example"));

  /* Generate, in the background. */
  activate (wizard, "wizard.generate");
  cd_test_iterate_until (wizard_done, wizard, "the request to be made");
  if (cd_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL) != NULL)
    g_error ("Generating failed: %s",
             adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (cd_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL))));
  g_assert_false (cd_request_wizard_get_generating (wizard));
  g_assert_nonnull (strstr (cd_request_wizard_get_pem (wizard), "-----BEGIN CERTIFICATE REQUEST-----"));

  /* Save…, to the file a chooser would have returned. */
  save_file = g_file_new_for_path (csr);
  cd_request_wizard_set_save_file (wizard, save_file);
  activate (wizard, "wizard.save");
  g_assert_true (g_file_test (csr, G_FILE_TEST_EXISTS));

  /* What the CA reads. */
  text = cd_test_run_output ("openssl req -in %s -verify -noout -text -nameopt oneline 2>&1", csr);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "verify OK"));
  g_assert_nonnull (strstr (text, "C = DE, L = Berlin, O = Example Corp, OU = Telephony, "
                                  "CN = pbx.example.com"));
  g_assert_nonnull (strstr (text, "DNS:pbx.example.com, DNS:sip.example.com, "
                                  "DNS:xn--bcher-kva.example, DNS:voice.example.com, "
                                  "IP Address:192.0.2.10, URI:sip:pbx.example.com"));
  g_assert_nonnull (strstr (text, "prime256v1"));
  g_assert_nonnull (strstr (text, "ecdsa-with-SHA256"));
  g_assert_nonnull (strstr (text, "TLS Web Server Authentication"));
  g_clear_pointer (&text, g_free);

  /* The request store has it; the keyring has its key. */
  request = get_only_row (fixture, CD_STORE_KIND_REQUEST);
  g_assert_cmpstr (cd_certificate_get_subject_cn (request), ==, "pbx.example.com");
  spki_id = cd_test_run_output ("openssl req -in %s -pubkey -noout | openssl pkey -pubin -outform DER "
                        "| sha256sum | cut -d' ' -f1", csr);
  g_strstrip (spki_id);
  g_assert_cmpstr (cd_certificate_get_key_id (request), ==, spki_id);
  g_assert_true (cd_keyring_has_key (fixture->keyring, spki_id, &has_key, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (has_key);

  activate (wizard, "window.close");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (wizard)));
  g_assert_finalize_object (wizard);

  /* The CA signs it and replies with PKCS #7: leaf, intermediate, root. */
  cd_test_run_command ("openssl x509 -req -in %s -CA %s -CAkey %s -set_serial 4242 -days 30 "
                       "-copy_extensions copy -out %s 2>/dev/null",
                       csr, int_pem, int_key, cert);
  cd_test_run_command ("openssl crl2pkcs7 -nocrl -certfile %s -certfile %s -certfile %s -out %s",
                       cert, int_pem, root_pem, reply);

  drop_file (fixture->window, reply);
  cd_test_iterate_until (cd_test_window_not_importing, fixture->window, "the reply to be imported");
  cd_test_iterate_until (cd_test_toplevel_shown, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG),
                         "the root question");
  question = ADW_MESSAGE_DIALOG (cd_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL));
  g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, "Trust This Root Certificate?");
  body = g_strdup (adw_message_dialog_get_body (question));
  g_assert_nonnull (strstr (body, "Certdesk Test Root CA"));

  /* Not in Trusted Root until the user says so. */
  g_assert_cmpuint (cd_test_count_rows (fixture->database, CD_STORE_KIND_ROOT), ==, 0);
  adw_message_dialog_response (question, "trust");
  cd_test_iterate_pending ();

  leaf = get_only_row (fixture, CD_STORE_KIND_MY);
  g_assert_cmpstr (cd_certificate_get_subject_cn (leaf), ==, "pbx.example.com");
  g_assert_true (cd_certificate_get_has_private_key (leaf));
  g_assert_cmpstr (cd_certificate_get_key_id (leaf), ==, spki_id);
  g_assert_cmpuint (cd_test_count_rows (fixture->database, CD_STORE_KIND_CA), ==, 1);
  g_assert_cmpuint (cd_test_count_rows (fixture->database, CD_STORE_KIND_ROOT), ==, 1);
  g_assert_cmpuint (cd_test_count_rows (fixture->database, CD_STORE_KIND_REQUEST), ==, 0);
}

/* Escape asks before throwing away what was typed. */
static void
test_wizard_cancel (Fixture       *fixture,
                    gconstpointer  data)
{
  CdRequestWizard *wizard = open_wizard (fixture);
  AdwMessageDialog *question;

  g_object_ref (wizard);
  activate (wizard, "wizard.next");
  cd_test_type_text (get_child (wizard, "cn_row"), "host.example.com");

  activate (wizard, "wizard.cancel");
  cd_test_iterate_until (cd_test_toplevel_shown, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG),
                         "the discard question");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (wizard)));

  question = ADW_MESSAGE_DIALOG (cd_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL));
  adw_message_dialog_response (question, "keep");
  cd_test_iterate_pending ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (wizard)));

  activate (wizard, "wizard.cancel");
  cd_test_iterate_until (cd_test_toplevel_shown, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG),
                         "the discard question");
  question = ADW_MESSAGE_DIALOG (cd_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL));
  adw_message_dialog_response (question, "discard");
  cd_test_iterate_pending ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (wizard)));
  g_assert_finalize_object (wizard);

  /* Nothing typed: Escape just closes. */
  wizard = open_wizard (fixture);
  g_object_ref (wizard);
  activate (wizard, "wizard.cancel");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (wizard)));
  g_assert_finalize_object (wizard);
  g_assert_cmpuint (cd_test_count_rows (fixture->database, CD_STORE_KIND_REQUEST), ==, 0);
}

/* Renewing starts from the certificate, and offers its key. */
static void
test_wizard_renew (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(CdImporter) importer = cd_importer_new (fixture->database, fixture->keyring);
  g_autoptr(CdImportResult) result = NULL;
  g_autoptr(GFile) file = cd_test_fixture_file ("leaf.pfx");
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCertificate) row = NULL;
  CdRequestWizard *wizard;

  result = cd_importer_import_file (importer, file, CD_TEST_PASSWORD, CD_STORE_KIND_AUTO, NULL, NULL,
                                    NULL, &error);
  g_assert_no_error (error);
  cd_window_reload (fixture->window);
  cd_test_iterate_pending ();

  row = get_only_row (fixture, CD_STORE_KIND_MY);
  g_assert_true (cd_certificate_get_has_private_key (row));

  cd_window_new_request (fixture->window, row, NULL);
  cd_test_iterate_until (cd_test_toplevel_shown, GSIZE_TO_POINTER (CD_TYPE_REQUEST_WIZARD),
                         "the wizard");
  wizard = CD_REQUEST_WIZARD (cd_test_find_toplevel (CD_TYPE_REQUEST_WIZARD, NULL));
  g_object_ref (wizard);
  cd_test_iterate_until (cd_test_window_mapped, wizard, "the wizard to be mapped");

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (get_child (wizard, "cn_row"))), ==,
                   cd_certificate_get_subject_cn (row));
  g_assert_true (gtk_widget_get_visible (get_child (wizard, "key_source_group")));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (get_child (wizard, "new_key_check"))));
  g_assert_true (gtk_widget_get_sensitive (get_child (wizard, "key_type_row")));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (get_child (wizard, "same_key_check")), TRUE);
  cd_test_iterate_pending ();
  g_assert_false (gtk_widget_get_sensitive (get_child (wizard, "key_type_row")));

  /* The same key: the request carries the certificate's public key. */
  activate (wizard, "wizard.next");
  activate (wizard, "wizard.next");
  activate (wizard, "wizard.next");
  activate (wizard, "wizard.next");
  g_assert_cmpstr (cd_request_wizard_get_page (wizard), ==, "review");
  activate (wizard, "wizard.generate");
  cd_test_iterate_until (wizard_done, wizard, "the request to be made");
  if (cd_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL) != NULL)
    g_error ("Generating failed: %s",
             adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (cd_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL))));

  {
    g_autoptr(CdCertificate) request = get_only_row (fixture, CD_STORE_KIND_REQUEST);

    g_assert_cmpstr (cd_certificate_get_key_id (request), ==, cd_certificate_get_key_id (row));
  }

  activate (wizard, "window.close");
  g_assert_finalize_object (wizard);
}

/* A request opened in the certificate dialog shows its signature check. */
static void
test_request_signature (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *csr = g_build_filename (fixture->tmpdir, "device.csr", NULL);
  g_autofree char *key = g_build_filename (fixture->tmpdir, "device.key", NULL);
  g_autoptr(GFile) file = NULL;
  GtkWindow *dialog;
  GtkWidget *page;

  cd_test_run_command ("openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes "
                       "-keyout %s -subj /CN=aes.example.com -out %s 2>/dev/null", key, csr);

  file = g_file_new_for_path (csr);
  cd_window_open_files (fixture->window, &file, 1);
  cd_test_iterate_until (cd_test_toplevel_shown, GSIZE_TO_POINTER (CD_TYPE_CERTIFICATE_DIALOG),
                         "the dialog");
  dialog = cd_test_find_toplevel (CD_TYPE_CERTIFICATE_DIALOG, NULL);
  page = cd_certificate_dialog_get_page (CD_CERTIFICATE_DIALOG (dialog), "general");
  g_assert_nonnull (strstr (cd_general_page_get_status_text (CD_GENERAL_PAGE (page)),
                            "signature is valid"));
  gtk_window_destroy (dialog);
  cd_test_iterate_pending ();
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
  g_test_add ("/certdesk/request-wizard/" path, Fixture, NULL, \
              fixture_set_up, func, fixture_tear_down)

  ADD ("request-and-reply", test_wizard_request_and_reply);
  ADD ("cancel", test_wizard_cancel);
  ADD ("renew", test_wizard_renew);
  ADD ("request-signature", test_request_signature);

#undef ADD

  return g_test_run ();
}
