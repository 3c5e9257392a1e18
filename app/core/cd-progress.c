/* cd-progress.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Progress of work done in a GTask thread, handed to the main context of
 * whoever started it: the _async() functions promise their callers
 * progress on their own context, where they may touch widgets.
 */

#define G_LOG_DOMAIN "cd-progress"

#include "config.h"

#include "cd-progress-private.h"

typedef struct
{
  CdProgressFunc progress;
  gpointer       progress_data;
  double         fraction;
} ProgressReport;

static gboolean
deliver_progress (gpointer user_data)
{
  ProgressReport *report = user_data;

  report->progress (report->fraction, report->progress_data);

  return G_SOURCE_REMOVE;
}

/* Calls @progress with @fraction on @context, soon; from any thread. The
 * reports arrive in order, before the task's own completion callback,
 * which GTask queues on the same context afterwards.
 */
void
_cd_progress_post (GMainContext   *context,
                   CdProgressFunc  progress,
                   gpointer        progress_data,
                   double          fraction)
{
  ProgressReport *report;

  g_assert (context != NULL);
  g_assert (progress != NULL);

  report = g_new0 (ProgressReport, 1);
  report->progress = progress;
  report->progress_data = progress_data;
  report->fraction = fraction;
  g_main_context_invoke_full (context, G_PRIORITY_DEFAULT, deliver_progress, report, g_free);
}
