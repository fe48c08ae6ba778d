import itertools

import pytest

from search import client as search_client
from search.engine.launcher import OpenSearchEngine

from .corpus import make_corpus
from .harness import REAL_CLUSTER

_prefixes = itertools.count()


@pytest.fixture(scope="session")
def engine():
    """OpenSearch (Lucene), started once per run from search/engine/ (`make engine` builds it)."""
    server = OpenSearchEngine()
    yield server
    server.close()


@pytest.fixture
def es(engine, settings):
    """Reader search on OpenSearch (a real Elasticsearch cluster when ELASTICSEARCH_URL is set),
    with the analysis production sends, and index names of this test's own so tests never see
    each other's documents."""
    settings.ELASTICSEARCH_URL = REAL_CLUSTER or engine.url
    settings.ELASTICSEARCH_NODE_CLASS = "" if REAL_CLUSTER else "tests.search.harness.RecordingNode"
    settings.SEARCH_INDEX_PREFIX = f"test{next(_prefixes)}"
    search_client._client.cache_clear()
    client = search_client.get_client()
    yield client
    client.indices.delete(index=f"{settings.SEARCH_INDEX_PREFIX}-*", ignore_unavailable=True)
    search_client._client.cache_clear()


@pytest.fixture
def cluster_down(settings):
    """A cluster address where nothing answers."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{port}"
    settings.ELASTICSEARCH_NODE_CLASS = "search.engine.launcher.OpenSearchNode"
    search_client._client.cache_clear()
    yield settings.ELASTICSEARCH_URL
    search_client._client.cache_clear()


@pytest.fixture
def corpus(es, db):
    """tests/search/corpus.py, indexed: {language: [pages]}."""
    return make_corpus()
