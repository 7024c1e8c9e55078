"""What can change, which views depend on what, and the typed value every mutating service returns.

One enumeration (:class:`Kind`) names what can change; one table (:data:`DEPENDS`) says which
derived view (:class:`View`) is computed from which kinds. A view asks ``changed.affects(View.X,
firm_id)`` and never keeps a list of its own, so a new record kind reaches every view that depends
on it by adding it here (and to :data:`TABLE_KINDS`, so that undo names it).

This module sits at the bottom of the layers (beside ``i18n``, the only module it imports):
``io/``, ``forms/``, the operations core and the services all use it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from zgc_desk.i18n import N_


class Kind(StrEnum):
    """What an operation can change. The values are the kind names used in the change log."""

    FIRM = "firm"
    PATENT = "patent"
    PCT = "pct"
    OVERSEAS = "overseas"
    TRADEMARK = "trademark"
    PLEDGE_LOAN = "pledge_loan"
    NOTICE = "notice"
    ATTACHMENT = "attachment"  # a file held by a record (its row; the bytes are never changed)
    PAYMENT = "payment"  # a fee paid: day, amount, receipt (with the paid-through year it moves on)
    CLAIM = "subsidy_claim"
    RULE_PARAMETER = "rule_parameter"  # a dated value of a subsidy policy's parameter (the user's rule files)
    SETTING = "setting"  # a per-database setting (lead times, backups kept)
    OTHER = "other"  # a table no entry below names: every view refreshes (safe for kinds added later)


KIND_LABELS: dict[Kind, str] = {
    Kind.FIRM: N_("Firm"),
    Kind.PATENT: N_("Patent"),
    Kind.PCT: N_("PCT application"),
    Kind.OVERSEAS: N_("Overseas filing"),
    Kind.TRADEMARK: N_("Trademark"),
    Kind.PLEDGE_LOAN: N_("Pledge loan"),
    Kind.NOTICE: N_("Notice"),
    Kind.ATTACHMENT: N_("Attachment"),
    Kind.PAYMENT: N_("Payment"),
    Kind.CLAIM: N_("Subsidy claim"),
    Kind.RULE_PARAMETER: N_("Rule parameter"),
    Kind.SETTING: N_("Setting"),
    Kind.OTHER: N_("Other records"),
}
"""What a kind is called (msgids; translate when shown)."""


class View(StrEnum):
    """What the front ends derive from the data and must refresh when it changes."""

    FIRM_LIST = "firm_list"  # the firm switcher and the window title
    RECORDS = "records"  # the record lists (each asks for the ids of its own kind)
    PROFILE = "profile"  # a firm's profile page (counts of every kind)
    HISTORY = "history"  # a record's change log
    DEADLINES = "deadlines"  # computed deadlines (engine input: records and lead-time settings)
    DUE_LIST = "due_list"  # the Due list: deadlines plus the subsidy rounds with items to claim
    SUBSIDY_RESULTS = "subsidy_results"  # eligibility and amounts of a round
    STANDING = "standing"  # a firm's standing for the subsidy rules (HNTE, SME, blacklist)
    ATTACHMENTS = "attachments"  # the files a record holds
    PAYMENTS = "payments"  # the fees paid on a record


_RECORDS = frozenset({Kind.FIRM, Kind.PATENT, Kind.PCT, Kind.OVERSEAS, Kind.TRADEMARK, Kind.PLEDGE_LOAN,
                      Kind.NOTICE})

DEPENDS: dict[View, frozenset[Kind]] = {
    View.FIRM_LIST: frozenset({Kind.FIRM}),
    View.RECORDS: _RECORDS,
    View.PROFILE: _RECORDS | {Kind.CLAIM, Kind.PAYMENT},
    View.HISTORY: _RECORDS | {Kind.CLAIM, Kind.PAYMENT},
    View.DEADLINES: _RECORDS | {Kind.SETTING},
    View.DUE_LIST: _RECORDS | {Kind.SETTING, Kind.CLAIM, Kind.RULE_PARAMETER},
    View.SUBSIDY_RESULTS: _RECORDS | {Kind.CLAIM, Kind.RULE_PARAMETER},
    View.STANDING: frozenset({Kind.FIRM, Kind.RULE_PARAMETER}),
    View.ATTACHMENTS: frozenset({Kind.ATTACHMENT}),
    View.PAYMENTS: frozenset({Kind.PAYMENT}),
}
"""Which kinds each view is computed from. ``Kind.OTHER`` affects every view."""

TABLE_KINDS: dict[str, Kind] = {
    "firm": Kind.FIRM,
    "patent": Kind.PATENT,
    "pct_application": Kind.PCT,
    "overseas_filing": Kind.OVERSEAS,
    "trademark": Kind.TRADEMARK,
    "pledge_loan": Kind.PLEDGE_LOAN,
    "notice": Kind.NOTICE,
    "attachment": Kind.ATTACHMENT,
    "payment": Kind.PAYMENT,
    "subsidy_claim": Kind.CLAIM,
    "policy_file": Kind.RULE_PARAMETER,
    "app_setting": Kind.SETTING,
}
"""The kind a database table holds (what undo reports). Tables that hold no kind of their own
(the change log) are in :data:`UNNAMED_TABLES`; any other table counts as ``Kind.OTHER``."""

UNNAMED_TABLES = frozenset({"change_log"})


_ALIASES = {"subsidy_rules": Kind.RULE_PARAMETER}


def as_kind(kind: Kind | str) -> Kind:
    """A kind from its name; a name this table does not know counts as ``Kind.OTHER``."""
    if isinstance(kind, Kind):
        return kind
    if kind in _ALIASES:
        return _ALIASES[kind]
    try:
        return Kind(kind)
    except ValueError:
        return Kind.OTHER


def kind_of_table(table: str) -> Kind | None:
    if table in UNNAMED_TABLES:
        return None
    return TABLE_KINDS.get(table, Kind.OTHER)


@dataclass
class Changed:
    """The kinds and ids an operation touched; ``firm_ids`` lets views of other firms ignore it.

    An id is a record id (int) or, for settings and rule parameters, a key (str). A change added
    without a firm (a setting, a rule parameter) concerns every firm (``all_firms``).
    """

    ids: dict[Kind, set] = field(default_factory=dict)
    firm_ids: set[int] = field(default_factory=set)
    all_firms: bool = False

    def add(self, kind: Kind | str, record_id: int | str, firm_id: int | None = None) -> Changed:
        self.ids.setdefault(as_kind(kind), set()).add(record_id)
        if firm_id is None:
            self.all_firms = True
        else:
            self.firm_ids.add(firm_id)
        return self

    def merge(self, other: Changed) -> Changed:
        for kind, ids in other.ids.items():
            self.ids.setdefault(kind, set()).update(ids)
        self.firm_ids |= other.firm_ids
        self.all_firms = self.all_firms or other.all_firms
        return self

    @property
    def kinds(self) -> set[Kind]:
        return set(self.ids)

    def of(self, kind: Kind | str) -> set:
        """The ids of one kind that changed (empty when none did)."""
        return set(self.ids.get(as_kind(kind), ()))

    def concerns(self, firm_id: int | None) -> bool:
        """Whether this may concern ``firm_id``'s views: it names that firm or no firm at all."""
        return firm_id is None or self.all_firms or not self.firm_ids or firm_id in self.firm_ids

    def affects(self, view: View, firm_id: int | None = None) -> bool:
        """Whether ``view`` (showing ``firm_id``, or every firm when None) must refresh."""
        kinds = self.kinds
        if not kinds:
            return False
        if Kind.OTHER not in kinds and not kinds & DEPENDS[view]:
            return False
        return self.concerns(firm_id)

    def __bool__(self) -> bool:
        return bool(self.ids)
