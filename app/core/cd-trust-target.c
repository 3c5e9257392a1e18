/* cd-trust-target.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* CdTrustTarget: one place trust is published to, as listed for the
 * preferences and the CLI; its kind's code is in its backend.
 */

#define G_LOG_DOMAIN "cd-trust"

#include "config.h"

#include "cd-trust-private.h"

G_DEFINE_FINAL_TYPE (CdTrustTarget, cd_trust_target, G_TYPE_OBJECT)

static void
cd_trust_target_finalize (GObject *object)
{
  CdTrustTarget *self = (CdTrustTarget *)object;

  g_free (self->instance);
  g_free (self->title);
  g_free (self->description);
  g_free (self->location);
  g_free (self->unavailable_reason);

  G_OBJECT_CLASS (cd_trust_target_parent_class)->finalize (object);
}

static void
cd_trust_target_class_init (CdTrustTargetClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cd_trust_target_finalize;
}

static void
cd_trust_target_init (CdTrustTarget *self)
{
}

CdTrustTarget *
_cd_trust_target_new (const CdTrustBackend *backend,
                      const char           *instance,
                      const char           *title,
                      const char           *description,
                      const char           *location)
{
  CdTrustTarget *self = g_object_new (CD_TYPE_TRUST_TARGET, NULL);

  self->backend = backend;
  self->instance = g_strdup (instance != NULL ? instance : "");
  self->title = g_strdup (title);
  self->description = g_strdup (description);
  self->location = g_strdup (location);
  self->supports_distrust = backend->supports_distrust;

  return self;
}

void
_cd_trust_target_set_unavailable (CdTrustTarget *self,
                                  const char    *reason)
{
  g_free (self->unavailable_reason);
  self->unavailable_reason = g_strdup (reason);
}

void
_cd_trust_target_set_supports_distrust (CdTrustTarget *self,
                                        gboolean       supports_distrust)
{
  self->supports_distrust = supports_distrust;
}

const CdTrustBackend *
_cd_trust_target_get_backend (CdTrustTarget *self)
{
  return self->backend;
}

/**
 * cd_trust_target_get_id:
 * @self: a #CdTrustTarget
 *
 * Returns: the kind of target: "nss", "firefox", "p11-kit",
 *   "openssl-dir" or "system"
 */
const char *
cd_trust_target_get_id (CdTrustTarget *self)
{
  g_return_val_if_fail (CD_IS_TRUST_TARGET (self), NULL);
  return self->backend->id;
}

/**
 * cd_trust_target_get_instance:
 * @self: a #CdTrustTarget
 *
 * Returns: which one of its kind: a Firefox profile's folder, or "" for
 *   the kinds that have only one
 */
const char *
cd_trust_target_get_instance (CdTrustTarget *self)
{
  g_return_val_if_fail (CD_IS_TRUST_TARGET (self), NULL);
  return self->instance;
}

const char *
cd_trust_target_get_title (CdTrustTarget *self)
{
  g_return_val_if_fail (CD_IS_TRUST_TARGET (self), NULL);
  return self->title;
}

/**
 * cd_trust_target_get_description:
 * @self: a #CdTrustTarget
 *
 * Returns: which programs read this target, translated
 */
const char *
cd_trust_target_get_description (CdTrustTarget *self)
{
  g_return_val_if_fail (CD_IS_TRUST_TARGET (self), NULL);
  return self->description;
}

/**
 * cd_trust_target_get_location:
 * @self: a #CdTrustTarget
 *
 * Returns: the folder or database written to
 */
const char *
cd_trust_target_get_location (CdTrustTarget *self)
{
  g_return_val_if_fail (CD_IS_TRUST_TARGET (self), NULL);
  return self->location;
}

gboolean
cd_trust_target_get_available (CdTrustTarget *self)
{
  g_return_val_if_fail (CD_IS_TRUST_TARGET (self), FALSE);
  return self->unavailable_reason == NULL;
}

/**
 * cd_trust_target_get_unavailable_reason:
 * @self: a #CdTrustTarget
 *
 * Returns: (nullable): why the target cannot be used here, translated,
 *   or %NULL when it can
 */
const char *
cd_trust_target_get_unavailable_reason (CdTrustTarget *self)
{
  g_return_val_if_fail (CD_IS_TRUST_TARGET (self), NULL);
  return self->unavailable_reason;
}

/**
 * cd_trust_target_get_supports_distrust:
 * @self: a #CdTrustTarget
 *
 * Returns: whether the target takes the Untrusted store as distrust
 */
gboolean
cd_trust_target_get_supports_distrust (CdTrustTarget *self)
{
  g_return_val_if_fail (CD_IS_TRUST_TARGET (self), FALSE);
  return self->supports_distrust;
}

/**
 * cd_trust_target_get_enabled:
 * @self: a #CdTrustTarget
 *
 * Returns: whether the user switched publishing on for this target, as
 *   the database said when the target was listed
 */
gboolean
cd_trust_target_get_enabled (CdTrustTarget *self)
{
  g_return_val_if_fail (CD_IS_TRUST_TARGET (self), FALSE);
  return self->enabled;
}

/**
 * cd_trust_target_get_n_published:
 * @self: a #CdTrustTarget
 *
 * Returns: how many entries Certdesk holds in this target
 */
guint
cd_trust_target_get_n_published (CdTrustTarget *self)
{
  g_return_val_if_fail (CD_IS_TRUST_TARGET (self), 0);
  return self->n_published;
}

