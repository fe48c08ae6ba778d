from django.apps import AppConfig


class ContactsConfig(AppConfig):
    name = "contacts"
    verbose_name = "Contact numbers"

    def ready(self):
        from . import signal_handlers  # noqa: F401 - receivers register on import
