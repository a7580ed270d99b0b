"""What the official documents say, in Vietnamese: labels, flags as sentences, the list of sources.

Shared by the workbook (:mod:`analysis.workbook`), the Word draft
(:mod:`analysis.report_docx`) and the briefing deck (:mod:`analysis.report_pptx`),
so the three say the same thing the same way. No internal code (``estimate``,
``merged2025``, ``published_average`` …) ever reaches a document: every code is
shown through :mod:`analysis.vocabulary` or the tables below, and an unknown
code becomes a neutral Vietnamese phrase rather than leaking.
"""
from __future__ import annotations

import csv
import math
import re
from pathlib import Path
from typing import Any

from .vnformat import UNIT_VI, fmt_amount_vi, fmt_vn, larger_unit
from .vocabulary import MET, Boundary, PriceBasis, Status, Verdict

__all__ = ["NEEDS_DATA", "light", "PRELIMINARY_FILL", "FLAG_VI", "METHOD_VI", "ROLE_VI", "QUALIFIER_VI", "STATUS_LOOK", "unit_vi",
           "status_vi", "boundary_vi", "price_basis_vi", "period_vi", "flag_sentences", "method_vi", "is_missing",
           "yearly_entries", "value_text", "source_records", "verdict_counts_vi", "legend_vi", "document_title",
           "study_years_text", "SOURCES_SHEET", "display_unit", "target_reference", "amount_text",
           "shown_unit", "number_text"]

#: the sheet of the report workbook that lists every source, with its raw file and line (the only place they show)
SOURCES_SHEET = "Nguồn"

#: assessment flags (analysis.assessment) as short sentences
FLAG_VI = {
    "published_average": "Theo tốc độ bình quân đã công bố; chưa kiểm tra được trên chuỗi số tuyệt đối.",
    "boundary_unknown": "Nguồn không nêu rõ phạm vi địa giới.",
    "boundary_merged": f"Số liệu của {Boundary.MERGED2025.vi}, khác địa giới của chỉ tiêu.",
    "boundary_pre2025": f"Số liệu của {Boundary.PRE2025.vi}, khác địa giới của chỉ tiêu.",
    "boundary_mixed": "Các số liệu được dùng thuộc nhiều phạm vi địa giới khác nhau.",
    "other_boundary_values": "Có số liệu cùng kỳ của phạm vi địa giới khác (xem danh mục nguồn).",
    "conflicting_sources": "Các nguồn công bố chưa thống nhất (xem danh mục nguồn).",
    "derived": "Tính từ số liệu tuyệt đối đã công bố.",
    "lower_bound": "Số liệu công bố ở dạng 'hơn' (cận dưới).",
    "secondary_source": "Dựa trên nguồn thứ cấp (báo chí, tạp chí), chưa có số liệu của cơ quan thống kê.",
    "not_comparable_territory": "Số liệu của địa giới khác với địa giới của chỉ tiêu: chưa đủ cơ sở đánh giá, "
                                "cần số liệu đúng địa giới.",
}
_FLAG_PREFIX_VI = {
    "levels": "Chuỗi số tuyệt đối theo giá so sánh chưa dùng được cho chỉ tiêu này.",
    "partial years only": "Mới có số liệu của một số năm: {rest}.",
    "chain": "Chuỗi tốc độ tăng hằng năm không cùng loại giá hoặc địa giới: chưa tính được tốc độ bình quân.",
}
#: assessment methods (analysis.assessment)
METHOD_VI = {
    "cagr_of_levels": "tăng bình quân tính từ chuỗi số tuyệt đối theo giá so sánh",
    "geometric_chain_of_annual_rates": "bình quân nhân các tốc độ tăng hằng năm",
    "published_period_average": "tốc độ bình quân kỳ đã công bố",
    "published_period_total": "tổng kỳ đã công bố",
    "sum_of_annual_values": "tổng số liệu các năm",
    "final_year_value": "số liệu năm cuối kỳ",
    "": "",
}
#: roles of an observation towards a verdict (analysis.evidence / analysis.assessment), plus what the documents add
ROLE_VI = {
    "used": "dùng để đánh giá", "agrees": "khớp với số dùng", "conflict": "khác với số dùng",
    "other_boundary": "số của phạm vi địa giới khác", "other_basis": "số theo loại giá khác",
    "yearly": "giá trị năm", "input": "đầu vào để tính", "derived_input": "đầu vào để tính", "baseline": "năm gốc",
}
QUALIFIER_VI = {"lower_bound": "hơn", "upper_bound": "dưới", "approximate": "khoảng", "expected": "dự kiến",
                "exact": ""}
#: how each evidence status looks in a table cell: (italic, fill colour or ""); the preliminary fill (light
#: violet) is none of the verdict fills of :mod:`analysis.vocabulary` (yellow marks "chưa đủ cơ sở đánh giá")
PRELIMINARY_FILL, PRELIMINARY_FILL_VI = "E4DFEC", "nền tím nhạt"
STATUS_LOOK = {
    Status.OFFICIAL.value: (False, ""), Status.PRELIMINARY.value: (False, PRELIMINARY_FILL),
    Status.ESTIMATE.value: (True, ""), Status.SECONDARY.value: (True, "E7E6E6"), "": (False, ""),
}
#: verdicts whose targets need more data (the annex of data still needed lists them)
NEEDS_DATA = {Verdict.NO_DATA.value, Verdict.QUALITATIVE.value} | (
    {"insufficient"} if "insufficient" in Verdict._value2member_map_ else set())
_UNIT_EXTRA = {"percent_per_year": "%/năm", "": ""}


def light(colour: str, keep: float = 0.45) -> str:
    """A verdict colour (``#009E73``) mixed with white for a cell fill (``RRGGBB``)."""
    c = colour.lstrip("#")
    rgb = [int(c[i:i + 2], 16) for i in (0, 2, 4)]
    return "".join(f"{round(255 - (255 - v) * keep):02X}" for v in rgb)


def is_missing(v: Any) -> bool:
    """True for None, NaN and empty strings."""
    return v is None or (isinstance(v, float) and math.isnan(v)) or (isinstance(v, str) and not v.strip())


def unit_vi(unit: Any) -> str:
    """A unit code in words (``bn_VND`` → ``tỷ đồng``)."""
    u = "" if is_missing(unit) else str(unit)
    return _UNIT_EXTRA.get(u, UNIT_VI.get(u, u)).strip()


def status_vi(code: Any) -> str:
    """An evidence status in words (``estimate`` → ``ước tính``)."""
    c = "" if is_missing(code) else str(code)
    return Status(c).vi if c in Status._value2member_map_ else ("" if not c else "chưa xác định")


def boundary_vi(code: Any) -> str:
    """A boundary code (or ``a/b``) in words."""
    c = "" if is_missing(code) else str(code)
    parts = [p for p in c.split("/") if p]
    return "; ".join(Boundary(p).vi if p in Boundary._value2member_map_ else "chưa rõ địa giới" for p in parts)


def price_basis_vi(code: Any) -> str:
    """A price basis code in words (``na`` → ``không áp dụng``)."""
    c = "" if is_missing(code) else str(code)
    return PriceBasis(c).vi if c in PriceBasis._value2member_map_ else ""


def period_vi(period: Any) -> str:
    """``2021-2025`` → ``2021–2025`` (other forms kept, '' for none)."""
    return "" if is_missing(period) else str(period).replace("-", "–")


def method_vi(code: Any) -> str:
    c = "" if is_missing(code) else str(code)
    return METHOD_VI.get(c, "phương pháp khác")


def flag_sentences(flags: Any) -> list[str]:
    """The scorecard's ``flags`` (``"a; b"``) as short Vietnamese sentences, in order, without repeats."""
    out: list[str] = []
    for f in [] if is_missing(flags) else [x.strip() for x in str(flags).split(";")]:
        if not f:
            continue
        if f in FLAG_VI:
            out.append(FLAG_VI[f])
            continue
        head = f.partition(":")[0]
        key = next((k for k in _FLAG_PREFIX_VI if head.startswith(k) or f.startswith(k)), "")
        if key == "partial years only":
            out.append(_FLAG_PREFIX_VI[key].format(rest=f[len(key):].strip(" :")))
        elif key:
            out.append(_FLAG_PREFIX_VI[key])
        else:
            out.append("Có lưu ý khác về số liệu; cần kiểm tra lại nguồn.")
    return list(dict.fromkeys(out))


def yearly_entries(yearly_status: Any) -> dict[int, tuple[str, str]]:
    """``"2021:estimate:F100; …"`` → ``{2021: ("estimate", "F100")}``."""
    out: dict[int, tuple[str, str]] = {}
    for part in [] if is_missing(yearly_status) else str(yearly_status).split("; "):
        bits = part.split(":", 2)
        if len(bits) == 3 and bits[0].isdigit():
            out[int(bits[0])] = (bits[1], bits[2])
    return out


def target_reference(target: Any) -> float | None:
    """The largest bound of a target (what decides the unit it is written in), None without bounds."""
    bounds = [abs(float(b)) for b in (getattr(target, "lower", None), getattr(target, "upper", None))
              if b is not None and not is_missing(b)]
    return max(bounds) if bounds else None


def display_unit(unit: Any, reference: Any = None) -> tuple[float, str]:
    """(divisor, unit in words) a value is shown in: million USD as billion USD when ``reference`` reaches 1,000.

    ``reference`` is a target's bound (a target row shows every value in the unit the target is
    written in, as :func:`analysis.vnformat.fmt_bound_vi` writes it) or the value itself (a source
    is shown as :func:`analysis.vnformat.fmt_amount_vi` writes it).
    """
    u = "" if is_missing(unit) else str(unit)
    big = larger_unit(u, reference) if not is_missing(reference) else None
    return big if big else (1.0, unit_vi(u))


def shown_unit(value: Any, unit: Any, reference: Any = None) -> tuple[float, str]:
    """(divisor, unit in words) one value is written in: the unit of ``reference`` (:func:`display_unit`),
    except a value below 1 there, which keeps the store's unit (``125 triệu USD``, not ``0,125 tỷ USD``).

    The one rule of the workbook, the Word draft and the figures.
    """
    div, label = display_unit(unit, reference)
    if div != 1.0 and not is_missing(value) and 0 < abs(float(value)) / div < 1:
        return 1.0, unit_vi(unit)
    return div, label


def amount_text(value: float, unit: Any, reference: Any = None) -> str:
    """``5,6 tỷ USD``, ``125 triệu USD`` (in the unit of ``reference``, see :func:`shown_unit`)."""
    div, label = shown_unit(value, unit, reference)
    if div == 1.0:
        u = "" if is_missing(unit) else str(unit)
        if u == "mn_USD":                          # a target written in million USD keeps them past 1,000
            return f"{fmt_vn(value, 0)}{UNIT_VI[u]}"
        return fmt_amount_vi(value, u) if u in UNIT_VI else f"{fmt_vn(value, 1)} {label}".strip()
    v = value / div
    d = next((k for k in range(1, 4) if abs(round(v, k) - v) < 1e-9), 3)
    return f"{fmt_vn(v, 0 if float(v).is_integer() else d)} {label}"


def number_text(value: float, unit: Any, reference: Any = None) -> str:
    """A value as a column headed with the unit of ``reference`` shows it: the bare number (``5,6``) in that
    unit, the number with its unit where :func:`shown_unit` keeps the store's (``125 triệu USD``)."""
    text = amount_text(value, unit, reference)
    label = display_unit(unit, reference)[1]
    return text[: -len(label)].strip() if label and text.endswith(label) else text


def value_text(value: Any, unit: Any, qualifier: str = "", status: str = "", reference: Any = None) -> str:
    """A value as a sentence writes it: ``hơn 125 triệu USD (nguồn thứ cấp)``; '' when missing.

    ``reference`` (a target's bound) shows the value in the unit the target is written in.
    """
    if is_missing(value):
        return ""
    text = amount_text(float(value), unit, float(value) if reference is None else reference)
    q = QUALIFIER_VI.get(qualifier or "", "")
    text = f"{q} {text}" if q else text
    return f"{text} ({status_vi(status)})" if status else text


def verdict_counts_vi(card: Any) -> str:
    """``4/14 chỉ tiêu định lượng đạt và vượt (1 ước vượt, 1 vượt, 2 đạt, 1 không đạt, 9 chưa có số liệu)``.

    Every verdict of the vocabulary that occurs is counted (in the vocabulary's order), each
    under the label the rows show (``ước vượt`` beside ``vượt``: column ``status``). A target
    that restates another (column ``restates``) is counted once, with the one it restates.
    """
    restated = card["restates"].fillna("").astype(str) != "" if "restates" in card else None
    rows = card[~restated] if restated is not None else card
    numeric = int((rows["verdict"] != Verdict.QUALITATIVE).sum())
    ok = int(rows["verdict"].isin(MET).sum())
    parts = []
    for v in Verdict:
        labels = rows.loc[rows["verdict"] == v.value, "status"]
        if v != Verdict.QUALITATIVE and len(labels):
            # estimates first ("ước vượt" before "vượt"), as verdict_label writes them
            parts += [f"{n} {lab}" for lab, n in sorted(labels.value_counts().items(), key=lambda x: x[0] == v.vi)]
    qual = int((rows["verdict"] == Verdict.QUALITATIVE).sum())
    tail = f"; {qual} chỉ tiêu định tính" if qual else ""
    again = int(restated.sum()) if restated is not None else 0
    tail += f"; {again} chỉ tiêu nhắc lại chỉ tiêu khác không tính thêm" if again else ""
    return f"{ok}/{numeric} chỉ tiêu định lượng đạt và vượt ({', '.join(parts)}){tail}"


def legend_vi() -> str:
    """How a value's evidence status is shown in the tables."""
    return (f"Cách đọc: số in đứng là số chính thức; {PRELIMINARY_FILL_VI}: số sơ bộ; in nghiêng: số ước tính; in nghiêng "
            "nền xám: nguồn thứ cấp. Dấu '>' trước số: số công bố ở dạng 'hơn' (cận dưới); '~': số xấp xỉ. "
            "Ô trống: chưa có số liệu. Mã nguồn của "
            f"từng giá trị ở cột 'Nguồn' (năm: mã) và trong ghi chú của ô; chi tiết ở trang tính '{SOURCES_SHEET}'.")


def document_title(study: Any) -> str:
    """The heading of the report section (``I. KẾT QUẢ … — 1. Kết quả …``)."""
    report = study.section("report")
    return " — ".join(x for x in (report.get("section_vi", ""), report.get("heading_vi", study.short_title_vi)) if x)


def study_years_text(study: Any) -> str:
    return period_vi(f"{study.reporting_years[0]}-{study.reporting_years[-1]}")


# ---------------------------------------------------------------------------------------------------------
# the list of sources: every observation shown or standing against a verdict
# ---------------------------------------------------------------------------------------------------------
def _published_rows(root: Path, raw_file: str, cache: dict[str, dict[str, dict[str, str]]]) -> dict[str, dict]:
    if raw_file not in cache:
        path = root / raw_file
        rows: dict[str, dict[str, str]] = {}
        if path.is_file():
            with open(path, encoding="utf-8-sig", newline="") as fh:
                rows = {r.get("figure_id", ""): r for r in csv.DictReader(fh)}
        cache[raw_file] = rows
    return cache[raw_file]


def _labelled_formula(formula: str, vocab: dict[str, dict[str, str]]) -> str:
    """``100 × (va_industry) / (grdp)`` with every indicator key replaced by its Vietnamese label."""
    def repl(m: re.Match[str]) -> str:
        key = m.group(0)
        return vocab[key].get("label_vi", key) if key in vocab else key
    text = re.sub(r"[A-Za-z][A-Za-z0-9_]*", repl, formula)
    return re.sub(r"\[([^\]]*)\]", r" năm \1", text)


def _provenance(rec: dict[str, Any], root: Path, vocab: dict[str, dict[str, str]],
                cache: dict[str, dict[str, dict[str, str]]]) -> dict[str, str]:
    """Publisher, publication date and the verbatim excerpt (or the formula of a derived value)."""
    kind = rec.get("source_kind", "")
    if kind == "derived":
        inputs = ", ".join(x for x in str(rec.get("inputs") or "").split("; ") if x)
        return {"publisher": "Tính toán từ số liệu đã công bố", "published": str(rec.get("published") or ""),
                "excerpt": f"{_labelled_formula(str(rec.get('transform') or ''), vocab)}; đầu vào: {inputs}"}
    if kind == "yearbook":
        printed = f"{rec.get('series_label') or ''}: {rec.get('value_as_printed') or ''}".strip(": ")
        unit = str(rec.get("unit_as_printed") or "")
        return {"publisher": str(rec.get("source_ref") or ""), "published": str(rec.get("vintage") or ""),
                "excerpt": f"{printed} ({unit})" if unit else printed}
    row = _published_rows(root, str(rec.get("raw_file") or ""), cache).get(str(rec.get("obs_id")), {})
    return {"publisher": row.get("publisher") or str(rec.get("source_ref") or "").split("; figure")[0],
            "published": row.get("published") or str(rec.get("published") or ""),
            "excerpt": row.get("excerpt") or ""}


def _roles(card: Any, obs: Any, study: Any) -> dict[str, list[tuple[str, str]]]:
    """obs_id → [(target id, role)] for every observation a document shows or that stands against a verdict."""
    from .assessment import assess_all

    roles: dict[str, list[tuple[str, str]]] = {}

    def add(oid: Any, tid: str, role: str) -> None:
        if not is_missing(oid) and (tid, role) not in roles.setdefault(str(oid), []):
            roles[str(oid)].append((tid, role))

    shown = set(card["target_id"])
    for a in assess_all(obs, study):
        if a.target.id in shown:
            for e in a.evidence:
                add(e["obs_id"], a.target.id, e.get("role", "used") or "used")
    for rec in card.to_dict("records"):
        for _, (_, oid) in sorted(yearly_entries(rec.get("yearly_status")).items()):
            add(oid, rec["target_id"], "yearly")
        for oid in ("" if is_missing(rec.get("sources")) else str(rec["sources"])).split("; "):
            add(oid, rec["target_id"], "used")
        if not is_missing(rec.get("baseline_source")) and rec.get("baseline_source"):
            add(rec["baseline_source"], rec["target_id"], "baseline")     # quoted in the sentence and figures
    return roles


def source_records(card: Any, obs: Any, study: Any) -> list[dict[str, Any]]:
    """Every observation shown in the documents or standing against a verdict, with its provenance.

    Derived observations bring their inputs (role ``input``). Each record has
    ``obs_id``, ``roles`` (``[(target id, role code)]``), ``roles_vi`` (text),
    ``indicator_vi``, ``period``, ``value``, ``unit``, ``qualifier``, ``status``,
    ``boundary``, ``price_basis``, ``publisher``, ``published``, ``source_url``,
    ``excerpt``, ``raw_file``, ``raw_line``; in the order of the targets, then by id.
    """
    from .assessment import _vocab, study_evidence

    ev, st = study_evidence(obs, study)
    vocab = _vocab(ev)
    roles = _roles(card, ev, st)
    by_id = {r["obs_id"]: r for r in ev[ev["obs_id"].isin(set(roles) | _all_inputs(ev, roles))].to_dict("records")}
    for oid in list(roles):
        rec = by_id.get(oid)
        for inp in ([] if rec is None else str(rec.get("inputs") or "").split("; ")):
            if inp:
                for tid, _ in roles[oid]:
                    roles.setdefault(inp, [])
                    if (tid, "input") not in roles[inp]:
                        roles[inp].append((tid, "input"))
    order = {tid: i for i, tid in enumerate(card["target_id"])}
    root = Path(st.root) if st.root else Path(".")
    cache: dict[str, dict[str, dict[str, str]]] = {}
    out = []
    for oid, rs in roles.items():
        rec = by_id.get(oid)
        if rec is None:
            continue
        out.append({
            "obs_id": oid, "roles": rs, "roles_vi": "; ".join(f"{t}: {ROLE_VI.get(r, 'liên quan')}" for t, r in rs),
            "indicator_vi": vocab.get(rec["indicator"], {}).get("label_vi", rec["indicator"]),
            "period": rec["period"], "value": rec["value"], "unit": rec["unit"], "qualifier": rec["qualifier"],
            "status": rec["status"], "boundary": rec["boundary"], "price_basis": rec["price_basis"],
            "source_url": "" if is_missing(rec.get("source_url")) else str(rec["source_url"]),
            "raw_file": "" if is_missing(rec.get("raw_file")) else str(rec["raw_file"]),
            "raw_line": rec.get("raw_line") or 0, **_provenance(rec, root, vocab, cache),
            "_key": (min(order.get(t, len(order)) for t, _ in rs), oid)})
    return [{k: v for k, v in r.items() if k != "_key"} for r in sorted(out, key=lambda r: r["_key"])]


def _all_inputs(ev: Any, roles: dict[str, list[tuple[str, str]]]) -> set[str]:
    sel = ev[ev["obs_id"].isin(set(roles))]
    return {i for s in sel["inputs"].fillna("") for i in str(s).split("; ") if i}
