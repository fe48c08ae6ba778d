from django.conf import settings
from django.utils.cache import patch_vary_headers

from . import region


class ReaderCountryMiddleware:
    """Sets `request.reader_country`; responses vary on what chose it, so no cache serves
    one country's numbers to a reader in another."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.reader_country, request.reader_country_source = region.resolve(request)
        response = self.get_response(request)
        vary = ["Cookie", "Accept-Language"]
        if settings.READER_COUNTRY_HEADER:
            vary.append(settings.READER_COUNTRY_HEADER)
        patch_vary_headers(response, vary)
        return response
