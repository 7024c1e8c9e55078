"""A portfolio with every kind of record and link, and a row-for-row picture of a database file."""

from __future__ import annotations

import datetime as dt
import sqlite3

from zgc_desk import services
from zgc_desk.services import subsidies

# The undo machinery's own tables, and SQLite's id counters (ids are never reused, so undoing an
# insert leaves the counter where it was, by design).
# the data version changes with every write, an undo's too, by design (zgc_desk/data_version.py)
NOT_DATA = {"undo_op", "undo_row", "sqlite_sequence", "schema_migration", "zgc_data_version"}

FIRM = {"name": "北京示例科技有限公司", "credit_code": "91110108551385082Q", "zgc_park": "海淀园"}
OTHER_FIRM = {"name": "深圳另一家有限公司", "credit_code": "914403001922038216"}


def _steps_left_out(table: str) -> str:
    return " WHERE action NOT IN ('undo', 'redo')" if table == "change_log" else ""


def tables_of(path) -> dict[str, list[tuple]]:
    """Every row of every data table. A file is read through a connection of its own (committed
    state only); a server database through the open connection, outside any transaction. The change
    log's entries for undo and redo steps themselves are left out: every undo adds them, by design."""
    if str(path).startswith("postgresql"):
        from zgc_desk.models import database

        return {name: database.execute_sql(f'SELECT * FROM "{name}"{_steps_left_out(name)} ORDER BY 1').fetchall()
                for name in sorted(database.get_tables()) if name not in NOT_DATA}
    con = sqlite3.connect(path)
    try:
        names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {name: con.execute(f'SELECT * FROM "{name}"{_steps_left_out(name)} ORDER BY rowid').fetchall()
                for name in names if name not in NOT_DATA}
    finally:
        con.close()


def build_portfolio() -> dict[str, int]:
    """A firm with patents, a PCT naming one as its Chinese priority, overseas filings (one through the
    PCT, one claiming the patent), trademarks and subsidy claims; and a second firm beside it."""
    firm_id, _ = services.create_record("firm", FIRM)
    other_id, _ = services.create_record("firm", OTHER_FIRM)
    patent_id, _ = services.create_record("patent", {
        "application_no": "202110344405.7", "kind": "invention", "title": "一种数据处理方法",
        "filing_date": "2021-03-05", "status": "granted", "grant_date": "2023-06-02", "annuity_paid_through": 3,
        "applicants": FIRM["name"]}, firm_id=firm_id)
    services.create_record("patent", {"application_no": "202120144836.4", "kind": "utility_model",
                                      "title": "一种装置", "filing_date": "2021-02-01"}, firm_id=firm_id)
    pct_id, _ = services.create_record("pct", {
        "pct_no": "PCT/CN2022/075891", "intl_filing_date": "2022-03-04", "priority_date": "2021-03-05",
        "cn_priority_no": "202110344405.7", "title": "数据处理"}, firm_id=firm_id)
    services.create_record("overseas", {"office": "US", "application_no": "17/123,456", "route": "pct",
                                        "pct_no": "PCT/CN2022/075891", "filing_date": "2023-09-01"},
                           firm_id=firm_id)
    services.create_record("overseas", {"office": "JP", "application_no": "2022-100200", "route": "paris",
                                        "cn_application_no": "202110344405.7", "filing_date": "2022-03-01"},
                           firm_id=firm_id)
    services.create_record("trademark", {"mark": "示例", "registration_no": "12345678", "nice_classes": "9; 42",
                                         "registration_date": "2017-07-21"}, firm_id=firm_id)
    services.create_record("patent", {"application_no": "202210000001.0", "kind": "invention", "title": "他人的",
                                      "filing_date": "2022-01-10"}, firm_id=other_id)
    subsidies.record_claim(FIRM["credit_code"], "invention_grant", 2023, "202110344405.7", amount_cny=1000,
                           claimed_on=dt.date(2023, 9, 1))
    subsidies.record_claim(FIRM["credit_code"], "pct_filing", 2023, "PCT/CN2022/075891", office="WO",
                           amount_cny=10000, matter_kind="pct")
    return {"firm": firm_id, "other": other_id, "patent": patent_id, "pct": pct_id}
