/* cd-profile-load.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Reading one profile file: GKeyFile parses it, then every group and
 * key is checked against data/profiles/README.md. GKeyFile keeps no
 * line numbers, so the line a problem names is found again in the
 * text (cd-profile-lines.c): the first line GKeyFile cannot have
 * accepted for a syntax error, the key's (or its group's) line for
 * anything else.
 */

#define G_LOG_DOMAIN "cd-profile"

#include "config.h"

#include <stdarg.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <openssl/objects.h>
#include <openssl/x509v3.h>

#include "cd-errors.h"
#include "cd-profile-private.h"

typedef struct
{
  GKeyFile      *key_file;
  const char    *text;
  gsize          length;
  const char    *display_name;
  CdProfileData *data;
  GError       **error;
} Loader;

static const char * const role_ids[] = { "server", "client", "ca", NULL };
static const char * const purpose_ids[] = { "server", "client", "server-client", NULL };
static const char * const string_type_ids[] = { "printable", "utf8", NULL };
static const char * const key_format_ids[] = { "pkcs8", "pkcs1", NULL };
static const char * const severity_ids[] = { "error", "warning", NULL };
static const char * const applies_ids[] = { "certificate", "request", NULL };
static const char * const match_issuer_ids[] = { "C", "ST", "L", "O", "OU", NULL };

/* Indexed by CdKeyType; the ids of the README, not the CLI's. */
static const char * const key_type_ids[CD_N_KEY_TYPES] = {
  "rsa-2048", "rsa-3072", "rsa-4096", "ec-p256", "ec-p384", "ed25519", "rsa-1024",
};

/* Indexed by CdDigest. */
static const char * const digest_ids[] = { "sha256", "sha384", "sha512", "sha1", NULL };

/* The keys of each group; the translated ones may carry a [locale]. */
static const char * const profile_keys[] = {
  "Id", "Name", "Vendor", "Description", "Document", "Role", "WarningDays", NULL
};
static const char * const request_keys[] = {
  "KeyType", "Digest", "Purpose", "KeyUsage", "ExtendedKeyUsage", "StringType",
  "CommonNameAsDns", "MatchIssuer", "ValidityDays", "Before2038", "MaxSanEntries", NULL
};
static const char * const export_keys[] = {
  "Format", "IncludeChain", "IncludeRoot", "KeyFormat", "KeyFirst", "Extension", NULL
};
static const char * const rule_keys[] = { "Kind", "Severity", "Title", "Hint", "Source", "Applies", NULL };
static const char * const step_keys[] = { "Text", "Source", NULL };
static const char * const translated_keys[] = { "Name", "Description", "Title", "Hint", "Text", NULL };

static gboolean G_GNUC_PRINTF (4, 5)
fail (Loader     *self,
      const char *group,
      const char *key,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (self->error, CD_PROFILE_ERROR, CD_PROFILE_ERROR_INVALID, "%s:%u: %s",
               self->display_name, _cd_profile_line_of_key (self->text, self->length, group, key), message);

  return FALSE;
}

static int
choice_index (const char * const *choices,
              const char         *value)
{
  for (int i = 0; choices[i] != NULL; i++)
    {
      if (g_str_equal (choices[i], value))
        return i;
    }

  return -1;
}

static char *
join_choices (const char * const *choices)
{
  return g_strjoinv (", ", (char **)choices);
}

/* The key without a "[locale]" suffix, when it is one that is translated. */
static char *
base_key (const char *key)
{
  const char *bracket = strchr (key, '[');
  g_autofree char *base = NULL;

  if (bracket == NULL)
    return g_strdup (key);

  base = g_strndup (key, bracket - key);
  if (choice_index (translated_keys, base) < 0)
    return g_strdup (key);

  return g_steal_pointer (&base);
}

static gboolean
check_known_keys (Loader             *self,
                  const char         *group,
                  const char * const *known,
                  const CdRuleKind   *kind)
{
  g_auto(GStrv) keys = g_key_file_get_keys (self->key_file, group, NULL, NULL);

  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      g_autofree char *key = base_key (keys[i]);
      gboolean found = choice_index (known, key) >= 0;

      for (guint j = 0; !found && kind != NULL && j < CD_RULE_MAX_KEYS; j++)
        found = kind->keys[j].name != NULL && g_str_equal (kind->keys[j].name, key);

      if (!found && kind != NULL)
        return fail (self, group, keys[i], _("“%s” is not a key of a rule of kind “%s”."),
                     keys[i], kind->name);
      if (!found)
        return fail (self, group, keys[i], _("“%s” is not a key of the group [%s]."), keys[i], group);
    }

  return TRUE;
}

/* A plain string; %NULL in @out when absent and not @required. */
static gboolean
get_string (Loader      *self,
            const char  *group,
            const char  *key,
            gboolean     required,
            char       **out)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *value = NULL;

  *out = NULL;
  if (!g_key_file_has_key (self->key_file, group, key, NULL))
    {
      if (required)
        return fail (self, group, NULL, _("The group [%s] has no “%s” key."), group, key);
      return TRUE;
    }

  value = g_key_file_get_string (self->key_file, group, key, &local);
  if (value == NULL)
    return fail (self, group, key, "%s", local->message);

  g_strstrip (value);
  if (value[0] == '\0')
    {
      if (required)
        return fail (self, group, key, _("“%s” is empty."), key);
      return TRUE;
    }

  *out = g_steal_pointer (&value);
  return TRUE;
}

/* A translated string: the file's own translation for the user's
 * locale if it has one, else the catalogue's.
 */
static gboolean
get_translated (Loader      *self,
                const char  *group,
                const char  *key,
                gboolean     required,
                char       **out)
{
  g_autofree char *untranslated = NULL;
  g_autofree char *localized = NULL;

  if (!get_string (self, group, key, required, &untranslated))
    return FALSE;
  if (untranslated == NULL)
    {
      *out = NULL;
      return TRUE;
    }

  localized = g_key_file_get_locale_string (self->key_file, group, key, NULL, NULL);
  if (localized != NULL && !g_str_equal (g_strstrip (localized), untranslated))
    *out = g_steal_pointer (&localized);
  else
    *out = g_strdup (g_dgettext (GETTEXT_PACKAGE, untranslated));

  return TRUE;
}

static gboolean
get_bool (Loader     *self,
          const char *group,
          const char *key,
          gboolean   *out,
          gboolean   *present)
{
  g_autofree char *value = NULL;

  if (!get_string (self, group, key, FALSE, &value))
    return FALSE;
  if (present != NULL)
    *present = value != NULL;
  if (value == NULL)
    return TRUE;

  if (g_str_equal (value, "true"))
    *out = TRUE;
  else if (g_str_equal (value, "false"))
    *out = FALSE;
  else
    return fail (self, group, key, _("“%s” must be true or false, not “%s”."), key, value);

  return TRUE;
}

static gboolean
parse_number (Loader      *self,
              const char  *group,
              const char  *key,
              const char  *text,
              gint64       min,
              gint64       max,
              gint64      *out)
{
  if (!g_ascii_string_to_signed (text, 10, min, max, out, NULL))
    return fail (self, group, key, _("“%s” must be a whole number from %lld to %lld, not “%s”."),
                 key, (long long) min, (long long) max, text);

  return TRUE;
}

static gboolean
get_uint (Loader     *self,
          const char *group,
          const char *key,
          gint64      min,
          gint64      max,
          guint      *out)
{
  g_autofree char *value = NULL;
  gint64 number;

  if (!get_string (self, group, key, FALSE, &value))
    return FALSE;
  if (value == NULL)
    return TRUE;

  if (!parse_number (self, group, key, value, min, max, &number))
    return FALSE;

  *out = number;
  return TRUE;
}

/* A ";"-separated list, items stripped, empty ones dropped. */
static gboolean
get_list (Loader       *self,
          const char   *group,
          const char   *key,
          char       ***out)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GError) local = NULL;
  g_auto(GStrv) items = NULL;
  guint n = 0;

  *out = NULL;
  if (!g_key_file_has_key (self->key_file, group, key, NULL))
    return TRUE;

  items = g_key_file_get_string_list (self->key_file, group, key, NULL, &local);
  if (items == NULL)
    return fail (self, group, key, "%s", local->message);

  for (guint i = 0; items[i] != NULL; i++)
    {
      g_strstrip (items[i]);
      if (items[i][0] != '\0')
        {
          g_strv_builder_add (builder, items[i]);
          n++;
        }
    }

  if (n == 0)
    return fail (self, group, key, _("“%s” is empty."), key);

  *out = g_strv_builder_end (builder);
  return TRUE;
}

/* A list whose items are all among @choices; bit i set for choice i. */
static gboolean
get_choice_list (Loader             *self,
                 const char         *group,
                 const char         *key,
                 const char * const *choices,
                 char             ***out)
{
  if (!get_list (self, group, key, out))
    return FALSE;

  for (guint i = 0; *out != NULL && (*out)[i] != NULL; i++)
    {
      if (choice_index (choices, (*out)[i]) < 0)
        {
          g_autofree char *allowed = join_choices (choices);
          g_autofree char *value = g_strdup ((*out)[i]);

          g_clear_pointer (out, g_strfreev);
          return fail (self, group, key, _("“%s” is not a value of “%s”; it takes %s."),
                       value, key, allowed);
        }
    }

  return TRUE;
}

/* One value among @choices, as its index; -1 in @out when absent. */
static gboolean
get_choice (Loader             *self,
            const char         *group,
            const char         *key,
            const char * const *choices,
            gboolean            required,
            int                *out)
{
  g_autofree char *value = NULL;

  *out = -1;
  if (!get_string (self, group, key, required, &value))
    return FALSE;
  if (value == NULL)
    return TRUE;

  *out = choice_index (choices, value);
  if (*out < 0)
    {
      g_autofree char *allowed = join_choices (choices);

      return fail (self, group, key, _("“%s” is not a value of “%s”; it takes one of %s."),
                   value, key, allowed);
    }

  return TRUE;
}

static gboolean
is_id (const char *text,
       gboolean    upper)
{
  if (text[0] == '\0')
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-' &&
          !(upper && (g_ascii_isupper (*p) || *p == '.' || *p == '_')))
        return FALSE;
    }

  return TRUE;
}

static gboolean
load_profile_group (Loader     *self,
                    const char *expected_id)
{
  CdProfileData *data = self->data;
  const char *group = "Profile";
  guint warning_days = 60;
  int role;

  if (!g_key_file_has_group (self->key_file, group))
    return fail (self, NULL, NULL, _("The file has no [Profile] group."));

  if (!check_known_keys (self, group, profile_keys, NULL) ||
      !get_string (self, group, "Id", TRUE, &data->id) ||
      !get_translated (self, group, "Name", TRUE, &data->name) ||
      !get_string (self, group, "Vendor", FALSE, &data->vendor) ||
      !get_translated (self, group, "Description", TRUE, &data->description) ||
      !get_string (self, group, "Document", TRUE, &data->document) ||
      !get_choice (self, group, "Role", role_ids, TRUE, &role) ||
      !get_uint (self, group, "WarningDays", 1, 3650, &warning_days))
    return FALSE;

  if (!is_id (data->id, FALSE))
    return fail (self, group, "Id",
                 _("The id “%s” may hold only lower-case letters, digits and “-”."), data->id);
  if (expected_id != NULL && !g_str_equal (data->id, expected_id))
    return fail (self, group, "Id", _("The id “%s” differs from the file name: it must be “%s”."),
                 data->id, expected_id);

  if (data->vendor == NULL)
    data->vendor = g_strdup ("");
  data->role = role;
  data->warning_days = warning_days;

  return TRUE;
}

static gboolean
load_request_group (Loader *self)
{
  CdProfileData *data = self->data;
  const char *group = "Request";
  g_auto(GStrv) key_usage = NULL;
  g_auto(GStrv) eku = NULL;
  g_auto(GStrv) match = NULL;
  int key_type, digest, purpose, string_type;

  if (!g_key_file_has_group (self->key_file, group))
    return TRUE;

  if (!check_known_keys (self, group, request_keys, NULL) ||
      !get_choice (self, group, "KeyType", key_type_ids, FALSE, &key_type) ||
      !get_choice (self, group, "Digest", digest_ids, FALSE, &digest) ||
      !get_choice (self, group, "Purpose", purpose_ids, FALSE, &purpose) ||
      !get_choice_list (self, group, "KeyUsage", _cd_profile_key_usage_ids, &key_usage) ||
      !get_choice_list (self, group, "ExtendedKeyUsage", _cd_profile_eku_ids, &eku) ||
      !get_choice (self, group, "StringType", string_type_ids, FALSE, &string_type) ||
      !get_bool (self, group, "CommonNameAsDns", &data->cn_as_dns, &data->has_cn_as_dns) ||
      !get_choice_list (self, group, "MatchIssuer", match_issuer_ids, &match) ||
      !get_uint (self, group, "ValidityDays", 1, 36500, &data->validity_days) ||
      !get_bool (self, group, "Before2038", &data->before_2038, NULL) ||
      !get_uint (self, group, "MaxSanEntries", 1, 10000, &data->max_san_entries))
    return FALSE;

  /* Key-type ids run in CdKeyType order, digest ids in CdDigest order. */
  data->has_key_type = key_type >= 0;
  data->key_type = MAX (key_type, 0);
  data->has_digest = digest >= 0;
  data->digest = MAX (digest, 0);
  data->has_purpose = purpose >= 0;
  data->purpose = MAX (purpose, 0);
  data->has_string_type = string_type >= 0;
  data->string_type = string_type == 1 ? CD_STRING_TYPE_UTF8 : CD_STRING_TYPE_PRINTABLE_WHERE_POSSIBLE;
  data->has_key_usage = key_usage != NULL;
  data->key_usage = key_usage != NULL ? _cd_profile_key_usage_from_ids (key_usage) : 0;
  data->has_eku = eku != NULL;
  data->eku = eku != NULL ? _cd_profile_eku_from_ids (eku) : CD_EXTENDED_KEY_USAGE_NONE;

  for (guint i = 0; match != NULL && match[i] != NULL; i++)
    {
      CdSubjectField field = _cd_profile_subject_field_from_id (match[i]);
      gboolean seen = FALSE;

      for (guint j = 0; j < data->n_match_issuer; j++)
        seen |= data->match_issuer[j] == field;
      if (!seen)
        data->match_issuer[data->n_match_issuer++] = field;
    }

  return TRUE;
}

static gboolean
load_export_group (Loader *self)
{
  CdProfileData *data = self->data;
  const char *group = "Export";
  int format, key_format;

  if (!g_key_file_has_group (self->key_file, group))
    return TRUE;

  if (!check_known_keys (self, group, export_keys, NULL) ||
      !get_choice (self, group, "Format", _cd_profile_export_format_ids, TRUE, &format) ||
      !get_bool (self, group, "IncludeChain", &data->include_chain, &data->has_include_chain) ||
      !get_bool (self, group, "IncludeRoot", &data->include_root, NULL) ||
      !get_choice (self, group, "KeyFormat", key_format_ids, FALSE, &key_format) ||
      !get_bool (self, group, "KeyFirst", &data->key_first, NULL) ||
      !get_string (self, group, "Extension", FALSE, &data->extension))
    return FALSE;

  if (data->extension != NULL &&
      (data->extension[0] != '.' || data->extension[1] == '\0' ||
       strpbrk (data->extension + 1, "./\\ ") != NULL))
    return fail (self, group, "Extension",
                 _("The extension “%s” must be a dot and a name, such as “.pem”."),
                 data->extension);

  data->has_export = TRUE;
  data->export_format = format;
  data->key_format = key_format == 1 ? CD_EXPORT_KEY_FORMAT_PKCS1 : CD_EXPORT_KEY_FORMAT_PKCS8;

  return TRUE;
}

static gboolean
check_rule_value (Loader              *self,
                  const char          *group,
                  const CdRuleKeySpec *spec)
{
  g_autofree char *value = NULL;
  g_auto(GStrv) list = NULL;
  gboolean flag;
  gint64 number;

  switch (spec->type)
    {
    case CD_RULE_VALUE_INT:
      if (!get_string (self, group, spec->name, TRUE, &value))
        return FALSE;
      return parse_number (self, group, spec->name, value, spec->min, spec->max, &number);

    case CD_RULE_VALUE_INT_LIST:
      if (!get_list (self, group, spec->name, &list))
        return FALSE;
      for (guint i = 0; list[i] != NULL; i++)
        {
          if (!parse_number (self, group, spec->name, list[i], spec->min, spec->max, &number))
            return FALSE;
        }
      return TRUE;

    case CD_RULE_VALUE_BOOL:
      return get_bool (self, group, spec->name, &flag, NULL);

    case CD_RULE_VALUE_CHOICES:
      return get_choice_list (self, group, spec->name, spec->choices, &list);

    case CD_RULE_VALUE_EXTENSIONS:
      if (!get_list (self, group, spec->name, &list))
        return FALSE;
      for (guint i = 0; list[i] != NULL; i++)
        {
          int nid = OBJ_sn2nid (list[i]);

          if (nid == NID_undef || X509V3_EXT_get_nid (nid) == NULL)
            return fail (self, group, spec->name,
                         _("“%s” is not the short name of an extension, such as "
                           "“basicConstraints” or “keyUsage”."),
                         list[i]);
        }
      return TRUE;

    case CD_RULE_VALUE_NAME:
      if (!get_string (self, group, spec->name, TRUE, &value))
        return FALSE;
      if (!is_id (value, FALSE) && strchr (value, '_') == NULL)
        return fail (self, group, spec->name,
                     _("The parameter name “%s” may hold only lower-case letters, digits and “-”."),
                     value);
      return TRUE;

    case CD_RULE_VALUE_REGEX:
      {
        g_autoptr(GRegex) regex = NULL;
        g_autoptr(GError) local = NULL;

        if (!get_string (self, group, spec->name, TRUE, &value))
          return FALSE;
        regex = g_regex_new (value, 0, 0, &local);
        if (regex == NULL)
          return fail (self, group, spec->name, _("“%s” is not a regular expression: %s"),
                       value, local->message);
        return TRUE;
      }

    case CD_RULE_VALUE_STRING:
      return get_string (self, group, spec->name, TRUE, &value);

    case CD_RULE_VALUE_DATE:
      {
        g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
        g_autoptr(GDateTime) date = NULL;
        g_autofree char *midnight = NULL;

        if (!get_string (self, group, spec->name, TRUE, &value))
          return FALSE;
        midnight = g_strconcat (value, "T00:00:00", NULL);
        if (strlen (value) == 10)
          date = g_date_time_new_from_iso8601 (midnight, utc);
        if (date == NULL)
          return fail (self, group, spec->name, _("“%s” is not a date written YYYY-MM-DD."), value);
        return TRUE;
      }

    default:
      g_assert_not_reached ();
    }
}

static gboolean
load_rule (Loader     *self,
           const char *group)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *kind_name = NULL;
  g_auto(GStrv) applies = NULL;
  const char *id = group + strlen ("Rule ");
  const CdRuleKind *kind;
  CdProfileRule *rule;
  int severity;

  if (!is_id (id, TRUE))
    return fail (self, group, NULL,
                 _("The rule id “%s” may hold only letters, digits, “.”, “_” and “-”."), id);

  for (guint i = 0; i < self->data->rules->len; i++)
    {
      CdProfileRule *other = g_ptr_array_index (self->data->rules, i);

      if (g_str_equal (other->id, id))
        return fail (self, group, NULL, _("There are two rules with the id “%s”."), id);
    }

  if (!get_string (self, group, "Kind", TRUE, &kind_name))
    return FALSE;
  kind = _cd_rule_kind_find (kind_name);
  if (kind == NULL)
    return fail (self, group, "Kind",
                 _("“%s” is not a kind of rule (see data/profiles/README.md for the kinds)."),
                 kind_name);

  if (!check_known_keys (self, group, rule_keys, kind) ||
      !get_choice (self, group, "Severity", severity_ids, TRUE, &severity) ||
      !get_choice_list (self, group, "Applies", applies_ids, &applies))
    return FALSE;

  for (guint i = 0; i < CD_RULE_MAX_KEYS && kind->keys[i].name != NULL; i++)
    {
      if (g_key_file_has_key (self->key_file, group, kind->keys[i].name, NULL) &&
          !check_rule_value (self, group, &kind->keys[i]))
        return FALSE;
    }

  if (kind->one_of[0] != NULL)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < CD_RULE_MAX_KEYS && kind->one_of[i] != NULL; i++)
        found |= g_key_file_has_key (self->key_file, group, kind->one_of[i], NULL);

      if (!found)
        {
          g_autofree char *keys = join_choices (kind->one_of);

          return fail (self, group, "Kind", _("A rule of kind “%s” needs one of the keys %s."),
                       kind->name, keys);
        }
    }

  rule = g_new0 (CdProfileRule, 1);
  g_ptr_array_add (self->data->rules, rule);
  rule->id = g_strdup (id);
  rule->group = g_strdup (group);
  rule->kind = kind;
  rule->severity = severity == 1 ? CD_RULE_SEVERITY_WARNING : CD_RULE_SEVERITY_ERROR;
  rule->key_file = g_key_file_ref (self->key_file);
  rule->applies = 0;
  for (guint i = 0; applies != NULL && applies[i] != NULL; i++)
    rule->applies |= g_str_equal (applies[i], "certificate") ? CD_RULE_APPLIES_CERTIFICATE
                                                             : CD_RULE_APPLIES_REQUEST;
  if (rule->applies == 0)
    rule->applies = CD_RULE_APPLIES_CERTIFICATE | CD_RULE_APPLIES_REQUEST;

  return get_translated (self, group, "Title", TRUE, &rule->title) &&
         get_translated (self, group, "Hint", FALSE, &rule->hint) &&
         get_string (self, group, "Source", TRUE, &rule->source);
}

static gboolean
load_step (Loader     *self,
           const char *group)
{
  g_autofree char *text = NULL;
  g_autofree char *source = NULL;
  g_autoptr(CdProfileStep) step = NULL;
  const char *id = group + strlen ("Step ");
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->data->steps));

  if (!is_id (id, TRUE))
    return fail (self, group, NULL,
                 _("The step id “%s” may hold only letters, digits, “.”, “_” and “-”."), id);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CdProfileStep) other = g_list_model_get_item (G_LIST_MODEL (self->data->steps), i);

      if (g_str_equal (cd_profile_step_get_id (other), id))
        return fail (self, group, NULL, _("There are two steps with the id “%s”."), id);
    }

  if (!check_known_keys (self, group, step_keys, NULL) ||
      !get_translated (self, group, "Text", TRUE, &text) ||
      !get_string (self, group, "Source", FALSE, &source))
    return FALSE;

  step = _cd_profile_step_new (id, text, source);
  g_list_store_append (self->data->steps, step);

  return TRUE;
}

/**
 * _cd_profile_load:
 * @profile: a new, empty #CdProfile
 * @data: the file's text
 * @length: its length
 * @display_name: what problems name the file by
 * @expected_id: the id the file's name asks for, or %NULL
 * @error: the problem, as "FILE:LINE: message"
 *
 * Returns: %TRUE if the whole file is valid
 */
gboolean
_cd_profile_load (CdProfile   *profile,
                  const char  *data,
                  gsize        length,
                  const char  *display_name,
                  const char  *expected_id,
                  GError     **error)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) local = NULL;
  g_auto(GStrv) groups = NULL;
  Loader self = { key_file, data, length, display_name, _cd_profile_get_data (profile), error };

  if (!g_key_file_load_from_data (key_file, data, length, G_KEY_FILE_KEEP_TRANSLATIONS, &local))
    {
      guint line = _cd_profile_line_of_bad_syntax (data, length);

      g_set_error (error, CD_PROFILE_ERROR, CD_PROFILE_ERROR_PARSE, "%s:%u: %s",
                   display_name, MAX (line, 1), local->message);
      return FALSE;
    }

  self.data->key_file = g_key_file_ref (key_file);

  {
    guint line = _cd_profile_line_of_repeated_group (data, length);

    if (line > 0)
      {
        g_set_error (error, CD_PROFILE_ERROR, CD_PROFILE_ERROR_INVALID, "%s:%u: %s", display_name,
                     line, _("This group is already in the file; give each rule and step its own id."));
        return FALSE;
      }
  }

  if (!load_profile_group (&self, expected_id) ||
      !load_request_group (&self) ||
      !load_export_group (&self))
    return FALSE;

  groups = g_key_file_get_groups (key_file, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      const char *group = groups[i];

      if (g_str_equal (group, "Profile") || g_str_equal (group, "Request") ||
          g_str_equal (group, "Export"))
        continue;

      if (g_str_has_prefix (group, "Rule "))
        {
          if (!load_rule (&self, group))
            return FALSE;
        }
      else if (g_str_has_prefix (group, "Step "))
        {
          if (!load_step (&self, group))
            return FALSE;
        }
      else
        {
          return fail (&self, group, NULL,
                       _("[%s] is not a group of a profile: the groups are [Profile], "
                         "[Request], [Export], [Rule ID] and [Step ID]."),
                       group);
        }
    }

  return TRUE;
}
