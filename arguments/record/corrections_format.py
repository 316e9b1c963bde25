"""Read and check a debate's corrections log (`corrections.yaml`, see fixtures/README.md).
Pure: no database.

Each entry is dated and lists its changes; a change names what it is about by slugs, which
must exist in the record (a removed relation must be gone from it), so the log cannot
drift from the record it corrects.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

CHANGES = {
    "relation": {"recredited", "resourced", "removed", "rekinded", "reversed", "added"},
    "claim": {"reworded", "requoted", "resourced", "reattributed", "added"},
    "source": {"redated", "redescribed", "retitled"},
    "participant": {"redescribed"},
    "label": {"relabelled"},
}
ENTRY_KEYS = {"slug", "date", "title", "title_en", "summary", "summary_en", "items"}
ITEM_KEYS = {"what", "change", "from", "to", "kind", "slug", "before", "after", "reason"}
ITEM_KEYS |= {"reason_en"}


@dataclass(frozen=True)
class CorrectionItemData:
    what: str
    change: str
    slug: str = ""  # claim, source, participant or labelled claim
    from_claim: str = ""  # relations
    to_claim: str = ""
    kind: str = ""
    before: str = ""
    after: str = ""
    reason: str = ""
    reason_en: str = ""


@dataclass
class CorrectionData:
    slug: str
    date: datetime.date
    title: str
    title_en: str = ""
    summary: str = ""
    summary_en: str = ""
    items: list[CorrectionItemData] = field(default_factory=list)


def _text(data: dict, key: str) -> str:
    value = data.get(key)
    return "" if value is None else str(value).strip()


def read_corrections(data: Any, problems: list[str]) -> list[CorrectionData]:
    """The entries of a parsed corrections.yaml; what is wrong goes to `problems`."""
    if data is None:
        return []
    if not isinstance(data, list):
        problems.append("corrections.yaml: expected a list of entries")
        return []
    entries = []
    for index, raw in enumerate(data):
        where = f"corrections.yaml: entry {index + 1}"
        if not isinstance(raw, dict) or set(raw) - ENTRY_KEYS:
            problems.append(f"{where}: expected a mapping with keys among {sorted(ENTRY_KEYS)}")
            continue
        missing = [key for key in ("slug", "date", "title", "items") if not raw.get(key)]
        if missing:
            problems.append(f"{where}: missing {missing}")
            continue
        date = raw["date"]
        if not isinstance(date, datetime.date):
            problems.append(f"{where}: date must be written YYYY-MM-DD")
            continue
        entry = CorrectionData(
            slug=_text(raw, "slug"),
            date=date,
            title=_text(raw, "title"),
            title_en=_text(raw, "title_en"),
            summary=_text(raw, "summary"),
            summary_en=_text(raw, "summary_en"),
        )
        items = raw["items"] if isinstance(raw["items"], list) else []
        for number, item in enumerate(items):
            read = _item(f"{where}, change {number + 1}", item, problems)
            if read is not None:
                entry.items.append(read)
        entries.append(entry)
    return entries


def _item(where: str, item: Any, problems: list[str]) -> CorrectionItemData | None:
    if not isinstance(item, dict) or set(item) - ITEM_KEYS:
        problems.append(f"{where}: expected a mapping with keys among {sorted(ITEM_KEYS)}")
        return None
    what, change = _text(item, "what"), _text(item, "change")
    if change not in CHANGES.get(what, ()):
        problems.append(f"{where}: {what!r} cannot be {change!r}")
        return None
    if not _text(item, "reason"):
        problems.append(f"{where}: every change says why (reason)")
    ends = ("from", "to", "kind") if what == "relation" else ("slug",)
    if any(not _text(item, key) for key in ends):
        problems.append(f"{where}: a {what} change names {', '.join(ends)}")
        return None
    return CorrectionItemData(
        what=what,
        change=change,
        slug=_text(item, "slug"),
        from_claim=_text(item, "from"),
        to_claim=_text(item, "to"),
        kind=_text(item, "kind"),
        before=_text(item, "before"),
        after=_text(item, "after"),
        reason=_text(item, "reason"),
        reason_en=_text(item, "reason_en"),
    )


def cross_check(
    entries: list[CorrectionData],
    claims: set[str],
    relations: set[tuple[str, str, str]],
    sources: set[str],
    participants: set[str],
) -> list[str]:
    """Slugs that name nothing, and removed relations still in the record."""
    problems = []
    known = {"claim": claims, "label": claims, "source": sources, "participant": participants}
    for entry in entries:
        for item in entry.items:
            where = f"corrections.yaml: {entry.slug}: {item.what} {item.slug or item.from_claim}"
            if item.what in known and item.slug not in known[item.what]:
                problems.append(f"{where}: unknown {item.what} {item.slug!r}")
            if item.what != "relation":
                continue
            for end in (item.from_claim, item.to_claim):
                if end not in claims:
                    problems.append(f"{where}: unknown claim {end!r}")
            still = (item.from_claim, item.to_claim, item.kind) in relations
            if item.change == "removed" and still:
                problems.append(f"{where}: removed, yet still in the record")
    return problems
