/* cd-extension-format-private.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "cd-detail.h"

G_BEGIN_DECLS

char     *_cd_format_hex_id       (const guchar          *data,
                                   gsize                  len);
char     *_cd_format_hex_dump     (const guchar          *data,
                                   gsize                  len);
char     *_cd_format_oid          (const ASN1_OBJECT     *obj);
char     *_cd_format_oid_name     (const ASN1_OBJECT     *obj);
char     *_cd_format_name         (const X509_NAME       *name);
char     *_cd_format_integer      (const ASN1_INTEGER    *integer);
char     *_cd_format_time         (const ASN1_TIME       *time);
char     *_cd_format_purpose      (const ASN1_OBJECT     *obj,
                                   gboolean               with_oid);
CdDetail *_cd_format_extension    (X509_EXTENSION        *ext);

G_END_DECLS
