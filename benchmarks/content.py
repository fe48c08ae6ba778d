"""Content the benchmarks make for themselves (they do not import the test suite): published
articles with the sign-off record the workflow would write, so what is measured is publication,
indexing and search, not the workflow."""

from django.utils import timezone


def signed_off(revision):
    """A sign-off record for `revision`, as the workflow writes one."""
    from review.models import ClinicalSignOff
    from review.words import field_digests

    page = revision.content_object
    return ClinicalSignOff.objects.create(
        page=page,
        revision=revision,
        revision_number=revision.pk,
        signed_fields=field_digests(type(page.specific), revision.content),
        locale_id=page.locale_id,
        reviewer_name="Benchmark",
        reviewer_job_title="Benchmark",
        reviewer_registration="none",
        signed_off_at=timezone.now(),
        next_review_due=timezone.localdate(),
    )


def published(parent, page):
    """`page` added under `parent`, saved as a revision, signed off and published."""
    page.live = False
    parent.add_child(instance=page)
    revision = page.save_revision()
    signed_off(revision)
    revision.publish()
    page.refresh_from_db()
    return page
