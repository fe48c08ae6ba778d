from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import ContactNumber


class ContactNumberViewSet(SnippetViewSet):
    model = ContactNumber
    icon = "mail"
    menu_label = _("Contact numbers")
    add_to_admin_menu = True
    list_display = ["label", "purpose", "country", "number"]
    list_filter = ["purpose", "country"]


register_snippet(ContactNumberViewSet)
