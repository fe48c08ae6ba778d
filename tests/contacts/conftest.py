import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Call-back rate limits live in the cache, which outlives each test's database."""
    cache.clear()
    yield
    cache.clear()
