/* cd-check.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The rule engine: CdCheckInput (what is checked), CdCheckResult (one
 * rule's answer) and cd_profile_check(), which parses the input once
 * into a CdCheckContext and hands it to each rule's kind. The kinds
 * live in cd-check-key.c, cd-check-names.c, cd-check-validity.c and
 * cd-check-chain.c; cd-check-kinds.c lists them, and they read the
 * input through cd-check-context.c.
 */

#define G_LOG_DOMAIN "cd-check"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cd-chain.h"
#include "cd-check-private.h"
#include "cd-openssl-private.h"

struct _CdCheckInput
{
  gatomicrefcount   ref_count;
  GBytes           *certificate;
  GBytes           *request;
  CdRequestBuilder *builder;
  GBytes           *issuer;
  GPtrArray        *chain;           /* GBytes */
  gboolean          trusted;
  CdExportOptions  *export_options;
  GBytes           *peer;
  gint64            now;
  guint             warning_days;    /* 0: the profile's */
  GHashTable       *parameters;
};

struct _CdCheckResult
{
  GObject        parent_instance;
  char          *rule_id;
  char          *title;
  CdCheckStatus  status;
  char          *message;
  char          *hint;
  char          *source;
};

G_DEFINE_BOXED_TYPE (CdCheckInput, cd_check_input, cd_check_input_ref, cd_check_input_unref)
G_DEFINE_FINAL_TYPE (CdCheckResult, cd_check_result, G_TYPE_OBJECT)

const char *
cd_check_status_to_id (CdCheckStatus status)
{
  switch (status)
    {
    case CD_CHECK_STATUS_PASS:
      return "pass";
    case CD_CHECK_STATUS_WARNING:
      return "warning";
    case CD_CHECK_STATUS_FAIL:
      return "fail";
    case CD_CHECK_STATUS_NOT_APPLICABLE:
      return "not-applicable";
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
cd_check_status_get_label (CdCheckStatus status)
{
  switch (status)
    {
    case CD_CHECK_STATUS_PASS:
      return _("Passed");
    case CD_CHECK_STATUS_WARNING:
      return _("Warning");
    case CD_CHECK_STATUS_FAIL:
      return _("Failed");
    case CD_CHECK_STATUS_NOT_APPLICABLE:
      return _("Not applicable");
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * cd_check_input_new:
 *
 * Returns: (transfer full): an empty input, checked at the time of the check
 */
CdCheckInput *
cd_check_input_new (void)
{
  CdCheckInput *self = g_new0 (CdCheckInput, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->parameters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  return self;
}

CdCheckInput *
cd_check_input_ref (CdCheckInput *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
cd_check_input_unref (CdCheckInput *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_clear_pointer (&self->certificate, g_bytes_unref);
  g_clear_pointer (&self->request, g_bytes_unref);
  g_clear_object (&self->builder);
  g_clear_pointer (&self->issuer, g_bytes_unref);
  g_clear_pointer (&self->chain, g_ptr_array_unref);
  g_clear_pointer (&self->export_options, cd_export_options_unref);
  g_clear_pointer (&self->peer, g_bytes_unref);
  g_clear_pointer (&self->parameters, g_hash_table_unref);
  g_free (self);
}

static void
replace_bytes (GBytes **slot,
               GBytes  *bytes)
{
  if (bytes != NULL)
    g_bytes_ref (bytes);
  g_clear_pointer (slot, g_bytes_unref);
  *slot = bytes;
}

void
cd_check_input_set_certificate (CdCheckInput *self,
                                GBytes       *der)
{
  g_return_if_fail (self != NULL);
  replace_bytes (&self->certificate, der);
}

void
cd_check_input_set_request (CdCheckInput *self,
                            GBytes       *der)
{
  g_return_if_fail (self != NULL);
  replace_bytes (&self->request, der);
}

void
cd_check_input_set_builder (CdCheckInput     *self,
                            CdRequestBuilder *builder)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (builder == NULL || CD_IS_REQUEST_BUILDER (builder));
  g_set_object (&self->builder, builder);
}

void
cd_check_input_set_issuer (CdCheckInput *self,
                           GBytes       *der)
{
  g_return_if_fail (self != NULL);
  replace_bytes (&self->issuer, der);
}

/**
 * cd_check_input_set_chain:
 * @self: a #CdCheckInput
 * @ders: (element-type GBytes) (nullable): DER certificates, leaf first
 * @trusted: whether the last one is a trusted root
 */
void
cd_check_input_set_chain (CdCheckInput *self,
                          GPtrArray    *ders,
                          gboolean      trusted)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->chain, g_ptr_array_unref);
  if (ders != NULL)
    {
      self->chain = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
      for (guint i = 0; i < ders->len; i++)
        g_ptr_array_add (self->chain, g_bytes_ref (g_ptr_array_index (ders, i)));
    }
  self->trusted = trusted;
}

void
cd_check_input_set_export_options (CdCheckInput    *self,
                                   CdExportOptions *options)
{
  g_return_if_fail (self != NULL);

  if (options != NULL)
    cd_export_options_ref (options);
  g_clear_pointer (&self->export_options, cd_export_options_unref);
  self->export_options = options;
}

void
cd_check_input_set_peer (CdCheckInput *self,
                         GBytes       *der)
{
  g_return_if_fail (self != NULL);
  replace_bytes (&self->peer, der);
}

void
cd_check_input_set_now (CdCheckInput *self,
                        gint64        now)
{
  g_return_if_fail (self != NULL);
  self->now = now;
}

void
cd_check_input_set_warning_days (CdCheckInput *self,
                                 guint         days)
{
  g_return_if_fail (self != NULL);
  self->warning_days = days;
}

void
cd_check_input_set_parameter (CdCheckInput *self,
                              const char   *name,
                              const char   *value)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (name != NULL);

  if (value == NULL)
    g_hash_table_remove (self->parameters, name);
  else
    g_hash_table_insert (self->parameters, g_strdup (name), g_strdup (value));
}

/**
 * cd_check_input_fill_from_database:
 * @self: a #CdCheckInput with a certificate
 * @database: the stores
 * @error: where a database error goes
 *
 * Sets the chain (trusted when it ends at a root of Trusted Root) and,
 * when the chain has one, the issuer.
 *
 * Returns: %TRUE unless the database failed
 */
gboolean
cd_check_input_fill_from_database (CdCheckInput  *self,
                                   CdDatabase    *database,
                                   GError       **error)
{
  g_autoptr(CdChain) chain = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->certificate != NULL, FALSE);

  chain = cd_chain_build (database, self->certificate, FALSE, self->now, error);
  if (chain == NULL)
    return FALSE;

  cd_check_input_set_chain_from (self, chain);

  return TRUE;
}

/**
 * cd_check_input_set_chain_from:
 * @self: a #CdCheckInput
 * @chain: a chain as cd_chain_build() made it
 *
 * Sets the chain from @chain's certificates, trusted unless the chain
 * stops short of a root of Trusted Root (missing issuer, untrusted or
 * distrusted root, bad signature).
 */
void
cd_check_input_set_chain_from (CdCheckInput *self,
                               CdChain      *chain)
{
  g_autoptr(GPtrArray) ders = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  GListModel *elements;
  CdChainStatus status;
  guint n;

  g_return_if_fail (self != NULL);
  g_return_if_fail (CD_IS_CHAIN (chain));

  /* The chain lists the root first; the input wants the leaf first. */
  elements = cd_chain_get_elements (chain);
  n = g_list_model_get_n_items (elements);
  for (guint i = n; i > 0; i--)
    {
      g_autoptr(CdChainElement) element = g_list_model_get_item (elements, i - 1);

      g_ptr_array_add (ders, g_bytes_ref (cd_chain_element_get_der (element)));
    }

  /* Expiry has rules of its own: only a root missing or not trusted
   * makes the chain incomplete here.
   */
  status = cd_chain_get_status (chain);
  cd_check_input_set_chain (self, ders,
                            status != CD_CHAIN_STATUS_ISSUER_UNKNOWN &&
                            status != CD_CHAIN_STATUS_UNTRUSTED_ROOT &&
                            status != CD_CHAIN_STATUS_DISTRUSTED &&
                            status != CD_CHAIN_STATUS_BAD_SIGNATURE);
}

static void
cd_check_result_finalize (GObject *object)
{
  CdCheckResult *self = (CdCheckResult *)object;

  g_free (self->rule_id);
  g_free (self->title);
  g_free (self->message);
  g_free (self->hint);
  g_free (self->source);

  G_OBJECT_CLASS (cd_check_result_parent_class)->finalize (object);
}

static void
cd_check_result_class_init (CdCheckResultClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cd_check_result_finalize;
}

static void
cd_check_result_init (CdCheckResult *self)
{
}

const char *
cd_check_result_get_rule_id (CdCheckResult *self)
{
  g_return_val_if_fail (CD_IS_CHECK_RESULT (self), NULL);
  return self->rule_id;
}

const char *
cd_check_result_get_title (CdCheckResult *self)
{
  g_return_val_if_fail (CD_IS_CHECK_RESULT (self), NULL);
  return self->title;
}

CdCheckStatus
cd_check_result_get_status (CdCheckResult *self)
{
  g_return_val_if_fail (CD_IS_CHECK_RESULT (self), CD_CHECK_STATUS_NOT_APPLICABLE);
  return self->status;
}

const char *
cd_check_result_get_message (CdCheckResult *self)
{
  g_return_val_if_fail (CD_IS_CHECK_RESULT (self), NULL);
  return self->message;
}

const char *
cd_check_result_get_hint (CdCheckResult *self)
{
  g_return_val_if_fail (CD_IS_CHECK_RESULT (self), NULL);
  return self->hint;
}

const char *
cd_check_result_get_source (CdCheckResult *self)
{
  g_return_val_if_fail (CD_IS_CHECK_RESULT (self), NULL);
  return self->source;
}

/* The context's parsed parts; what fails to parse stays NULL. */
static X509 *
parse_cert (GBytes *der)
{
  const unsigned char *p;
  gsize len;

  if (der == NULL)
    return NULL;

  p = g_bytes_get_data (der, &len);
  return d2i_X509 (NULL, &p, len);
}

static void
context_clear (CdCheckContext *context)
{
  g_clear_pointer (&context->cert, X509_free);
  g_clear_pointer (&context->request, X509_REQ_free);
  if (context->request_extensions != NULL)
    sk_X509_EXTENSION_pop_free (context->request_extensions, X509_EXTENSION_free);
  g_clear_pointer (&context->issuer, X509_free);
  g_clear_pointer (&context->peer, X509_free);
  g_clear_pointer (&context->chain, g_ptr_array_unref);
}

/* FALSE when nothing checkable was given; @why says what. */
static gboolean
context_init (CdCheckContext  *context,
              CdCheckInput    *input,
              CdProfile       *profile,
              const char     **why)
{
  memset (context, 0, sizeof *context);
  context->builder = input->builder;
  context->export_options = input->export_options;
  context->parameters = input->parameters;
  context->trusted = input->trusted;
  context->now = input->now != 0 ? input->now : g_get_real_time () / G_USEC_PER_SEC;
  context->warning_days = input->warning_days != 0 ? input->warning_days
                                                   : _cd_profile_get_warning_days (profile);

  if (input->chain != NULL)
    {
      context->chain = g_ptr_array_new_with_free_func ((GDestroyNotify)X509_free);
      for (guint i = 0; i < input->chain->len; i++)
        {
          X509 *cert = parse_cert (g_ptr_array_index (input->chain, i));

          if (cert != NULL)
            g_ptr_array_add (context->chain, cert);
        }
    }

  context->issuer = parse_cert (input->issuer);
  if (context->issuer == NULL && context->chain != NULL && context->chain->len > 1)
    context->issuer = X509_dup (g_ptr_array_index (context->chain, 1));
  context->peer = parse_cert (input->peer);

  if (input->certificate != NULL)
    {
      context->subject = CD_CHECK_SUBJECT_CERTIFICATE;
      context->cert = parse_cert (input->certificate);
      *why = _("The certificate could not be read.");
      return context->cert != NULL;
    }

  if (input->request != NULL)
    {
      const unsigned char *p;
      gsize len;

      context->subject = CD_CHECK_SUBJECT_REQUEST;
      p = g_bytes_get_data (input->request, &len);
      context->request = d2i_X509_REQ (NULL, &p, len);
      *why = _("The request could not be read.");
      if (context->request == NULL)
        return FALSE;
      context->request_extensions = X509_REQ_get_extensions (context->request);
      return TRUE;
    }

  context->subject = CD_CHECK_SUBJECT_BUILDER;
  *why = _("There is no certificate or request to check.");

  return context->builder != NULL;
}

static CdCheckResult *
result_new (CdProfileRule *rule,
            CdCheckStatus  status,
            char          *message,
            char          *hint)
{
  CdCheckResult *result = g_object_new (CD_TYPE_CHECK_RESULT, NULL);

  result->rule_id = g_strdup (rule->id);
  result->title = g_strdup (rule->title);
  result->source = g_strdup (rule->source);
  result->status = status;
  result->message = message;
  result->hint = hint;

  return result;
}

static CdCheckResult *
run_rule (CdProfileRule  *rule,
          CdCheckContext *context)
{
  g_autofree char *message = NULL;
  g_autofree char *hint = NULL;
  CdCheckStatus status;
  CdRuleApplies wanted;

  wanted = context->subject == CD_CHECK_SUBJECT_CERTIFICATE ? CD_RULE_APPLIES_CERTIFICATE
                                                           : CD_RULE_APPLIES_REQUEST;
  if ((rule->applies & wanted) == 0)
    {
      message = g_strdup (wanted == CD_RULE_APPLIES_CERTIFICATE
                          ? _("This rule is about requests, and a certificate is checked.")
                          : _("This rule is about certificates, and a request is checked."));
      return result_new (rule, CD_CHECK_STATUS_NOT_APPLICABLE, g_steal_pointer (&message), NULL);
    }

  switch (rule->kind->check (rule, context, &message, &hint))
    {
    case CD_RULE_OUTCOME_PASS:
      status = CD_CHECK_STATUS_PASS;
      break;
    case CD_RULE_OUTCOME_FAIL:
      status = rule->severity == CD_RULE_SEVERITY_ERROR ? CD_CHECK_STATUS_FAIL
                                                        : CD_CHECK_STATUS_WARNING;
      break;
    case CD_RULE_OUTCOME_WARN:
      status = CD_CHECK_STATUS_WARNING;
      break;
    case CD_RULE_OUTCOME_NOT_APPLICABLE:
    default:
      status = CD_CHECK_STATUS_NOT_APPLICABLE;
      break;
    }

  g_assert (message != NULL);

  /* The profile's own hint knows the device; ours is the fallback. */
  if (status == CD_CHECK_STATUS_PASS || status == CD_CHECK_STATUS_NOT_APPLICABLE)
    g_clear_pointer (&hint, g_free);
  else if (rule->hint != NULL)
    {
      g_free (hint);
      hint = g_strdup (rule->hint);
    }

  return result_new (rule, status, g_steal_pointer (&message), g_steal_pointer (&hint));
}

/**
 * cd_profile_check:
 * @profile: a #CdProfile
 * @input: what to check
 *
 * Returns: (transfer full): a #GListModel of #CdCheckResult, one per
 *   rule in the profile's order
 */
GListModel *
cd_profile_check (CdProfile    *profile,
                  CdCheckInput *input)
{
  GListStore *results = g_list_store_new (CD_TYPE_CHECK_RESULT);
  CdProfileData *data;
  CdCheckContext context;
  const char *why = NULL;
  gboolean ok;

  g_return_val_if_fail (CD_IS_PROFILE (profile), NULL);
  g_return_val_if_fail (input != NULL, NULL);

  data = _cd_profile_get_data (profile);
  ok = context_init (&context, input, profile, &why);

  for (guint i = 0; i < data->rules->len; i++)
    {
      CdProfileRule *rule = g_ptr_array_index (data->rules, i);
      g_autoptr(CdCheckResult) result = NULL;

      if (ok)
        result = run_rule (rule, &context);
      else
        result = result_new (rule, CD_CHECK_STATUS_NOT_APPLICABLE, g_strdup (why), NULL);

      g_list_store_append (results, result);
    }

  context_clear (&context);

  return G_LIST_MODEL (results);
}

/**
 * cd_check_results_get_worst:
 * @results: a #GListModel of #CdCheckResult
 *
 * Returns: fail if any failed, else warning if any warned, else pass
 */
CdCheckStatus
cd_check_results_get_worst (GListModel *results)
{
  CdCheckStatus worst = CD_CHECK_STATUS_PASS;
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (results), CD_CHECK_STATUS_PASS);

  n = g_list_model_get_n_items (results);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CdCheckResult) result = g_list_model_get_item (results, i);

      if (result->status == CD_CHECK_STATUS_FAIL)
        return CD_CHECK_STATUS_FAIL;
      if (result->status == CD_CHECK_STATUS_WARNING)
        worst = CD_CHECK_STATUS_WARNING;
    }

  return worst;
}
