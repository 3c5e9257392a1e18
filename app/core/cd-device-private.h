/* cd-device-private.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cd-chain.h"
#include "cd-device.h"

G_BEGIN_DECLS

/* Filled by cd-devices.c from the database and by the watcher from a
 * fetch; nothing changes them once handed out.
 */
struct _CdDevice
{
  GObject     parent_instance;

  gint64      id;
  char       *host;
  guint16     port;
  CdStarttls  starttls;
  char       *server_name;
  char       *profile_id;
  char       *note;
  gint64      added;
};

struct _CdDeviceCheck
{
  GObject         parent_instance;

  CdDevice       *device;
  gint64          checked_at;
  char           *error;
  char           *leaf_sha256;
  char           *subject;
  gint64          not_after;
  char           *chain_status;     /* cd_chain_status_to_id () */
  char           *profile_status;   /* cd_check_status_to_id (), NULL without a profile */
  char           *tls_version;
  char           *cipher;
  char          **accepted_cas;
  gboolean        client_cert_requested;
  char           *verify_error;
  GPtrArray      *chain;            /* GBytes DER, leaf first */
  CdDeviceEvents  events;
};

CdDevice       *_cd_device_new               (void);
CdDeviceCheck  *_cd_device_check_new         (CdDevice      *device);
/* Fills the certificate fields of @check from what a server presented. */
void            _cd_device_check_set_result  (CdDeviceCheck *check,
                                              CdTlsResult   *result,
                                              CdChain       *chain);

/* Helpers for the CLI and the GUI. */
CdCertificate  *_cd_device_describe_der      (GBytes        *der);
GBytes         *_cd_device_chain_to_pem      (GPtrArray     *ders);
CdChain        *_cd_device_build_chain       (CdDatabase    *database,
                                              GPtrArray     *ders,
                                              GError       **error);
/* The chain as stored in one blob: the DER certificates end to end. */
GBytes         *_cd_device_chain_join        (GPtrArray     *ders);
GPtrArray      *_cd_device_chain_split       (const guint8  *data,
                                              gsize          length);

G_END_DECLS
