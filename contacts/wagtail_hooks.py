from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admissions, verification
from .models import CallbackRequest, ContactNumber, due_for_verification


class ContactNumberForm(WagtailAdminModelForm):
    """The editor who records a check is its "verified by", unless they name someone else."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is not None and "verified_by" in self.fields and not self.initial.get("verified_by"):
            self.fields["verified_by"].initial = for_user.get_full_name() or for_user.get_username()


class ContactNumberViewSet(SnippetViewSet):
    model = ContactNumber
    icon = "mail"
    menu_label = _("Contact numbers")
    add_to_admin_menu = True
    list_display = ["label", "purpose", "country", "number", "channel", "active", "verified_at", "reverify_by"]
    list_filter = ["purpose", "country", "active", "channel"]
    edit_handler = ObjectList(ContactNumber.panels, base_form_class=ContactNumberForm)


register_snippet(ContactNumberViewSet)


@hooks.register("register_admin_urls")
def register_callback_urls():
    return [
        path("contact-numbers/due/", verification.due_report, name="contact_numbers_due"),
        path("callback-requests/", admissions.callback_request_list, name="callback_requests"),
        path("callback-requests/<int:pk>/called/", admissions.mark_called, name="callback_request_called"),
        path("callback-requests/<int:pk>/undo/", admissions.undo_called, name="callback_request_undo"),
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
        panels.append(CallbacksWaitingPanel(CallbackRequest.waiting().count()))


@hooks.register("register_log_actions")
def register_admissions_log_actions(actions):
    actions.register_action("admissions.member_added", _("Added to Admissions"), _("Added to Admissions"))


class DueReportMenuItem(MenuItem):
    def is_shown(self, request):
        return verification.can_maintain_numbers(request.user)


@hooks.register("register_reports_menu_item")
def register_due_report_menu_item():
    return DueReportMenuItem(
        _("Numbers due for re-verification"), reverse("contact_numbers_due"), icon_name="warning", order=900
    )


class NumbersDuePanel(Component):
    """On an editor's dashboard: how many contact numbers need checking, with the report's link."""

    name = "contact_numbers_due"
    order = 60

    def __init__(self, due: int):
        self.due = due

    def render_html(self, parent_context=None):
        return render_to_string(
            "contacts/numbers_due_panel.html", {"due": self.due, "url": reverse("contact_numbers_due")}
        )


@hooks.register("construct_homepage_panels")
def add_numbers_due_panel(request, panels):
    if verification.can_maintain_numbers(request.user):
        due = due_for_verification().count()
        if due:
            panels.append(NumbersDuePanel(due))
