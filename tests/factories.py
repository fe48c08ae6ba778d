"""Factories for the content model. Pages are created as children of a given parent."""

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Locale

from articles.models import ArticleIndexPage, ArticlePage, Topic
from cms.dates import add_months
from contacts.models import ContactNumber, ContactPurpose
from review.models import ClinicalSignOff, LocaleRole, ReviewerProfile
from review.words import field_digests


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

    class Params:
        # A line an editor has checked: who, when (today) and from which source.
        verified = factory.Trait(
            verified_by="Test Editor",
            verified_at=factory.LazyFunction(timezone.localdate),
            verification_source="https://example.org/the-service",
        )


class _PageFactory(factory.django.DjangoModelFactory):
    """Adds the page under `parent`; `publish=False` leaves it a draft; `author` saves its first
    revision."""

    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"Page {n}")
    slug = factory.Sequence(lambda n: f"page-{n}")

    @classmethod
    def _create(cls, model_class, *args, parent=None, publish=True, author=None, **kwargs):
        topics = kwargs.pop("topics", None)
        kwargs.setdefault("locale", Locale.get_default())
        page = model_class(*args, live=False, **kwargs)
        parent.add_child(instance=page)
        if topics is not None:
            page.topics.set(topics)
        revision = page.save_revision(user=author)
        if publish:
            if isinstance(page, ArticlePage):
                record_sign_off_for_tests(revision)
            revision.publish()
            page.refresh_from_db()
        return page


class ArticleIndexPageFactory(_PageFactory):
    class Meta:
        model = ArticleIndexPage

    title = factory.Sequence(lambda n: "Guidance")
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


def make_user(username, *groups, superuser=False, **fields):
    """An active staff user in the named groups (e.g. "Editors", "Clinical reviewers (es)")."""
    from django.contrib.auth.models import Group

    User = get_user_model()
    maker = User.objects.create_superuser if superuser else User.objects.create_user
    user = maker(username=username, email=f"{username}@clinic.test", password="a-long-test-password", **fields)
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


def make_reviewer(username, language_code="en-gb", *, name=None):
    """A clinical reviewer of one locale, with a complete reviewer profile."""
    group = LocaleRole.objects.get(role=LocaleRole.REVIEWERS, locale__language_code=language_code).group
    user = make_user(username, group.name)
    ReviewerProfile.objects.create(
        user=user,
        display_name=name or f"Dr {username.title()}",
        job_title="Consultant Clinical Psychologist",
        registration="HCPC PYL12345",
    )
    return user


def record_sign_off_for_tests(revision, reviewer_name="Dr Test Reviewer", when=None):
    """A sign-off record for `revision`, as the workflow writes one, for tests about other things.
    Tests of sign-off itself go through the workflow (tests/review)."""
    when = when or timezone.now()
    page = revision.content_object
    return ClinicalSignOff.objects.create(
        page=page,
        revision=revision,
        revision_number=revision.pk,
        signed_fields=field_digests(type(page.specific), revision.content),
        locale_id=page.locale_id,
        reviewer_name=reviewer_name,
        reviewer_job_title="Consultant Psychiatrist",
        reviewer_registration="GMC 1234567",
        signed_off_at=when,
        next_review_due=add_months(timezone.localdate(when), 12),
    )


def publish_signed_off(page, **sign_off):
    """Save `page` as a new revision, sign that revision off, and publish it."""
    revision = page.save_revision()
    record_sign_off_for_tests(revision, **sign_off)
    revision.publish()
    page.refresh_from_db()
    return revision
