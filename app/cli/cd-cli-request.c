/* cd-cli-request.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* "certdesk-cli request --cn NAME … -o FILE": makes a key and a signed
 * certificate request. The key goes to the keyring, the request to the
 * Certificate Enrollment Requests store and, as PEM, to FILE for the
 * CA. Every invalid value is reported before anything is made.
 */

#define G_LOG_DOMAIN "certdesk-cli"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cd-certificate.h"
#include "cd-cli-common.h"
#include "cd-errors.h"
#include "cd-keyring.h"
#include "cd-request-builder.h"

static const char help_summary[] =
  N_("Make a private key and a certificate signing request (PKCS#10)\n"
     "to send to a certificate authority. The key is kept in your\n"
     "keyring and never written to disk; the request is written to FILE\n"
     "and kept in Certificate Enrollment Requests until the issued\n"
     "certificate is imported.");

static const char help_description[] =
  N_("SAN entries: dns:www.example.com, ip:192.0.2.10, email:admin@example.com,\n"
     "uri:sip:pbx.example.com, in the order given; the common name comes\n"
     "first as a DNS name unless --no-cn-san is given.\n"
     "Keys: rsa:2048 (default), rsa:3072, rsa:4096, ec:p256, ec:p384, ed25519;\n"
     "rsa:1024 needs --legacy-rsa1024.\n"
     "Digests: sha256 (default), sha384, sha512; sha1 needs --legacy-sha1.\n"
     "Key usages: digitalSignature, nonRepudiation, keyEncipherment,\n"
     "dataEncipherment, keyAgreement. Extended key usages: serverAuth,\n"
     "clientAuth, codeSigning, emailProtection. Both default to what\n"
     "--purpose (server, client or both) needs.");

static const struct
{
  const char *name;
  CdKeyUsage  usage;
} key_usage_names[] = {
  { "digitalSignature", CD_KEY_USAGE_DIGITAL_SIGNATURE },
  { "nonRepudiation", CD_KEY_USAGE_NON_REPUDIATION },
  { "keyEncipherment", CD_KEY_USAGE_KEY_ENCIPHERMENT },
  { "dataEncipherment", CD_KEY_USAGE_DATA_ENCIPHERMENT },
  { "keyAgreement", CD_KEY_USAGE_KEY_AGREEMENT },
};

static const struct
{
  const char         *name;
  CdExtendedKeyUsage  usage;
} extended_key_usage_names[] = {
  { "serverAuth", CD_EXTENDED_KEY_USAGE_SERVER_AUTH },
  { "clientAuth", CD_EXTENDED_KEY_USAGE_CLIENT_AUTH },
  { "codeSigning", CD_EXTENDED_KEY_USAGE_CODE_SIGNING },
  { "emailProtection", CD_EXTENDED_KEY_USAGE_EMAIL_PROTECTION },
};

static const char *digest_names[] = { "sha256", "sha384", "sha512", "sha1" };

static gboolean
parse_key_usage (const char *list,
                 CdKeyUsage *usage)
{
  g_auto(GStrv) names = g_strsplit (list, ",", -1);

  *usage = CD_KEY_USAGE_NONE;
  for (guint i = 0; names[i] != NULL; i++)
    {
      gboolean found = FALSE;

      g_strstrip (names[i]);
      for (guint j = 0; j < G_N_ELEMENTS (key_usage_names); j++)
        {
          if (g_ascii_strcasecmp (names[i], key_usage_names[j].name) == 0)
            {
              *usage |= key_usage_names[j].usage;
              found = TRUE;
            }
        }

      if (!found)
        {
          cd_cli_printerr (_("“%s” is not a key usage. Use digitalSignature, nonRepudiation, keyEncipherment, dataEncipherment or keyAgreement, separated by commas."),
                           names[i]);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
parse_extended_key_usage (const char         *list,
                          CdExtendedKeyUsage *usage)
{
  g_auto(GStrv) names = g_strsplit (list, ",", -1);

  *usage = CD_EXTENDED_KEY_USAGE_NONE;
  for (guint i = 0; names[i] != NULL; i++)
    {
      gboolean found = FALSE;

      g_strstrip (names[i]);
      for (guint j = 0; j < G_N_ELEMENTS (extended_key_usage_names); j++)
        {
          if (g_ascii_strcasecmp (names[i], extended_key_usage_names[j].name) == 0)
            {
              *usage |= extended_key_usage_names[j].usage;
              found = TRUE;
            }
        }

      if (!found)
        {
          cd_cli_printerr (_("“%s” is not an extended key usage. Use serverAuth, clientAuth, codeSigning or emailProtection, separated by commas."),
                           names[i]);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
parse_purpose (const char       *name,
               CdRequestPurpose *purpose)
{
  if (g_ascii_strcasecmp (name, "server") == 0)
    *purpose = CD_REQUEST_PURPOSE_SERVER;
  else if (g_ascii_strcasecmp (name, "client") == 0)
    *purpose = CD_REQUEST_PURPOSE_CLIENT;
  else if (g_ascii_strcasecmp (name, "both") == 0)
    *purpose = CD_REQUEST_PURPOSE_SERVER_CLIENT;
  else
    {
      cd_cli_printerr (_("“%s” is not a purpose. Use server, client or both."), name);
      return FALSE;
    }

  return TRUE;
}

static gboolean
parse_digest (const char *name,
              CdDigest   *digest)
{
  for (guint i = 0; i < G_N_ELEMENTS (digest_names); i++)
    {
      if (g_ascii_strcasecmp (name, digest_names[i]) == 0 ||
          (g_ascii_strncasecmp (name, "sha-", 4) == 0 &&
           g_ascii_strcasecmp (name + 4, digest_names[i] + 3) == 0))
        {
          *digest = i;
          return TRUE;
        }
    }

  cd_cli_printerr (_("“%s” is not a digest. Use sha256, sha384 or sha512."), name);
  return FALSE;
}

/* "dns:www.example.com", "uri:sip:pbx.example.com": the type ends at
 * the first colon, so URIs keep theirs.
 */
static gboolean
add_san_argument (CdRequestBuilder *builder,
                  const char       *argument)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *prefix = NULL;
  const char *colon = strchr (argument, ':');
  CdSanType type;

  if (colon != NULL)
    prefix = g_strndup (argument, colon - argument);

  if (prefix == NULL || !cd_san_type_from_prefix (prefix, &type))
    {
      cd_cli_printerr (_("“%s” does not say what kind of name it is. Write dns:NAME, ip:ADDRESS, email:ADDRESS or uri:URI."),
                       argument);
      return FALSE;
    }

  if (!cd_request_builder_add_san (builder, type, colon + 1, &error))
    {
      cd_cli_print_error (error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
write_output (const char  *path,
              const char  *pem,
              GError     **error)
{
  if (g_str_equal (path, "-"))
    {
      cd_cli_write (pem, strlen (pem));
      return TRUE;
    }

  return g_file_set_contents (path, pem, -1, error);
}

/**
 * cd_cli_request:
 * @argc: the arguments count, the command name included
 * @argv: the arguments, starting with the command name
 *
 * Returns: the exit status
 */
int
cd_cli_request (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CdRequestBuilder) builder = NULL;
  g_autoptr(CdDatabase) database = NULL;
  g_autoptr(CdKeyring) keyring = NULL;
  g_autoptr(CdCertificate) row = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cn = NULL;
  g_autofree char *o = NULL;
  g_autofree char *ou = NULL;
  g_autofree char *l = NULL;
  g_autofree char *st = NULL;
  g_autofree char *c = NULL;
  g_autofree char *email = NULL;
  g_autofree char *key = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *ku = NULL;
  g_autofree char *eku = NULL;
  g_autofree char *purpose = NULL;
  g_autofree char *output = NULL;
  g_autofree char *pem = NULL;
  g_autofree char *line = NULL;
  g_autofree char *output_display = NULL;
  g_auto(GStrv) sans = NULL;
  gboolean no_cn_san = FALSE;
  gboolean legacy_rsa1024 = FALSE;
  gboolean legacy_sha1 = FALSE;
  gboolean utf8 = FALSE;
  guint n_problems = 0;
  const GOptionEntry entries[] = {
    { "cn", 0, 0, G_OPTION_ARG_STRING, &cn, N_("Common name, such as the server’s host name"), N_("NAME") },
    { "o", 0, 0, G_OPTION_ARG_STRING, &o, N_("Organization"), N_("NAME") },
    { "ou", 0, 0, G_OPTION_ARG_STRING, &ou, N_("Organizational unit"), N_("NAME") },
    { "l", 0, 0, G_OPTION_ARG_STRING, &l, N_("Locality (city)"), N_("NAME") },
    { "st", 0, 0, G_OPTION_ARG_STRING, &st, N_("State or province"), N_("NAME") },
    { "c", 0, 0, G_OPTION_ARG_STRING, &c, N_("Country, two letters"), N_("CODE") },
    { "email", 0, 0, G_OPTION_ARG_STRING, &email, N_("E-mail address in the subject"), N_("ADDRESS") },
    { "san", 0, 0, G_OPTION_ARG_STRING_ARRAY, &sans,
      N_("Subject alternative name; repeat for more, in order"), N_("TYPE:VALUE") },
    { "no-cn-san", 0, 0, G_OPTION_ARG_NONE, &no_cn_san,
      N_("Do not put the common name first among the DNS names"), NULL },
    { "purpose", 0, 0, G_OPTION_ARG_STRING, &purpose,
      N_("server (default), client or both; sets the default usages"), N_("PURPOSE") },
    { "key", 0, 0, G_OPTION_ARG_STRING, &key, N_("Key type (default rsa:2048)"), N_("TYPE") },
    { "legacy-rsa1024", 0, 0, G_OPTION_ARG_NONE, &legacy_rsa1024,
      N_("Allow rsa:1024, weak, for old devices only"), NULL },
    { "digest", 0, 0, G_OPTION_ARG_STRING, &digest, N_("Signature digest (default sha256)"), N_("DIGEST") },
    { "legacy-sha1", 0, 0, G_OPTION_ARG_NONE, &legacy_sha1,
      N_("Allow sha1, weak, for old devices only"), NULL },
    { "ku", 0, 0, G_OPTION_ARG_STRING, &ku, N_("Key usages, separated by commas"), N_("LIST") },
    { "eku", 0, 0, G_OPTION_ARG_STRING, &eku, N_("Extended key usages, separated by commas"), N_("LIST") },
    { "utf8", 0, 0, G_OPTION_ARG_NONE, &utf8,
      N_("Encode the subject as UTF8String even where PrintableString would do"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the request as PEM to FILE (“-” for standard output)"), N_("FILE") },
    { NULL }
  };

  context = cd_cli_option_context_new (NULL, help_summary, entries);
  g_option_context_set_description (context, _(help_description));

  if (!cd_cli_parse_options (context, &argc, &argv))
    return CD_CLI_EXIT_USAGE;

  if (argc > 1)
    {
      cd_cli_printerr (_("Unexpected argument “%s”. Run “certdesk-cli request --help”."), argv[1]);
      return CD_CLI_EXIT_USAGE;
    }

  if (output == NULL)
    {
      cd_cli_printerr (_("No output file given. Add -o FILE, or -o - for standard output."));
      return CD_CLI_EXIT_USAGE;
    }

  builder = cd_request_builder_new ();

  if (purpose != NULL)
    {
      CdRequestPurpose value;

      if (!parse_purpose (purpose, &value))
        return CD_CLI_EXIT_USAGE;
      cd_request_builder_set_purpose (builder, value);
    }

  if (key != NULL)
    {
      CdKeyType value;

      if (!cd_key_type_from_id (key, &value))
        {
          cd_cli_printerr (_("“%s” is not a key type. Use rsa:2048, rsa:3072, rsa:4096, ec:p256, ec:p384 or ed25519."),
                           key);
          return CD_CLI_EXIT_USAGE;
        }
      cd_request_builder_set_key_type (builder, value);
    }
  cd_request_builder_set_allow_legacy_key (builder, legacy_rsa1024);

  if (digest != NULL)
    {
      CdDigest value;

      if (!parse_digest (digest, &value))
        return CD_CLI_EXIT_USAGE;
      cd_request_builder_set_digest (builder, value);
    }
  cd_request_builder_set_allow_legacy_digest (builder, legacy_sha1);

  if (ku != NULL)
    {
      CdKeyUsage value;

      if (!parse_key_usage (ku, &value))
        return CD_CLI_EXIT_USAGE;
      cd_request_builder_set_key_usage (builder, value);
    }

  if (eku != NULL)
    {
      CdExtendedKeyUsage value;

      if (!parse_extended_key_usage (eku, &value))
        return CD_CLI_EXIT_USAGE;
      cd_request_builder_set_extended_key_usage (builder, value);
    }

  cd_request_builder_set_subject_field (builder, CD_SUBJECT_FIELD_COMMON_NAME, cn);
  cd_request_builder_set_subject_field (builder, CD_SUBJECT_FIELD_ORGANIZATION, o);
  cd_request_builder_set_subject_field (builder, CD_SUBJECT_FIELD_ORGANIZATIONAL_UNIT, ou);
  cd_request_builder_set_subject_field (builder, CD_SUBJECT_FIELD_LOCALITY, l);
  cd_request_builder_set_subject_field (builder, CD_SUBJECT_FIELD_STATE, st);
  cd_request_builder_set_subject_field (builder, CD_SUBJECT_FIELD_COUNTRY, c);
  cd_request_builder_set_subject_field (builder, CD_SUBJECT_FIELD_EMAIL, email);
  cd_request_builder_set_string_type (builder, utf8 ? CD_STRING_TYPE_UTF8
                                                    : CD_STRING_TYPE_PRINTABLE_WHERE_POSSIBLE);
  cd_request_builder_set_cn_as_dns (builder, !no_cn_san);

  /* Every problem at once, not one per run. */
  for (guint i = 0; sans != NULL && sans[i] != NULL; i++)
    {
      if (!add_san_argument (builder, sans[i]))
        n_problems++;
    }

  problems = cd_request_builder_validate (builder);
  for (guint i = 0; i < problems->len; i++)
    cd_cli_print_error (g_ptr_array_index (problems, i));
  if (problems->len > 0 || n_problems > 0)
    return CD_CLI_EXIT_USAGE;

  database = cd_cli_open_database ();
  if (database == NULL)
    return CD_CLI_EXIT_FAILED;

  keyring = cd_keyring_new (cd_cli_stdin_is_terminal ());

  pem = cd_request_builder_build (builder, database, keyring, &row, NULL, &error);
  if (pem == NULL)
    {
      cd_cli_print_error (error);
      return CD_CLI_EXIT_FAILED;
    }

  if (!write_output (output, pem, &error))
    {
      /* The request is kept; it can be exported from the store later. */
      cd_cli_printerr (_("The request was made and kept in Certificate Enrollment Requests, but it could not be written: %s"),
                       error->message);
      return CD_CLI_EXIT_FAILED;
    }

  if (g_str_equal (output, "-"))
    return CD_CLI_EXIT_OK;

  output_display = g_filename_display_name (output);
  /* translators: the first %s is a file name, the second a fingerprint */
  line = g_strdup_printf (_("Request written to “%s”; fingerprint %s; key kept in your keyring\n"),
                          output_display, cd_certificate_get_sha256 (row));
  cd_cli_write (line, strlen (line));

  return CD_CLI_EXIT_OK;
}
