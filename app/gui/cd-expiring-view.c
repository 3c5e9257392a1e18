/* cd-expiring-view.c
 *
 * Copyright 2026 The Certdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* CdExpiringView is the "Expiring Soon" view of the window: across every
 * store, the certificates that have expired or will within the number
 * of days set in the preferences, soonest first, with the store each is
 * in and how long is left in words, so the admin sees what to renew
 * without opening each store.
 */

#define G_LOG_DOMAIN "cd-expiring-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cd-certificate.h"
#include "cd-database.h"
#include "cd-expiring-view.h"
#include "cd-store-kind.h"

#define SECONDS_PER_DAY (24 * 60 * 60)

struct _CdExpiringView
{
  GtkWidget            parent_instance;

  /* Template widgets */
  GtkColumnView       *column_view;
  GtkColumnViewColumn *date_column;
  AdwStatusPage       *empty_page;
  GListStore          *rows;
  GtkSingleSelection  *selection;
  GtkStack            *stack;
  GtkColumnViewColumn *store_column;
  GtkColumnViewColumn *subject_column;
  GtkColumnViewColumn *when_column;

  guint                days;
};

enum {
  PROP_0,
  PROP_N_ITEMS,
  N_PROPS
};

enum {
  CERTIFICATE_ACTIVATED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (CdExpiringView, cd_expiring_view, GTK_TYPE_WIDGET)

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

typedef enum
{
  COLUMN_SUBJECT,
  COLUMN_STORE,
  COLUMN_DATE,
  COLUMN_WHEN,
} Column;

static void
on_activate_cb (CdExpiringView *self,
                guint           position,
                GtkColumnView  *column_view)
{
  g_autoptr(CdCertificate) row = NULL;

  g_assert (CD_IS_EXPIRING_VIEW (self));

  row = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  if (row != NULL)
    g_signal_emit (self, signals[CERTIFICATE_ACTIVATED], 0, row);
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_inscription_new (NULL);

  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (label), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (label), column == COLUMN_SUBJECT ? 28 : 12);
  gtk_widget_set_hexpand (label, TRUE);

  /* An expired row says so with an icon and words, not colour alone. */
  if (column == COLUMN_WHEN)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Expired"),
                                      -1);
      gtk_widget_add_css_class (icon, "expired");
      gtk_box_append (GTK_BOX (box), icon);
    }

  if (column == COLUMN_DATE || column == COLUMN_WHEN)
    gtk_widget_add_css_class (label, "numeric");

  gtk_box_append (GTK_BOX (box), label);
  gtk_list_item_set_child (item, box);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  CdCertificate *row = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *label = gtk_widget_get_last_child (box);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *text = NULL;
  g_autoptr(GDateTime) date = NULL;
  gboolean expired = cd_certificate_get_not_after (row) < now;

  switch (column)
    {
    case COLUMN_SUBJECT:
      text = cd_certificate_dup_display_name (row);
      break;

    case COLUMN_STORE:
      text = g_strdup (cd_store_kind_get_title (cd_certificate_get_store (row)));
      break;

    case COLUMN_DATE:
      date = g_date_time_new_from_unix_local (cd_certificate_get_not_after (row));
      /* translators: the date format of the Expiration Date column, see
       * g_date_time_format(). Keep four-digit years. */
      text = date ? g_date_time_format (date, _("%Y-%m-%d")) : NULL;
      break;

    case COLUMN_WHEN:
      text = cd_expiring_view_format_when (cd_certificate_get_not_after (row), now);
      gtk_widget_set_visible (gtk_widget_get_first_child (box), expired);
      break;

    default:
      g_assert_not_reached ();
    }

  gtk_inscription_set_text (GTK_INSCRIPTION (label), text);

  if (expired && column != COLUMN_STORE)
    gtk_widget_add_css_class (label, "expired");
  else
    gtk_widget_remove_css_class (label, "expired");
}

static void
set_column_factory (GtkColumnViewColumn *column,
                    Column               which)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GINT_TO_POINTER (which));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GINT_TO_POINTER (which));
  gtk_column_view_column_set_factory (column, factory);
}

static void
cd_expiring_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CD_TYPE_EXPIRING_VIEW);

  G_OBJECT_CLASS (cd_expiring_view_parent_class)->dispose (object);
}

static void
cd_expiring_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CdExpiringView *self = CD_EXPIRING_VIEW (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, cd_expiring_view_get_n_items (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_expiring_view_class_init (CdExpiringViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_expiring_view_dispose;
  object_class->get_property = cd_expiring_view_get_property;

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CdExpiringView::certificate-activated:
   * @self: a #CdExpiringView
   * @certificate: the #CdCertificate the user opened
   *
   * Emitted on a double click or Enter on a row.
   */
  signals[CERTIFICATE_ACTIVATED] =
    g_signal_new ("certificate-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, CD_TYPE_CERTIFICATE);

  g_type_ensure (CD_TYPE_CERTIFICATE);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/cd-expiring-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CdExpiringView, column_view);
  gtk_widget_class_bind_template_child (widget_class, CdExpiringView, date_column);
  gtk_widget_class_bind_template_child (widget_class, CdExpiringView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CdExpiringView, rows);
  gtk_widget_class_bind_template_child (widget_class, CdExpiringView, selection);
  gtk_widget_class_bind_template_child (widget_class, CdExpiringView, stack);
  gtk_widget_class_bind_template_child (widget_class, CdExpiringView, store_column);
  gtk_widget_class_bind_template_child (widget_class, CdExpiringView, subject_column);
  gtk_widget_class_bind_template_child (widget_class, CdExpiringView, when_column);
  gtk_widget_class_bind_template_callback (widget_class, on_activate_cb);
}

static void
cd_expiring_view_init (CdExpiringView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  set_column_factory (self->subject_column, COLUMN_SUBJECT);
  set_column_factory (self->store_column, COLUMN_STORE);
  set_column_factory (self->date_column, COLUMN_DATE);
  set_column_factory (self->when_column, COLUMN_WHEN);

  gtk_stack_set_visible_child_name (self->stack, "empty");
}

/**
 * cd_expiring_view_new:
 *
 * Returns: (transfer floating): a new, empty #CdExpiringView
 */
GtkWidget *
cd_expiring_view_new (void)
{
  return g_object_new (CD_TYPE_EXPIRING_VIEW, NULL);
}

/**
 * cd_expiring_view_reload:
 * @self: a #CdExpiringView
 * @database: the stores to look through
 * @days: how many days ahead a certificate counts as expiring soon
 * @error: return location for a #GError
 *
 * Lists the certificates of every store that expire within @days days
 * from now or have expired, soonest first.
 *
 * Returns: %TRUE on success
 */
gboolean
cd_expiring_view_reload (CdExpiringView  *self,
                         CdDatabase      *database,
                         guint            days,
                         GError         **error)
{
  g_autofree char *description = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  gint64 now;
  guint old_n_items;

  g_return_val_if_fail (CD_IS_EXPIRING_VIEW (self), FALSE);
  g_return_val_if_fail (CD_IS_DATABASE (database), FALSE);

  now = g_get_real_time () / G_USEC_PER_SEC;
  rows = cd_database_list_expiring (database, now + (gint64)days * SECONDS_PER_DAY, error);
  if (rows == NULL)
    return FALSE;

  self->days = days;
  old_n_items = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  g_list_store_splice (self->rows, 0, old_n_items, rows->pdata, rows->len);

  description = g_strdup_printf (ngettext ("No certificate in your stores has expired or "
                                           "expires within the next %u day.",
                                           "No certificate in your stores has expired or "
                                           "expires within the next %u days.",
                                           days),
                                 days);
  adw_status_page_set_description (self->empty_page, description);
  gtk_stack_set_visible_child_name (self->stack, rows->len > 0 ? "list" : "empty");

  if (old_n_items != rows->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);

  return TRUE;
}

/**
 * cd_expiring_view_get_days:
 * @self: a #CdExpiringView
 *
 * Returns: how many days ahead the view looked when last reloaded
 */
guint
cd_expiring_view_get_days (CdExpiringView *self)
{
  g_return_val_if_fail (CD_IS_EXPIRING_VIEW (self), 0);

  return self->days;
}

/**
 * cd_expiring_view_get_model:
 * @self: a #CdExpiringView
 *
 * Returns: (transfer none): the #CdCertificate rows shown, soonest first
 */
GListModel *
cd_expiring_view_get_model (CdExpiringView *self)
{
  g_return_val_if_fail (CD_IS_EXPIRING_VIEW (self), NULL);

  return G_LIST_MODEL (self->selection);
}

/**
 * cd_expiring_view_get_n_items:
 * @self: a #CdExpiringView
 *
 * Returns: how many certificates are listed
 */
guint
cd_expiring_view_get_n_items (CdExpiringView *self)
{
  g_return_val_if_fail (CD_IS_EXPIRING_VIEW (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->rows));
}

/**
 * cd_expiring_view_format_when:
 * @not_after: when a certificate expires, in seconds since the epoch
 * @now: the time now, likewise
 *
 * Returns: (transfer full): how long is left in words, for the Expires
 *   column: "Expired", "Today", or "In 3 days"
 */
char *
cd_expiring_view_format_when (gint64 not_after,
                              gint64 now)
{
  gint64 days;

  if (not_after < now)
    return g_strdup (_("Expired"));

  days = (not_after - now) / SECONDS_PER_DAY;
  if (days == 0)
    return g_strdup (_("Today"));

  return g_strdup_printf (ngettext ("In %u day", "In %u days", (gulong)days), (guint)days);
}
