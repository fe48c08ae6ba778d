"""Admin → Import an article: the importer for editors, who do not use a shell. The uploaded
text or Markdown file becomes a draft under a guidance page the user may add to (never
published), and the import report is shown. A refused file gets its reason and changes nothing."""

from typing import Any

from django import forms
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from .importer import (
    FORMATS,
    MAX_DOCX_BYTES,
    ArticleFormatError,
    ImportResult,
    ParsedArticle,
    format_of,
    import_file,
    is_slug,
    known_contact_numbers,
    save_draft,
)
from .models import ArticleIndexPage


def guidance_pages_for(user: User | AnonymousUser) -> list[ArticleIndexPage]:
    """The guidance pages `user` may add an article to (their own language's, for translators)."""
    return [
        page
        for page in ArticleIndexPage.objects.select_related("locale").order_by("path")
        if page.permissions_for_user(user).can_add_subpage()
    ]


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Article file"),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(FORMATS)}),
        help_text=_(
            "Markdown or plain text (.md, .txt, UTF-8), Word (.docx) or HTML (.html); at most 1 MB, Word 5 MB. "
            "See docs/importer.md."
        ),
    )
    parent = forms.TypedChoiceField(label=_("Guidance page to add it to"), coerce=int)
    base_url = forms.URLField(
        label=_("Where it came from (optional)"),
        required=False,
        assume_scheme="https",
        help_text=_("The page's address, for an HTML file: its relative links are resolved against it."),
    )
    slug = forms.CharField(
        label=_("Slug (optional)"),
        required=False,
        help_text=_("Names the draft this file updates. Empty: from the title; another article keeps its draft."),
    )

    def __init__(self, *args: Any, pages: list[ArticleIndexPage], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pages = {page.pk: page for page in pages}
        self.fields["parent"].choices = [  # type: ignore[attr-defined]
            (page.pk, f"{page.title} ({page.locale.get_display_name()})") for page in pages
        ]

    def clean_slug(self) -> str | None:
        slug = self.cleaned_data["slug"].strip()
        if slug and not is_slug(slug):
            raise forms.ValidationError(_("A slug is lower-case letters, digits and hyphens."))
        return slug or None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        upload = cleaned.get("file")
        if upload is None:
            return cleaned
        try:
            format_of(upload.name)
            # Read at most one byte past the limit: a huge upload is refused without reading it all.
            data = upload.read(MAX_DOCX_BYTES + 1)
            cleaned["parsed"] = import_file(
                upload.name, data, known_numbers=known_contact_numbers(), base_url=cleaned.get("base_url") or ""
            )
        except ArticleFormatError as error:
            self.add_error("file", _("Nothing imported: %(why)s") % {"why": error})
        return cleaned


def import_article_view(request: HttpRequest) -> HttpResponse:
    pages = guidance_pages_for(request.user)
    if not pages:
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None, pages=pages)
    result: ImportResult | None = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            parent = form.pages[form.cleaned_data["parent"]]
            parsed: ParsedArticle = form.cleaned_data["parsed"]
            result = save_draft(
                parsed, parent=parent, locale=parent.locale, user=request.user, slug=form.cleaned_data["slug"]
            )
        else:
            status = 400
    return TemplateResponse(request, "articles/admin/import.html", {"form": form, "result": result}, status=status)
