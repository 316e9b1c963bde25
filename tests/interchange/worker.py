"""The task worker, run in the test's process and transaction until its queue is empty."""

import pytest
from django.core.management import call_command

# The worker closes connections it finds inside a transaction (close_old_connections), as
# a long-running process should: tests that run it cannot be wrapped in one.
worker_runs = pytest.mark.django_db(transaction=True)


def run_worker() -> None:
    """What `manage.py db_worker` does for imports queued from the web page."""
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
