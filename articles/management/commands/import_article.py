"""python manage.py import_article FILE --locale en-gb [--parent PAGE] [--slug SLUG] [--base-url URL]

FILE is Markdown or plain text (.md, .txt), Word (.docx) or HTML (.html); its suffix picks the reader."""

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Locale, Page

from articles.importer import (
    ArticleFormatError,
    import_file,
    is_slug,
    known_contact_numbers,
    read_article_file,
    save_draft,
)
from articles.models import ArticleIndexPage


def resolve_locale(code: str) -> Locale:
    try:
        return Locale.objects.get(language_code__iexact=code)
    except Locale.DoesNotExist:
        known = ", ".join(Locale.objects.values_list("language_code", flat=True)) or "none"
        raise CommandError(f"Unknown locale “{code}”. Known locales: {known}.") from None


def resolve_parent(ref: str | None, locale: Locale) -> ArticleIndexPage:
    if ref is None:
        parent = ArticleIndexPage.objects.filter(locale=locale).order_by("path").first()
        if parent is None:
            raise CommandError(
                f"There is no article index page in {locale.language_code}; create one or pass --parent."
            )
        return parent
    pages = (
        Page.objects.filter(id=int(ref))
        if ref.isdigit()
        else Page.objects.filter(url_path__endswith=ref.strip("/") + "/")
    )
    page = pages.filter(locale=locale).first()
    if page is None:
        raise CommandError(f"No page “{ref}” in locale {locale.language_code}.")
    page = page.specific
    if not isinstance(page, ArticleIndexPage):
        raise CommandError(
            f"“{page.title}” is a {page.specific_class.__name__}; articles go under an article index page."
        )
    return page


class Command(BaseCommand):
    help = "Import a Markdown/plain-text, Word (.docx) or HTML article as a draft ArticlePage (never publishes)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--locale", default="en-gb", help="Locale code, e.g. en-gb (default).")
        parser.add_argument("--parent", help="Article index page: its id or URL path. Default: the locale's first.")
        parser.add_argument(
            "--slug",
            help="The article's slug: the draft with this slug is updated (or created). Default: from the "
            "title; a different article already there keeps its draft and this one gets the next free slug.",
        )
        parser.add_argument(
            "--base-url",
            default="",
            help="The address the file came from (e.g. https://www.nhs.uk/conditions/): its relative links are "
            "resolved against it. Without it they are kept as their words.",
        )

    def handle(self, *args, **options):
        locale = resolve_locale(options["locale"])
        parent = resolve_parent(options["parent"], locale)
        try:
            base_url = options.get("base_url") or ""
            if base_url and not base_url.startswith(("https://", "http://")):
                raise ArticleFormatError(f"--base-url “{base_url}” is not an http(s) address.")
            parsed = import_file(
                options["file"],
                read_article_file(options["file"]),
                known_numbers=known_contact_numbers(),
                base_url=base_url,
            )
        except ArticleFormatError as error:
            raise CommandError(f"Nothing imported: {error}") from None
        slug = options.get("slug")
        if slug is not None and not is_slug(slug):
            raise CommandError(f"Nothing imported: “{slug}” is not a slug (lower-case letters, digits and hyphens).")
        result = save_draft(parsed, parent=parent, locale=locale, slug=slug)

        for line in parsed.report:
            self.stdout.write(f"  {line}")
        counts = ", ".join(f"{n} {kind.replace('_', ' ')}" for kind, n in parsed.block_counts().items())
        self.stdout.write(f"Blocks: {counts}")
        if parsed.phone_numbers:
            self.stdout.write(
                self.style.WARNING(
                    f"{len(parsed.phone_numbers)} phone number(s) in the text became contact call-to-actions; "
                    "readers see the numbers from the contact records."
                )
            )
        verb = {"created": "Created draft", "updated": "Updated draft", "unchanged": "Unchanged"}[result.status]
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb}: “{result.page.title}” (page {result.page.id}, slug {result.page.slug}, not published)."
            )
        )
