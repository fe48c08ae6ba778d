"""Template helpers for readers' pages: localised dates and numbers, language names."""

from django import template
from django.conf import settings
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.db import DatabaseError
from django.utils import translation
from wagtail.models import Site

from cms import i18n, page_cache
from cms.pages import shown_to_reader

register = template.Library()


@register.simple_tag
def exit_page_url() -> str:
    """Where "Exit this page" goes: a neutral site (EXIT_PAGE_URL)."""
    return settings.EXIT_PAGE_URL


@register.filter
def long_date(value):
    """A date in the reader's locale, long format."""
    return i18n.long_date(value) if value else ""


@register.filter
def local_number(value):
    return i18n.local_number(value) if value is not None else ""


@register.filter
def native_language_name(code):
    return i18n.native_name(code)


@register.filter
def text_direction_of(code):
    return i18n.text_direction(code)


@register.filter
def language_name_for_reader(code):
    """`code`'s language named in the language of the page being rendered."""

    return i18n.language_name_in(code, translation.get_language())


@register.simple_tag(takes_context=True)
def reader_sections(context) -> list[tuple[str, str]]:
    """The header's sections: the home page's children marked "Show in menus" (the guidance
    index), each in the reader's language where translated, at the reader's address."""

    request = context.get("request")
    if request is None:
        return []
    try:
        site = Site.find_for_request(request)
        if site is None:
            return []
        # The same on every page of a language until the next publication (the page cache's
        # generation moves on any change to pages).
        key = f"reader-sections:{page_cache.generation()}:{site.pk}:{i18n.current_code()}"
        sections = cache.get(key)
        if sections is None:
            children = site.root_page.get_children().live().public().in_menu().select_related("locale")
            sections = [shown_to_reader(p, request) for p in children]
            cache.set(key, sections, 3600)
        return sections
    except DatabaseError:  # the error pages must render without the database
        return []


@register.simple_tag(takes_context=True)
def reader_pageurl(context, page) -> str:
    """`page`'s address for this reader: an untranslated original shown to a reader of another
    language is linked under their language's prefix (served there with the notice), so a French
    reader following it stays in French."""
    url = page.get_url(context.get("request"))
    return i18n.reader_url(url, page.locale.language_code, i18n.current_code())


class FragmentNode(template.Node):
    def __init__(self, nodelist, name: str, key: template.base.FilterExpression):
        self.nodelist, self.name, self.key = nodelist, name, key

    def render(self, context):
        key = self.key.resolve(context)
        if not key:
            return self.nodelist.render(context)
        fragments = page_cache.fragments()
        cache_key = make_template_fragment_key(self.name, [key])
        value = fragments.get(cache_key)
        if value is None:
            value = self.nodelist.render(context)
            fragments.set(cache_key, value, settings.FRAGMENT_CACHE_SECONDS)
        return value


@register.tag
def fragment(parser, token):
    """`{% fragment "name" key %}…{% endfragment %}`: Django's `{% cache %}` for a reader's page,
    rendered once and reused while `key` stays the same (the key names everything the part
    shows: `ArticlePage.fragment_key`), for `FRAGMENT_CACHE_SECONDS`. An empty key (a preview,
    whose text is not the live page's; the cache turned off) renders every time, storing nothing."""
    bits = token.split_contents()
    if len(bits) != 3:
        raise template.TemplateSyntaxError(f"'{bits[0]}' takes a quoted name and a key")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, bits[1].strip("\"'"), parser.compile_filter(bits[2]))
