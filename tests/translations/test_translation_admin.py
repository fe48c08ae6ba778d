"""Translators' side: wagtail-localize creates drafts, the PO round trip works, no translation
path publishes anything, and the admin shows which translations are out of date."""

import io

import polib
import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource

from articles.models import ArticlePage
from cms import catalogs
from tests.factories import ArticlePageFactory, publish_signed_off, record_sign_off_for_tests


def english_article():
    return ArticlePage.objects.get(locale__language_code="en-gb", slug="how-to-heal-after-a-trauma-bond-relationship")


def spanish_article():
    return ArticlePage.objects.get(locale__language_code="es")


def test_submitting_a_translation_creates_a_draft_not_a_live_page(admin_client, guidance):
    article = ArticlePageFactory(parent=guidance, title="Self-care after a trauma bond")
    fr = Locale.objects.get(language_code="fr")
    response = admin_client.post(
        reverse("wagtail_localize:submit_page_translation", args=[article.id]), {"locales": [fr.id]}
    )
    assert response.status_code == 302
    target = article.get_translation(fr)
    assert not target.live
    assert not Page.objects.filter(locale=fr, live=True, translation_key=article.translation_key).exists()


def test_an_editor_who_starts_a_translation_goes_back_to_the_source_page(client, admin_client, guidance):
    from tests.factories import make_user

    article = ArticlePageFactory(parent=guidance, title="Self-care after a trauma bond")
    es, fr = Locale.objects.get(language_code="es"), Locale.objects.get(language_code="fr")
    client.force_login(make_user("editor", "Editors"))
    submit = reverse("wagtail_localize:submit_page_translation", args=[article.id])
    response = client.post(submit, {"locales": [es.id]}, follow=True)
    assert response.redirect_chain == [(reverse("wagtailadmin_pages:edit", args=[article.id]), 302)]
    assert response.status_code == 200
    text = response.content.decode()
    assert "successfully submitted for translation into" in text
    assert "you do not have permission" not in text
    assert article.get_translation(es).live is False  # the Spanish draft is there for its translators

    # Someone who can edit the new page (here an administrator) goes on to its editor, as before.
    response = admin_client.post(submit, {"locales": [fr.id]})
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[article.get_translation(fr).id])


@pytest.mark.django_db
def test_po_round_trip_changes_the_pages_segments(admin_client, sample_content):
    fr_target = ArticlePage.objects.get(locale__language_code="fr")
    translation = Translation.objects.get(source__object_id=fr_target.translation_key, target_locale=fr_target.locale)
    download = admin_client.get(reverse("wagtail_localize:download_pofile", args=[translation.id]))
    assert download.status_code == 200
    po = polib.pofile(download.content.decode())
    entry = next(e for e in po if e.msgid == "Codependency")
    assert entry.msgstr == ""  # not yet translated in the sample draft
    entry.msgstr = "Codépendance"

    upload = io.BytesIO(str(po).encode())
    upload.name = "article-fr.po"
    edit_url = reverse("wagtailadmin_pages:edit", args=[fr_target.id])
    response = admin_client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.id]), {"file": upload, "next": edit_url}
    )
    assert response.status_code == 302
    translation.save_target(publish=False)  # what the editor's "Save draft" does

    fr_target.refresh_from_db()
    draft = fr_target.get_latest_revision_as_object()
    assert "Codépendance" in [child.value["heading"] for child in draft.body if child.block_type == "section_heading"]
    assert not fr_target.live


@pytest.mark.django_db
def test_publishing_from_the_translation_editor_is_refused(admin_client, sample_content):
    fr_target = ArticlePage.objects.get(locale__language_code="fr")
    revisions = fr_target.revisions.count()
    url = reverse("wagtailadmin_pages:edit", args=[fr_target.id])
    response = admin_client.post(url, {"action": "publish"}, follow=True)
    assert "Translations are not published from here" in response.content.decode()
    fr_target.refresh_from_db()
    assert not fr_target.live
    assert fr_target.revisions.count() == revisions


@pytest.mark.django_db
def test_sync_translated_pages_cannot_publish(admin_client, sample_content):
    source_page = english_article()
    source = TranslationSource.objects.get(object_id=source_page.translation_key)
    fr_target = ArticlePage.objects.get(locale__language_code="fr")
    live_es_revision = spanish_article().live_revision_id

    url = reverse("wagtail_localize:update_translations", args=[source.id])
    form = BeautifulSoup(admin_client.get(url).content, "html.parser")
    assert form.find("input", {"name": "publish_translations"}) is None
    assert "Translations are not published from here" in form.text
    admin_client.post(url, {"publish_translations": "on"})

    fr_target.refresh_from_db()
    assert not fr_target.live
    assert spanish_article().live_revision_id == live_es_revision


@pytest.mark.django_db
def test_the_model_level_guard_turns_any_publish_into_a_draft(sample_content):
    source = TranslationSource.objects.get(object_id=english_article().translation_key)
    fr = Locale.objects.get(language_code="fr")
    source.create_or_update_translation(fr, publish=True, fallback=True)
    assert not ArticlePage.objects.get(locale=fr).live


@pytest.mark.django_db
def test_numbers_dois_and_contact_purposes_are_not_strings_to_translate(sample_content):
    source = TranslationSource.objects.get(object_id=english_article().translation_key)
    strings = set(source.stringsegment_set.values_list("string__data", flat=True))
    for synchronised in ["10.1016/j.psyneuen.2013.06.019", "1883-94", "38", "admissions", "enquiries", "2013"]:
        assert synchronised not in strings
    assert "Codependency" in strings


def status_cells(admin_client):
    page = BeautifulSoup(admin_client.get(reverse("translation_status")).content, "html.parser")
    rows = {}
    for row in page.select("tbody tr"):
        title = row.find("td").text.strip()
        rows[title] = {cell["data-locale"]: cell["data-state"] for cell in row.select("td[data-locale]")}
    return rows


@pytest.mark.django_db
def test_translation_status_shows_up_to_date_out_of_date_draft_and_missing(admin_client, sample_content):
    title = "How to Heal After a Trauma Bond Relationship"
    guidance = english_article().get_parent()
    ArticlePageFactory(parent=guidance, title="Untranslated guidance")

    rows = status_cells(admin_client)
    assert rows[title] == {"es": "up_to_date", "fr": "draft", "ar": "up_to_date"}
    assert rows["Untranslated guidance"] == {"es": "missing", "fr": "missing", "ar": "missing"}

    # The source changes and is republished: its live translations are now out of date.
    source_page = english_article()
    source_page.summary = "An updated summary."
    publish_signed_off(source_page)
    assert status_cells(admin_client)[title] == {"es": "out_of_date", "fr": "draft", "ar": "out_of_date"}

    # Re-synced: each translation is regenerated from the new source as a draft. Readers still
    # see the old translation, so it stays out of date, with its update waiting in draft.
    source = TranslationSource.objects.get(object_id=source_page.translation_key)
    admin_client.post(reverse("wagtail_localize:update_translations", args=[source.id]), {})
    assert status_cells(admin_client)[title] == {"es": "out_of_date", "fr": "draft", "ar": "out_of_date"}
    page = BeautifulSoup(admin_client.get(reverse("translation_status")).content, "html.parser")
    assert "update saved as a draft" in page.find("td", {"data-locale": "es"}).text

    # The updated Spanish translation goes live: up to date again.
    spanish = spanish_article()
    record_sign_off_for_tests(spanish.get_latest_revision())
    spanish.get_latest_revision().publish()
    assert status_cells(admin_client)[title] == {"es": "up_to_date", "fr": "draft", "ar": "out_of_date"}


def test_translation_status_is_for_admin_users_only(client, db):
    response = client.get(reverse("translation_status"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_topic_form_has_one_input_per_language(admin_client, db):
    page = BeautifulSoup(admin_client.get(reverse("wagtailsnippets_articles_topic:add")).content, "html.parser")
    for code in ("en_gb", "es", "fr", "ar"):
        assert page.find(attrs={"name": f"name_{code}"}) is not None
        assert page.find(attrs={"name": f"description_{code}"}) is not None


def test_catalogs_are_complete_and_compile(settings):
    assert catalogs.check() == []
    written = catalogs.compile_all()
    assert {path.parent.parent.name for path in written} == {"es", "fr", "ar"}
    from django.utils import translation

    with translation.override("fr"):
        assert translation.gettext("Contents") == "Sommaire"


def test_catalog_check_reports_a_stale_catalog(monkeypatch, tmp_path):
    """A marked string missing from a catalog is reported (CI fails on it)."""
    source = tmp_path / "cms" / "stale.html"
    source.parent.mkdir()
    source.write_text('{% load i18n %}{% translate "A sentence nobody has translated" %}')
    monkeypatch.setattr(catalogs, "ROOT", tmp_path)
    monkeypatch.setattr(catalogs, "SOURCE_DIRS", ["cms"])
    monkeypatch.setattr(
        catalogs,
        "catalog_path",
        lambda code: catalogs.settings.BASE_DIR / "locale" / code / "LC_MESSAGES" / "django.po",
    )
    problems = catalogs.check()
    assert {(p.code, p.kind, p.message) for p in problems} >= {
        ("es", "missing", "A sentence nobody has translated"),
        ("ar", "missing", "A sentence nobody has translated"),
    }
