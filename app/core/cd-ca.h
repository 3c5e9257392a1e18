/* cd-ca.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cd-key-generator.h"
#include "cd-request-builder.h"
#include "cd-types.h"

G_BEGIN_DECLS

/* The private CA: authorities made and kept in Certdesk (the key in the
 * keyring, the certificate in the stores), requests signed with them,
 * and their revocation lists. A CA is named by the SHA-256 fingerprint
 * of its certificate.
 */

/* Why a certificate ends earlier than asked. */
typedef enum
{
  CD_CA_LIMIT_NONE,
  CD_CA_LIMIT_ISSUER,      /* the issuing CA expires first */
  CD_CA_LIMIT_2038,        /* capped before 2038-01-19 for 32-bit devices */
} CdCaLimit;

/* RFC 5280 5.3.1 reason codes; the numeric values are the codes. */
typedef enum
{
  CD_REVOCATION_REASON_UNSPECIFIED = 0,
  CD_REVOCATION_REASON_KEY_COMPROMISE = 1,
  CD_REVOCATION_REASON_CA_COMPROMISE = 2,
  CD_REVOCATION_REASON_AFFILIATION_CHANGED = 3,
  CD_REVOCATION_REASON_SUPERSEDED = 4,
  CD_REVOCATION_REASON_CESSATION_OF_OPERATION = 5,
} CdRevocationReason;

/* The last second before 2038-01-19 00:00 UTC: a device that keeps
 * time in a signed 32-bit number overflows on that day.
 */
#define CD_CA_BEFORE_2038 G_GINT64_CONSTANT (2147471999)

#define CD_CA_DEFAULT_CA_DAYS   3650
#define CD_CA_DEFAULT_LEAF_DAYS 730
#define CD_CA_DEFAULT_CRL_DAYS  30

typedef struct _CdCaCreateOptions CdCaCreateOptions;
typedef struct _CdCaSignOptions   CdCaSignOptions;
typedef struct _CdCaResult        CdCaResult;
typedef struct _CdProfile         CdProfile;

#define CD_TYPE_CA_CREATE_OPTIONS (cd_ca_create_options_get_type ())
#define CD_TYPE_CA_SIGN_OPTIONS   (cd_ca_sign_options_get_type ())
#define CD_TYPE_CA_RESULT         (cd_ca_result_get_type ())

GType               cd_ca_create_options_get_type            (void) G_GNUC_CONST;
CdCaCreateOptions  *cd_ca_create_options_new                 (void);
CdCaCreateOptions  *cd_ca_create_options_ref                 (CdCaCreateOptions   *self);
void                cd_ca_create_options_unref               (CdCaCreateOptions   *self);
void                cd_ca_create_options_set_subject_field   (CdCaCreateOptions   *self,
                                                              CdSubjectField       field,
                                                              const char          *value);
const char         *cd_ca_create_options_get_subject_field   (CdCaCreateOptions   *self,
                                                              CdSubjectField       field);
void                cd_ca_create_options_set_key_type        (CdCaCreateOptions   *self,
                                                              CdKeyType            key_type);
void                cd_ca_create_options_set_digest          (CdCaCreateOptions   *self,
                                                              CdDigest             digest);
void                cd_ca_create_options_set_validity_days   (CdCaCreateOptions   *self,
                                                              guint                days);
void                cd_ca_create_options_set_before_2038     (CdCaCreateOptions   *self,
                                                              gboolean             before_2038);
void                cd_ca_create_options_set_path_length     (CdCaCreateOptions   *self,
                                                              int                  path_length);
void                cd_ca_create_options_set_issuer          (CdCaCreateOptions   *self,
                                                              const char          *ca_sha256);
gboolean            cd_ca_create_options_add_permitted_dns   (CdCaCreateOptions   *self,
                                                              const char          *name,
                                                              GError             **error);

GType               cd_ca_sign_options_get_type              (void) G_GNUC_CONST;
CdCaSignOptions    *cd_ca_sign_options_new                   (void);
CdCaSignOptions    *cd_ca_sign_options_ref                   (CdCaSignOptions     *self);
void                cd_ca_sign_options_unref                 (CdCaSignOptions     *self);
void                cd_ca_sign_options_set_validity_days     (CdCaSignOptions     *self,
                                                              guint                days);
void                cd_ca_sign_options_set_before_2038       (CdCaSignOptions     *self,
                                                              gboolean             before_2038);
void                cd_ca_sign_options_set_purpose           (CdCaSignOptions     *self,
                                                              CdRequestPurpose     purpose);
void                cd_ca_sign_options_set_key_usage         (CdCaSignOptions     *self,
                                                              CdKeyUsage           usage);
void                cd_ca_sign_options_set_extended_key_usage (CdCaSignOptions    *self,
                                                              CdExtendedKeyUsage   usage);
void                cd_ca_sign_options_set_match_fields      (CdCaSignOptions     *self,
                                                              const CdSubjectField *fields,
                                                              guint                n_fields);
gboolean            cd_ca_sign_options_set_sans              (CdCaSignOptions     *self,
                                                              const char * const  *sans,
                                                              GError             **error);
void                cd_ca_sign_options_set_digest            (CdCaSignOptions     *self,
                                                              CdDigest             digest);
void                cd_ca_sign_options_set_allow_legacy_digest (CdCaSignOptions   *self,
                                                              gboolean             allow);
void                cd_ca_sign_options_apply_profile         (CdCaSignOptions     *self,
                                                              CdProfile           *profile);

GType               cd_ca_result_get_type                    (void) G_GNUC_CONST;
CdCaResult         *cd_ca_result_ref                         (CdCaResult          *self);
void                cd_ca_result_unref                       (CdCaResult          *self);
CdCertificate      *cd_ca_result_get_certificate             (CdCaResult          *self);
GBytes             *cd_ca_result_get_der                     (CdCaResult          *self);
char               *cd_ca_result_dup_pem                     (CdCaResult          *self);
CdCaLimit           cd_ca_result_get_limit                   (CdCaResult          *self);
gint64              cd_ca_result_get_not_after               (CdCaResult          *self);

const char         *cd_revocation_reason_to_id               (CdRevocationReason   reason);
gboolean            cd_revocation_reason_from_id             (const char          *id,
                                                              CdRevocationReason  *reason);
const char         *cd_revocation_reason_get_label           (CdRevocationReason   reason);

/* Creating an authority (cd-ca-create.c). */
CdCaResult         *cd_ca_create                             (CdDatabase          *database,
                                                              CdKeyring           *keyring,
                                                              CdCaCreateOptions   *options,
                                                              GCancellable        *cancellable,
                                                              GError             **error);
void                cd_ca_create_async                       (CdDatabase          *database,
                                                              CdKeyring           *keyring,
                                                              CdCaCreateOptions   *options,
                                                              GCancellable        *cancellable,
                                                              GAsyncReadyCallback  callback,
                                                              gpointer             user_data);
CdCaResult         *cd_ca_create_finish                      (GAsyncResult        *result,
                                                              GError             **error);
GPtrArray          *cd_ca_list_authorities                   (CdDatabase          *database,
                                                              GError             **error);

/* Signing (cd-ca-sign.c). */
char              **cd_ca_request_dup_sans                   (GBytes              *request,
                                                              GError             **error);
GBytes             *cd_ca_request_to_der                     (GBytes              *request,
                                                              GError             **error);
CdCaResult         *cd_ca_sign_request                       (CdDatabase          *database,
                                                              CdKeyring           *keyring,
                                                              const char          *ca_sha256,
                                                              GBytes              *request,
                                                              CdCaSignOptions     *options,
                                                              GCancellable        *cancellable,
                                                              GError             **error);
void                cd_ca_sign_request_async                 (CdDatabase          *database,
                                                              CdKeyring           *keyring,
                                                              const char          *ca_sha256,
                                                              GBytes              *request,
                                                              CdCaSignOptions     *options,
                                                              GCancellable        *cancellable,
                                                              GAsyncReadyCallback  callback,
                                                              gpointer             user_data);
CdCaResult         *cd_ca_sign_request_finish                (GAsyncResult        *result,
                                                              GError             **error);
CdCaResult         *cd_ca_issue_with_key                     (CdDatabase          *database,
                                                              CdKeyring           *keyring,
                                                              const char          *ca_sha256,
                                                              CdRequestBuilder    *builder,
                                                              CdCaSignOptions     *options,
                                                              GCancellable        *cancellable,
                                                              GError             **error);

/* Revocation (cd-ca-crl.c). */
gboolean            cd_ca_revoke                             (CdDatabase          *database,
                                                              const char          *ca_sha256,
                                                              const char          *sha256,
                                                              CdRevocationReason   reason,
                                                              gint64               revoked_at,
                                                              GError             **error);
gboolean            cd_ca_get_revocation                     (CdDatabase          *database,
                                                              const char          *sha256,
                                                              gboolean            *out_revoked,
                                                              CdRevocationReason  *out_reason,
                                                              gint64              *out_revoked_at,
                                                              GError             **error);
char               *cd_ca_dup_issuing_ca                     (CdDatabase          *database,
                                                              const char          *sha256,
                                                              GError             **error);
GBytes             *cd_ca_make_crl                           (CdDatabase          *database,
                                                              CdKeyring           *keyring,
                                                              const char          *ca_sha256,
                                                              guint                next_update_days,
                                                              gboolean             pem,
                                                              guint64             *out_crl_number,
                                                              GCancellable        *cancellable,
                                                              GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdCaCreateOptions, cd_ca_create_options_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdCaSignOptions, cd_ca_sign_options_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdCaResult, cd_ca_result_unref)

G_END_DECLS
