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


def test_publishing_one_article_purges_its_addresses_and_leaves_another_articles_copy(client, article, guidance, home):
    other = ArticlePageFactory(parent=guidance, title="Sleep after trauma")
    for url in (article.url, other.url, guidance.url, home.url, "/es" + article.url[len("/en-gb") :]):
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit"

    article.title = "Healing, revised"
    publish_signed_off(article)

    assert client.get(other.url)["X-Page-Cache"] == "hit"  # not touched
    for url in (article.url, guidance.url, home.url):  # the page, its listing, the home page
        assert client.get(url)["X-Page-Cache"] == "miss"
    # A Spanish reader is shown the English article (no translation): purged there too.
    spanish = client.get("/es" + article.url[len("/en-gb") :])
    assert spanish["X-Page-Cache"] == "miss" and "Healing, revised" in spanish.content.decode()


def test_an_address_in_arabic_script_is_purged_too(client, guidance):
    article = ArticlePageFactory(parent=guidance, title="النوم بعد الصدمة", slug="النوم-بعد-الصدمة")
    client.get(article.url)
    assert client.get(article.url)["X-Page-Cache"] == "hit"
    article.title = "النوم بعد الصدمة النفسية"
    publish_signed_off(article)
    response = client.get(article.url)
    assert response["X-Page-Cache"] == "miss" and "النوم بعد الصدمة النفسية" in response.content.decode()


def test_a_contact_change_purges_only_the_pages_of_that_countrys_readers(client, article):
    client.cookies["reader_country"] = "ES"
    client.get(article.url)
    client.cookies["reader_country"] = "GB"
    client.get(article.url)

    ContactNumber.objects.create(country="ES", purpose="enquiries", label="Clínica", number="+34910000000")

    assert client.get(article.url)["X-Page-Cache"] == "hit"  # British readers' copy stays
    client.cookies["reader_country"] = "ES"
    assert client.get(article.url)["X-Page-Cache"] == "miss"


def test_readers_pages_are_shareable_only_when_an_edge_purges_them(client, article, settings):
    assert "public" not in client.get(article.url).get("Cache-Control", "")  # no edge: not shareable
    settings.EDGE_CACHE_SECONDS = 600
    cache.clear()
    response = client.get(article.url)
    assert "public" in response["Cache-Control"] and "s-maxage=600" in response["Cache-Control"]
    assert "max-age=0" in response["Cache-Control"]  # a shared computer's browser keeps no copy
    assert response["X-Reader-Country"] == "GB"
    assert "private" in client.get("/en-gb/search/", {"q": "trauma"})["Cache-Control"]
    client.cookies["sessionid"] = "someone"
    assert "public" not in client.get(article.url).get("Cache-Control", "")
