"""Values a basis puts into words only when it is rendered, in the language of that moment (a
notice type's name, a number of months), and their storable form.

A basis keeps such a value as a small frozen dataclass whose ``__format__`` words it. To keep the
deadline (``stored``), the value is written as ``{"worded": tag, "fields": [...]}`` and read back
as the same dataclass: ``@worded(tag)`` registers the class under a tag that must not change, since
kept deadlines name it.
"""

from __future__ import annotations

import dataclasses

_CLASSES: dict[str, type] = {}
_TAG = "worded"


def worded(tag: str):
    """Register a frozen dataclass of plain fields (text, numbers) as a worded value."""

    def register(cls: type) -> type:
        if tag in _CLASSES and _CLASSES[tag] is not cls:
            raise ValueError(f"worded tag {tag!r} is taken by {_CLASSES[tag].__name__}")
        _CLASSES[tag] = cls
        cls.worded_tag = tag
        return cls

    return register


def to_storable(value) -> dict:
    """orjson's ``default``: a registered value as its tagged object; anything else is refused
    (TypeError), so that what cannot come back equal is never kept."""
    tag = getattr(type(value), "worded_tag", None)
    if tag is None or _CLASSES.get(tag) is not type(value):
        raise TypeError(f"{type(value).__name__} cannot be kept")
    return {_TAG: tag, "fields": [getattr(value, field.name) for field in dataclasses.fields(value)]}


def from_storable(obj: dict):
    """The value ``to_storable`` wrote; KeyError for a tag no class holds (a damaged cache)."""
    return _CLASSES[obj[_TAG]](*obj["fields"])


def is_storable(obj) -> bool:
    return isinstance(obj, dict) and _TAG in obj
