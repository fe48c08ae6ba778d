from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "review"
    verbose_name = "Clinical review"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import gate, signal_handlers  # noqa: F401 - receivers register on import

        gate.install()
