"""The Admissions group's view of call-back requests. Membership of the group is the only
way in: superusers who are not in it are refused too, because these are health data."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .models import ADMISSIONS_GROUP, CallbackRequest, CallOutcome


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
    requests = (CallbackRequest.waiting() if show == "waiting" else CallbackRequest.objects).select_related("called_by")
    return TemplateResponse(
        request,
        "contacts/admin/callback_requests.html",
        {"requests": requests[:500], "show": show, "outcomes": CallOutcome.choices},
    )


@require_POST
def mark_called(request, pk):
    """Record a call and what came of it. "Spoke to the reader" and "Wrong number" close the
    request; "No answer" and "Not safe to talk" keep it waiting for another try."""
    _require_admissions(request)
    outcome = request.POST.get("outcome", "")
    if outcome not in CallOutcome.values:
        messages.error(request, _("Choose what happened on the call."))
        return redirect("callback_requests")
    with transaction.atomic():
        callback = get_object_or_404(CallbackRequest.objects.select_for_update(), pk=pk)
        callback.called_at, callback.called_by, callback.call_outcome = timezone.now(), request.user, outcome
        callback.save(update_fields=["called_at", "called_by", "call_outcome"])
    messages.success(request, _("Call recorded: %(outcome)s.") % {"outcome": CallOutcome(outcome).label})
    return redirect("callback_requests")


@require_POST
def undo_called(request, pk):
    """Undo a call recorded by mistake: the request waits again, as before the call."""
    _require_admissions(request)
    with transaction.atomic():
        callback = get_object_or_404(CallbackRequest.objects.select_for_update(), pk=pk)
        callback.called_at, callback.called_by, callback.call_outcome = None, None, ""
        callback.save(update_fields=["called_at", "called_by", "call_outcome"])
    messages.success(request, _("Undone: the request is waiting for a call again."))
    return redirect("callback_requests")
