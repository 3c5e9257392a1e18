/* cd-import-progress.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* CdImportProgress is the bar that slides in under the header while a
 * CdImportQueue works: which file, how far, and a button to cancel.
 */

#define G_LOG_DOMAIN "cd-import-progress"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-import-progress.h"

struct _CdImportProgress
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkButton      *cancel_button;
  GtkLabel       *label;
  GtkProgressBar *progress_bar;
  GtkRevealer    *revealer;

  /* Owned references */
  CdImportQueue  *queue;
  GSignalGroup   *queue_signals;
};

enum {
  PROP_0,
  PROP_QUEUE,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (CdImportProgress, cd_import_progress, GTK_TYPE_WIDGET)

static GParamSpec *properties [N_PROPS];

static void
update (CdImportProgress *self)
{
  g_autofree char *text = NULL;
  const char *name;
  guint position;
  guint n_files;

  g_assert (CD_IS_IMPORT_PROGRESS (self));

  if (self->queue == NULL || !cd_import_queue_get_busy (self->queue))
    {
      gtk_revealer_set_reveal_child (self->revealer, FALSE);
      return;
    }

  name = cd_import_queue_get_current_name (self->queue);
  position = cd_import_queue_get_position (self->queue);
  n_files = cd_import_queue_get_n_files (self->queue);

  if (name == NULL)
    name = "";

  if (cd_import_queue_get_waiting (self->queue))
    /* translators: %s is a file name, then "2 of 5": the file's number and how many there are */
    text = g_strdup_printf (_("Waiting for the password of %s (%u of %u)"), name, position, n_files);
  else
    /* translators: %s is a file name, then "2 of 5": the file's number and how many there are */
    text = g_strdup_printf (_("Importing %s (%u of %u)"), name, position, n_files);

  gtk_label_set_label (self->label, text);
  gtk_progress_bar_set_fraction (self->progress_bar, cd_import_queue_get_fraction (self->queue));
  gtk_revealer_set_reveal_child (self->revealer, TRUE);
}

static void
on_cancel_clicked_cb (CdImportProgress *self,
                      GtkButton        *button)
{
  g_assert (CD_IS_IMPORT_PROGRESS (self));

  if (self->queue != NULL)
    cd_import_queue_cancel (self->queue);
}

static void
cd_import_progress_dispose (GObject *object)
{
  CdImportProgress *self = (CdImportProgress *)object;

  g_signal_group_set_target (self->queue_signals, NULL);
  g_clear_object (&self->queue_signals);
  g_clear_object (&self->queue);

  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_IMPORT_PROGRESS);

  G_OBJECT_CLASS (cd_import_progress_parent_class)->dispose (object);
}

static void
cd_import_progress_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CdImportProgress *self = CD_IMPORT_PROGRESS (object);

  switch (prop_id)
    {
    case PROP_QUEUE:
      g_value_set_object (value, cd_import_progress_get_queue (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_import_progress_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  CdImportProgress *self = CD_IMPORT_PROGRESS (object);

  switch (prop_id)
    {
    case PROP_QUEUE:
      cd_import_progress_set_queue (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_import_progress_class_init (CdImportProgressClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_import_progress_dispose;
  object_class->get_property = cd_import_progress_get_property;
  object_class->set_property = cd_import_progress_set_property;

  properties[PROP_QUEUE] =
    g_param_spec_object ("queue", NULL, NULL,
                         CD_TYPE_IMPORT_QUEUE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/cd-import-progress.ui");
  gtk_widget_class_bind_template_child (widget_class, CdImportProgress, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CdImportProgress, label);
  gtk_widget_class_bind_template_child (widget_class, CdImportProgress, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, CdImportProgress, revealer);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);
}

static void
cd_import_progress_init (CdImportProgress *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->queue_signals = g_signal_group_new (CD_TYPE_IMPORT_QUEUE);
  g_signal_group_connect_object (self->queue_signals, "progress",
                                 G_CALLBACK (update), self,
                                 G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->queue_signals, "notify::busy",
                                 G_CALLBACK (update), self,
                                 G_CONNECT_SWAPPED);
}

/**
 * cd_import_progress_new:
 *
 * Returns: (transfer floating): a new #CdImportProgress, hidden until
 *   its queue has work
 */
GtkWidget *
cd_import_progress_new (void)
{
  return g_object_new (CD_TYPE_IMPORT_PROGRESS, NULL);
}

/**
 * cd_import_progress_get_queue:
 * @self: a #CdImportProgress
 *
 * Returns: (transfer none) (nullable): the queue shown
 */
CdImportQueue *
cd_import_progress_get_queue (CdImportProgress *self)
{
  g_return_val_if_fail (CD_IS_IMPORT_PROGRESS (self), NULL);

  return self->queue;
}

/**
 * cd_import_progress_set_queue:
 * @self: a #CdImportProgress
 * @queue: (nullable): the queue to show
 */
void
cd_import_progress_set_queue (CdImportProgress *self,
                              CdImportQueue    *queue)
{
  g_return_if_fail (CD_IS_IMPORT_PROGRESS (self));
  g_return_if_fail (!queue || CD_IS_IMPORT_QUEUE (queue));

  if (g_set_object (&self->queue, queue))
    {
      g_signal_group_set_target (self->queue_signals, queue);
      update (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUEUE]);
    }
}
