"""Every help line records who verified it, when and from which source, and falls due for
re-verification (six months by default). Due lines are reported to editors (a report, their
dashboard, and a daily e-mail that repeats until the line is checked); a due line stays on
readers' pages, and an emergency number is never hidden."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from cms.dates import add_months
from contacts.models import ContactNumber, due_for_verification
from contacts.verification import flag_numbers_due_for_verification
from tests.factories import ArticlePageFactory, make_user

TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def today():
    """The day each test runs, not the day the suite was collected: a run that crosses midnight
    otherwise dates "tomorrow" today (CI caught it at 00:19)."""
    global TODAY  # noqa: PLW0603 - the module's tests read it as a constant
    TODAY = timezone.localdate()


def line(purpose, number, *, checked=None, source="https://example.org/service", label=None, **fields):
    return ContactNumber.objects.create(
        purpose=purpose,
        country="GB",
        number=number,
        label=label or f"{purpose} {number}",
        verified_at=checked,
        verified_by="Dana Editor" if checked else "",
        verification_source=source if checked else "",
        **fields,
    )


@pytest.fixture
def lines(db):
    return {
        "current": line("crisis", "116 123", checked=TODAY - datetime.timedelta(days=30), label="Samaritans"),
        "overdue": line("domestic_abuse", "0808 2000 247", checked=add_months(TODAY, -7), label="Helpline"),
        "never": line("crisis", "111", label="NHS 111"),
        "emergency_overdue": line("emergency", "999", checked=add_months(TODAY, -13), label="Emergency"),
    }


def test_a_check_falls_due_six_months_later_unless_set_otherwise(db):
    checked = datetime.date(2026, 8, 31)
    contact = line("crisis", "116 123", checked=checked)
    assert contact.reverify_by == datetime.date(2027, 2, 28)
    assert contact.verification_problem(datetime.date(2027, 2, 27)) is None
    assert "due since 2027-02-28" in contact.verification_problem(datetime.date(2027, 2, 28))
    contact.reverify_after_months = 3
    contact.save()
    assert contact.reverify_by == datetime.date(2026, 11, 30)


def test_due_lines_are_the_never_checked_the_unsourced_and_the_overdue(lines):
    line("crisis", "85258", checked=TODAY, source="", label="Shout", channel="text")
    due = {contact.label for contact in due_for_verification()}
    assert due == {"Helpline", "NHS 111", "Emergency", "Shout"}


def test_overdue_lines_stay_on_readers_pages_unverified_helplines_do_not(client, guidance, lines):
    article = ArticlePageFactory(parent=guidance)
    client.cookies["reader_country"] = "GB"
    html = BeautifulSoup(client.get(article.url).content, "html.parser")
    shown = [a.text for a in html.select(".need-help a.phone-number")]
    # The overdue emergency number first, then the checked helplines; never-checked 111 is not shown.
    assert shown == ["999", "116 123", "0808 200 0247"]


def test_the_report_lists_due_lines_for_editors_only(client, lines):
    client.force_login(make_user("editor", "Editors"))
    html = BeautifulSoup(client.get(reverse("contact_numbers_due")).content, "html.parser")
    rows = {row.select_one("td a").text: row.select_one(".due-reason").text for row in html.select("tr[data-contact]")}
    assert rows.keys() == {"Helpline", "NHS 111", "Emergency"}
    assert rows["NHS 111"] == "Never verified" and rows["Helpline"].startswith("Re-verification due since")
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Numbers due for re-verification: <strong>3</strong>" in dashboard

    client.force_login(make_user("admissions", "Admissions"))
    assert client.get(reverse("contact_numbers_due")).status_code in (302, 403)


def test_the_daily_task_emails_editors_every_day_until_the_line_is_checked(lines):
    make_user("editor", "Editors")
    make_user("translator", "Translators (es)")
    mail.outbox.clear()
    assert flag_numbers_due_for_verification.call() == 3
    assert flag_numbers_due_for_verification.call() == 3  # the next day: flagged again
    assert len(mail.outbox) == 2 and all(m.to == ["editor@clinic.test"] for m in mail.outbox)
    assert "Helpline" in mail.outbox[0].body and "Never verified" in mail.outbox[0].body
    # Checked again today, from a source: no longer flagged.
    for contact in ContactNumber.objects.all():
        contact.verified_at, contact.verified_by = TODAY, "Dana Editor"
        contact.verification_source = "https://example.org/service"
        contact.save()
    mail.outbox.clear()
    assert flag_numbers_due_for_verification.call() == 0 and mail.outbox == []


def test_an_editor_records_a_check_in_the_admin_and_bad_records_are_refused(client, db):
    editor = make_user("editor", "Editors", first_name="Dana", last_name="Editor")
    client.force_login(editor)
    url = reverse("wagtailsnippets_contacts_contactnumber:add")
    form = BeautifulSoup(client.get(url).content, "html.parser")
    assert form.find(id="id_verified_by")["value"] == "Dana Editor"  # the checker is the editor
    base = {
        "purpose": "domestic_abuse",
        "country": "GB",
        "number": "0808 2000 247",
        "label": "National Domestic Abuse Helpline",
        "channel": "call",
        "display_order": "0",
        "reverify_after_months": "6",
        "active": "on",
        "verified_by": "Dana Editor",
    }
    tomorrow = (TODAY + datetime.timedelta(days=1)).isoformat()
    for change, message in [
        ({"verified_at": TODAY.isoformat(), "verification_source": ""}, "Say where the number was checked."),
        ({"verified_at": tomorrow, "verification_source": "https://example.org"}, "cannot be dated in the future"),
        ({"verified_at": "", "verification_source": "https://example.org"}, "Give the day the number was checked."),
    ]:
        response = client.post(url, {**base, **change})
        assert response.status_code == 200 and message in response.content.decode()
    assert not ContactNumber.objects.exists()
    response = client.post(
        url, {**base, "verified_at": TODAY.isoformat(), "verification_source": "https://www.refuge.org.uk/"}
    )
    assert response.status_code == 302
    saved = ContactNumber.objects.get()
    assert (saved.verified_by, saved.verified_at, saved.reverify_by) == ("Dana Editor", TODAY, add_months(TODAY, 6))


def test_an_emergency_number_must_be_one_in_libphonenumbers_short_number_data(db):
    contact = ContactNumber(purpose="emergency", country="GB", number="116 123", label="Not an emergency number")
    with pytest.raises(ValidationError) as error:
        contact.full_clean()
    assert "is not an emergency number in United Kingdom" in str(error.value)
    ContactNumber(purpose="emergency", country="GB", number="999", label="Emergency").full_clean()
