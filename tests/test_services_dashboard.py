"""The firm dashboard's service (issue 17 item 1): its subsidy rows and its standing come from one
load of the rule data and the firm's portfolio, and tell the same story as the Due list and the
Subsidies page's round. Demo database; as of 2026-03-01 the demo firm has open rounds to claim."""

from __future__ import annotations

import datetime as dt

import pytest

from zgc_desk.models import Firm
from zgc_desk.services import dashboard, subsidies
from zgc_desk.services.deadlines import list_deadlines
from zgc_desk.subsidy_rules import engine

SPRING = dt.date(2026, 3, 1)  # round 2026 open: claims due 2026-03-31 and 2026-06-30


@pytest.fixture
def counted(monkeypatch):
    """How often the rule data and a portfolio are loaded, and a round evaluated."""
    calls = {"rules": 0, "portfolio": 0, "evaluate": 0}

    def counting(name, real):
        def wrapper(*args, **kwargs):
            calls[name] += 1
            return real(*args, **kwargs)
        return wrapper

    monkeypatch.setattr(subsidies, "rules", counting("rules", subsidies.rules))
    monkeypatch.setattr(subsidies, "load_portfolio", counting("portfolio", subsidies.load_portfolio))
    monkeypatch.setattr(engine, "evaluate_round", counting("evaluate", engine.evaluate_round))
    import zgc_desk.services.subsidy_deadlines as windows

    monkeypatch.setattr(windows, "evaluate_round", engine.evaluate_round)
    return calls


def test_one_load_serves_the_due_rows_and_the_standing(demo_db, counted):
    firm = Firm.select().order_by(Firm.id).get()
    data = dashboard.firm_dashboard(firm.id, SPRING)
    assert data.claimable, "the demo firm has rounds to claim in spring 2026"
    assert counted["rules"] == 1 and counted["portfolio"] == 1
    # the rounds of the Due list's period (2025 to 2027) each evaluated once; none again for the standing
    assert counted["evaluate"] <= 3


def test_the_standing_is_the_rounds_own(demo_db):
    for firm in Firm.select():
        data = dashboard.firm_dashboard(firm.id, SPRING)
        result = engine.evaluate_round(subsidies.rules(), subsidies.load_portfolio(firm.id), SPRING.year, SPRING,
                                       firms=[firm.credit_code])
        assert data.standing == list(result.standing[firm.credit_code])
        assert data.standing, "the zone plan's thresholds are listed"


def test_the_money_to_claim_is_the_due_lists(demo_db):
    firm = Firm.select().order_by(Firm.id).get()
    data = dashboard.firm_dashboard(firm.id, SPRING)
    due_rows = [d for d in list_deadlines(as_of=SPRING, firm=firm.id)
                if d.kind == "subsidy_window" and d.state == "open" and d.subsidy_cny]
    assert data.claimable == due_rows
    assert data.claimable_cny == sum(d.subsidy_cny for d in due_rows) > 0
