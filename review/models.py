"""Clinical sign-off: who approved which revision, with what credentials, and the exceptions.

A sign-off is a record of its own (not only a TaskState) so that the page can show, and
schema.org can state, who reviewed the live revision, with the credentials they held that day,
even after the reviewer's profile or account changes."""

from django import forms
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import GroupApprovalTask, Locale, Page, Revision, Task, TaskState

from cms.dates import add_months

from .permissions import approval_refusal, editorial_refusal, is_reviewer_for, reviewer_locale_ids
from .roles import REVIEWERS, TRANSLATORS
from .words import content_digest, digest_of_fields, field_digests


class SignedWords(models.Model):
    """What a record that authorises a revision knows of its words: the SHA-256 of each content
    field in canonical form (`review.words`), taken when the person approved them. The words
    themselves stay in the revision; if the revision is rewritten later, the digests no longer
    match and the record authorises nothing."""

    signed_fields = models.JSONField(default=dict, editable=False)

    class Meta:
        abstract = True

    @property
    def content_digest(self) -> str:
        return digest_of_fields(self.signed_fields) if self.signed_fields else ""

    def approves(self, model, content: dict) -> bool:
        """True if `content` (a revision's, or a live row's `serializable_data()`) holds exactly
        the words approved."""
        return bool(self.signed_fields) and content_digest(model, content) == self.content_digest


class ReviewReason(models.TextChoices):
    """Why a page was put into (or through) clinical review; in e-mails and the audit log."""

    DUE = "due", _("Clinical review due")
    SOURCE_UPDATED = "source_updated", _("Translation to re-review after its source changed")
    EMERGENCY = "emergency", _("Urgent: published before clinical review")
    SUBMITTED = "submitted", _("Submitted for clinical review")


class LocaleRole(models.Model):
    """Ties a group to a locale: its clinical reviewers, or its translators."""

    REVIEWERS = REVIEWERS
    TRANSLATORS = TRANSLATORS
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


class ClinicalSignOff(SignedWords):
    """A reviewer approved the words of this revision. Copies the reviewer's name and credentials."""

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
        constraints = [
            # One approval, one sign-off: two reviewers approving the same task at once cannot
            # both be recorded (the task state is also locked while it is approved).
            models.UniqueConstraint(fields=["task_state"], name="one_sign_off_per_task_state")
        ]

    def __str__(self):
        return f"{self.page} r{self.revision_number} signed off by {self.reviewer_name}"

    @classmethod
    def record(cls, task_state, user, comment: str = "", digest: str = "") -> "ClinicalSignOff":
        """`user` approves the revision of `task_state`: checked again here, then recorded with
        a copy of their name and credentials as they are today. `digest` is the digest of the
        words the sign-off dialog showed them; if the revision's words are not those any more,
        nothing is recorded."""
        page = task_state.workflow_state.content_object.specific
        revision = task_state.revision
        latest = page.get_latest_revision()
        if latest is None or revision.pk != latest.pk:
            raise PermissionDenied(_("The page changed after it reached clinical review; it must be reviewed again."))
        signed_fields = field_digests(type(page), revision.content)
        if not digest or digest != digest_of_fields(signed_fields):
            raise PermissionDenied(words_changed_refusal())
        refusal = approval_refusal(page, revision, user)
        if refusal:
            raise PermissionDenied(refusal)
        profile = user.reviewer_profile
        now = timezone.now()
        # The interval as written in the revision being approved, not the live page's.
        months = getattr(revision.as_object(), "review_interval_months", None) or 12
        sign_off = cls.objects.create(
            page=page,
            revision=revision,
            revision_number=revision.pk,
            signed_fields=signed_fields,
            task_state=task_state,
            locale_id=page.locale_id,
            reviewer=user,
            reviewer_name=profile.display_name,
            reviewer_job_title=profile.job_title,
            reviewer_registration=profile.registration,
            comment=comment,
            signed_off_at=now,
            next_review_due=add_months(timezone.localdate(now), months),
        )
        log(
            instance=page,
            action="review.sign_off",
            user=user,
            revision=revision,
            data={
                "reviewer": profile.display_name,
                "credentials": sign_off.reviewer_credentials,
                "revision_id": revision.pk,
                "content_digest": sign_off.content_digest,
                "next_review_due": sign_off.next_review_due.isoformat(),
                "comment": comment,
            },
        )
        return sign_off

    @property
    def reviewer_credentials(self) -> str:
        return ", ".join(p for p in (self.reviewer_job_title, self.reviewer_registration) if p)


def words_changed_refusal() -> str:
    return str(
        _(
            "The words of this revision changed after you opened it, so nothing was signed. Read the "
            "changes since the last sign-off again, then sign off what you read."
        )
    )


class EmergencyPublication(SignedWords):
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


ATTESTATION = _(
    "I have read this revision in full, including what changed since the last clinical sign-off, and I "
    "confirm it is clinically accurate and safe for readers. My name, job title and professional "
    "registration will be published with it."
)


class SignOffForm(forms.Form):
    """The clinical reviewer's approval: a comment and the attestation, both sent on to
    `ClinicalReviewTask.on_action` (which refuses an approval without the attestation)."""

    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    attest = forms.BooleanField(label=ATTESTATION, required=True)
    # The digest of the words the dialog showed (`review_tags.signed_words_digest`), checked
    # again against the revision when the reviewer confirms.
    digest = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)


def _lock_in_progress(task_state) -> None:
    """Lock the task state's row until the approval's transaction ends and check it is still in
    progress: of two approvals sent at once, the second finds it approved and is refused."""
    current = TaskState.objects.select_for_update().get(pk=task_state.pk)
    if current.status != TaskState.STATUS_IN_PROGRESS or task_state.status != TaskState.STATUS_IN_PROGRESS:
        raise PermissionDenied(_("This step of the review has already been completed."))


class EditorialCheckTask(GroupApprovalTask):
    """Wagtail's group approval, except that an editor cannot pass the editorial check of text
    they wrote since the page's last clinical sign-off, whoever saved it last."""

    class Meta:
        verbose_name = _("Editorial check task")
        verbose_name_plural = _("Editorial check tasks")

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if editorial_refusal(obj, user) is None:
            return actions
        return [action for action in actions if action[0] not in {"approve", "approve_with_comment"}]

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        page = task_state.workflow_state.content_object
        if action_name not in {name for name, _label, _modal in self.get_actions(page, user)}:
            raise PermissionDenied(editorial_refusal(page, user) or _("You cannot do that at this stage."))
        _lock_in_progress(task_state)
        return super().on_action(task_state, user, action_name, **kwargs)

    def start(self, workflow_state, user=None):
        """When the author resubmits text a clinical reviewer sent back, the editorial check it
        already passed in this workflow is not asked for again: the reviewer who asked for the
        changes approves them (one approval, not the editor's twice and then the reviewer's).
        Recorded as skipped, with the reason, for the latest revision."""
        if not _clinical_changes_requested_after_editorial_check(workflow_state, self):
            return super().start(workflow_state, user=user)
        task_state = self.get_task_state_class()(workflow_state=workflow_state)
        task_state.status = TaskState.STATUS_SKIPPED
        task_state.revision = workflow_state.content_object.get_latest_revision()
        task_state.task = self
        task_state.finished_at = timezone.now()
        task_state.comment = "Passed earlier in this review; the clinical reviewer who asked for changes approved them."
        task_state.save()
        return task_state

    @classmethod
    def get_description(cls):
        return _("An editor who did not write the text checks it before clinical review")


def _clinical_changes_requested_after_editorial_check(workflow_state, editorial_task) -> bool:
    """In this workflow, did the editorial check pass and a clinical reviewer then ask for changes?"""
    states = workflow_state.task_states.all()
    passed = states.filter(task=editorial_task, status=TaskState.STATUS_APPROVED).order_by("-finished_at").first()
    if passed is None:
        return False
    return states.filter(
        task__in=Task.objects.filter(content_type__model="clinicalreviewtask"),
        status=TaskState.STATUS_REJECTED,
        finished_at__gt=passed.finished_at,
    ).exists()


class ClinicalReviewTask(Task):
    """Approval by a clinical reviewer of the page's own locale who did not write the revision.
    Approving records a ClinicalSignOff (`ClinicalSignOff.record`) before the workflow moves on."""

    class Meta:
        verbose_name = _("Clinical review task")
        verbose_name_plural = _("Clinical review tasks")

    def user_can_access_editor(self, obj, user):
        return is_reviewer_for(user, obj.locale_id)

    def locked_for_user(self, obj, user):
        # While clinical review runs, only that locale's reviewers may touch the page.
        return not self.user_can_access_editor(obj, user)

    def user_can_lock(self, obj, user):
        return self.user_can_access_editor(obj, user)

    def get_actions(self, obj, user):
        if not self.user_can_access_editor(obj, user):
            return []
        actions = [("reject", _("Request changes"), True)]
        if approval_refusal(obj, obj.get_latest_revision(), user) is None:
            actions.append(("approve", _("Approve and sign off"), True))
        return actions

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        page = task_state.workflow_state.content_object
        if action_name not in {name for name, _label, _modal in self.get_actions(page, user)}:
            refusal = approval_refusal(page, page.get_latest_revision(), user) if action_name == "approve" else None
            raise PermissionDenied(refusal or _("You cannot do that at this stage of clinical review."))
        _lock_in_progress(task_state)
        if action_name == "approve":
            if not kwargs.pop("attest", False):
                raise PermissionDenied(_("Confirm the sign-off statement to approve and sign off."))
            digest = kwargs.pop("digest", "")
            ClinicalSignOff.record(task_state, user, comment=kwargs.get("comment", ""), digest=digest)
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_form_for_action(self, action):
        return SignOffForm if action == "approve" else super().get_form_for_action(action)

    def get_template_for_action(self, action):
        return "review/sign_off_modal.html" if action == "approve" else super().get_template_for_action(action)

    def get_task_states_user_can_moderate(self, user, **kwargs):
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
