from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.decorators.cache import never_cache
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from review.views import ReviewerPageHistoryView, ReviewerRevisionsCompareView, edit_page_after_own_workflow_action
from search import views as search_views

from .api import api_router
from .robots import robots_txt
from .security import ThrottledLoginView
from .sitemaps import TranslatedSitemap

urlpatterns = [
    # Before Wagtail's own: sign-in with a throttle on failures.
    path(f"{settings.ADMIN_PATH}login/", ThrottledLoginView.as_view(), name="wagtailadmin_login"),
    # Before Wagtail's own: a page's history and revision comparison, open to its clinical
    # reviewers as well as its editors (review/views.py). Same addresses and URL names.
    re_path(
        rf"^{settings.ADMIN_PATH}pages/(?P<pk>\d+)/revisions/compare/"
        r"(?P<revision_id_a>live|earliest|\d+)\.\.\.(?P<revision_id_b>live|latest|\d+)/$",
        never_cache(require_admin_access(ReviewerRevisionsCompareView.as_view())),
    ),
    path(
        f"{settings.ADMIN_PATH}pages/<int:page_id>/edit/",
        never_cache(require_admin_access(edit_page_after_own_workflow_action)),
    ),
    path(
        f"{settings.ADMIN_PATH}pages/<int:page_id>/history/",
        never_cache(require_admin_access(ReviewerPageHistoryView.as_view())),
    ),
    path(
        f"{settings.ADMIN_PATH}pages/<int:page_id>/history/results/",
        never_cache(require_admin_access(ReviewerPageHistoryView.as_view(results_only=True))),
    ),
    path(settings.ADMIN_PATH, include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": TranslatedSitemap}}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Readers' pages always carry their language: /en-gb/..., and / redirects to it.
urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path("search/api/", search_views.search_json, name="search_json"),
    path("search/autocomplete/", search_views.autocomplete, name="search_autocomplete"),
    path("", include("contacts.urls")),
    path("", include("feedback.urls")),
    # Wagtail's own front-end sign-in (where it sends visitors of private pages and documents)
    # would be a second password form without the admin's throttle: one door for staff, the
    # throttled one, with the same `next`.
    path(
        "_util/login/",
        RedirectView.as_view(pattern_name="wagtailadmin_login", query_string=True),
        name="wagtailcore_login",
    ),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
