/* test-profiles-gui.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Device profiles in the GUI, driven as the user drives them,
 * under Xvfb with a real keyring and database: the request wizard
 * filled in by the IP Office profile, its live checklist turning a
 * ninth name into a failure; a certificate made by openssl, valid past
 * 2038 and without clientAuth, checked against OpenScape Voice on the
 * certificate dialog's Check page; the ticks of the Steps page kept
 * across closing and opening; the export preset to what the device
 * takes; and "Check Against Device…" from the main window.
 *
 * With CD_SHOT_DIR set, the pages are also saved there as PNG files
 * (run with ADW_DEBUG_COLOR_SCHEME=prefer-dark for the dark style).
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "cd-certificate-dialog.h"
#include "cd-certificate.h"
#include "cd-check-list.h"
#include "cd-check-page.h"
#include "cd-database.h"
#include "cd-export-dialog.h"
#include "cd-gui-test-utils.h"
#include "cd-importer.h"
#include "cd-key-generator.h"
#include "cd-keyring.h"
#include "cd-profile-chooser.h"
#include "cd-request-wizard.h"
#include "cd-steps-page.h"
#include "cd-store-kind.h"
#include "cd-store-view.h"
#include "cd-test-utils.h"
#include "cd-window.h"

#define DEADLINE_SECONDS 60

typedef CdTestWindowFixture Fixture;

/* Screenshots */

/* A screenshot mid-transition shows two pages at once. */
static gboolean
transitions_done (gpointer data)
{
  g_autoptr(GPtrArray) stacks = g_ptr_array_new ();

  cd_test_collect_widgets (data, GTK_TYPE_STACK, stacks);
  for (guint i = 0; i < stacks->len; i++)
    {
      if (gtk_stack_get_transition_running (g_ptr_array_index (stacks, i)))
        return FALSE;
    }

  return TRUE;
}

static void
save_shot (GtkWidget  *window,
           const char *name)
{
  const char *dir = g_getenv ("CD_SHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  const char *scheme = g_getenv ("ADW_DEBUG_COLOR_SCHEME");
  graphene_rect_t bounds;
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);

  if (dir == NULL)
    return;

  cd_test_iterate_until (transitions_done, window, "the pages to settle");
  gtk_test_widget_wait_for_draw (window);
  cd_test_iterate_pending ();
  paintable = gtk_widget_paintable_new (window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    {
      g_test_message ("Nothing drawn for %s yet: no screenshot", name);
      return;
    }
  graphene_rect_init (&bounds, 0, 0, width, height);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node, &bounds);
  path = g_strdup_printf ("%s/%s%s.png", dir, name,
                          g_strcmp0 (scheme, "prefer-dark") == 0 ? "-dark" : "");
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* Helpers */

static void
close_dialogs (void)
{
  cd_test_close_dialogs (CD_TYPE_EXPORT_DIALOG, ADW_TYPE_MESSAGE_DIALOG, CD_TYPE_REQUEST_WIZARD,
                         CD_TYPE_CERTIFICATE_DIALOG, G_TYPE_INVALID);
}

static GtkWidget *
get_wizard_child (CdRequestWizard *wizard,
                  const char      *name)
{
  return cd_test_template_child (wizard, CD_TYPE_REQUEST_WIZARD, name);
}

static void
activate (GtkWidget  *widget,
          const char *action)
{
  gtk_widget_activate_action (widget, action, NULL);
  cd_test_iterate_pending ();
}

static const char *
get_selected_item (GtkWidget *combo_row)
{
  GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (combo_row));

  return gtk_string_list_get_string (GTK_STRING_LIST (model),
                                     adw_combo_row_get_selected (ADW_COMBO_ROW (combo_row)));
}

/* Whether some label under @root shows exactly @text. */
static gboolean
has_label (GtkWidget  *root,
           const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  cd_test_collect_widgets (root, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      if (g_strcmp0 (gtk_label_get_label (g_ptr_array_index (labels, i)), text) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Whether the row of @rule_id is shown and says @status, in words. */
static void
assert_rule_status (CdCheckList   *list,
                    const char    *rule_id,
                    CdCheckStatus  status)
{
  GtkWidget *row = cd_check_list_get_row (list, rule_id);
  GtkWidget *group;

  if (row == NULL)
    g_error ("No row for rule %s", rule_id);

  group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);
  g_assert_true (group == cd_check_list_get_group (list, status));
  if (status != CD_CHECK_STATUS_NOT_APPLICABLE)
    g_assert_true (cd_test_is_shown (row));
  if (!has_label (row, cd_check_status_get_label (status)))
    g_error ("The row of %s does not say “%s”", rule_id, cd_check_status_get_label (status));
}

static CdRequestWizard *
open_wizard (Fixture *fixture)
{
  CdRequestWizard *wizard;

  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "new-request", NULL);
  cd_test_iterate_until (cd_test_toplevel_shown, GSIZE_TO_POINTER (CD_TYPE_REQUEST_WIZARD),
                         "the wizard");
  wizard = CD_REQUEST_WIZARD (cd_test_find_toplevel (CD_TYPE_REQUEST_WIZARD, NULL));
  cd_test_iterate_until (cd_test_window_mapped, wizard, "the wizard to be mapped");
  cd_test_iterate_pending ();

  return wizard;
}

static void
import_file (Fixture     *fixture,
             const char  *name,
             CdStoreKind  kind)
{
  g_autoptr(CdImporter) importer = cd_importer_new (fixture->database, fixture->keyring);
  g_autoptr(CdImportResult) result = NULL;
  g_autofree char *path = g_build_filename (fixture->tmpdir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  result = cd_importer_import_file (importer, file, NULL, kind, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
}

/* A root CA and, signed by it, an RSA 2048 server certificate with its
 * key: serverAuth only, no clientAuth, valid for 15 years, so past
 * 2038. @cn names it; the key goes into the keyring with it.
 */
static void
make_certificates (Fixture *fixture)
{
  g_autofree char *quoted = g_shell_quote (fixture->tmpdir);
  const char *leaves[] = { "osv.example.test", "other.example.test" };

  cd_test_run_command ("cd %s && export OPENSSL_CONF=/dev/null && "
                       "openssl req -x509 -newkey rsa:2048 -nodes -keyout root.key -out root.pem "
                       "  -days 7300 -subj '/C=DE/O=Example/CN=Profiles Test Root CA' "
                       "  -addext basicConstraints=critical,CA:TRUE "
                       "  -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null",
                       quoted);
  for (guint i = 0; i < G_N_ELEMENTS (leaves); i++)
    cd_test_run_command ("cd %s && export OPENSSL_CONF=/dev/null && "
                         "printf 'basicConstraints=CA:FALSE\\nkeyUsage=digitalSignature,keyEncipherment\\n"
                         "extendedKeyUsage=serverAuth\\nsubjectAltName=DNS:%s\\n' > %s.ext && "
                         "openssl req -newkey rsa:2048 -nodes -keyout %s.key -out %s.csr "
                         "  -subj '/CN=%s' 2>/dev/null && "
                         "openssl x509 -req -in %s.csr -CA root.pem -CAkey root.key -CAcreateserial "
                         "  -days 5500 -sha256 -extfile %s.ext -out %s.pem 2>/dev/null && "
                         "cat %s.pem %s.key > %s-with-key.pem",
                         quoted, leaves[i], leaves[i], leaves[i], leaves[i], leaves[i], leaves[i],
                         leaves[i], leaves[i], leaves[i], leaves[i], leaves[i]);

  import_file (fixture, "root.pem", CD_STORE_KIND_ROOT);
  import_file (fixture, "osv.example.test-with-key.pem", CD_STORE_KIND_MY);
  import_file (fixture, "other.example.test-with-key.pem", CD_STORE_KIND_MY);
  cd_window_reload (fixture->window);
  cd_test_iterate_pending ();
}

static CdCertificateDialog *
open_check_page (Fixture    *fixture,
                 const char *subject_cn)
{
  g_autoptr(CdCertificate) row = cd_test_find_certificate (fixture->database, CD_STORE_KIND_MY, subject_cn);
  GtkWindow *dialog = cd_window_show_certificate (fixture->window, row);

  g_assert_nonnull (dialog);
  cd_certificate_dialog_set_visible_page (CD_CERTIFICATE_DIALOG (dialog), "check");
  cd_test_iterate_until (cd_test_window_mapped, dialog, "the certificate dialog");
  cd_test_iterate_pending ();

  return CD_CERTIFICATE_DIALOG (dialog);
}

static CdCheckPage *
get_check_page (CdCertificateDialog *dialog)
{
  return CD_CHECK_PAGE (cd_certificate_dialog_get_page (dialog, "check"));
}

/* Fixture */

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

/* The wizard */

/* "Avaya IP Office — server identity" fills in RSA 2048, SHA-256, its
 * usages, UTF8String and "first DNS name = CN", where the wizard's own
 * defaults differ.
 */
static void
test_wizard_prefill (Fixture       *fixture,
                     gconstpointer  data)
{
  CdRequestWizard *wizard = open_wizard (fixture);
  CdProfileChooser *chooser = CD_PROFILE_CHOOSER (get_wizard_child (wizard, "profile_chooser"));
  GtkWidget *key_type_row = get_wizard_child (wizard, "key_type_row");
  GtkWidget *usage_row = get_wizard_child (wizard, "review_usage_row");
  GtkWidget *extended_usage_row = get_wizard_child (wizard, "review_extended_usage_row");

  g_object_ref (wizard);

  /* The wizard's defaults first, so the profile is seen to change them. */
  g_assert_null (cd_profile_chooser_get_profile (chooser));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (get_wizard_child (wizard, "server_check"))));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (get_wizard_child (wizard, "string_type_row"))), ==, 0);

  /* A CA profile is no device to request a certificate for. */
  g_assert_false (cd_profile_chooser_set_profile_id (chooser, "avaya-ipo-root"));

  /* The user starts from EC, then picks the device. */
  for (guint i = 0; i < g_list_model_get_n_items (adw_combo_row_get_model (ADW_COMBO_ROW (key_type_row))); i++)
    {
      adw_combo_row_set_selected (ADW_COMBO_ROW (key_type_row), i);
      if (g_strcmp0 (get_selected_item (key_type_row), cd_key_type_get_title (CD_KEY_TYPE_EC_P256)) == 0)
        break;
    }
  g_assert_cmpstr (get_selected_item (key_type_row), ==, cd_key_type_get_title (CD_KEY_TYPE_EC_P256));

  g_assert_true (cd_profile_chooser_set_profile_id (chooser, "avaya-ipo-server"));
  cd_test_iterate_pending ();
  save_shot (GTK_WIDGET (wizard), "profiles-purpose");
  g_assert_cmpstr (cd_profile_get_id (cd_profile_chooser_get_profile (chooser)), ==, "avaya-ipo-server");

  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (get_wizard_child (wizard, "server_client_check"))));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (get_wizard_child (wizard, "string_type_row"))), ==, 1);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (get_wizard_child (wizard, "cn_as_dns_switch"))));
  g_assert_cmpstr (get_selected_item (key_type_row), ==, cd_key_type_get_title (CD_KEY_TYPE_RSA_2048));
  g_assert_cmpstr (get_selected_item (get_wizard_child (wizard, "digest_row")), ==, "SHA-256");

  /* The usages, as the Review page lists them. */
  gtk_editable_set_text (GTK_EDITABLE (get_wizard_child (wizard, "cn_row")), "ipo.example.test");
  cd_test_iterate_pending ();
  for (guint i = 0; i < 4; i++)
    activate (GTK_WIDGET (wizard), "wizard.next");
  g_assert_cmpstr (cd_request_wizard_get_page (wizard), ==, "review");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (usage_row)), ==,
                   "digitalSignature, nonRepudiation, keyEncipherment, dataEncipherment");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (extended_usage_row)), ==,
                   "serverAuth, clientAuth");
  g_assert_cmpint (cd_request_builder_get_key_type (cd_request_wizard_get_builder (wizard)), ==,
                   CD_KEY_TYPE_RSA_2048);

  /* AE Services marks the subject fields its CA compares. */
  activate (GTK_WIDGET (wizard), "wizard.back");
  activate (GTK_WIDGET (wizard), "wizard.back");
  activate (GTK_WIDGET (wizard), "wizard.back");
  g_assert_false (cd_test_is_shown (get_wizard_child (wizard, "match_issuer_label")));
  g_assert_true (cd_profile_chooser_set_profile_id (chooser, "avaya-aes"));
  cd_test_iterate_pending ();
  g_assert_true (cd_test_is_shown (get_wizard_child (wizard, "match_issuer_label")));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (get_wizard_child (wizard, "match_issuer_label"))),
                            "Avaya AE Services"));

  /* "No Device" leaves what is there and drops the marks and checks. */
  g_assert_true (cd_profile_chooser_set_profile_id (chooser, NULL));
  cd_test_iterate_pending ();
  g_assert_false (cd_test_is_shown (get_wizard_child (wizard, "match_issuer_label")));
  g_assert_false (gtk_widget_get_visible (get_wizard_child (wizard, "check_group")));
  g_assert_cmpstr (get_selected_item (key_type_row), ==, cd_key_type_get_title (CD_KEY_TYPE_RSA_2048));

  gtk_window_destroy (GTK_WINDOW (wizard));
  g_assert_finalize_object (wizard);
}

/* The ninth name: IP Office takes eight SAN entries, and the
 * common name is the first. The checklist says so before any key is
 * made, and takes it back when the name is removed.
 */
static void
test_wizard_live_checklist (Fixture       *fixture,
                            gconstpointer  data)
{
  CdRequestWizard *wizard = open_wizard (fixture);
  CdProfileChooser *chooser = CD_PROFILE_CHOOSER (get_wizard_child (wizard, "profile_chooser"));
  CdCheckList *list = CD_CHECK_LIST (get_wizard_child (wizard, "check_list"));
  g_autofree char *keys_before = cd_test_dump_keyring ();
  g_autofree char *keys_after = NULL;
  g_autofree char *source = NULL;
  GtkWidget *row;

  g_assert_true (cd_profile_chooser_set_profile_id (chooser, "avaya-ipo-server"));
  cd_test_iterate_pending ();
  activate (GTK_WIDGET (wizard), "wizard.next");
  gtk_editable_set_text (GTK_EDITABLE (get_wizard_child (wizard, "cn_row")), "ipo.example.test");
  cd_test_iterate_pending ();
  activate (GTK_WIDGET (wizard), "wizard.next");
  g_assert_cmpstr (cd_request_wizard_get_page (wizard), ==, "san");

  /* The CN and seven more: eight, the most IP Office takes. */
  for (guint i = 0; i < 7; i++)
    {
      g_autofree char *name = g_strdup_printf ("alt%u.example.test", i + 1);

      activate (GTK_WIDGET (wizard), "wizard.add-san");
      gtk_editable_set_text (cd_request_wizard_get_san_entry (wizard, i), name);
      cd_test_iterate_pending ();
    }
  assert_rule_status (list, "IPO-SRV-07", CD_CHECK_STATUS_PASS);
  assert_rule_status (list, "IPO-SRV-01", CD_CHECK_STATUS_PASS);
  assert_rule_status (list, "IPO-GEN-02", CD_CHECK_STATUS_PASS);

  /* The ninth. */
  activate (GTK_WIDGET (wizard), "wizard.add-san");
  gtk_editable_set_text (cd_request_wizard_get_san_entry (wizard, 7), "sip.example.test");
  cd_test_iterate_pending ();
  assert_rule_status (list, "IPO-SRV-07", CD_CHECK_STATUS_FAIL);
  g_assert_cmpuint (cd_check_list_get_n_results (list, CD_CHECK_STATUS_FAIL), ==, 1);

  /* Shown on the Review page with its hint and source. */
  activate (GTK_WIDGET (wizard), "wizard.next");
  activate (GTK_WIDGET (wizard), "wizard.next");
  g_assert_cmpstr (cd_request_wizard_get_page (wizard), ==, "review");
  row = cd_check_list_get_row (list, "IPO-SRV-07");
  g_assert_true (cd_test_is_shown (row));
  g_assert_true (has_label (row, "There are at most 8 subject alternative names."));
  source = g_strdup_printf ("Source: %s, %s",
                            "Avaya IP Office Security Guidelines, Release 12.0, Issue 11 (April 2024)",
                            "Ch 7 › Certificate Name Content");
  g_assert_true (has_label (row, source));
  g_assert_true (cd_test_is_shown (cd_check_list_get_group (list, CD_CHECK_STATUS_FAIL)));
  /* Rules about the certificate itself wait for it. */
  g_assert_false (cd_test_is_shown (cd_check_list_get_group (list, CD_CHECK_STATUS_NOT_APPLICABLE)));
  assert_rule_status (list, "IPO-SRV-23", CD_CHECK_STATUS_NOT_APPLICABLE);
  save_shot (GTK_WIDGET (wizard), "profiles-review");

  /* Nothing was made while checking. */
  keys_after = cd_test_dump_keyring ();
  g_assert_cmpstr (keys_before, ==, keys_after);
  g_assert_cmpuint (cd_test_count_rows (fixture->database, CD_STORE_KIND_REQUEST), ==, 0);

  /* One name less: eight again. */
  activate (GTK_WIDGET (wizard), "wizard.back");
  activate (GTK_WIDGET (wizard), "wizard.back");
  gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.san-remove", "u", 3);
  cd_test_iterate_pending ();
  g_assert_cmpuint (cd_request_wizard_get_n_san_rows (wizard), ==, 7);
  assert_rule_status (list, "IPO-SRV-07", CD_CHECK_STATUS_PASS);
  g_assert_cmpuint (cd_check_list_get_n_results (list, CD_CHECK_STATUS_FAIL), ==, 0);

  /* A wildcard is the next thing IP Office refuses. */
  gtk_editable_set_text (cd_request_wizard_get_san_entry (wizard, 0), "*.example.test");
  cd_test_iterate_pending ();
  assert_rule_status (list, "IPO-SRV-13", CD_CHECK_STATUS_FAIL);

  close_dialogs ();
}

/* The certificate dialog */

/* OpenScape Voice: valid past 2038 fails, and so does the lack of
 * clientAuth; the chain to the trusted root passes. Each row names its
 * source section.
 */
static void
test_check_page (Fixture       *fixture,
                 gconstpointer  data)
{
  CdCertificateDialog *dialog;
  CdCheckPage *page;
  CdCheckList *list;
  GtkWidget *row;
  GtkEditable *fqdn;

  make_certificates (fixture);
  dialog = open_check_page (fixture, "osv.example.test");
  page = get_check_page (dialog);
  list = cd_check_page_get_check_list (page);
  g_assert_cmpstr (cd_certificate_dialog_get_visible_page (dialog), ==, "check");

  g_assert_true (cd_check_page_set_profile_id (page, "openscape-voice"));
  cd_test_iterate_pending ();

  assert_rule_status (list, "GEN-Y2038", CD_CHECK_STATUS_FAIL);
  assert_rule_status (list, "OSV-05", CD_CHECK_STATUS_FAIL);
  assert_rule_status (list, "GEN-CHAIN", CD_CHECK_STATUS_PASS);
  assert_rule_status (list, "GEN-KEY", CD_CHECK_STATUS_PASS);
  g_assert_cmpuint (cd_check_list_get_n_results (list, CD_CHECK_STATUS_FAIL), ==, 2);

  row = cd_check_list_get_row (list, "GEN-Y2038");
  g_assert_true (has_label (row, "The certificate ends before 2038-01-19."));
  g_assert_true (has_label (row, "Source: Mitel OpenScape Solution Set V11, Certificate Management "
                                 "and TLS, Administrator Documentation (07/2025), §3.1.5"));
  row = cd_check_list_get_row (list, "OSV-05");
  g_assert_true (has_label (row, "Source: Mitel OpenScape Solution Set V11, Certificate Management "
                                 "and TLS, Administrator Documentation (07/2025), §3.2; §3.15"));
  g_assert_true (has_label (row, "The same certificate is uploaded as server.pem and client.pem and "
                                 "used for mutual TLS, so OpenScape Voice also presents it as a "
                                 "client; without clientAuth its peers refuse it. The research notes "
                                 "rate this a warning; it is an error here because the certificate "
                                 "is always used both ways."));
  g_assert_true (has_label (cd_check_list_get_group (list, CD_CHECK_STATUS_FAIL), "Failed (2)"));
  g_assert_nonnull (strstr (cd_check_page_get_summary (page), "2 rules fail"));
  save_shot (GTK_WIDGET (dialog), "profiles-check");

  /* A parameter: IP Office compares the CN with the FQDN typed. */
  g_assert_null (cd_check_page_get_parameter_row (page, "fqdn"));
  g_assert_true (cd_check_page_set_profile_id (page, "avaya-ipo-server"));
  cd_test_iterate_pending ();
  assert_rule_status (list, "IPO-SRV-02", CD_CHECK_STATUS_NOT_APPLICABLE);
  fqdn = cd_check_page_get_parameter_row (page, "fqdn");
  g_assert_nonnull (fqdn);
  g_assert_true (cd_test_is_shown (GTK_WIDGET (fqdn)));
  gtk_editable_set_text (fqdn, "ipo.example.test");
  cd_test_iterate_pending ();
  assert_rule_status (list, "IPO-SRV-02", CD_CHECK_STATUS_WARNING);
  gtk_editable_set_text (fqdn, "osv.example.test");
  cd_test_iterate_pending ();
  assert_rule_status (list, "IPO-SRV-02", CD_CHECK_STATUS_PASS);

  /* None: nothing checked. */
  g_assert_true (cd_check_page_set_profile_id (page, NULL));
  cd_test_iterate_pending ();
  g_assert_null (cd_check_list_get_row (list, "IPO-SRV-02"));
  g_assert_null (cd_check_page_get_summary (page));

  close_dialogs ();
}

/* Ticks on the Steps page survive closing the dialog; the certificate
 * opens again on the device it was ticked for, even when another
 * certificate was checked against another device in between.
 */
static void
test_steps_remembered (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(CdCertificate) row = NULL;
  g_auto(GStrv) done = NULL;
  g_autoptr(GError) error = NULL;
  CdCertificateDialog *dialog;
  CdStepsPage *steps;
  GtkCheckButton *check;

  make_certificates (fixture);
  row = cd_test_find_certificate (fixture->database, CD_STORE_KIND_MY, "osv.example.test");

  dialog = open_check_page (fixture, "osv.example.test");
  g_assert_true (cd_check_page_set_profile_id (get_check_page (dialog), "openscape-voice"));
  cd_certificate_dialog_set_visible_page (dialog, "steps");
  cd_test_iterate_pending ();
  steps = CD_STEPS_PAGE (cd_certificate_dialog_get_page (dialog, "steps"));
  check = cd_steps_page_get_check (steps, "OSV-SAN-01");
  g_assert_nonnull (check);
  g_assert_true (cd_test_is_shown (GTK_WIDGET (check)));
  g_assert_false (gtk_check_button_get_active (check));
  g_assert_true (has_label (GTK_WIDGET (steps), "0 of 6 steps done. Tick each one as you do it on "
                                                "the device; Certdesk remembers them for this "
                                                "certificate. From Mitel OpenScape Solution Set V11, "
                                                "Certificate Management and TLS, Administrator "
                                                "Documentation (07/2025)."));
  g_assert_nonnull (adw_action_row_get_subtitle (ADW_ACTION_ROW (gtk_widget_get_ancestor (GTK_WIDGET (check),
                                                                                       ADW_TYPE_ACTION_ROW))));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (gtk_widget_get_ancestor (GTK_WIDGET (check),
                                                                                       ADW_TYPE_ACTION_ROW))),
                   ==, "Source: §6.2; §3 notes");
  gtk_check_button_set_active (check, TRUE);
  gtk_check_button_set_active (cd_steps_page_get_check (steps, "OSV-KEY-01"), TRUE);
  cd_test_iterate_pending ();
  save_shot (GTK_WIDGET (dialog), "profiles-steps");

  done = cd_database_dup_checklist_done (fixture->database, cd_certificate_get_sha256 (row),
                                         "openscape-voice", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (done), ==, 2);
  g_assert_cmpstr (done[0], ==, "OSV-KEY-01");
  g_assert_cmpstr (done[1], ==, "OSV-SAN-01");
  g_clear_pointer (&done, g_strfreev);
  gtk_window_destroy (GTK_WINDOW (dialog));
  cd_test_iterate_pending ();

  /* Another certificate, another device: the last one chosen. */
  dialog = open_check_page (fixture, "other.example.test");
  g_assert_true (cd_check_page_set_profile_id (get_check_page (dialog), "tls-server"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  cd_test_iterate_pending ();

  dialog = open_check_page (fixture, "osv.example.test");
  g_assert_cmpstr (cd_profile_get_id (cd_check_page_get_profile (get_check_page (dialog))), ==,
                   "openscape-voice");
  steps = CD_STEPS_PAGE (cd_certificate_dialog_get_page (dialog, "steps"));
  g_assert_true (gtk_check_button_get_active (cd_steps_page_get_check (steps, "OSV-SAN-01")));
  g_assert_true (gtk_check_button_get_active (cd_steps_page_get_check (steps, "OSV-KEY-01")));
  g_assert_false (gtk_check_button_get_active (cd_steps_page_get_check (steps, "OSV-ROOT-01")));

  /* Unticking is stored too. */
  gtk_check_button_set_active (cd_steps_page_get_check (steps, "OSV-KEY-01"), FALSE);
  cd_test_iterate_pending ();
  done = cd_database_dup_checklist_done (fixture->database, cd_certificate_get_sha256 (row),
                                         "openscape-voice", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (done), ==, 1);
  gtk_window_destroy (GTK_WINDOW (dialog));
  cd_test_iterate_pending ();

  /* A certificate without ticks gets the last device chosen. */
  dialog = open_check_page (fixture, "other.example.test");
  g_assert_cmpstr (cd_profile_get_id (cd_check_page_get_profile (get_check_page (dialog))), ==,
                   "tls-server");

  close_dialogs ();
}

/* "Export for This Device…" opens the export dialog preset to what the
 * device imports: OpenScape Voice's PEM certificate and PKCS #1 key in
 * one file, IP Office's PKCS #12 named .p12.
 */
static void
test_export_preset (Fixture       *fixture,
                    gconstpointer  data)
{
  struct {
    const char     *profile;
    CdExportChoice  choice;
    const char     *extension;
  } cases[] = {
    { "openscape-voice", CD_EXPORT_CHOICE_PEM_KEY_CERT, ".pem" },
    { "avaya-ipo-server", CD_EXPORT_CHOICE_PKCS12, ".p12" },
    { "netborder-ocs", CD_EXPORT_CHOICE_PEM, ".cer" },
  };

  make_certificates (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      CdCertificateDialog *dialog = open_check_page (fixture, "osv.example.test");
      CdCheckPage *page = get_check_page (dialog);
      GtkWidget *button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page), CD_TYPE_CHECK_PAGE,
                                                                     "export_button"));
      CdExportDialog *export;
      g_autofree char *suggested = NULL;

      g_assert_true (cd_check_page_set_profile_id (page, cases[i].profile));
      cd_test_iterate_pending ();
      g_assert_true (cd_test_is_shown (button));
      g_assert_true (gtk_widget_get_sensitive (button));
      g_signal_emit_by_name (button, "clicked");
      cd_test_iterate_until (cd_test_toplevel_shown, GSIZE_TO_POINTER (CD_TYPE_EXPORT_DIALOG),
                             "the export dialog");
      export = CD_EXPORT_DIALOG (cd_test_find_toplevel (CD_TYPE_EXPORT_DIALOG, NULL));
      g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (export)) == GTK_WINDOW (dialog));

      g_assert_cmpint (cd_export_dialog_get_choice (export), ==, cases[i].choice);
      suggested = cd_export_dialog_dup_suggested_name (export);
      g_assert_true (g_str_has_suffix (suggested, cases[i].extension));

      if (cases[i].choice == CD_EXPORT_CHOICE_PEM_KEY_CERT)
        {
          GtkWidget *key_format = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (export),
                                                                             CD_TYPE_EXPORT_DIALOG,
                                                                             "key_format_row"));

          g_assert_cmpstr (get_selected_item (key_format), ==, "PKCS #1 (traditional)");
          save_shot (GTK_WIDGET (export), "profiles-export");
        }

      close_dialogs ();
    }
}

/* The main window's "Check Against Device…" opens the dialog of the
 * selected certificate on its Check page.
 */
static void
test_check_selected_action (Fixture       *fixture,
                            gconstpointer  data)
{
  CdStoreView *view;
  GListModel *rows;
  GtkWindow *dialog;
  gboolean selected = FALSE;

  make_certificates (fixture);
  cd_window_select_store (fixture->window, CD_STORE_KIND_MY);
  cd_test_iterate_pending ();

  view = CD_STORE_VIEW (cd_test_find_widget (GTK_WIDGET (fixture->window), CD_TYPE_STORE_VIEW));
  rows = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (cd_test_find_widget (GTK_WIDGET (view),
                                                                                      GTK_TYPE_COLUMN_VIEW))));
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(CdCertificate) row = g_list_model_get_item (rows, i);

      if (g_strcmp0 (cd_certificate_get_subject_cn (row), "osv.example.test") == 0)
        {
          cd_store_view_select (view, i, TRUE);
          selected = TRUE;
        }
    }
  g_assert_true (selected);

  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "check-selected", NULL);
  cd_test_iterate_until (cd_test_toplevel_shown, GSIZE_TO_POINTER (CD_TYPE_CERTIFICATE_DIALOG),
                         "the certificate dialog");
  dialog = cd_test_find_toplevel (CD_TYPE_CERTIFICATE_DIALOG, NULL);
  g_assert_cmpstr (gtk_window_get_title (dialog), ==, "osv.example.test");
  g_assert_cmpstr (cd_certificate_dialog_get_visible_page (CD_CERTIFICATE_DIALOG (dialog)), ==, "check");

  close_dialogs ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  cd_test_set_deadline (DEADLINE_SECONDS);
  gtk_init ();
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/certdesk/profiles-gui/" path, Fixture, NULL, \
              fixture_set_up, func, fixture_tear_down)

  ADD ("wizard-prefill", test_wizard_prefill);
  ADD ("wizard-live-checklist", test_wizard_live_checklist);
  ADD ("check-page", test_check_page);
  ADD ("steps-remembered", test_steps_remembered);
  ADD ("export-preset", test_export_preset);
  ADD ("check-selected-action", test_check_selected_action);

#undef ADD

  return g_test_run ();
}
