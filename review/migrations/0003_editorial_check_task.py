"""The editorial check becomes EditorialCheckTask (an author cannot pass their own words), and a
task state can carry one sign-off only."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def use_editorial_check_task(apps, schema_editor):
    """Swap the workflow's plain group-approval "Editorial check" for an EditorialCheckTask with
    the same groups; the old task is deactivated."""
    from review.roles import EDITORIAL_TASK_NAME, WORKFLOW_NAME

    ContentType = apps.get_model("contenttypes", "ContentType")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    EditorialCheckTask = apps.get_model("review", "EditorialCheckTask")
    content_type = ContentType.objects.get_or_create(app_label="review", model="editorialchecktask")[0]
    for link in WorkflowTask.objects.filter(workflow__name=WORKFLOW_NAME, task__name=EDITORIAL_TASK_NAME):
        if link.task.content_type_id == content_type.pk:
            continue
        old = apps.get_model("wagtailcore", "GroupApprovalTask").objects.get(pk=link.task_id)
        new = EditorialCheckTask.objects.create(name=old.name, content_type=content_type)
        new.groups.set(old.groups.all())
        link.task_id = new.pk
        link.save(update_fields=["task"])
        type(old).objects.filter(pk=old.pk).update(active=False)


class Migration(migrations.Migration):

    dependencies = [
        ('review', '0002_roles_and_workflow'),
        ('wagtailcore', '0098_apitoken'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='EditorialCheckTask',
            fields=[
                ('groupapprovaltask_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to='wagtailcore.groupapprovaltask')),
            ],
            options={
                'verbose_name': 'Editorial check task',
                'verbose_name_plural': 'Editorial check tasks',
            },
            bases=('wagtailcore.groupapprovaltask',),
        ),
        migrations.AddConstraint(
            model_name='clinicalsignoff',
            constraint=models.UniqueConstraint(fields=('task_state',), name='one_sign_off_per_task_state'),
        ),
        migrations.RunPython(use_editorial_check_task, migrations.RunPython.noop),
    ]
