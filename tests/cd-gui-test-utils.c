/* cd-gui-test-utils.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Helpers shared by the GUI test programs: running the main loop until
 * something happens (or a deadline passes), finding widgets and
 * toplevels, closing dialogs between tests, running shell commands and
 * reading the clipboard back.
 */

#include "config.h"

#include "cd-gui-test-utils.h"
#include "cd-keyring.h"
#include "cd-test-utils.h"
#include "cd-window.h"

static guint deadline_seconds = 60;

/* How long cd_test_iterate_until() waits before it gives up (60 s unless
 * set).
 */
void
cd_test_set_deadline (guint seconds)
{
  deadline_seconds = seconds;
}

static gboolean
wake_up_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until @condition holds; fails the test, naming
 * @what, once the deadline passes.
 */
void
cd_test_iterate_until (CdTestCondition  condition,
                       gpointer         data,
                       const char      *what)
{
  gint64 deadline = g_get_monotonic_time () + (gint64)deadline_seconds * G_USEC_PER_SEC;
  guint wake_id = g_timeout_add (20, wake_up_cb, NULL);

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for %s", what);
      g_main_context_iteration (NULL, TRUE);
    }

  g_source_remove (wake_id);
}

void
cd_test_iterate_pending (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* Adds to @found @root and every widget below it that is a @type. */
void
cd_test_collect_widgets (GtkWidget *root,
                         GType      type,
                         GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    g_ptr_array_add (found, root);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    cd_test_collect_widgets (child, type, found);
}

/* The first @type at or below @root, or NULL. */
GtkWidget *
cd_test_find_widget (GtkWidget *root,
                     GType      type)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  cd_test_collect_widgets (root, type, found);

  return found->len > 0 ? g_ptr_array_index (found, 0) : NULL;
}

/* Whether @widget and all its ancestors up to the toplevel are visible. */
gboolean
cd_test_is_shown (GtkWidget *widget)
{
  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    {
      if (!gtk_widget_get_visible (widget))
        return FALSE;
    }

  return TRUE;
}

/* A visible toplevel that is a @type, titled @title unless @title is
 * NULL; or NULL.
 */
GtkWindow *
cd_test_find_toplevel (GType       type,
                       const char *title)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (const GList *l = toplevels; l != NULL; l = l->next)
    {
      if (!G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) || !gtk_widget_get_visible (l->data))
        continue;
      if (title == NULL || g_strcmp0 (gtk_window_get_title (l->data), title) == 0)
        return l->data;
    }

  return NULL;
}

/* A condition: whether a toplevel of the type GSIZE_TO_POINTER (type)
 * passed as @data is shown.
 */
gboolean
cd_test_toplevel_shown (gpointer data)
{
  return cd_test_find_toplevel (GPOINTER_TO_SIZE (data), NULL) != NULL;
}

/* A condition: whether the widget @data is mapped. */
gboolean
cd_test_window_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

/* A condition: whether the CdWindow @data has finished importing. */
gboolean
cd_test_window_not_importing (gpointer data)
{
  return !cd_window_get_importing (CD_WINDOW (data));
}

/* Destroys every shown toplevel of each type given, in order; the list
 * ends with G_TYPE_INVALID.
 */
void
cd_test_close_dialogs (GType first_type,
                       ...)
{
  va_list args;

  va_start (args, first_type);
  for (GType type = first_type; type != G_TYPE_INVALID; type = va_arg (args, GType))
    for (GtkWindow *dialog = cd_test_find_toplevel (type, NULL);
         dialog != NULL;
         dialog = cd_test_find_toplevel (type, NULL))
      gtk_window_destroy (dialog);
  va_end (args);

  cd_test_iterate_pending ();
}

/* Runs a shell command that must succeed; returns what it printed. */
char *
cd_test_run_output (const char *format,
                    ...)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cmd = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { "/bin/sh", "-c", NULL, NULL };
  char *out = NULL;
  int status = 0;
  va_list args;

  va_start (args, format);
  cmd = g_strdup_vprintf (format, args);
  va_end (args);

  argv[2] = cmd;
  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("“%s” failed: %s", cmd, err);

  return out;
}

typedef struct
{
  char    *text;
  gboolean done;
} ClipboardRead;

static void
read_text_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  ClipboardRead *read = user_data;
  g_autoptr(GError) error = NULL;

  read->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);
  g_assert_no_error (error);
  read->done = TRUE;
}

static gboolean
clipboard_read (gpointer data)
{
  return ((ClipboardRead *)data)->done;
}

/* The text on @widget's clipboard; free it with g_free(). */
char *
cd_test_read_clipboard (GtkWidget *widget)
{
  ClipboardRead read = { NULL, FALSE };

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, read_text_cb, &read);
  cd_test_iterate_until (clipboard_read, &read, "the clipboard");

  return read.text;
}

/**
 * cd_test_window_fixture_set_up:
 * @fixture: the fixture to fill in
 * @width: the window's default width, or -1 to leave it to GTK
 * @height: the window's default height, or -1
 *
 * Opens a new database and the keyring, and shows a main window on
 * them, returning once it is mapped.
 */
void
cd_test_window_fixture_set_up (CdTestWindowFixture *fixture,
                               int                  width,
                               int                  height)
{
  fixture->database = cd_test_open_database (NULL);
  fixture->keyring = cd_keyring_new (FALSE);
  fixture->window = cd_window_new (NULL, fixture->database, fixture->keyring);
  fixture->tmpdir = cd_test_make_tmpdir ();

  if (width > 0 || height > 0)
    gtk_window_set_default_size (GTK_WINDOW (fixture->window), width, height);
  gtk_window_present (GTK_WINDOW (fixture->window));
  cd_test_iterate_until (cd_test_window_mapped, fixture->window, "the window to be shown");
  cd_test_iterate_pending ();
}

/* Destroys the window, checking nothing keeps it alive, and removes the
 * scratch folder. Close the test's dialogs first.
 */
void
cd_test_window_fixture_tear_down (CdTestWindowFixture *fixture)
{
  CdWindow *window = g_steal_pointer (&fixture->window);
  g_autofree char *quoted = g_shell_quote (fixture->tmpdir);

  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  cd_test_iterate_pending ();

  cd_test_run_command ("rm -rf %s", quoted);
  g_clear_pointer (&fixture->tmpdir, g_free);
  g_clear_object (&fixture->keyring);
  g_clear_object (&fixture->database);
}

/* @widget's template child @name, declared by @type; it must exist. */
GtkWidget *
cd_test_template_child (gpointer    widget,
                        GType       type,
                        const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);

  return GTK_WIDGET (child);
}

/* Sets the text of @editable and lets the widgets react. */
void
cd_test_type_text (GtkWidget  *editable,
                   const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editable), text);
  cd_test_iterate_pending ();
}

/* Selects @item in an AdwComboRow over a GtkStringList. */
void
cd_test_select_item (GtkWidget  *combo_row,
                     const char *item)
{
  GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (combo_row));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), item) == 0)
        {
          adw_combo_row_set_selected (ADW_COMBO_ROW (combo_row), i);
          cd_test_iterate_pending ();
          return;
        }
    }

  g_error ("No item “%s”", item);
}
