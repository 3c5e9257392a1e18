/* cd-application.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cd-types.h"

G_BEGIN_DECLS

#define CD_TYPE_APPLICATION (cd_application_get_type ())

G_DECLARE_FINAL_TYPE (CdApplication, cd_application, CD, APPLICATION, AdwApplication)

CdApplication *cd_application_new          (void);
CdDatabase    *cd_application_get_database (CdApplication *self);
CdKeyring     *cd_application_get_keyring  (CdApplication *self);

G_END_DECLS
