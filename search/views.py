"""Reader search: the page, a JSON endpoint with the same parameters, and autocomplete.
All three answer in the reader's language, from Elasticsearch or the database (search/query.py)."""

from urllib.parse import urlencode

from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils import translation

from contacts.crisis import suggests_crisis
from contacts.models import help_context

from . import query as service


def _language() -> str:
    return translation.get_language()


def _url(params: service.SearchParams, **changes) -> str:
    values = {"q": params.query, "topic": params.topics, "sort": params.sort, "page": params.page, **changes}
    if values["sort"] == "relevance":
        values.pop("sort")
    if values["page"] == 1:
        values.pop("page")
    return "?" + urlencode({k: v for k, v in values.items() if v not in ("", [], None)}, doseq=True)


def search(request):
    params = service.SearchParams.from_request(request.GET)
    results = service.search(_language(), params)
    for facet in results.facets:
        chosen = [slug for slug in params.topics if slug != facet.slug] + ([] if facet.selected else [facet.slug])
        facet.url = _url(params, topic=chosen, page=1)
    context = {
        "search_query": params.query,
        "params": params,
        "results": results,
        "search_unavailable": results.unavailable,
        "previous_url": _url(params, page=params.page - 1) if results.has_previous else "",
        "next_url": _url(params, page=params.page + 1) if results.has_next else "",
        "suggestion_url": _url(params, q=results.suggestion, page=1) if results.suggestion else "",
        # Nothing in the chosen topics: the same words in every topic (another facet would only
        # narrow the search further, and pages with no topic have none to turn to).
        "all_topics_url": _url(params, topic=[], page=1) if params.query and params.topics and not results.hits else "",
    }
    if suggests_crisis(params.query):
        context.update(help_context(request.reader_country), show_crisis=True)
    return TemplateResponse(request, "search/search.html", context, status=503 if results.unavailable else 200)


def search_json(request):
    params = service.SearchParams.from_request(request.GET)
    results = service.search(_language(), params)
    return JsonResponse(
        results.as_json(), status=503 if results.unavailable else 200, json_dumps_params={"ensure_ascii": False}
    )


def autocomplete(request):
    return JsonResponse(
        {"results": service.autocomplete(_language(), request.GET.get("q", ""))},
        json_dumps_params={"ensure_ascii": False},
    )
