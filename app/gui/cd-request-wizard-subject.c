/* cd-request-wizard-subject.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Subject page of CdRequestWizard: the distinguished name's rows,
 * each checked by the core as it is typed.
 */

#define G_LOG_DOMAIN "cd-request-wizard"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-errors.h"
#include "cd-request-wizard-private.h"

/* Subject */

gboolean
_cd_request_wizard_validate_subject (CdRequestWizard *self)
{
  g_autoptr(GString) messages = g_string_new (NULL);
  GtkWidget *first_error = NULL;

  g_assert (CD_IS_REQUEST_WIZARD (self));

  for (guint field = 0; field < CD_N_SUBJECT_FIELDS; field++)
    {
      g_autofree char *text = _cd_request_wizard_dup_text (self->subject_rows[field]);
      g_autoptr(GError) error = NULL;
      gboolean ok = TRUE;

      if (text[0] == '\0')
        {
          if (field == CD_SUBJECT_FIELD_COMMON_NAME && self->subject_tried)
            {
              g_set_error_literal (&error, CD_REQUEST_ERROR, CD_REQUEST_ERROR_COMMON_NAME,
                                   _("Enter the common name, usually the host name of the server."));
              ok = FALSE;
            }
        }
      else
        {
          ok = cd_request_validate_subject_field (field, text, NULL, &error);
        }

      _cd_request_wizard_set_error_style (self->subject_rows[field], !ok);
      if (!ok)
        {
          if (first_error == NULL)
            first_error = self->subject_rows[field];
          if (messages->len > 0)
            g_string_append_c (messages, '\n');
          g_string_append (messages, error->message);
        }
    }

  _cd_request_wizard_show_message (self->subject_error_label, messages->str);

  if (first_error != NULL && self->subject_tried)
    gtk_widget_grab_focus (first_error);

  _cd_request_wizard_queue_checks (self);

  return first_error == NULL;
}

void
_cd_request_wizard_on_subject_changed_cb (CdRequestWizard *self)
{
  g_assert (CD_IS_REQUEST_WIZARD (self));

  if (self->loading)
    return;

  /* Focus stays where the user types; only Next moves it to an error. */
  self->subject_tried = FALSE;
  _cd_request_wizard_validate_subject (self);
}
