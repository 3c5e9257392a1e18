/* cd-key-generator.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* CdKeyGenerator makes private keys. A new key goes from memory straight
 * into the Secret Service and is recorded in the database; it is never
 * written to disk. RSA generation can take seconds, so it runs in a
 * worker thread and stops early when cancelled.
 */

#define G_LOG_DOMAIN "cd-key-generator"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/rsa.h>

#include "cd-database-private.h"
#include "cd-errors.h"
#include "cd-key-generator-private.h"
#include "cd-keyring.h"
#include "cd-openssl-private.h"
#include "cd-x509-private.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EVP_PKEY_CTX, EVP_PKEY_CTX_free)

struct _CdKeyGenerator
{
  GObject     parent_instance;

  CdDatabase *database;
  CdKeyring  *keyring;
};

G_DEFINE_FINAL_TYPE (CdKeyGenerator, cd_key_generator, G_TYPE_OBJECT)

typedef struct
{
  const char *id;
  const char *algorithm;   /* OpenSSL's name */
  guint       bits;        /* RSA only */
  const char *group;       /* EC only */
} KeyTypeInfo;

/* Indexed by CdKeyType. */
static const KeyTypeInfo key_types[CD_N_KEY_TYPES] = {
  { "rsa:2048", "RSA", 2048, NULL },
  { "rsa:3072", "RSA", 3072, NULL },
  { "rsa:4096", "RSA", 4096, NULL },
  { "ec:p256", "EC", 0, "P-256" },
  { "ec:p384", "EC", 0, "P-384" },
  { "ed25519", "ED25519", 0, NULL },
  { "rsa:1024", "RSA", 1024, NULL },
};

/**
 * cd_key_type_to_id:
 * @type: a #CdKeyType
 *
 * Returns: the name the command line uses, such as "rsa:2048"
 */
const char *
cd_key_type_to_id (CdKeyType type)
{
  g_return_val_if_fail (type >= 0 && type < CD_N_KEY_TYPES, NULL);

  return key_types[type].id;
}

/**
 * cd_key_type_from_id:
 * @id: a name such as "ec:p256", in any case
 * @type: (out): where the type goes
 *
 * Returns: %TRUE if @id names a key type
 */
gboolean
cd_key_type_from_id (const char *id,
                     CdKeyType  *type)
{
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (type != NULL, FALSE);

  for (guint i = 0; i < CD_N_KEY_TYPES; i++)
    {
      if (g_ascii_strcasecmp (id, key_types[i].id) == 0)
        {
          *type = i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * cd_key_type_get_title:
 * @type: a #CdKeyType
 *
 * Returns: a translated name for menus, such as "RSA 2048 bits"
 */
const char *
cd_key_type_get_title (CdKeyType type)
{
  switch (type)
    {
    case CD_KEY_TYPE_RSA_2048:
      return _("RSA 2048 bits");
    case CD_KEY_TYPE_RSA_3072:
      return _("RSA 3072 bits");
    case CD_KEY_TYPE_RSA_4096:
      return _("RSA 4096 bits");
    case CD_KEY_TYPE_EC_P256:
      return _("ECDSA P-256");
    case CD_KEY_TYPE_EC_P384:
      return _("ECDSA P-384");
    case CD_KEY_TYPE_ED25519:
      return _("Ed25519");
    case CD_KEY_TYPE_RSA_1024:
      return _("RSA 1024 bits (legacy devices only)");
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * cd_key_type_is_legacy:
 * @type: a #CdKeyType
 *
 * Returns: %TRUE for key types too weak to use unless a device needs them
 */
gboolean
cd_key_type_is_legacy (CdKeyType type)
{
  return type == CD_KEY_TYPE_RSA_1024;
}

/**
 * cd_key_type_is_rsa:
 * @type: a #CdKeyType
 *
 * Returns: %TRUE for RSA, whose keys can encipher as well as sign
 */
gboolean
cd_key_type_is_rsa (CdKeyType type)
{
  g_return_val_if_fail (type >= 0 && type < CD_N_KEY_TYPES, FALSE);

  return g_strcmp0 (key_types[type].algorithm, "RSA") == 0;
}

/* OpenSSL calls this during RSA prime search; returning 0 stops it. */
static int
keygen_progress_cb (EVP_PKEY_CTX *ctx)
{
  GCancellable *cancellable = EVP_PKEY_CTX_get_app_data (ctx);

  return !g_cancellable_is_cancelled (cancellable);
}

static void
set_openssl_error (GError     **error,
                   const char  *message)
{
  char detail[256] = "";

  ERR_error_string_n (ERR_peek_last_error (), detail, sizeof detail);
  ERR_clear_error ();
  g_debug ("OpenSSL: %s", detail);
  g_set_error_literal (error, CD_REQUEST_ERROR, CD_REQUEST_ERROR_FAILED, message);
}

/**
 * _cd_key_generate:
 * @type: the kind of key
 * @allow_legacy: whether the user chose a legacy key type knowingly
 * @cancellable: (nullable): stops RSA generation part way
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): a new key pair, in memory only
 */
EVP_PKEY *
_cd_key_generate (CdKeyType      type,
                  gboolean       allow_legacy,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(EVP_PKEY_CTX) ctx = NULL;
  g_autoptr(GCancellable) local_cancellable = NULL;
  const KeyTypeInfo *info;
  EVP_PKEY *key = NULL;

  g_return_val_if_fail (type >= 0 && type < CD_N_KEY_TYPES, NULL);

  if (cd_key_type_is_legacy (type) && !allow_legacy)
    {
      g_set_error_literal (error, CD_REQUEST_ERROR, CD_REQUEST_ERROR_KEY_TYPE,
                           _("RSA 1024-bit keys can be broken and are refused by current CAs. "
                             "Choose RSA 2048 or stronger, or confirm that an old device needs 1024 bits."));
      return NULL;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* The callback wants a cancellable to look at, even an idle one. */
  if (cancellable == NULL)
    cancellable = local_cancellable = g_cancellable_new ();

  _cd_openssl_init ();
  info = &key_types[type];
  ctx = EVP_PKEY_CTX_new_from_name (NULL, info->algorithm, NULL);
  if (ctx == NULL || EVP_PKEY_keygen_init (ctx) <= 0)
    {
      set_openssl_error (error, _("This system’s OpenSSL cannot make keys of this kind. Choose another key type."));
      return NULL;
    }

  if ((info->bits != 0 && EVP_PKEY_CTX_set_rsa_keygen_bits (ctx, info->bits) <= 0) ||
      (info->group != NULL && EVP_PKEY_CTX_set_group_name (ctx, info->group) <= 0))
    {
      set_openssl_error (error, _("This system’s OpenSSL cannot make keys of this size. Choose another key type."));
      return NULL;
    }

  EVP_PKEY_CTX_set_app_data (ctx, cancellable);
  EVP_PKEY_CTX_set_cb (ctx, keygen_progress_cb);

  if (EVP_PKEY_generate (ctx, &key) <= 0)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ERR_clear_error ();
          return NULL;
        }
      set_openssl_error (error, _("The key could not be generated. Try again, or choose another key type."));
      return NULL;
    }

  /* EC and Ed25519 finish too fast to look at the callback. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      EVP_PKEY_free (key);
      return NULL;
    }

  return key;
}

/**
 * _cd_key_write_to_keyring:
 * @keyring: the keyring
 * @key: a private key
 * @key_id: its key id
 * @label: what the keyring shows for it
 * @out_created: (out): whether the keyring did not hold it before
 * @cancellable: (nullable): a #GCancellable
 * @error: a location for a #GError
 *
 * The PKCS#8 text lives only in OpenSSL's secure heap and is wiped at
 * once; the key never touches disk on our side.
 *
 * Returns: %TRUE if the keyring holds the key
 */
gboolean
_cd_key_write_to_keyring (CdKeyring     *keyring,
                          EVP_PKEY      *key,
                          const char    *key_id,
                          const char    *label,
                          gboolean      *out_created,
                          GCancellable  *cancellable,
                          GError       **error)
{
  char *pem = _cd_x509_key_to_pkcs8_pem (key);
  gboolean ok;

  if (pem == NULL)
    {
      set_openssl_error (error, _("The new key could not be encoded for the keyring."));
      return FALSE;
    }

  ok = cd_keyring_store_key (keyring, key_id, _cd_x509_key_algorithm (key), label, pem,
                             out_created, cancellable, error);
  _cd_x509_free_secret (pem);

  return ok;
}

/**
 * _cd_key_forget:
 * @keyring: the keyring
 * @key_id: a key written by this attempt
 *
 * Undoes _cd_key_write_to_keyring() after a later step failed.
 */
void
_cd_key_forget (CdKeyring  *keyring,
                const char *key_id)
{
  g_autoptr(GError) error = NULL;

  if (!cd_keyring_delete_key (keyring, key_id, NULL, &error))
    g_warning ("Could not remove key %s after a failed attempt: %s", key_id, error->message);
}

static char *
generate_with_database (CdKeyring     *keyring,
                        CdDatabase    *database,
                        CdKeyType      type,
                        gboolean       allow_legacy,
                        const char    *label,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(EVP_PKEY) key = NULL;
  g_autofree char *key_id = NULL;
  g_autofree char *default_label = NULL;
  gboolean created = FALSE;
  gboolean added = FALSE;

  key = _cd_key_generate (type, allow_legacy, cancellable, error);
  if (key == NULL)
    return NULL;

  key_id = _cd_x509_key_id (key);
  if (key_id == NULL)
    {
      set_openssl_error (error, _("The new key could not be encoded for the keyring."));
      return NULL;
    }

  if (label == NULL || label[0] == '\0')
    /* translators: %s is the start of the key's fingerprint */
    label = default_label = g_strdup_printf (_("key %.16s"), key_id);

  /* The last point at which stopping leaves nothing behind for free. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (!_cd_key_write_to_keyring (keyring, key, key_id, label, &created, cancellable, error))
    return NULL;

  if (!_cd_database_begin (database, error))
    goto failed;

  if (!_cd_database_add_key (database, key_id, _cd_x509_key_algorithm (key), label, &added, error) ||
      !_cd_database_commit (database, error))
    {
      _cd_database_rollback (database);
      goto failed;
    }

  return g_steal_pointer (&key_id);

failed:
  if (created)
    _cd_key_forget (keyring, key_id);
  return NULL;
}

static void
cd_key_generator_dispose (GObject *object)
{
  CdKeyGenerator *self = (CdKeyGenerator *)object;

  g_clear_object (&self->database);
  g_clear_object (&self->keyring);

  G_OBJECT_CLASS (cd_key_generator_parent_class)->dispose (object);
}

static void
cd_key_generator_class_init (CdKeyGeneratorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cd_key_generator_dispose;
}

static void
cd_key_generator_init (CdKeyGenerator *self)
{
}

/**
 * cd_key_generator_new:
 * @database: where the key is recorded
 * @keyring: where the key is kept
 *
 * Returns: (transfer full): a new #CdKeyGenerator
 */
CdKeyGenerator *
cd_key_generator_new (CdDatabase *database,
                      CdKeyring  *keyring)
{
  CdKeyGenerator *self;

  g_return_val_if_fail (CD_IS_DATABASE (database), NULL);
  g_return_val_if_fail (CD_IS_KEYRING (keyring), NULL);

  self = g_object_new (CD_TYPE_KEY_GENERATOR, NULL);
  self->database = g_object_ref (database);
  self->keyring = g_object_ref (keyring);

  return self;
}

/**
 * cd_key_generator_generate:
 * @self: a #CdKeyGenerator
 * @type: the kind of key
 * @allow_legacy: %TRUE to allow RSA 1024
 * @label: (nullable): what the keyring shows for the key
 * @cancellable: (nullable): a #GCancellable
 * @error: a location for a #GError
 *
 * Makes a key pair and puts it in the keyring and the database, or
 * leaves both as they were. Blocks; see cd_key_generator_generate_async().
 *
 * Returns: (transfer full) (nullable): the new key's id
 */
char *
cd_key_generator_generate (CdKeyGenerator  *self,
                           CdKeyType        type,
                           gboolean         allow_legacy,
                           const char      *label,
                           GCancellable    *cancellable,
                           GError         **error)
{
  g_return_val_if_fail (CD_IS_KEY_GENERATOR (self), NULL);
  g_return_val_if_fail (type >= 0 && type < CD_N_KEY_TYPES, NULL);

  return generate_with_database (self->keyring, self->database, type, allow_legacy, label,
                                 cancellable, error);
}

typedef struct
{
  CdKeyType  type;
  gboolean   allow_legacy;
  char      *label;
  char      *database_path;
} GenerateState;

static void
generate_state_free (GenerateState *state)
{
  g_free (state->label);
  g_free (state->database_path);
  g_free (state);
}

static void
generate_worker (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  CdKeyGenerator *self = source_object;
  GenerateState *state = task_data;
  g_autoptr(CdDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  char *key_id;

  /* SQLite connections are not shared between threads. */
  database = cd_database_open (state->database_path, &error);
  if (database == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  key_id = generate_with_database (self->keyring, database, state->type, state->allow_legacy,
                                   state->label, cancellable, &error);
  if (key_id == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, key_id, g_free);
}

/**
 * cd_key_generator_generate_async:
 * @self: a #CdKeyGenerator
 * @type: the kind of key
 * @allow_legacy: %TRUE to allow RSA 1024
 * @label: (nullable): what the keyring shows for the key
 * @cancellable: (nullable): cancelling stops the generation and stores nothing
 * @callback: called when the key is stored
 * @user_data: data for @callback
 *
 * Like cd_key_generator_generate(), in a worker thread.
 */
void
cd_key_generator_generate_async (CdKeyGenerator      *self,
                                 CdKeyType            type,
                                 gboolean             allow_legacy,
                                 const char          *label,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GenerateState *state;

  g_return_if_fail (CD_IS_KEY_GENERATOR (self));
  g_return_if_fail (type >= 0 && type < CD_N_KEY_TYPES);

  state = g_new0 (GenerateState, 1);
  state->type = type;
  state->allow_legacy = allow_legacy;
  state->label = g_strdup (label);
  state->database_path = g_strdup (cd_database_get_path (self->database));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_key_generator_generate_async);
  g_task_set_name (task, "[certdesk] generate key");
  /* Once stored, the key is reported even if cancelled just after. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, state, (GDestroyNotify)generate_state_free);
  g_task_run_in_thread (task, generate_worker);
}

/**
 * cd_key_generator_generate_finish:
 * @self: a #CdKeyGenerator
 * @result: the #GAsyncResult
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the new key's id
 */
char *
cd_key_generator_generate_finish (CdKeyGenerator  *self,
                                  GAsyncResult    *result,
                                  GError         **error)
{
  g_return_val_if_fail (CD_IS_KEY_GENERATOR (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
