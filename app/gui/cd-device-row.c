/* cd-device-row.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* CdDeviceRow is one line of the Devices view: a device and its newest
 * check, if it was ever checked. Rows are immutable; a new check makes
 * a new row, which the list swaps in, so the cells bind again.
 */

#define G_LOG_DOMAIN "cd-device-row"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-device-row.h"

struct _CdDeviceRow
{
  GObject        parent_instance;

  CdDevice      *device;
  CdDeviceCheck *check;
};

G_DEFINE_FINAL_TYPE (CdDeviceRow, cd_device_row, G_TYPE_OBJECT)

static void
cd_device_row_dispose (GObject *object)
{
  CdDeviceRow *self = (CdDeviceRow *)object;

  g_clear_object (&self->device);
  g_clear_object (&self->check);

  G_OBJECT_CLASS (cd_device_row_parent_class)->dispose (object);
}

static void
cd_device_row_class_init (CdDeviceRowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = cd_device_row_dispose;
}

static void
cd_device_row_init (CdDeviceRow *self)
{
}

/**
 * cd_device_row_new:
 * @device: a device
 * @check: (nullable): its newest check, %NULL if it was never checked
 *
 * Returns: (transfer full): a new #CdDeviceRow
 */
CdDeviceRow *
cd_device_row_new (CdDevice      *device,
                   CdDeviceCheck *check)
{
  CdDeviceRow *self;

  g_return_val_if_fail (CD_IS_DEVICE (device), NULL);
  g_return_val_if_fail (!check || CD_IS_DEVICE_CHECK (check), NULL);

  self = g_object_new (CD_TYPE_DEVICE_ROW, NULL);
  self->device = g_object_ref (device);
  self->check = check != NULL ? g_object_ref (check) : NULL;

  return self;
}

CdDevice *
cd_device_row_get_device (CdDeviceRow *self)
{
  g_return_val_if_fail (CD_IS_DEVICE_ROW (self), NULL);

  return self->device;
}

/* (nullable): NULL for a device never checked. */
CdDeviceCheck *
cd_device_row_get_check (CdDeviceRow *self)
{
  g_return_val_if_fail (CD_IS_DEVICE_ROW (self), NULL);

  return self->check;
}

/**
 * cd_device_row_dup_address:
 * @self: a #CdDeviceRow
 *
 * Returns: (transfer full): "host:port", with the protocol spoken
 *   before TLS when there is one: "mail.example.com:25 (SMTP)"
 */
char *
cd_device_row_dup_address (CdDeviceRow *self)
{
  g_autofree char *address = NULL;
  g_autofree char *protocol = NULL;
  CdStarttls starttls;

  g_return_val_if_fail (CD_IS_DEVICE_ROW (self), NULL);

  address = cd_device_dup_address (self->device);
  starttls = cd_device_get_starttls (self->device);
  if (starttls == CD_STARTTLS_NONE)
    return g_steal_pointer (&address);

  protocol = g_ascii_strup (cd_starttls_to_id (starttls), -1);
  /* translators: a device's address and the protocol that starts TLS on it: "mail.example.com:25 (SMTP STARTTLS)" */
  return g_strdup_printf (_("%s (%s STARTTLS)"), address, protocol);
}
