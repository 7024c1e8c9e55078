"""Deadlines as contract JSON records and as a plain-text table (shared by the CLI and exports)."""

from __future__ import annotations

import functools
import unicodedata

import orjson

from zgc_desk.deadlines.basis import IsoDates, basis_writer, deadline_basis, kind_label, state_label, yuan
from zgc_desk.deadlines.model import Deadline
from zgc_desk.i18n import _, pgettext


def deadline_record(d: Deadline, basis_text: str | None = None, iso=None) -> dict:
    """The contract keys (docs/json.md, ``deadlines --json``) first, then extras; ``basis_text``:
    ``deadline_basis(d)`` when the caller has it already; ``iso``: an ``IsoDates`` for a long list."""
    if iso is None:
        iso = IsoDates()
    return {
        "firm": d.firm,
        "matter": d.matter,
        "kind": d.kind,
        "office": d.office,
        "due": iso[d.due],
        "state": d.state,
        "amount_cny": d.amount_cny,
        "basis": deadline_basis(d) if basis_text is None else basis_text,
        "provisional": d.provisional,
        "year": d.year,
        "surcharge_cny": d.surcharge_cny,
        "main_due": iso[d.main_due] if d.main_due else None,
        "matter_kind": d.matter_kind,
        "title": d.title,
        "base_date": iso[d.basis.base_date],
        "period_end": iso[d.basis.unadjusted],
        "source": d.basis.source,
        "subsidy_cny": d.subsidy_cny,
        "notice_type": d.notice_type,
        "notice_id": d.notice_id,
        "amount_verified": d.amount_verified,
        "currency": d.currency,
        "pledged": d.pledged or None,
    }


def write_json(deadlines, out) -> None:
    """The contract JSON list of ``deadline_record``s, one record a line, written as it goes: the
    whole text and every record dict at once cost a gigabyte at 100,000 patents. orjson encodes a
    record about ten times faster than ``json``'s C encoder and gives UTF-8 bytes directly (the same
    JSON: keys in the same order, non-ASCII text as is; only the blanks after ``:`` and ``,`` go),
    which are written to the binary stream under ``out`` when it has one."""
    binary = _binary(out)
    write = binary.write if binary is not None else (lambda data: out.write(data.decode("utf-8")))
    dumps = orjson.dumps
    batch: list[bytes] = []
    write(b"[")
    written = False
    basis_text, iso = basis_writer(), IsoDates()
    for deadline in deadlines:
        batch.append(dumps(deadline_record(deadline, basis_text(deadline.basis, deadline.due), iso)))
        if len(batch) == 1000:
            write((b",\n" if written else b"\n") + b",\n".join(batch))
            written, batch = True, []
    if batch:
        write((b",\n" if written else b"\n") + b",\n".join(batch))
        written = True
    write(b"\n]\n" if written else b"]\n")
    if binary is not None:
        binary.flush()


def _binary(out):
    """The byte stream under a text stream ``out`` (flushed first, so that nothing overtakes what it
    holds), or None when ``out`` has none (a ``StringIO``) or encodes other than in UTF-8."""
    binary = getattr(out, "buffer", None)
    if binary is None or (getattr(out, "encoding", "") or "").lower().replace("-", "") != "utf8":
        return None
    out.flush()
    return binary


@functools.lru_cache(maxsize=65536)
def _width(text: str) -> int:
    """Columns a string takes in a terminal: CJK characters take two."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _fit(text: str, width: int) -> str:
    if _width(text) <= width:
        return text
    out = ""
    for ch in text:
        if _width(out + ch) > width - 1:
            break
        out += ch
    return out + "…"


def _pad(text: str, width: int, right: bool = False) -> str:
    gap = " " * max(0, width - _width(text))
    return gap + text if right else text + gap


def _what(d: Deadline) -> str:
    label = kind_label(d.kind)
    if d.year is not None:
        label = _("{kind} (year {year})").format(kind=label, year=d.year)
    return label


def _amount(d: Deadline) -> str:
    if d.amount_cny is None:
        return ""
    text = yuan(d.amount_cny)
    if d.surcharge_cny:
        text = _("{amount} + {surcharge} late").format(amount=text, surcharge=yuan(d.surcharge_cny))
    if (d.currency or "CNY") != "CNY":  # the column is in yuan: a foreign fee names its currency
        text = f"{text} {d.currency}"
    return text


def format_table(deadlines: list[Deadline], *, show_firm: bool = True, title_width: int = 24) -> str:
    """An aligned table, one deadline a line; a ``*`` after the date marks a provisional date."""
    headers = [_("Due"), _("State"), _("Deadline"), _("Matter"), pgettext("patent office", "Office"), _("Fee (CNY)"), _("Title")]
    if show_firm:
        headers.insert(3, _("Firm"))
    rows = []
    for d in deadlines:
        row = [d.due.isoformat() + ("*" if d.provisional else ""), state_label(d.state), _what(d),
               d.matter, d.office, _amount(d), _fit(d.title, title_width)]
        if show_firm:
            row.insert(3, d.firm)
        rows.append(row)
    numeric = {headers.index(_("Fee (CNY)"))}
    widths = [max([_width(h)] + [_width(r[i]) for r in rows]) for i, h in enumerate(headers)]

    def line(cells):
        return "  ".join(_pad(c, widths[i], i in numeric) for i, c in enumerate(cells)).rstrip()

    out = [line(headers), "  ".join("-" * w for w in widths)]
    out += [line(r) for r in rows]
    if not rows:
        out.append(_("No deadlines in this range."))
    out.append(_("{count} deadlines").format(count=len(rows)))
    if any(d.provisional for d in deadlines):
        out.append(_("* provisional: no official holiday calendar for that year yet "
                     "(weekends and statutory holidays used)"))
    return "\n".join(out)
