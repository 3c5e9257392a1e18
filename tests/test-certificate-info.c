/* test-certificate-info.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Details rows of a certificate, checked against what OpenSSL's own
 * "x509 -text" prints for the same file: every value compared here is
 * read out of openssl's output at test time, never written in the test.
 * Also opening files without importing them, and "certdesk-cli show".
 */

#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "cd-certificate.h"
#include "cd-certificate-info.h"
#include "cd-detail.h"
#include "cd-errors.h"
#include "cd-test-utils.h"

/* A certificate with every extension the Details page decodes, and one
 * unknown critical extension whose value is the DER OCTET STRING
 * 04 03 01 02 03.
 */
static const char every_extension_cnf[] =
  "[req]\n"
  "distinguished_name = dn\n"
  "prompt = no\n"
  "x509_extensions = v3\n"
  "[dn]\n"
  "C = FR\n"
  "O = Certdesk Tests\n"
  "CN = every-extension.example.test\n"
  "[v3]\n"
  "subjectAltName = @san\n"
  "keyUsage = critical, digitalSignature, nonRepudiation, keyEncipherment, keyCertSign, cRLSign\n"
  "extendedKeyUsage = serverAuth, clientAuth, codeSigning, emailProtection, 1.3.6.1.4.1.99999.1\n"
  "basicConstraints = critical, CA:TRUE, pathlen:2\n"
  "subjectKeyIdentifier = hash\n"
  "authorityKeyIdentifier = keyid:always, issuer:always\n"
  "authorityInfoAccess = OCSP;URI:http://ocsp.example.test/, caIssuers;URI:http://ca.example.test/ca.cer\n"
  "crlDistributionPoints = URI:http://crl.example.test/root.crl\n"
  "certificatePolicies = ia5org, @policy\n"
  "nameConstraints = permitted;DNS:.example.test, permitted;IP:192.0.2.0/255.255.255.0, "
  "excluded;DNS:.bad.example.test, excluded;email:example.org\n"
  "1.3.6.1.4.1.99999.7 = critical, DER:04:03:01:02:03\n"
  "[san]\n"
  "DNS.1 = www.example.test\n"
  "DNS.2 = example.test\n"
  "IP.1 = 192.0.2.10\n"
  "IP.2 = 2001:db8::1\n"
  "email.1 = admin@example.test\n"
  "URI.1 = https://www.example.test/\n"
  "dirName.1 = directory\n"
  "otherName.1 = 1.3.6.1.4.1.311.20.2.3;UTF8:user@example.test\n"
  "RID.1 = 1.2.3.4.5\n"
  "[directory]\n"
  "C = FR\n"
  "O = Directory Org\n"
  "CN = Directory Name\n"
  "[policy]\n"
  "policyIdentifier = 1.3.6.1.4.1.99999.2.1\n"
  "CPS.1 = http://cps.example.test/cps\n"
  "userNotice.1 = @notice\n"
  "[notice]\n"
  "explicitText = \"Test notice text\"\n"
  "organization = \"Certdesk Org\"\n"
  "noticeNumbers = 1, 2\n";

/* One extension as "openssl x509 -text" prints it. */
typedef struct
{
  char      *name;       /* "X509v3 Key Usage", or a dotted OID */
  gboolean   critical;
  GPtrArray *lines;      /* char *, stripped */
} OpensslExtension;

typedef struct
{
  char      *text;
  GPtrArray *extensions;  /* OpensslExtension * */
} OpensslDump;

static void
openssl_extension_free (gpointer data)
{
  OpensslExtension *ext = data;

  g_free (ext->name);
  g_ptr_array_unref (ext->lines);
  g_free (ext);
}

static void
openssl_dump_free (OpensslDump *dump)
{
  g_free (dump->text);
  g_ptr_array_unref (dump->extensions);
  g_free (dump);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OpensslDump, openssl_dump_free)

static char *
run_tool (const char *format,
          ...) G_GNUC_PRINTF (1, 2);

static char *
run_tool (const char *format,
          ...)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *command = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { "/bin/sh", "-c", NULL, NULL };
  char *out = NULL;
  va_list args;
  int status = 0;

  va_start (args, format);
  command = g_strdup_vprintf (format, args);
  va_end (args);

  argv[2] = command;
  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("command failed: %s\n%s", command, err);

  return out;
}

static guint
indent_of (const char *line)
{
  guint n = 0;

  while (line[n] == ' ')
    n++;

  return n;
}

/* Splits the extensions section of "-text" output: headers at one
 * indent, their bodies deeper, the section over at a lesser indent.
 */
static OpensslDump *
openssl_dump (const char *command,
              const char *path)
{
  OpensslDump *dump = g_new0 (OpensslDump, 1);
  g_autofree char *quoted = g_shell_quote (path);
  g_auto(GStrv) lines = NULL;
  OpensslExtension *current = NULL;
  guint header_indent = 0;
  gboolean in_section = FALSE;

  dump->text = run_tool ("openssl %s -in %s -noout -text", command, quoted);
  dump->extensions = g_ptr_array_new_with_free_func (openssl_extension_free);

  lines = g_strsplit (dump->text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      guint indent = indent_of (line);

      if (!in_section)
        {
          if (strstr (line, "X509v3 extensions:") != NULL ||
              strstr (line, "Requested Extensions:") != NULL)
            {
              in_section = TRUE;
              header_indent = indent + 4;
            }
          continue;
        }

      if (line[0] == '\0' || indent < header_indent)
        break;

      if (indent == header_indent)
        {
          g_autofree char *header = g_strstrip (g_strdup (line));
          char *colon = strrchr (header, ':');

          g_assert_nonnull (colon);
          current = g_new0 (OpensslExtension, 1);
          current->critical = strstr (colon, "critical") != NULL;
          *colon = '\0';
          current->name = g_strdup (header);
          current->lines = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (dump->extensions, current);
        }
      else
        {
          g_assert_nonnull (current);
          g_ptr_array_add (current->lines, g_strstrip (g_strdup (line)));
        }
    }

  return dump;
}

static const OpensslExtension *
dump_find (OpensslDump *dump,
           const char  *name)
{
  for (guint i = 0; i < dump->extensions->len; i++)
    {
      const OpensslExtension *ext = g_ptr_array_index (dump->extensions, i);

      if (g_str_equal (ext->name, name))
        return ext;
    }

  g_error ("openssl printed no “%s”", name);
  return NULL;
}

/* The rest of the first line of @text that starts with @prefix once
 * stripped.
 */
static char *
text_field (const char *text,
            const char *prefix)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i] + indent_of (lines[i]);

      if (g_str_has_prefix (line, prefix))
        return g_strstrip (g_strdup (line + strlen (prefix)));
    }

  g_error ("no “%s” in:\n%s", prefix, text);
  return NULL;
}

static char *
tool_field (const char *command,
            const char *path,
            const char *option,
            const char *prefix)
{
  g_autofree char *quoted = g_shell_quote (path);
  g_autofree char *out = run_tool ("openssl %s -in %s -noout %s", command, quoted, option);

  return text_field (out, prefix);
}

static const char *
openssl_extension_oid (const char *name)
{
  static const struct {
    const char *name;
    const char *oid;
  } oids[] = {
    { "X509v3 Subject Alternative Name", "2.5.29.17" },
    { "X509v3 Key Usage", "2.5.29.15" },
    { "X509v3 Extended Key Usage", "2.5.29.37" },
    { "X509v3 Basic Constraints", "2.5.29.19" },
    { "X509v3 Subject Key Identifier", "2.5.29.14" },
    { "X509v3 Authority Key Identifier", "2.5.29.35" },
    { "Authority Information Access", "1.3.6.1.5.5.7.1.1" },
    { "X509v3 CRL Distribution Points", "2.5.29.31" },
    { "X509v3 Certificate Policies", "2.5.29.32" },
    { "X509v3 Name Constraints", "2.5.29.30" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (oids); i++)
    {
      if (g_str_equal (name, oids[i].name))
        return oids[i].oid;
    }

  /* Extensions openssl cannot name are printed as their OID. */
  g_assert_true (g_ascii_isdigit (name[0]));
  return name;
}

static CdDetail *
find_detail (CdCertificateInfo *info,
             const char        *name)
{
  GListModel *details = cd_certificate_info_get_details (info);

  for (guint i = 0; i < g_list_model_get_n_items (details); i++)
    {
      g_autoptr(CdDetail) detail = g_list_model_get_item (details, i);

      if (g_str_equal (cd_detail_get_name (detail), name))
        return detail;
    }

  return NULL;
}

static const char *
detail_value (CdCertificateInfo *info,
              const char        *name)
{
  CdDetail *detail = find_detail (info, name);

  if (detail == NULL)
    g_error ("no Details row “%s”", name);

  return cd_detail_get_value (detail);
}

static CdDetail *
find_extension (CdCertificateInfo *info,
                const char        *oid)
{
  GListModel *details = cd_certificate_info_get_details (info);

  for (guint i = 0; i < g_list_model_get_n_items (details); i++)
    {
      g_autoptr(CdDetail) detail = g_list_model_get_item (details, i);

      if (cd_detail_get_kind (detail) == CD_DETAIL_KIND_EXTENSION &&
          g_str_equal (cd_detail_get_oid (detail), oid))
        return detail;
    }

  g_error ("no extension row %s", oid);
  return NULL;
}

static GPtrArray *
value_lines (CdDetail *detail)
{
  g_auto(GStrv) lines = g_strsplit (cd_detail_get_value (detail), "\n", -1);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; lines[i] != NULL; i++)
    g_ptr_array_add (out, g_strstrip (g_strdup (lines[i])));

  return out;
}

static void
assert_lines_equal (GPtrArray *actual,
                    GPtrArray *expected)
{
  for (guint i = 0; i < MIN (actual->len, expected->len); i++)
    g_assert_cmpstr (g_ptr_array_index (actual, i), ==, g_ptr_array_index (expected, i));
  g_assert_cmpuint (actual->len, ==, expected->len);
}

/* "/C=FR/O=Org/CN=Name" as openssl prints a directory name, in our
 * form: most specific first, "CN = Name, O = Org, C = FR".
 */
static char *
dirname_to_ours (const char *slashed)
{
  g_auto(GStrv) parts = g_strsplit (slashed + 1, "/", -1);
  GString *out = g_string_new (NULL);

  for (int i = g_strv_length (parts) - 1; i >= 0; i--)
    {
      g_auto(GStrv) pair = g_strsplit (parts[i], "=", 2);

      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append_printf (out, "%s = %s", pair[0], pair[1]);
    }

  return g_string_free (out, FALSE);
}

/* One general name as openssl writes it, in our "Type: value" form. */
static char *
general_name_to_ours (const char *name)
{
  if (g_str_has_prefix (name, "DNS:"))
    return g_strdup_printf ("DNS name: %s", name + 4);
  if (g_str_has_prefix (name, "email:"))
    return g_strdup_printf ("Email: %s", name + 6);
  if (g_str_has_prefix (name, "URI:"))
    return g_strdup_printf ("URI: %s", name + 4);
  if (g_str_has_prefix (name, "Registered ID:"))
    return g_strdup_printf ("Registered ID: %s", name + 14);
  if (g_str_has_prefix (name, "othername: UPN::"))
    return g_strdup_printf ("Principal name (UPN): %s", name + 16);
  if (g_str_has_prefix (name, "DirName:"))
    {
      g_autofree char *ours = dirname_to_ours (name + 8);

      return g_strdup_printf ("Directory name: %s", ours);
    }
  if (g_str_has_prefix (name, "IP Address:") || g_str_has_prefix (name, "IP:"))
    {
      const char *text = strchr (name, ':') + 1;
      g_auto(GStrv) parts = g_strsplit (text, "/", 2);
      g_autoptr(GInetAddress) address = g_inet_address_new_from_string (parts[0]);
      g_autofree char *canonical = NULL;

      /* openssl writes IPv6 in full and upper case; compare addresses. */
      g_assert_nonnull (address);
      canonical = g_inet_address_to_string (address);
      if (parts[1] != NULL)
        return g_strdup_printf ("IP address: %s/%s", canonical, parts[1]);
      return g_strdup_printf ("IP address: %s", canonical);
    }

  g_error ("general name “%s” not handled by the test", name);
  return NULL;
}

/* Fields every certificate has, against x509 -text and friends. */
static void
assert_certificate_fields (CdCertificateInfo *info,
                           const char        *path,
                           OpensslDump       *dump)
{
  g_autofree char *serial = tool_field ("x509", path, "-serial", "serial=");
  g_autofree char *not_before = tool_field ("x509", path, "-dateopt iso_8601 -startdate", "notBefore=");
  g_autofree char *not_after = tool_field ("x509", path, "-dateopt iso_8601 -enddate", "notAfter=");
  g_autofree char *sha1 = tool_field ("x509", path, "-fingerprint -sha1", "sha1 Fingerprint=");
  g_autofree char *sha256 = tool_field ("x509", path, "-fingerprint -sha256", "sha256 Fingerprint=");
  g_autofree char *version = text_field (dump->text, "Version:");
  g_autofree char *algorithm = text_field (dump->text, "Signature Algorithm:");
  g_autofree char *issuer = text_field (dump->text, "Issuer:");
  g_autofree char *subject = text_field (dump->text, "Subject:");
  g_autoptr(GString) serial_bare = g_string_new (NULL);
  g_autofree char *sha1_bare = NULL;
  g_autofree char *expected = NULL;
  g_auto(GStrv) lines = NULL;

  /* "3 (0x2)" */
  expected = g_strdup_printf ("V%c", version[0]);
  g_assert_cmpstr (detail_value (info, "Version"), ==, expected);
  g_clear_pointer (&expected, g_free);

  for (const char *p = detail_value (info, "Serial number"); *p != '\0'; p++)
    {
      if (*p != ':')
        g_string_append_c (serial_bare, *p);
    }
  g_assert_cmpstr (serial_bare->str, ==, serial);

  g_assert_cmpstr (detail_value (info, "Signature algorithm"), ==, algorithm);

  /* "2026-11-24 16:32:40Z" */
  g_assert_true (g_str_has_suffix (not_before, "Z"));
  not_before[strlen (not_before) - 1] = '\0';
  expected = g_strdup_printf ("%s UTC", not_before);
  g_assert_cmpstr (detail_value (info, "Valid from"), ==, expected);
  g_clear_pointer (&expected, g_free);
  not_after[strlen (not_after) - 1] = '\0';
  expected = g_strdup_printf ("%s UTC", not_after);
  g_assert_cmpstr (detail_value (info, "Valid to"), ==, expected);
  g_clear_pointer (&expected, g_free);

  /* openssl writes names from the least specific part, on one line. */
  lines = g_strsplit (detail_value (info, "Issuer"), "\n", -1);
  {
    g_autoptr(GString) joined = g_string_new (NULL);

    for (int i = g_strv_length (lines) - 1; i >= 0; i--)
      g_string_append_printf (joined, "%s%s", joined->len ? ", " : "", lines[i]);
    g_assert_cmpstr (joined->str, ==, issuer);
  }
  g_clear_pointer (&lines, g_strfreev);
  lines = g_strsplit (detail_value (info, "Subject"), "\n", -1);
  {
    g_autoptr(GString) joined = g_string_new (NULL);

    for (int i = g_strv_length (lines) - 1; i >= 0; i--)
      g_string_append_printf (joined, "%s%s", joined->len ? ", " : "", lines[i]);
    g_assert_cmpstr (joined->str, ==, subject);
  }

  g_assert_cmpstr (detail_value (info, "SHA-1 fingerprint"), ==, sha1);
  g_assert_cmpstr (detail_value (info, "SHA-256 fingerprint"), ==, sha256);

  /* The same digest, bare and lower case, from the getter. */
  sha1_bare = g_ascii_strdown (sha1, -1);
  {
    char *out = sha1_bare;

    for (const char *in = sha1_bare; *in != '\0'; in++)
      {
        if (*in != ':')
          *out++ = *in;
      }
    *out = '\0';
  }
  g_assert_cmpstr (cd_certificate_info_get_sha1 (info), ==, sha1_bare);
}

/* Rows come in certmgr.msc's order: fields, extensions as the file has
 * them (same OIDs, same critical flags as openssl lists), properties.
 */
static void
assert_row_order (CdCertificateInfo *info,
                  OpensslDump       *dump,
                  const char *const *fields)
{
  GListModel *details = cd_certificate_info_get_details (info);
  guint n_items = g_list_model_get_n_items (details);
  guint n_fields = g_strv_length ((char **)fields);
  guint i;

  g_assert_cmpuint (n_items, >=, n_fields + dump->extensions->len + 2);

  for (i = 0; i < n_fields; i++)
    {
      g_autoptr(CdDetail) detail = g_list_model_get_item (details, i);

      g_assert_cmpstr (cd_detail_get_name (detail), ==, fields[i]);
      g_assert_cmpint (cd_detail_get_kind (detail), ==, CD_DETAIL_KIND_FIELD);
      g_assert_false (cd_detail_get_critical (detail));
    }

  for (guint j = 0; j < dump->extensions->len; j++, i++)
    {
      const OpensslExtension *ext = g_ptr_array_index (dump->extensions, j);
      g_autoptr(CdDetail) detail = g_list_model_get_item (details, i);

      g_assert_cmpint (cd_detail_get_kind (detail), ==, CD_DETAIL_KIND_EXTENSION);
      g_assert_cmpstr (cd_detail_get_oid (detail), ==, openssl_extension_oid (ext->name));
      g_assert_cmpint (cd_detail_get_critical (detail), ==, ext->critical);
    }

  for (; i < n_items; i++)
    {
      g_autoptr(CdDetail) detail = g_list_model_get_item (details, i);

      g_assert_cmpint (cd_detail_get_kind (detail), ==, CD_DETAIL_KIND_PROPERTY);
    }
}

static void
assert_san (CdCertificateInfo *info,
            OpensslDump       *dump)
{
  const OpensslExtension *ext = dump_find (dump, "X509v3 Subject Alternative Name");
  g_auto(GStrv) names = g_strsplit (g_ptr_array_index (ext->lines, 0), ", ", -1);
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) actual = value_lines (find_extension (info, "2.5.29.17"));

  for (guint i = 0; names[i] != NULL; i++)
    g_ptr_array_add (expected, general_name_to_ours (names[i]));

  assert_lines_equal (actual, expected);
}

static void
assert_key_usage (CdCertificateInfo *info,
                  OpensslDump       *dump)
{
  const OpensslExtension *ext = dump_find (dump, "X509v3 Key Usage");
  g_auto(GStrv) names = g_strsplit (g_ptr_array_index (ext->lines, 0), ", ", -1);
  g_autoptr(GString) expected = g_string_new (NULL);
  const char *value = cd_detail_get_value (find_extension (info, "2.5.29.15"));

  /* certmgr.msc's names where openssl has its own. */
  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *name = names[i];

      if (g_str_equal (name, "Non Repudiation"))
        name = "Non-Repudiation";
      else if (g_str_equal (name, "Certificate Sign"))
        name = "Certificate Signing";
      else if (g_str_equal (name, "CRL Sign"))
        name = "CRL Signing";
      g_string_append_printf (expected, "%s%s", expected->len ? ", " : "", name);
    }
  g_string_append (expected, " (");

  g_assert_true (g_str_has_prefix (value, expected->str));
  g_assert_true (g_str_has_suffix (value, ")"));
}

static void
assert_ext_key_usage (CdCertificateInfo *info,
                      OpensslDump       *dump)
{
  static const struct {
    const char *openssl;
    const char *oid;
  } known[] = {
    { "TLS Web Server Authentication", "1.3.6.1.5.5.7.3.1" },
    { "TLS Web Client Authentication", "1.3.6.1.5.5.7.3.2" },
    { "Code Signing", "1.3.6.1.5.5.7.3.3" },
    { "E-mail Protection", "1.3.6.1.5.5.7.3.4" },
  };
  const OpensslExtension *ext = dump_find (dump, "X509v3 Extended Key Usage");
  g_auto(GStrv) names = g_strsplit (g_ptr_array_index (ext->lines, 0), ", ", -1);
  g_autoptr(GPtrArray) actual = value_lines (find_extension (info, "2.5.29.37"));

  g_assert_cmpuint (actual->len, ==, g_strv_length (names));

  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *line = g_ptr_array_index (actual, i);
      const char *oid = NULL;

      for (guint k = 0; k < G_N_ELEMENTS (known); k++)
        {
          if (g_str_equal (names[i], known[k].openssl))
            oid = known[k].oid;
        }

      if (oid == NULL)
        {
          /* Unknown to both: the OID alone. */
          g_assert_true (g_ascii_isdigit (names[i][0]));
          g_assert_cmpstr (line, ==, names[i]);
        }
      else
        {
          g_autofree char *suffix = g_strdup_printf (" (%s)", oid);

          g_assert_true (g_str_has_suffix (line, suffix));
          g_assert_false (g_ascii_isdigit (line[0]));
        }
    }
}

static void
assert_basic_constraints (CdCertificateInfo *info,
                          OpensslDump       *dump)
{
  const OpensslExtension *ext = dump_find (dump, "X509v3 Basic Constraints");
  const char *text = g_ptr_array_index (ext->lines, 0);
  g_autoptr(GPtrArray) actual = value_lines (find_extension (info, "2.5.29.19"));
  const char *pathlen = strstr (text, "pathlen:");
  g_autofree char *expected = NULL;

  g_assert_cmpuint (actual->len, ==, 2);
  if (g_str_has_prefix (text, "CA:TRUE"))
    g_assert_cmpstr (g_ptr_array_index (actual, 0), ==, "Subject type: Certificate authority");
  else
    g_assert_cmpstr (g_ptr_array_index (actual, 0), ==, "Subject type: End entity");

  expected = g_strdup_printf ("Path length constraint: %s", pathlen ? pathlen + 8 : "None");
  g_assert_cmpstr (g_ptr_array_index (actual, 1), ==, expected);
}

static void
assert_key_identifiers (CdCertificateInfo *info,
                        OpensslDump       *dump)
{
  const OpensslExtension *ski = dump_find (dump, "X509v3 Subject Key Identifier");
  const OpensslExtension *aki = dump_find (dump, "X509v3 Authority Key Identifier");
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) actual = value_lines (find_extension (info, "2.5.29.35"));

  g_assert_cmpstr (cd_detail_get_value (find_extension (info, "2.5.29.14")), ==,
                   g_ptr_array_index (ski->lines, 0));

  /* openssl 3.0 writes a lone key id bare, else after "keyid:". */
  for (guint i = 0; i < aki->lines->len; i++)
    {
      const char *line = g_ptr_array_index (aki->lines, i);

      if (g_str_has_prefix (line, "keyid:"))
        g_ptr_array_add (expected, g_strdup_printf ("Key ID: %s", line + 6));
      else if (g_str_has_prefix (line, "serial:"))
        g_ptr_array_add (expected, g_strdup_printf ("Certificate serial number: %s", line + 7));
      else if (g_str_has_prefix (line, "DirName:"))
        {
          g_ptr_array_add (expected, g_strdup ("Certificate issuer:"));
          g_ptr_array_add (expected, general_name_to_ours (line));
        }
      else
        g_ptr_array_add (expected, g_strdup_printf ("Key ID: %s", line));
    }

  assert_lines_equal (actual, expected);
}

static void
test_leaf (void)
{
  static const char *fields[] = {
    "Version", "Serial number", "Signature algorithm", "Signature hash algorithm", "Issuer",
    "Valid from", "Valid to", "Subject", "Public key", NULL
  };
  g_autofree char *path = cd_test_fixture ("leaf.pem");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(OpensslDump) dump = openssl_dump ("x509", path);
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bits = text_field (dump->text, "Public-Key: (");
  g_autofree char *key_start = NULL;
  g_autofree char *pem = NULL;
  g_autofree char *openssl_pem = NULL;
  g_autofree char *quoted = g_shell_quote (path);
  g_auto(GStrv) purposes = NULL;
  CdCertificateInfo *info;

  infos = cd_certificate_info_load_file (file, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (infos->len, ==, 1);
  info = g_ptr_array_index (infos, 0);

  g_assert_false (cd_certificate_info_get_is_request (info));
  g_assert_cmpstr (cd_certificate_get_subject_cn (cd_certificate_info_get_row (info)), ==,
                   "server.example.test");

  assert_certificate_fields (info, path, dump);
  assert_row_order (info, dump, fields);
  assert_san (info, dump);
  assert_key_usage (info, dump);
  assert_ext_key_usage (info, dump);
  assert_basic_constraints (info, dump);

  g_assert_cmpstr (detail_value (info, "Signature hash algorithm"), ==, "sha256");

  /* "2048 bit)" */
  *strchr (bits, ' ') = '\0';
  key_start = g_strdup_printf ("RSA (%s bits)\n30 82 ", bits);
  g_assert_true (g_str_has_prefix (detail_value (info, "Public key"), key_start));
  g_assert_cmpstr (cd_detail_get_oid (find_detail (info, "Public key")), ==,
                   "1.2.840.113549.1.1.1");
  g_assert_null (find_detail (info, "Public key parameters"));

  purposes = cd_certificate_info_dup_purpose_labels (info);
  g_assert_cmpuint (g_strv_length (purposes), ==, 2);
  g_assert_cmpstr (purposes[0], ==, "Server Authentication");
  g_assert_cmpstr (purposes[1], ==, "Client Authentication");

  /* The PEM is byte for byte what openssl writes for the same DER. */
  pem = cd_certificate_info_dup_pem (info);
  openssl_pem = run_tool ("openssl x509 -in %s", quoted);
  g_assert_cmpstr (pem, ==, openssl_pem);
}

static void
test_root (void)
{
  static const char *fields[] = {
    "Version", "Serial number", "Signature algorithm", "Signature hash algorithm", "Issuer",
    "Valid from", "Valid to", "Subject", "Public key", NULL
  };
  g_autofree char *path = cd_test_fixture ("root.pem");
  g_autofree char *der_path = NULL;
  g_autoptr(OpensslDump) dump = openssl_dump ("x509", path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) der = NULL;
  g_autoptr(CdCertificateInfo) info = NULL;
  g_auto(GStrv) purposes = NULL;
  g_autofree char *dir = cd_test_make_tmpdir ();
  g_autofree char *quoted = g_shell_quote (path);
  g_autofree char *quoted_der = NULL;
  char *contents = NULL;
  gsize len = 0;

  /* From DER bytes, as the dialog gets them from the database. */
  der_path = g_build_filename (dir, "root.der", NULL);
  quoted_der = g_shell_quote (der_path);
  g_free (run_tool ("openssl x509 -in %s -outform DER -out %s", quoted, quoted_der));
  g_file_get_contents (der_path, &contents, &len, &error);
  g_assert_no_error (error);
  der = g_bytes_new_take (contents, len);

  info = cd_certificate_info_new (der, &error);
  g_assert_no_error (error);
  g_assert_nonnull (info);
  g_assert_true (g_bytes_equal (cd_certificate_info_get_der (info), der));

  assert_certificate_fields (info, path, dump);
  assert_row_order (info, dump, fields);
  assert_key_usage (info, dump);
  assert_basic_constraints (info, dump);

  g_assert_true (cd_detail_get_critical (find_extension (info, "2.5.29.19")));
  g_assert_cmpstr (cd_detail_get_value (find_extension (info, "2.5.29.14")), ==,
                   g_ptr_array_index (dump_find (dump, "X509v3 Subject Key Identifier")->lines, 0));

  /* No Extended Key Usage: good for anything, as certmgr.msc says. */
  purposes = cd_certificate_info_dup_purpose_labels (info);
  g_assert_cmpuint (g_strv_length (purposes), ==, 1);
  g_assert_cmpstr (purposes[0], ==, "All application policies");
}

static void
test_ec (void)
{
  static const char *fields[] = {
    "Version", "Serial number", "Signature algorithm", "Signature hash algorithm", "Issuer",
    "Valid from", "Valid to", "Subject", "Public key", "Public key parameters", NULL
  };
  g_autofree char *path = cd_test_fixture ("ec.pem");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(OpensslDump) dump = openssl_dump ("x509", path);
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bits = text_field (dump->text, "Public-Key: (");
  g_autofree char *curve = text_field (dump->text, "ASN1 OID:");
  g_autofree char *nist = text_field (dump->text, "NIST CURVE:");
  g_autofree char *expected = NULL;
  CdCertificateInfo *info;

  infos = cd_certificate_info_load_file (file, NULL, NULL, &error);
  g_assert_no_error (error);
  info = g_ptr_array_index (infos, 0);

  assert_certificate_fields (info, path, dump);
  assert_row_order (info, dump, fields);
  assert_san (info, dump);
  assert_key_usage (info, dump);
  assert_ext_key_usage (info, dump);

  *strchr (bits, ' ') = '\0';
  expected = g_strdup_printf ("EC (%s bits)\n04 ", bits);
  g_assert_true (g_str_has_prefix (detail_value (info, "Public key"), expected));
  g_clear_pointer (&expected, g_free);

  expected = g_strdup_printf ("%s (NIST %s)", curve, nist);
  g_assert_cmpstr (detail_value (info, "Public key parameters"), ==, expected);
  g_assert_cmpstr (cd_detail_get_oid (find_detail (info, "Public key parameters")), ==,
                   "1.2.840.10045.3.1.7");
}

static void
test_ed25519 (void)
{
  static const char *fields[] = {
    "Version", "Serial number", "Signature algorithm", "Signature hash algorithm", "Issuer",
    "Valid from", "Valid to", "Subject", "Public key", NULL
  };
  static const char *self_signed_fields[] = {
    "Version", "Serial number", "Signature algorithm", "Issuer",
    "Valid from", "Valid to", "Subject", "Public key", NULL
  };
  g_autofree char *path = cd_test_fixture ("ed25519.pem");
  g_autofree char *dir = cd_test_make_tmpdir ();
  g_autofree char *own_key = g_build_filename (dir, "ed.key", NULL);
  g_autofree char *own_path = g_build_filename (dir, "ed.pem", NULL);
  g_autofree char *q_key = g_shell_quote (own_key);
  g_autofree char *q_pem = g_shell_quote (own_path);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) own_file = NULL;
  g_autoptr(OpensslDump) dump = openssl_dump ("x509", path);
  g_autoptr(OpensslDump) own_dump = NULL;
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *algorithm = text_field (dump->text, "Public Key Algorithm:");
  g_autofree char *own_algorithm = NULL;
  const char *key;
  CdCertificateInfo *info;

  infos = cd_certificate_info_load_file (file, NULL, NULL, &error);
  g_assert_no_error (error);
  info = g_ptr_array_index (infos, 0);

  /* An Ed25519 key, signed by the RSA intermediate. */
  assert_certificate_fields (info, path, dump);
  assert_row_order (info, dump, fields);
  assert_san (info, dump);
  g_assert_cmpstr (algorithm, ==, "ED25519");

  /* The name, then the 32 bytes of the key. */
  key = detail_value (info, "Public key");
  g_assert_true (g_str_has_prefix (key, "Ed25519\n"));
  g_assert_cmpuint (strlen (strchr (key, '\n') + 1), ==, 32 * 3 - 1);
  g_clear_pointer (&infos, g_ptr_array_unref);

  /* Signed with Ed25519, which hashes inside the algorithm: no hash row. */
  cd_test_run_command ("openssl genpkey -algorithm ed25519 -out %s && "
                       "openssl req -x509 -key %s -subj /CN=ed.example.test -days 30 -out %s",
                       q_key, q_key, q_pem);
  own_file = g_file_new_for_path (own_path);
  own_dump = openssl_dump ("x509", own_path);
  infos = cd_certificate_info_load_file (own_file, NULL, NULL, &error);
  g_assert_no_error (error);
  info = g_ptr_array_index (infos, 0);

  assert_certificate_fields (info, own_path, own_dump);
  assert_row_order (info, own_dump, self_signed_fields);
  g_assert_null (find_detail (info, "Signature hash algorithm"));
  own_algorithm = text_field (own_dump->text, "Signature Algorithm:");
  g_assert_cmpstr (own_algorithm, ==, "ED25519");
}

static void
test_request (void)
{
  static const char *fields[] = {
    "Version", "Signature algorithm", "Signature hash algorithm", "Subject", "Public key", NULL
  };
  g_autofree char *path = cd_test_fixture ("leaf.csr");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(OpensslDump) dump = openssl_dump ("req", path);
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *quoted = g_shell_quote (path);
  g_autofree char *openssl_pem = NULL;
  g_autofree char *pem = NULL;
  g_autofree char *algorithm = text_field (dump->text, "Signature Algorithm:");
  g_autofree char *version = text_field (dump->text, "Version:");
  g_autofree char *subject = text_field (dump->text, "Subject:");
  g_autofree char *expected = NULL;
  g_auto(GStrv) purposes = NULL;
  CdCertificateInfo *info;

  infos = cd_certificate_info_load_file (file, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (infos->len, ==, 1);
  info = g_ptr_array_index (infos, 0);

  g_assert_true (cd_certificate_info_get_is_request (info));
  g_assert_true (cd_certificate_get_is_request (cd_certificate_info_get_row (info)));

  /* Requested extensions take the place of the certificate's. */
  g_assert_cmpuint (dump->extensions->len, ==, 1);
  assert_row_order (info, dump, fields);
  assert_san (info, dump);

  expected = g_strdup_printf ("V%c", version[0]);
  g_assert_cmpstr (detail_value (info, "Version"), ==, expected);
  g_assert_cmpstr (detail_value (info, "Signature algorithm"), ==, algorithm);
  g_assert_cmpstr (detail_value (info, "Subject"), ==, "CN = server.example.test\nO = Certdesk Tests");
  g_assert_cmpstr (subject, ==, "O = Certdesk Tests, CN = server.example.test");
  g_assert_null (find_detail (info, "Issuer"));
  g_assert_null (find_detail (info, "Valid to"));

  purposes = cd_certificate_info_dup_purpose_labels (info);
  g_assert_cmpuint (g_strv_length (purposes), ==, 0);

  pem = cd_certificate_info_dup_pem (info);
  openssl_pem = run_tool ("openssl req -in %s", quoted);
  g_assert_cmpstr (pem, ==, openssl_pem);
}

/* Makes the every-extension certificate in @dir; returns its path. */
static char *
make_every_extension (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cnf = g_build_filename (dir, "every.cnf", NULL);
  g_autofree char *key = g_build_filename (dir, "every.key", NULL);
  char *pem = g_build_filename (dir, "every.pem", NULL);
  g_autofree char *q_cnf = g_shell_quote (cnf);
  g_autofree char *q_key = g_shell_quote (key);
  g_autofree char *q_pem = g_shell_quote (pem);

  g_file_set_contents (cnf, every_extension_cnf, -1, &error);
  g_assert_no_error (error);
  cd_test_run_command ("openssl req -x509 -newkey rsa:2048 -nodes -keyout %s -out %s "
                       "-days 30 -sha384 -config %s 2>/dev/null",
                       q_key, q_pem, q_cnf);

  return pem;
}

static void
test_every_extension (void)
{
  static const char *fields[] = {
    "Version", "Serial number", "Signature algorithm", "Signature hash algorithm", "Issuer",
    "Valid from", "Valid to", "Subject", "Public key", NULL
  };
  g_autofree char *dir = cd_test_make_tmpdir ();
  g_autofree char *path = make_every_extension (dir);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(OpensslDump) dump = openssl_dump ("x509", path);
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) actual = NULL;
  const OpensslExtension *ext;
  CdDetail *unknown;
  CdCertificateInfo *info;

  infos = cd_certificate_info_load_file (file, NULL, NULL, &error);
  g_assert_no_error (error);
  info = g_ptr_array_index (infos, 0);

  g_assert_cmpuint (dump->extensions->len, ==, 11);
  assert_certificate_fields (info, path, dump);
  assert_row_order (info, dump, fields);
  assert_san (info, dump);
  assert_key_usage (info, dump);
  assert_ext_key_usage (info, dump);
  assert_basic_constraints (info, dump);
  assert_key_identifiers (info, dump);
  g_assert_cmpstr (detail_value (info, "Signature hash algorithm"), ==, "sha384");

  /* Authority Information Access: "OCSP - URI:…" is "OCSP: …". */
  ext = dump_find (dump, "Authority Information Access");
  for (guint i = 0; i < ext->lines->len; i++)
    {
      const char *line = g_ptr_array_index (ext->lines, i);
      g_auto(GStrv) parts = g_strsplit (line, " - URI:", 2);

      g_assert_nonnull (parts[1]);
      g_ptr_array_add (expected, g_strdup_printf ("%s: %s", parts[0], parts[1]));
    }
  actual = value_lines (find_extension (info, "1.3.6.1.5.5.7.1.1"));
  assert_lines_equal (actual, expected);
  g_ptr_array_set_size (expected, 0);
  g_clear_pointer (&actual, g_ptr_array_unref);

  /* CRL Distribution Points: the URIs under "Full Name:". */
  ext = dump_find (dump, "X509v3 CRL Distribution Points");
  g_assert_cmpstr (g_ptr_array_index (ext->lines, 0), ==, "Full Name:");
  for (guint i = 1; i < ext->lines->len; i++)
    g_ptr_array_add (expected, general_name_to_ours (g_ptr_array_index (ext->lines, i)));
  actual = value_lines (find_extension (info, "2.5.29.31"));
  assert_lines_equal (actual, expected);
  g_ptr_array_set_size (expected, 0);
  g_clear_pointer (&actual, g_ptr_array_unref);

  /* Certificate Policies: policy OID, CPS, and the user notice. */
  ext = dump_find (dump, "X509v3 Certificate Policies");
  for (guint i = 0; i < ext->lines->len; i++)
    {
      const char *line = g_ptr_array_index (ext->lines, i);
      static const struct {
        const char *openssl;
        const char *ours;
      } labels[] = {
        { "Policy: ", "Policy: " },
        { "CPS: ", "CPS: " },
        { "Organization: ", "Notice organization: " },
        { "Numbers: ", "Notice numbers: " },
        { "Explicit Text: ", "User notice: " },
      };

      if (g_str_equal (line, "User Notice:"))
        continue;
      for (guint k = 0; k < G_N_ELEMENTS (labels); k++)
        {
          if (g_str_has_prefix (line, labels[k].openssl))
            g_ptr_array_add (expected, g_strconcat (labels[k].ours,
                                                    line + strlen (labels[k].openssl), NULL));
        }
    }
  g_assert_cmpuint (expected->len, ==, 5);
  actual = value_lines (find_extension (info, "2.5.29.32"));
  assert_lines_equal (actual, expected);
  g_ptr_array_set_size (expected, 0);
  g_clear_pointer (&actual, g_ptr_array_unref);

  /* Name Constraints: both lists, each name in our form. */
  ext = dump_find (dump, "X509v3 Name Constraints");
  for (guint i = 0; i < ext->lines->len; i++)
    {
      const char *line = g_ptr_array_index (ext->lines, i);

      if (g_str_equal (line, "Permitted:") || g_str_equal (line, "Excluded:"))
        g_ptr_array_add (expected, g_strdup (line));
      else
        g_ptr_array_add (expected, general_name_to_ours (line));
    }
  g_assert_cmpuint (expected->len, ==, 6);
  actual = value_lines (find_extension (info, "2.5.29.30"));
  assert_lines_equal (actual, expected);

  /* The unknown extension: its OID as the name, critical, its bytes. */
  ext = dump_find (dump, "1.3.6.1.4.1.99999.7");
  g_assert_true (ext->critical);
  unknown = find_extension (info, "1.3.6.1.4.1.99999.7");
  g_assert_cmpstr (cd_detail_get_name (unknown), ==, "1.3.6.1.4.1.99999.7");
  g_assert_true (cd_detail_get_critical (unknown));
  g_assert_cmpstr (cd_detail_get_value (unknown), ==, "04 03 01 02 03");

  /* Known extensions are named, never left as their OID. */
  g_assert_cmpstr (cd_detail_get_name (find_extension (info, "2.5.29.30")), ==, "Name Constraints");
  g_assert_cmpstr (cd_detail_get_name (find_extension (info, "1.3.6.1.5.5.7.1.1")), ==,
                   "Authority Information Access");
  g_assert_cmpstr (cd_detail_get_summary (find_extension (info, "2.5.29.17")), ==,
                   "DNS name: www.example.test …");
}

static void
test_load_file (void)
{
  g_autoptr(GFile) chain = cd_test_fixture_file ("chain.pem");
  g_autoptr(GFile) pfx = cd_test_fixture_file ("leaf.pfx");
  g_autoptr(GFile) key = cd_test_fixture_file ("leaf.key");
  g_autoptr(GFile) garbage = cd_test_fixture_file ("garbage.bin");
  g_autoptr(GFile) truncated = cd_test_fixture_file ("truncated.pem");
  g_autoptr(GFile) missing = NULL;
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = cd_test_make_tmpdir ();
  g_autofree char *missing_path = g_build_filename (dir, "nothing-here.cer", NULL);
  static const char *chain_names[] = {
    "server.example.test", "Certdesk Test Intermediate CA", "Certdesk Test Root CA"
  };
  CdCertificate *row;

  infos = cd_certificate_info_load_file (chain, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (infos->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      row = cd_certificate_info_get_row (g_ptr_array_index (infos, i));
      g_assert_cmpstr (cd_certificate_get_subject_cn (row), ==, chain_names[i]);
    }
  g_clear_pointer (&infos, g_ptr_array_unref);

  /* Encrypted: the importer's errors, so the caller can ask again. */
  infos = cd_certificate_info_load_file (pfx, NULL, NULL, &error);
  g_assert_error (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_NEEDS_PASSWORD);
  g_assert_null (infos);
  g_clear_error (&error);

  infos = cd_certificate_info_load_file (pfx, "wrong", NULL, &error);
  g_assert_error (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_BAD_PASSWORD);
  g_assert_null (infos);
  g_clear_error (&error);

  infos = cd_certificate_info_load_file (pfx, CD_TEST_PASSWORD, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (infos->len, ==, 3);
  row = cd_certificate_info_get_row (g_ptr_array_index (infos, 0));
  g_assert_cmpstr (cd_certificate_get_subject_cn (row), ==, "server.example.test");
  g_assert_cmpstr (cd_certificate_get_friendly_name (row), ==, "Test Server");
  g_assert_cmpstr (detail_value (g_ptr_array_index (infos, 0), "Friendly name"), ==, "Test Server");
  g_clear_pointer (&infos, g_ptr_array_unref);

  /* Only a key: nothing to show, and no error either. */
  infos = cd_certificate_info_load_file (key, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (infos->len, ==, 0);
  g_clear_pointer (&infos, g_ptr_array_unref);

  infos = cd_certificate_info_load_file (garbage, NULL, NULL, &error);
  g_assert_error (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_UNRECOGNIZED);
  g_assert_nonnull (strstr (error->message, "garbage.bin"));
  g_assert_null (infos);
  g_clear_error (&error);

  infos = cd_certificate_info_load_file (truncated, NULL, NULL, &error);
  g_assert_error (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_TRUNCATED);
  g_assert_null (infos);
  g_clear_error (&error);

  missing = g_file_new_for_path (missing_path);
  infos = cd_certificate_info_load_file (missing, NULL, NULL, &error);
  g_assert_nonnull (error);
  g_assert_null (infos);
}

static void
test_new_from_der (void)
{
  g_autofree char *csr_path = cd_test_fixture ("leaf-csr.der");
  g_autofree char *leaf_path = cd_test_fixture ("leaf.der");
  g_autoptr(CdCertificateInfo) request = NULL;
  g_autoptr(CdCertificateInfo) leaf = NULL;
  g_autoptr(CdCertificateInfo) bad = NULL;
  g_autoptr(GBytes) csr_der = NULL;
  g_autoptr(GBytes) leaf_der = NULL;
  g_autoptr(GBytes) cut = NULL;
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (csr_path, &contents, &len, &error);
  g_assert_no_error (error);
  csr_der = g_bytes_new_take (contents, len);
  request = cd_certificate_info_new (csr_der, &error);
  g_assert_no_error (error);
  g_assert_true (cd_certificate_info_get_is_request (request));

  g_file_get_contents (leaf_path, &contents, &len, &error);
  g_assert_no_error (error);
  leaf_der = g_bytes_new_take (contents, len);
  leaf = cd_certificate_info_new (leaf_der, &error);
  g_assert_no_error (error);
  g_assert_false (cd_certificate_info_get_is_request (leaf));

  /* Damaged DER: one byte short. */
  cut = g_bytes_new_from_bytes (leaf_der, 0, g_bytes_get_size (leaf_der) - 1);
  bad = cd_certificate_info_new (cut, &error);
  g_assert_error (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_CORRUPT);
  g_assert_null (bad);
}

static void
test_detail (void)
{
  g_autoptr(CdDetail) one = cd_detail_new (CD_DETAIL_KIND_PROPERTY, "Name", "value", NULL, FALSE);
  g_autoptr(CdDetail) many = cd_detail_new (CD_DETAIL_KIND_EXTENSION, "Ext", "first\nsecond",
                                            "1.2.3", TRUE);
  g_autofree char *summary = NULL;
  gboolean critical = FALSE;
  int kind = -1;

  g_assert_cmpstr (cd_detail_get_summary (one), ==, "value");
  g_assert_null (cd_detail_get_oid (one));
  g_assert_cmpstr (cd_detail_get_summary (many), ==, "first …");
  g_assert_cmpstr (cd_detail_get_value (many), ==, "first\nsecond");

  /* Properties, for list item bindings and expressions. */
  g_object_get (many, "summary", &summary, "critical", &critical, "kind", &kind, NULL);
  g_assert_cmpstr (summary, ==, "first …");
  g_assert_true (critical);
  g_assert_cmpint (kind, ==, CD_DETAIL_KIND_EXTENSION);
}

static char *
run_cli (int         *exit_status,
         const char  *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  const char *arg;
  va_list args;
  int status = 0;

  g_ptr_array_add (argv, (char *)g_getenv ("CD_TEST_CLI"));
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *)arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_assert_nonnull (g_ptr_array_index (argv, 0));
  g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &out, &err, &status, &error);
  g_assert_no_error (error);
  *exit_status = WIFEXITED (status) ? WEXITSTATUS (status) : -1;
  if (*exit_status != 0)
    g_test_message ("certdesk-cli said: %s", err);

  return out;
}

/* "show" prints every Details row, in text and in JSON. */
static void
test_cli_show (void)
{
  g_autofree char *dir = cd_test_make_tmpdir ();
  g_autofree char *path = make_every_extension (dir);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *import = NULL;
  g_autofree char *text = NULL;
  g_autofree char *json = NULL;
  CdCertificateInfo *info;
  const char *sha256;
  GListModel *details;
  JsonArray *array;
  int status = -1;

  infos = cd_certificate_info_load_file (file, NULL, NULL, &error);
  g_assert_no_error (error);
  info = g_ptr_array_index (infos, 0);
  details = cd_certificate_info_get_details (info);
  sha256 = cd_certificate_get_sha256 (cd_certificate_info_get_row (info));

  import = run_cli (&status, "import", path, NULL);
  g_assert_cmpint (status, ==, 0);

  text = run_cli (&status, "show", sha256, NULL);
  g_assert_cmpint (status, ==, 0);

  /* The summary first, then the rows. */
  g_assert_nonnull (strstr (text, "Issued to:"));
  g_assert_true (strstr (text, "Issued to:") < strstr (text, "\nDetails:\n"));
  g_assert_nonnull (strstr (text, "  Name Constraints (2.5.29.30):\n"));
  g_assert_nonnull (strstr (text, "  Key Usage (2.5.29.15, critical): "));
  g_assert_nonnull (strstr (text, "  1.3.6.1.4.1.99999.7 (critical): 04 03 01 02 03\n"));

  for (guint i = 0; i < g_list_model_get_n_items (details); i++)
    {
      g_autoptr(CdDetail) detail = g_list_model_get_item (details, i);
      g_auto(GStrv) lines = g_strsplit (cd_detail_get_value (detail), "\n", -1);

      for (guint j = 0; lines[j] != NULL; j++)
        {
          g_autofree char *line = g_strconcat (lines[j], "\n", NULL);

          if (strstr (text, line) == NULL)
            g_error ("“show” did not print “%s” of %s", lines[j], cd_detail_get_name (detail));
        }
    }

  json = run_cli (&status, "show", "--json", sha256, NULL);
  g_assert_cmpint (status, ==, 0);
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  array = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                        "details");
  g_assert_cmpuint (json_array_get_length (array), ==, g_list_model_get_n_items (details));

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(CdDetail) detail = g_list_model_get_item (details, i);
      JsonObject *object = json_array_get_object_element (array, i);
      static const char *kinds[] = { "field", "extension", "property" };

      g_assert_cmpstr (json_object_get_string_member (object, "name"), ==,
                       cd_detail_get_name (detail));
      g_assert_cmpstr (json_object_get_string_member (object, "value"), ==,
                       cd_detail_get_value (detail));
      g_assert_cmpstr (json_object_get_string_member (object, "oid"), ==,
                       cd_detail_get_oid (detail));
      g_assert_cmpint (json_object_get_boolean_member (object, "critical"), ==,
                       cd_detail_get_critical (detail));
      g_assert_cmpstr (json_object_get_string_member (object, "kind"), ==,
                       kinds[cd_detail_get_kind (detail)]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/detail/summary", test_detail);
  g_test_add_func ("/certificate-info/leaf", test_leaf);
  g_test_add_func ("/certificate-info/root", test_root);
  g_test_add_func ("/certificate-info/ec", test_ec);
  g_test_add_func ("/certificate-info/ed25519", test_ed25519);
  g_test_add_func ("/certificate-info/request", test_request);
  g_test_add_func ("/certificate-info/every-extension", test_every_extension);
  g_test_add_func ("/certificate-info/load-file", test_load_file);
  g_test_add_func ("/certificate-info/new-from-der", test_new_from_der);
  g_test_add_func ("/certificate-info/cli-show", test_cli_show);

  return g_test_run ();
}
