"""The window with a shared portfolio: a save refused because someone else saved first (reload or
overwrite knowingly), File → Open shared database… with its connection test, the offer to copy the
portfolio into an empty server database, and other people's changes noticed by the change counter."""

from __future__ import annotations

import datetime as dt

import pytest
from ui_helpers import wait_idle

from zgc_desk import services
from zgc_desk.services.records import record_version


def _edit_title_meanwhile_changed(qtbot, window, choice):
    patent_id = services.list_ids("patent", window.ctx.firm_id)[0]
    editor = window.ctx.open_editor("patent", patent_id)
    qtbot.addWidget(editor)
    services.update_record("patent", patent_id, {"title": "同事刚改的标题"})  # someone saves meanwhile
    editor.inputs["title"].set_value("我的标题")
    editor.validate()
    if choice is not None:
        window.ctx.dialogs.choices.append(choice)
    editor.accept()
    return editor, patent_id


def test_a_conflicting_save_can_overwrite_knowingly(qtbot, window):
    editor, patent_id = _edit_title_meanwhile_changed(qtbot, window, 1)
    assert "覆盖" in window.ctx.dialogs.asked[-1]  # the message offers to overwrite, in Chinese
    assert services.get_record("patent", patent_id).title == "我的标题"
    assert not editor.isVisible()


def test_a_conflicting_save_can_reload_their_version_and_nothing_is_lost(qtbot, window):
    editor, patent_id = _edit_title_meanwhile_changed(qtbot, window, 0)
    assert services.get_record("patent", patent_id).title == "同事刚改的标题"
    assert editor.isVisible() and editor.inputs["title"].value() == "同事刚改的标题"
    editor.inputs["title"].set_value("再改一次")
    editor.validate()
    editor.accept()  # saved against the version reloaded: no conflict now
    assert services.get_record("patent", patent_id).title == "再改一次"


def test_keep_editing_writes_nothing(qtbot, window):
    editor, patent_id = _edit_title_meanwhile_changed(qtbot, window, None)
    assert services.get_record("patent", patent_id).title == "同事刚改的标题"
    assert editor.isVisible() and editor.inputs["title"].value() == "我的标题"


def test_others_changes_are_noticed_by_the_change_counter(qtbot, window, demo_db):
    from zgc_desk.db import connect_standalone
    from zgc_desk.ui.contrib.shared_db import ChangeWatcher

    watcher = ChangeWatcher(window.ctx)
    wait_idle(qtbot, window)  # the counter is read between the window's own background tasks
    watcher.poll()  # starts counting
    published = []
    window.ctx.hub.changed.connect(published.append)
    watcher.poll()
    assert published == []  # nothing new
    other = connect_standalone(demo_db)  # another program's connection writes
    try:
        patent_id = other.execute_sql("SELECT MIN(id) FROM patent").fetchone()[0]
        with other.atomic():
            other.execute_sql(f"UPDATE patent SET title = 'x' WHERE id = {int(patent_id)}")
            other.execute_sql('INSERT INTO change_log (at, "user", firm_id, kind, record_id, action, changes, '
                              f"summary) SELECT '2026-11-25 09:00:00', 'bob', firm_id, 'patent', id, 'update', "
                              f"'{{}}', '' FROM patent WHERE id = {int(patent_id)}")
    finally:
        other.close()
    wait_idle(qtbot, window)
    watcher.poll()
    assert len(published) == 1 and published[0].ids == {"patent": {patent_id}}
    watcher.timer.stop()


def test_connection_test_says_what_is_wrong_in_plain_words(qtbot, window, pg_server, english):
    from zgc_desk.ui.dialogs.shared_db import SharedDatabaseDialog

    dialog = SharedDatabaseDialog(window.ctx)
    qtbot.addWidget(dialog)
    dialog.host.setText("127.0.0.1")
    dialog.port.setValue(pg_server.cluster.port)
    dialog.user.setText("zgc_test")
    dialog.dbname.setText("no_such_portfolio")
    dialog.test_connection()
    qtbot.waitUntil(lambda: dialog.last_check is not None, timeout=20000)
    assert "no database named no_such_portfolio" in dialog.result.text()
    dialog.last_check = None
    dialog.dbname.setText("postgres")
    dialog.test_connection()
    qtbot.waitUntil(lambda: dialog.last_check is not None, timeout=20000)
    assert dialog.last_check.ok and dialog.result.text().startswith("Connected")


def test_opening_an_empty_shared_database_offers_to_copy_the_portfolio_into_it(qtbot, window, pg_server, demo_db):
    from zgc_desk.copy_db import is_empty
    from zgc_desk.db import bound_database
    from zgc_desk.ui.contrib.shared_db import _offer_copy_then_open, inspect_shared

    url = pg_server.new_database(migrated=False)
    firms_before = window.firm_panel.model.total
    try:
        found = inspect_shared(url)
        assert found["empty"] and found["current_has_records"]
        window.ctx.dialogs.answer = True
        with qtbot.waitSignal(window.ready, timeout=60000):
            _offer_copy_then_open(window.ctx, url, found)
        assert "Copy the portfolio" in window.ctx.dialogs.asked[-1] or "复制" in window.ctx.dialogs.asked[-1]
        assert window.ctx.db_path == url and window.db_label.text() == url
        assert not is_empty(bound_database()) and window.firm_panel.model.total == firms_before
        patent_id = services.list_ids("patent", window.ctx.firm_id)[0]
        assert record_version("patent", patent_id) >= 1  # the window now works on the server
    finally:
        from zgc_desk.db import close_database

        close_database()
        window.ctx.tasks.shutdown()
        pg_server.drop(url)


@pytest.fixture
def window_on_server(pg_url, make_window):
    from zgc_desk.db import open_database
    from zgc_desk.demo import write_demo

    open_database(pg_url)
    write_demo(anchor=dt.date(2026, 11, 25))
    return make_window()


def test_the_window_edits_a_portfolio_on_the_server(qtbot, window_on_server):
    editor, patent_id = _edit_title_meanwhile_changed(qtbot, window_on_server, 1)
    assert services.get_record("patent", patent_id).title == "我的标题"


def test_a_read_only_role_sees_edit_actions_off_with_the_reason(qtbot, pg_url, make_window, english):
    import psycopg

    from zgc_desk.db import close_database, open_database
    from zgc_desk.demo import write_demo

    open_database(pg_url)
    write_demo(anchor=dt.date(2026, 11, 25))
    close_database()
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("DROP ROLE IF EXISTS window_reader")
        conn.execute("CREATE ROLE window_reader LOGIN")
        conn.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO window_reader")
    try:
        open_database(pg_url.replace("zgc_test@", "window_reader@"))
        window = make_window()
        window.show_page("patents")
        wait_idle(qtbot, window)
        window.update_actions()
        for key in ("new", "edit", "delete", "new_firm"):
            action = window.action(key)
            assert not action.isEnabled() and "window_reader may only read" in action.toolTip(), key
        assert window.action("refresh").isEnabled()
        window.ctx.tasks.shutdown()
    finally:
        close_database()
        with psycopg.connect(pg_url, autocommit=True) as conn:
            conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'window_reader'")
            conn.execute("DROP OWNED BY window_reader")
            conn.execute("DROP ROLE window_reader")
