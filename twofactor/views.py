"""Setting up an authenticator app (TOTP) with recovery codes, and giving the second factor."""

import segno
from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .policy import has_device

RECOVERY_CODES = 10


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
        help_text=gettext_lazy("The 6-digit code from your authenticator app, or one of your recovery codes."),
    )


def _next_url(request, default="wagtailadmin_home"):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return default


def setup(request):
    """A new authenticator app for the signed-in user (their unconfirmed one, if they left)."""
    user = request.user
    if has_device(user) and not user.is_verified():
        return redirect("twofactor_verify")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first() or TOTPDevice.objects.create(
        user=user, name=_("Authenticator app"), confirmed=False
    )
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"].strip()):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            StaticDevice.objects.filter(user=user).delete()
            recovery = StaticDevice.objects.create(user=user, name=_("Recovery codes"), confirmed=True)
            codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
            recovery.token_set.bulk_create([StaticToken(device=recovery, token=code) for code in codes])
            otp_login(request, device)
            return TemplateResponse(request, "twofactor/codes.html", {"codes": codes, "next": _next_url(request)})
        form.add_error("token", _("That code is not right. Check the time on your phone and try the newest code."))
    qr = segno.make(device.config_url, error="m").svg_inline(scale=4, title=_("QR code for your authenticator app"))
    secret = device.config_url.split("secret=")[1].split("&")[0]
    return TemplateResponse(request, "twofactor/setup.html", {"form": form, "qr": qr, "secret": secret})


def verify(request):
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"].strip().replace(" ", ""))
        if device is not None:
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                left = device.token_set.count()
                messages.warning(request, _("You used a recovery code; %(left)s are left.") % {"left": left})
            return redirect(_next_url(request))
        form.add_error("token", _("That code is not right, or was used already."))
    return TemplateResponse(request, "twofactor/verify.html", {"form": form, "next": _next_url(request, "")})
