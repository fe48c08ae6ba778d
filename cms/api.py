"""Wagtail's read API: live, public pages only (PagesAPIViewSet filters them), blocks as JSON.

Its search filter passes `search_operator` to the search backend unchecked, and a value other
than "and"/"or" raised a ValueError (a 500). `CheckedSearchFilter` answers 400 with a message."""

from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet

SEARCH_OPERATORS = ("and", "or")


class CheckedSearchFilter(SearchFilter):
    def filter_queryset(self, request, queryset, view):
        operator = request.GET.get("search_operator")
        if "search" in request.GET and operator is not None and operator not in SEARCH_OPERATORS:
            raise BadRequestError("search_operator must be 'and' or 'or'")
        if "\x00" in request.GET.get("search", ""):
            # PostgreSQL refuses the NUL character in any text: a 500 before this.
            raise BadRequestError("search must not contain the NUL character")
        return super().filter_queryset(request, queryset, view)


class ReaderPagesAPIViewSet(PagesAPIViewSet):
    filter_backends = [
        CheckedSearchFilter if backend is SearchFilter else backend for backend in PagesAPIViewSet.filter_backends
    ]


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", ReaderPagesAPIViewSet)
