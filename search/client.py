"""The official Elasticsearch client, configured by ELASTICSEARCH_URL. No URL, no client:
reader search then answers from Wagtail's database search."""

from functools import cache
from typing import Any

from django.conf import settings
from django.utils.module_loading import import_string
from elasticsearch import Elasticsearch

# What a reader-facing request may wait for the cluster before falling back.
READER_TIMEOUT = 2.0


def search_enabled() -> bool:
    return bool(getattr(settings, "ELASTICSEARCH_URL", ""))


@cache
def _client(url: str, node_class: str, timeout: float):
    options: dict[str, Any] = {"request_timeout": timeout, "max_retries": 0, "retry_on_timeout": False}
    if node_class:
        options["node_class"] = import_string(node_class)
    return Elasticsearch(url, **options)


def get_client(timeout: float = 30.0):
    """A client (cached per process) or None when search runs on the database."""
    if not search_enabled():
        return None
    return _client(settings.ELASTICSEARCH_URL, getattr(settings, "ELASTICSEARCH_NODE_CLASS", ""), timeout)


def alias_name(code: str) -> str:
    return f"{settings.SEARCH_INDEX_PREFIX}-articles-{code}"
