/* cd-devices-view.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* CdDevicesView is the "Devices" view of the window: the servers and
 * devices Certdesk watches, each with what it presented at its last
 * check (whose certificate, how long it has left, whether its chain and
 * device profile hold, or why it could not be reached). Checks run
 * through the window's CdDeviceMonitor, which updates the rows as each
 * device answers. Removing, undone from a toast, is in
 * cd-devices-view-remove.c and device lists as CSV files in
 * cd-devices-view-csv.c.
 */

#define G_LOG_DOMAIN "cd-devices-view"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-certificate.h"
#include "cd-device-add-dialog.h"
#include "cd-device-private.h"
#include "cd-device-cells-private.h"
#include "cd-devices-view-private.h"
#include "cd-devices.h"

#define DEFAULT_WARNING_DAYS 60

enum {
  PROP_0,
  PROP_N_ITEMS,
  N_PROPS
};

enum {
  DEVICE_ACTIVATED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (CdDevicesView, cd_devices_view, GTK_TYPE_WIDGET)

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

guint
_cd_devices_view_get_warning_days (CdDevicesView *self)
{
  if (self == NULL || self->monitor == NULL)
    return DEFAULT_WARNING_DAYS;

  return cd_device_monitor_get_warning_days (self->monitor);
}

/* The common name of what a device presented, for the Issued To
 * column. The check keeps the whole subject; the leaf is parsed once
 * per certificate, not at every bind.
 */
const char *
_cd_devices_view_get_subject_cn (CdDevicesView *self,
                                 CdDeviceCheck *check)
{
  const char *sha256 = cd_device_check_get_leaf_sha256 (check);
  GPtrArray *chain = cd_device_check_get_chain (check);
  g_autoptr(CdCertificate) leaf = NULL;
  const char *cn;

  if (sha256 == NULL || chain == NULL || chain->len == 0)
    return cd_device_check_get_subject (check);

  cn = g_hash_table_lookup (self->subject_cns, sha256);
  if (cn != NULL)
    return cn;

  leaf = _cd_device_describe_der (g_ptr_array_index (chain, 0));
  if (leaf == NULL)
    return cd_device_check_get_subject (check);

  cn = cd_certificate_get_subject_cn (leaf);
  if (cn == NULL || cn[0] == '\0')
    cn = cd_device_check_get_subject (check);
  g_hash_table_insert (self->subject_cns, g_strdup (sha256), g_strdup (cn));

  return g_hash_table_lookup (self->subject_cns, sha256);
}

void
_cd_devices_view_add_toast (CdDevicesView *self,
                            const char    *text)
{
  AdwToast *toast = adw_toast_new (text);

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static gboolean
is_removing (CdDevicesView *self,
             gint64         id)
{
  for (guint i = 0; i < self->removing->len; i++)
    {
      if (g_array_index (self->removing, gint64, i) == id)
        return TRUE;
    }

  return FALSE;
}

gboolean
_cd_devices_view_find_row (CdDevicesView *self,
                           gint64         id,
                           guint         *out_position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CdDeviceRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), i);

      if (cd_device_get_id (cd_device_row_get_device (row)) == id)
        {
          *out_position = i;
          return TRUE;
        }
    }

  return FALSE;
}

GPtrArray *
_cd_devices_view_dup_selected_rows (CdDevicesView *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_object_unref);
  GtkBitsetIter iter;
  guint position;

  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position);
       ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    g_ptr_array_add (rows, g_list_model_get_item (G_LIST_MODEL (self->rows), position));

  return rows;
}

static void
update_actions (CdDevicesView *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  gboolean has_rows = g_list_model_get_n_items (G_LIST_MODEL (self->rows)) > 0;
  gboolean running = self->monitor != NULL && cd_device_monitor_get_running (self->monitor);
  gboolean ready = self->database != NULL;

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "devices.add", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "devices.remove",
                                 ready && !gtk_bitset_is_empty (selected));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "devices.check",
                                 ready && has_rows && self->monitor != NULL && !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "devices.cancel", running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "devices.import-csv", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "devices.export-csv", ready && has_rows);
}

void
_cd_devices_view_update_stack (CdDevicesView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));

  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
  update_actions (self);
}

void
_cd_devices_view_notify_n_items (CdDevicesView *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
on_selection_changed_cb (CdDevicesView *self)
{
  update_actions (self);
}

static void
on_activate_cb (CdDevicesView *self,
                guint          position,
                GtkColumnView *column_view)
{
  g_autoptr(CdDeviceRow) row = NULL;

  g_assert (CD_IS_DEVICES_VIEW (self));

  row = g_list_model_get_item (G_LIST_MODEL (self->rows), position);
  if (row != NULL)
    g_signal_emit (self, signals[DEVICE_ACTIVATED], 0, row);
}

static void
on_device_added_cb (CdDevicesView     *self,
                    CdDevice          *device,
                    CdDeviceAddDialog *dialog)
{
  g_autoptr(GError) error = NULL;

  g_assert (CD_IS_DEVICES_VIEW (self));

  if (!cd_devices_view_reload (self, &error))
    _cd_devices_view_add_toast (self, error->message);
  cd_devices_view_select_device (self, cd_device_get_id (device));
}

static void
on_device_checked_cb (CdDevicesView   *self,
                      CdDeviceCheck   *check,
                      guint            done,
                      guint            total,
                      CdDeviceMonitor *monitor)
{
  g_autoptr(CdDeviceRow) row = NULL;
  g_autofree char *text = NULL;
  CdDevice *device = cd_device_check_get_device (check);
  guint position;

  g_assert (CD_IS_DEVICES_VIEW (self));

  /* translators: progress of a device check: "Checked 3 of 10 devices" */
  text = g_strdup_printf (ngettext ("Checked %u of %u device", "Checked %u of %u devices", total),
                          done, total);
  gtk_label_set_label (self->progress_label, text);
  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? (double)done / total : 1.0);

  if (!_cd_devices_view_find_row (self, cd_device_get_id (device), &position))
    return;

  /* Keep the row's device: it may have been edited since the run began. */
  {
    g_autoptr(CdDeviceRow) old = g_list_model_get_item (G_LIST_MODEL (self->rows), position);

    row = cd_device_row_new (cd_device_row_get_device (old), check);
  }

  /* Swapping the item keeps the selection of the other rows. */
  {
    gboolean selected = gtk_selection_model_is_selected (GTK_SELECTION_MODEL (self->selection),
                                                         position);

    g_list_store_splice (self->rows, position, 1, (gpointer *)&row, 1);
    if (selected)
      gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, FALSE);
  }
}

static void
on_running_changed_cb (CdDevicesView   *self,
                       GParamSpec      *pspec,
                       CdDeviceMonitor *monitor)
{
  gboolean running = cd_device_monitor_get_running (monitor);

  g_assert (CD_IS_DEVICES_VIEW (self));

  if (running)
    {
      gtk_label_set_label (self->progress_label, _("Connecting to the devices…"));
      gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
    }

  gtk_revealer_set_reveal_child (self->progress_revealer, running);
  update_actions (self);
}

static void
on_finished_cb (CdDevicesView   *self,
                const GError    *error,
                CdDeviceMonitor *monitor)
{
  g_assert (CD_IS_DEVICES_VIEW (self));

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _cd_devices_view_add_toast (self, _("Check stopped; the devices checked so far are up to date"));
  else if (error != NULL)
    _cd_devices_view_add_toast (self, error->message);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  cd_devices_view_add_device (CD_DEVICES_VIEW (widget));
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  cd_devices_view_remove_selected (CD_DEVICES_VIEW (widget));
}

static void
check_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  cd_devices_view_check_now (CD_DEVICES_VIEW (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CdDevicesView *self = CD_DEVICES_VIEW (widget);

  if (self->monitor != NULL)
    cd_device_monitor_cancel (self->monitor);
}

static void
cd_devices_view_dispose (GObject *object)
{
  CdDevicesView *self = (CdDevicesView *)object;

  /* A closing window is as good as the toast going away. */
  _cd_devices_view_commit_removals (self);
  self->undo_toast = NULL;

  if (self->file_chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->file_chooser));
      g_clear_object (&self->file_chooser);
    }

  cd_devices_view_set_monitor (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_DEVICES_VIEW);

  g_clear_object (&self->database);
  g_clear_pointer (&self->removing, g_array_unref);
  g_clear_pointer (&self->subject_cns, g_hash_table_unref);

  G_OBJECT_CLASS (cd_devices_view_parent_class)->dispose (object);
}

static void
cd_devices_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CdDevicesView *self = CD_DEVICES_VIEW (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, cd_devices_view_get_n_items (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_devices_view_class_init (CdDevicesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_devices_view_dispose;
  object_class->get_property = cd_devices_view_get_property;

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CdDevicesView::device-activated:
   * @self: a #CdDevicesView
   * @row: the #CdDeviceRow the user opened
   */
  signals[DEVICE_ACTIVATED] =
    g_signal_new ("device-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, CD_TYPE_DEVICE_ROW);

  gtk_widget_class_install_action (widget_class, "devices.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "devices.remove", NULL, remove_action);
  gtk_widget_class_install_action (widget_class, "devices.check", NULL, check_action);
  gtk_widget_class_install_action (widget_class, "devices.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "devices.import-csv", NULL, _cd_devices_view_import_csv_action);
  gtk_widget_class_install_action (widget_class, "devices.export-csv", NULL, _cd_devices_view_export_csv_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "devices.remove", NULL);

  g_type_ensure (CD_TYPE_DEVICE_ROW);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/cd-devices-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CdDevicesView, address_column);
  gtk_widget_class_bind_template_child (widget_class, CdDevicesView, chain_column);
  gtk_widget_class_bind_template_child (widget_class, CdDevicesView, checked_column);
  gtk_widget_class_bind_template_child (widget_class, CdDevicesView, column_view);
  gtk_widget_class_bind_template_child (widget_class, CdDevicesView, days_column);
  gtk_widget_class_bind_template_child (widget_class, CdDevicesView, error_column);
  gtk_widget_class_bind_template_child (widget_class, CdDevicesView, note_column);
  gtk_widget_class_bind_template_child (widget_class, CdDevicesView, profile_column);
  gtk_widget_class_bind_template_child (widget_class, CdDevicesView, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, CdDevicesView, progress_label);
  gtk_widget_class_bind_template_child (widget_class, CdDevicesView, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, CdDevicesView, rows);
  gtk_widget_class_bind_template_child (widget_class, CdDevicesView, selection);
  gtk_widget_class_bind_template_child (widget_class, CdDevicesView, stack);
  gtk_widget_class_bind_template_child (widget_class, CdDevicesView, subject_column);
  gtk_widget_class_bind_template_child (widget_class, CdDevicesView, toast_overlay);
  gtk_widget_class_bind_template_callback (widget_class, on_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_selection_changed_cb);
}

static void
cd_devices_view_init (CdDevicesView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->removing = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->subject_cns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  _cd_device_cells_set_factory (self->address_column, CD_DEVICE_COLUMN_ADDRESS, self);
  _cd_device_cells_set_factory (self->note_column, CD_DEVICE_COLUMN_NOTE, self);
  _cd_device_cells_set_factory (self->subject_column, CD_DEVICE_COLUMN_SUBJECT, self);
  _cd_device_cells_set_factory (self->days_column, CD_DEVICE_COLUMN_DAYS, self);
  _cd_device_cells_set_factory (self->chain_column, CD_DEVICE_COLUMN_CHAIN, self);
  _cd_device_cells_set_factory (self->profile_column, CD_DEVICE_COLUMN_PROFILE, self);
  _cd_device_cells_set_factory (self->checked_column, CD_DEVICE_COLUMN_CHECKED, self);
  _cd_device_cells_set_factory (self->error_column, CD_DEVICE_COLUMN_ERROR, self);

  _cd_devices_view_update_stack (self);
}

GtkWidget *
cd_devices_view_new (void)
{
  return g_object_new (CD_TYPE_DEVICES_VIEW, NULL);
}

/**
 * cd_devices_view_set_database:
 * @self: a #CdDevicesView
 * @database: (nullable): the database listing the devices
 *
 * Shows the devices of @database (call cd_devices_view_reload() to
 * read them).
 */
void
cd_devices_view_set_database (CdDevicesView *self,
                              CdDatabase    *database)
{
  g_return_if_fail (CD_IS_DEVICES_VIEW (self));
  g_return_if_fail (!database || CD_IS_DATABASE (database));

  _cd_devices_view_commit_removals (self);
  g_set_object (&self->database, database);
  update_actions (self);
}

/**
 * cd_devices_view_set_monitor:
 * @self: a #CdDevicesView
 * @monitor: (nullable): what runs the checks
 *
 * Check Now runs through @monitor, and the rows follow every check it
 * makes, timed or not.
 */
void
cd_devices_view_set_monitor (CdDevicesView   *self,
                             CdDeviceMonitor *monitor)
{
  g_return_if_fail (CD_IS_DEVICES_VIEW (self));
  g_return_if_fail (!monitor || CD_IS_DEVICE_MONITOR (monitor));

  if (self->monitor == monitor)
    return;

  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_set_object (&self->monitor, monitor);

  if (monitor != NULL)
    {
      g_signal_connect_object (monitor, "device-checked", G_CALLBACK (on_device_checked_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (monitor, "notify::running", G_CALLBACK (on_running_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (monitor, "finished", G_CALLBACK (on_finished_cb),
                               self, G_CONNECT_SWAPPED);
      gtk_revealer_set_reveal_child (self->progress_revealer,
                                     cd_device_monitor_get_running (monitor));
    }

  update_actions (self);
}

/**
 * cd_devices_view_reload:
 * @self: a #CdDevicesView
 * @error: a location for a #GError
 *
 * Reads the devices and their last checks again.
 *
 * Returns: %TRUE on success
 */
gboolean
cd_devices_view_reload (CdDevicesView  *self,
                        GError        **error)
{
  g_autoptr(GPtrArray) devices = NULL;
  g_autoptr(GHashTable) checks = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) selected = NULL;
  guint old_n_items;

  g_return_val_if_fail (CD_IS_DEVICES_VIEW (self), FALSE);

  if (self->database == NULL)
    return TRUE;

  devices = cd_devices_list (self->database, error);
  if (devices == NULL)
    return FALSE;
  checks = cd_devices_list_last_checks (self->database, FALSE, error);
  if (checks == NULL)
    return FALSE;

  rows = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < devices->len; i++)
    {
      CdDevice *device = g_ptr_array_index (devices, i);
      gint64 id = cd_device_get_id (device);

      if (!is_removing (self, id))
        g_ptr_array_add (rows, cd_device_row_new (device, g_hash_table_lookup (checks, &id)));
    }

  /* The selection is kept by device, across the new rows. */
  selected = _cd_devices_view_dup_selected_rows (self);
  old_n_items = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  g_list_store_splice (self->rows, 0, old_n_items, rows->pdata, rows->len);
  for (guint i = 0; i < selected->len; i++)
    {
      guint position;

      if (_cd_devices_view_find_row (self, cd_device_get_id (cd_device_row_get_device (g_ptr_array_index (selected, i))),
                    &position))
        gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, FALSE);
    }

  _cd_devices_view_update_stack (self);
  if (old_n_items != rows->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);

  return TRUE;
}

/**
 * cd_devices_view_get_model:
 * @self: a #CdDevicesView
 *
 * Returns: (transfer none): the #CdDeviceRow rows shown, as a selection
 */
GListModel *
cd_devices_view_get_model (CdDevicesView *self)
{
  g_return_val_if_fail (CD_IS_DEVICES_VIEW (self), NULL);

  return G_LIST_MODEL (self->selection);
}

guint
cd_devices_view_get_n_items (CdDevicesView *self)
{
  g_return_val_if_fail (CD_IS_DEVICES_VIEW (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->rows));
}

/**
 * cd_devices_view_select_device:
 * @self: a #CdDevicesView
 * @id: a device id
 *
 * Selects that device alone and brings its row into view.
 *
 * Returns: %TRUE if the device is listed
 */
gboolean
cd_devices_view_select_device (CdDevicesView *self,
                               gint64         id)
{
  guint position;

  g_return_val_if_fail (CD_IS_DEVICES_VIEW (self), FALSE);

  if (!_cd_devices_view_find_row (self, id, &position))
    return FALSE;

  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);

  /* On GTK 4.8 only the column view's inner list view scrolls to an item. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (gtk_widget_activate_action (child, "list.scroll-to-item", "u", position))
        break;
    }

  return TRUE;
}

/**
 * cd_devices_view_add_device:
 * @self: a #CdDevicesView
 *
 * Opens the dialog that adds a device, as Add Device… does.
 *
 * Returns: (transfer none) (nullable): the dialog
 */
GtkWindow *
cd_devices_view_add_device (CdDevicesView *self)
{
  GtkNative *native;
  CdDeviceAddDialog *dialog;

  g_return_val_if_fail (CD_IS_DEVICES_VIEW (self), NULL);

  if (self->database == NULL)
    return NULL;

  native = gtk_widget_get_native (GTK_WIDGET (self));
  dialog = cd_device_add_dialog_new (GTK_IS_WINDOW (native) ? GTK_WINDOW (native) : NULL,
                                     self->database);
  g_signal_connect_object (dialog, "added", G_CALLBACK (on_device_added_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));

  return GTK_WINDOW (dialog);
}

/**
 * cd_devices_view_check_now:
 * @self: a #CdDevicesView
 *
 * Checks every device listed, as Check Now does; the rows change as
 * each device answers.
 *
 * Returns: %TRUE if the check started (not when one is running)
 */
gboolean
cd_devices_view_check_now (CdDevicesView *self)
{
  g_autoptr(GPtrArray) devices = NULL;
  guint n;

  g_return_val_if_fail (CD_IS_DEVICES_VIEW (self), FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  if (self->monitor == NULL || n == 0)
    return FALSE;

  /* Only what is listed: devices waiting for their Undo are left out. */
  devices = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CdDeviceRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), i);

      g_ptr_array_add (devices, g_object_ref (cd_device_row_get_device (row)));
    }

  return cd_device_monitor_check (self->monitor, devices);
}
