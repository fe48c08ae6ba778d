"""Receivers only: a topic's name shows on readers' pages, so a change drops the page cache."""

from cms.signal_handlers import purge_on_change

from .models import Topic


def connect() -> None:
    purge_on_change(Topic)
