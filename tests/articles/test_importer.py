"""The importer: raw and Markdown articles into blocks; drafts only; broken files change nothing."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page, Revision

from articles.importer import ArticleFormatError, parse_article, read_article_file
from articles.models import ArticlePage

SAMPLES = Path(__file__).resolve().parents[2] / "articles" / "sample_content"
RAW = SAMPLES / "trauma-bond-article.txt"
MARKDOWN = SAMPLES / "trauma-bond-article.md"
CLINIC_NUMBERS = {"+442071931128": "admissions", "+442039847699": "enquiries"}


def run_import(path, **options):
    from io import StringIO

    out = StringIO()
    call_command("import_article", str(path), stdout=out, **options)
    return out.getvalue()


def database_state():
    return (Page.objects.count(), Revision.objects.count(), list(Page.objects.values_list("id", "title", "live")))


def test_raw_sample_maps_to_the_expected_blocks():
    parsed = parse_article(RAW.read_text(), known_numbers=CLINIC_NUMBERS)
    assert parsed.title == "How to Heal After a Trauma Bond Relationship"
    assert parsed.summary.startswith("Finding yourself in an unhealthy relationship")
    assert parsed.block_counts() == {
        "contact_cta": 2,
        "paragraph": 19,
        "bullet_list": 3,
        "definition_list": 2,
        "reference": 1,
    }
    # Headings were lost in the raw text: none are invented.
    assert "section_heading" not in parsed.block_counts()

    first_type, first = parsed.body[0]
    assert first_type == "contact_cta"
    assert first == {
        "purpose": "admissions",
        "heading": "Start the Admissions Process Online",
        "text": "Fill out your information to receive a free, confidential call from the team at All Points North.",
    }
    lists = [value for kind, value in parsed.body if kind == "bullet_list"]
    assert lists[0]["intro"] == "A loving relationship includes:"
    assert lists[0]["items"][0] == "<p>Physical and emotional safety</p>"
    barriers = next(value for kind, value in parsed.body if kind == "definition_list")
    assert [item["term"] for item in barriers["items"]] == [
        "Psychological Conditioning",
        "Cognitive Dissonance",
        "Fear of Abandonment",
        "Guilt and Shame",
        "Learned Helplessness",
    ]
    assert parsed.references == [
        {
            "authors": "Olff, Miranda et al",
            "title": "The role of oxytocin in social bonding, stress regulation and mental health: an update on "
            "the moderating effects of context and interindividual differences",
            "journal": "Psychoneuroendocrinology",
            "volume": "38",
            "issue": "9",
            "year": 2013,
            "pages": "1883-94",
            "doi": "10.1016/j.psyneuen.2013.06.019",
            "pmid": "",
        }
    ]


def test_phone_numbers_in_the_text_become_contact_blocks_and_never_stay_in_the_text():
    parsed = parse_article(RAW.read_text(), known_numbers=CLINIC_NUMBERS)
    assert [(n.text, n.e164, n.purpose) for n in parsed.phone_numbers] == [
        ("0207 193 1128", "+442071931128", "admissions"),
        ("0203 984 7699", "+442039847699", "enquiries"),
    ]
    body_text = str(parsed.body)
    assert "193 1128" not in body_text and "984 7699" not in body_text
    closing = [value for kind, value in parsed.body if kind == "paragraph"][-1]
    assert "Contact us or complete the online contact form" in closing
    assert parsed.body[-1] == ("contact_cta", {"purpose": "enquiries", "heading": "Contact us", "text": ""})
    assert any("phone number “0203 984 7699”" in line for line in parsed.report)


def test_unknown_number_is_flagged_in_the_report():
    parsed = parse_article("# Title\n\nSummary.\n\nCall 020 7946 0000 today.\n", known_numbers={})
    assert "NOT in the contact records" in " ".join(parsed.report)
    assert parsed.body[-1][0] == "contact_cta"


def test_markdown_sample_restores_sections_and_richer_blocks():
    parsed = parse_article(MARKDOWN.read_text(), known_numbers=CLINIC_NUMBERS)
    headings = [value["heading"] for kind, value in parsed.body if kind == "section_heading"]
    assert headings[:2] == ["What is a trauma bond?", "Love or a trauma bond?"]
    assert "References" not in headings  # the reference goes to the page's reference list
    counts = parsed.block_counts()
    assert counts["comparison"] == 1 and counts["therapy_card"] == 2 and counts["callout"] == 1
    assert counts["self_care_checklist"] == 1 and counts["definition_list"] == 2
    callout = next(value for kind, value in parsed.body if kind == "callout")
    assert callout["kind"] == "warning" and "controlled substance" in callout["text"]


@pytest.mark.django_db
def test_command_creates_a_draft_and_a_second_run_changes_nothing(guidance, clinic_numbers):
    output = run_import(RAW, locale="en-gb")
    assert "Created draft" in output and "definition list" in output
    page = ArticlePage.objects.get(locale__language_code="en-gb")
    assert not page.live and page.get_parent().id == guidance.id
    state = database_state()

    output = run_import(RAW, locale="en-gb")
    assert "Unchanged" in output
    assert database_state() == state


@pytest.mark.django_db
def test_reimport_of_an_edited_file_updates_the_same_draft(guidance, clinic_numbers, tmp_path):
    run_import(RAW)
    page = ArticlePage.objects.get(locale__language_code="en-gb")
    revisions = page.revisions.count()

    edited = tmp_path / "edited.txt"
    edited.write_text(RAW.read_text().replace("Trust\n", "Trust and kindness\n"))
    assert "Updated draft" in run_import(edited)

    assert ArticlePage.objects.count() == 1
    page.refresh_from_db()
    assert page.revisions.count() == revisions + 1
    assert not page.live
    assert "Trust and kindness" in str(page.get_latest_revision_as_object().body.raw_data)


@pytest.mark.django_db
def test_import_over_a_live_article_leaves_the_live_version_alone(sample_content, client):
    page = ArticlePage.objects.get(locale__language_code="en-gb")
    live_revision = page.live_revision_id
    before = client.get(page.url).content

    run_import(RAW)  # same title, so the same page: its headings-free draft

    page.refresh_from_db()
    assert page.live_revision_id == live_revision
    assert page.has_unpublished_changes
    assert client.get(page.url).content == before


@pytest.mark.parametrize(
    "content,message",
    [
        (None, "File not found"),
        (b"", "is empty"),
        (b"   \n\n  ", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        ("Título\n\nTexto.".encode("latin-1"), "not UTF-8"),
        (b"# Title\n\nSummary.\n\n::: callout warning\nNever closed.\n", "never closed"),
        (b"# Title\n\nSummary.\n\n::: sparkle\nText.\n:::\n", "unknown block"),
        (b"# Title\n\nSummary.\n\n- Someone. Not a citation at all doi:10.1000/xyz\n", "cannot be read as"),
        (b"# Title only\n", "no text"),
        (b"# Title\n\n# Another title\n\nText.\n", "second"),
    ],
)
@pytest.mark.django_db
def test_broken_files_get_a_clear_error_and_change_nothing(guidance, tmp_path, content, message):
    path = tmp_path / "article.txt"
    if content is not None:
        path.write_bytes(content)
    state = database_state()
    with pytest.raises(CommandError) as error:
        run_import(path)
    assert message in str(error.value)
    assert str(error.value).startswith("Nothing imported")
    assert database_state() == state


@pytest.mark.django_db
def test_unknown_locale_and_wrong_parent_are_refused(guidance, home):
    with pytest.raises(CommandError, match="Unknown locale “xx”. Known locales: ar, en-gb, es, fr."):
        run_import(RAW, locale="xx")
    with pytest.raises(CommandError, match="articles go under an article index page"):
        run_import(RAW, parent=str(home.id))
    assert not ArticlePage.objects.exists()


def test_directory_is_not_a_file(tmp_path):
    with pytest.raises(ArticleFormatError, match="Not a file"):
        read_article_file(tmp_path)
