/* cd-export-dialog-formats.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The formats CdExportDialog offers: their titles, descriptions and
 * extensions, which apply to several certificates or need a key, a
 * device's preset, and the file name the file chooser proposes.
 */

#define G_LOG_DOMAIN "cd-export-dialog"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cd-certificate.h"
#include "cd-export-dialog-private.h"

const char *
_cd_export_dialog_get_choice_title (CdExportChoice choice,
                                    gboolean       several)
{
  switch (choice)
    {
    case CD_EXPORT_CHOICE_DER:
      return _("DER (.cer)");
    case CD_EXPORT_CHOICE_PEM:
      return several ? _("Base-64 PEM, all (.pem)") : _("Base-64 PEM (.pem)");
    case CD_EXPORT_CHOICE_PEM_CHAIN:
      return _("PEM chain (.pem)");
    case CD_EXPORT_CHOICE_P7B:
      return several ? _("PKCS #7, all (.p7b)") : _("PKCS #7 (.p7b)");
    case CD_EXPORT_CHOICE_PKCS12:
      return _("PKCS #12 (.pfx)");
    case CD_EXPORT_CHOICE_PEM_KEY_CERT:
      return _("PEM with private key (.pem)");
    case CD_EXPORT_CHOICE_KEY:
      return _("Private key only (.key)");
    default:
      g_assert_not_reached ();
    }
}

const char *
_cd_export_dialog_get_choice_description (CdExportChoice choice,
                                          gboolean       several)
{
  switch (choice)
    {
    case CD_EXPORT_CHOICE_DER:
      return _("DER encoded binary X.509: the certificate alone, as Windows and most devices "
               "read it.");
    case CD_EXPORT_CHOICE_PEM:
      return several ? _("Base-64 encoded X.509: the certificates one after the other in a text "
                         "file, as trust bundles are.")
                     : _("Base-64 encoded X.509: text that starts with “BEGIN CERTIFICATE”.");
    case CD_EXPORT_CHOICE_PEM_CHAIN:
      return _("The certificate and the ones that issued it, from the certificate up to the "
               "root, in a text file.");
    case CD_EXPORT_CHOICE_P7B:
      return _("Cryptographic Message Syntax: certificates only, without a private key.");
    case CD_EXPORT_CHOICE_PKCS12:
      return _("Personal Information Exchange: the certificate and its private key in one "
               "file protected by a password.");
    case CD_EXPORT_CHOICE_PEM_KEY_CERT:
      return _("The certificate and its private key as text, in one file or two, as web "
               "servers and many devices want them.");
    case CD_EXPORT_CHOICE_KEY:
      return _("The private key without its certificate.");
    default:
      g_assert_not_reached ();
    }
}

static const char *
get_choice_extension (CdExportChoice choice)
{
  switch (choice)
    {
    case CD_EXPORT_CHOICE_DER:
      return ".cer";
    case CD_EXPORT_CHOICE_PEM:
    case CD_EXPORT_CHOICE_PEM_CHAIN:
    case CD_EXPORT_CHOICE_PEM_KEY_CERT:
      return ".pem";
    case CD_EXPORT_CHOICE_P7B:
      return ".p7b";
    case CD_EXPORT_CHOICE_PKCS12:
      return ".pfx";
    case CD_EXPORT_CHOICE_KEY:
      return ".key";
    default:
      g_assert_not_reached ();
    }
}

/* A device profile may want its own extension, e.g. ".p12". */
const char *
_cd_export_dialog_get_extension (CdExportDialog *self)
{
  CdExportChoice choice = cd_export_dialog_get_choice (self);

  if (self->preset_extension != NULL && (int)choice == self->preset_choice)
    return self->preset_extension;

  return get_choice_extension (choice);
}

gboolean
_cd_export_dialog_choice_has_key (CdExportChoice choice)
{
  return choice == CD_EXPORT_CHOICE_PKCS12 ||
         choice == CD_EXPORT_CHOICE_PEM_KEY_CERT ||
         choice == CD_EXPORT_CHOICE_KEY;
}

void
_cd_export_dialog_fill_formats (CdExportDialog *self)
{
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  gboolean several;
  CdExportChoice choice;

  g_assert (CD_IS_EXPORT_DIALOG (self));

  several = self->rows->len > 1;
  g_array_set_size (self->choices, 0);

  for (choice = CD_EXPORT_CHOICE_DER; choice <= CD_EXPORT_CHOICE_KEY; choice++)
    {
      if (several && choice != CD_EXPORT_CHOICE_PEM && choice != CD_EXPORT_CHOICE_P7B)
        continue;
      if (_cd_export_dialog_choice_has_key (choice) && !self->has_key)
        continue;

      g_array_append_val (self->choices, choice);
      gtk_string_list_append (titles, _cd_export_dialog_get_choice_title (choice, several));
    }

  adw_combo_row_set_model (self->format_row, G_LIST_MODEL (titles));

  /* With a key, the user came for it most of the time, as on Windows. */
  if (!cd_export_dialog_set_choice (self, CD_EXPORT_CHOICE_PKCS12))
    adw_combo_row_set_selected (self->format_row, 0);
}

/**
 * cd_export_dialog_set_choice:
 * @self: a #CdExportDialog
 * @choice: a format
 *
 * Picks @choice in the Format row, as the user would.
 *
 * Returns: %FALSE if @choice is not offered for these certificates
 */
gboolean
cd_export_dialog_set_choice (CdExportDialog *self,
                             CdExportChoice  choice)
{
  g_return_val_if_fail (CD_IS_EXPORT_DIALOG (self), FALSE);

  for (guint i = 0; i < self->choices->len; i++)
    {
      if (g_array_index (self->choices, CdExportChoice, i) == choice)
        {
          adw_combo_row_set_selected (self->format_row, i);
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * cd_export_dialog_set_preset:
 * @self: a #CdExportDialog
 * @options: what a device imports, e.g. from cd_profile_dup_export_options()
 * @extension: (nullable): the file extension it wants, with the dot
 *
 * Sets the format and its choices (encoding, encryption, chain, root,
 * key format and order) as in @options, as the user could; the password
 * is still the user's to type.
 *
 * Returns: %FALSE if the format is not offered for these certificates
 *   (a format with a key for a certificate without one); nothing is
 *   changed then
 */
gboolean
cd_export_dialog_set_preset (CdExportDialog  *self,
                             CdExportOptions *options,
                             const char      *extension)
{
  CdExportFormat format;
  CdExportChoice choice;

  g_return_val_if_fail (CD_IS_EXPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  format = cd_export_options_get_format (options);
  switch (format)
    {
    case CD_EXPORT_FORMAT_DER: choice = CD_EXPORT_CHOICE_DER; break;
    /* The dialog's PEM with the chain is "PEM chain". */
    case CD_EXPORT_FORMAT_PEM:
      choice = cd_export_options_get_include_chain (options) ? CD_EXPORT_CHOICE_PEM_CHAIN
                                                              : CD_EXPORT_CHOICE_PEM;
      break;
    case CD_EXPORT_FORMAT_PEM_CHAIN: choice = CD_EXPORT_CHOICE_PEM_CHAIN; break;
    case CD_EXPORT_FORMAT_P7B_DER:
    case CD_EXPORT_FORMAT_P7B_PEM: choice = CD_EXPORT_CHOICE_P7B; break;
    case CD_EXPORT_FORMAT_PKCS12:
    case CD_EXPORT_FORMAT_PKCS12_LEGACY: choice = CD_EXPORT_CHOICE_PKCS12; break;
    case CD_EXPORT_FORMAT_PEM_KEY_CERT: choice = CD_EXPORT_CHOICE_PEM_KEY_CERT; break;
    case CD_EXPORT_FORMAT_KEY: choice = CD_EXPORT_CHOICE_KEY; break;
    default: g_return_val_if_reached (FALSE);
    }

  if (!cd_export_dialog_set_choice (self, choice))
    return FALSE;

  adw_combo_row_set_selected (self->encoding_row,
                              format == CD_EXPORT_FORMAT_P7B_PEM ? ENCODING_PEM : ENCODING_DER);
  adw_combo_row_set_selected (self->encryption_row,
                              format == CD_EXPORT_FORMAT_PKCS12_LEGACY ? ENCRYPTION_COMPATIBLE
                                                                       : ENCRYPTION_MODERN);
  gtk_switch_set_active (self->chain_switch, cd_export_options_get_include_chain (options));
  gtk_switch_set_active (self->root_switch, cd_export_options_get_include_root (options));
  adw_combo_row_set_selected (self->key_format_row,
                              cd_export_options_get_key_format (options) == CD_EXPORT_KEY_FORMAT_PKCS1
                              ? KEY_FORMAT_PKCS1 : KEY_FORMAT_PKCS8);
  /* Devices that name an order take the key and certificates in one file. */
  adw_combo_row_set_selected (self->files_row, FILES_ONE);
  adw_combo_row_set_selected (self->order_row,
                              cd_export_options_get_key_first (options) ? ORDER_KEY_FIRST
                                                                        : ORDER_CERT_FIRST);

  self->preset_choice = choice;
  g_free (self->preset_extension);
  self->preset_extension = g_strdup (extension);

  _cd_export_dialog_update (self);

  return TRUE;
}

/**
 * cd_export_dialog_dup_suggested_name:
 * @self: a #CdExportDialog
 *
 * Returns: (transfer full): the file name the file chooser proposes:
 *   the certificate's name with the chosen format's extension
 */
char *
cd_export_dialog_dup_suggested_name (CdExportDialog *self)
{
  g_autofree char *name = NULL;
  GString *safe;

  g_return_val_if_fail (CD_IS_EXPORT_DIALOG (self), NULL);

  if (self->rows->len == 1)
    name = cd_certificate_dup_display_name (g_ptr_array_index (self->rows, 0));
  else
    name = g_strdup (_("certificates"));

  /* What file systems and Windows shares refuse, or hide. */
  safe = g_string_new (NULL);
  for (const char *p = name; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || strchr ("/\\:*?\"<>|", c) != NULL)
        g_string_append_c (safe, '_');
      else if (!(safe->len == 0 && c == '.'))
        g_string_append_unichar (safe, c);
    }
  if (safe->len == 0)
    g_string_append (safe, _("certificate"));

  if (_cd_export_dialog_is_two_files (self))
    g_string_append (safe, ".crt");
  else
    g_string_append (safe, _cd_export_dialog_get_extension (self));

  return g_string_free (safe, FALSE);
}
