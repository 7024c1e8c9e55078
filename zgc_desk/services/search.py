"""One search across every kind of record and every firm — firms, patents, PCT applications, overseas
filings, trademarks and official notices: the advisor's "where is that number?".

Each kind keeps an in-memory index of its records' searchable text (``browse.SearchIndex``, built
once off the GUI thread, about 0.3 s per 100,000 records, and patched when records change), so a
search is a substring test over prepared strings — about 10 ms at 100,000 patents — and only the
hits shown are read from the database (their number, title and firm name, in one query per kind).
A number matches however it is written (``ZL 2021 1034 4405.7`` finds ``202110344405.7``); words
match titles, marks, applicants and firm names.

A number or other ASCII text is looked for in each record's ASCII part only (its text with every run
of other characters replaced by the field separator): the same matches — an ASCII text can only
match a run of ASCII characters — in a string of one byte per character, about twice as fast as in
the record's full text, which holds Chinese and so two bytes per character.

Typing narrows: when every term of the new text holds a term of the previous search (``2019`` then
``201910``), whatever matches the new text matched the previous one, so only the previous matches
are tested — a few hundred strings instead of 100,000. The answer is the same as a fresh search's
(same ids, same order); a change of records drops what was kept.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field

from zgc_desk import numbers
from zgc_desk.columns import display_number
from zgc_desk.models import MODEL_BY_KIND, Firm
from zgc_desk.services.browse import SEARCH_FIELDS, SearchIndex

# The order results are grouped in: firms first, then the records as the window's pages go.
SEARCH_KINDS = ("firm", "patent", "pct", "overseas", "trademark", "notice")
SHOWN_PER_KIND = 50  # more would not be read; the count says how many there are
# The fields a hit shows: its number (what ``columns.display_number`` reads) and its title or name
# (an overseas filing has none of its own).
_SHOWN_FIELDS = {"firm": ("credit_code", "name"), "patent": ("application_no", "title"),
                 "pct": ("pct_no", "title"), "overseas": ("office", "application_no"),
                 "trademark": ("registration_no", "mark"), "notice": ("matter_no", "notice_type", "dispatch_date")}


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


def _title(kind: str, row: dict) -> str:
    """A hit's title: the record's title, mark or name — for a notice, its type and dispatch date."""
    if kind != "notice":
        return row.get(_title_field(kind)) or ""
    from zgc_desk.deadlines.notice_types import default_notice_rules
    from zgc_desk.i18n import _, current_language, format_date

    found = default_notice_rules().types.get(row["notice_type"])
    label = found.label(current_language()) if found is not None else row["notice_type"]
    return _("{notice} of {date}").format(notice=label, date=format_date(row["dispatch_date"], "iso"))


SEPARATOR = "\x1f"  # between the fields of a record's text (browse.SearchIndex), never typed
_NOT_ASCII = re.compile(r"[^\x00-\x7f]+")


def ascii_part(text: str) -> str:
    """``text`` with each run of non-ASCII characters replaced by the separator: an ASCII string
    without the separator is in it exactly where it is in ``text``."""
    return text if text.isascii() else _NOT_ASCII.sub(SEPARATOR, text)


def _ascii_terms(terms: frozenset[str]) -> bool:
    return all(term.isascii() and SEPARATOR not in term for term in terms)


class KindIndex(SearchIndex):
    """One kind's index across all firms, keeping each record's ASCII part beside its text."""

    def __init__(self, kind: str):
        super().__init__(kind, None)
        self._ascii: dict[int, str] | None = None

    def build(self) -> KindIndex:
        super().build()
        with self._lock:
            if self._ascii is None:
                self._ascii = {record_id: ascii_part(text) for record_id, text in self._texts.items()}
        return self

    def refresh(self, ids: Iterable[int]) -> None:
        ids = list(ids)
        super().refresh(ids)
        with self._lock:
            if self._ascii is None:
                return
            for record_id in ids:  # in the texts' own order: changed records last
                self._ascii.pop(record_id, None)
            for record_id in ids:
                text = self._texts.get(record_id)
                if text is not None:
                    self._ascii[record_id] = ascii_part(text)

    def _texts_for(self, terms: frozenset[str]) -> dict[int, str]:
        return self._ascii if _ascii_terms(terms) else self._texts

    def matches(self, search: str) -> list[int]:
        """Every id whose text holds ``search`` as typed or, for a number, in its loose form (by id,
        records changed since the build last) — ``SearchIndex.matches``'s answer."""
        self.build()
        terms = search_terms(search)
        if "" in terms:
            return []
        items = self._texts_for(terms).items()
        if len(terms) == 1:
            (term,) = terms
            return [i for i, text in items if term in text]
        first, second = sorted(terms)
        return [i for i, text in items if first in text or second in text]

    def filter(self, ids: Iterable[int], search: str) -> list[int]:
        """The ids (order kept) whose text matches ``search`` — ``SearchIndex.filter``'s answer."""
        self.build()
        terms = search_terms(search)
        if "" in terms:
            return list(ids)
        texts = self._texts_for(terms)
        if len(terms) == 1:
            (term,) = terms
            return [i for i in ids if term in texts.get(i, "")]
        first, second = sorted(terms)
        return [i for i in ids if first in texts.get(i, "") or second in texts.get(i, "")]


class GlobalSearch:
    """The indexes of every searchable kind; safe to build and query from a worker thread."""

    def __init__(self, kinds: tuple[str, ...] = SEARCH_KINDS):
        self.kinds = tuple(k for k in kinds if k in SEARCH_FIELDS and k in MODEL_BY_KIND)
        self._indexes = {kind: KindIndex(kind) for kind in self.kinds}
        self._lock = threading.Lock()
        self._last: tuple[frozenset[str], dict[str, list[int]]] | None = None  # the previous search's matches

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
                self._last = None  # the kept matches may no longer hold
                index.refresh(ids)

    def search(self, text: str, shown: int = SHOWN_PER_KIND) -> SearchResults:
        results = SearchResults(text=text, kinds=[])
        if not text.strip():
            self._last = None  # an emptied box starts afresh
            return results
        terms = search_terms(text)
        narrowed = self._last[1] if self._last is not None and narrows(self._last[0], terms) else None
        found: dict[str, list[int]] = {}
        for kind in self.kinds:
            index = self._indexes[kind]
            ids = index.filter(narrowed[kind], text) if narrowed is not None else index.matches(text)
            found[kind] = ids
            if ids:
                results.kinds.append(KindHits(kind=kind, count=len(ids), hits=_hits(kind, ids[:shown])))
        self._last = (terms, found)
        return results


def search_terms(text: str) -> frozenset[str]:
    """What a record's text must hold one of to match ``text`` (``browse.SearchIndex.matches``): the
    words as typed, and for a number its loose form."""
    words = text.strip().casefold()
    key = numbers.search_key(text).casefold()
    return frozenset((words, key) if key and key != words else (words,))


def narrows(before: frozenset[str], after: frozenset[str]) -> bool:
    """Whether everything matching ``after`` matched ``before``: each new term holds an old one."""
    return all(any(old in new for old in before) for new in after)


def _hits(kind: str, ids: list[int]) -> list[Hit]:
    """The hits shown, read in one query: the fields shown and the firm's name, nothing more."""
    if not ids:
        return []
    model = MODEL_BY_KIND[kind]
    fields = _SHOWN_FIELDS[kind]
    columns = [model.id, *(getattr(model, name) for name in fields)]
    if kind == "firm":
        query = model.select(*columns).where(model.id.in_(ids))
    else:
        query = (model.select(*columns, model.firm, Firm.name.alias("firm_name"))
                 .join(Firm, on=(model.firm == Firm.id)).where(model.id.in_(ids)))
    hits = []
    for row in query.dicts():
        firm_id = row["id"] if kind == "firm" else row["firm"]
        firm_name = row["name"] if kind == "firm" else row["firm_name"]
        hits.append(Hit(kind=kind, record_id=row["id"], firm_id=firm_id, firm_name=firm_name or "",
                        number=display_number(kind, row), title=_title(kind, row)))
    hits.sort(key=lambda h: (h.firm_name, h.number))
    return hits
