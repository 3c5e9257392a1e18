/* cd-trust-private.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cd-trust.h"

G_BEGIN_DECLS

typedef struct _CdTrustBackend CdTrustBackend;


typedef enum
{
  CD_TRUST_ANCHOR,
  CD_TRUST_DISTRUST,
} CdTrustKind;

/* One certificate a target should hold: a root from Trusted Root, or a
 * certificate from Untrusted.
 */
typedef struct
{
  char        *sha256;
  GBytes      *der;
  char        *label;     /* the certificate's display name */
  CdTrustKind  trust;
} CdTrustItem;

/* One thing a target holds because Certdesk wrote it: what
 * trust_publications keeps. @location says where, in the target's own
 * terms (a file, or an NSS nickname).
 */
typedef struct
{
  char        *sha256;
  CdTrustKind  trust;
  char        *location;
} CdTrustRecord;

/* What each kind of target does. sync() makes the target hold @wanted
 * and nothing else of ours: @published is what it held (sha256 →
 * CdTrustRecord); it adds to @out_records what it holds afterwards,
 * even when it fails half way, so that the database keeps telling the
 * truth and unpublishing can still find every entry.
 */
struct _CdTrustBackend
{
  const char *id;
  gboolean    supports_distrust;
  void      (*discover) (GPtrArray      *targets);
  gboolean  (*sync)     (CdTrustTarget  *target,
                         GPtrArray      *wanted,
                         GHashTable     *published,
                         GPtrArray      *out_records,
                         GError        **error);
  /* Optional: called after unpublishing took out every entry. */
  gboolean  (*cleanup)  (CdTrustTarget  *target,
                         GError        **error);
};

/* Shared by cd-trust-target.c and cd-trust.c, which reads the fields. */
struct _CdTrustTarget
{
  GObject               parent_instance;

  const CdTrustBackend *backend;
  char                 *instance;
  char                 *title;
  char                 *description;
  char                 *location;
  char                 *unavailable_reason;
  gboolean              supports_distrust;
  gboolean              enabled;
  guint                 n_published;
};

/* cd-trust-records.c */
gboolean       _cd_trust_load_enabled        (CdDatabase            *database,
                                              CdTrustTarget         *target,
                                              GError               **error);
gboolean       _cd_trust_save_enabled        (CdDatabase            *database,
                                              CdTrustTarget         *target,
                                              gboolean               enabled,
                                              GError               **error);
GHashTable    *_cd_trust_load_records        (CdDatabase            *database,
                                              CdTrustTarget         *target,
                                              GError               **error);
gboolean       _cd_trust_save_records        (CdDatabase            *database,
                                              CdTrustTarget         *target,
                                              GPtrArray             *records,
                                              GError               **error);

typedef gboolean (*CdTrustAddFunc)    (CdTrustTarget  *target,
                                       CdTrustItem    *item,
                                       char          **out_location,
                                       GError        **error);
typedef gboolean (*CdTrustRemoveFunc) (CdTrustTarget  *target,
                                       CdTrustRecord  *record,
                                       GError        **error);

extern const CdTrustBackend _cd_trust_nss_backend;
extern const CdTrustBackend _cd_trust_firefox_backend;
extern const CdTrustBackend _cd_trust_p11kit_backend;
extern const CdTrustBackend _cd_trust_openssl_dir_backend;
extern const CdTrustBackend _cd_trust_system_backend;

CdTrustTarget *_cd_trust_target_new          (const CdTrustBackend  *backend,
                                              const char            *instance,
                                              const char            *title,
                                              const char            *description,
                                              const char            *location);
void           _cd_trust_target_set_unavailable (CdTrustTarget      *self,
                                              const char            *reason);
void           _cd_trust_target_set_supports_distrust (CdTrustTarget *self,
                                              gboolean               supports_distrust);
const CdTrustBackend *_cd_trust_target_get_backend (CdTrustTarget   *self);

CdTrustRecord *_cd_trust_record_new          (const char            *sha256,
                                              CdTrustKind            trust,
                                              const char            *location);
void           _cd_trust_record_free         (CdTrustRecord         *record);
void           _cd_trust_item_free           (CdTrustItem           *item);
const char    *_cd_trust_kind_to_string      (CdTrustKind            trust);

/* The common sync: removes what is no longer wanted (or wanted with
 * another trust), then adds what is missing, one entry at a time.
 */
gboolean       _cd_trust_sync_each           (CdTrustTarget         *target,
                                              GPtrArray             *wanted,
                                              GHashTable            *published,
                                              CdTrustAddFunc         add,
                                              CdTrustRemoveFunc      remove,
                                              GPtrArray             *out_records,
                                              GError               **error);
void           _cd_trust_keep_all            (GHashTable            *published,
                                              GPtrArray             *out_records);
char          *_cd_trust_item_to_pem         (CdTrustItem           *item);
gboolean       _cd_trust_run                 (const char * const    *argv,
                                              const char            *what,
                                              GError               **error);
char          *_cd_trust_find_program        (const char            *name);

/* NSS databases, shared by the NSS and Firefox targets. */
char          *_cd_trust_nss_nickname        (CdTrustItem           *item);
gboolean       _cd_trust_nss_sync            (CdTrustTarget         *target,
                                              GPtrArray             *wanted,
                                              GHashTable            *published,
                                              GPtrArray             *out_records,
                                              GError               **error);

/* p11-kit: the trust module's paths the distribution compiled in. */
char          *_cd_trust_p11kit_system_paths (void);
char          *_cd_trust_p11kit_module_text  (const char            *our_path);

/* The system target: the privileged command one sync runs. */
typedef enum
{
  CD_TRUST_SYSTEM_NONE,
  CD_TRUST_SYSTEM_DEBIAN,        /* update-ca-certificates */
  CD_TRUST_SYSTEM_P11KIT,        /* update-ca-trust (Fedora, Arch) */
} CdTrustSystemFlavor;

char         **_cd_trust_system_build_argv   (const char            *pkexec,
                                              CdTrustSystemFlavor    flavor,
                                              const char            *tool,
                                              const char            *anchor_dir,
                                              const char            *distrust_dir,
                                              const char            *staging_dir);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdTrustRecord, _cd_trust_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdTrustItem, _cd_trust_item_free)

G_END_DECLS
