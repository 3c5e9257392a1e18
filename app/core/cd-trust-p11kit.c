/* cd-trust-p11kit.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* p11-kit's trust module, which GnuTLS, glib-networking and (on Fedora
 * and Arch) NSS read. The module loads anchors/ and blocklist/ below
 * each of its paths; the paths come from its module configuration, and
 * p11-kit lets a user's ~/.config/pkcs11/modules/p11-kit-trust.module
 * replace the system's. So we keep our files under
 * $XDG_DATA_HOME/certdesk/trust and write that user configuration with
 * our folder first and the distribution's own paths after it, which
 * the replaced configuration would otherwise have given.
 *
 * p11-kit ignores user configuration in programs run as root, and when
 * P11_KIT_NO_USER_CONFIG is set: the target says so.
 */

#define G_LOG_DOMAIN "cd-trust"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "cd-errors.h"
#include "cd-trust-private.h"

/* The first line of the configuration we write: how we know it is ours. */
#define MARKER "# Written by Certdesk"

/* The trust paths distributions build p11-kit with, in their order of
 * preference; Debian's is the bundle its ca-certificates writes.
 */
static const char *system_trust_dirs[] = {
  "/etc/pki/ca-trust/source",                 /* Fedora, RHEL */
  "/usr/share/pki/ca-trust-source",
  "/etc/ca-certificates/trust-source",        /* Arch */
  "/usr/share/ca-certificates/trust-source",
  "/etc/pki/trust",                           /* openSUSE */
  "/usr/share/pki/trust",
};

static const char *system_trust_bundles[] = {
  "/etc/ssl/certs/ca-certificates.crt",       /* Debian, Ubuntu */
};

static const char *module_dirs[] = {
  "/usr/lib/x86_64-linux-gnu/pkcs11",
  "/usr/lib/aarch64-linux-gnu/pkcs11",
  "/usr/lib64/pkcs11",
  "/usr/lib/pkcs11",
};

static char *
trust_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "certdesk", "trust", NULL);
}

static char *
module_config_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "pkcs11", "modules",
                           "p11-kit-trust.module", NULL);
}

static gboolean
module_config_is_ours (const char *path)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return FALSE;

  return g_str_has_prefix (text, MARKER);
}

/**
 * _cd_trust_p11kit_system_paths:
 *
 * Returns: (transfer full): the paths the distribution's trust module
 *   reads, joined by colons; may be empty
 */
char *
_cd_trust_p11kit_system_paths (void)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) paths = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (system_trust_dirs); i++)
    {
      if (g_file_test (system_trust_dirs[i], G_FILE_TEST_IS_DIR))
        g_strv_builder_add (builder, system_trust_dirs[i]);
    }

  paths = g_strv_builder_end (builder);
  if (paths[0] == NULL)
    {
      g_strfreev (paths);
      builder = g_strv_builder_new ();
      for (guint i = 0; i < G_N_ELEMENTS (system_trust_bundles); i++)
        {
          if (g_file_test (system_trust_bundles[i], G_FILE_TEST_EXISTS))
            g_strv_builder_add (builder, system_trust_bundles[i]);
        }
      paths = g_strv_builder_end (builder);
    }

  return g_strjoinv (":", paths);
}

/**
 * _cd_trust_p11kit_module_text:
 * @our_path: the folder that holds anchors/ and blocklist/
 *
 * Returns: (transfer full): the module configuration to write
 */
char *
_cd_trust_p11kit_module_text (const char *our_path)
{
  g_autofree char *system_paths = _cd_trust_p11kit_system_paths ();

  return g_strdup_printf (MARKER " for its trust publishing; switching it off removes this file.\n"
                          "# The same settings as the system's p11-kit-trust.module, with\n"
                          "# Certdesk's folder added before the distribution's trust paths.\n"
                          "module: p11-kit-trust.so\n"
                          "priority: 1\n"
                          "trust-policy: yes\n"
                          "x-trust-lookup: pkcs11:library-description=PKCS%%2311%%20Kit%%20Trust%%20Module\n"
                          "disable-in: p11-kit-proxy\n"
                          "x-init-reserved: paths=%s%s%s\n",
                          our_path, *system_paths != '\0' ? ":" : "", system_paths);
}

static gboolean
set_io_error (GError     **error,
              const char  *path,
              int          saved_errno)
{
  g_set_error (error, CD_TRUST_ERROR, CD_TRUST_ERROR_IO,
               /* TRANSLATORS: %s is a file, then an error message */
               _("%s could not be written: %s"), path, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
write_module_config (GError **error)
{
  g_autofree char *path = module_config_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *ours = trust_dir ();
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;

  if (g_file_test (path, G_FILE_TEST_EXISTS) && !module_config_is_ours (path))
    {
      g_set_error (error, CD_TRUST_ERROR, CD_TRUST_ERROR_FOREIGN_FILE,
                   _("%s exists and was not written by Certdesk; it was left alone."), path);
      return FALSE;
    }

  if (g_mkdir_with_parents (dir, 0700) != 0)
    return set_io_error (error, dir, errno);

  text = _cd_trust_p11kit_module_text (ours);
  if (!g_file_set_contents (path, text, -1, &local_error))
    {
      g_set_error_literal (error, CD_TRUST_ERROR, CD_TRUST_ERROR_IO, local_error->message);
      return FALSE;
    }

  return TRUE;
}

static gboolean
p11kit_add (CdTrustTarget  *target,
            CdTrustItem    *item,
            char          **out_location,
            GError        **error)
{
  g_autofree char *base = trust_dir ();
  g_autofree char *dir = NULL;
  g_autofree char *name = g_strconcat (item->sha256, ".pem", NULL);
  g_autofree char *path = NULL;
  g_autofree char *pem = _cd_trust_item_to_pem (item);
  g_autoptr(GError) local_error = NULL;

  dir = g_build_filename (base, item->trust == CD_TRUST_ANCHOR ? "anchors" : "blocklist", NULL);
  path = g_build_filename (dir, name, NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    return set_io_error (error, dir, errno);

  if (pem == NULL || !g_file_set_contents (path, pem, -1, &local_error))
    {
      g_set_error_literal (error, CD_TRUST_ERROR, CD_TRUST_ERROR_IO,
                           local_error != NULL ? local_error->message : _("The certificate could not be encoded."));
      return FALSE;
    }

  *out_location = g_steal_pointer (&path);
  return TRUE;
}

static gboolean
p11kit_remove (CdTrustTarget  *target,
               CdTrustRecord  *record,
               GError        **error)
{
  if (g_unlink (record->location) != 0 && errno != ENOENT)
    {
      int saved_errno = errno;

      g_set_error (error, CD_TRUST_ERROR, CD_TRUST_ERROR_IO,
                   /* TRANSLATORS: %s is a file, then an error message */
                   _("%s could not be removed: %s"), record->location, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

static gboolean
p11kit_sync (CdTrustTarget  *target,
             GPtrArray      *wanted,
             GHashTable     *published,
             GPtrArray      *out_records,
             GError        **error)
{
  /* The configuration goes first: files nobody reads would be no use. */
  if (wanted->len > 0 && !write_module_config (error))
    {
      _cd_trust_keep_all (published, out_records);
      return FALSE;
    }

  return _cd_trust_sync_each (target, wanted, published, p11kit_add, p11kit_remove,
                              out_records, error);
}

static gboolean
p11kit_cleanup (CdTrustTarget  *target,
                GError        **error)
{
  g_autofree char *path = module_config_path ();
  g_autofree char *base = trust_dir ();
  g_autofree char *anchors = g_build_filename (base, "anchors", NULL);
  g_autofree char *blocklist = g_build_filename (base, "blocklist", NULL);

  if (module_config_is_ours (path) && g_unlink (path) != 0 && errno != ENOENT)
    {
      int saved_errno = errno;

      g_set_error (error, CD_TRUST_ERROR, CD_TRUST_ERROR_IO,
                   _("%s could not be removed: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }

  /* Only empty folders go: anything else in them is not ours. */
  g_rmdir (anchors);
  g_rmdir (blocklist);
  g_rmdir (base);

  return TRUE;
}

static void
p11kit_discover (GPtrArray *targets)
{
  g_autofree char *dir = trust_dir ();
  g_autofree char *config = module_config_path ();
  gboolean have_module = FALSE;
  CdTrustTarget *target;

  target = _cd_trust_target_new (&_cd_trust_p11kit_backend, NULL,
                                 _("p11-kit user trust"),
                                 _("Programs on GnuTLS and GLib (GNOME Web, Evolution, Fractal…), and NSS where the distribution points it at p11-kit (Fedora, Arch)"),
                                 dir);
  g_ptr_array_add (targets, target);

  for (guint i = 0; i < G_N_ELEMENTS (module_dirs) && !have_module; i++)
    {
      g_autofree char *module = g_build_filename (module_dirs[i], "p11-kit-trust.so", NULL);

      have_module = g_file_test (module, G_FILE_TEST_EXISTS);
    }

  if (!have_module)
    _cd_trust_target_set_unavailable (target,
                                      _("p11-kit’s trust module is not installed (package p11-kit-modules or p11-kit-trust)."));
  else if (strchr (dir, ':') != NULL)
    _cd_trust_target_set_unavailable (target,
                                      _("The data folder’s path holds a colon, which p11-kit cannot take in a path."));
  else if (geteuid () == 0)
    _cd_trust_target_set_unavailable (target,
                                      _("p11-kit ignores per-user settings in programs run as root."));
  else if (g_getenv ("P11_KIT_NO_USER_CONFIG") != NULL)
    _cd_trust_target_set_unavailable (target,
                                      _("P11_KIT_NO_USER_CONFIG is set, so p11-kit ignores per-user settings."));
  else if (g_file_test (config, G_FILE_TEST_EXISTS) && !module_config_is_ours (config))
    _cd_trust_target_set_unavailable (target,
                                      _("~/.config/pkcs11/modules/p11-kit-trust.module holds your own settings; Certdesk leaves it alone."));
}

const CdTrustBackend _cd_trust_p11kit_backend = {
  .id = CD_TRUST_TARGET_P11_KIT,
  .supports_distrust = TRUE,
  .discover = p11kit_discover,
  .sync = p11kit_sync,
  .cleanup = p11kit_cleanup,
};
