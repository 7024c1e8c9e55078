"""The Subsidies page on the demo (as of 2026-11-25): rounds, reasons, unverified marks, claims."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from subsidies_helpers import open_subsidy_window, show_subsidies

from zgc_desk.i18n import _
from zgc_desk.models import ChangeLog, Firm, Patent, SubsidyClaim, Trademark, split_list
from zgc_desk.ui.subsidies import texts
from zgc_desk.ui.subsidies.result_tree import AMOUNT, ITEM, NEEDS, RESULT, ReasonNode

PATENT_POLICIES = ("invention_grant", "first_overseas_filing", "pct_filing", "overseas_grant")


@pytest.fixture
def window(demo_db, make_window):
    return open_subsidy_window(make_window)


def _firm(window) -> Firm:
    return Firm.get_by_id(window.ctx.firm_id)


def _node(page, policy: str, number: str):
    return next(n for n in page.tree.decision_nodes(policy) if n.decision.matter == number)


def _reasons(node) -> list[ReasonNode]:
    return [node.child(i) for i in range(node.childCount()) if isinstance(node.child(i), ReasonNode)]


def _grants_2023(firm: Firm) -> tuple[Patent, Patent]:
    """The firm's 2023 invention grant it may claim, and the one whose first applicant is another."""
    grants = list(Patent.select().where((Patent.firm == firm) & (Patent.kind == "invention")
                                        & Patent.grant_date.between("2023-01-01", "2023-12-31")))
    own = next(p for p in grants if split_list(p.applicants)[0] == firm.name and not p.abnormal)
    co_owned = next(p for p in grants if split_list(p.applicants)[0] != firm.name)
    return own, co_owned


def _choose_grant(qtbot, window, own: bool = True):
    """The Subsidies page of round 2024 with a 2023 grant chosen (``own``: the one the firm may claim,
    else the co-owned one); returns the page and the patent."""
    grants = _grants_2023(_firm(window))
    patent = grants[0] if own else grants[1]
    page = show_subsidies(qtbot, window, 2024)
    page.tree.setCurrentItem(_node(page, "invention_grant", patent.application_no))
    return page, patent


def test_the_current_round_shows_patent_policies_unavailable_with_the_national_notice(qtbot, window):
    page = show_subsidies(qtbot, window)
    assert page.round_year() == 2026  # the as-of year's round
    assert page.what_if.text() == ""
    for policy in PATENT_POLICIES:
        node = page.tree.policy_node(policy)
        assert node.text(RESULT) == _("Not available")
        reasons = _reasons(node)
        assert len(reasons) == 1 and not reasons[0].reason.passed
        assert "国知发保字〔2021〕1号" in reasons[0].text(ITEM)
    assert not page.tree.decision_nodes("invention_grant")  # no amounts where the policy is gone


def test_madrid_designations_are_eligible_and_their_amounts_marked_unverified(qtbot, window):
    page = show_subsidies(qtbot, window)
    mark = Trademark.get((Trademark.firm == window.ctx.firm_id) & (Trademark.madrid_no != ""))
    nodes = page.tree.decision_nodes("madrid_trademark")
    assert {n.decision.office for n in nodes} == set(split_list(mark.designations))
    for node in nodes:
        assert node.text(RESULT) == _("Eligible")
        assert node.text(AMOUNT).endswith(texts.UNVERIFIED_MARK)
        assert node.foreground(AMOUNT).color() == texts.UNVERIFIED_COLOUR
        assert texts.unverified_tip() in node.toolTip(AMOUNT)
    assert not page.legend.isHidden()
    total = sum(n.decision.amount_cny for n in nodes)
    assert texts.money_text(total, False) in page.total.text()
    assert texts.money_text(total, False) in page.tree.policy_node("madrid_trademark").text(AMOUNT)


def test_round_2024_shows_the_eligible_grant_and_the_co_owned_one_failing_with_what_it_needs(qtbot, window):
    own, co_owned = _grants_2023(_firm(window))
    page = show_subsidies(qtbot, window, 2024)
    assert "2024" in page.what_if.text() and "2026" in page.what_if.text()

    eligible = _node(page, "invention_grant", own.application_no)
    assert eligible.text(RESULT) == _("Eligible")
    assert eligible.decision.amount_cny > 0
    assert eligible.text(AMOUNT) == texts.money_text(eligible.decision.amount_cny, False)

    failing = _node(page, "invention_grant", co_owned.application_no)
    assert failing.text(RESULT) == _("Not eligible")
    assert failing.text(NEEDS) == texts.requirement("firm_is_first_applicant")
    failed = [r for r in _reasons(failing) if not r.reason.passed]
    assert [r.reason.criterion for r in failed] == ["firm_is_first_applicant"]
    assert split_list(co_owned.applicants)[0] in failed[0].text(ITEM)

    page.tree.setCurrentItem(failing)  # the details pane says it in full, with the sources
    details = page.details.toPlainText()
    assert texts.requirement("firm_is_first_applicant") in details
    assert "国知发保字〔2021〕1号" in details


def test_the_plan_standing_is_shown_as_information(qtbot, window):
    page = show_subsidies(qtbot, window)
    text = page.summary.standing_label.text()
    rows = page.result.standing[page.code]
    assert rows and all(row.label in text and row.detail in text for row in rows)
    assert "2025" in page.summary.standing_box.title()


def test_a_recorded_claim_stops_double_funding_and_undo_restores_it(qtbot, window):
    page, own = _choose_grant(qtbot, window)
    assert page.claim_button.isEnabled()

    with qtbot.waitSignal(page.loaded, timeout=10000):
        claim_id = page.record_claim()
    claim = SubsidyClaim.get_by_id(claim_id)
    assert (claim.policy, claim.round_year, claim.matter_no, claim.status) == ("invention_grant", 2024,
                                                                                own.application_no, "claimed")
    node = _node(page, "invention_grant", own.application_no)
    assert node.text(RESULT) == _("Not eligible")
    assert [r.reason.criterion for r in _reasons(node) if not r.reason.passed] == ["not_claimed_before"]
    assert page.summary.claims.topLevelItem(0).text(1).endswith(own.application_no)
    assert ChangeLog.select().where((ChangeLog.kind == "subsidy_claim") & (ChangeLog.action == "create")).count() == 1

    with qtbot.waitSignal(page.loaded, timeout=10000):
        window.undo_action.trigger()
    assert SubsidyClaim.select().count() == 0
    assert _node(page, "invention_grant", own.application_no).text(RESULT) == _("Eligible")
    claim_log = ChangeLog.select(ChangeLog.action).where(ChangeLog.kind == "subsidy_claim")
    assert [row.action for row in claim_log] == ["undo"]  # its entry is taken back; the undo says who

    with qtbot.waitSignal(page.loaded, timeout=10000):
        window.redo_action.trigger()
    assert SubsidyClaim.select().count() == 1
    assert _node(page, "invention_grant", own.application_no).text(RESULT) == _("Not eligible")


def test_a_claim_can_be_removed_from_the_list(qtbot, window):
    page, own = _choose_grant(qtbot, window)
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.record_claim()
    page.summary.claims.setCurrentItem(page.summary.claims.topLevelItem(0))
    assert page.summary.remove_button.isEnabled()
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.summary.remove_button.click()
    assert SubsidyClaim.select().count() == 0
    assert _node(page, "invention_grant", own.application_no).text(RESULT) == _("Eligible")


def test_only_an_eligible_item_can_be_claimed(qtbot, window):
    page, co_owned = _choose_grant(qtbot, window, own=False)
    assert not page.claim_button.isEnabled()
    assert page.record_claim() is None
    page.tree.setCurrentItem(page.tree.policy_node("invention_grant"))
    assert not page.claim_button.isEnabled()
    assert SubsidyClaim.select().count() == 0


def test_declining_the_question_records_nothing(qtbot, window):
    page, own = _choose_grant(qtbot, window)
    window.ctx.dialogs.answer = False
    assert page.record_claim() is None
    assert SubsidyClaim.select().count() == 0
    assert own.application_no in window.ctx.dialogs.asked[-1]


def test_switching_firm_checks_the_other_firm(qtbot, window):
    page = show_subsidies(qtbot, window)
    other = Firm.select().where(Firm.id != window.ctx.firm_id).first()
    with qtbot.waitSignal(page.loaded, timeout=10000):
        window.set_firm(other.id)
    assert page.code == other.credit_code
    assert set(page.result.firms) == {other.credit_code}


def test_current_round_returns_from_a_what_if(qtbot, window):
    page = show_subsidies(qtbot, window, 2023)
    assert page.current_button.isEnabled()
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.current_button.click()
    assert page.round_year() == 2026 and page.result.round_year == 2026
    assert page.what_if.text() == "" and not page.current_button.isEnabled()


def test_reason_lines_wrap_inside_the_visible_width_at_1280_px(qtbot, window):
    """The reasons span every column, wider than the view (it scrolls sideways): their text wraps
    at the view's visible width and the row is tall enough for it."""
    from PySide6.QtWidgets import QStyleOptionViewItem

    window.resize(1280, 720)
    page = show_subsidies(qtbot, window)
    tree, delegate = page.tree, page.tree.itemDelegate()
    tree.setColumnWidth(1, tree.viewport().width())  # a wide title column, as long titles make it
    qtbot.wait(50)
    assert tree.header().length() > tree.viewport().width()  # the columns need more room than shown
    reasons = [r for policy in PATENT_POLICIES for r in _reasons(tree.policy_node(policy))]
    assert reasons
    for reason in reasons:
        index = tree.indexFromItem(reason, ITEM)
        tree.scrollTo(index)
        rect = tree.visualRect(index)
        option = QStyleOptionViewItem()
        option.rect, option.fontMetrics = rect, tree.fontMetrics()
        box = delegate.text_box(rect, option, index)
        assert box.right() <= tree.viewport().width(), reason.text(ITEM)
        lines = tree.fontMetrics().boundingRect(box.adjusted(0, 0, 0, 10_000), Qt.TextFlag.TextWordWrap,
                                                reason.text(ITEM))
        assert lines.height() <= rect.height(), reason.text(ITEM)
