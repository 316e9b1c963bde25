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
    """A digest of what draws readers' pages and maps (the `arguments` and `annotations`
    apps' modules, migrations included, the templates, the translations), so a deployment
    that changes them never serves what the one before cached: a Redis cache outlives the
    app's processes. Read once per process, on first use."""
    base = Path(settings.BASE_DIR)
    files = [
        *sorted((base / "arguments").rglob("*.py")),
        *sorted((base / "annotations").rglob("*.py")),
    ]
    files += sorted((base / "templates").rglob("*.html"))
    files.append(Path(get_template("arguments/maps/map.html").origin.name))
    files += sorted((base / "locale").glob("*/LC_MESSAGES/django.mo"))
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
