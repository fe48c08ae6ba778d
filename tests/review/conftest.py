import pytest

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
