"""The demo portfolio: a fictional Zhongguancun chip-design firm and a small biotech firm.

Dates are placed relative to an ``anchor`` date (the day the demo is written) so that, whenever it is
written, the deadlines and subsidy checks show something worth looking at: an annuity due within
weeks, one overdue in its grace period, a PCT national phase coming up, an examination request due,
a trademark in its renewal window, inventions granted last year, a co-owned patent where the firm is
not the first applicant, an abnormal application, foreign grants and a first overseas filing, and two
IP pledge loans settled last year (one at a rate above the loan prime rate × 1.4, secured partly by IP).
All records go through the services, so every number is valid and every record has its history.
"""

from __future__ import annotations

import datetime as dt

from zgc_desk.dates import add_months, add_years
from zgc_desk.i18n import N_
from zgc_desk.numbers import make_cn_application, make_credit_code
from zgc_desk.operations import Label, operation
from zgc_desk.services.records import create_record

FIRM_A = "北京智源芯创科技有限公司"
FIRM_B = "北京青禾生物医药有限公司"
CODE_A = make_credit_code("91110108MA01R8KX3")
CODE_B = make_credit_code("91110114MA04C7TN8")
TSINGHUA = "清华大学"

_TITLES_A = [
    "一种低功耗神经网络推理芯片及其调度方法", "基于存算一体架构的矩阵乘法加速装置", "一种片上网络路由仲裁方法及系统",
    "面向边缘计算的异构多核任务卸载方法", "一种高速串行接口的时钟数据恢复电路", "基于深度学习的晶圆缺陷检测方法",
    "一种可重构卷积加速器及其配置方法", "芯片功耗动态管理方法、装置及电子设备", "一种存储器纠错编码电路",
    "基于注意力机制的语音唤醒方法及芯片", "一种车规级图像信号处理器", "多模态传感器数据融合方法及装置",
    "一种芯片封装散热结构", "神经网络模型量化压缩方法及系统", "一种低延迟视频编码方法",
    "基于联邦学习的模型训练方法", "一种射频前端匹配电路", "数据中心加速卡的固件升级方法",
    "一种芯片测试探针卡", "一种高精度模数转换器校准方法",
    "一种基于RISC-V的安全启动方法", "面向大模型推理的键值缓存管理方法", "一种光电混合互连芯片",
    "一种自适应电压频率调节电路",
]
_UM_TITLES = ["一种芯片散热片", "一种开发板固定支架", "一种防静电芯片托盘", "一种测试座压紧机构",
              "一种板卡导热垫", "一种模块化调试接口", "一种传感器安装夹具", "一种线缆理线装置"]
_DESIGN_TITLES = ["AI推理加速卡", "边缘计算盒子", "智能传感模组", "开发板外壳"]
_INVENTORS = ["陈志远; 刘思琪", "王浩然; 赵静怡; 孙磊", "李明远; 周婷", "张晨曦", "吴昊天; 郑雅文", "黄俊杰"]


class _Serials:
    """Deterministic serial numbers per (year, type) so every application number is unique."""

    def __init__(self, start: int):
        self.next = {}
        self.start = start

    def number(self, year: int, type_digit: int) -> str:
        key = (year, type_digit)
        serial = self.next.get(key, self.start + 37 * type_digit + year % 97)
        self.next[key] = serial + 1013
        return make_cn_application(year, type_digit, serial)


def _same_day(year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return dt.date(year, month, 28)


def _patent_year(filed: dt.date, on: dt.date) -> int:
    """The patent year ``on`` falls in (year 1 starts on the filing date)."""
    years = on.year - filed.year - ((on.month, on.day) < (filed.month, filed.day))
    return years + 1


def write_demo(anchor: dt.date) -> dict[str, int]:
    """Write the demo portfolio into the open database; returns counts per kind. One operation that
    is not undone step by step (its hundreds of records are not the user's edits)."""
    with operation(Label(N_("Write the demo portfolio")), undoable=False):
        a = _firm_a(anchor)
        b = _firm_b(anchor)
        patents_a = _patents_a(a, anchor)
        _pct_and_overseas_a(a, anchor, patents_a)
        _trademarks_a(a, anchor)
        _pledge_loans_a(a, anchor, patents_a)
        _notices_a(a, anchor, patents_a)
        _portfolio_b(b, anchor)
    from zgc_desk.models import Firm, Notice, OverseasFiling, Patent, PCTApplication, PledgeLoan, Trademark

    return {"firm": Firm.select().count(), "patent": Patent.select().count(),
            "pct": PCTApplication.select().count(), "overseas": OverseasFiling.select().count(),
            "trademark": Trademark.select().count(), "pledge_loan": PledgeLoan.select().count(),
            "notice": Notice.select().count()}


def _firm_a(anchor: dt.date) -> int:
    firm_id, _ = create_record("firm", {
        "name": FIRM_A, "credit_code": CODE_A, "district": "海淀区", "zgc_park": "海淀园",
        "is_sme": True, "is_hnte": True, "hnte_valid_until": dt.date(anchor.year + 1, 12, 10),
        "blacklisted": False, "founded_on": dt.date(2015, 4, 8), "employees": 86, "revenue_10k_cny": "4560",
        "legal_rep": "李明远", "contact_name": "王晓静", "contact_phone": "010-62881234",
        "address": "北京市海淀区中关村大街27号中关村大厦12层", "planned_offices": "US; EP; JP",
    })
    return firm_id


def _firm_b(anchor: dt.date) -> int:
    firm_id, _ = create_record("firm", {
        "name": FIRM_B, "credit_code": CODE_B, "district": "昌平区", "zgc_park": "昌平园",
        "is_sme": True, "is_hnte": False, "blacklisted": False, "founded_on": dt.date(2019, 9, 16),
        "employees": 23, "revenue_10k_cny": "680.5", "legal_rep": "赵清禾", "contact_name": "钱雨桐",
        "contact_phone": "010-80701188", "address": "北京市昌平区生命科学园路29号",
    })
    return firm_id


def _patent(firm_id, number, kind, title, filing, **extra) -> int:
    values = {"application_no": number, "kind": kind, "title": title, "filing_date": filing,
              "applicants": extra.pop("applicants", FIRM_A), **extra}
    record_id, _ = create_record("patent", values, firm_id=firm_id)
    return record_id


def _patents_a(firm: int, anchor: dt.date) -> dict[str, str]:
    """34 patents of firm A; returns the numbers later records refer to."""
    y = anchor.year
    serials = _Serials(310000)
    titles = iter(_TITLES_A)
    refs: dict[str, str] = {}
    pub = iter(range(110823978, 110823978 + 1000, 7))

    def granted_invention(filed: dt.date, granted: dt.date, unpaid_years: int = 0, **extra) -> str:
        number = serials.number(filed.year, 1)
        paid_through = _patent_year(filed, anchor) - unpaid_years
        _patent(firm, number, "invention", next(titles), filed, status="granted", grant_date=granted,
                publication_no=f"CN{next(pub)}A", grant_no=f"CN{next(pub)}B",
                annuity_paid_through=paid_through, fee_reduction_pct=extra.pop("fee_reduction_pct", 85),
                inventors=_INVENTORS[len(refs) % len(_INVENTORS)], ipc="G06N 3/063", **extra)
        refs[number] = number
        return number

    # Granted inventions: annuities paid up to the current patent year unless said otherwise.
    near = anchor + dt.timedelta(days=20)  # an anniversary 20 days ahead: annual fee due within the month
    refs["annuity_soon"] = granted_invention(_same_day(y - 4, near.month, near.day), dt.date(y - 1, 3, 17))
    late = add_months(anchor, -2)  # anniversary 2 months ago, unpaid: in the grace period
    refs["annuity_grace"] = granted_invention(_same_day(y - 5, late.month, late.day), dt.date(y - 2, 8, 9),
                                              unpaid_years=1)
    refs["grant_last_year"] = granted_invention(dt.date(y - 3, 1, 12), dt.date(y - 1, 6, 15))
    # Granted in 2023, the last year whose grants a subsidy round could still fund (the national notice
    # ended grant subsidies before 2025): eligible, co-owned (not first applicant) and abnormal cases.
    refs["co_owned"] = granted_invention(dt.date(2021, 5, 20), dt.date(2023, 9, 26),
                                         applicants=f"{TSINGHUA}; {FIRM_A}", fee_reduction_pct=70)
    refs["abnormal"] = granted_invention(dt.date(2021, 7, 2), dt.date(2023, 11, 3), abnormal=True)
    refs["grant_2023"] = granted_invention(dt.date(2020, 10, 15), dt.date(2023, 3, 14))
    refs["grant_this_year"] = granted_invention(dt.date(y - 2, 2, 28), dt.date(y, 4, 22))
    refs["grant_2022"] = granted_invention(dt.date(2020, 6, 9), dt.date(2022, 6, 15))
    refs["grant_2021"] = granted_invention(dt.date(2019, 3, 29), dt.date(2021, 9, 7))
    refs["paris_base"] = granted_invention(dt.date(2018, 9, 10), dt.date(2020, 12, 1))
    refs["pct_old_base"] = granted_invention(dt.date(2019, 3, 15), dt.date(2021, 5, 18))
    # Pending inventions: one whose examination request falls due soon, one still in its priority year.
    exam_filed = add_months(anchor, -34) + dt.timedelta(days=3)
    refs["exam_soon"] = serials.number(exam_filed.year, 1)
    _patent(firm, refs["exam_soon"], "invention", next(titles), exam_filed,
            publication_no=f"CN{next(pub)}A", inventors=_INVENTORS[1], ipc="H04L 45/00")
    refs["pct_recent_base"] = serials.number(add_months(anchor, -28).year, 1)
    _patent(firm, refs["pct_recent_base"], "invention", next(titles), add_months(anchor, -28),
            publication_no=f"CN{next(pub)}A", inventors=_INVENTORS[2], ipc="G06F 9/50")
    refs["pct_new_base"] = serials.number(add_months(anchor, -14).year, 1)
    _patent(firm, refs["pct_new_base"], "invention", next(titles), add_months(anchor, -14),
            inventors=_INVENTORS[3], ipc="G06T 7/00")
    refs["priority_year"] = serials.number(add_months(anchor, -10).year, 1)
    _patent(firm, refs["priority_year"], "invention", next(titles), add_months(anchor, -10),
            inventors=_INVENTORS[4], ipc="G06N 3/08")
    for months_ago in (20, 16, 7, 3):
        filed = add_months(anchor, -months_ago)
        refs[f"pending_{months_ago}"] = serials.number(filed.year, 1)
        _patent(firm, refs[f"pending_{months_ago}"], "invention", next(titles), filed,
                inventors=_INVENTORS[months_ago % 6], ipc="G06F 15/78")
    # Dead inventions: lapsed (unpaid), rejected, withdrawn.
    for status, filed in (("lapsed", dt.date(2016, 10, 11)), ("lapsed", dt.date(2017, 4, 6)),
                          ("rejected", dt.date(2020, 11, 23)), ("withdrawn", dt.date(2021, 8, 30))):
        _patent(firm, serials.number(filed.year, 1), "invention", next(titles), filed, status=status,
                inventors=_INVENTORS[filed.month % 6])
    # Utility models: granted, two of them lapsed.
    for i, title in enumerate(_UM_TITLES):
        filed = dt.date(y - 1 - i, 3 + i, 10 + i)
        status = "lapsed" if i >= 6 else "granted"
        _patent(firm, serials.number(filed.year, 2), "utility_model", title, filed, status=status,
                grant_date=add_months(filed, 7), grant_no=f"CN{220906904 + i * 311}U",
                annuity_paid_through=_patent_year(filed, anchor) if status == "granted" else 2,
                fee_reduction_pct=85, inventors=_INVENTORS[i % 6])
    # Designs filed before and after 2021-06-01 (10- and 15-year terms).
    for title, filed in zip(_DESIGN_TITLES, (dt.date(2021, 3, 16), dt.date(2021, 7, 5), dt.date(y - 2, 5, 8),
                                             add_months(anchor, -4)), strict=True):
        granted = filed < add_months(anchor, -6)
        _patent(firm, serials.number(filed.year, 3), "design", title, filed,
                status="granted" if granted else "pending",
                grant_date=add_months(filed, 5) if granted else None,
                grant_no=f"CN{306512345 + filed.toordinal() % 9000}S" if granted else "",
                annuity_paid_through=_patent_year(filed, anchor) if granted else None, fee_reduction_pct=85)
    return refs


def _pct_and_overseas_a(firm: int, anchor: dt.date, refs: dict[str, str]) -> None:
    def pct(number, filed, priority, base, **extra) -> str:
        create_record("pct", {"pct_no": number, "intl_filing_date": filed, "priority_date": priority,
                              "cn_priority_no": base, "applicants": FIRM_A, "receiving_office": "CN",
                              "isa": "CN", **extra}, firm_id=firm)
        return number

    def overseas(office, number, filed, **extra) -> None:
        create_record("overseas", {"office": office, "application_no": number, "filing_date": filed,
                                   "kind": "invention", "applicants": FIRM_A, **extra}, firm_id=firm)

    # The firm's first foreign filing: a Paris-route US application in 2019, granted in 2022.
    overseas("US", "16/556,201", dt.date(2019, 8, 30), route="paris", cn_application_no=refs["paris_base"],
             status="granted", grant_date=dt.date(2022, 3, 8), grant_no="US11268901B2", official_fees_cny=21800,
             entity_size="small", annuity_paid_through=4)
    # An older PCT (filed before the June 2021 cut-off), through the national phase and granted abroad.
    old_priority = dt.date(2019, 3, 15)
    old = pct("PCT/CN2020/078412", dt.date(2020, 3, 13), old_priority, refs["pct_old_base"],
              title="一种低功耗神经网络推理芯片及其调度方法", isr_date=dt.date(2020, 6, 22),
              wo_no="WO 2020/187652", wo_date=dt.date(2020, 9, 24), chapter2=False)
    overseas("US", "17/440,118", add_months(old_priority, 30), route="pct", pct_no=old,
             cn_application_no=refs["pct_old_base"], status="granted", grant_date=dt.date(2023, 5, 16),
             grant_no="US11652987B2", official_fees_cny=24600, entity_size="small")
    overseas("EP", "21762811.4", add_months(old_priority, 31), route="pct", pct_no=old,
             cn_application_no=refs["pct_old_base"], status="granted", grant_date=dt.date(2023, 10, 18),
             grant_no="EP3962157B1", official_fees_cny=38200, validation_states="DE; FR; GB")
    overseas("JP", "2021-552178", add_months(old_priority, 30), route="pct", pct_no=old,
             cn_application_no=refs["pct_old_base"], status="granted", grant_date=dt.date(anchor.year - 1, 2, 7),
             grant_no="JP7601234B2", official_fees_cny=19500)
    # A PCT whose national phases fall due in the coming months: US entered, EP and JP not yet.
    recent_priority = add_months(anchor, -28)
    recent = pct(f"PCT/CN{add_months(recent_priority, 12).year}/{(recent_priority.toordinal() % 90000) + 100000:06d}",
                 add_months(recent_priority, 12) - dt.timedelta(days=4), recent_priority, refs["pct_recent_base"],
                 title="基于存算一体架构的矩阵乘法加速装置", isr_date=add_months(recent_priority, 15),
                 wo_no=f"WO {add_months(recent_priority, 18).year}/{(recent_priority.toordinal() % 80000) + 110000:06d}",
                 wo_date=add_months(recent_priority, 18), planned_offices="US; EP; JP")
    overseas("US", f"{18 + anchor.year % 2}/{(anchor.toordinal() % 900) + 100},{anchor.toordinal() % 1000:03d}",
             anchor - dt.timedelta(days=20), route="pct", pct_no=recent, cn_application_no=refs["pct_recent_base"])
    # A young PCT: publication and the Chapter II demand still ahead.
    new_priority = add_months(anchor, -14)
    pct(f"PCT/CN{add_months(new_priority, 12).year}/{(new_priority.toordinal() % 90000) + 100000:06d}",
        add_months(new_priority, 12) - dt.timedelta(days=2), new_priority, refs["pct_new_base"],
        title="一种片上网络路由仲裁方法及系统", isr_date=anchor - dt.timedelta(days=25))


def _trademarks_a(firm: int, anchor: dt.date) -> None:
    def mark(name, number, classes, registered, **extra) -> None:
        create_record("trademark", {"mark": name, "registration_no": number, "nice_classes": classes,
                                    "registration_date": registered,
                                    "filing_date": add_months(registered, -11) if registered else extra.pop("filed"),
                                    **extra}, firm_id=firm)

    # Registered almost ten years ago: the renewal window is open now.
    mark("智源芯创", "18834571", "9", add_years(add_months(anchor, 5), -10), status="registered")
    mark("ZHIYUAN", "33215806", "42", dt.date(2019, 6, 14), status="registered")
    # An international registration last year: the Madrid support of this year's round.
    mark("芯创", "41287330", "9; 42", dt.date(anchor.year - 1, 4, 7), status="registered",
         madrid_no="1734512", madrid_date=dt.date(anchor.year - 1, 6, 20), designations="US; EM; JP; KR")
    mark("智源芯", "70218843", "9", None, status="pending", filed=add_months(anchor, -8))
    mark("源芯", "25580312", "35", dt.date(2018, 2, 28), status="invalid")


def _pledge_loans_a(firm: int, anchor: dt.date, refs: dict[str, str]) -> None:
    """Two loans settled last year: a bank loan secured by a patent alone, and a combined loan (60% IP)
    from a guarantee institution at 5.8%, above the loan prime rate × 1.4 of its start."""
    y = anchor.year
    create_record("pledge_loan", {
        "loan_no": f"0123JK{y - 2}-001", "lender": "北京银行中关村分行", "lender_type": "bank",
        "principal_cny": 3_000_000, "annual_rate_pct": 4.2, "start_date": dt.date(y - 2, 7, 3),
        "maturity_date": dt.date(y - 1, 7, 2), "settled_on": dt.date(y - 1, 6, 30), "interest_paid_cny": 126_000,
        "valuation_fee_cny": 15_000, "other_cost_cny": 3_000, "pledge_registered_on": dt.date(y - 2, 6, 28),
        "pledge_registration_no": f"Y{y - 2}110000123", "pledged": refs["annuity_soon"]}, firm_id=firm)
    create_record("pledge_loan", {
        "loan_no": f"ZGCDB{y - 2}-017", "lender": "北京中关村科技融资担保有限公司", "lender_type": "guarantor",
        "principal_cny": 3_000_000, "ip_share_pct": 60, "annual_rate_pct": 5.8, "start_date": dt.date(y - 2, 10, 25),
        "settled_on": dt.date(y - 1, 9, 30), "interest_paid_cny": 174_000, "guarantee_fee_cny": 30_000,
        "pledge_registered_on": dt.date(y - 2, 10, 20), "pledge_registration_no": f"Y{y - 2}110000456",
        "pledged": "18834571"}, firm_id=firm)


def _notices_a(firm: int, anchor: dt.date, refs: dict[str, str]) -> None:
    """Official notices, so that a new user sees answers due on the Due list: an open first office
    action (4 months to answer), a correction notice answered in time, a grant notice whose
    registration is due (2 months), and a trademark refusal whose review request is due soon (15 days).
    A notice cannot be dated after today: a demo written for a later date leaves out those that would be."""
    from zgc_desk.services.notices import today

    def notice(number: str, kind: str, days_ago: int, **extra) -> None:
        dispatched = anchor - dt.timedelta(days=days_ago)
        if dispatched <= today():
            create_record("notice", {"matter_no": number, "notice_type": kind, "dispatch_date": dispatched,
                                     "delivery": "electronic", **extra}, firm_id=firm)

    notice(refs["pct_recent_base"], "cn_oa_first", 38,
           notes="审查员认为权利要求1-3相对于对比文件1（CN112233445A）不具备创造性；拟修改权利要求并陈述意见。")
    notice(refs["pending_7"], "cn_correction", 80, answered_on=anchor - dt.timedelta(days=62),
           outcome="已提交补正书，重新提交清晰的说明书附图。", notes="说明书附图中的附图标记不清晰。")
    notice(refs["pending_20"], "cn_grant", 12,
           notes="优先审查授权：办理登记手续，缴纳授予专利权当年的年费。")
    notice("70218843", "tm_refusal", 6,
           notes="第9类部分商品被驳回，引证商标与本商标近似；考虑申请驳回复审。")


def _portfolio_b(firm: int, anchor: dt.date) -> None:
    y = anchor.year
    serials = _Serials(520000)
    for title, filed, granted in (
        ("一种靶向递送的脂质纳米颗粒及其制备方法", dt.date(y - 4, 3, 3), dt.date(y - 1, 7, 21)),
        ("一种检测肿瘤标志物的试剂盒", dt.date(y - 3, 9, 14), None),
        ("一种单克隆抗体的纯化方法", dt.date(2020, 4, 21), dt.date(2022, 10, 11)),
    ):
        create_record("patent", {
            "application_no": serials.number(filed.year, 1), "kind": "invention", "title": title,
            "filing_date": filed, "applicants": FIRM_B, "status": "granted" if granted else "pending",
            "grant_date": granted, "annuity_paid_through": _patent_year(filed, anchor) if granted else None,
            "fee_reduction_pct": 85, "inventors": "赵清禾; 孙悦", "ipc": "A61K 9/51",
        }, firm_id=firm)
    for i, title in enumerate(("一种细胞培养瓶", "一种移液器支架", "一种样本冷藏运输箱")):
        filed = dt.date(y - 2 + (i == 2), 5 + i, 12)
        create_record("patent", {
            "application_no": serials.number(filed.year, 2), "kind": "utility_model", "title": title,
            "filing_date": filed, "applicants": FIRM_B, "status": "granted", "grant_date": add_months(filed, 6),
            "annuity_paid_through": _patent_year(filed, anchor), "fee_reduction_pct": 85,
        }, firm_id=firm)
    # The firm's first overseas filing, made in spring 2021 (before the June 2021 cut-off).
    create_record("overseas", {"office": "US", "application_no": "17/236,554", "filing_date": dt.date(2021, 4, 20),
                               "route": "paris", "kind": "invention", "applicants": FIRM_B, "status": "pending"},
                  firm_id=firm)
    create_record("trademark", {"mark": "青禾", "registration_no": "45871236", "nice_classes": "5; 42",
                                "filing_date": dt.date(2020, 3, 2), "registration_date": dt.date(2021, 1, 14),
                                "status": "registered"}, firm_id=firm)
