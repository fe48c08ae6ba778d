"""The Admissions group's view of call-back requests. Membership of the group is the only
way in: superusers who are not in it are refused too, because these are health data."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .models import CallbackRequest
from .tasks import ADMISSIONS_GROUP


def can_read_callback_requests(user) -> bool:
    return bool(
        user and user.is_authenticated and user.is_active and user.groups.filter(name=ADMISSIONS_GROUP).exists()
    )


def _require_admissions(request):
    if not can_read_callback_requests(request.user):
        raise PermissionDenied


def callback_request_list(request):
    _require_admissions(request)
    show = request.GET.get("show", "waiting")
    requests = CallbackRequest.objects.select_related("called_by")
    if show == "waiting":
        requests = requests.filter(called_at__isnull=True)
    return TemplateResponse(
        request, "contacts/admin/callback_requests.html", {"requests": requests[:500], "show": show}
    )


@require_POST
def mark_called(request, pk):
    _require_admissions(request)
    callback = get_object_or_404(CallbackRequest, pk=pk)
    if callback.called_at is None:
        callback.called_at = timezone.now()
        callback.called_by = request.user
        callback.save(update_fields=["called_at", "called_by"])
    messages.success(request, _("Marked as called."))
    return redirect("callback_requests")
