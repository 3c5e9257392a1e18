/* cd-trust-firefox.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Firefox keeps one NSS database per profile and reads neither
 * ~/.pki/nssdb nor p11-kit by default. Profiles are listed in
 * profiles.ini, in the usual place and in the Flatpak and Snap homes;
 * each profile is a target of its own, written like the NSS one.
 */

#define G_LOG_DOMAIN "cd-trust"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cd-trust-private.h"

typedef struct
{
  const char *path;       /* below the home folder */
  const char *packaging;  /* NULL for the distribution's own Firefox */
} FirefoxHome;

static const FirefoxHome firefox_homes[] = {
  { ".mozilla/firefox", NULL },
  { ".var/app/org.mozilla.firefox/.mozilla/firefox", "Flatpak" },
  { "snap/firefox/common/.mozilla/firefox", "Snap" },
};

static void
add_profile (GPtrArray         *targets,
             const FirefoxHome *home,
             const char        *root,
             GKeyFile          *ini,
             const char        *group)
{
  g_autofree char *path = g_key_file_get_string (ini, group, "Path", NULL);
  g_autofree char *name = g_key_file_get_string (ini, group, "Name", NULL);
  g_autofree char *dir = NULL;
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  g_autofree char *cert9 = NULL;
  g_autofree char *cert8 = NULL;
  g_autofree char *certutil = NULL;
  CdTrustTarget *target;

  if (path == NULL)
    return;

  if (g_key_file_get_integer (ini, group, "IsRelative", NULL) != 0 || !g_path_is_absolute (path))
    dir = g_build_filename (root, path, NULL);
  else
    dir = g_strdup (path);

  /* TRANSLATORS: %s is the name of a Firefox profile, e.g. default-release */
  title = g_strdup_printf (_("Firefox profile “%s”"), name != NULL ? name : path);
  if (home->packaging != NULL)
    /* TRANSLATORS: %s is Flatpak or Snap */
    description = g_strdup_printf (_("Firefox from %s, when it runs with this profile"),
                                   home->packaging);
  else
    description = g_strdup (_("Firefox, when it runs with this profile"));

  target = _cd_trust_target_new (&_cd_trust_firefox_backend, dir, title, description, dir);
  g_ptr_array_add (targets, target);

  certutil = _cd_trust_find_program ("certutil");
  cert9 = g_build_filename (dir, "cert9.db", NULL);
  cert8 = g_build_filename (dir, "cert8.db", NULL);
  if (certutil == NULL)
    _cd_trust_target_set_unavailable (target,
                                      _("certutil is not installed (package libnss3-tools or nss-tools)."));
  else if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    _cd_trust_target_set_unavailable (target, _("The profile’s folder does not exist."));
  else if (g_file_test (cert8, G_FILE_TEST_EXISTS) && !g_file_test (cert9, G_FILE_TEST_EXISTS))
    _cd_trust_target_set_unavailable (target,
                                      _("The profile uses the old cert8.db format; start a current Firefox with it once."));
  else if (!g_file_test (cert9, G_FILE_TEST_EXISTS))
    _cd_trust_target_set_unavailable (target,
                                      _("Firefox has not made this profile’s certificate database yet; start Firefox with it once."));
}

static void
firefox_discover (GPtrArray *targets)
{
  for (guint i = 0; i < G_N_ELEMENTS (firefox_homes); i++)
    {
      g_autofree char *root = g_build_filename (g_get_home_dir (), firefox_homes[i].path, NULL);
      g_autofree char *ini_path = g_build_filename (root, "profiles.ini", NULL);
      g_autoptr(GKeyFile) ini = g_key_file_new ();
      g_auto(GStrv) groups = NULL;

      if (!g_key_file_load_from_file (ini, ini_path, G_KEY_FILE_NONE, NULL))
        continue;

      groups = g_key_file_get_groups (ini, NULL);
      for (guint j = 0; groups[j] != NULL; j++)
        {
          if (g_str_has_prefix (groups[j], "Profile"))
            add_profile (targets, &firefox_homes[i], root, ini, groups[j]);
        }
    }
}

const CdTrustBackend _cd_trust_firefox_backend = {
  .id = CD_TRUST_TARGET_FIREFOX,
  .supports_distrust = TRUE,
  .discover = firefox_discover,
  .sync = _cd_trust_nss_sync,
};
