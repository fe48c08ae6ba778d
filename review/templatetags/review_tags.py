"""What the sign-off dialog tells a reviewer about what they are signing."""

from django import template
from django.urls import reverse
from django.utils import timezone

from cms.dates import add_months
from review.pages import is_clinical
from review.permissions import can_submit_translation, last_sign_off
from review.reader import medical_web_page_json_ld as json_ld_for
from review.services import enabled_translation
from review.words import content_digest

register = template.Library()


@register.inclusion_tag("review/includes/sign_off_summary.html", takes_context=True)
def sign_off_summary(context, page, task_state):
    user = context["request"].user
    revision = task_state.revision
    draft = revision.as_object()
    profile = getattr(user, "reviewer_profile", None)
    last = last_sign_off(page)
    return {
        "page": page,
        "language": page.locale.get_display_name(),
        "revision": revision,
        "author": (revision.user.get_full_name() or revision.user.get_username()) if revision.user else None,
        "profile": profile,
        "last_sign_off": last,
        "next_review_due": add_months(timezone.localdate(), getattr(draft, "review_interval_months", None) or 12),
        "changes_url": reverse("review_changes_since_sign_off", args=[page.pk]),
        "is_translation": enabled_translation(page) is not None,
    }


@register.simple_tag
def signed_words_digest(task_state) -> str:
    """The digest of the words of the revision the sign-off dialog shows (review.words)."""
    page = task_state.workflow_state.content_object.specific
    return content_digest(type(page), task_state.revision.content)


@register.simple_tag(takes_context=True)
def translation_submit_allowed(context, page) -> bool:
    """May the signed-in user submit this translated page for clinical review from the
    translation editor? (The view checks the same again on POST.)"""
    page = getattr(page, "specific", page)
    return bool(enabled_translation(page)) and can_submit_translation(context["request"].user, page)


@register.simple_tag(takes_context=True)
def workflow_actions_here(context, page):
    """(task_state, actions) the signed-in user can take on `page`'s current workflow task, for
    the translation editor's review bar; (None, []) when they have none. The actions post to
    Wagtail's own workflow action view, which checks them again."""
    page = getattr(page, "specific", page)
    task_state = page.current_workflow_task_state
    if task_state is None:
        return None, []
    actions = task_state.task.specific.get_actions(page, context["request"].user)
    return task_state, actions


@register.simple_tag
def translation_is_clinical(page) -> bool:
    return is_clinical(getattr(page, "specific", page))


@register.simple_tag(takes_context=True)
def medical_web_page_json_ld(context, page, sign_off):
    """schema.org MedicalWebPage for a reader's page, its review facts from the sign-off."""
    language = context.get("page_language") or context.get("html_lang")
    return json_ld_for(page, context.get("request"), sign_off, language)
