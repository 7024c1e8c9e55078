"""File → Open shared database…: the address of a PostgreSQL server database (host, port, database,
user), a "Test connection" that says in plain words what is wrong, and an optional password.

The password is used for this run only, or kept in the system keyring when asked — never in the
settings file. Left empty, libpq's own conventions supply it (PGPASSWORD, the pgpass file, a service
file) or the keyring does.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from zgc_desk.db_url import DEFAULT_PORT, ServerAddress, remember_for_session, store_keyring_password
from zgc_desk.i18n import _
from zgc_desk.services.changes import current_user
from zgc_desk.ui.settings import Setting

# The last address opened (never a password: the address cannot hold one).
LAST_ADDRESS = Setting("shared_db/last_address", "")


class SharedDatabaseDialog(QDialog):
    def __init__(self, ctx, parent=None):
        super().__init__(parent or ctx.window)
        self.ctx = ctx
        self.last_check = None
        self.setWindowTitle(_("Open shared database"))
        last = _last_address(getattr(ctx.window, "settings", None))
        self.host = QLineEdit(last.host if last else "")
        self.host.setPlaceholderText(_("e.g. db.incubator.lan or 192.168.1.20"))
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(last.port if last else DEFAULT_PORT)
        self.dbname = QLineEdit(last.dbname if last else "")
        self.dbname.setPlaceholderText(_("e.g. portfolio"))
        self.user = QLineEdit(last.user if last else current_user())
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(_("empty: PGPASSWORD, the pgpass file or the system keyring"))
        self.keep_password = QCheckBox(_("Keep the password in the system keyring"))
        self.test_button = QPushButton(_("Test connection"))
        self.test_button.clicked.connect(self.test_connection)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setMinimumHeight(48)

        form = QFormLayout()
        form.addRow(_("Server:"), self.host)
        form.addRow(_("Port:"), self.port)
        form.addRow(_("Database:"), self.dbname)
        form.addRow(_("User:"), self.user)
        form.addRow(_("Password:"), self.password)
        form.addRow("", self.keep_password)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.test_button)
        layout.addWidget(self.result)
        layout.addWidget(self.buttons)
        for widget in (self.host, self.dbname, self.user):
            widget.textChanged.connect(self._update_buttons)
        self._update_buttons()
        self.resize(520, 0)

    def address(self) -> ServerAddress | None:
        host, dbname, user = self.host.text().strip(), self.dbname.text().strip(), self.user.text().strip()
        if not (host and dbname and user):
            return None
        return ServerAddress(user=user, host=host, port=self.port.value(), dbname=dbname)

    def _update_buttons(self) -> None:
        complete = self.address() is not None
        self.test_button.setEnabled(complete)
        self.buttons.button(QDialogButtonBox.StandardButton.Open).setEnabled(complete)

    def _use_password(self, address: ServerAddress) -> None:
        remember_for_session(address, self.password.text())
        if self.password.text() and self.keep_password.isChecked() \
                and not store_keyring_password(address, self.password.text()):
            self.result.setText(_("No system keyring is available; the password is used for this session only."))

    def test_connection(self) -> None:
        from zgc_desk.pgsql import check_connection

        address = self.address()
        if address is None:
            return
        self._use_password(address)
        self.result.setText(_("Connecting to {host}…").format(host=address.host))
        self.test_button.setEnabled(False)
        self.ctx.tasks.run(check_connection, address.url, on_result=self.show_check,
                           on_error=lambda exc: self.show_check(None, str(exc)),
                           label=_("Testing the connection…"))

    def show_check(self, check, failure: str = "") -> None:
        self.last_check = check
        self._update_buttons()
        self.result.setText(check.message if check is not None else failure)
        self.result.setStyleSheet("" if check is not None and check.ok else "color: #b00020;")

    def accept(self) -> None:
        address = self.address()
        if address is None:
            return
        self._use_password(address)
        settings = getattr(self.ctx.window, "settings", None)
        if settings is not None:
            settings.set(LAST_ADDRESS, address.url)
        super().accept()


def _last_address(settings) -> ServerAddress | None:
    from zgc_desk.db_url import AddressError, parse_server_address

    text = settings.get(LAST_ADDRESS) if settings is not None else ""
    try:
        return parse_server_address(text) if text else None
    except AddressError:
        return None
