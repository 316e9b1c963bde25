"""Settings of the load benchmark's server: the shipped settings, with a URL configuration
that adds the reference view (bench/reference_urls.py). Never used by the shipped site."""

from debate.settings import *  # noqa: F403

ROOT_URLCONF = "bench.reference_urls"
