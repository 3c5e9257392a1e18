/* cd-request-wizard-private.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the files of CdRequestWizard share: the instance struct, the
 * SAN builder's rows and the functions one page's file calls in
 * another's. cd-request-wizard.c has the window, the builder and
 * cancelling; -steps the navigation and review, -result generate and
 * the result page; the -subject, -san and -key files have their pages,
 * and -profile the device chosen and its live checklist.
 */

#pragma once

#include "cd-check-list.h"
#include "cd-profile-chooser.h"
#include "cd-profile.h"
#include "cd-request-wizard.h"

G_BEGIN_DECLS

#define N_KEY_USAGES          5
#define N_EXTENDED_KEY_USAGES 4

typedef struct
{
  GtkWidget   *row;
  GtkDropDown *type;
  GtkEntry    *entry;
  GtkLabel    *hint;
  GtkWidget   *up_button;
  GtkWidget   *down_button;
  GtkWidget   *remove_button;
} SanRow;

struct _CdRequestWizard
{
  AdwWindow             parent_instance;

  /* Template widgets */
  GtkWidget            *back_button;
  GtkWidget            *c_row;
  GtkWidget            *cancel_button;
  AdwPreferencesGroup  *check_group;
  CdCheckList          *check_list;
  GtkSwitch            *cn_as_dns_switch;
  GtkWidget            *cn_row;
  GtkCheckButton       *client_check;
  AdwComboRow          *digest_row;
  GtkWidget            *done_button;
  GtkTextView          *dump_view;
  GtkWidget            *email_row;
  AdwPreferencesGroup  *extended_usage_group;
  GtkWidget            *generate_button;
  GtkWidget            *key_source_group;
  AdwComboRow          *key_type_row;
  GtkWidget            *l_row;
  GtkCheckButton       *legacy_check;
  GtkLabel             *match_issuer_label;
  GtkWidget            *legacy_warning_group;
  GtkCheckButton       *new_key_check;
  GtkWidget            *next_button;
  GtkWidget            *o_row;
  GtkWidget            *ou_row;
  CdProfileChooser     *profile_chooser;
  GtkTextView          *pem_view;
  GtkRevealer          *progress_revealer;
  GtkLabel             *result_label;
  AdwActionRow         *review_extended_usage_row;
  AdwActionRow         *review_key_row;
  GtkWidget            *review_page;
  AdwActionRow         *review_san_row;
  AdwActionRow         *review_subject_row;
  AdwActionRow         *review_usage_row;
  AdwPreferencesGroup  *usage_group;
  GtkCheckButton       *same_key_check;
  GtkLabel             *san_error_label;
  GtkListBox           *san_list;
  GtkCheckButton       *server_check;
  GtkCheckButton       *server_client_check;
  GtkSpinner           *spinner;
  GtkStack             *stack;
  GtkWidget            *st_row;
  AdwComboRow          *string_type_row;
  GtkLabel             *subject_error_label;
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;

  /* Owned references */
  CdDatabase           *database;
  CdKeyring            *keyring;
  CdRequestBuilder     *builder;
  GCancellable         *cancellable;
  GtkFileChooserNative *file_chooser;
  GFile                *save_file;
  GPtrArray            *san_rows;        /* SanRow, in the list's order */
  GArray               *key_types;       /* CdKeyType of each key_type_row item */
  GArray               *digests;         /* CdDigest of each digest_row item */
  char                 *existing_key_id;
  char                 *pem;
  CdProfile            *profile;         /* the device chosen, or NULL */

  /* Borrowed references */
  GtkWidget            *subject_rows[CD_N_SUBJECT_FIELDS];
  GtkCheckButton       *usage_checks[N_KEY_USAGES];
  GtkCheckButton       *extended_usage_checks[N_EXTENDED_KEY_USAGES];
  GtkWidget            *match_issuer_icons[CD_N_SUBJECT_FIELDS];

  guint                 checks_id;       /* the checklist, to run when idle */

  gboolean              subject_tried;   /* Next was pressed: empty CN is an error now */
  gboolean              discarding;      /* the user agreed to lose what was typed */
  gboolean              loading;         /* filling widgets: no defaults, no checks */
};

/* cd-request-wizard.c */
void               _cd_request_wizard_sync_builder           (CdRequestWizard *self);
char              *_cd_request_wizard_dup_text               (GtkWidget *editable);
void               _cd_request_wizard_set_error_style        (GtkWidget *widget,
                                                              gboolean   error);
void               _cd_request_wizard_show_message           (GtkLabel   *label,
                                                              const char *message);
gboolean           _cd_request_wizard_is_generating          (CdRequestWizard *self);
void               _cd_request_wizard_notify_generating      (CdRequestWizard *self);
void               _cd_request_wizard_emit_created           (CdRequestWizard *self,
                                                              CdCertificate   *row);

/* cd-request-wizard-steps.c */
void               _cd_request_wizard_update_buttons         (CdRequestWizard *self);
void               _cd_request_wizard_on_page_changed_cb     (CdRequestWizard *self);
void               _cd_request_wizard_show_step              (CdRequestWizard *self,
                                                              guint            step);
void               _cd_request_wizard_next_action            (GtkWidget  *widget,
                                                              const char *action_name,
                                                              GVariant   *param);
void               _cd_request_wizard_back_action            (GtkWidget  *widget,
                                                              const char *action_name,
                                                              GVariant   *param);

/* cd-request-wizard-result.c */
void               _cd_request_wizard_generate_action        (GtkWidget  *widget,
                                                              const char *action_name,
                                                              GVariant   *param);
void               _cd_request_wizard_copy_action            (GtkWidget  *widget,
                                                              const char *action_name,
                                                              GVariant   *param);
void               _cd_request_wizard_save_action            (GtkWidget  *widget,
                                                              const char *action_name,
                                                              GVariant   *param);

/* cd-request-wizard-subject.c */
gboolean           _cd_request_wizard_validate_subject       (CdRequestWizard *self);
void               _cd_request_wizard_on_subject_changed_cb  (CdRequestWizard *self);

/* cd-request-wizard-san.c */
CdSanType          _cd_request_wizard_get_san_row_type       (SanRow *row);
gboolean           _cd_request_wizard_validate_sans          (CdRequestWizard *self);
void               _cd_request_wizard_on_san_changed_cb      (CdRequestWizard *self);
void               _cd_request_wizard_renumber_san_rows      (CdRequestWizard *self);
SanRow            *_cd_request_wizard_add_san_row            (CdRequestWizard *self,
                                                              CdSanType        type,
                                                              const char      *text);
void               _cd_request_wizard_add_san_action         (GtkWidget  *widget,
                                                              const char *action_name,
                                                              GVariant   *param);
void               _cd_request_wizard_san_up_action          (GtkWidget  *widget,
                                                              const char *action_name,
                                                              GVariant   *param);
void               _cd_request_wizard_san_down_action        (GtkWidget  *widget,
                                                              const char *action_name,
                                                              GVariant   *param);
void               _cd_request_wizard_san_remove_action      (GtkWidget  *widget,
                                                              const char *action_name,
                                                              GVariant   *param);

/* cd-request-wizard-key.c */
const char        *_cd_request_wizard_get_digest_title       (CdDigest digest);
CdKeyType          _cd_request_wizard_get_key_type           (CdRequestWizard *self);
CdDigest           _cd_request_wizard_get_digest             (CdRequestWizard *self);
CdRequestPurpose   _cd_request_wizard_get_purpose            (CdRequestWizard *self);
gboolean           _cd_request_wizard_uses_existing_key      (CdRequestWizard *self);
void               _cd_request_wizard_fill_key_choices       (CdRequestWizard *self,
                                                              CdKeyType        key_type,
                                                              CdDigest         digest);
void               _cd_request_wizard_set_usages             (CdRequestWizard    *self,
                                                              CdKeyUsage          usage,
                                                              CdExtendedKeyUsage  extended_usage);
CdKeyUsage         _cd_request_wizard_get_key_usage          (CdRequestWizard *self);
CdExtendedKeyUsage _cd_request_wizard_get_extended_key_usage (CdRequestWizard *self);
void               _cd_request_wizard_on_purpose_toggled_cb  (CdRequestWizard *self,
                                                              GtkCheckButton  *check);
void               _cd_request_wizard_on_key_changed_cb      (CdRequestWizard *self);
void               _cd_request_wizard_on_legacy_toggled_cb   (CdRequestWizard *self);
void               _cd_request_wizard_add_usage_rows         (CdRequestWizard *self);
char              *_cd_request_wizard_join_usages            (CdRequestWizard *self,
                                                              gboolean         extended);

/* cd-request-wizard-profile.c */
void               _cd_request_wizard_on_profile_changed_cb  (CdRequestWizard *self);
void               _cd_request_wizard_queue_checks           (CdRequestWizard *self);
void               _cd_request_wizard_dispose_profile        (CdRequestWizard *self);

G_END_DECLS
