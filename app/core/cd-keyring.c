/* cd-keyring.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* CdKeyring keeps private keys in the Secret Service (GNOME Keyring,
 * KeePassXC, …) through libsecret: one item per key, found by the key id
 * (hex SHA-256 of the SubjectPublicKeyInfo), the secret being the PKCS#8
 * PEM. There is no plain-file fallback: without a Secret Service, storing
 * a key fails with a message that says how to get one.
 */

#define G_LOG_DOMAIN "cd-keyring"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "cd-errors.h"
#include "cd-keyring.h"

struct _CdKeyring
{
  GObject  parent_instance;

  /* Whether the Secret Service may show its unlock prompt. The CLI
   * without a terminal and the tests say no: a prompt nobody answers
   * would hang them.
   */
  gboolean allow_prompt;
};

G_DEFINE_FINAL_TYPE (CdKeyring, cd_keyring, G_TYPE_OBJECT)

static const SecretSchema key_schema = {
  "io.github.certdesk.Certdesk.Key",
  SECRET_SCHEMA_NONE,
  {
    { "key-id", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "algorithm", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "label", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  }
};

static void
set_no_service_error (GError **error,
                      GError  *cause)
{
  g_debug ("No Secret Service: %s", cause ? cause->message : "(no detail)");
  g_set_error (error, CD_KEYRING_ERROR, CD_KEYRING_ERROR_NO_SERVICE,
               _("Private keys are kept in your keyring, but no keyring service (Secret Service) is running. "
                 "Install and start GNOME Keyring, or another Secret Service such as KeePassXC, and try again."));
}

static void
set_locked_error (GError **error)
{
  g_set_error (error, CD_KEYRING_ERROR, CD_KEYRING_ERROR_LOCKED,
               _("Your keyring is locked. Unlock it (for example in Passwords and Keys) and try again."));
}

/* Turns what libsecret and D-Bus report into our three cases: no
 * service at all, a locked keyring, anything else.
 */
static void
propagate_secret_error (GError **error,
                        GError  *cause)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_error_copy (cause));
      return;
    }

  if (cause->domain == G_IO_ERROR ||
      cause->domain == G_SPAWN_ERROR ||
      g_error_matches (cause, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN) ||
      g_error_matches (cause, G_DBUS_ERROR, G_DBUS_ERROR_NAME_HAS_NO_OWNER) ||
      g_error_matches (cause, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_SERVICE_NOT_FOUND) ||
      g_error_matches (cause, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_EXEC_FAILED) ||
      g_error_matches (cause, G_DBUS_ERROR, G_DBUS_ERROR_NO_SERVER) ||
      g_error_matches (cause, G_DBUS_ERROR, G_DBUS_ERROR_FILE_NOT_FOUND))
    {
      set_no_service_error (error, cause);
      return;
    }

  /* gnome-keyring answers UnknownMethod on a login collection that was
   * started but never unlocked, and IsLocked where the prompt failed.
   */
  if (g_error_matches (cause, SECRET_ERROR, SECRET_ERROR_IS_LOCKED) ||
      g_error_matches (cause, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD) ||
      g_error_matches (cause, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_OBJECT))
    {
      set_locked_error (error);
      return;
    }

  g_set_error (error, CD_KEYRING_ERROR, CD_KEYRING_ERROR_FAILED,
               _("The keyring failed: %s"), cause->message);
}

/* Finds the default collection and makes sure it is unlocked before
 * anything is written, so that a locked keyring is reported as such
 * (and, where allowed, unlocked through the Secret Service's prompt)
 * rather than failing half-way.
 */
static gboolean
ensure_unlocked (CdKeyring     *self,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(SecretService) service = NULL;
  g_autoptr(SecretCollection) collection = NULL;
  g_autoptr(GError) local_error = NULL;

  service = secret_service_get_sync (SECRET_SERVICE_NONE, cancellable, &local_error);
  if (service == NULL)
    {
      propagate_secret_error (error, local_error);
      return FALSE;
    }

  collection = secret_collection_for_alias_sync (service, SECRET_COLLECTION_DEFAULT,
                                                 SECRET_COLLECTION_NONE, cancellable,
                                                 &local_error);
  if (local_error != NULL)
    {
      propagate_secret_error (error, local_error);
      return FALSE;
    }

  if (collection == NULL)
    {
      /* No default keyring yet: libsecret would prompt to create one. */
      if (!self->allow_prompt)
        {
          set_locked_error (error);
          return FALSE;
        }
      return TRUE;
    }

  if (!secret_collection_get_locked (collection))
    return TRUE;

  if (self->allow_prompt)
    {
      g_autoptr(GList) objects = g_list_append (NULL, collection);

      if (secret_service_unlock_sync (service, objects, cancellable, NULL, &local_error) > 0 &&
          !secret_collection_get_locked (collection))
        return TRUE;

      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (local_error != NULL)
        g_debug ("Unlocking the keyring failed: %s", local_error->message);
    }

  set_locked_error (error);
  return FALSE;
}

static void
cd_keyring_class_init (CdKeyringClass *klass)
{
}

static void
cd_keyring_init (CdKeyring *self)
{
}

/**
 * cd_keyring_new:
 * @allow_prompt: whether the keyring may ask the user to unlock it
 *
 * Returns: (transfer full): a new #CdKeyring
 */
CdKeyring *
cd_keyring_new (gboolean allow_prompt)
{
  CdKeyring *self = g_object_new (CD_TYPE_KEYRING, NULL);

  self->allow_prompt = !!allow_prompt;

  return self;
}

gboolean
cd_keyring_get_allow_prompt (CdKeyring *self)
{
  g_return_val_if_fail (CD_IS_KEYRING (self), FALSE);

  return self->allow_prompt;
}

/**
 * cd_keyring_store_key:
 * @self: a #CdKeyring
 * @key_id: the key id
 * @algorithm: "RSA", "EC", "Ed25519", …
 * @label: a name for people, shown by keyring managers
 * @pkcs8_pem: the private key as PKCS#8 PEM
 * @out_created: (out) (optional): %FALSE if the keyring held it already
 * @cancellable: (nullable): a #GCancellable
 * @error: a location for a #GError
 *
 * Stores the key in the default keyring, unless a key with that key id
 * is there already.
 *
 * Returns: %TRUE if the keyring holds the key afterwards
 */
gboolean
cd_keyring_store_key (CdKeyring     *self,
                      const char    *key_id,
                      const char    *algorithm,
                      const char    *label,
                      const char    *pkcs8_pem,
                      gboolean      *out_created,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *item_label = NULL;
  gboolean has_key = FALSE;

  g_return_val_if_fail (CD_IS_KEYRING (self), FALSE);
  g_return_val_if_fail (key_id != NULL, FALSE);
  g_return_val_if_fail (algorithm != NULL, FALSE);
  g_return_val_if_fail (label != NULL, FALSE);
  g_return_val_if_fail (pkcs8_pem != NULL, FALSE);

  if (out_created != NULL)
    *out_created = FALSE;

  if (!ensure_unlocked (self, cancellable, error))
    return FALSE;

  if (!cd_keyring_has_key (self, key_id, &has_key, cancellable, error))
    return FALSE;

  if (has_key)
    return TRUE;

  /* translators: the label of a private key in the keyring, as keyring
   * managers such as Passwords and Keys show it; %s is the certificate name */
  item_label = g_strdup_printf (_("Certdesk private key for %s"), label);

  if (!secret_password_store_sync (&key_schema, SECRET_COLLECTION_DEFAULT, item_label,
                                   pkcs8_pem, cancellable, &local_error,
                                   "key-id", key_id,
                                   "algorithm", algorithm,
                                   "label", label,
                                   NULL))
    {
      propagate_secret_error (error, local_error);
      return FALSE;
    }

  if (out_created != NULL)
    *out_created = TRUE;

  return TRUE;
}

/**
 * cd_keyring_has_key:
 * @self: a #CdKeyring
 * @key_id: the key id
 * @out_has_key: (out): whether the keyring holds a key with that id
 * @cancellable: (nullable): a #GCancellable
 * @error: a location for a #GError
 *
 * Returns: %TRUE if the keyring could be asked
 */
gboolean
cd_keyring_has_key (CdKeyring     *self,
                    const char    *key_id,
                    gboolean      *out_has_key,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  GList *items;

  g_return_val_if_fail (CD_IS_KEYRING (self), FALSE);
  g_return_val_if_fail (key_id != NULL, FALSE);
  g_return_val_if_fail (out_has_key != NULL, FALSE);

  *out_has_key = FALSE;

  items = secret_password_search_sync (&key_schema, SECRET_SEARCH_NONE, cancellable,
                                       &local_error, "key-id", key_id, NULL);
  if (local_error != NULL)
    {
      propagate_secret_error (error, local_error);
      return FALSE;
    }

  *out_has_key = items != NULL;
  g_list_free_full (items, g_object_unref);

  return TRUE;
}

/**
 * cd_keyring_lookup_key:
 * @self: a #CdKeyring
 * @key_id: the key id
 * @cancellable: (nullable): a #GCancellable
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the PKCS#8 PEM, to be released
 *   with cd_keyring_free_secret(); %NULL with %CD_KEYRING_ERROR_NOT_FOUND
 *   when there is no such key
 */
char *
cd_keyring_lookup_key (CdKeyring     *self,
                       const char    *key_id,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  char *secret;

  g_return_val_if_fail (CD_IS_KEYRING (self), NULL);
  g_return_val_if_fail (key_id != NULL, NULL);

  if (!ensure_unlocked (self, cancellable, error))
    return NULL;

  secret = secret_password_lookup_sync (&key_schema, cancellable, &local_error,
                                        "key-id", key_id, NULL);
  if (local_error != NULL)
    {
      propagate_secret_error (error, local_error);
      return NULL;
    }

  if (secret == NULL)
    g_set_error (error, CD_KEYRING_ERROR, CD_KEYRING_ERROR_NOT_FOUND,
                 _("The private key is no longer in your keyring."));

  return secret;
}

/**
 * cd_keyring_delete_key:
 * @self: a #CdKeyring
 * @key_id: the key id
 * @cancellable: (nullable): a #GCancellable
 * @error: a location for a #GError
 *
 * Returns: %TRUE if no key with that id is left in the keyring
 */
gboolean
cd_keyring_delete_key (CdKeyring     *self,
                       const char    *key_id,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (CD_IS_KEYRING (self), FALSE);
  g_return_val_if_fail (key_id != NULL, FALSE);

  secret_password_clear_sync (&key_schema, cancellable, &local_error,
                              "key-id", key_id, NULL);
  if (local_error != NULL)
    {
      propagate_secret_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}

/**
 * cd_keyring_free_secret:
 * @secret: (nullable): a secret from cd_keyring_lookup_key()
 *
 * Wipes and frees @secret.
 */
void
cd_keyring_free_secret (char *secret)
{
  secret_password_free (secret);
}
