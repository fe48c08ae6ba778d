"""Every admin request (pages, actions, the admin API) from staff who must use a second factor
and have not given it this session is sent to set one up or to give it. After OTPMiddleware."""

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from .policy import has_device, must_verify

# Reachable before the second factor: signing in and out, the second-factor pages themselves.
OPEN_NAMES = (
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",  # the prompt's own page needs the admin's scripts and icons
    "wagtailadmin_sprite",
    "twofactor_setup",
    "twofactor_verify",
)


class RequireSecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/" + settings.ADMIN_PATH

    def __call__(self, request):
        if (
            request.path.startswith(self.admin_prefix)
            and request.path not in {reverse(name) for name in OPEN_NAMES}
            and must_verify(getattr(request, "user", None))
        ):
            target = "twofactor_verify" if has_device(request.user) else "twofactor_setup"
            next_url = request.get_full_path() if request.method == "GET" else ""
            query = "?" + urlencode({"next": next_url}) if next_url else ""
            return redirect(reverse(target) + query)
        return self.get_response(request)
