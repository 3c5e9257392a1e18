/* cd-window-manage.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The managing side of CdWindow: copying and moving the selected
 * certificates to another store (from the context menu, or by dragging
 * them onto a store in the sidebar, Ctrl to copy), and deleting them
 * after a confirmation, with an Undo toast. The deletion is kept until
 * the toast goes; only then are private keys the user chose to delete
 * removed from the keyring, since a key, unlike a row, cannot be put
 * back.
 */

#define G_LOG_DOMAIN "cd-window"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-certificate.h"
#include "cd-database.h"
#include "cd-keyring.h"
#include "cd-store-kind.h"
#include "cd-window-private.h"

/* Long enough to notice a mistake and reach the button. */
#define UNDO_TIMEOUT_SECONDS 10

static GPtrArray *
dup_selected (CdWindow *self)
{
  g_assert (CD_IS_WINDOW (self));

  /* "Expiring Soon" lists certificates of several stores to look at;
   * managing is done in a store.
   */
  if (self->showing_expiring || self->database == NULL)
    return g_ptr_array_new_with_free_func (g_object_unref);

  return cd_store_view_dup_selected (self->store_view);
}

static gboolean
transfer_rows (CdWindow    *self,
               GPtrArray   *rows,
               CdStoreKind  to,
               gboolean     move)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *store = cd_store_kind_get_title (to);
  guint n_done = 0;
  gboolean ok;

  g_assert (CD_IS_WINDOW (self));

  if (rows->len == 0)
    return FALSE;

  if (move)
    ok = cd_database_move_to_store (self->database, rows, to, &n_done, &error);
  else
    ok = cd_database_copy_to_store (self->database, rows, to, &n_done, &error);

  if (!ok)
    {
      _cd_window_add_toast (self, error->message);
      return FALSE;
    }

  g_debug ("%s %u of %u certificates to %s", move ? "Moved" : "Copied", n_done, rows->len,
           cd_store_kind_to_id (to));

  if (n_done == 0)
    /* translators: %s is a store, e.g. "Trusted People" */
    text = g_strdup_printf (_("Nothing changed: the certificates are already in %s"), store);
  else if (move)
    /* translators: the second %s is a store, e.g. "Trusted People" */
    text = g_strdup_printf (ngettext ("Moved %u certificate to %s", "Moved %u certificates to %s",
                                      n_done),
                            n_done, store);
  else
    text = g_strdup_printf (ngettext ("Copied %u certificate to %s", "Copied %u certificates to %s",
                                      n_done),
                            n_done, store);

  _cd_window_add_toast (self, text);
  cd_window_reload (self);

  return TRUE;
}

static void
copy_to_store_action (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  CdWindow *self = CD_WINDOW (user_data);
  g_autoptr(GPtrArray) rows = dup_selected (self);
  CdStoreKind kind;

  if (cd_store_kind_from_id (g_variant_get_string (param, NULL), &kind))
    transfer_rows (self, rows, kind, FALSE);
}

static void
move_to_store_action (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  CdWindow *self = CD_WINDOW (user_data);
  g_autoptr(GPtrArray) rows = dup_selected (self);
  CdStoreKind kind;

  if (cd_store_kind_from_id (g_variant_get_string (param, NULL), &kind))
    transfer_rows (self, rows, kind, TRUE);
}

/* Deleting */

static void
finish_deletion (CdWindow *self)
{
  g_autoptr(CdDeletion) deletion = NULL;
  g_auto(GStrv) key_ids = NULL;

  g_assert (CD_IS_WINDOW (self));

  if (self->undo_toast != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->undo_toast, self);
      g_clear_object (&self->undo_toast);
    }

  deletion = g_steal_pointer (&self->deletion);
  key_ids = g_steal_pointer (&self->deletion_key_ids);

  /* Undo is no longer offered: now the keys may go. The keyring first,
   * so that a key the keyring kept is still known to the database.
   */
  for (guint i = 0; deletion != NULL && key_ids != NULL && key_ids[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!cd_keyring_delete_key (self->keyring, key_ids[i], NULL, &error) ||
          !cd_database_forget_key (self->database, key_ids[i], &error))
        {
          g_warning ("Could not delete the private key %s: %s", key_ids[i], error->message);
          _cd_window_add_toast (self, error->message);
        }
    }
}

static void
on_undo_toast_dismissed_cb (CdWindow *self,
                            AdwToast *toast)
{
  g_assert (CD_IS_WINDOW (self));

  if (toast == self->undo_toast)
    finish_deletion (self);
}

static void
undo_delete_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  CdWindow *self = CD_WINDOW (user_data);
  g_autoptr(CdDeletion) deletion = NULL;
  g_autoptr(AdwToast) toast = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint n_entries;

  if (self->deletion == NULL)
    return;

  /* Nothing of this deletion is to be finished any more. */
  deletion = g_steal_pointer (&self->deletion);
  g_clear_pointer (&self->deletion_key_ids, g_strfreev);
  toast = g_steal_pointer (&self->undo_toast);
  if (toast != NULL)
    {
      g_signal_handlers_disconnect_by_data (toast, self);
      adw_toast_dismiss (toast);
    }

  if (!cd_database_restore (self->database, deletion, &error))
    {
      _cd_window_add_toast (self, error->message);
      cd_window_reload (self);
      return;
    }

  n_entries = cd_deletion_get_n_entries (deletion);
  text = g_strdup_printf (ngettext ("Restored %u certificate", "Restored %u certificates",
                                    n_entries),
                          n_entries);
  _cd_window_add_toast (self, text);
  cd_window_reload (self);
}

static void
delete_rows (CdWindow  *self,
             GPtrArray *rows,
             gboolean   delete_keys)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  CdDeletion *deletion;
  AdwToast *toast;
  guint n_entries;

  g_assert (CD_IS_WINDOW (self));

  /* One Undo at a time: the deletion before this one is final now. */
  if (self->undo_toast != NULL)
    {
      g_autoptr(AdwToast) old_toast = g_object_ref (self->undo_toast);

      finish_deletion (self);
      adw_toast_dismiss (old_toast);
    }
  else
    {
      finish_deletion (self);
    }

  deletion = cd_database_delete_rows (self->database, rows, &error);
  if (deletion == NULL)
    {
      _cd_window_add_toast (self, error->message);
      cd_window_reload (self);
      return;
    }

  self->deletion = deletion;
  if (delete_keys)
    self->deletion_key_ids = cd_deletion_dup_orphaned_key_ids (deletion);

  n_entries = cd_deletion_get_n_entries (deletion);
  title = g_strdup_printf (ngettext ("%u certificate deleted", "%u certificates deleted",
                                     n_entries),
                           n_entries);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-delete");
  adw_toast_set_timeout (toast, UNDO_TIMEOUT_SECONDS);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_undo_toast_dismissed_cb), self,
                           G_CONNECT_SWAPPED);
  self->undo_toast = g_object_ref (toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);

  cd_window_reload (self);
}

/* Whether deleting @rows would leave a private key with no certificate
 * in any store. The core says for sure once the rows are deleted; the
 * question has to be asked before, so look at the stores here.
 */
static gboolean
would_orphan_keys (CdWindow  *self,
                   GPtrArray *rows)
{
  g_autoptr(GHashTable) key_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) deleted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_assert (CD_IS_WINDOW (self));

  for (guint i = 0; i < rows->len; i++)
    {
      CdCertificate *row = g_ptr_array_index (rows, i);

      g_hash_table_add (deleted, g_strdup_printf ("%d %s", cd_certificate_get_store (row),
                                                  cd_certificate_get_sha256 (row)));
      if (cd_certificate_get_has_private_key (row))
        g_hash_table_add (key_ids, (gpointer)cd_certificate_get_key_id (row));
    }

  for (guint kind = 0; kind < CD_N_STORE_KINDS && g_hash_table_size (key_ids) > 0; kind++)
    {
      g_autoptr(GPtrArray) others = NULL;
      g_autoptr(GError) error = NULL;

      others = cd_database_list_store (self->database, kind, &error);
      if (others == NULL)
        {
          /* Unsure: offer the choice; the core only deletes orphans. */
          g_debug ("Could not list the %s store: %s", cd_store_kind_to_id (kind), error->message);
          return TRUE;
        }

      for (guint i = 0; i < others->len; i++)
        {
          CdCertificate *other = g_ptr_array_index (others, i);
          g_autofree char *id = NULL;

          if (!g_hash_table_contains (key_ids, cd_certificate_get_key_id (other)))
            continue;

          id = g_strdup_printf ("%d %s", kind, cd_certificate_get_sha256 (other));
          if (!g_hash_table_contains (deleted, id))
            g_hash_table_remove (key_ids, cd_certificate_get_key_id (other));
        }
    }

  return g_hash_table_size (key_ids) > 0;
}

static void
on_delete_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       CdWindow         *self)
{
  GPtrArray *rows = g_object_get_data (G_OBJECT (dialog), "cd-rows");
  GtkWidget *check = adw_message_dialog_get_extra_child (dialog);
  gboolean delete_keys;

  g_assert (CD_IS_WINDOW (self));

  if (g_strcmp0 (response, "delete") != 0 || self->database == NULL)
    return;

  delete_keys = check != NULL && gtk_check_button_get_active (GTK_CHECK_BUTTON (check));
  delete_rows (self, rows, delete_keys);
}

static void
delete_selected_action (GSimpleAction *action,
                        GVariant      *param,
                        gpointer       user_data)
{
  CdWindow *self = CD_WINDOW (user_data);
  g_autoptr(GPtrArray) rows = dup_selected (self);
  g_autofree char *heading = NULL;
  g_autofree char *name = NULL;
  const char *store;
  GtkWidget *dialog;

  if (rows->len == 0)
    return;

  store = cd_store_kind_get_title (cd_certificate_get_store (g_ptr_array_index (rows, 0)));
  if (rows->len == 1)
    {
      name = cd_certificate_dup_display_name (g_ptr_array_index (rows, 0));
      /* translators: "Delete “www.example.com” from Personal?" */
      heading = g_strdup_printf (_("Delete “%s” from %s?"), name, store);
    }
  else
    {
      /* translators: "Delete 3 certificates from Personal?" */
      heading = g_strdup_printf (ngettext ("Delete %u certificate from %s?",
                                           "Delete %u certificates from %s?",
                                           rows->len),
                                 rows->len, store);
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   ngettext ("Programs that use this store will no longer find "
                                             "it. You can undo this for a few seconds afterwards.",
                                             "Programs that use this store will no longer find "
                                             "them. You can undo this for a few seconds afterwards.",
                                             rows->len));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);

  /* Unchecked by default: a deleted key cannot be brought back. */
  if (would_orphan_keys (self, rows))
    {
      GtkWidget *check = gtk_check_button_new_with_mnemonic (_("Also delete the private _key "
                                                               "from the keyring"));

      gtk_widget_set_tooltip_text (check, _("No other certificate uses this key. A deleted "
                                            "key cannot be restored, not even with Undo."));
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), check);
    }

  g_object_set_data_full (G_OBJECT (dialog), "cd-rows", g_steal_pointer (&rows),
                          (GDestroyNotify)g_ptr_array_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Dragging rows onto a store in the sidebar */

/**
 * cd_window_drop_certificates:
 * @self: a #CdWindow
 * @text: what a drag from the list carries, see
 *   cd_store_view_format_drag_text()
 * @kind: the store they were dropped on
 * @action: %GDK_ACTION_COPY to copy, %GDK_ACTION_MOVE to move
 *
 * Copies or moves the certificates of @text to @kind, as dropping them
 * on its row in the sidebar does.
 *
 * Returns: %TRUE if anything was dropped
 */
gboolean
cd_window_drop_certificates (CdWindow      *self,
                             const char    *text,
                             CdStoreKind    kind,
                             GdkDragAction  action)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_auto(GStrv) lines = NULL;

  g_return_val_if_fail (CD_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (self->database == NULL)
    return FALSE;

  rows = g_ptr_array_new_with_free_func (g_object_unref);
  lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], " ", 2);
      g_autoptr(GPtrArray) found = NULL;
      g_autoptr(GError) error = NULL;
      CdStoreKind from;

      if (g_strv_length (fields) != 2 || !cd_store_kind_from_id (fields[0], &from))
        continue;

      /* Onto its own store, a certificate stays where it is. */
      if (from == kind)
        continue;

      found = cd_database_find (self->database, fields[1], from, &error);
      if (found == NULL)
        {
          g_debug ("Dropped certificate %s is gone: %s", fields[1], error->message);
          continue;
        }

      for (guint j = 0; j < found->len; j++)
        g_ptr_array_add (rows, g_object_ref (g_ptr_array_index (found, j)));
    }

  return transfer_rows (self, rows, kind, action != GDK_ACTION_COPY);
}

static GdkDragAction
drop_action_for (GtkDropTarget *target)
{
  GdkModifierType state;

  state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (target));

  return (state & GDK_CONTROL_MASK) != 0 ? GDK_ACTION_COPY : GDK_ACTION_MOVE;
}

static GdkDragAction
on_store_drop_motion_cb (GtkDropTarget *target,
                         double         x,
                         double         y,
                         CdWindow      *self)
{
  g_assert (CD_IS_WINDOW (self));

  self->drop_action = drop_action_for (target);

  return self->drop_action;
}

static gboolean
on_store_drop_cb (GtkDropTarget *target,
                  const GValue  *value,
                  double         x,
                  double         y,
                  CdWindow      *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  GdkDragAction action = self->drop_action != 0 ? self->drop_action : GDK_ACTION_MOVE;

  g_assert (CD_IS_WINDOW (self));

  self->drop_action = 0;

  if (!G_VALUE_HOLDS_STRING (value) || g_value_get_string (value) == NULL)
    return FALSE;

  return cd_window_drop_certificates (self,
                                      g_value_get_string (value),
                                      cd_store_row_get_kind (CD_STORE_ROW (row)),
                                      action);
}

static const GActionEntry manage_actions[] = {
  { "copy-to-store", copy_to_store_action, "s" },
  { "move-to-store", move_to_store_action, "s" },
  { "delete-selected", delete_selected_action },
  { "undo-delete", undo_delete_action },
};

void
_cd_window_setup_manage (CdWindow *self)
{
  g_assert (CD_IS_WINDOW (self));
  g_assert (self->database != NULL);

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   manage_actions,
                                   G_N_ELEMENTS (manage_actions),
                                   self);

  for (guint i = 0; i < CD_N_STORE_KINDS; i++)
    {
      GtkDropTarget *target = gtk_drop_target_new (G_TYPE_STRING,
                                                   GDK_ACTION_MOVE | GDK_ACTION_COPY);

      g_signal_connect_object (target, "enter", G_CALLBACK (on_store_drop_motion_cb), self, 0);
      g_signal_connect_object (target, "motion", G_CALLBACK (on_store_drop_motion_cb), self, 0);
      g_signal_connect_object (target, "drop", G_CALLBACK (on_store_drop_cb), self, 0);
      gtk_widget_add_controller (GTK_WIDGET (self->rows[i]), GTK_EVENT_CONTROLLER (target));
    }
}

void
_cd_window_dispose_manage (CdWindow *self)
{
  g_assert (CD_IS_WINDOW (self));

  /* A window that closes while Undo is offered makes the deletion final. */
  if (self->database != NULL)
    finish_deletion (self);

  g_clear_pointer (&self->deletion, cd_deletion_unref);
  g_clear_pointer (&self->deletion_key_ids, g_strfreev);
}
