/* test-translations.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The main window and the help window in German, from the catalogue the
 * build compiled (po/de.po): the store names as certmgr.msc calls them in
 * German, the buttons, and plural forms through ngettext.
 */

#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cd-database.h"
#include "cd-gui-test-utils.h"
#include "cd-help-window.h"
#include "cd-keyring.h"
#include "cd-store-kind.h"
#include "cd-test-utils.h"
#include "cd-window.h"

static gboolean
has_label (GtkWidget  *root,
           const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  cd_test_collect_widgets (root, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_label (g_ptr_array_index (labels, i)), text) == 0)
      return TRUE;

  return FALSE;
}

static void
test_german_window (void)
{
  g_autoptr(CdDatabase) database = cd_test_open_database (NULL);
  g_autoptr(CdKeyring) keyring = cd_keyring_new (FALSE);
  CdWindow *window = cd_window_new (NULL, database, keyring);
  g_autoptr(GPtrArray) contents = g_ptr_array_new ();
  gboolean import_found = FALSE;
  static const char *store_names[] = {
    "Eigene Zertifikate",
    "Vertrauenswürdige Stammzertifizierungsstellen",
    "Zwischenzertifizierungsstellen",
    "Vertrauenswürdige Personen",
    "Andere Personen",
    "Nicht vertrauenswürdige Zertifikate",
    "Zertifikatregistrierungsanforderungen",
  };

  gtk_window_present (GTK_WINDOW (window));
  cd_test_iterate_until (cd_test_window_mapped, window, "the window to be shown");
  cd_test_iterate_pending ();

  /* The sidebar names every store in German. */
  for (guint i = 0; i < G_N_ELEMENTS (store_names); i++)
    {
      g_assert_cmpstr (cd_store_kind_get_title (i), ==, store_names[i]);
      if (!has_label (GTK_WIDGET (window), store_names[i]))
        g_error ("the window shows no label “%s”", store_names[i]);
    }
  g_assert_true (has_label (GTK_WIDGET (window), "Bald ablaufend"));

  /* The header bar's Import button, with its mnemonic. */
  cd_test_collect_widgets (GTK_WIDGET (window), ADW_TYPE_BUTTON_CONTENT, contents);
  for (guint i = 0; i < contents->len; i++)
    if (g_strcmp0 (adw_button_content_get_label (g_ptr_array_index (contents, i)), "_Importieren") == 0)
      import_found = TRUE;
  g_assert_true (import_found);

  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
test_german_help (void)
{
  GtkWindow *help = cd_help_window_new (NULL, "rejected");

  gtk_window_present (help);
  cd_test_iterate_until (cd_test_window_mapped, help, "the help window to be shown");

  g_assert_cmpstr (gtk_window_get_title (help), ==, "Hilfe");
  g_assert_cmpstr (adw_preferences_window_get_visible_page_name (ADW_PREFERENCES_WINDOW (help)), ==, "rejected");
  g_assert_cmpstr (cd_help_get_store_text (CD_STORE_KIND_DISALLOWED), ==,
                   "Zertifikate, denen Sie nicht vertrauen. Eine Kette, die eines davon enthält, "
                   "gilt als nicht vertrauenswürdig, gleich was die anderen Speicher enthalten.");

  gtk_window_destroy (help);
}

/* German has one form for 1 and another for everything else, 0 too. */
static void
test_german_plurals (void)
{
  g_assert_cmpstr (ngettext ("%u certificate deleted", "%u certificates deleted", 1), ==,
                   "%u Zertifikat gelöscht");
  g_assert_cmpstr (ngettext ("%u certificate deleted", "%u certificates deleted", 2), ==,
                   "%u Zertifikate gelöscht");
  g_assert_cmpstr (ngettext ("%u certificate deleted", "%u certificates deleted", 0), ==,
                   "%u Zertifikate gelöscht");
}

/* The command-line tool speaks the user's language too: French here,
 * with its non-breaking spaces and « » quotes.
 */
static void
test_french_cli (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { g_getenv ("CD_TEST_CLI"), "list", "--store", "nowhere", NULL };
  g_auto(GStrv) envp = g_get_environ ();
  int status = 0;

  envp = g_environ_setenv (envp, "LANGUAGE", "fr", TRUE);
  envp = g_environ_setenv (envp, "CERTDESK_LOCALEDIR", g_getenv ("CD_TEST_LOCALEDIR"), TRUE);

  g_assert_true (g_spawn_sync (NULL, (char **)argv, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (WEXITSTATUS (status), ==, 2);
  if (strstr (err, "magasin") == NULL)
    g_error ("no French in “%s”", err);
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("CD_TEST_LOCALEDIR");

  g_assert_nonnull (localedir);

  /* Before gtk_init(), which sets the locale up. C.UTF-8 lets LANGUAGE
   * choose the catalogue, and needs no generated German locale.
   */
  g_setenv ("LANGUAGE", "de", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  g_test_add_func ("/certdesk/translations/german-window", test_german_window);
  g_test_add_func ("/certdesk/translations/german-help", test_german_help);
  g_test_add_func ("/certdesk/translations/german-plurals", test_german_plurals);
  g_test_add_func ("/certdesk/translations/french-cli", test_french_cli);

  return g_test_run ();
}
