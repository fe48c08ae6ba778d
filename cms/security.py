"""Security headers for readers' pages, and a throttle on admin sign-in."""

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _
from wagtail.admin.views.account import LoginView

from .ratelimit import client_digest, keyed_digest

# No 'unsafe-inline' anywhere: the public templates have no inline scripts or styles
# (a test holds them to that). The admin is Wagtail's own and keeps its defaults.
PUBLIC_CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/" + settings.ADMIN_PATH

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path_info.startswith(self.admin_prefix):
            response.headers.setdefault("Content-Security-Policy", PUBLIC_CSP)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


SIGN_IN_ATTEMPTS = 5
SIGN_IN_WINDOW_SECONDS = 15 * 60


def _keys(request, username: str) -> list[str]:
    return [f"signin-fail:user:{keyed_digest(username.strip().lower())}", f"signin-fail:addr:{client_digest(request)}"]


def _failures(keys) -> int:
    return max(cache.get(key, 0) for key in keys)


class ThrottledLoginView(LoginView):
    """Wagtail's sign-in, refused for 15 minutes after 5 failures for the same account or
    from the same address. Nothing is stored but counters under keyed hashes."""

    def post(self, request, *args, **kwargs):
        keys = _keys(request, request.POST.get("username", ""))
        if _failures(keys) >= SIGN_IN_ATTEMPTS:
            form = self.get_form()
            form.errors.clear()
            form.add_error(None, _("Too many failed sign-in attempts. Please wait 15 minutes and try again."))
            return self.render_to_response(self.get_context_data(form=form), status=429)
        response = super().post(request, *args, **kwargs)
        if request.user.is_authenticated:
            cache.delete_many(keys)
        else:
            for key in keys:
                cache.add(key, 0, SIGN_IN_WINDOW_SECONDS)
                cache.incr(key)
        return response
