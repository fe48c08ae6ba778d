"""Each clinical block renders what a reader needs, as semantic HTML."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError

from articles.blocks import ArticleBodyBlock, ReferenceBlock
from articles.blocks.clinical import CalloutBlock, CareLevelBlock, TherapyCardBlock
from articles.blocks.contact import ContactCallToActionBlock
from articles.blocks.lists import ComparisonBlock, DefinitionListBlock, DoDontBlock, SelfCareChecklistBlock
from articles.blocks.text import BulletListBlock, QuestionAnswerBlock, SectionHeadingBlock


def render(block, raw, context=None):
    value = block.to_python(raw)
    return BeautifulSoup(block.render(value, context=context or {}), "html.parser")


def test_section_heading_is_an_h2_with_an_anchor_from_the_heading():
    html = render(SectionHeadingBlock(), {"heading": "What is a trauma bond?", "anchor": ""})
    h2 = html.find("h2")
    assert h2.text == "What is a trauma bond?"
    assert h2["id"] == "what-is-a-trauma-bond"


def test_section_heading_uses_the_editors_anchor_when_given():
    html = render(SectionHeadingBlock(), {"heading": "Love or a trauma bond?", "anchor": "Love vs bond"})
    assert html.find("h2")["id"] == "love-vs-bond"


def test_bullet_list_shows_intro_and_every_item():
    html = render(BulletListBlock(), {"intro": "A loving relationship includes:", "items": ["Trust", "Honesty"]})
    assert "A loving relationship includes:" in html.text
    assert [li.text for li in html.select("ul li")] == ["Trust", "Honesty"]


def test_comparison_shows_both_lists_under_their_headings():
    html = render(
        ComparisonBlock(),
        {
            "heading": "",
            "healthy_heading": "A loving relationship includes",
            "healthy_items": ["Trust"],
            "harmful_heading": "Trauma-bonded relationships consist of",
            "harmful_items": ["Mistrust", "Threats"],
        },
    )
    healthy, harmful = html.select(".comparison__column")
    # No block heading: the columns are the next level under the section's h2.
    assert healthy.find("h3").text == "A loving relationship includes"
    assert [li.text for li in healthy.select("li")] == ["Trust"]
    assert [li.text for li in harmful.select("li")] == ["Mistrust", "Threats"]


def test_definition_list_pairs_terms_with_explanations():
    html = render(
        DefinitionListBlock(),
        {"intro": "", "items": [{"term": "Guilt and Shame", "explanation": "Survivors may feel guilty."}]},
    )
    assert html.find("dt").text == "Guilt and Shame"
    assert html.find("dd").text == "Survivors may feel guilty."


def test_warning_callout_is_marked_important():
    html = render(
        CalloutBlock(),
        {"kind": "warning", "heading": "Controlled substance", "text": "<p>Ketamine is a controlled substance.</p>"},
    )
    aside = html.find("aside")
    assert "callout--warning" in aside["class"]
    assert "Important" in aside.text
    assert "Ketamine is a controlled substance." in aside.text


@pytest.mark.parametrize(
    "level,label", [("non_urgent", "Non-urgent advice"), ("urgent", "Urgent advice"), ("emergency", "Emergency")]
)
def test_care_level_card_names_its_level(level, label):
    html = render(CareLevelBlock(), {"level": level, "heading": "Call 999", "text": "<p>If you are in danger.</p>"})
    assert html.select_one(".care-level__label").text == label
    assert html.find("h3").text == "Call 999"
    assert html.find("section")["aria-label"] == f"{label}: Call 999"


def test_do_and_dont_lists_are_labelled():
    html = render(DoDontBlock(), {"do_items": ["Ask for help"], "dont_items": ["Blame yourself"]})
    do, dont = html.select("section")
    assert do.find("h3").text == "Do" and do.find("li").text == "Ask for help"
    assert dont.find("h3").text == "Don’t" and dont.find("li").text == "Blame yourself"


def test_therapy_card_says_what_it_is_and_what_it_helps_with():
    html = render(
        TherapyCardBlock(),
        {
            "name": "Dialectical Behaviour Therapy",
            "abbreviation": "DBT",
            "what_it_is": "A talking therapy.",
            "helps_with": ["Distress tolerance"],
        },
    )
    assert "Dialectical Behaviour Therapy" in html.find("h3").text
    assert html.find("abbr").text == "(DBT)"
    assert "A talking therapy." in html.text
    assert [li.text for li in html.select("li")] == ["Distress tolerance"]


def test_self_care_checklist():
    html = render(SelfCareChecklistBlock(), {"heading": "Self-care", "intro": "", "items": ["Journaling", "Yoga"]})
    assert html.find("h3").text == "Self-care"
    assert [li.text for li in html.select("ul.checklist li")] == ["Journaling", "Yoga"]


def test_question_and_answer_is_a_disclosure():
    html = render(QuestionAnswerBlock(), {"question": "Is it love?", "answer": "<p>Not if there is abuse.</p>"})
    assert html.find("summary").text == "Is it love?"
    assert "Not if there is abuse." in html.find("details").text


def test_reference_shows_citation_and_doi_link():
    html = render(
        ReferenceBlock(),
        {
            "authors": "Olff, Miranda et al",
            "title": "The role of oxytocin in social bonding",
            "journal": "Psychoneuroendocrinology",
            "volume": "38",
            "issue": "9",
            "year": 2013,
            "pages": "1883-94",
            "doi": "10.1016/j.psyneuen.2013.06.019",
        },
    )
    assert "Olff, Miranda et al. “The role of oxytocin in social bonding.”" in html.find("cite").text
    assert "38(9) (2013): 1883-94" in html.find("cite").text
    link = html.find("a")
    assert link["href"] == "https://doi.org/10.1016/j.psyneuen.2013.06.019"


@pytest.mark.parametrize(
    "typed", ["doi:10.1016/j.psyneuen.2013.06.019", "https://doi.org/10.1016/j.psyneuen.2013.06.019"]
)
def test_reference_doi_is_normalised(typed):
    block = ReferenceBlock()
    value = block.clean(block.to_python({"authors": "A", "title": "T", "doi": typed}))
    assert value["doi"] == "10.1016/j.psyneuen.2013.06.019"


def test_reference_refuses_something_that_is_not_a_doi():
    block = ReferenceBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"authors": "A", "title": "T", "doi": "not a doi"}))
    assert "doi" in error.value.block_errors


@pytest.mark.django_db
def test_contact_cta_renders_the_number_from_contact_records(clinic_numbers):
    html = render(ContactCallToActionBlock(), {"purpose": "admissions", "heading": "Call us", "text": ""})
    link = html.find("a", class_="phone-number")
    assert link.text == "020 7193 1128"
    assert link["href"] == "tel:+442071931128"
    assert "Admissions" in html.text


@pytest.mark.django_db
def test_contact_cta_without_a_record_points_elsewhere_and_invents_nothing():
    html = render(ContactCallToActionBlock(), {"purpose": "enquiries", "heading": "Call us", "text": ""})
    assert html.find("a", class_="phone-number") is None
    assert "contact details on our home page" in html.text


def test_body_refuses_two_sections_with_the_same_anchor():
    block = ArticleBodyBlock()
    value = block.to_python(
        [
            {"type": "section_heading", "value": {"heading": "Isolation", "anchor": ""}},
            {"type": "section_heading", "value": {"heading": "isolation", "anchor": ""}},
        ]
    )
    with pytest.raises(StreamBlockValidationError) as error:
        block.clean(value)
    assert 1 in error.value.block_errors
    assert isinstance(error.value.block_errors[1], ValidationError)
