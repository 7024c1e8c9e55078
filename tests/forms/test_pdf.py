"""The application PDF: text extracted by poppler, fonts embedded, pages A4 landscape, a page rendered."""

from __future__ import annotations

import pytest

from zgc_desk.demo import FIRM_A
from zgc_desk.forms.application import cn_money
from zgc_desk.services.documents import fill_application
from zgc_desk.services.subsidies import check

from .conftest import AS_OF, claim_round, pdf_fonts, pdf_pages, pdf_text, render_png

POLICIES = ["invention_grant", "overseas_grant", "madrid_trademark"]


def _squeeze(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("policy", POLICIES)
def test_pdf_shows_the_firm_and_every_claimed_number(code_a, tmp_path, policy):
    year = claim_round(code_a, policy)
    path = fill_application(code_a, policy, year, tmp_path / f"{policy}.pdf", AS_OF)
    text = _squeeze(pdf_text(path))
    result = check(AS_OF, year, firm=code_a, policies=[policy])
    eligible = [d for d in result.decisions if d.eligible]
    assert eligible
    assert FIRM_A in text and code_a in text
    for decision in eligible:
        assert _squeeze(decision.matter) in text
        assert cn_money(decision.amount_cny) in text
        if decision.item.grant_no:
            assert decision.item.grant_no in text
    assert cn_money(result.totals[code_a].per_policy[policy]) in text
    assert "金额待核实" in text  # the demo's amounts are illustrative
    assert "本单位郑重承诺" in text and "附件清单" in text


def test_fonts_are_embedded_truetype_and_pages_are_numbered(code_a, tmp_path):
    path = fill_application(code_a, "invention_grant", claim_round(code_a, "invention_grant"), tmp_path / "f.pdf",
                            AS_OF)
    fonts = pdf_fonts(path)
    assert fonts
    assert all(font["emb"] == "yes" for font in fonts), fonts
    assert all("TrueType" in font["line"] for font in fonts), fonts
    assert any("DroidSansFallback" in font["name"] for font in fonts)
    pages = pdf_pages(path)
    assert len(pages) >= 2
    assert all(size.startswith("841.89 x 595.27") for size in pages)  # A4 landscape
    text = pdf_text(path)
    assert f"第1页共{len(pages)}页" in _squeeze(text)
    assert text.count(FIRM_A) >= len(pages)  # the firm's name heads every page


def test_a_rendered_page_is_a_real_image(code_a, tmp_path):
    path = fill_application(code_a, "invention_grant", claim_round(code_a, "invention_grant"), tmp_path / "f.pdf",
                            AS_OF)
    png = render_png(path, tmp_path)
    data = png.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 10_000


def test_no_eligible_item_is_refused_unless_asked(code_a, tmp_path):
    from zgc_desk.services.documents import NothingToClaim

    target = tmp_path / "empty.pdf"
    with pytest.raises(NothingToClaim) as caught:
        fill_application(code_a, "invention_grant", 2026, target, AS_OF)
    assert "2026" in str(caught.value) and not target.exists()
    fill_application(code_a, "invention_grant", 2026, target, AS_OF, allow_empty=True)
    text = _squeeze(pdf_text(target))
    assert "本政策在2026年度不予受理申报" in text and "国知发保字〔2021〕1号" in text


def test_progress_is_reported_to_the_window(code_a, tmp_path):
    from zgc_desk.services.documents import session_report

    calls = []
    fill_application(code_a, "invention_grant", claim_round(code_a, "invention_grant"), tmp_path / "f.xlsx", AS_OF,
                     progress=lambda done, total: calls.append((done, total)))
    assert calls[0] == (0, 3) and calls[-1] == (3, 3)
    calls.clear()
    session_report(code_a, tmp_path / "r.pdf", AS_OF, progress=lambda done, total: calls.append((done, total)))
    assert calls[0] == (0, 4) and calls[-1] == (4, 4)
    assert [done for done, _total in calls] == sorted(done for done, _total in calls)
