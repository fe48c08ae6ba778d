"""Settings come from the environment; production refuses to start without a real secret."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from cms.settings.env import env_bool

ROOT = Path(__file__).resolve().parents[1]


def import_production(**env):
    environment = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS"}}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import cms.settings.production"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("secret", [None, "short", "dev-only-insecure-key-never-used-in-production" + "x" * 20])
def test_production_refuses_to_start_without_a_real_secret(secret):
    env = {"ALLOWED_HOSTS": "guidance.example.org"}
    if secret is not None:
        env["SECRET_KEY"] = secret
    result = import_production(**env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_starts_with_a_real_secret_and_hosts():
    assert (
        import_production(
            SECRET_KEY="k" * 20 + "Zq8#-vT1pL0xW3e9rY6uI2oP5aS7dF4gH", ALLOWED_HOSTS="a.example"
        ).returncode
        == 0
    )


def test_production_needs_explicit_hosts():
    result = import_production(SECRET_KEY="k" * 20 + "Zq8#-vT1pL0xW3e9rY6uI2oP5aS7dF4gH")
    assert "ALLOWED_HOSTS must name" in result.stderr


def test_yes_no_variables_refuse_anything_else(monkeypatch):
    monkeypatch.setenv("DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="DEBUG must be true or false"):
        env_bool("DEBUG")
    monkeypatch.setenv("DEBUG", "yes")
    assert env_bool("DEBUG") is True
