"""Headers, deploy checks, admin sign-in throttling, and what readers can never reach."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.urls import reverse
from wagtail.models import PageViewRestriction

from tests.factories import ArticlePageFactory

ROOT = Path(__file__).resolve().parents[1]


def test_check_deploy_with_production_settings_reports_nothing():
    env = {
        # Not the browser harness's DJANGO_ALLOW_ASYNC_UNSAFE, which deployments must not set.
        **{k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}},
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "guidance.example.org",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.django_db
def test_public_pages_carry_strict_security_headers(client, guidance):
    article = ArticlePageFactory(parent=guidance)
    for url in ["/en-gb/", article.url, "/en-gb/search/?q=x", "/en-gb/call-back/", "/en-gb/missing/"]:
        response = client.get(url)
        csp = response["Content-Security-Policy"]
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["X-Frame-Options"] == "DENY"
        assert response["Referrer-Policy"] == "same-origin"
        assert "camera=()" in response["Permissions-Policy"]


@pytest.mark.django_db
def test_hsts_and_secure_cookies_in_production_settings(settings, client, home):
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import cms.settings.production as s; print(s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, "
            "s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.SECURE_SSL_REDIRECT, s.DEBUG)",
        ],
        cwd=ROOT,
        env={**os.environ, "SECRET_KEY": secrets.token_urlsafe(64), "ALLOWED_HOSTS": "a.example"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == ["31536000", "True", "True", "True", "True", "False"]
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    assert client.get("/en-gb/", secure=True)["Strict-Transport-Security"].startswith("max-age=31536000")


@pytest.fixture
def editor(django_user_model, db):
    return django_user_model.objects.create_superuser("editor", "editor@clinic.example", "correct-horse-battery")


def test_admin_sign_in_is_throttled_after_repeated_failures(client, editor):
    cache.clear()
    url = reverse("wagtailadmin_login")
    for _ in range(5):
        response = client.post(url, {"username": "editor", "password": "wrong"})
        assert response.status_code == 200
    refused = client.post(url, {"username": "editor", "password": "correct-horse-battery"})
    assert refused.status_code == 429
    assert "Too many failed sign-in attempts" in refused.content.decode()
    assert "_auth_user_id" not in client.session
    cache.clear()  # the window passes
    assert client.post(url, {"username": "editor", "password": "correct-horse-battery"}).status_code == 302
    assert "_auth_user_id" in client.session


def test_successful_sign_in_resets_the_count(client, editor):
    cache.clear()
    url = reverse("wagtailadmin_login")
    for _ in range(4):
        client.post(url, {"username": "editor", "password": "wrong"})
    assert client.post(url, {"username": "editor", "password": "correct-horse-battery"}).status_code == 302
    client.logout()
    for _ in range(4):
        client.post(url, {"username": "editor", "password": "wrong"})
    assert client.post(url, {"username": "editor", "password": "correct-horse-battery"}).status_code == 302


@pytest.mark.django_db
def test_readers_cannot_reach_drafts_private_pages_revisions_previews_or_admin_data(client, guidance):
    live = ArticlePageFactory(parent=guidance, title="Live guidance")
    draft = ArticlePageFactory(parent=guidance, title="Secret draft", publish=False)
    private = ArticlePageFactory(parent=guidance, title="Private guidance")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="pw")
    live.title = "Unpublished edit"
    revision = live.save_revision()

    assert client.get(f"/en-gb/guidance/{draft.slug}/").status_code == 404
    assert "Private guidance" not in client.get(private.url).content.decode()
    assert "Unpublished edit" not in client.get(live.url).content.decode()
    assert client.get(f"/api/v2/pages/{draft.id}/").status_code == 404
    assert client.get(f"/api/v2/pages/{private.id}/").status_code == 404
    for url in [
        reverse("wagtailadmin_pages:revisions_view", args=[live.id, revision.id]),
        reverse("wagtailadmin_pages:preview_on_edit", args=[draft.id]),
        reverse("wagtailadmin_pages:view_draft", args=[draft.id]),
        "/admin/api/main/pages/",
        f"/admin/api/main/pages/{draft.id}/",
        reverse("callback_requests"),
        reverse("translation_status"),
    ]:
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        if response.status_code == 302:
            assert response["Location"].startswith("/admin/login/"), url
        body = response.content.decode()
        assert "Secret draft" not in body and "Unpublished edit" not in body


@pytest.mark.django_db
def test_admin_can_move_to_its_own_path(settings):
    """ADMIN_PATH is read once at start-up; a fresh process shows the admin under it."""
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.urls import reverse; "
            "print(reverse('wagtailadmin_home'), reverse('wagtailadmin_login'))",
        ],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test", "ADMIN_PATH": "staff-7q/"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == ["/staff-7q/", "/staff-7q/login/"], result.stderr


@pytest.mark.parametrize("language", ["en-gb", "es", "fr", "ar"])
def test_every_password_form_the_site_exposes_is_the_one_throttled_sign_in(client, editor, language):
    """Wagtail's front-end sign-in (`/<lang>/_util/login/`, where it sends visitors of private
    pages and documents) was a second password form without the throttle: a right password
    there gave an admin session while the admin's form answered 429. Now it is the admin's."""
    cache.clear()
    admin_login = reverse("wagtailadmin_login")
    for _ in range(5):
        client.post(admin_login, {"username": "editor", "password": "wrong"})
    front = f"/{language}/_util/login/"
    sent = client.post(front + "?next=/admin/", {"username": "editor", "password": "correct-horse-battery"})
    assert sent.status_code == 302 and sent["Location"].startswith(admin_login)
    assert "_auth_user_id" not in client.session
    followed = client.post(sent["Location"], {"username": "editor", "password": "correct-horse-battery"})
    assert followed.status_code == 429 and "_auth_user_id" not in client.session
    shown = client.get(front + "?next=/en-gb/private/")
    assert shown.status_code == 302 and shown["Location"] == admin_login + "?next=/en-gb/private/"
    cache.clear()


def test_a_private_page_sends_its_visitor_to_the_throttled_sign_in(client, guidance):
    article = ArticlePageFactory(parent=guidance, title="Staff only")
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(article.url, follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("wagtailadmin_login"))


def test_the_csrf_cookie_lasts_only_for_the_browser_session(client, home):
    response = client.get("/en-gb/call-back/")
    cookie = response.cookies["csrftoken"]
    assert cookie.value and cookie["max-age"] == "" and cookie["expires"] == ""


def test_the_call_back_form_and_its_thanks_are_never_stored_by_the_browser(client, home):
    for response in (
        client.get("/en-gb/call-back/"),
        client.post("/en-gb/call-back/", {"name": ""}),
        client.get("/en-gb/call-back/thanks/"),
    ):
        assert "no-store" in response["Cache-Control"], response["Cache-Control"]


def test_production_behind_an_edge_refuses_to_start_without_the_trusted_proxy_header_or_purge_secret():
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}},
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "guidance.example.org",
        "EDGE_CACHE_URL": "http://127.0.0.1:6081",
        "TRUSTED_PROXY_HEADER": "",
    }
    command = [sys.executable, "manage.py", "check"]
    refused = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert refused.returncode != 0 and "TRUSTED_PROXY_HEADER must be set" in refused.stderr
    env["TRUSTED_PROXY_HEADER"] = "X-Forwarded-For"
    short = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert short.returncode != 0 and "EDGE_PURGE_SECRET must be set" in short.stderr
    env["EDGE_PURGE_SECRET"] = secrets.token_urlsafe(32)
    started = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert started.returncode == 0, started.stderr
