/* cd-ca-private.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the files of the private CA share: the option structs, the
 * result, and the steps every issuing takes (loading the authority and
 * its key, the serial, the validity, the ca_issued record).
 * cd-ca-options.c has the option and result types, cd-ca-common.c the
 * shared steps, cd-ca-create.c, cd-ca-sign.c and cd-ca-crl.c one job
 * each.
 */

#pragma once

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "cd-ca.h"

G_BEGIN_DECLS

struct _CdCaCreateOptions
{
  gatomicrefcount  ref_count;
  char            *subject[CD_N_SUBJECT_FIELDS];
  char            *issuer;          /* sha256; NULL for a root */
  GPtrArray       *permitted_dns;   /* of normalized names */
  CdKeyType        key_type;
  CdDigest         digest;
  guint            days;
  int              path_length;     /* -1: no limit */
  guint            before_2038 : 1;
};

struct _CdCaSignOptions
{
  gatomicrefcount     ref_count;
  char              **sans;         /* "DNS:…" as rows show them; NULL: the request's */
  guint               days;
  guint               match_mask;   /* 1 << CdSubjectField */
  CdRequestPurpose    purpose;
  CdKeyUsage          key_usage;
  CdExtendedKeyUsage  extended_key_usage;
  CdDigest            digest;
  guint               has_key_usage : 1;
  guint               has_extended_key_usage : 1;
  guint               before_2038 : 1;
  guint               allow_legacy_digest : 1;
};

/* What a CA operation does in its worker thread, with a database
 * connection of its own.
 */
typedef CdCaResult *(*CdCaJob) (CdDatabase    *database,
                                CdKeyring     *keyring,
                                gpointer       job_data,
                                GCancellable  *cancellable,
                                GError       **error);

/* An authority ready to sign: its certificate, row and key. */
typedef struct
{
  char          *sha256;
  X509          *cert;
  EVP_PKEY      *key;
  CdCertificate *row;
} CdCaAuthority;

CdCaResult    *_cd_ca_result_new             (CdCertificate   *row,
                                              GBytes          *der,
                                              CdCaLimit        limit,
                                              gint64           not_after);

void           _cd_ca_set_openssl_error      (GError         **error,
                                              const char      *message);
CdCaAuthority *_cd_ca_authority_load         (CdDatabase      *database,
                                              CdKeyring       *keyring,
                                              const char      *sha256,
                                              gint64           now,
                                              GCancellable    *cancellable,
                                              GError         **error);
void           _cd_ca_authority_free         (CdCaAuthority   *authority);
gboolean       _cd_ca_set_serial             (X509            *cert,
                                              char           **out_hex,
                                              GError         **error);
void           _cd_ca_plan_validity          (gint64           now,
                                              guint            days,
                                              gboolean         before_2038,
                                              CdCaAuthority   *issuer,
                                              gint64          *out_not_before,
                                              gint64          *out_not_after,
                                              CdCaLimit       *out_limit);
gboolean       _cd_ca_set_validity           (X509            *cert,
                                              gint64           not_before,
                                              gint64           not_after,
                                              GError         **error);
gboolean       _cd_ca_add_key_identifiers    (X509            *cert,
                                              X509            *issuer,
                                              GError         **error);
gboolean       _cd_ca_sign                   (X509            *cert,
                                              EVP_PKEY        *key,
                                              CdDigest         digest,
                                              GError         **error);
gboolean       _cd_ca_record_issued          (CdDatabase      *database,
                                              const char      *ca_sha256,
                                              const char      *serial_hex,
                                              const char      *sha256,
                                              gint64           issued_at,
                                              GError         **error);
GHashTable    *_cd_ca_dup_revoked            (CdDatabase      *database,
                                              GError         **error);
void           _cd_ca_run_async              (CdDatabase          *database,
                                              CdKeyring           *keyring,
                                              CdCaJob              job,
                                              gpointer             job_data,
                                              GDestroyNotify       job_data_free,
                                              gpointer             source_tag,
                                              const char          *name,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
CdCaResult    *_cd_ca_run_finish             (GAsyncResult    *result,
                                              gpointer         source_tag,
                                              GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdCaAuthority, _cd_ca_authority_free)

G_END_DECLS
