/* cd-tls-fetch-private.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cd-tls-fetch.h"

G_BEGIN_DECLS

/* The plain-text dialogue before the TLS handshake (cd-tls-starttls.c).
 * It reads no byte past the server's last plain-text answer.
 */
void     _cd_starttls_async        (GIOStream            *stream,
                                    CdStarttls            starttls,
                                    const char           *server_name,
                                    const char           *address,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data);
gboolean _cd_starttls_finish       (GAsyncResult         *result,
                                    GError              **error);

/* LDAP's StartTLS extended operation, in BER (cd-tls-ldap.c). */
GBytes  *_cd_ldap_starttls_request (int                   message_id);
/* Returns -1 while @data holds less than one whole message, else the
 * bytes the message takes; *out_result_code is the LDAP resultCode.
 */
gssize   _cd_ldap_parse_response   (const guint8         *data,
                                    gsize                 length,
                                    int                   message_id,
                                    int                  *out_result_code,
                                    GError              **error);

G_END_DECLS
