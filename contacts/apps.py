from django.apps import AppConfig


class ContactsConfig(AppConfig):
    name = "contacts"
    verbose_name = "Contact numbers"

    def ready(self):
        from cms.scheduling import register_daily
        from cms.signal_handlers import purge_on_change

        from . import checks, signal_handlers  # noqa: F401 - checks and receivers register on import
        from .models import ContactNumber
        from .tasks import purge_expired_callback_requests
        from .verification import flag_numbers_due_for_verification

        purge_on_change(ContactNumber)  # numbers show on every reader's page
        register_daily(purge_expired_callback_requests, "the purge of expired call-back requests")
        register_daily(flag_numbers_due_for_verification, "the reminder of contact numbers due for re-verification")
