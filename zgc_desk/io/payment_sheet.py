"""The export's 缴费记录 (payments) sheet: every fee marked paid, with the day, the amount, the
surcharge it included and the receipt (docs/workbook.md). It is written after the import layout's
sheets; the importer recognises it and leaves it aside (payments are recorded by marking a fee paid,
never by importing), so an exported workbook still imports cleanly.

Headers follow the layout's convention, ``中文(key)``. Amounts are numbers in the currency's unit
with two decimals, the currency in its own column; dates are real Excel dates.
"""

from __future__ import annotations

from decimal import Decimal

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill

from zgc_desk.io.template import DATE_FORMAT
from zgc_desk.io.xlsx_text import keep_as_text, safe_text
from zgc_desk.models import Firm, Payment

SHEET_NAME = "缴费记录"
SHEET_ALIASES = ("payments", "payment")
RECORD_KIND_WORDS = {"patent": "专利", "overseas": "海外申请", "trademark": "商标"}
# A fee's word by its kind's group in the kinds table (an annual/maintenance fee, a renewal)
FEE_GROUP_WORDS = {"fee": "年费", "renewal": "续展费"}
MONEY_FORMAT = "#,##0.00"

# (key, Chinese header, width)
COLUMNS = (
    ("firm_credit_code", "企业统一社会信用代码", 22),
    ("record_kind", "案件类型", 10),
    ("matter_no", "案件号", 20),
    ("office", "国家/地区", 9),
    ("fee_kind", "费用类型", 10),
    ("fee_year", "年度", 7),
    ("due_date", "应缴日", 12),
    ("paid_on", "缴费日", 12),
    ("amount", "缴费金额", 13),
    ("currency", "币种", 7),
    ("surcharge", "其中滞纳金", 12),
    ("receipt_no", "收据号", 22),
    ("recorded_by", "记录人", 12),
)
TITLES = tuple(f"{header}({key})" for key, header, _width in COLUMNS)
_HEADER = (Font(bold=True), PatternFill("solid", fgColor="DDEBF7"))


def is_payment_sheet(title: str) -> bool:
    from zgc_desk.io.workbook_layout import normalise_label

    return normalise_label(title) in {normalise_label(name) for name in (SHEET_NAME, *SHEET_ALIASES)}


def _cell(ws, value, number_format: str | None = None):
    if isinstance(value, str):
        cell = WriteOnlyCell(ws, value=safe_text(value))
        keep_as_text(cell)
        return cell
    if isinstance(value, Decimal):
        value = float(value)
    cell = WriteOnlyCell(ws, value=value)
    if number_format and value is not None:
        cell.number_format = number_format
    return cell


def _money(cents: int | None) -> Decimal | None:
    return None if cents is None else Decimal(cents) / 100


def _payments(firm_id: int | None):
    query = (Payment.select(Payment, Firm.credit_code.alias("firm_code")).join(Firm)
             .order_by(Firm.name, Firm.credit_code, Payment.record_kind, Payment.matter_no, Payment.paid_on,
                       Payment.id))
    if firm_id is not None:
        query = query.where(Payment.firm == firm_id)
    return query.objects().iterator()


def _fee_word(deadline_kind: str) -> str:
    from zgc_desk.deadlines.kinds import kind

    spec = kind(deadline_kind)
    return FEE_GROUP_WORDS.get(spec.group, deadline_kind) if spec is not None else deadline_kind


def count_payments(firm_id: int | None = None) -> int:
    query = Payment.select()
    return (query.where(Payment.firm == firm_id) if firm_id is not None else query).count()


def write_payment_sheet(workbook, firm_id: int | None = None) -> int:
    """Add the sheet with every payment (or one firm's); returns how many rows it holds."""
    from openpyxl.utils import get_column_letter

    ws = workbook.create_sheet(SHEET_NAME)
    for number, (_key, _header, width) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(number)].width = width
    ws.freeze_panes = "A2"
    header = []
    for title in TITLES:
        cell = WriteOnlyCell(ws, value=title)
        cell.font, cell.fill = _HEADER
        header.append(cell)
    ws.append(header)
    count = 0
    for paid in _payments(firm_id):
        ws.append([
            _cell(ws, paid.firm_code), _cell(ws, RECORD_KIND_WORDS.get(paid.record_kind, paid.record_kind)),
            _cell(ws, paid.matter_no), _cell(ws, paid.office or None),
            _cell(ws, _fee_word(paid.deadline_kind)), _cell(ws, paid.fee_year),
            _cell(ws, paid.due_date, DATE_FORMAT), _cell(ws, paid.paid_on, DATE_FORMAT),
            _cell(ws, _money(paid.amount_cents), MONEY_FORMAT), _cell(ws, paid.currency),
            _cell(ws, _money(paid.surcharge_cents), MONEY_FORMAT), _cell(ws, paid.receipt_no or None),
            _cell(ws, paid.recorded_by or None),
        ])
        count += 1
    return count
