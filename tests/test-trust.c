/* test-trust.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Trust publishing against the real tools: certutil reads the NSS
 * databases back, p11-kit's trust lists its anchors, and openssl
 * s_client verifies an openssl s_server on loopback with the published
 * folder. Every case has its own HOME (G_TEST_OPTION_ISOLATE_DIRS);
 * certificates go in through certdesk-cli, as a user's script would.
 */

#include "config.h"

#include <stdarg.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "cd-database.h"
#include "cd-errors.h"
#include "cd-trust-private.h"
#include "cd-test-utils.h"

/* The id p11-kit runs as in the root case: it ignores user settings
 * for root, as the target says.
 */
#define NOBODY "65534"

static char *
run_output (int        *out_status,
            const char *format,
            ...) G_GNUC_PRINTF (2, 3);

/* Runs a shell line; returns its stdout and stderr together. */
static char *
run_output (int        *out_status,
            const char *format,
            ...)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cmd = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  const char *argv[] = { "/bin/sh", "-c", NULL, NULL };
  va_list args;
  int status = 0;

  va_start (args, format);
  cmd = g_strdup_vprintf (format, args);
  va_end (args);

  /* The test's isolated folders, which GLib keeps to this process. */
  envp = g_environ_setenv (envp, "HOME", g_get_home_dir (), TRUE);
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  envp = g_environ_setenv (envp, "XDG_CONFIG_HOME", g_get_user_config_dir (), TRUE);

  argv[2] = cmd;
  g_spawn_sync (NULL, (char **)argv, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &out, &err, &status, &error);
  g_assert_no_error (error);

  if (out_status != NULL)
    *out_status = g_spawn_check_wait_status (status, NULL) ? 0 : 1;
  else if (!g_spawn_check_wait_status (status, NULL))
    g_error ("command failed: %s\nstdout:\n%s\nstderr:\n%s", cmd, out, err);

  return g_strconcat (out, err, NULL);
}

static const char *
cli (void)
{
  const char *path = g_getenv ("CD_TEST_CLI");

  g_assert_nonnull (path);
  return path;
}

static char *
nssdb (void)
{
  return g_strdup_printf ("sql:%s/.pki/nssdb", g_get_home_dir ());
}

static void
import_fixture (const char *name,
                const char *store)
{
  g_autofree char *path = cd_test_fixture (name);
  g_autofree char *out = run_output (NULL, "%s import --store %s %s", cli (), store, path);
}

/* The root, as certutil lists ours: "Certdesk - <name> (<fp>)". */
static gboolean
line_has (const char *text,
          const char *first,
          const char *second)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (strstr (lines[i], first) != NULL && (second == NULL || strstr (lines[i], second) != NULL))
        return TRUE;
    }

  return FALSE;
}

static CdTrustTarget *
find_target (GPtrArray  *targets,
             const char *id)
{
  for (guint i = 0; i < targets->len; i++)
    {
      if (g_str_equal (cd_trust_target_get_id (g_ptr_array_index (targets, i)), id))
        return g_ptr_array_index (targets, i);
    }

  return NULL;
}

static CdDatabase *
open_default_database (void)
{
  g_autofree char *path = cd_database_dup_default_path ();
  g_autoptr(GError) error = NULL;
  CdDatabase *database = cd_database_open (path, &error);

  g_assert_no_error (error);
  return database;
}

static void
test_trust_nss (void)
{
  g_autofree char *db = nssdb ();
  g_autofree char *mine = cd_test_fixture ("ec.pem");
  g_autofree char *out = NULL;
  g_autofree char *listed = NULL;
  g_autofree char *after = NULL;
  g_autofree char *dir = g_build_filename (g_get_home_dir (), ".pki", "nssdb", NULL);
  int status;

  import_fixture ("root.pem", "root");
  import_fixture ("other.pem", "disallowed");

  /* An entry of the user's own, in a database made before Certdesk. */
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_free (run_output (NULL, "certutil -N -d %s --empty-password", db));
  g_free (run_output (NULL, "certutil -A -d %s -n 'My own' -t 'C,,' -a -i %s", db, mine));

  out = run_output (NULL, "%s trust publish --target nss", cli ());
  g_assert_nonnull (strstr (out, "Published 2 certificates to NSS user database."));

  listed = run_output (NULL, "certutil -L -d %s", db);
  g_assert_true (line_has (listed, "Certdesk - Certdesk Test Root CA (", "C,,"));
  g_assert_true (line_has (listed, "Certdesk - person.example.test (", "p,p,p"));
  g_assert_true (line_has (listed, "My own", "C,,"));

  /* certutil finds it by the nickname we recorded. */
  g_free (run_output (&status, "certutil -L -d %s -n \"$(certutil -L -d %s | sed -n 's/^\\(Certdesk - Certdesk Test Root CA ([0-9A-F]*)\\).*/\\1/p')\"", db, db));
  g_assert_cmpint (status, ==, 0);

  g_free (run_output (NULL, "%s trust unpublish --target nss", cli ()));
  after = run_output (NULL, "certutil -L -d %s", db);
  g_assert_false (line_has (after, "Certdesk - ", NULL));
  g_assert_true (line_has (after, "My own", "C,,"));
}

static void
test_trust_firefox (void)
{
  g_autofree char *root = g_build_filename (g_get_home_dir (), ".mozilla", "firefox", NULL);
  g_autofree char *profile = g_build_filename (root, "abcd1234.default-release", NULL);
  g_autofree char *empty = g_build_filename (root, "efgh5678.new", NULL);
  g_autofree char *ini = g_build_filename (root, "profiles.ini", NULL);
  g_autoptr(CdDatabase) database = NULL;
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *listed = NULL;
  g_autofree char *json = NULL;
  const char *ini_text =
    "[Install4F96D1932A9F858E]\nDefault=abcd1234.default-release\n\n"
    "[Profile1]\nName=new\nIsRelative=1\nPath=efgh5678.new\n\n"
    "[Profile0]\nName=default-release\nIsRelative=1\nPath=abcd1234.default-release\nDefault=1\n\n"
    "[General]\nStartWithLastProfile=1\nVersion=2\n";

  g_assert_cmpint (g_mkdir_with_parents (profile, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (empty, 0700), ==, 0);
  g_assert_true (g_file_set_contents (ini, ini_text, -1, NULL));
  g_free (run_output (NULL, "certutil -N -d sql:%s --empty-password", profile));

  import_fixture ("root.pem", "root");

  database = open_default_database ();
  targets = cd_trust_list_targets (database, CD_TRUST_TARGET_FIREFOX, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (targets->len, ==, 2);
  for (guint i = 0; i < targets->len; i++)
    {
      CdTrustTarget *target = g_ptr_array_index (targets, i);

      if (g_str_equal (cd_trust_target_get_instance (target), profile))
        {
          g_assert_cmpstr (cd_trust_target_get_title (target), ==, "Firefox profile “default-release”");
          g_assert_true (cd_trust_target_get_available (target));
        }
      else
        {
          /* A profile Firefox never ran has no cert9.db to write. */
          g_assert_cmpstr (cd_trust_target_get_instance (target), ==, empty);
          g_assert_false (cd_trust_target_get_available (target));
          g_assert_nonnull (strstr (cd_trust_target_get_unavailable_reason (target), "start Firefox"));
        }
    }

  /* Without --target, only the available profile is taken. */
  g_free (run_output (NULL, "%s trust publish", cli ()));
  listed = run_output (NULL, "certutil -L -d sql:%s", profile);
  g_assert_true (line_has (listed, "Certdesk - Certdesk Test Root CA (", "C,,"));

  json = run_output (NULL, "%s trust status --target firefox --json", cli ());
  g_assert_nonnull (strstr (json, "\"title\" : \"Firefox profile “default-release”\""));
  g_assert_nonnull (strstr (json, "\"published\" : 1"));

  /* Naming the kind takes the unavailable profile too, and says why. */
  {
    int status;
    g_autofree char *out = run_output (&status, "%s trust publish --target firefox", cli ());

    g_assert_cmpint (status, !=, 0);
    g_assert_nonnull (strstr (out, "Firefox profile “new” cannot be used here"));
  }
}

/* p11-kit reads ~/.config/pkcs11 only for users other than root, so as
 * root the CLI and `trust` run as nobody, in a HOME of nobody's.
 */
static char *
p11kit_prefix (const char *home)
{
  if (geteuid () != 0)
    return g_strdup ("env");

  return g_strdup_printf ("setpriv --reuid=" NOBODY " --regid=" NOBODY " --clear-groups"
                          " env -u DBUS_SESSION_BUS_ADDRESS HOME=%s XDG_DATA_HOME=%s/.local/share"
                          " XDG_CONFIG_HOME=%s/.config",
                          home, home, home);
}

static void
test_trust_p11kit (void)
{
  g_autofree char *home = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *root = cd_test_fixture ("root.pem");
  g_autofree char *other = cd_test_fixture ("other.pem");
  g_autofree char *out = NULL;
  g_autofree char *anchors = NULL;
  g_autofree char *blocked = NULL;
  g_autofree char *after = NULL;
  g_autofree char *config = NULL;
  g_autofree char *trust = g_find_program_in_path ("trust");

  if (trust == NULL)
    {
      g_test_skip ("p11-kit's trust tool is not installed");
      return;
    }

  if (geteuid () == 0)
    {
      g_autoptr(CdDatabase) database = open_default_database ();
      g_autoptr(GPtrArray) targets = cd_trust_list_targets (database, CD_TRUST_TARGET_P11_KIT, NULL);

      g_assert_false (cd_trust_target_get_available (g_ptr_array_index (targets, 0)));
      g_assert_nonnull (strstr (cd_trust_target_get_unavailable_reason (g_ptr_array_index (targets, 0)),
                                "root"));

      /* In /tmp itself: nobody cannot pass the session's 0700 folders. */
      home = g_dir_make_tmp ("certdesk-nobody-XXXXXX", NULL);
      g_assert_nonnull (home);
      g_free (run_output (NULL, "chmod 0755 %s && cp %s %s/root.pem && cp %s %s/other.pem"
                                " && chown -R " NOBODY ":" NOBODY " %s",
                          home, root, home, other, home, home));
    }
  else
    {
      home = g_strdup (g_get_home_dir ());
      g_free (run_output (NULL, "cp %s %s/root.pem && cp %s %s/other.pem", root, home, other, home));
    }

  prefix = p11kit_prefix (home);
  g_free (run_output (NULL, "%s %s import --store root %s/root.pem", prefix, cli (), home));
  g_free (run_output (NULL, "%s %s import --store disallowed %s/other.pem", prefix, cli (), home));

  out = run_output (NULL, "%s %s trust publish --target p11-kit", prefix, cli ());
  g_assert_nonnull (strstr (out, "Published 2 certificates to p11-kit user trust."));

  config = g_build_filename (home, ".config", "pkcs11", "modules", "p11-kit-trust.module", NULL);
  g_assert_true (g_file_test (config, G_FILE_TEST_EXISTS));

  anchors = run_output (NULL, "%s trust list --filter=ca-anchors", prefix);
  g_assert_nonnull (strstr (anchors, "label: Certdesk Test Root CA"));
  /* The distribution's anchors are still there after ours. */
  g_assert_nonnull (strstr (anchors, "label: ISRG Root X1"));

  blocked = run_output (NULL, "%s trust list --filter=blocklist", prefix);
  g_assert_nonnull (strstr (blocked, "label: person.example.test"));
  g_assert_nonnull (strstr (blocked, "trust: distrusted"));

  g_free (run_output (NULL, "%s %s trust unpublish --target p11-kit", prefix, cli ()));
  after = run_output (NULL, "%s trust list --filter=trust-policy", prefix);
  g_assert_null (strstr (after, "Certdesk Test Root CA"));
  g_assert_null (strstr (after, "person.example.test"));
  g_assert_false (g_file_test (config, G_FILE_TEST_EXISTS));

  if (geteuid () == 0)
    g_free (run_output (NULL, "rm -rf %s", home));
}

/* Starts openssl s_server on a free loopback port with the leaf and
 * its intermediate; returns the port. Its stdin stays open: s_server
 * stops at end of input.
 */
static GSubprocess *
start_server (guint *out_port)
{
  g_autofree char *leaf = cd_test_fixture ("leaf.pem");
  g_autofree char *key = cd_test_fixture ("leaf.key");
  g_autofree char *chain = cd_test_fixture ("int.pem");
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;

  server = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                             G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                             &error, "openssl", "s_server", "-accept", "127.0.0.1:0",
                             "-cert", leaf, "-key", key, "-cert_chain", chain, NULL);
  g_assert_no_error (error);

  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server));
  for (;;)
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
      const char *colon;

      g_assert_no_error (error);
      g_assert_nonnull (line);
      if (!g_str_has_prefix (line, "ACCEPT "))
        continue;

      colon = strrchr (line, ':');
      g_assert_nonnull (colon);
      *out_port = atoi (colon + 1);
      break;
    }

  return g_steal_pointer (&server);
}

static int
connect_with_capath (guint       port,
                     const char *capath)
{
  int status;
  g_autofree char *out = run_output (&status,
                                     "openssl s_client -connect 127.0.0.1:%u -CApath %s"
                                     " -no-CAfile -no-CAstore -verify_return_error -brief"
                                     " </dev/null",
                                     port, capath);

  g_test_message ("s_client: %s", out);
  return status;
}

static void
test_trust_openssl_dir (void)
{
  g_autofree char *dir = cd_trust_dup_openssl_dir ();
  g_autofree char *line = cd_trust_dup_openssl_export_line ();
  g_autofree char *readme = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *root = cd_test_fixture ("root.pem");
  g_autofree char *first = NULL;
  g_autoptr(GSubprocess) server = NULL;
  guint port = 0;

  import_fixture ("root.pem", "root");
  g_free (run_output (NULL, "%s trust publish --target openssl-dir", cli ()));

  /* Named by OpenSSL's own subject hash, as c_rehash would. */
  hash = run_output (NULL, "openssl x509 -noout -hash -in %s", root);
  g_strstrip (hash);
  first = g_strdup_printf ("%s/%s.0", dir, hash);
  g_assert_true (g_file_test (first, G_FILE_TEST_EXISTS));

  g_assert_true (g_str_has_prefix (line, "export SSL_CERT_DIR="));
  g_assert_nonnull (strstr (line, dir));
  readme = g_build_filename (dir, "README", NULL);
  g_assert_true (g_file_test (readme, G_FILE_TEST_EXISTS));

  server = start_server (&port);
  g_assert_cmpint (connect_with_capath (port, dir), ==, 0);

  g_free (run_output (NULL, "%s trust unpublish --target openssl-dir", cli ()));
  g_assert_false (g_file_test (first, G_FILE_TEST_EXISTS));
  g_assert_cmpint (connect_with_capath (port, dir), !=, 0);

  g_subprocess_force_exit (server);
  g_subprocess_wait (server, NULL, NULL);
}

/* Leaving Trusted Root leaves every target at the next sync. */
static void
test_trust_sync_removes (void)
{
  g_autofree char *db = nssdb ();
  g_autofree char *dir = cd_trust_dup_openssl_dir ();
  g_autofree char *root = cd_test_fixture ("root.pem");
  g_autofree char *hash = NULL;
  g_autofree char *file = NULL;
  g_autofree char *listed = NULL;
  g_autofree char *fingerprint = NULL;
  g_autoptr(CdDatabase) database = NULL;
  g_autoptr(GPtrArray) publications = NULL;
  g_autoptr(GError) error = NULL;

  import_fixture ("root.pem", "root");
  import_fixture ("certtool-ca.pem", "root");
  g_free (run_output (NULL, "%s trust publish", cli ()));

  fingerprint = run_output (NULL, "openssl x509 -noout -fingerprint -sha256 -in %s"
                                  " | sed 's/.*=//; s/://g' | tr A-F a-f", root);
  g_strstrip (fingerprint);

  database = open_default_database ();
  publications = cd_trust_dup_publications_for (database, fingerprint, &error);
  g_assert_no_error (error);
  g_assert_nonnull (find_target (publications, CD_TRUST_TARGET_NSS));
  g_assert_nonnull (find_target (publications, CD_TRUST_TARGET_OPENSSL_DIR));
  g_assert_null (find_target (publications, CD_TRUST_TARGET_SYSTEM));
  g_clear_pointer (&publications, g_ptr_array_unref);

  g_free (run_output (NULL, "%s delete --store root %s", cli (), fingerprint));
  g_assert_true (cd_trust_sync_enabled (database, &error));
  g_assert_no_error (error);

  listed = run_output (NULL, "certutil -L -d %s", db);
  g_assert_false (line_has (listed, "Certdesk Test Root CA", NULL));
  g_assert_true (line_has (listed, "Certdesk - ", "C,,"));
  hash = run_output (NULL, "openssl x509 -noout -hash -in %s", root);
  g_strstrip (hash);
  file = g_strdup_printf ("%s/%s.0", dir, hash);
  g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));

  publications = cd_trust_dup_publications_for (database, fingerprint, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (publications->len, ==, 0);
}

/* The system target cannot run here (no pkexec, and no polkit agent to
 * answer it). What is checked: its availability, the command line it
 * builds, and the fixed script that command runs, run here without
 * pkexec against folders of the test's own and a tool that does nothing.
 */
static void
test_trust_system_command (void)
{
  g_autofree char *base = cd_test_make_tmpdir ();
  g_autofree char *anchors = g_build_filename (base, "anchors", NULL);
  g_autofree char *distrust = g_build_filename (base, "blocklist", NULL);
  g_autofree char *staging = g_build_filename (base, "staging", NULL);
  g_autofree char *staged = g_build_filename (staging, "anchors", NULL);
  g_autofree char *root = cd_test_fixture ("root.pem");
  g_autofree char *stale = g_build_filename (anchors, "certdesk-old.crt", NULL);
  g_autofree char *foreign = g_build_filename (anchors, "company.crt", NULL);
  g_autofree char *copied = g_build_filename (anchors, "certdesk-abc.crt", NULL);
  g_autoptr(CdDatabase) database = open_default_database ();
  g_autoptr(GPtrArray) targets = NULL;
  g_auto(GStrv) argv = NULL;
  g_autoptr(GError) error = NULL;
  CdTrustTarget *system;
  int status;

  targets = cd_trust_list_targets (database, CD_TRUST_TARGET_SYSTEM, &error);
  g_assert_no_error (error);
  system = g_ptr_array_index (targets, 0);
  if (g_find_program_in_path ("pkexec") == NULL && !g_file_test ("/usr/bin/pkexec", G_FILE_TEST_EXISTS))
    {
      g_assert_false (cd_trust_target_get_available (system));
      g_assert_false (cd_trust_publish (database, system, &error));
      g_assert_error (error, CD_TRUST_ERROR, CD_TRUST_ERROR_UNAVAILABLE);
      g_clear_error (&error);
    }

  argv = _cd_trust_system_build_argv ("/usr/bin/pkexec", CD_TRUST_SYSTEM_P11KIT,
                                      "/usr/bin/true", anchors, distrust, staging);
  g_assert_cmpuint (g_strv_length (argv), ==, 9);
  g_assert_cmpstr (argv[0], ==, "/usr/bin/pkexec");
  g_assert_cmpstr (argv[1], ==, "/bin/sh");
  g_assert_cmpstr (argv[2], ==, "-c");
  g_assert_cmpstr (argv[4], ==, "certdesk-system-trust");
  g_assert_cmpstr (argv[5], ==, anchors);
  g_assert_cmpstr (argv[6], ==, distrust);
  g_assert_cmpstr (argv[7], ==, staging);
  g_assert_cmpstr (argv[8], ==, "/usr/bin/true");

  /* The script: ours replaced, others' kept, the tool run. */
  g_assert_cmpint (g_mkdir_with_parents (anchors, 0755), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (staged, 0700), ==, 0);
  g_assert_true (g_file_set_contents (stale, "old", -1, NULL));
  g_assert_true (g_file_set_contents (foreign, "theirs", -1, NULL));
  g_free (run_output (NULL, "cp %s %s/certdesk-abc.crt", root, staged));

  g_spawn_sync (NULL, argv + 1, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (foreign, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (copied, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (distrust, G_FILE_TEST_IS_DIR));

  /* A failing tool fails the sync. */
  g_free (argv[8]);
  argv[8] = g_strdup ("/bin/false");
  g_spawn_sync (NULL, argv + 1, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_false (g_spawn_check_wait_status (status, NULL));
}

static void
test_trust_cli_usage (void)
{
  int status;
  g_autofree char *out = run_output (&status, "%s trust publish --target chrome", cli ());
  g_autofree char *out2 = NULL;

  g_assert_cmpint (status, !=, 0);
  g_assert_nonnull (strstr (out, "“chrome” is not a trust target"));

  out2 = run_output (&status, "%s trust frobnicate", cli ());
  g_assert_cmpint (status, !=, 0);
  g_assert_nonnull (strstr (out2, "“frobnicate” is not a trust action"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/certdesk/trust/nss", test_trust_nss);
  g_test_add_func ("/certdesk/trust/firefox", test_trust_firefox);
  g_test_add_func ("/certdesk/trust/p11-kit", test_trust_p11kit);
  g_test_add_func ("/certdesk/trust/openssl-dir", test_trust_openssl_dir);
  g_test_add_func ("/certdesk/trust/sync-removes", test_trust_sync_removes);
  g_test_add_func ("/certdesk/trust/system-command", test_trust_system_command);
  g_test_add_func ("/certdesk/trust/cli-usage", test_trust_cli_usage);

  return g_test_run ();
}
