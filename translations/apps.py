from django.apps import AppConfig


class TranslationsConfig(AppConfig):
    name = "translations"
    verbose_name = "Page translations"

    def ready(self):
        from . import checks, guards  # noqa: F401 - checks register on import

        guards.install()
