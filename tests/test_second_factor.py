"""Staff who hold health data or sign off (Admissions, clinical reviewers, superusers) give a
second factor on every admin path; editors and translators may opt in; recovery codes work once;
another superuser can reset a lost factor."""

import io
import time

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from review.models import ClinicalSignOff
from tests.factories import ArticlePageFactory, make_reviewer, make_user


def code_for(device) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


@pytest.fixture
def roles(db):
    return {
        "admissions": make_user("admissions", "Admissions"),
        "reviewer": make_reviewer("reviewer", "en-gb"),
        "superuser": make_user("root", superuser=True),
        "editor": make_user("editor", "Editors"),
        "editor2": make_user("editor2", "Editors"),
    }


@pytest.mark.parametrize("role", ["admissions", "reviewer", "superuser"])
def test_without_a_second_factor_the_call_back_list_is_refused(client, roles, role):
    client.force_login_password_only(roles[role])
    response = client.get(reverse("callback_requests"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("twofactor_setup"))
    # The admin API and the dashboard too.
    assert client.get("/admin/api/main/pages/").status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 302


def test_a_reviewer_without_a_second_factor_cannot_approve(client, roles, guidance):
    page = ArticlePageFactory(parent=guidance, title="Sleep", publish=False, author=roles["editor"])
    page.get_workflow().start(page, roles["editor"])
    page.refresh_from_db()
    state = page.current_workflow_state.current_task_state
    client.force_login(roles["editor2"])  # editors need none
    assert (
        client.post(reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.pk])).status_code
        == 302
    )
    page.refresh_from_db()
    state = page.current_workflow_state.current_task_state
    client.force_login_password_only(roles["reviewer"])
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.pk])
    response = client.post(url, {"comment": "ok", "attest": "on"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("twofactor_setup"))
    assert not ClinicalSignOff.objects.exists()


def test_setting_up_an_authenticator_app_then_signing_in_with_it_and_with_a_recovery_code(client, roles):
    user = roles["admissions"]
    client.force_login_password_only(user)
    page = client.get(reverse("twofactor_setup")).content.decode()
    assert "<svg" in page and "Key" in page
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(
        reverse("twofactor_setup"), {"token": "000000" if code_for(device) != "000000" else "111111"}
    )
    assert "That code is not right" in response.content.decode()
    time.sleep(1.1)  # a wrong code throttles the device for a second, as a person would wait
    response = client.post(reverse("twofactor_setup"), {"token": code_for(device)})
    codes = [li.strip() for li in response.content.decode().split("<code>")[1:]]
    codes = [code.split("</code>")[0] for code in codes]
    assert len(codes) == 10
    assert client.get(reverse("callback_requests")).status_code == 200

    # A new session: the code is asked for; a recovery code works once.
    client.logout()
    client.force_login_password_only(user)
    assert client.get(reverse("callback_requests"))["Location"].startswith(reverse("twofactor_verify"))
    assert client.post(reverse("twofactor_verify"), {"token": codes[0]}).status_code == 302
    assert client.get(reverse("callback_requests")).status_code == 200
    client.logout()
    client.force_login_password_only(user)
    assert "not right" in client.post(reverse("twofactor_verify"), {"token": codes[0]}).content.decode()
    # An address elsewhere is never followed after verifying.
    time.sleep(1.1)
    response = client.post(reverse("twofactor_verify"), {"token": codes[1], "next": "https://evil.example/"})
    assert response["Location"] == reverse("wagtailadmin_home")


def test_editors_may_opt_in_and_are_then_asked(client, roles):
    editor = roles["editor"]
    client.force_login_password_only(editor)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    TOTPDevice.objects.create(user=editor, name="app", confirmed=True)
    client.logout()
    client.force_login_password_only(editor)
    assert client.get(reverse("wagtailadmin_home"))["Location"].startswith(reverse("twofactor_verify"))


def test_another_superuser_resets_a_lost_second_factor(roles):
    TOTPDevice.objects.create(user=roles["reviewer"], name="app", confirmed=True)
    with pytest.raises(CommandError):
        call_command("reset_second_factor", "root", "--by", "root", stdout=io.StringIO())
    with pytest.raises(CommandError):
        call_command("reset_second_factor", "reviewer", "--by", "editor", stdout=io.StringIO())
    call_command("reset_second_factor", "reviewer", "--by", "root", stdout=io.StringIO())
    assert not TOTPDevice.objects.filter(user=roles["reviewer"]).exists()
    entry = ModelLogEntry.objects.get(action="twofactor.reset")
    assert entry.user == roles["superuser"]
