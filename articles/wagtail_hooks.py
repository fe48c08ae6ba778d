from django.http import HttpRequest
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_views import guidance_pages_for, import_article_view
from .models import Topic


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    add_to_admin_menu = True
    list_display = ["name", "slug"]
    search_fields = ["name"]


register_snippet(TopicViewSet)


@hooks.register("register_admin_urls")
def import_article_urls() -> list[URLPattern]:
    return [path("articles/import/", import_article_view, name="articles_import")]


class ImportArticleMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return bool(guidance_pages_for(request.user))


@hooks.register("register_admin_menu_item")
def register_import_article_menu_item() -> MenuItem:
    return ImportArticleMenuItem(
        _("Import an article"), reverse("articles_import"), icon_name="doc-full-inverse", order=210
    )
