from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admissions
from .models import ContactNumber


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
