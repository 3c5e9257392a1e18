/* cd-openssl.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Process-wide OpenSSL set-up for the core: the providers every
 * parser and exporter relies on, loaded once from whichever thread
 * gets there first.
 */

#define G_LOG_DOMAIN "cd-openssl"

#include "config.h"

#include <openssl/err.h>
#include <openssl/provider.h>

#include "cd-openssl-private.h"

/* Kept for the life of the process: unloading a provider while
 * objects made with it are alive would pull the code from under them.
 * Nothing reads them, so "used" stops the compiler from dropping the
 * stores, which would make the providers look leaked to valgrind.
 */
static OSSL_PROVIDER *default_provider __attribute__ ((used));
static OSSL_PROVIDER *legacy_provider __attribute__ ((used));

/**
 * _cd_openssl_init:
 *
 * Loads OpenSSL's "default" and "legacy" providers, once per process.
 *
 * The legacy provider holds RC2, RC4, DES and friends, which PKCS#12
 * files from older OpenSSL releases and from Windows still use. Some
 * systems do not ship it; then only those files fail to open, with
 * %CD_IMPORT_ERROR_UNSUPPORTED, and everything else works.
 *
 * Safe to call from any thread, as often as wanted.
 */
void
_cd_openssl_init (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      /* Loading any provider by hand switches off the automatic
       * loading of "default", so it has to be asked for as well.
       */
      default_provider = OSSL_PROVIDER_load (NULL, "default");
      if (default_provider == NULL)
        g_warning ("OpenSSL’s default provider could not be loaded; "
                   "certificates cannot be read");

      legacy_provider = OSSL_PROVIDER_try_load (NULL, "legacy", 1);
      if (legacy_provider == NULL)
        g_debug ("OpenSSL’s legacy provider is not available; "
                 "PKCS#12 files encrypted with RC2 or DES will not open");

      /* A missing legacy provider is expected on some systems: do not
       * leave its errors behind for the next caller on this thread to
       * trip over.
       */
      ERR_clear_error ();

      g_once_init_leave (&initialized, 1);
    }
}
