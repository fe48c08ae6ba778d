from django.contrib import messages
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem
from wagtail.admin.ui.components import Component
from wagtail_localize.models import Translation

from review.permissions import translator_locale_ids

from . import views
from .guards import REFUSAL
from .status import translations_waiting


@hooks.register("before_edit_page")
def refuse_publish_from_translation_editor(request, page):
    """Runs before wagtail-localize's own hook (this app comes first in INSTALLED_APPS)."""
    if request.method == "POST" and request.POST.get("action") == "publish":
        is_translation = Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        ).exists()
        if is_translation:
            messages.error(request, REFUSAL)
            return redirect(reverse("wagtailadmin_pages:edit", args=[page.id]))
    return None


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        # Takes precedence over wagtail-localize's view at the same address.
        path(
            "localize/update/<int:translation_source_id>/",
            views.UpdateTranslationsWithoutPublishView.as_view(),
            name="update_translations",
        ),
        path(
            "localize/submit/page/<int:page_id>/",
            views.SubmitPageTranslationBackToSourceView.as_view(),
            name="submit_page_translation",
        ),
        path("reports/translations/", views.TranslationStatusView.as_view(), name="translation_status"),
    ]


@hooks.register("register_reports_menu_item")
def register_translation_status_menu_item():
    class TranslationStatusMenuItem(AdminOnlyMenuItem):
        def is_shown(self, request):
            return views.can_see_translation_status(request.user)

    return TranslationStatusMenuItem(
        _("Translations by article"), reverse("translation_status"), icon_name="globe", order=700
    )


class TranslationsWaitingPanel(Component):
    """On a translator's dashboard: the translations waiting for them, each with its editor."""

    name = "translations_waiting"
    order = 40

    def __init__(self, items):
        self.items = items

    def render_html(self, parent_context=None):
        return render_to_string("translations/waiting_panel.html", {"items": self.items})


@hooks.register("construct_homepage_panels")
def add_translations_waiting_panel(request, panels):
    locale_ids = translator_locale_ids(request.user)
    if locale_ids:
        panels.append(TranslationsWaitingPanel(translations_waiting(locale_ids)))
