/* cd-ca-widgets.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Pieces the private CA's dialogs share: the combo rows that pick a CA
 * (the authorities whose key Certdesk holds) and a device profile
 * ("None" first, since a profile is optional), the inline error line,
 * and the end date a validity gives.
 */

#define G_LOG_DOMAIN "cd-ca-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-ca-widgets-private.h"
#include "cd-certificate.h"

GPtrArray *
_cd_ca_fill_authority_row (AdwComboRow  *row,
                           CdDatabase   *database,
                           const char   *selected_sha256,
                           GError      **error)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) authorities = NULL;
  guint selected = 0;

  g_assert (ADW_IS_COMBO_ROW (row));

  authorities = cd_ca_list_authorities (database, error);
  if (authorities == NULL)
    return NULL;

  for (guint i = 0; i < authorities->len; i++)
    {
      CdCertificate *ca = g_ptr_array_index (authorities, i);
      g_autofree char *name = cd_certificate_dup_display_name (ca);

      gtk_string_list_append (names, name);
      if (g_strcmp0 (selected_sha256, cd_certificate_get_sha256 (ca)) == 0)
        selected = i;
    }

  adw_combo_row_set_model (row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (row, selected);

  return g_steal_pointer (&authorities);
}

CdCertificate *
_cd_ca_get_selected_authority (AdwComboRow *row,
                               GPtrArray   *authorities)
{
  guint selected = adw_combo_row_get_selected (row);

  if (authorities == NULL || selected >= authorities->len)
    return NULL;

  return g_ptr_array_index (authorities, selected);
}

void
_cd_ca_fill_profile_row (AdwComboRow *row,
                         GListModel  *profiles,
                         const char  *selected_id)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = 0;

  g_assert (ADW_IS_COMBO_ROW (row));

  /* translators: no device profile chosen */
  gtk_string_list_append (names, _("None"));
  for (guint i = 0; i < g_list_model_get_n_items (profiles); i++)
    {
      g_autoptr(CdProfile) profile = g_list_model_get_item (profiles, i);

      gtk_string_list_append (names, cd_profile_get_name (profile));
      if (g_strcmp0 (selected_id, cd_profile_get_id (profile)) == 0)
        selected = i + 1;
    }

  adw_combo_row_set_model (row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (row, selected);
}

/* Returns: (transfer full) (nullable): the profile, NULL for "None" */
CdProfile *
_cd_ca_get_selected_profile (AdwComboRow *row,
                             GListModel  *profiles)
{
  guint selected = adw_combo_row_get_selected (row);

  if (profiles == NULL || selected == 0 || selected == GTK_INVALID_LIST_POSITION ||
      selected > g_list_model_get_n_items (profiles))
    return NULL;

  return g_list_model_get_item (profiles, selected - 1);
}

void
_cd_ca_show_error (GtkLabel   *label,
                   const char *text)
{
  g_assert (GTK_IS_LABEL (label));

  gtk_label_set_label (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && text[0] != '\0');
}

char *
_cd_ca_format_date (gint64 unix_time)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_local (unix_time);

  if (date == NULL)
    return g_strdup ("");

  /* translators: a date and time, see the GDateTime format codes */
  return g_date_time_format (date, _("%Y-%m-%d %H:%M"));
}

/* What the validity row says below its number of days. */
char *
_cd_ca_describe_end (guint    days,
                     gboolean before_2038,
                     gboolean has_issuer)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) end = g_date_time_add_days (now, days);
  g_autofree char *date = NULL;
  gint64 end_time;

  end_time = end != NULL ? g_date_time_to_unix (end) : G_MAXINT64;
  if (before_2038 && end_time > CD_CA_BEFORE_2038)
    {
      date = _cd_ca_format_date (CD_CA_BEFORE_2038);
      /* translators: %s is a date */
      return g_strdup_printf (_("Ends on %s, before 2038-01-19, for devices that keep time in 32 bits"),
                              date);
    }

  date = _cd_ca_format_date (end_time);
  if (!has_issuer)
    /* translators: %s is a date */
    return g_strdup_printf (_("Ends on %s"), date);

  /* translators: %s is a date; the issuing CA may end sooner */
  return g_strdup_printf (_("Ends on %s, or when the issuing CA ends if that is sooner"), date);
}
