"""The clinic's groups (Editors; Clinical reviewers and Translators per locale) and the
"Clinical sign-off" workflow (editorial check, then clinical review) on the root page."""

from django.db import migrations


def create_roles(apps, schema_editor):
    from review.roles import ensure_roles

    ensure_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("review", "0001_initial"),
        ("home", "0003_reader_locales"),
        ("articles", "0002_articlepage_review_interval_months"),
        ("contacts", "0003_admissions_group"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
