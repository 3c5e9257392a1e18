/* cd-tls-ldap.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* LDAP's StartTLS (RFC 4511 §4.14) is an ExtendedRequest in BER. The
 * messages are described to OpenSSL's ASN.1 templates, which encode
 * the request and decode the response; nothing here reads a tag or a
 * length by hand.
 */

#define G_LOG_DOMAIN "cd-tls-fetch"

#include "config.h"

#include <openssl/asn1t.h>
#include <openssl/err.h>

#include <glib/gi18n-lib.h>

#include "cd-errors.h"
#include "cd-tls-fetch-private.h"

#define STARTTLS_OID "1.3.6.1.4.1.1466.20037"

/* ExtendedRequest ::= [APPLICATION 23] SEQUENCE {
 *   requestName [0] LDAPOID, requestValue [1] OCTET STRING OPTIONAL } */
typedef struct
{
  ASN1_OCTET_STRING *name;
  ASN1_OCTET_STRING *value;
} LDAP_EXTREQ;

ASN1_SEQUENCE (LDAP_EXTREQ) = {
  ASN1_IMP (LDAP_EXTREQ, name, ASN1_OCTET_STRING, 0),
  ASN1_IMP_OPT (LDAP_EXTREQ, value, ASN1_OCTET_STRING, 1),
} static_ASN1_SEQUENCE_END (LDAP_EXTREQ)

typedef struct
{
  ASN1_INTEGER *id;
  LDAP_EXTREQ  *op;
} LDAP_REQMSG;

ASN1_SEQUENCE (LDAP_REQMSG) = {
  ASN1_SIMPLE (LDAP_REQMSG, id, ASN1_INTEGER),
  ASN1_EX_TYPE (ASN1_TFLG_IMPTAG | ASN1_TFLG_APPLICATION, 23, LDAP_REQMSG, op, LDAP_EXTREQ),
} static_ASN1_SEQUENCE_END (LDAP_REQMSG)

/* ExtendedResponse ::= [APPLICATION 24] SEQUENCE { COMPONENTS OF
 *   LDAPResult, responseName [10] OPTIONAL, responseValue [11] OPTIONAL } */
typedef struct
{
  ASN1_ENUMERATED             *result_code;
  ASN1_OCTET_STRING           *matched_dn;
  ASN1_OCTET_STRING           *diagnostic;
  STACK_OF(ASN1_OCTET_STRING) *referral;
  ASN1_OCTET_STRING           *response_name;
  ASN1_OCTET_STRING           *response_value;
} LDAP_EXTRESP;

ASN1_SEQUENCE (LDAP_EXTRESP) = {
  ASN1_SIMPLE (LDAP_EXTRESP, result_code, ASN1_ENUMERATED),
  ASN1_SIMPLE (LDAP_EXTRESP, matched_dn, ASN1_OCTET_STRING),
  ASN1_SIMPLE (LDAP_EXTRESP, diagnostic, ASN1_OCTET_STRING),
  ASN1_IMP_SEQUENCE_OF_OPT (LDAP_EXTRESP, referral, ASN1_OCTET_STRING, 3),
  ASN1_IMP_OPT (LDAP_EXTRESP, response_name, ASN1_OCTET_STRING, 10),
  ASN1_IMP_OPT (LDAP_EXTRESP, response_value, ASN1_OCTET_STRING, 11),
} static_ASN1_SEQUENCE_END (LDAP_EXTRESP)

typedef struct
{
  ASN1_INTEGER      *id;
  LDAP_EXTRESP      *op;
  STACK_OF(ASN1_TYPE) *controls;
} LDAP_RESPMSG;

ASN1_SEQUENCE (LDAP_RESPMSG) = {
  ASN1_SIMPLE (LDAP_RESPMSG, id, ASN1_INTEGER),
  ASN1_EX_TYPE (ASN1_TFLG_IMPTAG | ASN1_TFLG_APPLICATION, 24, LDAP_RESPMSG, op, LDAP_EXTRESP),
  ASN1_IMP_SEQUENCE_OF_OPT (LDAP_RESPMSG, controls, ASN1_ANY, 0),
} static_ASN1_SEQUENCE_END (LDAP_RESPMSG)

/* The StartTLS request with @message_id, as BER. */
GBytes *
_cd_ldap_starttls_request (int message_id)
{
  LDAP_REQMSG *msg = (LDAP_REQMSG *)ASN1_item_new (ASN1_ITEM_rptr (LDAP_REQMSG));
  unsigned char *der = NULL;
  GBytes *bytes;
  int len;

  if (msg == NULL ||
      !ASN1_INTEGER_set (msg->id, message_id) ||
      !ASN1_OCTET_STRING_set (msg->op->name, (const unsigned char *)STARTTLS_OID,
                              sizeof STARTTLS_OID - 1))
    g_error ("Out of memory");

  len = ASN1_item_i2d ((ASN1_VALUE *)msg, &der, ASN1_ITEM_rptr (LDAP_REQMSG));
  ASN1_item_free ((ASN1_VALUE *)msg, ASN1_ITEM_rptr (LDAP_REQMSG));
  if (len <= 0)
    g_error ("Out of memory");

  bytes = g_bytes_new (der, len);
  OPENSSL_free (der);

  return bytes;
}

static gssize
not_ldap (GError **error)
{
  g_set_error_literal (error, CD_NETWORK_ERROR, CD_NETWORK_ERROR_STARTTLS_REFUSED,
                       _("The server did not answer the LDAP StartTLS request with an LDAP "
                         "extended response."));
  return -2;
}

/* Returns -1 while @data holds less than one whole message, -2 with
 * @error set when it is no extended response to @message_id, else the
 * bytes the message takes.
 */
gssize
_cd_ldap_parse_response (const guint8  *data,
                         gsize          length,
                         int            message_id,
                         int           *out_result_code,
                         GError       **error)
{
  const unsigned char *p = data;
  const unsigned char *start = data;
  LDAP_RESPMSG *msg;
  unsigned long reason;
  long content = 0;
  long total;
  int tag;
  int xclass;
  int ret;

  /* OpenSSL reads the outer header and says whether all of it is here. */
  ret = ASN1_get_object (&p, &content, &tag, &xclass, (long)MIN (length, G_MAXLONG));
  reason = ERR_GET_REASON (ERR_peek_last_error ());
  ERR_clear_error ();

  if ((ret & 0x80) != 0)
    {
      /* The content, or maybe the header, has not all arrived yet. */
      if (reason == ASN1_R_TOO_LONG || length < 16)
        return -1;
      return not_ldap (error);
    }
  if ((ret & 0x01) != 0)
    return not_ldap (error);

  total = (p - data) + content;
  msg = (LDAP_RESPMSG *)ASN1_item_d2i (NULL, &start, total, ASN1_ITEM_rptr (LDAP_RESPMSG));
  ERR_clear_error ();
  if (msg == NULL || ASN1_INTEGER_get (msg->id) != message_id)
    {
      ASN1_item_free ((ASN1_VALUE *)msg, ASN1_ITEM_rptr (LDAP_RESPMSG));
      return not_ldap (error);
    }

  if (out_result_code != NULL)
    *out_result_code = (int)ASN1_ENUMERATED_get (msg->op->result_code);
  ASN1_item_free ((ASN1_VALUE *)msg, ASN1_ITEM_rptr (LDAP_RESPMSG));

  return total;
}
