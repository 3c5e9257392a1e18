/* cd-devices-view-remove.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Removing devices from CdDevicesView: they leave the list at once,
 * with a toast to undo it, and the database only when the toast goes.
 */

#define G_LOG_DOMAIN "cd-devices-view"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-device-row.h"
#include "cd-devices.h"
#include "cd-devices-view-private.h"
#include "cd-errors.h"

/* The devices hidden by Remove leave the database for good. */
void
_cd_devices_view_commit_removals (CdDevicesView *self)
{
  for (guint i = 0; i < self->removing->len; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 id = g_array_index (self->removing, gint64, i);

      if (self->database != NULL && !cd_devices_remove (self->database, id, &error) &&
          !g_error_matches (error, CD_DEVICE_ERROR, CD_DEVICE_ERROR_NOT_FOUND))
        g_warning ("Could not remove device %" G_GINT64_FORMAT ": %s", id, error->message);
    }

  g_array_set_size (self->removing, 0);
}

static void
on_undo_dismissed_cb (CdDevicesView *self,
                      AdwToast      *toast)
{
  g_assert (CD_IS_DEVICES_VIEW (self));

  if (self->undo_toast != toast)
    return;

  self->undo_toast = NULL;
  _cd_devices_view_commit_removals (self);
}

static void
on_undo_clicked_cb (CdDevicesView *self,
                    AdwToast      *toast)
{
  g_autoptr(GError) error = NULL;

  g_assert (CD_IS_DEVICES_VIEW (self));

  self->undo_toast = NULL;
  g_array_set_size (self->removing, 0);
  if (!cd_devices_view_reload (self, &error))
    _cd_devices_view_add_toast (self, error->message);
}

/**
 * cd_devices_view_remove_selected:
 * @self: a #CdDevicesView
 *
 * Takes the selected devices out of the list, with a toast to undo it;
 * they leave the database when the toast goes.
 */
void
cd_devices_view_remove_selected (CdDevicesView *self)
{
  g_autoptr(GPtrArray) selected = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  g_return_if_fail (CD_IS_DEVICES_VIEW (self));

  selected = _cd_devices_view_dup_selected_rows (self);
  if (selected->len == 0)
    return;

  /* A second removal makes the first final: one Undo, one removal. */
  if (self->undo_toast != NULL)
    {
      AdwToast *old = g_steal_pointer (&self->undo_toast);

      _cd_devices_view_commit_removals (self);
      adw_toast_dismiss (old);
    }

  for (guint i = 0; i < selected->len; i++)
    {
      CdDevice *device = cd_device_row_get_device (g_ptr_array_index (selected, i));
      gint64 id = cd_device_get_id (device);
      guint position;

      g_array_append_val (self->removing, id);
      if (_cd_devices_view_find_row (self, id, &position))
        g_list_store_remove (self->rows, position);
    }

  if (selected->len == 1)
    {
      g_autofree char *address = cd_device_row_dup_address (g_ptr_array_index (selected, 0));

      /* translators: %s is a device's address */
      title = g_strdup_printf (_("Removed %s"), address);
    }
  else
    {
      title = g_strdup_printf (ngettext ("Removed %u device", "Removed %u devices", selected->len),
                               selected->len);
    }

  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_undo_dismissed_cb), self,
                           G_CONNECT_SWAPPED);
  self->undo_toast = toast;
  adw_toast_overlay_add_toast (self->toast_overlay, toast);

  _cd_devices_view_update_stack (self);
  _cd_devices_view_notify_n_items (self);
}
