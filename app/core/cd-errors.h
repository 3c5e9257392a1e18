/* cd-errors.h
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CD_IMPORT_ERROR   (cd_import_error_quark ())
#define CD_KEYRING_ERROR  (cd_keyring_error_quark ())
#define CD_DATABASE_ERROR (cd_database_error_quark ())
#define CD_REQUEST_ERROR  (cd_request_error_quark ())
#define CD_EXPORT_ERROR   (cd_export_error_quark ())
#define CD_TRUST_ERROR    (cd_trust_error_quark ())
#define CD_CA_ERROR       (cd_ca_error_quark ())
#define CD_PROFILE_ERROR  (cd_profile_error_quark ())
#define CD_NETWORK_ERROR  (cd_network_error_quark ())
#define CD_DEVICE_ERROR   (cd_device_error_quark ())

/* What is wrong with the content of a file the user asked to import. */
typedef enum
{
  CD_IMPORT_ERROR_EMPTY,            /* zero bytes, or only white space */
  CD_IMPORT_ERROR_TOO_LARGE,        /* over CD_IMPORT_MAX_SIZE, refused before reading */
  CD_IMPORT_ERROR_UNRECOGNIZED,     /* not a format we know */
  CD_IMPORT_ERROR_TRUNCATED,        /* a known format that ends early */
  CD_IMPORT_ERROR_CORRUPT,          /* a known format whose content does not parse */
  CD_IMPORT_ERROR_NEEDS_PASSWORD,   /* encrypted, and no password was given */
  CD_IMPORT_ERROR_BAD_PASSWORD,     /* encrypted, and the password given is wrong */
  CD_IMPORT_ERROR_UNSUPPORTED,      /* recognised, but an algorithm we cannot handle */
  CD_IMPORT_ERROR_IO,               /* the file could not be read */
} CdImportError;

typedef enum
{
  CD_KEYRING_ERROR_NO_SERVICE,      /* no D-Bus session, or no Secret Service on it */
  CD_KEYRING_ERROR_LOCKED,          /* the keyring is locked and was not unlocked */
  CD_KEYRING_ERROR_NOT_FOUND,       /* no key with that key id */
  CD_KEYRING_ERROR_FAILED,          /* any other Secret Service failure */
} CdKeyringError;

typedef enum
{
  CD_DATABASE_ERROR_OPEN,           /* cannot create or open the file */
  CD_DATABASE_ERROR_READ_ONLY,      /* the file or its folder cannot be written */
  CD_DATABASE_ERROR_BUSY,           /* another program holds the write lock too long */
  CD_DATABASE_ERROR_FULL,           /* the disk is full */
  CD_DATABASE_ERROR_CORRUPT,        /* not a database, or damaged */
  CD_DATABASE_ERROR_TOO_NEW,        /* made by a newer Certdesk */
  CD_DATABASE_ERROR_NOT_FOUND,      /* no certificate matches */
  CD_DATABASE_ERROR_AMBIGUOUS,      /* a fingerprint prefix matches several */
  CD_DATABASE_ERROR_FAILED,
} CdDatabaseError;

/* What is wrong with a certificate request being made; one code per
 * field, so that the request wizard knows which row to mark.
 */
typedef enum
{
  CD_REQUEST_ERROR_COMMON_NAME,          /* missing, too long or not text */
  CD_REQUEST_ERROR_ORGANIZATION,
  CD_REQUEST_ERROR_ORGANIZATIONAL_UNIT,
  CD_REQUEST_ERROR_LOCALITY,
  CD_REQUEST_ERROR_STATE,
  CD_REQUEST_ERROR_COUNTRY,              /* not two letters */
  CD_REQUEST_ERROR_EMAIL,                /* the subject's e-mail address */
  CD_REQUEST_ERROR_SAN_DNS,              /* not a host name, or a misplaced wildcard */
  CD_REQUEST_ERROR_SAN_IP,               /* not an IPv4 or IPv6 address */
  CD_REQUEST_ERROR_SAN_EMAIL,
  CD_REQUEST_ERROR_SAN_URI,              /* no scheme, or not a URI */
  CD_REQUEST_ERROR_SAN_DUPLICATE,        /* the same entry twice */
  CD_REQUEST_ERROR_KEY_TYPE,             /* RSA 1024 without the legacy choice */
  CD_REQUEST_ERROR_DIGEST,               /* SHA-1 without the legacy choice */
  CD_REQUEST_ERROR_KEY_NOT_FOUND,        /* the existing key is not in the keyring */
  CD_REQUEST_ERROR_BAD_SIGNATURE,        /* a request whose signature does not verify */
  CD_REQUEST_ERROR_FAILED,               /* OpenSSL could not make or sign it */
} CdRequestError;

/* Why an export was refused or failed. */
typedef enum
{
  CD_EXPORT_ERROR_NO_CERTIFICATES,       /* nothing to export, or only requests */
  CD_EXPORT_ERROR_ONE_CERTIFICATE,       /* the format takes exactly one certificate */
  CD_EXPORT_ERROR_NO_KEY,                /* no private key for the certificate */
  CD_EXPORT_ERROR_PASSWORD_REQUIRED,     /* a PKCS#12 without a password */
  CD_EXPORT_ERROR_UNENCRYPTED_KEY,       /* a clear key without allow_unencrypted_key */
  CD_EXPORT_ERROR_KEY_FORMAT,            /* PKCS#1 asked of a key that has no such form */
  CD_EXPORT_ERROR_FAILED,                /* OpenSSL could not encode it */
} CdExportError;

/* Why publishing trust to a target was refused or failed. */
typedef enum
{
  CD_TRUST_ERROR_UNAVAILABLE,            /* the target cannot be reached on this machine */
  CD_TRUST_ERROR_NOT_FOUND,              /* no target of that name */
  CD_TRUST_ERROR_FOREIGN_FILE,           /* a file Certdesk did not write is in the way */
  CD_TRUST_ERROR_TOOL_FAILED,            /* certutil, pkexec or the distribution's tool failed */
  CD_TRUST_ERROR_IO,                     /* a file could not be written or removed */
  CD_TRUST_ERROR_FAILED,
} CdTrustError;
/* Why the private CA refused to create, sign, revoke or list. */
typedef enum
{
  CD_CA_ERROR_NOT_FOUND,                 /* no certificate with that fingerprint */
  CD_CA_ERROR_NOT_A_CA,                  /* not an authority that may sign certificates */
  CD_CA_ERROR_NO_KEY,                    /* the CA's private key is not in the keyring */
  CD_CA_ERROR_EXPIRED,                   /* the CA is no longer (or not yet) valid */
  CD_CA_ERROR_PATH_LENGTH,               /* the issuer may not sign further authorities */
  CD_CA_ERROR_INVALID,                   /* an option out of range, such as 0 days */
  CD_CA_ERROR_SUBJECT_MISMATCH,          /* a field that must equal the CA's does not */
  CD_CA_ERROR_NOT_ISSUED,                /* the certificate was not issued by that CA here */
  CD_CA_ERROR_ALREADY_REVOKED,
  CD_CA_ERROR_FAILED,                    /* OpenSSL could not make or sign it */
} CdCaError;

/* Why a device profile file was skipped; the message names the file
 * and line ("FILE:LINE: …").
 */
typedef enum
{
  CD_PROFILE_ERROR_IO,                   /* the file could not be read */
  CD_PROFILE_ERROR_PARSE,                /* not GKeyFile syntax */
  CD_PROFILE_ERROR_INVALID,              /* a missing, unknown or out-of-range key or value */
} CdProfileError;
/* Why fetching a server's certificates failed. */
typedef enum
{
  CD_NETWORK_ERROR_ADDRESS,              /* "host:port" that does not parse */
  CD_NETWORK_ERROR_NOT_RESOLVED,         /* no such host name */
  CD_NETWORK_ERROR_REFUSED,              /* nothing listens on the port */
  CD_NETWORK_ERROR_UNREACHABLE,          /* no route to the host or network */
  CD_NETWORK_ERROR_TIMEOUT,              /* connecting, STARTTLS or the handshake took too long */
  CD_NETWORK_ERROR_CLOSED,               /* the server hung up before the handshake ended */
  CD_NETWORK_ERROR_NOT_TLS,              /* the server answers, but not with TLS */
  CD_NETWORK_ERROR_STARTTLS_REFUSED,     /* the server does not offer or refuses STARTTLS */
  CD_NETWORK_ERROR_HANDSHAKE,            /* TLS, but no agreement (versions, ciphers, …) */
  CD_NETWORK_ERROR_FAILED,
} CdNetworkError;

/* What is wrong with a device entry or a device list. */
typedef enum
{
  CD_DEVICE_ERROR_NOT_FOUND,             /* no device with that address or id */
  CD_DEVICE_ERROR_EXISTS,                /* the same host and port twice */
  CD_DEVICE_ERROR_INVALID,               /* a bad host, port, STARTTLS protocol or field */
  CD_DEVICE_ERROR_CSV,                   /* a CSV file that does not parse */
} CdDeviceError;

GQuark cd_import_error_quark   (void);
GQuark cd_keyring_error_quark  (void);
GQuark cd_database_error_quark (void);
GQuark cd_request_error_quark  (void);
GQuark cd_export_error_quark   (void);
GQuark cd_trust_error_quark    (void);
GQuark cd_ca_error_quark       (void);
GQuark cd_profile_error_quark  (void);
GQuark cd_network_error_quark  (void);
GQuark cd_device_error_quark   (void);

G_END_DECLS
