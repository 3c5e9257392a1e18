/* cd-errors.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cd-errors.h"

G_DEFINE_QUARK (cd-import-error-quark, cd_import_error)
G_DEFINE_QUARK (cd-keyring-error-quark, cd_keyring_error)
G_DEFINE_QUARK (cd-database-error-quark, cd_database_error)
G_DEFINE_QUARK (cd-request-error-quark, cd_request_error)
G_DEFINE_QUARK (cd-export-error-quark, cd_export_error)
G_DEFINE_QUARK (cd-trust-error-quark, cd_trust_error)
G_DEFINE_QUARK (cd-ca-error-quark, cd_ca_error)
G_DEFINE_QUARK (cd-profile-error-quark, cd_profile_error)
G_DEFINE_QUARK (cd-network-error-quark, cd_network_error)
G_DEFINE_QUARK (cd-device-error-quark, cd_device_error)
