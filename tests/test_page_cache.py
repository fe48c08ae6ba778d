"""The readers' page cache: per language and country, purged by any change, never personal."""

import pytest
from django.core.cache import cache
from wagtail.models import PageViewRestriction

from contacts.models import ContactNumber
from tests.factories import ArticlePageFactory, publish_signed_off


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def article(guidance, clinic_numbers):
    return ArticlePageFactory(
        parent=guidance,
        title="Healing after a trauma bond",
        body=[("contact_cta", {"purpose": "admissions", "heading": "Call us", "text": ""})],
    )


def test_second_request_is_served_from_the_cache_without_queries(client, article, django_assert_num_queries):
    assert client.get(article.url)["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        response = client.get(article.url)
    assert response["X-Page-Cache"] == "hit"
    assert "Healing after a trauma bond" in response.content.decode()


def test_each_country_gets_its_own_numbers(client, article):
    assert "020 7193 1128" in client.get(article.url).content.decode()
    client.cookies["reader_country"] = "ES"
    response = client.get(article.url)
    assert response["X-Page-Cache"] == "miss"
    assert "+44 20 7193 1128" in response.content.decode()


def test_publishing_purges_the_cache(client, article):
    client.get(article.url)
    article.title = "Healing, revised"
    publish_signed_off(article)
    response = client.get(article.url)
    assert response["X-Page-Cache"] == "miss" and "Healing, revised" in response.content.decode()


@pytest.mark.parametrize("change", ["unpublish", "privacy", "contact", "delete", "move"])
def test_other_changes_purge_it_too(client, article, guidance, home, change):
    from tests.factories import ArticleIndexPageFactory

    client.get(article.url)
    client.get(guidance.url)
    if change == "unpublish":
        article.unpublish()
        assert client.get(article.url).status_code == 404
    elif change == "privacy":
        PageViewRestriction.objects.create(page=article, restriction_type="password", password="pw")
        assert "Healing after a trauma bond" not in client.get(article.url).content.decode()
    elif change == "contact":
        ContactNumber.objects.filter(purpose="admissions").update(number="+442039847699")
        ContactNumber.objects.get(purpose="admissions").save()
        assert "020 3984 7699" in client.get(article.url).content.decode()
    elif change == "delete":
        article.delete()
        assert client.get(article.url).status_code == 404
    elif change == "move":
        other = ArticleIndexPageFactory(parent=home, slug="more-guidance")
        article.move(other, pos="last-child")
        assert client.get("/en-gb/guidance/").content.decode().count("Healing after a trauma bond") == 0


def test_signed_in_staff_and_forms_are_never_cached(client, article, admin_user):
    client.force_login(admin_user)
    assert "X-Page-Cache" not in client.get(article.url)
    client.logout()
    callback = client.get("/en-gb/call-back/")
    assert "X-Page-Cache" not in callback  # carries a CSRF token for one reader
    assert "X-Page-Cache" not in client.get("/en-gb/search/", {"q": "trauma"})


def test_one_readers_session_never_reaches_another(client, article):
    PageViewRestriction.objects.create(page=article, restriction_type="password", password="pw")
    restriction = PageViewRestriction.objects.get()
    from django.urls import reverse

    client.post(
        reverse("wagtailcore_authenticate_with_password", args=[restriction.id, article.id]),
        {"password": "pw", "return_url": article.url},
    )
    assert "Healing after a trauma bond" in client.get(article.url).content.decode()
    from django.test import Client

    stranger = Client()
    assert "Healing after a trauma bond" not in stranger.get(article.url).content.decode()


def test_staff_get_wagtails_userbar_readers_never_do_and_it_is_never_cached(client, article):
    from tests.factories import make_user

    assert client.get(article.url)["X-Page-Cache"] == "miss"  # a reader's copy is cached
    editor = make_user("editor", "Editors")
    client.force_login(editor)
    response = client.get(article.url)
    assert "X-Page-Cache" not in response  # a signed-in request neither reads nor fills the cache
    assert "<wagtail-userbar" in response.text and f"/admin/pages/{article.pk}/edit/" in response.text
    client.logout()
    client.cookies.clear()
    response = client.get(article.url)
    assert response["X-Page-Cache"] == "hit"
    assert "wagtail-userbar" not in response.text and "/admin/" not in response.text
