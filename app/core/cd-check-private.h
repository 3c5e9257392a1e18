/* cd-check-private.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the rule families share (cd-check-key.c, cd-check-names.c,
 * cd-check-validity.c, cd-check-chain.c): the parsed input of one
 * check, and accessors that read the same thing from a certificate, a
 * request or a request builder, so that most rules need not care which
 * of the three they look at.
 */

#pragma once

#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "cd-profile-private.h"

G_BEGIN_DECLS

/* What is checked; the first given of certificate, request, builder. */
typedef enum
{
  CD_CHECK_SUBJECT_CERTIFICATE,
  CD_CHECK_SUBJECT_REQUEST,
  CD_CHECK_SUBJECT_BUILDER,
} CdCheckSubject;

struct _CdCheckContext
{
  CdCheckSubject            subject;
  X509                     *cert;
  X509_REQ                 *request;
  STACK_OF(X509_EXTENSION) *request_extensions;
  CdRequestBuilder         *builder;
  X509                     *issuer;
  X509                     *peer;
  GPtrArray                *chain;          /* X509 *, leaf first; NULL when none */
  gboolean                  trusted;
  CdExportOptions          *export_options;
  gint64                    now;
  guint                     warning_days;
  GHashTable               *parameters;
};

typedef struct
{
  int   type;        /* a CdSanType, or -1 for a kind of name we do not list */
  char *value;       /* UTF-8, for messages */
} CdCheckSan;

/* The engine's accessors (cd-check.c). */
char       *_cd_check_dup_field         (CdCheckContext  *context,
                                         int              nid,
                                         int             *asn1_type);
GPtrArray  *_cd_check_dup_sans          (CdCheckContext  *context,
                                         gboolean        *present);
void       *_cd_check_get_ext_d2i       (CdCheckContext  *context,
                                         int              nid,
                                         int             *critical);
int         _cd_check_n_extensions      (CdCheckContext  *context);
X509_EXTENSION *_cd_check_get_extension (CdCheckContext  *context,
                                         int              i);
EVP_PKEY   *_cd_check_get_public_key    (CdCheckContext  *context);
char       *_cd_check_format_date       (gint64           unix_time);
gboolean    _cd_check_time_to_unix      (const ASN1_TIME *time,
                                         gint64          *out);
const char *_cd_check_string_type_name  (int              asn1_type);
const char *_cd_check_subject_label     (CdCheckContext  *context);
char       *_cd_rule_get_string         (const CdProfileRule *rule,
                                         const char      *key);
gboolean    _cd_rule_has_key            (const CdProfileRule *rule,
                                         const char      *key);
gint64      _cd_rule_get_int            (const CdProfileRule *rule,
                                         const char      *key,
                                         gint64           fallback);
gboolean    _cd_rule_get_bool           (const CdProfileRule *rule,
                                         const char      *key,
                                         gboolean         fallback);
char      **_cd_rule_get_list           (const CdProfileRule *rule,
                                         const char      *key);

/* The rule kinds, by family. */
CdRuleOutcome _cd_check_key_algorithm       (const CdProfileRule *, CdCheckContext *, char **, char **);
CdRuleOutcome _cd_check_signature_digest    (const CdProfileRule *, CdCheckContext *, char **, char **);
CdRuleOutcome _cd_check_key_usage           (const CdProfileRule *, CdCheckContext *, char **, char **);
CdRuleOutcome _cd_check_extended_key_usage  (const CdProfileRule *, CdCheckContext *, char **, char **);
CdRuleOutcome _cd_check_basic_constraints   (const CdProfileRule *, CdCheckContext *, char **, char **);
CdRuleOutcome _cd_check_critical_extensions (const CdProfileRule *, CdCheckContext *, char **, char **);
CdRuleOutcome _cd_check_no_unknown_critical (const CdProfileRule *, CdCheckContext *, char **, char **);

CdRuleOutcome _cd_check_cn_present          (const CdProfileRule *, CdCheckContext *, char **, char **);
CdRuleOutcome _cd_check_cn_matches          (const CdProfileRule *, CdCheckContext *, char **, char **);
CdRuleOutcome _cd_check_cn_max_length       (const CdProfileRule *, CdCheckContext *, char **, char **);
CdRuleOutcome _cd_check_fields_present      (const CdProfileRule *, CdCheckContext *, char **, char **);
CdRuleOutcome _cd_check_fields_absent       (const CdProfileRule *, CdCheckContext *, char **, char **);
CdRuleOutcome _cd_check_san_present         (const CdProfileRule *, CdCheckContext *, char **, char **);
CdRuleOutcome _cd_check_san_max_count       (const CdProfileRule *, CdCheckContext *, char **, char **);
CdRuleOutcome _cd_check_san_allowed_types   (const CdProfileRule *, CdCheckContext *, char **, char **);
CdRuleOutcome _cd_check_san_first_dns_is_cn (const CdProfileRule *, CdCheckContext *, char **, char **);
CdRuleOutcome _cd_check_no_wildcard         (const CdProfileRule *, CdCheckContext *, char **, char **);
CdRuleOutcome _cd_check_subject_matches_issuer (const CdProfileRule *, CdCheckContext *, char **, char **);

CdRuleOutcome _cd_check_max_validity        (const CdProfileRule *, CdCheckContext *, char **, char **);
CdRuleOutcome _cd_check_min_validity        (const CdProfileRule *, CdCheckContext *, char **, char **);
CdRuleOutcome _cd_check_before_2038         (const CdProfileRule *, CdCheckContext *, char **, char **);
CdRuleOutcome _cd_check_expiry_window       (const CdProfileRule *, CdCheckContext *, char **, char **);
CdRuleOutcome _cd_check_not_vendor_default  (const CdProfileRule *, CdCheckContext *, char **, char **);

CdRuleOutcome _cd_check_chain_complete      (const CdProfileRule *, CdCheckContext *, char **, char **);
CdRuleOutcome _cd_check_same_issuer_as      (const CdProfileRule *, CdCheckContext *, char **, char **);
CdRuleOutcome _cd_check_export_format       (const CdProfileRule *, CdCheckContext *, char **, char **);

/* "Not applicable" with a reason, for the rule functions. */
CdRuleOutcome _cd_check_not_applicable      (char           **message,
                                             const char      *reason);

G_END_DECLS
