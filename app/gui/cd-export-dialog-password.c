/* cd-export-dialog-password.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The password of CdExportDialog: whether the two rows match and how
 * strong the password is, told in a hint below them.
 */

#define G_LOG_DOMAIN "cd-export-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-export-dialog-private.h"

/* Sets or clears one of the "error"/"warning"/"success"/"dim-label"
 * classes of the password hint, leaving it with @css_class alone.
 */
static void
set_hint (CdExportDialog *self,
          const char     *text,
          const char     *css_class)
{
  static const char *classes[] = { "error", "warning", "success", "dim-label" };

  g_assert (CD_IS_EXPORT_DIALOG (self));

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->password_hint), classes[i]);
  if (css_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->password_hint), css_class);

  gtk_label_set_label (self->password_hint, text);
}

/* Returns whether the password rows allow an export. */
gboolean
_cd_export_dialog_update_password_hint (CdExportDialog *self)
{
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  const char *confirm = gtk_editable_get_text (GTK_EDITABLE (self->confirm_row));
  const char *rating;

  g_assert (CD_IS_EXPORT_DIALOG (self));

  if (confirm[0] != '\0' && g_strcmp0 (password, confirm) != 0)
    {
      gtk_widget_add_css_class (self->confirm_row, "error");
      set_hint (self, _("The passwords do not match."), "error");
      return FALSE;
    }

  gtk_widget_remove_css_class (self->confirm_row, "error");

  if (password[0] == '\0')
    {
      set_hint (self, _("Type the password twice."), "dim-label");
      return FALSE;
    }

  rating = cd_export_dialog_rate_password (password);
  if (g_str_equal (rating, "strong"))
    set_hint (self, _("Strong password."), "success");
  else if (g_str_equal (rating, "fair"))
    set_hint (self, _("Fair password. A longer one, mixing upper and lower case letters, digits "
                      "and symbols, is stronger."), "warning");
  else
    set_hint (self, _("Weak password. Use at least 12 characters, mixing upper and lower case "
                      "letters, digits and symbols."), "error");

  if (confirm[0] == '\0')
    return FALSE;

  return TRUE;
}

/**
 * cd_export_dialog_rate_password:
 * @password: a password
 *
 * Rates @password by its length and the kinds of characters in it
 * (lower case, upper case, digits, anything else), without a
 * dictionary: enough to warn about "1234", not a cracking estimate.
 *
 * Returns: "weak", "fair" or "strong"
 */
const char *
cd_export_dialog_rate_password (const char *password)
{
  gboolean lower = FALSE, upper = FALSE, digit = FALSE, other = FALSE;
  glong length;
  guint classes;

  g_return_val_if_fail (password != NULL, "weak");

  for (const char *p = password; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_islower (c))
        lower = TRUE;
      else if (g_unichar_isupper (c))
        upper = TRUE;
      else if (g_unichar_isdigit (c))
        digit = TRUE;
      else
        other = TRUE;
    }

  length = g_utf8_strlen (password, -1);
  classes = lower + upper + digit + other;

  if ((length >= 12 && classes >= 3) || (length >= 16 && classes >= 2) || length >= 24)
    return "strong";
  if ((length >= 8 && classes >= 2) || length >= 12)
    return "fair";

  return "weak";
}
