"""A signed-off change to a source article sends each translation back to clinical review,
and readers of the translation are told the original changed, until it is signed off again."""

from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.models import PageLogEntry

from review.models import OutdatedTranslation
from tests.factories import record_sign_off_for_tests
from tests.review.conftest import approve_all, spanish_translation, submit


def test_source_sign_off_sends_translations_back_to_review(client, draft, staff):
    # English signed off and live; Spanish translated, signed off by a Spanish reviewer, live.
    submit(draft, staff["editor"])
    approve_all(client, draft, staff)
    spanish = spanish_translation(draft, staff["translator_es"])
    record_sign_off_for_tests(spanish.get_latest_revision(), reviewer_name="Dra. Lucía Gómez")
    spanish.get_latest_revision().publish()
    spanish.refresh_from_db()
    spanish_live = spanish.live_revision_id
    assert not OutdatedTranslation.objects.exists()

    # The English source changes and is signed off again.
    draft.refresh_from_db()
    draft.summary = "Updated after new evidence."
    draft.save_revision(user=staff["editor"])
    submit(draft, staff["editor"])
    approve_all(client, draft, staff)

    spanish.refresh_from_db()
    assert spanish.live_revision_id == spanish_live  # readers keep the signed-off translation
    outdated = OutdatedTranslation.objects.get(page=spanish)
    assert outdated.source_page_id == draft.pk
    assert spanish.workflow_in_progress
    assert PageLogEntry.objects.filter(page=spanish, action="review.source_updated").exists()

    client.logout()
    html = BeautifulSoup(client.get(spanish.url).content, "html.parser")
    notice = html.select_one(".notice--source-updated")
    assert notice is not None
    assert notice.a["href"] == draft.url
    today = timezone.localdate()
    assert str(today.year) in notice.text and notice.find("a")["hreflang"] == "en-gb"
    # The Spanish reader still gets the Spanish sign-off, not the English one.
    assert "Dra. Lucía Gómez" in html.select_one(".review-dates").text

    # A Spanish reviewer re-approves the translation: the notice goes.
    record_sign_off_for_tests(spanish.get_latest_revision())
    spanish.get_latest_revision().publish()
    assert not OutdatedTranslation.objects.exists()
    html = BeautifulSoup(client.get(spanish.url).content, "html.parser")
    assert html.select_one(".notice--source-updated") is None


def test_translation_sign_off_does_not_touch_the_source(client, draft, staff):
    submit(draft, staff["editor"])
    approve_all(client, draft, staff)
    spanish = spanish_translation(draft, staff["translator_es"])
    record_sign_off_for_tests(spanish.get_latest_revision())
    spanish.get_latest_revision().publish()
    draft.refresh_from_db()
    assert not draft.workflow_in_progress and not OutdatedTranslation.objects.filter(page=draft).exists()
