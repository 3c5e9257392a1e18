/* cd-ca-widgets-private.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cd-ca.h"
#include "cd-profile.h"
#include "cd-types.h"

G_BEGIN_DECLS

/* What the private CA's dialogs share: the CA and profile pickers,
 * the inline error line and dates as they show them.
 */

GPtrArray  *_cd_ca_fill_authority_row   (AdwComboRow  *row,
                                         CdDatabase   *database,
                                         const char   *selected_sha256,
                                         GError      **error);
CdCertificate *_cd_ca_get_selected_authority (AdwComboRow *row,
                                              GPtrArray   *authorities);
void        _cd_ca_fill_profile_row     (AdwComboRow  *row,
                                         GListModel   *profiles,
                                         const char   *selected_id);
CdProfile  *_cd_ca_get_selected_profile (AdwComboRow  *row,
                                         GListModel   *profiles);
void        _cd_ca_show_error           (GtkLabel     *label,
                                         const char   *text);
char       *_cd_ca_format_date          (gint64        unix_time);
char       *_cd_ca_describe_end         (guint         days,
                                         gboolean      before_2038,
                                         gboolean      has_issuer);

G_END_DECLS
