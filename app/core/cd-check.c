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
 * cd-check-chain.c; cd-check-kinds.c lists them.
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
  g_autoptr(GPtrArray) ders = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  g_autoptr(CdChain) chain = NULL;
  GListModel *elements;
  CdChainStatus status;
  guint n;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->certificate != NULL, FALSE);

  chain = cd_chain_build (database, self->certificate, FALSE, self->now, error);
  if (chain == NULL)
    return FALSE;

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

  return TRUE;
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

/* Accessors for the rule families. */

CdRuleOutcome
_cd_check_not_applicable (char       **message,
                          const char  *reason)
{
  *message = g_strdup (reason);
  return CD_RULE_OUTCOME_NOT_APPLICABLE;
}

static const X509_NAME *
subject_name (CdCheckContext *context)
{
  switch (context->subject)
    {
    case CD_CHECK_SUBJECT_CERTIFICATE:
      return X509_get_subject_name (context->cert);
    case CD_CHECK_SUBJECT_REQUEST:
      return X509_REQ_get_subject_name (context->request);
    case CD_CHECK_SUBJECT_BUILDER:
    default:
      return NULL;
    }
}

static char *
asn1_string_to_utf8 (const ASN1_STRING *string)
{
  unsigned char *utf8 = NULL;
  int len = ASN1_STRING_to_UTF8 (&utf8, string);
  char *result;

  if (len < 0)
    return g_strdup ("");

  result = g_utf8_make_valid ((const char *)utf8, len);
  OPENSSL_free (utf8);

  return result;
}

/* The builder encodes as cd-request-sign.c does: C printable, e-mail
 * IA5, the rest printable where it fits when asked, else UTF-8.
 */
static int
builder_string_type (CdRequestBuilder *builder,
                     int               nid,
                     const char       *value)
{
  if (nid == NID_countryName)
    return V_ASN1_PRINTABLESTRING;
  if (nid == NID_pkcs9_emailAddress)
    return V_ASN1_IA5STRING;
  if (cd_request_builder_get_string_type (builder) == CD_STRING_TYPE_PRINTABLE_WHERE_POSSIBLE &&
      cd_request_string_fits_printable (value))
    return V_ASN1_PRINTABLESTRING;

  return V_ASN1_UTF8STRING;
}

/**
 * _cd_check_dup_field:
 * @context: the check
 * @nid: a subject attribute, such as %NID_commonName
 * @asn1_type: (out) (optional): its string type (%V_ASN1_UTF8STRING…)
 *
 * Returns: (transfer full) (nullable): the first value, or %NULL
 */
char *
_cd_check_dup_field (CdCheckContext *context,
                     int             nid,
                     int            *asn1_type)
{
  const X509_NAME *name;
  const X509_NAME_ENTRY *entry;
  const ASN1_STRING *data;
  int index;

  if (context->subject == CD_CHECK_SUBJECT_BUILDER)
    {
      const char *value = NULL;

      for (guint i = 0; i < CD_N_SUBJECT_FIELDS; i++)
        {
          if (_cd_profile_subject_field_nid (i) == nid)
            value = cd_request_builder_get_subject_field (context->builder, i);
        }
      if (value == NULL || value[0] == '\0')
        return NULL;
      if (asn1_type != NULL)
        *asn1_type = builder_string_type (context->builder, nid, value);
      return g_strdup (value);
    }

  name = subject_name (context);
  index = X509_NAME_get_index_by_NID (name, nid, -1);
  if (index < 0)
    return NULL;

  entry = X509_NAME_get_entry (name, index);
  data = X509_NAME_ENTRY_get_data (entry);
  if (asn1_type != NULL)
    *asn1_type = ASN1_STRING_type (data);

  return asn1_string_to_utf8 (data);
}

static void
san_free (CdCheckSan *san)
{
  g_free (san->value);
  g_free (san);
}

static CdCheckSan *
san_new (int         type,
         char       *value)
{
  CdCheckSan *san = g_new0 (CdCheckSan, 1);

  san->type = type;
  san->value = value;

  return san;
}

static char *
ip_to_string (const ASN1_OCTET_STRING *ip)
{
  g_autoptr(GInetAddress) address = NULL;
  int len = ASN1_STRING_length (ip);

  if (len == 4)
    address = g_inet_address_new_from_bytes (ASN1_STRING_get0_data (ip), G_SOCKET_FAMILY_IPV4);
  else if (len == 16)
    address = g_inet_address_new_from_bytes (ASN1_STRING_get0_data (ip), G_SOCKET_FAMILY_IPV6);

  return address != NULL ? g_inet_address_to_string (address) : g_strdup ("?");
}

/**
 * _cd_check_dup_sans:
 * @context: the check
 * @present: (out): whether there is a SAN extension at all
 *
 * Returns: (transfer full) (element-type CdCheckSan): the entries, in order
 */
GPtrArray *
_cd_check_dup_sans (CdCheckContext *context,
                    gboolean       *present)
{
  GPtrArray *sans = g_ptr_array_new_with_free_func ((GDestroyNotify)san_free);
  g_autoptr(GENERAL_NAMES) names = NULL;

  if (context->subject == CD_CHECK_SUBJECT_BUILDER)
    {
      g_auto(GStrv) strings = cd_request_builder_dup_san_strings (context->builder);

      for (guint i = 0; strings[i] != NULL; i++)
        {
          const char *colon = strchr (strings[i], ':');
          g_autofree char *prefix = g_strndup (strings[i], colon - strings[i]);
          CdSanType type;

          if (!cd_san_type_from_prefix (prefix, &type))
            g_ptr_array_add (sans, san_new (-1, g_strdup (colon + 1)));
          else
            g_ptr_array_add (sans, san_new (type, g_strdup (colon + 1)));
        }
      *present = sans->len > 0;
      return sans;
    }

  names = _cd_check_get_ext_d2i (context, NID_subject_alt_name, NULL);
  *present = names != NULL;

  for (int i = 0; names != NULL && i < sk_GENERAL_NAME_num (names); i++)
    {
      const GENERAL_NAME *name = sk_GENERAL_NAME_value (names, i);

      switch (name->type)
        {
        case GEN_DNS:
          g_ptr_array_add (sans, san_new (CD_SAN_TYPE_DNS, asn1_string_to_utf8 (name->d.dNSName)));
          break;
        case GEN_IPADD:
          g_ptr_array_add (sans, san_new (CD_SAN_TYPE_IP, ip_to_string (name->d.iPAddress)));
          break;
        case GEN_EMAIL:
          g_ptr_array_add (sans, san_new (CD_SAN_TYPE_EMAIL, asn1_string_to_utf8 (name->d.rfc822Name)));
          break;
        case GEN_URI:
          g_ptr_array_add (sans, san_new (CD_SAN_TYPE_URI,
                                          asn1_string_to_utf8 (name->d.uniformResourceIdentifier)));
          break;
        case GEN_DIRNAME:
          g_ptr_array_add (sans, san_new (-1, g_strdup (_("a directory name"))));
          break;
        case GEN_OTHERNAME:
          g_ptr_array_add (sans, san_new (-1, g_strdup (_("an other name (such as a UPN)"))));
          break;
        default:
          g_ptr_array_add (sans, san_new (-1, g_strdup (_("a name of another kind"))));
          break;
        }
    }

  return sans;
}

/* (transfer full): the decoded extension, for a certificate or request. */
void *
_cd_check_get_ext_d2i (CdCheckContext *context,
                       int             nid,
                       int            *critical)
{
  switch (context->subject)
    {
    case CD_CHECK_SUBJECT_CERTIFICATE:
      return X509_get_ext_d2i (context->cert, nid, critical, NULL);
    case CD_CHECK_SUBJECT_REQUEST:
      return X509V3_get_d2i (context->request_extensions, nid, critical, NULL);
    case CD_CHECK_SUBJECT_BUILDER:
    default:
      return NULL;
    }
}

int
_cd_check_n_extensions (CdCheckContext *context)
{
  switch (context->subject)
    {
    case CD_CHECK_SUBJECT_CERTIFICATE:
      return X509_get_ext_count (context->cert);
    case CD_CHECK_SUBJECT_REQUEST:
      return context->request_extensions != NULL
             ? sk_X509_EXTENSION_num (context->request_extensions) : 0;
    case CD_CHECK_SUBJECT_BUILDER:
    default:
      return 0;
    }
}

X509_EXTENSION *
_cd_check_get_extension (CdCheckContext *context,
                         int             i)
{
  if (context->subject == CD_CHECK_SUBJECT_CERTIFICATE)
    return X509_get_ext (context->cert, i);

  return sk_X509_EXTENSION_value (context->request_extensions, i);
}

/* (transfer none) (nullable): NULL for a builder. */
EVP_PKEY *
_cd_check_get_public_key (CdCheckContext *context)
{
  switch (context->subject)
    {
    case CD_CHECK_SUBJECT_CERTIFICATE:
      return X509_get0_pubkey (context->cert);
    case CD_CHECK_SUBJECT_REQUEST:
      return X509_REQ_get0_pubkey (context->request);
    case CD_CHECK_SUBJECT_BUILDER:
    default:
      return NULL;
    }
}

/* "2040-03-01", UTC. */
char *
_cd_check_format_date (gint64 unix_time)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (unix_time);

  if (date == NULL)
    return g_strdup ("?");

  return g_date_time_format (date, "%Y-%m-%d");
}

gboolean
_cd_check_time_to_unix (const ASN1_TIME *time,
                        gint64          *out)
{
  struct tm tm;

  if (time == NULL || ASN1_TIME_to_tm (time, &tm) != 1)
    return FALSE;

  /* Like timegm(), without depending on it. */
  {
    g_autoptr(GDateTime) date = g_date_time_new_utc (tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                                                     tm.tm_hour, tm.tm_min, tm.tm_sec);

    if (date == NULL)
      return FALSE;
    *out = g_date_time_to_unix (date);
  }

  return TRUE;
}

const char *
_cd_check_string_type_name (int asn1_type)
{
  switch (asn1_type)
    {
    case V_ASN1_PRINTABLESTRING:
      return "PrintableString";
    case V_ASN1_UTF8STRING:
      return "UTF8String";
    case V_ASN1_IA5STRING:
      return "IA5String";
    case V_ASN1_T61STRING:
      return "TeletexString";
    case V_ASN1_BMPSTRING:
      return "BMPString";
    case V_ASN1_UNIVERSALSTRING:
      return "UniversalString";
    default:
      return ASN1_tag2str (asn1_type);
    }
}

/* "the certificate", "the request", for messages. */
const char *
_cd_check_subject_label (CdCheckContext *context)
{
  return context->subject == CD_CHECK_SUBJECT_CERTIFICATE ? _("the certificate") : _("the request");
}

char *
_cd_rule_get_string (const CdProfileRule *rule,
                     const char          *key)
{
  char *value = g_key_file_get_string (rule->key_file, rule->group, key, NULL);

  return value != NULL ? g_strstrip (value) : NULL;
}

gboolean
_cd_rule_has_key (const CdProfileRule *rule,
                  const char          *key)
{
  return g_key_file_has_key (rule->key_file, rule->group, key, NULL);
}

/* Values were validated when the profile was loaded. */
gint64
_cd_rule_get_int (const CdProfileRule *rule,
                  const char          *key,
                  gint64               fallback)
{
  g_autofree char *value = _cd_rule_get_string (rule, key);

  return value != NULL ? g_ascii_strtoll (value, NULL, 10) : fallback;
}

gboolean
_cd_rule_get_bool (const CdProfileRule *rule,
                   const char          *key,
                   gboolean             fallback)
{
  g_autofree char *value = _cd_rule_get_string (rule, key);

  return value != NULL ? g_str_equal (value, "true") : fallback;
}

/* (transfer full) (nullable): the items, stripped, empty ones dropped. */
char **
_cd_rule_get_list (const CdProfileRule *rule,
                   const char          *key)
{
  g_auto(GStrv) items = g_key_file_get_string_list (rule->key_file, rule->group, key, NULL, NULL);
  g_autoptr(GStrvBuilder) builder = NULL;

  if (items == NULL)
    return NULL;

  builder = g_strv_builder_new ();
  for (guint i = 0; items[i] != NULL; i++)
    {
      g_strstrip (items[i]);
      if (items[i][0] != '\0')
        g_strv_builder_add (builder, items[i]);
    }

  return g_strv_builder_end (builder);
}
