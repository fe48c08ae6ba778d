"""Markdown, Word and HTML through one mapping: the same article in each format imports to the
same blocks, with bold, italic and links kept (never their syntax), health writers' structures
recognised without directives, and an imported draft that the admin saves unchanged. Bad files
get a clear message and change nothing. The fixtures are written here: the Word file with
python-docx, the HTML in the shape of a health-content API's page fragments."""

import io
import zipfile
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from wagtail.models import Page, Revision

from articles.importer import ArticleFormatError, import_file, parse_article
from articles.models import ArticlePage
from tests.factories import make_user
from tests.helpers.edit_form import assert_saves_unchanged_in_the_admin

BASE = "https://www.nhs.uk/conditions/insomnia/"
GUIDE = "https://example.org/guide_(2024).pdf"

MARKDOWN = f"""# Insomnia

How to sleep better when worry keeps you awake.

## Causes

Worry, **caffeine** and *screens* keep you awake.
See [sleep advice](https://www.nhs.uk/live-well/sleep/) & [the guide (PDF)]({GUIDE}).

Talk to [mental health services](/mental-health/) or email [the clinic](mailto:help@clinic.test).

Important: see a GP if poor sleep lasts **more than 3 months**.

### Do

- go to bed at the same time
- keep your room dark & quiet

### Don't

- drink tea or coffee late
- watch screens in bed

## Steps to wind down

1. Stop screens an hour before bed
2. Write worries down
3. Breathe slowly

## Words you may hear

- Insomnia: trouble falling or staying asleep
- Sleep hygiene: habits that help you *sleep*

## References

- Riemann, Dieter et al “European guideline for the diagnosis and treatment of insomnia.”
  J Sleep Res vol. 26,6 (2017): 675-700. doi:10.1111/jsr.12594
"""

# A health-content API serves a page as section fragments; wrappers and classes are its own.
HTML = f"""<article>
<h1>Insomnia</h1>
<section class="nhsuk-section">
  <p>How to sleep better when worry keeps you awake.</p>
</section>
<section>
  <h2>Causes</h2>
  <p>Worry, <strong>caffeine</strong> and <em>screens</em> keep you awake. See
     <a href="https://www.nhs.uk/live-well/sleep/">sleep advice</a> &amp; <a href="{GUIDE}">the guide (PDF)</a>.</p>
  <p>Talk to <a href="/mental-health/">mental health services</a> or email
     <a href="mailto:help@clinic.test">the clinic</a>.</p>
  <p><strong>Important:</strong> see a GP if poor sleep lasts <strong>more than 3 months</strong>.</p>
  <div class="nhsuk-do-dont-list">
    <h3>Do</h3>
    <ul><li>go to bed at the same time</li><li>keep your room dark &amp; quiet</li></ul>
    <h3>Don’t</h3>
    <ul><li><p>drink tea or coffee late</p></li><li>watch screens in bed</li></ul>
  </div>
</section>
<section>
  <h2>Steps to wind down</h2>
  <ol><li>Stop screens an hour before bed</li><li>Write worries down</li><li>Breathe slowly</li></ol>
  <h2>Words you may hear</h2>
  <ul><li>Insomnia: trouble falling or staying asleep</li>
      <li>Sleep hygiene: habits that help you <em>sleep</em></li></ul>
  <h2>References</h2>
  <ul><li>Riemann, Dieter et al “European guideline for the diagnosis and treatment of insomnia.”
    J Sleep Res vol. 26,6 (2017): 675-700. doi:10.1111/jsr.12594</li></ul>
</section>
<!-- page footer -->
<img src="/sleep.jpg" alt="">
</article>
"""


def _hyperlink(paragraph, url: str, text: str) -> None:
    """python-docx writes hyperlinks only through its XML: a w:hyperlink with an external
    relationship, as Word saves one."""
    relationship = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), relationship)
    run = OxmlElement("w:r")
    words = OxmlElement("w:t")
    words.text = text
    words.set(qn("xml:space"), "preserve")
    run.append(words)
    link.append(run)
    paragraph._p.append(link)


def word_document() -> bytes:
    document = Document()
    document.add_heading("Insomnia", 0)  # Word's Title style
    document.add_paragraph("How to sleep better when worry keeps you awake.")
    document.add_heading("Causes", 1)
    paragraph = document.add_paragraph("Worry, ")
    paragraph.add_run("caffeine").bold = True
    paragraph.add_run(" and ")
    paragraph.add_run("screens").italic = True
    paragraph.add_run(" keep you awake. See ")
    _hyperlink(paragraph, "https://www.nhs.uk/live-well/sleep/", "sleep advice")
    paragraph.add_run(" & ")
    _hyperlink(paragraph, GUIDE, "the guide (PDF)")
    paragraph.add_run(".")
    paragraph = document.add_paragraph("Talk to ")
    _hyperlink(paragraph, "/mental-health/", "mental health services")
    paragraph.add_run(" or email ")
    _hyperlink(paragraph, "mailto:help@clinic.test", "the clinic")
    paragraph.add_run(".")
    paragraph = document.add_paragraph()
    paragraph.add_run("Important:").bold = True
    paragraph.add_run(" see a GP if poor sleep lasts ")
    paragraph.add_run("more than 3 months").bold = True
    paragraph.add_run(".")
    document.add_heading("Do", 2)
    document.add_paragraph("go to bed at the same time", style="List Bullet")
    document.add_paragraph("keep your room dark & quiet", style="List Bullet")
    document.add_heading("Don't", 2)
    document.add_paragraph("drink tea or coffee late", style="List Bullet")
    document.add_paragraph("watch screens in bed", style="List Bullet")
    document.add_heading("Steps to wind down", 1)
    for step in ("Stop screens an hour before bed", "Write worries down", "Breathe slowly"):
        document.add_paragraph(step, style="List Number")
    document.add_heading("Words you may hear", 1)
    document.add_paragraph("Insomnia: trouble falling or staying asleep", style="List Bullet")
    paragraph = document.add_paragraph("Sleep hygiene: habits that help you ", style="List Bullet")
    paragraph.add_run("sleep").italic = True
    document.add_heading("References", 1)
    document.add_paragraph(
        "Riemann, Dieter et al “European guideline for the diagnosis and treatment of insomnia.” "
        "J Sleep Res vol. 26,6 (2017): 675-700. doi:10.1111/jsr.12594",
        style="List Bullet",
    )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def formats():
    return {
        "insomnia.md": MARKDOWN.encode(),
        "insomnia.html": HTML.encode(),
        "insomnia.docx": word_document(),
    }


EXPECTED_BODY = [
    ("section_heading", {"heading": "Causes", "anchor": ""}),
    (
        "paragraph",
        '<p>Worry, <b>caffeine</b> and <i>screens</i> keep you awake. See <a href="https://www.nhs.uk/live-well/sleep/">'
        f'sleep advice</a> &amp; <a href="{GUIDE}">the guide (PDF)</a>.</p>',
    ),
    (
        "paragraph",
        '<p>Talk to <a href="https://www.nhs.uk/mental-health/">mental health services</a> or email '
        '<a href="mailto:help@clinic.test">the clinic</a>.</p>',
    ),
    (
        "callout",
        {
            "kind": "information",
            "heading": "Important",
            "text": "<p>See a GP if poor sleep lasts <b>more than 3 months</b>.</p>",
        },
    ),
    (
        "do_dont",
        {
            "do_items": ["<p>go to bed at the same time</p>", "<p>keep your room dark &amp; quiet</p>"],
            "dont_items": ["<p>drink tea or coffee late</p>", "<p>watch screens in bed</p>"],
        },
    ),
    ("section_heading", {"heading": "Steps to wind down", "anchor": ""}),
    (
        "bullet_list",
        {
            "intro": "",
            "items": ["<p>Stop screens an hour before bed</p>", "<p>Write worries down</p>", "<p>Breathe slowly</p>"],
            "numbered": True,
        },
    ),
    ("section_heading", {"heading": "Words you may hear", "anchor": ""}),
    (
        "definition_list",
        {
            "intro": "",
            "items": [
                {"term": "Insomnia", "explanation": "<p>trouble falling or staying asleep</p>"},
                {"term": "Sleep hygiene", "explanation": "<p>habits that help you <i>sleep</i></p>"},
            ],
        },
    ),
]


@pytest.mark.parametrize("name", ["insomnia.md", "insomnia.html", "insomnia.docx"])
def test_each_format_imports_to_the_same_blocks(name):
    parsed = import_file(name, formats()[name], base_url=BASE)
    assert parsed.title == "Insomnia"
    assert parsed.summary == "How to sleep better when worry keeps you awake."
    assert parsed.body == EXPECTED_BODY
    assert [(r["doi"], r["year"], r["pages"]) for r in parsed.references] == [("10.1111/jsr.12594", 2017, "675-700")]
    shown = str(parsed.body)
    for syntax in ("**", "](", "[the", "&amp;amp;", "<strong>", "<em>"):
        assert syntax not in shown
    unit = "paragraph" if name.endswith(".docx") else "line"
    assert any(line.startswith(f"{unit} ") and "do and don't" in line for line in parsed.report)


def test_relative_links_without_a_base_address_keep_their_words_and_say_so():
    parsed = import_file("insomnia.md", MARKDOWN.encode())
    talk = parsed.body[2][1]
    assert talk.startswith("<p>Talk to mental health services or email <a href=")
    assert any("relative link “/mental-health/” kept as text" in line for line in parsed.report)


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["insomnia.md", "insomnia.html", "insomnia.docx"])
def test_the_imported_draft_saves_unchanged_through_the_admin_and_shows_its_blocks(guidance, tmp_path, client, name):
    path = tmp_path / name
    path.write_bytes(formats()[name])
    out = StringIO()
    call_command("import_article", str(path), "--base-url", BASE, stdout=out)
    assert "Created draft" in out.getvalue()
    page = ArticlePage.objects.get()
    assert_saves_unchanged_in_the_admin(client, page, make_user("editor", "Editors"))

    # What an editor previews: the formatting and the structures, none of the source syntax.
    preview = client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk])).content.decode()
    assert "<b>caffeine</b>" in preview and f'href="{GUIDE}"' in preview
    assert '<ol class="numbered-list">' in preview and "Breathe slowly" in preview
    assert "keep your room dark &amp; quiet" in preview  # one escape in HTML: "&" on screen
    assert "**" not in preview and "](" not in preview


def test_health_writers_structures_in_other_languages():
    spanish = parse_article(
        "# Dormir mejor\n\nConsejos.\n\n## Qué hacer\n\n- acostarse a la misma hora\n\n"
        "## Qué no hacer\n\n- tomar café por la tarde\n\nAdvertencia: no conduzca si tiene mucho sueño.\n"
    )
    assert spanish.body[0] == (
        "do_dont",
        {"do_items": ["<p>acostarse a la misma hora</p>"], "dont_items": ["<p>tomar café por la tarde</p>"]},
    )
    assert spanish.body[1] == (
        "callout",
        {"kind": "warning", "heading": "Advertencia", "text": "<p>No conduzca si tiene mucho sueño.</p>"},
    )
    french = parse_article("# Sommeil\n\nConseils.\n\n**Attention :** l'alcool perturbe le sommeil.\n")
    assert french.body[0][0] == "callout" and french.body[0][1]["kind"] == "warning"
    assert french.body[0][1]["text"] == "<p>L'alcool perturbe le sommeil.</p>"
    arabic = parse_article("# النوم\n\nنصائح.\n\n## افعل\n\n- نم مبكرا\n\n## لا تفعل\n\n- لا تشرب القهوة\n")
    assert arabic.body == [("do_dont", {"do_items": ["<p>نم مبكرا</p>"], "dont_items": ["<p>لا تشرب القهوة</p>"]})]


def test_one_side_of_do_and_dont_alone_stays_as_written():
    parsed = parse_article("# Sleep\n\nTips.\n\n## Do\n\n- rest\n\n## Later\n\nText.\n")
    assert [kind for kind, _ in parsed.body] == ["section_heading", "bullet_list", "section_heading", "paragraph"]


def test_a_pubmed_line_becomes_a_reference_with_its_link():
    parsed = parse_article(
        "# Sleep\n\nTips.\n\nText.\n\n- Smith, Jane “Sleep and mood.” Sleep Med (2019): 1-9. PMID: 30712345\n"
    )
    assert parsed.references[0]["pmid"] == "30712345" and parsed.references[0]["doi"] == ""


def test_bold_and_links_in_list_items_are_kept():
    parsed = parse_article("# Sleep\n\nTips.\n\n- **Rest** and see [advice](https://www.nhs.uk/) today\n- Eat\n")
    items = ['<p><b>Rest</b> and see <a href="https://www.nhs.uk/">advice</a> today</p>', "<p>Eat</p>"]
    assert parsed.body[0] == ("bullet_list", {"intro": "", "items": items, "numbered": False})


def zip_of(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    "name,data,says",
    [
        ("empty.docx", b"", "is empty"),
        ("photos.docx", zip_of({"photo1.jpg": b"\xff\xd8\xff", "notes.txt": b"hello"}), "is not a Word document"),
        ("sheet.docx", zip_of({"xl/workbook.xml": b"<workbook/>"}), "is not a Word document"),
        ("binary.docx", b"\x89PNG\r\n\x1a\n\x00\x00", "is not a Word document"),
        ("huge.docx", b"PK" + b"\x00" * 5_000_001, "Word files are at most 5,000,000"),
        ("page.html", b"<h1>Sleep</h1><p>Tips.</p><script>document.cookie</script>", "contains a <script> element"),
        ("page.html", b"<h1>Sleep</h1><p onclick='steal()'>Tips.</p>", "runs a script (onclick)"),
        ("page.html", b'<h1>Sleep</h1><p>Tips. <a href="javascript:steal()">x</a></p>', "runs a script"),
        ("page.html", b"<h1>Sleep</h1><iframe src='https://x.test'></iframe><p>Tips.</p>", "contains a <iframe>"),
        ("page.html", b"   ", "is empty"),
        ("notes.md", b"# Sleep\n\nTips.\n\n<script>alert(1)</script>\n", "contains a <script> element"),
        ("page.htm", b"<p>no title, no text</p>", "no text"),
    ],
)
@pytest.mark.django_db
def test_bad_files_get_a_clear_message_and_change_nothing(guidance, tmp_path, name, data, says):
    path = tmp_path / name
    path.write_bytes(data)
    state = (Page.objects.count(), Revision.objects.count())
    with pytest.raises(CommandError) as error:
        call_command("import_article", str(path), stdout=StringIO())
    assert str(error.value).startswith("Nothing imported") and says in str(error.value)
    assert (Page.objects.count(), Revision.objects.count()) == state


def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    bomb = zip_of({"word/document.xml": b"<" + b"a" * 60_000_000})
    assert len(bomb) < 5_000_000
    with pytest.raises(ArticleFormatError, match="unpacks to more than"):
        import_file("bomb.docx", bomb)


def test_a_small_word_file_of_very_many_paragraphs_is_refused_before_they_are_read():
    """A few KB that unpack to thousands of empty paragraphs cost a minute of CPU each (python-docx
    looked up each paragraph's style among all styles): refused by count, with a message."""
    document = Document()
    document.add_heading("Many paragraphs", level=0)
    plain = io.BytesIO()
    document.save(plain)
    with zipfile.ZipFile(io.BytesIO(plain.getvalue())) as archive:
        files = {info.filename: archive.read(info.filename) for info in archive.infolist()}
    files["word/document.xml"] = files["word/document.xml"].replace(b"<w:sectPr", b"<w:p/>" * 6_000 + b"<w:sectPr", 1)
    bomb = zip_of(files)
    assert len(bomb) < 50_000  # python-docx's template itself is 36 KB
    with pytest.raises(ArticleFormatError, match=r"6,001 paragraphs; an article has at most 5,000"):
        import_file("many.docx", bomb)


def test_table_cells_keep_their_formatting_and_their_numbers_go_to_contact_blocks():
    html = (
        "<h1>Where to get help</h1><p>Lines that answer.</p>"
        "<table><tr><th>Line</th><th>Hours</th><th>For</th></tr>"
        "<tr><td><b>Samaritans</b></td><td>24 hours</td><td>call 020 7193 1128</td></tr></table>"
        "<table><tr><td>GP</td><td>see <a href='https://www.nhs.uk/'>the NHS</a></td></tr>"
        "<tr><td>111</td><td><i>urgent</i> advice</td></tr></table>"
    )
    parsed = import_file("help.html", html.encode(), known_numbers={"+442071931128": "admissions"})
    rows, contact, definitions = parsed.body  # the contact block follows the table its number was in
    assert rows == (
        "bullet_list",
        {"intro": "Line – Hours – For", "items": ["<p><b>Samaritans</b> – 24 hours</p>"], "numbered": False},
    )
    assert contact == ("contact_cta", {"purpose": "admissions", "heading": "Contact us", "text": ""})
    assert definitions[1]["items"] == [
        {"term": "GP", "explanation": '<p>see <a href="https://www.nhs.uk/">the NHS</a></p>'},
        {"term": "111", "explanation": "<p><i>urgent</i> advice</p>"},
    ]


def test_html_definitions_loose_text_images_and_a_warning_heading():
    html = (
        "<h1>Panic</h1><div>Loose words a wrapper holds, with <b>bold</b>.</div>"
        "<dl><dt>Panic attack</dt><dd>a sudden rush of <em>fear</em></dd><dt>Trigger</dt><dd>what sets it off</dd></dl>"
        "<h2>Warning</h2><p>Do not drive during an attack.</p><p>Pull over first.</p>"
        "<figure><img src='/x.png' alt=''></figure>"
        "<p>Read <a href='#top'>above</a>, <a href='ftp://files.test/a'>the file</a> and "
        "<a href='page.html'>the page</a>.</p>"
    )
    parsed = import_file("panic.html", html.encode())
    assert parsed.summary == "Loose words a wrapper holds, with bold."
    kinds = [kind for kind, _ in parsed.body]
    assert kinds == ["definition_list", "callout", "paragraph"]
    definitions, callout, paragraph = (value for _, value in parsed.body)
    assert definitions["items"][0] == {"term": "Panic attack", "explanation": "<p>a sudden rush of <i>fear</i></p>"}
    assert callout == {
        "kind": "warning",
        "heading": "Warning",
        "text": "<p>Do not drive during an attack.</p><p>Pull over first.</p>",
    }
    assert paragraph == "<p>Read above, the file and the page.</p>"  # the words stay, the links cannot
    report = " ".join(parsed.report)
    assert "<img> left out" not in report and "<figure> left out" in report
    assert "link “ftp://files.test/a” left out" in report and "relative link “page.html” kept as text" in report


def test_a_list_item_over_500_characters_is_cut_and_the_report_says_where():
    parsed = parse_article("# Sleep\n\nTips.\n\n- " + "word " * 120 + "\n- short\n")
    items = parsed.body[0][1]["items"]
    assert len(items[0]) == len("<p></p>") + 500
    assert any("a list item of 599 characters cut to 500" in line for line in parsed.report)


def test_a_number_under_a_warning_heading_or_in_a_definition_becomes_a_contact_block():
    """A number taken out of the text must reach the reader as a contact block, wherever it was."""
    html = (
        "<h1>Panic</h1><p>What helps.</p>"
        "<h2>Warning</h2><p>If you feel unsafe, call 020 7193 1128.</p>"
        "<dl><dt>Clinic</dt><dd>ring 020 3984 7699 any day</dd><dt>GP</dt><dd>your surgery</dd></dl>"
    )
    known = {"+442071931128": "admissions", "+442039847699": "enquiries"}
    parsed = import_file("panic.html", html.encode(), known_numbers=known)
    assert [kind for kind, _ in parsed.body] == ["callout", "contact_cta", "definition_list", "contact_cta"]
    assert parsed.body[1][1]["purpose"] == "admissions" and parsed.body[3][1]["purpose"] == "enquiries"
    assert "7193" not in str(parsed.body) and "3984" not in str(parsed.body)
