/* cd-request-builder-private.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the files of CdRequestBuilder share: the instance struct, the
 * SAN list's entries and the functions one file calls in another.
 * cd-request-builder.c has the object, its fields and the SAN list,
 * cd-request-sign.c assembles, signs and stores the request and
 * cd-request-renew.c pre-fills a builder from a certificate. The CA
 * code signs certificates with the same digests.
 */

#pragma once

#include <openssl/evp.h>
#include <openssl/x509v3.h>

#include "cd-request-builder.h"

G_BEGIN_DECLS

typedef struct
{
  CdSanType  type;
  char      *value;   /* normalized */
} SanEntry;

struct _CdRequestBuilder
{
  GObject             parent_instance;

  char               *subject[CD_N_SUBJECT_FIELDS];
  GPtrArray          *sans;            /* of SanEntry, in order */
  char               *existing_key_id;

  CdRequestPurpose    purpose;
  CdStringType        string_type;
  CdKeyType           key_type;
  CdDigest            digest;
  CdKeyUsage          key_usage;
  CdExtendedKeyUsage  extended_key_usage;

  guint               cn_as_dns : 1;
  guint               allow_legacy_key : 1;
  guint               allow_legacy_digest : 1;
};

/* Indexed by CdSubjectField. */
extern const int _cd_request_subject_nids[CD_N_SUBJECT_FIELDS];

char               *_cd_request_builder_dup_cn_as_dns (CdRequestBuilder   *self);
const EVP_MD       *_cd_request_signing_md           (EVP_PKEY           *key,
                                                      CdDigest            digest);
ASN1_BIT_STRING    *_cd_request_key_usage_bits       (CdKeyUsage          usage);
EXTENDED_KEY_USAGE *_cd_request_extended_key_usage   (CdExtendedKeyUsage  usage);

G_END_DECLS
