/* cd-cli-ca.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* "certdesk-cli ca create|sign|revoke|crl|list": the private CA. A CA
 * is named by the fingerprint of its certificate (or enough of its
 * first digits), as everywhere else.
 */

#define G_LOG_DOMAIN "certdesk-cli"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cd-ca.h"
#include "cd-certificate.h"
#include "cd-check.h"
#include "cd-cli-common.h"
#include "cd-errors.h"
#include "cd-keyring.h"
#include "cd-profile.h"

typedef int (*SubcommandFunc) (int    argc,
                               char **argv);

static const char help_create[] =
  N_("Create a certificate authority: a new key, kept in your keyring,\n"
     "and a CA certificate, written to FILE and kept in Trusted Root\n"
     "(a root) or Intermediate (with --issuer) and in Personal.\n"
     "Keys: rsa:2048, rsa:3072 (default), rsa:4096, ec:p256, ec:p384, ed25519.");

static const char help_sign[] =
  N_("Sign a certificate request with one of your CAs and write the\n"
     "certificate to FILE. REQUEST is a request file (PEM or DER) or the\n"
     "fingerprint of a request in Certificate Enrollment Requests.\n"
     "The request’s SAN entries are kept unless --san is given; fields\n"
     "named by --match (such as C,ST,O) must equal the CA’s and take its\n"
     "string type. The certificate is kept in Personal when its key is in\n"
     "your keyring, else in Other People. --profile takes validity, usages\n"
     "and fields to match from a device profile, and checks the result\n"
     "against its rules; options given as well win over the profile.");

static const char help_revoke[] =
  N_("Revoke a certificate that one of your CAs issued; the CA’s next\n"
     "revocation list names it. Reasons: unspecified (default),\n"
     "keyCompromise, CACompromise, affiliationChanged, superseded,\n"
     "cessationOfOperation.");

static const char help_crl[] =
  N_("Write the revocation list (CRL) of one of your CAs to FILE, signed\n"
     "and numbered one higher than the last.");

static const char help_list[] =
  N_("List the CAs that can sign: certificate authorities in Personal\n"
     "whose private key is in your keyring.");

static gboolean
write_output (const char  *path,
              const char  *data,
              gsize        len,
              GError     **error)
{
  if (g_str_equal (path, "-"))
    {
      cd_cli_write (data, len);
      return TRUE;
    }

  return g_file_set_contents (path, data, len, error);
}

static gboolean
check_no_arguments (int          argc,
                    char       **argv,
                    const char  *name)
{
  if (argc > 1)
    {
      cd_cli_printerr (_("Unexpected argument “%s”. Run “certdesk-cli ca %s --help”."), argv[1], name);
      return FALSE;
    }

  return TRUE;
}

/* The full fingerprint of a certificate in the stores, from a prefix. */
static char *
resolve_fingerprint (CdDatabase *database,
                     const char *fingerprint,
                     CdStoreKind kind)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  rows = cd_database_find (database, fingerprint, kind, &error);
  if (rows == NULL)
    {
      cd_cli_print_find_error (error);
      return NULL;
    }

  return g_strdup (cd_certificate_get_sha256 (g_ptr_array_index (rows, 0)));
}

static void
print_limit (CdCaResult *result)
{
  char date[64];

  cd_cli_format_date (cd_ca_result_get_not_after (result), date, sizeof date);

  switch (cd_ca_result_get_limit (result))
    {
    case CD_CA_LIMIT_ISSUER:
      /* translators: %s is a date */
      cd_cli_printerr (_("Note: the validity ends on %s, when the issuing CA expires."), date);
      break;
    case CD_CA_LIMIT_2038:
      /* translators: %s is a date */
      cd_cli_printerr (_("Note: the validity ends on %s, before 2038-01-19, as asked."), date);
      break;
    case CD_CA_LIMIT_NONE:
    default:
      break;
    }
}

static int
write_result (CdCaResult *result,
              const char *output,
              const char *what)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pem = cd_ca_result_dup_pem (result);
  g_autofree char *display = NULL;
  g_autofree char *line = NULL;
  CdCertificate *row = cd_ca_result_get_certificate (result);

  print_limit (result);

  if (!write_output (output, pem, strlen (pem), &error))
    {
      cd_cli_printerr (_("The certificate was made and kept in Certdesk, but it could not be written: %s"),
                       error->message);
      return CD_CLI_EXIT_FAILED;
    }

  if (g_str_equal (output, "-"))
    return CD_CLI_EXIT_OK;

  display = g_filename_display_name (output);
  /* translators: the first %s is what was made, such as "CA certificate",
   * the second a file name, the third a fingerprint */
  line = g_strdup_printf (_("%s written to “%s”; fingerprint %s\n"), what, display,
                          cd_certificate_get_sha256 (row));
  cd_cli_write (line, strlen (line));

  return CD_CLI_EXIT_OK;
}

static int
ca_create (int    argc,
           char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CdCaCreateOptions) options = cd_ca_create_options_new ();
  g_autoptr(CdDatabase) database = NULL;
  g_autoptr(CdKeyring) keyring = NULL;
  g_autoptr(CdCaResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cn = NULL;
  g_autofree char *o = NULL;
  g_autofree char *ou = NULL;
  g_autofree char *c = NULL;
  g_autofree char *st = NULL;
  g_autofree char *l = NULL;
  g_autofree char *key = NULL;
  g_autofree char *issuer = NULL;
  g_autofree char *output = NULL;
  g_auto(GStrv) permitted = NULL;
  gboolean before_2038 = FALSE;
  int days = CD_CA_DEFAULT_CA_DAYS;
  int pathlen = -1;
  const GOptionEntry entries[] = {
    { "cn", 0, 0, G_OPTION_ARG_STRING, &cn, N_("Common name, such as “Example Corp Root CA”"), N_("NAME") },
    { "o", 0, 0, G_OPTION_ARG_STRING, &o, N_("Organization"), N_("NAME") },
    { "ou", 0, 0, G_OPTION_ARG_STRING, &ou, N_("Organizational unit"), N_("NAME") },
    { "c", 0, 0, G_OPTION_ARG_STRING, &c, N_("Country, two letters"), N_("CODE") },
    { "st", 0, 0, G_OPTION_ARG_STRING, &st, N_("State or province"), N_("NAME") },
    { "l", 0, 0, G_OPTION_ARG_STRING, &l, N_("Locality (city)"), N_("NAME") },
    { "key", 0, 0, G_OPTION_ARG_STRING, &key, N_("Key type (default rsa:3072)"), N_("TYPE") },
    { "days", 0, 0, G_OPTION_ARG_INT, &days, N_("Validity in days (default 3650)"), N_("N") },
    { "before-2038", 0, 0, G_OPTION_ARG_NONE, &before_2038,
      N_("End before 2038-01-19, for devices that keep time in 32 bits"), NULL },
    { "pathlen", 0, 0, G_OPTION_ARG_INT, &pathlen,
      N_("How many CAs may follow below this one (default: no limit)"), N_("N") },
    { "permit-dns", 0, 0, G_OPTION_ARG_STRING_ARRAY, &permitted,
      N_("Allow certificates only for this domain and its subdomains; repeat for more"), N_("DOMAIN") },
    { "issuer", 0, 0, G_OPTION_ARG_STRING, &issuer,
      N_("Make an intermediate CA signed by this CA"), N_("FINGERPRINT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the CA certificate as PEM to FILE (“-” for standard output)"), N_("FILE") },
    { NULL }
  };
  guint n_problems = 0;

  context = cd_cli_option_context_new (NULL, help_create, entries);
  if (!cd_cli_parse_options (context, &argc, &argv))
    return CD_CLI_EXIT_USAGE;
  if (!check_no_arguments (argc, argv, "create"))
    return CD_CLI_EXIT_USAGE;

  if (output == NULL)
    {
      cd_cli_printerr (_("No output file given. Add -o FILE, or -o - for standard output."));
      return CD_CLI_EXIT_USAGE;
    }

  if (days <= 0)
    {
      cd_cli_printerr (_("--days must be a number of days above 0."));
      n_problems++;
    }
  if (pathlen < -1)
    {
      cd_cli_printerr (_("--pathlen must be 0 or more."));
      n_problems++;
    }

  if (key != NULL)
    {
      CdKeyType type;

      if (!cd_key_type_from_id (key, &type) || cd_key_type_is_legacy (type))
        {
          cd_cli_printerr (_("“%s” is not a key type for a CA. Use rsa:2048, rsa:3072, rsa:4096, ec:p256, ec:p384 or ed25519."),
                           key);
          n_problems++;
        }
      else
        {
          cd_ca_create_options_set_key_type (options, type);
        }
    }

  for (guint i = 0; permitted != NULL && permitted[i] != NULL; i++)
    {
      if (!cd_ca_create_options_add_permitted_dns (options, permitted[i], &error))
        {
          cd_cli_print_error (error);
          g_clear_error (&error);
          n_problems++;
        }
    }

  cd_ca_create_options_set_subject_field (options, CD_SUBJECT_FIELD_COMMON_NAME, cn);
  cd_ca_create_options_set_subject_field (options, CD_SUBJECT_FIELD_ORGANIZATION, o);
  cd_ca_create_options_set_subject_field (options, CD_SUBJECT_FIELD_ORGANIZATIONAL_UNIT, ou);
  cd_ca_create_options_set_subject_field (options, CD_SUBJECT_FIELD_COUNTRY, c);
  cd_ca_create_options_set_subject_field (options, CD_SUBJECT_FIELD_STATE, st);
  cd_ca_create_options_set_subject_field (options, CD_SUBJECT_FIELD_LOCALITY, l);

  /* Every bad field at once, before a key is made. */
  for (guint i = 0; i < CD_N_SUBJECT_FIELDS; i++)
    {
      if (!cd_request_validate_subject_field (i, cd_ca_create_options_get_subject_field (options, i),
                                              NULL, &error))
        {
          cd_cli_print_error (error);
          g_clear_error (&error);
          n_problems++;
        }
    }

  if (n_problems > 0)
    return CD_CLI_EXIT_USAGE;

  cd_ca_create_options_set_validity_days (options, days);
  cd_ca_create_options_set_before_2038 (options, before_2038);
  cd_ca_create_options_set_path_length (options, pathlen);

  database = cd_cli_open_database ();
  if (database == NULL)
    return CD_CLI_EXIT_FAILED;

  if (issuer != NULL)
    {
      g_autofree char *full = resolve_fingerprint (database, issuer, CD_STORE_KIND_AUTO);

      if (full == NULL)
        return CD_CLI_EXIT_FAILED;
      cd_ca_create_options_set_issuer (options, full);
    }

  keyring = cd_keyring_new (cd_cli_stdin_is_terminal ());
  result = cd_ca_create (database, keyring, options, NULL, &error);
  if (result == NULL)
    {
      cd_cli_print_error (error);
      return CD_CLI_EXIT_FAILED;
    }

  return write_result (result, output, _("CA certificate"));
}

static gboolean
parse_match (const char *list,
             GArray     *fields)
{
  static const struct
  {
    const char     *name;
    CdSubjectField  field;
  } names[] = {
    { "C", CD_SUBJECT_FIELD_COUNTRY },
    { "ST", CD_SUBJECT_FIELD_STATE },
    { "L", CD_SUBJECT_FIELD_LOCALITY },
    { "O", CD_SUBJECT_FIELD_ORGANIZATION },
    { "OU", CD_SUBJECT_FIELD_ORGANIZATIONAL_UNIT },
  };
  g_auto(GStrv) parts = g_strsplit (list, ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      gboolean found = FALSE;

      g_strstrip (parts[i]);
      for (guint j = 0; j < G_N_ELEMENTS (names); j++)
        {
          if (g_ascii_strcasecmp (parts[i], names[j].name) == 0)
            {
              g_array_append_val (fields, names[j].field);
              found = TRUE;
            }
        }

      if (!found)
        {
          cd_cli_printerr (_("“%s” is not a subject field to match. Use C, ST, L, O or OU, separated by commas."),
                           parts[i]);
          return FALSE;
        }
    }

  return TRUE;
}

static CdProfile *
find_profile (const char *id)
{
  g_autofree char *user_dir = cd_profile_dup_default_user_dir ();
  g_autoptr(GListModel) profiles = cd_profile_load_all (user_dir, NULL);
  CdProfile *profile = cd_profile_list_find (profiles, id);

  if (profile == NULL)
    {
      cd_cli_printerr (_("There is no device profile “%s”. Its id is the Id= line of its file."), id);
      return NULL;
    }

  return g_object_ref (profile);
}

/* The profile's rules run on what was just issued, its chain from the
 * stores; one line per rule that did not pass.
 */
static void
print_profile_checks (CdDatabase *database,
                      CdProfile  *profile,
                      CdCaResult *result)
{
  g_autoptr(CdCheckInput) input = cd_check_input_new ();
  g_autoptr(GListModel) results = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  guint counts[4] = { 0, };

  cd_check_input_set_certificate (input, cd_ca_result_get_der (result));
  if (!cd_check_input_fill_from_database (input, database, &error))
    g_debug ("No chain for the checks: %s", error->message);

  results = cd_profile_check (profile, input);
  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(CdCheckResult) check = g_list_model_get_item (results, i);
      CdCheckStatus status = cd_check_result_get_status (check);

      counts[status]++;
      if (status == CD_CHECK_STATUS_WARNING || status == CD_CHECK_STATUS_FAIL)
        g_string_append_printf (out, "  %s %s: %s\n", cd_check_status_to_id (status),
                                cd_check_result_get_rule_id (check), cd_check_result_get_message (check));
    }

  /* translators: %s is a profile's name, then counts of its rules */
  line = g_strdup_printf (_("Profile “%s”: %u passed, %u warnings, %u failed\n"),
                          cd_profile_get_name (profile), counts[CD_CHECK_STATUS_PASS],
                          counts[CD_CHECK_STATUS_WARNING], counts[CD_CHECK_STATUS_FAIL]);
  g_string_prepend (out, line);
  cd_cli_write (out->str, out->len);
}

/* A file if one is there, else a request in the request store. */
static GBytes *
read_request (CdDatabase *database,
              const char *argument)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *full = NULL;
  char *contents = NULL;
  gsize len = 0;

  if (g_file_test (argument, G_FILE_TEST_EXISTS))
    {
      if (!g_file_get_contents (argument, &contents, &len, &error))
        {
          cd_cli_print_error (error);
          return NULL;
        }
      return g_bytes_new_take (contents, len);
    }

  full = resolve_fingerprint (database, argument, CD_STORE_KIND_REQUEST);
  if (full == NULL)
    return NULL;

  return cd_database_dup_der (database, full, NULL);
}

static int
ca_sign (int    argc,
         char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CdCaSignOptions) options = cd_ca_sign_options_new ();
  g_autoptr(CdDatabase) database = NULL;
  g_autoptr(CdKeyring) keyring = NULL;
  g_autoptr(CdCaResult) result = NULL;
  g_autoptr(GBytes) request_data = NULL;
  g_autoptr(GArray) fields = g_array_new (FALSE, FALSE, sizeof (CdSubjectField));
  g_autoptr(CdProfile) profile = NULL;
  g_autofree char *profile_id = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ca = NULL;
  g_autofree char *ca_full = NULL;
  g_autofree char *request = NULL;
  g_autofree char *match = NULL;
  g_autofree char *output = NULL;
  g_auto(GStrv) sans = NULL;
  gboolean before_2038 = FALSE;
  int days = 0;
  int status;
  const GOptionEntry entries[] = {
    { "ca", 0, 0, G_OPTION_ARG_STRING, &ca, N_("The CA that signs"), N_("FINGERPRINT") },
    { "profile", 0, 0, G_OPTION_ARG_STRING, &profile_id,
      N_("The device profile the certificate is for, such as avaya-aes"), N_("ID") },
    { "request", 0, 0, G_OPTION_ARG_STRING, &request, N_("The request: a file or a fingerprint"),
      N_("REQUEST") },
    { "days", 0, 0, G_OPTION_ARG_INT, &days, N_("Validity in days (default 730)"), N_("N") },
    { "before-2038", 0, 0, G_OPTION_ARG_NONE, &before_2038,
      N_("End before 2038-01-19, for devices that keep time in 32 bits"), NULL },
    { "san", 0, 0, G_OPTION_ARG_STRING_ARRAY, &sans,
      N_("Subject alternative name instead of the request’s; repeat for more"), N_("TYPE:VALUE") },
    { "match", 0, 0, G_OPTION_ARG_STRING, &match,
      N_("Subject fields that must equal the CA’s, such as C,ST,O"), N_("FIELDS") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the certificate as PEM to FILE (“-” for standard output)"), N_("FILE") },
    { NULL }
  };

  context = cd_cli_option_context_new (NULL, help_sign, entries);
  if (!cd_cli_parse_options (context, &argc, &argv))
    return CD_CLI_EXIT_USAGE;
  if (!check_no_arguments (argc, argv, "sign"))
    return CD_CLI_EXIT_USAGE;

  if (ca == NULL || request == NULL || output == NULL)
    {
      cd_cli_printerr (_("Give the CA, the request and the output file: --ca FINGERPRINT --request FILE -o FILE."));
      return CD_CLI_EXIT_USAGE;
    }
  if (days < 0)
    {
      cd_cli_printerr (_("--days must be a number of days above 0."));
      return CD_CLI_EXIT_USAGE;
    }
  if (match != NULL && !parse_match (match, fields))
    return CD_CLI_EXIT_USAGE;

  /* "dns:name" as the request command takes it, "DNS:name" as rows show it. */
  if (sans != NULL && !cd_ca_sign_options_set_sans (options, (const char * const *)sans, &error))
    {
      cd_cli_print_error (error);
      return CD_CLI_EXIT_USAGE;
    }

  if (profile_id != NULL)
    {
      profile = find_profile (profile_id);
      if (profile == NULL)
        return CD_CLI_EXIT_USAGE;
      cd_ca_sign_options_apply_profile (options, profile);
    }

  if (days > 0)
    cd_ca_sign_options_set_validity_days (options, days);
  if (before_2038)
    cd_ca_sign_options_set_before_2038 (options, TRUE);
  if (match != NULL)
    cd_ca_sign_options_set_match_fields (options, (const CdSubjectField *)fields->data, fields->len);

  database = cd_cli_open_database ();
  if (database == NULL)
    return CD_CLI_EXIT_FAILED;

  ca_full = resolve_fingerprint (database, ca, CD_STORE_KIND_AUTO);
  if (ca_full == NULL)
    return CD_CLI_EXIT_FAILED;

  request_data = read_request (database, request);
  if (request_data == NULL)
    return CD_CLI_EXIT_FAILED;

  keyring = cd_keyring_new (cd_cli_stdin_is_terminal ());
  result = cd_ca_sign_request (database, keyring, ca_full, request_data, options, NULL, &error);
  if (result == NULL)
    {
      cd_cli_print_error (error);
      return CD_CLI_EXIT_FAILED;
    }

  status = write_result (result, output, _("Certificate"));
  if (profile != NULL)
    print_profile_checks (database, profile, result);

  return status;
}

static int
ca_revoke (int    argc,
           char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CdDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ca = NULL;
  g_autofree char *ca_full = NULL;
  g_autofree char *target = NULL;
  g_autofree char *reason_id = NULL;
  g_autofree char *line = NULL;
  CdRevocationReason reason = CD_REVOCATION_REASON_UNSPECIFIED;
  const GOptionEntry entries[] = {
    { "ca", 0, 0, G_OPTION_ARG_STRING, &ca, N_("The CA that issued the certificate"), N_("FINGERPRINT") },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason_id, N_("Why it is revoked"), N_("REASON") },
    { NULL }
  };

  context = cd_cli_option_context_new (N_("FINGERPRINT"), help_revoke, entries);
  if (!cd_cli_parse_options (context, &argc, &argv))
    return CD_CLI_EXIT_USAGE;

  if (ca == NULL || argc != 2)
    {
      cd_cli_printerr (_("Give the CA and one certificate: --ca FINGERPRINT FINGERPRINT."));
      return CD_CLI_EXIT_USAGE;
    }
  if (reason_id != NULL && !cd_revocation_reason_from_id (reason_id, &reason))
    {
      cd_cli_printerr (_("“%s” is not a reason. Use unspecified, keyCompromise, CACompromise, affiliationChanged, superseded or cessationOfOperation."),
                       reason_id);
      return CD_CLI_EXIT_USAGE;
    }

  database = cd_cli_open_database ();
  if (database == NULL)
    return CD_CLI_EXIT_FAILED;

  ca_full = resolve_fingerprint (database, ca, CD_STORE_KIND_AUTO);
  target = ca_full != NULL ? resolve_fingerprint (database, argv[1], CD_STORE_KIND_AUTO) : NULL;
  if (target == NULL)
    return CD_CLI_EXIT_FAILED;

  if (!cd_ca_revoke (database, ca_full, target, reason, 0, &error))
    {
      cd_cli_print_error (error);
      return CD_CLI_EXIT_FAILED;
    }

  /* translators: %s is a fingerprint */
  line = g_strdup_printf (_("Revoked %s\n"), target);
  cd_cli_write (line, strlen (line));

  return CD_CLI_EXIT_OK;
}

static int
ca_crl (int    argc,
        char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CdDatabase) database = NULL;
  g_autoptr(CdKeyring) keyring = NULL;
  g_autoptr(GBytes) crl = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ca = NULL;
  g_autofree char *ca_full = NULL;
  g_autofree char *output = NULL;
  g_autofree char *line = NULL;
  g_autofree char *display = NULL;
  gboolean der = FALSE;
  int days = CD_CA_DEFAULT_CRL_DAYS;
  guint64 number = 0;
  const GOptionEntry entries[] = {
    { "ca", 0, 0, G_OPTION_ARG_STRING, &ca, N_("The CA whose list to write"), N_("FINGERPRINT") },
    { "days", 0, 0, G_OPTION_ARG_INT, &days, N_("Days until the next list is due (default 30)"), N_("N") },
    { "der", 0, 0, G_OPTION_ARG_NONE, &der, N_("Write DER instead of PEM"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the list to FILE (“-” for standard output)"), N_("FILE") },
    { NULL }
  };

  context = cd_cli_option_context_new (NULL, help_crl, entries);
  if (!cd_cli_parse_options (context, &argc, &argv))
    return CD_CLI_EXIT_USAGE;
  if (!check_no_arguments (argc, argv, "crl"))
    return CD_CLI_EXIT_USAGE;

  if (ca == NULL || output == NULL)
    {
      cd_cli_printerr (_("Give the CA and the output file: --ca FINGERPRINT -o FILE."));
      return CD_CLI_EXIT_USAGE;
    }
  if (days <= 0)
    {
      cd_cli_printerr (_("--days must be a number of days above 0."));
      return CD_CLI_EXIT_USAGE;
    }

  database = cd_cli_open_database ();
  if (database == NULL)
    return CD_CLI_EXIT_FAILED;

  ca_full = resolve_fingerprint (database, ca, CD_STORE_KIND_AUTO);
  if (ca_full == NULL)
    return CD_CLI_EXIT_FAILED;

  keyring = cd_keyring_new (cd_cli_stdin_is_terminal ());
  crl = cd_ca_make_crl (database, keyring, ca_full, days, !der, &number, NULL, &error);
  if (crl == NULL)
    {
      cd_cli_print_error (error);
      return CD_CLI_EXIT_FAILED;
    }

  if (!write_output (output, g_bytes_get_data (crl, NULL), g_bytes_get_size (crl), &error))
    {
      cd_cli_print_error (error);
      return CD_CLI_EXIT_FAILED;
    }

  if (g_str_equal (output, "-"))
    return CD_CLI_EXIT_OK;

  display = g_filename_display_name (output);
  /* translators: %s is a file name, then the CRL's number */
  line = g_strdup_printf (_("Revocation list written to “%s”; number %llu\n"),
                          display, (unsigned long long) number);
  cd_cli_write (line, strlen (line));

  return CD_CLI_EXIT_OK;
}

static int
ca_list (int    argc,
         char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CdDatabase) database = NULL;
  g_autoptr(GPtrArray) authorities = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  context = cd_cli_option_context_new (NULL, help_list, entries);
  if (!cd_cli_parse_options (context, &argc, &argv))
    return CD_CLI_EXIT_USAGE;
  if (!check_no_arguments (argc, argv, "list"))
    return CD_CLI_EXIT_USAGE;

  database = cd_cli_open_database ();
  if (database == NULL)
    return CD_CLI_EXIT_FAILED;

  authorities = cd_ca_list_authorities (database, &error);
  if (authorities == NULL)
    {
      cd_cli_print_error (error);
      return CD_CLI_EXIT_FAILED;
    }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < authorities->len; i++)
        {
          json_builder_begin_object (builder);
          cd_cli_add_certificate_json (builder, g_ptr_array_index (authorities, i));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      text = cd_cli_generate_json (root);
      cd_cli_write (text, strlen (text));
      return CD_CLI_EXIT_OK;
    }

  for (guint i = 0; i < authorities->len; i++)
    {
      CdCertificate *row = g_ptr_array_index (authorities, i);
      char date[64];

      cd_cli_format_date (cd_certificate_get_not_after (row), date, sizeof date);
      g_string_append_printf (out, "%s  ", cd_certificate_get_sha256 (row));
      cd_cli_append_printable (out, cd_certificate_get_subject_cn (row), -1);
      /* translators: %s is a date */
      g_string_append_printf (out, "  (%s)\n", date);
    }
  cd_cli_write (out->str, out->len);

  return CD_CLI_EXIT_OK;
}

static const struct
{
  const char     *name;
  SubcommandFunc  func;
} subcommands[] = {
  { "create", ca_create },
  { "sign", ca_sign },
  { "revoke", ca_revoke },
  { "crl", ca_crl },
  { "list", ca_list },
};

/**
 * cd_cli_ca:
 * @argc: the arguments count, the command name included
 * @argv: the arguments, starting with the command name
 *
 * Returns: the exit status
 */
int
cd_cli_ca (int    argc,
           char **argv)
{
  if (argc < 2 || argv[1][0] == '-')
    {
      cd_cli_printerr (_("Give what to do: certdesk-cli ca create, sign, revoke, crl or list; add --help to any of them."));
      return argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
             ? CD_CLI_EXIT_OK : CD_CLI_EXIT_USAGE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    {
      if (g_str_equal (argv[1], subcommands[i].name))
        {
          g_autofree char *prgname = g_strdup_printf ("certdesk-cli ca %s", subcommands[i].name);

          g_set_prgname (prgname);
          return subcommands[i].func (argc - 1, argv + 1);
        }
    }

  cd_cli_printerr (_("“%s” is not something the CA does. Use create, sign, revoke, crl or list."), argv[1]);
  return CD_CLI_EXIT_USAGE;
}
