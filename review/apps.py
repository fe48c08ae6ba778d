from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "review"
    verbose_name = "Clinical review"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms.scheduling import register_daily
        from cms.signal_handlers import purge_on_change

        from . import gate, signal_handlers  # noqa: F401 - receivers register on import
        from .models import ClinicalSignOff, OutdatedTranslation
        from .tasks import start_due_reviews

        gate.install()
        purge_on_change(ClinicalSignOff, OutdatedTranslation, receiver=signal_handlers.purge_review_facts)
        register_daily(start_due_reviews, "the check for articles due for clinical review")
