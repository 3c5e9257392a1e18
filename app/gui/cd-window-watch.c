/* cd-window-watch.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Keeping CdWindow in step with the database: reloading when another
 * program changed it (told by the -wal file, or found by polling while
 * the window is active), and syncing trust publishing once changes to
 * the stores settle.
 */

#define G_LOG_DOMAIN "cd-window"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-database.h"
#include "cd-trust.h"
#include "cd-window-private.h"

/* How often to look for changes by other programs while the window is
 * active; the -wal file monitor usually notices them sooner.
 */
#define POLL_INTERVAL_SECONDS 2
#define MONITOR_DELAY_MSEC    250

/* How long changes to the stores settle before trust publishing syncs. */
#define TRUST_SYNC_DELAY_MSEC 1500

static void
check_database (CdWindow *self)
{
  g_assert (CD_IS_WINDOW (self));

  /* The import reloads everything when it is done; reading while the
   * worker writes would only show a half-done state.
   */
  if (self->database == NULL || cd_window_get_importing (self))
    return;

  if (cd_database_check_changed (self->database))
    {
      g_debug ("The database was changed by another program, reloading");
      cd_window_reload (self);
    }
}

static gboolean
poll_cb (gpointer user_data)
{
  check_database (CD_WINDOW (user_data));

  return G_SOURCE_CONTINUE;
}

static gboolean
check_timeout_cb (gpointer user_data)
{
  CdWindow *self = CD_WINDOW (user_data);

  self->check_id = 0;
  check_database (self);

  return G_SOURCE_REMOVE;
}

static void
on_wal_changed_cb (CdWindow          *self,
                   GFile             *file,
                   GFile             *other_file,
                   GFileMonitorEvent  event,
                   GFileMonitor      *monitor)
{
  g_assert (CD_IS_WINDOW (self));

  /* A transaction writes the file many times; look once it settled. */
  if (self->check_id == 0)
    self->check_id = g_timeout_add (MONITOR_DELAY_MSEC, check_timeout_cb, self);
}

static void
on_is_active_changed_cb (CdWindow   *self,
                         GParamSpec *pspec,
                         gpointer    unused)
{
  g_assert (CD_IS_WINDOW (self));

  if (self->database == NULL)
    return;

  if (gtk_window_is_active (GTK_WINDOW (self)))
    {
      if (self->poll_id == 0)
        self->poll_id = g_timeout_add_seconds (POLL_INTERVAL_SECONDS, poll_cb, self);

      /* Another program may have changed things while we were away. */
      check_database (self);
    }
  else
    {
      g_clear_handle_id (&self->poll_id, g_source_remove);
    }
}

void
_cd_window_watch_database (CdWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *wal_path = NULL;
  g_autoptr(GFile) wal_file = NULL;

  g_assert (CD_IS_WINDOW (self));
  g_assert (self->database != NULL);

  /* In WAL mode every commit, ours or another program's, writes the
   * -wal file next to the database.
   */
  wal_path = g_strconcat (cd_database_get_path (self->database), "-wal", NULL);
  wal_file = g_file_new_for_path (wal_path);
  self->wal_monitor = g_file_monitor_file (wal_file, G_FILE_MONITOR_NONE, NULL, &error);

  if (self->wal_monitor == NULL)
    {
      g_debug ("Cannot monitor %s, relying on polling: %s", wal_path, error->message);
      return;
    }

  g_signal_connect_object (self->wal_monitor,
                           "changed",
                           G_CALLBACK (on_wal_changed_cb),
                           self,
                           G_CONNECT_SWAPPED);
}

void
_cd_window_init_watch (CdWindow *self)
{
  g_signal_connect (self, "notify::is-active", G_CALLBACK (on_is_active_changed_cb), NULL);
}

void
_cd_window_dispose_watch (CdWindow *self)
{
  g_clear_handle_id (&self->poll_id, g_source_remove);
  g_clear_handle_id (&self->check_id, g_source_remove);

  if (self->wal_monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->wal_monitor, self);
      g_file_monitor_cancel (self->wal_monitor);
      g_clear_object (&self->wal_monitor);
    }
}

static void
trust_sync_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CdWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (cd_trust_sync_enabled_finish (CD_DATABASE (object), result, &error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* TRANSLATORS: %s is an error message */
  text = g_strdup_printf (_("Trust publishing failed: %s"), error->message);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

static void
trust_sync_timeout_cb (gpointer user_data)
{
  CdWindow *self = user_data;

  self->trust_sync_id = 0;
  if (self->database == NULL)
    return;

  cd_trust_sync_enabled_async (self->database, self->trust_cancellable,
                               trust_sync_cb, g_object_ref (self));
}

/* Imports, deletes and moves come in bursts (a folder dropped, Undo):
 * the targets are synced once things settle. A sync with nothing to
 * change runs no tool, so the reloads that touch neither Trusted Root
 * nor Untrusted cost a few queries.
 */
void
_cd_window_schedule_trust_sync (CdWindow *self)
{
  g_clear_handle_id (&self->trust_sync_id, g_source_remove);
  self->trust_sync_id = g_timeout_add_once (TRUST_SYNC_DELAY_MSEC, trust_sync_timeout_cb, self);
}
