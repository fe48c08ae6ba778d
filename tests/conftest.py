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
