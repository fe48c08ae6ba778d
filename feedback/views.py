"""Readers' feedback on a page: POST yes or no, then (for "no", optionally) what was missing.

The buttons sit on cached pages, so there is no CSRF token: a forged vote can only add a count,
and a client's votes are counted up to FEEDBACK_VOTES_PER_HOUR an hour (cms.ratelimit: a keyed
hash of the address in the shared cache, nothing kept), so a script cannot fill the table.
The comment is tied to the reader's own answer by a signed token valid for an hour (never a
cookie). Answers are never cached, logged or linked to the reader."""

from typing import Any

from django.conf import settings
from django.core import signing
from django.http import Http404, HttpRequest
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from wagtail.models import Page

from cms.i18n import reader_url
from cms.ratelimit import within_hourly_limit

from .forms import CommentForm, UsefulForm
from .models import PageFeedback

SALT = "feedback.comment"
TOKEN_SECONDS = 3600


def _readable_page(page_id: int) -> Page:
    page = Page.objects.live().public().filter(pk=page_id, depth__gt=1).select_related("locale").first()
    if page is None:
        raise Http404
    return page


def _back_to(page: Page, request: HttpRequest) -> str:
    return reader_url(page.get_url(request), page.locale.language_code, translation.get_language())


def _answer(request: HttpRequest, context: dict[str, Any], status: int = 200) -> TemplateResponse:
    return TemplateResponse(request, "feedback/thanks.html", context, status=status)


@csrf_exempt
@require_POST
@never_cache
@sensitive_post_parameters("comment")
def give_feedback(request: HttpRequest, page_id: int) -> TemplateResponse:
    page = _readable_page(page_id)
    context = {"page_url": _back_to(page, request), "page_title": page.title}
    if "token" in request.POST:
        return _comment(request, page, context)
    form = UsefulForm(request.POST)
    if not form.is_valid():
        return _answer(request, {**context, "errors": form.errors["useful"]}, status=400)
    if not within_hourly_limit(request, "feedback-votes", settings.FEEDBACK_VOTES_PER_HOUR):
        errors = [_("Thank you. Many answers came from your connection this hour, so this one was not counted.")]
        return _answer(request, {**context, "errors": errors}, status=429)
    useful = form.cleaned_data["useful"]
    feedback = PageFeedback.objects.create(page=page, language=translation.get_language(), useful=useful)
    if not useful:
        context["comment_form"] = CommentForm(initial={"token": signing.dumps(feedback.pk, salt=SALT)})
    return _answer(request, context)


def _comment(request: HttpRequest, page: Page, context: dict[str, Any]) -> TemplateResponse:
    country = getattr(request, "reader_country", settings.DEFAULT_READER_COUNTRY)
    form = CommentForm(request.POST, reader_country=country)
    if not form.is_valid():
        # A reader who left a number or an address wants to be contacted: point them to where
        # that is possible (the confidential call back, the numbers to call now).
        wants_contact = form.has_error("comment", "phone") or form.has_error("comment", "email")
        return _answer(request, {**context, "comment_form": form, "wants_contact": wants_contact}, status=400)
    try:
        pk = signing.loads(form.cleaned_data["token"], salt=SALT, max_age=TOKEN_SECONDS)
    except signing.BadSignature:
        return _answer(request, {**context, "errors": [_("This form has expired. Thank you for your answer.")]}, 400)
    # Once only, on a "no" for this very page.
    answer = PageFeedback.objects.filter(pk=pk, page=page, useful=False, comment="")
    if not answer.update(comment=form.cleaned_data["comment"]):
        return _answer(request, {**context, "errors": [_("This comment has already been sent. Thank you.")]}, 400)
    return _answer(request, context)
