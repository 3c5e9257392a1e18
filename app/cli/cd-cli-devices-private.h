/* cd-cli-devices-private.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cd-chain.h"
#include "cd-cli-common.h"
#include "cd-device.h"
#include "cd-tls-fetch.h"

G_BEGIN_DECLS

/* "devices check" (cd-cli-devices-check.c). */
int      _cd_cli_devices_check        (int           argc,
                                       char        **argv);

/* Shared by "fetch" and "devices". */
gboolean _cd_cli_parse_starttls       (const char   *id,
                                       CdStarttls   *out_starttls);
void     _cd_cli_append_expiry        (GString      *out,
                                       gint64        not_after,
                                       gint64        now);
void     _cd_cli_add_tls_result_json  (JsonBuilder  *builder,
                                       CdTlsResult  *result,
                                       CdChain      *chain);
void     _cd_cli_add_check_json       (JsonBuilder  *builder,
                                       CdDeviceCheck *check,
                                       guint         warning_days,
                                       gint64        now);
void     _cd_cli_add_device_json      (JsonBuilder  *builder,
                                       CdDevice     *device);
char    *_cd_cli_describe_check       (CdDeviceCheck *check,
                                       gint64        now);

G_END_DECLS
