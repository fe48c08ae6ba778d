"""Holes in the sign-off, each reproduced through the requests a translator, editor, reviewer or
administrator sends (the admin views, wagtail-localize's views, Wagtail's admin API), asserting
what an anonymous reader then sees on the page, in the read API and in search; and after each,
`verify_signoffs` finds every live page's content equal to the revision its sign-off names."""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale, Page, Revision
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from articles.models import ArticlePage
from review.models import ClinicalSignOff
from tests.helpers.review import act, approve_all, refused, sign_off_dialog_digest, submit

SPANISH_WORD = "Resiliencia"
UNREVIEWED_WORD = "Inexacto"


def verify_signoffs_passes() -> bool:
    out = io.StringIO()
    try:
        call_command("verify_signoffs", stdout=out, stderr=out)
    except SystemExit as exit_:
        return exit_.code == 0
    return True


def reader_sees(client, page, word: str) -> dict:
    """What an anonymous reader gets: the page, the read API, and search in the page's language."""
    client.logout()
    page = Page.objects.get(pk=page.pk).specific
    html = client.get(page.url).content.decode() if page.live else ""
    api = client.get(f"/api/v2/pages/{page.pk}/", {"fields": "body,summary"})
    api_text = api.content.decode() if api.status_code == 200 else ""
    search = client.get(f"/{page.locale.language_code}/search/", {"q": word}).content.decode()
    return {"page": word in html, "api": word in api_text, "search": page.title in search and word in search}


def translate_every_segment(client, translation, user, prefix):
    """The translator types each segment in wagtail-localize's editor (its PUT per string)."""
    client.force_login(user)
    for segment in StringSegment.objects.filter(source=translation.source).select_related("string"):
        url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
        response = client.put(
            url, data=f"value={prefix} {segment.string.data}", content_type="application/x-www-form-urlencoded"
        )
        assert response.status_code in (200, 201), response.content


def submit_translation(client, page, user):
    client.force_login(user)
    response = client.post(reverse("review_submit_translation", args=[page.pk]))
    assert response.status_code == 302 and response["Location"] != reverse("wagtailadmin_home")
    page.refresh_from_db()


def sign_off_spanish(client, page, staff):
    assert act(client, page, staff["editor2"], "approve").status_code == 302
    assert act(client, page, staff["reviewer_es"], "approve", "Correcto.").status_code == 302
    page.refresh_from_db()


@pytest.fixture
def live_spanish(client, draft, staff):
    """An English article signed off and live, translated into Spanish with wagtail-localize by
    the Spanish translator and signed off by the Spanish reviewer: live in both languages."""
    submit(draft, staff["editor"])
    approve_all(client, draft, staff)
    es = Locale.objects.get(language_code="es")
    client.force_login(staff["superuser"])
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[draft.pk]),
        {"locales": [es.pk], "include_subtree": ""},
    )
    assert response.status_code == 302
    spanish = ArticlePage.objects.get(translation_key=draft.translation_key, locale=es)
    parent = spanish.get_parent().specific
    if not parent.live:
        parent.save_revision().publish()
    translation = Translation.objects.get(source__object_id=draft.translation_key, target_locale=es)
    translate_every_segment(client, translation, staff["translator_es"], SPANISH_WORD)
    submit_translation(client, spanish, staff["translator_es"])
    sign_off_spanish(client, spanish, staff)
    assert spanish.live and ClinicalSignOff.objects.filter(page=spanish).count() == 1
    assert verify_signoffs_passes()
    return spanish, translation


# --- 1. A translation's new text goes live only after its reviewer signs it off -------------


def test_a_submitted_translation_stays_off_the_public_site_until_its_reviewer_signs_it_off(client, live_spanish, staff):
    spanish, translation = live_spanish
    signed = spanish.live_revision_id
    due = spanish.next_review_due
    assert due is not None
    assert reader_sees(client, spanish, SPANISH_WORD) == {"page": True, "api": True, "search": True}

    translate_every_segment(client, translation, staff["translator_es"], UNREVIEWED_WORD)
    submit_translation(client, spanish, staff["translator_es"])

    assert spanish.live_revision_id == signed
    assert spanish.get_latest_revision().user == staff["translator_es"]
    assert UNREVIEWED_WORD in spanish.get_latest_revision().content["title"]
    assert reader_sees(client, spanish, UNREVIEWED_WORD) == {"page": False, "api": False, "search": False}
    assert reader_sees(client, spanish, SPANISH_WORD)["page"]
    assert spanish.next_review_due == due  # its own sign-off's date, not the source's
    assert verify_signoffs_passes()

    sign_off_spanish(client, spanish, staff)
    assert reader_sees(client, spanish, UNREVIEWED_WORD) == {"page": True, "api": True, "search": True}
    assert verify_signoffs_passes()


def test_sync_translated_pages_does_not_change_the_live_translation(client, live_spanish, draft, staff):
    spanish, translation = live_spanish
    signed, due = spanish.live_revision_id, spanish.next_review_due
    # The English source changes and is signed off; an editor then syncs the translations.
    draft.refresh_from_db()
    draft.title = f"{UNREVIEWED_WORD} grounding"
    draft.save_revision(user=staff["editor"])
    submit(draft, staff["editor"])
    approve_all(client, draft, staff)
    client.force_login(staff["superuser"])
    source = TranslationSource.objects.get(object_id=draft.translation_key, locale=draft.locale)
    response = client.post(reverse("wagtail_localize:update_translations", args=[source.pk]), {})
    assert response.status_code == 302

    spanish.refresh_from_db()
    assert spanish.live_revision_id == signed
    assert spanish.next_review_due == due
    assert reader_sees(client, spanish, UNREVIEWED_WORD) == {"page": False, "api": False, "search": False}
    assert verify_signoffs_passes()


# --- 2. No self-approval by laundering ---------------------------------------------------------


def test_a_reviewer_cannot_approve_their_own_words_after_someone_else_resaves_them(client, live_spanish, staff):
    spanish, translation = live_spanish
    translate_every_segment(client, translation, staff["translator_es"], "Revisado")
    submit_translation(client, spanish, staff["translator_es"])
    assert act(client, spanish, staff["editor2"], "approve").status_code == 302
    # At the clinical step the Spanish reviewer may edit: she writes the new text herself in the
    # translation editor, then asks for changes...
    translate_every_segment(client, translation, staff["reviewer_es"], UNREVIEWED_WORD)
    assert act(client, spanish, staff["reviewer_es"], "reject", "Mejor así.").status_code == 302
    # ...and the translator, who changed nothing, submits it again; the editorial check passes.
    submit_translation(client, spanish, staff["translator_es"])
    assert spanish.get_latest_revision().user == staff["translator_es"]
    assert UNREVIEWED_WORD in spanish.get_latest_revision().content["title"]
    assert act(client, spanish, staff["editor2"], "approve").status_code == 302

    client.force_login(staff["reviewer_es"])
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[spanish.pk])).content.decode()
    assert "Approve and sign off" not in edit
    response = act(client, spanish, staff["reviewer_es"], "approve", "Mine.")
    assert response.status_code in (302, 403)
    spanish.refresh_from_db()
    assert ClinicalSignOff.objects.filter(page=spanish).count() == 1
    assert reader_sees(client, spanish, UNREVIEWED_WORD)["page"] is False
    assert verify_signoffs_passes()


def test_a_reviewer_who_saved_a_revision_since_the_last_sign_off_cannot_approve(client, draft, staff):
    draft.title = "Written by the reviewer"
    draft.save_revision(user=staff["reviewer"])
    draft.title = "Resaved unchanged by an editor"
    draft.save_revision(user=staff["editor"])
    submit(draft, staff["editor"])
    assert act(client, draft, staff["editor2"], "approve").status_code == 302
    act(client, draft, staff["reviewer"], "approve", "My own words.")
    draft.refresh_from_db()
    assert not draft.live and not ClinicalSignOff.objects.exists()
    # Another reviewer, who wrote nothing, may.
    assert act(client, draft, staff["reviewer2"], "approve", "Accurate.").status_code == 302
    draft.refresh_from_db()
    assert draft.live and ClinicalSignOff.objects.get().reviewer == staff["reviewer2"]


def test_an_editor_cannot_pass_the_editorial_check_of_their_own_words(client, draft, staff):
    draft.title = "Written by the second editor"
    draft.save_revision(user=staff["editor2"])
    draft.title = "Resaved by the first"
    draft.save_revision(user=staff["editor"])
    submit(draft, staff["editor"])
    act(client, draft, staff["editor2"], "approve")
    draft.refresh_from_db()
    assert draft.current_workflow_task.name == "Editorial check"
    act(client, draft, staff["editor"], "approve")  # the submitter wrote a revision too
    draft.refresh_from_db()
    assert draft.current_workflow_task.name == "Editorial check"


# --- 3. Wagtail's admin API ---------------------------------------------------------------------


def api_publish(client, page, user):
    client.force_login(user)
    return client.post(f"/admin/api/main/pages/{page.pk}/action/publish/", {}, content_type="application/json")


def test_the_admin_api_publish_action_is_refused_and_changes_nothing(client, live_spanish, staff):
    spanish, translation = live_spanish
    translate_every_segment(client, translation, staff["translator_es"], UNREVIEWED_WORD)
    submit_translation(client, spanish, staff["translator_es"])
    signed = spanish.live_revision_id

    response = api_publish(client, spanish, staff["superuser"])
    assert response.status_code in (400, 403)
    assert "clinical sign-off" in response.content.decode()
    spanish.refresh_from_db()
    assert spanish.live and spanish.live_revision_id == signed
    assert reader_sees(client, spanish, SPANISH_WORD)["page"]
    assert reader_sees(client, spanish, UNREVIEWED_WORD) == {"page": False, "api": False, "search": False}
    assert verify_signoffs_passes()


def test_the_admin_api_cannot_schedule_an_unsigned_revision(client, live_spanish, staff):
    spanish, _ = live_spanish
    page = spanish.get_latest_revision_as_object()
    page.go_live_at = timezone.now() + timezone.timedelta(days=1)
    page.title = f"{UNREVIEWED_WORD} later"
    page.save_revision(user=staff["translator_es"])
    response = api_publish(client, spanish, staff["superuser"])
    assert response.status_code in (400, 403)
    assert not Revision.objects.filter(object_id=str(spanish.pk), approved_go_live_at__isnull=False).exists()
    call_command("publish_scheduled_pages", stdout=io.StringIO())
    assert reader_sees(client, spanish, UNREVIEWED_WORD)["page"] is False


# --- 4. Convert to alias -----------------------------------------------------------------------


def test_convert_to_alias_is_refused_for_a_clinical_translation(client, live_spanish, draft, staff):
    spanish, _ = live_spanish
    draft.refresh_from_db()
    draft.title = f"{UNREVIEWED_WORD} english"
    draft.save_revision(user=staff["editor"])
    submit(draft, staff["editor"])
    approve_all(client, draft, staff)
    for user in (staff["translator_es"], staff["superuser"]):
        client.force_login(user)
        response = client.post(reverse("wagtail_localize:convert_to_alias", args=[spanish.pk]))
        assert response.status_code in (302, 403)
        spanish.refresh_from_db()
        assert spanish.alias_of_id is None
        assert reader_sees(client, spanish, SPANISH_WORD)["page"]
        assert not reader_sees(client, spanish, UNREVIEWED_WORD)["page"]
    assert verify_signoffs_passes()


def test_a_translator_cannot_stop_a_clinical_translation_following_its_source(client, live_spanish, staff):
    """wagtail-localize's "Stop synced translation", posted as the editor's menu does."""
    spanish, translation = live_spanish
    url = reverse("wagtail_localize:stop_translation", args=[translation.pk])
    client.force_login(staff["translator_es"])
    response = client.post(url, {"next": reverse("wagtailadmin_pages:edit", args=[spanish.pk])}, follow=True)
    assert "stays synced with its source" in response.content.decode()
    translation.refresh_from_db()
    assert translation.enabled
    assert client.get(url).status_code == 405
    # Someone who cannot edit the Spanish page at all is refused outright.
    client.force_login(staff["editor"])
    assert refused(client.post(url))
    translation.refresh_from_db()
    assert translation.enabled
    # An administrator may still stop it (then edits follow the usual sign-off).
    client.force_login(staff["superuser"])
    assert client.post(url).status_code == 302
    translation.refresh_from_db()
    assert not translation.enabled


# --- 6. Open redirect --------------------------------------------------------------------------


def test_the_bulk_publish_refusal_only_redirects_within_the_site(client, draft, staff):
    client.force_login(staff["superuser"])
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    response = client.post(f"{url}?id={draft.pk}&next=https://evil.example/phish", {"include_descendants": ""})
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]
    assert response["Location"].startswith("/")
    response = client.post(f"{url}?id={draft.pk}&next=//evil.example/", {"include_descendants": ""})
    assert not response["Location"].startswith("//")


# --- verify_signoffs itself --------------------------------------------------------------------


def test_verify_signoffs_reports_a_live_page_that_differs_from_its_signed_off_revision(live_spanish):
    spanish, _ = live_spanish
    assert verify_signoffs_passes()
    signed_summary = ArticlePage.objects.get(pk=spanish.pk).summary
    ArticlePage.objects.filter(pk=spanish.pk).update(summary="Changed behind the sign-off's back")
    out = io.StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("verify_signoffs", stdout=out, stderr=out)
    assert exit_.value.code != 0
    assert str(spanish.pk) in out.getvalue() and "summary" in out.getvalue()
    ArticlePage.objects.filter(pk=spanish.pk).update(summary=signed_summary)
    assert verify_signoffs_passes()


# --- 7. More of the same family ----------------------------------------------------------------


def test_a_copy_kept_live_through_the_admin_api_is_not_shown_to_readers(client, live_spanish, draft, staff):
    draft.refresh_from_db()
    client.force_login(staff["superuser"])
    response = client.post(
        f"/admin/api/main/pages/{draft.pk}/action/copy/",
        {"destination_page_id": draft.get_parent().pk, "update_slug": "copied-live", "keep_live": True},
        content_type="application/json",
    )
    copy = ArticlePage.objects.filter(slug="copied-live").first()
    assert response.status_code in (201, 400, 403)
    if copy is not None:
        assert not copy.live
        client.logout()
        assert client.get(f"/api/v2/pages/{copy.pk}/").status_code == 404
    assert verify_signoffs_passes()


def test_an_alias_of_a_clinical_page_is_refused_in_every_language(client, live_spanish, draft, staff):
    spanish, _ = live_spanish
    client.force_login(staff["superuser"])
    for destination, slug in ((spanish.get_parent(), "alias-es"), (draft.get_parent(), "alias-en")):
        response = client.post(
            f"/admin/api/main/pages/{draft.pk}/action/create_alias/",
            {"destination_page_id": destination.pk, "update_slug": slug},
            content_type="application/json",
        )
        assert response.status_code in (400, 403), response.content
        assert "alias" in response.content.decode().lower()
        assert not Page.objects.filter(slug=slug).exists()
    # The admin's copy form with "alias" ticked is refused the same way.
    response = client.post(
        reverse("wagtailadmin_pages:copy", args=[draft.pk]),
        {"new_title": "Alias", "new_slug": "alias-form", "new_parent_page": draft.get_parent().pk, "alias": "on"},
    )
    assert not Page.objects.filter(slug="alias-form").exists()
    assert verify_signoffs_passes()


def test_a_translator_submits_from_the_translation_editor_itself(client, live_spanish, staff):
    """wagtail-localize's editor saves each segment but offers no way on; the translator's
    "Submit for clinical review" sits in the editor, posts to the review, and comes back."""
    spanish, translation = live_spanish
    translate_every_segment(client, translation, staff["translator_es"], UNREVIEWED_WORD)
    edit_url = reverse("wagtailadmin_pages:edit", args=[spanish.pk])

    client.force_login(staff["translator_es"])
    page = BeautifulSoup(client.get(edit_url).content, "html.parser")
    assert page.select_one(".js-translation-editor") is not None  # wagtail-localize's editor
    form = page.select_one("[data-translation-submit] form")
    assert form["action"] == reverse("review_submit_translation", args=[spanish.pk])
    data = {field["name"]: field.get("value", "") for field in form.select("input")}
    response = client.post(form["action"], data)
    assert response.status_code == 302 and response["Location"] == edit_url
    spanish.refresh_from_db()
    assert spanish.workflow_in_progress
    assert reader_sees(client, spanish, UNREVIEWED_WORD)["page"] is False  # not live before sign-off

    # A reviewer (who may not edit the translation) is not offered the button.
    client.force_login(staff["reviewer_es"])
    html = client.get(edit_url).content.decode()
    assert "data-translation-submit" not in html


def test_a_translators_dashboard_lists_the_translations_waiting_for_them(client, live_spanish, draft, staff):
    spanish, translation = live_spanish

    def waiting(user):
        client.force_login(user)
        panel = BeautifulSoup(client.get(reverse("wagtailadmin_home")).content, "html.parser").select_one(
            ".translations-waiting"
        )
        if panel is None:
            return None
        return [
            (row.select_one("a").text, row.select("td")[1].text, row["data-waiting"])
            for row in panel.select("tr[data-waiting]")
        ]

    assert waiting(staff["translator_es"]) == []
    assert waiting(staff["editor"]) is None  # not a translator: no panel

    # The English original changes and is signed off: the Spanish translation is out of date.
    draft.refresh_from_db()
    draft.summary = "Updated after new evidence."
    draft.save_revision(user=staff["editor"])
    submit(draft, staff["editor"])
    approve_all(client, draft, staff)
    assert waiting(staff["translator_es"]) == [(draft.title, "Español", "out_of_date")]

    # The out-of-date translation went back to review by itself; the Spanish reviewer asks for changes.
    spanish.refresh_from_db()
    assert spanish.workflow_in_progress
    assert act(client, spanish, staff["editor2"], "approve").status_code == 302
    assert act(client, spanish, staff["reviewer_es"], "reject", "Falta la advertencia.").status_code == 302
    rows = waiting(staff["translator_es"])
    assert rows[0] == (draft.title, "Español", "changes_requested")
    client.force_login(staff["translator_es"])
    panel = BeautifulSoup(client.get(reverse("wagtailadmin_home")).content, "html.parser")
    assert panel.select_one(".translations-waiting a")["href"] == reverse("wagtailadmin_pages:edit", args=[spanish.pk])


def test_the_spanish_reviewer_approves_from_the_side_by_side_translation_view(client, live_spanish, staff):
    spanish, translation = live_spanish
    translate_every_segment(client, translation, staff["translator_es"], UNREVIEWED_WORD)
    submit_translation(client, spanish, staff["translator_es"])
    assert act(client, spanish, staff["editor2"], "approve").status_code == 302
    edit_url = reverse("wagtailadmin_pages:edit", args=[spanish.pk])

    client.force_login(staff["reviewer_es"])
    page = BeautifulSoup(client.get(edit_url).content, "html.parser")
    assert page.select_one(".js-translation-editor") is not None  # the side-by-side view
    bar = page.select_one("[data-translation-review]")
    buttons = {b.text.strip(): b["data-workflow-action-url"] for b in bar.select("button[data-workflow-action-url]")}
    assert set(buttons) == {"Approve and sign off", "Request changes"}
    assert bar.find("a", href=reverse("review_changes_since_sign_off", args=[spanish.pk]))
    assert reader_sees(client, spanish, UNREVIEWED_WORD)["page"] is False

    # The button opens Wagtail's own workflow dialog (the sign-off form) and posts it.
    client.force_login(staff["reviewer_es"])
    digest = sign_off_dialog_digest(client, buttons["Approve and sign off"])
    response = client.post(buttons["Approve and sign off"], {"comment": "Correcto.", "attest": "on", "digest": digest})
    assert response.status_code in (200, 302)
    spanish.refresh_from_db()
    assert ClinicalSignOff.objects.filter(page=spanish).count() == 2
    assert reader_sees(client, spanish, UNREVIEWED_WORD)["page"] is True

    # Nobody else gets the bar: not the translator, not another locale's reviewer.
    client.force_login(staff["translator_es"])
    assert "data-translation-review" not in client.get(edit_url).content.decode()


def test_translators_are_not_offered_nor_allowed_delete_on_a_clinical_translation(client, live_spanish, staff):
    import json

    spanish, _ = live_spanish
    spanish.owner = staff["translator_es"]  # Wagtail lets owners delete their own pages
    spanish.save(update_fields=["owner"])
    client.force_login(staff["translator_es"])
    editor = BeautifulSoup(client.get(reverse("wagtailadmin_pages:edit", args=[spanish.pk])).content, "html.parser")
    props = json.loads(editor.select_one(".js-translation-editor")["data-props"])
    assert props["perms"]["canDelete"] is False
    response = client.post(reverse("wagtailadmin_pages:delete", args=[spanish.pk]))
    assert refused(response) or response.status_code == 403
    assert type(spanish).objects.filter(pk=spanish.pk, live=True).exists()
    assert reader_sees(client, spanish, SPANISH_WORD)["page"]
