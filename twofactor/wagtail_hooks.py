from django.urls import path
from wagtail import hooks

from . import views


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("second-factor/setup/", views.setup, name="twofactor_setup"),
        path("second-factor/verify/", views.verify, name="twofactor_verify"),
    ]


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action("twofactor.reset", "Second factor reset", "Second factor reset by a superuser")
