/* cd-store-kind.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The seven logical stores: their stable ids (kept in the database and
 * used on the command line, the same as Windows' certutil store names)
 * and the names users read, as certmgr.msc gives them.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cd-store-kind.h"

typedef struct
{
  const char *id;
  const char *title;
  const char *description;
  const char *icon_name;
} StoreInfo;

static const StoreInfo store_infos[CD_N_STORE_KINDS] = {
  [CD_STORE_KIND_MY] = {
    "my",
    N_("Personal"),
    N_("Your own certificates, for which you hold the private key"),
    "avatar-default-symbolic",
  },
  [CD_STORE_KIND_ROOT] = {
    "root",
    N_("Trusted Root Certification Authorities"),
    N_("Self-signed authorities whose certificates you trust"),
    "security-high-symbolic",
  },
  [CD_STORE_KIND_CA] = {
    "ca",
    N_("Intermediate Certification Authorities"),
    N_("Authorities that link your certificates to a trusted root"),
    "network-workgroup-symbolic",
  },
  [CD_STORE_KIND_TRUSTED_PEOPLE] = {
    "trustedpeople",
    N_("Trusted People"),
    N_("Certificates of people and devices you trust directly"),
    "emblem-default-symbolic",
  },
  [CD_STORE_KIND_ADDRESS_BOOK] = {
    "addressbook",
    N_("Other People"),
    N_("Certificates of other people and servers"),
    "system-users-symbolic",
  },
  [CD_STORE_KIND_DISALLOWED] = {
    "disallowed",
    N_("Untrusted Certificates"),
    N_("Certificates you have explicitly distrusted"),
    "action-unavailable-symbolic",
  },
  [CD_STORE_KIND_REQUEST] = {
    "request",
    N_("Certificate Enrollment Requests"),
    N_("Requests waiting for a certificate from an authority"),
    "mail-send-symbolic",
  },
};

static gboolean
kind_is_valid (CdStoreKind kind)
{
  return kind >= 0 && kind < CD_N_STORE_KINDS;
}

/**
 * cd_store_kind_to_id:
 * @kind: a store, not %CD_STORE_KIND_AUTO
 *
 * Returns: (transfer none): the short, stable id of @kind, such as "my"
 */
const char *
cd_store_kind_to_id (CdStoreKind kind)
{
  g_return_val_if_fail (kind_is_valid (kind), NULL);

  return store_infos[kind].id;
}

/**
 * cd_store_kind_from_id:
 * @id: a store id such as "root"; case does not matter
 * @kind: (out): where to put the store
 *
 * Returns: %TRUE if @id names a store
 */
gboolean
cd_store_kind_from_id (const char  *id,
                       CdStoreKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  if (id == NULL)
    return FALSE;

  for (guint i = 0; i < CD_N_STORE_KINDS; i++)
    {
      if (g_ascii_strcasecmp (id, store_infos[i].id) == 0)
        {
          *kind = (CdStoreKind)i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * cd_store_kind_get_title:
 * @kind: a store
 *
 * Returns: (transfer none): the translated name of the store
 */
const char *
cd_store_kind_get_title (CdStoreKind kind)
{
  g_return_val_if_fail (kind_is_valid (kind), NULL);

  return _(store_infos[kind].title);
}

/**
 * cd_store_kind_get_description:
 * @kind: a store
 *
 * Returns: (transfer none): a translated sentence on what the store is for
 */
const char *
cd_store_kind_get_description (CdStoreKind kind)
{
  g_return_val_if_fail (kind_is_valid (kind), NULL);

  return _(store_infos[kind].description);
}

/**
 * cd_store_kind_get_icon_name:
 * @kind: a store
 *
 * Returns: (transfer none): a symbolic icon name for the store
 */
const char *
cd_store_kind_get_icon_name (CdStoreKind kind)
{
  g_return_val_if_fail (kind_is_valid (kind), NULL);

  return store_infos[kind].icon_name;
}
