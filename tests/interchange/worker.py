"""The task worker, run in the test's process and transaction until its queue is empty."""

from django.core.management import call_command


def run_worker() -> None:
    """What `manage.py db_worker` does for imports queued from the web page."""
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
