"""Admin views: emergency publication and the "Reviews due" report."""

import datetime
import functools
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic.models import RevisionsCompareView as GenericRevisionsCompareView
from wagtail.admin.views.pages.history import PageHistoryView
from wagtail.admin.views.pages.revisions import RevisionsCompareView
from wagtail.admin.views.pages.utils import get_valid_next_url_from_request
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.pages import page_viewset_registry
from wagtail.models import Page, TaskState

from cms.spreadsheets import FormulaSafeExportMixin

from .models import ClinicalSignOff
from .pages import is_clinical, live_clinical_pages
from .permissions import (
    can_emergency_publish,
    can_see_reviews_due,
    can_submit_translation,
    is_editor,
    is_reviewer_for,
    last_sign_off,
    reviewer_locale_ids,
)
from .services import (
    WordsChangedSinceShown,
    emergency_candidate,
    enabled_translation,
    pages_in_review,
    publish_before_review,
    submit_translation,
)


class EmergencyPublishForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why this cannot wait for clinical review"),
        widget=forms.Textarea(attrs={"rows": 4}),
        min_length=20,
        max_length=2000,
        help_text=gettext_lazy("Recorded in the audit log and sent to this language's clinical reviewers."),
    )
    # The revision the form showed and the digest of its words: that, and only that, goes live.
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)
    digest = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)


def _clinical_page_or_404(page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not is_clinical(page):
        raise Http404
    return page


def emergency_publish(request, page_id):
    page = _clinical_page_or_404(page_id)
    if not can_emergency_publish(request.user, page):
        raise PermissionDenied
    revision, digest = emergency_candidate(page)
    shown = {"revision": revision.pk if revision else None, "digest": digest}
    form = EmergencyPublishForm(request.POST or None, initial=shown)
    context = {"page": page, "form": form, "revision": revision}
    if request.method == "POST" and form.is_valid():
        try:
            publish_before_review(
                page,
                user=request.user,
                reason=form.cleaned_data["reason"].strip(),
                revision_id=form.cleaned_data["revision"],
                digest=form.cleaned_data["digest"] or "",
            )
        except WordsChangedSinceShown:
            # Someone saved new words since the form was opened: show the latest and ask again.
            form = EmergencyPublishForm({**shown, "reason": form.cleaned_data["reason"]})
            form.is_valid()
            form.add_error(
                None,
                _(
                    "The page changed since you opened this form, so nothing was published. Check the latest "
                    "version, then publish again if it still cannot wait."
                ),
            )
            return TemplateResponse(request, "review/emergency_publish.html", {**context, "form": form})
        except ValidationError as error:
            # The latest revision is not a page that can go live (e.g. an import's two sections
            # with one anchor): nothing was published or recorded (one transaction).
            form.add_error(None, _("This version cannot be published until it is fixed in the editor:"))
            for message in error.messages:
                form.add_error(None, message)
            return TemplateResponse(request, "review/emergency_publish.html", context)
        messages.warning(
            request,
            _("“%(title)s” is live and shown to readers as awaiting clinical review until a reviewer signs it off.")
            % {"title": page.get_admin_display_title()},
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return TemplateResponse(request, "review/emergency_publish.html", context)


def submit_translation_for_review(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    translation = enabled_translation(page)
    if translation is None:
        raise Http404
    if not can_submit_translation(request.user, page):
        raise PermissionDenied
    if request.method == "POST":
        submit_translation(page, translation, user=request.user)
        messages.success(
            request,
            _("“%(title)s” was saved and submitted for clinical review in %(language)s.")
            % {"title": page.get_admin_display_title(), "language": page.locale.get_display_name()},
        )
        # Back where the translator submitted from (the translation editor), else the listing.
        return redirect(
            get_valid_next_url_from_request(request) or reverse("wagtailadmin_explore", args=[page.get_parent().pk])
        )
    return TemplateResponse(request, "review/submit_translation.html", {"page": page})


class ReviewsDueView(FormulaSafeExportMixin, ReportView):
    page_title = gettext_lazy("Reviews due")
    header_icon = "time"
    index_url_name = "reviews_due"
    index_results_url_name = "reviews_due_results"
    paginate_by = 100
    WINDOW_DAYS = 30
    columns = [
        TitleColumn("title", label=gettext_lazy("Article"), url_name="wagtailadmin_pages:edit"),
        Column("language", label=gettext_lazy("Language")),
        DateColumn("last_reviewed", label=gettext_lazy("Last reviewed")),
        DateColumn("next_review_due", label=gettext_lazy("Next review due")),
        Column("reviewed_by", label=gettext_lazy("Reviewed by")),
        Column("review_status", label=gettext_lazy("Review")),
    ]
    list_export = ["title", "language", "last_reviewed", "next_review_due", "reviewed_by", "review_status", "url"]
    export_headings = {
        "title": gettext_lazy("Article"),
        "language": gettext_lazy("Language"),
        "last_reviewed": gettext_lazy("Last reviewed"),
        "next_review_due": gettext_lazy("Next review due"),
        "reviewed_by": gettext_lazy("Reviewed by"),
        "review_status": gettext_lazy("Review"),
        "url": gettext_lazy("Address"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not can_see_reviews_due(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return f"reviews-due-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self):
        horizon = timezone.localdate() + datetime.timedelta(days=self.WINDOW_DAYS)
        filters = {"next_review_due__lte": horizon}
        user = self.request.user
        if not (user.is_superuser or is_editor(user)):
            filters["locale_id__in"] = reviewer_locale_ids(user)
        return sorted(live_clinical_pages(**filters), key=lambda page: (page.next_review_due, page.title))

    def decorate_paginated_queryset(self, object_list):
        pages = list(object_list)
        sign_offs = {
            s.revision_id: s
            for s in ClinicalSignOff.objects.filter(revision_id__in=[p.live_revision_id for p in pages])
        }
        today = timezone.localdate()
        in_review = pages_in_review(pages)
        for page in pages:
            sign_off = sign_offs.get(page.live_revision_id)
            page.language = page.locale.language_code
            page.reviewed_by = f"{sign_off.reviewer_name}, {sign_off.reviewer_credentials}" if sign_off else ""
            if page.pk in in_review:
                page.review_status = _("In review")
            elif page.next_review_due < today:
                page.review_status = _("Overdue")
            elif page.next_review_due == today:
                page.review_status = _("Due today")
            else:
                page.review_status = _("Due soon")
        return pages


def _page_for_reader_of_revisions(user, page_id):
    """The page, if `user` may read its revisions: anyone who may edit or publish it (Wagtail's
    rule), and the clinical reviewers of its locale for a clinical page (they sign its revisions
    but hold no page permission). Otherwise PermissionDenied."""
    page = get_object_or_404(Page, id=page_id).specific
    permissions = page.permissions_for_user(user)
    if permissions.can_publish() or permissions.can_edit():
        return page
    if is_clinical(page) and is_reviewer_for(user, page.locale_id):
        return page
    raise PermissionDenied


class ReviewerRevisionsCompareView(RevisionsCompareView):
    """Wagtail's "Compare" (with the previous or the live version), open to the page's clinical
    reviewers too. Served at Wagtail's own address (cms/urls.py lists it first)."""

    def dispatch(self, request, *args, **kwargs):
        return GenericRevisionsCompareView.dispatch(self, request, *args, **kwargs)

    def get_object(self, queryset=None):
        return _page_for_reader_of_revisions(self.request.user, self.pk)


class ChangesSinceSignOffView(ReviewerRevisionsCompareView):
    """Wagtail's revision comparison, from the revision a page's last clinical sign-off approved
    (or its first revision) to its latest: exactly what a reviewer is about to sign. Open to the
    same people as Wagtail's compare view here (its editors and that locale's reviewers)."""

    def setup(self, request, page_id, *args, **kwargs):
        page = get_object_or_404(Page, pk=page_id)
        last = last_sign_off(page)
        start = str(last.revision_id) if last is not None and last.revision_id else "earliest"
        super().setup(request, page_id, start, "latest", *args, **kwargs)


class ReviewerPageHistoryView(PageHistoryView):
    """Wagtail's page history, open to the page's clinical reviewers too (read only: every action
    it links to checks its own permission). The per-page check below replaces Wagtail's
    "any page permission" gate, which reviewers do not pass."""

    any_permission_required = None

    def get_object(self):
        return _page_for_reader_of_revisions(self.request.user, self.pk)


def _finished_own_task_recently(user, page) -> bool:
    return (
        TaskState.objects.filter(
            workflow_state__object_id=str(page.pk),
            finished_by=user,
            finished_at__gte=timezone.now() - datetime.timedelta(minutes=5),
        )
        .exclude(status=TaskState.STATUS_IN_PROGRESS)
        .exists()
    )


def _decision_recorded(request, page):
    messages.info(request, _("“%(title)s”: your decision is recorded.") % {"title": page.get_admin_display_title()})
    return redirect("wagtailadmin_home")


class StaleWorkflowActionMixin:
    """A workflow action posted from the edit page after the step moved on (a double click, a
    slow page resubmitting, a second post arriving while the first still runs, someone else
    acting first). Wagtail answers it as "Save draft": with the page locked by the workflow it
    shows "could not be saved as it is locked", otherwise it saves a new revision with the poster
    as its author, unreviewed text they did not write. Here an unchanged form saves nothing and
    the poster is told their decision stands (or that the step moved on); real edits are handled
    as "Save draft" would, with a warning that the action was not taken. The check is Wagtail's
    own `workflow_action_is_valid`, made on arrival and again where Wagtail makes it."""

    page: Any  # set by Wagtail's edit view this is mixed into

    def post(self, request, *args, **kwargs):
        if request.POST.get("action-workflow-action") and not self.workflow_action_is_valid():
            form = self.form_class(
                request.POST,
                request.FILES,
                instance=self.page,
                subscription=self.subscription,
                parent_page=self.parent,
                for_user=request.user,
            )
            if form.is_valid() and self._form_changes_nothing(form):
                return self.action_not_taken()
            self.warn_action_not_taken(_("Your edits were treated as “Save draft”."))
        return super().post(request, *args, **kwargs)

    def save_action(self):
        # Wagtail's fallback when the step moved on between the check in `post` and its own.
        if self.request.POST.get("action-workflow-action") and self._form_changes_nothing(self.form):
            return self.action_not_taken()
        return super().save_action()

    def _form_changes_nothing(self, form) -> bool:
        """After validation (which writes the form's values onto the page)."""
        if is_clinical(self.page):
            return self.page.matches_latest_revision()
        return not form.has_changed()

    def warn_action_not_taken(self, consequence):
        messages.warning(
            self.request,
            _("“%(title)s”: the review step had already moved on, so your action was not taken. %(consequence)s")
            % {"title": self.page.get_admin_display_title(), "consequence": consequence},
        )

    def action_not_taken(self):
        if _finished_own_task_recently(self.request.user, self.page):
            return _decision_recorded(self.request, self.page)
        self.warn_action_not_taken(_("Nothing was changed."))
        return redirect("wagtailadmin_pages:edit", self.page.pk)


@functools.cache
def _guarded_edit_view(viewset):
    view_class = type("ClinicalEditView", (StaleWorkflowActionMixin, viewset.edit_view_class), {})
    return viewset.construct_view(view_class)


def edit_page_after_own_workflow_action(request, page_id, **kwargs):
    """Wagtail's edit view (its own view class for the page's type, with
    `StaleWorkflowActionMixin`), and one more case before it: the same workflow action posted
    again from the edit page after it already ended the reviewer's task, when the reviewer may no
    longer open the page. Wagtail would answer "Sorry, you do not have permission" and the
    reviewer would think the sign-off failed; instead they go to their dashboard, told it is
    done. Nothing is saved or approved twice.

    Workflow actions on one page are taken one at a time (a lock on the page's row for the whole
    request): Wagtail's workflow-action script can submit the edit form twice, and a second post
    read while the first was still running passed the check above, then found the task ended
    inside Wagtail's view and was refused with "no permission". Now it waits, then sees the first
    one's outcome."""

    try:
        viewset = page_viewset_registry.get_by_page_id(page_id)
    except Page.DoesNotExist as error:
        raise Http404 from error
    if request.method != "POST" or not request.POST.get("workflow-action-name"):
        return _guarded_edit_view(viewset)(request, page_id=page_id, **kwargs)
    with transaction.atomic():
        page = get_object_or_404(Page.objects.select_for_update(), pk=page_id)
        if not page.permissions_for_user(request.user).can_edit() and _finished_own_task_recently(request.user, page):
            return _decision_recorded(request, page)
        return _guarded_edit_view(viewset)(request, page_id=page_id, **kwargs)
