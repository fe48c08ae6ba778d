"""Every role against every action, through the admin's own URLs: each forbidden action is
refused on the server (a 403, or Wagtail's redirect to the dashboard) and changes nothing."""

import pytest
from django.urls import reverse
from wagtail.models import Locale

from review.models import EmergencyPublication
from tests.factories import ArticlePageFactory
from tests.helpers.review import refused, spanish_translation, submit

ROLES = ["editor", "reviewer", "reviewer_es", "translator_es", "admissions", "superuser"]

# role -> the actions it may take; everything else must be refused.
ALLOWED = {
    "editor": {"create", "edit", "submit"},
    "reviewer": {"approve", "emergency_publish"},
    "reviewer_es": {"translate_own_locale", "approve_own_locale"},
    "translator_es": {"translate_own_locale"},
    "admissions": {"read_callback_requests"},
    "superuser": {"create", "edit", "submit", "emergency_publish", "translate_own_locale"},
}
ACTIONS = [
    "create",
    "edit",
    "submit",
    "approve",
    "publish",
    "emergency_publish",
    "translate_own_locale",
    "translate_other_locale",
    "read_callback_requests",
]


@pytest.fixture
def world(client, draft, staff, guidance):
    spanish = spanish_translation(draft, staff["editor"])
    french = draft.copy_for_translation(Locale.objects.get(language_code="fr"), copy_parents=True)
    submit(draft, staff["editor"])
    draft.current_workflow_state.current_task_state.approve(user=staff["editor2"])  # now at clinical review
    fresh = ArticlePageFactory(parent=guidance, title="Not yet in review", publish=False)
    return {"draft": draft, "fresh": fresh, "spanish": spanish, "french": french, "guidance": guidance}


def attempt(client, user, action, world):
    """True if the server let `user` do `action`."""
    client.force_login(user)
    draft = world["draft"]
    if action == "create":
        r = client.get(reverse("wagtailadmin_pages:add", args=["articles", "articlepage", world["guidance"].pk]))
        return r.status_code == 200
    if action == "edit":
        # An English article not in review (the draft in review is locked to reviewers).
        r = client.get(reverse("wagtailadmin_pages:edit", args=[world["fresh"].pk]))
        return r.status_code == 200 and not refused(r)
    if action == "submit":
        # Wagtail's own rule, as its edit view applies it to the "Submit" action.
        permissions = world["fresh"].permissions_for_user(user)
        return permissions.can_edit() and permissions.can_submit_for_moderation()
    if action in ("approve", "approve_own_locale"):
        page = draft if action == "approve" else world["spanish_in_review"]
        page.refresh_from_db()
        state = page.current_workflow_state.current_task_state
        url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.pk])
        r = client.get(url)
        return not refused(r)
    if action == "publish":
        r = client.post(reverse("wagtailadmin_pages:edit", args=[draft.pk]), {"action": "publish"})
        draft.refresh_from_db()
        return draft.live
    if action == "emergency_publish":
        r = client.get(reverse("review_emergency_publish", args=[draft.pk]))
        return r.status_code == 200
    if action == "translate_own_locale":
        r = client.get(reverse("wagtailadmin_pages:edit", args=[world["spanish"].pk]))
        return r.status_code == 200 and not refused(r)
    if action == "translate_other_locale":
        r = client.get(reverse("wagtailadmin_pages:edit", args=[world["french"].pk]))
        return r.status_code == 200 and not refused(r)
    if action == "read_callback_requests":
        r = client.get(reverse("callback_requests"))
        return r.status_code == 200
    raise AssertionError(action)


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client, staff, world, role):
    # A Spanish page in clinical review, for the Spanish reviewer's "approve own locale".
    spanish = world["spanish"]
    if not spanish.workflow_in_progress:
        submit(spanish, staff["translator_es"])
        spanish.current_workflow_state.current_task_state.approve(user=staff["editor2"])
    world["spanish_in_review"] = spanish

    actions = ACTIONS + (["approve_own_locale"] if role == "reviewer_es" else [])
    got = {action for action in actions if attempt(client, staff[role], action, world)}
    expected = ALLOWED[role] & set(actions)
    if role == "superuser":
        expected |= {"translate_other_locale"}  # superusers edit every tree; never publish unsigned
    assert got == expected, (role, got ^ expected)
    assert not world["draft"].live and not EmergencyPublication.objects.exists()
