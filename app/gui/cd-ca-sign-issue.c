/* cd-ca-sign-issue.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* "Issue Certificate and Key…" in CdCaSignDialog: the subject typed
 * into the dialog and its key type, a request builder made of them,
 * and cd_ca_issue_with_key() in a worker thread, since making an RSA
 * key takes a while.
 */

#define G_LOG_DOMAIN "cd-ca-gui"

#include "config.h"

#include <string.h>

#include "cd-ca-sign-dialog-private.h"
#include "cd-certificate.h"
#include "cd-database.h"
#include "cd-key-generator.h"
#include "cd-keyring.h"
#include "cd-request-builder.h"

static const CdKeyType key_types[] = {
  CD_KEY_TYPE_RSA_2048,
  CD_KEY_TYPE_RSA_3072,
  CD_KEY_TYPE_RSA_4096,
  CD_KEY_TYPE_EC_P256,
  CD_KEY_TYPE_EC_P384,
};

static const struct
{
  CdSubjectField field;
  gsize          offset;
} subject_rows[] = {
  { CD_SUBJECT_FIELD_COMMON_NAME, G_STRUCT_OFFSET (CdCaSignDialog, cn_row) },
  { CD_SUBJECT_FIELD_ORGANIZATION, G_STRUCT_OFFSET (CdCaSignDialog, o_row) },
  { CD_SUBJECT_FIELD_ORGANIZATIONAL_UNIT, G_STRUCT_OFFSET (CdCaSignDialog, ou_row) },
  { CD_SUBJECT_FIELD_LOCALITY, G_STRUCT_OFFSET (CdCaSignDialog, l_row) },
  { CD_SUBJECT_FIELD_STATE, G_STRUCT_OFFSET (CdCaSignDialog, st_row) },
  { CD_SUBJECT_FIELD_COUNTRY, G_STRUCT_OFFSET (CdCaSignDialog, c_row) },
};

#define SUBJECT_ROW(self, i) (*(GtkWidget **)G_STRUCT_MEMBER_P ((self), subject_rows[i].offset))

gboolean
_cd_ca_sign_dialog_check_subject (CdCaSignDialog *self)
{
  gboolean ok = TRUE;

  g_assert (CD_IS_CA_SIGN_DIALOG (self));

  if (self->request != NULL)
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (subject_rows); i++)
    {
      GtkWidget *row = SUBJECT_ROW (self, i);
      const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
      gboolean bad;

      bad = text[0] != '\0' &&
            !cd_request_validate_subject_field (subject_rows[i].field, text, NULL, NULL);
      if (bad)
        gtk_widget_add_css_class (row, "error");
      else
        gtk_widget_remove_css_class (row, "error");

      if (bad || (subject_rows[i].field == CD_SUBJECT_FIELD_COMMON_NAME && text[0] == '\0'))
        ok = FALSE;
    }

  return ok;
}

typedef struct
{
  char             *database_path;
  CdKeyring        *keyring;
  char             *ca_sha256;
  CdRequestBuilder *builder;
  CdCaSignOptions  *options;
} IssueState;

static void
issue_state_free (IssueState *state)
{
  g_free (state->database_path);
  g_clear_object (&state->keyring);
  g_free (state->ca_sha256);
  g_clear_object (&state->builder);
  g_clear_pointer (&state->options, cd_ca_sign_options_unref);
  g_free (state);
}

/* Making the key takes seconds for RSA; and the worker has its own
 * connection, as the core's own workers do.
 */
static void
issue_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  IssueState *state = task_data;
  g_autoptr(CdDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  CdCaResult *result = NULL;

  database = cd_database_open (state->database_path, &error);
  if (database != NULL)
    result = cd_ca_issue_with_key (database, state->keyring, state->ca_sha256, state->builder,
                                   state->options, cancellable, &error);

  if (result == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, result, (GDestroyNotify)cd_ca_result_unref);
}

static void
issue_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(CdCaSignDialog) self = user_data;
  g_autoptr(CdCaResult) issued = NULL;
  g_autoptr(GError) error = NULL;

  issued = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* The worker wrote through its own connection. */
  cd_database_check_changed (self->database);
  _cd_ca_sign_dialog_finish (self, issued, error);
}

static CdRequestBuilder *
new_builder (CdCaSignDialog  *self,
             char           **sans,
             GError         **error)
{
  g_autoptr(CdRequestBuilder) builder = cd_request_builder_new ();
  guint key = adw_combo_row_get_selected (self->key_row);

  g_assert (CD_IS_CA_SIGN_DIALOG (self));

  if (self->used_profile != NULL)
    cd_profile_apply_to_request_builder (self->used_profile, builder);

  for (guint i = 0; i < G_N_ELEMENTS (subject_rows); i++)
    {
      g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (SUBJECT_ROW (self, i)))));

      cd_request_builder_set_subject_field (builder, subject_rows[i].field,
                                            text[0] != '\0' ? text : NULL);
    }

  if (key < G_N_ELEMENTS (key_types))
    cd_request_builder_set_key_type (builder, key_types[key]);

  /* The list is what the user reviewed: nothing added behind it. */
  cd_request_builder_set_cn_as_dns (builder, FALSE);
  cd_request_builder_clear_sans (builder);
  for (guint i = 0; sans[i] != NULL; i++)
    {
      const char *colon = strchr (sans[i], ':');
      g_autofree char *prefix = g_strndup (sans[i], colon - sans[i]);
      CdSanType type;

      if (!cd_san_type_from_prefix (prefix, &type) ||
          !cd_request_builder_add_san (builder, type, colon + 1, error))
        return NULL;
    }

  return g_steal_pointer (&builder);
}

void
_cd_ca_sign_dialog_fill_key_row (CdCaSignDialog *self)
{
  g_autoptr(GtkStringList) keys = gtk_string_list_new (NULL);

  g_assert (CD_IS_CA_SIGN_DIALOG (self));

  for (guint i = 0; i < G_N_ELEMENTS (key_types); i++)
    gtk_string_list_append (keys, cd_key_type_get_title (key_types[i]));
  adw_combo_row_set_model (self->key_row, G_LIST_MODEL (keys));
}

void
_cd_ca_sign_dialog_select_key_type (CdCaSignDialog *self,
                                    CdKeyType       key_type)
{
  g_assert (CD_IS_CA_SIGN_DIALOG (self));

  for (guint i = 0; i < G_N_ELEMENTS (key_types); i++)
    {
      if (key_types[i] == key_type)
        adw_combo_row_set_selected (self->key_row, i);
    }
}

/* Starts making the key, the request and the certificate; the result
 * comes to _cd_ca_sign_dialog_finish().
 */
gboolean
_cd_ca_sign_dialog_start_issue (CdCaSignDialog   *self,
                                CdCertificate    *ca,
                                CdCaSignOptions  *options,
                                char            **sans,
                                GError          **error)
{
  g_autoptr(CdRequestBuilder) builder = NULL;
  g_autoptr(GTask) task = NULL;
  IssueState *state;

  g_assert (CD_IS_CA_SIGN_DIALOG (self));

  builder = new_builder (self, sans, error);
  if (builder == NULL)
    return FALSE;

  _cd_ca_sign_dialog_set_busy (self, TRUE);
  state = g_new0 (IssueState, 1);
  state->database_path = g_strdup (cd_database_get_path (self->database));
  state->keyring = g_object_ref (self->keyring);
  state->ca_sha256 = g_strdup (cd_certificate_get_sha256 (ca));
  state->builder = g_steal_pointer (&builder);
  state->options = cd_ca_sign_options_ref (options);

  task = g_task_new (NULL, self->cancellable, issue_cb, g_object_ref (self));
  g_task_set_source_tag (task, _cd_ca_sign_dialog_start_issue);
  g_task_set_name (task, "[certdesk] issue certificate and key");
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, state, (GDestroyNotify)issue_state_free);
  g_task_run_in_thread (task, issue_worker);

  return TRUE;
}
