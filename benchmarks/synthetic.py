"""Synthetic portfolios for benchmarks: N patents spread over firms, with PCT applications,
overseas filings and trademarks in proportion. Deterministic for a given seed.

Rows are written with bulk inserts (not the services) so that building 100,000 patents takes
seconds; every number is still valid (check characters computed).
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from zgc_desk.db import open_database
from zgc_desk.models import Firm, OverseasFiling, Patent, PCTApplication, Trademark, database, join_list
from zgc_desk.numbers import make_cn_application, make_credit_code
from zgc_desk.schema import trademark_expiry

_WORDS = ["芯片", "神经网络", "传感器", "电池", "图像", "编码", "存储", "射频", "算法", "机器人", "光学", "封装",
          "散热", "通信", "加速", "检测", "控制", "显示", "医疗", "材料"]
_PARKS = ["海淀园", "昌平园", "朝阳园", "丰台园", "大兴-亦庄园", ""]
_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def _credit_code(rng: random.Random, i: int) -> str:
    body = "911101" + f"{8 + i % 7:02d}" + "".join(rng.choice(_CODE_CHARS) for _ in range(9))
    return make_credit_code(body)


def _title(rng: random.Random) -> str:
    return "一种基于" + "".join(rng.sample(_WORDS, 2)) + "的" + rng.choice(_WORDS) + "方法及装置"


def generate(db_path: str | Path, n_patents: int, n_firms: int = 50, seed: int = 0,
             anchor: dt.date = dt.date(2026, 11, 25)) -> dict[str, int]:
    """Create (or extend) the database at ``db_path`` with a synthetic portfolio."""
    rng = random.Random(seed)
    open_database(db_path)
    with database.atomic():
        firm_ids = []
        for i in range(n_firms):
            firm = Firm.create(name=f"北京合成科技{i:03d}有限公司", credit_code=_credit_code(rng, i),
                               district="海淀区", zgc_park=_PARKS[i % len(_PARKS)], is_sme=i % 3 != 0,
                               is_hnte=i % 2 == 0, legal_rep="张三", address="北京市海淀区")
            firm_ids.append(firm.id)
        serial = {}
        patents = []
        for i in range(n_patents):
            firm_id = firm_ids[i % n_firms]
            kind_digit = rng.choices((1, 2, 3), weights=(6, 3, 1))[0]
            filed = anchor - dt.timedelta(days=rng.randint(30, 365 * 15))
            key = (filed.year, kind_digit)
            serial[key] = serial.get(key, rng.randint(100000, 200000)) + 1
            granted = rng.random() < 0.6
            status = "granted" if granted else rng.choice(("pending", "pending", "lapsed", "rejected"))
            grant_date = filed + dt.timedelta(days=rng.randint(200, 1200)) if granted else None
            if grant_date and grant_date > anchor:
                grant_date, status = None, "pending"
            years = anchor.year - filed.year
            patents.append({
                "firm": firm_id, "kind": ("invention", "utility_model", "design")[kind_digit - 1],
                "application_no": make_cn_application(filed.year, kind_digit, serial[key]),
                "title": _title(rng), "filing_date": filed, "applicants": f"北京合成科技{firm_id - firm_ids[0]:03d}有限公司",
                "status": status, "grant_date": grant_date,
                "annuity_paid_through": max(1, years + rng.choice((0, 1, 1, 1))) if grant_date else None,
                "fee_reduction_pct": rng.choice((0, 70, 85)),
            })
        for start in range(0, len(patents), 2000):
            Patent.insert_many(patents[start:start + 2000]).execute()
        n_pct = max(1, n_patents // 100)
        pcts = []
        for i in range(n_pct):
            priority = anchor - dt.timedelta(days=rng.randint(60, 365 * 4))
            filed = priority + dt.timedelta(days=rng.randint(200, 360))
            pcts.append({"firm": firm_ids[i % n_firms], "pct_no": f"PCT/CN{filed.year}/{100000 + i:06d}",
                         "intl_filing_date": filed, "priority_date": priority, "title": _title(rng),
                         "applicants": "北京合成科技有限公司", "receiving_office": "CN", "isa": "CN"})
        for start in range(0, len(pcts), 2000):
            PCTApplication.insert_many(pcts[start:start + 2000]).execute()
        pct_rows = list(PCTApplication.select(PCTApplication.id, PCTApplication.firm, PCTApplication.pct_no,
                                              PCTApplication.priority_date).tuples())
        overseas = []
        for i, (pct_id, firm_id, pct_no, priority) in enumerate(pct_rows):
            for office in rng.sample(("US", "EP", "JP", "KR"), rng.randint(0, 2)):
                entered = priority + dt.timedelta(days=900)
                granted = entered + dt.timedelta(days=700)
                overseas.append({"firm": firm_id, "office": office, "application_no": f"{office}{i:07d}",
                                 "route": "pct", "pct": pct_id, "pct_no": pct_no, "filing_date": entered,
                                 "grant_date": granted if granted < anchor else None,
                                 "status": "granted" if granted < anchor else "pending", "kind": "invention"})
        for start in range(0, len(overseas), 2000):
            OverseasFiling.insert_many(overseas[start:start + 2000]).execute()
        marks = []
        for i in range(max(1, n_patents // 20)):
            registered = anchor - dt.timedelta(days=rng.randint(30, 365 * 12))
            marks.append({"firm": firm_ids[i % n_firms], "mark": f"合成{i}", "registration_no": str(10000000 + i),
                          "nice_classes": join_list(str(c) for c in rng.sample(range(1, 46), 2)),
                          "registration_date": registered, "expiry_date": trademark_expiry(registered),
                          "status": "registered"})
        for start in range(0, len(marks), 2000):
            Trademark.insert_many(marks[start:start + 2000]).execute()
    return {"firm": n_firms, "patent": n_patents, "pct": len(pcts), "overseas": len(overseas),
            "trademark": len(marks)}
