/* cd-trust-system.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The system trust, which every program reads but only root may
 * change. Each sync writes the wanted files to a private staging
 * folder, then runs one fixed shell script through pkexec, so that
 * polkit asks once: it replaces Certdesk's files (all named
 * certdesk-*) in the distribution's folder and runs the distribution's
 * tool. The script's text never changes; the folders reach it as
 * arguments, not pasted into it. Nothing else in Certdesk runs as root.
 *
 * Debian and Ubuntu: update-ca-certificates reads *.crt below
 * /usr/local/share/ca-certificates, and has no distrust of its own.
 * Fedora and Arch: update-ca-trust reads the anchors/ and blocklist/
 * folders of its trust source.
 */

#define G_LOG_DOMAIN "cd-trust"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "cd-errors.h"
#include "cd-trust-private.h"

#define DEBIAN_ANCHOR_DIR "/usr/local/share/ca-certificates/certdesk"

static const char sync_script[] =
  "set -e\n"
  "anchors=$1 distrust=$2 staging=$3 tool=$4\n"
  "replace () {\n"
  "  mkdir -p \"$1\"\n"
  "  rm -f \"$1\"/certdesk-*\n"
  "  for f in \"$2\"/certdesk-*; do\n"
  "    if [ -f \"$f\" ]; then install -m 0644 \"$f\" \"$1\"/; fi\n"
  "  done\n"
  "}\n"
  "replace \"$anchors\" \"$staging/anchors\"\n"
  "if [ -n \"$distrust\" ]; then replace \"$distrust\" \"$staging/distrust\"; fi\n"
  "exec \"$tool\"\n";

typedef struct
{
  CdTrustSystemFlavor  flavor;
  char                *tool;
  const char          *anchor_dir;
  const char          *distrust_dir;
} SystemLayout;

static void
find_layout (SystemLayout *layout)
{
  static const char *p11kit_sources[] = {
    "/etc/pki/ca-trust/source",             /* Fedora, RHEL */
    "/etc/ca-certificates/trust-source",    /* Arch */
  };

  memset (layout, 0, sizeof *layout);

  layout->tool = _cd_trust_find_program ("update-ca-certificates");
  if (layout->tool != NULL && g_file_test ("/usr/local/share/ca-certificates", G_FILE_TEST_IS_DIR))
    {
      layout->flavor = CD_TRUST_SYSTEM_DEBIAN;
      layout->anchor_dir = DEBIAN_ANCHOR_DIR;
      return;
    }
  g_clear_pointer (&layout->tool, g_free);

  layout->tool = _cd_trust_find_program ("update-ca-trust");
  for (guint i = 0; layout->tool != NULL && i < G_N_ELEMENTS (p11kit_sources); i++)
    {
      if (!g_file_test (p11kit_sources[i], G_FILE_TEST_IS_DIR))
        continue;

      layout->flavor = CD_TRUST_SYSTEM_P11KIT;
      layout->anchor_dir = i == 0 ? "/etc/pki/ca-trust/source/anchors"
                                  : "/etc/ca-certificates/trust-source/anchors";
      layout->distrust_dir = i == 0 ? "/etc/pki/ca-trust/source/blocklist"
                                    : "/etc/ca-certificates/trust-source/blocklist";
      return;
    }
  g_clear_pointer (&layout->tool, g_free);
}

/**
 * _cd_trust_system_build_argv:
 * @pkexec: the path of pkexec
 * @flavor: which tool the distribution has
 * @tool: the path of that tool
 * @anchor_dir: the folder anchors go to
 * @distrust_dir: (nullable): the folder distrusted certificates go to
 * @staging_dir: the folder that holds anchors/ and distrust/ to copy
 *
 * Returns: (transfer full): the command line one sync runs
 */
char **
_cd_trust_system_build_argv (const char          *pkexec,
                             CdTrustSystemFlavor  flavor,
                             const char          *tool,
                             const char          *anchor_dir,
                             const char          *distrust_dir,
                             const char          *staging_dir)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (flavor != CD_TRUST_SYSTEM_NONE, NULL);

  g_strv_builder_add_many (builder, pkexec, "/bin/sh", "-c", sync_script,
                           "certdesk-system-trust", anchor_dir,
                           distrust_dir != NULL ? distrust_dir : "",
                           staging_dir, tool, NULL);

  return g_strv_builder_end (builder);
}

static gboolean
stage (const char   *staging,
       GPtrArray    *wanted,
       gboolean      with_distrust,
       SystemLayout *layout,
       GPtrArray    *new_records,
       GError      **error)
{
  for (guint i = 0; i < wanted->len; i++)
    {
      CdTrustItem *item = g_ptr_array_index (wanted, i);
      gboolean anchor = item->trust == CD_TRUST_ANCHOR;
      g_autofree char *pem = _cd_trust_item_to_pem (item);
      g_autofree char *name = NULL;
      g_autofree char *sub = NULL;
      g_autofree char *path = NULL;
      g_autofree char *location = NULL;

      if (!anchor && !with_distrust)
        continue;

      /* update-ca-certificates takes only *.crt. */
      name = g_strconcat ("certdesk-", item->sha256, anchor ? ".crt" : ".pem", NULL);
      sub = g_build_filename (staging, anchor ? "anchors" : "distrust", NULL);
      path = g_build_filename (sub, name, NULL);

      if (g_mkdir_with_parents (sub, 0700) != 0 || pem == NULL ||
          !g_file_set_contents (path, pem, -1, error))
        {
          if (error != NULL && *error == NULL)
            g_set_error (error, CD_TRUST_ERROR, CD_TRUST_ERROR_IO,
                         _("%s could not be written."), path);
          return FALSE;
        }

      location = g_build_filename (anchor ? layout->anchor_dir : layout->distrust_dir,
                                   name, NULL);
      g_ptr_array_add (new_records, _cd_trust_record_new (item->sha256, item->trust, location));
    }

  return TRUE;
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GFile) file = g_file_new_for_path (dir);
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children != NULL &&
         g_file_enumerator_iterate (children, &info, NULL, NULL, NULL) && info != NULL)
    {
      g_autofree char *child = g_build_filename (dir, g_file_info_get_name (info), NULL);

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (dir);
}

static gboolean
system_sync (CdTrustTarget  *target,
             GPtrArray      *wanted,
             GHashTable     *published,
             GPtrArray      *out_records,
             GError        **error)
{
  g_autofree char *pkexec = _cd_trust_find_program ("pkexec");
  g_autofree char *staging = NULL;
  g_autoptr(GPtrArray) new_records = NULL;
  g_auto(GStrv) argv = NULL;
  SystemLayout layout;
  gboolean ok;

  find_layout (&layout);
  if (pkexec == NULL || layout.flavor == CD_TRUST_SYSTEM_NONE)
    {
      g_free (layout.tool);
      _cd_trust_keep_all (published, out_records);
      g_set_error_literal (error, CD_TRUST_ERROR, CD_TRUST_ERROR_UNAVAILABLE,
                           cd_trust_target_get_unavailable_reason (target));
      return FALSE;
    }

  staging = g_dir_make_tmp ("certdesk-system-trust-XXXXXX", error);
  if (staging == NULL)
    {
      g_free (layout.tool);
      _cd_trust_keep_all (published, out_records);
      return FALSE;
    }

  new_records = g_ptr_array_new_with_free_func ((GDestroyNotify)_cd_trust_record_free);
  ok = stage (staging, wanted, layout.distrust_dir != NULL, &layout, new_records, error);
  if (ok)
    {
      argv = _cd_trust_system_build_argv (pkexec, layout.flavor, layout.tool,
                                          layout.anchor_dir, layout.distrust_dir, staging);
      ok = _cd_trust_run ((const char * const *)argv, "pkexec", error);
    }

  remove_tree (staging);
  g_free (layout.tool);

  /* The script replaces all of ours at once, or fails before its tool
   * ran: on failure, count what was there as still there.
   */
  if (ok)
    g_ptr_array_extend_and_steal (out_records, g_steal_pointer (&new_records));
  else
    _cd_trust_keep_all (published, out_records);

  return ok;
}

static void
system_discover (GPtrArray *targets)
{
  g_autofree char *pkexec = _cd_trust_find_program ("pkexec");
  SystemLayout layout;
  CdTrustTarget *target;

  find_layout (&layout);

  target = _cd_trust_target_new (&_cd_trust_system_backend, NULL,
                                 _("System trust"),
                                 _("Every program and every user on this computer; asks for an administrator’s password at each change"),
                                 layout.anchor_dir != NULL ? layout.anchor_dir : "");
  _cd_trust_target_set_supports_distrust (target, layout.distrust_dir != NULL);
  g_ptr_array_add (targets, target);

  if (g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
    _cd_trust_target_set_unavailable (target,
                                      _("Certdesk runs in a Flatpak sandbox, which cannot change the system."));
  else if (layout.flavor == CD_TRUST_SYSTEM_NONE)
    _cd_trust_target_set_unavailable (target,
                                      _("Neither update-ca-certificates nor update-ca-trust is installed."));
  else if (pkexec == NULL)
    _cd_trust_target_set_unavailable (target,
                                      _("pkexec is not installed (package pkexec or polkit)."));

  g_free (layout.tool);
}

const CdTrustBackend _cd_trust_system_backend = {
  .id = CD_TRUST_TARGET_SYSTEM,
  .supports_distrust = FALSE,
  .discover = system_discover,
  .sync = system_sync,
};
