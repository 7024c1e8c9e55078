"""The Policies page: parameters with sources, a new value checked before it is saved (and seen by
the Subsidies page), export, import, revert and removal of a policy file; a hand-written district
policy imported, checked, filled and removed with no code change."""

from __future__ import annotations

import datetime as dt

import pytest
from subsidies_helpers import open_subsidy_window, show_subsidies

from zgc_desk.i18n import format_money
from zgc_desk.services import subsidies
from zgc_desk.subsidy_rules.loader import shipped_policy_ids
from zgc_desk.ui.subsidies import texts
from zgc_desk.ui.subsidies.result_tree import AMOUNT

SOURCE, DOCUMENT, URL = 5, 6, 7


@pytest.fixture
def window(demo_db, make_window):
    return open_subsidy_window(make_window)


def show_policies(qtbot, window, policy: str):
    page = window.pages["policies"]
    window.show_page("policies")
    qtbot.waitUntil(lambda: bool(page.policies), timeout=5000)
    page.select_policy(policy)
    return page


def new_value_dialog(qtbot, window, policy: str, parameter: str):
    """The Policies page on ``policy`` and its New value dialog for ``parameter``."""
    page = show_policies(qtbot, window, policy)
    page.select_value(parameter)
    dialog = page.new_value()
    qtbot.addWidget(dialog)
    return page, dialog


def _rows(page) -> list:
    return [page.table.topLevelItem(i) for i in range(page.table.topLevelItemCount())]


def _kept(policy: str) -> bool:
    """Whether the database keeps a copy of the policy."""
    return policy in subsidies.stored_texts()


def _madrid_us_amount(page) -> int:
    return next(n.decision.amount_cny for n in page.tree.decision_nodes("madrid_trademark")
                if n.decision.office == "US")


def test_every_policy_is_listed_with_its_dated_parameters_and_sources(qtbot, window):
    page = show_policies(qtbot, window, "invention_grant")
    assert [page.list.item(i).data(0x0100) for i in range(page.list.count())] == shipped_policy_ids()
    expected = subsidies.list_parameters("invention_grant")
    rows = _rows(page)
    assert len(rows) == len(expected)
    cap = next(r for r, e in zip(rows, expected, strict=True) if e.parameter == "official_fee_cap" and e.verified)
    assert "国知发保字〔2021〕1号" in cap.text(SOURCE)
    assert cap.text(URL).startswith("http")
    unverified = next(r for r, e in zip(rows, expected, strict=True) if not e.verified)
    assert texts.UNVERIFIED_MARK in unverified.text(3)
    assert unverified.foreground(2).color() == texts.UNVERIFIED_COLOUR
    page.select_value("official_fee_cap", cap.data(0, 0x0100)[1])
    assert "国知发保字〔2021〕1号" in page.source_label.text()


def test_a_new_value_is_saved_as_the_users_rule_file_and_the_check_follows_it(qtbot, window):
    subsidy_page = show_subsidies(qtbot, window)
    before = _madrid_us_amount(subsidy_page)
    page, dialog = new_value_dialog(qtbot, window, "madrid_trademark", "amount_per_designation")
    assert dialog.start.value() == "2026-01-01"  # the as-of year's round onwards
    dialog.value_line.setText("US: 8,000; EM: 8000; JP: 8000; other: 3000")
    dialog.source.setCurrentIndex(dialog.source.findData(""))  # another document
    dialog.document.setText("2026年度中关村知识产权支持资金申报通知")
    dialog.number.setText("中科园发〔2026〕3号")
    dialog.verified.setChecked(True)
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert _kept("madrid_trademark")
    assert page.current_policy().overridden and page.revert_button.isEnabled()
    assert any(row.text(1) == "2026-01-01" and format_money(8000) in row.text(2) for row in _rows(page))

    subsidy_page = show_subsidies(qtbot, window)
    assert before != 8000 and _madrid_us_amount(subsidy_page) == 8000
    node = next(n for n in subsidy_page.tree.decision_nodes("madrid_trademark") if n.decision.office == "US")
    source = next(s for s in node.decision.sources if s.parameter == "amount_per_designation")
    assert (source.number, source.verified) == ("中科园发〔2026〕3号", True)


def test_a_bad_value_is_named_next_to_its_field_and_nothing_is_saved(qtbot, window):
    page, dialog = new_value_dialog(qtbot, window, "madrid_trademark", "firm_annual_cap")
    dialog.value_line.setText("-5")
    dialog.save()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "-5" in dialog.error_text("value")
    assert not _kept("madrid_trademark")

    dialog.value_line.setText("60000")
    dialog.source.setCurrentIndex(dialog.source.findData(""))  # another document, left without a title
    dialog.save()
    assert dialog.error_text("value") == ""
    assert dialog.error_text("source")
    assert not _kept("madrid_trademark")
    assert not page.current_policy().overridden


def test_a_date_that_is_not_a_date_is_refused_before_anything_is_checked(qtbot, window):
    _page, dialog = new_value_dialog(qtbot, window, "invention_grant", "amount_per_grant")
    dialog.start.set_value("2026-02-30")
    dialog.save()
    assert "2026-02-30" in dialog.error_text("from")
    assert not _kept("invention_grant")


def test_export_then_import_an_edited_policy_file_and_revert(qtbot, window, tmp_path):
    page = show_policies(qtbot, window, "invention_grant")
    dialogs = window.ctx.dialogs
    exported = tmp_path / "invention_grant.yaml"
    dialogs.files_to_save.append(exported)
    page.export_file()
    text = exported.read_text(encoding="utf-8")
    assert "id: invention_grant" in text and "value: 2000" in text

    edited = tmp_path / "edited.yaml"
    edited.write_text(text.replace("value: 2000", "value: 2500"), encoding="utf-8")
    dialogs.files_to_open.append(edited)
    page.import_file()
    assert page.current_policy_id() == "invention_grant" and page.current_policy().overridden
    assert any(row.text(0) and format_money(2500) == row.text(2) for row in _rows(page))

    page.revert()
    assert dialogs.asked  # confirmed first
    assert not page.current_policy().overridden
    assert not _kept("invention_grant")
    assert any(format_money(2000) == row.text(2) for row in _rows(page))


def test_a_broken_policy_file_is_refused_with_its_line(qtbot, window, tmp_path):
    page = show_policies(qtbot, window, "invention_grant")
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: 1\nid: invention_grant\ntitle: [unclosed\n", encoding="utf-8")
    window.ctx.dialogs.files_to_open.append(broken)
    page.import_file()
    message = window.ctx.dialogs.messages[-1]
    assert "broken.yaml" in message and "Traceback" not in message
    assert not _kept("invention_grant")


def test_the_subsidies_page_checks_again_when_shown_after_a_revert(qtbot, window):
    subsidies.set_parameter_value("madrid_trademark", "firm_annual_cap", dt.date(2026, 1, 1), 6000,
                                  {"ref": "illustrative"}, False, None)
    subsidy_page = show_subsidies(qtbot, window)
    assert subsidy_page.tree.policy_node("madrid_trademark").text(AMOUNT) == texts.money_text(6000, False)
    page = show_policies(qtbot, window, "madrid_trademark")
    page.revert()
    with qtbot.waitSignal(subsidy_page.loaded, timeout=10000):
        window.show_page("subsidies")  # the revert was published; the hidden page checks when shown
    assert subsidy_page.tree.policy_node("madrid_trademark").text(AMOUNT) != texts.money_text(6000, False)


def test_a_value_of_ones_own_can_be_removed_again(qtbot, window):
    subsidies.set_parameter_value("pct_filing", "amount_per_pct", dt.date(2026, 1, 1), 12000,
                                  {"ref": "illustrative"}, False, None)
    page = show_policies(qtbot, window, "pct_filing")
    page.refresh()
    page.select_value("amount_per_pct", dt.date(2026, 1, 1))
    assert page.selected_value() == ("amount_per_pct", dt.date(2026, 1, 1))
    page.remove_value()
    assert window.ctx.dialogs.asked
    assert [row.effective_from for row in subsidies.list_parameters("pct_filing")
            if row.parameter == "amount_per_pct"] == [dt.date(2019, 1, 1)]
    assert not any(row.text(1) == "2026-01-01" for row in _rows(page))


def test_a_hand_written_district_policy_is_imported_checked_and_removed_on_the_page(qtbot, window):
    """No code change: the made-up district policy of the test data becomes a policy like the others."""
    from pathlib import Path

    district = Path(__file__).parents[1] / "subsidy_rules" / "district"
    page = show_policies(qtbot, window, "invention_grant")
    dialogs = window.ctx.dialogs
    dialogs.files_to_open.append(district / "haidian_patent_award_broken.yaml")
    page.import_file()
    assert "haidian_patent_award_broken.yaml" in dialogs.messages[-1] and "19" in dialogs.messages[-1]
    assert "haidian_patent_award" not in page.policies

    dialogs.files_to_open.append(district / "haidian_patent_award.yaml")
    page.import_file()
    assert page.current_policy_id() == "haidian_patent_award"
    assert page.list.currentItem().text().endswith("（新增）")
    assert page.revert_button.isEnabled() and page.revert_button.text() != ""

    subsidy_page = show_subsidies(qtbot, window, 2026)
    node = subsidy_page.tree.policy_node("haidian_patent_award")
    assert node is not None
    amounts = sorted(n.decision.amount_cny for n in subsidy_page.tree.decision_nodes("haidian_patent_award")
                     if n.decision.eligible)
    assert 2000 in amounts and 3000 in amounts

    page = show_policies(qtbot, window, "haidian_patent_award")
    page.revert()
    assert dialogs.asked and "haidian_patent_award" not in page.policies
    assert "haidian_patent_award" not in subsidies.stored_texts()
