import pytest


@pytest.fixture(autouse=True)
def _fresh_rate_limits(fresh_rate_limits):
    """Every call-back test starts with no client counted (tests/conftest.py)."""
