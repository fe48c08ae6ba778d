"""Migration 0004 made list items (and definitions' explanations) rich text. Content saved
before it, live pages, their revisions, translated pages and wagtail-localize's translation
sources, held plain strings: the migration converts each, and what readers, editors and
translators then see is the same text, with nothing saved anew and translations kept."""

import html
import importlib
import json
import re

import pytest
from django.apps import apps
from django.test import Client
from wagtail.models import Locale, Revision
from wagtail_localize.models import TemplateSegment, TranslationSource

from articles.models import ArticlePage
from tests.factories import make_user
from tests.helpers.edit_form import assert_saves_unchanged_in_the_admin

migration = importlib.import_module("articles.migrations.0004_list_items_rich_text")

pytestmark = pytest.mark.django_db


def as_plain(value):
    """What the blocks held before: the words, unescaped, no paragraph."""
    if isinstance(value, str) and value.startswith("<p>") and value.endswith("</p>"):
        return html.unescape(re.sub(r"<[^>]+>", "", value.replace("<br/>", "\n")))
    return value


def unconvert(raw):
    """The inverse of the migration's conversion, to rebuild content as it was saved before it."""
    original = migration.as_rich_text
    migration.as_rich_text = as_plain
    try:
        return migration.convert_body(raw)
    finally:
        migration.as_rich_text = original


def state():
    pages = {page.pk: json.dumps(list(page.body.raw_data)) for page in ArticlePage.objects.all()}
    revisions = {r.pk: r.content["body"] for r in Revision.objects.filter(object_id__in=[str(pk) for pk in pages])}
    sources = {s.pk: json.loads(s.content_json).get("body") for s in TranslationSource.objects.all()}
    return pages, revisions, sources


def back_to_plain_strings():
    """Every stored body as it was before the migration; the sources' segments as wagtail-localize
    extracted plain strings (no template segment for a list item)."""
    for page in ArticlePage.objects.all():
        ArticlePage.objects.filter(pk=page.pk).update(body=json.dumps(unconvert(list(page.body.raw_data))))
    for revision in Revision.objects.filter(object_id__in=[str(pk) for pk in ArticlePage.objects.values("pk")]):
        revision.content = {**revision.content, "body": unconvert(revision.content["body"])}
        revision.save(update_fields=["content"])
    for source in TranslationSource.objects.all():
        content = json.loads(source.content_json)
        if "body" not in content:
            continue
        content["body"] = unconvert(content["body"])
        source.content_json = json.dumps(content)
        source.save(update_fields=["content_json"])
    TemplateSegment.objects.filter(context__path__contains="items").delete()
    TemplateSegment.objects.filter(context__path__contains="helps_with").delete()


def test_content_saved_before_the_migration_is_converted_and_reads_the_same(sample_content, client):
    es = ArticlePage.objects.get(locale__language_code="es")
    before = state()
    items_templates = TemplateSegment.objects.filter(context__path__contains="items").count()
    assert items_templates > 0
    spanish_page = Client().get(es.url).content.decode()

    back_to_plain_strings()
    plain = state()
    assert plain != before
    assert '"Trust"' in str(plain[0]) or "Trust" in str(plain[0])
    assert "<p>Trust</p>" not in str(plain[0])

    migration.forwards(apps, None)

    assert state() == before  # pages, revisions and translation sources: as rich text again
    assert TemplateSegment.objects.filter(context__path__contains="items").count() == items_templates

    # Readers see the same page, with no markup as text.
    assert Client().get(es.url).content.decode() == spanish_page
    english = ArticlePage.objects.get(locale__language_code="en-gb")
    page = Client().get(english.url).content.decode()
    assert "<li>Trust</li>" in page and "&lt;p&gt;" not in page

    # Editors save it unchanged: no new revision.
    assert_saves_unchanged_in_the_admin(client, english, make_user("editor", "Editors"))

    # Translators: the Spanish translation is made again from the converted source, and keeps
    # its Spanish list items (their strings are the same text as before).
    source = TranslationSource.objects.get(object_id=english.translation_key, locale=english.locale)
    source.create_or_update_translation(Locale.objects.get(language_code="es"), user=None, publish=True)
    assert Client().get(es.url).content.decode() == spanish_page


def test_rich_text_is_left_alone_and_plain_text_escaped_once():
    assert migration.as_rich_text("<p>Already</p>") == "<p>Already</p>"
    assert migration.as_rich_text("Fish & chips <3") == "<p>Fish &amp; chips &lt;3</p>"
    assert migration.as_rich_text("Line one\nLine two") == "<p>Line one<br/>Line two</p>"
    raw = [
        {
            "type": "definition_list",
            "value": {"intro": "", "items": [{"type": "item", "value": {"term": "A", "explanation": "b"}, "id": "1"}]},
        },
        {"type": "paragraph", "value": "<p>Untouched</p>"},
    ]
    converted = migration.convert_body(json.dumps(raw))
    assert json.loads(converted)[0]["value"]["items"][0]["value"]["explanation"] == "<p>b</p>"
    assert json.loads(converted)[1] == raw[1]
