/* cd-export-file.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Atomic writing of exported files. A file is first written in full to
 * a new temporary beside its target (created with O_EXCL, so nobody
 * else has it open, and with mode 0600 from the start when it holds a
 * key), synced, and only then renamed over the target. A failed or
 * cancelled export thus leaves neither a partial file nor a temporary,
 * and an existing file is replaced whole or not at all. The key never
 * touches the disk anywhere else.
 */

#define G_LOG_DOMAIN "cd-export-file"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "cd-export-private.h"

#define WRITE_CHUNK 65536

/* The temporary goes; nothing else was changed yet. */
static void
discard (CdStagedFile *staged)
{
  if (staged->tmp_path != NULL)
    g_unlink (staged->tmp_path);
  g_clear_pointer (&staged->tmp_path, g_free);
}

static gboolean
set_write_error (GError     **error,
                 const char  *path,
                 int          saved_errno)
{
  g_autofree char *name = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               /* translators: the first %s is a file, the second the system's reason */
               _("Could not write “%s”: %s. Nothing was exported; choose a folder you can "
                 "write to, with enough free space."),
               name, g_strerror (saved_errno));

  return FALSE;
}

static gboolean
write_all (int            fd,
           const char    *data,
           gsize          len,
           GCancellable  *cancellable,
           GError       **error,
           const char    *path)
{
  while (len > 0)
    {
      gssize written;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      written = write (fd, data, MIN (len, WRITE_CHUNK));
      if (written < 0)
        {
          if (errno == EINTR)
            continue;
          return set_write_error (error, path, errno);
        }

      data += written;
      len -= written;
    }

  return TRUE;
}

/**
 * _cd_staged_file_write:
 * @staged: an empty #CdStagedFile
 * @file: the target
 * @content: a memory BIO with the bytes to write
 * @secret: whether the bytes hold a private key: mode 0600, else 0644
 *   (both less what the umask takes away)
 * @cancellable: (nullable): a #GCancellable, checked between chunks
 * @error: a location for a #GError
 *
 * Writes @content in full to a new temporary beside @file and syncs it;
 * @file itself is not touched until _cd_staged_file_commit(). On
 * failure the temporary is already gone.
 *
 * Returns: %TRUE if the temporary holds all of @content
 */
gboolean
_cd_staged_file_write (CdStagedFile  *staged,
                       GFile         *file,
                       BIO           *content,
                       gboolean       secret,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  char *data = NULL;
  long len;
  int fd;

  staged->path = g_file_get_path (file);
  if (staged->path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   /* translators: %s is a URI */
                   _("Could not write “%s”: Certdesk exports only to folders on this computer. "
                     "Choose a local folder."),
                   uri);
      return FALSE;
    }

  dir = g_path_get_dirname (staged->path);
  base = g_path_get_basename (staged->path);
  staged->tmp_path = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);

  /* O_EXCL (added by g_mkstemp_full) makes it a file nobody else has
   * open; the mode is set from the start, never widened afterwards.
   */
  fd = g_mkstemp_full (staged->tmp_path, O_WRONLY | O_CLOEXEC, secret ? 0600 : 0644);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_clear_pointer (&staged->tmp_path, g_free);
      return set_write_error (error, staged->path, saved_errno);
    }

  len = BIO_get_mem_data (content, &data);
  if (!write_all (fd, data, len, cancellable, error, staged->path))
    {
      close (fd);
      discard (staged);
      return FALSE;
    }

  if (fsync (fd) != 0 || close (fd) != 0)
    {
      int saved_errno = errno;

      discard (staged);
      return set_write_error (error, staged->path, saved_errno);
    }

  return TRUE;
}

/* So that the rename survives a crash, not only the content. */
static void
sync_directory (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/**
 * _cd_staged_file_commit:
 * @staged: a #CdStagedFile written with _cd_staged_file_write()
 * @error: a location for a #GError
 *
 * Renames the temporary over the target, in one step.
 *
 * Returns: %TRUE if the target now holds the new content
 */
gboolean
_cd_staged_file_commit (CdStagedFile  *staged,
                        GError       **error)
{
  if (g_rename (staged->tmp_path, staged->path) != 0)
    {
      int saved_errno = errno;

      discard (staged);
      return set_write_error (error, staged->path, saved_errno);
    }

  g_clear_pointer (&staged->tmp_path, g_free);
  sync_directory (staged->path);

  return TRUE;
}

/**
 * _cd_staged_file_clear:
 * @staged: a #CdStagedFile
 *
 * Removes the temporary if it was not committed, and frees the paths.
 */
void
_cd_staged_file_clear (CdStagedFile *staged)
{
  discard (staged);
  g_clear_pointer (&staged->path, g_free);
}
