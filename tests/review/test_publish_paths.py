"""No path publishes an article revision without a clinical sign-off: each refuses with a
message and changes nothing, superusers included; with a sign-off the same paths work."""

import datetime
import logging

import pytest
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Revision

from review.gate import ClinicalSignOffRequired
from tests.factories import ArticlePageFactory, record_sign_off_for_tests
from tests.helpers.review import approve_all, spanish_translation, submit


def messages_of(response):
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def state(page):
    page.refresh_from_db()
    return page.live, page.live_revision_id, Revision.objects.filter(object_id=str(page.pk)).count()


@pytest.fixture
def live_article(guidance):
    return ArticlePageFactory(parent=guidance, title="Sleep after trauma")


def test_publish_button_is_refused_for_a_superuser_and_nothing_is_saved(client, draft, staff):
    before = state(draft)
    client.force_login(staff["superuser"])
    url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    response = client.post(url, {"action": "publish", "title": "Changed by publish"})
    assert response.status_code == 302 and response["Location"] == url
    assert "has no clinical sign-off" in messages_of(response)
    assert state(draft) == before
    # And the button is not offered at all.
    assert b'name="action-publish"' not in client.get(url).content


def test_revert_and_publish_is_refused(client, live_article, staff):
    old = live_article.live_revision
    live_article.title = "Newer"
    live_article.save_revision(user=staff["editor"])
    before = state(live_article)
    client.force_login(staff["superuser"])
    url = reverse("wagtailadmin_pages:edit", args=[live_article.pk])
    response = client.post(url, {"action": "publish", "revision": old.pk, "title": old.content["title"]})
    assert "has no clinical sign-off" in messages_of(response)
    assert state(live_article) == before
    # In code: a revert is a new revision holding old content, and it has no sign-off.
    reverted = old.as_object().save_revision(user=staff["superuser"], previous_revision=old)
    with pytest.raises(ClinicalSignOffRequired):
        reverted.publish(user=staff["superuser"], previous_revision=old)


def test_create_and_publish_is_refused(client, guidance, staff):
    client.force_login(staff["superuser"])
    url = reverse("wagtailadmin_pages:add", args=["articles", "articlepage", guidance.pk])
    response = client.post(url, {"action": "publish", "title": "Straight to live", "slug": "straight-to-live"})
    assert "not published on creation" in messages_of(response)
    assert not guidance.get_children().filter(slug="straight-to-live").exists()


def test_bulk_publish_is_refused(client, draft, staff):
    before = state(draft)
    client.force_login(staff["superuser"])
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"]) + f"?id={draft.pk}"
    response = client.post(url, {"include_descendants": ""})
    assert response.status_code == 302
    assert "has no clinical sign-off" in messages_of(response)
    assert state(draft) == before


def test_publishing_in_code_is_refused_for_anyone(draft, staff):
    revision = draft.get_latest_revision()
    for user in (None, staff["superuser"]):
        with pytest.raises(ClinicalSignOffRequired, match="no clinical sign-off"):
            revision.publish(user=user, skip_permission_checks=True)
    assert not state(draft)[0]


def test_scheduled_publishing_publishes_signed_revisions_and_refuses_the_rest(draft, guidance, caplog):
    signed = ArticlePageFactory(parent=guidance, title="Signed and scheduled", publish=False)
    past = timezone.now() - datetime.timedelta(minutes=5)
    for page in (draft, signed):
        Revision.objects.filter(pk=page.get_latest_revision().pk).update(approved_go_live_at=past)
    record_sign_off_for_tests(signed.get_latest_revision())

    with caplog.at_level(logging.ERROR, logger="review.gate"):
        call_command("publish_scheduled")
    assert "no clinical sign-off" in caplog.text
    assert not state(draft)[0]
    assert state(signed)[0]


def test_scheduling_a_signed_off_revision_via_the_workflow(client, draft, staff):
    """Approval of a revision with a future go-live date schedules it; publish_scheduled then
    publishes it, because its sign-off is for that exact revision."""
    draft.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    draft.save_revision(user=staff["editor"])
    submit(draft, staff["editor"])
    approve_all(client, draft, staff)
    assert not state(draft)[0]
    # The hour passes.
    scheduled = Revision.objects.get(object_id=str(draft.pk), approved_go_live_at__isnull=False)
    past = timezone.now() - datetime.timedelta(seconds=1)
    scheduled.content["go_live_at"] = past.isoformat()
    scheduled.approved_go_live_at = past
    scheduled.save()
    call_command("publish_scheduled")
    assert state(draft)[0]


def test_translation_paths_never_publish(draft, staff):
    from wagtail.models import Locale
    from wagtail_localize.models import Translation, TranslationSource

    record_sign_off_for_tests(draft.get_latest_revision())
    draft.get_latest_revision().publish()
    source, _ = TranslationSource.update_or_create_from_instance(draft)
    translation = Translation.objects.create(source=source, target_locale=Locale.objects.get(language_code="fr"))
    translation.save_target(user=staff["superuser"], publish=True)
    french = draft.get_translation(Locale.objects.get(language_code="fr"))
    assert not french.live
    with pytest.raises(ClinicalSignOffRequired):
        french.get_latest_revision().publish(user=staff["superuser"])


def test_copy_kept_live_is_refused_in_the_admin_and_taken_down_in_code(client, live_article, guidance, staff):
    client.force_login(staff["superuser"])
    response = client.post(
        reverse("wagtailadmin_pages:copy", args=[live_article.pk]),
        {"new_title": "Copy", "new_slug": "copy", "new_parent_page": guidance.pk, "publish_copies": "on"},
    )
    assert "start as drafts" in messages_of(response)
    assert not guidance.get_children().filter(slug="copy").exists()

    copy = live_article.copy(update_attrs={"slug": "code-copy", "title": "Code copy"}, keep_live=True)
    copy.refresh_from_db()
    assert not copy.live


def test_the_pages_api_is_read_only(client, live_article):
    assert client.post("/api/v2/pages/", {"title": "x"}).status_code == 405


def test_a_signed_off_translation_publishes(client, draft, staff):
    spanish = spanish_translation(draft, staff["translator_es"])
    with pytest.raises(ClinicalSignOffRequired):
        spanish.get_latest_revision().publish()
    record_sign_off_for_tests(spanish.get_latest_revision())
    spanish.get_latest_revision().publish()
    assert state(spanish)[0]
