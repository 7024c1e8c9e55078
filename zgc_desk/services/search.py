"""One search across every kind of record and every firm: the advisor's "where is that number?".

Each kind keeps an in-memory index of its records' searchable text (``browse.SearchIndex``, built
once off the GUI thread, about 0.3 s per 100,000 records, and patched when records change), so a
search is a substring test over prepared strings — milliseconds at 100,000 patents — and only the
hits shown are read from the database. A number matches however it is written (``ZL 2021 1034
4405.7`` finds ``202110344405.7``); words match titles, marks, applicants and firm names.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from zgc_desk.columns import display_number
from zgc_desk.models import MODEL_BY_KIND, Firm
from zgc_desk.services.browse import SEARCH_FIELDS, SearchIndex

# The order results are grouped in: firms first, then the records as the window's pages go.
SEARCH_KINDS = ("firm", "patent", "pct", "overseas", "trademark")
SHOWN_PER_KIND = 50  # more would not be read; the count says how many there are


@dataclass(frozen=True)
class Hit:
    kind: str
    record_id: int
    firm_id: int | None  # the firm itself for a firm hit
    firm_name: str
    number: str
    title: str


@dataclass
class KindHits:
    kind: str
    count: int  # every match, of which ``hits`` holds the first SHOWN_PER_KIND
    hits: list[Hit] = field(default_factory=list)

    def by_firm(self) -> list[tuple[int | None, str, list[Hit]]]:
        groups: dict[int | None, tuple[str, list[Hit]]] = {}
        for hit in self.hits:
            groups.setdefault(hit.firm_id, (hit.firm_name, []))[1].append(hit)
        return sorted(((fid, name, hits) for fid, (name, hits) in groups.items()), key=lambda g: g[1])


@dataclass
class SearchResults:
    text: str
    kinds: list[KindHits]

    @property
    def count(self) -> int:
        return sum(k.count for k in self.kinds)


def _title_field(kind: str) -> str:
    return {"firm": "name", "trademark": "mark"}.get(kind, "title")


class GlobalSearch:
    """The indexes of every searchable kind; safe to build and query from a worker thread."""

    def __init__(self, kinds: tuple[str, ...] = SEARCH_KINDS):
        self.kinds = tuple(k for k in kinds if k in SEARCH_FIELDS and k in MODEL_BY_KIND)
        self._indexes = {kind: SearchIndex(kind, None) for kind in self.kinds}
        self._lock = threading.Lock()

    @property
    def built(self) -> bool:
        return all(index.built for index in self._indexes.values())

    def build(self) -> GlobalSearch:
        with self._lock:
            for index in self._indexes.values():
                index.build()
        return self

    def refresh(self, ids_by_kind: dict[str, set[int]]) -> None:
        """Re-read the records changed since the indexes were built (a service's ``Changed.ids``)."""
        for kind, ids in ids_by_kind.items():
            index = self._indexes.get(kind)
            if index is not None and ids:
                index.refresh(ids)

    def search(self, text: str, shown: int = SHOWN_PER_KIND) -> SearchResults:
        results = SearchResults(text=text, kinds=[])
        if not text.strip():
            return results
        for kind in self.kinds:
            ids = self._indexes[kind].matches(text)
            if ids:
                results.kinds.append(KindHits(kind=kind, count=len(ids), hits=_hits(kind, ids[:shown])))
        return results


def _hits(kind: str, ids: list[int]) -> list[Hit]:
    model = MODEL_BY_KIND[kind]
    rows = list(model.select().where(model.id.in_(ids)).dicts())
    if kind == "firm":
        names = {row["id"]: row["name"] for row in rows}
    else:
        firm_ids = {row["firm"] for row in rows}  # .dicts() names a foreign key by its field
        names = dict(Firm.select(Firm.id, Firm.name).where(Firm.id.in_(firm_ids)).tuples())
    hits = []
    for row in rows:
        firm_id = row["id"] if kind == "firm" else row["firm"]
        hits.append(Hit(kind=kind, record_id=row["id"], firm_id=firm_id, firm_name=names.get(firm_id, ""),
                        number=display_number(kind, row), title=row.get(_title_field(kind)) or ""))
    hits.sort(key=lambda h: (h.firm_name, h.number))
    return hits
