import contextlib

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.generic import TemplateView
from wagtail.admin.auth import require_admin_access
from wagtail.models import Locale
from wagtail_localize.views.submit_translations import SubmitPageTranslationView
from wagtail_localize.views.update_translations import UpdateTranslationsView

from articles.models import ArticlePage
from review.roles import EDITORS, TRANSLATORS

from .guards import REFUSAL
from .status import LABELS, article_translation_states


class SubmitPageTranslationBackToSourceView(SubmitPageTranslationView):
    """wagtail-localize's "Translate this page". It sends whoever started a translation into one
    language to the new page's editor; an editor who does not edit that language (its
    translators do) would land on "no permission". They go back to the page they translated."""

    def get_default_success_url(self, translated_page=None):
        if translated_page is not None and translated_page.permissions_for_user(self.request.user).can_edit():
            return super().get_default_success_url(translated_page)
        return reverse("wagtailadmin_pages:edit", args=[self.object.pk])


class UpdateTranslationsWithoutPublishView(UpdateTranslationsView):
    """wagtail-localize's "Sync translated pages", without its "Publish immediately" option:
    synced translations are saved as drafts and go live only through review."""

    template_name = "translations/update_translations.html"

    def get_form(self):
        form = super().get_form()
        field = form.fields["publish_translations"]
        field.disabled = True  # a disabled field ignores whatever is posted
        field.help_text = REFUSAL
        return form

    def form_valid(self, form):
        if self.request.POST.get("publish_translations"):
            messages.warning(self.request, REFUSAL)
        response = super().form_valid(form)
        # Regenerate each translation from the new source as a draft (new strings fall back to
        # the source text until translated), ready for the translator and then review.
        for translation in self.object.translations.filter(enabled=True).select_related("target_locale"):
            with contextlib.suppress(ValidationError):
                translation.save_target(user=self.request.user, publish=False)
        return response


def can_see_translation_status(user) -> bool:
    """Draft titles in every language: for the roles that edit or translate, not every admin user."""
    return bool(
        user.is_active
        and (user.is_superuser or user.groups.filter(Q(name=EDITORS) | Q(locale_role__role=TRANSLATORS)).exists())
    )


@method_decorator(require_admin_access, name="dispatch")
class TranslationStatusView(TemplateView):
    """Admin report: each source article and the state of its translation in every locale."""

    template_name = "translations/status.html"

    def dispatch(self, request, *args, **kwargs):
        if not can_see_translation_status(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sources = ArticlePage.objects.filter(locale=Locale.get_default()).order_by("title")
        context.update(rows=article_translation_states(sources), labels=LABELS)
        return context
