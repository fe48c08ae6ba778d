"""Factories for the content model. Pages are created as children of a given parent."""

import factory
from wagtail.models import Locale

from articles.models import ArticleIndexPage, ArticlePage, Topic
from contacts.models import ContactNumber, ContactPurpose


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class ContactNumberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactNumber
        django_get_or_create = ("purpose", "country")

    purpose = ContactPurpose.ADMISSIONS
    country = "GB"
    number = "0207 193 1128"
    label = "Admissions"


class _PageFactory(factory.django.DjangoModelFactory):
    """Adds the page under `parent`; `publish=False` leaves it a draft."""

    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"Page {n}")
    slug = factory.Sequence(lambda n: f"page-{n}")

    @classmethod
    def _create(cls, model_class, *args, parent=None, publish=True, **kwargs):
        topics = kwargs.pop("topics", None)
        kwargs.setdefault("locale", Locale.get_default())
        page = model_class(*args, live=False, **kwargs)
        parent.add_child(instance=page)
        if topics is not None:
            page.topics.set(topics)
        revision = page.save_revision()
        if publish:
            revision.publish()
            page.refresh_from_db()
        return page


class ArticleIndexPageFactory(_PageFactory):
    class Meta:
        model = ArticleIndexPage

    title = "Guidance"
    slug = factory.Sequence(lambda n: f"guidance-{n}")


def paragraph(text: str):
    return ("paragraph", f"<p>{text}</p>")


class ArticlePageFactory(_PageFactory):
    class Meta:
        model = ArticlePage

    title = factory.Sequence(lambda n: f"Article {n}")
    slug = factory.Sequence(lambda n: f"article-{n}")
    summary = "A short summary for readers."
    body = factory.LazyFunction(lambda: [paragraph("Body text.")])
