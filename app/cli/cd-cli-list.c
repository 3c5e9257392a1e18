/* cd-cli-list.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* "certdesk-cli list": the columns certmgr.msc shows, as a table for
 * people or as JSON for scripts. Everything comes from the database
 * columns, no certificate is parsed, and the output is built in one
 * buffer and written at once: 100,000 rows must list in well under a
 * second.
 */

#define G_LOG_DOMAIN "certdesk-cli"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cd-certificate.h"
#include "cd-cli-common.h"
#include "cd-store-kind.h"

/* Long names are cut with an ellipsis so the table stays readable;
 * "show" and "--json" give them whole.
 */
#define MAX_NAME_WIDTH 40

/* How much of the fingerprint the table shows: enough to be unique in
 * any real store, and a prefix that "show" and "delete" accept.
 */
#define FINGERPRINT_WIDTH 16

#define DATE_SIZE 16

enum {
  COLUMN_ISSUED_TO,
  COLUMN_ISSUED_BY,
  COLUMN_EXPIRES,
  COLUMN_KEY,
  COLUMN_FINGERPRINT,
  N_COLUMNS
};

static const char *column_titles[N_COLUMNS] = {
  N_("Issued To"),
  N_("Issued By"),
  N_("Expires"),
  N_("Key"),
  N_("SHA-256"),
};

/* The summary at the top of --help. */
static const char help_summary[] =
  N_("List the certificates of one store, or of every store under\n"
     "its name. The table shows the first 16 digits of each SHA-256\n"
     "fingerprint: give them to “show” or “delete”.");

/* Characters in valid UTF-8 (what the database holds): every byte but
 * the continuation bytes starts one. About five times faster than
 * g_utf8_strlen(), which shows with 100,000 rows of five cells.
 */
static guint
text_width (const char *text,
            gssize      len)
{
  const guchar *p = (const guchar *)text;
  const guchar *end = len < 0 ? NULL : p + len;
  guint chars = 0;

  for (; end != NULL ? p < end : *p != '\0'; p++)
    {
      if ((*p & 0xC0) != 0x80)
        chars++;
    }

  return chars;
}

/* Appends @text, cut to @width characters, then the padding up to the
 * next column (none after the last).
 */
static void
append_cell (GString    *out,
             const char *text,
             gssize      len,
             guint       width,
             gboolean    last)
{
  guint chars = text_width (text, len);

  if (len < 0)
    len = strlen (text);

  if (chars > width)
    {
      const char *end = g_utf8_offset_to_pointer (text, width - 1);

      cd_cli_append_printable (out, text, end - text);
      g_string_append (out, "…");
      chars = width;
    }
  else
    {
      cd_cli_append_printable (out, text, len);
    }

  if (!last)
    {
      for (guint i = chars; i < width + 2; i++)
        g_string_append_c (out, ' ');
    }
}

static void
append_table (GString    *out,
              GPtrArray  *rows,
              const char *indent)
{
  g_autofree char *dates = g_malloc0 ((gsize)MAX (rows->len, 1) * DATE_SIZE);
  guint widths[N_COLUMNS];
  const char *yes = _("yes");

  for (guint c = 0; c < N_COLUMNS; c++)
    widths[c] = text_width (_(column_titles[c]), -1);
  widths[COLUMN_EXPIRES] = MAX (widths[COLUMN_EXPIRES], 10);
  widths[COLUMN_KEY] = MAX (widths[COLUMN_KEY], text_width (yes, -1));
  widths[COLUMN_FINGERPRINT] = MAX (widths[COLUMN_FINGERPRINT], FINGERPRINT_WIDTH);

  /* First pass: dates, and the widest name of each column. */
  for (guint i = 0; i < rows->len; i++)
    {
      CdCertificate *row = g_ptr_array_index (rows, i);
      const char *issuer_cn = cd_certificate_get_issuer_cn (row);

      widths[COLUMN_ISSUED_TO] = MAX (widths[COLUMN_ISSUED_TO],
                                      MIN (MAX_NAME_WIDTH,
                                           text_width (cd_certificate_get_subject_cn (row), -1)));
      if (issuer_cn != NULL)
        widths[COLUMN_ISSUED_BY] = MAX (widths[COLUMN_ISSUED_BY],
                                        MIN (MAX_NAME_WIDTH, text_width (issuer_cn, -1)));

      /* A request has no validity. */
      if (!cd_certificate_get_is_request (row))
        cd_cli_format_date (cd_certificate_get_not_after (row), &dates[i * DATE_SIZE], DATE_SIZE);
    }

  g_string_append (out, indent);
  for (guint c = 0; c < N_COLUMNS; c++)
    append_cell (out, _(column_titles[c]), -1, widths[c], c == N_COLUMNS - 1);
  g_string_append_c (out, '\n');

  for (guint i = 0; i < rows->len; i++)
    {
      CdCertificate *row = g_ptr_array_index (rows, i);
      const char *issuer_cn = cd_certificate_get_issuer_cn (row);
      const char *sha256 = cd_certificate_get_sha256 (row);

      g_string_append (out, indent);
      append_cell (out, cd_certificate_get_subject_cn (row), -1, widths[COLUMN_ISSUED_TO], FALSE);
      append_cell (out, issuer_cn ? issuer_cn : "", -1, widths[COLUMN_ISSUED_BY], FALSE);
      append_cell (out, &dates[i * DATE_SIZE], -1, widths[COLUMN_EXPIRES], FALSE);
      append_cell (out, cd_certificate_get_has_private_key (row) ? yes : "", -1,
                   widths[COLUMN_KEY], FALSE);
      append_cell (out, sha256, MIN (strlen (sha256), FINGERPRINT_WIDTH),
                   widths[COLUMN_FINGERPRINT], TRUE);
      g_string_append_c (out, '\n');
    }
}

/* One compact object per line inside the array. json-glib writes each
 * object; the array around them is written row by row, because a JsonNode
 * tree of 100,000 objects took three times longer than listing them and
 * 600 MB to hold.
 */
static void
append_json_rows (GString       *out,
                  JsonBuilder   *builder,
                  JsonGenerator *generator,
                  GPtrArray     *rows,
                  CdStoreKind    kind,
                  gboolean      *first)
{
  const char *store_id = cd_store_kind_to_id (kind);

  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(JsonNode) node = NULL;

      json_builder_reset (builder);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "store");
      json_builder_add_string_value (builder, store_id);
      cd_cli_add_certificate_json (builder, g_ptr_array_index (rows, i));
      json_builder_end_object (builder);

      node = json_builder_get_root (builder);
      json_generator_set_root (generator, node);
      g_string_append (out, *first ? "  " : ",\n  ");
      json_generator_to_gstring (generator, out);
      *first = FALSE;
    }
}

/* Byte order of the "Issued To" name, then the fingerprint, so the
 * order is stable; the database returns rows in the order they came.
 */
static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  CdCertificate *row_a = *(CdCertificate * const *)a;
  CdCertificate *row_b = *(CdCertificate * const *)b;
  int cmp = strcmp (cd_certificate_get_subject_cn (row_a), cd_certificate_get_subject_cn (row_b));

  if (cmp != 0)
    return cmp;

  return strcmp (cd_certificate_get_sha256 (row_a), cd_certificate_get_sha256 (row_b));
}

/**
 * cd_cli_list:
 * @argc: the arguments count, the command name included
 * @argv: the arguments, starting with the command name
 *
 * Returns: the exit status
 */
int
cd_cli_list (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CdDatabase) database = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(GString) out = NULL;
  g_autofree char *store_id = NULL;
  g_autofree char *description = NULL;
  CdStoreKind kind = CD_STORE_KIND_AUTO;
  gboolean json = FALSE;
  gboolean first = TRUE;
  const GOptionEntry entries[] = {
    { "store", 's', 0, G_OPTION_ARG_STRING, &store_id,
      N_("List only this store"), N_("ID") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print a JSON array of objects, one per certificate and store"), NULL },
    { NULL }
  };

  context = cd_cli_option_context_new (NULL, help_summary, entries);
  description = cd_cli_describe_stores ();
  g_option_context_set_description (context, description);

  if (!cd_cli_parse_options (context, &argc, &argv))
    return CD_CLI_EXIT_USAGE;

  if (argc > 1)
    {
      cd_cli_printerr (_("“list” takes no argument, but “%s” was given. Use --store ID to list one store."),
                       argv[1]);
      return CD_CLI_EXIT_USAGE;
    }

  if (store_id != NULL && !cd_cli_parse_store (store_id, &kind))
    return CD_CLI_EXIT_USAGE;

  database = cd_cli_open_database ();
  if (database == NULL)
    return CD_CLI_EXIT_FAILED;

  out = g_string_new (NULL);
  if (json)
    {
      builder = json_builder_new ();
      generator = json_generator_new ();
      g_string_append (out, "[\n");
    }

  for (guint k = 0; k < CD_N_STORE_KINDS; k++)
    {
      g_autoptr(GPtrArray) rows = NULL;
      g_autoptr(GError) error = NULL;

      if (kind != CD_STORE_KIND_AUTO && k != (guint)kind)
        continue;

      rows = cd_database_list_store (database, k, &error);
      if (rows == NULL)
        {
          cd_cli_print_error (error);
          return CD_CLI_EXIT_FAILED;
        }

      g_ptr_array_sort (rows, compare_rows);

      if (json)
        {
          append_json_rows (out, builder, generator, rows, k, &first);
        }
      else if (kind != CD_STORE_KIND_AUTO)
        {
          /* One store: a bare table, and nothing at all when it is empty. */
          if (rows->len > 0)
            append_table (out, rows, "");
        }
      else
        {
          if (out->len > 0)
            g_string_append_c (out, '\n');
          g_string_append_printf (out, "%s (%s)\n", cd_store_kind_get_title (k),
                                  cd_store_kind_to_id (k));
          if (rows->len > 0)
            append_table (out, rows, "  ");
          else
            g_string_append_printf (out, "  %s\n", _("No certificates"));
        }
    }

  if (json)
    g_string_append (out, first ? "]\n" : "\n]\n");

  cd_cli_write (out->str, out->len);

  return CD_CLI_EXIT_OK;
}
