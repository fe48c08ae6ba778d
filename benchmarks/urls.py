"""The site's URLs plus /__bench__/fixed/: a Django view returning a fixed HTML file (the floor),
through the same middleware and settings as the real pages."""

import os
from functools import cache
from pathlib import Path

from django.http import HttpResponse
from django.urls import path

from cms.urls import urlpatterns as site_urlpatterns


@cache
def _fixed_html() -> bytes:
    return Path(os.environ["BENCH_FIXED_HTML"]).read_bytes()


def fixed_html(request):
    return HttpResponse(_fixed_html(), content_type="text/html; charset=utf-8")


urlpatterns = [path("__bench__/fixed/", fixed_html)] + site_urlpatterns
