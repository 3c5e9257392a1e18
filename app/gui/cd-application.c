/* cd-application.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* CdApplication opens the user's certificate database and keyring once,
 * makes the main window, and holds the application-wide actions and
 * keyboard shortcuts. Files given on the command line or by the file
 * manager are shown in the certificate dialog without being imported,
 * as double-clicking a .cer file on Windows does; the dialog offers to
 * import them.
 */

#define G_LOG_DOMAIN "cd-application"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-application.h"
#include "cd-database.h"
#include "cd-help-window.h"
#include "cd-keyring.h"
#include "cd-window.h"

struct _CdApplication
{
  AdwApplication  parent_instance;

  /* Owned references */
  CdDatabase     *database;
  CdKeyring      *keyring;
  GError         *database_error;   /* why the database could not be opened */
};

G_DEFINE_FINAL_TYPE (CdApplication, cd_application, ADW_TYPE_APPLICATION)

static void
open_database (CdApplication *self)
{
  g_autofree char *path = NULL;

  g_assert (CD_IS_APPLICATION (self));

  if (self->database != NULL || self->database_error != NULL)
    return;

  path = cd_database_dup_default_path ();
  self->database = cd_database_open (path, &self->database_error);

  if (self->database == NULL)
    g_warning ("Could not open %s: %s", path, self->database_error->message);

  /* The application is interactive, so the keyring may ask the user to
   * unlock it.
   */
  self->keyring = cd_keyring_new (TRUE);
}

static CdWindow *
ensure_window (CdApplication *self)
{
  GtkWindow *window;
  CdWindow *new_window;

  g_assert (CD_IS_APPLICATION (self));

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (CD_IS_WINDOW (window))
    return CD_WINDOW (window);

  open_database (self);

  new_window = cd_window_new (GTK_APPLICATION (self), self->database, self->keyring);
  if (self->database == NULL)
    cd_window_show_database_error (new_window, self->database_error);

  return new_window;
}

static void
cd_application_activate (GApplication *app)
{
  CdApplication *self = (CdApplication *)app;

  gtk_window_present (GTK_WINDOW (ensure_window (self)));
}

static void
cd_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  CdApplication *self = (CdApplication *)app;
  CdWindow *window = ensure_window (self);

  gtk_window_present (GTK_WINDOW (window));
  cd_window_open_files (window, files, n_files);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  CdApplication *self = CD_APPLICATION (user_data);
  g_autoptr(GList) windows = NULL;

  /* Closing the windows lets them save their size and stop an import
   * cleanly; the application ends with the last one.
   */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (const GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  static const char *developers[] = { "The Certdesk authors", NULL };
  static const char *libraries[] = {
    "GTK https://gtk.org",
    "libadwaita https://gnome.pages.gitlab.gnome.org/libadwaita/",
    "OpenSSL https://www.openssl.org",
    "SQLite https://sqlite.org",
    "libsecret https://gnome.pages.gitlab.gnome.org/libsecret/",
    NULL
  };
  CdApplication *self = CD_APPLICATION (user_data);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *comments = _("Keep the certificates and private keys of this computer in "
                           "order, as Windows' certificate manager does.");
  /* translators: put your names here, one per line */
  const char *translators = _("translator-credits");

  /* AdwAboutWindow is deprecated from libadwaita 1.6, where the dialog
   * replaces it; Debian 12 has only the window.
   */
#if ADW_CHECK_VERSION (1, 5, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  AdwDialog *about = adw_about_dialog_new ();

  adw_about_dialog_set_application_name (ADW_ABOUT_DIALOG (about), _("Certdesk"));
  adw_about_dialog_set_application_icon (ADW_ABOUT_DIALOG (about), APP_ID);
  adw_about_dialog_set_version (ADW_ABOUT_DIALOG (about), PACKAGE_VERSION);
  adw_about_dialog_set_developer_name (ADW_ABOUT_DIALOG (about), "The Certdesk authors");
  adw_about_dialog_set_developers (ADW_ABOUT_DIALOG (about), developers);
  adw_about_dialog_set_copyright (ADW_ABOUT_DIALOG (about), _("© 2026 The Certdesk authors"));
  adw_about_dialog_set_license_type (ADW_ABOUT_DIALOG (about), GTK_LICENSE_GPL_3_0);
  adw_about_dialog_set_website (ADW_ABOUT_DIALOG (about), WEBSITE_URL);
  adw_about_dialog_set_issue_url (ADW_ABOUT_DIALOG (about), ISSUE_URL);
  adw_about_dialog_set_comments (ADW_ABOUT_DIALOG (about), comments);
  adw_about_dialog_set_translator_credits (ADW_ABOUT_DIALOG (about), translators);
  adw_about_dialog_add_acknowledgement_section (ADW_ABOUT_DIALOG (about), _("Built with"), libraries);
  adw_dialog_present (about, GTK_WIDGET (window));
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  GtkWidget *about = adw_about_window_new ();

  gtk_window_set_transient_for (GTK_WINDOW (about), window);
  gtk_window_set_modal (GTK_WINDOW (about), TRUE);
  adw_about_window_set_application_name (ADW_ABOUT_WINDOW (about), _("Certdesk"));
  adw_about_window_set_application_icon (ADW_ABOUT_WINDOW (about), APP_ID);
  adw_about_window_set_version (ADW_ABOUT_WINDOW (about), PACKAGE_VERSION);
  adw_about_window_set_developer_name (ADW_ABOUT_WINDOW (about), "The Certdesk authors");
  adw_about_window_set_developers (ADW_ABOUT_WINDOW (about), developers);
  adw_about_window_set_copyright (ADW_ABOUT_WINDOW (about), _("© 2026 The Certdesk authors"));
  adw_about_window_set_license_type (ADW_ABOUT_WINDOW (about), GTK_LICENSE_GPL_3_0);
  adw_about_window_set_website (ADW_ABOUT_WINDOW (about), WEBSITE_URL);
  adw_about_window_set_issue_url (ADW_ABOUT_WINDOW (about), ISSUE_URL);
  adw_about_window_set_comments (ADW_ABOUT_WINDOW (about), comments);
  adw_about_window_set_translator_credits (ADW_ABOUT_WINDOW (about), translators);
  adw_about_window_add_acknowledgement_section (ADW_ABOUT_WINDOW (about), _("Built with"), libraries);
  gtk_window_present (GTK_WINDOW (about));
#endif
}

static void
help_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  CdApplication *self = CD_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *page = param != NULL ? g_variant_get_string (param, NULL) : NULL;

  gtk_window_present (cd_help_window_new (parent, page));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  CdApplication *self = CD_APPLICATION (user_data);

  cd_window_show_preferences (ensure_window (self));
}

/* The default action of device notifications: the Devices view, on
 * the device when the notification is about one (else -1).
 */
static void
show_device_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  CdApplication *self = CD_APPLICATION (user_data);
  CdWindow *window = ensure_window (self);

  gtk_window_present (GTK_WINDOW (window));
  cd_window_show_devices (window, g_variant_get_int64 (param));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
  { "help", help_action, "s" },
  { "preferences", preferences_action },
  { "show-device", show_device_action, "x" },
};

static void
cd_application_startup (GApplication *app)
{
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "app.help::stores", { "F1", NULL } },
    { "win.import", { "<Control>i", NULL } },
    { "win.paste", { "<Control>v", NULL } },
    { "win.export", { "<Control>e", NULL } },
    { "win.new-request", { "<Control>n", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "win.reload", { "F5", "<Control>r", NULL } },
    { "win.show-store::my", { "<Control>1", NULL } },
    { "win.show-store::root", { "<Control>2", NULL } },
    { "win.show-store::ca", { "<Control>3", NULL } },
    { "win.show-store::trustedpeople", { "<Control>4", NULL } },
    { "win.show-store::addressbook", { "<Control>5", NULL } },
    { "win.show-store::disallowed", { "<Control>6", NULL } },
    { "win.show-store::request", { "<Control>7", NULL } },
  };
  CdApplication *self = (CdApplication *)app;

  G_APPLICATION_CLASS (cd_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           accels[i].action,
                                           accels[i].accels);
}

static void
cd_application_finalize (GObject *object)
{
  CdApplication *self = (CdApplication *)object;

  g_clear_object (&self->database);
  g_clear_object (&self->keyring);
  g_clear_error (&self->database_error);

  G_OBJECT_CLASS (cd_application_parent_class)->finalize (object);
}

static void
cd_application_class_init (CdApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = cd_application_finalize;

  app_class->activate = cd_application_activate;
  app_class->open = cd_application_open;
  app_class->startup = cd_application_startup;
}

static void
cd_application_init (CdApplication *self)
{
}

/**
 * cd_application_new:
 *
 * Returns: (transfer full): the Certdesk application
 */
CdApplication *
cd_application_new (void)
{
  return g_object_new (CD_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

/**
 * cd_application_get_database:
 * @self: a #CdApplication
 *
 * Returns: (transfer none) (nullable): the user's database, or %NULL if
 *   it is not open (yet, or because it could not be opened)
 */
CdDatabase *
cd_application_get_database (CdApplication *self)
{
  g_return_val_if_fail (CD_IS_APPLICATION (self), NULL);

  return self->database;
}

/**
 * cd_application_get_keyring:
 * @self: a #CdApplication
 *
 * Returns: (transfer none) (nullable): the keyring private keys go to
 */
CdKeyring *
cd_application_get_keyring (CdApplication *self)
{
  g_return_val_if_fail (CD_IS_APPLICATION (self), NULL);

  return self->keyring;
}
