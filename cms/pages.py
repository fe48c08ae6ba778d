"""What every reader-facing page knows about languages: its live translations (for the
switcher and hreflang), its canonical URL, and whether it is shown in a language other than
the reader's because it has no live translation in theirs."""

from django.conf import settings
from django.http import Http404
from wagtail.models import Locale

from .i18n import current_code, page_alternates, text_direction
from .page_cache import mark_cacheable


class ReaderPageMixin:
    def serve(self, request, *args, **kwargs):
        # Wagtail has already applied view restrictions: a private page only gets here for a
        # visitor with a session (password given or signed in), and the page cache never
        # stores or serves anything for a request with a session.
        mark_cacheable(request)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        alternates, page_code = page_alternates(self, request)
        source = next((a for a in alternates if a.code == settings.LANGUAGE_CODE), None)
        context.update(
            alternates=alternates,
            # Served in the source language under another language's prefix: say so, and
            # point search engines at the page in its own language.
            shown_in_other_language=page_code != current_code(),
            page_language=page_code,
            page_direction=text_direction(page_code),
            canonical_url=self.get_full_url(request),
            x_default_url=source.url if source else self.get_full_url(request),
        )
        return context

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        alternates, _ = page_alternates(self, request)
        if len(alternates) > 1:
            source = next((a for a in alternates if a.code == settings.LANGUAGE_CODE), alternates[0])
            links = [{"lang_code": a.code, "location": a.url} for a in alternates]
            links.append({"lang_code": "x-default", "location": source.url})
            for url in urls:
                url["alternates"] = links
        return urls


class FallbackToSourceRouteMixin:
    """For a locale's root page: a path with no live page in this locale is looked up in the
    source locale's tree, so the reader gets the source page (with the notice) instead of a 404."""

    def route(self, request, path_components):
        try:
            return super().route(request, path_components)
        except Http404:
            default = Locale.get_default()
            if self.locale_id == default.id:
                raise
            source_root = self.get_translations().filter(locale=default).live().first()
            if source_root is None:
                raise
            return source_root.specific.route(request, path_components)
