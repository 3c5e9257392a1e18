/* cd-request-wizard-steps.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The steps of CdRequestWizard: the page shown and its title, Back and
 * Next (which checks the page, and the whole request before the
 * review), the buttons each step offers and the review page.
 */

#define G_LOG_DOMAIN "cd-request-wizard"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-errors.h"
#include "cd-request-wizard-private.h"

/* The steps before the request exists; "result" comes after them. */
static const char *steps[] = { "purpose", "subject", "san", "key", "review" };

static const char *
get_step_title (guint step)
{
  switch (step)
    {
    case 0: return _("Purpose");
    case 1: return _("Subject");
    case 2: return _("Alternative Names");
    case 3: return _("Key and Signature");
    case 4: return _("Review");
    default: g_assert_not_reached ();
    }
}

static int
get_step (CdRequestWizard *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->stack);

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      if (g_strcmp0 (name, steps[i]) == 0)
        return i;
    }

  return -1;
}

static void
fill_review (CdRequestWizard *self)
{
  g_autofree char *subject = NULL;
  g_auto(GStrv) sans = NULL;
  g_autofree char *san_text = NULL;
  g_autofree char *key_text = NULL;
  g_autofree char *usage = NULL;
  g_autofree char *extended_usage = NULL;

  g_assert (CD_IS_REQUEST_WIZARD (self));

  subject = cd_request_builder_dup_subject_string (self->builder);
  sans = cd_request_builder_dup_san_strings (self->builder);
  san_text = sans != NULL && sans[0] != NULL ? g_strjoinv ("\n", sans) : g_strdup (_("None"));

  if (_cd_request_wizard_uses_existing_key (self))
    /* translators: %s is a digest, e.g. SHA-256 */
    key_text = g_strdup_printf (_("The existing key, signed with %s"),
                                _cd_request_wizard_get_digest_title (_cd_request_wizard_get_digest (self)));
  else
    /* translators: the first %s is a key type, e.g. "EC P-256", the second a digest */
    key_text = g_strdup_printf (_("A new %s key, signed with %s"),
                                cd_key_type_get_title (_cd_request_wizard_get_key_type (self)),
                                _cd_request_wizard_get_digest_title (_cd_request_wizard_get_digest (self)));

  usage = _cd_request_wizard_join_usages (self, FALSE);
  extended_usage = _cd_request_wizard_join_usages (self, TRUE);

  adw_action_row_set_subtitle (self->review_subject_row, subject ? subject : "");
  adw_action_row_set_subtitle (self->review_san_row, san_text);
  adw_action_row_set_subtitle (self->review_key_row, key_text);
  adw_action_row_set_subtitle (self->review_usage_row, usage);
  adw_action_row_set_subtitle (self->review_extended_usage_row, extended_usage);
}

void
_cd_request_wizard_update_buttons (CdRequestWizard *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  gboolean result = g_strcmp0 (page, "result") == 0;
  gboolean review = g_strcmp0 (page, "review") == 0;
  gboolean generating = _cd_request_wizard_is_generating (self);
  int step = get_step (self);
  g_autofree char *subtitle = NULL;

  g_assert (CD_IS_REQUEST_WIZARD (self));

  gtk_widget_set_visible (self->cancel_button, !result);
  gtk_widget_set_visible (self->back_button, !result);
  gtk_widget_set_visible (self->next_button, !result && !review);
  gtk_widget_set_visible (self->generate_button, review);
  gtk_widget_set_visible (self->done_button, result);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.back", step > 0 && !generating);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.next", !result && !review);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.generate", review && !generating);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.copy", result);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.save", result);

  if (result)
    gtk_window_set_default_widget (GTK_WINDOW (self), self->done_button);
  else if (review)
    gtk_window_set_default_widget (GTK_WINDOW (self), self->generate_button);
  else
    gtk_window_set_default_widget (GTK_WINDOW (self), self->next_button);

  if (step >= 0)
    /* translators: "Step 2 of 5: Subject" */
    subtitle = g_strdup_printf (_("Step %d of %d: %s"), step + 1, (int)G_N_ELEMENTS (steps),
                                get_step_title (step));
  else
    subtitle = g_strdup (_("Done"));
  adw_window_title_set_subtitle (self->window_title, subtitle);
}

void
_cd_request_wizard_on_page_changed_cb (CdRequestWizard *self)
{
  g_assert (CD_IS_REQUEST_WIZARD (self));

  _cd_request_wizard_update_buttons (self);
}

void
_cd_request_wizard_show_step (CdRequestWizard *self,
                              guint            step)
{
  g_assert (CD_IS_REQUEST_WIZARD (self));
  g_assert (step < G_N_ELEMENTS (steps));

  gtk_stack_set_visible_child_name (self->stack, steps[step]);

  switch (step)
    {
    case 0:
      gtk_widget_grab_focus (GTK_WIDGET (self->server_check));
      break;
    case 1:
      gtk_widget_grab_focus (self->cn_row);
      break;
    case 2:
      if (self->san_rows->len > 0)
        gtk_widget_grab_focus (GTK_WIDGET (((SanRow *)g_ptr_array_index (self->san_rows, 0))->entry));
      else
        gtk_widget_grab_focus (GTK_WIDGET (self->cn_as_dns_switch));
      break;
    case 3:
      gtk_widget_grab_focus (GTK_WIDGET (self->key_type_row));
      break;
    case 4:
      gtk_widget_grab_focus (self->generate_button);
      break;
    default:
      break;
    }
}

/* Errors the core finds in the whole request that the pages' own
 * checks do not see, e.g. a common name that cannot be a DNS name.
 */
static gboolean
check_builder (CdRequestWizard *self,
               GtkLabel        *label,
               gboolean         sans)
{
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GString) messages = g_string_new (NULL);

  g_assert (CD_IS_REQUEST_WIZARD (self));

  _cd_request_wizard_sync_builder (self);
  errors = cd_request_builder_validate (self->builder);
  if (errors == NULL)
    return TRUE;

  for (guint i = 0; i < errors->len; i++)
    {
      const GError *error = g_ptr_array_index (errors, i);
      gboolean san_error = error->code >= CD_REQUEST_ERROR_SAN_DNS &&
                           error->code <= CD_REQUEST_ERROR_SAN_DUPLICATE;

      if (san_error != sans)
        continue;

      if (messages->len > 0)
        g_string_append_c (messages, '\n');
      g_string_append (messages, error->message);
    }

  _cd_request_wizard_show_message (label, messages->str);

  return messages->len == 0;
}

void
_cd_request_wizard_next_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  CdRequestWizard *self = CD_REQUEST_WIZARD (widget);
  int step = get_step (self);

  if (step < 0 || step >= (int)G_N_ELEMENTS (steps) - 1 || _cd_request_wizard_is_generating (self))
    return;

  switch (step)
    {
    case 1:
      self->subject_tried = TRUE;
      if (!_cd_request_wizard_validate_subject (self) ||
          !check_builder (self, self->subject_error_label, FALSE))
        return;
      _cd_request_wizard_validate_sans (self);
      break;

    case 2:
      if (!_cd_request_wizard_validate_sans (self))
        {
          _cd_request_wizard_show_message (self->san_error_label,
                                           _("Correct the names marked in red, or remove them."));
          return;
        }
      if (!check_builder (self, self->san_error_label, TRUE))
        return;
      break;

    case 3:
      _cd_request_wizard_sync_builder (self);
      fill_review (self);
      break;

    default:
      break;
    }

  _cd_request_wizard_show_step (self, step + 1);
}

void
_cd_request_wizard_back_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  CdRequestWizard *self = CD_REQUEST_WIZARD (widget);
  int step = get_step (self);

  if (step > 0 && !_cd_request_wizard_is_generating (self))
    _cd_request_wizard_show_step (self, step - 1);
}
