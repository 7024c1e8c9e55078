"""Field maps: every shipped policy has a form; versions by round; broken maps name file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from zgc_desk.forms.fieldmap import (
    COMMON_FILE,
    MAPS_DIR,
    FormMapError,
    form_for,
    form_versions,
)
from zgc_desk.subsidy_rules.loader import shipped_policy_ids

GOOD = """\
form: invention_grant
version: {version}
from_round: {from_round}
title: 测试申报表{version}
columns:
  - {{header: 序号, source: row.index, type: int, width: 5}}
  - {{header: 申请号, source: item.number}}
  - {{header: 金额, source: decision.amount_cny, type: money, total: true}}
"""


def _folder(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "maps"
    folder.mkdir()
    (folder / COMMON_FILE).write_text((MAPS_DIR / COMMON_FILE).read_text(encoding="utf-8"), encoding="utf-8")
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("policy", shipped_policy_ids())
def test_every_policy_has_a_form_with_the_common_parts(policy):
    form = form_for(policy, 2024, title="某政策")
    assert form.policy == policy and form.title.endswith(("申报表", "申报书"))
    assert [line.label for line in form.firm_block][:2] == ["申报单位名称", "统一社会信用代码"]
    assert [line.label for line in form.firm_block if line.input] == ["开户银行", "银行账号"]
    assert any(c.source == "decision.amount_cny" and c.type == "money" and c.total for c in form.columns)
    assert form.declaration.startswith("本单位郑重承诺") and " " not in form.declaration
    assert len(form.signatures) == 3


def test_the_form_version_follows_the_round(tmp_path):
    folder = _folder(tmp_path, {"invention_grant_v1.yaml": GOOD.format(version=1, from_round=2019),
                                "invention_grant_v2.yaml": GOOD.format(version=2, from_round=2025)})
    assert [f.version for f in form_versions("invention_grant", folder)] == [1, 2]
    assert form_for("invention_grant", 2024, folder).version == 1
    assert form_for("invention_grant", 2025, folder).version == 2
    assert form_for("invention_grant", 2010, folder).version == 1  # before any: the oldest


def test_orientation_follows_the_width_unless_the_map_says(tmp_path):
    narrow = GOOD.format(version=1, from_round=2019)
    folder = _folder(tmp_path, {"invention_grant_v1.yaml": narrow,
                                "invention_grant_v2.yaml": GOOD.format(version=2, from_round=2020) + "landscape: true\n"})
    assert form_for("invention_grant", 2019, folder).landscape is False
    assert form_for("invention_grant", 2020, folder).landscape is True
    assert form_for("invention_grant", 2024).landscape is True  # the shipped forms are wide


@pytest.mark.parametrize(("replace", "by", "line", "words"), [
    ("source: item.number", "source: item.colour", 7, "item.colour"),
    ("type: money", "type: currency", 8, "currency"),
    ("width: 5", "width: 500", 6, "500"),
    ("title: 测试申报表1\n", "", 1, "title"),
    ("version: 1", "version: one", 2, "version"),
    ("columns:", "colums:", 5, "colums"),
    ("- {header: 序号", "- {header 序号", 6, ""),
])
def test_a_broken_map_names_file_line_and_problem(tmp_path, replace, by, line, words):
    text = GOOD.format(version=1, from_round=2019)
    assert replace in text
    folder = _folder(tmp_path, {"invention_grant_v1.yaml": text.replace(replace, by)})
    with pytest.raises(FormMapError) as caught:
        form_versions("invention_grant", folder)
    message = str(caught.value)
    assert message.startswith("invention_grant_v1.yaml"), message
    assert f"line {line}:" in message or f"第{line}行" in message, message
    assert words in message


def test_an_unknown_firm_field_is_refused(tmp_path):
    common = (MAPS_DIR / COMMON_FILE).read_text(encoding="utf-8").replace("firm.zgc_park", "firm.zone")
    folder = _folder(tmp_path, {"invention_grant_v1.yaml": GOOD.format(version=1, from_round=2019)})
    (folder / COMMON_FILE).write_text(common, encoding="utf-8")
    with pytest.raises(FormMapError, match="firm.zone"):
        form_versions("invention_grant", folder)


def test_office_names_in_chinese():
    form = form_for("overseas_grant", 2024)
    assert form.office_name("US") == "美国（US）"
    assert form.office_name("EP") == "欧洲专利局（EP）"
    assert form.office_name("") == ""


def test_a_policy_without_a_form_of_its_own_gets_the_generic_application_under_its_title():
    form = form_for("made_up_policy", 2026, title="海淀区示例奖励")
    assert form.policy == "made_up_policy" and form.title == "海淀区示例奖励申报书"
    assert {c.source for c in form.columns} >= {"item.number", "row.reasons", "row.computation", "decision.amount_cny"}
