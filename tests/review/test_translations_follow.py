"""A signed-off change to a source article sends each translation back to clinical review,
and readers of the translation are told the original changed, until it is signed off again."""

from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.models import PageLogEntry

from review.models import OutdatedTranslation
from tests.factories import record_sign_off_for_tests
from tests.helpers.review import approve_all, spanish_translation, submit


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


def _localized(draft, staff):
    """An English article sent for translation into Spanish through wagtail-localize."""
    from wagtail.models import Locale
    from wagtail_localize.models import StringTranslation, Translation, TranslationSource

    record_sign_off_for_tests(draft.get_latest_revision())
    draft.get_latest_revision().publish()
    es = Locale.objects.get(language_code="es")
    for page in (draft.get_parent().specific, draft):
        source, _ = TranslationSource.update_or_create_from_instance(page)
        translation = Translation.objects.create(source=source, target_locale=es)
        translation.save_target(user=staff["editor"], publish=False)
    title = source.stringsegment_set.get(string__data="Grounding techniques")
    StringTranslation.objects.create(
        translation_of=title.string, locale=es, context=title.context, data="Técnicas de enraizamiento"
    )
    return draft.get_translation(es), translation


def test_translator_submits_their_translation_for_clinical_review(client, draft, staff):
    from django.urls import reverse

    from tests.helpers.review import refused

    spanish, _ = _localized(draft, staff)
    url = reverse("review_submit_translation", args=[spanish.pk])
    client.force_login(staff["translator_es"])
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    spanish.refresh_from_db()
    assert spanish.get_latest_revision().user == staff["translator_es"]
    assert spanish.get_latest_revision_as_object().title == "Técnicas de enraizamiento"
    assert spanish.workflow_in_progress and not spanish.live

    # Someone who cannot edit the Spanish tree cannot submit it; a source page is not a translation.
    client.force_login(staff["editor"])
    assert refused(client.post(url))
    client.force_login(staff["translator_es"])
    assert client.get(reverse("review_submit_translation", args=[draft.pk])).status_code == 404
