"""A sitemap of every locale's live, public pages, each with its hreflang alternates."""

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class TranslatedSitemap(Sitemap):
    def items(self):
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_a_tree = Q()
        for root in roots:
            in_a_tree |= Q(path__startswith=root.path)
        return Page.objects.filter(in_a_tree).live().public().order_by("path").defer_streamfields().specific()
