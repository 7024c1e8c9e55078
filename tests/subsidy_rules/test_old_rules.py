"""The previous version's Policies-page edits (``<data folder>/rules/<id>.yaml``) are carried into the
database on the first open, once; a file that no longer loads is named and left in place."""

from __future__ import annotations

from zgc_desk.migrations import take_notes
from zgc_desk.services.old_rules import MOVED_NAME, adopt_old_rule_files
from zgc_desk.services.subsidies import policy_text, rules, stored_texts
from zgc_desk.subsidy_rules.overrides import shipped_path


def _edited_copy(amount: int) -> str:
    """The shipped invention_grant rules with the 2019 amount changed, as the old Policies page saved it."""
    text = shipped_path("invention_grant").read_text(encoding="utf-8")
    return text.replace("# ", "# (edited) ", 1) + f"\n# amount edited on the old Policies page: {amount}\n"


def test_old_edits_are_carried_into_the_database_once(demo_db, tmp_path, monkeypatch, english):
    folder = tmp_path / "data" / "rules"
    folder.mkdir(parents=True)
    (folder / "invention_grant.yaml").write_text(_edited_copy(12345), encoding="utf-8")
    monkeypatch.setenv("ZGC_DESK_DATA_DIR", str(tmp_path / "data"))
    take_notes()

    assert adopt_old_rule_files() == ["invention_grant"]
    assert "12345" in stored_texts()["invention_grant"] and "12345" in policy_text("invention_grant")
    assert "invention_grant" in rules().policies
    notes = take_notes()
    assert any("invention_grant" in note and "this database" in note for note in notes)
    assert not folder.exists() and (folder.with_name(MOVED_NAME) / "invention_grant.yaml").exists()  # kept, moved
    assert adopt_old_rule_files() == []  # once


def test_the_database_copy_wins_and_a_broken_file_stays_and_is_named(demo_db, tmp_path, monkeypatch, english):
    from zgc_desk.services.subsidies import save_policy_text

    save_policy_text("invention_grant", _edited_copy(999))
    folder = tmp_path / "data" / "rules"
    folder.mkdir(parents=True)
    (folder / "invention_grant.yaml").write_text(_edited_copy(12345), encoding="utf-8")
    (folder / "pct_filing.yaml").write_text("id: pct_filing\nparameters: [\n", encoding="utf-8")
    monkeypatch.setenv("ZGC_DESK_DATA_DIR", str(tmp_path / "data"))
    take_notes()
    before = stored_texts()

    assert adopt_old_rule_files() == []
    assert stored_texts() == before  # the database's own copy kept; nothing taken from the broken file
    notes = " ".join(take_notes())
    assert "pct_filing.yaml" in notes and "invention_grant" in notes
    assert folder.exists()  # left in place until fixed
    assert "999" in policy_text("invention_grant")
