/* cd-request-builder.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cd-key-generator.h"
#include "cd-types.h"

G_BEGIN_DECLS

typedef enum
{
  CD_REQUEST_PURPOSE_SERVER,
  CD_REQUEST_PURPOSE_CLIENT,
  CD_REQUEST_PURPOSE_SERVER_CLIENT,
} CdRequestPurpose;

/* The subject's fields, in the order the request carries them. */
typedef enum
{
  CD_SUBJECT_FIELD_COUNTRY,
  CD_SUBJECT_FIELD_STATE,
  CD_SUBJECT_FIELD_LOCALITY,
  CD_SUBJECT_FIELD_ORGANIZATION,
  CD_SUBJECT_FIELD_ORGANIZATIONAL_UNIT,
  CD_SUBJECT_FIELD_COMMON_NAME,
  CD_SUBJECT_FIELD_EMAIL,
} CdSubjectField;

#define CD_N_SUBJECT_FIELDS 7

typedef enum
{
  CD_SAN_TYPE_DNS,
  CD_SAN_TYPE_IP,
  CD_SAN_TYPE_EMAIL,
  CD_SAN_TYPE_URI,
} CdSanType;

typedef enum
{
  CD_DIGEST_SHA256,
  CD_DIGEST_SHA384,
  CD_DIGEST_SHA512,
  CD_DIGEST_SHA1,     /* legacy: needs cd_request_builder_set_allow_legacy_digest() */
} CdDigest;

/* How subject values are encoded. CAs compare names byte for byte, so
 * some insist on one or the other.
 */
typedef enum
{
  CD_STRING_TYPE_PRINTABLE_WHERE_POSSIBLE,
  CD_STRING_TYPE_UTF8,
} CdStringType;

typedef enum /*< flags >*/
{
  CD_KEY_USAGE_NONE              = 0,
  CD_KEY_USAGE_DIGITAL_SIGNATURE = 1 << 0,
  CD_KEY_USAGE_NON_REPUDIATION   = 1 << 1,
  CD_KEY_USAGE_KEY_ENCIPHERMENT  = 1 << 2,
  CD_KEY_USAGE_DATA_ENCIPHERMENT = 1 << 3,
  CD_KEY_USAGE_KEY_AGREEMENT     = 1 << 4,
} CdKeyUsage;

typedef enum /*< flags >*/
{
  CD_EXTENDED_KEY_USAGE_NONE             = 0,
  CD_EXTENDED_KEY_USAGE_SERVER_AUTH      = 1 << 0,
  CD_EXTENDED_KEY_USAGE_CLIENT_AUTH      = 1 << 1,
  CD_EXTENDED_KEY_USAGE_CODE_SIGNING     = 1 << 2,
  CD_EXTENDED_KEY_USAGE_EMAIL_PROTECTION = 1 << 3,
} CdExtendedKeyUsage;

#define CD_TYPE_REQUEST_BUILDER (cd_request_builder_get_type ())

G_DECLARE_FINAL_TYPE (CdRequestBuilder, cd_request_builder, CD, REQUEST_BUILDER, GObject)

/* Checks of one value, usable while the user types. */
gboolean            cd_request_validate_subject_field         (CdSubjectField       field,
                                                               const char          *text,
                                                               char               **normalized,
                                                               GError             **error);
gboolean            cd_request_validate_san_entry             (CdSanType            type,
                                                               const char          *text,
                                                               char               **normalized,
                                                               GError             **error);
gboolean            cd_request_string_fits_printable          (const char          *text);
CdKeyUsage          cd_request_default_key_usage              (CdRequestPurpose     purpose,
                                                               CdKeyType            key_type);
CdExtendedKeyUsage  cd_request_default_extended_key_usage     (CdRequestPurpose     purpose);
const char         *cd_san_type_to_prefix                     (CdSanType            type);
gboolean            cd_san_type_from_prefix                   (const char          *prefix,
                                                               CdSanType           *type);

/* Requests made here or imported from elsewhere, as DER or PEM. */
gboolean            cd_request_verify_signature               (GBytes              *request,
                                                               GError             **error);
char               *cd_request_dump_text                      (GBytes              *request,
                                                               GError             **error);

CdRequestBuilder   *cd_request_builder_new                    (void);
CdRequestBuilder   *cd_request_builder_new_from_certificate   (GBytes              *der,
                                                               GError             **error);

void                cd_request_builder_set_purpose            (CdRequestBuilder    *self,
                                                               CdRequestPurpose     purpose);
CdRequestPurpose    cd_request_builder_get_purpose            (CdRequestBuilder    *self);
void                cd_request_builder_set_subject_field      (CdRequestBuilder    *self,
                                                               CdSubjectField       field,
                                                               const char          *value);
const char         *cd_request_builder_get_subject_field      (CdRequestBuilder    *self,
                                                               CdSubjectField       field);
void                cd_request_builder_set_string_type        (CdRequestBuilder    *self,
                                                               CdStringType         string_type);
CdStringType        cd_request_builder_get_string_type        (CdRequestBuilder    *self);

gboolean            cd_request_builder_add_san                (CdRequestBuilder    *self,
                                                               CdSanType            type,
                                                               const char          *text,
                                                               GError             **error);
void                cd_request_builder_remove_san             (CdRequestBuilder    *self,
                                                               guint                position);
void                cd_request_builder_move_san               (CdRequestBuilder    *self,
                                                               guint                from,
                                                               guint                to);
void                cd_request_builder_clear_sans             (CdRequestBuilder    *self);
guint               cd_request_builder_get_n_sans             (CdRequestBuilder    *self);
const char         *cd_request_builder_get_san                (CdRequestBuilder    *self,
                                                               guint                position,
                                                               CdSanType           *type);
void                cd_request_builder_set_cn_as_dns          (CdRequestBuilder    *self,
                                                               gboolean             cn_as_dns);
gboolean            cd_request_builder_get_cn_as_dns          (CdRequestBuilder    *self);
char              **cd_request_builder_dup_san_strings        (CdRequestBuilder    *self);
char               *cd_request_builder_dup_subject_string     (CdRequestBuilder    *self);

void                cd_request_builder_set_key_type           (CdRequestBuilder    *self,
                                                               CdKeyType            key_type);
CdKeyType           cd_request_builder_get_key_type           (CdRequestBuilder    *self);
void                cd_request_builder_set_existing_key_id    (CdRequestBuilder    *self,
                                                               const char          *key_id);
const char         *cd_request_builder_get_existing_key_id    (CdRequestBuilder    *self);
void                cd_request_builder_set_allow_legacy_key   (CdRequestBuilder    *self,
                                                               gboolean             allow);
gboolean            cd_request_builder_get_allow_legacy_key   (CdRequestBuilder    *self);
void                cd_request_builder_set_digest             (CdRequestBuilder    *self,
                                                               CdDigest             digest);
CdDigest            cd_request_builder_get_digest             (CdRequestBuilder    *self);
void                cd_request_builder_set_allow_legacy_digest (CdRequestBuilder   *self,
                                                               gboolean             allow);
gboolean            cd_request_builder_get_allow_legacy_digest (CdRequestBuilder   *self);
void                cd_request_builder_set_key_usage          (CdRequestBuilder    *self,
                                                               CdKeyUsage           usage);
CdKeyUsage          cd_request_builder_get_key_usage          (CdRequestBuilder    *self);
void                cd_request_builder_set_extended_key_usage (CdRequestBuilder    *self,
                                                               CdExtendedKeyUsage   usage);
CdExtendedKeyUsage  cd_request_builder_get_extended_key_usage (CdRequestBuilder    *self);

GPtrArray          *cd_request_builder_validate               (CdRequestBuilder    *self);
char               *cd_request_builder_build                  (CdRequestBuilder    *self,
                                                               CdDatabase          *database,
                                                               CdKeyring           *keyring,
                                                               CdCertificate      **out_row,
                                                               GCancellable        *cancellable,
                                                               GError             **error);
void                cd_request_builder_build_async            (CdRequestBuilder    *self,
                                                               CdDatabase          *database,
                                                               CdKeyring           *keyring,
                                                               GCancellable        *cancellable,
                                                               GAsyncReadyCallback  callback,
                                                               gpointer             user_data);
char               *cd_request_builder_build_finish           (CdRequestBuilder    *self,
                                                               GAsyncResult        *result,
                                                               CdCertificate      **out_row,
                                                               GError             **error);

G_END_DECLS
