/* cd-request-wizard-key.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Key and Signature page of CdRequestWizard: key type, digest,
 * purpose and the key usage rows, whose defaults follow the purpose and
 * the key.
 */

#define G_LOG_DOMAIN "cd-request-wizard"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-key-generator.h"
#include "cd-request-wizard-private.h"

static const struct {
  CdKeyUsage  usage;
  const char *title;
  const char *name;
} key_usages[N_KEY_USAGES] = {
  { CD_KEY_USAGE_DIGITAL_SIGNATURE, N_("_Digital Signature"), "digitalSignature" },
  { CD_KEY_USAGE_NON_REPUDIATION, N_("_Non-Repudiation"), "nonRepudiation" },
  { CD_KEY_USAGE_KEY_ENCIPHERMENT, N_("_Key Encipherment"), "keyEncipherment" },
  { CD_KEY_USAGE_DATA_ENCIPHERMENT, N_("D_ata Encipherment"), "dataEncipherment" },
  { CD_KEY_USAGE_KEY_AGREEMENT, N_("Key A_greement"), "keyAgreement" },
};

static const struct {
  CdExtendedKeyUsage  usage;
  const char         *title;
  const char         *name;
} extended_key_usages[N_EXTENDED_KEY_USAGES] = {
  { CD_EXTENDED_KEY_USAGE_SERVER_AUTH, N_("TLS _Server Authentication"), "serverAuth" },
  { CD_EXTENDED_KEY_USAGE_CLIENT_AUTH, N_("TLS _Client Authentication"), "clientAuth" },
  { CD_EXTENDED_KEY_USAGE_CODE_SIGNING, N_("C_ode Signing"), "codeSigning" },
  { CD_EXTENDED_KEY_USAGE_EMAIL_PROTECTION, N_("_Email Protection"), "emailProtection" },
};

const char *
_cd_request_wizard_get_digest_title (CdDigest digest)
{
  switch (digest)
    {
    case CD_DIGEST_SHA256: return _("SHA-256");
    case CD_DIGEST_SHA384: return _("SHA-384");
    case CD_DIGEST_SHA512: return _("SHA-512");
    case CD_DIGEST_SHA1: return _("SHA-1 (legacy)");
    default: g_assert_not_reached ();
    }
}

/* Key and signature */

CdKeyType
_cd_request_wizard_get_key_type (CdRequestWizard *self)
{
  guint selected = adw_combo_row_get_selected (self->key_type_row);

  if (selected >= self->key_types->len)
    return CD_KEY_TYPE_RSA_2048;

  return g_array_index (self->key_types, CdKeyType, selected);
}

CdDigest
_cd_request_wizard_get_digest (CdRequestWizard *self)
{
  guint selected = adw_combo_row_get_selected (self->digest_row);

  if (selected >= self->digests->len)
    return CD_DIGEST_SHA256;

  return g_array_index (self->digests, CdDigest, selected);
}

CdRequestPurpose
_cd_request_wizard_get_purpose (CdRequestWizard *self)
{
  if (gtk_check_button_get_active (self->client_check))
    return CD_REQUEST_PURPOSE_CLIENT;
  if (gtk_check_button_get_active (self->server_client_check))
    return CD_REQUEST_PURPOSE_SERVER_CLIENT;
  return CD_REQUEST_PURPOSE_SERVER;
}

gboolean
_cd_request_wizard_uses_existing_key (CdRequestWizard *self)
{
  return self->existing_key_id != NULL && gtk_check_button_get_active (self->same_key_check);
}

/* The legacy choices are offered only with "Legacy device" ticked. */
void
_cd_request_wizard_fill_key_choices (CdRequestWizard *self,
                                     CdKeyType        key_type,
                                     CdDigest         digest)
{
  g_autoptr(GtkStringList) key_titles = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) digest_titles = gtk_string_list_new (NULL);
  gboolean legacy = gtk_check_button_get_active (self->legacy_check);
  gboolean loading = self->loading;
  guint key_position = 0;
  guint digest_position = 0;

  g_assert (CD_IS_REQUEST_WIZARD (self));

  self->loading = TRUE;

  g_array_set_size (self->key_types, 0);
  for (CdKeyType type = 0; type < CD_N_KEY_TYPES; type++)
    {
      if (cd_key_type_is_legacy (type) && !legacy)
        continue;
      if (type == key_type)
        key_position = self->key_types->len;
      g_array_append_val (self->key_types, type);
      gtk_string_list_append (key_titles, cd_key_type_get_title (type));
    }

  g_array_set_size (self->digests, 0);
  for (CdDigest d = CD_DIGEST_SHA256; d <= CD_DIGEST_SHA1; d++)
    {
      if (d == CD_DIGEST_SHA1 && !legacy)
        continue;
      if (d == digest)
        digest_position = self->digests->len;
      g_array_append_val (self->digests, d);
      gtk_string_list_append (digest_titles, _cd_request_wizard_get_digest_title (d));
    }

  adw_combo_row_set_model (self->key_type_row, G_LIST_MODEL (key_titles));
  adw_combo_row_set_selected (self->key_type_row, key_position);
  adw_combo_row_set_model (self->digest_row, G_LIST_MODEL (digest_titles));
  adw_combo_row_set_selected (self->digest_row, digest_position);

  self->loading = loading;
}

void
_cd_request_wizard_set_usages (CdRequestWizard    *self,
                               CdKeyUsage          usage,
                               CdExtendedKeyUsage  extended_usage)
{
  for (guint i = 0; i < N_KEY_USAGES; i++)
    gtk_check_button_set_active (self->usage_checks[i], (usage & key_usages[i].usage) != 0);
  for (guint i = 0; i < N_EXTENDED_KEY_USAGES; i++)
    gtk_check_button_set_active (self->extended_usage_checks[i],
                                 (extended_usage & extended_key_usages[i].usage) != 0);
}

CdKeyUsage
_cd_request_wizard_get_key_usage (CdRequestWizard *self)
{
  CdKeyUsage usage = CD_KEY_USAGE_NONE;

  for (guint i = 0; i < N_KEY_USAGES; i++)
    {
      if (gtk_check_button_get_active (self->usage_checks[i]))
        usage |= key_usages[i].usage;
    }

  return usage;
}

CdExtendedKeyUsage
_cd_request_wizard_get_extended_key_usage (CdRequestWizard *self)
{
  CdExtendedKeyUsage usage = CD_EXTENDED_KEY_USAGE_NONE;

  for (guint i = 0; i < N_EXTENDED_KEY_USAGES; i++)
    {
      if (gtk_check_button_get_active (self->extended_usage_checks[i]))
        usage |= extended_key_usages[i].usage;
    }

  return usage;
}

/* Key encipherment is for RSA only, so the defaults follow the key too. */
static void
apply_default_usages (CdRequestWizard *self)
{
  CdRequestPurpose purpose = _cd_request_wizard_get_purpose (self);

  if (self->loading)
    return;

  _cd_request_wizard_set_usages (self,
                                 cd_request_default_key_usage (purpose, _cd_request_wizard_get_key_type (self)),
                                 cd_request_default_extended_key_usage (purpose));
}

void
_cd_request_wizard_on_purpose_toggled_cb (CdRequestWizard *self,
                                          GtkCheckButton  *check)
{
  g_assert (CD_IS_REQUEST_WIZARD (self));

  /* Each radio reports twice: once losing, once gaining. */
  if (gtk_check_button_get_active (check))
    apply_default_usages (self);
  _cd_request_wizard_queue_checks (self);
}

void
_cd_request_wizard_on_key_changed_cb (CdRequestWizard *self)
{
  g_assert (CD_IS_REQUEST_WIZARD (self));

  gtk_widget_set_sensitive (GTK_WIDGET (self->key_type_row), !_cd_request_wizard_uses_existing_key (self));

  /* The legacy choices stay marked while chosen. */
  gtk_widget_set_visible (self->legacy_warning_group,
                          gtk_check_button_get_active (self->legacy_check));
  _cd_request_wizard_set_error_style (GTK_WIDGET (self->key_type_row),
                                      cd_key_type_is_legacy (_cd_request_wizard_get_key_type (self)));
  _cd_request_wizard_set_error_style (GTK_WIDGET (self->digest_row), _cd_request_wizard_get_digest (self) == CD_DIGEST_SHA1);

  apply_default_usages (self);
  _cd_request_wizard_queue_checks (self);
}

void
_cd_request_wizard_on_legacy_toggled_cb (CdRequestWizard *self)
{
  g_assert (CD_IS_REQUEST_WIZARD (self));

  _cd_request_wizard_fill_key_choices (self, _cd_request_wizard_get_key_type (self), _cd_request_wizard_get_digest (self));
  _cd_request_wizard_on_key_changed_cb (self);
}

void
_cd_request_wizard_add_usage_rows (CdRequestWizard *self)
{
  g_assert (CD_IS_REQUEST_WIZARD (self));

  for (guint i = 0; i < N_KEY_USAGES + N_EXTENDED_KEY_USAGES; i++)
    {
      gboolean extended = i >= N_KEY_USAGES;
      guint j = extended ? i - N_KEY_USAGES : i;
      GtkWidget *check = gtk_check_button_new ();
      GtkWidget *row;

      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      g_signal_connect_object (check, "toggled", G_CALLBACK (_cd_request_wizard_queue_checks), self,
                               G_CONNECT_SWAPPED);
      row = g_object_new (ADW_TYPE_ACTION_ROW,
                          "title", extended ? _(extended_key_usages[j].title) : _(key_usages[j].title),
                          "subtitle", extended ? extended_key_usages[j].name : key_usages[j].name,
                          "use-underline", TRUE,
                          "activatable-widget", check,
                          NULL);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);

      if (extended)
        {
          self->extended_usage_checks[j] = GTK_CHECK_BUTTON (check);
          adw_preferences_group_add (self->extended_usage_group, row);
        }
      else
        {
          self->usage_checks[j] = GTK_CHECK_BUTTON (check);
          adw_preferences_group_add (self->usage_group, row);
        }
    }
}


char *
_cd_request_wizard_join_usages (CdRequestWizard *self,
                                gboolean         extended)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint n = extended ? N_EXTENDED_KEY_USAGES : N_KEY_USAGES;

  for (guint i = 0; i < n; i++)
    {
      GtkCheckButton *check = extended ? self->extended_usage_checks[i] : self->usage_checks[i];

      if (gtk_check_button_get_active (check))
        g_ptr_array_add (names, (gpointer)(extended ? extended_key_usages[i].name
                                                    : key_usages[i].name));
    }

  if (names->len == 0)
    return g_strdup (_("None"));

  g_ptr_array_add (names, NULL);

  return g_strjoinv (", ", (char **)names->pdata);
}
