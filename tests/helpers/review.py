"""Taking workflow actions the way staff do, for the review tests."""

import json
import re

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
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    data = {"comment": comment, **({"attest": "on"} if attest else {})}
    # The dialog first, as the reviewer's browser opens it: a sign-off sends the digest of the
    # words the dialog showed.
    digest = sign_off_dialog_digest(client, url) if action == "approve" else None
    if digest:
        data["digest"] = digest
    return client.post(url, data)


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


def sign_off_dialog_digest(client, url) -> str | None:
    """The digest of the words the sign-off dialog shows (its hidden `digest` field), fetched as
    the admin's modal fetches the dialog; None when the dialog has none (an editorial check)."""
    response = client.get(url, headers={"x-requested-with": "XMLHttpRequest"})
    if response.status_code != 200:
        return None
    html = (
        response.json().get("html", "")
        if response.headers.get("Content-Type", "").startswith("application/json")
        else response.content.decode()
    )
    match = re.search(r'name="digest"[^>]*value="([0-9a-f]+)"|value="([0-9a-f]+)"[^>]*name="digest"', html)
    return (match.group(1) or match.group(2)) if match else None


def sign_off_from_the_edit_page(client, page, user, comment="Accurate.") -> str:
    """The `workflow-action-extra-data` the edit page's footer posts for "Approve and sign off":
    what the sign-off dialog (Wagtail's collect-data view) returned, its digest included."""
    page.refresh_from_db()
    task_state = page.current_workflow_state.current_task_state
    client.force_login(user)
    url = reverse("wagtailadmin_pages:collect_workflow_action_data", args=[page.pk, "approve", task_state.pk])
    data = {"comment": comment, "attest": "on", "digest": sign_off_dialog_digest(client, url) or ""}
    response = client.post(url, data, headers={"x-requested-with": "XMLHttpRequest"})
    return json.dumps(response.json()["cleaned_data"])
