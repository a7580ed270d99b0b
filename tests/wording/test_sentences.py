"""Result sentences read as a Vietnamese review writes them (every shipped study, and hand-made cases)."""

from __future__ import annotations

import re

import pytest

from analysis import assess, assess_all, load_observations, load_study, study_ids
from analysis.wording.sentences import clean_request, expand_abbreviations, statement

from conftest import make_obs, make_study, make_target

_CODES = re.compile(
    r"\b(?:merged2025|pre2025|unknown|estimate|secondary|preliminary|official|boundary_\w+|"
    r"published_average|lower_bound|other_boundary|conflicting_sources|not_met|no_data|"
    r"basically_met|insufficient)\b"
)
_FORBIDDEN = [
    (re.compile(r"\d\.(?:\d{1,2}|\d{4,})(?!\d)"), "dot decimal"),  # "6.5", not "6.900"
    (re.compile(r"\bngành [A-F]\b"), "'ngành C'"),
    (re.compile(r"VSIC"), "VSIC"),
    (re.compile(r"\b15\+"), "15+"),
    (_CODES, "program code"),
    (re.compile(r"^(?:Trong đó|trong đó)"), "starts with 'Trong đó'"),
    (re.compile(r"\(B\s*[-–]\s*F\)"), "(B-F)"),
]


def check_language(sentence: str, target_text: str | None) -> list[str]:
    """Every forbidden form in a sentence, and a target value outside brackets."""
    problems = [why for rx, why in _FORBIDDEN if rx.search(sentence)]
    for m in re.finditer(re.escape(target_text), sentence) if target_text else []:
        before = sentence[: m.start()]
        if before.count("(") <= before.count(")"):
            problems.append(f"target value {target_text!r} not in brackets")
    return problems


@pytest.fixture(scope="module")
def all_statements():
    obs = load_observations()
    out = []
    for sid in study_ids():
        st = load_study(sid)
        for a in assess_all(obs, st):
            out.append((sid, a, statement(a)))
    return out


def test_every_shipped_sentence_passes_the_language_test(all_statements):
    def target_text(a):
        return a.target.text_vi() if a.target.numeric else None

    bad = {
        f"{sid} {a.target.id}": (s, check_language(s, target_text(a)))
        for sid, a, s in all_statements
        if check_language(s, target_text(a))
    }
    assert bad == {}


@pytest.mark.parametrize(
    "kind,lo,hi,tol,value,words",
    [
        ("about", 36, 37, 0.5, 35.0, "thấp hơn mục tiêu (khoảng 36–37%)"),
        ("about", 36, 37, 0.5, 35.6, "cơ bản đạt mục tiêu (khoảng 36–37%)"),
        ("above", 63, float("nan"), 0, 69.8, "vượt mục tiêu (trên 63%)"),
        ("at_most", float("nan"), 30, 0, 31.0, "cao hơn mục tiêu (tối đa 30%)"),
    ],
)
def test_templates_by_verdict(vocab_root, kind, lo, hi, tol, value, words):
    t = make_target(kind=kind, lower=lo, upper=hi, about_tolerance=tol, exceed_margin=1.0)
    rows = [("share_industry", "2025", value, "pre2025", "estimate", "current", "percent")]
    s = statement(assess(t, make_obs(rows), make_study([t], vocab_root)))
    assert words in s and "năm 2025 ước chiếm" in s and check_language(s, t.text_vi()) == []


def test_other_territory_is_named_as_the_study_writes_it(vocab_root):
    t = make_target()
    rows = [("share_industry", "2025", 36.5, "unknown", "official", "current", "percent")]
    s = statement(assess(t, make_obs(rows), make_study([t], vocab_root)))
    assert "chưa rõ số liệu của tỉnh" in s and "(cũ) hay tỉnh" in s


def test_no_data_sentence_asks_the_agency():
    t = make_target(
        wording_vi="Trong đó khu vực công nghiệp, xây dựng khoảng 30-32%",
        data_from="Thống kê tỉnh",
        data_needed="Niên giám thống kê: lao động 15+ đang làm việc phân theo ngành kinh tế (B-F), 2025",
    )
    from analysis.assessment.verdicts import Assessment

    s = statement(Assessment(t, "no_data"))
    assert not s.startswith(("Trong đó", "trong đó")) and "đề nghị Thống kê tỉnh cung cấp" in s
    assert check_language(s, t.text_vi()) == []


def test_abbreviations_in_full_on_first_use():
    seen: set[str] = set()
    a = expand_abbreviations("Tỷ lệ KCN có XLNT đạt chuẩn", seen)
    b = expand_abbreviations("Các KCN khác", seen)
    assert a == "Tỷ lệ khu công nghiệp (KCN) có xử lý nước thải (XLNT) đạt chuẩn" and b == "Các KCN khác"
    assert clean_request("lao động 15+ (B-F), ngành cấp 2 VSIC C10-C33") == (
        "lao động từ 15 tuổi trở lên (gồm công nghiệp và xây dựng), ngành cấp 2 thuộc ngành công nghiệp chế biến, chế tạo"
    )


def test_program_notation_becomes_words_and_keeps_its_meaning():
    assert clean_request("GRDP theo giá hiện hành, ngành C, 2025") == (
        "GRDP theo giá hiện hành, ngành công nghiệp chế biến, chế tạo, 2025"
    )
    assert clean_request("GRDP giá so sánh, ngành C (công nghiệp chế biến, chế tạo), 2020–2025") == (
        "GRDP giá so sánh, ngành công nghiệp chế biến, chế tạo, 2020–2025"
    )
    assert clean_request("GRDP theo ngành cấp 2 VSIC C10-C33 theo giá hiện hành") == (
        "GRDP theo ngành cấp 2 thuộc ngành công nghiệp chế biến, chế tạo theo giá hiện hành"
    )
    assert clean_request("lao động công nghiệp (B-E)") == (
        "lao động công nghiệp (gồm khai khoáng, chế biến chế tạo, điện, nước và xử lý chất thải)"
    )
    assert clean_request("cơ cấu theo ngành kinh tế (B, C, D, E), 2025") == (
        "cơ cấu theo ngành kinh tế (gồm khai khoáng, chế biến chế tạo, điện, nước và xử lý chất thải), 2025"
    )
    assert clean_request("ngành (A, F)") == "ngành (gồm nông nghiệp, lâm nghiệp và thủy sản; xây dựng)"
    assert clean_request("giá trị ngành A và (D-E)") == (
        "giá trị ngành nông nghiệp, lâm nghiệp và thủy sản và (từ ngành sản xuất và phân phối điện, khí đốt, nước "
        "nóng, hơi nước và điều hòa không khí đến ngành cung cấp nước; hoạt động quản lý và xử lý rác thải, nước thải)"
    )


def test_the_deciding_figure_is_quoted_with_the_qualifier_the_source_printed(vocab_root):
    """A share published as "hơn 36,5%" is written "hơn 36,5%" in the sentence, not as an exact 36,5%."""
    t = make_target()  # "khoảng 36–37%" in 2025
    obs = make_obs([("share_industry", "2025", 36.5, "pre2025", "official", "current", "percent")])
    exact = assess(t, obs, make_study([t], vocab_root)).statement_vi()
    obs.loc[0, "qualifier"] = "lower_bound"
    bound = assess(t, obs, make_study([t], vocab_root)).statement_vi()
    assert " 36,5%" in exact and "hơn 36,5%" not in exact
    assert "chiếm hơn 36,5%" in bound
