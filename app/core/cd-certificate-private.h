/* cd-certificate-private.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cd-certificate.h"

G_BEGIN_DECLS

/* The fields are filled by the database (from its columns) or by the
 * importer (from a parsed certificate); nothing else writes them.
 */
struct _CdCertificate
{
  GObject      parent_instance;

  char        *sha256;        /* hex, lower case, of the DER */
  char        *key_id;        /* hex SHA-256 of the SubjectPublicKeyInfo DER */
  char        *subject;       /* one-line RFC 2253 form */
  char        *subject_cn;
  char        *issuer;
  char        *issuer_cn;
  char        *serial;        /* hex, upper case, as certmgr shows it */
  char        *purposes;      /* comma-separated EKU short names; "" = any */
  char        *purposes_label;/* translated, built on first use */
  char        *friendly_name;
  char        *description;   /* the user's note, per store entry */
  char        *search_text;   /* case-folded; see _cd_certificate_build_search_text() */
  char       **san;           /* "DNS:…", "IP:…", "email:…", "URI:…" */
  const char  *san_text;      /* newline-separated; split into san on first use */

  /* Rows read from the database keep all their text in this one block,
   * the fields above pointing into it: one allocation instead of a dozen
   * per row shows when a store has 100,000 of them.
   */
  char        *strings;
  gint64       not_before;    /* Unix time; 0 for a request */
  gint64       not_after;
  CdStoreKind  store;
  guint        has_private_key : 1;
  guint        is_request : 1;
  guint        is_ca : 1;
  guint        is_self_signed : 1;
};

CdCertificate *_cd_certificate_new               (void);
char          *_cd_certificate_build_search_text (CdCertificate *self);

G_END_DECLS
