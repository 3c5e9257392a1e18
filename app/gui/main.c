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

  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = cd_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
