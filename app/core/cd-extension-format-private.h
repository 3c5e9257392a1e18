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

/* cd-extension-format-decoders.c */
CdDetail *_cd_format_extension    (X509_EXTENSION        *ext);

/* cd-extension-format.c, for cd-extension-format-decoders.c */
void      _cd_format_append_labelled      (GString             *out,
                                           const char          *indent,
                                           const char          *label,
                                           const char          *value);
void      _cd_format_append_line          (GString             *out,
                                           const char          *indent,
                                           const char          *line);
char     *_cd_format_hex_with             (const guchar        *data,
                                           gsize                len,
                                           const char          *digits,
                                           char                 separator,
                                           guint                per_line);
char     *_cd_format_name_one_line        (const X509_NAME     *name);
char     *_cd_format_string_to_utf8       (const ASN1_STRING   *string);
char     *_cd_format_ia5_to_utf8          (const ASN1_STRING   *string);
void      _cd_format_append_general_name  (GString             *out,
                                           const char          *indent,
                                           const GENERAL_NAME  *name);
void      _cd_format_append_general_names (GString             *out,
                                           const char          *indent,
                                           const GENERAL_NAMES *names);

G_END_DECLS
