/* cd-trust-nss.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The NSS user database, ~/.pki/nssdb, which Chromium, Chrome and other
 * NSS programs read; the same code writes Firefox's per-profile
 * databases. It goes through certutil rather than linking NSS: NSS
 * would want its own initialisation and shutdown around every database
 * in a process that also runs OpenSSL, while certutil is what admins
 * already use on these files and what the tests check with. Our
 * entries carry nicknames that start with "Certdesk - " and end with a
 * short fingerprint, so that removing ours never touches others'.
 */

#define G_LOG_DOMAIN "cd-trust"

#include "config.h"

#include <errno.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "cd-errors.h"
#include "cd-trust-private.h"

/**
 * _cd_trust_nss_nickname:
 * @item: a certificate to publish
 *
 * Returns: (transfer full): the nickname Certdesk gives @item
 */
char *
_cd_trust_nss_nickname (CdTrustItem *item)
{
  g_autofree char *upper = g_ascii_strup (item->sha256, 8);
  g_autofree char *label = g_strdup (item->label);

  /* certutil reads "A:B" as nickname B on token A, so no colon. */
  g_strdelimit (label, ":", ' ');

  return g_strdup_printf ("Certdesk - %s (%s)", label, upper);
}

static char *
nss_db_arg (CdTrustTarget *target)
{
  return g_strconcat ("sql:", cd_trust_target_get_location (target), NULL);
}

static gboolean
ensure_database (CdTrustTarget  *target,
                 const char     *certutil,
                 GError        **error)
{
  const char *dir = cd_trust_target_get_location (target);
  g_autofree char *cert9 = g_build_filename (dir, "cert9.db", NULL);
  g_autofree char *db = nss_db_arg (target);
  const char *argv[] = { certutil, "-N", "-d", db, "--empty-password", NULL };

  if (g_file_test (cert9, G_FILE_TEST_EXISTS))
    return TRUE;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, CD_TRUST_ERROR, CD_TRUST_ERROR_IO,
                   /* TRANSLATORS: %s is a folder, then an error message */
                   _("The folder %s could not be made: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  return _cd_trust_run (argv, "certutil", error);
}

static gboolean
nss_add (CdTrustTarget  *target,
         CdTrustItem    *item,
         char          **out_location,
         GError        **error)
{
  g_autofree char *certutil = _cd_trust_find_program ("certutil");
  g_autofree char *db = nss_db_arg (target);
  g_autofree char *nickname = _cd_trust_nss_nickname (item);
  g_autofree char *tmp_path = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *flags = item->trust == CD_TRUST_ANCHOR ? "C,," : "p,p,p";
  const char *argv[] = { certutil, "-A", "-d", db, "-n", nickname, "-t", flags,
                         "-i", NULL, NULL };
  gboolean ok;
  int fd;

  fd = g_file_open_tmp ("certdesk-XXXXXX.der", &tmp_path, &local_error);
  if (fd < 0)
    {
      g_set_error_literal (error, CD_TRUST_ERROR, CD_TRUST_ERROR_IO, local_error->message);
      return FALSE;
    }
  close (fd);

  if (!g_file_set_contents (tmp_path, g_bytes_get_data (item->der, NULL),
                            g_bytes_get_size (item->der), &local_error))
    {
      g_unlink (tmp_path);
      g_set_error_literal (error, CD_TRUST_ERROR, CD_TRUST_ERROR_IO, local_error->message);
      return FALSE;
    }

  argv[9] = tmp_path;
  ok = _cd_trust_run (argv, "certutil", error);
  g_unlink (tmp_path);

  if (ok)
    *out_location = g_steal_pointer (&nickname);

  return ok;
}

static gboolean
nss_remove (CdTrustTarget  *target,
            CdTrustRecord  *record,
            GError        **error)
{
  g_autofree char *certutil = _cd_trust_find_program ("certutil");
  g_autofree char *db = nss_db_arg (target);
  const char *argv[] = { certutil, "-D", "-d", db, "-n", record->location, NULL };
  const char *list_argv[] = { certutil, "-L", "-d", db, NULL };
  const char *find_argv[] = { certutil, "-L", "-d", db, "-n", record->location, NULL };
  g_autoptr(GError) list_error = NULL;

  if (_cd_trust_run (argv, "certutil", error))
    return TRUE;

  /* Already gone (removed by hand): the database opens but holds
   * nothing under that name any more.
   */
  if (_cd_trust_run (list_argv, "certutil", &list_error) &&
      !_cd_trust_run (find_argv, "certutil", &list_error))
    {
      g_clear_error (error);
      return TRUE;
    }

  return FALSE;
}

gboolean
_cd_trust_nss_sync (CdTrustTarget  *target,
                    GPtrArray      *wanted,
                    GHashTable     *published,
                    GPtrArray      *out_records,
                    GError        **error)
{
  g_autofree char *certutil = _cd_trust_find_program ("certutil");

  if (certutil == NULL)
    {
      /* Nothing can be changed: what was there stays recorded. */
      _cd_trust_keep_all (published, out_records);
      g_set_error_literal (error, CD_TRUST_ERROR, CD_TRUST_ERROR_UNAVAILABLE,
                           _("certutil is not installed (package libnss3-tools or nss-tools)."));
      return FALSE;
    }

  if (wanted->len > 0 && !ensure_database (target, certutil, error))
    {
      _cd_trust_keep_all (published, out_records);
      return FALSE;
    }

  return _cd_trust_sync_each (target, wanted, published, nss_add, nss_remove,
                              out_records, error);
}

static void
nss_discover (GPtrArray *targets)
{
  g_autofree char *dir = g_build_filename (g_get_home_dir (), ".pki", "nssdb", NULL);
  g_autofree char *certutil = _cd_trust_find_program ("certutil");
  CdTrustTarget *target;

  target = _cd_trust_target_new (&_cd_trust_nss_backend, NULL,
                                 _("NSS user database"),
                                 _("Chromium, Google Chrome, Evolution and other programs built on NSS"),
                                 dir);
  if (certutil == NULL)
    _cd_trust_target_set_unavailable (target,
                                      _("certutil is not installed (package libnss3-tools or nss-tools)."));

  g_ptr_array_add (targets, target);
}

const CdTrustBackend _cd_trust_nss_backend = {
  .id = CD_TRUST_TARGET_NSS,
  .supports_distrust = TRUE,
  .discover = nss_discover,
  .sync = _cd_trust_nss_sync,
};
