/* cd-drag-content.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What a drag of certificates from the list carries. Inside Certdesk,
 * the "STORE SHA-256" text the sidebar reads to move or copy them; to a
 * file manager, files: each certificate as a DER ".cer" in a private
 * cache directory, named after it, so that Files copies a file with a
 * sensible name. Only public data goes there, never a key, and the
 * files of the drag before are removed when a new one starts.
 */

#define G_LOG_DOMAIN "cd-drag-content"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cd-certificate.h"
#include "cd-database.h"
#include "cd-drag-content.h"

/**
 * cd_drag_content_dup_directory:
 *
 * Returns: (transfer full): where dragged certificates are written:
 *   `$XDG_CACHE_HOME/certdesk/drag`
 */
char *
cd_drag_content_dup_directory (void)
{
  return g_build_filename (g_get_user_cache_dir (), "certdesk", "drag", NULL);
}

/* Removes the files of earlier drags: they were copied when dropped. */
static void
clear_directory (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);

      if (g_unlink (file) != 0)
        g_debug ("Could not remove %s: %s", file, g_strerror (errno));
    }
}

static char *
make_file_name (CdCertificate *row,
                GHashTable    *used)
{
  g_autofree char *name = cd_certificate_dup_display_name (row);
  GString *safe = g_string_new (NULL);

  for (const char *p = name; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || strchr ("/\\:*?\"<>|", c) != NULL)
        g_string_append_c (safe, '_');
      else if (!(safe->len == 0 && c == '.'))
        g_string_append_unichar (safe, c);
    }
  if (safe->len == 0)
    g_string_append (safe, "certificate");

  /* Two certificates of one name (a renewal and the one it replaces). */
  if (g_hash_table_contains (used, safe->str))
    g_string_append_printf (safe, "-%.8s", cd_certificate_get_sha256 (row));
  g_hash_table_add (used, g_strdup (safe->str));

  g_string_append (safe, ".cer");

  return g_string_free (safe, FALSE);
}

/**
 * cd_drag_content_new:
 * @database: where the certificates are
 * @rows: (element-type CdCertificate): the rows dragged
 * @text: (nullable): the text for drops inside Certdesk, see
 *   cd_store_view_format_drag_text()
 * @error: return location for a #GError
 *
 * Writes each certificate of @rows as DER to the drag directory and
 * offers them as a #GdkFileList, with @text beside them.
 *
 * Returns: (transfer full) (nullable): the content of the drag, or
 *   %NULL with @error set if a file could not be written
 */
GdkContentProvider *
cd_drag_content_new (CdDatabase  *database,
                     GPtrArray   *rows,
                     const char  *text,
                     GError     **error)
{
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *dir = NULL;
  GSList *files = NULL;
  GdkContentProvider *providers[2];
  guint n_providers = 0;

  g_return_val_if_fail (CD_IS_DATABASE (database), NULL);
  g_return_val_if_fail (rows != NULL, NULL);

  dir = cd_drag_content_dup_directory ();
  clear_directory (dir);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   /* translators: %s is a folder */
                   _("Could not create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return NULL;
    }

  for (guint i = 0; i < rows->len; i++)
    {
      CdCertificate *row = g_ptr_array_index (rows, i);
      g_autofree char *name = NULL;
      g_autofree char *path = NULL;
      g_autoptr(GBytes) der = NULL;

      /* A request is no certificate yet. */
      if (cd_certificate_get_is_request (row))
        continue;

      der = cd_database_dup_der (database, cd_certificate_get_sha256 (row), error);
      if (der == NULL)
        {
          g_slist_free_full (files, g_object_unref);
          return NULL;
        }

      name = make_file_name (row, used);
      path = g_build_filename (dir, name, NULL);
      if (!g_file_set_contents_full (path,
                                     g_bytes_get_data (der, NULL),
                                     g_bytes_get_size (der),
                                     G_FILE_SET_CONTENTS_CONSISTENT,
                                     0644,
                                     error))
        {
          g_slist_free_full (files, g_object_unref);
          return NULL;
        }

      files = g_slist_prepend (files, g_file_new_for_path (path));
    }

  files = g_slist_reverse (files);

  /* Files first: a file manager takes the first type it knows, and
   * would take the text as a text snippet. Certdesk's own sidebar asks
   * for the string by its type, which only the text provider has.
   */
  if (files != NULL)
    {
      GdkFileList *file_list = gdk_file_list_new_from_list (files);

      providers[n_providers++] = gdk_content_provider_new_typed (GDK_TYPE_FILE_LIST, file_list);
      g_boxed_free (GDK_TYPE_FILE_LIST, file_list);
    }
  if (text != NULL)
    providers[n_providers++] = gdk_content_provider_new_typed (G_TYPE_STRING, text);

  g_slist_free_full (files, g_object_unref);

  return gdk_content_provider_new_union (providers, n_providers);
}
