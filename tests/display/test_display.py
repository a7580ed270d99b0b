"""HTML displays: escaped text, house colours, Vietnamese notation, units, determinism (synthetic data)."""

from __future__ import annotations

import math
import re

from analysis import assess, load_study, scorecard, select_best, styled_scorecard
from analysis.core.vocabulary import Band, Boundary, PriceBasis, Status, Verdict
from analysis.display.blocks import HTML, num_vi
from analysis.display.cards import VIEWS, html_view
from analysis.display.svg import series_svg, trajectory_svg

from conftest import SYN_PROVINCE, make_obs, make_study, make_target

NASTY = "<script>alert('x')</script> & \"quotes\""


def _no_raw_markup(html: str) -> None:
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert not re.search(r"0x[0-9a-fA-F]{6,}", html)  # no memory addresses
    assert not re.search(r"\sid=", html)  # no element ids (random in other renderers)


def _obs(vocab_root, rows):
    return make_obs(rows, root=vocab_root)


def test_numbers_in_vietnamese_notation():
    assert num_vi(718415.0, "persons") == "718.415"
    assert num_vi(11.4, "percent_per_year") == "11,4"
    assert num_vi(1234.5, "mn_USD") == "1.234" or num_vi(1234.5, "mn_USD") == "1.235"
    assert num_vi(0.25) == "0,25" and num_vi(12345.0) == "12.345" and num_vi(2.0) == "2"
    assert num_vi(math.nan, "percent") == "–" and num_vi(None) == "–"


def test_target_card_shows_wording_bounds_unit_period_and_escapes(vocab_root):
    t = make_target(wording_vi=f"Tỷ trọng {NASTY}", definition="VSIC B–E <over> GRDP", data_from="Cục Thống kê & Sở")
    html = html_view(t)
    _no_raw_markup(html)
    for text in ("khoảng 36–37%", "Tỷ trọng", "&lt;over&gt;", "Cục Thống kê &amp; Sở", "2025", "±0,5 điểm %"):
        assert text in html
    assert "Giả định khác tệp chỉ tiêu" not in html
    changed = html_view(t.with_(about_tolerance=1.0))
    assert "Giả định khác tệp chỉ tiêu" in changed and "±1 điểm % thay vì ±0,5 điểm %" in changed


def test_evidence_shows_chosen_value_and_every_candidate_with_its_role(vocab_root):
    obs = _obs(
        vocab_root,
        [
            ("employed_industry", "2023", 718415.0, "pre2025", "official", "na", "persons"),
            ("employed_industry", "2023", 718400.0, "pre2025", "estimate", "na", "persons"),
            ("employed_industry", "2023", 650000.0, "merged2025", "secondary", "na", "persons"),
        ],
    )
    obs.loc[1, "source_ref"] = NASTY
    obs.loc[0, "source_url"] = "https://example.invalid/a?b=1&c=2"
    ev = select_best(obs, "employed_industry", "2023", province=SYN_PROVINCE)
    html = html_view(ev)
    _no_raw_markup(html)
    assert "718.415 người" in html  # chosen, with its unit
    for obs_id in obs["obs_id"]:
        assert obs_id in html
    roles = dict(zip(ev.candidates["obs_id"], ev.candidates["role"], strict=True))
    assert roles["S000"] == "chosen" and "được chọn" in html
    assert ("mâu thuẫn" in html) == ("conflict" in roles.values())
    assert Status.OFFICIAL.vi in html and Status.SECONDARY.vi in html and "tỉnh mới (từ 01/7/2025)" in html
    assert 'href="https://example.invalid/a?b=1&amp;c=2"' in html
    assert html == html_view(select_best(obs, "employed_industry", "2023", province=SYN_PROVINCE))


def test_unknown_boundary_and_unknown_price_basis_have_their_own_labels(vocab_root):
    obs = _obs(vocab_root, [("share_industry", "2024", 30.0, "unknown", "estimate", "unknown", "percent")])
    html = html_view(select_best(obs, "share_industry", "2024", province=SYN_PROVINCE))
    assert Boundary.UNKNOWN.vi in html and PriceBasis.UNKNOWN.vi in html


def test_missing_evidence_says_so(vocab_root):
    obs = _obs(vocab_root, [("share_industry", "2024", 30.0, "pre2025", "official", "current", "percent")])
    html = html_view(select_best(obs, "share_industry", "2025", province=SYN_PROVINCE))
    assert "Chưa có số liệu" in html


def test_assessment_card_has_badge_value_target_sentence_evidence_and_trajectory(vocab_root):
    t = make_target(wording_vi=f"Tỷ trọng thử {NASTY}")
    rows = [
        ("share_industry", str(y), v, "pre2025", "official", "current", "percent")
        for y, v in zip(range(2020, 2026), [30.0, 31.0, 32.5, 33.8, 35.0, 36.4], strict=True)
    ]
    a = assess(t, _obs(vocab_root, rows), make_study([t], vocab_root))
    html = html_view(a)
    _no_raw_markup(html)
    assert Verdict(a.status).colour in html and Verdict(a.status).vi in html
    assert "36,4%" in html and "khoảng 36–37%" in html
    assert "Lộ trình theo năm" in html and "2023" in html
    bands = set(a.trajectory["band"])
    assert any(Band(b).colour in html for b in bands)
    assert a.statement_vi().split(" (")[0].replace("'", "&#x27;").replace("<", "&lt;")[:20] in html
    assert html == html_view(a)  # deterministic


def test_assessment_with_what_if_names_the_assumption_in_html(vocab_root):
    t = make_target()
    obs = _obs(vocab_root, [("share_industry", "2025", 35.2, "pre2025", "estimate", "current", "percent")])
    st = make_study([t], vocab_root)
    html = html_view(assess(t.with_(about_tolerance=1.0), obs, st))
    assert "Giả định khác tệp chỉ tiêu: dung sai &#x27;khoảng&#x27; ±1 điểm % thay vì ±0,5 điểm %." in html


def test_styled_scorecard(project, store):
    st = load_study("syn-study", project)
    card = scorecard(store, st)
    long_text = "Biểu " + " ".join(f"số {i}" for i in range(60)) + " " + NASTY
    card.loc[0, "data_needed"] = long_text
    html = styled_scorecard(card)
    assert isinstance(html, HTML) and html._repr_html_() == str(html)
    _no_raw_markup(html)
    assert "Đơn vị" in html and "%/năm" in html  # a unit column
    for v in set(card["verdict"]):
        assert Verdict(v).colour in html and Verdict(v).vi in html
    for y in st.reporting_years:
        assert f">{y}</th>" in html
    growth = card[card["unit"] == "percent_per_year"].iloc[0]
    assert num_vi(growth["actual"], "percent_per_year") in html and "," in num_vi(growth["actual"], "percent_per_year")
    assert long_text.split(" <")[0] in html  # full text, not cut
    assert "white-space:normal" in html
    assert html == styled_scorecard(card)
    assert repr(html).startswith("<HTML: ")


def test_charts_are_deterministic_svg(vocab_root):
    t = make_target()
    rows = [
        ("share_industry", str(y), v, "pre2025", "official", "current", "percent")
        for y, v in zip(range(2020, 2026), [30.0, 31.0, 32.5, 33.8, 35.0, 36.4], strict=True)
    ]
    a = assess(t, _obs(vocab_root, rows), make_study([t], vocab_root))
    svg = trajectory_svg(t, a.trajectory)
    assert svg.startswith("<svg") and svg.endswith("</svg>") and svg == trajectory_svg(t, a.trajectory)
    assert "36,4" in svg and "2025" in svg
    assert series_svg([], [2020, 2021]) == ""
    assert series_svg([(2020, math.nan, "#000", "")], [2020]) == ""


def test_views_registered_with_ipython_by_type_name(vocab_root):
    """The package registers the cards with IPython's HTML formatter by (module, class) name: the domain
    types carry no display code, and the names registered are those of the real classes."""
    from IPython.core.formatters import HTMLFormatter

    import analysis

    fmt = HTMLFormatter()
    assert analysis.register_html_views(fmt)
    t = make_target()
    assert not hasattr(t, "_repr_html_")
    assert fmt(t) == html_view(t)
    for module, name in analysis.HTML_VIEW_TYPES:
        cls = next(c for c in VIEWS if c.__name__ == name)
        assert cls.__module__ == module
