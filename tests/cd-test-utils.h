/* cd-test-utils.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cd-database.h"
#include "cd-keyring.h"

G_BEGIN_DECLS

/* What a shell command printed and its exit status (-1 if killed). */
typedef struct
{
  int   status;
  char *out;
  char *err;
} CdTestShellRun;

/* Passwords the fixtures are made with (see make-fixtures.sh). */
#define CD_TEST_PASSWORD      "secret"
#define CD_TEST_UTF8_PASSWORD "p\xc3\xa4ssw\xc3\xb6rd\xe2\x82\xac"

/* A database in a fresh folder, where certdesk-cli finds it with
 * XDG_DATA_HOME=dir, and the real keyring.
 */
typedef struct
{
  CdDatabase *database;
  char       *database_path;
  CdKeyring  *keyring;
  char       *dir;
} CdTestStoreFixture;

const char *cd_test_fixtures_dir   (void);
char       *cd_test_fixture        (const char  *name);
GFile      *cd_test_fixture_file   (const char  *name);
char       *cd_test_make_tmpdir    (void);
void        cd_test_run_command    (const char  *format,
                                    ...) G_GNUC_PRINTF (1, 2);
CdDatabase *cd_test_open_database  (char       **out_path);
guint       cd_test_count_rows     (CdDatabase  *database,
                                    CdStoreKind  kind);
char       *cd_test_dump_database  (CdDatabase  *database);
char       *cd_test_dump_keyring   (void);
void        cd_test_store_fixture_set_up    (CdTestStoreFixture *f);
void        cd_test_store_fixture_tear_down (CdTestStoreFixture *f);
CdCertificate *cd_test_find_certificate (CdDatabase  *database,
                                         CdStoreKind  kind,
                                         const char  *cn);

void            cd_test_shell_run_free (CdTestShellRun *run);
CdTestShellRun *cd_test_shell          (const char     *format,
                                        ...) G_GNUC_PRINTF (1, 2);
char           *cd_test_shell_ok       (const char     *format,
                                        ...) G_GNUC_PRINTF (1, 2);
void            cd_test_assert_contains (const char *haystack,
                                         const char *needle);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdTestShellRun, cd_test_shell_run_free)

G_END_DECLS
