"""Test sign-ins for staff who must give a second factor."""

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice


def confirmed_totp_device(user) -> TOTPDevice:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="Authenticator app", confirmed=True
    )


def mark_session_verified(client, user) -> None:
    """As if `user` had given their authenticator app's code this session (force_login already
    stands in for the password)."""
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = confirmed_totp_device(user).persistent_id
    session.save()


def one_recovery_code(user) -> str:
    """A fresh single-use recovery code for `user` (browser sign-ins type it at the prompt)."""
    confirmed_totp_device(user)
    device = StaticDevice.objects.filter(user=user).first() or StaticDevice.objects.create(
        user=user, name="Recovery codes", confirmed=True
    )
    token = StaticToken.random_token()
    device.token_set.create(token=token)
    return token
