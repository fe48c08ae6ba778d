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
from review.services import SAMPLE_CONTENT_REASON, publish_before_review
from translations.sample import load_sample_translations

SAMPLE_ARTICLE = Path(__file__).resolve().parents[3] / "articles" / "sample_content" / "trauma-bond-article.md"

CONTACT_NUMBERS = [
    # The clinic's London numbers, as printed in its article; labels per language.
    (ContactPurpose.ADMISSIONS, "GB", "0207 193 1128", {"en_gb": "Admissions", "es": "Admisiones", "ar": "القبول"}),
    (ContactPurpose.ENQUIRIES, "GB", "0203 984 7699", {"en_gb": "Enquiries", "es": "Consultas", "ar": "الاستفسارات"}),
]
# Well-known public crisis lines. They load unverified: an editor must call each one and
# tick "verified" in the admin before readers see it.
CRISIS_LINES = [
    (
        "GB",
        "116 123",
        {"en_gb": "Samaritans", "es": "Samaritans", "fr": "Samaritans", "ar": "Samaritans"},
        {
            "en_gb": "24 hours, every day",
            "es": "24 horas, todos los días",
            "fr": "24 h/24, 7 j/7",
            "ar": "على مدار الساعة، كل يوم",
        },
    ),
    (
        "US",
        "988",
        {"en_gb": "988 Suicide & Crisis Lifeline", "es": "988 Suicide & Crisis Lifeline"},
        {"en_gb": "24 hours, every day", "es": "24 horas, todos los días"},
    ),
    (
        "ES",
        "024",
        {"en_gb": "Línea 024 (suicidal behaviour)", "es": "Línea 024 de atención a la conducta suicida"},
        {"en_gb": "24 hours, every day", "es": "24 horas, todos los días"},
    ),
    (
        "FR",
        "3114",
        {"en_gb": "3114 (national suicide prevention line)", "fr": "3114, numéro national de prévention du suicide"},
        {"en_gb": "24 hours, every day", "fr": "24 h/24, 7 j/7"},
    ),
]
# slug: {language: (name, description)}; French is left to fall back to English.
TOPICS = {
    "trauma-bonds": {
        "en_gb": ("Trauma bonds", "Recognising and recovering from trauma-bonded relationships."),
        "es": ("Vínculos traumáticos", "Reconocer las relaciones de vínculo traumático y recuperarse de ellas."),
        "ar": ("الروابط الصادمة", "التعرّف على علاقات الرابطة الصادمة والتعافي منها."),
    },
    "relationships": {
        "en_gb": ("Relationships", "Healthy and unhealthy relationships."),
        "es": ("Relaciones", "Relaciones sanas y poco sanas."),
        "ar": ("العلاقات", "العلاقات الصحية وغير الصحية."),
    },
    "therapies": {
        "en_gb": ("Therapies", "Treatments and talking therapies."),
        "es": ("Terapias", "Tratamientos y terapias psicológicas."),
        "ar": ("العلاجات", "العلاجات والعلاج بالكلام."),
    },
    "self-care": {
        "en_gb": ("Self-care", "Things you can do for yourself."),
        "es": ("Autocuidado", "Lo que puede hacer por sí mismo."),
        "ar": ("الرعاية الذاتية", "أشياء يمكنك فعلها لنفسك."),
    },
}
ARTICLE_TOPICS = ["trauma-bonds", "relationships", "therapies", "self-care"]


class Command(BaseCommand):
    help = "Load the sample content (idempotent) and publish the demo article."

    @transaction.atomic
    def handle(self, *args, **options):
        locale = Locale.get_default()
        for purpose, country, number, labels in CONTACT_NUMBERS:
            if not ContactNumber.objects.filter(purpose=purpose, country=country).exists():
                ContactNumber.objects.create(
                    purpose=purpose, country=country, number=number, **{f"label_{c}": v for c, v in labels.items()}
                )
        for country, number, labels, hours in CRISIS_LINES:
            if not ContactNumber.objects.filter(purpose=ContactPurpose.CRISIS, country=country).exists():
                ContactNumber.objects.create(
                    purpose=ContactPurpose.CRISIS,
                    country=country,
                    number=number,
                    verified=False,
                    **{f"label_{c}": v for c, v in labels.items()},
                    **{f"opening_hours_{c}": v for c, v in hours.items()},
                )
        for slug, languages in TOPICS.items():
            fields = {}
            for code, (name, description) in languages.items():
                fields[f"name_{code}"], fields[f"description_{code}"] = name, description
            Topic.objects.get_or_create(slug=slug, defaults=fields)

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
            page.save_revision()
            publish_before_review(result.page.specific, user=None, reason=SAMPLE_CONTENT_REASON)
            self.stdout.write(self.style.SUCCESS(f"Published “{page.title}” at {page.url}"))
        else:
            self.stdout.write(f"“{page.title}” is already live and up to date.")

        for line in load_sample_translations([home, index, result.page]):
            self.stdout.write(f"Sample translation {line}")
