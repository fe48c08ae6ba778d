"""The default site is named after the clinic's site (the admin dashboard says "Welcome to the
Clinical guidance Wagtail CMS", not "localhost")."""

from django.conf import settings
from django.db import migrations


def name_site(apps, schema_editor):
    Site = apps.get_model("wagtailcore", "Site")
    Site.objects.filter(is_default_site=True, site_name="").update(site_name=settings.WAGTAIL_SITE_NAME)


class Migration(migrations.Migration):
    dependencies = [("home", "0003_reader_locales")]

    operations = [migrations.RunPython(name_site, migrations.RunPython.noop)]
