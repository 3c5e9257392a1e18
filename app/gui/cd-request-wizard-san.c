/* cd-request-wizard-san.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Alternative Names page of CdRequestWizard: the rows of the SAN
 * builder (type, value, up, down, remove), each checked as it is typed.
 */

#define G_LOG_DOMAIN "cd-request-wizard"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-errors.h"
#include "cd-request-wizard-private.h"

static const char *
get_san_placeholder (CdSanType type)
{
  switch (type)
    {
    case CD_SAN_TYPE_DNS: return _("host.example.com");
    case CD_SAN_TYPE_IP: return _("192.0.2.10 or 2001:db8::10");
    case CD_SAN_TYPE_EMAIL: return _("user@example.com");
    case CD_SAN_TYPE_URI: return _("sip:pbx.example.com");
    default: g_assert_not_reached ();
    }
}

/* Subject alternative names */

CdSanType
_cd_request_wizard_get_san_row_type (SanRow *row)
{
  return (CdSanType)gtk_drop_down_get_selected (row->type);
}

static void
set_hint (SanRow     *row,
          const char *text,
          gboolean    error)
{
  gtk_label_set_label (row->hint, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (row->hint), text != NULL && text[0] != '\0');
  _cd_request_wizard_set_error_style (GTK_WIDGET (row->hint), error);
  if (!error)
    gtk_widget_add_css_class (GTK_WIDGET (row->hint), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row->hint), "dim-label");
  _cd_request_wizard_set_error_style (GTK_WIDGET (row->entry), error);
}

static char *
dup_san_key (CdSanType   type,
             const char *normalized)
{
  g_autofree char *folded = NULL;

  /* Host names and e-mail domains compare without case. */
  if (type == CD_SAN_TYPE_DNS || type == CD_SAN_TYPE_EMAIL)
    folded = g_ascii_strdown (normalized, -1);
  else
    folded = g_strdup (normalized);

  return g_strdup_printf ("%d:%s", type, folded);
}

/* Checks each row as typed; returns whether all can go into the
 * request. Empty rows are left out of it, so they are not errors.
 */
gboolean
_cd_request_wizard_validate_sans (CdRequestWizard *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean ok = TRUE;

  g_assert (CD_IS_REQUEST_WIZARD (self));

  if (gtk_switch_get_active (self->cn_as_dns_switch))
    {
      g_autofree char *cn = _cd_request_wizard_dup_text (self->cn_row);
      g_autofree char *normalized = NULL;

      if (cn[0] != '\0' &&
          cd_request_validate_san_entry (CD_SAN_TYPE_DNS, cn, &normalized, NULL))
        g_hash_table_add (seen, dup_san_key (CD_SAN_TYPE_DNS, normalized));
    }

  for (guint i = 0; i < self->san_rows->len; i++)
    {
      SanRow *row = g_ptr_array_index (self->san_rows, i);
      g_autofree char *text = _cd_request_wizard_dup_text (GTK_WIDGET (row->entry));
      g_autofree char *normalized = NULL;
      g_autofree char *key = NULL;
      g_autofree char *hint = NULL;
      g_autoptr(GError) error = NULL;
      CdSanType type = _cd_request_wizard_get_san_row_type (row);

      if (text[0] == '\0')
        {
          set_hint (row, NULL, FALSE);
          continue;
        }

      if (!cd_request_validate_san_entry (type, text, &normalized, &error))
        {
          set_hint (row, error->message, TRUE);
          ok = FALSE;
          continue;
        }

      key = dup_san_key (type, normalized);
      if (g_hash_table_contains (seen, key))
        {
          /* translators: %s is a name in the list, e.g. www.example.com */
          hint = g_strdup_printf (_("“%s” is already in the list. Remove one of them."), text);
          set_hint (row, hint, TRUE);
          ok = FALSE;
          continue;
        }
      g_hash_table_add (seen, g_steal_pointer (&key));

      /* An internationalised name goes into the request as punycode. */
      if (g_strcmp0 (normalized, text) != 0)
        {
          /* translators: %s is the name as the request carries it, e.g. xn--bcher-kva.example */
          hint = g_strdup_printf (_("In the request as %s"), normalized);
          set_hint (row, hint, FALSE);
        }
      else
        {
          set_hint (row, NULL, FALSE);
        }
    }

  if (ok)
    _cd_request_wizard_show_message (self->san_error_label, NULL);

  _cd_request_wizard_queue_checks (self);

  return ok;
}

void
_cd_request_wizard_on_san_changed_cb (CdRequestWizard *self)
{
  g_assert (CD_IS_REQUEST_WIZARD (self));

  if (!self->loading)
    _cd_request_wizard_validate_sans (self);
}

static void
on_san_type_changed_cb (CdRequestWizard *self,
                        GParamSpec      *pspec,
                        GtkDropDown     *drop_down)
{
  g_assert (CD_IS_REQUEST_WIZARD (self));

  for (guint i = 0; i < self->san_rows->len; i++)
    {
      SanRow *row = g_ptr_array_index (self->san_rows, i);

      if (row->type == drop_down)
        gtk_entry_set_placeholder_text (row->entry, get_san_placeholder (_cd_request_wizard_get_san_row_type (row)));
    }

  _cd_request_wizard_on_san_changed_cb (self);
}

/* The row buttons carry their row's position as the action target. */
void
_cd_request_wizard_renumber_san_rows (CdRequestWizard *self)
{
  g_assert (CD_IS_REQUEST_WIZARD (self));

  for (guint i = 0; i < self->san_rows->len; i++)
    {
      SanRow *row = g_ptr_array_index (self->san_rows, i);

      gtk_actionable_set_action_target (GTK_ACTIONABLE (row->up_button), "u", i);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row->down_button), "u", i);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row->remove_button), "u", i);
      gtk_widget_set_sensitive (row->up_button, i > 0);
      gtk_widget_set_sensitive (row->down_button, i + 1 < self->san_rows->len);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->san_list), self->san_rows->len > 0);
}

static GtkWidget *
new_row_button (const char *icon_name,
                const char *action_name,
                const char *tooltip)
{
  GtkWidget *button = g_object_new (GTK_TYPE_BUTTON,
                                    "icon-name", icon_name,
                                    "tooltip-text", tooltip,
                                    "valign", GTK_ALIGN_CENTER,
                                    NULL);

  /* The target first: the action takes the row's position. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "u", 0);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);

  return button;
}

SanRow *
_cd_request_wizard_add_san_row (CdRequestWizard *self,
                                CdSanType        type,
                                const char      *text)
{
  const char *type_titles[] = {
    _("DNS Name"), _("IP Address"), _("Email"), _("URI"), NULL,
  };
  GtkWidget *box;
  GtkWidget *line;
  SanRow *row;

  g_assert (CD_IS_REQUEST_WIZARD (self));

  row = g_new0 (SanRow, 1);

  row->type = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (type_titles));
  gtk_drop_down_set_selected (row->type, type);
  gtk_widget_set_valign (GTK_WIDGET (row->type), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (row->type), _("Kind of Name"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->type),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Kind of Name"),
                                  -1);

  row->entry = GTK_ENTRY (gtk_entry_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (row->entry), TRUE);
  gtk_widget_set_valign (GTK_WIDGET (row->entry), GTK_ALIGN_CENTER);
  gtk_entry_set_activates_default (row->entry, TRUE);
  gtk_entry_set_placeholder_text (row->entry, get_san_placeholder (type));
  gtk_editable_set_text (GTK_EDITABLE (row->entry), text != NULL ? text : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Name"),
                                  -1);

  row->up_button = new_row_button ("go-up-symbolic", "wizard.san-up", _("Move Up"));
  row->down_button = new_row_button ("go-down-symbolic", "wizard.san-down", _("Move Down"));
  row->remove_button = new_row_button ("user-trash-symbolic", "wizard.san-remove", _("Remove"));

  row->hint = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (row->hint, 0);
  gtk_label_set_wrap (row->hint, TRUE);
  gtk_label_set_wrap_mode (row->hint, PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (GTK_WIDGET (row->hint), "caption");
  gtk_widget_set_visible (GTK_WIDGET (row->hint), FALSE);

  line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (line), GTK_WIDGET (row->type));
  gtk_box_append (GTK_BOX (line), GTK_WIDGET (row->entry));
  gtk_box_append (GTK_BOX (line), row->up_button);
  gtk_box_append (GTK_BOX (line), row->down_button);
  gtk_box_append (GTK_BOX (line), row->remove_button);

  box = g_object_new (GTK_TYPE_BOX,
                      "orientation", GTK_ORIENTATION_VERTICAL,
                      "spacing", 6,
                      "margin-top", 6,
                      "margin-bottom", 6,
                      "margin-start", 12,
                      "margin-end", 6,
                      NULL);
  gtk_box_append (GTK_BOX (box), line);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row->hint));

  row->row = g_object_new (GTK_TYPE_LIST_BOX_ROW,
                           "child", box,
                           "activatable", FALSE,
                           NULL);

  g_signal_connect_object (row->entry, "changed",
                           G_CALLBACK (_cd_request_wizard_on_san_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row->type, "notify::selected",
                           G_CALLBACK (on_san_type_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_list_box_append (self->san_list, row->row);
  g_ptr_array_add (self->san_rows, row);
  _cd_request_wizard_renumber_san_rows (self);

  return row;
}

void
_cd_request_wizard_add_san_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *param)
{
  CdRequestWizard *self = CD_REQUEST_WIZARD (widget);
  SanRow *row = _cd_request_wizard_add_san_row (self, CD_SAN_TYPE_DNS, NULL);

  gtk_widget_grab_focus (GTK_WIDGET (row->entry));
}

static void
move_san_row (CdRequestWizard *self,
              guint            from,
              guint            to,
              GtkWidget       *focus_button)
{
  SanRow *row;

  g_assert (CD_IS_REQUEST_WIZARD (self));

  if (from >= self->san_rows->len || to >= self->san_rows->len || from == to)
    return;

  row = g_ptr_array_steal_index (self->san_rows, from);
  g_ptr_array_insert (self->san_rows, to, row);

  g_object_ref (row->row);
  gtk_list_box_remove (self->san_list, row->row);
  gtk_list_box_insert (self->san_list, row->row, to);
  g_object_unref (row->row);

  _cd_request_wizard_renumber_san_rows (self);
  _cd_request_wizard_validate_sans (self);

  /* Pressing the key again keeps moving the same row. */
  if (focus_button != NULL && gtk_widget_get_sensitive (focus_button))
    gtk_widget_grab_focus (focus_button);
  else
    gtk_widget_grab_focus (GTK_WIDGET (row->entry));
}

void
_cd_request_wizard_san_up_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param)
{
  CdRequestWizard *self = CD_REQUEST_WIZARD (widget);
  guint position = g_variant_get_uint32 (param);
  SanRow *row;

  if (position == 0 || position >= self->san_rows->len)
    return;

  row = g_ptr_array_index (self->san_rows, position);
  move_san_row (self, position, position - 1, row->up_button);
}

void
_cd_request_wizard_san_down_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param)
{
  CdRequestWizard *self = CD_REQUEST_WIZARD (widget);
  guint position = g_variant_get_uint32 (param);
  SanRow *row;

  if (position + 1 >= self->san_rows->len)
    return;

  row = g_ptr_array_index (self->san_rows, position);
  move_san_row (self, position, position + 1, row->down_button);
}

void
_cd_request_wizard_san_remove_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *param)
{
  CdRequestWizard *self = CD_REQUEST_WIZARD (widget);
  guint position = g_variant_get_uint32 (param);
  SanRow *row;

  if (position >= self->san_rows->len)
    return;

  row = g_ptr_array_steal_index (self->san_rows, position);
  gtk_list_box_remove (self->san_list, row->row);
  g_free (row);

  _cd_request_wizard_renumber_san_rows (self);
  _cd_request_wizard_validate_sans (self);

  if (self->san_rows->len > 0)
    {
      row = g_ptr_array_index (self->san_rows, MIN (position, self->san_rows->len - 1));
      gtk_widget_grab_focus (GTK_WIDGET (row->entry));
    }
}

/**
 * cd_request_wizard_get_n_san_rows:
 * @self: a #CdRequestWizard
 *
 * Returns: the number of rows in the alternative names list
 */
guint
cd_request_wizard_get_n_san_rows (CdRequestWizard *self)
{
  g_return_val_if_fail (CD_IS_REQUEST_WIZARD (self), 0);

  return self->san_rows->len;
}

static SanRow *
get_san_row (CdRequestWizard *self,
             guint            position)
{
  g_return_val_if_fail (CD_IS_REQUEST_WIZARD (self), NULL);
  g_return_val_if_fail (position < self->san_rows->len, NULL);

  return g_ptr_array_index (self->san_rows, position);
}

/**
 * cd_request_wizard_get_san_type:
 * @self: a #CdRequestWizard
 * @position: a row of the alternative names list
 *
 * Returns: (transfer none): the row's drop-down of name kinds, in the
 *   order of #CdSanType
 */
GtkDropDown *
cd_request_wizard_get_san_type (CdRequestWizard *self,
                                guint            position)
{
  SanRow *row = get_san_row (self, position);

  return row != NULL ? row->type : NULL;
}

/**
 * cd_request_wizard_get_san_entry:
 * @self: a #CdRequestWizard
 * @position: a row of the alternative names list
 *
 * Returns: (transfer none): the row's entry
 */
GtkEditable *
cd_request_wizard_get_san_entry (CdRequestWizard *self,
                                 guint            position)
{
  SanRow *row = get_san_row (self, position);

  return row != NULL ? GTK_EDITABLE (row->entry) : NULL;
}

/**
 * cd_request_wizard_get_san_hint:
 * @self: a #CdRequestWizard
 * @position: a row of the alternative names list
 *
 * Returns: (transfer none): what the row says under the name: an error,
 *   the punycode form, or ""
 */
const char *
cd_request_wizard_get_san_hint (CdRequestWizard *self,
                                guint            position)
{
  SanRow *row = get_san_row (self, position);

  return row != NULL ? gtk_label_get_label (row->hint) : NULL;
}
