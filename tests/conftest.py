import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

from home.models import HomePage
from tests.factories import ArticleIndexPageFactory, ContactNumberFactory


@pytest.fixture(autouse=True)
def source_language():
    """Each test starts in the source language: a request in an earlier test leaves its
    language active in the thread, and modeltranslation writes `name` to that language."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def home(db):
    """The HomePage the migrations create as the default site's root."""
    from wagtail.models import Locale

    return HomePage.objects.get(depth=2, locale=Locale.get_default())


@pytest.fixture
def guidance(home):
    return ArticleIndexPageFactory(parent=home, slug="guidance")


@pytest.fixture
def clinic_numbers(db):
    """The clinic's two London numbers, as in its article."""
    return {
        "admissions": ContactNumberFactory(purpose="admissions", number="0207 193 1128", label="Admissions"),
        "enquiries": ContactNumberFactory(purpose="enquiries", number="0203 984 7699", label="Enquiries"),
    }


@pytest.fixture
def sample_content(db):
    call_command("load_sample_content", stdout=io.StringIO())


@pytest.fixture(autouse=True)
def second_factor_given_on_force_login(monkeypatch):
    """`client.force_login(user)` stands in for the whole sign-in: for staff who must use a second
    factor it also gives it (tests of the second factor itself log in with
    `force_login_password_only`)."""
    from django.test import Client

    from tests.helpers.second_factor import mark_session_verified
    from twofactor.policy import second_factor_required

    password_only = Client.force_login

    def force_login(self, user, backend=None):
        password_only(self, user, backend)
        if second_factor_required(user):
            mark_session_verified(self, user)

    monkeypatch.setattr(Client, "force_login", force_login)
    monkeypatch.setattr(Client, "force_login_password_only", password_only, raising=False)


@pytest.fixture
def fresh_rate_limits():
    """Rate limits (cms.ratelimit) live in the cache, which outlives each test's database."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
