/* cd-devices.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The "devices" and "device_checks" tables. A device is unique by host
 * and port; its checks are kept newest first, CD_DEVICES_KEPT_CHECKS of
 * them, so that watching a thousand devices every hour does not grow
 * the database without end.
 */

#define G_LOG_DOMAIN "cd-devices"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cd-database-private.h"
#include "cd-device-private.h"
#include "cd-devices.h"
#include "cd-errors.h"

#define DEVICE_COLUMNS "id, host, port, starttls, server_name, profile_id, note, added"

#define CHECK_COLUMNS \
  "device_id, checked_at, error, leaf_sha256, subject, not_after, chain_status," \
  " profile_status, tls_version, cipher, accepted_cas, client_cert_requested," \
  " verify_error, chain_der"

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup ((const char *)text) : NULL;
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *text)
{
  if (text != NULL && *text != '\0')
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

static CdDevice *
device_from_statement (sqlite3_stmt *stmt)
{
  CdDevice *device = _cd_device_new ();
  CdStarttls starttls = CD_STARTTLS_NONE;

  device->id = sqlite3_column_int64 (stmt, 0);
  device->host = column_dup (stmt, 1);
  device->port = sqlite3_column_int (stmt, 2);
  cd_starttls_from_id ((const char *)sqlite3_column_text (stmt, 3), &starttls);
  device->starttls = starttls;
  device->server_name = column_dup (stmt, 4);
  device->profile_id = column_dup (stmt, 5);
  device->note = column_dup (stmt, 6);
  device->added = sqlite3_column_int64 (stmt, 7);

  return device;
}

static CdDeviceCheck *
check_from_statement (CdDevice     *device,
                      sqlite3_stmt *stmt)
{
  CdDeviceCheck *check = _cd_device_check_new (device);
  const char *cas = (const char *)sqlite3_column_text (stmt, 10);

  check->checked_at = sqlite3_column_int64 (stmt, 1);
  check->error = column_dup (stmt, 2);
  check->leaf_sha256 = column_dup (stmt, 3);
  check->subject = column_dup (stmt, 4);
  check->not_after = sqlite3_column_int64 (stmt, 5);
  check->chain_status = column_dup (stmt, 6);
  check->profile_status = column_dup (stmt, 7);
  check->tls_version = column_dup (stmt, 8);
  check->cipher = column_dup (stmt, 9);
  if (cas != NULL && *cas != '\0')
    {
      g_strfreev (check->accepted_cas);
      check->accepted_cas = g_strsplit (cas, "\n", -1);
    }
  check->client_cert_requested = sqlite3_column_int (stmt, 11) != 0;
  check->verify_error = column_dup (stmt, 12);
  g_ptr_array_unref (check->chain);
  check->chain = _cd_device_chain_split (sqlite3_column_blob (stmt, 13),
                                         sqlite3_column_bytes (stmt, 13));

  return check;
}

static gboolean
validate (const char  *host,
          guint16      port,
          CdStarttls   starttls,
          GError     **error)
{
  if (host == NULL || *host == '\0' || strpbrk (host, " \t\r\n/?#@[]") != NULL ||
      !g_utf8_validate (host, -1, NULL))
    {
      g_set_error (error, CD_DEVICE_ERROR, CD_DEVICE_ERROR_INVALID,
                   _("“%s” is not a host name or IP address."), host != NULL ? host : "");
      return FALSE;
    }
  if (port == 0)
    {
      g_set_error_literal (error, CD_DEVICE_ERROR, CD_DEVICE_ERROR_INVALID,
                           _("The port must be a number from 1 to 65535."));
      return FALSE;
    }
  if (starttls > CD_STARTTLS_XMPP)
    {
      g_set_error_literal (error, CD_DEVICE_ERROR, CD_DEVICE_ERROR_INVALID,
                           _("The STARTTLS protocol must be none, smtp, imap, pop3, ldap or xmpp."));
      return FALSE;
    }

  return TRUE;
}

static CdDevice *
lookup (CdDatabase  *database,
        const char  *host,
        guint16      port,
        GError     **error)
{
  sqlite3_stmt *stmt;
  CdDevice *device = NULL;
  int rc;

  stmt = _cd_database_get_statement (database,
                                     "SELECT " DEVICE_COLUMNS " FROM devices"
                                     " WHERE host = ?1 COLLATE NOCASE AND port = ?2",
                                     error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, host, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, port);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    device = device_from_statement (stmt);
  else if (rc != SQLITE_DONE)
    _cd_database_set_error (database, error);
  sqlite3_reset (stmt);

  if (device == NULL && rc == SQLITE_DONE)
    g_set_error (error, CD_DEVICE_ERROR, CD_DEVICE_ERROR_NOT_FOUND,
                 _("No device is %s:%u. Run “certdesk-cli devices list” to see the devices."),
                 host, port);

  return device;
}

/**
 * cd_devices_add:
 * @database: a #CdDatabase
 * @host: a host name or IP address (IPv6 without brackets)
 * @port: the TCP port
 * @starttls: the protocol before TLS
 * @server_name: (nullable): the SNI name when it is not @host
 * @profile_id: (nullable): a device profile's id
 * @note: (nullable): free text
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the new device; %NULL with
 *   %CD_DEVICE_ERROR_EXISTS when the host and port are already there
 */
CdDevice *
cd_devices_add (CdDatabase  *database,
                const char  *host,
                guint16      port,
                CdStarttls   starttls,
                const char  *server_name,
                const char  *profile_id,
                const char  *note,
                GError     **error)
{
  g_autoptr(CdDevice) existing = NULL;
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CD_IS_DATABASE (database), NULL);

  if (!validate (host, port, starttls, error))
    return NULL;

  existing = lookup (database, host, port, &local_error);
  if (existing != NULL)
    {
      g_set_error (error, CD_DEVICE_ERROR, CD_DEVICE_ERROR_EXISTS,
                   _("%s:%u is already a device."), host, port);
      return NULL;
    }
  if (!g_error_matches (local_error, CD_DEVICE_ERROR, CD_DEVICE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  stmt = _cd_database_get_statement (database,
                                     "INSERT INTO devices (host, port, starttls, server_name,"
                                     " profile_id, note, added) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                                     error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, host, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, port);
  sqlite3_bind_text (stmt, 3, cd_starttls_to_id (starttls), -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 4, server_name);
  bind_text_or_null (stmt, 5, profile_id);
  bind_text_or_null (stmt, 6, note);
  sqlite3_bind_int64 (stmt, 7, g_get_real_time () / G_USEC_PER_SEC);
  if (!_cd_database_step_done (database, stmt, error))
    return NULL;

  return lookup (database, host, port, error);
}

/**
 * cd_devices_list:
 *
 * Returns: (transfer full) (element-type CdDevice) (nullable): every
 *   device, by host then port
 */
GPtrArray *
cd_devices_list (CdDatabase  *database,
                 GError     **error)
{
  g_autoptr(GPtrArray) devices = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CD_IS_DATABASE (database), NULL);

  stmt = _cd_database_get_statement (database,
                                     "SELECT " DEVICE_COLUMNS " FROM devices"
                                     " ORDER BY host COLLATE NOCASE, port",
                                     error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (devices, device_from_statement (stmt));
  if (rc != SQLITE_DONE)
    {
      _cd_database_set_error (database, error);
      sqlite3_reset (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);

  return g_steal_pointer (&devices);
}

/**
 * cd_devices_find:
 * @address: "host:port", or "host" when only one device has that host
 *
 * Returns: (transfer full) (nullable): the device
 */
CdDevice *
cd_devices_find (CdDatabase  *database,
                 const char  *address,
                 GError     **error)
{
  g_autoptr(GPtrArray) devices = NULL;
  g_autofree char *host = NULL;
  CdDevice *found = NULL;
  guint16 port = 0;
  guint matches = 0;

  g_return_val_if_fail (CD_IS_DATABASE (database), NULL);
  g_return_val_if_fail (address != NULL, NULL);

  if (!cd_tls_parse_address (address, 0, &host, &port, error))
    return NULL;
  if (port != 0)
    return lookup (database, host, port, error);

  devices = cd_devices_list (database, error);
  if (devices == NULL)
    return NULL;

  for (guint i = 0; i < devices->len; i++)
    {
      CdDevice *device = g_ptr_array_index (devices, i);

      if (g_ascii_strcasecmp (device->host, host) == 0)
        {
          found = device;
          matches++;
        }
    }

  if (matches == 1)
    return g_object_ref (found);

  if (matches == 0)
    g_set_error (error, CD_DEVICE_ERROR, CD_DEVICE_ERROR_NOT_FOUND,
                 _("No device is %s. Run “certdesk-cli devices list” to see the devices."), host);
  else
    g_set_error (error, CD_DEVICE_ERROR, CD_DEVICE_ERROR_NOT_FOUND,
                 _("Several devices are %s, on different ports. Give HOST:PORT."), host);

  return NULL;
}

/* Removing a device removes its checks (ON DELETE CASCADE). */
gboolean
cd_devices_remove (CdDatabase  *database,
                   gint64       id,
                   GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CD_IS_DATABASE (database), FALSE);

  stmt = _cd_database_get_statement (database, "DELETE FROM devices WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  if (!_cd_database_step_done (database, stmt, error))
    return FALSE;

  if (_cd_database_changes (database) == 0)
    {
      g_set_error_literal (error, CD_DEVICE_ERROR, CD_DEVICE_ERROR_NOT_FOUND,
                           _("The device is no longer in the list."));
      return FALSE;
    }

  return TRUE;
}

/* Sets the profile and the note; %NULL or "" clears them. */
gboolean
cd_devices_update (CdDatabase  *database,
                   gint64       id,
                   const char  *profile_id,
                   const char  *note,
                   GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CD_IS_DATABASE (database), FALSE);

  stmt = _cd_database_get_statement (database,
                                     "UPDATE devices SET profile_id = ?2, note = ?3 WHERE id = ?1",
                                     error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  bind_text_or_null (stmt, 2, profile_id);
  bind_text_or_null (stmt, 3, note);
  if (!_cd_database_step_done (database, stmt, error))
    return FALSE;

  if (_cd_database_changes (database) == 0)
    {
      g_set_error_literal (error, CD_DEVICE_ERROR, CD_DEVICE_ERROR_NOT_FOUND,
                           _("The device is no longer in the list."));
      return FALSE;
    }

  return TRUE;
}

static gboolean
insert_check (CdDatabase     *database,
              CdDeviceCheck  *check,
              GError        **error)
{
  g_autoptr(GBytes) blob = _cd_device_chain_join (check->chain);
  g_autofree char *cas = g_strjoinv ("\n", check->accepted_cas);
  sqlite3_stmt *stmt;

  stmt = _cd_database_get_statement (database,
                                     "INSERT INTO device_checks (" CHECK_COLUMNS ") VALUES"
                                     " (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                                     error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, check->device->id);
  sqlite3_bind_int64 (stmt, 2, check->checked_at);
  bind_text_or_null (stmt, 3, check->error);
  bind_text_or_null (stmt, 4, check->leaf_sha256);
  bind_text_or_null (stmt, 5, check->subject);
  if (check->leaf_sha256 != NULL)
    sqlite3_bind_int64 (stmt, 6, check->not_after);
  bind_text_or_null (stmt, 7, check->chain_status);
  bind_text_or_null (stmt, 8, check->profile_status);
  bind_text_or_null (stmt, 9, check->tls_version);
  bind_text_or_null (stmt, 10, check->cipher);
  bind_text_or_null (stmt, 11, cas);
  sqlite3_bind_int (stmt, 12, check->client_cert_requested);
  bind_text_or_null (stmt, 13, check->verify_error);
  if (g_bytes_get_size (blob) > 0)
    sqlite3_bind_blob (stmt, 14, g_bytes_get_data (blob, NULL), g_bytes_get_size (blob),
                       SQLITE_TRANSIENT);
  if (!_cd_database_step_done (database, stmt, error))
    return FALSE;

  stmt = _cd_database_get_statement (database,
                                     "DELETE FROM device_checks WHERE device_id = ?1 AND id NOT IN"
                                     " (SELECT id FROM device_checks WHERE device_id = ?1"
                                     "  ORDER BY checked_at DESC, id DESC LIMIT ?2)",
                                     error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, check->device->id);
  sqlite3_bind_int (stmt, 2, CD_DEVICES_KEPT_CHECKS);

  return _cd_database_step_done (database, stmt, error);
}

/**
 * cd_devices_record_checks:
 * @checks: (element-type CdDeviceCheck): checks of devices in the list
 *
 * Records them all in one transaction: a thousand devices cost one
 * write to disk, not a thousand. A device removed meanwhile is skipped.
 */
gboolean
cd_devices_record_checks (CdDatabase  *database,
                          GPtrArray   *checks,
                          GError     **error)
{
  g_return_val_if_fail (CD_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (checks != NULL, FALSE);

  if (checks->len == 0)
    return TRUE;

  if (!_cd_database_begin (database, error))
    return FALSE;

  for (guint i = 0; i < checks->len; i++)
    {
      g_autoptr(GError) local_error = NULL;

      if (!insert_check (database, g_ptr_array_index (checks, i), &local_error))
        {
          /* The foreign key of a removed device; not worth failing all. */
          if (g_error_matches (local_error, CD_DATABASE_ERROR, CD_DATABASE_ERROR_FAILED) &&
              strstr (local_error->message, "FOREIGN KEY") != NULL)
            continue;

          _cd_database_rollback (database);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  return _cd_database_commit (database, error);
}

/**
 * cd_devices_get_last_check:
 *
 * Returns: (transfer full) (nullable): the newest check of @device;
 *   %NULL without @error set when it was never checked
 */
CdDeviceCheck *
cd_devices_get_last_check (CdDatabase  *database,
                           CdDevice    *device,
                           GError     **error)
{
  CdDeviceCheck *check = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CD_IS_DATABASE (database), NULL);
  g_return_val_if_fail (CD_IS_DEVICE (device), NULL);

  stmt = _cd_database_get_statement (database,
                                     "SELECT " CHECK_COLUMNS " FROM device_checks"
                                     " WHERE device_id = ?1 ORDER BY checked_at DESC, id DESC LIMIT 1",
                                     error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, device->id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    check = check_from_statement (device, stmt);
  else if (rc != SQLITE_DONE)
    _cd_database_set_error (database, error);
  sqlite3_reset (stmt);

  return check;
}

/**
 * cd_devices_list_last_checks:
 *
 * The newest check of every device, in one query, for a list view or a
 * watcher run; with @with_certificate, the newest that got one (the
 * certificate before an outage).
 *
 * Returns: (transfer full) (nullable): device id (a #gint64 pointer) →
 *   #CdDeviceCheck; devices never checked are missing
 */
GHashTable *
cd_devices_list_last_checks (CdDatabase  *database,
                             gboolean     with_certificate,
                             GError     **error)
{
  g_autoptr(GHashTable) checks = NULL;
  g_autoptr(GHashTable) devices = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) list = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CD_IS_DATABASE (database), NULL);

  list = cd_devices_list (database, error);
  if (list == NULL)
    return NULL;
  for (guint i = 0; i < list->len; i++)
    {
      CdDevice *device = g_ptr_array_index (list, i);

      g_hash_table_insert (devices, &device->id, device);
    }

  if (with_certificate)
    stmt = _cd_database_get_statement (database,
                                       "SELECT " CHECK_COLUMNS " FROM device_checks c"
                                       " WHERE c.id = (SELECT id FROM device_checks"
                                       "  WHERE device_id = c.device_id AND leaf_sha256 IS NOT NULL"
                                       "  ORDER BY checked_at DESC, id DESC LIMIT 1)",
                                       error);
  else
    stmt = _cd_database_get_statement (database,
                                       "SELECT " CHECK_COLUMNS " FROM device_checks c"
                                       " WHERE c.id = (SELECT id FROM device_checks"
                                       "  WHERE device_id = c.device_id"
                                       "  ORDER BY checked_at DESC, id DESC LIMIT 1)",
                                       error);
  if (stmt == NULL)
    return NULL;

  checks = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 device_id = sqlite3_column_int64 (stmt, 0);
      CdDevice *device = g_hash_table_lookup (devices, &device_id);
      CdDeviceCheck *check;

      if (device == NULL)
        continue;
      check = check_from_statement (device, stmt);
      /* The key lives in the check's own device. */
      g_hash_table_insert (checks, &check->device->id, check);
    }
  if (rc != SQLITE_DONE)
    {
      _cd_database_set_error (database, error);
      sqlite3_reset (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);

  return g_steal_pointer (&checks);
}
