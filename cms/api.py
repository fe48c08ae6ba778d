"""Wagtail's read API: live, public pages only (PagesAPIViewSet filters them), blocks as JSON.

Its search filter passes `search_operator` to the search backend unchecked, and a value other
than "and"/"or" raised a ValueError (a 500). `CheckedSearchFilter` answers 400 with a message,
and searches the query's words only."""

from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet

from .fulltext import database_terms

SEARCH_OPERATORS = ("and", "or")


class CheckedSearchFilter(SearchFilter):
    def filter_queryset(self, request, queryset, view):
        operator = request.GET.get("search_operator")
        if "search" in request.GET and operator is not None and operator not in SEARCH_OPERATORS:
            raise BadRequestError("search_operator must be 'and' or 'or'")
        if "\x00" in request.GET.get("search", ""):
            # PostgreSQL refuses the NUL character in any text: a 500 before this.
            raise BadRequestError("search must not contain the NUL character")
        if "search" in request.GET:
            # Words only reach the database backend's full-text syntax (cms.fulltext): a `"`
            # was "unterminated string", a 500, on SQLite. Wagtail's filter reads the request.
            words = request.GET.copy()
            words["search"] = database_terms(words["search"])
            request._request.GET = words
        return super().filter_queryset(request, queryset, view)


class ReaderPagesAPIViewSet(PagesAPIViewSet):
    filter_backends = [
        CheckedSearchFilter if backend is SearchFilter else backend for backend in PagesAPIViewSet.filter_backends
    ]


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", ReaderPagesAPIViewSet)
