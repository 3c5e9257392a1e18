/* make-corpus.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Makes the benchmark's certificates: N leaf certificates signed by one
 * throwaway EC P-256 authority, written as PEM bundles. Leaves reuse a
 * handful of EC keys and are signed with ECDSA, which is what makes
 * 100,000 of them take seconds instead of minutes. Subjects, SANs,
 * serials and validity vary, so that the database and the listing see
 * realistic, distinct rows. The keys are test-only.
 *
 *   make-corpus [-n COUNT] [-p PER_FILE] [-s SEED] [-j THREADS] PREFIX
 *
 * writes PREFIX-000.pem, PREFIX-001.pem, … with at most PER_FILE
 * certificates each (one thread per file), the authority to
 * PREFIX-ca.pem, and prints the bundles' names, one per line. 100,000
 * take about 6 s on 2 cores.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/pem.h>

#include "cd-openssl-private.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (X509_NAME, X509_NAME_free)

#define N_LEAF_KEYS 4

static const char *organizations[] = {
  "Example Corp", "Contoso Ltd", "Fabrikam Inc", "Northwind Traders",
  "Tailspin Toys", "Woodgrove Bank", "Adventure Works", "Proseware",
};

static const char *countries[] = { "DE", "FR", "GB", "US", "JP", "BR", "IN", "NL" };

static const char *domains[] = {
  "example.test", "example.org", "corp.test", "intranet.test", "shop.test",
};

/* One bundle file, made by one worker thread. */
typedef struct
{
  char     *path;
  gint64    first;
  gint64    count;
  guint64   rng;        /* a small seeded generator: same seed, same names */
  X509     *ca;         /* shared, only read */
  EVP_PKEY *ca_key;     /* shared, only used to sign */
  time_t    now;
} Bundle;

static guint32
rng_next (Bundle *bundle)
{
  bundle->rng ^= bundle->rng << 13;
  bundle->rng ^= bundle->rng >> 7;
  bundle->rng ^= bundle->rng << 17;

  return (guint32)(bundle->rng >> 16);
}

static EVP_PKEY *
make_ec_key (void)
{
  EVP_PKEY *key = EVP_EC_gen ("P-256");

  if (key == NULL)
    g_error ("Cannot generate an EC P-256 key");

  return key;
}

static void
add_extension (X509       *cert,
               X509V3_CTX *ctx,
               int         nid,
               const char *value)
{
  X509_EXTENSION *ext = X509V3_EXT_conf_nid (NULL, ctx, nid, value);

  if (ext == NULL || !X509_add_ext (cert, ext, -1))
    g_error ("Cannot add extension %s = %s", OBJ_nid2sn (nid), value);
  X509_EXTENSION_free (ext);
}

static void
set_serial (X509    *cert,
            guint64  high,
            guint64  low)
{
  unsigned char bytes[16];
  BIGNUM *bn;

  /* Positive, 16 bytes, unique per certificate. */
  for (guint i = 0; i < 8; i++)
    {
      bytes[i] = (high >> (56 - 8 * i)) & 0xff;
      bytes[8 + i] = (low >> (56 - 8 * i)) & 0xff;
    }
  bytes[0] &= 0x7f;
  bytes[0] |= 0x01;

  bn = BN_bin2bn (bytes, sizeof bytes, NULL);
  BN_to_ASN1_INTEGER (bn, X509_get_serialNumber (cert));
  BN_free (bn);
}

static void
add_name_entry (X509_NAME  *name,
                const char *field,
                const char *value)
{
  if (!X509_NAME_add_entry_by_txt (name, field, MBSTRING_UTF8,
                                   (const unsigned char *)value, -1, -1, 0))
    g_error ("Cannot add %s = %s to a name", field, value);
}

static X509 *
make_ca (EVP_PKEY *key,
         time_t    now)
{
  X509 *cert = X509_new ();
  X509_NAME *name = X509_get_subject_name (cert);
  X509V3_CTX ctx;

  X509_set_version (cert, X509_VERSION_3);
  set_serial (cert, 0xCA, 1);
  add_name_entry (name, "O", "Certdesk Benchmark");
  add_name_entry (name, "CN", "Certdesk Benchmark CA");
  X509_set_issuer_name (cert, name);
  X509_time_adj_ex (X509_getm_notBefore (cert), -3650, 0, &now);
  X509_time_adj_ex (X509_getm_notAfter (cert), 3650, 0, &now);
  X509_set_pubkey (cert, key);

  X509V3_set_ctx (&ctx, cert, cert, NULL, NULL, 0);
  add_extension (cert, &ctx, NID_basic_constraints, "critical,CA:TRUE");
  add_extension (cert, &ctx, NID_key_usage, "critical,keyCertSign,cRLSign");
  add_extension (cert, &ctx, NID_subject_key_identifier, "hash");

  if (X509_sign (cert, key, EVP_sha256 ()) == 0)
    g_error ("Cannot sign the authority");

  return cert;
}

/* A leaf key as the bytes of its public point. X509_set_pubkey() and
 * X509_dup() both send the key through an OpenSSL 3.0 encoder or
 * decoder, about 0.4 ms each time; setting the SubjectPublicKeyInfo
 * from bytes costs next to nothing.
 */
typedef struct
{
  unsigned char point[128];
  size_t        len;
} LeafKey;

static void
leaf_key_init (LeafKey *leaf_key)
{
  g_autoptr(EVP_PKEY) key = make_ec_key ();

  if (!EVP_PKEY_get_octet_string_param (key, OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY,
                                        leaf_key->point, sizeof leaf_key->point,
                                        &leaf_key->len))
    g_error ("Cannot read an EC public key");
}

static void
set_leaf_key (X509          *cert,
              const LeafKey *leaf_key)
{
  X509_PUBKEY *spki = X509_get_X509_PUBKEY (cert);

  if (!X509_PUBKEY_set0_param (spki, OBJ_nid2obj (NID_X9_62_id_ecPublicKey),
                               V_ASN1_OBJECT, OBJ_nid2obj (NID_X9_62_prime256v1),
                               OPENSSL_memdup (leaf_key->point, leaf_key->len),
                               (int)leaf_key->len))
    g_error ("Cannot set a public key");
}

static X509 *
make_leaf (Bundle        *bundle,
           const LeafKey *leaf_key,
           guint          index)
{
  X509 *ca = bundle->ca;
  time_t now = bundle->now;
  X509 *cert = X509_new ();
  g_autoptr(X509_NAME) name = X509_NAME_new ();
  const char *domain = domains[rng_next (bundle) % G_N_ELEMENTS (domains)];
  const char *org = organizations[rng_next (bundle) % G_N_ELEMENTS (organizations)];
  const char *country = countries[rng_next (bundle) % G_N_ELEMENTS (countries)];
  g_autofree char *cn = NULL;
  g_autoptr(GString) san = g_string_new (NULL);
  guint kind = rng_next (bundle) % 4;
  long start_days = -(long)(rng_next (bundle) % 1200);
  long lifetime_days = 30 + rng_next (bundle) % 800;
  X509V3_CTX ctx;

  X509_set_version (cert, X509_VERSION_3);
  set_leaf_key (cert, leaf_key);
  X509_set_issuer_name (cert, X509_get_subject_name (ca));

  switch (kind)
    {
    case 0:
      cn = g_strdup_printf ("host%06u.%s", index, domain);
      break;
    case 1:
      cn = g_strdup_printf ("www%u.shop-%u.%s", index % 97, index, domain);
      break;
    case 2:
      cn = g_strdup_printf ("User %u Lastname%u", index, rng_next (bundle) % 1000);
      break;
    default:
      cn = g_strdup_printf ("api-%u.svc.%s", index, domain);
      break;
    }

  set_serial (cert, (guint64)rng_next (bundle) << 32 | rng_next (bundle), index + 2);
  add_name_entry (name, "C", country);
  add_name_entry (name, "O", org);
  if (rng_next (bundle) % 2)
    add_name_entry (name, "OU", "Operations");
  add_name_entry (name, "CN", cn);
  X509_set_subject_name (cert, name);

  /* Some expired, some valid for years, a few not valid yet. */
  if (rng_next (bundle) % 50 == 0)
    start_days = 1 + rng_next (bundle) % 30;
  X509_time_adj_ex (X509_getm_notBefore (cert), start_days, 0, &now);
  X509_time_adj_ex (X509_getm_notAfter (cert), start_days + lifetime_days, 0, &now);

  if (kind == 2)
    {
      g_string_append_printf (san, "email:user%u@%s", index, domain);
    }
  else
    {
      g_string_append_printf (san, "DNS:%s", cn);
      if (rng_next (bundle) % 3 == 0)
        g_string_append_printf (san, ",DNS:alt%u.%s", index, domain);
      if (rng_next (bundle) % 4 == 0)
        g_string_append_printf (san, ",IP:10.%u.%u.%u", (index >> 16) & 0xff,
                                (index >> 8) & 0xff, index & 0xff);
      if (rng_next (bundle) % 10 == 0)
        g_string_append_printf (san, ",URI:https://%s/", cn);
    }

  X509V3_set_ctx (&ctx, ca, cert, NULL, NULL, 0);
  add_extension (cert, &ctx, NID_basic_constraints, "CA:FALSE");
  add_extension (cert, &ctx, NID_key_usage, "critical,digitalSignature");
  add_extension (cert, &ctx, NID_ext_key_usage,
                 kind == 2 ? "clientAuth,emailProtection" :
                 rng_next (bundle) % 2 ? "serverAuth" : "serverAuth,clientAuth");
  add_extension (cert, &ctx, NID_subject_alt_name, san->str);

  if (X509_sign (cert, bundle->ca_key, EVP_sha256 ()) == 0)
    g_error ("Cannot sign leaf %u", index);

  return cert;
}

/* Leaf keys are per bundle, so threads share nothing but the
 * authority, which they only read and sign with.
 */
static void
write_bundle (gpointer data,
              gpointer user_data)
{
  Bundle *bundle = data;
  g_autoptr(BIO) out = BIO_new_file (bundle->path, "w");
  LeafKey leaf_keys[N_LEAF_KEYS];

  if (out == NULL)
    g_error ("Cannot create %s", bundle->path);

  for (guint i = 0; i < N_LEAF_KEYS; i++)
    leaf_key_init (&leaf_keys[i]);

  for (gint64 i = 0; i < bundle->count; i++)
    {
      g_autoptr(X509) leaf = make_leaf (bundle, &leaf_keys[i % N_LEAF_KEYS], bundle->first + i);

      if (!PEM_write_bio_X509 (out, leaf))
        g_error ("Cannot write to %s", bundle->path);
    }

  if (BIO_flush (out) != 1)
    g_error ("Cannot write to %s", bundle->path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EVP_PKEY) ca_key = NULL;
  g_autoptr(X509) ca = NULL;
  g_autoptr(BIO) out = NULL;
  g_autoptr(GArray) bundles = NULL;
  g_autofree char *ca_path = NULL;
  GThreadPool *pool;
  gint64 count = 10000;
  gint64 per_file = 0;
  gint64 seed = 1;
  int jobs = (int)g_get_num_processors ();
  time_t now = time (NULL);
  const GOptionEntry entries[] = {
    { "count", 'n', 0, G_OPTION_ARG_INT64, &count, "How many certificates (10000)", "N" },
    { "per-file", 'p', 0, G_OPTION_ARG_INT64, &per_file, "At most N per file (all in one)", "N" },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed, "Seed for names and serials (1)", "SEED" },
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &jobs, "Threads, one file each (all processors)", "N" },
    { NULL }
  };

  context = g_option_context_new ("PREFIX");
  g_option_context_set_summary (context,
                                "Writes PREFIX-000.pem, PREFIX-001.pem, … holding COUNT certificates\n"
                                "signed by a throwaway authority (in PREFIX-ca.pem), and prints\n"
                                "the names of the bundles. For benchmarks only.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || count < 1)
    {
      g_printerr ("make-corpus: %s\n",
                  error ? error->message : "give one PREFIX and a positive count");
      return 2;
    }
  if (per_file <= 0)
    per_file = count;

  ca_key = make_ec_key ();
  ca = make_ca (ca_key, now);

  ca_path = g_strdup_printf ("%s-ca.pem", argv[1]);
  out = BIO_new_file (ca_path, "w");
  if (out == NULL || !PEM_write_bio_X509 (out, ca) || BIO_flush (out) != 1)
    g_error ("Cannot write %s", ca_path);

  bundles = g_array_new (FALSE, TRUE, sizeof (Bundle));
  for (gint64 first = 0; first < count; first += per_file)
    {
      Bundle bundle = { 0 };

      bundle.path = g_strdup_printf ("%s-%03u.pem", argv[1], bundles->len);
      bundle.first = first;
      bundle.count = MIN (per_file, count - first);
      bundle.rng = 0x9E3779B97F4A7C15ull ^ ((guint64)seed << 20) ^ bundles->len;
      bundle.ca = ca;
      bundle.ca_key = ca_key;
      bundle.now = now;
      g_array_append_val (bundles, bundle);
    }

  pool = g_thread_pool_new (write_bundle, NULL, MAX (jobs, 1), TRUE, NULL);
  for (guint i = 0; i < bundles->len; i++)
    g_thread_pool_push (pool, &g_array_index (bundles, Bundle, i), NULL);
  g_thread_pool_free (pool, FALSE, TRUE);

  for (guint i = 0; i < bundles->len; i++)
    {
      printf ("%s\n", g_array_index (bundles, Bundle, i).path);
      g_free (g_array_index (bundles, Bundle, i).path);
    }

  return 0;
}
