/* cd-profile.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cd-exporter.h"
#include "cd-request-builder.h"
#include "cd-types.h"

G_BEGIN_DECLS

/* A device profile: what one device (or one role of it) needs of a
 * certificate. Profiles are data: GKeyFiles shipped in the core's
 * GResource under /io/github/certdesk/Certdesk/profiles/ and the user's
 * own in $XDG_DATA_HOME/certdesk/profiles/ (see data/profiles/README.md
 * for the format). A profile is immutable once loaded.
 */

/* What a profile is for; the wizard and the signer use it. */
typedef enum
{
  CD_PROFILE_ROLE_SERVER,      /* a device's TLS server (and often client) identity */
  CD_PROFILE_ROLE_CLIENT,      /* a TLS client identity (phones, PCs) */
  CD_PROFILE_ROLE_CA,          /* a CA certificate for a device's trust store */
} CdProfileRole;

#define CD_TYPE_PROFILE      (cd_profile_get_type ())
#define CD_TYPE_PROFILE_STEP (cd_profile_step_get_type ())

G_DECLARE_FINAL_TYPE (CdProfile, cd_profile, CD, PROFILE, GObject)
G_DECLARE_FINAL_TYPE (CdProfileStep, cd_profile_step, CD, PROFILE_STEP, GObject)

/* Loads every shipped profile, then the user's (a user profile with the
 * id of a shipped one replaces it). A file that does not parse or does
 * not validate is skipped; its problem, naming the file and line, is
 * added to @problems (strings) when that is not %NULL. Sorted by name.
 */
GListModel     *cd_profile_load_all                 (const char        *user_dir,
                                                     GPtrArray         *problems);
/* $XDG_DATA_HOME/certdesk/profiles */
char           *cd_profile_dup_default_user_dir     (void);
/* One file, for tests and for checking a profile being written. */
CdProfile      *cd_profile_new_from_file            (const char        *path,
                                                     GError           **error);
CdProfile      *cd_profile_new_from_data            (const char        *data,
                                                     gsize              length,
                                                     const char        *display_name,
                                                     GError           **error);
CdProfile      *cd_profile_list_find                (GListModel        *profiles,
                                                     const char        *id);

const char     *cd_profile_get_id                   (CdProfile         *self);
const char     *cd_profile_get_name                 (CdProfile         *self);   /* translated */
const char     *cd_profile_get_vendor               (CdProfile         *self);
const char     *cd_profile_get_description          (CdProfile         *self);   /* translated */
const char     *cd_profile_get_document             (CdProfile         *self);   /* the vendor document */
CdProfileRole   cd_profile_get_role                 (CdProfile         *self);
gboolean        cd_profile_get_is_user              (CdProfile         *self);
guint           cd_profile_get_n_rules              (CdProfile         *self);

/* Request defaults. Sets key type, digest, purpose, KU, EKU, string
 * type, "first DNS name = CN" and the subject fields the profile fixes;
 * leaves what the profile does not say alone.
 */
void            cd_profile_apply_to_request_builder (CdProfile         *self,
                                                     CdRequestBuilder  *builder);
/* Days the issuing CA should sign for; 0 when the profile has no say. */
guint           cd_profile_get_validity_days        (CdProfile         *self);
CdKeyUsage      cd_profile_get_key_usage            (CdProfile         *self);
CdExtendedKeyUsage cd_profile_get_extended_key_usage (CdProfile        *self);
/* Subject fields whose value and string type must equal the issuing
 * CA's (the openssl "policy_match" trap); NULL-free array of fields.
 */
const CdSubjectField *cd_profile_get_match_issuer_fields (CdProfile    *self,
                                                          guint        *n_fields);
/* Whether the certificate must end before 2038-01-19. */
gboolean        cd_profile_get_before_2038          (CdProfile         *self);
/* The SAN limit of the device, 0 for none. */
guint           cd_profile_get_max_san_entries      (CdProfile         *self);

/* The export the device takes; a new object each call. The password
 * is never part of a profile.
 */
CdExportOptions *cd_profile_dup_export_options      (CdProfile         *self);
/* Suggested file name extension for that export, with the dot. */
const char     *cd_profile_get_export_extension     (CdProfile         *self);

/* The manual steps on the device, a GListModel of CdProfileStep. */
GListModel     *cd_profile_get_steps                (CdProfile         *self);
const char     *cd_profile_step_get_id              (CdProfileStep     *self);
const char     *cd_profile_step_get_text            (CdProfileStep     *self);   /* translated */
const char     *cd_profile_step_get_source          (CdProfileStep     *self);

G_END_DECLS
