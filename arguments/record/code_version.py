"""A digest of the code that draws what readers' caches keep, so a deployment that changes it
never serves pages or maps cached by the one before."""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from django.conf import settings
from django.template.loader import get_template


@functools.cache
def code_version() -> str:
    """A digest of what draws maps (the `arguments` app's modules, the map template, the
    translations), so a deployment that changes them never serves maps cached by the one
    before: a Redis cache outlives the app's processes. Read once per process, on first use."""
    app = Path(__file__).resolve().parent.parent
    files = [*sorted(app.rglob("*.py")), Path(get_template("arguments/maps/map.html").origin.name)]
    files += sorted((Path(settings.BASE_DIR) / "locale").glob("*/LC_MESSAGES/django.mo"))
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
