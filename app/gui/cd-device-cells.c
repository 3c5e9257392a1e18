/* cd-device-cells.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The cells of the Devices view and the words they show. A state is
 * never told by colour alone: an expired certificate says "Expired" and
 * shows an icon, a failing profile says "Failed" with its own icon.
 */

#define G_LOG_DOMAIN "cd-devices-view"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-chain.h"
#include "cd-check.h"
#include "cd-device-cells-private.h"
#include "cd-devices-view.h"
#include "cd-status-style.h"

#define SECONDS_PER_DAY (24 * 60 * 60)

static const char * const tone_classes[] = { "success", "warning", "error", "expired" };

/**
 * cd_devices_view_format_days:
 * @check: a check that saw a certificate
 * @now: the time now, in seconds since the epoch
 *
 * Returns: (transfer full): how long the certificate has left: "Expired",
 *   "Today" or "12 days"
 */
char *
cd_devices_view_format_days (CdDeviceCheck *check,
                             gint64         now)
{
  int days;

  g_return_val_if_fail (CD_IS_DEVICE_CHECK (check), NULL);

  if (cd_device_check_get_not_after (check) <= now)
    return g_strdup (_("Expired"));

  days = cd_device_check_get_days_left (check, now);
  if (days == 0)
    return g_strdup (_("Today"));

  return g_strdup_printf (ngettext ("%d day", "%d days", days), days);
}

/**
 * cd_devices_view_format_checked:
 * @checked_at: when a device was checked, 0 for never
 * @now: the time now
 *
 * Returns: (transfer full): "Never", "Just now", "5 minutes ago"…
 */
char *
cd_devices_view_format_checked (gint64 checked_at,
                                gint64 now)
{
  gint64 ago = MAX (0, now - checked_at);

  if (checked_at <= 0)
    return g_strdup (_("Never"));
  if (ago < 60)
    return g_strdup (_("Just now"));
  if (ago < 3600)
    return g_strdup_printf (ngettext ("%u minute ago", "%u minutes ago", (gulong)(ago / 60)),
                            (guint)(ago / 60));
  if (ago < SECONDS_PER_DAY)
    return g_strdup_printf (ngettext ("%u hour ago", "%u hours ago", (gulong)(ago / 3600)),
                            (guint)(ago / 3600));

  ago /= SECONDS_PER_DAY;
  return g_strdup_printf (ngettext ("%u day ago", "%u days ago", (gulong)ago), (guint)ago);
}

/**
 * cd_devices_view_get_profile_label:
 * @check: a check
 *
 * Returns: (nullable): "Passed", "Warning" or "Failed"; %NULL when the
 *   device has no profile or it could not be run
 */
const char *
cd_devices_view_get_profile_label (CdDeviceCheck *check)
{
  const char *status;

  g_return_val_if_fail (CD_IS_DEVICE_CHECK (check), NULL);

  status = cd_device_check_get_profile_status (check);
  for (CdCheckStatus s = CD_CHECK_STATUS_PASS; s <= CD_CHECK_STATUS_FAIL; s++)
    {
      if (g_strcmp0 (status, cd_check_status_to_id (s)) == 0)
        return cd_check_status_get_label (s);
    }

  return NULL;
}

/* A word or two for the column; the status sentence is its tooltip. */
static const char *
chain_status_get_short_label (CdChainStatus status)
{
  switch (status)
    {
    case CD_CHAIN_STATUS_VALID:
      return C_("chain", "Valid");
    case CD_CHAIN_STATUS_EXPIRED:
      return C_("chain", "Expired");
    case CD_CHAIN_STATUS_NOT_YET_VALID:
      return C_("chain", "Not yet valid");
    case CD_CHAIN_STATUS_ISSUER_UNKNOWN:
      return C_("chain", "Issuer unknown");
    case CD_CHAIN_STATUS_UNTRUSTED_ROOT:
      return C_("chain", "Untrusted root");
    case CD_CHAIN_STATUS_DISTRUSTED:
      return C_("chain", "Distrusted");
    case CD_CHAIN_STATUS_BAD_SIGNATURE:
      return C_("chain", "Bad signature");
    case CD_CHAIN_STATUS_NAME_CONSTRAINTS:
      return C_("chain", "Name not permitted");
    case CD_CHAIN_STATUS_REVOKED:
      return C_("chain", "Revoked");
    case CD_CHAIN_STATUS_INVALID:
    default:
      return C_("chain", "Invalid");
    }
}

static gboolean
chain_status_from_id (const char    *id,
                      CdChainStatus *out_status)
{
  for (CdChainStatus s = CD_CHAIN_STATUS_VALID; s <= CD_CHAIN_STATUS_REVOKED; s++)
    {
      if (g_strcmp0 (id, cd_chain_status_to_id (s)) == 0)
        {
          *out_status = s;
          return TRUE;
        }
    }

  return FALSE;
}

static void
set_tone (GtkWidget  *widget,
          const char *tone)
{
  for (guint i = 0; i < G_N_ELEMENTS (tone_classes); i++)
    gtk_widget_remove_css_class (widget, tone_classes[i]);

  if (tone != NULL)
    gtk_widget_add_css_class (widget, tone);
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  CdDeviceColumn column = GPOINTER_TO_INT (user_data);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *label = gtk_inscription_new (NULL);
  /* The address, how long is left and when are read in full; the rest
   * may shrink, with the whole text in a tooltip.
   */
  int min_chars[] = { 20, 6, 10, 9, 6, 6, 8, 6 };
  int nat_chars[] = { 22, 16, 22, 9, 14, 8, 13, 30 };

  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (label), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (label), min_chars[column]);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (label), nat_chars[column]);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_visible (icon, FALSE);

  if (column == CD_DEVICE_COLUMN_DAYS || column == CD_DEVICE_COLUMN_CHECKED)
    gtk_widget_add_css_class (label, "numeric");
  if (column == CD_DEVICE_COLUMN_ERROR)
    gtk_widget_add_css_class (label, "error");
  if (column == CD_DEVICE_COLUMN_NOTE)
    gtk_widget_add_css_class (label, "dim-label");

  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_item_set_child (item, box);
}

/* The icon says in shape what the colour says: its accessible name is
 * the cell's text, which a screen reader reads anyway, so it is empty.
 */
static void
set_icon (GtkWidget  *icon,
          const char *icon_name)
{
  gtk_widget_set_visible (icon, icon_name != NULL);
  if (icon_name != NULL)
    gtk_image_set_from_icon_name (GTK_IMAGE (icon), icon_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, "",
                                  -1);
}

static void
bind_days (CdDeviceCheck *check,
           guint          warning_days,
           gint64         now,
           GtkWidget     *icon,
           GtkWidget     *label,
           char         **text)
{
  const char *tone = NULL;
  const char *icon_name = NULL;
  int days;

  if (check == NULL || cd_device_check_get_leaf_sha256 (check) == NULL)
    return;

  *text = cd_devices_view_format_days (check, now);
  days = cd_device_check_get_days_left (check, now);

  if (cd_device_check_get_not_after (check) <= now)
    {
      tone = "expired";
      icon_name = "dialog-error-symbolic";
    }
  else if (days < (int)warning_days)
    {
      tone = "warning";
      icon_name = "dialog-warning-symbolic";
    }

  set_tone (icon, tone);
  set_tone (label, tone);
  set_icon (icon, icon_name);
}

static void
bind_chain (CdDeviceCheck *check,
            GtkWidget     *box,
            GtkWidget     *icon,
            char         **text)
{
  CdChainStatus status;

  if (check == NULL || !chain_status_from_id (cd_device_check_get_chain_status (check), &status))
    return;

  *text = g_strdup (chain_status_get_short_label (status));
  gtk_widget_set_tooltip_text (box, cd_chain_status_get_label (status));
  set_icon (icon, cd_status_style_get_icon_name (status));
  cd_status_style_apply (icon, status);
}

static void
bind_profile (CdDeviceCheck *check,
              GtkWidget     *icon,
              GtkWidget     *label,
              char         **text)
{
  const char *status;

  if (check == NULL)
    return;

  status = cd_device_check_get_profile_status (check);
  *text = g_strdup (cd_devices_view_get_profile_label (check));
  if (*text == NULL)
    return;

  if (g_strcmp0 (status, "pass") == 0)
    {
      set_icon (icon, "emblem-ok-symbolic");
      set_tone (icon, "success");
    }
  else if (g_strcmp0 (status, "warning") == 0)
    {
      set_icon (icon, "dialog-warning-symbolic");
      set_tone (icon, "warning");
    }
  else
    {
      set_icon (icon, "dialog-error-symbolic");
      set_tone (icon, "error");
    }
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  CdDeviceColumn column = GPOINTER_TO_INT (user_data);
  CdDevicesView *view = g_object_get_data (G_OBJECT (factory), "cd-view");
  CdDeviceRow *row = gtk_list_item_get_item (item);
  CdDevice *device = cd_device_row_get_device (row);
  CdDeviceCheck *check = cd_device_row_get_check (row);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *icon = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_last_child (box);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *text = NULL;

  set_icon (icon, NULL);
  set_tone (icon, NULL);
  set_tone (label, NULL);
  gtk_widget_set_tooltip_text (box, NULL);

  switch (column)
    {
    case CD_DEVICE_COLUMN_ADDRESS:
      text = cd_device_row_dup_address (row);
      if (cd_device_get_server_name (device) != NULL)
        {
          g_autofree char *tooltip = NULL;

          /* translators: %s is the host name a device is asked for (TLS SNI) */
          tooltip = g_strdup_printf (_("Server name: %s"), cd_device_get_server_name (device));
          gtk_widget_set_tooltip_text (box, tooltip);
        }
      break;

    case CD_DEVICE_COLUMN_NOTE:
      text = g_strdup (cd_device_get_note (device));
      gtk_widget_set_tooltip_text (box, text);
      break;

    case CD_DEVICE_COLUMN_SUBJECT:
      if (check != NULL && cd_device_check_get_subject (check) != NULL)
        {
          text = g_strdup (_cd_devices_view_get_subject_cn (view, check));
          gtk_widget_set_tooltip_text (box, cd_device_check_get_subject (check));
        }
      break;

    case CD_DEVICE_COLUMN_DAYS:
      bind_days (check, _cd_devices_view_get_warning_days (view), now, icon, label, &text);
      break;

    case CD_DEVICE_COLUMN_CHAIN:
      bind_chain (check, box, icon, &text);
      break;

    case CD_DEVICE_COLUMN_PROFILE:
      bind_profile (check, icon, label, &text);
      if (text != NULL)
        gtk_widget_set_tooltip_text (box, cd_device_get_profile_id (device));
      break;

    case CD_DEVICE_COLUMN_CHECKED:
      text = cd_devices_view_format_checked (check ? cd_device_check_get_checked_at (check) : 0,
                                             now);
      break;

    case CD_DEVICE_COLUMN_ERROR:
      if (check != NULL && cd_device_check_get_error (check) != NULL)
        {
          text = g_strdup (cd_device_check_get_error (check));
          set_icon (icon, "network-error-symbolic");
          set_tone (icon, "error");
          gtk_widget_set_tooltip_text (box, text);
        }
      break;

    default:
      g_assert_not_reached ();
    }

  /* An empty cell reads as a dash, so that a gap is not taken for a bug. */
  if (text == NULL && column != CD_DEVICE_COLUMN_NOTE && column != CD_DEVICE_COLUMN_ERROR)
    text = g_strdup ("—");

  gtk_inscription_set_text (GTK_INSCRIPTION (label), text);
}

void
_cd_device_cells_set_factory (GtkColumnViewColumn *column,
                              CdDeviceColumn       which,
                              CdDevicesView       *view)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_object_set_data (G_OBJECT (factory), "cd-view", view);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GINT_TO_POINTER (which));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GINT_TO_POINTER (which));
  gtk_column_view_column_set_factory (column, factory);
}
