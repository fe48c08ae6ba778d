"""Admin → Reports → Page feedback: yes/no counts per page and language with what readers said
was missing, for editors (and superusers), with CSV/XLSX export."""

from types import SimpleNamespace
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

from cms.i18n import native_name
from cms.spreadsheets import FormulaSafeExportMixin
from review.permissions import is_editor

from .models import PageFeedback


def can_see_feedback(user: Any) -> bool:
    return user.is_active and (user.is_superuser or is_editor(user))


class PageFeedbackReportView(FormulaSafeExportMixin, ReportView):
    page_title = gettext_lazy("Page feedback")
    header_icon = "comment"
    index_url_name = "page_feedback_report"
    index_results_url_name = "page_feedback_report_results"
    paginate_by = 100
    columns = [
        TitleColumn("title", label=gettext_lazy("Page"), url_name="wagtailadmin_pages:edit", id_accessor="page_id"),
        Column("language_name", label=gettext_lazy("Language")),
        Column("useful", label=gettext_lazy("Useful")),
        Column("not_useful", label=gettext_lazy("Not useful")),
        Column("comments_text", label=gettext_lazy("What was missing")),
    ]
    list_export = ["title", "language", "useful", "not_useful", "comments_text"]
    export_headings = {
        "title": gettext_lazy("Page"),
        "language": gettext_lazy("Language"),
        "useful": gettext_lazy("Useful"),
        "not_useful": gettext_lazy("Not useful"),
        "comments_text": gettext_lazy("What was missing"),
    }

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_see_feedback(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self) -> str:
        return f"page-feedback-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self) -> list[SimpleNamespace]:
        rows = (
            PageFeedback.objects.values("page_id", "language")
            .annotate(yes=Count("pk", filter=Q(useful=True)), no=Count("pk", filter=Q(useful=False)))
            .order_by("-no", "-yes", "page_id", "language")
        )
        titles = dict(Page.objects.filter(pk__in={row["page_id"] for row in rows}).values_list("pk", "title"))
        comments: dict[tuple[int, str], list[str]] = {}
        for page_id, language, comment in (
            PageFeedback.objects.exclude(comment="")
            .order_by("-given_on", "-pk")
            .values_list("page_id", "language", "comment")
        ):
            comments.setdefault((page_id, language), []).append(comment)
        return [
            SimpleNamespace(
                page_id=row["page_id"],
                language=row["language"],
                useful=row["yes"],
                not_useful=row["no"],
                title=titles.get(row["page_id"], ""),
                language_name=native_name(row["language"]),
                comments_text=" | ".join(comments.get((row["page_id"], row["language"]), [])),
            )
            for row in rows
        ]
