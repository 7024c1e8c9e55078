"""Moved to :mod:`zgc_desk.yamlmarks` (shared by the deadline fees, the subsidy rules and the form
maps); the names stay importable from here."""

from zgc_desk.yamlmarks import (  # noqa: F401
    DuplicateKey,
    MarkedList,
    MarkedLoader,
    MarkedMap,
    YamlSyntaxError,
    dump,
    load_marked,
    plain,
)
