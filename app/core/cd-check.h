/* cd-check.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cd-chain.h"
#include "cd-exporter.h"
#include "cd-profile.h"
#include "cd-request-builder.h"
#include "cd-types.h"

G_BEGIN_DECLS

/* Checking a certificate, a request (or a request still being made in
 * the wizard), its chain and an export choice against a profile's
 * rules. Every rule gives one CdCheckResult.
 */

typedef enum
{
  CD_CHECK_STATUS_PASS,
  CD_CHECK_STATUS_WARNING,          /* a rule of warning severity failed */
  CD_CHECK_STATUS_FAIL,             /* a rule of error severity failed */
  CD_CHECK_STATUS_NOT_APPLICABLE,   /* the rule does not look at what was given */
} CdCheckStatus;

#define CD_TYPE_CHECK_INPUT  (cd_check_input_get_type ())
#define CD_TYPE_CHECK_RESULT (cd_check_result_get_type ())

typedef struct _CdCheckInput CdCheckInput;

G_DECLARE_FINAL_TYPE (CdCheckResult, cd_check_result, CD, CHECK_RESULT, GObject)

const char      *cd_check_status_to_id             (CdCheckStatus      status);   /* "pass", "warning", "fail", "not-applicable" */
const char      *cd_check_status_get_label         (CdCheckStatus      status);   /* translated */

/* What is checked. Give at least a certificate, a request or a builder;
 * the rest is optional and rules that need a missing part are "not
 * applicable" (except chain-complete: a certificate without a chain
 * fails it).
 */
GType            cd_check_input_get_type           (void) G_GNUC_CONST;
CdCheckInput    *cd_check_input_new                (void);
CdCheckInput    *cd_check_input_ref                (CdCheckInput      *self);
void             cd_check_input_unref              (CdCheckInput      *self);
void             cd_check_input_set_certificate    (CdCheckInput      *self,
                                                    GBytes            *der);
void             cd_check_input_set_request        (CdCheckInput      *self,
                                                    GBytes            *der);
void             cd_check_input_set_builder        (CdCheckInput      *self,
                                                    CdRequestBuilder  *builder);
/* The issuer's certificate, for the subject-matches-issuer rule; when
 * a chain is set, its second element is used if this is not set.
 */
void             cd_check_input_set_issuer         (CdCheckInput      *self,
                                                    GBytes            *der);
/* DER certificates, leaf first, as found by cd_chain_build() or
 * presented by a server; @trusted says the last one is a trusted root.
 */
void             cd_check_input_set_chain          (CdCheckInput      *self,
                                                    GPtrArray         *ders,
                                                    gboolean           trusted);
void             cd_check_input_set_export_options (CdCheckInput      *self,
                                                    CdExportOptions   *options);
/* For the "same-issuer-as" rule: the certificate the device already has. */
void             cd_check_input_set_peer           (CdCheckInput      *self,
                                                    GBytes            *der);
/* Seconds since the epoch; defaults to the time of the check. */
void             cd_check_input_set_now            (CdCheckInput      *self,
                                                    gint64             now);
/* The expiry warning window, in days; defaults to the profile's, else 60. */
void             cd_check_input_set_warning_days   (CdCheckInput      *self,
                                                    guint              days);
/* A named parameter a rule refers to, e.g. "fqdn". */
void             cd_check_input_set_parameter      (CdCheckInput      *self,
                                                    const char        *name,
                                                    const char        *value);

/* The same from a chain already built. */
void             cd_check_input_set_chain_from     (CdCheckInput      *self,
                                                    CdChain           *chain);

/* Fills the chain and issuer of @input from the stores, as
 * cd_chain_build() finds them, for a certificate given by DER.
 */
gboolean         cd_check_input_fill_from_database (CdCheckInput      *self,
                                                    CdDatabase        *database,
                                                    GError           **error);

/* Runs every rule of @profile; a GListModel of CdCheckResult in the
 * profile's rule order. Never fails: a rule that cannot be evaluated
 * is "not applicable" with a message saying why.
 */
GListModel      *cd_profile_check                  (CdProfile         *profile,
                                                    CdCheckInput      *input);
/* The worst status in @results, ignoring "not applicable". */
CdCheckStatus    cd_check_results_get_worst        (GListModel        *results);

const char      *cd_check_result_get_rule_id       (CdCheckResult     *self);
const char      *cd_check_result_get_title         (CdCheckResult     *self);   /* translated: what the rule asks */
CdCheckStatus    cd_check_result_get_status        (CdCheckResult     *self);
const char      *cd_check_result_get_message       (CdCheckResult     *self);   /* translated: what was found */
const char      *cd_check_result_get_hint          (CdCheckResult     *self);   /* translated: how to fix it, may be NULL */
const char      *cd_check_result_get_source        (CdCheckResult     *self);   /* e.g. "§3.1.5" of the profile's document */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdCheckInput, cd_check_input_unref)

G_END_DECLS
