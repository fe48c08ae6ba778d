"""Admin wiring for clinical sign-off: every publish button for an article is closed on the
server (the model refuses too), the emergency path, the report and the audit-log labels."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.auth import user_has_any_page_permission
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.pages.utils import get_valid_next_url_from_request
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button
from wagtail.models import Page
from wagtail_localize.models import Translation
from wagtail_localize.views.convert import convert_to_alias
from wagtail_localize.views.edit_translation import stop_translation

from . import views
from .gate import alias_refusal, refusal_message
from .models import ReviewerProfile
from .pages import clinical_page_models, is_clinical
from .permissions import can_emergency_publish, can_see_reviews_due, can_submit_translation
from .services import enabled_translation


def _publish_requested(request) -> bool:
    return request.method == "POST" and (request.POST.get("action") == "publish" or "action-publish" in request.POST)


@hooks.register("before_edit_page")
def refuse_article_publish_on_edit(request, page):
    if is_clinical(page) and _publish_requested(request):
        messages.error(request, refusal_message(page))
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("after_edit_page")
def reviewers_return_to_their_dashboard(request, page):
    """After a workflow action from the edit page Wagtail goes to the parent's listing, which a
    reviewer (who holds no page permission) may not open: "no permission" after a successful
    sign-off. They go back to their dashboard, where their tasks and the confirmation are."""
    if request.POST.get("action-workflow-action") and not user_has_any_page_permission(request.user):
        return redirect("wagtailadmin_home")
    return None


@hooks.register("before_create_page")
def refuse_article_publish_on_create(request, parent_page, page_class):
    if is_clinical(page_class) and _publish_requested(request):
        messages.error(
            request,
            _("Articles are not published on creation: save a draft, then submit it for clinical review."),
        )
        return redirect(
            "wagtailadmin_pages:add", page_class._meta.app_label, page_class._meta.model_name, parent_page.pk
        )
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_publish_of_articles(request, action_type, objects, action_class_instance):
    if action_type == "publish":
        articles = [obj for obj in objects if is_clinical(obj)]
        if articles:
            for page in articles:
                messages.error(request, refusal_message(page))
            # Only a same-site address: the raw `next` parameter would be an open redirect.
            return redirect(get_valid_next_url_from_request(request) or reverse("wagtailadmin_explore_root"))
    return None


@hooks.register("before_copy_page")
def refuse_live_copies_and_aliases_of_articles(request, page):
    if request.method != "POST" or not (request.POST.get("publish_copies") or request.POST.get("alias")):
        return None
    below = any(model.objects.descendant_of(page).exists() for model in clinical_page_models())
    if not (is_clinical(page) or below):
        return None
    if request.POST.get("alias"):
        messages.error(request, alias_refusal())
    else:
        messages.error(
            request,
            _("Copies of clinical articles start as drafts: untick “Publish copies” and submit them for review."),
        )
    return redirect("wagtailadmin_pages:copy", page.pk)


class EmergencyPublishMenuItem(ActionMenuItem):
    label = _("Emergency publish…")
    name = "action-emergency-publish"
    icon_name = "warning"
    order = 90

    def is_shown(self, context):
        page = context.get("page")
        return (
            context.get("view") == "edit"
            and page is not None
            and is_clinical(page)
            and can_emergency_publish(context["request"].user, page)
        )

    def get_url(self, context):
        return reverse("review_emergency_publish", args=[context["page"].pk])


@hooks.register("register_page_action_menu_item")
def register_emergency_publish_menu_item():
    return EmergencyPublishMenuItem()


@hooks.register("construct_page_action_menu")
def remove_publish_for_articles(menu_items, request, context):
    page = context.get("page")
    if page is not None and is_clinical(page):
        menu_items[:] = [item for item in menu_items if item.name != "action-publish"]
        # In the translation editor (no "Save draft"), "Delete" would become the main button.
        if menu_items and menu_items[0].name == "action-delete":
            menu_items.append(menu_items.pop(0))


def refuse_alias_of_clinical_page(request, page_id):
    """wagtail-localize's "Convert to alias" replaces a translation with its source, live at
    once. Refused for clinical pages, for everyone; other pages go to wagtail-localize's view."""
    page = get_object_or_404(Page, pk=page_id)
    if not is_clinical(page):
        return convert_to_alias(request, page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    messages.error(request, alias_refusal())
    return redirect("wagtailadmin_pages:edit", page.pk)


def refuse_stopping_sync_of_clinical_translation(request, translation_id):
    """wagtail-localize's "Stop synced translation" cuts a translation loose from its source, so
    it no longer follows clinical changes. On clinical pages only a superuser may do it (a
    translator is told why); other pages go to wagtail-localize's view."""
    translation = get_object_or_404(Translation, pk=translation_id)
    instance = translation.get_target_instance()
    if not isinstance(instance, Page) or not is_clinical(instance.specific):
        return stop_translation(request, translation_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if request.user.is_superuser:
        return stop_translation(request, translation_id)
    if not instance.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    messages.error(
        request,
        _(
            "A clinical page's translation stays synced with its source, so that every clinical change "
            "reaches it. Ask an administrator if it must be stopped."
        ),
    )
    return redirect("wagtailadmin_pages:edit", instance.pk)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "localize/translate/<int:translation_id>/disable/",
            refuse_stopping_sync_of_clinical_translation,
            name="stop_translation",
        ),
        # Takes precedence over wagtail-localize's view at the same address (this app is listed first).
        path("localize/page/<int:page_id>/convert_to_alias/", refuse_alias_of_clinical_page, name="convert_to_alias"),
        path("review/emergency/<int:page_id>/", views.emergency_publish, name="review_emergency_publish"),
        path(
            "review/changes/<int:page_id>/",
            views.ChangesSinceSignOffView.as_view(),
            name="review_changes_since_sign_off",
        ),
        path(
            "review/submit-translation/<int:page_id>/",
            views.submit_translation_for_review,
            name="review_submit_translation",
        ),
        path("reports/reviews-due/", views.ReviewsDueView.as_view(), name="reviews_due"),
        path(
            "reports/reviews-due/results/",
            views.ReviewsDueView.as_view(results_only=True),
            name="reviews_due_results",
        ),
    ]


@hooks.register("register_page_listing_more_buttons")
def submit_translation_button(page, user, next_url=None):
    if page.locale_id and enabled_translation(page) and can_submit_translation(user, page):
        yield Button(
            _("Submit translation for clinical review"),
            url=reverse("review_submit_translation", args=[page.pk]),
            icon_name="resubmit",
            priority=3,
        )


class ReviewsDueMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_reviews_due(request.user)


@hooks.register("register_reports_menu_item")
def register_reviews_due_menu_item():
    return ReviewsDueMenuItem(_("Reviews due"), reverse("reviews_due"), icon_name="time", order=650)


class ReviewerProfileViewSet(ModelViewSet):
    model = ReviewerProfile
    icon = "user"
    menu_label = _("Reviewer profiles")
    add_to_settings_menu = True
    form_fields = ["user", "display_name", "job_title", "registration"]
    list_display = ["display_name", "job_title", "registration", "user"]


@hooks.register("register_admin_viewset")
def register_reviewer_profiles():
    return ReviewerProfileViewSet("reviewer_profiles")


@hooks.register("register_log_actions")
def register_review_log_actions(actions):
    actions.register_action("review.sign_off", _("Clinical sign-off"), _("Signed off clinically"))
    actions.register_action("review.emergency_publish", _("Emergency publish"), _("Published before clinical review"))
    actions.register_action("review.review_started", _("Clinical review started"), _("Clinical review started"))
    actions.register_action("review.source_updated", _("Source updated"), _("Source changed; re-review started"))
    actions.register_action(
        "review.unpublish_unsigned", _("Unpublished unsigned page"), _("Unpublished: live without sign-off")
    )
