"""Readers' views: the region selector and the confidential call-back form."""

from django.conf import settings
from django.db import transaction
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables

from . import ratelimit, region
from .forms import CallbackForm
from .models import CallbackRequest, contact_directory, help_context
from .tasks import notify_admissions_of_new_request, purge_expired_callback_requests


def _safe_next(request, fallback: str) -> str:
    target = request.GET.get("next") or request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return fallback


def choose_region(request):
    """GET ?country=XX&next=/path/: remember the reader's country (a preference, not personal
    data) and go back. Without a valid country, show the form with a message."""
    home = f"/{translation.get_language()}/"
    error = None
    if "country" in request.GET:
        country = region.valid_country(request.GET["country"])
        if country:
            response = HttpResponseRedirect(_safe_next(request, home))
            # A session cookie: gone when the browser closes, so a shared or checked device does
            # not keep which country's help lines a reader looked at.
            response.set_cookie(
                settings.READER_COUNTRY_COOKIE,
                country,
                samesite="Lax",
                httponly=True,
                secure=request.is_secure(),
            )
            return response
        error = _("Please choose a country from the list.")
    countries = region.country_choices()
    return TemplateResponse(
        request,
        "contacts/choose_region.html",
        {
            "countries": countries,
            "current": request.reader_country,
            "next": _safe_next(request, home),
            "error": error,
        },
        status=400 if error else 200,
    )


# The form and its thanks page are never stored by the browser or any cache (`no-store`): what a
# reader typed must not come back from the disk cache or on Back.
@method_decorator(never_cache, name="dispatch")
@method_decorator(sensitive_post_parameters(), name="dispatch")
class CallbackView(View):
    """The confidential call-back form. Nothing a reader sends is logged: the view's POST data
    is masked in error reports, and refusals store nothing."""

    template_name = "contacts/callback_form.html"

    def render(self, request, form, status=200):
        if form.is_bound:
            form.describe_errors()
        context = {"form": form, **help_context(request.reader_country)}
        return TemplateResponse(request, self.template_name, context, status=status)

    def get(self, request):
        return self.render(request, CallbackForm(reader_country=request.reader_country))

    @method_decorator(sensitive_variables())
    def post(self, request):
        form = CallbackForm(request.POST, reader_country=request.reader_country)
        thanks = reverse("callback_thanks")
        if form.is_bot:
            return HttpResponseRedirect(thanks)  # looks like success to the bot; stores nothing
        if not form.is_valid():
            return self.render(request, form, status=400)
        # Only requests that would be stored count: a reader correcting typos is not a flood.
        decision = ratelimit.decide(request)
        if decision is ratelimit.Decision.CLIENT_LIMITED:
            form.add_error(
                None,
                _("We have had too many requests from you just now. Please call us instead, or try again in an hour."),
            )
            return self.render(request, form, status=429)
        if decision is ratelimit.Decision.SITE_FULL:
            form.add_error(
                None,
                _("We cannot take more requests just now. Please call one of the numbers on this page instead."),
            )
            return self.render(request, form, status=503)
        data = form.cleaned_data
        surge = decision is ratelimit.Decision.QUEUE
        with transaction.atomic():
            CallbackRequest.objects.create(
                name=data["name"].strip(),
                phone_number=data["phone_e164"],
                preferred_time=data["preferred_time"],
                voicemail_ok=data["voicemail_ok"],
                may_say_clinic=data["may_say_clinic"],
                safe_times=data["safe_times"].strip(),
                safe_contact=data["safe_contact"].strip(),
                message=data["message"].strip(),
                arrived_in_surge=surge,
                language=translation.get_language(),
                consent_given_at=timezone.now(),
            )
            # In a surge, Admissions hear once an hour, not once a request.
            if not surge or ratelimit.first_in_surge():
                transaction.on_commit(notify_admissions_of_new_request.enqueue)
            transaction.on_commit(purge_expired_callback_requests.enqueue)
        return HttpResponseRedirect(thanks + ("?queued=1" if surge else ""))


@never_cache
def callback_thanks(request):
    context = {**help_context(request.reader_country), "queued": request.GET.get("queued") == "1"}
    return TemplateResponse(request, "contacts/callback_thanks.html", context)


def get_help(request):
    """ "Get help now" (linked from every page's header): the reader's country's emergency
    number and helplines, the clinic's own numbers, the call back and how to leave fewer traces."""
    directory = contact_directory(request.reader_country)
    clinic = [(contact, contact.for_reader(request.reader_country)) for contact in directory.values()]
    return TemplateResponse(
        request,
        "contacts/get_help.html",
        {**help_context(request.reader_country, directory), "contact_numbers": clinic},
    )


def cover_your_tracks(request):
    """How to leave fewer traces of a visit: private browsing, history, shared devices; and what
    this site itself keeps on a reader's device."""
    return TemplateResponse(request, "contacts/cover_your_tracks.html", help_context(request.reader_country))
