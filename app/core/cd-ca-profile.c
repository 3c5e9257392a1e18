/* cd-ca-profile.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A device profile read as signing options: what a device needs of the
 * certificate our CA gives it (validity, usages, the subject fields
 * that must match the CA, the 2038 limit, the digest). Kept apart so
 * that the CA itself knows nothing of profiles.
 */

#define G_LOG_DOMAIN "cd-ca"

#include "config.h"

#include "cd-ca-private.h"
#include "cd-profile.h"

/**
 * cd_ca_sign_options_apply_profile:
 * @self: a #CdCaSignOptions
 * @profile: the device's profile
 *
 * Sets what @profile says and leaves the rest: its validity, key
 * usages, extended key usages, purpose and digest, the subject fields
 * that must equal the CA's, and ending before 2038.
 */
void
cd_ca_sign_options_apply_profile (CdCaSignOptions *self,
                                  CdProfile       *profile)
{
  g_autoptr(CdRequestBuilder) builder = cd_request_builder_new ();
  const CdSubjectField *fields;
  guint n_fields = 0;

  g_return_if_fail (self != NULL);
  g_return_if_fail (CD_IS_PROFILE (profile));

  if (cd_profile_get_validity_days (profile) > 0)
    self->days = cd_profile_get_validity_days (profile);
  if (cd_profile_get_key_usage (profile) != CD_KEY_USAGE_NONE)
    cd_ca_sign_options_set_key_usage (self, cd_profile_get_key_usage (profile));
  if (cd_profile_get_extended_key_usage (profile) != CD_EXTENDED_KEY_USAGE_NONE)
    cd_ca_sign_options_set_extended_key_usage (self, cd_profile_get_extended_key_usage (profile));

  fields = cd_profile_get_match_issuer_fields (profile, &n_fields);
  cd_ca_sign_options_set_match_fields (self, fields, n_fields);

  if (cd_profile_get_before_2038 (profile))
    self->before_2038 = TRUE;

  /* The purpose and digest a profile sets for its requests. */
  cd_profile_apply_to_request_builder (profile, builder);
  self->purpose = cd_request_builder_get_purpose (builder);
  self->digest = cd_request_builder_get_digest (builder);
  self->allow_legacy_digest = cd_request_builder_get_allow_legacy_digest (builder);
}
