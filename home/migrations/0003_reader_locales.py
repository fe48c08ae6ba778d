"""The reader languages: en-gb (source, created by Wagtail), es, fr and ar."""

from django.db import migrations

LOCALES = ["en-gb", "es", "fr", "ar"]


def create_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore.Locale")
    for code in LOCALES:
        Locale.objects.get_or_create(language_code=code)


class Migration(migrations.Migration):
    dependencies = [("home", "0002_create_homepage"), ("wagtailcore", "0001_initial")]

    operations = [migrations.RunPython(create_locales, migrations.RunPython.noop)]
