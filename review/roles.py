"""The groups of the clinic's roles, and who may review or translate which locale.

`ensure_roles(apps)` takes an app registry so that the data migration and the runtime (a new
locale, a new locale's home page) share one definition of what each group may do."""

from django.conf import settings

EDITORS = "Editors"
REVIEWERS = "reviewers"
TRANSLATORS = "translators"
WORKFLOW_NAME = "Clinical sign-off"
EDITORIAL_TASK_NAME = "Editorial check"
CLINICAL_TASK_NAME = "Clinical review"
ROLE_LABELS = {REVIEWERS: "Clinical reviewers", TRANSLATORS: "Translators"}


def group_name(role: str, language_code: str) -> str:
    return f"{ROLE_LABELS[role]} ({language_code})"


def _permission(apps, app_label, model, codename, name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return permission


def _page_permission(apps, group, page, codename):
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    permission = _permission(apps, "wagtailcore", "page", codename, codename.replace("_", " "))
    GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def ensure_roles(apps) -> None:
    """Create (idempotently) every role group, its permissions, and the sign-off workflow."""
    Group = apps.get_model("auth", "Group")
    Locale = apps.get_model("wagtailcore", "Locale")
    Page = apps.get_model("wagtailcore", "Page")
    LocaleRole = apps.get_model("review", "LocaleRole")

    access_admin = _permission(apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin")
    emergency = _permission(
        apps,
        "review",
        "emergencypublication",
        "emergency_publish",
        "Can publish clinical content urgently, before sign-off",
    )
    root = Page.objects.filter(depth=1).first()
    default_locale = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    source_home = Page.objects.filter(depth=2, locale=default_locale).first() if default_locale else None

    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.add(
        access_admin,
        _permission(apps, "articles", "topic", "add_topic", "Can add topic"),
        _permission(apps, "articles", "topic", "change_topic", "Can change topic"),
        _permission(apps, "wagtail_localize", "translation", "submit_translation", "Can submit translations"),
    )
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    if root is not None:
        # Wagtail's first migration gives its "Editors" and "Moderators" groups the whole tree
        # (every locale, publish for moderators). These roles replace them.
        GroupPagePermission.objects.filter(group=editors, page=root).delete()
    Group.objects.filter(name="Moderators", user__isnull=True).delete()
    if source_home is not None:
        # Editors author the source language's tree; other trees belong to their translators.
        for codename in ("add_page", "change_page", "lock_page", "unlock_page"):
            _page_permission(apps, editors, source_home, codename)

    for locale in Locale.objects.all():
        home = Page.objects.filter(depth=2, locale=locale).first()
        for role in ROLE_LABELS:
            link = LocaleRole.objects.filter(locale=locale, role=role).select_related("group").first()
            if link is None:
                group, _ = Group.objects.get_or_create(name=group_name(role, locale.language_code))
                link = LocaleRole.objects.create(locale=locale, role=role, group=group)
            group = link.group
            group.permissions.add(access_admin)
            if role == REVIEWERS:
                group.permissions.add(emergency)
            elif home is not None:
                # A translator edits and submits their own locale's tree; nothing else.
                for codename in ("add_page", "change_page"):
                    _page_permission(apps, group, home, codename)

    if root is not None:
        _ensure_workflow(apps, root, editors)


def _ensure_workflow(apps, root, editors) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    ClinicalReviewTask = apps.get_model("review", "ClinicalReviewTask")
    editorial_model = ("review", "EditorialCheckTask")
    try:  # from migration 0003 on; 0002 runs before the model exists
        EditorialTask = apps.get_model(*editorial_model)
    except LookupError:
        editorial_model = ("wagtailcore", "GroupApprovalTask")
        EditorialTask = apps.get_model(*editorial_model)

    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if created:
        editorial = EditorialTask.objects.create(
            name=EDITORIAL_TASK_NAME,
            content_type=ContentType.objects.get_for_model(EditorialTask),
        )
        editorial.groups.add(editors)
        clinical = ClinicalReviewTask.objects.create(
            name=CLINICAL_TASK_NAME,
            content_type=ContentType.objects.get_or_create(app_label="review", model="clinicalreviewtask")[0],
        )
        WorkflowTask.objects.create(workflow=workflow, task=editorial, sort_order=0)
        WorkflowTask.objects.create(workflow=workflow, task=clinical, sort_order=1)
    # On the root page, so every locale's tree (present and future) runs it.
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    Workflow.objects.exclude(pk=workflow.pk).filter(name="Moderators approval").update(active=False)
