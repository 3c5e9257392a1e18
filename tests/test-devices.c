/* test-devices.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The device list in a real database, its CSV import and export, and
 * the watcher against s_server on loopback: events between two checks,
 * and "certdesk-cli devices check" with its exit status.
 */

#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include <json-glib/json-glib.h>

#include "cd-device-watcher.h"
#include "cd-devices.h"
#include "cd-importer.h"
#include "cd-keyring.h"
#include "cd-errors.h"
#include "cd-test-utils.h"
#include "cd-tls-test-server.h"

static char *
fixture (const char *name)
{
  return g_build_filename (cd_test_fixtures_dir (), name, NULL);
}

static CdTestServer *
start_server (guint16     port,
              const char *cert,
              const char *key)
{
  g_autofree char *cert_path = fixture (cert);
  g_autofree char *key_path = fixture (key);
  g_autofree char *int_path = fixture ("int.pem");
  const char *args[] = { "-cert", cert_path, "-key", key_path, "-cert_chain", int_path, NULL };

  return cd_test_server_start (port, args);
}

static CdDevice *
add_device (CdDatabase *database,
            const char *host,
            guint16     port)
{
  g_autoptr(GError) error = NULL;
  CdDevice *device;

  device = cd_devices_add (database, host, port, CD_STARTTLS_NONE, "server.example.test", NULL,
                           NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (device);

  return device;
}

static void
test_devices_add_list_remove (void)
{
  g_autoptr(CdDatabase) database = cd_test_open_database (NULL);
  g_autoptr(CdDevice) pbx = NULL;
  g_autoptr(CdDevice) sbc = NULL;
  g_autoptr(CdDevice) found = NULL;
  g_autoptr(CdDevice) again = NULL;
  g_autoptr(GPtrArray) devices = NULL;
  g_autoptr(GError) error = NULL;

  pbx = cd_devices_add (database, "pbx.example.com", 5061, CD_STARTTLS_NONE, NULL, "avaya-sm",
                        "Main site", &error);
  g_assert_no_error (error);
  sbc = cd_devices_add (database, "mail.example.com", 25, CD_STARTTLS_SMTP, NULL, NULL, NULL,
                        &error);
  g_assert_no_error (error);

  again = cd_devices_add (database, "PBX.example.com", 5061, CD_STARTTLS_NONE, NULL, NULL, NULL,
                          &error);
  g_assert_error (error, CD_DEVICE_ERROR, CD_DEVICE_ERROR_EXISTS);
  g_assert_null (again);
  g_clear_error (&error);

  g_assert_null (cd_devices_add (database, "bad host", 1, CD_STARTTLS_NONE, NULL, NULL, NULL,
                                 &error));
  g_assert_error (error, CD_DEVICE_ERROR, CD_DEVICE_ERROR_INVALID);
  g_clear_error (&error);

  devices = cd_devices_list (database, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (devices->len, ==, 2);
  g_assert_cmpstr (cd_device_get_host (g_ptr_array_index (devices, 0)), ==, "mail.example.com");
  g_assert_cmpint (cd_device_get_starttls (g_ptr_array_index (devices, 0)), ==, CD_STARTTLS_SMTP);
  g_assert_cmpstr (cd_device_get_profile_id (g_ptr_array_index (devices, 1)), ==, "avaya-sm");
  g_assert_cmpstr (cd_device_get_note (g_ptr_array_index (devices, 1)), ==, "Main site");

  /* A host alone finds the one device on it. */
  found = cd_devices_find (database, "pbx.example.com", &error);
  g_assert_no_error (error);
  g_assert_cmpint (cd_device_get_id (found), ==, cd_device_get_id (pbx));

  g_assert_true (cd_devices_update (database, cd_device_get_id (pbx), NULL, "Moved", &error));
  g_assert_no_error (error);
  g_clear_object (&found);
  found = cd_devices_find (database, "pbx.example.com:5061", &error);
  g_assert_null (cd_device_get_profile_id (found));
  g_assert_cmpstr (cd_device_get_note (found), ==, "Moved");

  g_assert_true (cd_devices_remove (database, cd_device_get_id (pbx), &error));
  g_assert_no_error (error);
  g_assert_false (cd_devices_remove (database, cd_device_get_id (pbx), &error));
  g_assert_error (error, CD_DEVICE_ERROR, CD_DEVICE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_object (&found);
  found = cd_devices_find (database, "pbx.example.com", &error);
  g_assert_error (error, CD_DEVICE_ERROR, CD_DEVICE_ERROR_NOT_FOUND);
  g_assert_null (found);
}

static void
test_devices_csv (void)
{
  g_autoptr(CdDatabase) database = cd_test_open_database (NULL);
  g_autoptr(CdDatabase) copy = cd_test_open_database (NULL);
  g_autofree char *dir = cd_test_make_tmpdir ();
  g_autofree char *in_path = g_build_filename (dir, "in.csv", NULL);
  g_autofree char *out_path = g_build_filename (dir, "out.csv", NULL);
  g_autofree char *again_path = g_build_filename (dir, "again.csv", NULL);
  g_autofree char *semi_path = g_build_filename (dir, "semi.csv", NULL);
  g_autofree char *bad_path = g_build_filename (dir, "bad.csv", NULL);
  g_autoptr(GFile) in = g_file_new_for_path (in_path);
  g_autoptr(GFile) out = g_file_new_for_path (out_path);
  g_autoptr(GFile) again = g_file_new_for_path (again_path);
  g_autoptr(GFile) semi = g_file_new_for_path (semi_path);
  g_autoptr(GFile) bad = g_file_new_for_path (bad_path);
  g_autoptr(GPtrArray) devices = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  g_autofree char *rewritten = NULL;
  guint added = 0;
  guint existing = 0;

  /* A BOM, CR LF, quotes, a comma and a line break inside a note, a
   * blank line, "host:port" in one column.
   */
  g_file_set_contents (in_path,
                       "\xef\xbb\xbfhost,port,starttls,server_name,profile,note\r\n"
                       "pbx.example.com,5061,,,avaya-sm,\"Site A, rack 2\"\r\n"
                       "\r\n"
                       "mail.example.com,,smtp,,,\"say \"\"hi\"\"\nsecond line\"\r\n"
                       "sbc.example.com:8443,,none,sbc.internal,,\r\n",
                       -1, &error);
  g_assert_no_error (error);

  g_assert_true (cd_devices_import_csv (database, in, &added, &existing, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 3);
  g_assert_cmpuint (existing, ==, 0);

  devices = cd_devices_list (database, &error);
  g_assert_cmpuint (devices->len, ==, 3);
  g_assert_cmpstr (cd_device_get_host (g_ptr_array_index (devices, 0)), ==, "mail.example.com");
  g_assert_cmpuint (cd_device_get_port (g_ptr_array_index (devices, 0)), ==, 25);
  g_assert_cmpstr (cd_device_get_note (g_ptr_array_index (devices, 0)), ==,
                   "say \"hi\"\nsecond line");
  g_assert_cmpstr (cd_device_get_note (g_ptr_array_index (devices, 1)), ==, "Site A, rack 2");
  g_assert_cmpuint (cd_device_get_port (g_ptr_array_index (devices, 2)), ==, 8443);
  g_assert_cmpstr (cd_device_get_server_name (g_ptr_array_index (devices, 2)), ==, "sbc.internal");

  /* Importing again adds nothing. */
  g_assert_true (cd_devices_import_csv (database, in, &added, &existing, &error));
  g_assert_cmpuint (added, ==, 0);
  g_assert_cmpuint (existing, ==, 3);

  /* Export, import elsewhere, export again: the same file. */
  g_assert_true (cd_devices_export_csv (database, out, &error));
  g_assert_no_error (error);
  g_assert_true (cd_devices_import_csv (copy, out, &added, NULL, &error));
  g_assert_cmpuint (added, ==, 3);
  g_assert_true (cd_devices_export_csv (copy, again, &error));
  g_file_get_contents (out_path, &written, NULL, NULL);
  g_file_get_contents (again_path, &rewritten, NULL, NULL);
  g_assert_cmpstr (written, ==, rewritten);
  g_assert_true (g_str_has_prefix (written, "host,port,starttls,server_name,profile,note\r\n"));

  /* Semicolons, as spreadsheets write them in some locales. */
  g_file_set_contents (semi_path, "gw.example.com;443;;;;Gateway; old\n", -1, &error);
  g_assert_true (cd_devices_import_csv (copy, semi, &added, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 1);

  /* A bad port on line 3: the good line 2 is not added either. */
  g_file_set_contents (bad_path, "host,port\nnew.example.com,443\nworse.example.com,99999\n", -1,
                       &error);
  g_assert_false (cd_devices_import_csv (database, bad, &added, NULL, &error));
  g_assert_error (error, CD_DEVICE_ERROR, CD_DEVICE_ERROR_CSV);
  g_assert_nonnull (strstr (error->message, "line 3"));
  g_clear_pointer (&devices, g_ptr_array_unref);
  g_clear_error (&error);
  devices = cd_devices_list (database, &error);
  g_assert_cmpuint (devices->len, ==, 3);

  g_file_set_contents (bad_path, "a.example.com,443,,,,\"never closed\n", -1, &error);
  g_assert_false (cd_devices_import_csv (database, bad, &added, NULL, &error));
  g_assert_error (error, CD_DEVICE_ERROR, CD_DEVICE_ERROR_CSV);
}

typedef struct
{
  guint checked;
  guint events;
  guint last_done;
} Counts;

static void
device_checked_cb (CdDeviceWatcher *watcher,
                   CdDeviceCheck   *check,
                   guint            done,
                   guint            total,
                   Counts          *counts)
{
  counts->checked++;
  counts->last_done = done;
  g_assert_cmpuint (done, <=, total);
}

static void
event_cb (CdDeviceWatcher *watcher,
          CdDeviceCheck   *check,
          guint            events,
          Counts          *counts)
{
  g_assert_cmpuint (events, ==, cd_device_check_get_events (check));
  counts->events++;
}

static GPtrArray *
check_all (CdDeviceWatcher *watcher,
           Counts          *counts)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *checks;

  memset (counts, 0, sizeof *counts);
  checks = cd_device_watcher_check (watcher, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (checks);

  return checks;
}

static CdDeviceCheck *
check_of (GPtrArray *checks,
          guint16    port)
{
  for (guint i = 0; i < checks->len; i++)
    {
      CdDeviceCheck *check = g_ptr_array_index (checks, i);

      if (cd_device_get_port (cd_device_check_get_device (check)) == port)
        return check;
    }

  g_assert_not_reached ();
}

static void
test_devices_watcher_events (void)
{
  g_autoptr(CdDatabase) database = cd_test_open_database (NULL);
  g_autoptr(CdDeviceWatcher) watcher = cd_device_watcher_new (database);
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(CdDevice) d1 = NULL, d2 = NULL, d3 = NULL, d4 = NULL;
  CdTestServer *valid = start_server (0, "leaf.pem", "leaf.key");
  CdTestServer *renewed = start_server (0, "renewed.pem", "renewed.key");
  CdTestServer *relay = cd_test_front_start (CD_TEST_FRONT_RELAY, cd_test_server_get_port (valid));
  CdTestServer *soon = start_server (0, "soon.pem", "soon.key");
  CdTestServer *expired = start_server (0, "expired.pem", "expired.key");
  guint16 valid_port = cd_test_server_get_port (relay);
  guint16 soon_port = cd_test_server_get_port (soon);
  guint16 expired_port = cd_test_server_get_port (expired);
  guint16 refused_port = cd_test_free_port ();
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  Counts counts;

  d1 = add_device (database, "127.0.0.1", valid_port);
  d2 = add_device (database, "127.0.0.1", soon_port);
  d3 = add_device (database, "127.0.0.1", expired_port);
  d4 = add_device (database, "127.0.0.1", refused_port);

  g_signal_connect (watcher, "device-checked", G_CALLBACK (device_checked_cb), &counts);
  g_signal_connect (watcher, "event", G_CALLBACK (event_cb), &counts);
  cd_device_watcher_set_concurrency (watcher, 2);
  cd_device_watcher_set_timeout (watcher, 5000);

  first = check_all (watcher, &counts);
  g_assert_cmpuint (first->len, ==, 4);
  g_assert_cmpuint (counts.checked, ==, 4);
  g_assert_cmpuint (counts.last_done, ==, 4);
  g_assert_cmpuint (counts.events, ==, 3);

  g_assert_cmpuint (cd_device_check_get_events (check_of (first, valid_port)), ==,
                    CD_DEVICE_EVENT_NONE);
  g_assert_false (cd_device_check_is_in_trouble (check_of (first, valid_port), 60, now));
  g_assert_cmpuint (cd_device_check_get_chain (check_of (first, valid_port))->len, ==, 2);
  g_assert_cmpuint (cd_device_check_get_events (check_of (first, soon_port)), ==,
                    CD_DEVICE_EVENT_WARNING);
  /* 30 days from when make-device-fixtures.sh ran, a moment ago. */
  g_assert_cmpint (cd_device_check_get_days_left (check_of (first, soon_port), now), >=, 29);
  g_assert_cmpint (cd_device_check_get_days_left (check_of (first, soon_port), now), <=, 30);
  g_assert_cmpuint (cd_device_check_get_events (check_of (first, expired_port)), ==,
                    CD_DEVICE_EVENT_EXPIRED);
  g_assert_nonnull (strstr (cd_device_check_get_verify_error (check_of (first, expired_port)),
                            "expired"));
  g_assert_cmpuint (cd_device_check_get_events (check_of (first, refused_port)), ==,
                    CD_DEVICE_EVENT_UNREACHABLE);
  g_assert_nonnull (strstr (cd_device_check_get_error (check_of (first, refused_port)),
                            "refused"));

  /* The device now presents another certificate on the same address. */
  cd_test_front_set_backend (relay, cd_test_server_get_port (renewed));

  second = check_all (watcher, &counts);
  g_assert_cmpuint (counts.events, ==, 1);
  g_assert_cmpuint (cd_device_check_get_events (check_of (second, valid_port)), ==,
                    CD_DEVICE_EVENT_CHANGED);
  /* Nothing new elsewhere: the states stay, the events do not repeat. */
  g_assert_cmpuint (cd_device_check_get_events (check_of (second, soon_port)), ==, 0);
  g_assert_true (cd_device_check_is_in_trouble (check_of (second, soon_port), 60, now));
  g_assert_false (cd_device_check_is_in_trouble (check_of (second, soon_port), 20, now));
  g_assert_cmpuint (cd_device_check_get_events (check_of (second, expired_port)), ==, 0);
  g_assert_cmpuint (cd_device_check_get_events (check_of (second, refused_port)), ==, 0);

  /* What was recorded is what the list view reads back. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CdDeviceCheck) last = cd_devices_get_last_check (database, d1, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (cd_device_check_get_leaf_sha256 (last), ==,
                     cd_device_check_get_leaf_sha256 (check_of (second, valid_port)));
    g_assert_cmpuint (cd_device_check_get_chain (last)->len, ==, 2);
    g_assert_cmpstr (cd_device_check_get_tls_version (last), ==, "TLSv1.3");
  }

  cd_test_server_stop (relay);
  cd_test_server_stop (valid);
  cd_test_server_stop (renewed);
  cd_test_server_stop (soon);
  cd_test_server_stop (expired);
}

static void
async_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* A device with a profile: its presented chain is checked against it,
 * and a failing profile is an event of its own.
 */
static void
test_devices_watcher_profile (void)
{
  g_autoptr(CdDatabase) database = cd_test_open_database (NULL);
  g_autoptr(CdKeyring) keyring = cd_keyring_new (FALSE);
  g_autoptr(CdImporter) importer = cd_importer_new (database, keyring);
  g_autoptr(CdImportResult) imported = NULL;
  g_autoptr(CdDeviceWatcher) watcher = cd_device_watcher_new (database);
  g_autoptr(GFile) root = cd_test_fixture_file ("root.pem");
  g_autoptr(GPtrArray) checks = NULL;
  g_autoptr(CdDevice) good = NULL, bad = NULL;
  g_autoptr(GError) error = NULL;
  CdTestServer *renewed = start_server (0, "renewed.pem", "renewed.key");
  CdTestServer *expired = start_server (0, "expired.pem", "expired.key");
  guint16 good_port = cd_test_server_get_port (renewed);
  guint16 bad_port = cd_test_server_get_port (expired);
  CdDeviceCheck *check;
  Counts counts;

  imported = cd_importer_import_file (importer, root, NULL, CD_STORE_KIND_ROOT,
                                      NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  good = cd_devices_add (database, "127.0.0.1", good_port, CD_STARTTLS_NONE, "server.example.test",
                         "tls-server", NULL, &error);
  g_assert_no_error (error);
  bad = cd_devices_add (database, "127.0.0.1", bad_port, CD_STARTTLS_NONE, "expired.example.test",
                        "tls-server", NULL, &error);
  g_assert_no_error (error);

  g_signal_connect (watcher, "event", G_CALLBACK (event_cb), &counts);
  checks = check_all (watcher, &counts);
  g_assert_cmpuint (checks->len, ==, 2);

  /* Valid for ten years: the generic profile only warns about that. */
  check = check_of (checks, good_port);
  g_assert_cmpstr (cd_device_check_get_profile_status (check), ==, "warning");
  g_assert_cmpuint (cd_device_check_get_events (check) & CD_DEVICE_EVENT_PROFILE_FAILS, ==, 0);

  check = check_of (checks, bad_port);
  g_assert_cmpstr (cd_device_check_get_profile_status (check), ==, "fail");
  g_assert_cmpuint (cd_device_check_get_events (check) & CD_DEVICE_EVENT_PROFILE_FAILS, !=, 0);

  /* A profile id nobody ships: kept, but there is nothing to check. */
  g_assert_true (cd_devices_update (database, cd_device_get_id (good), "no-such-profile", NULL,
                                    &error));
  g_assert_no_error (error);
  g_clear_pointer (&checks, g_ptr_array_unref);
  checks = check_all (watcher, &counts);
  g_assert_null (cd_device_check_get_profile_status (check_of (checks, good_port)));

  cd_test_server_stop (renewed);
  cd_test_server_stop (expired);
}

static void
test_devices_watcher_async (void)
{
  g_autofree char *path = NULL;
  g_autoptr(CdDatabase) database = cd_test_open_database (&path);
  g_autoptr(CdDeviceWatcher) watcher = cd_device_watcher_new (database);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) checks = NULL;
  g_autoptr(GError) error = NULL;
  CdTestServer *server = start_server (0, "leaf.pem", "leaf.key");
  Counts counts = { 0 };

  /* One device answers, five are refused: more than the concurrency. */
  g_object_unref (add_device (database, "127.0.0.1", cd_test_server_get_port (server)));
  for (guint i = 0; i < 5; i++)
    g_object_unref (add_device (database, "127.0.0.1", cd_test_free_port ()));

  g_signal_connect (watcher, "device-checked", G_CALLBACK (device_checked_cb), &counts);
  g_signal_connect (watcher, "event", G_CALLBACK (event_cb), &counts);
  cd_device_watcher_set_concurrency (watcher, 4);
  cd_device_watcher_check_async (watcher, NULL, NULL, async_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  checks = cd_device_watcher_check_finish (watcher, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (checks->len, ==, 6);
  /* Every report came before the result. */
  g_assert_cmpuint (counts.checked, ==, 6);
  g_assert_cmpuint (counts.last_done, ==, 6);
  g_assert_cmpuint (counts.events, ==, 5);
  g_assert_null (cd_device_check_get_error (check_of (checks, cd_test_server_get_port (server))));

  cd_test_server_stop (server);
}

/* Runs certdesk-cli with its own XDG_DATA_HOME; returns the exit status. */
static int
run_cli (const char  *data_home,
         char       **out_stdout,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "XDG_DATA_HOME", data_home, TRUE);
  g_autoptr(GError) error = NULL;
  va_list ap;
  const char *arg;
  int status = 0;

  g_ptr_array_add (argv, (gpointer)g_getenv ("CD_TEST_CLI"));
  va_start (ap, out_stdout);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer)arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **)argv->pdata, envp,
                G_SPAWN_STDERR_TO_DEV_NULL | (out_stdout == NULL ? G_SPAWN_STDOUT_TO_DEV_NULL : 0),
                NULL, NULL,
                out_stdout, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));

  return WEXITSTATUS (status);
}

static void
test_devices_cli (void)
{
  g_autofree char *home = cd_test_make_tmpdir ();
  g_autofree char *out = NULL;
  g_autofree char *valid_address = NULL;
  g_autofree char *expired_address = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  CdTestServer *valid = start_server (0, "leaf.pem", "leaf.key");
  CdTestServer *expired = start_server (0, "expired.pem", "expired.key");
  JsonArray *array;

  valid_address = g_strdup_printf ("127.0.0.1:%u", cd_test_server_get_port (valid));
  expired_address = g_strdup_printf ("127.0.0.1:%u", cd_test_server_get_port (expired));

  g_assert_cmpint (run_cli (home, NULL, "devices", "add", valid_address, "--servername",
                            "server.example.test", "--note", "PBX", NULL), ==, 0);
  g_assert_cmpint (run_cli (home, NULL, "devices", "add", valid_address, NULL), ==, 1);
  g_assert_cmpint (run_cli (home, NULL, "devices", "add", "x:0", NULL), ==, 2);

  /* All well: exit 0. */
  g_assert_cmpint (run_cli (home, &out, "devices", "check", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "ok "));
  g_clear_pointer (&out, g_free);

  /* An expired device: exit 1, and the JSON says why. */
  g_assert_cmpint (run_cli (home, NULL, "devices", "add", expired_address, NULL), ==, 0);
  g_assert_cmpint (run_cli (home, &out, "devices", "check", "--json", "--concurrency", "1", NULL),
                   ==, 1);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);
      gboolean is_expired = json_object_get_int_member (object, "port") ==
                            cd_test_server_get_port (expired);

      g_assert_cmpstr (json_object_get_string_member (object, "state"), ==,
                       is_expired ? "expired" : "ok");
      g_assert_cmpstr (json_object_get_string_member (object, "chain_status"), ==,
                       "issuer_unknown");
    }
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_cli (home, &out, "devices", "list", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "PBX"));
  g_assert_nonnull (strstr (out, "CN=server.example.test"));
  g_clear_pointer (&out, g_free);

  /* fetch --import puts the presented chain into the stores. */
  g_assert_cmpint (run_cli (home, &out, "fetch", valid_address, "--import", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "2 certificates presented"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (home, &out, "list", "--store", "ca", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Certdesk Test Intermediate CA"));
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_cli (home, NULL, "devices", "remove", expired_address, NULL), ==, 0);
  g_assert_cmpint (run_cli (home, NULL, "devices", "check", NULL), ==, 0);
  g_assert_cmpint (run_cli (home, NULL, "fetch", "127.0.0.1:1", NULL), ==, 1);

  cd_test_server_stop (valid);
  cd_test_server_stop (expired);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  cd_test_fixtures_dir ();
  cd_test_run_command ("sh %s/make-device-fixtures.sh %s", g_getenv ("G_TEST_SRCDIR"),
                       cd_test_fixtures_dir ());

  g_test_add_func ("/certdesk/devices/add-list-remove", test_devices_add_list_remove);
  g_test_add_func ("/certdesk/devices/csv", test_devices_csv);
  g_test_add_func ("/certdesk/devices/watcher-events", test_devices_watcher_events);
  g_test_add_func ("/certdesk/devices/watcher-profile", test_devices_watcher_profile);
  g_test_add_func ("/certdesk/devices/watcher-async", test_devices_watcher_async);
  g_test_add_func ("/certdesk/devices/cli", test_devices_cli);

  return g_test_run ();
}
