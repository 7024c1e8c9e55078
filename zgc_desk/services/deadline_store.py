"""Computed deadlines kept between listings, so that a deadline list is mostly a query.

Computing every rule for 100,000 patents takes seconds each time a list is shown. Yet a record's
deadlines change only when the record (or what it is computed with) changes, and their states only
on the days a due date or a grace end passes. So each record's deadlines are kept together with:

- the **fingerprint** of the facts they were computed from (``stored.fingerprint``): the facts are
  read from the portfolio on every listing, as before, and a record whose fingerprint differs — an
  edit by anyone, on any machine sharing the database, an import, an undo — is computed afresh.
  Nothing has to remember to invalidate: what is kept is checked against what is there;
- the **as-of days it holds for** (``tracked``): every question the rules asked of the as-of date
  splits the calendar, and the kept answer is used only on days on the same side of every split.
  "Today" moving on changes the states of a few records a day, and only those are recomputed;
- the **span of due dates it covers**: about 9 months back to 27 months ahead of the day it was
  computed, less a few days that differ per record (so that the records do not all run out of span
  on the same day). A list whose range does not fit in a fresh span (``--from 2020``) is simply
  computed, as before;
- the **engine stamp** (``stored.ENGINE_STAMP``): new rule data, holiday calendars or program code
  drop everything kept.

When the portfolio's **data version** (``zgc_desk.data_version``: changed by database triggers on
every write to the tables the facts come from) is the one the cache was last checked against in
full, the facts are not read at all: only the records whose kept deadlines do not hold for the day
or the range are read and computed, and the list is a query. A listing that checked every record
(all firms, everything kept) notes the version it read before reading the facts; any write to the
cache by a listing that read another version forgets the note.

What is kept is derived data only: it lives in the per-user cache folder, one file per database
(SQLite, WAL), never in the portfolio or its backups, and it may be deleted at any time. Any
failure to read or write it (locked by another process, damaged, disk full) falls back to computing
the list, and a damaged file is replaced. ``ZGC_DESK_DEADLINE_STORE=0`` turns it off.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import logging
import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from zgc_desk.deadlines.common import add_months
from zgc_desk.deadlines.engine import compute_deadlines, make_context
from zgc_desk.deadlines.model import SORT_KEY, Deadline
from zgc_desk.deadlines.stored import (
    ENGINE_ARGUMENTS,
    ENGINE_STAMP,
    KIND_CODES,
    STATES,
    Decoder,
    Encoder,
    computed_for_keeping,
    decode_shape,
    decode_who,
    engine_facts,
    fingerprint,
    ordinal_or_none,
)

log = logging.getLogger(__name__)

KIND_NAMES = {code: name for name, code in KIND_CODES.items()}

SPAN_BACK_MONTHS, SPAN_AHEAD_MONTHS = 9, 27
STAGGER_DAYS = 61  # a record's span is shorter by (its id modulo this) days at each end
PRUNE_AFTER = 1000  # records written again in one listing, after which unused shared parts are dropped
BATCH = 5000  # records computed and written together
KEEP_PER_LISTING = 10_000  # records computed for keeping in one listing (see _kept_deadlines)

LAYOUT = 2  # of this file's tables: a new layout starts the file again
STAMP = f"{ENGINE_STAMP} layout {LAYOUT}"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS record (
    kind INTEGER NOT NULL, id INTEGER NOT NULL, firm_id INTEGER NOT NULL, fingerprint BLOB NOT NULL,
    valid_from INTEGER NOT NULL, valid_until INTEGER NOT NULL, cover_from INTEGER NOT NULL,
    cover_to INTEGER NOT NULL, PRIMARY KEY (kind, id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS record_firm ON record (firm_id);
CREATE TABLE IF NOT EXISTS shape (id INTEGER PRIMARY KEY, body BLOB NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS who (id INTEGER PRIMARY KEY, body BLOB NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS deadline (
    kind INTEGER NOT NULL, id INTEGER NOT NULL, seq INTEGER NOT NULL, firm_id INTEGER NOT NULL,
    shape INTEGER NOT NULL, who INTEGER NOT NULL, due INTEGER NOT NULL, state INTEGER NOT NULL,
    main_due INTEGER, base_date INTEGER NOT NULL, unadjusted INTEGER NOT NULL,
    PRIMARY KEY (due, kind, id, seq)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS deadline_firm ON deadline (firm_id, due);
CREATE INDEX IF NOT EXISTS deadline_record ON deadline (kind, id);
"""


def enabled() -> bool:
    return os.environ.get("ZGC_DESK_DEADLINE_STORE", "1") != "0"


def fresh_span(as_of: dt.date, record_id: int) -> tuple[dt.date, dt.date]:
    shorter = dt.timedelta(days=record_id % STAGGER_DAYS)
    return add_months(as_of, -SPAN_BACK_MONTHS) + shorter, add_months(as_of, SPAN_AHEAD_MONTHS) - shorter


def fits(as_of: dt.date, start: dt.date | None, end: dt.date | None) -> bool:
    """Whether a list of due dates ``start``..``end`` fits in every record's fresh span."""
    if start is None or end is None:
        return False
    first, last = fresh_span(as_of, STAGGER_DAYS - 1)
    return first <= start and end <= last


# ---- where -----------------------------------------------------------------------------------

def store_path() -> Path | None:
    """The cache file of the open database, in the per-user cache folder: named by a digest of the
    name the database's backups go by (``db.backup_anchor``: the file itself, or the server
    database's host, port and name — never its password)."""
    from zgc_desk.db import backup_anchor
    from zgc_desk.paths import user_cache_dir

    anchor = backup_anchor()
    if anchor is None or str(anchor).startswith((":memory:", "file:")):
        return None
    name = hashlib.blake2b(str(anchor.resolve()).encode("utf-8"), digest_size=10).hexdigest()
    return user_cache_dir() / "deadlines" / f"{name}.sqlite3"


class Store:
    """The open cache file (see the module docstring)."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.conn = sqlite3.connect(path, timeout=0.5, isolation_level=None)
        self._parts: dict[str, _Parts] = {}  # what this listing's writes know of the shared parts
        self.writes_seen: int | None = None  # the file's write count this listing last saw (``keep``)
        try:
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            stamp = self.conn.execute("SELECT value FROM meta WHERE key = 'engine'").fetchone()
            if stamp is None or stamp[0] != STAMP:
                self._start_again()
        except BaseException:
            self.conn.close()
            raise

    def _start_again(self) -> None:
        """Drop whatever is kept (other rules, or an older layout of this file) and lay it out anew."""
        with self.transaction() as conn:
            for table in ("record", "deadline", "shape", "who"):
                conn.execute(f"DROP TABLE IF EXISTS {table}")
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute("DELETE FROM meta")  # the note of a full check, too: nothing is kept now
            conn.execute("INSERT OR REPLACE INTO meta VALUES ('engine', ?)", (STAMP,))

    @contextlib.contextmanager
    def transaction(self):
        """One write transaction, taken at once (``BEGIN IMMEDIATE``): a busy file fails here."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def close(self) -> None:
        self.conn.close()

    # -- reading --

    def index(self, firm_id: int | None) -> dict[tuple[int, int], tuple]:
        sql = "SELECT kind, id, fingerprint, valid_from, valid_until, cover_from, cover_to FROM record"
        rows = (self.conn.execute(sql) if firm_id is None
                else self.conn.execute(sql + " WHERE firm_id = ?", (firm_id,)))
        return {(kind, rid): rest for kind, rid, *rest in rows}

    def rows(self, firm_id: int | None, start: dt.date, end: dt.date, open_cut: int | None = None,
             states: Iterable[str] | None = None, idle_on: int | None = None):
        """(kind, id, shape, who, due, state, main_due, base_date, unadjusted) of the deadlines due
        from ``start`` to ``end`` (``stored.Encoder``); ``open_cut`` (an ordinal): without the open
        ones due after it that back up nothing; ``states``, ``idle_on``: see ``_where``."""
        where, params = _where(firm_id, start, end, open_cut, states, idle_on)
        return self.conn.execute(
            f"SELECT kind, id, shape, who, due, state, main_due, base_date, unadjusted FROM deadline WHERE {where}",  # noqa: S608
            params)

    def checked_at(self) -> int | None:
        """The data version every kept record was last checked against (see the module's note)."""
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'checked'").fetchone()
        return None if row is None else int(row[0])

    def writes(self) -> int:
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'writes'").fetchone()
        return 0 if row is None else int(row[0])

    def mark_checked(self, version: int) -> bool:
        """Note that every kept record was checked against facts read at ``version`` — unless another
        listing wrote to the file since this one last looked (``writes_seen``): its records may come
        from other facts. Whether it was noted."""
        with self.transaction() as conn:
            if self.writes_seen is None or self.writes() != self.writes_seen:
                return False
            conn.execute("INSERT OR REPLACE INTO meta VALUES ('checked', ?)", (str(version),))
        return True

    def stale_keys(self, firm_id: int | None, today: int, first: int, last: int) -> set[tuple[int, int]]:
        """The records whose kept deadlines do not hold for the as-of day ``today`` or do not cover
        the due dates ``first``..``last`` (ordinals)."""
        sql = ("SELECT kind, id FROM record WHERE NOT (valid_from <= ? AND ? < valid_until "
               "AND cover_from <= ? AND ? <= cover_to)")
        params: tuple = (today, today, first, last)
        if firm_id is not None:
            sql, params = sql + " AND firm_id = ?", (*params, firm_id)
        return set(self.conn.execute(sql, params))

    def decoder(self, firm_id: int | None, start: dt.date, end: dt.date, open_cut: int | None = None,
                states: Iterable[str] | None = None, idle_on: int | None = None) -> Decoder:
        """A decoder of the rows of ``rows(firm_id, start, end, open_cut, states, idle_on)``: the shared parts those
        rows name (one firm's listing names a fiftieth of them), decoded as read — equal notes
        decode to one tuple (``stored.decode_shape``), so the decoded parts take far less than their texts."""
        where, params = _where(firm_id, start, end, open_cut, states, idle_on)
        return Decoder(*({pid: decode(body) for pid, body in self.conn.execute(
            f"SELECT id, body FROM {table} WHERE id IN (SELECT {table} FROM deadline WHERE {where})",  # noqa: S608
            params)} for table, decode in (("shape", decode_shape), ("who", decode_who))))


    # -- writing --

    def keep(self, computed: list, gone: Iterable[tuple[int, int]], version: int | None = None) -> None:
        """Replace the kept deadlines of the ``computed`` records ((kind, id, firm_id, fingerprint,
        Kept) each) and forget the ``gone`` ones, in one transaction; computed from facts read at
        the data ``version`` (None: unknown), which keeps the note of a full check only if it is
        that version's."""
        with self.transaction() as conn:
            conn.execute("DELETE FROM meta WHERE key = 'checked' AND value IS NOT ?",
                         (None if version is None else str(version),))
            count = self.writes()
            conn.execute("INSERT OR REPLACE INTO meta VALUES ('writes', ?)", (str(count + 1),))
            # only while nobody else wrote in between does this listing still know all that was written
            self.writes_seen = count + 1 if self.writes_seen == count else None
            parts = self._parts
            generation = conn.execute("SELECT value FROM meta WHERE key = 'pruned'").fetchone()
            for table in ("shape", "who"):
                parts[table] = _Parts.up_to_date(parts.get(table), conn, table, generation)
            forget = [*gone, *((kind, rid) for kind, rid, *_rest in computed)]
            conn.executemany("DELETE FROM deadline WHERE kind = ? AND id = ?", forget)
            conn.executemany("DELETE FROM record WHERE kind = ? AND id = ?", forget)
            records, deadlines = [], []
            encoder = Encoder()  # one batch's: what it decoded is mostly the batch's own parts
            for kind, rid, firm_id, digest, kept in computed:
                encoded = [encoder.encode(d) for d in kept.deadlines]
                if any(e is None for e in encoded):
                    continue  # something that would not come back equal: computed each time instead
                for seq, (shape, who, row) in enumerate(encoded):
                    deadlines.append((kind, rid, seq, firm_id, parts["shape"].id(shape), parts["who"].id(who), *row))
                records.append((kind, rid, firm_id, digest, kept.valid_from, kept.valid_until,
                                kept.cover_from.toordinal(), kept.cover_to.toordinal()))
            records.sort()
            deadlines.sort(key=_by_due)  # in the table's order: appended rather than spread over it
            conn.executemany("INSERT INTO record VALUES (?, ?, ?, ?, ?, ?, ?, ?)", records)
            conn.executemany("INSERT INTO deadline VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", deadlines)

    def prune(self) -> None:
        """Drop the shared parts no kept deadline names any more (an edited title's, an old fee's),
        and say so in ``meta``: a writer that knew them reads the parts again before naming one."""
        with self.transaction() as conn:
            conn.execute("DELETE FROM shape WHERE id NOT IN (SELECT DISTINCT shape FROM deadline)")
            conn.execute("DELETE FROM who WHERE id NOT IN (SELECT DISTINCT who FROM deadline)")
            conn.execute("INSERT OR REPLACE INTO meta VALUES ('pruned', ?)", (os.urandom(8).hex(),))


_OPEN = STATES.index("open")


def _where(firm_id: int | None, start: dt.date, end: dt.date, open_cut: int | None,
           states: Iterable[str] | None = None, idle_on: int | None = None) -> tuple[str, tuple]:
    """The ``deadline`` rows of a listing: due in the range, of the firm, not open beyond the cut, in
    one of the ``states`` (all when None) — a to-do list of 50,000 notices, most of them answered,
    reads and decodes only the open and missed ones —, and with ``idle_on`` (an ordinal) without the
    backups idle on that day (open, backing up a deadline not yet passed)."""
    where, params = "due BETWEEN ? AND ?", (start.toordinal(), end.toordinal())
    if states is not None:
        codes = sorted(STATES.index(state) for state in set(states) if state in STATES)
        where += f" AND state IN ({', '.join(map(str, codes))})" if codes else " AND 0"
    if idle_on is not None:
        where, params = where + f" AND NOT (main_due IS NOT NULL AND state = {_OPEN} AND main_due >= ?)", \
            (*params, idle_on)
    if firm_id is not None:
        where, params = where + " AND firm_id = ?", (*params, firm_id)
    if open_cut is not None:
        where, params = where + f" AND (due <= ? OR state <> {_OPEN} OR main_due IS NOT NULL)", (*params, open_cut)
    return where, params


def _by_due(row: tuple) -> tuple:
    return row[6], row[0], row[1], row[2]


class _Parts:
    """The shared parts (``shape`` or ``who``) a listing's writes name, by their text: a part not
    met yet in this listing is looked up by its text (an index) and added when new. Kept from one
    batch's transaction to the next; a prune by any writer (``meta`` 'pruned') makes it forget
    what it knew, since a part it knew may be gone."""

    def __init__(self, conn, table: str, generation):
        self.table, self.generation = table, generation
        self.known: dict[bytes, int] = {}  # by the digest of the text (``_digest``): a shape's is ~4 KB
        self.conn = conn

    @classmethod
    def up_to_date(cls, parts, conn, table: str, generation) -> _Parts:
        if parts is None or parts.generation != generation:
            return cls(conn, table, generation)
        parts.conn = conn
        return parts

    def id(self, body: bytes) -> int:
        key = _digest(body)
        found = self.known.get(key)
        if found is None:
            row = self.conn.execute(f"SELECT id FROM {self.table} WHERE body = ?", (body,)).fetchone()  # noqa: S608
            found = self.known[key] = row[0] if row else self.conn.execute(
                f"INSERT INTO {self.table} (body) VALUES (?)", (body,)).lastrowid  # noqa: S608
        return found


def _digest(body: bytes) -> bytes:
    return hashlib.blake2b(body, digest_size=16).digest()


def open_store() -> Store | None:
    """The open database's cache, or None (turned off, no file database, or it cannot be opened; a
    damaged file is removed so that the next listing starts a new one)."""
    if not enabled():
        return None
    path = store_path()
    if path is None:
        return None
    try:
        return Store(path)
    except sqlite3.OperationalError as exc:  # busy (another process or thread is laying it out)
        log.info("deadline cache %s busy (%s): computing instead", path, exc)
        return None
    except sqlite3.DatabaseError as exc:  # damaged, or not a database: it holds nothing of value
        log.warning("deadline cache %s unusable (%s): starting a new one", path, exc)
        _remove(path)
        try:
            return Store(path)
        except (sqlite3.Error, OSError) as again:
            log.warning("deadline cache %s unusable (%s): computing instead", path, again)
            return None
    except (sqlite3.Error, OSError) as exc:
        log.warning("deadline cache %s unusable (%s): computing instead", path, exc)
        return None


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            Path(str(path) + suffix).unlink(missing_ok=True)


# ---- listing ---------------------------------------------------------------------------------

def kept_deadlines(load, *, as_of: dt.date, start: dt.date, end: dt.date, firm_id: int | None, states=None,
                   hide_idle_backups: bool = False, version: int | None = None,
                   open_due_by: dt.date | None = None) -> list[Deadline] | None:
    """The deadlines of the records ``load`` gives (``load(None)``: every record of the listing, kind
    name -> facts; ``load({kind name: ids})``: only those) due from ``start`` to ``end``, as
    ``engine.compute_deadlines`` gives them (sorted, the same objects' values), from what is kept
    where it still holds; None when the range does not fit (the caller computes). ``version``: the
    data version read before anything else (None: unknown, every record is checked).
    ``open_due_by``: the open deadlines due after it (not backups) are not read back (the caller
    cuts them from what is computed; see ``services.deadlines.list_deadlines``)."""
    if not fits(as_of, start, end):
        return None
    store = open_store()
    if store is None:
        return None
    try:
        return _kept_deadlines(store, load, as_of, start, end, firm_id, states, hide_idle_backups, version,
                               open_due_by)
    except sqlite3.OperationalError as exc:  # busy, out of disk…: nothing wrong with what it holds
        log.warning("deadline cache %s failed (%s): computing instead", store.path, exc)
        return None
    except (sqlite3.DatabaseError, KeyError, ValueError, TypeError) as exc:
        # damaged or altered beyond what its checks catch (a missing shape, a payload that is not
        # what encode wrote): it holds nothing that cannot be computed again
        log.warning("deadline cache %s failed (%s): computing instead, and starting a new one", store.path, exc,
                    exc_info=True)
        store.close()
        _remove(store.path)
        return None
    finally:
        store.close()


def _sorted_out(records, index, today: int, first: int, last: int) -> tuple[set, list]:
    """The keys of the records whose kept deadlines hold for the as-of day ``today`` and cover the
    due dates ``first``..``last`` (ordinals), and the others' (code, facts, fingerprint)."""
    valid: set[tuple[int, int]] = set()
    stale = []
    for name, facts_list in records.items():
        code = KIND_CODES[name]
        for facts in facts_list:
            key = (code, facts.id)
            digest = fingerprint(facts)
            kept = index.get(key)
            if (kept is not None and kept[0] == digest and kept[1] <= today < kept[2]
                    and kept[3] <= first and last <= kept[4]):
                valid.add(key)
            else:
                stale.append((code, facts, digest))
    return valid, stale


def _kept_deadlines(store: Store, load, as_of, start, end, firm_id, states, hide_idle_backups, version,
                    open_due_by=None):
    today, first, last = as_of.toordinal(), start.toordinal(), end.toordinal()
    store.writes_seen = store.writes()  # before anything is read: a write after it forbids the note
    unchanged = version is not None and store.checked_at() == version
    if unchanged:  # nothing written since every record was checked: only those out of date are read
        outdated = store.stale_keys(firm_id, today, first, last)
        ids_by_kind: dict[str, set[int]] = {}
        for code, rid in outdated:
            ids_by_kind.setdefault(KIND_NAMES[code], set()).add(rid)
        records = load(ids_by_kind) if ids_by_kind else {}
        stale = [(KIND_CODES[name], facts, fingerprint(facts)) for name, facts_list in records.items()
                 for facts in facts_list]

        def holds(key) -> bool:
            return key not in outdated

        gone = outdated - {(code, facts.id) for code, facts, _digest in stale}  # none, unless deleted
    else:
        records = load(None)
        index = store.index(firm_id)
        valid, stale = _sorted_out(records, index, today, first, last)
        holds = valid.__contains__
        # records gone from the listing of all firms (deleted, or no longer owing anything) are forgotten
        gone = set(index) - valid - {(code, facts.id) for code, facts, _digest in stale} if firm_id is None else set()
    def wanted(state: str, main_due) -> bool:
        if states is not None and state not in states:
            return False
        return not (hide_idle_backups and main_due is not None and state == "open" and today <= main_due)

    out: list[Deadline] = []
    writable = True
    rules_ctx = make_context(as_of)
    # At most KEEP_PER_LISTING records are computed for keeping (over their whole span, tracked,
    # then written): the first listing of a large portfolio — after installing or new rule data —
    # costs about what computing it did, and the cache fills over the next listings. The rest are
    # computed for the asked range only, as without the cache.
    to_keep, just_list = stale[:KEEP_PER_LISTING], stale[KEEP_PER_LISTING:]
    # in batches, each written in its own transaction (one batch's computed deadlines held at a time)
    for batch in (to_keep[at:at + BATCH] for at in range(0, len(to_keep), BATCH)):
        if not writable:  # another process holds the file: list the rest without keeping it
            just_list.extend(batch)
            continue
        computed = []
        for code, facts, digest in batch:
            rules_ctx.start, rules_ctx.end = fresh_span(as_of, facts.id)
            kept = computed_for_keeping(code, facts, rules_ctx, as_of)
            computed.append((code, facts.id, facts.firm_id, digest, kept))
            out.extend(d for d in kept.deadlines
                       if first <= d.due.toordinal() <= last and wanted(d.state, ordinal_or_none(d.main_due)))
        writable = _keep(store, computed, gone, version)
        gone = set()
    if just_list:
        by_kind: dict[str, list] = {name: [] for name in ENGINE_ARGUMENTS.values()}
        for code, facts, _digest in just_list:
            by_kind[ENGINE_ARGUMENTS[code]].extend(engine_facts(code, facts))
        out.extend(compute_deadlines(**by_kind, as_of=as_of, start=start, end=end, states=states,
                                     hide_idle_backups=hide_idle_backups))
    if gone:
        writable = _keep(store, [], gone, version) and writable
    if writable and len(stale) >= PRUNE_AFTER:
        _keep(store, None, ())
    if version is not None and not unchanged and firm_id is None and writable and not just_list:
        _mark_checked(store, version)  # every record checked, and all kept: the next list may trust it
    decoder = None
    cut = None if open_due_by is None else open_due_by.toordinal()
    idle_on = today if hide_idle_backups else None  # the query leaves out what wanted() would
    for kind, rid, sid, wid, due, state, main_due, base_date, unadjusted in store.rows(firm_id, start, end, cut,
                                                                                        states, idle_on):
        if holds((kind, rid)):
            if decoder is None:
                decoder = store.decoder(firm_id, start, end, cut, states, idle_on)
            out.append(decoder.deadline(sid, wid, due, state, main_due, base_date, unadjusted))
    out.sort(key=SORT_KEY)
    return out


# ---- keeping ahead ---------------------------------------------------------------------------
# A listing keeps at most KEEP_PER_LISTING records, so that the first one after installing or after
# new rule data costs about what computing did. The window keeps the rest in the background once
# its lists are shown (``keep_all``), so that the next day's lists are queries.

KEEP_AHEAD_BACK, KEEP_AHEAD_MONTHS = 6, 24  # the widest of the usual lists: the calendar's range


def keep_all(records: dict[str, list], *, as_of: dt.date, stop=None, version: int | None = None) -> int:
    """Compute and keep, a batch at a time, every record of ``records`` (kind name -> facts, all
    firms, read at the data ``version``) whose kept deadlines do not hold for ``as_of`` over the
    usual lists' range, and forget the records no longer there; ``stop`` (a ``threading.Event``)
    ends the work between batches. The number of records kept; 0 when the cache is off, busy or
    unusable (it is only ever a head start)."""
    store = open_store()
    if store is None:
        return 0
    try:
        return _keep_all(store, records, as_of, stop, version)
    except sqlite3.Error as exc:
        log.info("deadline cache %s not kept ahead (%s)", store.path, exc)
        return 0
    finally:
        store.close()


def _keep_all(store: Store, records, as_of: dt.date, stop, version) -> int:
    first = add_months(as_of, -KEEP_AHEAD_BACK).toordinal()
    last = add_months(as_of, KEEP_AHEAD_MONTHS).toordinal()
    store.writes_seen = store.writes()
    index = store.index(None)
    valid, stale = _sorted_out(records, index, as_of.toordinal(), first, last)
    gone = set(index) - valid - {(code, facts.id) for code, facts, _digest in stale}
    if gone and not _keep(store, [], gone, version):
        return 0
    rules_ctx = make_context(as_of)
    kept = 0
    for at in range(0, len(stale), BATCH):
        if stop is not None and stop.is_set():
            return kept
        computed = []
        for code, facts, digest in stale[at:at + BATCH]:
            rules_ctx.start, rules_ctx.end = fresh_span(as_of, facts.id)
            computed.append((code, facts.id, facts.firm_id, digest,
                             computed_for_keeping(code, facts, rules_ctx, as_of)))
        if not _keep(store, computed, (), version):
            return kept  # another process writes the file: it keeps them, or a later listing does
        kept += len(computed)
    if kept >= PRUNE_AFTER:
        _keep(store, None, ())
    if version is not None:
        _mark_checked(store, version)
    return kept


def _mark_checked(store: Store, version: int) -> None:
    try:
        store.mark_checked(version)
    except sqlite3.OperationalError as exc:  # another writer: noted another time
        log.info("deadline cache busy (%s): not noted as checked this time", exc)


def _keep(store: Store, computed, gone, version: int | None = None) -> bool:
    """``store.keep`` (``computed`` None: ``store.prune``); False when another process holds the file."""
    try:
        if computed is None:
            store.prune()
        else:
            store.keep(computed, gone, version)
    except (sqlite3.OperationalError, sqlite3.IntegrityError) as exc:  # another writer: kept another time
        log.info("deadline cache busy (%s): not kept this time", exc)
        store._parts.clear()  # the transaction was rolled back: what it numbered is not there
        return False
    return True
