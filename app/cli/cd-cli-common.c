/* cd-cli-common.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What every certdesk-cli command shares: option parsing, opening the
 * database, one-line error messages, dates, and reading passwords
 * (from a file, or from the terminal without echo, never otherwise).
 */

#define G_LOG_DOMAIN "certdesk-cli"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cd-certificate.h"
#include "cd-cli-common.h"
#include "cd-errors.h"
#include "cd-store-kind.h"

/* Longer passwords are refused rather than cut short silently. */
#define MAX_PASSWORD_LEN 1024

static struct termios saved_termios;
static volatile sig_atomic_t terminal_changed;

/**
 * cd_cli_option_context_new:
 * @parameter_string: (nullable): untranslated (N_()) text after the
 *   options in the usage line
 * @summary: untranslated (N_()) summary of the command
 * @entries: the command's options
 *
 * Returns: (transfer full): an option context that translates its help
 */
GOptionContext *
cd_cli_option_context_new (const char         *parameter_string,
                           const char         *summary,
                           const GOptionEntry *entries)
{
  GOptionContext *context = g_option_context_new (parameter_string);

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  return context;
}

/**
 * cd_cli_parse_options:
 * @context: the command's option context
 * @argc: (inout): the arguments count
 * @argv: (inout): the arguments; options are removed
 *
 * Parses the options and, when that fails, prints one line saying why
 * and how to see the options.
 *
 * Returns: %TRUE if the command line was understood
 */
gboolean
cd_cli_parse_options (GOptionContext   *context,
                      int              *argc,
                      char           ***argv)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (context != NULL, FALSE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      cd_cli_printerr (_("%s. Run “%s --help” to see the options."),
                       error->message, g_get_prgname ());
      return FALSE;
    }

  return TRUE;
}

/**
 * cd_cli_describe_stores:
 *
 * Returns: (transfer full): the store ids and their names, for the
 *   description at the end of a command's help
 */
char *
cd_cli_describe_stores (void)
{
  GString *out = g_string_new (_("Stores:"));

  for (guint i = 0; i < CD_N_STORE_KINDS; i++)
    g_string_append_printf (out, "\n  %-15s %s",
                            cd_store_kind_to_id (i),
                            cd_store_kind_get_title (i));

  return g_string_free (out, FALSE);
}

/**
 * cd_cli_parse_store:
 * @id: a store id given with --store
 * @kind: (out): the store
 *
 * Prints one line listing the store ids when @id is none of them.
 *
 * Returns: %TRUE if @id names a store
 */
gboolean
cd_cli_parse_store (const char  *id,
                    CdStoreKind *kind)
{
  g_autoptr(GString) ids = NULL;

  g_return_val_if_fail (kind != NULL, FALSE);

  if (cd_store_kind_from_id (id, kind))
    return TRUE;

  ids = g_string_new (NULL);
  for (guint i = 0; i < CD_N_STORE_KINDS; i++)
    g_string_append_printf (ids, "%s%s", i > 0 ? ", " : "", cd_store_kind_to_id (i));

  cd_cli_printerr (_("“%s” is not a store. Use one of: %s."), id, ids->str);
  return FALSE;
}

/**
 * cd_cli_open_database:
 *
 * Opens the user's database, `$XDG_DATA_HOME/certdesk/certdesk.db`,
 * creating it when it does not exist yet, so that every command sees
 * the same (possibly empty) stores. Prints the error on failure.
 *
 * Returns: (transfer full) (nullable): the database
 */
CdDatabase *
cd_cli_open_database (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = cd_database_dup_default_path ();
  CdDatabase *database;

  database = cd_database_open (path, &error);
  if (database == NULL)
    cd_cli_print_error (error);

  return database;
}

/**
 * cd_cli_printerr:
 * @format: a printf() format for a translated message
 *
 * Prints one line on standard error, prefixed with the program name.
 * Line breaks inside the message become spaces, so that every failure
 * is exactly one line that a script can read.
 */
void
cd_cli_printerr (const char *format,
                 ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_strstrip (message);
  for (char *p = message; *p != '\0'; p++)
    {
      if (*p == '\n' || *p == '\r')
        *p = ' ';
    }

  /* Whatever is already on standard output belongs before the error. */
  fflush (stdout);
  fprintf (stderr, "certdesk-cli: %s\n", message);
  fflush (stderr);
}

/**
 * cd_cli_print_error:
 * @error: an error from the core, whose message is already translated
 *   and names the file
 */
void
cd_cli_print_error (const GError *error)
{
  g_return_if_fail (error != NULL);

  cd_cli_printerr ("%s", error->message);
}

/**
 * cd_cli_print_find_error:
 * @error: an error from cd_database_find()
 *
 * Like cd_cli_print_error(), and when nothing matched says where the
 * fingerprints are to be seen.
 */
void
cd_cli_print_find_error (const GError *error)
{
  g_return_if_fail (error != NULL);

  if (g_error_matches (error, CD_DATABASE_ERROR, CD_DATABASE_ERROR_NOT_FOUND))
    cd_cli_printerr ("%s %s", error->message,
                     _("Run “certdesk-cli list” to see the fingerprints."));
  else
    cd_cli_print_error (error);
}

/**
 * cd_cli_write:
 * @text: UTF-8 text
 * @len: its length in bytes
 *
 * Writes to standard output as is. Unlike g_print(), there is no
 * conversion to the locale's character set: JSON must stay UTF-8, and
 * one write per command keeps 100,000-row listings fast.
 */
void
cd_cli_write (const char *text,
              gsize       len)
{
  g_return_if_fail (text != NULL || len == 0);

  fwrite (text, 1, len, stdout);
}

/**
 * cd_cli_append_printable:
 * @out: where to append
 * @text: valid UTF-8, such as a name from a certificate
 * @len: its length in bytes, or -1
 *
 * Appends @text with every control character (C0, DEL and C1) shown as
 * "?": names come from certificates anyone can make, and escape
 * sequences in them must not reach the terminal. One character becomes
 * one character, so column widths stay right.
 */
void
cd_cli_append_printable (GString    *out,
                         const char *text,
                         gssize      len)
{
  const guchar *p = (const guchar *)text;
  const guchar *end;
  const guchar *run;

  g_return_if_fail (out != NULL);
  g_return_if_fail (text != NULL);

  end = p + (len < 0 ? strlen (text) : (gsize)len);

  /* Copy clean runs at once; names almost never hold controls. */
  for (run = p; p < end; p++)
    {
      gsize skip;

      if (*p < 0x20 || *p == 0x7f)
        skip = 1;
      else if (*p == 0xc2 && p + 1 < end && p[1] >= 0x80 && p[1] <= 0x9f)
        skip = 2;
      else
        continue;

      g_string_append_len (out, (const char *)run, p - run);
      g_string_append_c (out, '?');
      p += skip - 1;
      run = p + 1;
    }

  g_string_append_len (out, (const char *)run, end - run);
}

/**
 * cd_cli_stdin_is_terminal:
 *
 * Returns: %TRUE if someone may be there to type a password
 */
gboolean
cd_cli_stdin_is_terminal (void)
{
  return isatty (STDIN_FILENO);
}

/**
 * cd_cli_format_date:
 * @unix_time: a Unix time
 * @buf: where to write the date
 * @size: the size of @buf; 11 bytes are enough
 *
 * Writes the local date as YYYY-MM-DD, for tables.
 */
void
cd_cli_format_date (gint64  unix_time,
                    char   *buf,
                    gsize   size)
{
  time_t t = (time_t)unix_time;
  struct tm tm;

  g_return_if_fail (buf != NULL && size > 0);

  /* localtime_r() rather than GDateTime: it is several times faster,
   * which shows when listing 100,000 rows.
   */
  if (localtime_r (&t, &tm) == NULL)
    {
      g_strlcpy (buf, "?", size);
      return;
    }

  g_snprintf (buf, size, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/**
 * cd_cli_format_iso8601:
 * @unix_time: a Unix time
 * @buf: where to write the time
 * @size: the size of @buf; 21 bytes are enough for years 0–9999
 *
 * Writes the time in ISO 8601, UTC, as "2026-01-31T12:00:00Z".
 */
void
cd_cli_format_iso8601 (gint64  unix_time,
                       char   *buf,
                       gsize   size)
{
  time_t t = (time_t)unix_time;
  struct tm tm;

  g_return_if_fail (buf != NULL && size > 0);

  if (gmtime_r (&t, &tm) == NULL)
    {
      g_strlcpy (buf, "?", size);
      return;
    }

  g_snprintf (buf, size, "%04d-%02d-%02dT%02d:%02d:%02dZ",
              tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
              tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* Reads up to the first line break, one byte at a time so nothing past
 * it is consumed, into a fixed buffer that is wiped afterwards: a
 * growing GString would leave copies of the password in freed memory.
 */
static CdCliPassword *
read_line (int       fd,
           gboolean *out_too_long,
           int      *out_errno)
{
  char buf[MAX_PASSWORD_LEN + 1];
  CdCliPassword *password = NULL;
  gsize len = 0;
  gboolean got_any = FALSE;

  *out_too_long = FALSE;
  *out_errno = 0;

  for (;;)
    {
      char c;
      ssize_t n = read (fd, &c, 1);

      if (n < 0 && errno == EINTR)
        continue;

      if (n < 0)
        {
          *out_errno = errno;
          goto out;
        }

      if (n == 0 || c == '\n')
        {
          got_any = got_any || n > 0;
          break;
        }

      got_any = TRUE;
      if (len == MAX_PASSWORD_LEN)
        {
          *out_too_long = TRUE;
          goto out;
        }
      buf[len++] = c;
    }

  /* A file written on Windows ends its lines with CR LF. */
  if (len > 0 && buf[len - 1] == '\r')
    len--;

  /* End of input before any byte: nothing was given. */
  if (got_any)
    password = g_strndup (buf, len);

out:
  explicit_bzero (buf, sizeof buf);
  return password;
}

/**
 * cd_cli_read_password_file:
 * @path: a file, or "-" for standard input
 * @error: a location for a #GError
 *
 * The password is the first line of the file, without its line break;
 * an empty line is the empty password.
 *
 * Returns: (transfer full) (nullable): the password
 */
CdCliPassword *
cd_cli_read_password_file (const char  *path,
                           GError     **error)
{
  g_autofree char *display = NULL;
  CdCliPassword *password;
  gboolean too_long = FALSE;
  int saved_errno = 0;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  display = g_filename_display_name (path);

  if (g_str_equal (path, "-"))
    {
      /* Typed at a terminal: at least without echo. */
      if (cd_cli_stdin_is_terminal ())
        {
          password = cd_cli_prompt_password (_("Password: "));
          if (password == NULL)
            g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                         _("No password was typed for --password-file -."));
          return password;
        }

      fd = STDIN_FILENO;
    }
  else
    {
      fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
      if (fd < 0)
        {
          saved_errno = errno;
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       _("The password file “%s” cannot be opened: %s. Check the path given to --password-file."),
                       display, g_strerror (saved_errno));
          return NULL;
        }
    }

  password = read_line (fd, &too_long, &saved_errno);
  if (fd != STDIN_FILENO)
    g_close (fd, NULL);

  if (too_long)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   _("The first line of the password file “%s” is longer than %d bytes. Put only the password on that line."),
                   display, MAX_PASSWORD_LEN);
      return NULL;
    }

  if (saved_errno != 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("The password file “%s” cannot be read: %s. Check the path given to --password-file."),
                   display, g_strerror (saved_errno));
      return NULL;
    }

  /* An empty file is the empty password, as an empty first line is. */
  if (password == NULL)
    password = g_strdup ("");

  return password;
}

static void
restore_terminal (void)
{
  if (terminal_changed)
    {
      tcsetattr (STDIN_FILENO, TCSANOW, &saved_termios);
      terminal_changed = FALSE;
    }
}

/* Ctrl+C at the prompt must not leave the terminal without echo. */
static void
restore_terminal_and_reraise (int signum)
{
  restore_terminal ();
  signal (signum, SIG_DFL);
  raise (signum);
}

/**
 * cd_cli_prompt_password:
 * @prompt: what to print before reading, such as "Password for “a.pfx”: "
 *
 * Asks on the terminal, with echo off. Only call this when
 * cd_cli_stdin_is_terminal() is %TRUE: certdesk-cli never waits for a
 * password that nobody can type.
 *
 * Returns: (transfer full) (nullable): the password, or %NULL if the
 *   user ended the input (Ctrl+D) or standard input is no terminal
 */
CdCliPassword *
cd_cli_prompt_password (const char *prompt)
{
  static const int signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
  struct sigaction old_actions[G_N_ELEMENTS (signals)];
  struct sigaction action;
  struct termios noecho;
  CdCliPassword *password;
  gboolean too_long = FALSE;
  int saved_errno = 0;

  g_return_val_if_fail (prompt != NULL, NULL);

  if (tcgetattr (STDIN_FILENO, &saved_termios) != 0)
    return NULL;

  memset (&action, 0, sizeof action);
  action.sa_handler = restore_terminal_and_reraise;
  sigemptyset (&action.sa_mask);
  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    sigaction (signals[i], &action, &old_actions[i]);

  /* Echo goes off before the prompt shows, so nothing typed after the
   * prompt appeared can be echoed.
   */
  noecho = saved_termios;
  noecho.c_lflag &= ~(ECHO | ECHOE | ECHOK);
  noecho.c_lflag |= ICANON;
  if (tcsetattr (STDIN_FILENO, TCSAFLUSH, &noecho) == 0)
    terminal_changed = TRUE;

  fputs (prompt, stderr);
  fflush (stderr);

  password = read_line (STDIN_FILENO, &too_long, &saved_errno);

  restore_terminal ();
  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    sigaction (signals[i], &old_actions[i], NULL);

  /* The user's Enter was not echoed either. */
  fputs ("\n", stderr);
  fflush (stderr);

  if (too_long)
    {
      cd_cli_password_free (password);
      return NULL;
    }

  return password;
}

/**
 * cd_cli_password_free:
 * @password: (nullable): a password
 *
 * Overwrites the password, then frees it.
 */
void
cd_cli_password_free (CdCliPassword *password)
{
  if (password == NULL)
    return;

  explicit_bzero (password, strlen (password));
  g_free (password);
}

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *name,
                    const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_time_or_null (JsonBuilder *builder,
                  const char  *name,
                  gint64       unix_time,
                  gboolean     is_set)
{
  char buf[32];

  json_builder_set_member_name (builder, name);
  if (is_set)
    {
      cd_cli_format_iso8601 (unix_time, buf, sizeof buf);
      json_builder_add_string_value (builder, buf);
    }
  else
    {
      json_builder_add_null_value (builder);
    }
}

/**
 * cd_cli_add_certificate_json:
 * @builder: a #JsonBuilder inside an object
 * @row: a certificate or request
 *
 * Adds the members that describe @row, the same for "list --json" and
 * "show --json". Names follow the database columns; what a request does
 * not have (issuer, serial, validity) is null rather than missing, so
 * that every object has every member.
 */
void
cd_cli_add_certificate_json (JsonBuilder   *builder,
                             CdCertificate *row)
{
  const char * const *san;
  const char *purposes;
  gboolean is_request;

  g_return_if_fail (JSON_IS_BUILDER (builder));
  g_return_if_fail (CD_IS_CERTIFICATE (row));

  is_request = cd_certificate_get_is_request (row);

  add_string_or_null (builder, "sha256", cd_certificate_get_sha256 (row));
  add_string_or_null (builder, "subject", cd_certificate_get_subject (row));
  add_string_or_null (builder, "subject_cn", cd_certificate_get_subject_cn (row));
  add_string_or_null (builder, "issuer", cd_certificate_get_issuer (row));
  add_string_or_null (builder, "issuer_cn", cd_certificate_get_issuer_cn (row));
  add_string_or_null (builder, "serial", cd_certificate_get_serial (row));
  add_time_or_null (builder, "not_before", cd_certificate_get_not_before (row), !is_request);
  add_time_or_null (builder, "not_after", cd_certificate_get_not_after (row), !is_request);

  json_builder_set_member_name (builder, "purposes");
  json_builder_begin_array (builder);
  purposes = cd_certificate_get_purposes (row);
  if (purposes[0] != '\0')
    {
      g_auto(GStrv) names = g_strsplit (purposes, ",", -1);

      for (guint i = 0; names[i] != NULL; i++)
        json_builder_add_string_value (builder, names[i]);
    }
  json_builder_end_array (builder);

  add_string_or_null (builder, "friendly_name", cd_certificate_get_friendly_name (row));

  json_builder_set_member_name (builder, "has_private_key");
  json_builder_add_boolean_value (builder, cd_certificate_get_has_private_key (row));
  json_builder_set_member_name (builder, "is_request");
  json_builder_add_boolean_value (builder, is_request);
  json_builder_set_member_name (builder, "is_ca");
  json_builder_add_boolean_value (builder, cd_certificate_get_is_ca (row));
  json_builder_set_member_name (builder, "is_self_signed");
  json_builder_add_boolean_value (builder, cd_certificate_get_is_self_signed (row));
  add_string_or_null (builder, "key_id", cd_certificate_get_key_id (row));

  json_builder_set_member_name (builder, "san");
  json_builder_begin_array (builder);
  san = cd_certificate_get_san (row);
  for (guint i = 0; san != NULL && san[i] != NULL; i++)
    json_builder_add_string_value (builder, san[i]);
  json_builder_end_array (builder);
}

/**
 * cd_cli_generate_json:
 * @root: the document
 *
 * Returns: (transfer full): @root as indented JSON, ending in a line break
 */
char *
cd_cli_generate_json (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (root != NULL, NULL);

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  json_generator_to_gstring (generator, out);
  g_string_append_c (out, '\n');

  return g_string_free (out, FALSE);
}
