/* cd-profile.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* CdProfile: one device profile, loaded from a GKeyFile (see
 * cd-profile-load.c) and immutable after. The shipped profiles are in
 * the core's own GResource, which is looked up directly rather than
 * through the global registration: the core is a static library, and
 * nothing guarantees its resource constructor is linked in.
 */

#define G_LOG_DOMAIN "cd-profile"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cd-errors.h"
#include "cd-profile-private.h"
#include "cd-profiles-resources.h"

#define PROFILES_PATH "/io/github/certdesk/Certdesk/profiles/"
#define PROFILE_SUFFIX ".profile"

struct _CdProfile
{
  GObject        parent_instance;
  CdProfileData  data;
  gboolean       is_user;
};

struct _CdProfileStep
{
  GObject  parent_instance;
  char    *id;
  char    *text;
  char    *source;
};

G_DEFINE_FINAL_TYPE (CdProfile, cd_profile, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (CdProfileStep, cd_profile_step, G_TYPE_OBJECT)

void
_cd_profile_rule_free (CdProfileRule *rule)
{
  g_free (rule->id);
  g_free (rule->group);
  g_free (rule->title);
  g_free (rule->hint);
  g_free (rule->source);
  g_clear_pointer (&rule->key_file, g_key_file_unref);
  g_free (rule);
}

static void
cd_profile_finalize (GObject *object)
{
  CdProfile *self = (CdProfile *)object;
  CdProfileData *data = &self->data;

  g_free (data->id);
  g_free (data->name);
  g_free (data->vendor);
  g_free (data->description);
  g_free (data->document);
  g_free (data->extension);
  g_clear_pointer (&data->rules, g_ptr_array_unref);
  g_clear_object (&data->steps);
  g_clear_pointer (&data->key_file, g_key_file_unref);

  G_OBJECT_CLASS (cd_profile_parent_class)->finalize (object);
}

static void
cd_profile_class_init (CdProfileClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cd_profile_finalize;
}

static void
cd_profile_init (CdProfile *self)
{
  self->data.rules = g_ptr_array_new_with_free_func ((GDestroyNotify)_cd_profile_rule_free);
  self->data.steps = g_list_store_new (CD_TYPE_PROFILE_STEP);
  self->data.warning_days = 60;
}

static void
cd_profile_step_finalize (GObject *object)
{
  CdProfileStep *self = (CdProfileStep *)object;

  g_free (self->id);
  g_free (self->text);
  g_free (self->source);

  G_OBJECT_CLASS (cd_profile_step_parent_class)->finalize (object);
}

static void
cd_profile_step_class_init (CdProfileStepClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cd_profile_step_finalize;
}

static void
cd_profile_step_init (CdProfileStep *self)
{
}

CdProfileStep *
_cd_profile_step_new (const char *id,
                      const char *text,
                      const char *source)
{
  CdProfileStep *self = g_object_new (CD_TYPE_PROFILE_STEP, NULL);

  self->id = g_strdup (id);
  self->text = g_strdup (text);
  self->source = g_strdup (source);

  return self;
}

CdProfileData *
_cd_profile_get_data (CdProfile *self)
{
  return &self->data;
}

guint
_cd_profile_get_warning_days (CdProfile *self)
{
  return self->data.warning_days;
}

/* "tls-server" for "tls-server.profile", NULL for other names. */
static char *
id_from_file_name (const char *name)
{
  g_autofree char *base = g_path_get_basename (name);

  if (!g_str_has_suffix (base, PROFILE_SUFFIX) || strlen (base) == strlen (PROFILE_SUFFIX))
    return NULL;

  return g_strndup (base, strlen (base) - strlen (PROFILE_SUFFIX));
}

/**
 * cd_profile_new_from_data:
 * @data: a profile file's text
 * @length: its length, or -1 if it ends with a NUL
 * @display_name: the file's name, for problems; when it ends in
 *   ".profile" the id must be the rest of the name
 * @error: the problem, as "FILE:LINE: message"
 *
 * Returns: (transfer full) (nullable): the profile
 */
CdProfile *
cd_profile_new_from_data (const char  *data,
                          gsize        length,
                          const char  *display_name,
                          GError     **error)
{
  g_autoptr(CdProfile) self = NULL;
  g_autofree char *expected_id = NULL;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length == (gsize)-1)
    length = strlen (data);

  self = g_object_new (CD_TYPE_PROFILE, NULL);
  expected_id = id_from_file_name (display_name);
  if (!_cd_profile_load (self, data, length, display_name, expected_id, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * cd_profile_new_from_file:
 * @path: a profile file
 * @error: the problem, as "FILE:LINE: message"
 *
 * Returns: (transfer full) (nullable): the profile, marked as a user's
 */
CdProfile *
cd_profile_new_from_file (const char  *path,
                          GError     **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *display = NULL;
  CdProfile *self;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);

  display = g_filename_display_name (path);
  if (!g_file_get_contents (path, &contents, &length, &local))
    {
      g_set_error (error, CD_PROFILE_ERROR, CD_PROFILE_ERROR_IO, "%s:%u: %s", display, 1,
                   local->message);
      return NULL;
    }

  self = cd_profile_new_from_data (contents, length, display, error);
  if (self != NULL)
    self->is_user = TRUE;

  return self;
}

static void
add_problem (GPtrArray *problems,
             GError    *error)
{
  if (problems != NULL)
    g_ptr_array_add (problems, g_strdup (error->message));
}

static void
add_or_replace (GPtrArray *list,
                CdProfile *profile)
{
  for (guint i = 0; i < list->len; i++)
    {
      CdProfile *other = g_ptr_array_index (list, i);

      if (g_str_equal (other->data.id, profile->data.id))
        {
          g_ptr_array_index (list, i) = profile;
          g_object_unref (other);
          return;
        }
    }

  g_ptr_array_add (list, profile);
}

static void
load_shipped (GPtrArray *list,
              GPtrArray *problems)
{
  GResource *resource = cd_profiles_get_resource ();
  g_auto(GStrv) names = NULL;

  names = g_resource_enumerate_children (resource, PROFILES_PATH, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (names == NULL)
    return;

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat (PROFILES_PATH, names[i], NULL);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      CdProfile *profile;
      gsize length;
      const char *data;

      if (!g_str_has_suffix (names[i], PROFILE_SUFFIX))
        continue;

      bytes = g_resource_lookup_data (resource, path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      if (bytes == NULL)
        {
          add_problem (problems, error);
          continue;
        }

      data = g_bytes_get_data (bytes, &length);
      profile = cd_profile_new_from_data (data, length, names[i], &error);
      if (profile == NULL)
        add_problem (problems, error);
      else
        add_or_replace (list, profile);
    }
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char **)a, *(const char **)b);
}

static void
load_user (GPtrArray  *list,
           const char *user_dir,
           GPtrArray  *problems)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  /* A missing folder is the usual case, not a problem. */
  dir = g_dir_open (user_dir, 0, NULL);
  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_suffix (name, PROFILE_SUFFIX))
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (user_dir, g_ptr_array_index (names, i), NULL);
      g_autoptr(GError) error = NULL;
      CdProfile *profile;

      profile = cd_profile_new_from_file (path, &error);
      if (profile == NULL)
        add_problem (problems, error);
      else
        add_or_replace (list, profile);
    }
}

static int
compare_profiles (gconstpointer a,
                  gconstpointer b)
{
  CdProfile *pa = *(CdProfile **)a;
  CdProfile *pb = *(CdProfile **)b;
  int result = g_utf8_collate (pa->data.name, pb->data.name);

  return result != 0 ? result : strcmp (pa->data.id, pb->data.id);
}

/**
 * cd_profile_load_all:
 * @user_dir: (nullable): the user's profiles, or %NULL for shipped only
 * @problems: (element-type utf8) (nullable): where the files that were
 *   skipped are reported, one "FILE:LINE: message" each
 *
 * Returns: (transfer full): a #GListModel of #CdProfile, sorted by name
 */
GListModel *
cd_profile_load_all (const char *user_dir,
                     GPtrArray  *problems)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  GListStore *store = g_list_store_new (CD_TYPE_PROFILE);

  load_shipped (list, problems);
  if (user_dir != NULL)
    load_user (list, user_dir, problems);

  g_ptr_array_sort (list, compare_profiles);
  g_list_store_splice (store, 0, 0, list->pdata, list->len);

  return G_LIST_MODEL (store);
}

/**
 * cd_profile_dup_default_user_dir:
 *
 * Returns: (transfer full): $XDG_DATA_HOME/certdesk/profiles
 */
char *
cd_profile_dup_default_user_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "certdesk", "profiles", NULL);
}

/**
 * cd_profile_list_find:
 * @profiles: a #GListModel of #CdProfile
 * @id: a profile id
 *
 * Returns: (transfer none) (nullable): the profile with that id
 */
CdProfile *
cd_profile_list_find (GListModel *profiles,
                      const char *id)
{
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (profiles), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  n = g_list_model_get_n_items (profiles);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CdProfile) profile = g_list_model_get_item (profiles, i);

      if (g_str_equal (profile->data.id, id))
        return profile;
    }

  return NULL;
}

const char *
cd_profile_get_id (CdProfile *self)
{
  g_return_val_if_fail (CD_IS_PROFILE (self), NULL);
  return self->data.id;
}

const char *
cd_profile_get_name (CdProfile *self)
{
  g_return_val_if_fail (CD_IS_PROFILE (self), NULL);
  return self->data.name;
}

const char *
cd_profile_get_vendor (CdProfile *self)
{
  g_return_val_if_fail (CD_IS_PROFILE (self), NULL);
  return self->data.vendor;
}

const char *
cd_profile_get_description (CdProfile *self)
{
  g_return_val_if_fail (CD_IS_PROFILE (self), NULL);
  return self->data.description;
}

const char *
cd_profile_get_document (CdProfile *self)
{
  g_return_val_if_fail (CD_IS_PROFILE (self), NULL);
  return self->data.document;
}

CdProfileRole
cd_profile_get_role (CdProfile *self)
{
  g_return_val_if_fail (CD_IS_PROFILE (self), CD_PROFILE_ROLE_SERVER);
  return self->data.role;
}

gboolean
cd_profile_get_is_user (CdProfile *self)
{
  g_return_val_if_fail (CD_IS_PROFILE (self), FALSE);
  return self->is_user;
}

guint
cd_profile_get_n_rules (CdProfile *self)
{
  g_return_val_if_fail (CD_IS_PROFILE (self), 0);
  return self->data.rules->len;
}

/**
 * cd_profile_apply_to_request_builder:
 * @self: a #CdProfile
 * @builder: the request being made
 *
 * Sets what the profile's [Request] group says; the rest of @builder
 * is left alone. The purpose goes first, since setting it resets the
 * usages the profile may then fix.
 */
void
cd_profile_apply_to_request_builder (CdProfile        *self,
                                     CdRequestBuilder *builder)
{
  CdProfileData *data;

  g_return_if_fail (CD_IS_PROFILE (self));
  g_return_if_fail (CD_IS_REQUEST_BUILDER (builder));

  data = &self->data;
  if (data->has_purpose)
    cd_request_builder_set_purpose (builder, data->purpose);
  if (data->has_key_type)
    {
      cd_request_builder_set_allow_legacy_key (builder, cd_key_type_is_legacy (data->key_type));
      cd_request_builder_set_key_type (builder, data->key_type);
    }
  if (data->has_digest)
    {
      cd_request_builder_set_allow_legacy_digest (builder, data->digest == CD_DIGEST_SHA1);
      cd_request_builder_set_digest (builder, data->digest);
    }
  if (data->has_key_usage)
    cd_request_builder_set_key_usage (builder, cd_profile_get_key_usage (self));
  if (data->has_eku)
    cd_request_builder_set_extended_key_usage (builder, data->eku);
  if (data->has_string_type)
    cd_request_builder_set_string_type (builder, data->string_type);
  if (data->has_cn_as_dns)
    cd_request_builder_set_cn_as_dns (builder, data->cn_as_dns);
}

guint
cd_profile_get_validity_days (CdProfile *self)
{
  g_return_val_if_fail (CD_IS_PROFILE (self), 0);
  return self->data.validity_days;
}

/**
 * cd_profile_get_key_usage:
 * @self: a #CdProfile
 *
 * Returns: the usages a request should ask for; keyCertSign and
 *   cRLSign, which only a CA sets when it signs, are left out
 */
CdKeyUsage
cd_profile_get_key_usage (CdProfile *self)
{
  const guint request_bits = CD_KEY_USAGE_DIGITAL_SIGNATURE | CD_KEY_USAGE_NON_REPUDIATION |
                             CD_KEY_USAGE_KEY_ENCIPHERMENT | CD_KEY_USAGE_DATA_ENCIPHERMENT |
                             CD_KEY_USAGE_KEY_AGREEMENT;

  g_return_val_if_fail (CD_IS_PROFILE (self), CD_KEY_USAGE_NONE);
  return self->data.key_usage & request_bits;
}

CdExtendedKeyUsage
cd_profile_get_extended_key_usage (CdProfile *self)
{
  g_return_val_if_fail (CD_IS_PROFILE (self), CD_EXTENDED_KEY_USAGE_NONE);
  return self->data.eku;
}

/**
 * cd_profile_get_match_issuer_fields:
 * @self: a #CdProfile
 * @n_fields: (out): how many
 *
 * Returns: (array length=n_fields) (transfer none): the fields
 */
const CdSubjectField *
cd_profile_get_match_issuer_fields (CdProfile *self,
                                    guint     *n_fields)
{
  g_return_val_if_fail (CD_IS_PROFILE (self), NULL);
  g_return_val_if_fail (n_fields != NULL, NULL);

  *n_fields = self->data.n_match_issuer;
  return self->data.match_issuer;
}

gboolean
cd_profile_get_before_2038 (CdProfile *self)
{
  g_return_val_if_fail (CD_IS_PROFILE (self), FALSE);
  return self->data.before_2038;
}

guint
cd_profile_get_max_san_entries (CdProfile *self)
{
  g_return_val_if_fail (CD_IS_PROFILE (self), 0);
  return self->data.max_san_entries;
}

/**
 * cd_profile_dup_export_options:
 * @self: a #CdProfile
 *
 * Returns: (transfer full) (nullable): the export the device takes, or
 *   %NULL when the profile has no [Export] group
 */
CdExportOptions *
cd_profile_dup_export_options (CdProfile *self)
{
  CdExportOptions *options;
  CdProfileData *data;

  g_return_val_if_fail (CD_IS_PROFILE (self), NULL);

  data = &self->data;
  if (!data->has_export)
    return NULL;

  options = cd_export_options_new (data->export_format);
  if (data->has_include_chain)
    cd_export_options_set_include_chain (options, data->include_chain);
  cd_export_options_set_include_root (options, data->include_root);
  cd_export_options_set_key_format (options, data->key_format);
  cd_export_options_set_key_first (options, data->key_first);

  return options;
}

const char *
cd_profile_get_export_extension (CdProfile *self)
{
  g_return_val_if_fail (CD_IS_PROFILE (self), NULL);
  return self->data.extension;
}

/**
 * cd_profile_get_steps:
 * @self: a #CdProfile
 *
 * Returns: (transfer none): a #GListModel of #CdProfileStep, in file order
 */
GListModel *
cd_profile_get_steps (CdProfile *self)
{
  g_return_val_if_fail (CD_IS_PROFILE (self), NULL);
  return G_LIST_MODEL (self->data.steps);
}

const char *
cd_profile_step_get_id (CdProfileStep *self)
{
  g_return_val_if_fail (CD_IS_PROFILE_STEP (self), NULL);
  return self->id;
}

const char *
cd_profile_step_get_text (CdProfileStep *self)
{
  g_return_val_if_fail (CD_IS_PROFILE_STEP (self), NULL);
  return self->text;
}

const char *
cd_profile_step_get_source (CdProfileStep *self)
{
  g_return_val_if_fail (CD_IS_PROFILE_STEP (self), NULL);
  return self->source;
}
