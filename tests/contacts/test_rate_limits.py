"""Rate limits one client cannot turn against everyone: refused attempts do not count toward
the site-wide limit; past the site-wide limit requests from clients within their own are still
taken (queued, flagged, Admissions alerted once); the client is the address our trusted proxy
saw, never one the client wrote; the admin sign-in throttle counts the same way; production
refuses to start without the shared cache."""

import os
import subprocess
import sys

from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse

from contacts.models import CallbackRequest
from tests.factories import make_user
from tests.helpers.callback import CALLBACK_URL as URL
from tests.helpers.callback import VALID_CALLBACK as VALID


def post_from(client, address, **headers):
    return client.post(URL, VALID, REMOTE_ADDR=address, **headers)


def test_one_client_exhausting_its_limit_does_not_block_another(client, home, settings):
    settings.CALLBACK_RATE_LIMIT_PER_HOUR = 2
    settings.CALLBACK_SITE_LIMIT_PER_HOUR = 4
    codes = [post_from(client, "203.0.113.10").status_code for _ in range(20)]
    assert codes == [302, 302] + [429] * 18
    # 18 refused attempts did not use up the site's allowance: two other readers get through.
    assert post_from(client, "198.51.100.20").status_code == 302
    assert post_from(client, "198.51.100.21").status_code == 302
    assert CallbackRequest.objects.count() == 4
    assert not CallbackRequest.objects.filter(arrived_in_surge=True).exists()


def test_past_the_site_limit_requests_are_queued_not_refused_until_the_ceiling(
    client, home, settings, django_capture_on_commit_callbacks
):
    settings.CALLBACK_RATE_LIMIT_PER_HOUR = 5
    settings.CALLBACK_SITE_LIMIT_PER_HOUR = 2
    settings.CALLBACK_SURGE_CEILING_PER_HOUR = 4
    make_user("admissions", "Admissions")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        responses = [post_from(client, f"192.0.2.{i}") for i in range(1, 6)]
    assert [r.status_code for r in responses] == [302, 302, 302, 302, 503]
    assert [r["Location"] for r in responses[:4]] == [
        "/en-gb/call-back/thanks/",
        "/en-gb/call-back/thanks/",
        "/en-gb/call-back/thanks/?queued=1",
        "/en-gb/call-back/thanks/?queued=1",
    ]
    assert list(CallbackRequest.objects.order_by("pk").values_list("arrived_in_surge", flat=True)) == [
        False,
        False,
        True,
        True,
    ]
    # Admissions hear of each request before the surge, and once in it.
    assert len(mail.outbox) == 3
    # The queued reader is told it may take longer, and shown the numbers to call now.
    thanks = BeautifulSoup(client.get(responses[2]["Location"]).content, "html.parser")
    assert "may take longer" in thanks.text and thanks.select(".need-help a.phone-number")
    # Past the ceiling: a clear message, the numbers, nothing stored.
    full = BeautifulSoup(responses[4].content, "html.parser")
    assert "cannot take more requests" in full.select_one(".error-summary").text
    assert full.select(".need-help a.phone-number")
    assert CallbackRequest.objects.count() == 4


def test_behind_a_trusted_proxy_each_reader_has_their_own_limit(client, home, settings):
    settings.CALLBACK_RATE_LIMIT_PER_HOUR = 1
    settings.TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.5"
    # Two readers behind the same proxy are counted apart ...
    assert post_from(client, proxy, HTTP_X_FORWARDED_FOR="203.0.113.7").status_code == 302
    assert post_from(client, proxy, HTTP_X_FORWARDED_FOR="203.0.113.8").status_code == 302
    # ... and a reader cannot escape their limit by writing addresses of their own in front.
    assert post_from(client, proxy, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7").status_code == 429
    assert post_from(client, proxy, HTTP_X_FORWARDED_FOR="5.6.7.8, 203.0.113.7").status_code == 429


def test_without_a_trusted_proxy_the_header_is_ignored(client, home, settings):
    settings.CALLBACK_RATE_LIMIT_PER_HOUR = 1
    settings.TRUSTED_PROXY_HEADER = ""
    assert post_from(client, "203.0.113.9", HTTP_X_FORWARDED_FOR="1.1.1.1").status_code == 302
    assert post_from(client, "203.0.113.9", HTTP_X_FORWARDED_FOR="2.2.2.2").status_code == 429


def test_admin_sign_in_throttle_counts_the_client_behind_the_proxy(client, db, settings):
    settings.TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    make_user("editor", "Editors")
    url = reverse("wagtailadmin_login")

    def attempt(client_address, username):
        return client.post(
            url,
            {"username": username, "password": "wrong"},
            REMOTE_ADDR="10.0.0.5",
            HTTP_X_FORWARDED_FOR=f"9.9.9.9, {client_address}",
        )

    for i in range(5):
        assert attempt("203.0.113.50", f"guess{i}").status_code == 200
    assert attempt("203.0.113.50", "another").status_code == 429  # that client is throttled
    assert attempt("203.0.113.51", "editor").status_code == 200  # a colleague behind the same proxy is not


def test_production_refuses_to_start_without_the_shared_cache():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "k" * 30 + "production-like-secret-value-xyz-123456",
        "ALLOWED_HOSTS": "clinic.example",
    }
    env.pop("REDIS_URL", None)
    code = "import django; django.setup()"
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert result.returncode != 0 and "REDIS_URL must be set in production" in result.stderr
    env["REDIS_URL"] = "redis://127.0.0.1:6379/9"
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_limits_hold_across_workers_sharing_redis(client, home, settings, monkeypatch):
    """Two workers, each with its own connection to the shared Redis: a client limited on one is
    limited on the other."""
    from django.core.cache.backends.redis import RedisCache

    from cms import ratelimit as counters
    from contacts import ratelimit

    location = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/1")
    workers = [RedisCache(location, {}) for _ in range(2)]
    workers[0].clear()
    settings.CALLBACK_RATE_LIMIT_PER_HOUR = 2
    codes = []
    for worker in [workers[0], workers[1], workers[0], workers[1]]:
        monkeypatch.setattr(ratelimit, "cache", worker)
        monkeypatch.setattr(counters, "cache", worker)
        codes.append(post_from(client, "203.0.113.77").status_code)
    assert codes == [302, 302, 429, 429]
    workers[0].clear()
