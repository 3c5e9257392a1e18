/* cd-profile-lines.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* GKeyFile keeps no line numbers, so a problem in a profile file is
 * placed by looking at the text again: these find the line of a key,
 * of a group given twice, or the first line GKeyFile cannot accept.
 * They only locate lines; GKeyFile does the parsing.
 */

#include "config.h"

#include <string.h>

#include "cd-profile-private.h"

/* Splits a text into lines without copying, calling @func on each
 * until it returns TRUE; returns that line's number or 0.
 */
typedef gboolean (*LineFunc) (const char *line,
                              gsize       len,
                              gpointer    user_data);

static guint
find_line (const char *text,
           gsize       length,
           LineFunc    func,
           gpointer    user_data)
{
  const char *p = text;
  const char *end = text + length;
  guint number = 1;

  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      gsize len = (nl != NULL ? nl : end) - p;

      if (len > 0 && p[len - 1] == '\r')
        len--;
      if (func (p, len, user_data))
        return number;
      if (nl == NULL)
        break;
      p = nl + 1;
      number++;
    }

  return 0;
}

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t';
}

static void
strip (const char **line,
       gsize       *len)
{
  while (*len > 0 && is_space (**line))
    {
      (*line)++;
      (*len)--;
    }
  while (*len > 0 && is_space ((*line)[*len - 1]))
    (*len)--;
}

/* What GKeyFile refuses: text that is not UTF-8, a line that is no
 * comment, no [group] and has no "=".
 */
static gboolean
is_bad_line (const char *line,
             gsize       len,
             gpointer    user_data)
{
  if (!g_utf8_validate (line, len, NULL))
    return TRUE;

  strip (&line, &len);
  if (len == 0 || line[0] == '#')
    return FALSE;
  if (line[0] == '[')
    return line[len - 1] != ']' || len == 2 || memchr (line + 1, '[', len - 2) != NULL ||
           memchr (line + 1, ']', len - 2) != NULL;

  return memchr (line, '=', len) == NULL || line[0] == '=';
}

typedef struct
{
  const char *group;
  const char *key;
  gboolean    in_group;
  guint       group_line;
  guint       current;
} KeyLine;

static gboolean
is_key_line (const char *line,
             gsize       len,
             gpointer    user_data)
{
  KeyLine *find = user_data;
  const char *eq;

  find->current++;
  strip (&line, &len);
  if (len == 0 || line[0] == '#')
    return FALSE;

  if (line[0] == '[')
    {
      find->in_group = len - 2 == strlen (find->group) &&
                       strncmp (line + 1, find->group, len - 2) == 0;
      if (find->in_group && find->group_line == 0)
        {
          find->group_line = find->current;
          return find->key == NULL;
        }
      return FALSE;
    }

  if (!find->in_group || find->key == NULL || (eq = memchr (line, '=', len)) == NULL)
    return FALSE;

  len = eq - line;
  strip (&line, &len);

  return len == strlen (find->key) && strncmp (line, find->key, len) == 0;
}

/* A group header seen twice: GKeyFile would merge the two silently. */
static gboolean
is_repeated_group (const char *line,
                   gsize       len,
                   gpointer    user_data)
{
  GHashTable *seen = user_data;

  strip (&line, &len);
  if (len < 2 || line[0] != '[')
    return FALSE;

  return !g_hash_table_add (seen, g_strndup (line + 1, len - 2));
}

guint
_cd_profile_line_of_bad_syntax (const char *text,
                                gsize       length)
{
  return find_line (text, length, is_bad_line, NULL);
}

guint
_cd_profile_line_of_repeated_group (const char *text,
                                    gsize       length)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  return find_line (text, length, is_repeated_group, seen);
}

/* The line of @key in @group, else of @group, else 1. */
guint
_cd_profile_line_of_key (const char *text,
                         gsize       length,
                         const char *group,
                         const char *key)
{
  KeyLine find = { group, key, FALSE, 0, 0 };
  guint line = 0;

  if (group != NULL)
    line = find_line (text, length, is_key_line, &find);
  if (line == 0)
    line = find.group_line;

  return MAX (line, 1);
}
