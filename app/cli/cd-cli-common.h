/* cd-cli-common.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "cd-database.h"
#include "cd-types.h"

G_BEGIN_DECLS

/* The exit status of every command: scripts tell a failed operation
 * (a file that did not import, a fingerprint that matched nothing)
 * from a command line that could not be understood.
 */
#define CD_CLI_EXIT_OK     0
#define CD_CLI_EXIT_FAILED 1
#define CD_CLI_EXIT_USAGE  2

/* Passwords are wiped before they are freed; g_autoptr(CdCliPassword)
 * does both.
 */
typedef char CdCliPassword;

typedef int (*CdCliCommandFunc) (int    argc,
                                 char **argv);

/* The commands, one file each. */
int             cd_cli_import                (int                  argc,
                                              char               **argv);
int             cd_cli_list                  (int                  argc,
                                              char               **argv);
int             cd_cli_show                  (int                  argc,
                                              char               **argv);
int             cd_cli_delete                (int                  argc,
                                              char               **argv);
int             cd_cli_copy                  (int                  argc,
                                              char               **argv);
int             cd_cli_move                  (int                  argc,
                                              char               **argv);
int             cd_cli_rename                (int                  argc,
                                              char               **argv);
int             cd_cli_verify                (int                  argc,
                                              char               **argv);
int             cd_cli_export                (int                  argc,
                                              char               **argv);
int             cd_cli_request               (int                  argc,
                                              char               **argv);
int             cd_cli_trust                 (int                  argc,
                                              char               **argv);
int             cd_cli_profiles              (int                  argc,
                                              char               **argv);
int             cd_cli_check                 (int                  argc,
                                              char               **argv);
int             cd_cli_ca                    (int                  argc,
                                              char               **argv);
int             cd_cli_fetch                 (int                  argc,
                                              char               **argv);
int             cd_cli_devices               (int                  argc,
                                              char               **argv);

/* Helpers shared by the commands. */
GOptionContext *cd_cli_option_context_new    (const char          *parameter_string,
                                              const char          *summary,
                                              const GOptionEntry  *entries);
gboolean        cd_cli_parse_options         (GOptionContext      *context,
                                              int                 *argc,
                                              char              ***argv);
char           *cd_cli_describe_stores       (void);
gboolean        cd_cli_parse_store           (const char          *id,
                                              CdStoreKind         *kind);
CdDatabase     *cd_cli_open_database         (void);
void            cd_cli_printerr              (const char          *format,
                                              ...) G_GNUC_PRINTF (1, 2);
void            cd_cli_print_error           (const GError        *error);
void            cd_cli_print_find_error      (const GError        *error);
void            cd_cli_write                 (const char          *text,
                                              gsize                len);
void            cd_cli_append_printable      (GString             *out,
                                              const char          *text,
                                              gssize               len);
gboolean        cd_cli_stdin_is_terminal     (void);
void            cd_cli_format_date           (gint64               unix_time,
                                              char                *buf,
                                              gsize                size);
void            cd_cli_format_iso8601        (gint64               unix_time,
                                              char                *buf,
                                              gsize                size);
CdCliPassword  *cd_cli_read_password_file    (const char          *path,
                                              GError             **error);
CdCliPassword  *cd_cli_prompt_password       (const char          *prompt);
void            cd_cli_password_free         (CdCliPassword       *password);
void            cd_cli_add_certificate_json  (JsonBuilder         *builder,
                                              CdCertificate       *row);
char           *cd_cli_generate_json         (JsonNode            *root);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdCliPassword, cd_cli_password_free)

G_END_DECLS
