"""Who may do what in clinical review: every predicate the views, hooks and workflow tasks ask.

Reads group membership, revisions and sign-off records through relations only (no import of
`review.models`), so the workflow task models can ask these questions without an import circle."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext as _
from wagtail.models import Revision
from wagtail_localize.models import StringTranslation

from .roles import EDITORS, REVIEWERS, TRANSLATORS


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def _groups(user, role, locale_id=None):
    if not _active(user):
        return None
    query = Q(locale_role__role=role)
    if locale_id is not None:
        query &= Q(locale_role__locale_id=locale_id)
    return user.groups.filter(query)


def is_reviewer_for(user, locale_id) -> bool:
    groups = _groups(user, REVIEWERS, locale_id)
    return bool(groups is not None and groups.exists())


def reviewer_locale_ids(user) -> list[int]:
    return _locale_ids(user, REVIEWERS)


def _locale_ids(user, role) -> list[int]:
    groups = _groups(user, role)
    return [] if groups is None else list(groups.values_list("locale_role__locale_id", flat=True))


def is_translator_for(user, locale_id) -> bool:
    groups = _groups(user, TRANSLATORS, locale_id)
    return bool(groups is not None and groups.exists())


def translator_locale_ids(user) -> list[int]:
    return _locale_ids(user, TRANSLATORS)


def reviewers_of(locale_id):
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__locale_role__role=REVIEWERS, groups__locale_role__locale_id=locale_id)
        .distinct()
    )


def is_editor(user) -> bool:
    return _active(user) and user.groups.filter(name=EDITORS).exists()


def last_sign_off(page):
    """The newest clinical sign-off of `page` (any revision), or None."""
    return page.clinical_sign_offs.order_by("-signed_off_at", "-id").first()


def authored_since_sign_off(page, user) -> bool:
    """Did `user` write any of the text now under review? True if they saved any revision of
    the page since the revision its last sign-off approved (or since it was created), or typed
    any of its translated segments in wagtail-localize's editor since that sign-off. Whoever
    saved the latest revision does not matter: words pass through other people's hands."""
    last = last_sign_off(page)
    revisions = Revision.page_revisions.filter(object_id=str(page.pk), user_id=user.pk)
    segments = StringTranslation.objects.filter(
        context__object_id=page.translation_key, locale_id=page.locale_id, last_translated_by_id=user.pk
    )
    if last is not None:
        revisions = revisions.filter(pk__gt=last.revision_number)
        segments = segments.filter(updated_at__gt=last.signed_off_at)
    return revisions.exists() or segments.exists()


def approval_refusal(page, revision, user) -> str | None:
    """Why `user` may not sign off `revision` of `page` clinically, or None if they may."""
    if revision is None:
        return _("There is no revision to approve.")
    if not is_reviewer_for(user, page.locale_id):
        return _("Only a clinical reviewer for this page's language can approve it.")
    if authored_since_sign_off(page, user):
        return _(
            "You wrote some of this text since the page was last signed off, so another clinical reviewer must "
            "approve it."
        )
    profile = getattr(user, "reviewer_profile", None)
    if profile is None or not profile.complete:
        return _("Add your name, job title and professional registration to your reviewer profile before signing off.")
    return None


def editorial_refusal(page, user) -> str | None:
    """Why `user` may not pass the editorial check of `page`, or None if they may."""
    if authored_since_sign_off(page, user):
        return _("You wrote some of this text since the page was last signed off, so another editor must check it.")
    return None


def can_emergency_publish(user, page) -> bool:
    if not _active(user):
        return False
    return user.is_superuser or (user.has_perm("review.emergency_publish") and is_reviewer_for(user, page.locale_id))


def can_submit_translation(user, page) -> bool:
    permissions = page.permissions_for_user(user)
    return permissions.can_edit() and permissions.can_submit_for_moderation() and page.get_workflow() is not None


def can_see_reviews_due(user) -> bool:
    return _active(user) and (user.is_superuser or is_editor(user) or bool(reviewer_locale_ids(user)))
