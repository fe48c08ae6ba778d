"""Editors import from the admin (they do not use a shell): the uploaded file becomes a draft,
never published, with the importer's report; a refused file gets its reason and changes
nothing; only people who may add articles under that guidance page can."""

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import Page, Revision

from articles.models import ArticleIndexPage, ArticlePage
from tests.factories import make_user

SAMPLE = Path(__file__).resolve().parents[2] / "articles" / "sample_content" / "trauma-bond-article.md"
URL = "/admin/articles/import/"


def upload(name, data: bytes):
    return SimpleUploadedFile(name, data, content_type="text/markdown")


def errors(response) -> str:
    page = BeautifulSoup(response.content, "html.parser")
    return " ".join(e.get_text(" ", strip=True) for e in page.select(".error-message, .w-field__errors"))


@pytest.fixture
def editor(client, guidance, clinic_numbers):
    client.force_login(make_user("editor", "Editors"))
    return client


def test_an_editor_uploads_the_sample_and_gets_a_draft_and_the_report(editor, guidance):
    form = BeautifulSoup(editor.get(URL).content, "html.parser")
    assert str(guidance.pk) in [o["value"] for o in form.select("select[name=parent] option")]
    response = editor.post(URL, {"file": upload("trauma-bond.md", SAMPLE.read_bytes()), "parent": guidance.pk})
    assert response.status_code == 200, errors(response)
    article = ArticlePage.objects.get(title="How to Heal After a Trauma Bond Relationship")
    assert not article.live and article.get_parent().pk == guidance.pk
    assert article.latest_revision.user.username == "editor"
    page = BeautifulSoup(response.content, "html.parser")
    assert "Created draft" in page.select_one("#import-result").text
    assert page.select(".import-report li")  # what the importer did, line by line
    assert page.find("a", href=f"/admin/pages/{article.pk}/edit/")
    # The same file again: the same draft, no new revision.
    revisions = Revision.objects.count()
    again = editor.post(URL, {"file": upload("trauma-bond.md", SAMPLE.read_bytes()), "parent": guidance.pk})
    assert "Unchanged" in BeautifulSoup(again.content, "html.parser").select_one("#import-result").text
    assert Revision.objects.count() == revisions


@pytest.mark.parametrize(
    "name, data, says",
    [
        ("empty.md", b"", "empty"),
        ("photo.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        ("latin1.md", "# Caf\u00e9\n\nText.".encode("latin-1"), "not UTF-8"),
        ("huge.md", b"# Title\n\n" + b"x" * 1_000_001, "at most 1,000,000"),
        ("report.docx", b"PK\x03\x04 not really a document", "is not a Word document"),
        ("report.pdf", b"%PDF-1.7", "only Markdown or plain text (.md, .txt), Word (.docx) and HTML"),
        ("page.html", b"<h1>T</h1><p>Summary.</p><script>steal()</script>", "contains a <script> element"),
        ("unclosed.md", b"# Title\n\nSummary.\n\n::: callout warning\nText\n", "Nothing imported"),
    ],
)
def test_a_refused_file_gets_its_reason_and_changes_nothing(editor, guidance, name, data, says):
    pages, revisions = Page.objects.count(), Revision.objects.count()
    response = editor.post(URL, {"file": upload(name, data), "parent": guidance.pk})
    assert response.status_code == 400
    assert says in errors(response)
    assert (Page.objects.count(), Revision.objects.count()) == (pages, revisions)


def test_people_who_may_not_add_articles_there_are_refused(client, guidance, clinic_numbers):
    pages = Page.objects.count()
    client.force_login(make_user("traductor", "Translators (es)"))
    # A Spanish translator may add to Spanish guidance only: not offered the page, and a crafted
    # post naming the English guidance is refused.
    assert client.get(URL).status_code in (302, 403)
    response = client.post(URL, {"file": upload("a.md", SAMPLE.read_bytes()), "parent": guidance.pk})
    assert response.status_code in (302, 400, 403)
    client.force_login(make_user("admissions", "Admissions"))
    assert client.get(URL).status_code in (302, 403)
    client.logout()
    assert client.get(URL).status_code == 302  # to the sign-in page
    assert Page.objects.count() == pages
    assert not ArticleIndexPage.objects.exclude(pk=guidance.pk).filter(locale__language_code="en-gb").exists()


def test_a_translator_is_offered_their_languages_guidance_only_and_a_crafted_post_is_refused(
    client, guidance, clinic_numbers
):
    from wagtail.models import Locale

    spanish = guidance.copy_for_translation(Locale.objects.get(language_code="es"), copy_parents=True)
    client.force_login(make_user("traductor", "Translators (es)"))
    form = BeautifulSoup(client.get(URL).content, "html.parser")
    assert [o["value"] for o in form.select("select[name=parent] option")] == [str(spanish.pk)]
    pages = Page.objects.count()
    response = client.post(URL, {"file": upload("a.md", SAMPLE.read_bytes()), "parent": guidance.pk})
    assert response.status_code == 400
    assert Page.objects.count() == pages
