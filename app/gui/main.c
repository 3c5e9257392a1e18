/* main.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The entry point of the certdesk program: translations, then the
 * application.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cd-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CdApplication) app = NULL;
  const char *localedir = g_getenv ("CERTDESK_LOCALEDIR");

  /* CERTDESK_LOCALEDIR lets the program run from the build directory in
   * another language (build-aux/make-screenshots.sh): the compiled
   * catalogues are in the build's po/ until they are installed.
   */
  if (localedir == NULL || localedir[0] == '\0')
    localedir = LOCALEDIR;

  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = cd_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
