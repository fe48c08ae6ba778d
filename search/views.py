"""Reader search, for now on Wagtail's database backend within the reader's locale.
The Elasticsearch service (issue 5) replaces the query behind this same page."""

import logging
import re

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import DatabaseError
from django.template.response import TemplateResponse
from wagtail.models import Locale

from articles.models import ArticlePage
from contacts.crisis import suggests_crisis
from contacts.models import crisis_context

# Longer queries are cut, not refused: a reader pasting a paragraph still gets results.
MAX_QUERY_LENGTH = 200
PAGE_SIZE = 10
_WORD = re.compile(r"\w+", re.UNICODE)

logger = logging.getLogger(__name__)


def clean_query(raw: str) -> str:
    """Collapse whitespace, drop control characters and cut to MAX_QUERY_LENGTH."""
    printable = "".join(ch if ch.isprintable() else " " for ch in raw or "")
    return " ".join(printable.split())[:MAX_QUERY_LENGTH].strip()


def database_terms(query: str) -> str:
    """Words only: the database backends' full-text syntax (FTS5, tsquery) must never see
    a reader's quotes, brackets or operators."""
    return " ".join(_WORD.findall(query))


def search(request):
    query = clean_query(request.GET.get("q", ""))
    results, unavailable = None, False
    terms = database_terms(query)
    if terms:
        articles = ArticlePage.objects.live().public().filter(locale=Locale.get_active())
        paginator = Paginator(articles.search(terms), PAGE_SIZE)
        try:
            try:
                results = paginator.page(request.GET.get("page", 1))
            except (PageNotAnInteger, EmptyPage):
                results = paginator.page(1)
            results.object_list = list(results.object_list)
        except DatabaseError as error:
            # The reader's words are personal, and a database error's text or traceback can
            # quote them: log only that search failed and the kind of error.
            logger.error("Database search failed (%s)", type(error).__name__)
            results, unavailable = None, True
    context = {"search_query": query, "results": results, "search_unavailable": unavailable}
    if suggests_crisis(query):
        context.update(crisis_context(request.reader_country), show_crisis=True)
    return TemplateResponse(request, "search/search.html", context)
