"""Controlled vocabularies: the stored keys and their translatable labels.

The keys are what the database, the JSON outputs and the rule data use. The Chinese words of the
import workbook (fixed by docs/workbook.md) are aliases that live with the workbook layout in ``io/``.
"""

from zgc_desk.i18n import N_

PATENT_KINDS = {
    "invention": N_("Invention"),
    "utility_model": N_("Utility model"),
    "design": N_("Design"),
}

PATENT_STATUSES = {
    "pending": N_("Pending"),
    "granted": N_("Granted"),
    "rejected": N_("Rejected"),
    "withdrawn": N_("Withdrawn"),
    "lapsed": N_("Lapsed"),
}

FILING_ROUTES = {
    "pct": N_("PCT national phase"),
    "paris": N_("Paris Convention"),
    "direct": N_("Direct filing"),
}

# The USPTO's fee categories (37 CFR 1.27 small entity, 1.29 micro entity; the rest pay the full fee).
ENTITY_SIZES = {
    "large": N_("Large entity"),
    "small": N_("Small entity"),
    "micro": N_("Micro entity"),
}

TRADEMARK_STATUSES = {
    "pending": N_("Pending"),
    "registered": N_("Registered"),
    "renewed": N_("Renewed"),
    "invalid": N_("Invalid"),
}

FEE_REDUCTION_RATES = (0, 70, 85)

# Records whose status means they no longer need attention; lists colour them.
DEAD_PATENT_STATUSES = frozenset({"rejected", "withdrawn", "lapsed"})
DEAD_TRADEMARK_STATUSES = frozenset({"invalid"})

# Regional and international office codes accepted beside ISO 3166 alpha-2 country codes.
REGIONAL_OFFICE_CODES = ("EP", "EA", "OA", "AP", "GC", "EM", "WO")

# Zhongguancun's sixteen sub-parks (一区十六园); an empty value means outside the zone.
ZGC_PARKS = (
    "海淀园", "昌平园", "顺义园", "大兴-亦庄园", "房山园", "通州园", "东城园", "西城园",
    "朝阳园", "丰台园", "石景山园", "门头沟园", "平谷园", "怀柔园", "密云园", "延庆园",
)

# Beijing's sixteen districts.
BEIJING_DISTRICTS = (
    "东城区", "西城区", "朝阳区", "丰台区", "石景山区", "海淀区", "门头沟区", "房山区",
    "通州区", "顺义区", "昌平区", "大兴区", "怀柔区", "平谷区", "密云区", "延庆区",
)

# Official notices: the contract's notice_type keys (their periods and sources are rule data in
# zgc_desk/deadlines/data/notice_types.yaml).
NOTICE_TYPES = {
    "cn_oa_first": N_("First office action"),
    "cn_oa_further": N_("Further office action"),
    "cn_correction": N_("Notice to correct"),
    "cn_grant": N_("Notice of grant (registration formalities)"),
    "cn_rejection": N_("Decision of rejection"),
    "cn_reexam": N_("Notice of re-examination"),
    "cn_loss_of_rights": N_("Notice of loss of rights"),
    "tm_opinion": N_("Examination opinion (trademark)"),
    "tm_correction": N_("Notice to correct (trademark)"),
    "tm_refusal": N_("Notice of refusal (trademark)"),
    "tm_opposition": N_("Notice of opposition (answer)"),
    "foreign_oa": N_("Foreign office action"),
    "other": N_("Other notice"),
}

NOTICE_DELIVERIES = {
    "electronic": N_("Electronic"),
    "paper": N_("Paper"),
}

RECORD_KINDS = {
    "firm": N_("Firm"),
    "patent": N_("Patent"),
    "pct": N_("PCT application"),
    "overseas": N_("Overseas filing"),
    "trademark": N_("Trademark"),
    "notice": N_("Notice"),
    "pledge_loan": N_("Pledge loan"),
}

# Who holds the pledge of an IP-secured loan (the pledge-financing supports accept some of them).
LENDER_TYPES = {
    "bank": N_("Bank"),
    "guarantor": N_("Guarantee institution"),
    "other": N_("Other lender"),
}
