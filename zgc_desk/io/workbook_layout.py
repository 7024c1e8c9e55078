"""The portfolio workbook's layout (docs/workbook.md): sheet names, Chinese headers with
their English keys, which columns are required, how a stored value is written to a cell, and how a
header cell typed by a person is recognised.

The template, the exporter and the importer all read this one definition. Keys are the contract's
English keys, the same as ``zgc_desk.schema``'s field keys, so every cell is validated by
``schema.clean_record``. Columns after the contract's own (official fees, planned national phases)
extend the layout so that an export loses nothing; the contract allows extensions, never renames.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from zgc_desk import vocab
from zgc_desk.i18n import N_, _, current_language
from zgc_desk.schema import FIELD_BY_KEY

# Cell styles a column can have (they decide the number format, validation list and export value).
TEXT, CODE, DATE, BOOL, INT, CHOICE, LIST, TEN_THOUSAND = (
    "text", "code", "date", "bool", "int", "choice", "list", "10k")

YES, NO = "是", "否"

# The Chinese words of the contract for each enumeration (stored key -> word written to a cell).
PATENT_KIND_WORDS = {"invention": "发明", "utility_model": "实用新型", "design": "外观设计"}
PATENT_STATUS_WORDS = {"pending": "审查中", "granted": "有效", "rejected": "驳回", "withdrawn": "撤回",
                       "lapsed": "失效"}
ROUTE_WORDS = {"pct": "PCT", "paris": "巴黎公约", "direct": "直接"}
ENTITY_SIZE_WORDS = {"large": "大实体", "small": "小实体", "micro": "微实体"}
TRADEMARK_STATUS_WORDS = {"pending": "申请中", "registered": "已注册", "renewed": "已续展", "invalid": "无效"}
FEE_REDUCTION_WORDS = {rate: str(rate) for rate in vocab.FEE_REDUCTION_RATES}
# Notice types and deliveries as the 通知书 sheet writes them (the schema accepts every alias).
NOTICE_TYPE_WORDS = {
    "cn_oa_first": "第一次审查意见通知书", "cn_oa_further": "第N次审查意见通知书", "cn_correction": "补正通知书",
    "cn_grant": "办理登记手续通知书", "cn_rejection": "驳回决定", "cn_reexam": "复审通知书",
    "cn_loss_of_rights": "视为撤回/视为放弃取得专利权/专利权终止通知书", "tm_opinion": "审查意见书",
    "tm_correction": "商标补正通知书", "tm_refusal": "驳回通知书", "tm_opposition": "异议答辩通知书",
    "foreign_oa": "国外审查意见", "other": "其他通知书",
}
DELIVERY_WORDS = {"electronic": "电子", "paper": "纸件"}


@dataclass(frozen=True)
class Column:
    key: str  # contract key = schema field key
    header: str  # Chinese header of the contract (without the required mark)
    style: str = TEXT
    width: int = 14
    words: dict | None = None  # CHOICE: stored value -> cell word (drop-down list)
    suggestions: tuple[str, ...] = ()  # drop-down suggestions that do not restrict the value
    help: str = ""  # N_-marked explanation for the instructions sheet
    example: str = ""
    kind: str = ""  # set by the sheet

    @property
    def required(self) -> bool:
        return self.field.required

    @property
    def field(self):
        return FIELD_BY_KEY[self.kind][self.key]

    @property
    def title(self) -> str:
        """The header cell written by the template and the export, e.g. ``申请号*(application_no)``."""
        return f"{self.header}{'*' if self.required else ''}({self.key})"

    def shown(self) -> str:
        """The column's name in messages: the contract's header in Chinese, the field label otherwise."""
        return self.header if current_language() == "zh_CN" else _(self.field.label)


@dataclass(frozen=True)
class Sheet:
    kind: str  # firm / patent / pct / overseas / trademark
    name: str  # sheet name of the contract
    label: str  # N_-marked English name used in English messages
    columns: tuple[Column, ...]
    aliases: tuple[str, ...] = ()

    def shown(self) -> str:
        return self.name if current_language() == "zh_CN" else _(self.label)

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


# The contract's columns that every sheet may carry (the clerk's own keeping), after the sheet's own.
KEEPING_COLUMNS = (
    Column("docket_no", "我方案号", TEXT, 14, help=N_("Our own reference for the record (docket number)"),
           example="ZY-2021-007"),
    Column("agency", "代理机构", TEXT, 20, help=N_("The patent or trademark agency handling it"),
           example="北京某某专利代理有限公司"),
    Column("attorney", "代理人", TEXT, 10, help=N_("The attorney or agent handling it"), example="王律师"),
    Column("notes", "备注", TEXT, 30, help=N_("Free notes"), example=""),
    Column("tags", "标签", LIST, 14, help=N_("Tags, separated by ;"), example="核心; 质押"),
)


# A keep-or-drop decision, on the sheets of rights the firm pays to keep (patents, overseas, trademarks).
DECISION_COLUMNS = (
    Column("drop_from", "停止缴费日", DATE, 12,
           help=N_("Keep-or-drop decision: from this day no more fees are paid (the right is let lapse or "
                   "abandoned); empty: kept"), example=""),
    Column("drop_reason", "放弃理由", TEXT, 20, help=N_("Why the right is dropped"), example=""),
)


def _columns(kind: str, *columns: Column) -> tuple[Column, ...]:
    present = {column.key for column in columns}
    if "drop_from" in FIELD_BY_KEY[kind]:
        columns = (*columns, *(column for column in DECISION_COLUMNS if column.key not in present))
    if "docket_no" in FIELD_BY_KEY[kind]:
        columns = (*columns, *(column for column in KEEPING_COLUMNS if column.key not in present))
    columns = tuple(replace(column, kind=kind) for column in columns)
    for column in columns:
        assert column.key in FIELD_BY_KEY[kind], column.key  # every column is a schema field
    return columns


def _firm_code() -> Column:
    return Column("firm_credit_code", "企业统一社会信用代码", CODE, 22,
                  help=N_("The firm's unified social credit code; the firm must be in the 企业信息 sheet "
                          "or already in the database"), example="91110108MA01R8KX3B")


_PLANNED = dict(help=N_("Countries or regions where national phases are planned, ISO codes separated by ;"),
                example="US; EP; JP")
_RESTORATION = dict(help=N_("是 when restoration of a priority claimed up to 2 months late was requested "
                            "(Implementing Regulations Art. 36, PCT Rule 26bis.3); set by itself for such a date"),
                    example=NO)
_FEES = dict(help=N_("Official fees actually paid to obtain it, in yuan (optional)"), example="3450")

FIRM = Sheet("firm", "企业信息", N_("Firms"), _columns(
    "firm",
    Column("name", "企业名称", TEXT, 30, help=N_("Full registered name of the firm"),
           example="北京智源芯创科技有限公司"),
    Column("credit_code", "统一社会信用代码", CODE, 22,
           help=N_("18-character unified social credit code; the last character is a check character"),
           example="91110108MA01R8KX3B"),
    Column("district", "所在区", TEXT, 10, suggestions=vocab.BEIJING_DISTRICTS,
           help=N_("Beijing district of registration"), example="海淀区"),
    Column("zgc_park", "中关村分园", TEXT, 12, suggestions=vocab.ZGC_PARKS,
           help=N_("Zhongguancun sub-park; leave empty when the firm is outside the zone"), example="海淀园"),
    Column("is_sme", "是否中小企业", BOOL, 10, help=N_("Small or medium-sized enterprise: 是 or 否"), example=YES),
    Column("is_hnte", "是否高新技术企业", BOOL, 12, help=N_("Certified high-tech enterprise: 是 or 否"),
           example=YES),
    Column("hnte_valid_until", "高新技术企业证书有效期至", DATE, 14,
           help=N_("Last day of validity of the high-tech enterprise certificate"), example="2027-12-01"),
    Column("blacklisted", "是否列入失信名单", BOOL, 12,
           help=N_("Whether the firm is on a list of seriously untrustworthy entities: 是 or 否"), example=NO),
    Column("founded_on", "成立日期", DATE, 12, help=N_("Date of establishment"), example="2018-06-12"),
    Column("employees", "职工人数", INT, 10, help=N_("Number of employees (a whole number)"), example="86"),
    Column("revenue_10k_cny", "上年营业收入万元", TEN_THOUSAND, 14,
           help=N_("Last year's operating revenue in units of 10,000 yuan (万元); decimals allowed"),
           example="5230.5"),
    Column("legal_rep", "法定代表人", TEXT, 10, help=N_("Legal representative"), example="陈志远"),
    Column("contact_name", "联系人", TEXT, 10, help=N_("Person to contact about IP matters"), example="刘思琪"),
    Column("contact_phone", "联系电话", CODE, 14, help=N_("Contact phone number"), example="010-62345678"),
    Column("address", "地址", TEXT, 30, help=N_("Registered address"), example="北京市海淀区中关村大街27号"),
    Column("planned_offices", "计划进入国家或地区", LIST, 16, **_PLANNED),
))

PATENT = Sheet("patent", "专利", N_("Patents"), _columns(
    "patent",
    _firm_code(),
    Column("application_no", "申请号", CODE, 17,
           help=N_("Chinese application number with its check character; CN, ZL, spaces and the dot are optional"),
           example="202110344405.7"),
    Column("kind", "专利类型", CHOICE, 10, PATENT_KIND_WORDS,
           help=N_("发明 (invention), 实用新型 (utility model) or 外观设计 (design); must match the "
                   "application number's type digit"), example="发明"),
    Column("title", "专利名称", TEXT, 36, help=N_("Title of the invention or design"),
           example="一种低功耗神经网络推理芯片及其调度方法"),
    Column("filing_date", "申请日", DATE, 12, help=N_("Filing date"), example="2021-03-31"),
    Column("priority_date", "优先权日", DATE, 12,
           help=N_("Earliest priority date, if priority is claimed (at most 12 months before filing, "
                   "6 for designs)"), example="2020-04-15"),
    Column("applicants", "申请人", LIST, 30,
           help=N_("Applicants in the order of the application, separated by ;"),
           example="北京智源芯创科技有限公司; 清华大学"),
    Column("inventors", "发明人", LIST, 20, help=N_("Inventors, separated by ;"), example="陈志远; 刘思琪"),
    Column("publication_no", "公开号", CODE, 16, help=N_("Publication number, e.g. CN113078375A"),
           example="CN113078375A"),
    Column("grant_no", "授权公告号", CODE, 16, help=N_("Grant publication number, e.g. CN113078375B"),
           example="CN113078375B"),
    Column("grant_date", "授权公告日", DATE, 12, help=N_("Date the grant was published"), example="2023-05-12"),
    Column("status", "法律状态", CHOICE, 10, PATENT_STATUS_WORDS,
           help=N_("审查中 (pending), 有效 (granted), 驳回 (rejected), 撤回 (withdrawn) or 失效 (lapsed); "
                   "empty means 审查中"), example="有效"),
    Column("annuity_paid_through", "年费已缴至年度", INT, 12,
           help=N_("The patent year (1-20) up to which annual fees are paid"), example="3"),
    Column("fee_reduction_pct", "费用减缴比例", CHOICE, 12, FEE_REDUCTION_WORDS,
           help=N_("Official fee reduction in per cent: 0, 70 or 85"), example="85"),
    Column("abnormal", "非正常申请", BOOL, 10,
           help=N_("Whether the application was found to be an abnormal application: 是 or 否"), example=NO),
    Column("ipc", "IPC分类号", TEXT, 14, help=N_("Main IPC classification"), example="G06N 3/063"),
    Column("official_fees_cny", "已缴官费元", INT, 12, **_FEES),
    Column("priority_restoration", "请求恢复优先权", BOOL, 12, **_RESTORATION),
    Column("exam_requested_on", "实审请求日", DATE, 12,
           help=N_("Date the request for substantive examination was filed (inventions; Patent Law Art. 35: "
                   "within 3 years of filing or priority, else the application is deemed withdrawn)"),
           example="2022-09-15"),
))

PCT = Sheet("pct", "PCT", N_("PCT applications"), _columns(
    "pct",
    _firm_code(),
    Column("pct_no", "PCT申请号", CODE, 20, help=N_("International application number"),
           example="PCT/CN2021/075891"),
    Column("intl_filing_date", "国际申请日", DATE, 12, help=N_("International filing date"), example="2021-02-08"),
    Column("priority_date", "优先权日", DATE, 12,
           help=N_("Earliest priority date (at most 12 months before the international filing date)"),
           example="2020-02-10"),
    Column("cn_priority_no", "中国优先权申请号", CODE, 17,
           help=N_("Chinese application whose priority is claimed; linked when it is in the 专利 sheet "
                   "or the database"), example="202010084561.X"),
    Column("title", "发明名称", TEXT, 36, help=N_("Title of the invention"), example="一种片上网络路由仲裁方法及系统"),
    Column("applicants", "申请人", LIST, 30, help=N_("Applicants in order, separated by ;"),
           example="北京智源芯创科技有限公司"),
    Column("receiving_office", "受理局", TEXT, 8, help=N_("Receiving office"), example="CN"),
    Column("isa", "国际检索单位", TEXT, 10, help=N_("International searching authority"), example="CN"),
    Column("isr_date", "国际检索报告日", DATE, 12, help=N_("Date of the international search report"),
           example="2021-05-20"),
    Column("wo_no", "国际公布号", CODE, 16, help=N_("International publication number"), example="WO 2021/164523"),
    Column("wo_date", "国际公布日", DATE, 12, help=N_("International publication date"), example="2021-08-26"),
    Column("chapter2", "是否提出第二章要求", BOOL, 12, help=N_("Whether a Chapter II demand was filed: 是 or 否"),
           example=NO),
    Column("planned_offices", "计划进入国家或地区", LIST, 16, **_PLANNED),
    Column("priority_restoration", "请求恢复优先权", BOOL, 12, **_RESTORATION),
), aliases=("pct applications", "pctapplication", "pct申请"))

OVERSEAS = Sheet("overseas", "海外申请", N_("Overseas filings"), _columns(
    "overseas",
    _firm_code(),
    Column("office", "国家或地区", CODE, 10,
           help=N_("ISO country code or regional office (EP, EA, OA, AP, GC)"), example="US"),
    Column("application_no", "申请号", CODE, 18, help=N_("Application number at that office"), example="17/201,554"),
    Column("route", "申请途径", CHOICE, 10, ROUTE_WORDS,
           help=N_("PCT (national phase), 巴黎公约 (Paris Convention) or 直接 (direct filing)"), example="PCT"),
    Column("pct_no", "PCT申请号", CODE, 20, help=N_("The PCT application, for a national phase"),
           example="PCT/CN2021/075891"),
    Column("cn_application_no", "中国申请号", CODE, 17, help=N_("The Chinese application it is based on"),
           example="202110344405.7"),
    Column("filing_date", "申请日", DATE, 12, help=N_("Filing date, or the national-phase entry date"),
           example="2022-08-08"),
    Column("grant_date", "授权日", DATE, 12, help=N_("Grant date"), example="2024-03-08"),
    Column("grant_no", "授权号", CODE, 16, help=N_("Grant or patent number"), example="US11268901B2"),
    Column("kind", "专利类型", CHOICE, 10, PATENT_KIND_WORDS,
           help=N_("发明, 实用新型 or 外观设计; empty means 发明"), example="发明"),
    Column("applicants", "申请人", LIST, 30, help=N_("Applicants in order, separated by ;"),
           example="北京智源芯创科技有限公司"),
    Column("status", "状态", CHOICE, 10, PATENT_STATUS_WORDS,
           help=N_("审查中, 有效, 驳回, 撤回 or 失效; empty means 审查中"), example="有效"),
    Column("official_fees_cny", "已缴官费元", INT, 12, **_FEES),
    Column("entity_size", "美国实体规模", CHOICE, 10, ENTITY_SIZE_WORDS,
           help=N_("For US fees: 大实体 (large), 小实体 (small, 37 CFR 1.27) or 微实体 (micro, 37 CFR 1.29); "
                   "empty: not recorded, the fee is shown as unknown"), example="小实体"),
    Column("validation_states", "生效国家", LIST, 14,
           help=N_("A granted European patent's validation states, ISO codes separated by ; (their national "
                   "annual fees are listed)"), example="DE; FR; GB"),
    Column("annuity_paid_through", "年费已缴至年度", INT, 12,
           help=N_("The annual-fee year paid through at that office (US maintenance fees: 4, 8 or 12; EP: the "
                   "patent year; JP, KR: the year counted from registration)"), example="5"),
    Column("next_due_date", "下次年费截止日", DATE, 12,
           help=N_("For an office whose fee rule is not in the data: the next annual fee's due date, as you "
                   "know it (shown as entered)"), example="2027-04-30"),
), aliases=("overseas filings", "foreign filings"))

TRADEMARK = Sheet("trademark", "商标", N_("Trademarks"), _columns(
    "trademark",
    _firm_code(),
    Column("mark", "商标名称", TEXT, 20, help=N_("The mark as registered (words, or a description of the device)"),
           example="智源芯创"),
    Column("registration_no", "注册号", CODE, 12, help=N_("Chinese registration (or application) number"),
           example="45612378"),
    Column("nice_classes", "类别", TEXT, 10, help=N_("Nice classes, separated by ;"), example="9; 42"),
    Column("filing_date", "申请日", DATE, 12, help=N_("Filing date"), example="2019-05-20"),
    Column("registration_date", "注册日", DATE, 12, help=N_("Registration date"), example="2020-11-07"),
    Column("expiry_date", "有效期至", DATE, 12,
           help=N_("Last day of the registration; empty: 10 years from registration, less a day"),
           example="2030-11-06"),
    Column("madrid_no", "国际注册号", CODE, 12, help=N_("Madrid international registration number"),
           example="1563478"),
    Column("madrid_date", "国际注册日", DATE, 12,
           help=N_("Date of the Madrid international registration (its 10-year terms count from it)"),
           example="2021-03-15"),
    Column("designations", "指定国家", LIST, 16, help=N_("Madrid designated parties, separated by ;"),
           example="US; EM; JP"),
    Column("status", "状态", CHOICE, 10, TRADEMARK_STATUS_WORDS,
           help=N_("申请中 (pending), 已注册 (registered), 已续展 (renewed) or 无效 (invalid); "
                   "empty means 已注册"), example="已注册"),
    Column("madrid_expiry", "国际注册有效期至", DATE, 12,
           help=N_("End of the international registration's current term; empty: 10 years from the "
                   "international registration date"), example="2031-03-15"),
))

NOTICE = Sheet("notice", "通知书", N_("Notices"), _columns(
    "notice",
    _firm_code(),
    Column("matter_no", "案件号", CODE, 20,
           help=N_("The application, PCT, overseas application or trademark registration number the notice "
                   "concerns; the matter must be in this workbook or already in the database"),
           example="202110344405.7"),
    Column("notice_type", "通知书类型", CHOICE, 22, NOTICE_TYPE_WORDS,
           help=N_("The kind of notice, by its Chinese name or key (cn_oa_first, cn_oa_further, cn_correction, "
                   "cn_grant, cn_rejection, cn_reexam, cn_loss_of_rights, tm_opinion, tm_correction, tm_refusal, "
                   "tm_opposition, foreign_oa, other)"), example="第一次审查意见通知书"),
    Column("dispatch_date", "发文日", DATE, 12, help=N_("The dispatch date printed on the notice (发文日)"),
           example="2024-03-11"),
    Column("delivery", "送达方式", CHOICE, 10, DELIVERY_WORDS,
           help=N_("电子 (electronic) or 纸件 (paper, by post); empty means 电子"), example="电子"),
    Column("stated_due", "指定答复期限", DATE, 12,
           help=N_("The last day the notice itself states, if it states one (it overrides the computed one)"),
           example=""),
    Column("extension_months", "延长月数", INT, 10, help=N_("Months of extension granted (0, 1 or 2)"),
           example="0"),
    Column("answered_on", "答复日", DATE, 12, help=N_("The day the answer was filed"), example=""),
    Column("notes", "备注", TEXT, 24, help=N_("Free notes"), example=""),
    Column("outcome", "处理结果", TEXT, 24, help=N_("What came of the answer (optional)"), example=""),
))

LENDER_TYPE_WORDS = {"bank": "银行", "guarantor": "担保机构", "other": "其他"}
_YUAN = dict(width=12)

PLEDGE_LOAN = Sheet("pledge_loan", "质押融资", N_("Pledge loans"), _columns(
    "pledge_loan",
    _firm_code(),
    Column("loan_no", "贷款合同编号", CODE, 18, help=N_("The loan contract number"), example="0123JK2024-001"),
    Column("lender", "质权人", TEXT, 24, help=N_("The pledgee: the bank or guarantee institution holding the pledge"),
           example="北京银行中关村分行"),
    Column("lender_type", "质权人类型", CHOICE, 10, LENDER_TYPE_WORDS,
           help=N_("银行 (bank), 担保机构 (guarantee institution) or 其他 (other); empty means 银行"), example="银行"),
    Column("principal_cny", "贷款金额元", INT, 14, help=N_("The principal lent, in yuan"), example="3000000"),
    Column("ip_share_pct", "知识产权质押比例", INT, 10,
           help=N_("The share of the loan secured by IP, in per cent; empty means 100 (a pure IP pledge loan)"),
           example="100"),
    Column("annual_rate_pct", "年利率", TEXT, 8, help=N_("The annual rate in per cent, e.g. 4.2"), example="3.6"),
    Column("start_date", "放款日", DATE, 12, help=N_("The day the loan was paid out"), example="2024-03-15"),
    Column("maturity_date", "到期日", DATE, 12, help=N_("The contractual maturity"), example="2025-03-14"),
    Column("settled_on", "结清日", DATE, 12, help=N_("The day principal and interest were fully repaid"),
           example="2025-03-10"),
    Column("interest_paid_cny", "已付利息元", INT, 12, help=N_("Interest actually paid on the loan, in yuan"),
           example="105000"),
    Column("valuation_fee_cny", "评估费元", INT, 10, help=N_("Valuation fee paid, in yuan"), example="15000"),
    Column("guarantee_fee_cny", "担保费元", INT, 10, help=N_("Guarantee fee paid, in yuan"), example="30000"),
    Column("insurance_fee_cny", "保险费元", INT, 10, help=N_("Insurance premium paid, in yuan"), example=""),
    Column("other_cost_cny", "其他费用元", INT, 10, help=N_("Other financing costs paid, in yuan"), example=""),
    Column("pledge_registered_on", "质押登记日", DATE, 12, help=N_("The day the pledge was registered"),
           example="2024-03-08"),
    Column("pledge_registration_no", "质押登记号", CODE, 18, help=N_("The number of the pledge registration notice"),
           example="Y2024110000456"),
    Column("pledged", "质押物", LIST, 30,
           help=N_("Numbers of the pledged patents and trademarks (in this workbook or the database), separated by ;"),
           example="202110310118.4; 45612378"),
), aliases=("pledge loans", "pledges"))

SHEETS: tuple[Sheet, ...] = (FIRM, PATENT, PCT, OVERSEAS, TRADEMARK, NOTICE, PLEDGE_LOAN)
SHEET_BY_KIND = {sheet.kind: sheet for sheet in SHEETS}
INSTRUCTIONS_SHEET = "说明"

# The field that identifies a record within its firm, and the columns of its key in the workbook.
RECORD_KEY = {
    "firm": ("credit_code",),
    "patent": ("firm_credit_code", "application_no"),
    "pct": ("firm_credit_code", "pct_no"),
    "overseas": ("firm_credit_code", "office", "application_no"),
    "trademark": ("firm_credit_code", "registration_no"),
    "pledge_loan": ("firm_credit_code", "loan_no"),
    "notice": ("firm_credit_code", "matter_no", "notice_type", "dispatch_date"),
}


# ---- recognising headers and sheet names typed by people --------------------------------------

def normalise_label(text) -> str:
    """NFKC (full-width brackets and letters become half-width), no spaces, no ``*``, lower case."""
    text = unicodedata.normalize("NFKC", str(text or ""))
    return re.sub(r"[\s*]+", "", text).lower()


_BRACKETED = re.compile(r"^(.*?)[(\[【](.*)[)\]】]$")


def _header_lookup(sheet: Sheet) -> dict[str, str]:
    lookup: dict[str, str] = {}
    for column in sheet.columns:
        for variant in (column.header, column.key, column.field.label, column.title):
            lookup.setdefault(normalise_label(variant), column.key)
            lookup.setdefault(re.sub(r"[()\[\]【】]", "", normalise_label(variant)), column.key)
    return lookup


_LOOKUPS = {sheet.kind: _header_lookup(sheet) for sheet in SHEETS}


def match_header(sheet: Sheet, text) -> str | None:
    """The key of a header cell: the Chinese header, the English key, or both as ``中文(key)``."""
    label = normalise_label(text)
    if not label:
        return None
    lookup = _LOOKUPS[sheet.kind]
    candidates = [label, re.sub(r"[()\[\]【】]", "", label)]
    bracketed = _BRACKETED.match(label)
    if bracketed:
        candidates = [bracketed.group(2), bracketed.group(1), *candidates]
    for candidate in candidates:
        if candidate in lookup:
            return lookup[candidate]
    return None


def match_sheet(title) -> Sheet | None:
    """The layout sheet a workbook sheet stands for (its contract name, kind or English name)."""
    label = normalise_label(title)
    for sheet in SHEETS:
        names = {sheet.name, sheet.kind, sheet.label, sheet.label.rstrip("s"), *sheet.aliases}
        if label in {normalise_label(name) for name in names}:
            return sheet
    return None
