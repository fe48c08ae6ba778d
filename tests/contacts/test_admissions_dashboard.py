"""Smaller staff needs: the Admissions dashboard counts waiting call-backs; joining Admissions is
audited and visible; the translations report is for roles that translate or edit; the dashboard
says the site's name."""

from django.core import mail
from django.urls import reverse
from wagtail.models import ModelLogEntry

from contacts.models import CallbackRequest
from tests.factories import make_user


def test_admissions_dashboard_counts_waiting_call_backs_and_shows_no_details(client, db):
    staff = make_user("admissions", "Admissions")
    for i in range(3):
        CallbackRequest.objects.create(
            name=f"Reader {i}",
            phone_number="+447700900123",
            preferred_time="morning",
            language="en-gb",
            consent_given_at="2026-12-01T09:00:00Z",
        )
    CallbackRequest.objects.filter(name="Reader 0").update(called_at="2026-12-01T10:00:00Z", call_outcome="spoke")
    # No answer: still waiting.
    CallbackRequest.objects.filter(name="Reader 1").update(called_at="2026-12-01T10:05:00Z", call_outcome="no_answer")
    client.force_login(staff)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Readers waiting for a call: <strong>2</strong>" in html
    assert "Reader 1" not in html and "+447700900123" not in html
    assert "Clinical guidance" in html and "localhost" not in html
    client.force_login(make_user("editor", "Editors"))
    assert "Readers waiting for a call" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_joining_admissions_is_audited_with_who_did_it_and_superusers_are_told(client, db):
    root = make_user("root", superuser=True)
    editor = make_user("editor", "Editors")
    client.force_login(root)
    from django.contrib.auth.models import Group

    admissions = Group.objects.get(name="Admissions")
    data = {
        "username": "editor",
        "email": "editor@clinic.test",
        "first_name": "Eda",
        "last_name": "Editor",
        "is_active": "on",
        "groups": [g.pk for g in editor.groups.all()] + [admissions.pk],
    }
    response = client.post(reverse("wagtailusers_users:edit", args=[editor.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    entry = ModelLogEntry.objects.get(action="admissions.member_added")
    assert entry.object_id == str(editor.pk) and entry.user == root
    assert any("editor was added to Admissions" in m.subject for m in mail.outbox)


def test_the_translations_report_is_for_roles_that_translate_or_edit(client, db):
    url = reverse("translation_status")
    client.force_login(make_user("admissions", "Admissions"))
    assert client.get(url).status_code in (302, 403)
    client.force_login(make_user("traductor", "Translators (es)"))
    assert client.get(url).status_code == 200
    client.force_login(make_user("editor", "Editors"))
    assert client.get(url).status_code == 200
