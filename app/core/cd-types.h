/* cd-types.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _CdCertificate  CdCertificate;
typedef struct _CdDatabase     CdDatabase;
typedef struct _CdDeletion     CdDeletion;
typedef struct _CdImporter     CdImporter;
typedef struct _CdImportResult CdImportResult;
typedef struct _CdKeyring      CdKeyring;
typedef struct _CdStore        CdStore;

/* The logical stores, in the order certmgr.msc shows them. The
 * numeric values are not stored anywhere: the database keeps the
 * short string ids ("my", "root", …), see cd-store-kind.c.
 */
typedef enum
{
  CD_STORE_KIND_AUTO = -1,
  CD_STORE_KIND_MY = 0,
  CD_STORE_KIND_ROOT,
  CD_STORE_KIND_CA,
  CD_STORE_KIND_TRUSTED_PEOPLE,
  CD_STORE_KIND_ADDRESS_BOOK,
  CD_STORE_KIND_DISALLOWED,
  CD_STORE_KIND_REQUEST,
} CdStoreKind;

#define CD_N_STORE_KINDS 7

/* Reports how much of a long job is done, from 0 to 1. Synchronous calls
 * make it in their own thread; _async() calls on the caller's main context.
 */
typedef void (*CdProgressFunc) (double   fraction,
                                gpointer user_data);

G_END_DECLS
