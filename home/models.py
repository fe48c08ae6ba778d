"""The home page: one per locale root."""

from django.conf import settings
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page

from articles.models import shown_pages
from cms.i18n import current_code
from cms.pages import FallbackToSourceRouteMixin, ReaderPageMixin
from contacts.models import contact_directory, help_context


class HomePage(FallbackToSourceRouteMixin, ReaderPageMixin, Page):
    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["articles.ArticleIndexPage"]
    api_fields = [APIField("intro")]
    max_count_per_parent = 1

    LATEST_ARTICLES = 6

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # What this language's readers are shown: their own articles and the untranslated
        # originals (linked under their language's prefix), whichever home page serves them.
        context["latest_articles"] = (
            shown_pages(current_code()).select_related("locale").order_by("-first_published_at")[: self.LATEST_ARTICLES]
        )
        reader_country = getattr(request, "reader_country", settings.DEFAULT_READER_COUNTRY)
        context["reader_country"] = reader_country
        # The clinic's own numbers, and the "Need help now?" box, from one query.
        directory = contact_directory(reader_country)
        context["contact_numbers"] = [(contact, contact.for_reader(reader_country)) for contact in directory.values()]
        context.update(help_context(reader_country, directory))
        return context
