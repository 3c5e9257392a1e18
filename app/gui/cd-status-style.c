/* cd-status-style.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* How a chain status looks, the same on the General and Certification
 * Path pages: an icon that differs for good, doubtful and bad, and a
 * style class for its colour. The text always comes with them, so that
 * neither colour nor shape alone carries the meaning.
 */

#define G_LOG_DOMAIN "cd-status-style"

#include "config.h"

#include "cd-status-style.h"

static const char * const css_classes[] = { "success", "warning", "error" };

/**
 * cd_status_style_get_icon_name:
 * @status: a chain status
 *
 * Returns: (transfer none): the icon that stands for @status
 */
const char *
cd_status_style_get_icon_name (CdChainStatus status)
{
  switch (status)
    {
    case CD_CHAIN_STATUS_VALID:
      return "emblem-ok-symbolic";

    /* Time and missing links can be fixed by the user: a warning. */
    case CD_CHAIN_STATUS_EXPIRED:
    case CD_CHAIN_STATUS_NOT_YET_VALID:
    case CD_CHAIN_STATUS_ISSUER_UNKNOWN:
    case CD_CHAIN_STATUS_UNTRUSTED_ROOT:
      return "dialog-warning-symbolic";

    case CD_CHAIN_STATUS_DISTRUSTED:
    case CD_CHAIN_STATUS_BAD_SIGNATURE:
    case CD_CHAIN_STATUS_NAME_CONSTRAINTS:
    case CD_CHAIN_STATUS_INVALID:
    case CD_CHAIN_STATUS_REVOKED:
    default:
      return "dialog-error-symbolic";
    }
}

/**
 * cd_status_style_get_css_class:
 * @status: a chain status
 *
 * Returns: (transfer none): "success", "warning" or "error"
 */
const char *
cd_status_style_get_css_class (CdChainStatus status)
{
  switch (status)
    {
    case CD_CHAIN_STATUS_VALID:
      return css_classes[0];

    case CD_CHAIN_STATUS_EXPIRED:
    case CD_CHAIN_STATUS_NOT_YET_VALID:
    case CD_CHAIN_STATUS_ISSUER_UNKNOWN:
    case CD_CHAIN_STATUS_UNTRUSTED_ROOT:
      return css_classes[1];

    case CD_CHAIN_STATUS_DISTRUSTED:
    case CD_CHAIN_STATUS_BAD_SIGNATURE:
    case CD_CHAIN_STATUS_NAME_CONSTRAINTS:
    case CD_CHAIN_STATUS_INVALID:
    case CD_CHAIN_STATUS_REVOKED:
    default:
      return css_classes[2];
    }
}

/**
 * cd_status_style_apply:
 * @widget: a widget showing a status
 * @status: the status it shows
 *
 * Gives @widget the style class of @status, and takes away that of the
 * status it showed before.
 */
void
cd_status_style_apply (GtkWidget     *widget,
                       CdChainStatus  status)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  for (guint i = 0; i < G_N_ELEMENTS (css_classes); i++)
    gtk_widget_remove_css_class (widget, css_classes[i]);

  gtk_widget_add_css_class (widget, cd_status_style_get_css_class (status));
}
