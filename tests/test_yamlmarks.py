"""Marked YAML through libyaml's parser reads exactly as through PyYAML's pure-Python one: the same
values, the same line marks, the same problems — for every YAML file shipped or kept among the tests,
and for texts at the edges of the two parsers."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from zgc_desk import yamlmarks
from zgc_desk.yamlmarks import MarkedLoader, YamlSyntaxError, load_marked

ROOT = Path(__file__).parents[1]
SHIPPED = sorted((ROOT / "zgc_desk").rglob("*.yaml"))
TEST_FILES = sorted((ROOT / "tests").rglob("*.yaml"))
EDGE_TEXTS = {
    "norway_and_dates": "value: {NO: 1, other: 2}\nfrom: 2021-01-27\nflag: yes\nok: true\n",
    "anchor": "a: &x 1\nb: 2\n",
    "alias": "a: &x [1]\nb: *x\n",
    "anchor_on_mapping": "a: &x\n  b: 1\n",
    "duplicate_key": "a: 1\nb:\n  c: 1\n  c: 2\n",
    "two_documents": "a: 1\n---\nb: 2\n",
    "unclosed_flow": "a: [1, 2\nb: 3\n",
    "bad_indentation": "a:\n  b: 1\n c: 2\n",
    "tab_indent": "a:\n\tb: 1\n",
    "tab_after_colon": "a:\tvalue\n",  # libyaml takes it, PyYAML's scanner refuses it
    "tab_in_plain_text": "a: x\ty\n",
    "tab_before_comment": "a: 1 \t# x\n",
    "tab_in_quotes": "a: \"x\ty\"\n",
    "question_mark_in_flow_text": "a: {zh: 是否?, en: paid?}\n",
    "question_mark_in_block_text": "a: paid?\n",
    "block_header_then_comment": "a: |-# note\n  x\n",
    "block_header_space_comment": "a: |- # note\n  x\n",
    "byte_order_mark_inside": "a: 1\n\ufeffb: 2\n",
    "colon_in_flow": "a: [b:c, d: e]\nf: {g:h}\n",
    "control_character": "a: \x07\n",
    "lone_surrogate": "a: \ud800\n",
    "line_separators": "a: 1\u2028b: 2\x85c: 3\n",
    "byte_order_mark": "\ufeffa: 1\n",
    "deep_flow": "a: " + "[" * 2000 + "]" * 2000 + "\n",
    "deep_block": "".join(" " * i + "- \n" for i in range(0, 600, 2)),
    "complex_key": "? [a, b]\n: c\n",
    "tags": "a: !!str 1\nb: !!int '2'\nc: !!python/object:os.system x\n",
    "quoted_and_block_scalars": "a: 'x''y'\nb: \"\\u00e9\\t\"\nc: |\n  one\n  two\nd: >-\n  three\n  four\n",
    "numbers": "a: 0o17\nb: 0x1F\nc: 1_000\nd: .inf\ne: 1e3\nf: 1.5e3\ng: 012\nh: ~\n",
    "empty": "",
    "comment_only": "# nothing\n",
    "directive": "%YAML 1.1\n---\na: 1\n",
    "unknown_directive_version": "%YAML 2.0\n---\na: 1\n",
    "long_simple_key": "k" * 1100 + ": 1\n",
}


def _shape(value):
    """Values with their marks, in a form that compares."""
    if isinstance(value, dict):
        return ("map", value.line, dict(value.lines), [(key, _shape(item)) for key, item in value.items()])
    if isinstance(value, list):
        return ("list", value.line, list(value.lines), [_shape(item) for item in value])
    return (type(value).__name__, value)


def _outcome(text: str):
    try:
        return _shape(load_marked(text))
    except YamlSyntaxError as exc:
        return ("error", exc.line, exc.problem)
    except Exception as exc:  # noqa: BLE001 - e.g. a list as a mapping key: the same either way
        return ("raised", type(exc).__name__, str(exc))


def _pure_outcome(text: str, monkeypatch):
    with monkeypatch.context() as patch:
        patch.setattr(yamlmarks, "CMarkedLoader", None)
        return _outcome(text)


def test_libyaml_parses_when_pyyaml_has_it(monkeypatch):
    if not yaml.__with_libyaml__:
        assert yamlmarks.CMarkedLoader is None
        pytest.skip("this PyYAML was built without libyaml")
    used = []
    real_load = yamlmarks._load
    monkeypatch.setattr(yamlmarks, "_load", lambda text, loader: used.append(loader) or real_load(text, loader))
    load_marked(SHIPPED[0].read_text(encoding="utf-8"))
    assert used == [yamlmarks.CMarkedLoader]
    assert issubclass(yamlmarks.CMarkedLoader, yaml.cyaml.CParser)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(ROOT)))
def test_a_shipped_file_reads_alike_through_both_parsers(path):
    if yamlmarks.CMarkedLoader is None:
        pytest.skip("this PyYAML was built without libyaml")
    text = path.read_text(encoding="utf-8")
    fast = yaml.load(text, Loader=yamlmarks.CMarkedLoader)  # noqa: S506 - constructs like SafeLoader
    pure = yaml.load(text, Loader=MarkedLoader)  # noqa: S506
    assert _shape(fast) == _shape(pure)


@pytest.mark.parametrize("path", SHIPPED + TEST_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_load_marked_answers_as_the_pure_python_parser_does(path, monkeypatch):
    text = path.read_text(encoding="utf-8")
    assert _outcome(text) == _pure_outcome(text, monkeypatch)


@pytest.mark.parametrize("text", list(EDGE_TEXTS.values()), ids=list(EDGE_TEXTS))
def test_an_edge_text_reads_as_the_pure_python_parser_reads_it(text, monkeypatch):
    assert _outcome(text) == _pure_outcome(text, monkeypatch)


@pytest.mark.parametrize("text", ["a: 1\n? [x, y]\n: 2\n", "? {k: v}\n: 1\n", "a:\n  ? [1]\n  : b\n"])
def test_a_list_or_mapping_as_a_key_is_reported_with_its_line(text):
    with pytest.raises(YamlSyntaxError) as caught:
        load_marked(text)
    from zgc_desk.i18n import _

    assert caught.value.line >= 1
    assert _("a key must be a single value, not a list or a mapping") in str(caught.value)
