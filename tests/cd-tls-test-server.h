/* cd-tls-test-server.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Real servers on loopback for the device tests: "openssl s_server",
 * and small GIO fronts that speak plain text before handing the
 * connection to an s_server (STARTTLS), or never answer.
 */

typedef struct _CdTestServer CdTestServer;

typedef enum
{
  CD_TEST_FRONT_SMTP,              /* offers STARTTLS, then splices to the backend */
  CD_TEST_FRONT_SMTP_NO_STARTTLS,  /* a mail server without STARTTLS */
  CD_TEST_FRONT_LDAP,              /* answers StartTLS with a BER success, then splices */
  CD_TEST_FRONT_SILENT,            /* accepts connections and never says a word */
  CD_TEST_FRONT_RELAY,             /* relays to the backend, which may change */
} CdTestFrontKind;

/* s_server with @args (NULL-terminated) on 127.0.0.1:@port, 0 for any. */
CdTestServer *cd_test_server_start       (guint16              port,
                                          const char * const  *args);
CdTestServer *cd_test_front_start        (CdTestFrontKind      kind,
                                          guint16              backend_port);
guint16       cd_test_server_get_port    (CdTestServer        *server);
void          cd_test_front_set_backend  (CdTestServer        *server,
                                          guint16              backend_port);
void          cd_test_server_stop        (CdTestServer        *server);
/* A port nothing listens on (bound, then closed). */
guint16       cd_test_free_port          (void);

G_END_DECLS
