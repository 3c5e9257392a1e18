/* cd-chain.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cd-types.h"

G_BEGIN_DECLS

/* The status of a certificate in its chain. The order implies nothing;
 * when several apply, cd-chain-element.c ranks them. A problem above a
 * certificate (an expired issuer, an untrusted root…) is its problem
 * too: each element carries the worst status of itself and everything
 * above it, and says whether that status is inherited. A chain's status
 * is that of its leaf.
 */
typedef enum
{
  CD_CHAIN_STATUS_VALID,
  CD_CHAIN_STATUS_EXPIRED,
  CD_CHAIN_STATUS_NOT_YET_VALID,
  CD_CHAIN_STATUS_ISSUER_UNKNOWN,    /* no issuer in any store: the chain stops here */
  CD_CHAIN_STATUS_UNTRUSTED_ROOT,    /* self-signed, but not in Trusted Root */
  CD_CHAIN_STATUS_DISTRUSTED,        /* in Untrusted Certificates, or signed by one that is */
  CD_CHAIN_STATUS_BAD_SIGNATURE,
  CD_CHAIN_STATUS_NAME_CONSTRAINTS,  /* outside what an authority above may issue for */
  CD_CHAIN_STATUS_INVALID,           /* anything else OpenSSL rejects (path length, usage, …) */
  CD_CHAIN_STATUS_REVOKED,           /* revoked by one of our own CAs (cd_ca_revoke()) */
} CdChainStatus;

#define CD_TYPE_CHAIN         (cd_chain_get_type ())
#define CD_TYPE_CHAIN_ELEMENT (cd_chain_element_get_type ())

G_DECLARE_FINAL_TYPE (CdChain, cd_chain, CD, CHAIN, GObject)
G_DECLARE_FINAL_TYPE (CdChainElement, cd_chain_element, CD, CHAIN_ELEMENT, GObject)

const char    *cd_chain_status_to_id              (CdChainStatus   status);
const char    *cd_chain_status_get_label          (CdChainStatus   status);

CdChain       *cd_chain_build                     (CdDatabase     *database,
                                                   GBytes         *der,
                                                   gboolean        system_anchors,
                                                   gint64          now,
                                                   GError        **error);
CdChainStatus  cd_chain_get_status                (CdChain        *self);
const char    *cd_chain_get_status_label          (CdChain        *self);
GListModel    *cd_chain_get_elements              (CdChain        *self);

CdChainStatus  cd_chain_element_get_status        (CdChainElement *self);
const char    *cd_chain_element_get_status_label  (CdChainElement *self);
gboolean       cd_chain_element_get_inherited     (CdChainElement *self);
const char    *cd_chain_element_get_detail        (CdChainElement *self);
const char    *cd_chain_element_get_subject_cn    (CdChainElement *self);
const char    *cd_chain_element_get_sha256        (CdChainElement *self);
GBytes        *cd_chain_element_get_der           (CdChainElement *self);
gboolean       cd_chain_element_get_in_stores     (CdChainElement *self);
gboolean       cd_chain_element_get_from_system   (CdChainElement *self);

G_END_DECLS
