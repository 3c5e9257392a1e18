/* test-cli.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* certdesk-cli as people and scripts run it: the real program
 * ($CD_TEST_CLI) is spawned with an XDG_DATA_HOME of its own per test
 * and standard input from /dev/null (or a pseudo-terminal where a
 * person types a password), on files made by openssl and certtool,
 * against the session's real keyring. Outputs are checked against what
 * openssl itself says about the same files.
 */

/* posix_openpt() and friends */
#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <glib-unix.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "cd-certificate.h"
#include "cd-database.h"
#include "cd-errors.h"
#include "cd-importer.h"
#include "cd-keyring.h"
#include "cd-store-kind.h"
#include "cd-test-utils.h"

/* How long to wait for a prompt or a program before failing the test. */
#define WAIT_MS 30000

typedef struct
{
  char  *data_home;
  char **envp;
} Fixture;

typedef struct
{
  int   status;
  char *out;
  char *err;
} CliRun;

static void
cli_run_free (CliRun *run)
{
  g_free (run->out);
  g_free (run->err);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CliRun, cli_run_free)

/* ------------------------------------------------------------------ */
/* Running the program                                                  */
/* ------------------------------------------------------------------ */

static const char *
cli_path (void)
{
  const char *path = g_getenv ("CD_TEST_CLI");

  g_assert_nonnull (path);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_EXECUTABLE));

  return path;
}

/* The caller's environment, with the test's data folder, UTC dates
 * and any "NAME=VALUE" in @extra.
 */
static char **
make_envp (const char         *data_home,
           const char * const *extra)
{
  char **envp = g_get_environ ();

  envp = g_environ_setenv (envp, "XDG_DATA_HOME", data_home, TRUE);
  envp = g_environ_setenv (envp, "TZ", "UTC", TRUE);
  for (guint i = 0; extra != NULL && extra[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (extra[i], "=", 2);

      envp = g_environ_setenv (envp, pair[0], pair[1], TRUE);
    }

  return envp;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->data_home = cd_test_make_tmpdir ();
  f->envp = make_envp (f->data_home, NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *quoted = g_shell_quote (f->data_home);

  cd_test_run_command ("rm -rf %s", quoted);
  g_clear_pointer (&f->data_home, g_free);
  g_clear_pointer (&f->envp, g_strfreev);
}

static CliRun *
run_argv (char       **envp,
          const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  CliRun *run = g_new0 (CliRun, 1);
  int wait_status = 0;

  g_spawn_sync (NULL, (char **)argv, envp, G_SPAWN_STDIN_FROM_DEV_NULL, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);

  if (!WIFEXITED (wait_status))
    g_error ("%s died with signal %d; its standard error:\n%s",
             argv[0], WTERMSIG (wait_status), run->err);
  run->status = WEXITSTATUS (wait_status);

  return run;
}

/* Runs certdesk-cli with the arguments that follow, up to NULL. */
static CliRun *
run_cli_envp (char       **envp,
              const char  *first_arg,
              ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  va_list args;

  g_ptr_array_add (argv, (char *)cli_path ());
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *)arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  return run_argv (envp, (const char * const *)argv->pdata);
}

#define run_cli(f, ...) run_cli_envp ((f)->envp, __VA_ARGS__, NULL)

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\n')
        n++;
    }

  return n;
}

static void
assert_ok (CliRun *run)
{
  if (run->status != 0 || run->err[0] != '\0')
    g_error ("certdesk-cli exited with %d; standard error:\n%s", run->status, run->err);
}

/* A failure is exactly one line per failed thing on standard error,
 * each saying who speaks.
 */
static void
assert_failed (CliRun *run,
               int     status,
               guint   n_errors)
{
  g_auto(GStrv) lines = NULL;

  if (run->status != status)
    g_error ("expected exit status %d, got %d; standard error:\n%s",
             status, run->status, run->err);

  g_assert_cmpuint (count_lines (run->err), ==, n_errors);
  g_assert_true (g_str_has_suffix (run->err, "\n"));

  lines = g_strsplit (run->err, "\n", -1);
  for (guint i = 0; i < n_errors; i++)
    {
      g_assert_true (g_str_has_prefix (lines[i], "certdesk-cli: "));
      g_assert_cmpuint (strlen (lines[i]), >, strlen ("certdesk-cli: ") + 10);
    }
}

static gboolean
contains_casefold (const char *haystack,
                   const char *needle)
{
  g_autofree char *h = g_utf8_casefold (haystack, -1);
  g_autofree char *n = g_utf8_casefold (needle, -1);

  return strstr (h, n) != NULL;
}

static char *
write_file (Fixture    *f,
            const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->data_home, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);

  return path;
}

static char *
database_path (Fixture *f)
{
  return g_build_filename (f->data_home, "certdesk", "certdesk.db", NULL);
}

/* ------------------------------------------------------------------ */
/* Reading what the program says                                        */
/* ------------------------------------------------------------------ */

/* "list --json", raw: two equal dumps mean an unchanged database. */
static char *
dump (Fixture *f)
{
  g_autoptr(CliRun) run = run_cli (f, "list", "--json");

  assert_ok (run);

  return g_steal_pointer (&run->out);
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

static JsonArray *
list_json (Fixture *f)
{
  g_autofree char *text = dump (f);
  g_autoptr(JsonNode) root = parse_json (text);

  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));

  return json_array_ref (json_node_get_array (root));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

/* The stores holding certificates whose subject CN is @cn, sorted and
 * joined with commas, such as "addressbook,request".
 */
static char *
stores_of (JsonArray  *list,
           const char *cn)
{
  g_autoptr(GPtrArray) stores = g_ptr_array_new ();

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *row = json_array_get_object_element (list, i);

      if (g_strcmp0 (json_object_get_string_member (row, "subject_cn"), cn) == 0)
        g_ptr_array_add (stores, (char *)json_object_get_string_member (row, "store"));
    }

  g_ptr_array_sort (stores, compare_strings);
  g_ptr_array_add (stores, NULL);

  return g_strjoinv (",", (char **)stores->pdata);
}

#define assert_stores(list, cn, expected) \
  G_STMT_START { \
    g_autofree char *stores__ = stores_of ((list), (cn)); \
    g_assert_cmpstr (stores__, ==, (expected)); \
  } G_STMT_END

static JsonObject *
find_row (JsonArray  *list,
          const char *cn,
          const char *store)
{
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *row = json_array_get_object_element (list, i);

      if (g_strcmp0 (json_object_get_string_member (row, "subject_cn"), cn) == 0 &&
          g_strcmp0 (json_object_get_string_member (row, "store"), store) == 0)
        return row;
    }

  return NULL;
}

static const char *
row_sha256 (JsonArray *list,
            guint      i)
{
  return json_object_get_string_member (json_array_get_object_element (list, i), "sha256");
}

static gboolean
string_array_contains (JsonArray  *array,
                       const char *value)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      if (g_strcmp0 (json_array_get_string_element (array, i), value) == 0)
        return TRUE;
    }

  return FALSE;
}

static char *
run_tool (const char *command_line)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_command_line_sync (command_line, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", command_line, err);

  return out;
}

/* What openssl says a field of a certificate file is: the text after
 * the "=" of "openssl x509 -noout -OPTION".
 */
static char *
openssl_field (const char *fixture_name,
               const char *option)
{
  g_autofree char *path = cd_test_fixture (fixture_name);
  g_autofree char *quoted = g_shell_quote (path);
  g_autofree char *command = g_strdup_printf ("openssl x509 -in %s -noout %s", quoted, option);
  g_autofree char *out = run_tool (command);
  const char *value = strchr (out, '=');

  g_assert_nonnull (value);

  return g_strstrip (g_strdup (value + 1));
}

/* "AB:CD:…", as people copy it from other tools. */
static char *
openssl_fingerprint (const char *fixture_name)
{
  return openssl_field (fixture_name, "-fingerprint -sha256");
}

/* Lower-case hex without colons, as the JSON has it. */
static char *
openssl_sha256 (const char *fixture_name)
{
  g_autofree char *colons = openssl_fingerprint (fixture_name);
  GString *out = g_string_new (NULL);

  for (const char *p = colons; *p != '\0'; p++)
    {
      if (*p != ':')
        g_string_append_c (out, g_ascii_tolower (*p));
    }

  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------ */
/* Program basics                                                       */
/* ------------------------------------------------------------------ */

static void
test_cli_version (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(CliRun) run = run_cli (f, "--version");
  g_autofree char *expected = g_strdup_printf ("certdesk-cli %s\n", PACKAGE_VERSION);

  assert_ok (run);
  g_assert_cmpstr (run->out, ==, expected);
}

static void
test_cli_help (Fixture       *f,
               gconstpointer  data)
{
  static const char *commands[] = { "import", "list", "show", "delete" };
  g_autoptr(CliRun) run = run_cli (f, "--help");

  assert_ok (run);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_assert_nonnull (strstr (run->out, commands[i]));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autoptr(CliRun) help = run_cli (f, commands[i], "--help");
      g_autoptr(CliRun) help2 = run_cli (f, "help", commands[i]);
      g_autofree char *usage = NULL;

      usage = g_strdup_printf ("Usage:\n  certdesk-cli %s [OPTION…]", commands[i]);

      assert_ok (help);
      assert_ok (help2);
      g_assert_true (g_str_has_prefix (help->out, usage));
      g_assert_cmpstr (help->out, ==, help2->out);
    }

  /* Help never touches the database. */
  {
    g_autofree char *path = database_path (f);

    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  }
}

static void
test_cli_usage_errors (Fixture       *f,
                       gconstpointer  data)
{
  static const char *cases[][4] = {
    { NULL },
    { "frobnicate", NULL },
    { "help", "frobnicate", NULL },
    { "--frobnicate", NULL },
    { "list", "--frobnicate", NULL },
    { "list", "extra", NULL },
    { "list", "--store", "nosuchstore", NULL },
    { "import", NULL },
    { "import", "--store", "nosuchstore", NULL },
    { "show", NULL },
    { "show", "aa", "bb", NULL },
    { "show", "--json", "--pem", NULL },
    { "delete", NULL },
    { "delete", "--store", "nosuchstore", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) argv = g_ptr_array_new ();
      g_autoptr(CliRun) run = NULL;

      g_ptr_array_add (argv, (char *)cli_path ());
      for (guint j = 0; cases[i][j] != NULL; j++)
        g_ptr_array_add (argv, (char *)cases[i][j]);
      g_ptr_array_add (argv, NULL);

      run = run_argv (f->envp, (const char * const *)argv->pdata);
      assert_failed (run, 2, 1);
      g_assert_cmpstr (run->out, ==, "");
    }

  /* A wrong store name is named, and the right ones listed. */
  {
    g_autoptr(CliRun) run = run_cli (f, "list", "--store", "nosuchstore");

    g_assert_nonnull (strstr (run->err, "nosuchstore"));
    g_assert_nonnull (strstr (run->err, "addressbook"));
  }
}

/* ------------------------------------------------------------------ */
/* import                                                               */
/* ------------------------------------------------------------------ */

static void
test_cli_import_placement (Fixture       *f,
                           gconstpointer  data)
{
  static const char *files[] = {
    "root.pem", "int.pem", "other.pem", "leaf.csr", "certtool-ca.pem",
    "ec.pem", "ed25519.pem", "leaf.der",
  };
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(CliRun) run = NULL;
  g_autoptr(JsonArray) list = NULL;
  g_auto(GStrv) lines = NULL;
  JsonObject *request;

  g_ptr_array_add (argv, g_strdup (cli_path ()));
  g_ptr_array_add (argv, g_strdup ("import"));
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    g_ptr_array_add (argv, cd_test_fixture (files[i]));
  g_ptr_array_add (argv, NULL);

  run = run_argv (f->envp, (const char * const *)argv->pdata);
  assert_ok (run);

  /* One summary line per file, in order, naming the file. */
  lines = g_strsplit (run->out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, G_N_ELEMENTS (files) + 1);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *prefix = g_strdup_printf ("%s: ", (char *)argv->pdata[i + 2]);

      g_assert_true (g_str_has_prefix (lines[i], prefix));
    }

  /* Where Windows would put them. */
  list = list_json (f);
  g_assert_cmpuint (json_array_get_length (list), ==, G_N_ELEMENTS (files));
  assert_stores (list, "Certdesk Test Root CA", "root");
  assert_stores (list, "Certdesk Test Intermediate CA", "ca");
  assert_stores (list, "person.example.test", "addressbook");
  assert_stores (list, "Certdesk GnuTLS Test CA", "root");
  assert_stores (list, "ec.example.test", "addressbook");
  assert_stores (list, "ed25519.example.test", "addressbook");
  assert_stores (list, "server.example.test", "addressbook,request");

  request = find_row (list, "server.example.test", "request");
  g_assert_true (json_object_get_boolean_member (request, "is_request"));
}

typedef struct
{
  const char *file;
  guint       n_rows;
  const char *expected[4];   /* "subject CN=stores" */
} FormatCase;

static void
check_format_case (const FormatCase *c)
{
  Fixture local;
  g_autofree char *path = cd_test_fixture (c->file);
  g_autoptr(JsonArray) list = NULL;
  g_autoptr(CliRun) run = NULL;

  g_test_message ("importing %s", c->file);
  fixture_setup (&local, NULL);

  run = run_cli (&local, "import", path);
  assert_ok (run);
  g_assert_cmpuint (count_lines (run->out), ==, 1);

  list = list_json (&local);
  g_assert_cmpuint (json_array_get_length (list), ==, c->n_rows);
  for (guint i = 0; i < G_N_ELEMENTS (c->expected) && c->expected[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (c->expected[i], "=", 2);
      g_autofree char *stores = stores_of (list, pair[0]);

      g_assert_cmpstr (stores, ==, pair[1]);
    }

  fixture_teardown (&local, NULL);
}

#define CHAIN_PLACEMENT \
  { "server.example.test=addressbook", "Certdesk Test Intermediate CA=ca", \
    "Certdesk Test Root CA=root", NULL }

static void
test_cli_import_formats (Fixture       *f,
                         gconstpointer  data)
{
  static const FormatCase cases[] = {
    { "leaf.pem", 1, { "server.example.test=addressbook", NULL } },
    { "leaf.der", 1, { "server.example.test=addressbook", NULL } },
    { "leaf.b64", 1, { "server.example.test=addressbook", NULL } },
    { "chain.pem", 3, CHAIN_PLACEMENT },
    { "chain-crlf.pem", 3, CHAIN_PLACEMENT },
    { "chain-bom.pem", 3, CHAIN_PLACEMENT },
    { "chain-bagattrs.pem", 3, CHAIN_PLACEMENT },
    { "chain.p7b", 3, CHAIN_PLACEMENT },
    { "chain-der.p7b", 3, CHAIN_PLACEMENT },
    { "leaf.csr", 1, { "server.example.test=request", NULL } },
    { "leaf-csr.der", 1, { "server.example.test=request", NULL } },
    { "certtool-ca.pem", 1, { "Certdesk GnuTLS Test CA=root", NULL } },
    { "roots-bundle.pem", 20,
      { "Certdesk Bundle Root 1=root", "Certdesk Bundle Root 20=root", NULL } },
    { "ec.pem", 1, { "ec.example.test=addressbook", NULL } },
    { "ed25519.pem", 1, { "ed25519.example.test=addressbook", NULL } },
    { "other.pem", 1, { "person.example.test=addressbook", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    check_format_case (&cases[i]);
}

typedef struct
{
  const char *file;
  const char *password;   /* NULL: no --password-file at all */
} Pkcs12Case;

static void
test_cli_import_pkcs12 (Fixture       *f,
                        gconstpointer  data)
{
  static const Pkcs12Case cases[] = {
    { "leaf.pfx", CD_TEST_PASSWORD },
    { "leaf-legacy-rc2.pfx", CD_TEST_PASSWORD },
    { "leaf-3des.pfx", CD_TEST_PASSWORD },
    { "leaf-nopass.pfx", NULL },
    { "leaf-nopass.pfx", "" },
    { "leaf-utf8.pfx", CD_TEST_UTF8_PASSWORD },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Fixture local;
      g_autofree char *path = cd_test_fixture (cases[i].file);
      g_autofree char *password_file = NULL;
      g_autoptr(CliRun) run = NULL;
      g_autoptr(JsonArray) list = NULL;
      JsonObject *leaf;

      g_test_message ("importing %s", cases[i].file);
      fixture_setup (&local, NULL);

      if (cases[i].password != NULL)
        {
          g_autofree char *line = g_strdup_printf ("%s\n", cases[i].password);

          password_file = write_file (&local, "password.txt", line);
          run = run_cli (&local, "import", "--password-file", password_file, path);
        }
      else
        {
          run = run_cli (&local, "import", path);
        }
      assert_ok (run);

      list = list_json (&local);
      g_assert_cmpuint (json_array_get_length (list), ==, 3);
      assert_stores (list, "server.example.test", "my");
      assert_stores (list, "Certdesk Test Intermediate CA", "ca");
      assert_stores (list, "Certdesk Test Root CA", "root");

      leaf = find_row (list, "server.example.test", "my");
      g_assert_true (json_object_get_boolean_member (leaf, "has_private_key"));
      g_assert_cmpstr (json_object_get_string_member (leaf, "friendly_name"), ==, "Test Server");

      fixture_teardown (&local, NULL);
    }
}

/* A key alone, then its certificate: the certificate goes to Personal.
 * The same certificate without a known key goes to Other People.
 */
static void
test_cli_import_keys (Fixture       *f,
                      gconstpointer  data)
{
  static const char *key_files[] = { "leaf.key", "leaf-pkcs1.key", "leaf-enc.key" };
  g_autofree char *chain = cd_test_fixture ("chain.pem");

  {
    Fixture local;
    g_autoptr(CliRun) run = NULL;
    g_autoptr(JsonArray) list = NULL;

    fixture_setup (&local, NULL);
    run = run_cli (&local, "import", chain);
    assert_ok (run);
    list = list_json (&local);
    assert_stores (list, "server.example.test", "addressbook");
    g_assert_false (json_object_get_boolean_member (find_row (list, "server.example.test",
                                                              "addressbook"),
                                                    "has_private_key"));
    fixture_teardown (&local, NULL);
  }

  for (guint i = 0; i < G_N_ELEMENTS (key_files); i++)
    {
      Fixture local;
      g_autofree char *key = cd_test_fixture (key_files[i]);
      g_autofree char *password_file = NULL;
      g_autoptr(CliRun) key_run = NULL;
      g_autoptr(CliRun) run = NULL;
      g_autoptr(JsonArray) list = NULL;

      g_test_message ("importing %s, then chain.pem", key_files[i]);
      fixture_setup (&local, NULL);
      password_file = write_file (&local, "password.txt", CD_TEST_PASSWORD "\n");

      key_run = run_cli (&local, "import", "--password-file", password_file, key);
      assert_ok (key_run);
      g_assert_cmpuint (count_lines (key_run->out), ==, 1);
      g_assert_true (contains_casefold (key_run->out, "key"));

      /* A key is no certificate: the stores stay empty. */
      list = list_json (&local);
      g_assert_cmpuint (json_array_get_length (list), ==, 0);
      g_clear_pointer (&list, json_array_unref);

      run = run_cli (&local, "import", chain);
      assert_ok (run);
      list = list_json (&local);
      assert_stores (list, "server.example.test", "my");
      g_assert_true (json_object_get_boolean_member (find_row (list, "server.example.test", "my"),
                                                     "has_private_key"));
      assert_stores (list, "Certdesk Test Root CA", "root");

      fixture_teardown (&local, NULL);
    }
}

static void
test_cli_import_store_override (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *root = cd_test_fixture ("root.pem");
  g_autofree char *chain = cd_test_fixture ("chain.pem");
  g_autoptr(CliRun) run1 = NULL;
  g_autoptr(CliRun) run2 = NULL;
  g_autoptr(CliRun) run3 = NULL;
  g_autoptr(JsonArray) list = NULL;

  run1 = run_cli (f, "import", "--store", "trustedpeople", root);
  assert_ok (run1);
  list = list_json (f);
  assert_stores (list, "Certdesk Test Root CA", "trustedpeople");
  g_clear_pointer (&list, json_array_unref);

  run2 = run_cli (f, "import", root);
  assert_ok (run2);
  list = list_json (f);
  assert_stores (list, "Certdesk Test Root CA", "root,trustedpeople");
  g_clear_pointer (&list, json_array_unref);

  /* Store ids are not case-sensitive; every certificate of the file
   * goes to the store given.
   */
  run3 = run_cli (f, "import", "-s", "DISALLOWED", chain);
  assert_ok (run3);
  list = list_json (f);
  assert_stores (list, "server.example.test", "disallowed");
  assert_stores (list, "Certdesk Test Intermediate CA", "disallowed");
  assert_stores (list, "Certdesk Test Root CA", "disallowed,root,trustedpeople");
}

static void
test_cli_import_duplicates (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *root = cd_test_fixture ("root.pem");
  g_autofree char *bundle = cd_test_fixture ("roots-bundle.pem");
  g_autofree char *chain = cd_test_fixture ("chain.pem");
  g_autoptr(CliRun) first = NULL;
  g_autoptr(CliRun) second = NULL;
  g_autoptr(CliRun) bundles = NULL;
  g_autoptr(CliRun) chains = NULL;
  g_autoptr(JsonArray) list = NULL;

  first = run_cli (f, "import", root);
  assert_ok (first);
  second = run_cli (f, "import", root);
  assert_ok (second);

  /* The second summary says it was there already. */
  g_assert_cmpstr (first->out, !=, second->out);

  bundles = run_cli (f, "import", bundle, bundle);
  assert_ok (bundles);
  g_assert_cmpuint (count_lines (bundles->out), ==, 2);

  chains = run_cli (f, "import", chain, chain);
  assert_ok (chains);
  g_assert_cmpuint (count_lines (chains->out), ==, 2);

  list = list_json (f);
  g_assert_cmpuint (json_array_get_length (list), ==, 1 + 20 + 2);
  assert_stores (list, "Certdesk Test Root CA", "root");
  assert_stores (list, "Certdesk Bundle Root 5", "root");
}

/* ------------------------------------------------------------------ */
/* list                                                                 */
/* ------------------------------------------------------------------ */

static void
assert_iso8601 (const char *value)
{
  g_assert_nonnull (value);
  g_assert_true (g_regex_match_simple ("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$",
                                       value, 0, 0));
}

/* openssl's "2035-01-01 12:00:00Z" as "2035-01-01T12:00:00Z". */
static char *
openssl_iso_date (const char *fixture_name,
                  const char *option)
{
  g_autofree char *option_iso = g_strdup_printf ("%s -dateopt iso_8601", option);
  char *value = openssl_field (fixture_name, option_iso);
  char *space = strchr (value, ' ');

  g_assert_nonnull (space);
  *space = 'T';

  return value;
}

static void
test_cli_list_json (Fixture       *f,
                    gconstpointer  data)
{
  static const char *members[] = {
    "store", "sha256", "subject", "subject_cn", "issuer", "issuer_cn", "serial",
    "not_before", "not_after", "purposes", "friendly_name", "has_private_key",
    "is_request", "is_ca", "is_self_signed", "key_id", "san",
  };
  g_autofree char *pfx = cd_test_fixture ("leaf.pfx");
  g_autofree char *csr = cd_test_fixture ("leaf.csr");
  g_autofree char *password_file = write_file (f, "password.txt", CD_TEST_PASSWORD "\n");
  g_autofree char *sha256 = openssl_sha256 ("leaf.pem");
  g_autofree char *serial = openssl_field ("leaf.pem", "-serial");
  g_autofree char *not_before = openssl_iso_date ("leaf.pem", "-startdate");
  g_autofree char *not_after = openssl_iso_date ("leaf.pem", "-enddate");
  g_autoptr(CliRun) run = NULL;
  g_autoptr(CliRun) my_run = NULL;
  g_autoptr(JsonArray) list = NULL;
  g_autoptr(JsonNode) my_root = NULL;
  JsonObject *leaf;
  JsonObject *root;
  JsonObject *request;
  JsonArray *array;

  run = run_cli (f, "import", "--password-file", password_file, pfx, csr);
  assert_ok (run);

  list = list_json (f);
  g_assert_cmpuint (json_array_get_length (list), ==, 4);

  /* Every object has every member, null where a value does not apply. */
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *row = json_array_get_object_element (list, i);

      for (guint m = 0; m < G_N_ELEMENTS (members); m++)
        g_assert_true (json_object_has_member (row, members[m]));
      g_assert_cmpuint (json_object_get_size (row), ==, G_N_ELEMENTS (members));
    }

  leaf = find_row (list, "server.example.test", "my");
  g_assert_nonnull (leaf);
  g_assert_cmpstr (json_object_get_string_member (leaf, "sha256"), ==, sha256);
  g_assert_nonnull (strstr (json_object_get_string_member (leaf, "subject"),
                            "CN=server.example.test"));
  g_assert_cmpstr (json_object_get_string_member (leaf, "issuer_cn"), ==,
                   "Certdesk Test Intermediate CA");
  g_assert_nonnull (strstr (json_object_get_string_member (leaf, "issuer"),
                            "CN=Certdesk Test Intermediate CA"));
  g_assert_cmpstr (json_object_get_string_member (leaf, "serial"), ==, serial);
  assert_iso8601 (json_object_get_string_member (leaf, "not_before"));
  g_assert_cmpstr (json_object_get_string_member (leaf, "not_before"), ==, not_before);
  g_assert_cmpstr (json_object_get_string_member (leaf, "not_after"), ==, not_after);
  g_assert_cmpstr (json_object_get_string_member (leaf, "friendly_name"), ==, "Test Server");
  g_assert_true (json_object_get_boolean_member (leaf, "has_private_key"));
  g_assert_false (json_object_get_boolean_member (leaf, "is_request"));
  g_assert_false (json_object_get_boolean_member (leaf, "is_ca"));
  g_assert_cmpuint (strlen (json_object_get_string_member (leaf, "key_id")), ==, 64);

  array = json_object_get_array_member (leaf, "purposes");
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  g_assert_true (string_array_contains (array, "serverAuth"));
  g_assert_true (string_array_contains (array, "clientAuth"));

  array = json_object_get_array_member (leaf, "san");
  g_assert_cmpuint (json_array_get_length (array), ==, 3);
  g_assert_true (string_array_contains (array, "DNS:server.example.test"));
  g_assert_true (string_array_contains (array, "DNS:www.example.test"));
  g_assert_true (string_array_contains (array, "IP:192.0.2.10"));

  root = find_row (list, "Certdesk Test Root CA", "root");
  g_assert_nonnull (root);
  g_assert_true (json_object_get_boolean_member (root, "is_ca"));
  g_assert_true (json_object_get_boolean_member (root, "is_self_signed"));
  g_assert_false (json_object_get_boolean_member (root, "has_private_key"));
  g_assert_true (json_object_get_null_member (root, "friendly_name"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "purposes")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "san")), ==, 0);

  /* A request has no issuer and no validity; its key came with the
   * PKCS#12 file.
   */
  request = find_row (list, "server.example.test", "request");
  g_assert_nonnull (request);
  g_assert_true (json_object_get_boolean_member (request, "is_request"));
  g_assert_true (json_object_get_boolean_member (request, "has_private_key"));
  g_assert_true (json_object_get_null_member (request, "issuer"));
  g_assert_true (json_object_get_null_member (request, "not_before"));
  g_assert_true (json_object_get_null_member (request, "not_after"));
  g_assert_cmpstr (json_object_get_string_member (request, "key_id"), ==,
                   json_object_get_string_member (leaf, "key_id"));

  /* One store only. */
  my_run = run_cli (f, "list", "--store", "my", "--json");
  assert_ok (my_run);
  my_root = parse_json (my_run->out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (my_root)), ==, 1);
  g_assert_cmpstr (row_sha256 (json_node_get_array (my_root), 0), ==, sha256);
}

/* The byte offset of @needle in @line, or -1. */
static gssize
offset_of (const char *line,
           const char *needle)
{
  const char *found = strstr (line, needle);

  return found ? found - line : -1;
}

static void
test_cli_list_table (Fixture       *f,
                     gconstpointer  data)
{
  static const char *titles[] = {
    "Personal (my)",
    "Trusted Root Certification Authorities (root)",
    "Intermediate Certification Authorities (ca)",
    "Trusted People (trustedpeople)",
    "Other People (addressbook)",
    "Untrusted Certificates (disallowed)",
    "Certificate Enrollment Requests (request)",
  };
  g_autofree char *key = cd_test_fixture ("leaf.key");
  g_autofree char *chain = cd_test_fixture ("chain.pem");
  g_autofree char *csr = cd_test_fixture ("leaf.csr");
  g_autofree char *sha256 = openssl_sha256 ("leaf.pem");
  g_autofree char *int_sha256 = openssl_sha256 ("int.pem");
  g_autofree char *not_after = openssl_iso_date ("leaf.pem", "-enddate");
  g_autofree char *expires = g_strndup (not_after, 10);
  g_autoptr(CliRun) import = NULL;
  g_autoptr(CliRun) run = NULL;
  g_autoptr(CliRun) ca_run = NULL;
  g_autoptr(CliRun) empty_run = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) ca_lines = NULL;
  g_autofree char *sha_prefix = g_strndup (sha256, 16);
  g_autofree char *int_prefix = g_strndup (int_sha256, 16);
  guint title_line = 0;

  import = run_cli (f, "import", key, chain, csr);
  assert_ok (import);

  run = run_cli (f, "list");
  assert_ok (run);
  lines = g_strsplit (run->out, "\n", -1);

  /* Every store, in certmgr's order, each under its name. */
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      guint j;

      for (j = title_line; lines[j] != NULL; j++)
        {
          if (g_str_equal (lines[j], titles[i]))
            break;
        }
      g_assert_nonnull (lines[j]);
      title_line = j + 1;
    }
  g_assert_nonnull (strstr (run->out, "Trusted People (trustedpeople)\n  No certificates\n"));

  /* Personal: the header, then the leaf with its key marker; columns
   * line up.
   */
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_equal (lines[i], "Personal (my)"))
        {
          const char *header = lines[i + 1];
          const char *row = lines[i + 2];

          g_assert_true (g_str_has_prefix (header, "  Issued To"));
          g_assert_true (g_str_has_prefix (row, "  server.example.test "));
          g_assert_cmpint (offset_of (header, "Issued By"), ==,
                           offset_of (row, "Certdesk Test Intermediate CA"));
          g_assert_cmpint (offset_of (header, "Expires"), ==, offset_of (row, expires));
          g_assert_cmpint (offset_of (header, "Key"), ==, offset_of (row, "yes"));
          g_assert_cmpint (offset_of (header, "SHA-256"), ==, offset_of (row, sha_prefix));
          g_assert_true (g_str_has_suffix (row, sha_prefix));
          g_assert_cmpstr (lines[i + 3], ==, "");
        }
    }

  /* One store: no title, no indent. */
  ca_run = run_cli (f, "list", "--store", "ca");
  assert_ok (ca_run);
  ca_lines = g_strsplit (ca_run->out, "\n", -1);
  g_assert_cmpuint (g_strv_length (ca_lines), ==, 3);
  g_assert_true (g_str_has_prefix (ca_lines[0], "Issued To"));
  g_assert_true (g_str_has_prefix (ca_lines[1], "Certdesk Test Intermediate CA"));
  g_assert_nonnull (strstr (ca_lines[1], "Certdesk Test Root CA"));
  g_assert_true (g_str_has_suffix (ca_lines[1], int_prefix));
  g_assert_cmpstr (ca_lines[2], ==, "");

  empty_run = run_cli (f, "list", "--store", "trustedpeople");
  assert_ok (empty_run);
  g_assert_cmpstr (empty_run->out, ==, "");
}

/* Names come from certificates anyone can make: escape sequences in
 * them reach scripts through JSON, never the terminal through a table.
 */
static void
test_cli_list_control_characters (Fixture       *f,
                                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->data_home, "evil.pem", NULL);
  g_autofree char *quoted = g_shell_quote (path);
  g_autoptr(CliRun) import = NULL;
  g_autoptr(CliRun) table = NULL;
  g_autoptr(CliRun) show = NULL;
  g_autoptr(JsonArray) list = NULL;
  const char *cn;

  /* ESC [2J clears the screen; \xc2\x9b is the same as a C1 control. */
  cd_test_run_command ("OPENSSL_CONF=/dev/null openssl req -x509 -newkey ec"
                       " -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout /dev/null -utf8 -days 30"
                       " -subj \"$(printf '/CN=evil\\033[2Jname\\302\\233x')\" -out %s",
                       quoted);

  import = run_cli (f, "import", path);
  assert_ok (import);

  list = list_json (f);
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  cn = json_object_get_string_member (json_array_get_object_element (list, 0), "subject_cn");
  g_assert_cmpstr (cn, ==, "evil\033[2Jname\302\233x");

  table = run_cli (f, "list");
  assert_ok (table);
  g_assert_nonnull (strstr (table->out, "evil?[2Jname?x"));
  g_assert_null (strchr (table->out, '\033'));
  g_assert_null (strstr (table->out, "\302\233"));

  show = run_cli (f, "show", json_object_get_string_member (json_array_get_object_element (list, 0),
                                                           "sha256"));
  assert_ok (show);
  g_assert_nonnull (strstr (show->out, "evil?[2Jname?x"));
  g_assert_null (strchr (show->out, '\033'));
  g_assert_null (strstr (show->out, "\302\233"));
}

/* ------------------------------------------------------------------ */
/* show                                                                 */
/* ------------------------------------------------------------------ */

static void
test_cli_show (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *chain = cd_test_fixture ("chain.pem");
  g_autofree char *root = cd_test_fixture ("root.pem");
  g_autofree char *csr = cd_test_fixture ("leaf.csr");
  g_autofree char *fingerprint = openssl_fingerprint ("leaf.pem");
  g_autofree char *sha256 = openssl_sha256 ("leaf.pem");
  g_autofree char *root_sha256 = openssl_sha256 ("root.pem");
  g_autofree char *upper = g_ascii_strup (sha256, -1);
  g_autofree char *prefix = g_strndup (sha256, 10);
  g_autofree char *leaf_pem = NULL;
  g_autofree char *csr_pem = NULL;
  const char *queries[] = { sha256, fingerprint, upper, prefix };
  g_autoptr(CliRun) import = NULL;
  g_autoptr(CliRun) first = NULL;
  g_autoptr(CliRun) json = NULL;
  g_autoptr(CliRun) root_json = NULL;
  g_autoptr(CliRun) pem = NULL;
  g_autoptr(CliRun) csr_run = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) root_node = NULL;
  g_autoptr(JsonArray) list = NULL;
  JsonObject *object;
  JsonArray *stores;
  const char *request_sha256 = NULL;

  import = run_cli (f, "import", chain, csr);
  assert_ok (import);
  g_clear_pointer (&import, cli_run_free);
  import = run_cli (f, "import", "--store", "trustedpeople", root);
  assert_ok (import);

  /* Full, with colons, upper case, a prefix: all the same certificate. */
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(CliRun) run = run_cli (f, "show", queries[i]);

      assert_ok (run);
      if (first == NULL)
        first = g_steal_pointer (&run);
      else
        g_assert_cmpstr (run->out, ==, first->out);
    }

  g_assert_nonnull (strstr (first->out, "server.example.test"));
  g_assert_nonnull (strstr (first->out, "CN=Certdesk Test Intermediate CA"));
  g_assert_nonnull (strstr (first->out, "DNS:www.example.test"));
  g_assert_nonnull (strstr (first->out, "IP:192.0.2.10"));
  g_assert_nonnull (strstr (first->out, "Server Authentication"));
  g_assert_nonnull (strstr (first->out, fingerprint));
  g_assert_nonnull (strstr (first->out, "Other People (addressbook)"));

  json = run_cli (f, "show", prefix, "--json");
  assert_ok (json);
  node = parse_json (json->out);
  object = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (object, "sha256"), ==, sha256);
  g_assert_cmpstr (json_object_get_string_member (object, "subject_cn"), ==, "server.example.test");
  stores = json_object_get_array_member (object, "stores");
  g_assert_cmpuint (json_array_get_length (stores), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (stores, 0), ==, "addressbook");

  /* A certificate in two stores says so. */
  root_json = run_cli (f, "show", "--json", root_sha256);
  assert_ok (root_json);
  root_node = parse_json (root_json->out);
  stores = json_object_get_array_member (json_node_get_object (root_node), "stores");
  g_assert_cmpuint (json_array_get_length (stores), ==, 2);
  g_assert_true (string_array_contains (stores, "root"));
  g_assert_true (string_array_contains (stores, "trustedpeople"));

  /* --pem gives back exactly what openssl writes for the same DER. */
  {
    g_autofree char *leaf_path = cd_test_fixture ("leaf.pem");
    g_autofree char *leaf_quoted = g_shell_quote (leaf_path);
    g_autofree char *command = g_strdup_printf ("openssl x509 -in %s", leaf_quoted);

    leaf_pem = run_tool (command);
  }
  pem = run_cli (f, "show", "--pem", fingerprint);
  assert_ok (pem);
  g_assert_cmpstr (pem->out, ==, leaf_pem);

  list = list_json (f);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *row = json_array_get_object_element (list, i);

      if (json_object_get_boolean_member (row, "is_request"))
        request_sha256 = json_object_get_string_member (row, "sha256");
    }
  g_assert_nonnull (request_sha256);
  {
    g_autofree char *quoted = g_shell_quote (csr);
    g_autofree char *command = g_strdup_printf ("openssl req -in %s", quoted);

    csr_pem = run_tool (command);
  }
  csr_run = run_cli (f, "show", "--pem", request_sha256);
  assert_ok (csr_run);
  g_assert_cmpstr (csr_run->out, ==, csr_pem);
}

/* Finds a one-digit prefix that two certificates share; with more than
 * 16 certificates there always is one.
 */
static char *
shared_prefix (JsonArray *list)
{
  guint counts[16] = { 0 };

  g_assert_cmpuint (json_array_get_length (list), >, 16);

  for (guint i = 0; i < json_array_get_length (list); i++)
    counts[g_ascii_xdigit_value (row_sha256 (list, i)[0])]++;

  for (guint d = 0; d < 16; d++)
    {
      if (counts[d] > 1)
        return g_strdup_printf ("%x", d);
    }

  g_assert_not_reached ();
  return NULL;
}

static void
test_cli_show_errors (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *bundle = cd_test_fixture ("roots-bundle.pem");
  g_autofree char *chain = cd_test_fixture ("chain.pem");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *missing = NULL;
  g_autoptr(JsonArray) list = NULL;
  g_autoptr(CliRun) import = NULL;
  g_autoptr(CliRun) show = NULL;
  g_autoptr(CliRun) del = NULL;
  g_autoptr(CliRun) not_found = NULL;
  g_autoptr(CliRun) not_hex = NULL;
  g_autoptr(GHashTable) present = g_hash_table_new (g_str_hash, g_str_equal);

  import = run_cli (f, "import", bundle, chain);
  assert_ok (import);

  before = dump (f);
  list = list_json (f);
  prefix = shared_prefix (list);

  show = run_cli (f, "show", prefix);
  assert_failed (show, 1, 1);
  g_assert_nonnull (strstr (show->err, prefix));

  /* An ambiguous prefix deletes nothing. */
  del = run_cli (f, "delete", prefix);
  assert_failed (del, 1, 1);
  after = dump (f);
  g_assert_cmpstr (before, ==, after);

  /* A fingerprint that is none of them. */
  for (guint i = 0; i < json_array_get_length (list); i++)
    g_hash_table_add (present, (char *)row_sha256 (list, i));
  for (guint d = 0; missing == NULL; d++)
    {
      g_autofree char *candidate = g_strnfill (64, "0123456789abcdef"[d]);

      if (!g_hash_table_contains (present, candidate))
        missing = g_steal_pointer (&candidate);
    }
  not_found = run_cli (f, "show", missing);
  assert_failed (not_found, 1, 1);

  not_hex = run_cli (f, "show", "not-a-fingerprint");
  assert_failed (not_hex, 1, 1);
  g_assert_nonnull (strstr (not_hex->err, "not-a-fingerprint"));
}

/* ------------------------------------------------------------------ */
/* delete                                                               */
/* ------------------------------------------------------------------ */

static void
test_cli_delete (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *chain = cd_test_fixture ("chain.pem");
  g_autofree char *root = cd_test_fixture ("root.pem");
  g_autofree char *leaf_sha256 = openssl_sha256 ("leaf.pem");
  g_autofree char *int_sha256 = openssl_sha256 ("int.pem");
  g_autofree char *root_fingerprint = openssl_fingerprint ("root.pem");
  g_autofree char *leaf_prefix = g_strndup (leaf_sha256, 12);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(CliRun) run = NULL;
  g_autoptr(JsonArray) list = NULL;

  run = run_cli (f, "import", chain);
  assert_ok (run);
  g_clear_pointer (&run, cli_run_free);
  run = run_cli (f, "import", "--store", "trustedpeople", root);
  assert_ok (run);
  g_clear_pointer (&run, cli_run_free);

  /* From one store only. */
  run = run_cli (f, "delete", "--store", "trustedpeople", root_fingerprint);
  assert_ok (run);
  g_assert_cmpuint (count_lines (run->out), ==, 1);
  g_assert_nonnull (strstr (run->out, "Trusted People"));
  g_clear_pointer (&run, cli_run_free);
  list = list_json (f);
  assert_stores (list, "Certdesk Test Root CA", "root");
  g_clear_pointer (&list, json_array_unref);

  /* By prefix; a second time there is nothing left to delete. */
  run = run_cli (f, "delete", leaf_prefix);
  assert_ok (run);
  g_clear_pointer (&run, cli_run_free);
  list = list_json (f);
  assert_stores (list, "server.example.test", "");
  g_clear_pointer (&list, json_array_unref);

  before = dump (f);
  run = run_cli (f, "delete", leaf_prefix);
  assert_failed (run, 1, 1);
  g_clear_pointer (&run, cli_run_free);

  /* Not in that store: nothing happens. */
  run = run_cli (f, "delete", "--store", "my", int_sha256);
  assert_failed (run, 1, 1);
  g_clear_pointer (&run, cli_run_free);
  after = dump (f);
  g_assert_cmpstr (before, ==, after);

  /* Without --store, from every store. */
  run = run_cli (f, "delete", root_fingerprint);
  assert_ok (run);
  g_clear_pointer (&run, cli_run_free);

  list = list_json (f);
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  assert_stores (list, "Certdesk Test Intermediate CA", "ca");
}

/* ------------------------------------------------------------------ */
/* Passwords                                                            */
/* ------------------------------------------------------------------ */

static void
test_cli_no_tty_password (Fixture       *f,
                          gconstpointer  data)
{
  static const char *files[] = { "leaf.pfx", "leaf-enc.key", "leaf-3des.pfx" };
  g_autofree char *chain = cd_test_fixture ("chain.pem");
  g_autofree char *other = cd_test_fixture ("other.pem");
  g_autofree char *pfx = cd_test_fixture ("leaf.pfx");
  g_autofree char *before = NULL;
  g_autofree char *keys_before = NULL;
  g_autofree char *keys_after = NULL;
  g_autoptr(CliRun) import = NULL;
  g_autoptr(CliRun) mixed = NULL;
  g_autoptr(JsonArray) list = NULL;

  import = run_cli (f, "import", chain);
  assert_ok (import);
  before = dump (f);
  keys_before = cd_test_dump_keyring ();

  /* Standard input is /dev/null: no prompt, one line saying what to do. */
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = cd_test_fixture (files[i]);
      g_autoptr(CliRun) run = run_cli (f, "import", path);
      g_autofree char *after = NULL;

      assert_failed (run, 1, 1);
      g_assert_nonnull (strstr (run->err, "--password-file"));
      g_assert_nonnull (strstr (run->err, files[i]));
      g_assert_cmpstr (run->out, ==, "");

      after = dump (f);
      g_assert_cmpstr (before, ==, after);
    }

  keys_after = cd_test_dump_keyring ();
  g_assert_cmpstr (keys_before, ==, keys_after);

  /* The next file is still imported. */
  mixed = run_cli (f, "import", pfx, other);
  assert_failed (mixed, 1, 1);
  g_assert_cmpuint (count_lines (mixed->out), ==, 1);
  g_assert_true (g_str_has_prefix (mixed->out, other));
  list = list_json (f);
  assert_stores (list, "person.example.test", "addressbook");
}

static void
test_cli_password_file (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *pfx = cd_test_fixture ("leaf.pfx");
  g_autofree char *des = cd_test_fixture ("leaf-3des.pfx");
  g_autofree char *nopass = cd_test_fixture ("leaf-nopass.pfx");
  g_autofree char *wrong = write_file (f, "wrong.txt", "not the password\n");
  g_autofree char *crlf = write_file (f, "crlf.txt", CD_TEST_PASSWORD "\r\nsecond line\r\n");
  g_autofree char *empty = write_file (f, "empty.txt", "");
  g_autofree char *missing = g_build_filename (f->data_home, "no-such-password.txt", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *keys_before = NULL;
  g_autofree char *keys_after = NULL;
  g_autoptr(CliRun) run = NULL;
  g_autoptr(JsonArray) list = NULL;

  before = dump (f);
  keys_before = cd_test_dump_keyring ();

  /* A wrong password names both files. */
  run = run_cli (f, "import", "--password-file", wrong, pfx);
  assert_failed (run, 1, 1);
  g_assert_nonnull (strstr (run->err, "wrong.txt"));
  g_assert_nonnull (strstr (run->err, "leaf.pfx"));
  g_clear_pointer (&run, cli_run_free);

  /* A password file that is not there. */
  run = run_cli (f, "import", "--password-file", missing, pfx);
  assert_failed (run, 1, 1);
  g_assert_nonnull (strstr (run->err, "no-such-password.txt"));
  g_clear_pointer (&run, cli_run_free);

  after = dump (f);
  g_assert_cmpstr (before, ==, after);
  keys_after = cd_test_dump_keyring ();
  g_assert_cmpstr (keys_before, ==, keys_after);

  /* Only the first line counts, CR LF or not. */
  run = run_cli (f, "import", "--password-file", crlf, pfx);
  assert_ok (run);
  g_clear_pointer (&run, cli_run_free);

  /* An empty file is the empty password. */
  run = run_cli (f, "import", "--password-file", empty, nopass);
  assert_ok (run);
  g_clear_pointer (&run, cli_run_free);

  /* "-" reads it from standard input, here a pipe. */
  {
    const char *argv[] = {
      "/bin/sh", "-c", "printf '" CD_TEST_PASSWORD "\\n' | \"$0\" import --password-file - \"$1\"",
      cli_path (), des, NULL
    };

    run = run_argv (f->envp, argv);
    assert_ok (run);
    g_assert_true (g_str_has_prefix (run->out, des));
  }

  list = list_json (f);
  assert_stores (list, "server.example.test", "my");
}

/* A pseudo-terminal stands in for a person at a terminal. */
typedef struct
{
  int      master;
  GPid     pid;
  int      out_fd;
  int      err_fd;
  GString *out;
  GString *err;
} TtyRun;

static void
tty_run_start (TtyRun     *tty,
               Fixture    *f,
               const char *file)
{
  g_autoptr(GError) error = NULL;
  const char *argv[] = { cli_path (), "import", file, NULL };
  int slave;

  tty->master = posix_openpt (O_RDWR | O_NOCTTY);
  g_assert_cmpint (tty->master, >=, 0);
  g_assert_cmpint (grantpt (tty->master), ==, 0);
  g_assert_cmpint (unlockpt (tty->master), ==, 0);
  slave = g_open (ptsname (tty->master), O_RDWR | O_NOCTTY, 0);
  g_assert_cmpint (slave, >=, 0);

  g_spawn_async_with_pipes_and_fds (NULL, argv, (const char * const *)f->envp,
                                    G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                    slave, -1, -1, NULL, NULL, 0,
                                    &tty->pid, NULL, &tty->out_fd, &tty->err_fd, &error);
  g_assert_no_error (error);
  g_close (slave, NULL);

  tty->out = g_string_new (NULL);
  tty->err = g_string_new (NULL);
}

static guint
count_occurrences (const char *haystack,
                   const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;

  return n;
}

/* Reads the program's standard error until @needle appears @n times. */
static void
tty_wait_for (TtyRun     *tty,
              const char *needle,
              guint       n)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_MS * G_TIME_SPAN_MILLISECOND;

  while (count_occurrences (tty->err->str, needle) < n)
    {
      struct pollfd pfd = { tty->err_fd, POLLIN, 0 };
      char buf[4096];
      gssize len;
      int timeout = (int)((deadline - g_get_monotonic_time ()) / G_TIME_SPAN_MILLISECOND);

      if (timeout <= 0 || poll (&pfd, 1, timeout) <= 0)
        g_error ("no “%s” from certdesk-cli; its standard error so far:\n%s",
                 needle, tty->err->str);

      len = read (tty->err_fd, buf, sizeof buf);
      if (len <= 0)
        g_error ("certdesk-cli closed its standard error before “%s”:\n%s",
                 needle, tty->err->str);
      g_string_append_len (tty->err, buf, len);
    }
}

static void
tty_type (TtyRun     *tty,
          const char *text)
{
  g_assert_cmpint (write (tty->master, text, strlen (text)), ==, (gssize)strlen (text));
}

static void
read_all (int      fd,
          GString *into)
{
  char buf[4096];
  gssize len;

  while ((len = read (fd, buf, sizeof buf)) > 0)
    g_string_append_len (into, buf, len);
}

/* Waits for the exit and returns what the terminal showed: with echo
 * off, no password may be in it.
 */
static char *
tty_finish (TtyRun *tty,
            int    *out_status)
{
  GString *screen = g_string_new (NULL);
  int wait_status = 0;

  read_all (tty->out_fd, tty->out);
  read_all (tty->err_fd, tty->err);
  g_assert_cmpint (waitpid (tty->pid, &wait_status, 0), ==, tty->pid);
  g_spawn_close_pid (tty->pid);
  g_assert_true (WIFEXITED (wait_status));
  *out_status = WEXITSTATUS (wait_status);

  /* With the program gone, reading the master ends with EIO. */
  g_unix_set_fd_nonblocking (tty->master, TRUE, NULL);
  read_all (tty->master, screen);

  g_close (tty->master, NULL);
  g_close (tty->out_fd, NULL);
  g_close (tty->err_fd, NULL);

  return g_string_free (screen, FALSE);
}

static void
tty_run_clear (TtyRun *tty)
{
  g_string_free (tty->out, TRUE);
  g_string_free (tty->err, TRUE);
}

static void
test_cli_tty_password (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *pfx = cd_test_fixture ("leaf.pfx");
  g_autofree char *screen = NULL;
  g_autoptr(JsonArray) list = NULL;
  TtyRun tty;
  int status;

  tty_run_start (&tty, f, pfx);

  tty_wait_for (&tty, "Password for", 1);
  g_assert_nonnull (strstr (tty.err->str, "leaf.pfx"));
  tty_type (&tty, "wrong-password\n");

  /* A wrong password may be typed again. */
  tty_wait_for (&tty, "Password for", 2);
  tty_type (&tty, CD_TEST_PASSWORD "\n");

  screen = tty_finish (&tty, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_str_has_prefix (tty.out->str, pfx));
  g_assert_null (strstr (screen, "wrong-password"));
  g_assert_null (strstr (screen, CD_TEST_PASSWORD));
  tty_run_clear (&tty);

  list = list_json (f);
  assert_stores (list, "server.example.test", "my");
}

static void
test_cli_tty_password_gives_up (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *pfx = cd_test_fixture ("leaf.pfx");
  g_autofree char *before = dump (f);
  g_autofree char *after = NULL;
  g_autofree char *screen = NULL;
  g_auto(GStrv) lines = NULL;
  TtyRun tty;
  int status;

  /* Three wrong passwords, then no fourth prompt. */
  tty_run_start (&tty, f, pfx);
  for (guint i = 1; i <= 3; i++)
    {
      tty_wait_for (&tty, "Password for", i);
      tty_type (&tty, "wrong-password\n");
    }
  screen = tty_finish (&tty, &status);
  g_assert_cmpint (status, ==, 1);
  g_assert_cmpuint (count_occurrences (tty.err->str, "Password for"), ==, 3);
  g_assert_null (strstr (screen, "wrong-password"));

  /* The last line is the failure. */
  lines = g_strsplit (g_strstrip (tty.err->str), "\n", -1);
  g_assert_true (g_str_has_prefix (lines[g_strv_length (lines) - 1], "certdesk-cli: "));
  g_assert_cmpstr (tty.out->str, ==, "");
  tty_run_clear (&tty);
  g_clear_pointer (&screen, g_free);

  /* Ctrl+D at the prompt gives up at once. */
  tty_run_start (&tty, f, pfx);
  tty_wait_for (&tty, "Password for", 1);
  tty_type (&tty, "\x04");
  screen = tty_finish (&tty, &status);
  g_assert_cmpint (status, ==, 1);
  g_assert_cmpuint (count_occurrences (tty.err->str, "Password for"), ==, 1);
  g_assert_nonnull (strstr (tty.err->str, "certdesk-cli: "));
  tty_run_clear (&tty);

  after = dump (f);
  g_assert_cmpstr (before, ==, after);
}

/* ------------------------------------------------------------------ */
/* Bad input and missing services                                       */
/* ------------------------------------------------------------------ */

static void
test_cli_bad_files (Fixture       *f,
                    gconstpointer  data)
{
  static const char *bad[] = {
    "empty.bin", "garbage.bin", "truncated.pem", "truncated.der", "truncated.pfx",
    "corrupt.pem", "big.bin",
  };
  g_autofree char *root = cd_test_fixture ("root.pem");
  g_autofree char *other = cd_test_fixture ("other.pem");
  g_autofree char *missing = g_build_filename (f->data_home, "no-such-file.pem", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *before = NULL;
  g_autoptr(CliRun) import = NULL;
  g_autoptr(CliRun) all = NULL;
  g_autoptr(JsonArray) list = NULL;

  import = run_cli (f, "import", root);
  assert_ok (import);
  before = dump (f);

  for (guint i = 0; i <= G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *path = NULL;
      g_autofree char *name = NULL;
      g_autoptr(CliRun) run = NULL;
      g_autofree char *after = NULL;

      path = i < G_N_ELEMENTS (bad) ? cd_test_fixture (bad[i]) : g_strdup (missing);
      name = g_path_get_basename (path);
      run = run_cli (f, "import", path);

      g_test_message ("importing %s", name);
      assert_failed (run, 1, 1);
      g_assert_nonnull (strstr (run->err, name));
      g_assert_cmpstr (run->out, ==, "");

      after = dump (f);
      g_assert_cmpstr (before, ==, after);
    }

  /* All at once, a good file among them: one line per bad file, and
   * the good one is imported.
   */
  g_ptr_array_add (argv, g_strdup (cli_path ()));
  g_ptr_array_add (argv, g_strdup ("import"));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_ptr_array_add (argv, cd_test_fixture (bad[i]));
      if (i == 2)
        g_ptr_array_add (argv, g_strdup (other));
    }
  g_ptr_array_add (argv, g_strdup (missing));
  g_ptr_array_add (argv, NULL);

  all = run_argv (f->envp, (const char * const *)argv->pdata);
  assert_failed (all, 1, G_N_ELEMENTS (bad) + 1);
  g_assert_cmpuint (count_lines (all->out), ==, 1);
  g_assert_true (g_str_has_prefix (all->out, other));

  list = list_json (f);
  g_assert_cmpuint (json_array_get_length (list), ==, 2);
  assert_stores (list, "person.example.test", "addressbook");
}

static void
test_cli_no_secret_service (Fixture       *f,
                            gconstpointer  data)
{
  const char *no_bus[] = { "DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent", NULL };
  g_auto(GStrv) envp = make_envp (f->data_home, no_bus);
  g_autofree char *chain = cd_test_fixture ("chain.pem");
  g_autofree char *pfx = cd_test_fixture ("leaf.pfx");
  g_autofree char *other = cd_test_fixture ("other.pem");
  g_autofree char *password_file = write_file (f, "password.txt", CD_TEST_PASSWORD "\n");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *keys_before = NULL;
  g_autofree char *keys_after = NULL;
  g_autoptr(CliRun) import = NULL;
  g_autoptr(CliRun) run = NULL;
  g_autoptr(CliRun) certs = NULL;
  g_autoptr(CliRun) listed = NULL;

  import = run_cli (f, "import", chain);
  assert_ok (import);
  before = dump (f);
  keys_before = cd_test_dump_keyring ();

  /* A private key needs the Secret Service: fail, say so, change nothing. */
  run = run_cli_envp (envp, "import", "--password-file", password_file, pfx, NULL);
  assert_failed (run, 1, 1);
  g_assert_true (contains_casefold (run->err, "keyring") ||
                 contains_casefold (run->err, "secret service"));
  g_assert_cmpstr (run->out, ==, "");

  after = dump (f);
  g_assert_cmpstr (before, ==, after);
  keys_after = cd_test_dump_keyring ();
  g_assert_cmpstr (keys_before, ==, keys_after);

  /* Certificates alone need no keyring. */
  certs = run_cli_envp (envp, "import", other, NULL);
  assert_ok (certs);
  listed = run_cli_envp (envp, "list", NULL);
  assert_ok (listed);
  g_assert_nonnull (strstr (listed->out, "person.example.test"));
}

/* ------------------------------------------------------------------ */
/* Several programs on one database                                     */
/* ------------------------------------------------------------------ */

typedef struct
{
  guint pending;
  guint failed;
} Children;

typedef struct
{
  Children *children;
  char     *name;
  int       err_fd;
} Child;

static void
child_exited_cb (GPid     pid,
                 int      wait_status,
                 gpointer user_data)
{
  Child *child = user_data;
  GString *err = g_string_new (NULL);

  read_all (child->err_fd, err);
  if (!WIFEXITED (wait_status) || WEXITSTATUS (wait_status) != 0 || err->len > 0)
    {
      g_test_message ("import of %s failed (wait status %d): %s",
                      child->name, wait_status, err->str);
      child->children->failed++;
    }

  child->children->pending--;
  g_string_free (err, TRUE);
  g_close (child->err_fd, NULL);
  g_spawn_close_pid (pid);
  g_free (child->name);
  g_free (child);
}

static void
test_cli_concurrent (Fixture       *f,
                     gconstpointer  data)
{
  /* The request has a key of its own: leaf.csr would be completed by
   * the leaf of chain.pem or leaf.pfx, or not, depending on which
   * import runs first. */
  static const char *files[] = {
    "roots-bundle.pem", "chain.pem", "ec.pem", "ed25519.pem", "other.pem",
    "certtool-ca.pem", "own-key.csr", "leaf.pfx",
  };
  static const char *expected[] = {
    "root.pem", "int.pem", "leaf.pem", "ec.pem", "ed25519.pem", "other.pem", "certtool-ca.pem",
  };
  g_autofree char *password_file = write_file (f, "password.txt", CD_TEST_PASSWORD "\n");
  g_autofree char *db_path = database_path (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdDatabase) database = NULL;
  g_autoptr(CdKeyring) keyring = NULL;
  g_autoptr(CdImporter) importer = NULL;
  g_autoptr(CdImportResult) result = NULL;
  g_autoptr(GFile) int_file = cd_test_fixture_file ("int.pem");
  g_autoptr(JsonArray) list = NULL;
  g_autoptr(GHashTable) fingerprints = g_hash_table_new (g_str_hash, g_str_equal);
  Children children = { 0, 0 };
  sqlite3 *db = NULL;
  char *errmsg = NULL;
  char **table = NULL;
  int rows = 0;
  int columns = 0;
  guint reads = 0;

  /* Here the test plays the GUI: it holds the database open, reads it
   * all the time and imports too, while the CLIs write.
   */
  database = cd_database_open (db_path, &error);
  g_assert_no_error (error);
  keyring = cd_keyring_new (FALSE);
  importer = cd_importer_new (database, keyring);
  cd_database_check_changed (database);

  cd_test_run_command ("openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes"
                       " -keyout '%s/own-key.key' -subj /CN=concurrent.example.test"
                       " -out '%s/own-key.csr' 2> /dev/null", f->data_home, f->data_home);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_str_has_prefix (files[i], "own-key")
                              ? g_build_filename (f->data_home, files[i], NULL)
                              : cd_test_fixture (files[i]);
      const char *argv[] = { cli_path (), "import", "--password-file", password_file, path, NULL };
      Child *child = g_new0 (Child, 1);
      GPid pid;

      g_spawn_async_with_pipes (NULL, (char **)argv, f->envp,
                                G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDIN_FROM_DEV_NULL |
                                G_SPAWN_STDOUT_TO_DEV_NULL,
                                NULL, NULL, &pid, NULL, NULL, &child->err_fd, &error);
      g_assert_no_error (error);

      child->children = &children;
      child->name = g_strdup (files[i]);
      children.pending++;
      g_child_watch_add (pid, child_exited_cb, child);
    }

  result = cd_importer_import_file (importer, int_file, NULL, CD_STORE_KIND_TRUSTED_PEOPLE,
                                    NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);

  while (children.pending > 0)
    {
      for (guint kind = 0; kind < CD_N_STORE_KINDS; kind++)
        {
          g_autoptr(GPtrArray) listed = cd_database_list_store (database, kind, &error);

          g_assert_no_error (error);
          g_assert_nonnull (listed);
        }
      reads++;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }

  g_test_message ("%u reads while the imports ran", reads);
  g_assert_cmpuint (children.failed, ==, 0);

  /* The GUI learns that the database changed behind its back. */
  g_assert_true (cd_database_check_changed (database));

  list = list_json (f);
  for (guint i = 0; i < json_array_get_length (list); i++)
    g_hash_table_add (fingerprints, (char *)row_sha256 (list, i));

  /* 3 of the chain, 20 roots, ec, ed25519, other, certtool and the request. */
  g_assert_cmpuint (g_hash_table_size (fingerprints), ==, 3 + 20 + 4 + 1);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *sha256 = openssl_sha256 (expected[i]);

      g_assert_true (g_hash_table_contains (fingerprints, sha256));
    }
  assert_stores (list, "Certdesk Test Intermediate CA", "ca,trustedpeople");
  assert_stores (list, "Certdesk Bundle Root 13", "root");

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_get_table (db, "PRAGMA integrity_check", &table, &rows, &columns,
                                      &errmsg), ==, SQLITE_OK);
  g_assert_cmpint (rows, ==, 1);
  g_assert_cmpstr (table[1], ==, "ok");
  sqlite3_free_table (table);
  sqlite3_close (db);
}

/* ------------------------------------------------------------------ */
/* copy, move, rename, delete --with-key                                */
/* ------------------------------------------------------------------ */

/* The description of the entry of @cn in @store, read with the core,
 * since "list --json" does not show descriptions.
 */
static char *
description_of (Fixture    *f,
                const char *sha256,
                const char *store)
{
  g_autofree char *path = database_path (f);
  g_autoptr(CdDatabase) database = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  CdStoreKind kind;

  g_assert_true (cd_store_kind_from_id (store, &kind));
  database = cd_database_open (path, &error);
  g_assert_no_error (error);
  rows = cd_database_find (database, sha256, kind, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);

  return g_strdup (cd_certificate_get_description (g_ptr_array_index (rows, 0)));
}

static void
test_cli_copy_move (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *chain = cd_test_fixture ("chain.pem");
  g_autofree char *leaf_sha256 = openssl_sha256 ("leaf.pem");
  g_autofree char *root_fingerprint = openssl_fingerprint ("root.pem");
  g_autofree char *leaf_prefix = g_strndup (leaf_sha256, 12);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *description = NULL;
  g_autoptr(CliRun) run = NULL;
  g_autoptr(JsonArray) list = NULL;

  run = run_cli (f, "import", chain);
  assert_ok (run);
  g_clear_pointer (&run, cli_run_free);
  run = run_cli (f, "rename", leaf_prefix, "--name", "Intranet", "--description", "Renew in May");
  assert_ok (run);
  g_clear_pointer (&run, cli_run_free);

  /* copy: one line naming both stores; again, nothing to do but no error. */
  run = run_cli (f, "copy", leaf_prefix, "--to", "trustedpeople");
  assert_ok (run);
  g_assert_cmpuint (count_lines (run->out), ==, 1);
  g_assert_nonnull (strstr (run->out, "Other People"));
  g_assert_nonnull (strstr (run->out, "Trusted People"));
  g_clear_pointer (&run, cli_run_free);
  list = list_json (f);
  assert_stores (list, "server.example.test", "addressbook,trustedpeople");
  g_assert_cmpstr (json_object_get_string_member (find_row (list, "server.example.test",
                                                            "trustedpeople"),
                                                  "friendly_name"), ==, "Intranet");
  g_clear_pointer (&list, json_array_unref);
  description = description_of (f, leaf_sha256, "trustedpeople");
  g_assert_cmpstr (description, ==, "Renew in May");
  g_clear_pointer (&description, g_free);

  before = dump (f);
  run = run_cli (f, "copy", leaf_prefix, "--to", "trustedpeople");
  assert_ok (run);
  g_assert_nonnull (strstr (run->out, "already"));
  g_clear_pointer (&run, cli_run_free);

  /* Failures, each one line, nothing changed: a certificate into the
   * request store, a move from two stores without --store, no --to, a
   * store that does not exist, a fingerprint that matches nothing.
   */
  run = run_cli (f, "copy", root_fingerprint, "--to", "request");
  assert_failed (run, 1, 1);
  g_assert_nonnull (strstr (run->err, "Certificate Enrollment Requests"));
  g_clear_pointer (&run, cli_run_free);
  run = run_cli (f, "move", leaf_prefix, "--to", "disallowed");
  assert_failed (run, 2, 1);
  g_assert_nonnull (strstr (run->err, "--store"));
  g_clear_pointer (&run, cli_run_free);
  run = run_cli (f, "move", leaf_prefix);
  assert_failed (run, 2, 1);
  g_assert_nonnull (strstr (run->err, "--to"));
  g_clear_pointer (&run, cli_run_free);
  run = run_cli (f, "copy", leaf_prefix, "--to", "nowhere");
  assert_failed (run, 2, 1);
  g_clear_pointer (&run, cli_run_free);
  run = run_cli (f, "move", "00000000", "--to", "my");
  assert_failed (run, 1, 1);
  g_clear_pointer (&run, cli_run_free);
  run = run_cli (f, "copy", leaf_prefix, "--store", "my", "--to", "root");
  assert_failed (run, 1, 1);
  g_clear_pointer (&run, cli_run_free);
  after = dump (f);
  g_assert_cmpstr (before, ==, after);

  /* move, from the store named: the name and the note go along. */
  run = run_cli (f, "move", leaf_prefix, "--store", "trustedpeople", "--to", "disallowed");
  assert_ok (run);
  g_assert_cmpuint (count_lines (run->out), ==, 1);
  g_assert_nonnull (strstr (run->out, "Untrusted Certificates"));
  g_clear_pointer (&run, cli_run_free);
  list = list_json (f);
  assert_stores (list, "server.example.test", "addressbook,disallowed");
  g_assert_cmpstr (json_object_get_string_member (find_row (list, "server.example.test",
                                                            "disallowed"),
                                                  "friendly_name"), ==, "Intranet");
  g_clear_pointer (&list, json_array_unref);
  description = description_of (f, leaf_sha256, "disallowed");
  g_assert_cmpstr (description, ==, "Renew in May");
  g_clear_pointer (&description, g_free);

  /* A root in one store moves without --store, by its colon form. */
  run = run_cli (f, "move", root_fingerprint, "--to", "disallowed");
  assert_ok (run);
  g_clear_pointer (&run, cli_run_free);
  list = list_json (f);
  assert_stores (list, "Certdesk Test Root CA", "disallowed");
  g_assert_cmpuint (json_array_get_length (list), ==, 4);
}

static void
test_cli_rename (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *leaf = cd_test_fixture ("leaf.pem");
  g_autofree char *leaf_sha256 = openssl_sha256 ("leaf.pem");
  g_autofree char *description = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(CliRun) run = NULL;
  g_autoptr(JsonArray) list = NULL;

  run = run_cli (f, "import", "--store", "addressbook", leaf);
  assert_ok (run);
  g_clear_pointer (&run, cli_run_free);
  run = run_cli (f, "import", "--store", "trustedpeople", leaf);
  assert_ok (run);
  g_clear_pointer (&run, cli_run_free);

  /* Without --store: every store, one line each. */
  run = run_cli (f, "rename", leaf_sha256, "--name", "Büro-Server", "--description", "Room 4");
  assert_ok (run);
  g_assert_cmpuint (count_lines (run->out), ==, 2);
  g_assert_nonnull (strstr (run->out, "Büro-Server"));
  g_clear_pointer (&run, cli_run_free);

  /* With --store and no --description: that entry's note stays. */
  run = run_cli (f, "rename", leaf_sha256, "--store", "trustedpeople", "--name", "Office");
  assert_ok (run);
  g_assert_cmpuint (count_lines (run->out), ==, 1);
  g_clear_pointer (&run, cli_run_free);
  list = list_json (f);
  g_assert_cmpstr (json_object_get_string_member (find_row (list, "server.example.test", "trustedpeople"),
                                                  "friendly_name"), ==, "Office");
  g_assert_cmpstr (json_object_get_string_member (find_row (list, "server.example.test", "addressbook"),
                                                  "friendly_name"), ==, "Büro-Server");
  g_clear_pointer (&list, json_array_unref);
  description = description_of (f, leaf_sha256, "trustedpeople");
  g_assert_cmpstr (description, ==, "Room 4");
  g_clear_pointer (&description, g_free);

  /* Empty clears both. */
  run = run_cli (f, "rename", leaf_sha256, "-s", "addressbook", "--name", "", "--description", "");
  assert_ok (run);
  g_clear_pointer (&run, cli_run_free);
  list = list_json (f);
  g_assert_true (json_object_get_null_member (find_row (list, "server.example.test", "addressbook"),
                                              "friendly_name"));
  g_clear_pointer (&list, json_array_unref);
  description = description_of (f, leaf_sha256, "addressbook");
  g_assert_null (description);

  /* No --name, no fingerprint, a store without it: nothing changes. */
  before = dump (f);
  run = run_cli (f, "rename", leaf_sha256, "--description", "x");
  assert_failed (run, 2, 1);
  g_assert_nonnull (strstr (run->err, "--name"));
  g_clear_pointer (&run, cli_run_free);
  run = run_cli (f, "rename", "--name", "x");
  assert_failed (run, 2, 1);
  g_clear_pointer (&run, cli_run_free);
  run = run_cli (f, "rename", leaf_sha256, "--store", "root", "--name", "x");
  assert_failed (run, 1, 1);
  g_clear_pointer (&run, cli_run_free);
  after = dump (f);
  g_assert_cmpstr (before, ==, after);
}

/* delete asks the core which keys nothing uses any more; --with-key
 * deletes those from the real keyring, and only those.
 */
static void
test_cli_delete_with_key (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *pfx = cd_test_fixture ("leaf.pfx");
  g_autofree char *leaf = cd_test_fixture ("leaf.pem");
  g_autofree char *csr = cd_test_fixture ("leaf.csr");
  g_autofree char *leaf_sha256 = openssl_sha256 ("leaf.pem");
  g_autofree char *password_file = write_file (f, "password.txt", CD_TEST_PASSWORD "\n");
  g_autofree char *key_id = NULL;
  g_autofree char *keyring = NULL;
  g_autoptr(CliRun) run = NULL;
  g_autoptr(JsonArray) list = NULL;

  run = run_cli (f, "import", "--password-file", password_file, pfx);
  assert_ok (run);
  g_clear_pointer (&run, cli_run_free);
  run = run_cli (f, "import", "--store", "addressbook", leaf);
  assert_ok (run);
  g_clear_pointer (&run, cli_run_free);
  list = list_json (f);
  key_id = g_strdup (json_object_get_string_member (find_row (list, "server.example.test", "my"),
                                                    "key_id"));
  g_assert_nonnull (key_id);
  g_clear_pointer (&list, json_array_unref);

  /* From one store: the other still uses the key, nothing is said of it. */
  run = run_cli (f, "delete", "--store", "my", "--with-key", leaf_sha256);
  assert_ok (run);
  g_assert_cmpuint (count_lines (run->out), ==, 2);
  g_assert_true (contains_casefold (run->out, "key was kept"));
  g_clear_pointer (&run, cli_run_free);
  keyring = cd_test_dump_keyring ();
  g_assert_nonnull (strstr (keyring, key_id));
  g_clear_pointer (&keyring, g_free);

  /* The last one, without --with-key: the key stays, and we say so. */
  run = run_cli (f, "delete", leaf_sha256);
  assert_ok (run);
  g_assert_cmpuint (count_lines (run->out), ==, 2);
  g_assert_nonnull (strstr (run->out, "--with-key"));
  g_clear_pointer (&run, cli_run_free);
  keyring = cd_test_dump_keyring ();
  g_assert_nonnull (strstr (keyring, key_id));
  g_clear_pointer (&keyring, g_free);

  /* Back (to Personal, the key being known), with a request for the
   * same key: --with-key keeps the key the request needs.
   */
  run = run_cli (f, "import", leaf, csr);
  assert_ok (run);
  g_clear_pointer (&run, cli_run_free);
  run = run_cli (f, "delete", "--with-key", leaf_sha256);
  assert_ok (run);
  g_assert_nonnull (strstr (run->out, "Personal"));
  g_assert_true (contains_casefold (run->out, "key was kept"));
  g_clear_pointer (&run, cli_run_free);
  keyring = cd_test_dump_keyring ();
  g_assert_nonnull (strstr (keyring, key_id));
  g_clear_pointer (&keyring, g_free);

  /* The request last, with --with-key: now the key goes, from the
   * keyring and from the database.
   */
  list = list_json (f);
  run = run_cli (f, "delete", "--with-key",
                 json_object_get_string_member (find_row (list, "server.example.test", "request"),
                                                "sha256"));
  assert_ok (run);
  g_assert_true (contains_casefold (run->out, "key was deleted"));
  g_clear_pointer (&run, cli_run_free);
  g_clear_pointer (&list, json_array_unref);
  keyring = cd_test_dump_keyring ();
  g_assert_null (strstr (keyring, key_id));
  g_clear_pointer (&keyring, g_free);

  run = run_cli (f, "import", leaf);
  assert_ok (run);
  g_clear_pointer (&run, cli_run_free);
  list = list_json (f);
  assert_stores (list, "server.example.test", "addressbook");
  g_clear_pointer (&list, json_array_unref);

  /* Later tests share this keyring: put the key back. */
  run = run_cli (f, "import", "--password-file", password_file, pfx);
  assert_ok (run);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* Made once, before any test is timed. */
  cd_test_fixtures_dir ();

#define ADD(path, func) \
  g_test_add ("/certdesk/cli/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("version", test_cli_version);
  ADD ("help", test_cli_help);
  ADD ("usage-errors", test_cli_usage_errors);
  ADD ("import/placement", test_cli_import_placement);
  ADD ("import/formats", test_cli_import_formats);
  ADD ("import/pkcs12", test_cli_import_pkcs12);
  ADD ("import/keys", test_cli_import_keys);
  ADD ("import/store-override", test_cli_import_store_override);
  ADD ("import/duplicates", test_cli_import_duplicates);
  ADD ("import/bad-files", test_cli_bad_files);
  ADD ("list/json", test_cli_list_json);
  ADD ("list/table", test_cli_list_table);
  ADD ("list/control-characters", test_cli_list_control_characters);
  ADD ("show", test_cli_show);
  ADD ("show/errors", test_cli_show_errors);
  ADD ("delete", test_cli_delete);
  ADD ("password/no-tty", test_cli_no_tty_password);
  ADD ("password/file", test_cli_password_file);
  ADD ("password/tty", test_cli_tty_password);
  ADD ("password/tty-gives-up", test_cli_tty_password_gives_up);
  ADD ("no-secret-service", test_cli_no_secret_service);
  ADD ("concurrent", test_cli_concurrent);
  ADD ("copy-move", test_cli_copy_move);
  ADD ("rename", test_cli_rename);
  ADD ("delete/with-key", test_cli_delete_with_key);

#undef ADD

  return g_test_run ();
}
