from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Clinical articles"

    def ready(self):
        from . import signal_handlers

        signal_handlers.connect()
