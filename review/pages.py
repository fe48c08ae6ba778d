"""What a page model opts into for clinical sign-off: `ClinicalPageMixin`.

A page model that inherits it gets the review fields, the publish gate (review.gate) and the
protection of its live row; review/ finds such models through Wagtail's page models
(`clinical_page_models`) and never imports them."""

from typing import TYPE_CHECKING, Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from wagtail.models import PagePermissionTester, get_page_models

from .gate import overwritable, publication_of, save_kwargs_for
from .permissions import is_translator_for
from .words import ROW_STATE, SCHEDULE, SIGN_OFF_DATES, content_differences


class ClinicalPagePermissionTester(PagePermissionTester):
    def can_delete(self, ignore_bulk=False):
        if not self.user.is_superuser and is_translator_for(self.user, self.page.locale_id):
            return False
        return super().can_delete(ignore_bulk=ignore_bulk)


class ClinicalPageMixin(models.Model):
    """Every revision of this page needs a clinical sign-off (or an emergency publication) to go
    live, in every language; its review dates come only from its own sign-off."""

    clinical_sign_off_required = True

    if TYPE_CHECKING:  # given by wagtail.models.Page, which every clinical page model also is

        def get_latest_revision(self) -> Any: ...

        def serializable_data(self) -> dict[str, Any]: ...

    last_reviewed = models.DateField(null=True, blank=True, help_text=_("Set by clinical sign-off."))
    next_review_due = models.DateField(null=True, blank=True, help_text=_("Set by clinical sign-off."))
    review_interval_months = models.PositiveSmallIntegerField(
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(36)],
        help_text=_("How long a clinical sign-off lasts before the page is due for review again."),
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        with transaction.atomic():
            return super().save(*args, **save_kwargs_for(self, kwargs))

    def permissions_for_user(self, user):
        """Wagtail's permission tester, except that translators may not delete clinical pages
        (wagtail-localize's editor made "Delete" their main button): the admin's delete view, its
        menus and wagtail-localize's editor all ask this tester."""
        return ClinicalPagePermissionTester(user, self)

    def save_revision(self, user=None, *args, **kwargs):
        """Wagtail's, with two differences. A revision that anything refers to is never rewritten
        in place (`review.gate.overwritable`): the edit is saved as a new revision. And no new
        revision when nothing changed: the admin's autosave, a "Save draft" or a workflow action
        from an unchanged edit form, a re-import or a re-sync would otherwise record the person
        who only opened the page as an author of text they did not write (and an approval would
        restart the workflow). Returns the latest revision instead."""
        overwrite = kwargs.get("overwrite_revision")
        if overwrite is not None and not overwritable(overwrite):
            # A revision that was submitted, signed off, published or scheduled keeps its words:
            # the edit is saved as a new revision (with its poster as an author) instead.
            kwargs["overwrite_revision"] = None
        unchanged = (
            not kwargs.get("overwrite_revision")
            and not kwargs.get("approved_go_live_at")
            and not self.wagtail_admin_comments.filter(pk__isnull=True).exists()
            and self.matches_latest_revision()
        )
        if unchanged:
            return self.get_latest_revision()
        return super().save_revision(user, *args, **kwargs)

    def matches_latest_revision(self) -> bool:
        """True if this instance's content is the latest revision's: nothing anyone edited. The
        review dates are not compared: only a sign-off writes them (into the revision it
        publishes), and an edit form opened before that sign-off still carries the old ones."""
        latest = self.get_latest_revision() if self.pk else None
        if latest is None:
            return False
        ignore = (ROW_STATE - SCHEDULE) | SIGN_OFF_DATES
        return not content_differences(type(self), self.serializable_data(), latest.content, ignore=ignore)

    def unpublish(self, *args, **kwargs):
        with publication_of(self.pk):
            return super().unpublish(*args, **kwargs)


def clinical_page_models() -> list[type]:
    return [model for model in get_page_models() if issubclass(model, ClinicalPageMixin)]


def is_clinical(page_or_class) -> bool:
    if isinstance(page_or_class, type):
        return issubclass(page_or_class, ClinicalPageMixin)
    page = getattr(page_or_class, "specific_deferred", page_or_class)
    return isinstance(page, ClinicalPageMixin)


def live_clinical_pages(**filters):
    """Live pages of every clinical model, as their specific class, filtered on their own fields."""
    for model in clinical_page_models():
        yield from model.objects.live().filter(**filters).select_related("locale")
