/* test-ca-gui.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The private CA in the GUI, driven as a user drives it, under Xvfb
 * with a real keyring and database: "Example Corp Root CA" made
 * through New Certificate Authority…, the request an AE Services box
 * would make (openssl, at test time) signed through Sign with CA… with
 * the avaya-aes profile, its SAN entries reviewed and edited, the
 * result verified by "openssl verify", checked against the profile and
 * offered for export in the profile's format; then revoked through its
 * dialog. Also: a refusal shown in the dialog with nothing stored, and
 * Issue Certificate and Key… for a device that takes both.
 *
 * With CD_TEST_SHOTS=DIR set, each dialog is also saved as a PNG there,
 * in the light and the dark style (for looking at, not for asserting).
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "cd-ca-create-dialog.h"
#include "cd-ca-revoke-dialog.h"
#include "cd-ca-sign-dialog.h"
#include "cd-ca.h"
#include "cd-certificate-dialog.h"
#include "cd-certificate.h"
#include "cd-chain.h"
#include "cd-check.h"
#include "cd-database.h"
#include "cd-export-dialog.h"
#include "cd-general-page.h"
#include "cd-gui-test-utils.h"
#include "cd-importer.h"
#include "cd-keyring.h"
#include "cd-san-editor.h"
#include "cd-store-kind.h"
#include "cd-store-view.h"
#include "cd-test-utils.h"
#include "cd-window-ca.h"
#include "cd-window.h"

#define DEADLINE_SECONDS 240

#define CA_NAME "Example Corp Root CA"

typedef CdTestWindowFixture Fixture;

static void
close_dialogs (void)
{
  cd_test_close_dialogs (ADW_TYPE_MESSAGE_DIALOG, CD_TYPE_EXPORT_DIALOG, CD_TYPE_CA_REVOKE_DIALOG,
                         CD_TYPE_CA_SIGN_DIALOG, CD_TYPE_CA_CREATE_DIALOG,
                         CD_TYPE_CERTIFICATE_DIALOG, G_TYPE_INVALID);
}

/* Whether the button of an action can be pressed: GTK 4.8 has no
 * getter for a widget action's state, its button follows it.
 */
static gboolean
action_enabled (gpointer    widget,
                GType       type,
                const char *button)
{
  return gtk_widget_get_sensitive (cd_test_template_child (widget, type, button));
}

static const char *
subtitle_of (GtkWidget *row)
{
  const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));

  return subtitle != NULL ? subtitle : "";
}

/* Saves what @window shows as DIR/NAME-light.png and -dark.png. */
static void
shoot (gpointer    window,
       const char *name)
{
  const char *dir = g_getenv ("CD_TEST_SHOTS");
  AdwStyleManager *style = adw_style_manager_get_default ();
  const char *schemes[] = { "dark", "light" };

  if (dir == NULL || dir[0] == '\0')
    return;

  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    {
      g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
      g_autoptr(GskRenderNode) node = NULL;
      g_autoptr(GdkTexture) texture = NULL;
      g_autofree char *path = NULL;
      GskRenderer *renderer;

      adw_style_manager_set_color_scheme (style, i == 0 ? ADW_COLOR_SCHEME_FORCE_DARK
                                                        : ADW_COLOR_SCHEME_FORCE_LIGHT);
      for (guint j = 0; j < 20; j++)
        cd_test_iterate_pending ();

      gdk_paintable_snapshot (paintable, snapshot,
                              gtk_widget_get_width (GTK_WIDGET (window)),
                              gtk_widget_get_height (GTK_WIDGET (window)));
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
      if (node == NULL)
        continue;
      renderer = gtk_native_get_renderer (GTK_NATIVE (window));
      texture = gsk_renderer_render_texture (renderer, node, NULL);
      path = g_strdup_printf ("%s/%s-%s.png", dir, name, schemes[i]);
      gdk_texture_save_to_png (texture, path);
    }

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  cd_test_iterate_pending ();
}

static gpointer
wait_for_toplevel (GType       type,
                   const char *what)
{
  GtkWindow *window;

  cd_test_iterate_until (cd_test_toplevel_shown, GSIZE_TO_POINTER (type), what);
  window = cd_test_find_toplevel (type, NULL);
  cd_test_iterate_until (cd_test_window_mapped, window, what);
  cd_test_iterate_pending ();

  return window;
}

static gboolean
create_done (gpointer data)
{
  return cd_test_find_toplevel (CD_TYPE_CA_CREATE_DIALOG, NULL) == NULL ||
         !cd_ca_create_dialog_get_busy (data);
}

static gboolean
sign_done (gpointer data)
{
  CdCaSignDialog *dialog = data;

  return !cd_ca_sign_dialog_get_busy (dialog);
}

static CdCertificate *
dup_selected (Fixture *fixture)
{
  GtkWidget *view = cd_test_find_widget (GTK_WIDGET (fixture->window), CD_TYPE_STORE_VIEW);
  g_autoptr(GPtrArray) rows = cd_store_view_dup_selected (CD_STORE_VIEW (view));

  g_assert_cmpuint (rows->len, ==, 1);

  return g_object_ref (g_ptr_array_index (rows, 0));
}

/* Writes a row's DER as PEM, for openssl. */
static char *
write_pem (Fixture       *fixture,
           CdCertificate *row,
           const char    *name)
{
  g_autoptr(GBytes) der = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *der_path = g_build_filename (fixture->tmpdir, name, NULL);
  char *pem_path = g_strconcat (der_path, ".pem", NULL);

  der = cd_database_dup_der (fixture->database, cd_certificate_get_sha256 (row), &error);
  g_assert_no_error (error);
  g_file_set_contents (der_path, g_bytes_get_data (der, NULL), g_bytes_get_size (der), &error);
  g_assert_no_error (error);
  cd_test_run_command ("openssl x509 -inform DER -in '%s' -out '%s'", der_path, pem_path);

  return pem_path;
}

/* A request made the way the device makes it: the key stays with it. */
static char *
make_device_csr (Fixture    *fixture,
                 const char *name,
                 const char *subject,
                 const char *san)
{
  g_autofree char *csr = g_build_filename (fixture->tmpdir, name, NULL);
  g_autofree char *key = g_strconcat (csr, ".key", NULL);

  cd_test_run_command ("openssl req -new -newkey rsa:2048 -nodes -keyout '%s' -sha256 -utf8 "
                       "-subj '%s' -addext 'subjectAltName=%s' -out '%s'",
                       key, subject, san, csr);

  return g_steal_pointer (&csr);
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  cd_test_window_fixture_set_up (fixture, 1000, 700);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  close_dialogs ();
  cd_test_window_fixture_tear_down (fixture);
}

/* New Certificate Authority…, filled in as the user would; a bad
 * country holds Create back and says why.
 */
static CdCertificate *
create_root_ca (Fixture *fixture)
{
  g_autoptr(CdCertificate) root = NULL;
  g_autoptr(CdCertificate) personal = NULL;
  g_autoptr(CdCertificate) selected = NULL;
  CdCaCreateDialog *dialog;
  GType type = CD_TYPE_CA_CREATE_DIALOG;

  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "new-ca", NULL);
  dialog = wait_for_toplevel (type, "the New Certificate Authority dialog");
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (fixture->window));

  /* Nothing typed: nothing to create. */
  g_assert_false (action_enabled (dialog, type, "create_button"));

  cd_test_type_text (cd_test_template_child (dialog, type, "cn_row"), CA_NAME);
  cd_test_type_text (cd_test_template_child (dialog, type, "o_row"), "Example Corp");
  cd_test_type_text (cd_test_template_child (dialog, type, "st_row"), "CO");
  cd_test_type_text (cd_test_template_child (dialog, type, "c_row"), "USA");
  g_assert_false (action_enabled (dialog, type, "create_button"));
  g_assert_true (gtk_widget_has_css_class (cd_test_template_child (dialog, type, "c_row"), "error"));
  g_assert_cmpstr (cd_ca_create_dialog_get_error (dialog), !=, "");
  cd_test_type_text (cd_test_template_child (dialog, type, "c_row"), "US");
  g_assert_cmpstr (cd_ca_create_dialog_get_error (dialog), ==, "");
  g_assert_true (action_enabled (dialog, type, "create_button"));

  /* Ten years by default; the 2038 switch explains itself. */
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (cd_test_template_child (dialog, type, "days_spin"))),
                   ==, CD_CA_DEFAULT_CA_DAYS);
  g_assert_cmpstr (subtitle_of (cd_test_template_child (dialog, type, "before_2038_row")), ==, "");
  gtk_switch_set_active (GTK_SWITCH (cd_test_template_child (dialog, type, "before_2038_switch")), TRUE);
  cd_test_iterate_pending ();
  g_assert_cmpstr (subtitle_of (cd_test_template_child (dialog, type, "before_2038_row")), !=, "");
  gtk_switch_set_active (GTK_SWITCH (cd_test_template_child (dialog, type, "before_2038_switch")), FALSE);

  /* RSA 2048 keeps the test quick; the second entry of the Key row. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (cd_test_template_child (dialog, type, "key_row")), 1);
  shoot (dialog, "ca-create");

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&dialog);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "ca.create", NULL);
  g_assert_true (dialog == NULL || cd_ca_create_dialog_get_busy (dialog) ||
                 cd_ca_create_dialog_get_error (dialog)[0] != '\0');
  while (dialog != NULL && !create_done (dialog))
    g_main_context_iteration (NULL, TRUE);
  if (dialog != NULL)
    g_error ("The CA was not created: %s", cd_ca_create_dialog_get_error (dialog));
  cd_test_iterate_pending ();

  /* Trusted Root, selected there, and Personal with its key. */
  root = cd_test_find_certificate (fixture->database, CD_STORE_KIND_ROOT, CA_NAME);
  personal = cd_test_find_certificate (fixture->database, CD_STORE_KIND_MY, CA_NAME);
  g_assert_nonnull (root);
  g_assert_nonnull (personal);
  g_assert_true (cd_certificate_get_has_private_key (personal));
  g_assert_cmpint (cd_window_get_selected_store (fixture->window), ==, CD_STORE_KIND_ROOT);
  selected = dup_selected (fixture);
  g_assert_cmpstr (cd_certificate_get_sha256 (selected), ==, cd_certificate_get_sha256 (root));

  return g_steal_pointer (&root);
}

static guint
count_status (GListModel    *checks,
              CdCheckStatus  status)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (checks); i++)
    {
      g_autoptr(CdCheckResult) check = g_list_model_get_item (checks, i);

      if (cd_check_result_get_status (check) == status)
        n++;
    }

  return n;
}

/* The issue's scenario: create the CA, open the AE Services request,
 * Sign with CA… and the avaya-aes profile; then revoke what came out.
 */
static void
test_create_sign_revoke (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(CdCertificate) root = NULL;
  g_autoptr(CdCertificate) request = NULL;
  g_autoptr(CdCertificate) issued = NULL;
  g_autoptr(CdImporter) importer = NULL;
  g_autoptr(CdImportResult) imported = NULL;
  g_autoptr(GBytes) bundle = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csr = NULL;
  g_autofree char *key = NULL;
  g_autofree char *both = NULL;
  g_autofree char *ca_pem = NULL;
  g_autofree char *leaf_pem = NULL;
  g_autofree char *verify = NULL;
  g_autofree char *sans = NULL;
  g_autofree char *text = NULL;
  CdCaSignDialog *dialog;
  CdSanEditor *editor;
  CdExportDialog *export;
  CdCaRevokeDialog *revoke;
  AdwMessageDialog *confirm;
  GtkWindow *details;
  CdGeneralPage *general;
  GListModel *checks;
  CdRevocationReason reason = CD_REVOCATION_REASON_UNSPECIFIED;
  gboolean revoked = FALSE;
  GType type = CD_TYPE_CA_SIGN_DIALOG;

  root = create_root_ca (fixture);

  /* The request as a pending request of ours, with its key. */
  csr = make_device_csr (fixture, "aes.csr", "/C=US/ST=CO/O=Example Corp/CN=aes.example.com",
                         "DNS:aes.example.com,DNS:aes,IP:192.0.2.10");
  key = g_strconcat (csr, ".key", NULL);
  both = g_strconcat (csr, ".both", NULL);
  cd_test_run_command ("cat '%s' '%s' > '%s'", key, csr, both);
  bundle = read_bytes (both);
  importer = cd_importer_new (fixture->database, fixture->keyring);
  imported = cd_importer_import_bytes (importer, bundle, "aes.csr", NULL, CD_STORE_KIND_AUTO,
                                      NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  cd_window_reload (fixture->window);
  request = cd_test_find_certificate (fixture->database, CD_STORE_KIND_REQUEST, "aes.example.com");
  g_assert_nonnull (request);
  g_assert_true (cd_certificate_get_has_private_key (request));

  /* Sign with CA… from the request's row. */
  cd_window_select_store (fixture->window, CD_STORE_KIND_REQUEST);
  cd_store_view_select (CD_STORE_VIEW (cd_test_find_widget (GTK_WIDGET (fixture->window),
                                                            CD_TYPE_STORE_VIEW)), 0, TRUE);
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "sign-selected", NULL);
  dialog = wait_for_toplevel (type, "the Sign with CA dialog");
  g_object_ref (dialog);
  g_assert_false (cd_ca_sign_dialog_get_issuing (dialog));

  /* The request's names, for review: one removed, one added. */
  editor = cd_ca_sign_dialog_get_san_editor (dialog);
  g_assert_cmpuint (cd_san_editor_get_n_rows (editor), ==, 3);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cd_san_editor_get_row (editor, 0))), ==,
                   "aes.example.com");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cd_san_editor_get_row (editor, 2))), ==,
                   "192.0.2.10");
  cd_san_editor_remove (editor, 1);
  cd_san_editor_add (editor, CD_SAN_TYPE_DNS, "aes.example..com");
  cd_test_iterate_pending ();
  g_assert_false (cd_san_editor_get_valid (editor));
  g_assert_false (action_enabled (dialog, type, "sign_button"));
  cd_test_type_text (cd_san_editor_get_row (editor, 2), "aes-backup.example.com");
  g_assert_true (cd_san_editor_get_valid (editor));

  /* The profile sets its validity. */
  g_assert_true (cd_ca_sign_dialog_set_profile (dialog, "avaya-aes"));
  cd_test_iterate_pending ();
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (cd_test_template_child (dialog, type, "days_spin"))),
                   ==, 730);
  g_assert_true (cd_ca_sign_dialog_set_authority (dialog, cd_certificate_get_sha256 (root)));
  g_assert_true (action_enabled (dialog, type, "sign_button"));
  shoot (dialog, "ca-sign");

  gtk_widget_activate_action (GTK_WIDGET (dialog), "ca.sign", NULL);
  cd_test_iterate_until (sign_done, dialog, "the request to be signed");
  g_assert_cmpstr (cd_ca_sign_dialog_get_error (dialog), ==, "");
  g_assert_nonnull (cd_ca_sign_dialog_get_result (dialog));

  /* We hold the key: Personal, selected there; the request is done. */
  issued = cd_test_find_certificate (fixture->database, CD_STORE_KIND_MY, "aes.example.com");
  g_assert_nonnull (issued);
  g_assert_true (cd_certificate_get_has_private_key (issued));
  g_assert_null (cd_test_find_certificate (fixture->database, CD_STORE_KIND_REQUEST, "aes.example.com"));
  g_assert_cmpint (cd_window_get_selected_store (fixture->window), ==, CD_STORE_KIND_MY);
  {
    g_autoptr(CdCertificate) selected = dup_selected (fixture);

    g_assert_cmpstr (cd_certificate_get_sha256 (selected), ==, cd_certificate_get_sha256 (issued));
  }

  /* openssl accepts it with the CA, and it carries the edited names. */
  ca_pem = write_pem (fixture, root, "ca.der");
  leaf_pem = write_pem (fixture, issued, "aes.der");
  verify = cd_test_run_output ("openssl verify -CAfile '%s' '%s'", ca_pem, leaf_pem);
  g_assert_nonnull (strstr (verify, ": OK"));
  sans = cd_test_run_output ("openssl x509 -in '%s' -noout -ext subjectAltName", leaf_pem);
  g_assert_nonnull (strstr (sans, "DNS:aes.example.com, IP Address:192.0.2.10, "
                                  "DNS:aes-backup.example.com"));
  g_assert_null (strstr (sans, "DNS:aes,"));

  /* The profile's checks: none failed, and they are shown. */
  checks = cd_ca_sign_dialog_get_checks (dialog);
  g_assert_nonnull (checks);
  g_assert_cmpuint (g_list_model_get_n_items (checks), >, 0);
  g_assert_cmpuint (count_status (checks, CD_CHECK_STATUS_FAIL), ==, 0);
  g_assert_cmpuint (count_status (checks, CD_CHECK_STATUS_PASS), >, 0);
  g_assert_true (gtk_widget_get_visible (cd_test_template_child (dialog, type, "check_group")));

  /* The export dialog opened with the profile's format: PKCS #12 in
   * its compatible encryption, with the chain.
   */
  export = wait_for_toplevel (CD_TYPE_EXPORT_DIALOG, "the export dialog");
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (export)) == GTK_WINDOW (dialog));
  g_assert_cmpint (cd_export_dialog_get_choice (export), ==, CD_EXPORT_CHOICE_PKCS12);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (cd_test_template_child (export, CD_TYPE_EXPORT_DIALOG,
                                                                                       "encryption_row"))),
                    ==, 1);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (cd_test_template_child (export, CD_TYPE_EXPORT_DIALOG,
                                                                           "chain_switch"))));
  gtk_window_destroy (GTK_WINDOW (export));
  cd_test_iterate_pending ();
  shoot (dialog, "ca-sign-result");

  /* The CA certificate, for the device to import first: PEM, no key. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "ca.export-ca", NULL);
  export = wait_for_toplevel (CD_TYPE_EXPORT_DIALOG, "the CA's export dialog");
  g_assert_cmpint (cd_export_dialog_get_choice (export), ==, CD_EXPORT_CHOICE_PEM);
  gtk_window_destroy (GTK_WINDOW (export));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_finalize_object (dialog);
  cd_test_iterate_pending ();

  /* Revoke…, for key compromise, confirmed. */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "revoke-selected", NULL);
  revoke = wait_for_toplevel (CD_TYPE_CA_REVOKE_DIALOG, "the Revoke dialog");
  cd_ca_revoke_dialog_set_reason (revoke, CD_REVOCATION_REASON_KEY_COMPROMISE);
  cd_test_type_text (cd_test_template_child (revoke, CD_TYPE_CA_REVOKE_DIALOG, "date_row"), "2999-01-01 00:00");
  g_assert_false (action_enabled (revoke, CD_TYPE_CA_REVOKE_DIALOG, "revoke_button"));
  g_assert_cmpstr (cd_ca_revoke_dialog_get_error (revoke), !=, "");
  cd_test_type_text (cd_test_template_child (revoke, CD_TYPE_CA_REVOKE_DIALOG, "date_row"), "2020-01-01 00:00");
  g_assert_true (action_enabled (revoke, CD_TYPE_CA_REVOKE_DIALOG, "revoke_button"));
  shoot (revoke, "ca-revoke");

  gtk_widget_activate_action (GTK_WIDGET (revoke), "revoke.revoke", NULL);
  confirm = cd_ca_revoke_dialog_get_confirmation (revoke);
  g_assert_nonnull (confirm);
  cd_test_iterate_until (cd_test_window_mapped, confirm, "the confirmation");

  /* Not yet: the question comes first. */
  g_assert_true (cd_ca_get_revocation (fixture->database, cd_certificate_get_sha256 (issued),
                                       &revoked, NULL, NULL, &error));
  g_assert_false (revoked);
  adw_message_dialog_response (confirm, "revoke");
  cd_test_iterate_pending ();
  g_assert_null (cd_test_find_toplevel (CD_TYPE_CA_REVOKE_DIALOG, NULL));

  g_assert_true (cd_ca_get_revocation (fixture->database, cd_certificate_get_sha256 (issued),
                                       &revoked, &reason, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (revoked);
  g_assert_cmpint (reason, ==, CD_REVOCATION_REASON_KEY_COMPROMISE);

  /* The certificate dialog says so. */
  details = cd_window_show_certificate (fixture->window, issued);
  g_assert_nonnull (details);
  cd_test_iterate_until (cd_test_window_mapped, details, "the certificate dialog");
  general = CD_GENERAL_PAGE (cd_certificate_dialog_get_page (CD_CERTIFICATE_DIALOG (details), "general"));
  text = g_strdup (cd_general_page_get_revocation_text (general));
  g_assert_true (g_str_has_prefix (text, "Revoked on 2020-01-01"));
  g_assert_nonnull (strstr (text, cd_revocation_reason_get_label (CD_REVOCATION_REASON_KEY_COMPROMISE)));
  g_assert_cmpstr (cd_general_page_get_status_text (general), ==,
                   cd_chain_status_get_label (CD_CHAIN_STATUS_REVOKED));
  shoot (details, "ca-revoked-general");
}

/* A request whose organization is not the CA's, with a profile that
 * demands it: the dialog names the field, and nothing is stored.
 */
static void
test_sign_refused (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(CdCertificate) root = create_root_ca (fixture);
  g_autoptr(GBytes) request = NULL;
  g_autofree char *csr = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  CdCaSignDialog *dialog;
  GType type = CD_TYPE_CA_SIGN_DIALOG;

  csr = make_device_csr (fixture, "other.csr", "/C=US/ST=CO/O=Other Corp/CN=aes.example.com",
                         "DNS:aes.example.com");
  request = read_bytes (csr);
  before = cd_test_dump_database (fixture->database);

  dialog = CD_CA_SIGN_DIALOG (cd_window_sign_request_bytes (fixture->window, request, "other.csr"));
  g_assert_nonnull (dialog);
  cd_test_iterate_until (cd_test_window_mapped, dialog, "the Sign with CA dialog");
  g_assert_true (cd_ca_sign_dialog_set_profile (dialog, "avaya-aes"));
  g_assert_true (cd_ca_sign_dialog_set_authority (dialog, cd_certificate_get_sha256 (root)));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "ca.sign", NULL);
  cd_test_iterate_until (sign_done, dialog, "the signing to fail");

  g_assert_null (cd_ca_sign_dialog_get_result (dialog));
  g_assert_nonnull (strstr (cd_ca_sign_dialog_get_error (dialog), "Organization"));
  g_assert_nonnull (strstr (cd_ca_sign_dialog_get_error (dialog), "Other Corp"));
  g_assert_true (action_enabled (dialog, type, "sign_button"));
  g_assert_null (cd_test_find_toplevel (CD_TYPE_EXPORT_DIALOG, NULL));
  shoot (dialog, "ca-sign-refused");

  after = cd_test_dump_database (fixture->database);
  g_assert_cmpstr (before, ==, after);

  /* Not a request at all: the window says so, no dialog. */
  {
    g_autoptr(GBytes) junk = g_bytes_new_static ("not a request", 13);

    g_assert_null (cd_window_sign_request_bytes (fixture->window, junk, "junk.csr"));
  }
}

/* Issue Certificate and Key…: a key made here, the certificate signed,
 * and the export dialog preset to PKCS #12 with the chain.
 */
static void
test_issue_with_key (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(CdCertificate) root = create_root_ca (fixture);
  g_autoptr(CdCertificate) issued = NULL;
  CdCaSignDialog *dialog;
  CdExportDialog *export;
  CdSanEditor *editor;
  GType type = CD_TYPE_CA_SIGN_DIALOG;

  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "issue-certificate", NULL);
  dialog = wait_for_toplevel (type, "the Issue dialog");
  g_assert_true (cd_ca_sign_dialog_get_issuing (dialog));
  g_assert_false (action_enabled (dialog, type, "sign_button"));

  cd_test_type_text (cd_test_template_child (dialog, type, "cn_row"), "ipo.example.com");
  cd_test_type_text (cd_test_template_child (dialog, type, "o_row"), "Example Corp");
  editor = cd_ca_sign_dialog_get_san_editor (dialog);
  cd_san_editor_add (editor, CD_SAN_TYPE_DNS, "ipo.example.com");
  cd_san_editor_add (editor, CD_SAN_TYPE_IP, "192.0.2.20");
  g_assert_true (cd_ca_sign_dialog_set_authority (dialog, cd_certificate_get_sha256 (root)));
  g_assert_true (action_enabled (dialog, type, "sign_button"));
  shoot (dialog, "ca-issue");

  gtk_widget_activate_action (GTK_WIDGET (dialog), "ca.sign", NULL);
  cd_test_iterate_until (sign_done, dialog, "the key and certificate to be made");
  g_assert_cmpstr (cd_ca_sign_dialog_get_error (dialog), ==, "");

  issued = cd_test_find_certificate (fixture->database, CD_STORE_KIND_MY, "ipo.example.com");
  g_assert_nonnull (issued);
  g_assert_true (cd_certificate_get_has_private_key (issued));
  g_assert_cmpstr (cd_certificate_get_san (issued)[0], ==, "DNS:ipo.example.com");
  g_assert_cmpstr (cd_certificate_get_san (issued)[1], ==, "IP:192.0.2.20");
  g_assert_null (cd_certificate_get_san (issued)[2]);

  export = wait_for_toplevel (CD_TYPE_EXPORT_DIALOG, "the export dialog");
  g_assert_cmpint (cd_export_dialog_get_choice (export), ==, CD_EXPORT_CHOICE_PKCS12);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (cd_test_template_child (export, CD_TYPE_EXPORT_DIALOG,
                                                                                       "encryption_row"))),
                    ==, 0);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (cd_test_template_child (export, CD_TYPE_EXPORT_DIALOG,
                                                                           "chain_switch"))));
}

/* Revoke… on a certificate no CA of ours issued opens nothing. */
static void
test_revoke_not_ours (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(CdImporter) importer = cd_importer_new (fixture->database, fixture->keyring);
  g_autoptr(CdImportResult) imported = NULL;
  g_autoptr(GFile) file = cd_test_fixture_file ("leaf.pem");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  imported = cd_importer_import_file (importer, file, NULL, CD_STORE_KIND_ADDRESS_BOOK,
                                      NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  rows = cd_database_list_store (fixture->database, CD_STORE_KIND_ADDRESS_BOOK, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);

  g_assert_null (cd_window_revoke (fixture->window, g_ptr_array_index (rows, 0), NULL));
  cd_test_iterate_pending ();
  g_assert_null (cd_test_find_toplevel (CD_TYPE_CA_REVOKE_DIALOG, NULL));
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
  g_test_add ("/certdesk/ca-gui/" path, Fixture, NULL, \
              fixture_set_up, func, fixture_tear_down)

  ADD ("create-sign-revoke", test_create_sign_revoke);
  ADD ("sign-refused", test_sign_refused);
  ADD ("issue-with-key", test_issue_with_key);
  ADD ("revoke-not-ours", test_revoke_not_ours);

#undef ADD

  return g_test_run ();
}
