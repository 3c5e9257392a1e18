/* test-tls-fetch.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Fetching against real servers on loopback: openssl s_server with
 * certificates openssl made for the test, and GIO fronts for STARTTLS,
 * a server that never answers and a port nothing listens on.
 */

#include "config.h"

#include <string.h>

#include "cd-certificate.h"
#include "cd-chain.h"
#include "cd-device-private.h"
#include "cd-errors.h"
#include "cd-importer.h"
#include "cd-keyring.h"
#include "cd-test-utils.h"
#include "cd-tls-fetch-private.h"
#include "cd-tls-test-server.h"

static char *
fixture (const char *name)
{
  return g_build_filename (cd_test_fixtures_dir (), name, NULL);
}

/* s_server with CERT and KEY from the fixtures, and more arguments. */
static CdTestServer *
start_server (const char *cert,
              const char *key,
              ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  va_list ap;
  const char *arg;

  g_ptr_array_add (args, g_strdup ("-cert"));
  g_ptr_array_add (args, fixture (cert));
  g_ptr_array_add (args, g_strdup ("-key"));
  g_ptr_array_add (args, fixture (key));
  va_start (ap, key);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, g_str_has_suffix (arg, ".pem") ? fixture (arg) : g_strdup (arg));
  va_end (ap);
  g_ptr_array_add (args, NULL);

  return cd_test_server_start (0, (const char * const *)args->pdata);
}

static CdTlsResult *
fetch_ok (guint16     port,
          CdStarttls  starttls)
{
  g_autoptr(GError) error = NULL;
  CdTlsResult *result;

  result = cd_tls_fetch ("127.0.0.1", port, starttls, "server.example.test", 5000, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);

  return result;
}

static void
assert_chain_is (CdTlsResult *result,
                 const char  *first,
                 ...)
{
  GPtrArray *chain = cd_tls_result_get_chain (result);
  va_list ap;
  guint i = 0;

  va_start (ap, first);
  for (const char *name = first; name != NULL; name = va_arg (ap, const char *), i++)
    {
      g_autofree char *path = fixture (name);
      g_autofree char *expected = NULL;
      g_autoptr(CdCertificate) row = NULL;

      g_assert_cmpuint (i, <, chain->len);
      row = _cd_device_describe_der (g_ptr_array_index (chain, i));
      g_assert_nonnull (row);

      /* openssl's own fingerprint of the file, lower case, no colons. */
      {
        g_autofree char *cmd = g_strdup_printf ("sh -c \"openssl x509 -in '%s' -noout "
                                                "-fingerprint -sha256 | sed 's/.*=//; s/://g' "
                                                "| tr A-F a-f\"", path);
        g_autoptr(GError) error = NULL;

        g_spawn_command_line_sync (cmd, &expected, NULL, NULL, &error);
        g_assert_no_error (error);
        g_strstrip (expected);
      }
      g_assert_cmpstr (cd_certificate_get_sha256 (row), ==, expected);
    }
  va_end (ap);

  g_assert_cmpuint (chain->len, ==, i);
}

/* The stores of the chain checks: the test root in Trusted Root. */
static CdDatabase *
open_database_with_root (void)
{
  g_autoptr(CdDatabase) database = cd_test_open_database (NULL);
  g_autoptr(CdKeyring) keyring = cd_keyring_new (FALSE);
  g_autoptr(CdImporter) importer = cd_importer_new (database, keyring);
  g_autoptr(GFile) root = cd_test_fixture_file ("root.pem");
  g_autoptr(CdImportResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = cd_importer_import_file (importer, root, NULL, CD_STORE_KIND_ROOT, NULL, NULL, NULL,
                                    &error);
  g_assert_no_error (error);

  return g_steal_pointer (&database);
}

static CdChainStatus
chain_status (CdTlsResult *result)
{
  g_autoptr(CdDatabase) database = open_database_with_root ();
  g_autoptr(CdChain) chain = NULL;
  g_autoptr(GError) error = NULL;

  chain = _cd_device_build_chain (database, cd_tls_result_get_chain (result), &error);
  g_assert_no_error (error);

  return cd_chain_get_status (chain);
}

static void
test_tls_fetch_address (void)
{
  struct {
    const char *text;
    const char *host;
    guint16     port;
  } good[] = {
    { "pbx.example.com:5061", "pbx.example.com", 5061 },
    { "sbc", "sbc", 443 },
    { "192.0.2.1:8443", "192.0.2.1", 8443 },
    { "[2001:db8::1]:443", "2001:db8::1", 443 },
    { "[2001:db8::1]", "2001:db8::1", 443 },
    { "2001:db8::1", "2001:db8::1", 443 },
  };
  const char *bad[] = { "", ":443", "host:0", "host:65536", "host:https", "a b:1", "[::1", "h/x" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autofree char *host = NULL;
      g_autoptr(GError) error = NULL;
      guint16 port = 0;

      g_assert_true (cd_tls_parse_address (good[i].text, 443, &host, &port, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (host, ==, good[i].host);
      g_assert_cmpuint (port, ==, good[i].port);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *host = NULL;
      g_autoptr(GError) error = NULL;
      guint16 port = 0;

      g_assert_false (cd_tls_parse_address (bad[i], 443, &host, &port, &error));
      g_assert_error (error, CD_NETWORK_ERROR, CD_NETWORK_ERROR_ADDRESS);
      g_assert_null (host);
    }
}

static void
test_tls_fetch_valid_chain (void)
{
  CdTestServer *server = start_server ("leaf.pem", "leaf.key", "-cert_chain", "int.pem", NULL);
  g_autoptr(CdTlsResult) result = fetch_ok (cd_test_server_get_port (server), CD_STARTTLS_NONE);

  /* As presented: leaf first, then the intermediate; not the root. */
  assert_chain_is (result, "leaf.pem", "int.pem", NULL);
  g_assert_cmpstr (cd_tls_result_get_protocol (result), ==, "TLSv1.3");
  g_assert_true (g_str_has_prefix (cd_tls_result_get_cipher (result), "TLS_"));
  g_assert_false (cd_tls_result_get_client_cert_requested (result));
  g_assert_null (cd_tls_result_get_accepted_cas (result)[0]);
  /* The system's roots do not know our test root; our stores do. */
  g_assert_nonnull (strstr (cd_tls_result_get_verify_error (result), "local issuer"));
  g_assert_cmpint (chain_status (result), ==, CD_CHAIN_STATUS_VALID);

  cd_test_server_stop (server);
}

static void
test_tls_fetch_expired (void)
{
  CdTestServer *server = start_server ("expired.pem", "expired.key", "-cert_chain", "int.pem",
                                       NULL);
  g_autoptr(CdTlsResult) result = fetch_ok (cd_test_server_get_port (server), CD_STARTTLS_NONE);

  assert_chain_is (result, "expired.pem", "int.pem", NULL);
  g_assert_nonnull (strstr (cd_tls_result_get_verify_error (result), "expired"));
  g_assert_cmpint (chain_status (result), ==, CD_CHAIN_STATUS_EXPIRED);

  cd_test_server_stop (server);
}

static void
test_tls_fetch_self_signed (void)
{
  CdTestServer *server = start_server ("self.pem", "self.key", NULL);
  g_autoptr(CdTlsResult) result = fetch_ok (cd_test_server_get_port (server), CD_STARTTLS_NONE);

  assert_chain_is (result, "self.pem", NULL);
  g_assert_nonnull (strstr (cd_tls_result_get_verify_error (result), "self-signed"));
  g_assert_cmpint (chain_status (result), ==, CD_CHAIN_STATUS_UNTRUSTED_ROOT);

  cd_test_server_stop (server);
}

static void
test_tls_fetch_incomplete_chain (void)
{
  /* The intermediate is missing, and no store has it either. */
  CdTestServer *server = start_server ("leaf.pem", "leaf.key", NULL);
  g_autoptr(CdTlsResult) result = fetch_ok (cd_test_server_get_port (server), CD_STARTTLS_NONE);

  assert_chain_is (result, "leaf.pem", NULL);
  g_assert_cmpint (chain_status (result), ==, CD_CHAIN_STATUS_ISSUER_UNKNOWN);

  cd_test_server_stop (server);
}

static void
test_tls_fetch_client_cas (void)
{
  /* Asks for a client certificate and names the root as acceptable. */
  CdTestServer *server = start_server ("leaf.pem", "leaf.key", "-cert_chain", "int.pem",
                                       "-verify", "1", "-CAfile", "root.pem", NULL);
  g_autoptr(CdTlsResult) result = fetch_ok (cd_test_server_get_port (server), CD_STARTTLS_NONE);
  const char * const *cas = cd_tls_result_get_accepted_cas (result);

  assert_chain_is (result, "leaf.pem", "int.pem", NULL);
  g_assert_true (cd_tls_result_get_client_cert_requested (result));
  g_assert_nonnull (cas);
  g_assert_cmpstr (cas[0], ==, "CN=Certdesk Test Root CA,O=Certdesk Tests");
  g_assert_null (cas[1]);

  cd_test_server_stop (server);
}

static void
test_tls_fetch_client_cert_required (void)
{
  /* TLS 1.2 and a certificate required: the server ends the handshake
   * when we send none, after it has shown its own.
   */
  CdTestServer *server = start_server ("leaf.pem", "leaf.key", "-cert_chain", "int.pem",
                                       "-Verify", "1", "-CAfile", "root.pem", "-tls1_2", NULL);
  g_autoptr(CdTlsResult) result = fetch_ok (cd_test_server_get_port (server), CD_STARTTLS_NONE);

  assert_chain_is (result, "leaf.pem", "int.pem", NULL);
  g_assert_cmpstr (cd_tls_result_get_protocol (result), ==, "TLSv1.2");
  g_assert_true (cd_tls_result_get_client_cert_requested (result));
  g_assert_cmpstr (cd_tls_result_get_accepted_cas (result)[0], ==,
                   "CN=Certdesk Test Root CA,O=Certdesk Tests");

  cd_test_server_stop (server);
}

static void
test_tls_fetch_starttls_smtp (void)
{
  CdTestServer *server = start_server ("leaf.pem", "leaf.key", "-cert_chain", "int.pem", NULL);
  CdTestServer *front = cd_test_front_start (CD_TEST_FRONT_SMTP, cd_test_server_get_port (server));
  g_autoptr(CdTlsResult) result = fetch_ok (cd_test_server_get_port (front), CD_STARTTLS_SMTP);

  assert_chain_is (result, "leaf.pem", "int.pem", NULL);

  cd_test_server_stop (front);
  cd_test_server_stop (server);
}

static void
test_tls_fetch_starttls_ldap (void)
{
  CdTestServer *server = start_server ("leaf.pem", "leaf.key", "-cert_chain", "int.pem", NULL);
  CdTestServer *front = cd_test_front_start (CD_TEST_FRONT_LDAP, cd_test_server_get_port (server));
  g_autoptr(CdTlsResult) result = fetch_ok (cd_test_server_get_port (front), CD_STARTTLS_LDAP);

  assert_chain_is (result, "leaf.pem", "int.pem", NULL);

  cd_test_server_stop (front);
  cd_test_server_stop (server);
}

static void
test_tls_fetch_starttls_not_offered (void)
{
  CdTestServer *front = cd_test_front_start (CD_TEST_FRONT_SMTP_NO_STARTTLS, 0);
  g_autoptr(CdTlsResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = cd_tls_fetch ("127.0.0.1", cd_test_server_get_port (front), CD_STARTTLS_SMTP, NULL,
                         5000, NULL, &error);
  g_assert_error (error, CD_NETWORK_ERROR, CD_NETWORK_ERROR_STARTTLS_REFUSED);
  g_assert_nonnull (strstr (error->message, "STARTTLS"));
  g_assert_null (result);

  cd_test_server_stop (front);
}

static void
test_tls_fetch_not_tls (void)
{
  /* A mail server greets in plain text where TLS was expected. */
  CdTestServer *front = cd_test_front_start (CD_TEST_FRONT_SMTP, 0);
  g_autoptr(CdTlsResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = cd_tls_fetch ("127.0.0.1", cd_test_server_get_port (front), CD_STARTTLS_NONE, NULL,
                         5000, NULL, &error);
  g_assert_error (error, CD_NETWORK_ERROR, CD_NETWORK_ERROR_NOT_TLS);
  g_assert_null (result);

  cd_test_server_stop (front);
}

static void
test_tls_fetch_refused (void)
{
  g_autoptr(CdTlsResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = cd_tls_fetch ("127.0.0.1", cd_test_free_port (), CD_STARTTLS_NONE, NULL, 5000, NULL,
                         &error);
  g_assert_error (error, CD_NETWORK_ERROR, CD_NETWORK_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "refused"));
  g_assert_null (result);
}

static void
test_tls_fetch_timeout (void)
{
  CdTestServer *silent = cd_test_front_start (CD_TEST_FRONT_SILENT, 0);
  g_autoptr(CdTlsResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = cd_tls_fetch ("127.0.0.1", cd_test_server_get_port (silent), CD_STARTTLS_NONE, NULL,
                         300, NULL, &error);
  g_assert_error (error, CD_NETWORK_ERROR, CD_NETWORK_ERROR_TIMEOUT);
  g_assert_nonnull (strstr (error->message, "handshake"));
  g_assert_null (result);

  /* The STARTTLS stage times out the same way. */
  g_clear_error (&error);
  result = cd_tls_fetch ("127.0.0.1", cd_test_server_get_port (silent), CD_STARTTLS_SMTP, NULL,
                         300, NULL, &error);
  g_assert_error (error, CD_NETWORK_ERROR, CD_NETWORK_ERROR_TIMEOUT);

  cd_test_server_stop (silent);
}

static void
cancel_soon_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_tls_fetch_cancel (void)
{
  CdTestServer *silent = cd_test_front_start (CD_TEST_FRONT_SILENT, 0);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) async_result = NULL;
  g_autoptr(CdTlsResult) result = NULL;
  g_autoptr(GError) error = NULL;

  cd_tls_fetch_async ("127.0.0.1", cd_test_server_get_port (silent), CD_STARTTLS_NONE, NULL,
                      60000, cancellable, cancel_soon_cb, &async_result);
  /* Let it connect and start waiting for the server, then cancel. */
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_cancellable_cancel (cancellable);
  while (async_result == NULL)
    g_main_context_iteration (NULL, TRUE);

  result = cd_tls_fetch_finish (async_result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (result);

  cd_test_server_stop (silent);
}

static void
test_tls_fetch_ldap_ber (void)
{
  g_autoptr(GBytes) request = _cd_ldap_starttls_request (7);
  g_autofree char *dir = cd_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "request.der", NULL);
  g_autofree char *cmd = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const guint8 partial[] = { 0x30, 0x0c, 0x02, 0x01 };
  int code = -1;

  /* openssl reads our request as LDAP would. */
  g_file_set_contents (path, g_bytes_get_data (request, NULL), g_bytes_get_size (request), &error);
  g_assert_no_error (error);
  cmd = g_strdup_printf ("openssl asn1parse -inform DER -in %s", path);
  g_spawn_command_line_sync (cmd, &out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (out, "INTEGER           :07"));
  g_assert_nonnull (strstr (out, "appl [ 23 ]"));
  g_assert_nonnull (strstr (out, "cont [ 0 ]"));

  /* Less than one message: wait for more. */
  g_assert_cmpint (_cd_ldap_parse_response (partial, sizeof partial, 1, &code, NULL), ==, -1);
  /* Our own request is no response. */
  g_assert_cmpint (_cd_ldap_parse_response (g_bytes_get_data (request, NULL),
                                            g_bytes_get_size (request), 7, &code, &error), ==, -2);
  g_assert_error (error, CD_NETWORK_ERROR, CD_NETWORK_ERROR_STARTTLS_REFUSED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  cd_test_fixtures_dir ();
  cd_test_run_command ("sh %s/make-device-fixtures.sh %s", g_getenv ("G_TEST_SRCDIR"),
                       cd_test_fixtures_dir ());

  g_test_add_func ("/certdesk/tls-fetch/address", test_tls_fetch_address);
  g_test_add_func ("/certdesk/tls-fetch/valid-chain", test_tls_fetch_valid_chain);
  g_test_add_func ("/certdesk/tls-fetch/expired", test_tls_fetch_expired);
  g_test_add_func ("/certdesk/tls-fetch/self-signed", test_tls_fetch_self_signed);
  g_test_add_func ("/certdesk/tls-fetch/incomplete-chain", test_tls_fetch_incomplete_chain);
  g_test_add_func ("/certdesk/tls-fetch/client-cas", test_tls_fetch_client_cas);
  g_test_add_func ("/certdesk/tls-fetch/client-cert-required", test_tls_fetch_client_cert_required);
  g_test_add_func ("/certdesk/tls-fetch/starttls-smtp", test_tls_fetch_starttls_smtp);
  g_test_add_func ("/certdesk/tls-fetch/starttls-ldap", test_tls_fetch_starttls_ldap);
  g_test_add_func ("/certdesk/tls-fetch/starttls-not-offered", test_tls_fetch_starttls_not_offered);
  g_test_add_func ("/certdesk/tls-fetch/not-tls", test_tls_fetch_not_tls);
  g_test_add_func ("/certdesk/tls-fetch/refused", test_tls_fetch_refused);
  g_test_add_func ("/certdesk/tls-fetch/timeout", test_tls_fetch_timeout);
  g_test_add_func ("/certdesk/tls-fetch/cancel", test_tls_fetch_cancel);
  g_test_add_func ("/certdesk/tls-fetch/ldap-ber", test_tls_fetch_ldap_ber);

  return g_test_run ();
}
