/* cd-chain-private.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cd-chain.h"

G_BEGIN_DECLS

/* Made by cd_chain_build() only; an element never changes afterwards. */
CdChainElement *_cd_chain_element_new    (GBytes        *der,
                                          const char    *sha256,
                                          const char    *subject_cn,
                                          CdChainStatus  status,
                                          gboolean       inherited,
                                          const char    *detail,
                                          gboolean       in_stores,
                                          gboolean       from_system);
CdChain        *_cd_chain_build_presented (CdDatabase  *database,
                                           GPtrArray   *presented,
                                           gboolean     system_anchors,
                                           gint64       now,
                                           GError     **error);
CdChainStatus   _cd_chain_status_worst   (CdChainStatus  a,
                                          CdChainStatus  b);

G_END_DECLS
