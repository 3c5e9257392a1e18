/* cd-device-watcher.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* CdDeviceWatcher checks devices: it fetches what each presents, at
 * most N at a time, builds its chain against the stores, runs its
 * profile, compares with the previous check, and records it all. The
 * fetches are asynchronous on one main context, so a thousand devices
 * need no thousand threads: the CLI runs that context itself, the GUI
 * runs it in one worker thread with its own database connection, and
 * hears of each device through signals on its own context.
 *
 * Events are transitions, not states: a device entering the warning
 * window raises one notification, not one per check while it stays
 * there. The state is cd_device_check_is_in_trouble().
 */

#define G_LOG_DOMAIN "cd-device-watcher"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cd-database.h"
#include "cd-device-private.h"
#include "cd-device-profile-private.h"
#include "cd-device-watcher.h"
#include "cd-devices.h"
#include "cd-errors.h"

/* Results are written in batches: one transaction per device would be
 * one disk sync per device.
 */
#define RECORD_BATCH 128

struct _CdDeviceWatcher
{
  GObject     parent_instance;

  CdDatabase *database;
  guint       concurrency;
  guint       timeout_ms;
  guint       warning_days;
};

G_DEFINE_FINAL_TYPE (CdDeviceWatcher, cd_device_watcher, G_TYPE_OBJECT)

enum {
  DEVICE_CHECKED,
  EVENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  CdDeviceWatcher *self;
  CdDatabase      *database;          /* of the thread running the checks */
  GMainContext    *context;           /* where the fetches run */
  GMainContext    *caller_context;    /* where the signals go */
  gboolean         direct;            /* same thread: emit them at once */
  GCancellable    *cancellable;
  GPtrArray       *devices;
  GHashTable      *last;              /* device id → last check */
  GHashTable      *last_certified;    /* device id → last check with a certificate */
  GPtrArray       *checks;            /* in device order; NULL until checked */
  GPtrArray       *unrecorded;
  guint            next;
  guint            running;
  guint            done;
  GError          *error;
} Run;

typedef struct
{
  Run   *run;
  guint  index;
} Pending;

typedef struct
{
  CdDeviceWatcher *self;
  CdDeviceCheck   *check;
  guint            done;
  guint            total;
} Report;

static void
run_free (Run *run)
{
  g_clear_object (&run->self);
  g_clear_object (&run->database);
  g_clear_pointer (&run->context, g_main_context_unref);
  g_clear_pointer (&run->caller_context, g_main_context_unref);
  g_clear_object (&run->cancellable);
  g_clear_pointer (&run->devices, g_ptr_array_unref);
  g_clear_pointer (&run->last, g_hash_table_unref);
  g_clear_pointer (&run->last_certified, g_hash_table_unref);
  g_clear_pointer (&run->checks, g_ptr_array_unref);
  g_clear_pointer (&run->unrecorded, g_ptr_array_unref);
  g_clear_error (&run->error);
  g_free (run);
}

static void
report_free (Report *report)
{
  g_object_unref (report->self);
  g_object_unref (report->check);
  g_free (report);
}

static gboolean
deliver_report (gpointer user_data)
{
  Report *report = user_data;
  CdDeviceEvents events = cd_device_check_get_events (report->check);

  g_signal_emit (report->self, signals[DEVICE_CHECKED], 0, report->check, report->done,
                 report->total);
  if (events != CD_DEVICE_EVENT_NONE)
    g_signal_emit (report->self, signals[EVENT], 0, report->check, (guint)events);

  return G_SOURCE_REMOVE;
}

static CdDeviceEvents
compute_events (CdDeviceCheck *check,
                CdDeviceCheck *last,
                CdDeviceCheck *last_certified,
                guint          warning_days)
{
  CdDeviceEvents events = CD_DEVICE_EVENT_NONE;
  gint64 window = (gint64)warning_days * 86400;
  gboolean same;
  gboolean was_expired = FALSE;
  gboolean was_in_window = FALSE;
  gboolean was_failing = FALSE;

  if (check->error != NULL || check->leaf_sha256 == NULL)
    return last == NULL || last->error == NULL ? CD_DEVICE_EVENT_UNREACHABLE
                                               : CD_DEVICE_EVENT_NONE;

  /* The certificate is compared with the last one seen, even across an
   * outage: a device that comes back with a new one has changed.
   */
  same = last_certified != NULL &&
         g_strcmp0 (last_certified->leaf_sha256, check->leaf_sha256) == 0;
  if (last_certified != NULL && !same)
    events |= CD_DEVICE_EVENT_CHANGED;

  if (same)
    {
      was_expired = last_certified->not_after <= last_certified->checked_at;
      was_in_window = !was_expired &&
                      last_certified->not_after - last_certified->checked_at < window;
      was_failing = g_strcmp0 (last_certified->profile_status, "fail") == 0;
    }

  if (check->not_after <= check->checked_at)
    {
      if (!was_expired)
        events |= CD_DEVICE_EVENT_EXPIRED;
    }
  else if (check->not_after - check->checked_at < window && !was_in_window)
    {
      events |= CD_DEVICE_EVENT_WARNING;
    }

  if (g_strcmp0 (check->profile_status, "fail") == 0 && !was_failing)
    events |= CD_DEVICE_EVENT_PROFILE_FAILS;

  return events;
}

static void
record_unrecorded (Run *run)
{
  g_autoptr(GError) error = NULL;

  if (run->unrecorded->len == 0)
    return;

  if (!cd_devices_record_checks (run->database, run->unrecorded, &error) && run->error == NULL)
    run->error = g_steal_pointer (&error);
  g_ptr_array_set_size (run->unrecorded, 0);
}

static CdDeviceCheck *
evaluate (Run         *run,
          CdDevice    *device,
          CdTlsResult *result,
          GError      *fetch_error)
{
  g_autoptr(CdDeviceCheck) check = _cd_device_check_new (device);
  g_autoptr(CdChain) chain = NULL;
  g_autoptr(GError) error = NULL;

  check->checked_at = g_get_real_time () / G_USEC_PER_SEC;

  if (result == NULL)
    {
      check->error = g_strdup (fetch_error->message);
      return g_steal_pointer (&check);
    }

  if (cd_tls_result_get_chain (result)->len > 0)
    {
      chain = _cd_device_build_chain (run->database, cd_tls_result_get_chain (result), &error);
      if (chain == NULL)
        g_debug ("No chain for %s: %s", device->host, error->message);
    }
  _cd_device_check_set_result (check, result, chain);

  if (check->leaf_sha256 == NULL)
    {
      check->error = g_strdup (_("The server completed the handshake without a certificate."));
      return g_steal_pointer (&check);
    }

  check->profile_status = _cd_device_profile_check (device, chain, check->chain,
                                                    run->self->warning_days);

  return g_steal_pointer (&check);
}

static void start_next (Run *run);

static void
fetch_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Pending *pending = user_data;
  Run *run = pending->run;
  CdDevice *device = g_ptr_array_index (run->devices, pending->index);
  g_autoptr(CdTlsResult) fetched = NULL;
  g_autoptr(GError) error = NULL;
  CdDeviceCheck *check;
  Report *report;

  fetched = cd_tls_fetch_finish (result, &error);
  run->running--;
  run->done++;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (run->error == NULL)
        run->error = g_steal_pointer (&error);
      g_free (pending);
      return;
    }

  check = evaluate (run, device, fetched, error);
  check->events = compute_events (check,
                                  g_hash_table_lookup (run->last, &device->id),
                                  g_hash_table_lookup (run->last_certified, &device->id),
                                  run->self->warning_days);
  g_ptr_array_index (run->checks, pending->index) = check;
  g_ptr_array_add (run->unrecorded, g_object_ref (check));
  if (run->unrecorded->len >= RECORD_BATCH)
    record_unrecorded (run);

  report = g_new0 (Report, 1);
  report->self = g_object_ref (run->self);
  report->check = g_object_ref (check);
  report->done = run->done;
  report->total = run->devices->len;
  if (run->direct)
    {
      deliver_report (report);
      report_free (report);
    }
  else
    {
      g_main_context_invoke_full (run->caller_context, G_PRIORITY_DEFAULT, deliver_report,
                                  report, (GDestroyNotify)report_free);
    }

  g_free (pending);
  start_next (run);
}

static void
start_next (Run *run)
{
  while (run->error == NULL && run->running < run->self->concurrency &&
         run->next < run->devices->len)
    {
      CdDevice *device = g_ptr_array_index (run->devices, run->next);
      Pending *pending = g_new0 (Pending, 1);

      pending->run = run;
      pending->index = run->next++;
      run->running++;
      cd_tls_fetch_async (device->host, device->port, device->starttls, device->server_name,
                          run->self->timeout_ms, run->cancellable, fetch_cb, pending);
    }
}

/* Runs every check on the thread-default context, which the caller
 * pushed; returns the checks in the order of the devices.
 */
static GPtrArray *
run_checks (Run     *run,
            GError **error)
{
  GPtrArray *checks;

  if (run->devices == NULL)
    {
      run->devices = cd_devices_list (run->database, error);
      if (run->devices == NULL)
        return NULL;
    }

  run->last = cd_devices_list_last_checks (run->database, FALSE, error);
  if (run->last == NULL)
    return NULL;
  run->last_certified = cd_devices_list_last_checks (run->database, TRUE, error);
  if (run->last_certified == NULL)
    return NULL;

  run->checks = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_set_size (run->checks, run->devices->len);
  run->unrecorded = g_ptr_array_new_with_free_func (g_object_unref);

  start_next (run);
  while (run->running > 0)
    g_main_context_iteration (run->context, TRUE);

  /* What was checked before a cancel is still worth keeping. */
  record_unrecorded (run);

  if (run->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&run->error));
      return NULL;
    }

  checks = g_steal_pointer (&run->checks);
  return checks;
}

static Run *
run_new (CdDeviceWatcher *self,
         GPtrArray       *devices,
         GCancellable    *cancellable)
{
  Run *run = g_new0 (Run, 1);

  run->self = g_object_ref (self);
  run->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  run->caller_context = g_main_context_ref_thread_default ();
  if (devices != NULL)
    {
      run->devices = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < devices->len; i++)
        g_ptr_array_add (run->devices, g_object_ref (g_ptr_array_index (devices, i)));
    }

  return run;
}

static void
cd_device_watcher_dispose (GObject *object)
{
  CdDeviceWatcher *self = (CdDeviceWatcher *)object;

  g_clear_object (&self->database);

  G_OBJECT_CLASS (cd_device_watcher_parent_class)->dispose (object);
}

static void
cd_device_watcher_class_init (CdDeviceWatcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cd_device_watcher_dispose;

  /**
   * CdDeviceWatcher::device-checked:
   * @check: what the check saw, already recorded or about to be
   * @done: how many devices are checked so far
   * @total: how many this run checks
   *
   * On the main context that started the run, once per device.
   */
  signals[DEVICE_CHECKED] =
    g_signal_new ("device-checked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 3, CD_TYPE_DEVICE_CHECK, G_TYPE_UINT, G_TYPE_UINT);

  /**
   * CdDeviceWatcher::event:
   * @check: the check
   * @events: the #CdDeviceEvents it raised, never none
   *
   * What deserves a notification, right after #CdDeviceWatcher::device-checked.
   */
  signals[EVENT] =
    g_signal_new ("event", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, CD_TYPE_DEVICE_CHECK, G_TYPE_UINT);
}

static void
cd_device_watcher_init (CdDeviceWatcher *self)
{
  self->concurrency = CD_DEVICE_WATCHER_DEFAULT_CONCURRENCY;
  self->timeout_ms = CD_TLS_FETCH_DEFAULT_TIMEOUT_MS;
  self->warning_days = CD_DEVICE_WATCHER_DEFAULT_WARNING_DAYS;
}

/**
 * cd_device_watcher_new:
 * @database: the database that lists the devices; the synchronous
 *   check uses it, the asynchronous one opens its own on its file
 *
 * Returns: (transfer full): a new watcher
 */
CdDeviceWatcher *
cd_device_watcher_new (CdDatabase *database)
{
  CdDeviceWatcher *self;

  g_return_val_if_fail (CD_IS_DATABASE (database), NULL);

  self = g_object_new (CD_TYPE_DEVICE_WATCHER, NULL);
  self->database = g_object_ref (database);

  return self;
}

/* How many devices are being connected to at once; at least 1. */
void
cd_device_watcher_set_concurrency (CdDeviceWatcher *self,
                                   guint            concurrency)
{
  g_return_if_fail (CD_IS_DEVICE_WATCHER (self));

  self->concurrency = MAX (concurrency, 1);
}

/* See cd_tls_fetch_async(); 0 for the default. */
void
cd_device_watcher_set_timeout (CdDeviceWatcher *self,
                               guint            timeout_ms)
{
  g_return_if_fail (CD_IS_DEVICE_WATCHER (self));

  self->timeout_ms = timeout_ms > 0 ? timeout_ms : CD_TLS_FETCH_DEFAULT_TIMEOUT_MS;
}

void
cd_device_watcher_set_warning_days (CdDeviceWatcher *self,
                                    guint            warning_days)
{
  g_return_if_fail (CD_IS_DEVICE_WATCHER (self));

  self->warning_days = warning_days;
}

guint
cd_device_watcher_get_warning_days (CdDeviceWatcher *self)
{
  g_return_val_if_fail (CD_IS_DEVICE_WATCHER (self), 0);

  return self->warning_days;
}

/**
 * cd_device_watcher_check:
 * @self: a #CdDeviceWatcher
 * @devices: (nullable) (element-type CdDevice): the devices to check;
 *   %NULL for every device
 * @cancellable: (nullable): a #GCancellable
 * @error: a location for a #GError
 *
 * Checks the devices and records the results, blocking the calling
 * thread (the CLI). The signals are emitted as each device is done,
 * from within this call.
 *
 * Returns: (transfer full) (element-type CdDeviceCheck) (nullable): one
 *   check per device, in order; %NULL when the database failed or the
 *   run was cancelled (what was checked by then is recorded)
 */
GPtrArray *
cd_device_watcher_check (CdDeviceWatcher  *self,
                         GPtrArray        *devices,
                         GCancellable     *cancellable,
                         GError          **error)
{
  Run *run;
  GPtrArray *checks;

  g_return_val_if_fail (CD_IS_DEVICE_WATCHER (self), NULL);

  run = run_new (self, devices, cancellable);
  run->database = g_object_ref (self->database);
  run->context = g_main_context_new ();
  run->direct = TRUE;

  g_main_context_push_thread_default (run->context);
  checks = run_checks (run, error);
  g_main_context_pop_thread_default (run->context);

  run_free (run);
  return checks;
}

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CdDeviceWatcher *self = source_object;
  Run *run = task_data;
  GError *error = NULL;
  GPtrArray *checks;

  run->database = cd_database_open (cd_database_get_path (self->database), &error);
  if (run->database == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  run->context = g_main_context_new ();
  g_main_context_push_thread_default (run->context);
  checks = run_checks (run, &error);
  g_main_context_pop_thread_default (run->context);

  /* The database connection belongs to this thread: close it here. */
  g_clear_object (&run->database);

  if (checks == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, checks, (GDestroyNotify)g_ptr_array_unref);
}

/**
 * cd_device_watcher_check_async:
 *
 * cd_device_watcher_check() in a worker thread with its own database
 * connection; the signals arrive on the calling thread's main context
 * while it runs, all of them before @callback.
 */
void
cd_device_watcher_check_async (CdDeviceWatcher     *self,
                               GPtrArray           *devices,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CD_IS_DEVICE_WATCHER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_device_watcher_check_async);
  g_task_set_task_data (task, run_new (self, devices, cancellable), (GDestroyNotify)run_free);
  g_task_run_in_thread (task, check_thread);
}

GPtrArray *
cd_device_watcher_check_finish (CdDeviceWatcher  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  g_return_val_if_fail (CD_IS_DEVICE_WATCHER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
