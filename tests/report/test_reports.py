"""Outputs an official can use as they are: printable workbook, Word draft, briefing deck, figures, preview.

Everything is checked programmatically on a synthetic project (tests/conftest.py) with a
published-figures file added here: page setup, fonts, margins, row heights, print titles,
footer, Vietnamese number formats, no internal code in any text, byte-identical rewrites,
the outline's order, one slide per figure with notes.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from analysis import briefing, build_observations, load_study, scorecard
from analysis import briefing as bf
from analysis.assessment.verdicts import assess_all
from analysis.briefing.style import renderer_of, save_figure
from analysis.core.vocabulary import Boundary, PriceBasis, Status, Verdict
from analysis.report.deck import write_pptx
from analysis.report.ooxml import FIXED_DATE, ZIP_DATE
from analysis.report.word import write_docx
from analysis.report.word_layout import FONT as DOCX_FONT
from analysis.report.word_layout import MARGINS_MM
from analysis.report.workbook import write_workbook
from analysis.report.workbook_sheets import SHEET_NAMES
from analysis.report.workbook_style import BODY_PT, estimate_lines
from analysis.report.workbook_style import FONT as XLSX_FONT
from analysis.sources.published_figures import PUBLISHED_COLUMNS
from analysis.studies.study import study_ids
from analysis.wording.labels import FLAG_VI, METHOD_VI, ROLE_VI, flag_sentences
from analysis.wording.text import yearly_entries

from conftest import (
    MANIFEST_HEADER,
    SYN_PROVINCE,
    make_synthetic_project,
    read_csv_grid,
    target_row,
    write_csv_grid,
    write_study,
)

PUBLISHED_HEADER = list(PUBLISHED_COLUMNS)  # the published-figure columns as the data guide lists them
#: internal codes that must never reach a document (flag, method and role codes included)
CODES = sorted(
    {
        *Status.codes(),
        *Verdict.codes(),
        *Boundary.codes(),
        *PriceBasis.codes(),
        *FLAG_VI,
        *METHOD_VI,
        *ROLE_VI,
        "boundary_unknown",
        "published_average",
    }
    - {"", "na"}
)
_CODE_RX = re.compile(r"(?<![\w/.-])(" + "|".join(re.escape(c) for c in CODES) + r")(?![\w/.-])")


def _add_published(root: Path) -> list[list[str]]:
    """A published-figures file: an estimate of the merged province, a lower bound, a period total, an estimate."""
    rows = [
        [
            "P1",
            "share_industry_services",
            "2025",
            "72.5",
            "percent",
            "unknown",
            "merged2025",
            "estimate",
            "2025-09-11",
            "Báo Thử Nghiệm",
            "http://example.invalid/bai-1",
            "tỷ trọng công nghiệp - dịch vụ đạt 72,5%",
            "",
        ],
        [
            "P2",
            "investment_registered",
            "2022",
            "125",
            "mn_USD",
            "na",
            "pre2025",
            "secondary",
            "2023",
            "Tạp chí Thử",
            "http://example.invalid/bai-2",
            "thu hút hơn 125 triệu USD",
            "lower bound ('hơn')",
        ],
        [
            "P3",
            "investment_registered",
            "2021-2025",
            "5600",
            "mn_USD",
            "na",
            "unknown",
            "secondary",
            "2025-10-01",
            "Cổng thông tin Thử",
            "http://example.invalid/bai-3",
            "tổng vốn thu hút 5,6 tỷ USD",
            "",
        ],
        [
            "P4",
            "investment_registered",
            "2024",
            "900",
            "mn_USD",
            "na",
            "pre2025",
            "estimate",
            "2024-12-20",
            "Báo Thử Nghiệm",
            "http://example.invalid/bai-4",
            "năm 2024 ước thu hút 900 triệu USD",
            "",
        ],
    ]
    raw = root / "data" / "raw"
    write_csv_grid(raw / "published_figures.csv", [PUBLISHED_HEADER] + rows)
    manifest = read_csv_grid(raw / "manifest.csv")
    assert manifest[0] == MANIFEST_HEADER
    line = dict.fromkeys(MANIFEST_HEADER, "") | {
        "id": "pub",
        "kind": "published",
        "file": "published_figures.csv",
        "province": SYN_PROVINCE,
        "note": "synthetic published figures",
    }
    write_csv_grid(raw / "manifest.csv", manifest + [[line[c] for c in MANIFEST_HEADER]])
    return rows


REPORT_TOML = (
    '[resolution]\nname_vi = "Nghị quyết thử số 1"\nsection_vi = "mục 2"\n'
    '[report]\nsection_vi = "I. KẾT QUẢ THỬ"\nheading_vi = "1. Kết quả thực hiện các chỉ tiêu thử"\n'
    'recipient_vi = "Sở Thử Nghiệm"\n'
)


@pytest.fixture(scope="module")
def rep(tmp_path_factory):
    """A synthetic project with a study whose outline items are out of id order, every kind of target and figures."""
    root = make_synthetic_project(tmp_path_factory.mktemp("reports") / "proj")
    published = _add_published(root)
    write_study(
        root / "data" / "raw",
        "syn-rep",
        SYN_PROVINCE,
        [
            target_row(
                id="R3",
                order=1,
                outline_item=1,
                outline_vi="Cơ cấu kinh tế thử",
                indicator="share_industry_services",
                kind="above",
                lower=70,
                unit="percent",
                measure="final_year_share",
                base_year=2020,
                target_year=2025,
            ),
            target_row(
                id="R1",
                order=2,
                outline_item=1,
                outline_vi="Cơ cấu kinh tế thử",
                indicator="share_industry",
                kind="about",
                lower=36,
                upper=37,
                unit="percent",
                measure="final_year_share",
                base_year=2020,
                target_year=2025,
                about_tolerance=0.5,
            ),
            target_row(
                id="R2",
                order=3,
                outline_item=2,
                outline_vi="Tăng trưởng công nghiệp thử",
                indicator="va_industry_avg_growth",
                level_indicator="va_industry",
                annual_indicator="va_industry_growth",
                kind="range",
                lower=6,
                upper=7,
                unit="percent_per_year",
                measure="period_avg_growth",
                base_year=2020,
                target_year=2025,
            ),
            target_row(
                id="R5",
                order=4,
                outline_item=3,
                outline_vi="Thu hút đầu tư thử",
                indicator="investment_registered",
                kind="about",
                lower=5000,
                upper=6000,
                unit="mn_USD",
                measure="cumulative_sum",
                base_year=2021,
                target_year=2025,
                about_tolerance=250,
            ),
            target_row(
                id="R4",
                order=5,
                outline_item=3,
                outline_vi="Thu hút đầu tư thử",
                indicator="wastewater_rate",
                kind="at_least",
                lower=92,
                unit="percent",
                measure="final_year_share",
                base_year=2020,
                target_year=2025,
                data_needed="Báo cáo môi trường thử",
                data_from="Sở Môi trường Thử",
            ),
        ],
        extra=REPORT_TOML,
    )
    obs = build_observations(root)
    st = load_study("syn-rep", root)
    card = scorecard(obs, st)
    figs = {
        "01_growth": bf.fig_growth(obs, st, card, briefing.targets_of(st, "growth")),
        "02_structure": bf.fig_shares(card, st, briefing.targets_of(st, "structure"), "Cơ cấu thử"),
        "04_investment": bf.fig_flows(obs, st, card, briefing.targets_of(st, "investment")),
        "05_scorecard": bf.fig_scorecard(card, st),
    }
    pngs = [save_figure(f, name, root=root, study=st)["png"] for name, f in figs.items()]
    out = root / "out"
    paths = {
        "xlsx": write_workbook(card, obs, st, path=out / "r.xlsx"),
        "docx": write_docx(card, obs, st, path=out / "r.docx"),
        "pptx": write_pptx(card, obs, st, path=out / "r.pptx"),
    }
    return {"root": root, "obs": obs, "st": st, "card": card, "paths": paths, "pngs": pngs, "figs": figs, "published": published}


def _texts(path: Path) -> list[str]:
    """Every text node of every XML part of an OOXML file, addresses removed."""
    out = []
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.endswith((".xml", ".rels", ".vml")):
                xml = z.read(name).decode("utf-8")
                out += [re.sub(r"https?://\S+", "", t) for t in re.findall(r">([^<>]+)<", xml)]
    return out


# ---------------------------------------------------------------------------------------------------------
# all three documents
# ---------------------------------------------------------------------------------------------------------
def test_scenario_exercises_what_the_documents_must_show(rep):
    card = rep["card"]
    flags = "; ".join(card["flags"].fillna(""))
    assert "other_boundary_values" in flags and "derived" in flags  # caveats to translate
    assert (card["verdict"] == Verdict.NO_DATA.value).any()  # an annex row
    assert any(s == "estimate" for e in card["yearly_status"] for s, _ in yearly_entries(e).values())


@pytest.mark.parametrize("kind", ["xlsx", "docx", "pptx"])
def test_no_internal_code_in_any_text(rep, kind):
    hits = sorted({m.group(1) for t in _texts(rep["paths"][kind]) for m in _CODE_RX.finditer(t)})
    assert hits == [], f"internal codes in the {kind}: {hits}"


@pytest.mark.parametrize("kind", ["xlsx", "docx", "pptx"])
def test_written_byte_identically_with_fixed_dates(rep, kind, tmp_path):
    st, card, obs = rep["st"], rep["card"], rep["obs"]
    writer = {"xlsx": write_workbook, "docx": write_docx, "pptx": write_pptx}[kind]
    kw = {"figures": rep["pngs"]} if kind == "pptx" else {}
    a = writer(card, obs, st, path=tmp_path / f"a.{kind}", **kw).read_bytes()
    b = writer(card, obs, st, path=tmp_path / f"b.{kind}", **kw).read_bytes()
    assert a == b
    with zipfile.ZipFile(tmp_path / f"a.{kind}") as z:
        names = z.namelist()
        assert names[0] == "[Content_Types].xml"
        assert names[1:] == sorted(names[1:], key=lambda n: (n != "_rels/.rels", n))
        assert {i.date_time for i in z.infolist()} == {ZIP_DATE}
        core = z.read("docProps/core.xml").decode()
        assert re.findall(r"<dcterms:(?:created|modified)[^>]*>([^<]*)<", core) == [FIXED_DATE, FIXED_DATE]
    assert not list(tmp_path.glob(".tmp-*"))  # atomic: no temporary left


# ---------------------------------------------------------------------------------------------------------
# workbook
# ---------------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def wb(rep):
    return openpyxl.load_workbook(rep["paths"]["xlsx"])


def test_workbook_print_setup_on_every_sheet(rep, wb):
    assert wb.sheetnames == list(SHEET_NAMES) == ["Mục I", "Nguồn", "Cần số liệu"]
    for ws in wb.worksheets:
        ps = ws.page_setup
        assert (ps.orientation, str(ps.paperSize), ps.fitToWidth, ps.fitToHeight) == ("landscape", "9", 1, 0)
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_title_rows and ws.freeze_panes
        footer = ws.oddFooter
        assert footer.left.text == rep["st"].short_title_vi and footer.right.text == "Trang &P/&N"
        assert footer.left.font.startswith(XLSX_FONT) and footer.right.font.startswith(XLSX_FONT)
    assert wb["Mục I"].print_title_rows.replace("$", "") == "4:4"


def test_workbook_body_text_prints_at_nine_points_or_more(wb):
    """Calibrated on LibreOffice: 162,5 width units at 10 pt print one page wide at ≈ 9,6 pt."""
    assert BODY_PT >= 10
    for ws in wb.worksheets:
        total = sum(d.width for d in ws.column_dimensions.values() if d.width)
        assert total <= 170, f"{ws.title} is {total} units wide: body text would print under 9 pt"


def test_workbook_fonts_are_named_everywhere(rep, wb):
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None:
                    assert c.font.name == XLSX_FONT, (ws.title, c.coordinate, c.font.name)
    with zipfile.ZipFile(rep["paths"]["xlsx"]) as z:
        styles = z.read("xl/styles.xml").decode()
    assert set(re.findall(r'<name val="([^"]+)"', styles)) == {XLSX_FONT}
    assert "scheme" not in re.search(r"<fonts.*?</fonts>", styles, re.DOTALL).group(0)


def test_workbook_row_heights_fit_the_wrapped_text(wb):
    for ws in wb.worksheets:
        widths = {k: d.width for k, d in ws.column_dimensions.items()}
        merged = {r.min_row for r in ws.merged_cells.ranges}
        for row in ws.iter_rows(min_row=1):
            cells = [c for c in row if c.value is not None]
            if not cells:
                continue
            height = ws.row_dimensions[cells[0].row].height
            assert height, f"{ws.title} row {cells[0].row} has no height"
            if cells[0].row in merged:
                continue
            for c in cells:
                if isinstance(c.value, str) and c.alignment.wrap_text:
                    lines = estimate_lines(c.value, widths[c.column_letter], c.font.sz or BODY_PT, bool(c.font.b))
                    assert height >= lines * (c.font.sz or BODY_PT) * 1.2, (ws.title, c.coordinate, height, lines)


def _afm_widths(name: str) -> dict[str, int]:
    """Glyph widths of a standard PDF font from matplotlib's metrics files (independent of analysis.report.text_width)."""
    import matplotlib

    path = Path(matplotlib.get_data_path()) / "fonts" / "afm" / name
    out = {}
    for line in path.read_text(encoding="latin-1").splitlines():
        m = re.match(r"C (\d+) ; WX (\d+) ;", line)
        if m and 32 <= int(m.group(1)) <= 126:
            out[chr(int(m.group(1)))] = int(m.group(2))
    return out


_AFM = {
    ("Times New Roman", False): "ptmr8a.afm",
    ("Times New Roman", True): "ptmb8a.afm",
    ("Arial", False): "phvr8a.afm",
    ("Arial", True): "phvb8a.afm",
}


def lines_when_printed(text: str, width_units: float, size: float, font: str, bold: bool) -> int:
    """Lines LibreOffice needs for ``text`` in a column ``width_units`` wide, from the font's own metrics.

    The column prints 5,03 pt a unit, less 2 pt of margin each side; LibreOffice lays cells out at
    screen resolution, where glyphs run up to 5 % wider than nominal. Greedy wrap at spaces.
    """
    import unicodedata

    widths = _AFM_CACHE.setdefault((font, bold), _afm_widths(_AFM[(font, bold)]))

    def w(word: str) -> float:
        return sum(widths.get(unicodedata.normalize("NFD", c)[0], 500) for c in word) * size / 1000 * 1.05

    room, n = width_units * 5.03 - 4, 0
    for para in str(text).split("\n"):
        n += 1
        used = 0.0
        for word in para.split(" "):
            ww = w(word)
            if used and used + w(" ") + ww > room:
                n, used = n + 1, ww
            else:
                used += (w(" ") if used else 0) + ww
            while used > room:  # a word wider than the line is cut
                n, used = n + 1, used - room
    return n


_AFM_CACHE: dict = {}


def _cells_fit(ws, font: str, line_em: float = 1.15) -> int:
    """Assert every wrapped text cell's row is tall enough for its printed lines; returns cells checked."""
    widths = {k: d.width for k, d in ws.column_dimensions.items()}
    merged = {r.min_row for r in ws.merged_cells.ranges}
    checked = 0
    for row in ws.iter_rows(min_row=1):
        for c in row:
            if not (isinstance(c.value, str) and c.alignment.wrap_text) or c.row in merged:
                continue
            size = c.font.sz or 10
            lines = lines_when_printed(c.value, widths[c.column_letter], size, font, bool(c.font.b))
            height = ws.row_dimensions[c.row].height
            assert height >= lines * size * line_em + 2, (ws.title, c.coordinate, height, lines, c.value)
            checked += 1
    return checked


def test_every_wrapped_cell_fits_its_row_when_printed(wb):
    assert sum(_cells_fit(ws, XLSX_FONT) for ws in wb.worksheets) > 20


def test_line_estimate_counts_glyph_widths_and_line_breaks():
    """Capitals take more room than narrow letters of the same count; an explicit break starts a line."""
    wide, narrow = "W" * 60, "i" * 60
    assert estimate_lines(wide, 20) > estimate_lines(narrow, 20)
    assert estimate_lines(wide, 20) >= lines_when_printed(wide, 20, 10, XLSX_FONT, False)
    assert estimate_lines("a\nb\nc", 20) == 3
    assert estimate_lines("Sở Công Thương " * 8, 20, bold=True) >= lines_when_printed(
        "Sở Công Thương " * 8, 20, 10, XLSX_FONT, True
    )


def test_workbook_numbers_in_vietnamese_notation(wb):
    n = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, (int, float)) and not isinstance(c.value, bool):
                    assert c.number_format.startswith("[$-42A]"), (ws.title, c.coordinate, c.number_format)
                    n += 1
    assert n > 0


def test_every_yearly_value_shows_status_and_source(rep, wb):
    ws, card = wb["Mục I"], rep["card"]
    header = [c.value for c in ws[4]]
    src_col = header.index("Nguồn (năm: mã)") + 1
    rows = {ws.cell(row=r, column=1).value: r for r in range(5, ws.max_row + 1)}
    checked = 0
    for rec in card.to_dict("records"):
        r = rows[rec["target_id"]]
        for y, (status, oid) in yearly_entries(rec["yearly_status"]).items():
            cell = ws.cell(row=r, column=header.index(str(y)) + 1)
            assert cell.value is not None and cell.comment is not None
            assert oid in cell.comment.text and Status(status).vi in cell.comment.text
            assert f"{y}: {oid}" in ws.cell(row=r, column=src_col).value
            assert bool(cell.font.i) == (status in {"estimate", "secondary"})
            checked += 1
    assert checked
    legend = ws.cell(row=3, column=1).value
    assert "in nghiêng" in legend and Status.ESTIMATE.vi in legend


def test_lower_bound_is_shown_as_such(rep, wb):
    ws = wb["Nguồn"]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=1).value == "P2")
    assert ws.cell(row=row, column=4).number_format.startswith('[$-42A]">"')


def test_sources_sheet_lists_everything_shown_or_against_a_verdict(rep, wb):
    ws = wb["Nguồn"]
    listed = {ws.cell(row=r, column=1).value: r for r in range(2, ws.max_row + 1)}
    wanted = {e["obs_id"] for a in assess_all(rep["obs"], rep["st"]) for e in a.evidence}
    wanted |= {oid for s in rep["card"]["yearly_status"] for _, oid in yearly_entries(s).values()}
    assert wanted and wanted <= set(listed)
    header = [c.value for c in ws[1]]
    for fid, *_, published, publisher, url, excerpt, _note in rep["published"]:
        if fid in listed:
            values = [str(ws.cell(row=listed[fid], column=c).value or "") for c in range(1, len(header) + 1)]
            assert any(publisher in v for v in values) and any(url in v for v in values)
            assert any(excerpt in v for v in values)
            assert any(published.split("-")[0] in v for v in values)
    roles = " ".join(str(ws.cell(row=r, column=2).value) for r in listed.values())
    assert ROLE_VI["other_boundary"] in roles and ROLE_VI["used"] in roles


def test_data_needed_sheet_gives_caveats_as_sentences(rep, wb):
    ws = wb["Cần số liệu"]
    text = " ".join(str(c.value) for row in ws.iter_rows() for c in row if c.value is not None)
    flagged = rep["card"][rep["card"]["flags"].fillna("") != ""]
    for f in flagged["flags"]:
        for sentence in flag_sentences(f):
            assert sentence in text
    assert "Báo cáo môi trường thử" in text and "Sở Môi trường Thử" in text


def test_values_in_the_unit_the_target_is_written_in(rep, wb):
    """A target written in billion USD shows billions in the workbook (as the Word draft does), not millions."""
    from analysis.wording.text import display_unit, target_reference, value_text

    ws, card, st = wb["Mục I"], rep["card"], rep["st"]
    header = [c.value for c in ws[4]]
    rows = {ws.cell(row=r, column=1).value: r for r in range(5, ws.max_row + 1)}
    checked = 0
    for rec in card.to_dict("records"):
        ref = target_reference(st.target(rec["target_id"]))
        div, label = display_unit(rec["unit"], ref)
        r = rows[rec["target_id"]]
        assert ws.cell(row=r, column=header.index("Đơn vị") + 1).value == label
        cell = ws.cell(row=r, column=header.index("Giá trị kỳ đánh giá") + 1)
        if div != 1.0 and cell.value is not None:
            assert cell.value == pytest.approx(rec["actual"] / div)
            assert label in value_text(rec["actual"], rec["unit"], reference=ref)
            checked += 1
    assert checked, "the scenario has a target written in billion USD with a value"


def test_group_headings_are_a_number_then_the_title(rep, wb):
    ws = wb["Mục I"]
    heads = [
        (ws.cell(row=r, column=1).value, ws.cell(row=r, column=2).value)
        for r in range(5, ws.max_row + 1)
        if str(ws.cell(row=r, column=1).value or "").endswith(".")
    ]
    assert heads and all(not str(t).startswith(("-", " ")) for _, t in heads)


def test_sources_sheet_keeps_file_and_line_in_a_vietnamese_column(wb):
    header = [c.value for c in wb["Nguồn"][1]]
    col = header.index("Tệp dữ liệu gốc, dòng") + 1
    cells = [wb["Nguồn"].cell(row=r, column=col).value for r in range(2, wb["Nguồn"].max_row + 1)]
    assert any(c and ", dòng " in c for c in cells)
    for ws in (wb["Mục I"], wb["Cần số liệu"]):
        text = " ".join(str(c.value) for row in ws.iter_rows() for c in row if c.value is not None)
        assert "data/" not in text and ".csv" not in text and "sheet" not in text


def test_heading_never_printed_alone_at_a_page_bottom():
    """The page model sets a break before a heading whose first row would fall on the next page."""
    import openpyxl as ox

    from analysis.report.workbook_style import _keep_headings_with_rows, print_scale

    ws = ox.Workbook().active
    cap = 516 / print_scale(170) * 0.97
    heights = [20.0, 30.0] + [100.0] * int((cap - 50) // 100) + [15.0, 100.0, 100.0]
    heading = len(heights) - 2
    assert _keep_headings_with_rows(ws, heights, [heading], 2, 170) == [heading]
    assert [b.id for b in ws.row_breaks.brk] == [heading - 1]


# ---------------------------------------------------------------------------------------------------------
# Word draft
# ---------------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def doc(rep):
    import docx

    return docx.Document(str(rep["paths"]["docx"]))


def test_docx_page_and_fonts_follow_decree_30(rep, doc):
    from docx.shared import Mm

    sec = doc.sections[0]
    assert abs(sec.page_width - Mm(210)) < Mm(1) and abs(sec.page_height - Mm(297)) < Mm(1)
    top, bottom, left, right = (round(m / Mm(1)) for m in (sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin))
    assert (top, bottom, left, right) == MARGINS_MM
    assert 20 <= top <= 25 and 20 <= bottom <= 25 and 30 <= left <= 35 and 15 <= right <= 20
    normal = doc.styles["Normal"].font
    assert normal.name == DOCX_FONT and 13 <= normal.size.pt <= 14
    with zipfile.ZipFile(rep["paths"]["docx"]) as z:
        for part in ("word/styles.xml", "word/document.xml"):
            xml = z.read(part).decode()
            fonts = re.findall(r"<w:rFonts ([^>]*)/>", xml)
            assert all("Theme" not in f and "theme" not in f for f in fonts), part
            assert set(re.findall(r'w:(?:ascii|hAnsi|eastAsia|cs)="([^"]+)"', " ".join(fonts))) <= {DOCX_FONT}, part
            assert fonts or part == "word/document.xml", part  # runs inherit the styles' font


def test_docx_headings_in_outline_order_with_a_paragraph_per_target(rep, doc):
    card, st = rep["card"], rep["st"]
    heads = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert heads[:2] == [st.section("report")["section_vi"], st.section("report")["heading_vi"]]
    outline = list(dict.fromkeys(card["outline_vi"]))
    found = [h for h in heads if any(h.endswith(o) for o in outline)]
    assert [next(o for o in outline if h.endswith(o)) for h in found] == outline
    body = [p.text for p in doc.paragraphs]
    at = [next(i for i, t in enumerate(body) if rec["statement_vi"] in t) for rec in card.to_dict("records")]
    assert at == sorted(at)  # one paragraph per target, in the outline's order
    assert any(t.startswith("[1] ") for t in body)  # sources as a numbered list
    assert "Kính gửi: Sở Thử Nghiệm" in body


def test_docx_results_table_and_annex(rep, doc):
    card = rep["card"]
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    for rec in card.to_dict("records"):
        assert rec["target_vi"] in cells and rec["status"] in cells
    missing = card[card["verdict"] == Verdict.NO_DATA.value]
    for rec in missing.to_dict("records"):
        assert rec["data_needed"] in cells and rec["data_from"] in cells
    heads = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert any(h.startswith("Phụ lục") for h in heads)


def test_docx_rows_do_not_split_and_headers_repeat(doc):
    from docx.oxml.ns import qn
    from docx.shared import Mm

    from analysis.report.word_layout import STT_MM

    grids = [t for t in doc.tables if t.rows[0].cells[0].text == "STT"]
    assert grids
    for t in grids:
        assert t.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
        assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in t.rows)
        assert t.columns[0].width >= Mm(STT_MM - 0.1) and STT_MM >= 15  # twips round the width


# ---------------------------------------------------------------------------------------------------------
# briefing deck
# ---------------------------------------------------------------------------------------------------------
def test_deck_has_a_title_slide_and_one_slide_per_figure_with_notes(rep):
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    prs = Presentation(str(write_pptx(rep["card"], rep["obs"], rep["st"], path=rep["root"] / "out" / "d.pptx")))
    assert prs.slide_width * 9 == prs.slide_height * 16
    slides = list(prs.slides)
    assert len(slides) == 1 + len(rep["pngs"])  # default: every PNG in figures/<study>/
    title_text = " ".join(s.text_frame.text for s in slides[0].shapes if s.has_text_frame)
    assert rep["st"].short_title_vi in title_text and "Tình hình thực hiện các chỉ tiêu" in title_text
    for slide in slides[1:]:
        kinds = [s.shape_type for s in slide.shapes]
        assert kinds.count(MSO_SHAPE_TYPE.PICTURE) == 1
        texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
        assert texts[0] and "\n" not in texts[0]  # a one-line message
        assert any(t.startswith("Nguồn:") for t in texts)
        assert slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.strip()
    for slide in slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                assert all(r.font.name for p in shape.text_frame.paragraphs for r in p.runs)


def test_deck_messages_come_from_the_scorecard(rep):
    from analysis.report.deck import figure_message

    card, st = rep["card"], rep["st"]
    numeric = int((card["verdict"] != Verdict.QUALITATIVE.value).sum())
    assert f"/{numeric} chỉ tiêu định lượng" in figure_message("05_scorecard", card, st)
    msg = figure_message("02_structure", card, st)
    drawn = [t for t in briefing.targets_of(st, "structure") if t.unit == "percent"]  # what fig_shares draws
    assert msg.startswith("Cơ cấu kinh tế") and f"/{len(drawn)} chỉ tiêu định lượng" in msg


def test_deck_titles_count_verdicts_with_the_documents_words(rep, monkeypatch):
    """Slide titles say what verdict_counts_vi says (e.g. 'ước vượt'), never a count of their own."""
    import analysis.report.deck as rp

    monkeypatch.setattr(rp, "verdict_counts_vi", lambda rows: f"<{len(rows)} chỉ tiêu>")
    card, st = rep["card"], rep["st"]
    assert rp.figure_message("05_scorecard", card, st) == f"<{len(card)} chỉ tiêu>"
    for stem in ("01_growth", "02_structure", "04_investment"):
        assert rp.figure_message(stem, card, st).endswith(" chỉ tiêu>")


def test_deck_leaves_out_the_method_check_and_names_no_file(rep, tmp_path):
    from pptx import Presentation

    png = tmp_path / "06_method_check.png"
    png.write_bytes(Path(rep["pngs"][0]).read_bytes())
    path = write_pptx(rep["card"], rep["obs"], rep["st"], figures=[*rep["pngs"], png], path=tmp_path / "d.pptx")
    prs = Presentation(str(path))
    assert len(prs.slides) == 1 + len(rep["pngs"])
    texts = [s.text_frame.text for slide in prs.slides for s in slide.shapes if s.has_text_frame]
    texts += [slide.notes_slide.notes_text_frame.text for slide in prs.slides if slide.has_notes_slide]
    assert not [t for t in texts if re.search(r"data/|\.csv|sheet", t)]
    assert any("trang tính 'Nguồn'" in t for t in texts)


def test_deck_notes_list_the_targets_a_figure_does_not_draw(rep, monkeypatch):
    import analysis.report.deck as rp

    card, st = rep["card"], rep["st"]
    group = briefing.targets_of(st, "structure")
    assert len(group) >= 2
    hidden = group[0].id
    monkeypatch.setitem(rp.SHOWN, "structure", lambda t, voc: t.id != hidden)  # as if the figure left it out
    notes = rp._notes("02_structure", card, st)
    assert hidden in notes.split("không thể hiện trên biểu đồ")[1]
    assert f"/{len(group) - 1} chỉ tiêu định lượng" in rp.figure_message("02_structure", card, st)


def test_deck_source_line_lists_the_base_year_sources(rep):
    """A figure that draws only base-year values names their sources, marked as the base year."""
    from analysis.report.deck import _source_line

    card = rep["card"].copy()
    card[["yearly_status", "sources", "baseline_source", "baseline_status"]] = ""
    card["baseline"] = float("nan")
    i = card.index[0]
    card.loc[i, ["baseline", "baseline_status", "baseline_source"]] = [12.0, "estimate", "OBS-BASE"]
    line = _source_line("05_scorecard", card, rep["st"], {})
    assert "OBS-BASE" in line and "năm gốc" in line and Status.ESTIMATE.vi in line
    assert "chưa có số liệu công bố" not in line
    card.loc[i, "baseline"] = float("nan")
    assert "chưa có số liệu công bố" in _source_line("05_scorecard", card, rep["st"], {})


@pytest.mark.parametrize("kind", ["xlsx", "docx", "pptx"])
def test_document_properties_in_vietnamese_without_library_names(rep, kind):
    with zipfile.ZipFile(rep["paths"][kind]) as z:
        core = z.read("docProps/core.xml").decode()
        app = z.read("docProps/app.xml").decode() if "docProps/app.xml" in z.namelist() else ""
    for word in ("python-pptx", "python-docx", "openpyxl", "generated using"):
        assert word not in (core + app).lower(), (kind, word)
    st = rep["st"]
    title = re.search(r"<dc:title[^>]*>([^<]*)</dc:title>", core).group(1)
    description = re.search(r"<dc:description[^>]*>([^<]*)</dc:description>", core).group(1)
    assert st.short_title_vi in title and st.short_title_vi in description and "số liệu các năm" in description
    assert st.title_vi in re.search(r"<dc:subject[^>]*>([^<]*)</dc:subject>", core).group(1)
    creator = re.search(r"<dc:creator[^>]*>([^<]*)</dc:creator>|<dc:creator[^>]*/>", core)
    assert creator is None or not (creator.group(1) or "").strip()


def test_deck_takes_the_figures_given(rep, tmp_path):
    from pptx import Presentation

    path = write_pptx(rep["card"], rep["obs"], rep["st"], figures=rep["pngs"][:1], path=tmp_path / "one.pptx")
    assert len(Presentation(str(path)).slides) == 2


# ---------------------------------------------------------------------------------------------------------
# figures
# ---------------------------------------------------------------------------------------------------------
def _fig_texts(fig) -> list[str]:
    return [t.get_text() for t in fig.findobj(lambda o: hasattr(o, "get_text")) if t.get_text()]


@pytest.mark.parametrize("name", ["01_growth", "02_structure", "04_investment", "05_scorecard"])
def test_figures_vietnamese_only_notation_and_no_codes(rep, name):
    fig = rep["figs"][name]
    fig.canvas.draw()  # tick labels are formatted on drawing
    texts = _fig_texts(fig)
    assert not [t for t in texts if re.search(r"\d\.\d{1,2}(?!\d)", t)], "dot decimals on a figure"
    assert not [t for t in texts if _CODE_RX.search(t)], "internal codes on a figure"
    assert not [t for t in texts if "…" in t], "a label was cut"
    assert not [t for t in texts if re.search(r"\.(csv|xlsx|ipynb)\b|data/(raw|processed)", t)], "file names on a figure"


def test_scorecard_board_wraps_long_labels(rep):
    card = rep["card"].copy()
    card.loc[0, "target_vi"] = "Một chỉ tiêu có tên rất dài " * 6 + "đến hết câu"
    texts = _fig_texts(bf.fig_scorecard(card, rep["st"]))
    label = next(t for t in texts if t.startswith(card.loc[0, "target_id"]))
    assert label.replace("\n", " ").endswith("đến hết câu") and "\n" in label


def test_shares_figure_states_the_target_band_and_the_assumed_tolerance(rep):
    texts = " ".join(_fig_texts(rep["figs"]["02_structure"]))
    assert "mục tiêu" in texts and "dung sai 'khoảng' (giả định)" in texts
    assert "giả định của bộ công cụ" in texts and "±0,5 điểm %" in texts


def test_flows_and_totals_on_separate_panels(rep):
    fig = rep["figs"]["04_investment"]
    titles = [a.get_title(loc="left") for a in fig.axes if a.get_title(loc="left")]
    assert any("từng năm" in t for t in titles) and any("tổng kỳ" in t for t in titles)
    yearly = next(t for t in _fig_texts(fig) if t.startswith(">"))  # the lower bound, not shown as exact
    assert yearly == ">125 triệu USD"  # below 1 in the target's billion USD: kept in millions


def test_investment_panels_drawn_in_the_unit_the_target_is_written_in(rep):
    """A target written in billion USD (5–6 tỷ USD) is drawn on billion-USD axes, yearly and in total."""
    from analysis.wording.text import display_unit, target_reference

    st = rep["st"]
    t = next(t for t in briefing.targets_of(st, "investment") if t.measure == "cumulative_sum")
    div, label = display_unit(t.unit, target_reference(t))
    assert div == 1000 and label == "tỷ USD"
    fig = rep["figs"]["04_investment"]
    yearly = next(a for a in fig.axes if a.get_title(loc="left").startswith(f"{t.id} từng năm"))
    total = next(a for a in fig.axes if a.get_title(loc="left").startswith(f"{t.id} tổng kỳ"))
    assert f"({label})" in yearly.get_title(loc="left") and total.get_ylabel() == label
    assert yearly.get_ylim()[1] < t.upper / div and total.get_ylim()[1] < 2 * t.upper / div
    ticks = [x.get_text() for x in total.get_yticklabels()]
    assert all("." not in x for x in ticks), ticks  # no thousands: 5.000 would be millions


def test_small_values_keep_their_unit_in_every_document(rep, wb, doc):
    """One rule: a value below 1 in the target's unit is written in the store's unit (125 triệu USD)."""
    from analysis.wording.text import amount_text, shown_unit

    assert shown_unit(125, "mn_USD", 5000) == (1.0, "triệu USD") and shown_unit(5600, "mn_USD", 5000)[0] == 1000
    assert amount_text(125, "mn_USD", 5000) == "125 triệu USD" and amount_text(5600, "mn_USD", 6000) == "5,6 tỷ USD"
    ws = wb["Mục I"]
    header = [c.value for c in ws[4]]
    r = next(r for r in range(5, ws.max_row + 1) if ws.cell(row=r, column=1).value == "R5")
    cell = ws.cell(row=r, column=header.index("2022") + 1)
    assert cell.value == ">125 triệu USD" and cell.comment is not None and cell.alignment.wrap_text
    assert ws.cell(row=r, column=header.index("Đơn vị") + 1).value == "tỷ USD"
    words = " ".join(p.text for p in doc.paragraphs) + " ".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    assert "hơn 125 triệu USD" in words and "0,125" not in words


def test_value_of_another_territory_carries_a_note(rep):
    texts = " ".join(_fig_texts(rep["figs"]["02_structure"]))
    card = rep["card"]
    flagged = card[card["flags"].fillna("").str.contains("boundary|other_boundary") & card["actual"].notna()]
    if len(flagged):
        assert "Lưu ý:" in texts and "không so sánh trực tiếp" in texts.lower()


def test_series_marks_the_target_at_its_year_only(rep):
    st = rep["st"]
    fig = bf.fig_series(rep["obs"], st, list(st.targets), "Chuỗi thử")
    xs = {round(x) for line in fig.axes[0].lines if line.get_marker() == "D" for x in line.get_xdata()}
    assert xs == {st.target_year}


def _inside_canvas(fig) -> list[str]:
    """Texts (drawn, non-empty) whose extent leaves the canvas."""
    r, box = renderer_of(fig), fig.bbox
    fig.draw(r)
    out = []
    for t in fig.findobj(lambda o: hasattr(o, "get_window_extent") and hasattr(o, "get_text")):
        if t.get_text() and t.get_visible():
            e = t.get_window_extent(r)
            if e.x0 < box.x0 - 1 or e.x1 > box.x1 + 1 or e.y0 < box.y0 - 1 or e.y1 > box.y1 + 1:
                out.append(t.get_text())
    return out


@pytest.mark.parametrize("name", ["01_growth", "02_structure", "04_investment", "05_scorecard"])
def test_every_text_inside_the_canvas(rep, name):
    assert not _inside_canvas(rep["figs"][name])


def test_long_titles_and_verdicts_fit(rep):
    card = rep["card"].copy()
    longest = max((v.vi for v in Verdict), key=len)
    card["status"] = "ước " + longest
    fig = bf.fig_scorecard(card, "Một tiêu đề nghiên cứu rất dài " * 5)
    assert not _inside_canvas(fig)
    r = renderer_of(fig)
    ax = fig.axes[0]
    box = ax.patches[0].get_window_extent(r)
    label = next(t for t in ax.texts if t.get_text().replace("\n", " ") == "ước " + longest)
    e = label.get_window_extent(r)
    assert box.x0 <= e.x0 and e.x1 <= box.x1 and box.y0 <= e.y0 and e.y1 <= box.y1


def test_titles_are_vietnamese_only(rep):
    st = rep["st"]
    fig = bf.fig_shares(rep["card"], st, briefing.targets_of(st, "structure"), "Cơ cấu thử / Test structure")
    assert fig._suptitle.get_text() == "Cơ cấu thử"
    for f in rep["figs"].values():
        assert " / " not in f._suptitle.get_text()


def _ids_on(fig) -> str:
    return " ".join(_fig_texts(fig) + [t.get_text() for a in fig.axes for t in a.get_yticklabels()])


@pytest.mark.parametrize("group", ["growth", "structure", "labour", "investment"])
def test_every_numeric_target_of_a_theme_is_drawn_or_named(rep, group):
    st, card, obs = rep["st"], rep["card"], rep["obs"]
    targets = briefing.targets_of(st, group) or [t for t in st.targets if t.numeric]
    fig = {
        "growth": lambda: bf.fig_growth(obs, st, card, targets),
        "structure": lambda: bf.fig_shares(card, st, targets, "Thử"),
        "labour": lambda: bf.fig_series(obs, st, targets, "Thử"),
        "investment": lambda: bf.fig_flows(obs, st, card, targets),
    }[group]()
    fig.canvas.draw()
    text = _ids_on(fig)
    kinds = {"growth": {"period_avg_growth"}, "structure": None}
    drawn = [t for t in targets if kinds.get(group) is None or t.measure in kinds[group]]
    if group == "structure":
        drawn = [t for t in targets if t.unit == "percent"]
    assert drawn and all(re.search(rf"\b{t.id}\b", text) for t in drawn)


def test_investment_figure_draws_its_other_targets_with_units(rep):
    st = rep["st"]
    targets = briefing.targets_of(st, "investment")
    fig = bf.fig_flows(rep["obs"], st, rep["card"], targets)
    titles = " ".join(a.get_title(loc="left") for a in fig.axes)
    assert all(t.id in titles for t in targets)
    assert all(a.get_ylabel() for a in fig.axes if a.get_title(loc="left") and "từng năm" not in a.get_title(loc="left"))


def test_restating_targets_are_drawn_once(rep):
    st, card = rep["st"], rep["card"].copy()
    shares = [t for t in briefing.targets_of(st, "structure") if t.unit == "percent"]
    assert len(shares) >= 2
    before = bf.fig_shares(card, st, shares, "Thử").axes[0].get_yticklabels()
    card["restates"] = ""
    card.loc[card["target_id"] == shares[1].id, "restates"] = shares[0].id
    after = bf.fig_shares(card, st, shares, "Thử").axes[0].get_yticklabels()
    assert len(after) == len(before) - 1
    assert not any(t.get_text().startswith(shares[1].id) for t in after)
    board = " ".join(_fig_texts(bf.fig_scorecard(card, st))).replace("\n", " ")
    assert shares[1].id in board and f"trùng chỉ tiêu {shares[0].id}" in board


def test_base_year_value_shown_where_no_period_value(rep):
    from analysis.wording.vnformat import fmt_vn

    st, card = rep["st"], rep["card"].copy()
    t = next(t for t in briefing.targets_of(st, "structure") if t.unit == "percent")
    i = card.index[card["target_id"] == t.id][0]
    value = t.goal / 2
    card.loc[i, ["actual", "baseline", "baseline_status", "baseline_source"]] = [float("nan"), value, "estimate", "OBS-BASE"]
    card.loc[i, "decimals"] = "baseline:1"  # the new base-year value, printed to one decimal
    text = " ".join(_fig_texts(bf.fig_shares(card, st, [t], "Thử"))).replace("\n", " ")
    assert f"năm gốc {t.base_year}: {fmt_vn(value, 1)} ({Status.ESTIMATE.vi})" in text
    assert "OBS-BASE" in text and "chưa có số liệu" in text
    card.loc[i, "baseline_qualifier"] = "lower_bound"  # published as "hơn …"
    text = " ".join(_fig_texts(bf.fig_shares(card, st, [t], "Thử"))).replace("\n", " ")
    assert f"năm gốc {t.base_year}: hơn {fmt_vn(value, 1)} ({Status.ESTIMATE.vi})" in text


def test_no_data_label_keeps_off_the_target_marks(rep):
    st, card = rep["st"], rep["card"].copy()
    pct = [t for t in briefing.targets_of(st, "structure") if t.unit == "percent"]
    card.loc[card["target_id"].isin([t.id for t in pct]), ["actual", "baseline"]] = float("nan")
    fig = bf.fig_shares(card, st, pct, "Thử")
    fig.canvas.draw()
    ax, r = fig.axes[0], renderer_of(fig)
    labels = [a for a in ax.texts if a.get_text().startswith("chưa có số liệu")]
    assert len(labels) == len(pct)
    for a in labels:
        e = a.get_window_extent(r)
        x0, x1 = (ax.transData.inverted().transform(p)[0] for p in (e.p0, e.p1))
        t = pct[len(pct) - 1 - round(a.xy[1])]
        tol = t.about_tolerance if t.kind == "about" else 0.0
        lo, hi = (t.lower - tol, t.upper + tol) if t.kind in {"range", "about"} else (t.goal, t.goal)
        assert x1 < lo or x0 > hi, "a 'no data' label runs through the target mark"


def test_series_years_spread_even_without_data(rep, vocab_root):
    from conftest import make_study, make_target

    st = make_study([make_target(id="X1")], vocab_root)
    fig = bf.fig_series(rep["obs"].iloc[0:0], st, list(st.targets), "Thử")
    ax = fig.axes[0]
    lo, hi = ax.get_xlim()
    assert lo <= st.base_year - 0.4 and hi >= st.target_year + 0.4 and hi - lo < st.target_year - st.base_year + 2
    assert "chưa có số liệu" in " ".join(_fig_texts(fig))


# ---------------------------------------------------------------------------------------------------------
# preview
# ---------------------------------------------------------------------------------------------------------
def test_preview_without_libreoffice_says_what_to_install(rep, monkeypatch, capsys):
    from analysis.pipeline import libreoffice as pv

    monkeypatch.setattr(pv.shutil, "which", lambda name: None)
    assert pv.preview("syn-rep", rep["root"]) == []
    err = capsys.readouterr().err
    assert all(p in err for p in pv.PACKAGES)
    assert pv.main(["--root", str(rep["root"])]) == 0


def test_preview_renders_pages(rep):
    import os
    import shutil

    if os.environ.get("QN_INNER_TESTS") == "1":
        pytest.skip("rendering does not depend on the project's data: not repeated inside the add-a-table test")
    if not (shutil.which("soffice") and shutil.which("pdftoppm")):
        pytest.skip(
            "LibreOffice / poppler not installed (apt-get install libreoffice-calc libreoffice-writer "
            "libreoffice-impress poppler-utils)"
        )
    from analysis.pipeline.libreoffice import preview

    files = preview("syn-rep", rep["root"])
    pdfs = [f.name for f in files if f.suffix == ".pdf"]
    assert pdfs == ["bao-cao-muc-I-xlsx.pdf", "bao-cao-muc-I-docx.pdf", "trinh-chieu-pptx.pdf"]
    pages = [f for f in files if f.suffix == ".png"]
    assert pages and all(f.parent.name == "preview" and f.stat().st_size > 0 for f in pages)
    deck_pages = [f for f in pages if f.name.startswith("trinh-chieu-pptx-")]
    assert len(deck_pages) == 1 + len(rep["pngs"])


def test_investment_figure_labels_values_at_their_printed_decimals(rep):
    """A yearly flow and the period total keep the decimals their sources printed (900,5 not 901; 5.600,5)."""
    obs, st = rep["obs"].copy(), rep["st"]
    i = obs.index[(obs["indicator"] == "investment_registered") & (obs["period"] == "2024")][0]
    obs.loc[i, ["value", "value_as_printed"]] = [900.5, "900.5"]
    card = scorecard(obs, st)
    t = next(t for t in briefing.targets_of(st, "investment") if t.measure == "cumulative_sum")
    fig = bf.fig_flows(obs, st, card, [t])
    fig.canvas.draw()
    texts = " ".join(_fig_texts(fig))
    assert "900,5" in texts and "901" not in texts


def test_structure_figure_says_hon_where_the_period_value_was_printed_as_more_than(rep):
    """A share printed "hơn 72,5%" (flag lower_bound) is labelled "hơn 72,5", as the base-year label and the
    sentences write it, never the bare 72,5."""
    st, card = rep["st"], rep["card"].copy()
    t = next(
        t
        for t in briefing.targets_of(st, "structure")
        if t.unit == "percent" and not card.loc[card["target_id"] == t.id, "actual"].isna().all()
    )
    i = card.index[card["target_id"] == t.id][0]
    card.loc[i, "flags"] = "; ".join(x for x in (str(card.loc[i, "flags"] or ""), "lower_bound") if x and x != "nan")
    fig = bf.fig_shares(card, st, [t], "Thử")
    fig.canvas.draw()
    shown = _pct_text(card.loc[i, "actual"])
    labels = [x for x in _fig_texts(fig) if shown in x]
    assert labels and all(x.startswith("hơn ") for x in labels)


def _pct_text(value: float) -> str:
    from analysis.wording.vnformat import fmt_vn, shown_decimals

    return fmt_vn(value, shown_decimals(value, "percent"))


def test_scorecard_figure_says_hon_where_the_period_value_was_printed_as_more_than(rep):
    st, card = rep["st"], rep["card"].copy()
    i = card.index[card["unit"].eq("percent") & card["actual"].notna()][0]
    card.loc[i, "flags"] = "; ".join(x for x in (str(card.loc[i, "flags"] or ""), "lower_bound") if x and x != "nan")
    fig = bf.fig_scorecard(card, st)
    shown = _pct_text(card.loc[i, "actual"])
    labels = [x for x in _fig_texts(fig) if x.replace("%", "").strip().endswith(shown)]
    assert labels and all(x.startswith("hơn ") for x in labels)


def test_word_annexes_are_numbered_as_they_occur_and_an_empty_source_list_says_so(rep, tmp_path):
    """Without yearly values the annex of missing figures is "Phụ lục 1"; without any source the heading
    "Nguồn số liệu" is followed by a sentence, never by the next heading."""
    import docx

    st, card = rep["st"], rep["card"].copy()
    card["yearly_status"] = ""
    evidence = [c for c in ("sources", "baseline_source", "in_year_sources") if c in card]
    card[evidence] = ""
    card["actual"] = float("nan")
    for y in st.reporting_years:
        card[f"y{y}"] = float("nan")
    card["verdict"] = Verdict.NO_DATA.value
    doc = docx.Document(str(write_docx(card, rep["obs"], st, path=tmp_path / "r.docx")))
    paras = [p.text for p in doc.paragraphs if p.text.strip()]
    annexes = [p for p in paras if p.startswith("Phụ lục")]
    assert annexes == ["Phụ lục 1. Số liệu còn thiếu để đánh giá"]
    from analysis.report.word_sections import _sources_list

    empty = docx.Document()
    _sources_list(empty, [])
    paras = [p.text for p in empty.paragraphs if p.text.strip()]
    assert paras[0] == "Nguồn số liệu" and "Chưa có số liệu" in paras[1]


def test_sources_sheet_without_sources_says_so(rep):
    from analysis.report.workbook_sheets import _sheet_sources
    from analysis.wording.text import NO_SOURCES_VI

    ws = openpyxl.Workbook().active
    _sheet_sources(ws, [], rep["st"])
    assert ws.cell(row=2, column=1).value == NO_SOURCES_VI


def test_investment_figure_is_titled_by_the_themes_it_draws(rep):
    """One investment target: the title names investment only, not 'môi trường và các chỉ tiêu khác'."""
    from analysis.wording.labels import THEME_VI

    st = rep["st"]
    t = next(t for t in briefing.targets_of(st, "investment") if t.indicator == "investment_registered")
    t1 = t.with_(theme="investment", measure="final_year_value") if hasattr(t, "with_") else t
    title = bf.fig_flows(rep["obs"], st, rep["card"], [t1]).get_suptitle()
    assert title.startswith(THEME_VI["investment"]) and "môi trường" not in title


def _outside_canvas(fig) -> list[str]:
    """Texts of ``fig`` (axes titles included) that reach past the canvas."""
    renderer = renderer_of(fig)
    width, height = fig.canvas.get_width_height()
    texts = [
        t
        for t in fig.findobj(lambda o: hasattr(o, "get_text") and hasattr(o, "get_window_extent"))
        if t.get_text().strip() and t.get_visible()
    ]
    out = []
    for t in texts:
        box = t.get_window_extent(renderer)
        if box.x0 < -1 or box.x1 > width + 1 or box.y0 < -1 or box.y1 > height + 1:
            out.append(t.get_text())
    return out


@pytest.mark.parametrize("sid", study_ids())
def test_shipped_investment_figures_keep_every_title_inside_the_canvas(sid):
    """Panel titles are wrapped to their panel's width: none is cut at the canvas edge (two panels side by side)."""
    from analysis.sources.store import load_observations

    obs, st = load_observations(), load_study(sid)
    targets = briefing.targets_of(st, "investment")
    if not briefing.drawn_targets("investment", targets):
        pytest.skip("no investment figure")
    fig = bf.fig_flows(obs, st, scorecard(obs, st), targets)
    fig.canvas.draw()
    assert _outside_canvas(fig) == []
