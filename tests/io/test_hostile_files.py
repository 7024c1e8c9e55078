"""The hostile corpus (tests/io/hostile_corpus.py, generated here, never committed): damaged, malformed
and bomb workbooks and rule files. Each is answered with a plain message or a list of errors —
never an internal error — and a failed import writes nothing; the error workbook of each can be
written. benchmarks/hostile_files.py runs the same corpus in separate processes and reports the
worst time and memory."""

from __future__ import annotations

import pytest
from hostile_corpus import hostile_rule_texts, hostile_workbooks
from zgc_io_helpers import CODE_A, basic_book, dump_tables, patent_row

from zgc_desk.services.errors import UserError
from zgc_desk.services.transfer import apply_import, preview_import, save_error_workbook

pytestmark = pytest.mark.usefixtures("english")


def test_every_hostile_workbook_is_answered_plainly_and_a_failure_writes_nothing(db_path, tmp_path):
    seed = preview_import(basic_book(tmp_path / "seed.xlsx", patent_row(code=CODE_A, number="202110344407.6")))
    apply_import(seed)
    outcomes = {}
    for name, path in hostile_workbooks(tmp_path / "corpus"):
        before = dump_tables(db_path)
        try:
            plan = preview_import(path)
        except UserError as exc:
            outcomes[name] = "refused"
            assert str(exc) and "Traceback" not in str(exc)
            assert dump_tables(db_path) == before, name
            continue
        if plan.ok:
            outcomes[name] = "accepted"
            continue
        outcomes[name] = "errors"
        assert dump_tables(db_path) == before, name
        with pytest.raises(UserError):
            apply_import(plan)
        save_error_workbook(plan, tmp_path / "errors" / f"{path.stem}-errors.xlsx")
        assert dump_tables(db_path) == before, name
    assert len(outcomes) >= 75
    for name in ("wrong namespace", "strict namespace", "sheet missing from the archive", "reference beyond XFD",
                 "row beyond 1048576", "60 MB of white space in a sheet", "60 MB of empty rows",
                 "60 MB of shared strings", "XXE", "billion laughs"):
        assert outcomes[name] == "refused", (name, outcomes[name])
    assert outcomes["cells out of column order"] == "errors"  # read, and its row checked like any other


def test_every_hostile_rule_file_is_a_rule_file_error():
    from zgc_desk.subsidy_rules.loader import RuleFileError, load_sources, policy_from_text

    sources = load_sources()
    for name, text in hostile_rule_texts().items():
        with pytest.raises(RuleFileError):
            policy_from_text(text, f"{name}.yaml", sources)
