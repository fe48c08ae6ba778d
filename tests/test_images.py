"""Images cannot be added in the admin without alternative text."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model

from tests.factories import make_user


def png():
    buffer = io.BytesIO()
    PILImage.new("RGB", (4, 4), "white").save(buffer, "PNG")
    return SimpleUploadedFile("calm.png", buffer.getvalue(), content_type="image/png")


@pytest.mark.django_db
def test_an_image_needs_alternative_text(client):
    from wagtail.models import Collection

    client.force_login(make_user("img", superuser=True))
    url = reverse("wagtailimages:add")
    root = Collection.get_first_root_node().pk
    response = client.post(url, {"title": "Calm", "file": png(), "description": "  ", "collection": root})
    assert response.status_code == 200
    assert "Describe the image for people who cannot see it." in response.content.decode()
    assert not get_image_model().objects.exists()

    response = client.post(
        url, {"title": "Calm", "file": png(), "description": "A quiet lake at dawn", "collection": root}
    )
    assert response.status_code == 302
    assert get_image_model().objects.get().description == "A quiet lake at dawn"
