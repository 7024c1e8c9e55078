"""Builders of engine facts with sensible defaults, so each test states only what matters."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from zgc_desk.deadlines import PatentFacts, PCTFacts, TrademarkFacts

FIRM = "91110108551385082Q"


def patent(**kw) -> PatentFacts:
    values = dict(id=1, firm_id=1, firm_code=FIRM, number="201710000001.1", right="invention", title="T",
                  filing_date=dt.date(2017, 10, 30), priority_date=None, grant_date=None, status="granted",
                  paid_through=None, reduction_pct=0, claimed_abroad=False)
    values.update(kw)
    return PatentFacts(**values)


def pct(**kw) -> PCTFacts:
    values = dict(id=1, firm_id=1, firm_code=FIRM, number="PCT/CN2021/075891", title="T",
                  intl_filing_date=dt.date(2021, 2, 1), priority_date=None, isr_date=None, published=False,
                  chapter2=False, isa="CN", planned_offices=(), firm_planned_offices=(),
                  cn_priority_alive=False, entered={})
    values.update(kw)
    for key in ("planned_offices", "firm_planned_offices"):
        values[key] = tuple(values[key])
    return PCTFacts(**values)


def trademark(**kw) -> TrademarkFacts:
    values = dict(id=1, firm_id=1, firm_code=FIRM, number="12345678", mark="ZGC", filing_date=None,
                  registration_date=dt.date(2017, 7, 21), expiry_date=None, status="registered")
    values.update(kw)
    values["nice_classes"] = tuple(values.get("nice_classes", ()))
    return TrademarkFacts(**values)


@pytest.fixture
def facts():
    """``facts.patent(...)``, ``facts.pct(...)``, ``facts.trademark(...)``."""
    return SimpleNamespace(patent=patent, pct=pct, trademark=trademark, firm=FIRM)
