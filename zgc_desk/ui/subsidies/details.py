"""The details pane under the result tree: for the selected policy or item, every reason in full and
the sources behind it (document, 文号, article, URL, verified, last checked), as HTML."""

from __future__ import annotations

from html import escape

from zgc_desk.i18n import _, format_date, pgettext
from zgc_desk.subsidy_rules.results import Decision, PolicyRound, SourceRef
from zgc_desk.ui.subsidies import texts
from zgc_desk.ui.subsidies.result_tree import matter_text, needs_text

_AMBER = texts.UNVERIFIED_COLOUR.name()
_RED = texts.FAILED_COLOUR.name()
_GREEN = texts.PASSED_COLOUR.name()


def _value(value) -> str:
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, dict):
        return ", ".join(f"{key} {item}" for key, item in value.items())
    return "—" if value is None else str(value)


def _verified(flag: bool) -> str:
    if flag:
        word = escape(_("verified"))
        return f'<span style="color:{_GREEN}">{word}</span>'
    word = escape(_("unverified"))
    return f'<span style="color:{_AMBER}"><b>{texts.UNVERIFIED_MARK}</b> {word}</span>'


def _source_cell(source: SourceRef) -> str:
    parts = [escape(source.document)]
    if source.number:
        parts.append(escape(source.number))
    if source.article:
        parts.append(escape(source.article))
    if source.url:
        parts.append(f'<a href="{escape(source.url, quote=True)}">{escape(source.url)}</a>')
    return "<br>".join(parts)


def sources_table(sources: list[SourceRef]) -> str:
    if not sources:
        return ""
    head = "".join(f"<th align=left>{escape(t)}</th>" for t in (
        _("Parameter"), pgettext("rule parameter", "Value"), _("From"), _("Checked"), _("Source")))
    rows = []
    for source in sources:
        checked = format_date(source.last_checked, "iso") if source.last_checked else "—"
        rows.append(f"<tr><td>{escape(source.parameter)}</td><td>{escape(_value(source.value))}</td>"
                    f"<td>{format_date(source.effective_from, 'iso')}</td>"
                    f"<td>{_verified(source.verified)}<br>{checked}</td><td>{_source_cell(source)}</td></tr>")
    title = escape(_("Sources"))
    return (f"<h4>{title}</h4><table cellspacing=0 cellpadding=3 border=1 "
            f"style='border-color:#d0d0d0'><tr>{head}</tr>{''.join(rows)}</table>")


def _unverified_note(verified: bool) -> str:
    if verified:
        return ""
    return f'<p style="color:{_AMBER}"><b>{texts.UNVERIFIED_MARK}</b> {escape(texts.unverified_tip())}</p>'


def decision_html(decision: Decision, policy_title: str) -> str:
    colour, verdict = (_GREEN, _("Eligible")) if decision.eligible else (_RED, _("Not eligible"))
    verdict = f'<b style="color:{colour}">{escape(verdict)}</b>'
    head = f"<h3>{escape(matter_text(decision))} {escape(decision.title)}</h3>"
    line = [escape(policy_title), escape(_("round {year}").format(year=decision.round_year)), verdict]
    if decision.eligible:
        colour = "" if decision.verified else f' style="color:{_AMBER}"'
        line.append(f"<span{colour}>{escape(texts.money_text(decision.amount_cny, decision.verified))}</span>")
    body = [head, "<p>" + " · ".join(line) + "</p>"]
    if not decision.eligible:
        label = escape(_("What it needs:"))
        body.append(f'<p style="color:{_RED}"><b>{label}</b> {escape(needs_text(decision))}</p>')
    rows = []
    for reason in decision.reasons:
        colour = _GREEN if reason.passed else _RED
        mark = "✓" if reason.passed else "✗"
        rows.append(f'<tr><td style="color:{colour}">{mark}</td><td>{escape(texts.criterion_label(reason.criterion))}'
                    f"</td><td>{escape(reason.detail)}</td></tr>")
    title = escape(_("Reasons"))
    body.append(f"<h4>{title}</h4><table cellspacing=0 cellpadding=2>{''.join(rows)}</table>")
    body.append(_unverified_note(decision.verified or not decision.eligible))
    body.append(sources_table(decision.sources))
    return "".join(body)


def policy_html(standing: PolicyRound, decisions: list[Decision]) -> str:
    policy = standing.policy
    basis = escape(_("basis: {source}").format(source=policy.basis.citation()))
    body = [f"<h3>{escape(str(policy.title))}</h3>", f"<p>{escape(policy.id)} · {basis}</p>"]
    if standing.window_start is not None:
        body.append("<p>" + escape(_("Round {year} counts items dated {start} to {end}; rules in force on {day}.").format(
            year=standing.round_year, start=format_date(standing.window_start, "iso"),
            end=format_date(standing.window_end, "iso"), day=format_date(standing.assessed_on, "iso"))) + "</p>")
    if not standing.available:
        label = escape(_("Not available:"))
        body.append(f'<p style="color:{_RED}"><b>{label}</b> '
                    f"{escape(standing.unavailable_reason or '')}</p>")
        body.append(sources_table([s for d in decisions[:1] for s in d.sources]))
        return "".join(body)
    body.append(f"<p>{escape(str(policy.items.describe))}</p>")
    if policy.attachments:
        items = "".join(f"<li>{escape(str(text))}</li>" for text in policy.attachments)
        title = escape(_("Attachments to a claim"))
        body.append(f"<h4>{title}</h4><ul>{items}</ul>")
    body.append(_unverified_note(standing.verified))
    return "".join(body)


def overview_html() -> str:
    return "<p>" + escape(_("Choose a policy or an item above to see its reasons and sources in full.")) + "</p>"
