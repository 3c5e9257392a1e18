/* cd-chain-element.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One certificate of a chain as the Certification Path page shows it:
 * who it is, whether it is in our stores, and what is wrong with it or
 * with the chain above it, in words a person can act on. The statuses'
 * ids and labels live here too, so that the GUI, the CLI and JSON all
 * say the same thing.
 */

#define G_LOG_DOMAIN "cd-chain"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cd-chain-private.h"

struct _CdChainElement
{
  GObject        parent_instance;

  GBytes        *der;
  char          *sha256;
  char          *subject_cn;
  char          *detail;       /* OpenSSL's reasons, one per line; NULL when none */
  CdChainStatus  status;
  guint          inherited : 1;
  guint          in_stores : 1;
  guint          from_system : 1;
};

enum {
  PROP_0,
  PROP_STATUS,
  PROP_STATUS_LABEL,
  PROP_INHERITED,
  PROP_DETAIL,
  PROP_SUBJECT_CN,
  PROP_SHA256,
  PROP_DER,
  PROP_IN_STORES,
  PROP_FROM_SYSTEM,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (CdChainElement, cd_chain_element, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

/* When several problems apply, the one shown is the one that matters
 * most to the person fixing it: a decision they made (distrust) first,
 * then what no date or store change can fix (a forged signature), then
 * a chain that leads nowhere trusted, then the rest. Expiry comes last:
 * it is the least surprising.
 */
static const CdChainStatus severity[] = {
  CD_CHAIN_STATUS_VALID,
  CD_CHAIN_STATUS_NOT_YET_VALID,
  CD_CHAIN_STATUS_EXPIRED,
  CD_CHAIN_STATUS_INVALID,
  CD_CHAIN_STATUS_NAME_CONSTRAINTS,
  CD_CHAIN_STATUS_ISSUER_UNKNOWN,
  CD_CHAIN_STATUS_UNTRUSTED_ROOT,
  CD_CHAIN_STATUS_BAD_SIGNATURE,
  CD_CHAIN_STATUS_REVOKED,
  CD_CHAIN_STATUS_DISTRUSTED,
};

static guint
status_rank (CdChainStatus status)
{
  for (guint i = 0; i < G_N_ELEMENTS (severity); i++)
    {
      if (severity[i] == status)
        return i;
    }

  g_return_val_if_reached (G_N_ELEMENTS (severity));
}

/* What a certificate hears about a problem above it. */
static const char *
inherited_label (CdChainStatus status)
{
  switch (status)
    {
    case CD_CHAIN_STATUS_VALID:
      return _("This certificate is OK.");
    case CD_CHAIN_STATUS_EXPIRED:
      return _("A certificate above this one in the chain has expired.");
    case CD_CHAIN_STATUS_NOT_YET_VALID:
      return _("A certificate above this one in the chain is not valid yet.");
    case CD_CHAIN_STATUS_ISSUER_UNKNOWN:
      return _("The chain of this certificate is incomplete: an issuer above it could not be found. "
               "Import the missing intermediate certificate.");
    case CD_CHAIN_STATUS_UNTRUSTED_ROOT:
      return _("This certificate chains to a root certificate that is not trusted.");
    case CD_CHAIN_STATUS_DISTRUSTED:
      return _("A certificate above this one in the chain was explicitly distrusted.");
    case CD_CHAIN_STATUS_BAD_SIGNATURE:
      return _("The signature of a certificate above this one in the chain is not valid.");
    case CD_CHAIN_STATUS_NAME_CONSTRAINTS:
      return _("A certificate above this one in the chain breaks the name constraints of its issuer.");
    case CD_CHAIN_STATUS_INVALID:
      return _("A certificate above this one in the chain is not valid.");
    case CD_CHAIN_STATUS_REVOKED:
      return _("A certificate above this one in the chain was revoked by its CA.");
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
cd_chain_element_finalize (GObject *object)
{
  CdChainElement *self = (CdChainElement *)object;

  g_clear_pointer (&self->der, g_bytes_unref);
  g_clear_pointer (&self->sha256, g_free);
  g_clear_pointer (&self->subject_cn, g_free);
  g_clear_pointer (&self->detail, g_free);

  G_OBJECT_CLASS (cd_chain_element_parent_class)->finalize (object);
}

static void
cd_chain_element_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CdChainElement *self = CD_CHAIN_ELEMENT (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      g_value_set_int (value, cd_chain_element_get_status (self));
      break;

    case PROP_STATUS_LABEL:
      g_value_set_string (value, cd_chain_element_get_status_label (self));
      break;

    case PROP_INHERITED:
      g_value_set_boolean (value, cd_chain_element_get_inherited (self));
      break;

    case PROP_DETAIL:
      g_value_set_string (value, cd_chain_element_get_detail (self));
      break;

    case PROP_SUBJECT_CN:
      g_value_set_string (value, cd_chain_element_get_subject_cn (self));
      break;

    case PROP_SHA256:
      g_value_set_string (value, cd_chain_element_get_sha256 (self));
      break;

    case PROP_DER:
      g_value_set_boxed (value, cd_chain_element_get_der (self));
      break;

    case PROP_IN_STORES:
      g_value_set_boolean (value, cd_chain_element_get_in_stores (self));
      break;

    case PROP_FROM_SYSTEM:
      g_value_set_boolean (value, cd_chain_element_get_from_system (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_chain_element_class_init (CdChainElementClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cd_chain_element_finalize;
  object_class->get_property = cd_chain_element_get_property;

  /* Read-only, for list item factories to bind to. */
  properties[PROP_STATUS] =
    g_param_spec_int ("status", NULL, NULL,
                      CD_CHAIN_STATUS_VALID, CD_CHAIN_STATUS_REVOKED, CD_CHAIN_STATUS_VALID,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS_LABEL] =
    g_param_spec_string ("status-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_INHERITED] =
    g_param_spec_boolean ("inherited", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DETAIL] =
    g_param_spec_string ("detail", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBJECT_CN] =
    g_param_spec_string ("subject-cn", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHA256] =
    g_param_spec_string ("sha256", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DER] =
    g_param_spec_boxed ("der", NULL, NULL, G_TYPE_BYTES,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_IN_STORES] =
    g_param_spec_boolean ("in-stores", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FROM_SYSTEM] =
    g_param_spec_boolean ("from-system", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cd_chain_element_init (CdChainElement *self)
{
}

CdChainElement *
_cd_chain_element_new (GBytes        *der,
                       const char    *sha256,
                       const char    *subject_cn,
                       CdChainStatus  status,
                       gboolean       inherited,
                       const char    *detail,
                       gboolean       in_stores,
                       gboolean       from_system)
{
  CdChainElement *self;

  g_return_val_if_fail (der != NULL, NULL);
  g_return_val_if_fail (sha256 != NULL, NULL);

  self = g_object_new (CD_TYPE_CHAIN_ELEMENT, NULL);
  self->der = g_bytes_ref (der);
  self->sha256 = g_strdup (sha256);
  self->subject_cn = g_strdup (subject_cn != NULL ? subject_cn : "");
  self->status = status;
  self->inherited = inherited && status != CD_CHAIN_STATUS_VALID;
  self->detail = g_strdup (detail);
  self->in_stores = !!in_stores;
  self->from_system = !!from_system;

  return self;
}

/* Returns: the worse of two statuses, by the ranking above */
CdChainStatus
_cd_chain_status_worst (CdChainStatus a,
                        CdChainStatus b)
{
  return status_rank (a) >= status_rank (b) ? a : b;
}

/**
 * cd_chain_status_to_id:
 * @status: a #CdChainStatus
 *
 * Returns: a stable, untranslated id for scripts and JSON, such as
 *   "valid", "expired" or "untrusted_root"
 */
const char *
cd_chain_status_to_id (CdChainStatus status)
{
  switch (status)
    {
    case CD_CHAIN_STATUS_VALID:
      return "valid";
    case CD_CHAIN_STATUS_EXPIRED:
      return "expired";
    case CD_CHAIN_STATUS_NOT_YET_VALID:
      return "not_yet_valid";
    case CD_CHAIN_STATUS_ISSUER_UNKNOWN:
      return "issuer_unknown";
    case CD_CHAIN_STATUS_UNTRUSTED_ROOT:
      return "untrusted_root";
    case CD_CHAIN_STATUS_DISTRUSTED:
      return "distrusted";
    case CD_CHAIN_STATUS_BAD_SIGNATURE:
      return "bad_signature";
    case CD_CHAIN_STATUS_NAME_CONSTRAINTS:
      return "name_constraints";
    case CD_CHAIN_STATUS_INVALID:
      return "invalid";
    case CD_CHAIN_STATUS_REVOKED:
      return "revoked";
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * cd_chain_status_get_label:
 * @status: a #CdChainStatus
 *
 * Returns: what @status means for the certificate that has it, as a
 *   translated sentence
 */
const char *
cd_chain_status_get_label (CdChainStatus status)
{
  switch (status)
    {
    case CD_CHAIN_STATUS_VALID:
      return _("This certificate is OK.");
    case CD_CHAIN_STATUS_EXPIRED:
      return _("This certificate has expired.");
    case CD_CHAIN_STATUS_NOT_YET_VALID:
      return _("This certificate is not valid yet.");
    case CD_CHAIN_STATUS_ISSUER_UNKNOWN:
      return _("The issuer of this certificate could not be found.");
    case CD_CHAIN_STATUS_UNTRUSTED_ROOT:
      return _("This root certificate is not trusted: add it to Trusted Root Certification "
               "Authorities to trust it.");
    case CD_CHAIN_STATUS_DISTRUSTED:
      return _("This certificate was explicitly distrusted.");
    case CD_CHAIN_STATUS_BAD_SIGNATURE:
      return _("The signature of this certificate is not valid.");
    case CD_CHAIN_STATUS_NAME_CONSTRAINTS:
      return _("This certificate is for a name its issuer is not allowed to certify.");
    case CD_CHAIN_STATUS_INVALID:
      return _("This certificate is not valid.");
    case CD_CHAIN_STATUS_REVOKED:
      return _("This certificate was revoked by the CA that issued it.");
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * cd_chain_element_get_status:
 * @self: a #CdChainElement
 *
 * Returns: the worst status of this certificate and of every one above
 *   it in the chain
 */
CdChainStatus
cd_chain_element_get_status (CdChainElement *self)
{
  g_return_val_if_fail (CD_IS_CHAIN_ELEMENT (self), CD_CHAIN_STATUS_INVALID);

  return self->status;
}

/**
 * cd_chain_element_get_status_label:
 * @self: a #CdChainElement
 *
 * Returns: the status as a translated sentence; it says whether the
 *   problem is this certificate's own or one above it
 */
const char *
cd_chain_element_get_status_label (CdChainElement *self)
{
  g_return_val_if_fail (CD_IS_CHAIN_ELEMENT (self), NULL);

  if (self->inherited)
    return inherited_label (self->status);

  return cd_chain_status_get_label (self->status);
}

/**
 * cd_chain_element_get_inherited:
 * @self: a #CdChainElement
 *
 * Returns: %TRUE when the status comes from a certificate above this
 *   one, which itself has no worse problem of its own
 */
gboolean
cd_chain_element_get_inherited (CdChainElement *self)
{
  g_return_val_if_fail (CD_IS_CHAIN_ELEMENT (self), FALSE);

  return self->inherited;
}

/**
 * cd_chain_element_get_detail:
 * @self: a #CdChainElement
 *
 * Returns: (nullable): every reason OpenSSL gave against this
 *   certificate itself, one per line, untranslated; %NULL when none
 */
const char *
cd_chain_element_get_detail (CdChainElement *self)
{
  g_return_val_if_fail (CD_IS_CHAIN_ELEMENT (self), NULL);

  return self->detail;
}

/**
 * cd_chain_element_get_subject_cn:
 * @self: a #CdChainElement
 *
 * Returns: the name to show for the certificate, as "Issued To" shows it
 */
const char *
cd_chain_element_get_subject_cn (CdChainElement *self)
{
  g_return_val_if_fail (CD_IS_CHAIN_ELEMENT (self), NULL);

  return self->subject_cn;
}

/**
 * cd_chain_element_get_sha256:
 * @self: a #CdChainElement
 *
 * Returns: the SHA-256 fingerprint, lower-case hex without colons
 */
const char *
cd_chain_element_get_sha256 (CdChainElement *self)
{
  g_return_val_if_fail (CD_IS_CHAIN_ELEMENT (self), NULL);

  return self->sha256;
}

/**
 * cd_chain_element_get_der:
 * @self: a #CdChainElement
 *
 * Returns: (transfer none): the certificate, DER-encoded, to open it
 */
GBytes *
cd_chain_element_get_der (CdChainElement *self)
{
  g_return_val_if_fail (CD_IS_CHAIN_ELEMENT (self), NULL);

  return self->der;
}

/**
 * cd_chain_element_get_in_stores:
 * @self: a #CdChainElement
 *
 * Returns: %TRUE if one of our stores holds this certificate
 */
gboolean
cd_chain_element_get_in_stores (CdChainElement *self)
{
  g_return_val_if_fail (CD_IS_CHAIN_ELEMENT (self), FALSE);

  return self->in_stores;
}

/**
 * cd_chain_element_get_from_system:
 * @self: a #CdChainElement
 *
 * Returns: %TRUE if the certificate came from the system's trust
 *   bundle rather than from our stores (only when the chain was built
 *   with system anchors)
 */
gboolean
cd_chain_element_get_from_system (CdChainElement *self)
{
  g_return_val_if_fail (CD_IS_CHAIN_ELEMENT (self), FALSE);

  return self->from_system;
}
