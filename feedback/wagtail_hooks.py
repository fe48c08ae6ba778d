from django.http import HttpRequest
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import PageFeedbackReportView, can_see_feedback


@hooks.register("register_admin_urls")
def feedback_report_urls() -> list[URLPattern]:
    return [
        path("reports/page-feedback/", PageFeedbackReportView.as_view(), name="page_feedback_report"),
        path(
            "reports/page-feedback/results/",
            PageFeedbackReportView.as_view(results_only=True),
            name="page_feedback_report_results",
        ),
    ]


class FeedbackReportMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return can_see_feedback(request.user)


@hooks.register("register_reports_menu_item")
def register_feedback_report_menu_item() -> MenuItem:
    return FeedbackReportMenuItem(_("Page feedback"), reverse("page_feedback_report"), icon_name="comment", order=660)
