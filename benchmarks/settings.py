"""Production settings plus the benchmark's reference view. Never used to serve readers."""

from cms.settings.production import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls"
