/* cd-import-queue.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* CdImportQueue drives an import of many files, one after the other,
 * through the importer's worker thread. An item may also be data held
 * in memory, such as text pasted from the clipboard. It asks for a password when a
 * file needs one (and again when the answer was wrong), merges the
 * results and collects the failures, and tells whoever shows it how far
 * it got. It uses GIO only, so its logic can be tested without a window.
 */

#define G_LOG_DOMAIN "cd-import-queue"

#include "config.h"

#include <string.h>

#include "cd-errors.h"
#include "cd-import-queue.h"
#include "cd-importer.h"

/* Exactly one of @file and @data is set. */
typedef struct
{
  GFile       *file;
  GBytes      *data;
  char        *display_name;
  char        *password;
  CdStoreKind  kind;
} Entry;

struct _CdImportQueue
{
  GObject         parent_instance;

  /* Owned references */
  CdImporter     *importer;
  GQueue          pending;        /* Entry *, not started yet */
  Entry          *current;        /* importing, or waiting for a password */
  GCancellable   *cancellable;    /* of the current run, NULL when idle */
  CdImportResult *result;         /* merged over the run */
  GPtrArray      *failures;       /* GError *, one per file that failed */

  guint           position;       /* 1-based index of the current file in the run */
  guint           n_files;        /* files added since the run started */
  double          file_fraction;  /* progress inside the current file */
  guint           waiting : 1;    /* a password was asked for, no answer yet */
  guint           cancelled : 1;
};

enum {
  PROP_0,
  PROP_IMPORTER,
  PROP_BUSY,
  N_PROPS
};

enum {
  PROGRESS,
  PASSWORD_REQUESTED,
  FINISHED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (CdImportQueue, cd_import_queue, G_TYPE_OBJECT)

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static void import_current (CdImportQueue *self);

/* Passwords do not linger in freed memory longer than needed. */
static void
clear_password (char **password)
{
  if (*password != NULL)
    {
      volatile char *p = *password;

      while (*p != '\0')
        *p++ = '\0';
      g_clear_pointer (password, g_free);
    }
}

static void
entry_free (Entry *entry)
{
  g_clear_object (&entry->file);
  g_clear_pointer (&entry->data, g_bytes_unref);
  g_clear_pointer (&entry->display_name, g_free);
  clear_password (&entry->password);
  g_free (entry);
}

static char *
dup_display_name (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *basename = NULL;

  if (path != NULL)
    return g_filename_display_basename (path);

  basename = g_file_get_basename (file);
  if (basename != NULL)
    return g_filename_display_name (basename);

  return g_file_get_uri (file);
}

static void
emit_progress (CdImportQueue *self)
{
  g_assert (CD_IS_IMPORT_QUEUE (self));

  g_signal_emit (self, signals[PROGRESS], 0);
}

static void
finish_run (CdImportQueue *self)
{
  g_autoptr(CdImportResult) result = NULL;
  g_autoptr(GPtrArray) failures = NULL;
  gboolean cancelled;

  g_assert (CD_IS_IMPORT_QUEUE (self));
  g_assert (self->current == NULL);

  result = g_steal_pointer (&self->result);
  failures = g_steal_pointer (&self->failures);
  cancelled = self->cancelled;

  g_queue_clear_full (&self->pending, (GDestroyNotify)entry_free);
  g_clear_object (&self->cancellable);
  self->position = 0;
  self->n_files = 0;
  self->file_fraction = 0.0;
  self->waiting = FALSE;
  self->cancelled = FALSE;

  /* Reset before telling anyone, so that a handler may start a new run. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  g_signal_emit (self, signals[FINISHED], 0, result, failures, cancelled);
}

static void
start_next (CdImportQueue *self)
{
  g_assert (CD_IS_IMPORT_QUEUE (self));
  g_assert (self->current == NULL);

  if (self->cancelled || g_queue_is_empty (&self->pending))
    {
      finish_run (self);
      return;
    }

  self->current = g_queue_pop_head (&self->pending);
  self->position++;
  self->file_fraction = 0.0;
  emit_progress (self);

  import_current (self);
}

static void
advance (CdImportQueue *self)
{
  g_assert (CD_IS_IMPORT_QUEUE (self));

  g_clear_pointer (&self->current, entry_free);
  start_next (self);
}

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  CdImportQueue *self = user_data;

  g_assert (CD_IS_IMPORT_QUEUE (self));

  if (self->current == NULL)
    return;

  self->file_fraction = CLAMP (fraction, 0.0, 1.0);
  emit_progress (self);
}

static void
import_cb (GObject      *object,
           GAsyncResult *res,
           gpointer      user_data)
{
  g_autoptr(CdImportQueue) self = user_data;
  g_autoptr(CdImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean handled = FALSE;
  gboolean was_wrong;

  g_assert (CD_IS_IMPORT_QUEUE (self));
  g_assert (self->current != NULL);

  if (self->current->file != NULL)
    result = cd_importer_import_file_finish (CD_IMPORTER (object), res, &error);
  else
    result = cd_importer_import_bytes_finish (CD_IMPORTER (object), res, &error);

  if (result != NULL)
    {
      cd_import_result_merge (self->result, result);
      advance (self);
      return;
    }

  if (self->cancelled || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      self->cancelled = TRUE;
      advance (self);
      return;
    }

  if (g_error_matches (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_NEEDS_PASSWORD) ||
      g_error_matches (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_BAD_PASSWORD))
    {
      /* Only a password the user typed can be "wrong"; a file whose
       * empty password did not work is asked for the first time.
       */
      was_wrong = self->current->password != NULL;
      self->waiting = TRUE;
      emit_progress (self);
      g_signal_emit (self, signals[PASSWORD_REQUESTED], 0,
                     self->current->file, self->current->display_name, was_wrong,
                     &handled);

      /* The handler may have answered already, from inside the emission. */
      if (handled || !self->waiting)
        return;

      /* Nobody can ask the user: the file fails with the importer's message. */
      self->waiting = FALSE;
    }

  g_ptr_array_add (self->failures, g_steal_pointer (&error));
  advance (self);
}

static void
import_current (CdImportQueue *self)
{
  g_assert (CD_IS_IMPORT_QUEUE (self));
  g_assert (self->current != NULL);

  if (self->current->file != NULL)
    cd_importer_import_file_async (self->importer,
                                   self->current->file,
                                   self->current->password,
                                   self->current->kind,
                                   progress_cb,
                                   self,
                                   self->cancellable,
                                   import_cb,
                                   g_object_ref (self));
  else
    cd_importer_import_bytes_async (self->importer,
                                    self->current->data,
                                    self->current->display_name,
                                    self->current->password,
                                    self->current->kind,
                                    progress_cb,
                                    self,
                                    self->cancellable,
                                    import_cb,
                                    g_object_ref (self));
}

static void
push_entry (CdImportQueue *self,
            Entry         *entry)
{
  gboolean was_busy;

  g_assert (CD_IS_IMPORT_QUEUE (self));
  g_assert (entry != NULL);

  was_busy = cd_import_queue_get_busy (self);

  g_queue_push_tail (&self->pending, entry);
  self->n_files++;

  if (was_busy)
    {
      emit_progress (self);
      return;
    }

  self->result = cd_import_result_new ();
  self->failures = g_ptr_array_new_with_free_func ((GDestroyNotify)g_error_free);
  self->cancellable = g_cancellable_new ();
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);

  start_next (self);
}

static void
cd_import_queue_dispose (GObject *object)
{
  CdImportQueue *self = (CdImportQueue *)object;

  /* An import in flight holds a reference, so nothing is running here. */
  g_queue_clear_full (&self->pending, (GDestroyNotify)entry_free);
  g_clear_pointer (&self->current, entry_free);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->importer);

  G_OBJECT_CLASS (cd_import_queue_parent_class)->dispose (object);
}

static void
cd_import_queue_finalize (GObject *object)
{
  CdImportQueue *self = (CdImportQueue *)object;

  g_clear_pointer (&self->result, cd_import_result_unref);
  g_clear_pointer (&self->failures, g_ptr_array_unref);

  G_OBJECT_CLASS (cd_import_queue_parent_class)->finalize (object);
}

static void
cd_import_queue_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CdImportQueue *self = CD_IMPORT_QUEUE (object);

  switch (prop_id)
    {
    case PROP_IMPORTER:
      g_value_set_object (value, cd_import_queue_get_importer (self));
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, cd_import_queue_get_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_import_queue_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CdImportQueue *self = CD_IMPORT_QUEUE (object);

  switch (prop_id)
    {
    case PROP_IMPORTER:
      self->importer = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_import_queue_class_init (CdImportQueueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cd_import_queue_dispose;
  object_class->finalize = cd_import_queue_finalize;
  object_class->get_property = cd_import_queue_get_property;
  object_class->set_property = cd_import_queue_set_property;

  properties[PROP_IMPORTER] =
    g_param_spec_object ("importer", NULL, NULL,
                         CD_TYPE_IMPORTER,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * CdImportQueue:busy:
   *
   * Whether files are being imported or wait for a password.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CdImportQueue::progress:
   * @self: a #CdImportQueue
   *
   * Emitted when a file starts and as it goes on; read the position,
   * the number of files, the fraction and the current name.
   */
  signals[PROGRESS] =
    g_signal_new ("progress",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * CdImportQueue::password-requested:
   * @self: a #CdImportQueue
   * @file: (nullable): the file that needs a password, or %NULL for
   *   data added with cd_import_queue_add_bytes()
   * @display_name: its name, for the user
   * @was_wrong: %TRUE if the last password given for @file was wrong
   *
   * Emitted when a file is encrypted. A handler that returns %TRUE
   * promises to call cd_import_queue_answer_password() later; if none
   * does, the file counts as failed.
   *
   * Returns: %TRUE if the request was taken
   */
  signals[PASSWORD_REQUESTED] =
    g_signal_new ("password-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  g_signal_accumulator_true_handled, NULL,
                  NULL,
                  G_TYPE_BOOLEAN,
                  3,
                  G_TYPE_FILE,
                  G_TYPE_STRING,
                  G_TYPE_BOOLEAN);

  /**
   * CdImportQueue::finished:
   * @self: a #CdImportQueue
   * @result: a #CdImportResult merged over every file imported
   * @failures: (element-type GError): one error per file that failed
   * @cancelled: whether the user cancelled the rest
   *
   * Emitted once the last file was handled or the import was cancelled.
   */
  signals[FINISHED] =
    g_signal_new ("finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE,
                  3,
                  CD_TYPE_IMPORT_RESULT | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_PTR_ARRAY | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_BOOLEAN);
}

static void
cd_import_queue_init (CdImportQueue *self)
{
  g_queue_init (&self->pending);
}

/**
 * cd_import_queue_new:
 * @importer: the importer that does the work
 *
 * Returns: (transfer full): a new, idle #CdImportQueue
 */
CdImportQueue *
cd_import_queue_new (CdImporter *importer)
{
  g_return_val_if_fail (CD_IS_IMPORTER (importer), NULL);

  return g_object_new (CD_TYPE_IMPORT_QUEUE,
                       "importer", importer,
                       NULL);
}

/**
 * cd_import_queue_get_importer:
 * @self: a #CdImportQueue
 *
 * Returns: (transfer none): the importer
 */
CdImporter *
cd_import_queue_get_importer (CdImportQueue *self)
{
  g_return_val_if_fail (CD_IS_IMPORT_QUEUE (self), NULL);

  return self->importer;
}

/**
 * cd_import_queue_add:
 * @self: a #CdImportQueue
 * @file: a file to import
 * @kind: the store to put it in, or %CD_STORE_KIND_AUTO
 *
 * Adds @file to the end of the queue. An idle queue starts at once; a
 * busy one takes the file into the run that is going on.
 */
void
cd_import_queue_add (CdImportQueue *self,
                     GFile         *file,
                     CdStoreKind    kind)
{
  cd_import_queue_add_with_password (self, file, kind, NULL);
}

/**
 * cd_import_queue_add_with_password:
 * @self: a #CdImportQueue
 * @file: a file to import
 * @kind: the store to put it in, or %CD_STORE_KIND_AUTO
 * @password: (nullable): the password the user already gave for @file
 *
 * Like cd_import_queue_add(), for a file whose password the user typed
 * moments ago (to open it): they are not asked a second time. A wrong
 * @password is asked again as usual.
 */
void
cd_import_queue_add_with_password (CdImportQueue *self,
                                   GFile         *file,
                                   CdStoreKind    kind,
                                   const char    *password)
{
  Entry *entry;

  g_return_if_fail (CD_IS_IMPORT_QUEUE (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (kind >= CD_STORE_KIND_AUTO && kind < CD_N_STORE_KINDS);

  entry = g_new0 (Entry, 1);
  entry->file = g_object_ref (file);
  entry->display_name = dup_display_name (file);
  entry->password = g_strdup (password);
  entry->kind = kind;

  push_entry (self, entry);
}

/**
 * cd_import_queue_add_bytes:
 * @self: a #CdImportQueue
 * @data: what to import, such as text pasted from the clipboard
 * @display_name: a name for @data in messages, such as “Clipboard”
 * @kind: the store to put it in, or %CD_STORE_KIND_AUTO
 *
 * Like cd_import_queue_add(), for data already in memory. @data is
 * never written to disk, so a pasted private key only reaches the
 * keyring.
 */
void
cd_import_queue_add_bytes (CdImportQueue *self,
                           GBytes        *data,
                           const char    *display_name,
                           CdStoreKind    kind)
{
  Entry *entry;

  g_return_if_fail (CD_IS_IMPORT_QUEUE (self));
  g_return_if_fail (data != NULL);
  g_return_if_fail (display_name != NULL);
  g_return_if_fail (kind >= CD_STORE_KIND_AUTO && kind < CD_N_STORE_KINDS);

  entry = g_new0 (Entry, 1);
  entry->data = g_bytes_ref (data);
  entry->display_name = g_strdup (display_name);
  entry->kind = kind;

  push_entry (self, entry);
}

/**
 * cd_import_queue_get_busy:
 * @self: a #CdImportQueue
 *
 * Returns: %TRUE while a run is going on
 */
gboolean
cd_import_queue_get_busy (CdImportQueue *self)
{
  g_return_val_if_fail (CD_IS_IMPORT_QUEUE (self), FALSE);

  return self->current != NULL || !g_queue_is_empty (&self->pending);
}

/**
 * cd_import_queue_get_position:
 * @self: a #CdImportQueue
 *
 * Returns: the 1-based number of the file being imported, 0 when idle
 */
guint
cd_import_queue_get_position (CdImportQueue *self)
{
  g_return_val_if_fail (CD_IS_IMPORT_QUEUE (self), 0);

  return self->position;
}

/**
 * cd_import_queue_get_n_files:
 * @self: a #CdImportQueue
 *
 * Returns: how many files the current run has, 0 when idle
 */
guint
cd_import_queue_get_n_files (CdImportQueue *self)
{
  g_return_val_if_fail (CD_IS_IMPORT_QUEUE (self), 0);

  return self->n_files;
}

/**
 * cd_import_queue_get_fraction:
 * @self: a #CdImportQueue
 *
 * Returns: how much of the whole run is done, from 0 to 1
 */
double
cd_import_queue_get_fraction (CdImportQueue *self)
{
  g_return_val_if_fail (CD_IS_IMPORT_QUEUE (self), 0.0);

  if (self->n_files == 0 || self->position == 0)
    return 0.0;

  return ((self->position - 1) + self->file_fraction) / self->n_files;
}

/**
 * cd_import_queue_get_current_name:
 * @self: a #CdImportQueue
 *
 * Returns: (transfer none) (nullable): the display name of the file
 *   being imported, or %NULL when idle
 */
const char *
cd_import_queue_get_current_name (CdImportQueue *self)
{
  g_return_val_if_fail (CD_IS_IMPORT_QUEUE (self), NULL);

  return self->current != NULL ? self->current->display_name : NULL;
}

/**
 * cd_import_queue_get_waiting:
 * @self: a #CdImportQueue
 *
 * Returns: %TRUE while the queue waits for cd_import_queue_answer_password()
 */
gboolean
cd_import_queue_get_waiting (CdImportQueue *self)
{
  g_return_val_if_fail (CD_IS_IMPORT_QUEUE (self), FALSE);

  return self->waiting;
}

/**
 * cd_import_queue_answer_password:
 * @self: a #CdImportQueue
 * @password: (nullable): the password, or %NULL to skip the file
 *
 * Answers #CdImportQueue::password-requested: the file is tried again
 * with @password, or left out when @password is %NULL.
 */
void
cd_import_queue_answer_password (CdImportQueue *self,
                                 const char    *password)
{
  g_return_if_fail (CD_IS_IMPORT_QUEUE (self));
  g_return_if_fail (self->waiting);
  g_return_if_fail (self->current != NULL);

  self->waiting = FALSE;

  if (password == NULL)
    {
      g_debug ("Skipping %s, no password given", self->current->display_name);
      advance (self);
      return;
    }

  clear_password (&self->current->password);
  self->current->password = g_strdup (password);
  self->file_fraction = 0.0;
  emit_progress (self);

  import_current (self);
}

/**
 * cd_import_queue_cancel:
 * @self: a #CdImportQueue
 *
 * Stops the run: the file being imported is abandoned (the importer
 * leaves nothing half-imported) and the files after it are dropped.
 * What was imported before stays. #CdImportQueue::finished is emitted
 * with @cancelled set, possibly later, once the worker has stopped.
 */
void
cd_import_queue_cancel (CdImportQueue *self)
{
  g_return_if_fail (CD_IS_IMPORT_QUEUE (self));

  if (!cd_import_queue_get_busy (self) || self->cancelled)
    return;

  self->cancelled = TRUE;
  g_queue_clear_full (&self->pending, (GDestroyNotify)entry_free);
  g_cancellable_cancel (self->cancellable);

  /* Nothing runs while waiting for a password, so finish right away. */
  if (self->waiting)
    {
      self->waiting = FALSE;
      advance (self);
    }
}
