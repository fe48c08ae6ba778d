"""Taking workflow actions the way staff do, for the review tests."""

from django.urls import reverse
from wagtail.models import Locale


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
