"""An import never overwrites another article's draft, and every heading gets its own anchor,
Unicode kept (issue: two Arabic titles both slugified to "article" and the second import
silently replaced the first draft; "## Do" three times made a draft the admin could not save)."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from wagtail.models import Locale

from articles.models import ArticlePage
from tests.factories import ArticleIndexPageFactory, make_user
from tests.helpers.edit_form import assert_saves_unchanged_in_the_admin

pytestmark = pytest.mark.django_db


def run_import(path, **options):
    from io import StringIO

    out = StringIO()
    call_command("import_article", str(path), stdout=out, **options)
    return out.getvalue()


ARABIC = {
    "first.md": "# التعافي بعد الرابطة الصادمة\n\nملخص المقال الأول.\n\n## ما هي الرابطة الصادمة\n\nنص أول.\n",
    "second.md": "# النوم بعد الصدمة\n\nملخص المقال الثاني.\n\n## لماذا لا أنام\n\nنص ثان.\n",
}


@pytest.fixture
def arabic_guidance(home):
    ar = Locale.objects.get(language_code="ar")
    arabic_home = home.copy_for_translation(ar)
    arabic_home.save_revision().publish()
    return ArticleIndexPageFactory(parent=arabic_home, locale=ar, slug="guidance-ar")


def test_two_arabic_articles_import_as_two_drafts_with_arabic_slugs(arabic_guidance, tmp_path):
    for name, text in ARABIC.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert "Created draft" in run_import(tmp_path / "first.md", locale="ar")
    assert "Created draft" in run_import(tmp_path / "second.md", locale="ar")
    pages = ArticlePage.objects.filter(locale__language_code="ar").order_by("pk")
    assert [p.title for p in pages] == ["التعافي بعد الرابطة الصادمة", "النوم بعد الصدمة"]
    assert [p.slug for p in pages] == ["التعافي-بعد-الرابطة-الصادمة", "النوم-بعد-الصدمة"]
    assert "نص أول" in str(pages[0].get_latest_revision_as_object().body.raw_data)


def test_a_different_article_whose_title_makes_the_same_slug_gets_its_own_draft(guidance, tmp_path):
    first, second = tmp_path / "first.md", tmp_path / "second.md"
    first.write_text("# Sleep!\n\nThe first summary.\n\nFirst text.\n")
    second.write_text("# Sleep?\n\nThe second summary.\n\nSecond text.\n")
    run_import(first)
    output = run_import(second)
    assert "Created draft" in output and "sleep-2" in output
    drafts = {p.slug: p.get_latest_revision_as_object() for p in ArticlePage.objects.all()}
    assert drafts["sleep"].summary == "The first summary."
    assert drafts["sleep-2"].summary == "The second summary."

    # The same article imported again still updates its own draft.
    first.write_text("# Sleep!\n\nThe first summary, edited.\n\nFirst text.\n")
    assert "Updated draft" in run_import(first)
    assert ArticlePage.objects.get(slug="sleep").get_latest_revision_as_object().summary.endswith("edited.")
    assert ArticlePage.objects.count() == 2


REPEATED = """# Looking after yourself

What helps, and what does not.

## Tips

Rest.

## Getting help

Ask your GP.

## Tips

Eat regularly.

## Tips

Ask for help.
"""


def test_repeated_headings_get_unique_anchors_and_the_draft_saves_unchanged_in_the_admin(guidance, tmp_path, client):
    path = tmp_path / "repeated.md"
    path.write_text(REPEATED)
    run_import(path)
    page = ArticlePage.objects.get()
    draft = page.get_latest_revision_as_object()
    anchors = [child.value.anchor_id for child in draft.body if child.block_type == "section_heading"]
    assert len(anchors) == len(set(anchors)) == 4
    assert anchors[0] == "tips" and anchors[2] == "tips-2" and anchors[3] == "tips-3"

    assert_saves_unchanged_in_the_admin(client, page, make_user("editor", "Editors"))


def test_arabic_headings_get_arabic_anchors():
    from articles.blocks.text import SectionHeadingBlock

    block = SectionHeadingBlock()
    value = block.to_python({"heading": "ما هي الرابطة الصادمة", "anchor": ""})
    assert value.anchor_id == "ما-هي-الرابطة-الصادمة"


def test_a_body_with_two_sections_of_the_same_anchor_is_refused_on_every_save_path(guidance):
    """Not only the admin form: a revision saved in code (the importer, a script) and a
    publication (the emergency path publishes the latest revision) refuse it too."""
    from tests.factories import ArticlePageFactory

    page = ArticlePageFactory(parent=guidance, publish=False)
    draft = page.get_latest_revision_as_object()
    heading = ("section_heading", {"heading": "Do", "anchor": ""})
    draft.body = [heading, ("paragraph", "<p>One</p>"), heading, ("paragraph", "<p>Two</p>")]
    with pytest.raises(ValidationError, match="link name"):
        draft.save_revision()
    # A revision written without validation (as a script could) cannot be published either,
    # signed off or not: a publication validates the page it makes live.
    from tests.factories import record_sign_off_for_tests

    revision = draft.save_revision(clean=False)
    record_sign_off_for_tests(revision)
    with pytest.raises(ValidationError, match="link name"):
        revision.publish()
    page.refresh_from_db()
    assert not page.live
