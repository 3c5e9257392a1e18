/* cd-device.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* CdDevice is an endpoint the watcher checks; CdDeviceCheck is what one
 * check saw. Both are plain values: cd-devices.c reads and writes them,
 * cd-device-watcher.c makes the checks.
 */

#define G_LOG_DOMAIN "cd-device"

#include "config.h"

#include <string.h>

#include <openssl/err.h>
#include <openssl/pem.h>

#include <glib/gi18n-lib.h>

#include "cd-certificate.h"
#include "cd-chain-private.h"
#include "cd-device-private.h"
#include "cd-openssl-private.h"
#include "cd-x509-private.h"

G_DEFINE_FINAL_TYPE (CdDevice, cd_device, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (CdDeviceCheck, cd_device_check, G_TYPE_OBJECT)

static void
cd_device_finalize (GObject *object)
{
  CdDevice *self = (CdDevice *)object;

  g_free (self->host);
  g_free (self->server_name);
  g_free (self->profile_id);
  g_free (self->note);

  G_OBJECT_CLASS (cd_device_parent_class)->finalize (object);
}

static void
cd_device_class_init (CdDeviceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cd_device_finalize;
}

static void
cd_device_init (CdDevice *self)
{
}

static void
cd_device_check_finalize (GObject *object)
{
  CdDeviceCheck *self = (CdDeviceCheck *)object;

  g_clear_object (&self->device);
  g_free (self->error);
  g_free (self->leaf_sha256);
  g_free (self->subject);
  g_free (self->chain_status);
  g_free (self->profile_status);
  g_free (self->tls_version);
  g_free (self->cipher);
  g_strfreev (self->accepted_cas);
  g_free (self->verify_error);
  g_clear_pointer (&self->chain, g_ptr_array_unref);

  G_OBJECT_CLASS (cd_device_check_parent_class)->finalize (object);
}

static void
cd_device_check_class_init (CdDeviceCheckClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cd_device_check_finalize;
}

static void
cd_device_check_init (CdDeviceCheck *self)
{
  self->chain = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  self->accepted_cas = g_new0 (char *, 1);
}

CdDevice *
_cd_device_new (void)
{
  return g_object_new (CD_TYPE_DEVICE, NULL);
}

CdDeviceCheck *
_cd_device_check_new (CdDevice *device)
{
  CdDeviceCheck *check = g_object_new (CD_TYPE_DEVICE_CHECK, NULL);

  check->device = g_object_ref (device);

  return check;
}

/**
 * _cd_device_describe_der:
 *
 * Returns: (transfer full) (nullable): the certificate's row, as the
 *   stores list it; %NULL if @der is no certificate
 */
CdCertificate *
_cd_device_describe_der (GBytes *der)
{
  const unsigned char *p = g_bytes_get_data (der, NULL);
  g_autoptr(X509) cert = d2i_X509 (NULL, &p, g_bytes_get_size (der));

  if (cert == NULL)
    {
      ERR_clear_error ();
      return NULL;
    }

  return _cd_certificate_new_from_x509 (cert, NULL);
}

/* PEM for the importer, which reads what people have in files. */
GBytes *
_cd_device_chain_to_pem (GPtrArray *ders)
{
  g_autoptr(BIO) bio = BIO_new (BIO_s_mem ());
  char *data;
  long len;

  for (guint i = 0; i < ders->len; i++)
    {
      GBytes *der = g_ptr_array_index (ders, i);
      const unsigned char *p = g_bytes_get_data (der, NULL);
      g_autoptr(X509) cert = d2i_X509 (NULL, &p, g_bytes_get_size (der));

      if (cert != NULL)
        PEM_write_bio_X509 (bio, cert);
    }
  ERR_clear_error ();

  len = BIO_get_mem_data (bio, &data);
  return g_bytes_new (data, len);
}

/**
 * _cd_device_build_chain:
 * @database: the stores: Trusted Root holds the anchors
 * @ders: what the server presented, leaf first
 *
 * The chain of the presented leaf, its issuers taken from what the
 * server sent and from the stores, anchored in Trusted Root or the
 * system's roots.
 *
 * Returns: (transfer full) (nullable): the chain
 */
CdChain *
_cd_device_build_chain (CdDatabase  *database,
                        GPtrArray   *ders,
                        GError     **error)
{
  return _cd_chain_build_presented (database, ders, TRUE, 0, error);
}

GBytes *
_cd_device_chain_join (GPtrArray *ders)
{
  g_autoptr(GByteArray) blob = g_byte_array_new ();

  for (guint i = 0; i < ders->len; i++)
    {
      gsize size;
      const guint8 *data = g_bytes_get_data (g_ptr_array_index (ders, i), &size);

      g_byte_array_append (blob, data, size);
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&blob));
}

/* OpenSSL finds where each certificate ends. */
GPtrArray *
_cd_device_chain_split (const guint8 *data,
                        gsize         length)
{
  GPtrArray *ders = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  const unsigned char *p = data;
  const unsigned char *end = data + length;

  while (p != NULL && p < end)
    {
      const unsigned char *start = p;
      g_autoptr(X509) cert = d2i_X509 (NULL, &p, end - p);

      if (cert == NULL)
        break;
      g_ptr_array_add (ders, g_bytes_new (start, p - start));
    }
  ERR_clear_error ();

  return ders;
}

void
_cd_device_check_set_result (CdDeviceCheck *check,
                             CdTlsResult   *result,
                             CdChain       *chain)
{
  GPtrArray *ders = cd_tls_result_get_chain (result);
  g_autoptr(CdCertificate) leaf = NULL;

  g_ptr_array_set_size (check->chain, 0);
  for (guint i = 0; i < ders->len; i++)
    g_ptr_array_add (check->chain, g_bytes_ref (g_ptr_array_index (ders, i)));

  g_free (check->tls_version);
  check->tls_version = g_strdup (cd_tls_result_get_protocol (result));
  g_free (check->cipher);
  check->cipher = g_strdup (cd_tls_result_get_cipher (result));
  g_strfreev (check->accepted_cas);
  check->accepted_cas = g_strdupv ((char **)cd_tls_result_get_accepted_cas (result));
  check->client_cert_requested = cd_tls_result_get_client_cert_requested (result);
  g_free (check->verify_error);
  check->verify_error = g_strdup (cd_tls_result_get_verify_error (result));

  if (ders->len > 0)
    leaf = _cd_device_describe_der (g_ptr_array_index (ders, 0));
  if (leaf != NULL)
    {
      g_free (check->leaf_sha256);
      check->leaf_sha256 = g_strdup (cd_certificate_get_sha256 (leaf));
      g_free (check->subject);
      check->subject = g_strdup (cd_certificate_get_subject (leaf));
      check->not_after = cd_certificate_get_not_after (leaf);
    }

  if (chain != NULL)
    {
      g_free (check->chain_status);
      check->chain_status = g_strdup (cd_chain_status_to_id (cd_chain_get_status (chain)));
    }
}

gint64
cd_device_get_id (CdDevice *self)
{
  g_return_val_if_fail (CD_IS_DEVICE (self), 0);
  return self->id;
}

const char *
cd_device_get_host (CdDevice *self)
{
  g_return_val_if_fail (CD_IS_DEVICE (self), NULL);
  return self->host;
}

guint16
cd_device_get_port (CdDevice *self)
{
  g_return_val_if_fail (CD_IS_DEVICE (self), 0);
  return self->port;
}

CdStarttls
cd_device_get_starttls (CdDevice *self)
{
  g_return_val_if_fail (CD_IS_DEVICE (self), CD_STARTTLS_NONE);
  return self->starttls;
}

/* The SNI name, when it is not the host; may be %NULL. */
const char *
cd_device_get_server_name (CdDevice *self)
{
  g_return_val_if_fail (CD_IS_DEVICE (self), NULL);
  return self->server_name;
}

/* The device profile's id; may be %NULL. */
const char *
cd_device_get_profile_id (CdDevice *self)
{
  g_return_val_if_fail (CD_IS_DEVICE (self), NULL);
  return self->profile_id;
}

const char *
cd_device_get_note (CdDevice *self)
{
  g_return_val_if_fail (CD_IS_DEVICE (self), NULL);
  return self->note;
}

gint64
cd_device_get_added (CdDevice *self)
{
  g_return_val_if_fail (CD_IS_DEVICE (self), 0);
  return self->added;
}

/* "host:port", "[v6]:port". */
char *
cd_device_dup_address (CdDevice *self)
{
  g_return_val_if_fail (CD_IS_DEVICE (self), NULL);

  if (strchr (self->host, ':') != NULL)
    return g_strdup_printf ("[%s]:%u", self->host, self->port);
  return g_strdup_printf ("%s:%u", self->host, self->port);
}

CdDevice *
cd_device_check_get_device (CdDeviceCheck *self)
{
  g_return_val_if_fail (CD_IS_DEVICE_CHECK (self), NULL);
  return self->device;
}

gint64
cd_device_check_get_checked_at (CdDeviceCheck *self)
{
  g_return_val_if_fail (CD_IS_DEVICE_CHECK (self), 0);
  return self->checked_at;
}

/* Why the device could not be checked (translated); %NULL when it was. */
const char *
cd_device_check_get_error (CdDeviceCheck *self)
{
  g_return_val_if_fail (CD_IS_DEVICE_CHECK (self), NULL);
  return self->error;
}

const char *
cd_device_check_get_leaf_sha256 (CdDeviceCheck *self)
{
  g_return_val_if_fail (CD_IS_DEVICE_CHECK (self), NULL);
  return self->leaf_sha256;
}

const char *
cd_device_check_get_subject (CdDeviceCheck *self)
{
  g_return_val_if_fail (CD_IS_DEVICE_CHECK (self), NULL);
  return self->subject;
}

gint64
cd_device_check_get_not_after (CdDeviceCheck *self)
{
  g_return_val_if_fail (CD_IS_DEVICE_CHECK (self), 0);
  return self->not_after;
}

/* Whole days until the certificate expires; negative once it has. */
int
cd_device_check_get_days_left (CdDeviceCheck *self,
                               gint64         now)
{
  gint64 left;

  g_return_val_if_fail (CD_IS_DEVICE_CHECK (self), 0);

  left = self->not_after - now;
  /* Round towards minus infinity: expired an hour ago is day -1. */
  return (int)(left >= 0 ? left / 86400 : -((-left + 86399) / 86400));
}

const char *
cd_device_check_get_chain_status (CdDeviceCheck *self)
{
  g_return_val_if_fail (CD_IS_DEVICE_CHECK (self), NULL);
  return self->chain_status;
}

const char *
cd_device_check_get_chain_status_label (CdDeviceCheck *self)
{
  g_return_val_if_fail (CD_IS_DEVICE_CHECK (self), NULL);

  for (CdChainStatus s = CD_CHAIN_STATUS_VALID; s <= CD_CHAIN_STATUS_INVALID; s++)
    {
      if (g_strcmp0 (self->chain_status, cd_chain_status_to_id (s)) == 0)
        return cd_chain_status_get_label (s);
    }

  return NULL;
}

const char *
cd_device_check_get_profile_status (CdDeviceCheck *self)
{
  g_return_val_if_fail (CD_IS_DEVICE_CHECK (self), NULL);
  return self->profile_status;
}

const char *
cd_device_check_get_tls_version (CdDeviceCheck *self)
{
  g_return_val_if_fail (CD_IS_DEVICE_CHECK (self), NULL);
  return self->tls_version;
}

const char *
cd_device_check_get_cipher (CdDeviceCheck *self)
{
  g_return_val_if_fail (CD_IS_DEVICE_CHECK (self), NULL);
  return self->cipher;
}

const char * const *
cd_device_check_get_accepted_cas (CdDeviceCheck *self)
{
  g_return_val_if_fail (CD_IS_DEVICE_CHECK (self), NULL);
  return (const char * const *)self->accepted_cas;
}

gboolean
cd_device_check_get_client_cert_requested (CdDeviceCheck *self)
{
  g_return_val_if_fail (CD_IS_DEVICE_CHECK (self), FALSE);
  return self->client_cert_requested;
}

const char *
cd_device_check_get_verify_error (CdDeviceCheck *self)
{
  g_return_val_if_fail (CD_IS_DEVICE_CHECK (self), NULL);
  return self->verify_error;
}

/**
 * cd_device_check_get_chain:
 *
 * Returns: (transfer none) (element-type GBytes): the DER certificates
 *   the device presented, its own first; empty after a failed check
 */
GPtrArray *
cd_device_check_get_chain (CdDeviceCheck *self)
{
  g_return_val_if_fail (CD_IS_DEVICE_CHECK (self), NULL);
  return self->chain;
}

/* What this check found new, against the check before it; only a
 * check made by the watcher has events.
 */
CdDeviceEvents
cd_device_check_get_events (CdDeviceCheck *self)
{
  g_return_val_if_fail (CD_IS_DEVICE_CHECK (self), CD_DEVICE_EVENT_NONE);
  return self->events;
}

/**
 * cd_device_check_is_in_trouble:
 *
 * Whether the device needs someone: unreachable, its certificate
 * expired or within @warning_days of it, or failing its profile. Unlike
 * the events, this is the state, whatever the previous check said.
 */
gboolean
cd_device_check_is_in_trouble (CdDeviceCheck *self,
                               guint          warning_days,
                               gint64         now)
{
  g_return_val_if_fail (CD_IS_DEVICE_CHECK (self), TRUE);

  if (self->error != NULL || self->leaf_sha256 == NULL)
    return TRUE;
  if (self->not_after - now < (gint64)warning_days * 86400)
    return TRUE;

  return g_strcmp0 (self->profile_status, "fail") == 0;
}
