from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admissions
from .models import CallbackRequest, ContactNumber


class ContactNumberViewSet(SnippetViewSet):
    model = ContactNumber
    icon = "mail"
    menu_label = _("Contact numbers")
    add_to_admin_menu = True
    list_display = ["label", "purpose", "country", "number", "active", "verified"]
    list_filter = ["purpose", "country", "active", "verified"]


register_snippet(ContactNumberViewSet)


@hooks.register("register_admin_urls")
def register_callback_urls():
    return [
        path("callback-requests/", admissions.callback_request_list, name="callback_requests"),
        path("callback-requests/<int:pk>/called/", admissions.mark_called, name="callback_request_called"),
    ]


class AdmissionsMenuItem(MenuItem):
    def is_shown(self, request):
        return admissions.can_read_callback_requests(request.user)


@hooks.register("register_admin_menu_item")
def register_callback_menu_item():
    return AdmissionsMenuItem(_("Call-back requests"), reverse("callback_requests"), icon_name="mail", order=900)


class CallbacksWaitingPanel(Component):
    """On the Admissions dashboard: how many readers wait for a call (a number, no details)."""

    name = "callbacks_waiting"
    order = 50

    def __init__(self, waiting: int):
        self.waiting = waiting

    def render_html(self, parent_context=None):
        return render_to_string(
            "contacts/callbacks_waiting_panel.html",
            {"waiting": self.waiting, "url": reverse("callback_requests")},
        )


@hooks.register("construct_homepage_panels")
def add_callbacks_waiting_panel(request, panels):
    if admissions.can_read_callback_requests(request.user):
        panels.append(CallbacksWaitingPanel(CallbackRequest.objects.filter(called_at__isnull=True).count()))


@hooks.register("register_log_actions")
def register_admissions_log_actions(actions):
    actions.register_action("admissions.member_added", _("Added to Admissions"), _("Added to Admissions"))
