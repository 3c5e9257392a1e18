/* cd-devices-csv.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The device list as CSV, for admins who keep their inventory in a
 * spreadsheet. Columns: host, port, starttls, server_name, profile,
 * note; a header line is optional on import and always written on
 * export. Reading follows RFC 4180 (quotes, doubled quotes, commas and
 * line breaks inside quotes, CR LF or LF) and also takes the semicolons
 * spreadsheets write in locales with a decimal comma. There is no CSV
 * library in our stack, and this is all the format has.
 */

#define G_LOG_DOMAIN "cd-devices"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cd-database-private.h"
#include "cd-devices.h"
#include "cd-errors.h"

/* An inventory is a few thousand lines; refuse what cannot be one. */
#define MAX_CSV_SIZE (16 * 1024 * 1024)

static const char * const columns[] = {
  "host", "port", "starttls", "server_name", "profile", "note",
};

typedef struct
{
  GPtrArray *fields;   /* char * */
  guint      line;     /* where the record starts, from 1 */
} Record;

static void
record_free (Record *record)
{
  g_ptr_array_unref (record->fields);
  g_free (record);
}

static char
guess_separator (const char *text)
{
  guint commas = 0;
  guint semicolons = 0;
  gboolean quoted = FALSE;

  for (const char *p = text; *p != '\0' && (quoted || (*p != '\n' && *p != '\r')); p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (!quoted && *p == ',')
        commas++;
      else if (!quoted && *p == ';')
        semicolons++;
    }

  return semicolons > commas ? ';' : ',';
}

static GPtrArray *
parse_csv (const char  *text,
           const char  *display,
           GError     **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify)record_free);
  g_autoptr(GString) field = g_string_new (NULL);
  Record *record = NULL;
  char separator = guess_separator (text);
  gboolean quoted = FALSE;
  gboolean was_quoted = FALSE;
  guint line = 1;
  const char *p = text;

  for (;; p++)
    {
      char c = *p;

      if (record == NULL)
        {
          record = g_new0 (Record, 1);
          record->fields = g_ptr_array_new_with_free_func (g_free);
          record->line = line;
        }

      if (quoted)
        {
          if (c == '\0')
            {
              g_set_error (error, CD_DEVICE_ERROR, CD_DEVICE_ERROR_CSV,
                           _("“%s”, line %u: a quoted field is never closed."),
                           display, record->line);
              record_free (record);
              return NULL;
            }
          if (c == '"' && p[1] == '"')
            {
              g_string_append_c (field, '"');
              p++;
            }
          else if (c == '"')
            {
              quoted = FALSE;
            }
          else
            {
              if (c == '\n')
                line++;
              g_string_append_c (field, c);
            }
          continue;
        }

      if (c == '"' && field->len == 0 && !was_quoted)
        {
          quoted = was_quoted = TRUE;
          continue;
        }

      if (c == separator || c == '\n' || c == '\r' || c == '\0')
        {
          g_ptr_array_add (record->fields, g_strdup (was_quoted ? field->str
                                                                : g_strstrip (field->str)));
          g_string_truncate (field, 0);
          was_quoted = FALSE;

          if (c == separator)
            continue;

          if (c == '\r' && p[1] == '\n')
            p++;
          line++;

          /* Blank lines are no records. */
          if (record->fields->len == 1 && *(char *)g_ptr_array_index (record->fields, 0) == '\0')
            record_free (record);
          else
            g_ptr_array_add (records, record);
          record = NULL;

          if (c == '\0' || p[1] == '\0')
            break;
          continue;
        }

      g_string_append_c (field, c);
    }

  if (record != NULL)
    record_free (record);

  return g_steal_pointer (&records);
}

static const char *
field_at (Record *record,
          guint   index)
{
  return index < record->fields->len ? g_ptr_array_index (record->fields, index) : "";
}

/* A row's device, or an error naming the file and line. */
static gboolean
read_record (Record      *record,
             const char  *display,
             char       **out_host,
             guint16     *out_port,
             CdStarttls  *out_starttls,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *starttls_id = field_at (record, 2);
  const char *port_text = field_at (record, 1);
  CdStarttls starttls = CD_STARTTLS_NONE;
  guint16 port = 0;

  if (*starttls_id != '\0' && !cd_starttls_from_id (starttls_id, &starttls))
    {
      g_set_error (error, CD_DEVICE_ERROR, CD_DEVICE_ERROR_CSV,
                   _("“%s”, line %u: “%s” is not a STARTTLS protocol; give none, smtp, imap, "
                     "pop3, ldap or xmpp."),
                   display, record->line, starttls_id);
      return FALSE;
    }

  /* "host:port" in the first column works as well as two columns. */
  if (!cd_tls_parse_address (field_at (record, 0), cd_starttls_get_default_port (starttls),
                             out_host, &port, &local_error))
    {
      g_set_error (error, CD_DEVICE_ERROR, CD_DEVICE_ERROR_CSV,
                   "“%s”, line %u: %s", display, record->line, local_error->message);
      return FALSE;
    }

  if (*port_text != '\0')
    {
      guint64 value;

      if (!g_ascii_string_to_unsigned (port_text, 10, 1, 65535, &value, NULL))
        {
          g_clear_pointer (out_host, g_free);
          g_set_error (error, CD_DEVICE_ERROR, CD_DEVICE_ERROR_CSV,
                       _("“%s”, line %u: “%s” is not a port; give a number from 1 to 65535."),
                       display, record->line, port_text);
          return FALSE;
        }
      port = value;
    }

  *out_port = port;
  *out_starttls = starttls;
  return TRUE;
}

/**
 * cd_devices_import_csv:
 * @out_added: (out) (optional): how many devices were added
 * @out_existing: (out) (optional): how many were already there (left as
 *   they are)
 *
 * Adds the devices of a CSV file, all or none: a line that does not
 * parse fails the import with its line number, and nothing is added.
 */
gboolean
cd_devices_import_csv (CdDatabase  *database,
                       GFile       *file,
                       guint       *out_added,
                       guint       *out_existing,
                       GError     **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *display = NULL;
  gsize length = 0;
  guint added = 0;
  guint existing = 0;
  guint first = 0;
  const char *text;

  g_return_val_if_fail (CD_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  display = g_file_get_parse_name (file);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            NULL, NULL);
  if (info != NULL && g_file_info_get_size (info) > MAX_CSV_SIZE)
    {
      g_set_error (error, CD_DEVICE_ERROR, CD_DEVICE_ERROR_CSV,
                   _("“%s” is too big for a device list (over 16 MiB)."), display);
      return FALSE;
    }

  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, error))
    return FALSE;

  text = contents;
  if (length >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0)
    text += 3;
  if (memchr (contents, '\0', length) != NULL || !g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, CD_DEVICE_ERROR, CD_DEVICE_ERROR_CSV,
                   _("“%s” is not a CSV text file in UTF-8. Save it from the spreadsheet as "
                     "“CSV UTF-8”."),
                   display);
      return FALSE;
    }

  records = parse_csv (text, display, error);
  if (records == NULL)
    return FALSE;

  if (records->len > 0 &&
      g_ascii_strcasecmp (field_at (g_ptr_array_index (records, 0), 0), "host") == 0)
    first = 1;

  if (!_cd_database_begin (database, error))
    return FALSE;

  for (guint i = first; i < records->len; i++)
    {
      Record *record = g_ptr_array_index (records, i);
      g_autoptr(CdDevice) device = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *host = NULL;
      CdStarttls starttls;
      guint16 port;

      if (!read_record (record, display, &host, &port, &starttls, error))
        {
          _cd_database_rollback (database);
          return FALSE;
        }

      device = cd_devices_add (database, host, port, starttls, field_at (record, 3),
                               field_at (record, 4), field_at (record, 5), &local_error);
      if (device != NULL)
        {
          added++;
        }
      else if (g_error_matches (local_error, CD_DEVICE_ERROR, CD_DEVICE_ERROR_EXISTS))
        {
          existing++;
        }
      else
        {
          _cd_database_rollback (database);
          if (local_error->domain == CD_DEVICE_ERROR)
            g_set_error (error, CD_DEVICE_ERROR, CD_DEVICE_ERROR_CSV, "“%s”, line %u: %s",
                         display, record->line, local_error->message);
          else
            g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  if (!_cd_database_commit (database, error))
    return FALSE;

  if (out_added != NULL)
    *out_added = added;
  if (out_existing != NULL)
    *out_existing = existing;

  return TRUE;
}

static void
append_field (GString    *out,
              const char *value)
{
  if (value == NULL)
    value = "";

  /* Quoted only when needed, so that the file stays easy to read. */
  if (strpbrk (value, ",;\"\r\n") != NULL)
    {
      g_string_append_c (out, '"');
      for (const char *p = value; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    {
      g_string_append (out, value);
    }
}

/**
 * cd_devices_export_csv:
 *
 * Writes every device to @file (replacing it) with a header line and
 * CR LF line ends, as spreadsheets expect.
 */
gboolean
cd_devices_export_csv (CdDatabase  *database,
                       GFile       *file,
                       GError     **error)
{
  g_autoptr(GPtrArray) devices = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (CD_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  devices = cd_devices_list (database, error);
  if (devices == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, columns[i]);
    }
  g_string_append (out, "\r\n");

  for (guint i = 0; i < devices->len; i++)
    {
      CdDevice *device = g_ptr_array_index (devices, i);
      char port[8];

      g_snprintf (port, sizeof port, "%u", cd_device_get_port (device));
      append_field (out, cd_device_get_host (device));
      g_string_append_c (out, ',');
      g_string_append (out, port);
      g_string_append_c (out, ',');
      append_field (out, cd_starttls_to_id (cd_device_get_starttls (device)));
      g_string_append_c (out, ',');
      append_field (out, cd_device_get_server_name (device));
      g_string_append_c (out, ',');
      append_field (out, cd_device_get_profile_id (device));
      g_string_append_c (out, ',');
      append_field (out, cd_device_get_note (device));
      g_string_append (out, "\r\n");
    }

  return g_file_replace_contents (file, out->str, out->len, NULL, FALSE, G_FILE_CREATE_NONE,
                                  NULL, NULL, error);
}
