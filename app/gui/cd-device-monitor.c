/* cd-device-monitor.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* CdDeviceMonitor watches the devices while Certdesk runs: shortly
 * after it starts and then every "device-check-interval" minutes it
 * runs the watcher (in its worker thread), and turns what the watcher
 * calls events into desktop notifications, one per kind of event, so
 * that a run finding forty renewed certificates says so once. "Check
 * Now" in the Devices view runs through here too, so that a manual
 * check and a timed one never overlap and both notify.
 */

#define G_LOG_DOMAIN "cd-device-monitor"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-database.h"
#include "cd-device-monitor.h"
#include "cd-device-watcher.h"

/* Long enough for the window to come up before the network is used. */
#define STARTUP_DELAY_SECONDS 20

/* How many addresses a notification about several devices names. */
#define MAX_NAMED 5

#define DEFAULT_WARNING_DAYS 60
#define DEFAULT_INTERVAL     360

struct _CdDeviceMonitor
{
  GObject          parent_instance;

  CdDatabase      *database;
  GSettings       *settings;       /* NULL without the schema */
  GApplication    *application;    /* weak */
  CdDeviceWatcher *watcher;
  GCancellable    *cancellable;    /* of the run; NULL when none runs */
  GPtrArray       *events[5];      /* per event kind, the checks that raised it */
  guint            timeout_ms;
  guint            timer_id;
};

enum {
  PROP_0,
  PROP_RUNNING,
  N_PROPS
};

enum {
  DEVICE_CHECKED,
  FINISHED,
  NOTIFIED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (CdDeviceMonitor, cd_device_monitor, G_TYPE_OBJECT)

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

/* In the order the notifications go out: the worst first. */
static const CdDeviceEvents kinds[] = {
  CD_DEVICE_EVENT_EXPIRED,
  CD_DEVICE_EVENT_UNREACHABLE,
  CD_DEVICE_EVENT_PROFILE_FAILS,
  CD_DEVICE_EVENT_CHANGED,
  CD_DEVICE_EVENT_WARNING,
};

static void schedule (CdDeviceMonitor *self,
                      guint            seconds);

static int
kind_index (CdDeviceEvents kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      if (kinds[i] == kind)
        return i;
    }

  g_return_val_if_reached (0);
}

static const char *
kind_id (CdDeviceEvents kind)
{
  switch ((int)kind)
    {
    case CD_DEVICE_EVENT_WARNING:
      return "device-warning";
    case CD_DEVICE_EVENT_EXPIRED:
      return "device-expired";
    case CD_DEVICE_EVENT_PROFILE_FAILS:
      return "device-profile-fails";
    case CD_DEVICE_EVENT_CHANGED:
      return "device-changed";
    case CD_DEVICE_EVENT_UNREACHABLE:
      return "device-unreachable";
    default:
      g_return_val_if_reached ("device");
    }
}

static char *
format_date (gint64 when)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_local (when);

  /* translators: the date format of device notifications, see g_date_time_format() */
  return date != NULL ? g_date_time_format (date, _("%Y-%m-%d")) : g_strdup ("?");
}

static char *
dup_address (CdDeviceCheck *check)
{
  return cd_device_dup_address (cd_device_check_get_device (check));
}

static char *
single_title (CdDeviceEvents  kind,
              CdDeviceCheck  *check,
              gint64          now)
{
  g_autofree char *address = dup_address (check);
  int days;

  switch ((int)kind)
    {
    case CD_DEVICE_EVENT_WARNING:
      days = MAX (0, cd_device_check_get_days_left (check, now));
      /* translators: %s is a device's address (host:port), %d a number of days */
      return g_strdup_printf (ngettext ("%s: certificate expires in %d day",
                                        "%s: certificate expires in %d days", days),
                              address, days);
    case CD_DEVICE_EVENT_EXPIRED:
      /* translators: %s is a device's address (host:port) */
      return g_strdup_printf (_("%s: certificate has expired"), address);
    case CD_DEVICE_EVENT_PROFILE_FAILS:
      /* translators: %s is a device's address (host:port) */
      return g_strdup_printf (_("%s fails its device profile"), address);
    case CD_DEVICE_EVENT_CHANGED:
      /* translators: %s is a device's address (host:port) */
      return g_strdup_printf (_("%s presents a different certificate"), address);
    case CD_DEVICE_EVENT_UNREACHABLE:
      /* translators: %s is a device's address (host:port) */
      return g_strdup_printf (_("%s cannot be reached"), address);
    default:
      g_return_val_if_reached (NULL);
    }
}

static char *
single_body (CdDeviceEvents  kind,
             CdDeviceCheck  *check)
{
  g_autofree char *date = format_date (cd_device_check_get_not_after (check));
  const char *subject = cd_device_check_get_subject (check);

  if (subject == NULL || subject[0] == '\0')
    subject = _("(no name)");

  switch ((int)kind)
    {
    case CD_DEVICE_EVENT_WARNING:
      /* translators: %s is a certificate's subject name, then a date */
      return g_strdup_printf (_("“%s” expires on %s. Renew it before clients refuse it."),
                              subject, date);
    case CD_DEVICE_EVENT_EXPIRED:
      /* translators: %s is a certificate's subject name, then a date */
      return g_strdup_printf (_("“%s” expired on %s. Clients that check it refuse to connect."),
                              subject, date);
    case CD_DEVICE_EVENT_PROFILE_FAILS:
      /* translators: %s is a certificate's subject name */
      return g_strdup_printf (_("“%s” does not meet what the device needs. Open the device to "
                                "see which rules fail."), subject);
    case CD_DEVICE_EVENT_CHANGED:
      /* translators: %s is a certificate's subject name, then a date */
      return g_strdup_printf (_("It now presents “%s”, valid until %s. If nobody renewed it, "
                                "find out who did."), subject, date);
    case CD_DEVICE_EVENT_UNREACHABLE:
      return g_strdup (cd_device_check_get_error (check));
    default:
      g_return_val_if_reached (NULL);
    }
}

static char *
several_title (CdDeviceEvents kind,
               guint          n,
               guint          warning_days)
{
  switch ((int)kind)
    {
    case CD_DEVICE_EVENT_WARNING:
      /* translators: the first %u is a number of devices, the second of days */
      return g_strdup_printf (ngettext ("%u devices: certificates expire within %u day",
                                        "%u devices: certificates expire within %u days",
                                        warning_days),
                              n, warning_days);
    case CD_DEVICE_EVENT_EXPIRED:
      return g_strdup_printf (ngettext ("%u device: certificate has expired",
                                        "%u devices: certificates have expired", n), n);
    case CD_DEVICE_EVENT_PROFILE_FAILS:
      return g_strdup_printf (ngettext ("%u device fails its device profile",
                                        "%u devices fail their device profiles", n), n);
    case CD_DEVICE_EVENT_CHANGED:
      return g_strdup_printf (ngettext ("%u device presents a different certificate",
                                        "%u devices present a different certificate", n), n);
    case CD_DEVICE_EVENT_UNREACHABLE:
      return g_strdup_printf (ngettext ("%u device cannot be reached",
                                        "%u devices cannot be reached", n), n);
    default:
      g_return_val_if_reached (NULL);
    }
}

static char *
several_body (GPtrArray *checks)
{
  g_autoptr(GString) body = g_string_new (NULL);
  guint named = MIN (checks->len, MAX_NAMED);

  for (guint i = 0; i < named; i++)
    {
      g_autofree char *address = dup_address (g_ptr_array_index (checks, i));

      if (i > 0)
        g_string_append (body, ", ");
      g_string_append (body, address);
    }

  if (checks->len > named)
    {
      guint rest = checks->len - named;

      g_string_append (body, " ");
      /* translators: after a list of device addresses */
      g_string_append_printf (body, ngettext ("and %u more", "and %u more", rest), rest);
    }

  return g_string_free (g_steal_pointer (&body), FALSE);
}

/**
 * cd_device_monitor_describe_events:
 * @kind: one #CdDeviceEvents flag
 * @checks: (element-type CdDeviceCheck): the checks that raised it, at
 *   least one
 * @warning_days: the expiry warning window
 * @now: the time now, in seconds since the epoch
 * @out_title: (out): the notification's title
 * @out_body: (out): its body
 *
 * The words of the notification about @kind: a sentence naming the
 * device when there is one, a count and the addresses when there are
 * several.
 *
 * Returns: the id of the device, or -1 when there are several
 */
gint64
cd_device_monitor_describe_events (CdDeviceEvents   kind,
                                   GPtrArray       *checks,
                                   guint            warning_days,
                                   gint64           now,
                                   char           **out_title,
                                   char           **out_body)
{
  CdDeviceCheck *check;

  g_return_val_if_fail (checks != NULL && checks->len > 0, -1);
  g_return_val_if_fail (out_title != NULL && out_body != NULL, -1);

  if (checks->len > 1)
    {
      *out_title = several_title (kind, checks->len, warning_days);
      *out_body = several_body (checks);
      return -1;
    }

  check = g_ptr_array_index (checks, 0);
  *out_title = single_title (kind, check, now);
  *out_body = single_body (kind, check);

  return cd_device_get_id (cd_device_check_get_device (check));
}

/**
 * cd_device_monitor_build_notification:
 * @kind: one #CdDeviceEvents flag
 * @checks: (element-type CdDeviceCheck): the checks that raised it, at
 *   least one
 * @warning_days: the expiry warning window
 * @now: the time now, in seconds since the epoch
 * @out_id: (out): the notification id, the same for every notification
 *   of @kind, so that a newer one replaces the one before
 *
 * Builds the notification about @kind, in the words of
 * cd_device_monitor_describe_events(). Its default action opens the
 * Devices view ("app.show-device"), on the device when there is one.
 *
 * Returns: (transfer full): a new #GNotification
 */
GNotification *
cd_device_monitor_build_notification (CdDeviceEvents   kind,
                                      GPtrArray       *checks,
                                      guint            warning_days,
                                      gint64           now,
                                      char           **out_id)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  gint64 device_id;

  g_return_val_if_fail (checks != NULL && checks->len > 0, NULL);
  g_return_val_if_fail (out_id != NULL, NULL);

  device_id = cd_device_monitor_describe_events (kind, checks, warning_days, now, &title, &body);

  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_default_action_and_target (notification, "app.show-device", "x", device_id);
  g_notification_set_priority (notification,
                               kind == CD_DEVICE_EVENT_EXPIRED ? G_NOTIFICATION_PRIORITY_HIGH
                                                               : G_NOTIFICATION_PRIORITY_NORMAL);

  *out_id = g_strdup (kind_id (kind));
  return g_steal_pointer (&notification);
}

guint
cd_device_monitor_get_warning_days (CdDeviceMonitor *self)
{
  g_return_val_if_fail (CD_IS_DEVICE_MONITOR (self), DEFAULT_WARNING_DAYS);

  if (self->settings == NULL)
    return DEFAULT_WARNING_DAYS;

  return MAX (1, g_settings_get_int (self->settings, "expiry-warning-days"));
}

/* Minutes between checks; 0 when they are off. */
guint
cd_device_monitor_get_interval (CdDeviceMonitor *self)
{
  g_return_val_if_fail (CD_IS_DEVICE_MONITOR (self), 0);

  if (self->settings == NULL)
    return DEFAULT_INTERVAL;

  return MAX (0, g_settings_get_int (self->settings, "device-check-interval"));
}

static void
send_notifications (CdDeviceMonitor *self)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(GNotification) notification = NULL;
      g_autofree char *id = NULL;

      if (self->events[i]->len == 0)
        continue;

      notification = cd_device_monitor_build_notification (kinds[i], self->events[i],
                                                           cd_device_monitor_get_warning_days (self),
                                                           now, &id);
      g_ptr_array_set_size (self->events[i], 0);

      if (self->application != NULL)
        g_application_send_notification (self->application, id, notification);
      else
        g_debug ("No application to send notification %s", id);

      g_signal_emit (self, signals[NOTIFIED], 0, id, notification);
    }
}

static void
on_device_checked_cb (CdDeviceMonitor *self,
                      CdDeviceCheck   *check,
                      guint            done,
                      guint            total,
                      CdDeviceWatcher *watcher)
{
  g_assert (CD_IS_DEVICE_MONITOR (self));

  g_signal_emit (self, signals[DEVICE_CHECKED], 0, check, done, total);
}

static void
on_event_cb (CdDeviceMonitor *self,
             CdDeviceCheck   *check,
             guint            events,
             CdDeviceWatcher *watcher)
{
  g_assert (CD_IS_DEVICE_MONITOR (self));

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      if ((events & kinds[i]) != 0)
        g_ptr_array_add (self->events[kind_index (kinds[i])], g_object_ref (check));
    }
}

static void
check_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(CdDeviceMonitor) self = user_data;
  g_autoptr(GPtrArray) checks = NULL;
  g_autoptr(GError) error = NULL;

  checks = cd_device_watcher_check_finish (CD_DEVICE_WATCHER (object), result, &error);

  /* Disposed while the run went on: nobody is left to tell. */
  if (self->watcher == NULL)
    return;

  if (checks == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Checking the devices failed: %s", error->message);

  /* What was found before a cancel or a failure was recorded: its
   * events will not come again, so they are told now.
   */
  send_notifications (self);

  g_clear_object (&self->cancellable);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  g_signal_emit (self, signals[FINISHED], 0, error);
}

static gboolean
timer_cb (gpointer user_data)
{
  CdDeviceMonitor *self = user_data;

  self->timer_id = 0;
  if (!cd_device_monitor_get_running (self))
    cd_device_monitor_check (self, NULL);

  schedule (self, cd_device_monitor_get_interval (self) * 60);

  return G_SOURCE_REMOVE;
}

/* The next run in @seconds; none when the checks are off. */
static void
schedule (CdDeviceMonitor *self,
          guint            seconds)
{
  g_clear_handle_id (&self->timer_id, g_source_remove);

  if (cd_device_monitor_get_interval (self) == 0)
    return;

  self->timer_id = g_timeout_add_seconds (seconds, timer_cb, self);
}

static void
on_interval_changed_cb (CdDeviceMonitor *self,
                        const char      *key,
                        GSettings       *settings)
{
  g_assert (CD_IS_DEVICE_MONITOR (self));

  schedule (self, cd_device_monitor_get_interval (self) * 60);
}

static void
cd_device_monitor_dispose (GObject *object)
{
  CdDeviceMonitor *self = (CdDeviceMonitor *)object;

  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->watcher != NULL)
    g_signal_handlers_disconnect_by_data (self->watcher, self);
  g_clear_object (&self->watcher);
  g_clear_object (&self->settings);
  g_clear_object (&self->database);
  g_clear_weak_pointer (&self->application);

  for (guint i = 0; i < G_N_ELEMENTS (self->events); i++)
    g_clear_pointer (&self->events[i], g_ptr_array_unref);

  G_OBJECT_CLASS (cd_device_monitor_parent_class)->dispose (object);
}

static void
cd_device_monitor_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CdDeviceMonitor *self = CD_DEVICE_MONITOR (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, cd_device_monitor_get_running (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_device_monitor_class_init (CdDeviceMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cd_device_monitor_dispose;
  object_class->get_property = cd_device_monitor_get_property;

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CdDeviceMonitor::device-checked:
   * @check: what the check saw, recorded
   * @done: how many devices of the run are checked
   * @total: how many the run checks
   */
  signals[DEVICE_CHECKED] =
    g_signal_new ("device-checked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 3, CD_TYPE_DEVICE_CHECK, G_TYPE_UINT, G_TYPE_UINT);

  /**
   * CdDeviceMonitor::finished:
   * @error: (nullable): why the run stopped early, %NULL when it did not
   */
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);

  /**
   * CdDeviceMonitor::notified:
   * @id: the notification id
   * @notification: the #GNotification, sent to the application's desktop
   *
   * After a notification was handed to g_application_send_notification().
   */
  signals[NOTIFIED] =
    g_signal_new ("notified", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_NOTIFICATION);
}

static void
cd_device_monitor_init (CdDeviceMonitor *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->events); i++)
    self->events[i] = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * cd_device_monitor_new:
 * @database: the database listing the devices
 * @settings: (nullable): Certdesk's settings; %NULL for the defaults
 *
 * Returns: (transfer full): a monitor whose first run comes shortly,
 *   unless the checks are off
 */
CdDeviceMonitor *
cd_device_monitor_new (CdDatabase *database,
                       GSettings  *settings)
{
  CdDeviceMonitor *self;

  g_return_val_if_fail (CD_IS_DATABASE (database), NULL);
  g_return_val_if_fail (!settings || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (CD_TYPE_DEVICE_MONITOR, NULL);
  self->database = g_object_ref (database);
  self->settings = settings != NULL ? g_object_ref (settings) : NULL;
  self->watcher = cd_device_watcher_new (database);

  g_signal_connect_object (self->watcher, "device-checked", G_CALLBACK (on_device_checked_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->watcher, "event", G_CALLBACK (on_event_cb),
                           self, G_CONNECT_SWAPPED);
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed::device-check-interval",
                             G_CALLBACK (on_interval_changed_cb), self, G_CONNECT_SWAPPED);

  schedule (self, STARTUP_DELAY_SECONDS);

  return self;
}

/**
 * cd_device_monitor_set_application:
 * @self: a #CdDeviceMonitor
 * @application: (nullable): the application that sends the notifications
 */
void
cd_device_monitor_set_application (CdDeviceMonitor *self,
                                   GApplication    *application)
{
  g_return_if_fail (CD_IS_DEVICE_MONITOR (self));
  g_return_if_fail (!application || G_IS_APPLICATION (application));

  g_set_weak_pointer (&self->application, application);
}

/* See cd_device_watcher_set_timeout(). */
void
cd_device_monitor_set_timeout (CdDeviceMonitor *self,
                               guint            timeout_ms)
{
  g_return_if_fail (CD_IS_DEVICE_MONITOR (self));

  self->timeout_ms = timeout_ms;
}

/**
 * cd_device_monitor_check:
 * @self: a #CdDeviceMonitor
 * @devices: (nullable) (element-type CdDevice): the devices to check,
 *   %NULL for all
 *
 * Starts a run in the background, unless one is running.
 *
 * Returns: %TRUE if a run started
 */
gboolean
cd_device_monitor_check (CdDeviceMonitor *self,
                         GPtrArray       *devices)
{
  g_return_val_if_fail (CD_IS_DEVICE_MONITOR (self), FALSE);

  if (self->cancellable != NULL)
    return FALSE;

  self->cancellable = g_cancellable_new ();
  cd_device_watcher_set_warning_days (self->watcher, cd_device_monitor_get_warning_days (self));
  cd_device_watcher_set_timeout (self->watcher, self->timeout_ms);
  cd_device_watcher_check_async (self->watcher, devices, self->cancellable, check_cb,
                                 g_object_ref (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);

  return TRUE;
}

/* Stops the run; what was checked by then is kept. */
void
cd_device_monitor_cancel (CdDeviceMonitor *self)
{
  g_return_if_fail (CD_IS_DEVICE_MONITOR (self));

  g_cancellable_cancel (self->cancellable);
}

gboolean
cd_device_monitor_get_running (CdDeviceMonitor *self)
{
  g_return_val_if_fail (CD_IS_DEVICE_MONITOR (self), FALSE);

  return self->cancellable != NULL;
}
