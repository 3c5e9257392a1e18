/* cd-profile-parameters.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cd-profile.h"

G_BEGIN_DECLS

/* The named inputs a profile's rules refer to (the "Parameter" key,
 * e.g. "fqdn"), so a user interface can ask for them.
 */
char      **cd_profile_dup_parameters      (CdProfile  *self);
const char *cd_profile_parameter_get_title (const char *name);   /* translated */

G_END_DECLS
