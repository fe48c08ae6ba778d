from django.apps import AppConfig


class ContactsConfig(AppConfig):
    name = "contacts"
    verbose_name = "Contact numbers"

    def ready(self):
        from django.db.models.signals import post_init

        from cms.scheduling import register_daily
        from cms.signal_handlers import purge_on_change

        from . import checks, signal_handlers  # noqa: F401 - checks and receivers register on import
        from .models import ContactNumber
        from .tasks import purge_expired_callback_requests
        from .verification import flag_numbers_due_for_verification

        # Numbers show on the pages of their country's readers: those, here and at the edge.
        purge_on_change(ContactNumber, receiver=signal_handlers.purge_country_pages)
        post_init.connect(signal_handlers.remember_country, sender=ContactNumber, dispatch_uid="contact_country")
        register_daily(purge_expired_callback_requests, "the purge of expired call-back requests")
        register_daily(flag_numbers_due_for_verification, "the reminder of contact numbers due for re-verification")
