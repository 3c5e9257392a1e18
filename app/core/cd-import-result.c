/* cd-import-result.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* CdImportResult counts what an import did, per store: certificates
 * added or already there, keys, completed requests and the roots held
 * back; and says it in one sentence for a toast or the CLI.
 */

#define G_LOG_DOMAIN "cd-importer"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cd-importer-private.h"
#include "cd-store-kind.h"

G_DEFINE_BOXED_TYPE (CdImportResult, cd_import_result, cd_import_result_ref, cd_import_result_unref)

/**
 * cd_import_result_new:
 *
 * Returns: (transfer full): an empty result, to merge others into
 */
CdImportResult *
cd_import_result_new (void)
{
  CdImportResult *result = g_new0 (CdImportResult, 1);

  g_atomic_ref_count_init (&result->ref_count);
  result->pending_roots = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);

  return result;
}

CdImportResult *
cd_import_result_ref (CdImportResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);

  g_atomic_ref_count_inc (&result->ref_count);

  return result;
}

void
cd_import_result_unref (CdImportResult *result)
{
  g_return_if_fail (result != NULL);

  if (g_atomic_ref_count_dec (&result->ref_count))
    {
      g_ptr_array_unref (result->pending_roots);
      g_free (result);
    }
}

/**
 * cd_import_result_merge:
 * @result: a #CdImportResult
 * @other: another one, added to @result
 *
 * Adds up the results of several files, for one summary.
 */
void
cd_import_result_merge (CdImportResult *result,
                        CdImportResult *other)
{
  g_return_if_fail (result != NULL);
  g_return_if_fail (other != NULL);

  for (guint i = 0; i < CD_N_STORE_KINDS; i++)
    {
      result->added[i] += other->added[i];
      result->existing[i] += other->existing[i];
    }
  result->keys_added += other->keys_added;
  result->keys_existing += other->keys_existing;
  result->requests_completed += other->requests_completed;
  for (guint i = 0; i < other->pending_roots->len; i++)
    g_ptr_array_add (result->pending_roots, g_bytes_ref (g_ptr_array_index (other->pending_roots, i)));
}

guint
cd_import_result_get_added (CdImportResult *result,
                            CdStoreKind     kind)
{
  g_return_val_if_fail (result != NULL, 0);
  g_return_val_if_fail (kind >= 0 && kind < CD_N_STORE_KINDS, 0);

  return result->added[kind];
}

guint
cd_import_result_get_existing (CdImportResult *result,
                               CdStoreKind     kind)
{
  g_return_val_if_fail (result != NULL, 0);
  g_return_val_if_fail (kind >= 0 && kind < CD_N_STORE_KINDS, 0);

  return result->existing[kind];
}

guint
cd_import_result_get_keys_added (CdImportResult *result)
{
  g_return_val_if_fail (result != NULL, 0);

  return result->keys_added;
}

guint
cd_import_result_get_keys_existing (CdImportResult *result)
{
  g_return_val_if_fail (result != NULL, 0);

  return result->keys_existing;
}

guint
cd_import_result_get_total_added (CdImportResult *result)
{
  guint total = 0;

  g_return_val_if_fail (result != NULL, 0);

  for (guint i = 0; i < CD_N_STORE_KINDS; i++)
    total += result->added[i];

  return total;
}

/**
 * cd_import_result_get_requests_completed:
 * @result: a #CdImportResult
 *
 * Returns: how many pending requests the imported certificates
 *   completed; those requests were removed from the request store
 */
guint
cd_import_result_get_requests_completed (CdImportResult *result)
{
  g_return_val_if_fail (result != NULL, 0);

  return result->requests_completed;
}

/**
 * cd_import_result_get_pending_roots:
 * @result: a #CdImportResult
 *
 * Roots that came with a certificate completing a request are not put
 * into Trusted Root Certification Authorities without the user's
 * word: ask, then import each with %CD_STORE_KIND_ROOT.
 *
 * Returns: (transfer none) (element-type GBytes): their DER, possibly empty
 */
GPtrArray *
cd_import_result_get_pending_roots (CdImportResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);

  return result->pending_roots;
}

static char *
describe_store (CdImportResult *result,
                CdStoreKind     kind)
{
  guint added = result->added[kind];
  guint existing = result->existing[kind];
  const char *store = cd_store_kind_get_title (kind);
  g_autofree char *main_part = NULL;

  if (kind == CD_STORE_KIND_REQUEST)
    {
      if (added == 0)
        /* translators: %u is a number, %s a store name */
        return g_strdup_printf (ngettext ("%u request was already in %s",
                                          "%u requests were already in %s", existing),
                                existing, store);
      /* translators: %u is a number, %s a store name */
      main_part = g_strdup_printf (ngettext ("%u request imported into %s",
                                             "%u requests imported into %s", added),
                                   added, store);
    }
  else
    {
      if (added == 0)
        /* translators: %u is a number, %s a store name */
        return g_strdup_printf (ngettext ("%u certificate was already in %s",
                                          "%u certificates were already in %s", existing),
                                existing, store);
      /* translators: %u is a number, %s a store name */
      main_part = g_strdup_printf (ngettext ("%u certificate imported into %s",
                                             "%u certificates imported into %s", added),
                                   added, store);
    }

  if (existing == 0)
    return g_steal_pointer (&main_part);

  /* translators: the first %s is e.g. "3 certificates imported into
   * Personal", %u the number of certificates that were there before */
  return g_strdup_printf (ngettext ("%s, %u was already there",
                                    "%s, %u were already there", existing),
                          main_part, existing);
}

/**
 * cd_import_result_dup_summary:
 * @result: a #CdImportResult
 *
 * Returns: (transfer full): one translated line saying what went where,
 *   such as "3 certificates imported into Trusted Root Certification
 *   Authorities, 1 was already there"
 */
char *
cd_import_result_dup_summary (CdImportResult *result)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (result != NULL, NULL);

  for (guint i = 0; i < CD_N_STORE_KINDS; i++)
    {
      if (result->added[i] > 0 || result->existing[i] > 0)
        g_ptr_array_add (parts, describe_store (result, i));
    }

  if (result->keys_added > 0)
    /* translators: %u is a number */
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u private key added to your keyring",
                                                       "%u private keys added to your keyring",
                                                       result->keys_added),
                                             result->keys_added));
  else if (result->keys_existing > 0)
    /* translators: %u is a number */
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u private key was already in your keyring",
                                                       "%u private keys were already in your keyring",
                                                       result->keys_existing),
                                             result->keys_existing));

  if (result->requests_completed > 0)
    /* translators: %u is a number */
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u request completed",
                                                       "%u requests completed",
                                                       result->requests_completed),
                                             result->requests_completed));

  if (result->pending_roots->len > 0)
    /* translators: %u is a number */
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u root certificate awaits your approval before it is trusted",
                                                       "%u root certificates await your approval before they are trusted",
                                                       result->pending_roots->len),
                                             result->pending_roots->len));

  if (parts->len == 0)
    return g_strdup (_("Nothing was imported"));

  g_ptr_array_add (parts, NULL);
  /* translators: separates the parts of an import summary */
  return g_strjoinv (_("; "), (char **)parts->pdata);
}
