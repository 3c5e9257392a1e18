/* cd-profile-private.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the profile loader (cd-profile.c, cd-profile-load.c) and the
 * rule engine (cd-check*.c) share: a rule as loaded, and the table of
 * rule kinds with the keys each one takes, which the loader validates
 * against and the engine runs.
 */

#pragma once

#include "cd-check.h"
#include "cd-profile.h"

G_BEGIN_DECLS

/* Key Usage as profiles name it: CdKeyUsage plus the two bits only CA
 * certificates carry, which the request builder never sets.
 */
typedef enum
{
  CD_PROFILE_KU_DIGITAL_SIGNATURE = CD_KEY_USAGE_DIGITAL_SIGNATURE,
  CD_PROFILE_KU_NON_REPUDIATION   = CD_KEY_USAGE_NON_REPUDIATION,
  CD_PROFILE_KU_KEY_ENCIPHERMENT  = CD_KEY_USAGE_KEY_ENCIPHERMENT,
  CD_PROFILE_KU_DATA_ENCIPHERMENT = CD_KEY_USAGE_DATA_ENCIPHERMENT,
  CD_PROFILE_KU_KEY_AGREEMENT     = CD_KEY_USAGE_KEY_AGREEMENT,
  CD_PROFILE_KU_KEY_CERT_SIGN     = 1 << 5,
  CD_PROFILE_KU_CRL_SIGN          = 1 << 6,
} CdProfileKeyUsage;

typedef enum
{
  CD_RULE_SEVERITY_ERROR,
  CD_RULE_SEVERITY_WARNING,
} CdRuleSeverity;

/* The "Applies" key; both when it is absent. */
typedef enum
{
  CD_RULE_APPLIES_CERTIFICATE = 1 << 0,
  CD_RULE_APPLIES_REQUEST     = 1 << 1,
} CdRuleApplies;

typedef struct _CdRuleKind    CdRuleKind;
typedef struct _CdCheckContext CdCheckContext;

typedef struct
{
  char             *id;          /* "ID" of the group "[Rule ID]" */
  char             *group;       /* the group name */
  const CdRuleKind *kind;
  CdRuleSeverity    severity;
  CdRuleApplies     applies;
  char             *title;       /* translated */
  char             *hint;        /* translated, or NULL */
  char             *source;
  GKeyFile         *key_file;    /* the profile's, for the kind's own keys */
} CdProfileRule;

/* What a kind's check found; the engine turns FAIL into fail or
 * warning by the rule's severity. WARN is a warning whatever the
 * severity (the expiry window).
 */
typedef enum
{
  CD_RULE_OUTCOME_PASS,
  CD_RULE_OUTCOME_FAIL,
  CD_RULE_OUTCOME_WARN,
  CD_RULE_OUTCOME_NOT_APPLICABLE,
} CdRuleOutcome;

/* @message: (out): what was found, translated. @hint: (out) (optional):
 * a fix, used when the profile gives none.
 */
typedef CdRuleOutcome (*CdRuleCheckFunc) (const CdProfileRule  *rule,
                                          CdCheckContext       *context,
                                          char                **message,
                                          char                **hint);

typedef enum
{
  CD_RULE_VALUE_INT,          /* min..max */
  CD_RULE_VALUE_INT_LIST,     /* each min..max */
  CD_RULE_VALUE_BOOL,
  CD_RULE_VALUE_CHOICES,      /* a list, each one of choices */
  CD_RULE_VALUE_EXTENSIONS,   /* a list of extension short names OpenSSL knows */
  CD_RULE_VALUE_NAME,         /* [a-z0-9_-]+ */
  CD_RULE_VALUE_REGEX,        /* a GRegex that compiles */
  CD_RULE_VALUE_STRING,       /* any text that is not empty */
  CD_RULE_VALUE_DATE,         /* YYYY-MM-DD */
} CdRuleValueType;

typedef struct
{
  const char         *name;
  CdRuleValueType     type;
  const char * const *choices;
  gint64              min;
  gint64              max;
} CdRuleKeySpec;

#define CD_RULE_MAX_KEYS 5

struct _CdRuleKind
{
  const char      *name;
  CdRuleCheckFunc  check;
  CdRuleKeySpec    keys[CD_RULE_MAX_KEYS];   /* unused ones have a NULL name */
  /* Keys of which at least one must be given; NULL-ended. */
  const char      *one_of[CD_RULE_MAX_KEYS];
};

/* cd-check-kinds.c */
const CdRuleKind *_cd_rule_kind_find            (const char          *name);
extern const char * const _cd_profile_key_usage_ids[];
extern const char * const _cd_profile_eku_ids[];
extern const char * const _cd_profile_export_format_ids[];
extern const char * const _cd_profile_subject_field_ids[];
extern const char * const _cd_profile_san_type_ids[];
extern const char * const _cd_profile_digest_ids[];
guint             _cd_profile_key_usage_from_ids (char              **ids);
CdExtendedKeyUsage _cd_profile_eku_from_ids     (char              **ids);
/* -1 when @id names no field / format. */
int               _cd_profile_subject_field_from_id (const char     *id);
int               _cd_profile_export_format_from_id (const char     *id);
const char       *_cd_profile_export_format_to_id   (CdExportFormat  format);
int               _cd_profile_subject_field_nid  (CdSubjectField     field);

/* cd-profile-load.c: parses and validates one file into @self. */
gboolean          _cd_profile_load              (CdProfile          *self,
                                                 const char         *data,
                                                 gsize               length,
                                                 const char         *display_name,
                                                 const char         *expected_id,
                                                 GError            **error);

/* cd-profile.c: what the loader fills in. */
typedef struct
{
  char               *id;
  char               *name;
  char               *vendor;
  char               *description;
  char               *document;
  CdProfileRole       role;
  guint               warning_days;

  gboolean            has_key_type;
  CdKeyType           key_type;
  gboolean            has_digest;
  CdDigest            digest;
  gboolean            has_purpose;
  CdRequestPurpose    purpose;
  gboolean            has_key_usage;
  guint               key_usage;        /* CdProfileKeyUsage */
  gboolean            has_eku;
  CdExtendedKeyUsage  eku;
  gboolean            has_string_type;
  CdStringType        string_type;
  gboolean            has_cn_as_dns;
  gboolean            cn_as_dns;
  CdSubjectField      match_issuer[CD_N_SUBJECT_FIELDS];
  guint               n_match_issuer;
  guint               validity_days;
  gboolean            before_2038;
  guint               max_san_entries;

  gboolean            has_export;
  CdExportFormat      export_format;
  gboolean            has_include_chain;
  gboolean            include_chain;
  gboolean            include_root;
  CdExportKeyFormat   key_format;
  gboolean            key_first;
  char               *extension;

  GPtrArray          *rules;            /* CdProfileRule */
  GListStore         *steps;            /* CdProfileStep */
  GKeyFile           *key_file;
} CdProfileData;

CdProfileData    *_cd_profile_get_data          (CdProfile          *self);
CdProfileStep    *_cd_profile_step_new          (const char         *id,
                                                 const char         *text,
                                                 const char         *source);
void              _cd_profile_rule_free         (CdProfileRule      *rule);
guint             _cd_profile_get_warning_days  (CdProfile          *self);

/* cd-profile-lines.c: where in a profile's text a problem is. */
guint _cd_profile_line_of_bad_syntax     (const char *text,
                                          gsize       length);
guint _cd_profile_line_of_repeated_group (const char *text,
                                          gsize       length);
guint _cd_profile_line_of_key            (const char *text,
                                          gsize       length,
                                          const char *group,
                                          const char *key);

G_END_DECLS
