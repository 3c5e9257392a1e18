/* cd-export-dialog.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* CdExportDialog writes certificates, and for a certificate with a
 * private key that key too, to a file in the format the other end
 * wants: DER, PEM, a PEM chain, PKCS #7, PKCS #12 (modern or
 * compatible), PEM certificate and key, or the key alone. It is one
 * page whose groups show only what applies to the chosen format.
 *
 * The dialog's Export button is the user's consent to take the key out
 * of the keyring: nothing is read from the keyring before it is pressed
 * and a file is chosen. The writing is the core's (cd_exporter_*), in a
 * worker thread with progress and Cancel; the core writes atomically,
 * so a failed or cancelled export leaves no file behind.
 */

#define G_LOG_DOMAIN "cd-export-dialog"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cd-certificate.h"
#include "cd-database.h"
#include "cd-export-dialog.h"
#include "cd-exporter.h"
#include "cd-keyring.h"

struct _CdExportDialog
{
  AdwWindow             parent_instance;

  /* Template widgets */
  GtkSwitch            *chain_switch;
  AdwActionRow         *chain_row;
  GtkWidget            *confirm_row;
  GtkWidget            *contents_group;
  GtkSwitch            *delete_key_switch;
  AdwActionRow         *delete_key_row;
  GtkWidget            *delete_group;
  AdwComboRow          *encoding_row;
  AdwComboRow          *encryption_row;
  AdwComboRow          *files_row;
  GtkWidget            *format_group;
  AdwComboRow          *format_row;
  GtkWidget            *friendly_name_row;
  GtkWidget            *key_group;
  AdwComboRow          *key_format_row;
  AdwComboRow          *order_row;
  GtkWidget            *page;
  GtkWidget            *password_group;
  GtkLabel             *password_hint;
  GtkWidget            *password_row;
  GtkWidget            *pkcs12_group;
  GtkLabel             *progress_label;
  GtkProgressBar       *progress_bar;
  GtkRevealer          *progress_revealer;
  AdwComboRow          *protection_row;
  GtkWidget            *root_row;
  GtkSwitch            *root_switch;
  GtkCheckButton       *unencrypted_check;
  GtkWidget            *unencrypted_row;
  AdwWindowTitle       *window_title;

  /* Owned references */
  CdDatabase           *database;
  CdKeyring            *keyring;
  GPtrArray            *rows;
  GArray               *choices;       /* CdExportChoice of each format_row item */
  GFile                *destination;
  GCancellable         *cancellable;
  GtkFileChooserNative *file_chooser;
  char                 *preset_extension;  /* a device's, for preset_choice */

  int                   preset_choice;     /* -1 without a preset */
  gboolean              has_key;
  gboolean              can_export;
  gboolean              exporting;
};

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_KEYRING,
  PROP_ROWS,
  PROP_CAN_EXPORT,
  PROP_EXPORTING,
  N_PROPS
};

enum {
  EXPORTED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (CdExportDialog, cd_export_dialog, ADW_TYPE_WINDOW)

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

/* Positions in the template's string lists. */
enum { ENCODING_DER, ENCODING_PEM };
enum { FILES_ONE, FILES_TWO };
enum { ORDER_CERT_FIRST, ORDER_KEY_FIRST };
enum { ENCRYPTION_MODERN, ENCRYPTION_COMPATIBLE };
enum { KEY_FORMAT_PKCS8, KEY_FORMAT_PKCS1 };
enum { PROTECTION_PASSWORD, PROTECTION_NONE };

static const char *
get_choice_title (CdExportChoice choice,
                  gboolean       several)
{
  switch (choice)
    {
    case CD_EXPORT_CHOICE_DER:
      return _("DER (.cer)");
    case CD_EXPORT_CHOICE_PEM:
      return several ? _("Base-64 PEM, all (.pem)") : _("Base-64 PEM (.pem)");
    case CD_EXPORT_CHOICE_PEM_CHAIN:
      return _("PEM chain (.pem)");
    case CD_EXPORT_CHOICE_P7B:
      return several ? _("PKCS #7, all (.p7b)") : _("PKCS #7 (.p7b)");
    case CD_EXPORT_CHOICE_PKCS12:
      return _("PKCS #12 (.pfx)");
    case CD_EXPORT_CHOICE_PEM_KEY_CERT:
      return _("PEM with private key (.pem)");
    case CD_EXPORT_CHOICE_KEY:
      return _("Private key only (.key)");
    default:
      g_assert_not_reached ();
    }
}

static const char *
get_choice_description (CdExportChoice choice,
                        gboolean       several)
{
  switch (choice)
    {
    case CD_EXPORT_CHOICE_DER:
      return _("DER encoded binary X.509: the certificate alone, as Windows and most devices "
               "read it.");
    case CD_EXPORT_CHOICE_PEM:
      return several ? _("Base-64 encoded X.509: the certificates one after the other in a text "
                         "file, as trust bundles are.")
                     : _("Base-64 encoded X.509: text that starts with “BEGIN CERTIFICATE”.");
    case CD_EXPORT_CHOICE_PEM_CHAIN:
      return _("The certificate and the ones that issued it, from the certificate up to the "
               "root, in a text file.");
    case CD_EXPORT_CHOICE_P7B:
      return _("Cryptographic Message Syntax: certificates only, without a private key.");
    case CD_EXPORT_CHOICE_PKCS12:
      return _("Personal Information Exchange: the certificate and its private key in one "
               "file protected by a password.");
    case CD_EXPORT_CHOICE_PEM_KEY_CERT:
      return _("The certificate and its private key as text, in one file or two, as web "
               "servers and many devices want them.");
    case CD_EXPORT_CHOICE_KEY:
      return _("The private key without its certificate.");
    default:
      g_assert_not_reached ();
    }
}

static const char *
get_choice_extension (CdExportChoice choice)
{
  switch (choice)
    {
    case CD_EXPORT_CHOICE_DER:
      return ".cer";
    case CD_EXPORT_CHOICE_PEM:
    case CD_EXPORT_CHOICE_PEM_CHAIN:
    case CD_EXPORT_CHOICE_PEM_KEY_CERT:
      return ".pem";
    case CD_EXPORT_CHOICE_P7B:
      return ".p7b";
    case CD_EXPORT_CHOICE_PKCS12:
      return ".pfx";
    case CD_EXPORT_CHOICE_KEY:
      return ".key";
    default:
      g_assert_not_reached ();
    }
}

/* A device profile may want its own extension, e.g. ".p12". */
static const char *
get_extension (CdExportDialog *self)
{
  CdExportChoice choice = cd_export_dialog_get_choice (self);

  if (self->preset_extension != NULL && (int)choice == self->preset_choice)
    return self->preset_extension;

  return get_choice_extension (choice);
}

static gboolean
choice_has_key (CdExportChoice choice)
{
  return choice == CD_EXPORT_CHOICE_PKCS12 ||
         choice == CD_EXPORT_CHOICE_PEM_KEY_CERT ||
         choice == CD_EXPORT_CHOICE_KEY;
}

static guint
get_selected (AdwComboRow *row)
{
  return adw_combo_row_get_selected (row);
}

static gboolean
is_two_files (CdExportDialog *self)
{
  return cd_export_dialog_get_choice (self) == CD_EXPORT_CHOICE_PEM_KEY_CERT &&
         get_selected (self->files_row) == FILES_TWO;
}

static gboolean
is_key_unencrypted (CdExportDialog *self)
{
  CdExportChoice choice = cd_export_dialog_get_choice (self);

  return (choice == CD_EXPORT_CHOICE_PEM_KEY_CERT || choice == CD_EXPORT_CHOICE_KEY) &&
         get_selected (self->protection_row) == PROTECTION_NONE;
}

/* Sets or clears one of the "error"/"warning"/"success"/"dim-label"
 * classes of the password hint, leaving it with @css_class alone.
 */
static void
set_hint (CdExportDialog *self,
          const char     *text,
          const char     *css_class)
{
  static const char *classes[] = { "error", "warning", "success", "dim-label" };

  g_assert (CD_IS_EXPORT_DIALOG (self));

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->password_hint), classes[i]);
  if (css_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->password_hint), css_class);

  gtk_label_set_label (self->password_hint, text);
}

/* Returns whether the password rows allow an export. */
static gboolean
update_password_hint (CdExportDialog *self)
{
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  const char *confirm = gtk_editable_get_text (GTK_EDITABLE (self->confirm_row));
  const char *rating;

  g_assert (CD_IS_EXPORT_DIALOG (self));

  if (confirm[0] != '\0' && g_strcmp0 (password, confirm) != 0)
    {
      gtk_widget_add_css_class (self->confirm_row, "error");
      set_hint (self, _("The passwords do not match."), "error");
      return FALSE;
    }

  gtk_widget_remove_css_class (self->confirm_row, "error");

  if (password[0] == '\0')
    {
      set_hint (self, _("Type the password twice."), "dim-label");
      return FALSE;
    }

  rating = cd_export_dialog_rate_password (password);
  if (g_str_equal (rating, "strong"))
    set_hint (self, _("Strong password."), "success");
  else if (g_str_equal (rating, "fair"))
    set_hint (self, _("Fair password. A longer one, mixing upper and lower case letters, digits "
                      "and symbols, is stronger."), "warning");
  else
    set_hint (self, _("Weak password. Use at least 12 characters, mixing upper and lower case "
                      "letters, digits and symbols."), "error");

  if (confirm[0] == '\0')
    return FALSE;

  return TRUE;
}

static void
update (CdExportDialog *self)
{
  CdExportChoice choice;
  gboolean several;
  gboolean has_chain_option;
  gboolean with_chain;
  gboolean key_group;
  gboolean pkcs12;
  gboolean password;
  gboolean can_export = TRUE;
  gboolean password_ok;

  g_assert (CD_IS_EXPORT_DIALOG (self));

  choice = cd_export_dialog_get_choice (self);
  several = self->rows->len > 1;
  pkcs12 = choice == CD_EXPORT_CHOICE_PKCS12;
  key_group = choice == CD_EXPORT_CHOICE_PEM_KEY_CERT || choice == CD_EXPORT_CHOICE_KEY;
  password = pkcs12 || (key_group && !is_key_unencrypted (self));

  /* In the group, not the row: the row needs its width for the name. */
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->format_group),
                                         get_choice_description (choice, several));

  /* The chain is a question for one certificate; a PEM chain is always one. */
  has_chain_option = !several && (choice == CD_EXPORT_CHOICE_P7B || pkcs12 ||
                                  choice == CD_EXPORT_CHOICE_PEM_KEY_CERT);
  with_chain = choice == CD_EXPORT_CHOICE_PEM_CHAIN ||
               (has_chain_option && gtk_switch_get_active (self->chain_switch));

  gtk_widget_set_visible (GTK_WIDGET (self->chain_row), has_chain_option);
  gtk_widget_set_visible (self->root_row, !several && with_chain);
  gtk_widget_set_visible (GTK_WIDGET (self->encoding_row), choice == CD_EXPORT_CHOICE_P7B);
  gtk_widget_set_visible (GTK_WIDGET (self->files_row), choice == CD_EXPORT_CHOICE_PEM_KEY_CERT);
  gtk_widget_set_visible (GTK_WIDGET (self->order_row),
                          choice == CD_EXPORT_CHOICE_PEM_KEY_CERT && !is_two_files (self));
  gtk_widget_set_visible (self->contents_group,
                          has_chain_option || with_chain || choice == CD_EXPORT_CHOICE_P7B);

  gtk_widget_set_visible (self->pkcs12_group, pkcs12);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->encryption_row),
                               get_selected (self->encryption_row) == ENCRYPTION_COMPATIBLE
                               ? _("3DES with a SHA-1 MAC, for older devices and Windows "
                                   "Server 2016 and earlier")
                               : _("AES-256-CBC, PBKDF2 and a SHA-256 MAC, for current "
                                   "systems"));

  gtk_widget_set_visible (self->key_group, key_group);
  gtk_widget_set_visible (self->unencrypted_row, key_group && is_key_unencrypted (self));
  gtk_widget_set_visible (self->password_group, password);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->password_group),
                                         pkcs12
                                         ? _("Protects the file. Whoever imports it needs this "
                                             "password.")
                                         : _("Encrypts the private key. Whoever uses the key "
                                             "needs this password."));

  gtk_widget_set_visible (self->delete_group, choice_has_key (choice));
  if (gtk_switch_get_active (self->delete_key_switch))
    gtk_widget_add_css_class (GTK_WIDGET (self->delete_key_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->delete_key_row), "error");

  password_ok = update_password_hint (self);
  if (password && !password_ok)
    can_export = FALSE;

  /* An unprotected key needs the user's explicit word for it. */
  if (key_group && is_key_unencrypted (self) &&
      !gtk_check_button_get_active (self->unencrypted_check))
    can_export = FALSE;

  if (self->exporting)
    can_export = FALSE;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.export", can_export);

  if (self->can_export != can_export)
    {
      self->can_export = can_export;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_EXPORT]);
    }
}

static void
on_options_changed_cb (CdExportDialog *self)
{
  g_assert (CD_IS_EXPORT_DIALOG (self));

  update (self);
}

static void
on_confirm_activated_cb (CdExportDialog *self)
{
  g_assert (CD_IS_EXPORT_DIALOG (self));

  if (self->can_export)
    gtk_widget_activate_action (GTK_WIDGET (self), "export.export", NULL);
}

static void
set_exporting (CdExportDialog *self,
               gboolean        exporting)
{
  g_assert (CD_IS_EXPORT_DIALOG (self));

  if (self->exporting == exporting)
    return;

  self->exporting = exporting;

  gtk_widget_set_sensitive (self->page, !exporting);
  gtk_revealer_set_reveal_child (self->progress_revealer, exporting);
  if (exporting)
    gtk_progress_bar_set_fraction (self->progress_bar, 0);

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPORTING]);
}

static char *
dup_display_name (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  if (basename == NULL)
    return g_file_get_uri (file);

  return g_filename_display_name (basename);
}

/* The key's file next to @file: "server.pem" → "server.key". */
static GFile *
dup_key_file (GFile *file)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *key_name = NULL;
  char *dot = strrchr (basename, '.');

  /* Never the certificates' own file, should that be called "x.key". */
  if (dot != NULL && g_str_equal (dot, ".key"))
    key_name = g_strconcat (basename, ".key", NULL);
  else
    {
      if (dot != NULL && dot != basename)
        *dot = '\0';
      key_name = g_strconcat (basename, ".key", NULL);
    }

  return parent != NULL ? g_file_get_child (parent, key_name) : g_file_new_for_path (key_name);
}

static void
show_error (CdExportDialog *self,
            GFile          *file,
            const char     *message)
{
  g_autofree char *name = dup_display_name (file);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  g_assert (CD_IS_EXPORT_DIALOG (self));

  /* translators: %s is a file name */
  heading = g_strdup_printf (_("Could Not Export to “%s”"), name);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_progress_cb (double   fraction,
                gpointer user_data)
{
  CdExportDialog *self = user_data;

  g_assert (CD_IS_EXPORT_DIALOG (self));

  gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0, 1));
}

static void
export_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CdExportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_steal_pointer (&self->destination);
  gboolean deleted_key;

  g_assert (CD_IS_EXPORT_DIALOG (self));

  g_clear_object (&self->cancellable);

  /* Closed while writing: the export was cancelled, nobody to tell. */
  if (self->page == NULL)
    return;

  deleted_key = gtk_switch_get_active (self->delete_key_switch) &&
                choice_has_key (cd_export_dialog_get_choice (self));

  if (!cd_exporter_export_finish (CD_EXPORTER (object), result, &error))
    {
      set_exporting (self, FALSE);

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      g_debug ("Could not export to %s: %s", g_file_peek_path (file), error->message);
      show_error (self, file, error->message);
      return;
    }

  set_exporting (self, FALSE);
  g_signal_emit (self, signals[EXPORTED], 0, file, deleted_key);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* What the user chose, for the core. */
static CdExportOptions *
new_options (CdExportDialog *self)
{
  CdExportChoice choice = cd_export_dialog_get_choice (self);
  g_autoptr(CdExportOptions) options = NULL;
  CdExportFormat format;
  gboolean chain;

  g_assert (CD_IS_EXPORT_DIALOG (self));

  switch (choice)
    {
    case CD_EXPORT_CHOICE_DER:
      format = CD_EXPORT_FORMAT_DER;
      break;
    case CD_EXPORT_CHOICE_PEM:
      format = CD_EXPORT_FORMAT_PEM;
      break;
    case CD_EXPORT_CHOICE_PEM_CHAIN:
      format = CD_EXPORT_FORMAT_PEM_CHAIN;
      break;
    case CD_EXPORT_CHOICE_P7B:
      format = get_selected (self->encoding_row) == ENCODING_PEM ? CD_EXPORT_FORMAT_P7B_PEM
                                                                 : CD_EXPORT_FORMAT_P7B_DER;
      break;
    case CD_EXPORT_CHOICE_PKCS12:
      format = get_selected (self->encryption_row) == ENCRYPTION_COMPATIBLE
               ? CD_EXPORT_FORMAT_PKCS12_LEGACY : CD_EXPORT_FORMAT_PKCS12;
      break;
    case CD_EXPORT_CHOICE_PEM_KEY_CERT:
      format = CD_EXPORT_FORMAT_PEM_KEY_CERT;
      break;
    case CD_EXPORT_CHOICE_KEY:
      format = CD_EXPORT_FORMAT_KEY;
      break;
    default:
      g_assert_not_reached ();
    }

  chain = gtk_widget_get_visible (self->root_row);

  options = cd_export_options_new (format);
  cd_export_options_set_include_chain (options, chain);
  cd_export_options_set_include_root (options, chain && gtk_switch_get_active (self->root_switch));
  cd_export_options_set_key_format (options,
                                    get_selected (self->key_format_row) == KEY_FORMAT_PKCS1
                                    ? CD_EXPORT_KEY_FORMAT_PKCS1 : CD_EXPORT_KEY_FORMAT_PKCS8);
  cd_export_options_set_key_first (options,
                                   !is_two_files (self) &&
                                   get_selected (self->order_row) == ORDER_KEY_FIRST);

  if (gtk_widget_get_visible (self->password_group))
    cd_export_options_set_password (options,
                                    gtk_editable_get_text (GTK_EDITABLE (self->password_row)));
  else if (is_key_unencrypted (self))
    cd_export_options_set_allow_unencrypted_key (options, TRUE);

  if (choice == CD_EXPORT_CHOICE_PKCS12)
    {
      const char *name = gtk_editable_get_text (GTK_EDITABLE (self->friendly_name_row));

      if (name[0] != '\0')
        cd_export_options_set_friendly_name (options, name);
    }

  if (choice_has_key (choice))
    cd_export_options_set_delete_key (options, gtk_switch_get_active (self->delete_key_switch));

  return g_steal_pointer (&options);
}

static void
start_export (CdExportDialog *self)
{
  g_autoptr(CdExportOptions) options = NULL;
  g_autoptr(CdExporter) exporter = NULL;
  g_autoptr(GFile) key_file = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  g_assert (CD_IS_EXPORT_DIALOG (self));
  g_assert (self->destination != NULL);

  if (self->exporting || !self->can_export)
    return;

  options = new_options (self);
  if (is_two_files (self))
    key_file = dup_key_file (self->destination);

  name = dup_display_name (self->destination);
  /* translators: %s is a file name */
  text = g_strdup_printf (_("Exporting to “%s”…"), name);
  gtk_label_set_label (self->progress_label, text);

  set_exporting (self, TRUE);
  self->cancellable = g_cancellable_new ();

  exporter = cd_exporter_new (self->database, self->keyring);
  cd_exporter_export_async (exporter,
                            self->rows,
                            options,
                            self->destination,
                            key_file,
                            on_progress_cb,
                            self,
                            self->cancellable,
                            export_cb,
                            g_object_ref (self));
}

static void
on_file_chooser_response_cb (CdExportDialog       *self,
                             int                   response,
                             GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  g_assert (CD_IS_EXPORT_DIALOG (self));

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  g_clear_object (&self->file_chooser);

  if (file == NULL)
    return;

  cd_export_dialog_set_destination (self, file);
  start_export (self);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CdExportDialog *self = CD_EXPORT_DIALOG (widget);
  g_autoptr(GtkFileFilter) filter = NULL;
  g_autofree char *suggested = NULL;
  g_autofree char *pattern = NULL;
  CdExportChoice choice;

  if (!self->can_export || self->exporting || self->file_chooser != NULL)
    return;

  /* Set beforehand (by a test, or a chooser's answer): no need to ask. */
  if (self->destination != NULL)
    {
      start_export (self);
      return;
    }

  choice = cd_export_dialog_get_choice (self);
  suggested = cd_export_dialog_dup_suggested_name (self);
  pattern = g_strconcat ("*", get_extension (self), NULL);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, get_choice_title (choice, self->rows->len > 1));
  gtk_file_filter_add_pattern (filter, pattern);

  self->file_chooser = gtk_file_chooser_native_new (_("Export To"),
                                                    GTK_WINDOW (self),
                                                    GTK_FILE_CHOOSER_ACTION_SAVE,
                                                    _("_Export"),
                                                    _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->file_chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->file_chooser), suggested);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->file_chooser), filter);
  g_signal_connect_object (self->file_chooser, "response",
                           G_CALLBACK (on_file_chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->file_chooser));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CdExportDialog *self = CD_EXPORT_DIALOG (widget);

  /* While writing, Cancel stops the export; the dialog stays. */
  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      return;
    }

  gtk_window_close (GTK_WINDOW (self));
}

static void
fill_formats (CdExportDialog *self)
{
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  gboolean several;
  CdExportChoice choice;

  g_assert (CD_IS_EXPORT_DIALOG (self));

  several = self->rows->len > 1;
  g_array_set_size (self->choices, 0);

  for (choice = CD_EXPORT_CHOICE_DER; choice <= CD_EXPORT_CHOICE_KEY; choice++)
    {
      if (several && choice != CD_EXPORT_CHOICE_PEM && choice != CD_EXPORT_CHOICE_P7B)
        continue;
      if (choice_has_key (choice) && !self->has_key)
        continue;

      g_array_append_val (self->choices, choice);
      gtk_string_list_append (titles, get_choice_title (choice, several));
    }

  adw_combo_row_set_model (self->format_row, G_LIST_MODEL (titles));

  /* With a key, the user came for it most of the time, as on Windows. */
  if (!cd_export_dialog_set_choice (self, CD_EXPORT_CHOICE_PKCS12))
    adw_combo_row_set_selected (self->format_row, 0);
}

static void
update_title (CdExportDialog *self)
{
  g_autofree char *subtitle = NULL;

  g_assert (CD_IS_EXPORT_DIALOG (self));

  if (self->rows->len == 1)
    subtitle = cd_certificate_dup_display_name (g_ptr_array_index (self->rows, 0));
  else
    subtitle = g_strdup_printf (ngettext ("%u certificate", "%u certificates", self->rows->len),
                                self->rows->len);

  adw_window_title_set_subtitle (self->window_title, subtitle);
}

static gboolean
cd_export_dialog_close_request (GtkWindow *window)
{
  CdExportDialog *self = (CdExportDialog *)window;

  /* Closing while writing stops the export: nothing is left behind. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (cd_export_dialog_parent_class)->close_request (window);
}

static void
cd_export_dialog_constructed (GObject *object)
{
  CdExportDialog *self = (CdExportDialog *)object;

  G_OBJECT_CLASS (cd_export_dialog_parent_class)->constructed (object);

  g_assert (self->rows != NULL);

  self->has_key = self->rows->len == 1 &&
                  cd_certificate_get_has_private_key (g_ptr_array_index (self->rows, 0));

  fill_formats (self);
  update_title (self);
  update (self);
}

static void
cd_export_dialog_dispose (GObject *object)
{
  CdExportDialog *self = (CdExportDialog *)object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  if (self->file_chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->file_chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->file_chooser));
      g_clear_object (&self->file_chooser);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_EXPORT_DIALOG);

  g_clear_object (&self->database);
  g_clear_object (&self->keyring);
  g_clear_object (&self->destination);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (cd_export_dialog_parent_class)->dispose (object);
}

static void
cd_export_dialog_finalize (GObject *object)
{
  CdExportDialog *self = (CdExportDialog *)object;

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->preset_extension, g_free);
  g_clear_pointer (&self->choices, g_array_unref);

  G_OBJECT_CLASS (cd_export_dialog_parent_class)->finalize (object);
}

static void
cd_export_dialog_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CdExportDialog *self = CD_EXPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;

    case PROP_KEYRING:
      g_value_set_object (value, self->keyring);
      break;

    case PROP_ROWS:
      g_value_set_boxed (value, self->rows);
      break;

    case PROP_CAN_EXPORT:
      g_value_set_boolean (value, cd_export_dialog_get_can_export (self));
      break;

    case PROP_EXPORTING:
      g_value_set_boolean (value, cd_export_dialog_get_exporting (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_export_dialog_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CdExportDialog *self = CD_EXPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      self->database = g_value_dup_object (value);
      break;

    case PROP_KEYRING:
      self->keyring = g_value_dup_object (value);
      break;

    case PROP_ROWS:
      self->rows = g_value_dup_boxed (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_export_dialog_class_init (CdExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = cd_export_dialog_constructed;
  object_class->dispose = cd_export_dialog_dispose;
  object_class->finalize = cd_export_dialog_finalize;
  object_class->get_property = cd_export_dialog_get_property;
  object_class->set_property = cd_export_dialog_set_property;

  window_class->close_request = cd_export_dialog_close_request;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL,
                         CD_TYPE_DATABASE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_KEYRING] =
    g_param_spec_object ("keyring", NULL, NULL,
                         CD_TYPE_KEYRING,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ROWS] =
    g_param_spec_boxed ("rows", NULL, NULL,
                        G_TYPE_PTR_ARRAY,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CAN_EXPORT] =
    g_param_spec_boolean ("can-export", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_EXPORTING] =
    g_param_spec_boolean ("exporting", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CdExportDialog::exported:
   * @self: a #CdExportDialog
   * @file: the file written
   * @deleted_key: whether the private key was deleted afterwards
   *
   * Emitted when the export is done, just before the dialog closes.
   */
  signals[EXPORTED] =
    g_signal_new ("exported",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_FILE, G_TYPE_BOOLEAN);

  gtk_widget_class_install_action (widget_class, "export.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "export.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "export.cancel", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/cd-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CdExportDialog, chain_row);
  gtk_widget_class_bind_template_child (widget_class, CdExportDialog, chain_switch);
  gtk_widget_class_bind_template_child (widget_class, CdExportDialog, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, CdExportDialog, contents_group);
  gtk_widget_class_bind_template_child (widget_class, CdExportDialog, delete_group);
  gtk_widget_class_bind_template_child (widget_class, CdExportDialog, delete_key_row);
  gtk_widget_class_bind_template_child (widget_class, CdExportDialog, delete_key_switch);
  gtk_widget_class_bind_template_child (widget_class, CdExportDialog, encoding_row);
  gtk_widget_class_bind_template_child (widget_class, CdExportDialog, encryption_row);
  gtk_widget_class_bind_template_child (widget_class, CdExportDialog, files_row);
  gtk_widget_class_bind_template_child (widget_class, CdExportDialog, format_group);
  gtk_widget_class_bind_template_child (widget_class, CdExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, CdExportDialog, friendly_name_row);
  gtk_widget_class_bind_template_child (widget_class, CdExportDialog, key_format_row);
  gtk_widget_class_bind_template_child (widget_class, CdExportDialog, key_group);
  gtk_widget_class_bind_template_child (widget_class, CdExportDialog, order_row);
  gtk_widget_class_bind_template_child (widget_class, CdExportDialog, page);
  gtk_widget_class_bind_template_child (widget_class, CdExportDialog, password_group);
  gtk_widget_class_bind_template_child (widget_class, CdExportDialog, password_hint);
  gtk_widget_class_bind_template_child (widget_class, CdExportDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, CdExportDialog, pkcs12_group);
  gtk_widget_class_bind_template_child (widget_class, CdExportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, CdExportDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, CdExportDialog, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, CdExportDialog, protection_row);
  gtk_widget_class_bind_template_child (widget_class, CdExportDialog, root_row);
  gtk_widget_class_bind_template_child (widget_class, CdExportDialog, root_switch);
  gtk_widget_class_bind_template_child (widget_class, CdExportDialog, unencrypted_check);
  gtk_widget_class_bind_template_child (widget_class, CdExportDialog, unencrypted_row);
  gtk_widget_class_bind_template_child (widget_class, CdExportDialog, window_title);
  gtk_widget_class_bind_template_callback (widget_class, on_confirm_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_options_changed_cb);
}

static void
cd_export_dialog_init (CdExportDialog *self)
{
  self->choices = g_array_new (FALSE, FALSE, sizeof (CdExportChoice));
  self->preset_choice = -1;

  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * cd_export_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 * @database: the database the rows come from
 * @keyring: the keyring holding their keys
 * @rows: (element-type CdCertificate): the certificates to export, at
 *   least one
 *
 * Returns: (transfer none): a new modal #CdExportDialog, not shown yet
 */
CdExportDialog *
cd_export_dialog_new (GtkWindow  *parent,
                      CdDatabase *database,
                      CdKeyring  *keyring,
                      GPtrArray  *rows)
{
  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CD_IS_DATABASE (database), NULL);
  g_return_val_if_fail (CD_IS_KEYRING (keyring), NULL);
  g_return_val_if_fail (rows != NULL && rows->len > 0, NULL);

  return g_object_new (CD_TYPE_EXPORT_DIALOG,
                       "transient-for", parent,
                       "database", database,
                       "keyring", keyring,
                       "rows", rows,
                       NULL);
}

/**
 * cd_export_dialog_get_rows:
 * @self: a #CdExportDialog
 *
 * Returns: (transfer none) (element-type CdCertificate): what is exported
 */
GPtrArray *
cd_export_dialog_get_rows (CdExportDialog *self)
{
  g_return_val_if_fail (CD_IS_EXPORT_DIALOG (self), NULL);

  return self->rows;
}

/**
 * cd_export_dialog_get_has_key:
 * @self: a #CdExportDialog
 *
 * Returns: %TRUE if the formats with the private key are offered
 */
gboolean
cd_export_dialog_get_has_key (CdExportDialog *self)
{
  g_return_val_if_fail (CD_IS_EXPORT_DIALOG (self), FALSE);

  return self->has_key;
}

/**
 * cd_export_dialog_get_choice:
 * @self: a #CdExportDialog
 *
 * Returns: the format chosen
 */
CdExportChoice
cd_export_dialog_get_choice (CdExportDialog *self)
{
  guint selected;

  g_return_val_if_fail (CD_IS_EXPORT_DIALOG (self), CD_EXPORT_CHOICE_DER);

  selected = adw_combo_row_get_selected (self->format_row);
  if (selected >= self->choices->len)
    return g_array_index (self->choices, CdExportChoice, 0);

  return g_array_index (self->choices, CdExportChoice, selected);
}

/**
 * cd_export_dialog_set_choice:
 * @self: a #CdExportDialog
 * @choice: a format
 *
 * Picks @choice in the Format row, as the user would.
 *
 * Returns: %FALSE if @choice is not offered for these certificates
 */
gboolean
cd_export_dialog_set_choice (CdExportDialog *self,
                             CdExportChoice  choice)
{
  g_return_val_if_fail (CD_IS_EXPORT_DIALOG (self), FALSE);

  for (guint i = 0; i < self->choices->len; i++)
    {
      if (g_array_index (self->choices, CdExportChoice, i) == choice)
        {
          adw_combo_row_set_selected (self->format_row, i);
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * cd_export_dialog_set_preset:
 * @self: a #CdExportDialog
 * @options: what a device imports, e.g. from cd_profile_dup_export_options()
 * @extension: (nullable): the file extension it wants, with the dot
 *
 * Sets the format and its choices (encoding, encryption, chain, root,
 * key format and order) as in @options, as the user could; the password
 * is still the user's to type.
 *
 * Returns: %FALSE if the format is not offered for these certificates
 *   (a format with a key for a certificate without one); nothing is
 *   changed then
 */
gboolean
cd_export_dialog_set_preset (CdExportDialog  *self,
                             CdExportOptions *options,
                             const char      *extension)
{
  CdExportFormat format;
  CdExportChoice choice;

  g_return_val_if_fail (CD_IS_EXPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  format = cd_export_options_get_format (options);
  switch (format)
    {
    case CD_EXPORT_FORMAT_DER: choice = CD_EXPORT_CHOICE_DER; break;
    /* The dialog's PEM with the chain is "PEM chain". */
    case CD_EXPORT_FORMAT_PEM:
      choice = cd_export_options_get_include_chain (options) ? CD_EXPORT_CHOICE_PEM_CHAIN
                                                              : CD_EXPORT_CHOICE_PEM;
      break;
    case CD_EXPORT_FORMAT_PEM_CHAIN: choice = CD_EXPORT_CHOICE_PEM_CHAIN; break;
    case CD_EXPORT_FORMAT_P7B_DER:
    case CD_EXPORT_FORMAT_P7B_PEM: choice = CD_EXPORT_CHOICE_P7B; break;
    case CD_EXPORT_FORMAT_PKCS12:
    case CD_EXPORT_FORMAT_PKCS12_LEGACY: choice = CD_EXPORT_CHOICE_PKCS12; break;
    case CD_EXPORT_FORMAT_PEM_KEY_CERT: choice = CD_EXPORT_CHOICE_PEM_KEY_CERT; break;
    case CD_EXPORT_FORMAT_KEY: choice = CD_EXPORT_CHOICE_KEY; break;
    default: g_return_val_if_reached (FALSE);
    }

  if (!cd_export_dialog_set_choice (self, choice))
    return FALSE;

  adw_combo_row_set_selected (self->encoding_row,
                              format == CD_EXPORT_FORMAT_P7B_PEM ? ENCODING_PEM : ENCODING_DER);
  adw_combo_row_set_selected (self->encryption_row,
                              format == CD_EXPORT_FORMAT_PKCS12_LEGACY ? ENCRYPTION_COMPATIBLE
                                                                       : ENCRYPTION_MODERN);
  gtk_switch_set_active (self->chain_switch, cd_export_options_get_include_chain (options));
  gtk_switch_set_active (self->root_switch, cd_export_options_get_include_root (options));
  adw_combo_row_set_selected (self->key_format_row,
                              cd_export_options_get_key_format (options) == CD_EXPORT_KEY_FORMAT_PKCS1
                              ? KEY_FORMAT_PKCS1 : KEY_FORMAT_PKCS8);
  /* Devices that name an order take the key and certificates in one file. */
  adw_combo_row_set_selected (self->files_row, FILES_ONE);
  adw_combo_row_set_selected (self->order_row,
                              cd_export_options_get_key_first (options) ? ORDER_KEY_FIRST
                                                                        : ORDER_CERT_FIRST);

  self->preset_choice = choice;
  g_free (self->preset_extension);
  self->preset_extension = g_strdup (extension);

  update (self);

  return TRUE;
}

/**
 * cd_export_dialog_get_can_export:
 * @self: a #CdExportDialog
 *
 * Returns: %TRUE if the choices are complete and Export may be pressed
 */
gboolean
cd_export_dialog_get_can_export (CdExportDialog *self)
{
  g_return_val_if_fail (CD_IS_EXPORT_DIALOG (self), FALSE);

  return self->can_export;
}

/**
 * cd_export_dialog_get_exporting:
 * @self: a #CdExportDialog
 *
 * Returns: %TRUE while the file is being written
 */
gboolean
cd_export_dialog_get_exporting (CdExportDialog *self)
{
  g_return_val_if_fail (CD_IS_EXPORT_DIALOG (self), FALSE);

  return self->exporting;
}

/**
 * cd_export_dialog_get_destination:
 * @self: a #CdExportDialog
 *
 * Returns: (transfer none) (nullable): the file to write, once chosen
 */
GFile *
cd_export_dialog_get_destination (CdExportDialog *self)
{
  g_return_val_if_fail (CD_IS_EXPORT_DIALOG (self), NULL);

  return self->destination;
}

/**
 * cd_export_dialog_set_destination:
 * @self: a #CdExportDialog
 * @file: (nullable): the file to write
 *
 * Sets the file the next export writes, as the file chooser does when
 * the user picks one; with a destination set, Export writes to it
 * without asking. With two PEM files, the key goes next to it, with
 * the extension ".key".
 */
void
cd_export_dialog_set_destination (CdExportDialog *self,
                                  GFile          *file)
{
  g_return_if_fail (CD_IS_EXPORT_DIALOG (self));
  g_return_if_fail (!file || G_IS_FILE (file));

  g_set_object (&self->destination, file);
}

/**
 * cd_export_dialog_dup_suggested_name:
 * @self: a #CdExportDialog
 *
 * Returns: (transfer full): the file name the file chooser proposes:
 *   the certificate's name with the chosen format's extension
 */
char *
cd_export_dialog_dup_suggested_name (CdExportDialog *self)
{
  g_autofree char *name = NULL;
  GString *safe;

  g_return_val_if_fail (CD_IS_EXPORT_DIALOG (self), NULL);

  if (self->rows->len == 1)
    name = cd_certificate_dup_display_name (g_ptr_array_index (self->rows, 0));
  else
    name = g_strdup (_("certificates"));

  /* What file systems and Windows shares refuse, or hide. */
  safe = g_string_new (NULL);
  for (const char *p = name; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || strchr ("/\\:*?\"<>|", c) != NULL)
        g_string_append_c (safe, '_');
      else if (!(safe->len == 0 && c == '.'))
        g_string_append_unichar (safe, c);
    }
  if (safe->len == 0)
    g_string_append (safe, _("certificate"));

  if (is_two_files (self))
    g_string_append (safe, ".crt");
  else
    g_string_append (safe, get_extension (self));

  return g_string_free (safe, FALSE);
}

/**
 * cd_export_dialog_rate_password:
 * @password: a password
 *
 * Rates @password by its length and the kinds of characters in it
 * (lower case, upper case, digits, anything else), without a
 * dictionary: enough to warn about "1234", not a cracking estimate.
 *
 * Returns: "weak", "fair" or "strong"
 */
const char *
cd_export_dialog_rate_password (const char *password)
{
  gboolean lower = FALSE, upper = FALSE, digit = FALSE, other = FALSE;
  glong length;
  guint classes;

  g_return_val_if_fail (password != NULL, "weak");

  for (const char *p = password; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_islower (c))
        lower = TRUE;
      else if (g_unichar_isupper (c))
        upper = TRUE;
      else if (g_unichar_isdigit (c))
        digit = TRUE;
      else
        other = TRUE;
    }

  length = g_utf8_strlen (password, -1);
  classes = lower + upper + digit + other;

  if ((length >= 12 && classes >= 3) || (length >= 16 && classes >= 2) || length >= 24)
    return "strong";
  if ((length >= 8 && classes >= 2) || length >= 12)
    return "fair";

  return "weak";
}
