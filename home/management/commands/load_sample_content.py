"""Load the demo site: contact numbers, topics, the guidance index and the clinic's article.
Safe to run again: it only adds what is missing and republishes only a changed article."""

from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Locale

from articles.importer import known_contact_numbers, parse_article, read_article_file, save_draft
from articles.models import ArticleIndexPage, Topic
from contacts.models import ContactNumber, ContactPurpose
from home.models import HomePage

SAMPLE_ARTICLE = Path(__file__).resolve().parents[3] / "articles" / "sample_content" / "trauma-bond-article.md"

CONTACT_NUMBERS = [
    # The clinic's London numbers, as printed in its article.
    (ContactPurpose.ADMISSIONS, "GB", "0207 193 1128", "Admissions"),
    (ContactPurpose.ENQUIRIES, "GB", "0203 984 7699", "Enquiries"),
]
TOPICS = [
    ("Trauma bonds", "trauma-bonds", "Recognising and recovering from trauma-bonded relationships."),
    ("Relationships", "relationships", "Healthy and unhealthy relationships."),
    ("Therapies", "therapies", "Treatments and talking therapies."),
    ("Self-care", "self-care", "Things you can do for yourself."),
]
ARTICLE_TOPICS = ["trauma-bonds", "relationships", "therapies", "self-care"]


class Command(BaseCommand):
    help = "Load the sample content (idempotent) and publish the demo article."

    @transaction.atomic
    def handle(self, *args, **options):
        locale = Locale.get_default()
        for purpose, country, number, label in CONTACT_NUMBERS:
            if not ContactNumber.objects.filter(purpose=purpose, country=country).exists():
                ContactNumber.objects.create(purpose=purpose, country=country, number=number, label=label)
        for name, slug, description in TOPICS:
            Topic.objects.get_or_create(slug=slug, defaults={"name": name, "description": description})

        home = HomePage.objects.filter(locale=locale).first()
        if home is None:
            self.stderr.write("No home page in the default locale; run migrations first.")
            return
        index = ArticleIndexPage.objects.child_of(home).filter(slug="guidance").first()
        if index is None:
            index = home.add_child(
                instance=ArticleIndexPage(
                    title="Guidance", slug="guidance", intro="<p>Clinical guidance from our team.</p>"
                )
            )
            index.save_revision().publish()

        parsed = parse_article(read_article_file(SAMPLE_ARTICLE), known_numbers=known_contact_numbers())
        result = save_draft(parsed, parent=index, locale=locale)
        page = result.page.get_latest_revision_as_object()
        wanted_topics = list(Topic.objects.filter(slug__in=ARTICLE_TOPICS))
        topics_changed = set(page.topics.all()) != set(wanted_topics)
        if result.status != "unchanged" or topics_changed or not result.page.live:
            page.topics.set(wanted_topics)
            page.save_revision().publish()
            self.stdout.write(self.style.SUCCESS(f"Published “{page.title}” at {page.url}"))
        else:
            self.stdout.write(f"“{page.title}” is already live and up to date.")
