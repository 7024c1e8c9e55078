"""The rule loader: shipped data is complete and sourced; each broken file is rejected with its
file, line and problem (one fixture per loader error in ``broken/``, the faulty line marked
``# <- error``, the words the message must contain on a ``# expect:`` line)."""

from __future__ import annotations

from pathlib import Path

import pytest

from zgc_desk.subsidy_rules import RuleFileError, load_rules
from zgc_desk.subsidy_rules.loader import load_sources, policy_from_text, shipped_policy_ids
from zgc_desk.subsidy_rules.yamlmarks import load_marked

HERE = Path(__file__).parent
BROKEN = sorted((HERE / "broken").glob("*.yaml"))


def _expectation(text: str) -> tuple[int, str]:
    lines = text.splitlines()
    line = next(i + 1 for i, content in enumerate(lines) if "# <- error" in content)
    fragment = next(content.split("# expect:", 1)[1].strip() for content in lines if "# expect:" in content)
    return line, fragment


def test_there_is_one_fixture_per_loader_error():
    assert len(BROKEN) >= 20


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.stem)
def test_broken_rule_file_is_rejected_with_file_line_and_problem(path, english):
    """The expected fragments in the fixtures are the English messages."""
    text = path.read_text(encoding="utf-8")
    line, fragment = _expectation(text)
    with pytest.raises(RuleFileError) as caught:
        policy_from_text(text, path.name, load_sources())
    first = caught.value.problems[0]
    assert first.file == path.name
    assert first.line == line, str(caught.value)
    assert fragment in first.message
    assert path.name in str(caught.value) and str(line) in str(caught.value)


def test_the_valid_twin_of_the_broken_files_loads():
    policy = policy_from_text((HERE / "valid_policy.yaml").read_text(encoding="utf-8"), "valid_policy.yaml",
                              load_sources())
    assert policy.id == "pct_filing" and [c.name for c in policy.criteria] == ["firm_in_zone", "evidence_present"]


CONTRACT_IDS = {"invention_grant", "first_overseas_filing", "pct_filing", "overseas_grant", "madrid_trademark",
                "pledge_interest", "pledge_costs", "zgc_pledge_interest"}


def test_shipped_rules_load_with_every_policy_of_the_contract():
    rules = load_rules()
    assert list(rules.policies) == shipped_policy_ids()
    assert set(rules.policies) >= CONTRACT_IDS
    for policy in rules.policies.values():
        assert policy.criteria and policy.attachments and policy.basis.document
        assert {"available", "window"} <= set(policy.parameters)
        assert not policy.overridden


def test_every_shipped_value_has_a_source_and_illustrative_figures_are_never_marked_verified():
    rules = load_rules()
    parameters = [p for policy in rules.policies.values() for p in policy.parameters.values()]
    parameters += list(rules.fees.parameters.values())
    assert parameters
    for parameter in parameters:
        for value in parameter.values:
            assert value.source.document and value.last_checked is not None, parameter.name
            if "illustrative" in value.source.document:
                assert value.verified is False, f"{parameter.name} from {value.effective_from}"


def test_the_national_notice_dates_are_in_the_data():
    rules = load_rules()
    ends = {pid: [v.effective_from.isoformat() for v in p.parameter("available").values if v.value is False]
            for pid, p in rules.policies.items()}
    assert ends["pct_filing"] == ends["first_overseas_filing"] == ["2021-07-01"]
    assert ends["invention_grant"] == ends["overseas_grant"] == ["2025-01-01"]
    assert ends["madrid_trademark"] == []
    cap = rules.policies["invention_grant"].parameter("official_fee_cap")
    assert [(v.effective_from.isoformat(), v.value) for v in cap.values] == [("2019-01-01", None), ("2021-01-27", 0.5)]
    assert all(v.source.number == "国知发保字〔2021〕1号" for p in ("invention_grant", "overseas_grant")
               for v in rules.policies[p].parameter("available").values[-1:])


def test_office_codes_such_as_norway_stay_text_and_dates_stay_text():
    document = load_marked("value: {NO: 1, other: 2}\nfrom: 2021-01-27\nflag: yes\nok: true\n")
    assert list(document["value"]) == ["NO", "other"]
    assert document["from"] == "2021-01-27" and document["flag"] == "yes" and document["ok"] is True
    assert document.line_of("from") == 2


def _shipped_text(policy_id: str) -> str:
    return (Path(__file__).parents[2] / f"zgc_desk/subsidy_rules/policies/{policy_id}/policy.yaml").read_text(
        encoding="utf-8")


def test_a_stored_text_replaces_the_shipped_one_and_a_new_id_adds_a_policy():
    text = _shipped_text("pct_filing").replace("value: 10000", "value: 12000")
    added = _shipped_text("pct_filing").replace("id: pct_filing", "id: district_pct")
    rules = load_rules({"pct_filing": text, "district_pct": added})
    policy = rules.policies["pct_filing"]
    assert policy.overridden and policy.shipped and policy.parameter("amount_per_pct").values[0].value == 12000
    assert not rules.policies["invention_grant"].overridden
    assert rules.policies["district_pct"].overridden and not rules.policies["district_pct"].shipped
    assert list(rules.policies)[-1] == "district_pct"  # the shipped ones first


def test_a_stored_text_naming_another_policy_is_rejected_with_its_name():
    text = (HERE / "valid_policy.yaml").read_text(encoding="utf-8")  # says id: pct_filing
    with pytest.raises(RuleFileError) as caught:
        load_rules({"invention_grant": text})
    assert "invention_grant" in str(caught.value)
    assert caught.value.problems[0].line == 2


def test_source_notes_speak_the_interface_language(english):
    """Issue 17 item 7: the shipped notes were English in the Chinese window. A note may be given as
    {zh, en}; every shipped note is, and none points to files outside the program."""
    from zgc_desk.i18n import set_language
    from zgc_desk.subsidy_rules.model import Text

    rules = load_rules()
    sources = list(load_sources().values())
    for policy in rules.policies.values():
        for parameter in policy.parameters.values():
            sources += [value.source for value in parameter.values]
    notes = [source.note for source in sources if source.note]
    assert notes and all(isinstance(note, Text) for note in notes)
    assert not any("seed/" in note.en or "reference folder" in note.en for note in notes)
    pledge = load_sources()["bj_pledge_2023"].note
    assert str(pledge).startswith("Notice of the Beijing")  # English
    set_language("zh_CN")
    try:
        assert str(pledge).startswith("北京市知识产权局") and pledge.zh != pledge.en
    finally:
        set_language("en")

