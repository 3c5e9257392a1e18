/* cd-chain.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* CdChain builds the path from a certificate up to a trusted root the
 * way Windows does with its stores: Trusted Root Certification
 * Authorities are the anchors, every other store offers candidate
 * issuers, and Untrusted Certificates wins over everything. OpenSSL
 * builds and checks the path; we only choose what it may use and
 * collect every complaint it has, per certificate, instead of stopping
 * at the first.
 */

#define G_LOG_DOMAIN "cd-chain"

#include "config.h"

#include <openssl/err.h>
#include <openssl/x509_vfy.h>

#include <glib/gi18n-lib.h>

#include "cd-ca-private.h"
#include "cd-certificate.h"
#include "cd-chain-private.h"
#include "cd-database.h"
#include "cd-errors.h"
#include "cd-openssl-private.h"
#include "cd-x509-private.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (X509_STORE, X509_STORE_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (X509_STORE_CTX, X509_STORE_CTX_free)

struct _CdChain
{
  GObject        parent_instance;

  GListStore    *elements;   /* CdChainElement, root first, leaf last */
  CdChainStatus  status;
};

G_DEFINE_FINAL_TYPE (CdChain, cd_chain, G_TYPE_OBJECT)

/* One complaint of OpenSSL's verify callback. */
typedef struct
{
  int depth;   /* 0 is the certificate being verified */
  int error;   /* X509_V_ERR_* */
} Complaint;

/* What the stores hold, found without parsing a single certificate,
 * and what was parsed and handed to OpenSSL.
 */
typedef struct
{
  CdDatabase     *database;
  GHashTable     *stores;      /* sha256 → bit mask of the CdStoreKinds holding it */
  GHashTable     *by_subject;  /* case-folded subject → GPtrArray of sha256 */
  GHashTable     *loaded;      /* sha256 → X509 *, everything we gave OpenSSL */
  GHashTable     *revoked;     /* sha256 of what our own CAs revoked */
  X509_STORE     *anchors;
  STACK_OF(X509) *untrusted;   /* borrowed from loaded */
} Builder;

#define STORE_BIT(kind) (1u << (kind))

static void
builder_clear (Builder *builder)
{
  g_clear_pointer (&builder->stores, g_hash_table_unref);
  g_clear_pointer (&builder->by_subject, g_hash_table_unref);
  g_clear_pointer (&builder->revoked, g_hash_table_unref);
  /* sk_X509_free is a macro; the stack only borrows its certificates. */
  if (builder->untrusted != NULL)
    sk_X509_free (builder->untrusted);
  builder->untrusted = NULL;
  g_clear_pointer (&builder->anchors, X509_STORE_free);
  g_clear_pointer (&builder->loaded, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Builder, builder_clear)

static CdChainStatus
status_from_error (int error)
{
  switch (error)
    {
    case X509_V_ERR_CERT_HAS_EXPIRED:
      return CD_CHAIN_STATUS_EXPIRED;

    case X509_V_ERR_CERT_NOT_YET_VALID:
      return CD_CHAIN_STATUS_NOT_YET_VALID;

    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    /* OpenSSL adds this one when a lone certificate's issuer is missing. */
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
      return CD_CHAIN_STATUS_ISSUER_UNKNOWN;

    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    case X509_V_ERR_CERT_UNTRUSTED:
      return CD_CHAIN_STATUS_UNTRUSTED_ROOT;

    case X509_V_ERR_CERT_REJECTED:
      return CD_CHAIN_STATUS_DISTRUSTED;

    case X509_V_ERR_CERT_SIGNATURE_FAILURE:
    case X509_V_ERR_UNABLE_TO_DECRYPT_CERT_SIGNATURE:
      return CD_CHAIN_STATUS_BAD_SIGNATURE;

    case X509_V_ERR_PERMITTED_VIOLATION:
    case X509_V_ERR_EXCLUDED_VIOLATION:
    case X509_V_ERR_SUBTREE_MINMAX:
    case X509_V_ERR_UNSUPPORTED_CONSTRAINT_TYPE:
    case X509_V_ERR_UNSUPPORTED_CONSTRAINT_SYNTAX:
    case X509_V_ERR_UNSUPPORTED_NAME_SYNTAX:
#ifdef X509_V_ERR_NAME_CONSTRAINTS_WITHOUT_SANS
    case X509_V_ERR_NAME_CONSTRAINTS_WITHOUT_SANS:
#endif
      return CD_CHAIN_STATUS_NAME_CONSTRAINTS;

    default:
      return CD_CHAIN_STATUS_INVALID;
    }
}

/* Records the complaint and tells OpenSSL to carry on, so that one
 * verification finds everything wrong with every certificate.
 */
static int
verify_cb (int             ok,
           X509_STORE_CTX *ctx)
{
  GArray *complaints = X509_STORE_CTX_get_app_data (ctx);

  if (!ok)
    {
      Complaint complaint = {
        X509_STORE_CTX_get_error_depth (ctx),
        X509_STORE_CTX_get_error (ctx),
      };

      g_array_append_val (complaints, complaint);
    }

  return 1;
}

/* The subject/issuer form the database keeps, case-folded: a lenient
 * first match; OpenSSL compares the names properly afterwards.
 */
static char *
subject_key (const char *name)
{
  return g_utf8_casefold (name != NULL ? name : "", -1);
}

static gboolean
builder_index_stores (Builder  *builder,
                      GError  **error)
{
  static const CdStoreKind kinds[] = {
    CD_STORE_KIND_ROOT, CD_STORE_KIND_CA, CD_STORE_KIND_MY, CD_STORE_KIND_TRUSTED_PEOPLE,
    CD_STORE_KIND_ADDRESS_BOOK, CD_STORE_KIND_DISALLOWED,
  };

  if (builder->database == NULL)
    return TRUE;

  builder->revoked = _cd_ca_dup_revoked (builder->database, error);
  if (builder->revoked == NULL)
    return FALSE;

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(GPtrArray) rows = cd_database_list_store (builder->database, kinds[k], error);

      if (rows == NULL)
        return FALSE;

      for (guint i = 0; i < rows->len; i++)
        {
          CdCertificate *row = g_ptr_array_index (rows, i);
          const char *sha256 = cd_certificate_get_sha256 (row);
          gpointer mask;

          if (cd_certificate_get_is_request (row))
            continue;

          if (g_hash_table_lookup_extended (builder->stores, sha256, NULL, &mask))
            {
              g_hash_table_insert (builder->stores, g_strdup (sha256),
                                   GUINT_TO_POINTER (GPOINTER_TO_UINT (mask) | STORE_BIT (kinds[k])));
            }
          else
            {
              g_autofree char *key = subject_key (cd_certificate_get_subject (row));
              GPtrArray *same_subject = g_hash_table_lookup (builder->by_subject, key);

              if (same_subject == NULL)
                {
                  same_subject = g_ptr_array_new_with_free_func (g_free);
                  g_hash_table_insert (builder->by_subject, g_steal_pointer (&key), same_subject);
                }
              g_ptr_array_add (same_subject, g_strdup (sha256));
              g_hash_table_insert (builder->stores, g_strdup (sha256),
                                   GUINT_TO_POINTER (STORE_BIT (kinds[k])));
            }
        }
    }

  return TRUE;
}

static guint
builder_get_stores (Builder    *builder,
                    const char *sha256)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (builder->stores, sha256));
}

/* A certificate in Untrusted Certificates is never an anchor, even if
 * Trusted Root holds it too: on Windows the distrust wins.
 */
static gboolean
builder_is_anchor (Builder    *builder,
                   const char *sha256)
{
  guint mask = builder_get_stores (builder, sha256);

  return (mask & STORE_BIT (CD_STORE_KIND_ROOT)) != 0 &&
         (mask & STORE_BIT (CD_STORE_KIND_DISALLOWED)) == 0;
}

/* Parses the stored certificates whose subject is @cert's issuer and
 * hands them to OpenSSL, then does the same for theirs: only the few
 * certificates that can be on a path get parsed, however big the stores.
 */
static gboolean
builder_load_issuers (Builder  *builder,
                      X509     *cert,
                      GError  **error)
{
  g_autoptr(GQueue) queue = g_queue_new ();

  g_queue_push_tail (queue, cert);

  while (!g_queue_is_empty (queue))
    {
      g_autoptr(CdCertificate) row = _cd_certificate_new_from_x509 (g_queue_pop_head (queue), NULL);
      g_autofree char *key = NULL;
      GPtrArray *candidates;

      if (row == NULL)
        continue;

      key = subject_key (cd_certificate_get_issuer (row));
      candidates = g_hash_table_lookup (builder->by_subject, key);

      for (guint i = 0; candidates != NULL && i < candidates->len; i++)
        {
          const char *sha256 = g_ptr_array_index (candidates, i);
          g_autoptr(GBytes) der = NULL;
          const unsigned char *p;
          X509 *issuer;

          if (g_hash_table_contains (builder->loaded, sha256))
            continue;

          der = cd_database_dup_der (builder->database, sha256, error);
          if (der == NULL)
            return FALSE;

          p = g_bytes_get_data (der, NULL);
          issuer = d2i_X509 (NULL, &p, g_bytes_get_size (der));
          if (issuer == NULL)
            {
              /* The importer parsed it once; skip it rather than fail
               * the whole chain over one damaged row.
               */
              g_warning ("Stored certificate %s cannot be parsed", sha256);
              ERR_clear_error ();
              continue;
            }

          g_hash_table_insert (builder->loaded, g_strdup (sha256), issuer);
          if (builder_is_anchor (builder, sha256))
            X509_STORE_add_cert (builder->anchors, issuer);
          else
            sk_X509_push (builder->untrusted, issuer);

          g_queue_push_tail (queue, issuer);
        }
    }

  return TRUE;
}

/* The system's trust bundle, parsed once per process: reading and
 * parsing it (X509_STORE_set_default_paths ()) takes about 100 ms, too
 * much to repeat for each of a thousand devices. Like OpenSSL, it
 * honours SSL_CERT_FILE and SSL_CERT_DIR; the folder is looked up
 * lazily, by subject hash, on each call.
 */
static void
add_system_anchors (X509_STORE *anchors)
{
  static gsize initialized;
  static STACK_OF(X509) *roots;
  const char *dir;

  if (g_once_init_enter (&initialized))
    {
      g_autoptr(X509_STORE) bundle = X509_STORE_new ();
      const char *file = g_getenv (X509_get_default_cert_file_env ());

      if (file == NULL)
        file = X509_get_default_cert_file ();
      if (bundle == NULL)
        g_error ("Out of memory");
      if (!X509_STORE_load_file (bundle, file))
        g_debug ("The system trust bundle %s could not be loaded", file);
      roots = X509_STORE_get1_all_certs (bundle);
      ERR_clear_error ();
      g_once_init_leave (&initialized, 1);
    }

  for (int i = 0; roots != NULL && i < sk_X509_num (roots); i++)
    X509_STORE_add_cert (anchors, sk_X509_value (roots, i));

  dir = g_getenv (X509_get_default_cert_dir_env ());
  if (dir == NULL)
    dir = X509_get_default_cert_dir ();
  if (g_file_test (dir, G_FILE_TEST_IS_DIR))
    X509_STORE_load_path (anchors, dir);
  ERR_clear_error ();
}

/* What OpenSSL said against the certificate at @depth itself, as a
 * status and as OpenSSL's own words; membership of Untrusted
 * Certificates overrides it. @out_unanchored tells whether OpenSSL
 * found no trusted issuer for it.
 */
static CdChainStatus
own_status (Builder     *builder,
            const char  *sha256,
            int          depth,
            GArray      *complaints,
            char       **out_detail,
            gboolean    *out_unanchored)
{
  g_autoptr(GString) detail = g_string_new (NULL);
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (int));
  CdChainStatus own = CD_CHAIN_STATUS_VALID;

  *out_unanchored = FALSE;

  for (guint i = 0; i < complaints->len; i++)
    {
      const Complaint *complaint = &g_array_index (complaints, Complaint, i);
      gboolean repeated = FALSE;

      if (complaint->depth != depth)
        continue;

      for (guint j = 0; j < seen->len; j++)
        repeated |= g_array_index (seen, int, j) == complaint->error;
      if (repeated)
        continue;
      g_array_append_val (seen, complaint->error);

      own = _cd_chain_status_worst (own, status_from_error (complaint->error));
      *out_unanchored |= status_from_error (complaint->error) == CD_CHAIN_STATUS_ISSUER_UNKNOWN ||
                         status_from_error (complaint->error) == CD_CHAIN_STATUS_UNTRUSTED_ROOT;
      if (detail->len > 0)
        g_string_append_c (detail, '\n');
      g_string_append (detail, X509_verify_cert_error_string (complaint->error));
    }

  /* OpenSSL knows nothing of our CAs' revocations; the database does. */
  if (builder->revoked != NULL && g_hash_table_contains (builder->revoked, sha256))
    own = _cd_chain_status_worst (own, CD_CHAIN_STATUS_REVOKED);

  if (builder_get_stores (builder, sha256) & STORE_BIT (CD_STORE_KIND_DISALLOWED))
    own = CD_CHAIN_STATUS_DISTRUSTED;

  *out_detail = detail->len > 0 ? g_strdup (detail->str) : NULL;

  return own;
}

static void
cd_chain_dispose (GObject *object)
{
  CdChain *self = (CdChain *)object;

  g_clear_object (&self->elements);

  G_OBJECT_CLASS (cd_chain_parent_class)->dispose (object);
}

static void
cd_chain_class_init (CdChainClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cd_chain_dispose;
}

static void
cd_chain_init (CdChain *self)
{
  self->elements = g_list_store_new (CD_TYPE_CHAIN_ELEMENT);
}

/* The work of cd_chain_build() and _cd_chain_build_presented(). */
static CdChain *
build (CdDatabase  *database,
       GBytes      *der,
       GPtrArray   *presented,
       gboolean     system_anchors,
       gint64       now,
       GError     **error)
{
  g_auto(Builder) builder = { NULL };
  g_autoptr(CdChain) self = NULL;
  g_autoptr(X509_STORE_CTX) ctx = NULL;
  g_autoptr(GArray) complaints = NULL;
  g_autoptr(CdCertificate) target_row = NULL;
  STACK_OF(X509) *path;
  CdChainStatus above = CD_CHAIN_STATUS_VALID;
  const unsigned char *p;
  X509 *target;
  int n;

  _cd_openssl_init ();

  if (now <= 0)
    now = g_get_real_time () / G_USEC_PER_SEC;

  builder.database = database;
  builder.stores = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  builder.by_subject = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify)g_ptr_array_unref);
  builder.loaded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify)X509_free);
  builder.anchors = X509_STORE_new ();
  builder.untrusted = sk_X509_new_null ();
  if (builder.anchors == NULL || builder.untrusted == NULL)
    g_error ("Out of memory");

  p = g_bytes_get_data (der, NULL);
  target = d2i_X509 (NULL, &p, g_bytes_get_size (der));
  if (target == NULL || p != (const unsigned char *)g_bytes_get_data (der, NULL) + g_bytes_get_size (der))
    {
      ERR_clear_error ();
      X509_free (target);
      g_set_error_literal (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_CORRUPT,
                           _("The certificate cannot be verified because it cannot be read: "
                             "it is not a DER-encoded X.509 certificate."));
      return NULL;
    }

  target_row = _cd_certificate_new_from_x509 (target, NULL);
  if (target_row == NULL)
    {
      X509_free (target);
      g_set_error_literal (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_CORRUPT,
                           _("The certificate cannot be verified because it cannot be encoded again."));
      return NULL;
    }
  /* The loaded table owns the target from here on; it is never a
   * candidate for itself, but a root checked on its own is its own
   * anchor when Trusted Root holds it.
   */
  g_hash_table_insert (builder.loaded, g_strdup (cd_certificate_get_sha256 (target_row)), target);

  if (!builder_index_stores (&builder, error))
    return NULL;

  if (builder_is_anchor (&builder, cd_certificate_get_sha256 (target_row)))
    X509_STORE_add_cert (builder.anchors, target);

  if (database != NULL && !builder_load_issuers (&builder, target, error))
    return NULL;

  /* What a server sent with its certificate offers issuers too, before
   * the stores' own (which builder_load_issuers() adds for each).
   */
  for (guint i = 1; presented != NULL && i < presented->len; i++)
    {
      GBytes *extra_der = g_ptr_array_index (presented, i);
      g_autoptr(CdCertificate) extra_row = NULL;
      const unsigned char *q = g_bytes_get_data (extra_der, NULL);
      X509 *extra = d2i_X509 (NULL, &q, g_bytes_get_size (extra_der));

      if (extra == NULL)
        {
          ERR_clear_error ();
          continue;
        }
      extra_row = _cd_certificate_new_from_x509 (extra, NULL);
      if (extra_row == NULL ||
          g_hash_table_contains (builder.loaded, cd_certificate_get_sha256 (extra_row)))
        {
          X509_free (extra);
          continue;
        }
      g_hash_table_insert (builder.loaded, g_strdup (cd_certificate_get_sha256 (extra_row)), extra);
      if (builder_is_anchor (&builder, cd_certificate_get_sha256 (extra_row)))
        X509_STORE_add_cert (builder.anchors, extra);
      else
        sk_X509_push (builder.untrusted, extra);
      if (database != NULL && !builder_load_issuers (&builder, extra, error))
        return NULL;
    }

  if (system_anchors)
    add_system_anchors (builder.anchors);

  ctx = X509_STORE_CTX_new ();
  if (ctx == NULL || !X509_STORE_CTX_init (ctx, builder.anchors, target, builder.untrusted))
    g_error ("Out of memory");

  complaints = g_array_new (FALSE, FALSE, sizeof (Complaint));
  X509_STORE_CTX_set_app_data (ctx, complaints);
  X509_STORE_CTX_set_verify_cb (ctx, verify_cb);
  X509_VERIFY_PARAM_clear_flags (X509_STORE_CTX_get0_param (ctx),
                                 X509_V_FLAG_PARTIAL_CHAIN | X509_V_FLAG_X509_STRICT);
  X509_VERIFY_PARAM_set_time (X509_STORE_CTX_get0_param (ctx), (time_t)now);

  if (X509_verify_cert (ctx) < 0 && complaints->len == 0)
    {
      int code = X509_STORE_CTX_get_error (ctx);

      g_set_error (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_UNSUPPORTED,
                   _("The certificate cannot be verified: %s."),
                   X509_verify_cert_error_string (code));
      ERR_clear_error ();
      return NULL;
    }
  /* A bad signature leaves OpenSSL's reasons on this thread's queue. */
  ERR_clear_error ();

  path = X509_STORE_CTX_get0_chain (ctx);
  n = path != NULL ? sk_X509_num (path) : 0;

  self = g_object_new (CD_TYPE_CHAIN, NULL);

  /* OpenSSL lists the leaf first; we keep it last, as the tree shows
   * it. From the root down, each certificate takes the worse of its own
   * status and its issuer's: nothing below a distrusted or expired
   * authority can be trusted either.
   */
  for (int depth = MAX (n, 1) - 1; depth >= 0; depth--)
    {
      X509 *cert = n > 0 ? sk_X509_value (path, depth) : target;
      g_autoptr(CdCertificate) row = _cd_certificate_new_from_x509 (cert, NULL);
      g_autoptr(GBytes) cert_der = _cd_x509_to_der (cert);
      g_autoptr(CdChainElement) element = NULL;
      g_autofree char *detail = NULL;
      CdChainStatus own;
      CdChainStatus status;
      gboolean unanchored;
      gboolean from_system;
      const char *sha256;

      if (row == NULL || cert_der == NULL)
        g_error ("Out of memory");

      sha256 = cd_certificate_get_sha256 (row);
      own = own_status (&builder, sha256, depth, complaints, &detail, &unanchored);
      status = _cd_chain_status_worst (own, above);

      /* The system's bundle gave OpenSSL whatever we did not, and it is
       * what anchors a trusted top that our Trusted Root does not hold
       * (the certificate being checked may itself be a system root).
       */
      from_system = system_anchors &&
                    (!g_hash_table_contains (builder.loaded, sha256) ||
                     (depth == MAX (n, 1) - 1 && !unanchored &&
                      !builder_is_anchor (&builder, sha256)));

      element = _cd_chain_element_new (cert_der, sha256, cd_certificate_get_subject_cn (row),
                                       status, status != own, detail,
                                       builder_get_stores (&builder, sha256) != 0,
                                       from_system);
      g_list_store_append (self->elements, element);
      above = status;
    }

  self->status = above;

  return g_steal_pointer (&self);
}

/**
 * cd_chain_build:
 * @database: (nullable): the stores to build from; %NULL for none
 * @der: the certificate to verify, DER-encoded
 * @system_anchors: also trust the roots of the system's trust bundle
 *   (OpenSSL's default certificate file and folder)
 * @now: the time to check validity at, in seconds since the Unix
 *   epoch; 0 or less for the current time
 * @error: a location for a #GError
 *
 * Builds and verifies the chain of @der. Trusted Root Certification
 * Authorities are the anchors; Intermediate Certification Authorities
 * and every other store offer candidate issuers; a certificate in
 * Untrusted Certificates, and every certificate below it, is
 * %CD_CHAIN_STATUS_DISTRUSTED. When no path to an anchor exists, the
 * chain holds what was found, with the reason on each element.
 *
 * This reads the stores' rows (not their certificates) once, and
 * parses only the possible issuers: about 15 ms for stores of a few
 * hundred certificates, about 1 s with 100,000 in one store. Call it
 * from a worker thread in the GUI, with a #CdDatabase opened in that
 * thread (a connection belongs to one thread).
 *
 * Returns: (transfer full) (nullable): the chain, or %NULL with @error
 *   set if @der is no certificate or the database cannot be read
 */
CdChain *
cd_chain_build (CdDatabase  *database,
                GBytes      *der,
                gboolean     system_anchors,
                gint64       now,
                GError     **error)
{
  g_return_val_if_fail (database == NULL || CD_IS_DATABASE (database), NULL);
  g_return_val_if_fail (der != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return build (database, der, NULL, system_anchors, now, error);
}

/* cd_chain_build() for a chain a server presented (DER, leaf first):
 * the certificates after the leaf are candidate issuers, like those of
 * Intermediate Certification Authorities, but stored nowhere.
 */
CdChain *
_cd_chain_build_presented (CdDatabase  *database,
                           GPtrArray   *presented,
                           gboolean     system_anchors,
                           gint64       now,
                           GError     **error)
{
  g_return_val_if_fail (database == NULL || CD_IS_DATABASE (database), NULL);
  g_return_val_if_fail (presented != NULL && presented->len > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return build (database, g_ptr_array_index (presented, 0), presented, system_anchors, now, error);
}

/**
 * cd_chain_get_status:
 * @self: a #CdChain
 *
 * Returns: the status of the certificate the chain was built for: the
 *   worst of its own and of every certificate above it
 */
CdChainStatus
cd_chain_get_status (CdChain *self)
{
  g_return_val_if_fail (CD_IS_CHAIN (self), CD_CHAIN_STATUS_INVALID);

  return self->status;
}

/**
 * cd_chain_get_status_label:
 * @self: a #CdChain
 *
 * The status line of the General page: unlike
 * cd_chain_status_get_label(), it says when the problem lies with an
 * issuer rather than with the certificate itself.
 *
 * Returns: the leaf's status, as a translated sentence
 */
const char *
cd_chain_get_status_label (CdChain *self)
{
  g_autoptr(CdChainElement) leaf = NULL;
  guint n;

  g_return_val_if_fail (CD_IS_CHAIN (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->elements));
  g_return_val_if_fail (n > 0, NULL);

  /* The store keeps its own reference, so the string outlives ours. */
  leaf = g_list_model_get_item (G_LIST_MODEL (self->elements), n - 1);

  return cd_chain_element_get_status_label (leaf);
}

/**
 * cd_chain_get_elements:
 * @self: a #CdChain
 *
 * Returns: (transfer none): a list of #CdChainElement, the root (or the
 *   highest certificate found) first and the certificate itself last;
 *   never empty
 */
GListModel *
cd_chain_get_elements (CdChain *self)
{
  g_return_val_if_fail (CD_IS_CHAIN (self), NULL);

  return G_LIST_MODEL (self->elements);
}
