import pytest
from django.urls import reverse
from wagtail.models import Locale

from tests.factories import ArticlePageFactory, make_reviewer, make_user


@pytest.fixture
def staff(db):
    """One user per role, as the migration's groups define them."""
    return {
        "editor": make_user("editor", "Editors"),
        "editor2": make_user("editor2", "Editors"),
        "reviewer": make_reviewer("reviewer", "en-gb", name="Dr Amina Rahman"),
        "reviewer2": make_reviewer("reviewer2", "en-gb", name="Dr Ben Carter"),
        "reviewer_es": make_reviewer("revisora", "es", name="Dra. Lucía Gómez"),
        "translator_es": make_user("traductor", "Translators (es)"),
        "admissions": make_user("admissions", "Admissions"),
        "superuser": make_user("root", superuser=True),
    }


@pytest.fixture
def draft(guidance, staff):
    """An unpublished article whose only revision the editor wrote."""
    return ArticlePageFactory(parent=guidance, title="Grounding techniques", publish=False, author=staff["editor"])


def client_for(client, user):
    client.force_login(user)
    return client


def submit(page, user):
    page.refresh_from_db()
    return page.get_workflow().start(page, user)


def act(client, page, user, action, comment="", *, attest=True):
    """Take a workflow action through the admin, as the reviewer's button does (the sign-off
    dialog's statement ticked unless `attest=False`)."""
    page.refresh_from_db()
    task_state = page.current_workflow_state.current_task_state
    client.force_login(user)
    data = {"comment": comment, **({"attest": "on"} if attest else {})}
    return client.post(reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk]), data)


def approve_all(client, page, staff, comment="Clinically accurate."):
    """Editorial check by an editor who did not write it, then clinical sign-off."""
    assert act(client, page, staff["editor2"], "approve").status_code == 302
    return act(client, page, staff["reviewer"], "approve", comment)


def spanish_translation(page, user):
    """A Spanish copy of `page` (and its parents), edited by `user`, not live."""
    es = Locale.objects.get(language_code="es")
    translated = page.copy_for_translation(es, copy_parents=True)
    parent = translated.get_parent().specific
    if not parent.live:
        parent.save_revision().publish()
    translated.title = "Técnicas de enraizamiento"
    translated.save_revision(user=user)
    return translated


def refused(response) -> bool:
    """The admin answers a refused action with 403, or (for its own views) a redirect to the
    dashboard with a "no permission" message."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


@pytest.fixture(autouse=True)
def signed_off_content_only(request):
    """After every test here (each publish path among them), `verify_signoffs` finds every live
    clinical page showing exactly the revision its newest sign-off or emergency publication names."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None and not {"db", "transactional_db"} & set(request.fixturenames):
        yield
        return
    transactional = "transactional_db" in request.fixturenames or (marker and marker.kwargs.get("transaction"))
    request.getfixturevalue("transactional_db" if transactional else "db")  # torn down after this check
    yield
    from review.services import verify_live_clinical_pages

    assert list(verify_live_clinical_pages()) == []
