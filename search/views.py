"""Reader search, for now on Wagtail's database backend within the reader's locale.
The Elasticsearch service (issue 5) replaces the query behind this same page."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.template.response import TemplateResponse
from wagtail.models import Locale

from articles.models import ArticlePage

# Longer queries are cut, not refused: a reader pasting a paragraph still gets results.
MAX_QUERY_LENGTH = 200
PAGE_SIZE = 10


def clean_query(raw: str) -> str:
    """Collapse whitespace, drop control characters and cut to MAX_QUERY_LENGTH."""
    printable = "".join(ch if ch.isprintable() else " " for ch in raw or "")
    return " ".join(printable.split())[:MAX_QUERY_LENGTH].strip()


def search(request):
    query = clean_query(request.GET.get("q", ""))
    results = None
    if query:
        articles = ArticlePage.objects.live().public().filter(locale=Locale.get_active())
        paginator = Paginator(articles.search(query), PAGE_SIZE)
        try:
            results = paginator.page(request.GET.get("page", 1))
        except (PageNotAnInteger, EmptyPage):
            results = paginator.page(1)
    return TemplateResponse(request, "search/search.html", {"search_query": query, "results": results})
