/* cd-general-page.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* CdGeneralPage is the first page of the certificate dialog, the one
 * certmgr.msc users read first: the intended purposes, who the
 * certificate was issued to and by, its validity, whether the user has
 * its private key, and one line on whether its chain can be trusted.
 */

#define G_LOG_DOMAIN "cd-general-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cd-certificate.h"
#include "cd-general-page.h"
#include "cd-status-style.h"
#include "cd-trust.h"

struct _CdGeneralPage
{
  GtkWidget  parent_instance;

  /* Template widgets */
  GtkLabel  *issued_by_label;
  GtkLabel  *issued_to_label;
  GtkBox    *key_box;
  GtkLabel  *published_label;
  GtkLabel  *purposes_heading;
  GtkLabel  *purposes_label;
  GtkLabel  *revoked_label;
  GtkBox    *status_box;
  GtkImage  *status_icon;
  GtkLabel  *status_label;
  GtkLabel  *valid_from_label;
  GtkLabel  *valid_to_label;

  gboolean   is_request;
};

G_DEFINE_FINAL_TYPE (CdGeneralPage, cd_general_page, GTK_TYPE_WIDGET)

static char *
format_date (gint64 unix_time)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_local (unix_time);

  if (date == NULL)
    return g_strdup ("");

  /* translators: how the General page shows a validity date, see
   * g_date_time_format(). Keep the four-digit year. */
  return g_date_time_format (date, _("%Y-%m-%d %H:%M:%S"));
}

static void
set_purposes (CdGeneralPage     *self,
              CdCertificateInfo *info)
{
  g_auto(GStrv) labels = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  g_assert (CD_IS_GENERAL_PAGE (self));

  labels = cd_certificate_info_dup_purpose_labels (info);

  /* One purpose a line, as certmgr.msc lists them. */
  for (guint i = 0; labels != NULL && labels[i] != NULL; i++)
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, "• ");
      g_string_append (text, labels[i]);
    }

  if (text->len == 0)
    g_string_append (text, _("No purpose is stated"));

  gtk_label_set_label (self->purposes_label, text->str);
}

static void
cd_general_page_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), CD_TYPE_GENERAL_PAGE);

  /* The template's unnamed top child is not disposed with the template. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cd_general_page_parent_class)->dispose (object);
}

static void
cd_general_page_class_init (CdGeneralPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_general_page_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/cd-general-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CdGeneralPage, issued_by_label);
  gtk_widget_class_bind_template_child (widget_class, CdGeneralPage, issued_to_label);
  gtk_widget_class_bind_template_child (widget_class, CdGeneralPage, key_box);
  gtk_widget_class_bind_template_child (widget_class, CdGeneralPage, published_label);
  gtk_widget_class_bind_template_child (widget_class, CdGeneralPage, purposes_heading);
  gtk_widget_class_bind_template_child (widget_class, CdGeneralPage, purposes_label);
  gtk_widget_class_bind_template_child (widget_class, CdGeneralPage, revoked_label);
  gtk_widget_class_bind_template_child (widget_class, CdGeneralPage, status_box);
  gtk_widget_class_bind_template_child (widget_class, CdGeneralPage, status_icon);
  gtk_widget_class_bind_template_child (widget_class, CdGeneralPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, CdGeneralPage, valid_from_label);
  gtk_widget_class_bind_template_child (widget_class, CdGeneralPage, valid_to_label);
}

static void
cd_general_page_init (CdGeneralPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * cd_general_page_new:
 *
 * Returns: (transfer floating): a new, empty #CdGeneralPage
 */
GtkWidget *
cd_general_page_new (void)
{
  return g_object_new (CD_TYPE_GENERAL_PAGE, NULL);
}

/**
 * cd_general_page_set_certificate:
 * @self: a #CdGeneralPage
 * @info: the parsed certificate
 * @row: (nullable): the certificate's row in a store, which knows
 *   whether the keyring holds its private key; %NULL for a certificate
 *   read from a file
 *
 * Shows what @info says about itself. The status line waits for
 * cd_general_page_set_chain().
 */
void
cd_general_page_set_certificate (CdGeneralPage     *self,
                                 CdCertificateInfo *info,
                                 CdCertificate     *row)
{
  g_autofree char *subject = NULL;
  g_autofree char *not_before = NULL;
  g_autofree char *not_after = NULL;
  CdCertificate *parsed;

  g_return_if_fail (CD_IS_GENERAL_PAGE (self));
  g_return_if_fail (CD_IS_CERTIFICATE_INFO (info));
  g_return_if_fail (!row || CD_IS_CERTIFICATE (row));

  parsed = cd_certificate_info_get_row (info);
  if (row == NULL)
    row = parsed;

  self->is_request = cd_certificate_info_get_is_request (info);

  if (cd_certificate_get_subject_cn (row) != NULL && cd_certificate_get_subject_cn (row)[0] != '\0')
    subject = g_strdup (cd_certificate_get_subject_cn (row));
  else
    subject = cd_certificate_dup_display_name (row);
  gtk_label_set_label (self->issued_to_label, subject);

  /* A request has no issuer and no validity yet. */
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->purposes_label)),
                          !self->is_request);
  if (self->is_request)
    {
      gtk_label_set_label (self->issued_by_label, _("Not issued yet: this is a certificate request"));
      gtk_label_set_label (self->valid_from_label, "—");
      gtk_label_set_label (self->valid_to_label, "—");
    }
  else
    {
      gtk_label_set_label (self->issued_by_label, cd_certificate_get_issuer_cn (row));
      not_before = format_date (cd_certificate_get_not_before (row));
      not_after = format_date (cd_certificate_get_not_after (row));
      gtk_label_set_label (self->valid_from_label, not_before);
      gtk_label_set_label (self->valid_to_label, not_after);
      set_purposes (self, info);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->key_box), cd_certificate_get_has_private_key (row));
}

/**
 * cd_general_page_set_chain:
 * @self: a #CdGeneralPage
 * @chain: (nullable): the certificate's chain, or %NULL when it could
 *   not be built
 * @error: (nullable): why @chain is %NULL
 *
 * Shows the status of @chain, with an icon and a style that match it.
 */
void
cd_general_page_set_chain (CdGeneralPage *self,
                           CdChain       *chain,
                           const GError  *error)
{
  g_autofree char *text = NULL;
  CdChainStatus status;

  g_return_if_fail (CD_IS_GENERAL_PAGE (self));
  g_return_if_fail (!chain || CD_IS_CHAIN (chain));

  if (self->is_request)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->status_box), FALSE);
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->status_box), TRUE);

  if (chain == NULL)
    {
      status = CD_CHAIN_STATUS_INVALID;
      /* translators: %s says why, e.g. a database error */
      text = g_strdup_printf (_("The certification path could not be checked: %s"),
                              error != NULL ? error->message : _("no database is open"));
    }
  else
    {
      status = cd_chain_get_status (chain);
      text = g_strdup (cd_chain_get_status_label (chain));
    }

  gtk_label_set_label (self->status_label, text);
  gtk_image_set_from_icon_name (self->status_icon, cd_status_style_get_icon_name (status));
  cd_status_style_apply (GTK_WIDGET (self->status_box), status);
}

/**
 * cd_general_page_set_request_signature:
 * @self: a #CdGeneralPage
 * @valid: whether the request's signature verifies with its own key
 * @error: (nullable): why it does not
 *
 * Shows, for a request, whether it was signed by the key it carries:
 * a request altered on its way, or a broken one, fails.
 */
void
cd_general_page_set_request_signature (CdGeneralPage *self,
                                       gboolean       valid,
                                       const GError  *error)
{
  g_autofree char *text = NULL;
  CdChainStatus status;

  g_return_if_fail (CD_IS_GENERAL_PAGE (self));

  if (valid)
    {
      status = CD_CHAIN_STATUS_VALID;
      text = g_strdup (_("The request's signature is valid: it was made with the key it carries."));
    }
  else
    {
      status = CD_CHAIN_STATUS_BAD_SIGNATURE;
      /* translators: %s says why, from the signature check */
      text = g_strdup_printf (_("The request's signature does not verify: %s"),
                              error != NULL ? error->message : _("unknown error"));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->status_box), TRUE);
  gtk_label_set_label (self->status_label, text);
  gtk_image_set_from_icon_name (self->status_icon, cd_status_style_get_icon_name (status));
  cd_status_style_apply (GTK_WIDGET (self->status_box), status);
}

/**
 * cd_general_page_get_status_text:
 * @self: a #CdGeneralPage
 *
 * Returns: (transfer none): the status line as shown
 */
const char *
cd_general_page_get_status_text (CdGeneralPage *self)
{
  g_return_val_if_fail (CD_IS_GENERAL_PAGE (self), NULL);

  return gtk_label_get_label (self->status_label);
}

/**
 * cd_general_page_set_publications:
 * @self: a #CdGeneralPage
 * @targets: (nullable) (element-type CdTrustTarget): where Certdesk
 *   published the certificate, or %NULL to show nothing
 *
 * Shows, for a certificate of Trusted Root, which trust it was
 * published to (see the preferences' Trust publishing page).
 */
void
cd_general_page_set_publications (CdGeneralPage *self,
                                  GPtrArray     *targets)
{
  g_autoptr(GString) text = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (CD_IS_GENERAL_PAGE (self));

  gtk_widget_set_visible (GTK_WIDGET (self->published_label), targets != NULL);
  if (targets == NULL)
    return;

  if (targets->len == 0)
    {
      gtk_label_set_label (self->published_label,
                           _("Not published: programs other than Certdesk do not trust it yet. Turn on trust publishing in Preferences."));
      return;
    }

  text = g_string_new (NULL);
  for (guint i = 0; i < targets->len; i++)
    {
      if (i > 0)
        /* TRANSLATORS: separates the names of trust targets in a list */
        g_string_append (text, _(", "));
      g_string_append (text, cd_trust_target_get_title (g_ptr_array_index (targets, i)));
    }

  /* TRANSLATORS: %s is a list of trust targets, e.g. "NSS user database, OpenSSL certificate folder" */
  label = g_strdup_printf (_("Published to: %s"), text->str);
  gtk_label_set_label (self->published_label, label);
}

/**
 * cd_general_page_set_revocation:
 * @self: a #CdGeneralPage
 * @revoked: whether one of our CAs revoked the certificate
 * @reason: why
 * @revoked_at: since when, in seconds since the epoch
 *
 * Shows "Revoked on … (reason)" below the status, or nothing.
 */
void
cd_general_page_set_revocation (CdGeneralPage      *self,
                                gboolean            revoked,
                                CdRevocationReason  reason,
                                gint64              revoked_at)
{
  g_autofree char *date = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (CD_IS_GENERAL_PAGE (self));

  gtk_widget_set_visible (GTK_WIDGET (self->revoked_label), revoked);
  if (!revoked)
    return;

  date = format_date (revoked_at);
  /* translators: the first %s is a date, the second a reason such as "Key compromised" */
  text = g_strdup_printf (_("Revoked on %s (%s)"), date, cd_revocation_reason_get_label (reason));
  gtk_label_set_label (self->revoked_label, text);
}

/**
 * cd_general_page_get_revocation_text:
 * @self: a #CdGeneralPage
 *
 * Returns: (transfer none): the revocation line as shown, or ""
 */
const char *
cd_general_page_get_revocation_text (CdGeneralPage *self)
{
  g_return_val_if_fail (CD_IS_GENERAL_PAGE (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->revoked_label))
         ? gtk_label_get_label (self->revoked_label) : "";
}
