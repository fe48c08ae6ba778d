from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Reader search"

    def ready(self):
        from . import checks, signal_handlers  # noqa: F401 - checks and receivers register on import
