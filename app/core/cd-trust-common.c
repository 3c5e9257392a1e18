/* cd-trust-common.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the backends (cd-trust-nss.c, …) share: the items they publish,
 * the records of what they wrote, running a tool, the usual sync.
 */

#define G_LOG_DOMAIN "cd-trust"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <openssl/pem.h>

#include "cd-errors.h"
#include "cd-openssl-private.h"
#include "cd-trust-private.h"

CdTrustRecord *
_cd_trust_record_new (const char  *sha256,
                      CdTrustKind  trust,
                      const char  *location)
{
  CdTrustRecord *record = g_new0 (CdTrustRecord, 1);

  record->sha256 = g_strdup (sha256);
  record->trust = trust;
  record->location = g_strdup (location);

  return record;
}

void
_cd_trust_record_free (CdTrustRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->sha256);
  g_free (record->location);
  g_free (record);
}

void
_cd_trust_item_free (CdTrustItem *item)
{
  if (item == NULL)
    return;
  g_free (item->sha256);
  g_clear_pointer (&item->der, g_bytes_unref);
  g_free (item->label);
  g_free (item);
}

const char *
_cd_trust_kind_to_string (CdTrustKind trust)
{
  return trust == CD_TRUST_DISTRUST ? "distrust" : "anchor";
}

char *
_cd_trust_item_to_pem (CdTrustItem *item)
{
  g_autoptr(X509) cert = NULL;
  g_autoptr(BIO) bio = NULL;
  const unsigned char *p;
  char *data;
  long len;

  p = g_bytes_get_data (item->der, NULL);
  cert = d2i_X509 (NULL, &p, g_bytes_get_size (item->der));
  if (cert == NULL)
    return NULL;

  bio = BIO_new (BIO_s_mem ());
  if (!PEM_write_bio_X509 (bio, cert))
    return NULL;

  len = BIO_get_mem_data (bio, &data);
  return g_strndup (data, len);
}

/**
 * _cd_trust_find_program:
 * @name: a program name
 *
 * Looks in $PATH, then in the sbin folders a user's $PATH often lacks.
 *
 * Returns: (transfer full) (nullable): the program's path
 */
char *
_cd_trust_find_program (const char *name)
{
  static const char *extra[] = { "/usr/sbin", "/sbin", "/usr/bin" };
  char *path = g_find_program_in_path (name);

  for (guint i = 0; path == NULL && i < G_N_ELEMENTS (extra); i++)
    {
      g_autofree char *candidate = g_build_filename (extra[i], name, NULL);

      if (g_file_test (candidate, G_FILE_TEST_IS_EXECUTABLE))
        path = g_steal_pointer (&candidate);
    }

  return path;
}

/* Runs a tool and turns its failure into a CD_TRUST_ERROR that quotes
 * the last line it wrote on stderr.
 */
gboolean
_cd_trust_run (const char * const  *argv,
               const char          *what,
               GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  const char *last = "";
  int status = 0;

  if (!g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     &out, &err, &status, &local_error))
    {
      g_set_error (error, CD_TRUST_ERROR, CD_TRUST_ERROR_TOOL_FAILED,
                   /* TRANSLATORS: %s is a program, e.g. certutil, then an error message */
                   _("%s could not be run: %s"), what, local_error->message);
      return FALSE;
    }

  if (g_spawn_check_wait_status (status, NULL))
    return TRUE;

  lines = g_strsplit (g_strstrip (err), "\n", -1);
  if (lines[0] != NULL)
    last = lines[g_strv_length (lines) - 1];

  g_set_error (error, CD_TRUST_ERROR, CD_TRUST_ERROR_TOOL_FAILED,
               /* TRANSLATORS: %s is a program, e.g. certutil, then its error output */
               _("%s failed: %s"), what, *last != '\0' ? last : _("no reason given"));
  return FALSE;
}

/* For a sync that changes nothing: what the target held, it holds. */
void
_cd_trust_keep_all (GHashTable *published,
                    GPtrArray  *out_records)
{
  GHashTableIter iter;
  CdTrustRecord *record;

  g_hash_table_iter_init (&iter, published);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&record))
    g_ptr_array_add (out_records, _cd_trust_record_new (record->sha256, record->trust,
                                                        record->location));
}

gboolean
_cd_trust_sync_each (CdTrustTarget      *target,
                     GPtrArray          *wanted,
                     GHashTable         *published,
                     CdTrustAddFunc      add,
                     CdTrustRemoveFunc   remove,
                     GPtrArray          *out_records,
                     GError            **error)
{
  g_autoptr(GHashTable) wanted_by_sha = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) to_remove = g_ptr_array_new ();
  GHashTableIter iter;
  CdTrustRecord *record;
  gboolean ok = TRUE;

  for (guint i = 0; i < wanted->len; i++)
    {
      CdTrustItem *item = g_ptr_array_index (wanted, i);

      g_hash_table_insert (wanted_by_sha, item->sha256, item);
    }

  g_hash_table_iter_init (&iter, published);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&record))
    {
      CdTrustItem *item = g_hash_table_lookup (wanted_by_sha, record->sha256);

      if (item != NULL && item->trust == record->trust)
        g_ptr_array_add (out_records, _cd_trust_record_new (record->sha256, record->trust,
                                                            record->location));
      else
        g_ptr_array_add (to_remove, record);
    }

  /* Removing first, so that a certificate moved from Trusted Root to
   * Untrusted is never both at once.
   */
  for (guint i = 0; i < to_remove->len; i++)
    {
      record = g_ptr_array_index (to_remove, i);

      if (ok && remove (target, record, error))
        continue;

      ok = FALSE;
      g_ptr_array_add (out_records, _cd_trust_record_new (record->sha256, record->trust,
                                                          record->location));
    }

  for (guint i = 0; ok && i < wanted->len; i++)
    {
      CdTrustItem *item = g_ptr_array_index (wanted, i);
      g_autofree char *location = NULL;

      record = g_hash_table_lookup (published, item->sha256);
      if (record != NULL && record->trust == item->trust)
        continue;

      if (!add (target, item, &location, error))
        ok = FALSE;
      else
        g_ptr_array_add (out_records, _cd_trust_record_new (item->sha256, item->trust,
                                                            location));
    }

  return ok;
}

