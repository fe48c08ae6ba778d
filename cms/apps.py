from django.apps import AppConfig, apps


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Site"

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import checks, signal_handlers, task_wakeup  # noqa: F401 - checks register on import
        from .scheduling import register_periodic
        from .site_url import sync_default_site
        from .tasks import PUBLISH_SCHEDULED_EVERY, publish_scheduled_pages

        signal_handlers.connect()
        task_wakeup.connect()
        register_periodic(publish_scheduled_pages, "scheduled publication", PUBLISH_SCHEDULED_EVERY)
        # Sent only for apps with models (this one has none): after wagtailcore's, as the Site is its.
        post_migrate.connect(sync_default_site, sender=apps.get_app_config("wagtailcore"))
