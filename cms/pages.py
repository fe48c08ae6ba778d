"""What every reader-facing page knows about languages: its live translations (for the
switcher and hreflang), its canonical URL, and whether it is shown in a language other than
the reader's because it has no live translation in theirs."""

from functools import partial

from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.utils.translation import gettext
from wagtail.models import Locale
from wagtail.url_routing import RouteResult

from . import page_cache
from .i18n import current_code, page_alternates, reader_url, text_direction
from .page_cache import mark_cacheable

TRANSLATION_OF_ROUTED_PAGE = "translation_of_routed_page"


def shown_to_reader(page, request) -> tuple[str, str]:
    """(title, address) of `page` for this reader: its live translation in their language if
    there is one, else the page itself at their language's address."""
    language = current_code()
    shown = page if page.locale.language_code == language else page.localized
    return shown.title, reader_url(shown.get_url(request), shown.locale.language_code, language)


ROUTE = "reader_route"


def breadcrumbs(page, request, page_language: str) -> list[tuple[str, str]]:
    """The way back up from `page` to its home page, in the reader's language (GOV.UK's pattern:
    the current page is not a crumb). The home page is named "Home". The pages above come from
    the routing that found this one (no query); a page served otherwise (a preview) asks."""
    route = getattr(request, ROUTE, None)
    above = [p for p in route.values() if p.depth < page.depth] if route else page.get_ancestors().filter(depth__gte=2)
    in_readers_language = page_language == current_code()
    crumbs = []
    for ancestor in sorted(above, key=lambda p: p.depth):
        if in_readers_language and ancestor.locale_id == page.locale_id:
            title, url = ancestor.title, ancestor.get_url(request)
        else:
            title, url = shown_to_reader(ancestor, request)
        crumbs.append((gettext("Home") if ancestor.depth == 2 else title, url))
    return crumbs


class ReaderPageMixin:
    def route(self, request, path_components):
        # Remember each page the path passes through, by depth (a fallback to the source tree
        # replaces the reader's language's page at the same depth): the breadcrumbs.
        if request is not None:
            request.__dict__.setdefault(ROUTE, {})[self.depth] = self
        return super().route(request, path_components)

    def serve(self, request, *args, **kwargs):
        if kwargs.pop(TRANSLATION_OF_ROUTED_PAGE, False):
            # Reached by the original's path under this page's language prefix (an address from
            # before the slug was translated, or a link built from the original): go to this
            # page's own address. Temporary: the translation may be unpublished again.
            return HttpResponseRedirect(self.get_url(request))
        # Wagtail has already applied view restrictions: a private page only gets here for a
        # visitor with a session (password given or signed in), and the page cache never
        # stores or serves anything for a request with a session.
        mark_cacheable(request)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Moves with this address's purges: a translation published or withdrawn purges here.
        alternates, page_code = page_cache.reuse(
            request, "alternates", partial(page_alternates, self, request), self.pk
        )
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
            breadcrumbs=breadcrumbs(self, request, page_code),
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
            result = source_root.specific.route(request, path_components)
            translation = result.page.get_translations().filter(locale_id=self.locale_id).live().first()
            if translation is not None:
                return RouteResult(translation.specific, kwargs={TRANSLATION_OF_ROUTED_PAGE: True})
            return result
