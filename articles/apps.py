from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Clinical articles"

    def ready(self):
        from cms.signal_handlers import purge_on_change

        from .models import Topic

        purge_on_change(Topic)  # topic names show on readers' pages
