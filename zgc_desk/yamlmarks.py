"""YAML reading that remembers line numbers, so a rule file's problems can name their line.

Two departures from PyYAML's safe loader, both on purpose:
- dates stay text (``2021-02-30`` must become "bad date on line 12", not a bare ValueError);
- only ``true``/``false`` are booleans: YAML 1.1 would read the office code ``NO`` (Norway) or a
  stray ``yes`` as a boolean.
Mappings come back as :class:`MarkedMap` (a dict with ``line`` and ``lines[key]``), sequences as
:class:`MarkedList` (a list with ``line`` and ``lines[index]``); scalars are plain values.
"""

from __future__ import annotations

import re

import yaml

from zgc_desk.i18n import _


class MarkedMap(dict):
    """A mapping that knows its own line and the line of each key (1-based)."""

    line: int = 0

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines: dict = {}

    def line_of(self, key) -> int:
        return self.lines.get(key, self.line)


class MarkedList(list):
    """A sequence that knows its own line and the line of each item (1-based)."""

    line: int = 0

    def __init__(self, *args):
        super().__init__(*args)
        self.lines: list[int] = []

    def line_of(self, index: int) -> int:
        return self.lines[index] if 0 <= index < len(self.lines) else self.line


class DuplicateKey(yaml.MarkedYAMLError):
    pass


class MarkedLoader(yaml.SafeLoader):
    """SafeLoader with line marks, text dates and strict booleans."""


MarkedLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in (
        "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
MarkedLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def _construct_mapping(loader: MarkedLoader, node: yaml.MappingNode) -> MarkedMap:
    loader.flatten_mapping(node)
    mapping = MarkedMap()
    mapping.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in mapping:
            raise DuplicateKey("while reading a mapping", node.start_mark,
                               _("key '{key}' appears twice").format(key=key), key_node.start_mark)
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.lines[key] = key_node.start_mark.line + 1
    return mapping


def _construct_sequence(loader: MarkedLoader, node: yaml.SequenceNode) -> MarkedList:
    items = MarkedList(loader.construct_object(child, deep=True) for child in node.value)
    items.line = node.start_mark.line + 1
    items.lines = [child.start_mark.line + 1 for child in node.value]
    return items


MarkedLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
MarkedLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


class YamlSyntaxError(ValueError):
    """The text is not YAML; ``line`` is where the parser gave up (1-based)."""

    def __init__(self, line: int, problem: str):
        super().__init__(problem)
        self.line = line
        self.problem = problem


def load_marked(text: str):
    """Parse YAML text into marked mappings and lists; raises :class:`YamlSyntaxError`."""
    try:
        return yaml.load(text, Loader=MarkedLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 0
        context = exc.context or ""
        if exc.context and exc.context_mark is not None and exc.context_mark.line + 1 != line:
            context += f" (line {exc.context_mark.line + 1})"  # where the unclosed structure began
        problem = " ".join(part for part in (context, exc.problem) if part)
        raise YamlSyntaxError(line, problem) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(0, str(exc)) from None


def plain(value):
    """Marked structures back to plain dicts and lists (for dumping)."""
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


class _Dumper(yaml.SafeDumper):
    """Dumps text that :class:`MarkedLoader` reads back identically (keys keep their order)."""


def dump(document) -> str:
    return yaml.dump(plain(document), Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=False, width=100)
