"""Editors keep the contact numbers: they add lines and record each check (who, when, where)."""

from django.db import migrations


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="contacts", model="contactnumber")
    editors, _ = Group.objects.get_or_create(name="Editors")
    for codename, name in [("add_contactnumber", "Can add contact number"), ("change_contactnumber", "Can change contact number")]:
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        editors.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0005_help_lines_verification_callback_safety"),
        ("review", "0002_roles_and_workflow"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
