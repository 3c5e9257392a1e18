/* cd-request-wizard-profile.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The device side of CdRequestWizard: choosing a device profile on the
 * Purpose page fills in the later pages from it (purpose, string type,
 * "first DNS name = CN", key, digest, usages) and marks the subject
 * fields that must equal the issuing CA's. The Review page shows the
 * profile's rules against the request as it stands, checked again
 * whenever a page changes it, so a ninth name for an eight-name device
 * shows as a failure before any key is made.
 */

#define G_LOG_DOMAIN "cd-request-wizard"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-check.h"
#include "cd-request-wizard-private.h"

static gboolean
run_checks (gpointer data)
{
  CdRequestWizard *self = data;
  g_autoptr(CdCheckInput) input = NULL;
  g_autoptr(GListModel) results = NULL;
  g_autofree char *description = NULL;
  guint n_later;

  g_assert (CD_IS_REQUEST_WIZARD (self));

  self->checks_id = 0;

  if (self->profile == NULL)
    {
      cd_check_list_set_results (self->check_list, NULL, NULL);
      return G_SOURCE_REMOVE;
    }

  _cd_request_wizard_sync_builder (self);
  input = cd_check_input_new ();
  cd_check_input_set_builder (input, self->builder);
  results = cd_profile_check (self->profile, input);
  cd_check_list_set_results (self->check_list, self->profile, results);

  n_later = cd_check_list_get_n_results (self->check_list, CD_CHECK_STATUS_NOT_APPLICABLE);
  if (n_later > 0)
    description = g_strdup_printf (ngettext ("The rules the request can meet now. %u more is about "
                                             "the certificate itself: check it against the device "
                                             "when the CA has issued it.",
                                             "The rules the request can meet now. %u more are about "
                                             "the certificate itself: check it against the device "
                                             "when the CA has issued it.",
                                             n_later),
                                   n_later);
  else
    description = g_strdup (_("The rules the request can meet now."));
  adw_preferences_group_set_description (self->check_group, description);

  return G_SOURCE_REMOVE;
}

/* Called by every page when the request changes; the check runs once
 * when the main loop is idle, not once per keystroke handler.
 */
void
_cd_request_wizard_queue_checks (CdRequestWizard *self)
{
  g_assert (CD_IS_REQUEST_WIZARD (self));

  if (self->loading || self->profile == NULL || self->checks_id != 0)
    return;

  self->checks_id = g_idle_add (run_checks, self);
}

/* The widgets, from what the profile set in the builder. */
static void
load_profile_choices (CdRequestWizard *self)
{
  CdRequestBuilder *builder = self->builder;
  CdKeyType key_type = cd_request_builder_get_key_type (builder);
  CdDigest digest = cd_request_builder_get_digest (builder);
  gboolean loading = self->loading;

  g_assert (CD_IS_REQUEST_WIZARD (self));

  /* No defaults while loading: the profile's usages are the ones. */
  self->loading = TRUE;

  switch (cd_request_builder_get_purpose (builder))
    {
    case CD_REQUEST_PURPOSE_CLIENT:
      gtk_check_button_set_active (self->client_check, TRUE);
      break;
    case CD_REQUEST_PURPOSE_SERVER_CLIENT:
      gtk_check_button_set_active (self->server_client_check, TRUE);
      break;
    case CD_REQUEST_PURPOSE_SERVER:
    default:
      gtk_check_button_set_active (self->server_check, TRUE);
      break;
    }

  adw_combo_row_set_selected (self->string_type_row,
                              cd_request_builder_get_string_type (builder) == CD_STRING_TYPE_UTF8);
  gtk_switch_set_active (self->cn_as_dns_switch, cd_request_builder_get_cn_as_dns (builder));

  if (cd_key_type_is_legacy (key_type) || digest == CD_DIGEST_SHA1)
    gtk_check_button_set_active (self->legacy_check, TRUE);
  _cd_request_wizard_fill_key_choices (self, key_type, digest);
  _cd_request_wizard_on_key_changed_cb (self);
  _cd_request_wizard_set_usages (self,
                                 cd_request_builder_get_key_usage (builder),
                                 cd_request_builder_get_extended_key_usage (builder));

  self->loading = loading;
}

static GtkWidget *
new_match_issuer_icon (void)
{
  GtkWidget *icon = gtk_image_new_from_icon_name ("emblem-important-symbolic");
  const char *text = _("Must be exactly as in the issuing CA's certificate");

  gtk_widget_add_css_class (icon, "warning");
  gtk_widget_set_tooltip_text (icon, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  -1);

  return icon;
}

/* The openssl "policy_match" trap: some devices' CAs refuse a request
 * whose C, ST or O differ from theirs, even in string type only.
 */
static void
mark_subject_fields (CdRequestWizard *self)
{
  const CdSubjectField *fields = NULL;
  g_autofree char *text = NULL;
  guint n_fields = 0;

  g_assert (CD_IS_REQUEST_WIZARD (self));

  if (self->profile != NULL)
    fields = cd_profile_get_match_issuer_fields (self->profile, &n_fields);

  for (guint field = 0; field < CD_N_SUBJECT_FIELDS; field++)
    {
      gboolean marked = FALSE;

      for (guint i = 0; i < n_fields; i++)
        marked |= fields[i] == field;

      if (marked && self->match_issuer_icons[field] == NULL)
        {
          self->match_issuer_icons[field] = new_match_issuer_icon ();
          adw_entry_row_add_suffix (ADW_ENTRY_ROW (self->subject_rows[field]),
                                    self->match_issuer_icons[field]);
        }
      if (self->match_issuer_icons[field] != NULL)
        gtk_widget_set_visible (self->match_issuer_icons[field], marked);
    }

  if (n_fields > 0)
    /* translators: %s is a device, e.g. "Avaya AE Services — server certificate" */
    text = g_strdup_printf (_("For %s, the fields marked must be exactly as in the issuing CA's "
                              "certificate: the same text and the same string encoding, or the "
                              "CA refuses the request."),
                            cd_profile_get_name (self->profile));
  _cd_request_wizard_show_message (self->match_issuer_label, text);
}

void
_cd_request_wizard_on_profile_changed_cb (CdRequestWizard *self)
{
  CdProfile *profile;

  g_assert (CD_IS_REQUEST_WIZARD (self));

  profile = cd_profile_chooser_get_profile (self->profile_chooser);
  if (!g_set_object (&self->profile, profile))
    return;

  /* What the user typed stays; the profile sets the rest. "No Device"
   * leaves the pages as they are.
   */
  if (profile != NULL)
    {
      _cd_request_wizard_sync_builder (self);
      cd_profile_apply_to_request_builder (profile, self->builder);
      load_profile_choices (self);
    }

  mark_subject_fields (self);

  gtk_widget_set_visible (GTK_WIDGET (self->check_group), profile != NULL);
  if (profile != NULL)
    {
      g_autofree char *title = NULL;

      /* translators: %s is a device, e.g. "Avaya IP Office — server identity" */
      title = g_strdup_printf (_("Checked Against %s"), cd_profile_get_name (profile));
      adw_preferences_group_set_title (self->check_group, title);
    }

  cd_check_list_set_show_not_applicable (self->check_list, FALSE);
  _cd_request_wizard_queue_checks (self);
}

void
_cd_request_wizard_dispose_profile (CdRequestWizard *self)
{
  g_assert (CD_IS_REQUEST_WIZARD (self));

  g_clear_handle_id (&self->checks_id, g_source_remove);
  g_clear_object (&self->profile);
}
