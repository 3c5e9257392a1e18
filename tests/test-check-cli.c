/* test-check-cli.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* "certdesk-cli profiles" and "certdesk-cli check", spawned
 * ($CD_TEST_CLI) with an XDG_DATA_HOME of their own, on files
 * make-check-fixtures.sh made: exit statuses 0 / 1 / 2, the text lines
 * and the JSON, a fingerprint whose chain comes from the stores, and a
 * broken user profile reported on standard error without failing.
 */

#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include <json-glib/json-glib.h>

#include "cd-test-utils.h"

static char *fixtures;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static char *
fixture (const char *name)
{
  return g_build_filename (fixtures, name, NULL);
}

/* Runs the CLI with @data_home as XDG_DATA_HOME; NULL ends the arguments. */
static void
run_cli (Run        *run,
         const char *data_home,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;
  int wait_status = 0;

  g_ptr_array_add (argv, (char *)g_getenv ("CD_TEST_CLI"));
  va_start (args, data_home);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *)arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_setenv (envp, "XDG_DATA_HOME", data_home, TRUE);
  g_spawn_sync (NULL, (char **)argv->pdata, envp, G_SPAWN_STDIN_FROM_DEV_NULL, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);

  return json_node_copy (json_parser_get_root (parser));
}

static void
test_cli_profiles (void)
{
  g_autofree char *home = cd_test_make_tmpdir ();
  g_autofree char *dir = g_build_filename (home, "certdesk", "profiles", NULL);
  g_autofree char *broken = g_build_filename (dir, "broken.profile", NULL);
  g_autoptr(GError) error = NULL;
  g_auto(Run) text = { 0 };
  g_auto(Run) json = { 0 };
  g_auto(Run) usage = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;
  gboolean found = FALSE;

  run_cli (&text, home, "profiles", NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_cmpstr (text.err, ==, "");
  g_assert_nonnull (strstr (text.out, "tls-server  "));
  g_assert_nonnull (strstr (text.out, "13 rules"));
  g_assert_nonnull (strstr (text.out, "Generic TLS server\n"));

  /* A broken user file: named on stderr with its line; still exit 0. */
  g_mkdir_with_parents (dir, 0700);
  g_file_set_contents (broken, "[Profile]\nId=broken\nName=Broken\nnot a key\n", -1, &error);
  g_assert_no_error (error);

  run_cli (&json, home, "profiles", "--json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  g_assert_nonnull (strstr (json.err, "broken.profile:4: "));
  /* One line for the one file. */
  g_assert_true (g_str_has_suffix (json.err, "\n"));
  g_assert_true (strchr (json.err, '\n') == json.err + strlen (json.err) - 1);

  root = parse_json (json.out);
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), >=, 2);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      g_assert_cmpstr (json_object_get_string_member (object, "id"), !=, "broken");
      if (g_str_equal (json_object_get_string_member (object, "id"), "tls-client"))
        {
          found = TRUE;
          g_assert_cmpstr (json_object_get_string_member (object, "role"), ==, "client");
          g_assert_cmpint (json_object_get_int_member (object, "rules"), ==, 9);
          g_assert_cmpint (json_object_get_int_member (object, "steps"), ==, 3);
          g_assert_false (json_object_get_boolean_member (object, "user"));
          g_assert_cmpstr (json_object_get_string_member (object, "vendor"), ==, "");
        }
    }
  g_assert_true (found);

  run_cli (&usage, home, "profiles", "extra", NULL);
  g_assert_cmpint (usage.status, ==, 2);

  cd_test_run_command ("rm -rf '%s'", home);
}

static void
test_cli_check_files (void)
{
  g_autofree char *home = cd_test_make_tmpdir ();
  g_autofree char *good = fixture ("good.pem");
  g_autofree char *bad = fixture ("bad.pem");
  g_autofree char *csr = fixture ("good.csr");
  g_autofree char *nosan = fixture ("nosan.pem");
  g_auto(Run) pass = { 0 };
  g_auto(Run) fail = { 0 };
  g_auto(Run) request = { 0 };
  g_auto(Run) warn = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonArray *results;
  guint n_fail = 0;

  /* Nothing in the stores: the chain is incomplete, the rest passes. */
  run_cli (&pass, home, "check", "--profile", "tls-server", "--at", "2026-06-01", good, NULL);
  g_assert_cmpint (pass.status, ==, 1);
  g_assert_nonnull (strstr (pass.out, "PASS  key  The key is RSA of at least 2048 bits"));
  g_assert_nonnull (strstr (pass.out, " — The key is RSA 2048 bits.\n"));
  g_assert_nonnull (strstr (pass.out, "FAIL  chain  "));
  g_assert_nonnull (strstr (pass.out, "      Source: RFC 5246 §7.4.2\n"));

  run_cli (&fail, home, "check", "--profile", "tls-server", "--at", "2026-06-01", "--json", bad, NULL);
  g_assert_cmpint (fail.status, ==, 1);
  root = parse_json (fail.out);
  object = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (object, "profile"), ==, "tls-server");
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "fail");
  results = json_object_get_array_member (object, "results");
  g_assert_cmpuint (json_array_get_length (results), ==, 13);
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonObject *result = json_array_get_object_element (results, i);

      if (g_str_equal (json_object_get_string_member (result, "status"), "fail"))
        {
          n_fail++;
          g_assert_false (json_object_get_null_member (result, "hint"));
        }
      if (g_str_equal (json_object_get_string_member (result, "rule"), "digest"))
        g_assert_cmpstr (json_object_get_string_member (result, "message"), ==,
                         "The signature uses sha1; the device takes sha256, sha384, sha512.");
    }
  /* key, digest, ku, eku, end-entity, unknown-critical, chain */
  g_assert_cmpuint (n_fail, ==, 7);

  /* A request: the certificate-only rules are not applicable. */
  run_cli (&request, home, "check", "--profile", "tls-server", csr, NULL);
  g_assert_cmpint (request.status, ==, 0);
  g_assert_nonnull (strstr (request.out, "N/A   expiry  "));
  g_assert_nonnull (strstr (request.out, "N/A   chain  "));

  /* No SAN is an error of this profile. */
  run_cli (&warn, home, "check", "--profile", "tls-server", "--at", "2026-01-10", nosan, NULL);
  g_assert_cmpint (warn.status, ==, 1);
  g_assert_nonnull (strstr (warn.out, "FAIL  san  "));

  cd_test_run_command ("rm -rf '%s'", home);
}

/* A fingerprint: its chain comes from the stores, trusted through the
 * root imported into Trusted Root Certification Authorities.
 */
static void
test_cli_check_fingerprint (void)
{
  g_autofree char *home = cd_test_make_tmpdir ();
  g_autofree char *root_pem = fixture ("root.pem");
  g_autofree char *good = fixture ("good.pem");
  g_autofree char *fingerprint = NULL;
  g_auto(Run) import_root = { 0 };
  g_auto(Run) import_good = { 0 };
  g_auto(Run) check = { 0 };
  g_auto(Run) warn = { 0 };
  g_auto(Run) export = { 0 };
  g_auto(Run) missing = { 0 };
  g_auto(Run) usage = { 0 };
  g_auto(Run) unknown = { 0 };
  g_auto(Run) bad_param = { 0 };
  const char *out;

  run_cli (&import_root, home, "import", "--store", "root", root_pem, NULL);
  g_assert_cmpint (import_root.status, ==, 0);
  run_cli (&import_good, home, "import", "--store", "addressbook", good, NULL);
  g_assert_cmpint (import_good.status, ==, 0);

  {
    g_autofree char *command = g_strdup_printf ("openssl x509 -in '%s' -noout -fingerprint -sha256", good);
    g_autofree char *stdout_text = NULL;
    g_autoptr(GString) hex = g_string_new (NULL);

    g_spawn_command_line_sync (command, &stdout_text, NULL, NULL, NULL);
    out = strchr (stdout_text, '=') + 1;
    for (const char *p = out; *p != '\0' && *p != '\n'; p++)
      {
        if (*p != ':')
          g_string_append_c (hex, g_ascii_tolower (*p));
      }
    fingerprint = g_string_free (g_steal_pointer (&hex), FALSE);
  }

  run_cli (&check, home, "check", "--profile", "tls-server", "--at", "2026-06-01", fingerprint, NULL);
  g_assert_cmpint (check.status, ==, 0);
  g_assert_nonnull (strstr (check.out, "PASS  chain  The chain is complete up to a trusted root — "
                                       "The chain has 2 certificates, up to the trusted root “Check Root CA”."));
  g_assert_null (strstr (check.out, "FAIL"));

  /* Within the expiry window: a warning, still exit 0. */
  run_cli (&warn, home, "check", "--profile", "tls-server", "--at", "2026-11-20", fingerprint, NULL);
  g_assert_cmpint (warn.status, ==, 0);
  g_assert_nonnull (strstr (warn.out, "WARN  expiry  "));
  g_assert_nonnull (strstr (warn.out, "Expires on 2026-12-01, in 11 days."));

  /* An export format that does not exist is a usage error. */
  run_cli (&export, home, "check", "--profile", "tls-server", "--export", "zip", fingerprint, NULL);
  g_assert_cmpint (export.status, ==, 2);
  g_assert_nonnull (strstr (export.err, "“zip” is not an export format"));

  run_cli (&missing, home, "check", "--profile", "tls-server", "ffff00", NULL);
  g_assert_cmpint (missing.status, ==, 2);
  g_assert_cmpstr (missing.out, ==, "");
  g_assert_nonnull (strstr (missing.err, "certdesk-cli list"));

  run_cli (&usage, home, "check", fingerprint, NULL);
  g_assert_cmpint (usage.status, ==, 2);
  g_assert_nonnull (strstr (usage.err, "--profile"));

  run_cli (&unknown, home, "check", "--profile", "no-such-device", fingerprint, NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "no-such-device"));

  run_cli (&bad_param, home, "check", "--profile", "tls-server", "--param", "fqdn", fingerprint, NULL);
  g_assert_cmpint (bad_param.status, ==, 2);
  g_assert_nonnull (strstr (bad_param.err, "NAME=VALUE"));

  cd_test_run_command ("rm -rf '%s'", home);
}

/* A user profile with a parameter and an export rule, end to end. */
static void
test_cli_check_user_profile (void)
{
  g_autofree char *home = cd_test_make_tmpdir ();
  g_autofree char *dir = g_build_filename (home, "certdesk", "profiles", NULL);
  g_autofree char *path = g_build_filename (dir, "pbx.profile", NULL);
  g_autofree char *good = fixture ("good.pem");
  g_autoptr(GError) error = NULL;
  g_auto(Run) no_param = { 0 };
  g_auto(Run) right = { 0 };
  g_auto(Run) wrong = { 0 };
  const char *profile =
    "[Profile]\nId=pbx\nName=Test PBX\nDescription=d\nDocument=Test PBX guide\nRole=server\n"
    "[Export]\nFormat=pkcs12\nIncludeChain=true\n"
    "[Rule fqdn]\nKind=cn-matches\nParameter=fqdn\nSeverity=error\nTitle=The CN is the PBX's name\nSource=§2\n"
    "[Rule export]\nKind=export-format\nFormats=pkcs12;\nIncludeChain=true\nSeverity=error\n"
    "Title=The export is PKCS#12 with the chain\nSource=§3\n";

  g_mkdir_with_parents (dir, 0700);
  g_file_set_contents (path, profile, -1, &error);
  g_assert_no_error (error);

  run_cli (&no_param, home, "check", "--profile", "pbx", good, NULL);
  g_assert_cmpint (no_param.status, ==, 0);
  g_assert_nonnull (strstr (no_param.out, "N/A   fqdn  "));
  g_assert_nonnull (strstr (no_param.out, "N/A   export  "));

  run_cli (&right, home, "check", "--profile", "pbx", "--param", "fqdn=good.example.test",
           "--export", "pkcs12", good, NULL);
  g_assert_cmpint (right.status, ==, 0);
  g_assert_nonnull (strstr (right.out, "PASS  fqdn  "));
  g_assert_nonnull (strstr (right.out, "PASS  export  "));

  run_cli (&wrong, home, "check", "--profile", "pbx", "--param", "fqdn=pbx.example.test",
           "--export", "pem", good, NULL);
  g_assert_cmpint (wrong.status, ==, 1);
  g_assert_nonnull (strstr (wrong.out, "FAIL  fqdn  "));
  g_assert_nonnull (strstr (wrong.out, "FAIL  export  The export is PKCS#12 with the chain — "
                                       "The export is pem; the device takes pkcs12."));

  cd_test_run_command ("rm -rf '%s'", home);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  fixtures = cd_test_make_tmpdir ();
  cd_test_run_command ("sh '%s/make-check-fixtures.sh' '%s'", g_getenv ("G_TEST_SRCDIR"), fixtures);

  g_test_add_func ("/certdesk/check-cli/profiles", test_cli_profiles);
  g_test_add_func ("/certdesk/check-cli/files", test_cli_check_files);
  g_test_add_func ("/certdesk/check-cli/fingerprint", test_cli_check_fingerprint);
  g_test_add_func ("/certdesk/check-cli/user-profile", test_cli_check_user_profile);

  status = g_test_run ();
  cd_test_run_command ("rm -rf '%s'", fixtures);

  return status;
}
