"""Search everything (services.search) and the cost forecast at portfolio scale.

Search: the indexes are built once (reported apart, as the window builds them off the GUI thread
before the first search), then each query of ``QUERIES`` is timed; the note gives the build time and
the worst query (target: under 100 ms at 100,000 patents, after the typing pause).
Forecast: the official fees of the next 10 years for all firms.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from benchmarks.run import synthetic_db

QUERIES = ("2019", "201910", "ZL 2019 1 01", "芯片", "北京", "神经网络传感器", "PCT/CN2020", "zzz-nothing")
AS_OF = dt.date(2026, 11, 25)


def search_everything(workdir: Path, size: int) -> str:
    from zgc_desk.db import close_database, open_database
    from zgc_desk.services.search import GlobalSearch

    open_database(synthetic_db(workdir, size))
    try:
        started = time.perf_counter()
        search = GlobalSearch().build()
        built = time.perf_counter() - started
        worst, found = 0.0, 0
        for text in QUERIES:
            t0 = time.perf_counter()
            results = search.search(text)
            worst = max(worst, time.perf_counter() - t0)
            found += results.count
    finally:
        close_database()
    return f"index built {built:.2f} s; worst of {len(QUERIES)} queries {worst * 1000:.0f} ms ({found} hits)"


def forecast_ten_years(workdir: Path, size: int) -> str:
    from zgc_desk.db import close_database, open_database
    from zgc_desk.services.forecast import forecast

    open_database(synthetic_db(workdir, size))
    try:
        result = forecast(as_of=AS_OF, first_year=2027, years=10)
    finally:
        close_database()
    return f"{len(result.lines)} fees, {result.grand_total().unknown} unknown"


BENCHMARKS = [("search everything (build + queries)", search_everything),
              ("forecast, all firms, 10 years", forecast_ten_years)]
