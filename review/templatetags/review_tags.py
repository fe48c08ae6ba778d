"""What the sign-off dialog tells a reviewer about what they are signing."""

from django import template
from django.urls import reverse
from django.utils import timezone

from cms.dates import add_months
from review.permissions import last_sign_off
from review.services import enabled_translation

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
