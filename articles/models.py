"""Clinical guidance pages and the topic taxonomy."""

import hashlib
import json
from functools import cache, partial

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cms import page_cache
from cms.i18n import current_code, shown_to_readers_of, source_language
from cms.pages import ReaderPageMixin
from cms.panels import per_language_panels
from contacts.models import contact_directory, help_context
from review.pages import ClinicalPageMixin
from review.reader import REVIEW_CONTEXT, clinical_review_context

from .blocks import SECTION_HEADING, ArticleBodyBlock, ReferenceListBlock, duplicate_anchor_errors


class Topic(index.Indexed, models.Model):
    """A subject readers browse and filter by; one row per concept across languages."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True, allow_unicode=False)
    description = models.TextField(blank=True)

    panels = [FieldPanel("slug")] + per_language_panels("name", "description")
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class ArticleIndexPage(ReaderPageMixin, Page):
    """Lists its live articles, newest first, filterable by topic (?topic=<slug>)."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["articles.ArticlePage"]
    parent_page_types = ["home.HomePage"]
    api_fields = [APIField("intro")]
    show_in_menus_default = True  # linked from every page's header

    PAGE_SIZE = 20

    def articles(self, language: str | None = None):
        """The articles listed here for a reader of `language`: this index's, in their language,
        and the source index's not yet translated into it (a French reader's guidance lists the
        English articles they are shown at /fr/..., whichever of the two index pages serves)."""
        language = language or current_code()
        parents = self.get_translations(inclusive=True).filter(locale__language_code__in=shown_to_readers_of(language))
        under = Q()
        for parent in parents:
            under |= Q(path__startswith=parent.path, depth=parent.depth + 1)
        return shown_pages(language).filter(under).order_by("-first_published_at")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = self.articles()
        topics = Topic.objects.filter(articles__in=articles).distinct().order_by("name")
        current_topic = None
        slug = request.GET.get("topic", "")
        if slug:
            current_topic = next((t for t in topics if t.slug == slug), None)
            # An unknown topic lists nothing rather than failing or silently ignoring it.
            articles = articles.filter(topics=current_topic) if current_topic else articles.none()
        paginator = Paginator(articles.select_related("locale").prefetch_related("topics"), self.PAGE_SIZE)
        try:
            page_of_articles = paginator.page(request.GET.get("page", 1))
        except (PageNotAnInteger, EmptyPage):
            page_of_articles = paginator.page(1)
        context.update(
            articles=page_of_articles,
            topics=topics,
            current_topic=current_topic,
            requested_topic=slug,
        )
        return context


class ArticlePage(ReaderPageMixin, ClinicalPageMixin, Page):
    """A piece of clinical guidance authored as structured blocks."""

    summary = models.TextField(
        max_length=600, help_text=_("One or two sentences shown under the title and in listings.")
    )
    topics = ParentalManyToManyField(Topic, blank=True, related_name="articles")
    body = StreamField(ArticleBodyBlock())
    references = StreamField(ReferenceListBlock(), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel("body"),
        FieldPanel("references"),
    ]
    settings_panels = Page.settings_panels + [
        MultiFieldPanel(
            [
                FieldPanel("review_interval_months"),
                FieldPanel("last_reviewed", read_only=True),
                FieldPanel("next_review_due", read_only=True),
            ],
            heading=_("Clinical review"),
        )
    ]
    parent_page_types = ["articles.ArticleIndexPage"]
    subpage_types: list[str] = []

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("locale_id"),
        index.FilterField("alias_of_id"),
    ]
    api_fields = [
        APIField("summary"),
        APIField("topics"),
        APIField("body"),
        APIField("references"),
        APIField("last_reviewed"),
        APIField("next_review_due"),
    ]

    def clean(self):
        """Every save path (the admin's form validates the blocks itself; a revision saved in
        code, an import, a publication) refuses a body with two sections of the same anchor."""

        super().clean()
        errors = duplicate_anchor_errors(self.body)
        if errors:
            raise ValidationError({"body": list(errors.values())})

    def contents(self) -> list[tuple[str, str]]:
        """(anchor, heading) for every section heading, in order: the page's contents list."""
        return [
            (child.value.anchor_id, child.value["heading"])
            for child in self.body
            if child.block_type == SECTION_HEADING
        ]

    RELATED_ARTICLES = 3

    def related_articles(self, language: str):
        """ "More on this topic": other articles this reader is shown that share a topic with this
        one, those sharing most topics first, then the newest (one query, whatever the topics)."""
        return list(
            shown_pages(language)
            .filter(topics__in=Topic.objects.filter(articles=self).values("pk"))
            .exclude(translation_key=self.translation_key)
            .annotate(shared=Count("topics", distinct=True))
            .select_related("locale")
            .order_by("-shared", "-first_published_at")[: self.RELATED_ARTICLES]
        )

    def fragment_key(self, request) -> str:
        """What the article's rendered parts (everything but the "Need help now?" box, which
        links back to the full address) depend on, so that a request finding them cached runs
        none of their queries: `page_cache.part_key` (purges of this address or the reader's
        country: a publication of this page, its translations or ancestors, a topic or contact
        change; host, language, country) and the page's live revision and own text (even a row
        written without a publication shows at once). Empty for a preview."""
        content = json.dumps(
            [
                self.title,
                self.summary,
                self.search_description,
                self.body._raw_data,
                self.references._raw_data,
                self.live_revision_id,
                self.last_published_at,
            ],
            separators=(",", ":"),
            default=str,
        )
        digest = hashlib.blake2b(content.encode(), digest_size=16).hexdigest()
        return page_cache.part_key(request, getattr(request, "reader_country", ""), self.pk, digest)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        reader_country = getattr(request, "reader_country", settings.DEFAULT_READER_COUNTRY)
        language = current_code()
        # One query for every contact block on the page and the crisis line, however many
        # (none while the country's numbers and this page are unchanged).
        directory = page_cache.reuse(request, "contacts", partial(contact_directory, reader_country), reader_country)
        # The article's own parts are callables, which the template calls on first use (Django
        # calls a callable variable): a request whose fragments are cached (`fragment_key`) runs
        # none of their queries.
        review = cache(partial(clinical_review_context, self))
        context.update({name: cache(partial(_item, review, name)) for name in REVIEW_CONTEXT})
        context.update(
            help_context(reader_country, directory),
            reader_country=reader_country,
            contact_directory=directory,
            contents=cache(self.contents),
            topics=cache(lambda: list(self.topics.all())),
            related_articles=cache(partial(self.related_articles, language)),
            # The topic pills link to the guidance index this reader came through.
            index_url=context["breadcrumbs"][-1][1],
            fragment_key=self.fragment_key(request),
        )
        return context


def _item(parts, name):
    return parts()[name]


def shown_pages(language: str):
    """The live, public articles a reader of `language` is shown wherever articles are listed
    (home page, guidance index, search): their language's, and the source language's not yet
    translated into it, read at the reader's language's address with a notice."""
    readable = ArticlePage.objects.live().public().filter(alias_of__isnull=True)
    own = Q(locale__language_code=language)
    if language == source_language():
        return readable.filter(own)
    translated = readable.filter(locale__language_code=language).values("translation_key")
    untranslated = Q(locale__language_code=source_language()) & ~Q(translation_key__in=translated)
    return readable.filter(own | untranslated)
