/* cd-details-page.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* CdDetailsPage is the Details page of the certificate dialog: the
 * certificate's CdDetail rows (fields, extensions, properties) with a
 * short summary each, a filter as in certmgr.msc, and the whole value
 * of the selected row below, to read or to copy. The rows come decoded
 * from the core; this page only shows them.
 */

#define G_LOG_DOMAIN "cd-details-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cd-detail.h"
#include "cd-details-page.h"

struct _CdDetailsPage
{
  GtkWidget            parent_instance;

  /* Template widgets */
  GtkColumnView       *column_view;
  GtkCustomFilter     *filter;
  GtkDropDown         *filter_drop_down;
  GtkFilterListModel  *filter_model;
  GtkColumnViewColumn *name_column;
  GtkSingleSelection  *selection;
  GtkColumnViewColumn *value_column;
  GtkTextView         *value_view;

  /* Owned references */
  CdCertificateInfo   *info;
};

G_DEFINE_FINAL_TYPE (CdDetailsPage, cd_details_page, GTK_TYPE_WIDGET)

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  CdDetailsPage *self = user_data;
  CdDetail *detail = item;

  switch (cd_details_page_get_filter (self))
    {
    case CD_DETAILS_FILTER_EXTENSIONS:
      return cd_detail_get_kind (detail) == CD_DETAIL_KIND_EXTENSION;

    case CD_DETAILS_FILTER_CRITICAL:
      return cd_detail_get_kind (detail) == CD_DETAIL_KIND_EXTENSION &&
             cd_detail_get_critical (detail);

    case CD_DETAILS_FILTER_PROPERTIES:
      return cd_detail_get_kind (detail) == CD_DETAIL_KIND_PROPERTY;

    case CD_DETAILS_FILTER_ALL:
    default:
      return TRUE;
    }
}

static void
show_toast (CdDetailsPage *self,
            const char    *text)
{
  /* The dialog owns the toast overlay; a page on its own has none. */
  gtk_widget_activate_action (GTK_WIDGET (self), "dialog.show-toast", "s", text);
}

static void
on_filter_changed_cb (CdDetailsPage *self,
                      GParamSpec    *pspec,
                      GtkDropDown   *drop_down)
{
  g_assert (CD_IS_DETAILS_PAGE (self));

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_selected_changed_cb (CdDetailsPage      *self,
                        GParamSpec         *pspec,
                        GtkSingleSelection *selection)
{
  g_autofree char *text = NULL;
  GtkTextBuffer *buffer;
  CdDetail *detail;

  g_assert (CD_IS_DETAILS_PAGE (self));

  detail = gtk_single_selection_get_selected_item (selection);
  buffer = gtk_text_view_get_buffer (self->value_view);

  if (detail == NULL)
    {
      gtk_text_buffer_set_text (buffer, "", -1);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "details.copy-value", FALSE);
      return;
    }

  gtk_text_buffer_set_text (buffer, cd_detail_get_value (detail), -1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "details.copy-value", TRUE);
}

static void
setup_name_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *label = gtk_inscription_new (NULL);

  /* certmgr.msc marks critical extensions with a warning sign: a
   * program that does not understand one must reject the certificate.
   */
  gtk_widget_set_tooltip_text (icon, _("Critical extension"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Critical extension"),
                                  -1);
  gtk_widget_add_css_class (icon, "warning");
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (label), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (label), 10);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (label), 24);
  gtk_widget_set_hexpand (label, TRUE);

  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_list_item_set_child (item, box);
}

static void
bind_name_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *label = gtk_widget_get_first_child (box);
  GtkWidget *icon = gtk_widget_get_next_sibling (label);
  CdDetail *detail = gtk_list_item_get_item (item);

  gtk_inscription_set_text (GTK_INSCRIPTION (label), cd_detail_get_name (detail));
  gtk_widget_set_visible (icon, cd_detail_get_critical (detail));
}

static void
setup_value_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  GtkWidget *label = gtk_inscription_new (NULL);

  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (label), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (label), 10);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (label), 40);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_list_item_set_child (item, label);
}

static void
bind_value_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  CdDetail *detail = gtk_list_item_get_item (item);

  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_list_item_get_child (item)),
                            cd_detail_get_summary (detail));
}

static GtkListItemFactory *
new_factory (GCallback setup,
             GCallback bind)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", setup, NULL);
  g_signal_connect (factory, "bind", bind, NULL);

  return factory;
}

static void
copy_value_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  CdDetailsPage *self = CD_DETAILS_PAGE (widget);
  g_autofree char *text = cd_details_page_dup_value_text (self);

  if (text == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  show_toast (self, _("Value copied"));
}

static void
copy_pem_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  CdDetailsPage *self = CD_DETAILS_PAGE (widget);
  g_autofree char *pem = NULL;

  if (self->info == NULL)
    return;

  pem = cd_certificate_info_dup_pem (self->info);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), pem);
  show_toast (self, _("Certificate copied as PEM"));
}

static void
cd_details_page_dispose (GObject *object)
{
  CdDetailsPage *self = (CdDetailsPage *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_DETAILS_PAGE);

  /* The template's unnamed top child is not disposed with the template. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->info);

  G_OBJECT_CLASS (cd_details_page_parent_class)->dispose (object);
}

static void
cd_details_page_class_init (CdDetailsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_details_page_dispose;

  gtk_widget_class_install_action (widget_class, "details.copy-value", NULL, copy_value_action);
  gtk_widget_class_install_action (widget_class, "details.copy-pem", NULL, copy_pem_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/cd-details-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CdDetailsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, CdDetailsPage, filter);
  gtk_widget_class_bind_template_child (widget_class, CdDetailsPage, filter_drop_down);
  gtk_widget_class_bind_template_child (widget_class, CdDetailsPage, filter_model);
  gtk_widget_class_bind_template_child (widget_class, CdDetailsPage, name_column);
  gtk_widget_class_bind_template_child (widget_class, CdDetailsPage, selection);
  gtk_widget_class_bind_template_child (widget_class, CdDetailsPage, value_column);
  gtk_widget_class_bind_template_child (widget_class, CdDetailsPage, value_view);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_selected_changed_cb);
}

static void
cd_details_page_init (CdDetailsPage *self)
{
  g_autoptr(GtkListItemFactory) name_factory = NULL;
  g_autoptr(GtkListItemFactory) value_factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_custom_filter_set_filter_func (self->filter, filter_func, self, NULL);

  name_factory = new_factory (G_CALLBACK (setup_name_cb), G_CALLBACK (bind_name_cb));
  value_factory = new_factory (G_CALLBACK (setup_value_cb), G_CALLBACK (bind_value_cb));
  gtk_column_view_column_set_factory (self->name_column, name_factory);
  gtk_column_view_column_set_factory (self->value_column, value_factory);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "details.copy-value", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "details.copy-pem", FALSE);
}

/**
 * cd_details_page_new:
 *
 * Returns: (transfer floating): a new, empty #CdDetailsPage
 */
GtkWidget *
cd_details_page_new (void)
{
  return g_object_new (CD_TYPE_DETAILS_PAGE, NULL);
}

/**
 * cd_details_page_set_info:
 * @self: a #CdDetailsPage
 * @info: the certificate to show
 *
 * Shows the rows of @info, through the current filter, and selects the
 * first.
 */
void
cd_details_page_set_info (CdDetailsPage     *self,
                          CdCertificateInfo *info)
{
  g_return_if_fail (CD_IS_DETAILS_PAGE (self));
  g_return_if_fail (CD_IS_CERTIFICATE_INFO (info));

  g_set_object (&self->info, info);
  gtk_filter_list_model_set_model (self->filter_model, cd_certificate_info_get_details (info));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "details.copy-pem", TRUE);
}

/**
 * cd_details_page_get_filter:
 * @self: a #CdDetailsPage
 *
 * Returns: which rows are shown
 */
CdDetailsFilter
cd_details_page_get_filter (CdDetailsPage *self)
{
  g_return_val_if_fail (CD_IS_DETAILS_PAGE (self), CD_DETAILS_FILTER_ALL);

  return gtk_drop_down_get_selected (self->filter_drop_down);
}

/**
 * cd_details_page_set_filter:
 * @self: a #CdDetailsPage
 * @filter: which rows to show
 *
 * Chooses @filter in the drop-down, as the user would.
 */
void
cd_details_page_set_filter (CdDetailsPage   *self,
                            CdDetailsFilter  filter)
{
  g_return_if_fail (CD_IS_DETAILS_PAGE (self));
  g_return_if_fail (filter <= CD_DETAILS_FILTER_PROPERTIES);

  gtk_drop_down_set_selected (self->filter_drop_down, filter);
}

/**
 * cd_details_page_get_shown:
 * @self: a #CdDetailsPage
 *
 * Returns: (transfer none): the #CdDetail rows the filter lets through,
 *   as the list shows them
 */
GListModel *
cd_details_page_get_shown (CdDetailsPage *self)
{
  g_return_val_if_fail (CD_IS_DETAILS_PAGE (self), NULL);

  return G_LIST_MODEL (self->selection);
}

/**
 * cd_details_page_select:
 * @self: a #CdDetailsPage
 * @position: a row of cd_details_page_get_shown()
 *
 * Selects the row at @position, which shows its value below the list.
 */
void
cd_details_page_select (CdDetailsPage *self,
                        guint          position)
{
  g_return_if_fail (CD_IS_DETAILS_PAGE (self));

  gtk_single_selection_set_selected (self->selection, position);
}

/**
 * cd_details_page_dup_value_text:
 * @self: a #CdDetailsPage
 *
 * Returns: (transfer full) (nullable): the whole value of the selected
 *   row, as shown below the list and copied by "Copy Value"
 */
char *
cd_details_page_dup_value_text (CdDetailsPage *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start;
  GtkTextIter end;

  g_return_val_if_fail (CD_IS_DETAILS_PAGE (self), NULL);

  if (gtk_single_selection_get_selected_item (self->selection) == NULL)
    return NULL;

  buffer = gtk_text_view_get_buffer (self->value_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}
