"""Project middleware."""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware

# Paths that are not reader pages and never carry a language prefix. Django's middleware
# would turn their 404s into redirects to /<lang>/<path> (which Wagtail's catch-all matches):
# an API client asking for a draft must get the API's 404, not a redirect to an HTML page.
UNPREFIXED_PATHS = ("/api/", "/documents/", "/static/", "/media/", "/sitemap.xml")


class LocaleMiddleware(DjangoLocaleMiddleware):
    def process_response(self, request, response):
        if request.path_info.startswith((*UNPREFIXED_PATHS, "/" + settings.ADMIN_PATH)):
            return response
        return super().process_response(request, response)
