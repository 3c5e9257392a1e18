/* cd-tls-fetch.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cd-types.h"

G_BEGIN_DECLS

/* The plain-text protocol spoken before TLS, if any. SIP over TLS
 * (5061), HTTPS, LDAPS and the like are plain TLS: NONE.
 */
typedef enum
{
  CD_STARTTLS_NONE,
  CD_STARTTLS_SMTP,
  CD_STARTTLS_IMAP,
  CD_STARTTLS_POP3,
  CD_STARTTLS_LDAP,
  CD_STARTTLS_XMPP,
} CdStarttls;

#define CD_TLS_FETCH_DEFAULT_TIMEOUT_MS 10000

#define CD_TYPE_TLS_RESULT (cd_tls_result_get_type ())

G_DECLARE_FINAL_TYPE (CdTlsResult, cd_tls_result, CD, TLS_RESULT, GObject)

const char  *cd_starttls_to_id                     (CdStarttls            starttls);
gboolean     cd_starttls_from_id                   (const char           *id,
                                                    CdStarttls           *out_starttls);
guint16      cd_starttls_get_default_port          (CdStarttls            starttls);
gboolean     cd_tls_parse_address                  (const char           *text,
                                                    guint16               default_port,
                                                    char                **out_host,
                                                    guint16              *out_port,
                                                    GError              **error);

void         cd_tls_fetch_async                    (const char           *host,
                                                    guint16               port,
                                                    CdStarttls            starttls,
                                                    const char           *server_name,
                                                    guint                 timeout_ms,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
CdTlsResult *cd_tls_fetch_finish                   (GAsyncResult         *result,
                                                    GError              **error);
CdTlsResult *cd_tls_fetch                          (const char           *host,
                                                    guint16               port,
                                                    CdStarttls            starttls,
                                                    const char           *server_name,
                                                    guint                 timeout_ms,
                                                    GCancellable         *cancellable,
                                                    GError              **error);

GPtrArray   *cd_tls_result_get_chain               (CdTlsResult          *self);
const char  *cd_tls_result_get_protocol            (CdTlsResult          *self);
const char  *cd_tls_result_get_cipher              (CdTlsResult          *self);
gboolean     cd_tls_result_get_client_cert_requested (CdTlsResult        *self);
const char * const *cd_tls_result_get_accepted_cas (CdTlsResult          *self);
const char  *cd_tls_result_get_verify_error        (CdTlsResult          *self);

G_END_DECLS
