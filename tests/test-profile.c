/* test-profile.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Loading device profiles: the shipped ones from the core's GResource
 * (every file of data/profiles/ must be in it), a user's folder that
 * adds and replaces profiles, and malformed files, each reported with
 * its file and line while the others still load. Also the checklist
 * state kept in a real database.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "cd-check.h"
#include "cd-database.h"
#include "cd-errors.h"
#include "cd-profile.h"
#include "cd-request-builder.h"
#include "cd-test-utils.h"

/* A small valid profile; tests append groups or break lines of it. */
#define MINIMAL \
  "[Profile]\n"                                  /* 1 */ \
  "Id=%s\n"                                      /* 2 */ \
  "Name=%s\n"                                    /* 3 */ \
  "Description=A profile made by a test.\n"      /* 4 */ \
  "Document=Test document 1.0\n"                 /* 5 */ \
  "Role=server\n"                                /* 6 */ \
  "\n"                                           /* 7 */ \
  "[Rule cn]\n"                                  /* 8 */ \
  "Kind=cn-present\n"                            /* 9 */ \
  "Severity=error\n"                             /* 10 */ \
  "Title=The subject has a common name\n"        /* 11 */ \
  "Source=§1\n"                                  /* 12 */

static void
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static char *
minimal (const char *id,
         const char *name,
         const char *extra)
{
  return g_strdup_printf (MINIMAL "%s", id, name, extra != NULL ? extra : "");
}

static void
remove_dir (const char *dir)
{
  cd_test_run_command ("rm -rf '%s'", dir);
}

static gboolean
has_problem (GPtrArray  *problems,
             const char *prefix)
{
  for (guint i = 0; i < problems->len; i++)
    {
      if (g_str_has_prefix (g_ptr_array_index (problems, i), prefix))
        return TRUE;
    }

  return FALSE;
}

static void
dump_problems (GPtrArray *problems)
{
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("problem: %s", (char *)g_ptr_array_index (problems, i));
}

static void
test_profile_shipped (void)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GListModel) profiles = cd_profile_load_all (NULL, problems);
  g_autoptr(CdExportOptions) options = NULL;
  g_autoptr(CdProfileStep) step = NULL;
  CdProfile *server, *client;
  guint n_fields;

  dump_problems (problems);
  g_assert_cmpuint (problems->len, ==, 0);

  server = cd_profile_list_find (profiles, "tls-server");
  client = cd_profile_list_find (profiles, "tls-client");
  g_assert_nonnull (server);
  g_assert_nonnull (client);
  g_assert_null (cd_profile_list_find (profiles, "no-such-profile"));

  g_assert_cmpstr (cd_profile_get_name (server), ==, "Generic TLS server");
  g_assert_cmpstr (cd_profile_get_vendor (server), ==, "");
  g_assert_cmpint (cd_profile_get_role (server), ==, CD_PROFILE_ROLE_SERVER);
  g_assert_cmpint (cd_profile_get_role (client), ==, CD_PROFILE_ROLE_CLIENT);
  g_assert_false (cd_profile_get_is_user (server));
  g_assert_cmpuint (cd_profile_get_n_rules (server), ==, 13);
  g_assert_cmpuint (cd_profile_get_n_rules (client), ==, 9);
  g_assert_cmpuint (cd_profile_get_validity_days (server), ==, 398);
  g_assert_cmpint (cd_profile_get_key_usage (server), ==,
                   CD_KEY_USAGE_DIGITAL_SIGNATURE | CD_KEY_USAGE_KEY_ENCIPHERMENT);
  g_assert_cmpint (cd_profile_get_extended_key_usage (client), ==, CD_EXTENDED_KEY_USAGE_CLIENT_AUTH);
  g_assert_false (cd_profile_get_before_2038 (server));
  g_assert_cmpuint (cd_profile_get_max_san_entries (server), ==, 0);
  cd_profile_get_match_issuer_fields (server, &n_fields);
  g_assert_cmpuint (n_fields, ==, 0);

  options = cd_profile_dup_export_options (server);
  g_assert_nonnull (options);
  g_assert_cmpint (cd_export_options_get_format (options), ==, CD_EXPORT_FORMAT_PEM_KEY_CERT);
  g_assert_true (cd_export_options_get_include_chain (options));
  g_assert_false (cd_export_options_get_include_root (options));
  g_assert_cmpstr (cd_profile_get_export_extension (server), ==, ".pem");

  g_assert_cmpuint (g_list_model_get_n_items (cd_profile_get_steps (server)), ==, 3);
  step = g_list_model_get_item (cd_profile_get_steps (server), 0);
  g_assert_cmpstr (cd_profile_step_get_id (step), ==, "install");
  g_assert_true (g_str_has_prefix (cd_profile_step_get_text (step), "Install the certificate"));
  g_assert_cmpstr (cd_profile_step_get_source (step), ==, "RFC 5246 §7.4.2");

  /* Sorted by name. */
  for (guint i = 1; i < g_list_model_get_n_items (profiles); i++)
    {
      g_autoptr(CdProfile) a = g_list_model_get_item (profiles, i - 1);
      g_autoptr(CdProfile) b = g_list_model_get_item (profiles, i);

      g_assert_cmpint (g_utf8_collate (cd_profile_get_name (a), cd_profile_get_name (b)), <=, 0);
    }
}

/* A meson glob does not exist, so profiles.gresource.xml lists the
 * files by hand: each file of data/profiles/ must load as shipped.
 */
static void
test_profile_resource_complete (void)
{
  g_autofree char *dir = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "..", "data", "profiles", NULL);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GListModel) profiles = cd_profile_load_all (NULL, problems);
  g_autoptr(GDir) gdir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  guint n_files = 0;

  gdir = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);

  while ((name = g_dir_read_name (gdir)) != NULL)
    {
      g_autofree char *id = NULL;
      CdProfile *profile;

      if (!g_str_has_suffix (name, ".profile"))
        continue;

      n_files++;
      id = g_strndup (name, strlen (name) - strlen (".profile"));
      profile = cd_profile_list_find (profiles, id);
      if (profile == NULL)
        g_error ("data/profiles/%s is not in data/profiles/profiles.gresource.xml, or does not load", name);
      g_assert_false (cd_profile_get_is_user (profile));
    }

  g_assert_cmpuint (n_files, >=, 2);
  g_assert_cmpuint (g_list_model_get_n_items (profiles), ==, n_files);
}

static void
test_profile_user_dir (void)
{
  g_autofree char *dir = cd_test_make_tmpdir ();
  g_autofree char *replaced = minimal ("tls-server", "My own TLS server", NULL);
  g_autofree char *added = minimal ("my-device", "A my device", NULL);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GListModel) shipped = cd_profile_load_all (NULL, NULL);
  g_autoptr(GListModel) profiles = NULL;
  g_autoptr(CdProfile) first = NULL;
  CdProfile *server;

  write_file (dir, "tls-server.profile", replaced);
  write_file (dir, "my-device.profile", added);
  write_file (dir, "notes.txt", "not a profile, ignored");

  profiles = cd_profile_load_all (dir, problems);
  dump_problems (problems);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (profiles), ==, g_list_model_get_n_items (shipped) + 1);

  server = cd_profile_list_find (profiles, "tls-server");
  g_assert_cmpstr (cd_profile_get_name (server), ==, "My own TLS server");
  g_assert_true (cd_profile_get_is_user (server));
  g_assert_cmpuint (cd_profile_get_n_rules (server), ==, 1);
  g_assert_null (cd_profile_dup_export_options (server));

  /* "A my device" sorts before the "Generic …" ones. */
  first = g_list_model_get_item (profiles, 0);
  g_assert_cmpstr (cd_profile_get_id (first), ==, "my-device");

  /* A folder that does not exist is no problem. */
  g_clear_object (&profiles);
  profiles = cd_profile_load_all ("/nonexistent/certdesk/profiles", problems);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (profiles), ==, g_list_model_get_n_items (shipped));

  remove_dir (dir);
}

typedef struct
{
  const char *file;
  const char *contents;      /* with @ID@ for the id, or NULL for MINIMAL + extra */
  const char *extra;
  const char *expected;      /* the start of the problem, after the folder */
  const char *mentions;      /* a word of the message */
} BadFile;

static const BadFile bad_files[] = {
  { "bad-syntax.profile",
    "[Profile]\nId=@ID@\nName=@ID@\nthis line is no key\nRole=server\n", NULL,
    "bad-syntax.profile:4: ", NULL },
  { "bad-group.profile",
    "[Profile\nId=@ID@\nName=@ID@\n", NULL,
    "bad-group.profile:1: ", NULL },
  { "unknown-kind.profile", NULL,
    "\n[Rule r2]\nKind=cn-colour\nSeverity=error\nTitle=t\nSource=s\n",
    "unknown-kind.profile:15: ", "cn-colour" },
  { "unknown-key.profile", NULL,
    "\n[Rule r2]\nKind=cn-max-length\nLength=64\nSeverity=error\nMaxLenght=3\nTitle=t\nSource=s\n",
    "unknown-key.profile:18: ", "MaxLenght" },
  { "bad-number.profile", NULL,
    "\n[Rule r2]\nKind=cn-max-length\nSeverity=error\nLength=sixty\nTitle=t\nSource=s\n",
    "bad-number.profile:17: ", "sixty" },
  { "out-of-range.profile", NULL,
    "\n[Rule r2]\nKind=cn-max-length\nSeverity=error\nLength=65\nTitle=t\nSource=s\n",
    "out-of-range.profile:17: ", "65" },
  { "bad-severity.profile", NULL,
    "\n[Rule r2]\nKind=cn-present\nSeverity=fatal\nTitle=t\nSource=s\n",
    "bad-severity.profile:16: ", "fatal" },
  { "missing-title.profile", NULL,
    "\n[Rule r2]\nKind=cn-present\nSeverity=error\nSource=s\n",
    "missing-title.profile:14: ", "Title" },
  { "needs-one-of.profile", NULL,
    "\n[Rule r2]\nKind=key-usage\nSeverity=error\nTitle=t\nSource=s\n",
    "needs-one-of.profile:15: ", "Required" },
  { "bad-choice.profile", NULL,
    "\n[Rule r2]\nKind=key-usage\nSeverity=error\nRequired=digital-signature;teleport;\nTitle=t\nSource=s\n",
    "bad-choice.profile:17: ", "teleport" },
  { "bad-regex.profile", NULL,
    "\n[Rule r2]\nKind=cn-matches\nSeverity=error\nPattern=([a-z\nTitle=t\nSource=s\n",
    "bad-regex.profile:17: ", NULL },
  { "bad-date.profile", NULL,
    "\n[Rule r2]\nKind=not-vendor-default\nSeverity=error\nNotAfterBefore=2038-13-01\nTitle=t\nSource=s\n",
    "bad-date.profile:17: ", "2038-13-01" },
  { "bad-extension.profile", NULL,
    "\n[Rule r2]\nKind=critical-extensions\nSeverity=error\nAllowed=keyUsage;fooBar;\nTitle=t\nSource=s\n",
    "bad-extension.profile:17: ", "fooBar" },
  { "bad-bool.profile", NULL,
    "\n[Request]\nCommonNameAsDns=yes\n",
    "bad-bool.profile:15: ", "yes" },
  { "bad-key-type.profile", NULL,
    "\n[Request]\nKeyType=rsa-1536\n",
    "bad-key-type.profile:15: ", "rsa-1536" },
  { "duplicate-rule.profile", NULL,
    "\n[Rule cn]\nKind=cn-present\n",
    "duplicate-rule.profile:14: ", "already" },
  { "unknown-group.profile", NULL,
    "\n[Rules extra]\nKind=cn-present\n",
    "unknown-group.profile:14: ", "Rules extra" },
  { "bad-extension-name.profile", NULL,
    "\n[Export]\nFormat=pem\nExtension=pem\n",
    "bad-extension-name.profile:16: ", "pem" },
};

static void
test_profile_malformed (void)
{
  g_autofree char *dir = cd_test_make_tmpdir ();
  g_autofree char *good = minimal ("still-good", "Still good", NULL);
  g_autofree char *wrong_id = minimal ("other-id", "Wrong id", NULL);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GListModel) shipped = cd_profile_load_all (NULL, NULL);
  g_autoptr(GListModel) profiles = NULL;
  g_autofree char *wrong_id_prefix = NULL;

  write_file (dir, "still-good.profile", good);
  write_file (dir, "wrong-id.profile", wrong_id);
  write_file (dir, "not-utf8.profile", "[Profile]\nId=not-utf8\nName=\xff\xfe\n");
  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      g_autofree char *id = g_strndup (bad_files[i].file, strlen (bad_files[i].file) - 8);
      g_autofree char *contents = NULL;

      if (bad_files[i].contents != NULL)
        {
          g_auto(GStrv) parts = g_strsplit (bad_files[i].contents, "@ID@", -1);

          contents = g_strjoinv (id, parts);
        }
      else
        contents = minimal (id, id, bad_files[i].extra);
      write_file (dir, bad_files[i].file, contents);
    }

  profiles = cd_profile_load_all (dir, problems);
  dump_problems (problems);

  /* Every bad file reported once, with the line; the good one loaded. */
  g_assert_cmpuint (problems->len, ==, G_N_ELEMENTS (bad_files) + 2);
  g_assert_cmpuint (g_list_model_get_n_items (profiles), ==, g_list_model_get_n_items (shipped) + 1);
  g_assert_nonnull (cd_profile_list_find (profiles, "still-good"));

  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      g_autofree char *prefix = g_strconcat (dir, "/", bad_files[i].expected, NULL);
      gboolean found = FALSE;

      for (guint j = 0; j < problems->len; j++)
        {
          const char *problem = g_ptr_array_index (problems, j);

          if (g_str_has_prefix (problem, prefix))
            {
              found = TRUE;
              if (bad_files[i].mentions != NULL)
                g_assert_nonnull (strstr (problem, bad_files[i].mentions));
            }
        }
      if (!found)
        g_error ("no problem starts with “%s”", prefix);
    }

  wrong_id_prefix = g_strdup_printf ("%s/wrong-id.profile:2: ", dir);
  g_assert_true (has_problem (problems, wrong_id_prefix));
  g_free (wrong_id_prefix);
  wrong_id_prefix = g_strdup_printf ("%s/not-utf8.profile:3: ", dir);
  g_assert_true (has_problem (problems, wrong_id_prefix));

  remove_dir (dir);
}

static void
test_profile_from_data (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdProfile) profile = NULL;
  g_autofree char *text = minimal ("whatever", "From data", NULL);

  /* A display name without ".profile" asks for no particular id. */
  profile = cd_profile_new_from_data (text, strlen (text), "typed in", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cd_profile_get_id (profile), ==, "whatever");

  g_clear_object (&profile);
  profile = cd_profile_new_from_data ("[Profile]\nId=x\n", (gsize)-1, "x.profile", &error);
  g_assert_error (error, CD_PROFILE_ERROR, CD_PROFILE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "x.profile:1: "));
  g_assert_null (profile);
  g_clear_error (&error);

  profile = cd_profile_new_from_data ("", 0, "empty.profile", &error);
  g_assert_error (error, CD_PROFILE_ERROR, CD_PROFILE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "empty.profile:1: "));
  g_clear_error (&error);

  profile = cd_profile_new_from_file ("/nonexistent/a.profile", &error);
  g_assert_error (error, CD_PROFILE_ERROR, CD_PROFILE_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, "/nonexistent/a.profile:1: "));
}

static void
test_profile_apply_to_builder (void)
{
  const char *text =
    "[Profile]\nId=apply\nName=Apply\nDescription=d\nDocument=doc\nRole=server\n"
    "[Request]\nKeyType=ec-p384\nDigest=sha384\nPurpose=server-client\n"
    "KeyUsage=digital-signature;key-agreement;key-cert-sign;\n"
    "ExtendedKeyUsage=server-auth;client-auth;\nStringType=printable\nCommonNameAsDns=false\n"
    "MatchIssuer=O;C;O;\nValidityDays=730\nBefore2038=true\nMaxSanEntries=8\n"
    "[Export]\nFormat=pkcs12-legacy\nIncludeChain=true\nIncludeRoot=true\nKeyFormat=pkcs1\n"
    "KeyFirst=true\nExtension=.pfx\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(CdProfile) profile = cd_profile_new_from_data (text, strlen (text), "apply.profile", &error);
  g_autoptr(CdRequestBuilder) builder = cd_request_builder_new ();
  g_autoptr(CdExportOptions) options = NULL;
  const CdSubjectField *fields;
  guint n_fields;

  g_assert_no_error (error);
  g_assert_cmpuint (cd_profile_get_n_rules (profile), ==, 0);

  cd_request_builder_set_cn_as_dns (builder, TRUE);
  cd_request_builder_set_subject_field (builder, CD_SUBJECT_FIELD_ORGANIZATION, "Kept");
  cd_profile_apply_to_request_builder (profile, builder);

  g_assert_cmpint (cd_request_builder_get_key_type (builder), ==, CD_KEY_TYPE_EC_P384);
  g_assert_cmpint (cd_request_builder_get_digest (builder), ==, CD_DIGEST_SHA384);
  g_assert_cmpint (cd_request_builder_get_purpose (builder), ==, CD_REQUEST_PURPOSE_SERVER_CLIENT);
  /* keyCertSign is for a CA to set, never in a request. */
  g_assert_cmpint (cd_request_builder_get_key_usage (builder), ==,
                   CD_KEY_USAGE_DIGITAL_SIGNATURE | CD_KEY_USAGE_KEY_AGREEMENT);
  g_assert_cmpint (cd_request_builder_get_extended_key_usage (builder), ==,
                   CD_EXTENDED_KEY_USAGE_SERVER_AUTH | CD_EXTENDED_KEY_USAGE_CLIENT_AUTH);
  g_assert_cmpint (cd_request_builder_get_string_type (builder), ==, CD_STRING_TYPE_PRINTABLE_WHERE_POSSIBLE);
  g_assert_false (cd_request_builder_get_cn_as_dns (builder));
  g_assert_cmpstr (cd_request_builder_get_subject_field (builder, CD_SUBJECT_FIELD_ORGANIZATION), ==, "Kept");

  fields = cd_profile_get_match_issuer_fields (profile, &n_fields);
  g_assert_cmpuint (n_fields, ==, 2);
  g_assert_cmpint (fields[0], ==, CD_SUBJECT_FIELD_ORGANIZATION);
  g_assert_cmpint (fields[1], ==, CD_SUBJECT_FIELD_COUNTRY);
  g_assert_cmpuint (cd_profile_get_validity_days (profile), ==, 730);
  g_assert_true (cd_profile_get_before_2038 (profile));
  g_assert_cmpuint (cd_profile_get_max_san_entries (profile), ==, 8);

  options = cd_profile_dup_export_options (profile);
  g_assert_cmpint (cd_export_options_get_format (options), ==, CD_EXPORT_FORMAT_PKCS12_LEGACY);
  g_assert_true (cd_export_options_get_include_chain (options));
  g_assert_true (cd_export_options_get_include_root (options));
  g_assert_cmpint (cd_export_options_get_key_format (options), ==, CD_EXPORT_KEY_FORMAT_PKCS1);
  g_assert_true (cd_export_options_get_key_first (options));
  g_assert_cmpstr (cd_profile_get_export_extension (profile), ==, ".pfx");

  g_assert_finalize_object (g_steal_pointer (&profile));
}

static void
test_profile_checklist (void)
{
  g_autoptr(CdDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) done = NULL;
  g_autofree char *path = NULL;
  const char *sha = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

  database = cd_test_open_database (&path);

  done = cd_database_dup_checklist_done (database, sha, "tls-server", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (done), ==, 0);
  g_clear_pointer (&done, g_strfreev);

  g_assert_true (cd_database_set_checklist_step (database, sha, "tls-server", "verify", TRUE, &error));
  g_assert_true (cd_database_set_checklist_step (database, sha, "tls-server", "install", TRUE, &error));
  g_assert_true (cd_database_set_checklist_step (database, sha, "tls-server", "install", TRUE, &error));
  g_assert_true (cd_database_set_checklist_step (database, sha, "tls-client", "import", TRUE, &error));
  g_assert_no_error (error);

  /* Kept across opening the file again. */
  g_clear_object (&database);
  database = cd_database_open (path, &error);
  g_assert_no_error (error);

  done = cd_database_dup_checklist_done (database, sha, "tls-server", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (done), ==, 2);
  g_assert_cmpstr (done[0], ==, "install");
  g_assert_cmpstr (done[1], ==, "verify");
  g_clear_pointer (&done, g_strfreev);

  g_assert_true (cd_database_set_checklist_step (database, sha, "tls-server", "install", FALSE, &error));
  g_assert_true (cd_database_set_checklist_step (database, sha, "tls-server", "never-ticked", FALSE, &error));
  g_assert_no_error (error);
  done = cd_database_dup_checklist_done (database, sha, "tls-server", &error);
  g_assert_cmpstrv (done, ((const char * const[]) { "verify", NULL }));
  g_clear_pointer (&done, g_strfreev);

  done = cd_database_dup_checklist_done (database, sha, "tls-client", &error);
  g_assert_cmpstrv (done, ((const char * const[]) { "import", NULL }));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/certdesk/profile/shipped", test_profile_shipped);
  g_test_add_func ("/certdesk/profile/resource-complete", test_profile_resource_complete);
  g_test_add_func ("/certdesk/profile/user-dir", test_profile_user_dir);
  g_test_add_func ("/certdesk/profile/malformed", test_profile_malformed);
  g_test_add_func ("/certdesk/profile/from-data", test_profile_from_data);
  g_test_add_func ("/certdesk/profile/apply-to-builder", test_profile_apply_to_builder);
  g_test_add_func ("/certdesk/profile/checklist", test_profile_checklist);

  return g_test_run ();
}
