from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Site"

    def ready(self):
        from . import signals

        signals.connect()
