"""YAML reading that remembers line numbers, so a rule file's problems can name their line.

Two departures from PyYAML's safe loader, both on purpose:
- dates stay text (``2021-02-30`` must become "bad date on line 12", not a bare ValueError);
- only ``true``/``false`` are booleans: YAML 1.1 would read the office code ``NO`` (Norway) or a
  stray ``yes`` as a boolean.
Mappings come back as :class:`MarkedMap` (a dict with ``line`` and ``lines[key]``), sequences as
:class:`MarkedList` (a list with ``line`` and ``lines[index]``); scalars are plain values.

Where PyYAML was built with libyaml, the text is parsed by libyaml's C parser (:class:`CMarkedLoader`,
about six times faster: the rule set's files took a second under a profiler) and composed and
constructed by the same Python code as :class:`MarkedLoader`, so anchors are refused and marks kept
alike. A text the C parser rejects is read again by the pure-Python one, whose result or message is the
one given: libyaml words its problems differently.
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


class _AnchorlessComposer(yaml.composer.Composer):
    """The composer, refusing anchors and aliases.

    A rule file never needs ``&name`` / ``*name``, and aliases are how a few hundred bytes of YAML
    ("billion laughs") become a structure whose every walk takes for ever."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent) or (self.check_event(yaml.ScalarEvent, yaml.SequenceStartEvent,
                                                                  yaml.MappingStartEvent)
                                                 and self.peek_event().anchor is not None):
            raise yaml.composer.ComposerError(
                None, None, _("anchors and aliases (&name, *name) are not allowed in a rule file"),
                self.peek_event().start_mark)
        return super().compose_node(parent, index)


class MarkedLoader(_AnchorlessComposer, yaml.SafeLoader):
    """SafeLoader with line marks, text dates and strict booleans; no anchors or aliases."""


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
        try:
            hash(key)
        except TypeError:  # ``? [a, b]``: a list or mapping as a key, which no rule file has
            raise yaml.constructor.ConstructorError(
                "while reading a mapping", node.start_mark,
                _("a key must be a single value, not a list or a mapping"), key_node.start_mark) from None
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

CMarkedLoader = None
if yaml.__with_libyaml__:
    from yaml.cyaml import CParser

    class CMarkedLoader(_AnchorlessComposer, CParser, yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
        """:class:`MarkedLoader` over libyaml's parser. Only the events come from C: the Python
        composer comes before ``CParser`` in the bases so that it, not libyaml's composer (which
        keeps no anchors to refuse), builds the nodes."""

        yaml_constructors = MarkedLoader.yaml_constructors
        yaml_implicit_resolvers = MarkedLoader.yaml_implicit_resolvers

        def __init__(self, stream):
            CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)


class YamlSyntaxError(ValueError):
    """The text is not YAML; ``line`` is where the parser gave up (1-based)."""

    def __init__(self, line: int, problem: str):
        super().__init__(problem)
        self.line = line
        self.problem = problem


RULE_TEXT_MAX = 2_000_000  # characters; the largest shipped rule file is a few kilobytes


def load_marked(text: str):
    """Parse YAML text into marked mappings and lists; raises :class:`YamlSyntaxError`."""
    if len(text) > RULE_TEXT_MAX:
        raise YamlSyntaxError(0, _("the file has more than {count} characters; a rule file is far smaller")
                              .format(count=RULE_TEXT_MAX))
    if CMarkedLoader is not None and c_parser_reads_alike(text):
        try:
            return _load(text, CMarkedLoader)
        except (yaml.YAMLError, RecursionError, UnicodeEncodeError):
            pass  # read again below: the answer is the pure-Python parser's, in its words
    try:
        return _load(text, MarkedLoader)
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
    except RecursionError:  # thousands of nested [[[…]]]: no rule file is shaped so
        raise YamlSyntaxError(0, _("the structure is nested too deeply for a rule file")) from None


# Where libyaml accepts what PyYAML's scanner refuses (found by comparing the two on mutated rule
# files; tests/test_yamlmarks.py keeps examples): a tab outside quotes, a "?" inside a flow
# collection's plain text, a byte order mark after the start, a block scalar's header run into a
# comment (``|#``). A text with any of these goes to the pure parser; no shipped file has one.
_C_PARSER_DIFFERS = re.compile(r"[\t?!\ufeff]|[|>][-+0-9]*#")


def c_parser_reads_alike(text: str) -> bool:
    return _C_PARSER_DIFFERS.search(text) is None


def _load(text: str, loader: type):
    return yaml.load(text, Loader=loader)  # noqa: S506 - both loaders construct like SafeLoader


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
