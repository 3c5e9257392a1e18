/* cd-certificate-dialog-pages.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What CdCertificateDialog's pages show besides the certificate itself:
 * its chain, its title, and what the stores know of it (revocation by
 * one of our CAs, trust publications).
 */

#define G_LOG_DOMAIN "cd-certificate-dialog"

#include "config.h"

#include "cd-ca.h"
#include "cd-certificate-dialog-private.h"
#include "cd-request-builder.h"
#include "cd-store-kind.h"
#include "cd-trust.h"

void
_cd_certificate_dialog_build_chain (CdCertificateDialog *self)
{
  g_autoptr(GError) error = NULL;
  gboolean system_anchors;

  g_assert (CD_IS_CERTIFICATE_DIALOG (self));

  g_clear_object (&self->chain);

  /* A request has no chain; whether its signature holds is its status. */
  if (cd_certificate_info_get_is_request (self->info))
    {
      gboolean valid = cd_request_verify_signature (cd_certificate_info_get_der (self->info), &error);

      cd_general_page_set_request_signature (self->general_page, valid, error);
      return;
    }

  system_anchors = cd_path_page_get_system_anchors (self->path_page);

  if (self->database != NULL)
    self->chain = cd_chain_build (self->database,
                                  cd_certificate_info_get_der (self->info),
                                  system_anchors,
                                  g_get_real_time () / G_USEC_PER_SEC,
                                  &error);

  if (error != NULL)
    g_debug ("Could not build the chain: %s", error->message);

  cd_general_page_set_chain (self->general_page, self->chain, error);
  cd_path_page_set_chain (self->path_page, self->chain);
}

void
_cd_certificate_dialog_update_title (CdCertificateDialog *self)
{
  g_autofree char *name = NULL;
  g_autofree char *subtitle = NULL;
  CdCertificate *row;

  g_assert (CD_IS_CERTIFICATE_DIALOG (self));

  /* The subject names the certificate itself; a friendly name is the
   * user's, shown on the Properties page.
   */
  row = self->row ? self->row : cd_certificate_info_get_row (self->info);
  if (cd_certificate_get_subject_cn (row) != NULL && cd_certificate_get_subject_cn (row)[0] != '\0')
    name = g_strdup (cd_certificate_get_subject_cn (row));
  else
    name = cd_certificate_dup_display_name (row);

  if (self->row != NULL)
    subtitle = g_strdup (cd_store_kind_get_title (cd_certificate_get_store (self->row)));
  else if (self->file != NULL)
    subtitle = g_file_get_basename (self->file);

  adw_view_switcher_title_set_title (self->switcher_title, name);
  adw_view_switcher_title_set_subtitle (self->switcher_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), name);
}

/* "Revoked on … (reason)" for what one of our CAs revoked. */
void
_cd_certificate_dialog_show_revocation (CdCertificateDialog *self)
{
  g_autoptr(GError) error = NULL;
  CdRevocationReason reason = CD_REVOCATION_REASON_UNSPECIFIED;
  gboolean revoked = FALSE;
  gint64 revoked_at = 0;

  if (!cd_ca_get_revocation (self->database, cd_certificate_get_sha256 (self->row),
                             &revoked, &reason, &revoked_at, &error))
    g_warning ("Could not read whether the certificate is revoked: %s", error->message);
  cd_general_page_set_revocation (self->general_page, revoked, reason, revoked_at);
}

/* Where the trust publishing put this root; a failure to read that
 * only leaves the line out.
 */
void
_cd_certificate_dialog_show_publications (CdCertificateDialog *self)
{
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GError) error = NULL;

  targets = cd_trust_dup_publications_for (self->database,
                                           cd_certificate_get_sha256 (self->row), &error);
  if (targets == NULL)
    g_warning ("Could not read where the certificate is published: %s", error->message);
  cd_general_page_set_publications (self->general_page, targets);
}
