"""An operation's label, kept so that it is shown in the language of whoever reads it.

The undo history outlives the window (and the language it ran in), so a label is stored as its
English message id and arguments, and translated when shown: ``Label(N_("Delete {what}"),
what=Label(N_("{kind} {name}"), kind=Label(N_("Patent")), name="202110344405.7"))``. A label
given as plain text is stored and shown as it is.
"""

from __future__ import annotations

import json

from zgc_desk.i18n import _


class Label:
    def __init__(self, msgid: str, **args):
        self.msgid, self.args = msgid, args

    def __str__(self) -> str:
        text = _(self.msgid)
        return text.format(**{key: str(value) for key, value in self.args.items()}) if self.args else text

    def __eq__(self, other) -> bool:
        return isinstance(other, Label) and (self.msgid, self.args) == (other.msgid, other.args)

    def __repr__(self) -> str:
        return f"Label({self.msgid!r}, **{self.args!r})"

    def to_data(self) -> dict:
        return {"msgid": self.msgid, "args": {key: value.to_data() if isinstance(value, Label) else value
                                               for key, value in self.args.items()}}

    @classmethod
    def from_data(cls, data: dict) -> Label:
        return cls(data["msgid"], **{key: cls.from_data(value) if isinstance(value, dict) else value
                                     for key, value in data["args"].items()})


def store(label: Label | str) -> str:
    return json.dumps(label.to_data(), ensure_ascii=False) if isinstance(label, Label) else str(label)


def shown(stored: str) -> str:
    """The label as text in the current language."""
    if stored.startswith('{"msgid"'):
        try:
            return str(Label.from_data(json.loads(stored)))
        except (ValueError, KeyError, TypeError):  # written by another version: show it raw
            return stored
    return stored
