/* cd-check-validity.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Rule kinds about dates, which only a certificate has: max-validity,
 * min-validity, before-2038, expiry-window, and not-vendor-default
 * (which often comes down to the date the vendor's certificate ends).
 */

#define G_LOG_DOMAIN "cd-check"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cd-check-private.h"
#include "cd-openssl-private.h"

/* 2038-01-19 00:00:00 UTC, the day 32-bit time_t runs out. */
#define Y2038 G_GINT64_CONSTANT (2147472000)

#define DAY (24 * 60 * 60)

static gboolean
get_dates (CdCheckContext  *context,
           gint64          *not_before,
           gint64          *not_after,
           char           **message)
{
  if (context->subject != CD_CHECK_SUBJECT_CERTIFICATE)
    {
      *message = g_strdup (_("A request has no dates: the certificate authority sets them."));
      return FALSE;
    }

  if (!_cd_check_time_to_unix (X509_get0_notBefore (context->cert), not_before) ||
      !_cd_check_time_to_unix (X509_get0_notAfter (context->cert), not_after))
    {
      *message = g_strdup (_("The certificate’s dates could not be read."));
      return FALSE;
    }

  return TRUE;
}

static CdRuleOutcome
check_validity (const CdProfileRule  *rule,
                CdCheckContext       *context,
                gboolean              is_max,
                char                **message,
                char                **hint)
{
  gint64 limit = _cd_rule_get_int (rule, "Days", 1);
  g_autofree char *from = NULL;
  g_autofree char *until = NULL;
  gint64 not_before, not_after, days;

  if (!get_dates (context, &not_before, &not_after, message))
    return CD_RULE_OUTCOME_NOT_APPLICABLE;

  /* Whole days, rounded up: a certificate of 398 days and one second is too long. */
  days = (not_after - not_before + DAY - 1) / DAY;
  from = _cd_check_format_date (not_before);
  until = _cd_check_format_date (not_after);

  if (is_max ? days > limit : days < limit)
    {
      /* translators: "valid for 825 days (2024-01-01 to 2026-04-05); at most 398" */
      *message = g_strdup_printf (is_max ? _("Valid for %lld days (%s to %s); the device "
                                             "takes at most %lld.")
                                         : _("Valid for %lld days (%s to %s); the device "
                                             "needs at least %lld."),
                                  (long long) days, from, until, (long long) limit);
      *hint = g_strdup_printf (is_max ? _("Ask the certificate authority for a certificate valid for "
                                          "at most %lld days.")
                                      : _("Ask the certificate authority for a certificate valid for "
                                          "at least %lld days."),
                               (long long) limit);
      return CD_RULE_OUTCOME_FAIL;
    }

  *message = g_strdup_printf (_("Valid for %lld days (%s to %s)."), (long long) days, from, until);
  return CD_RULE_OUTCOME_PASS;
}

CdRuleOutcome
_cd_check_max_validity (const CdProfileRule  *rule,
                        CdCheckContext       *context,
                        char                **message,
                        char                **hint)
{
  return check_validity (rule, context, TRUE, message, hint);
}

CdRuleOutcome
_cd_check_min_validity (const CdProfileRule  *rule,
                        CdCheckContext       *context,
                        char                **message,
                        char                **hint)
{
  return check_validity (rule, context, FALSE, message, hint);
}

CdRuleOutcome
_cd_check_before_2038 (const CdProfileRule  *rule,
                       CdCheckContext       *context,
                       char                **message,
                       char                **hint)
{
  g_autofree char *until = NULL;
  gint64 not_before, not_after;

  if (!get_dates (context, &not_before, &not_after, message))
    return CD_RULE_OUTCOME_NOT_APPLICABLE;

  until = _cd_check_format_date (not_after);
  if (not_after >= Y2038)
    {
      *message = g_strdup_printf (_("Valid until %s, on or after 2038-01-19."), until);
      *hint = g_strdup (_("The device keeps dates in 32 bits and cannot read one after 2038-01-19. "
                          "Ask the certificate authority for a certificate that ends before then."));
      return CD_RULE_OUTCOME_FAIL;
    }

  *message = g_strdup_printf (_("Valid until %s, before 2038-01-19."), until);
  return CD_RULE_OUTCOME_PASS;
}

CdRuleOutcome
_cd_check_expiry_window (const CdProfileRule  *rule,
                         CdCheckContext       *context,
                         char                **message,
                         char                **hint)
{
  gint64 window = _cd_rule_get_int (rule, "Days", context->warning_days);
  g_autofree char *from = NULL;
  g_autofree char *until = NULL;
  gint64 not_before, not_after, left;

  if (!get_dates (context, &not_before, &not_after, message))
    return CD_RULE_OUTCOME_NOT_APPLICABLE;

  from = _cd_check_format_date (not_before);
  until = _cd_check_format_date (not_after);

  if (context->now > not_after)
    {
      *message = g_strdup_printf (_("Expired on %s."), until);
      *hint = g_strdup (_("Renew the certificate: make a new request from it."));
      return CD_RULE_OUTCOME_FAIL;
    }
  if (context->now < not_before)
    {
      *message = g_strdup_printf (_("Not valid before %s."), from);
      *hint = g_strdup (_("Check the clocks of the certificate authority and of this computer."));
      return CD_RULE_OUTCOME_FAIL;
    }

  left = (not_after - context->now) / DAY;
  if (left < window)
    {
      *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "Expires on %s, in %lld day.",
                                               "Expires on %s, in %lld days.", left),
                                  until, (long long) left);
      *hint = g_strdup (_("Renew the certificate before it expires: make a new request from it."));
      return CD_RULE_OUTCOME_WARN;
    }

  *message = g_strdup_printf (_("Valid until %s."), until);
  return CD_RULE_OUTCOME_PASS;
}

static char *
dup_name (const X509_NAME *name)
{
  g_autoptr(BIO) bio = BIO_new (BIO_s_mem ());
  char *data = NULL;
  long len;

  if (X509_NAME_print_ex (bio, name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB) < 0)
    return g_strdup ("");

  len = BIO_get_mem_data (bio, &data);
  return g_utf8_make_valid (data, len);
}

static gboolean
contains_casefold (const char *haystack,
                   const char *needle)
{
  g_autofree char *h = g_utf8_casefold (haystack, -1);
  g_autofree char *n = g_utf8_casefold (needle, -1);

  return strstr (h, n) != NULL;
}

CdRuleOutcome
_cd_check_not_vendor_default (const CdProfileRule  *rule,
                              CdCheckContext       *context,
                              char                **message,
                              char                **hint)
{
  g_autofree char *issuer_contains = _cd_rule_get_string (rule, "IssuerContains");
  g_autofree char *subject_contains = _cd_rule_get_string (rule, "SubjectContains");
  g_autofree char *before = _cd_rule_get_string (rule, "NotAfterBefore");
  g_autofree char *issuer = NULL;
  g_autofree char *subject = NULL;
  gint64 not_before, not_after;

  if (!get_dates (context, &not_before, &not_after, message))
    return CD_RULE_OUTCOME_NOT_APPLICABLE;

  issuer = dup_name (X509_get_issuer_name (context->cert));
  subject = dup_name (X509_get_subject_name (context->cert));

  /* Every condition given must hold for it to be the vendor's. */
  if ((issuer_contains == NULL || contains_casefold (issuer, issuer_contains)) &&
      (subject_contains == NULL || contains_casefold (subject, subject_contains)))
    {
      if (before != NULL)
        {
          g_autofree char *midnight = g_strconcat (before, "T00:00:00Z", NULL);
          g_autoptr(GDateTime) date = g_date_time_new_from_iso8601 (midnight, NULL);

          if (date == NULL || not_after >= g_date_time_to_unix (date))
            goto not_default;
        }

      /* translators: %s is an issuer name such as "CN=Avaya Product Root CA" */
      *message = g_strdup_printf (_("This is the vendor’s default certificate (issued by %s)."), issuer);
      *hint = g_strdup (_("Replace it with a certificate from your own certificate authority."));
      return CD_RULE_OUTCOME_FAIL;
    }

not_default:
  *message = g_strdup (_("This is not the vendor’s default certificate."));
  return CD_RULE_OUTCOME_PASS;
}
