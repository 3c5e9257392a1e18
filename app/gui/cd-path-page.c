/* cd-path-page.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* CdPathPage is the Certification Path page of the certificate dialog.
 * The chain the core built is shown root first, each certificate one
 * step further in, as certmgr.msc draws its tree; a chain has no
 * branches, so a list with growing indents is that tree. Selecting a
 * certificate shows its own status; activating one (or "View
 * Certificate") asks the dialog to open it. The switch for the system's
 * roots only says what the user wants: the dialog rebuilds the chain.
 */

#define G_LOG_DOMAIN "cd-path-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cd-path-page.h"
#include "cd-status-style.h"

/* How far each level of the chain is indented, in pixels. */
#define INDENT 18

struct _CdPathPage
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkListView        *list_view;
  GtkSingleSelection *selection;
  GtkBox             *status_box;
  GtkImage           *status_icon;
  GtkLabel           *status_label;
  GtkSwitch          *system_switch;
};

enum {
  PROP_0,
  PROP_SYSTEM_ANCHORS,
  N_PROPS
};

enum {
  ELEMENT_ACTIVATED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (CdPathPage, cd_path_page, GTK_TYPE_WIDGET)

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static gboolean
is_last (CdPathPage *self,
         guint       position)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->selection));

  return n_items > 0 && position == n_items - 1;
}

static void
update_status (CdPathPage *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  CdChainElement *element;
  CdChainStatus status;
  const char *detail;
  guint position;

  g_assert (CD_IS_PATH_PAGE (self));

  element = gtk_single_selection_get_selected_item (self->selection);
  position = gtk_single_selection_get_selected (self->selection);

  /* The last element is the certificate this dialog already shows. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "path.view-certificate",
                                 element != NULL && !is_last (self, position));

  gtk_widget_set_visible (GTK_WIDGET (self->status_box), element != NULL);
  if (element == NULL)
    return;

  status = cd_chain_element_get_status (element);
  g_string_append (text, cd_chain_element_get_status_label (element));

  /* OpenSSL's own words are untranslated: say where they come from. */
  detail = cd_chain_element_get_detail (element);
  if (detail != NULL && detail[0] != '\0')
    {
      g_string_append_c (text, '\n');
      /* translators: %s is OpenSSL's reason, in English, e.g. "certificate has expired" */
      g_string_append_printf (text, _("OpenSSL reports: %s"), detail);
    }

  if (cd_chain_element_get_from_system (element))
    g_string_append_printf (text, "\n%s",
                            _("This root certificate comes from the operating system’s "
                              "trust store, not from your stores."));
  else if (!cd_chain_element_get_in_stores (element))
    g_string_append_printf (text, "\n%s", _("This certificate is in none of your stores."));

  gtk_label_set_label (self->status_label, text->str);
  gtk_image_set_from_icon_name (self->status_icon, cd_status_style_get_icon_name (status));
  cd_status_style_apply (GTK_WIDGET (self->status_box), status);
}

static void
on_selected_changed_cb (CdPathPage         *self,
                        GParamSpec         *pspec,
                        GtkSingleSelection *selection)
{
  g_assert (CD_IS_PATH_PAGE (self));

  update_status (self);
}

static void
on_activate_cb (CdPathPage  *self,
                guint        position,
                GtkListView *list_view)
{
  g_autoptr(CdChainElement) element = NULL;

  g_assert (CD_IS_PATH_PAGE (self));

  if (is_last (self, position))
    return;

  element = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  if (element != NULL)
    g_signal_emit (self, signals[ELEMENT_ACTIVATED], 0, element);
}

static void
on_system_switch_changed_cb (CdPathPage *self,
                             GParamSpec *pspec,
                             GtkSwitch  *system_switch)
{
  g_assert (CD_IS_PATH_PAGE (self));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYSTEM_ANCHORS]);
}

static void
view_certificate_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  CdPathPage *self = CD_PATH_PAGE (widget);
  guint position = gtk_single_selection_get_selected (self->selection);

  if (position != GTK_INVALID_LIST_POSITION)
    on_activate_cb (self, position, self->list_view);
}

static void
setup_element_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *source = gtk_label_new (_("system"));

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (source, "dim-label");
  gtk_widget_add_css_class (source, "caption");
  gtk_widget_set_tooltip_text (source, _("From the operating system’s trust store"));

  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), source);
  gtk_list_item_set_child (item, box);
}

static void
bind_element_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  CdChainElement *element = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *icon = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_next_sibling (icon);
  GtkWidget *source = gtk_widget_get_next_sibling (label);
  CdChainStatus status = cd_chain_element_get_status (element);
  const char *name = cd_chain_element_get_subject_cn (element);

  gtk_widget_set_margin_start (box, INDENT * gtk_list_item_get_position (item));

  gtk_image_set_from_icon_name (GTK_IMAGE (icon), cd_status_style_get_icon_name (status));
  cd_status_style_apply (icon, status);
  gtk_widget_set_tooltip_text (icon, cd_chain_element_get_status_label (element));
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  cd_chain_element_get_status_label (element),
                                  -1);

  gtk_label_set_label (GTK_LABEL (label), name != NULL && name[0] != '\0' ? name : _("Unnamed"));
  gtk_widget_set_visible (source, cd_chain_element_get_from_system (element));
}

static void
cd_path_page_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), CD_TYPE_PATH_PAGE);

  /* The template's unnamed top child is not disposed with the template. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cd_path_page_parent_class)->dispose (object);
}

static void
cd_path_page_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CdPathPage *self = CD_PATH_PAGE (object);

  switch (prop_id)
    {
    case PROP_SYSTEM_ANCHORS:
      g_value_set_boolean (value, cd_path_page_get_system_anchors (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_path_page_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  CdPathPage *self = CD_PATH_PAGE (object);

  switch (prop_id)
    {
    case PROP_SYSTEM_ANCHORS:
      cd_path_page_set_system_anchors (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_path_page_class_init (CdPathPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_path_page_dispose;
  object_class->get_property = cd_path_page_get_property;
  object_class->set_property = cd_path_page_set_property;

  /**
   * CdPathPage:system-anchors:
   *
   * Whether the user asked to trust the system's root certificates too.
   */
  properties[PROP_SYSTEM_ANCHORS] =
    g_param_spec_boolean ("system-anchors", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CdPathPage::element-activated:
   * @self: a #CdPathPage
   * @element: the #CdChainElement to open
   *
   * Emitted when the user wants to see a certificate above this one.
   */
  signals[ELEMENT_ACTIVATED] =
    g_signal_new ("element-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, CD_TYPE_CHAIN_ELEMENT);

  gtk_widget_class_install_action (widget_class, "path.view-certificate", NULL,
                                   view_certificate_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/cd-path-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CdPathPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, CdPathPage, selection);
  gtk_widget_class_bind_template_child (widget_class, CdPathPage, status_box);
  gtk_widget_class_bind_template_child (widget_class, CdPathPage, status_icon);
  gtk_widget_class_bind_template_child (widget_class, CdPathPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, CdPathPage, system_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_selected_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_system_switch_changed_cb);
}

static void
cd_path_page_init (CdPathPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_element_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_element_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);

  update_status (self);
}

/**
 * cd_path_page_new:
 *
 * Returns: (transfer floating): a new #CdPathPage showing no chain
 */
GtkWidget *
cd_path_page_new (void)
{
  return g_object_new (CD_TYPE_PATH_PAGE, NULL);
}

/**
 * cd_path_page_set_chain:
 * @self: a #CdPathPage
 * @chain: (nullable): the chain to show, or %NULL for none
 *
 * Shows @chain root first and selects its last element, the
 * certificate of the dialog, as certmgr.msc does.
 */
void
cd_path_page_set_chain (CdPathPage *self,
                        CdChain    *chain)
{
  GListModel *elements = NULL;
  guint n_items;

  g_return_if_fail (CD_IS_PATH_PAGE (self));
  g_return_if_fail (!chain || CD_IS_CHAIN (chain));

  if (chain != NULL)
    elements = cd_chain_get_elements (chain);

  gtk_single_selection_set_model (self->selection, elements);

  n_items = elements ? g_list_model_get_n_items (elements) : 0;
  if (n_items > 0)
    gtk_single_selection_set_selected (self->selection, n_items - 1);

  update_status (self);
}

/**
 * cd_path_page_get_elements:
 * @self: a #CdPathPage
 *
 * Returns: (transfer none): the #CdChainElement rows, root first, as a
 *   #GtkSingleSelection
 */
GListModel *
cd_path_page_get_elements (CdPathPage *self)
{
  g_return_val_if_fail (CD_IS_PATH_PAGE (self), NULL);

  return G_LIST_MODEL (self->selection);
}

/**
 * cd_path_page_select:
 * @self: a #CdPathPage
 * @position: the element to select, 0 for the root
 *
 * Selects an element as a click would, which shows its status.
 */
void
cd_path_page_select (CdPathPage *self,
                     guint       position)
{
  g_return_if_fail (CD_IS_PATH_PAGE (self));

  gtk_single_selection_set_selected (self->selection, position);
}

/**
 * cd_path_page_get_status_text:
 * @self: a #CdPathPage
 *
 * Returns: (transfer none): the status shown for the selected element
 */
const char *
cd_path_page_get_status_text (CdPathPage *self)
{
  g_return_val_if_fail (CD_IS_PATH_PAGE (self), NULL);

  return gtk_label_get_label (self->status_label);
}

/**
 * cd_path_page_get_system_anchors:
 * @self: a #CdPathPage
 *
 * Returns: whether the system's root certificates are to be trusted
 */
gboolean
cd_path_page_get_system_anchors (CdPathPage *self)
{
  g_return_val_if_fail (CD_IS_PATH_PAGE (self), FALSE);

  return gtk_switch_get_active (self->system_switch);
}

/**
 * cd_path_page_set_system_anchors:
 * @self: a #CdPathPage
 * @system_anchors: whether to trust the system's roots
 *
 * Turns the switch, as the user would.
 */
void
cd_path_page_set_system_anchors (CdPathPage *self,
                                 gboolean    system_anchors)
{
  g_return_if_fail (CD_IS_PATH_PAGE (self));

  gtk_switch_set_active (self->system_switch, system_anchors);
}
