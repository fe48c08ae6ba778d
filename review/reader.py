"""What readers are told about a page's clinical review, all taken from the approval records."""

import json

from django.utils import timezone
from django.utils.safestring import mark_safe

from cms.i18n import language_name_in

from .models import ClinicalSignOff, OutdatedTranslation
from .words import live_words

# As django.utils.html.json_script escapes JSON inside <script> (its table is private).
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


# The names `clinical_review_context` gives a page's template.
REVIEW_CONTEXT = ("sign_off", "last_reviewed", "awaiting_clinical_review", "source_update")


def clinical_review_context(page) -> dict:
    sign_off = None
    if page.live_revision_id:
        # "Reviewed by" only for the words a reviewer signed: a sign-off of the live revision
        # whose recorded words the page's row holds now (review.words).
        sign_offs = ClinicalSignOff.objects.filter(revision_id=page.live_revision_id)
        content = live_words(page) if sign_offs else {}
        sign_off = next((s for s in sign_offs if s.approves(type(page), content)), None)
    outdated = OutdatedTranslation.objects.filter(page_id=page.pk).select_related("source_page").first()
    source = None
    if outdated is not None:
        source_page = outdated.source_page.specific
        if source_page.live:
            source = {
                "url": source_page.url,
                # Named in the translation's language: "El original (inglés)", not "(English)".
                "language": language_name_in(source_page.locale.language_code, page.locale.language_code),
                "lang": source_page.locale.language_code,
                "updated": timezone.localdate(outdated.source_updated_at),
            }
    return {
        "sign_off": sign_off,
        "last_reviewed": timezone.localdate(sign_off.signed_off_at) if sign_off else None,
        # Live without a sign-off of the live words: an emergency publication (or a fault).
        "awaiting_clinical_review": bool(page.live and page.live_revision_id and sign_off is None),
        "source_update": source,
    }


def medical_web_page_json_ld(page, request, sign_off, language_code: str) -> str:
    """schema.org MedicalWebPage for an article; review facts only from its sign-off."""
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": page.title,
        "description": page.summary,
        "url": page.get_full_url(request),
        "inLanguage": language_code,
    }
    if sign_off is not None:
        data["lastReviewed"] = timezone.localdate(sign_off.signed_off_at).isoformat()
        data["reviewedBy"] = {
            "@type": "Person",
            "name": sign_off.reviewer_name,
            "jobTitle": sign_off.reviewer_job_title,
            "hasCredential": {
                "@type": "EducationalOccupationalCredential",
                "credentialCategory": "Professional registration",
                "name": sign_off.reviewer_registration,
            },
        }
    text = json.dumps(data, ensure_ascii=False, sort_keys=True).translate(_SCRIPT_ESCAPES)
    return mark_safe(text)  # noqa: S308 - <, > and & are escaped above, as json_script does
