/* cd-cli-show.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* "certdesk-cli show FINGERPRINT": every field of one certificate and
 * the stores holding it, as labelled lines, as JSON, or as PEM to pipe
 * into other tools. After the summary come the rows of the dialog's
 * Details page, decoded the same way, so that a script or an admin on
 * a server reads what the dialog shows.
 */

#define G_LOG_DOMAIN "certdesk-cli"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cd-certificate.h"
#include "cd-certificate-info.h"
#include "cd-cli-common.h"
#include "cd-detail.h"
#include "cd-errors.h"
#include "cd-store-kind.h"

typedef struct
{
  const char *label;
  GPtrArray  *values;   /* char *; one line each, the first beside the label */
} Field;

/* The summary at the top of --help. */
static const char help_summary[] =
  N_("Show one certificate or request and the stores holding it.\n"
     "FINGERPRINT is its SHA-256 fingerprint in hexadecimal, with or\n"
     "without colons, in either case, or enough of its first digits\n"
     "to match only one certificate.");

static void
field_clear (gpointer data)
{
  Field *field = data;

  g_clear_pointer (&field->values, g_ptr_array_unref);
}

static void
add_field (GArray     *fields,
           const char *label,
           const char *value)
{
  Field field = { label, g_ptr_array_new_with_free_func (g_free) };

  g_ptr_array_add (field.values, g_strdup (value ? value : ""));
  g_array_append_val (fields, field);
}

static void
add_field_lines (GArray             *fields,
                 const char         *label,
                 const char * const *lines)
{
  Field field = { label, g_ptr_array_new_with_free_func (g_free) };

  for (guint i = 0; lines != NULL && lines[i] != NULL; i++)
    g_ptr_array_add (field.values, g_strdup (lines[i]));
  if (field.values->len == 0)
    g_ptr_array_add (field.values, g_strdup (""));
  g_array_append_val (fields, field);
}

static char *
format_time (gint64 unix_time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_time);

  if (dt == NULL)
    return g_strdup ("?");

  return g_date_time_format (dt, "%Y-%m-%d %H:%M:%S UTC");
}

/* Labels in a column whose width follows the longest translation. */
static void
append_fields (GString *out,
               GArray  *fields)
{
  guint width = 0;

  for (guint i = 0; i < fields->len; i++)
    width = MAX (width, g_utf8_strlen (g_array_index (fields, Field, i).label, -1));

  for (guint i = 0; i < fields->len; i++)
    {
      const Field *field = &g_array_index (fields, Field, i);

      for (guint j = 0; j < field->values->len; j++)
        {
          const char *label = j == 0 ? field->label : "";
          guint pad = width - g_utf8_strlen (label, -1);

          g_string_append (out, label);
          g_string_append (out, j == 0 ? ": " : "  ");
          for (guint p = 0; p < pad; p++)
            g_string_append_c (out, ' ');
          cd_cli_append_printable (out, g_ptr_array_index (field->values, j), -1);
          g_string_append_c (out, '\n');
        }
    }
}

static void
append_text (GString   *out,
             GPtrArray *rows)
{
  g_autoptr(GArray) fields = g_array_new (FALSE, FALSE, sizeof (Field));
  g_autoptr(GPtrArray) stores = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *fingerprint = NULL;
  CdCertificate *cert = g_ptr_array_index (rows, 0);
  gboolean is_request = cd_certificate_get_is_request (cert);
  const char *yes = _("yes");
  const char *no = _("no");

  g_array_set_clear_func (fields, field_clear);

  add_field (fields, _("Type"),
             is_request ? _("Certificate signing request (PKCS#10)") : _("Certificate"));
  add_field (fields, _("Issued to"), cd_certificate_get_subject_cn (cert));
  add_field (fields, _("Subject"), cd_certificate_get_subject (cert));

  if (!is_request)
    {
      g_autofree char *not_before = format_time (cd_certificate_get_not_before (cert));
      g_autofree char *not_after = format_time (cd_certificate_get_not_after (cert));
      gint64 now = g_get_real_time () / G_USEC_PER_SEC;

      add_field (fields, _("Issued by"), cd_certificate_get_issuer_cn (cert));
      add_field (fields, _("Issuer"), cd_certificate_get_issuer (cert));
      add_field (fields, _("Serial number"), cd_certificate_get_serial (cert));
      add_field (fields, _("Valid from"), not_before);
      add_field (fields, _("Valid to"), not_after);
      add_field (fields, _("Expired"), cd_certificate_is_expired (cert, now) ? yes : no);
      add_field (fields, _("Intended purposes"), cd_certificate_get_purposes_label (cert));
      add_field (fields, _("Certificate authority"), cd_certificate_get_is_ca (cert) ? yes : no);
      add_field (fields, _("Self-signed"), cd_certificate_get_is_self_signed (cert) ? yes : no);
    }

  /* Fields a certificate may lack are left out rather than shown empty. */
  if (cd_certificate_get_san (cert) != NULL)
    add_field_lines (fields, _("Alternative names"), cd_certificate_get_san (cert));
  if (cd_certificate_get_friendly_name (cert) != NULL)
    add_field (fields, _("Friendly name"), cd_certificate_get_friendly_name (cert));
  add_field (fields, _("Private key"),
             cd_certificate_get_has_private_key (cert) ? _("yes, in the keyring") : no);

  fingerprint = cd_certificate_format_fingerprint (cert);
  add_field (fields, _("SHA-256 fingerprint"), fingerprint);
  add_field (fields, _("Key id"), cd_certificate_get_key_id (cert));

  for (guint i = 0; i < rows->len; i++)
    {
      CdStoreKind kind = cd_certificate_get_store (g_ptr_array_index (rows, i));

      g_ptr_array_add (stores, g_strdup_printf ("%s (%s)", cd_store_kind_get_title (kind),
                                                cd_store_kind_to_id (kind)));
    }
  g_ptr_array_add (stores, NULL);
  add_field_lines (fields, _("Stores"), (const char * const *)stores->pdata);

  append_fields (out, fields);
}

/* Each row as "Name:" then its value, lines indented under it; an
 * extension also gives its OID and whether it is critical, as the
 * dialog does with its columns.
 */
static void
append_details (GString    *out,
                GListModel *details)
{
  guint n_items = g_list_model_get_n_items (details);

  g_string_append_c (out, '\n');
  g_string_append (out, _("Details:"));
  g_string_append_c (out, '\n');

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(CdDetail) detail = g_list_model_get_item (details, i);
      g_auto(GStrv) lines = g_strsplit (cd_detail_get_value (detail), "\n", -1);
      g_autofree char *heading = NULL;
      gboolean named = g_strcmp0 (cd_detail_get_name (detail), cd_detail_get_oid (detail)) != 0;

      if (cd_detail_get_kind (detail) != CD_DETAIL_KIND_EXTENSION)
        heading = g_strdup (cd_detail_get_name (detail));
      else if (cd_detail_get_critical (detail) && !named)
        /* Translators: the OID of an extension we have no name for, and a
         * warning that software which does not understand it must reject
         * the certificate. */
        heading = g_strdup_printf (_("%s (critical)"), cd_detail_get_oid (detail));
      else if (cd_detail_get_critical (detail))
        /* Translators: an extension name, its OID, and a warning that
         * software which does not understand it must reject the
         * certificate. */
        heading = g_strdup_printf (_("%s (%s, critical)"), cd_detail_get_name (detail),
                                   cd_detail_get_oid (detail));
      else if (named)
        heading = g_strdup_printf ("%s (%s)", cd_detail_get_name (detail),
                                   cd_detail_get_oid (detail));
      else
        heading = g_strdup (cd_detail_get_name (detail));

      g_string_append (out, "  ");
      cd_cli_append_printable (out, heading, -1);
      g_string_append_c (out, ':');

      /* One line fits beside the name; more go below it. */
      if (lines[0] != NULL && lines[1] == NULL)
        {
          g_string_append_c (out, ' ');
          cd_cli_append_printable (out, lines[0], -1);
          g_string_append_c (out, '\n');
          continue;
        }

      g_string_append_c (out, '\n');
      for (guint j = 0; lines[j] != NULL; j++)
        {
          g_string_append (out, "      ");
          cd_cli_append_printable (out, lines[j], -1);
          g_string_append_c (out, '\n');
        }
    }
}

static const char *
detail_kind_to_id (CdDetailKind kind)
{
  switch (kind)
    {
    case CD_DETAIL_KIND_EXTENSION:
      return "extension";
    case CD_DETAIL_KIND_PROPERTY:
      return "property";
    case CD_DETAIL_KIND_FIELD:
    default:
      return "field";
    }
}

static void
add_details_json (JsonBuilder *builder,
                  GListModel  *details)
{
  guint n_items = g_list_model_get_n_items (details);

  json_builder_set_member_name (builder, "details");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(CdDetail) detail = g_list_model_get_item (details, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, cd_detail_get_name (detail));
      json_builder_set_member_name (builder, "value");
      json_builder_add_string_value (builder, cd_detail_get_value (detail));
      json_builder_set_member_name (builder, "oid");
      if (cd_detail_get_oid (detail) != NULL)
        json_builder_add_string_value (builder, cd_detail_get_oid (detail));
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "critical");
      json_builder_add_boolean_value (builder, cd_detail_get_critical (detail));
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, detail_kind_to_id (cd_detail_get_kind (detail)));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static char *
generate_json (GPtrArray         *rows,
               CdCertificateInfo *info)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  cd_cli_add_certificate_json (builder, g_ptr_array_index (rows, 0));

  json_builder_set_member_name (builder, "stores");
  json_builder_begin_array (builder);
  for (guint i = 0; i < rows->len; i++)
    {
      CdStoreKind kind = cd_certificate_get_store (g_ptr_array_index (rows, i));

      json_builder_add_string_value (builder, cd_store_kind_to_id (kind));
    }
  json_builder_end_array (builder);

  add_details_json (builder, cd_certificate_info_get_details (info));
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return cd_cli_generate_json (root);
}

static char *
generate_pem (GBytes  *der,
              gboolean is_request)
{
  const char *label = is_request ? "CERTIFICATE REQUEST" : "CERTIFICATE";
  g_autofree char *base64 = NULL;
  GString *out = g_string_new (NULL);
  gsize len;

  base64 = g_base64_encode (g_bytes_get_data (der, NULL), g_bytes_get_size (der));
  len = strlen (base64);

  g_string_append_printf (out, "-----BEGIN %s-----\n", label);
  for (gsize i = 0; i < len; i += 64)
    {
      g_string_append_len (out, base64 + i, MIN (64, len - i));
      g_string_append_c (out, '\n');
    }
  g_string_append_printf (out, "-----END %s-----\n", label);

  return g_string_free (out, FALSE);
}

/**
 * cd_cli_show:
 * @argc: the arguments count, the command name included
 * @argv: the arguments, starting with the command name
 *
 * Returns: the exit status
 */
int
cd_cli_show (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CdDatabase) database = NULL;
  g_autoptr(CdCertificateInfo) info = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GBytes) der = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gboolean json = FALSE;
  gboolean pem = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print a JSON object instead of labelled lines"), NULL },
    { "pem", 0, 0, G_OPTION_ARG_NONE, &pem,
      N_("Print the certificate itself, PEM-encoded"), NULL },
    { NULL }
  };

  context = cd_cli_option_context_new (N_("FINGERPRINT"), help_summary, entries);

  if (!cd_cli_parse_options (context, &argc, &argv))
    return CD_CLI_EXIT_USAGE;

  if (argc != 2)
    {
      cd_cli_printerr (_("“show” takes one fingerprint. Run “certdesk-cli list” to see them."));
      return CD_CLI_EXIT_USAGE;
    }

  if (json && pem)
    {
      cd_cli_printerr (_("--json and --pem cannot be used together. Choose one."));
      return CD_CLI_EXIT_USAGE;
    }

  database = cd_cli_open_database ();
  if (database == NULL)
    return CD_CLI_EXIT_FAILED;

  rows = cd_database_find (database, argv[1], CD_STORE_KIND_AUTO, &error);
  if (rows == NULL)
    {
      cd_cli_print_find_error (error);
      return CD_CLI_EXIT_FAILED;
    }

  der = cd_database_dup_der (database,
                             cd_certificate_get_sha256 (g_ptr_array_index (rows, 0)),
                             &error);
  if (der == NULL)
    {
      cd_cli_print_error (error);
      return CD_CLI_EXIT_FAILED;
    }

  if (pem)
    {
      text = generate_pem (der, cd_certificate_get_is_request (g_ptr_array_index (rows, 0)));
      cd_cli_write (text, strlen (text));
      return CD_CLI_EXIT_OK;
    }

  info = cd_certificate_info_new (der, &error);
  if (info == NULL)
    {
      cd_cli_print_error (error);
      return CD_CLI_EXIT_FAILED;
    }

  if (json)
    {
      text = generate_json (rows, info);
    }
  else
    {
      GString *out = g_string_new (NULL);

      append_text (out, rows);
      append_details (out, cd_certificate_info_get_details (info));
      text = g_string_free (out, FALSE);
    }

  cd_cli_write (text, strlen (text));

  return CD_CLI_EXIT_OK;
}
