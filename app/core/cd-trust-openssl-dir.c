/* cd-trust-openssl-dir.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A folder in OpenSSL's hashed layout, $XDG_DATA_HOME/certdesk/
 * openssl-certs, for SSL_CERT_DIR or -CApath. OpenSSL finds an issuer
 * by opening <subject hash>.0, .1, … until one is missing, so the
 * numbers of one hash must have no gap: every sync writes the whole
 * folder again, numbering each hash's certificates in fingerprint
 * order. The folder is Certdesk's alone (its README says so); OpenSSL
 * has no distrust in a folder, so only anchors go there.
 */

#define G_LOG_DOMAIN "cd-trust"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <openssl/x509.h>

#include "cd-errors.h"
#include "cd-openssl-private.h"
#include "cd-trust-private.h"

/**
 * cd_trust_dup_openssl_dir:
 *
 * Returns: (transfer full): the folder the OpenSSL target writes
 */
char *
cd_trust_dup_openssl_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "certdesk", "openssl-certs", NULL);
}

/**
 * cd_trust_dup_openssl_export_line:
 *
 * SSL_CERT_DIR replaces OpenSSL's own folder, so the line keeps that
 * folder after ours.
 *
 * Returns: (transfer full): the shell line that points OpenSSL programs
 *   at the folder, for a ~/.profile
 */
char *
cd_trust_dup_openssl_export_line (void)
{
  g_autofree char *dir = cd_trust_dup_openssl_dir ();
  g_autofree char *value = g_strconcat (dir, ":", X509_get_default_cert_dir (), NULL);
  g_autofree char *quoted = g_shell_quote (value);

  return g_strdup_printf ("export SSL_CERT_DIR=%s", quoted);
}

static gboolean
write_readme (const char  *dir,
              GError     **error)
{
  g_autofree char *path = g_build_filename (dir, "README", NULL);
  g_autofree char *line = cd_trust_dup_openssl_export_line ();
  g_autofree char *text = NULL;

  text = g_strdup_printf (_("This folder is written by Certdesk from its Trusted Root store.\n"
                            "Certdesk rewrites it at every change: do not put files here.\n"
                            "\n"
                            "Programs built on OpenSSL read it when SSL_CERT_DIR names it. Add\n"
                            "this line to ~/.profile, then log in again:\n"
                            "\n"
                            "%s\n"),
                          line);

  return g_file_set_contents (path, text, -1, error);
}

static gboolean
subject_hash (CdTrustItem *item,
              gulong      *out_hash)
{
  g_autoptr(X509) cert = NULL;
  const unsigned char *p = g_bytes_get_data (item->der, NULL);
  int ok = 0;

  cert = d2i_X509 (NULL, &p, g_bytes_get_size (item->der));
  if (cert == NULL)
    return FALSE;

  /* The hash "openssl x509 -hash" and c_rehash use. */
  *out_hash = X509_NAME_hash_ex (X509_get_subject_name (cert), NULL, NULL, &ok);
  return ok == 1;
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const CdTrustItem *ia = *(const CdTrustItem * const *)a;
  const CdTrustItem *ib = *(const CdTrustItem * const *)b;

  return strcmp (ia->sha256, ib->sha256);
}

static gboolean
openssl_dir_sync (CdTrustTarget  *target,
                  GPtrArray      *wanted,
                  GHashTable     *published,
                  GPtrArray      *out_records,
                  GError        **error)
{
  g_autofree char *dir = cd_trust_dup_openssl_dir ();
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  g_autoptr(GHashTable) next_index = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) new_locations = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                               NULL, g_free);
  g_autoptr(GError) local_error = NULL;
  GHashTableIter iter;
  CdTrustRecord *record;
  gboolean ok = TRUE;

  /* A copy without the items' free function, in a stable order. */
  g_ptr_array_extend (sorted, wanted, NULL, NULL);
  g_ptr_array_sort (sorted, compare_items);

  /* Where each certificate goes this time. */
  for (guint i = 0; i < sorted->len; i++)
    {
      CdTrustItem *item = g_ptr_array_index (sorted, i);
      gulong hash;
      guint n;
      char name[32];

      if (item->trust != CD_TRUST_ANCHOR || !subject_hash (item, &hash))
        continue;

      n = GPOINTER_TO_UINT (g_hash_table_lookup (next_index, GSIZE_TO_POINTER (hash)));
      g_hash_table_insert (next_index, GSIZE_TO_POINTER (hash), GUINT_TO_POINTER (n + 1));
      g_snprintf (name, sizeof name, "%08lx.%u", hash, n);
      g_hash_table_insert (new_locations, item->sha256, g_build_filename (dir, name, NULL));
    }

  if (sorted->len > 0 && g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      _cd_trust_keep_all (published, out_records);
      g_set_error (error, CD_TRUST_ERROR, CD_TRUST_ERROR_IO,
                   _("The folder %s could not be made: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  /* Files of ours that are not rewritten go first. */
  g_hash_table_iter_init (&iter, published);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&record))
    {
      const char *location = g_hash_table_lookup (new_locations, record->sha256);

      if (g_strcmp0 (location, record->location) == 0)
        continue;

      if (g_unlink (record->location) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;

          g_ptr_array_add (out_records, _cd_trust_record_new (record->sha256, record->trust,
                                                              record->location));
          if (ok)
            g_set_error (error, CD_TRUST_ERROR, CD_TRUST_ERROR_IO,
                         _("%s could not be removed: %s"), record->location,
                         g_strerror (saved_errno));
          ok = FALSE;
        }
    }

  for (guint i = 0; i < sorted->len; i++)
    {
      CdTrustItem *item = g_ptr_array_index (sorted, i);
      const char *location = g_hash_table_lookup (new_locations, item->sha256);
      g_autofree char *pem = NULL;

      if (location == NULL)
        continue;

      pem = _cd_trust_item_to_pem (item);
      if (pem != NULL && g_file_set_contents (location, pem, -1, &local_error))
        {
          g_ptr_array_add (out_records, _cd_trust_record_new (item->sha256, CD_TRUST_ANCHOR,
                                                              location));
          continue;
        }

      /* A file that was there under this name may still be. */
      record = g_hash_table_lookup (published, item->sha256);
      if (record != NULL && g_strcmp0 (record->location, location) == 0)
        g_ptr_array_add (out_records, _cd_trust_record_new (record->sha256, record->trust,
                                                            record->location));
      if (ok)
        g_set_error (error, CD_TRUST_ERROR, CD_TRUST_ERROR_IO,
                     _("%s could not be written: %s"), location,
                     local_error != NULL ? local_error->message : _("The certificate could not be encoded."));
      g_clear_error (&local_error);
      ok = FALSE;
    }

  if (ok && sorted->len > 0 && !write_readme (dir, &local_error))
    {
      g_set_error_literal (error, CD_TRUST_ERROR, CD_TRUST_ERROR_IO, local_error->message);
      ok = FALSE;
    }

  return ok;
}

static gboolean
openssl_dir_cleanup (CdTrustTarget  *target,
                     GError        **error)
{
  g_autofree char *dir = cd_trust_dup_openssl_dir ();
  g_autofree char *readme = g_build_filename (dir, "README", NULL);

  g_unlink (readme);
  g_rmdir (dir);

  return TRUE;
}

static void
openssl_dir_discover (GPtrArray *targets)
{
  g_autofree char *dir = cd_trust_dup_openssl_dir ();

  g_ptr_array_add (targets,
                   _cd_trust_target_new (&_cd_trust_openssl_dir_backend, NULL,
                                         _("OpenSSL certificate folder"),
                                         _("Programs built on OpenSSL (openssl, Python, curl on many systems…) once SSL_CERT_DIR names this folder"),
                                         dir));
}

const CdTrustBackend _cd_trust_openssl_dir_backend = {
  .id = CD_TRUST_TARGET_OPENSSL_DIR,
  .supports_distrust = FALSE,
  .discover = openssl_dir_discover,
  .sync = openssl_dir_sync,
  .cleanup = openssl_dir_cleanup,
};
