"""zgc_desk.ui.models.row_runs: removing then inserting the runs turns the old ids into the new ones
(for any change that keeps the order of the rows both lists hold)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from zgc_desk.ui.models.row_runs import inserted_runs, removed_runs


def test_runs_of_a_small_change():
    assert removed_runs([1, 2, 3, 4, 5], {1, 4}) == [(4, 4), (1, 2)]
    assert inserted_runs([7, 1, 8, 9, 4], {1, 4}) == [(0, 0), (2, 3)]
    assert removed_runs([], set()) == inserted_runs([], set()) == []


@st.composite
def _changes(draw):
    old = draw(st.lists(st.integers(0, 60), unique=True, max_size=25))
    kept = [i for i in old if draw(st.booleans())]
    added = draw(st.lists(st.integers(100, 160), unique=True, max_size=25))
    new = list(kept)
    for value in added:
        new.insert(draw(st.integers(0, len(new))), value)
    return old, new


@given(_changes())
def test_removing_then_inserting_the_runs_gives_the_new_ids(change):
    old, new = change
    rows = list(old)
    for first, last in removed_runs(old, set(new)):
        assert all(i not in set(new) for i in rows[first:last + 1])
        del rows[first:last + 1]
    for first, last in inserted_runs(new, set(old)):
        rows[first:first] = new[first:last + 1]
    assert rows == new
