"""Clinical sign-off: who approved which revision, with what credentials, and the exceptions.

A sign-off is a record of its own (not only a TaskState) so that the page can show, and
schema.org can state, who reviewed the live revision, with the credentials they held that day,
even after the reviewer's profile or account changes."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page, Revision, Task, TaskState


class LocaleRole(models.Model):
    """Ties a group to a locale: its clinical reviewers, or its translators."""

    REVIEWERS = "reviewers"
    TRANSLATORS = "translators"
    ROLE_CHOICES = [(REVIEWERS, _("Clinical reviewers")), (TRANSLATORS, _("Translators"))]

    locale = models.ForeignKey(Locale, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(max_length=20, choices=ROLE_CHOICES)
    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="locale_role")

    class Meta:
        unique_together = [("locale", "role")]

    def __str__(self):
        return self.group.name


class ReviewerProfile(models.Model):
    """What readers are told about a reviewer: name, role and professional registration."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviewer_profile")
    display_name = models.CharField(_("name shown to readers"), max_length=200)
    job_title = models.CharField(_("job title"), max_length=200, help_text=_("For example: Consultant Psychiatrist"))
    registration = models.CharField(
        _("professional registration"),
        max_length=200,
        help_text=_("Register and number, for example: GMC 1234567, HCPC PYL12345, NMC 12A3456B"),
    )

    def __str__(self):
        return self.display_name

    @property
    def credentials(self) -> str:
        return ", ".join(part for part in (self.job_title.strip(), self.registration.strip()) if part)

    @property
    def complete(self) -> bool:
        return bool(self.display_name.strip() and self.job_title.strip() and self.registration.strip())


class ClinicalSignOff(models.Model):
    """A reviewer approved this exact revision. Copies the reviewer's name and credentials."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="clinical_sign_offs")
    # The revision approved; kept as a number too, because old revisions can be purged.
    revision = models.ForeignKey(Revision, on_delete=models.SET_NULL, null=True, related_name="clinical_sign_offs")
    revision_number = models.PositiveIntegerField()
    task_state = models.ForeignKey(TaskState, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    locale = models.ForeignKey(Locale, on_delete=models.PROTECT, related_name="+")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="clinical_sign_offs"
    )
    reviewer_name = models.CharField(max_length=200)
    reviewer_job_title = models.CharField(max_length=200)
    reviewer_registration = models.CharField(max_length=200)
    comment = models.TextField(blank=True)
    signed_off_at = models.DateTimeField()
    next_review_due = models.DateField()

    class Meta:
        ordering = ["-signed_off_at", "-id"]
        get_latest_by = "signed_off_at"

    def __str__(self):
        return f"{self.page} r{self.revision_number} signed off by {self.reviewer_name}"

    @property
    def reviewer_credentials(self) -> str:
        return ", ".join(p for p in (self.reviewer_job_title, self.reviewer_registration) if p)


class EmergencyPublication(models.Model):
    """A revision put live without sign-off, with the reason. Readers see it as awaiting review."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="emergency_publications")
    revision = models.ForeignKey(Revision, on_delete=models.SET_NULL, null=True, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    reason = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        permissions = [("emergency_publish", "Can publish clinical content urgently, before sign-off")]

    def __str__(self):
        return f"{self.page} published before review on {self.created_at:%Y-%m-%d}"


class OutdatedTranslation(models.Model):
    """The source of this translation was signed off and republished after the translation was."""

    page = models.OneToOneField(Page, on_delete=models.CASCADE, related_name="outdated_translation")
    source_page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+")
    source_updated_at = models.DateTimeField()

    def __str__(self):
        return f"{self.page} (source updated {self.source_updated_at:%Y-%m-%d})"


class ClinicalReviewTask(Task):
    """Approval by a clinical reviewer of the page's own locale who did not write the revision.
    Approving records a ClinicalSignOff (see review.signoff) before the workflow moves on."""

    class Meta:
        verbose_name = _("Clinical review task")
        verbose_name_plural = _("Clinical review tasks")

    def user_can_access_editor(self, obj, user):
        from .roles import is_reviewer_for

        return is_reviewer_for(user, obj.locale_id)

    def locked_for_user(self, obj, user):
        # While clinical review runs, only that locale's reviewers may touch the page.
        return not self.user_can_access_editor(obj, user)

    def user_can_lock(self, obj, user):
        return self.user_can_access_editor(obj, user)

    def get_actions(self, obj, user):
        from .signoff import approval_refusal

        if not self.user_can_access_editor(obj, user):
            return []
        actions = [("reject", _("Request changes"), True)]
        if approval_refusal(obj, obj.get_latest_revision(), user) is None:
            actions.append(("approve", _("Approve and sign off"), True))
        return actions

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        from .signoff import record_sign_off

        page = task_state.workflow_state.content_object
        if action_name not in {name for name, _label, _modal in self.get_actions(page, user)}:
            raise PermissionDenied(_("You cannot do that at this stage of clinical review."))
        if action_name == "approve":
            record_sign_off(task_state, user, comment=kwargs.get("comment", ""))
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        from .roles import reviewer_locale_ids

        locale_ids = reviewer_locale_ids(user)
        if not locale_ids:
            return TaskState.objects.none()
        page_ids = (
            Page.objects.filter(locale_id__in=locale_ids).annotate(key=Cast("id", models.CharField())).values("key")
        )
        return self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS, workflow_state__object_id__in=page_ids)

    @classmethod
    def get_description(cls):
        return _("A clinical reviewer of the page's language approves and signs off the exact revision")
