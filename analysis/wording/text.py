"""What the official documents say, in Vietnamese: values with their units, counts, titles.

Shared by the workbook, the Word draft, the deck and the figures, so they say the same thing
the same way. Every code is shown through :mod:`analysis.wording.labels` (one vocabulary of labels,
one fallback rule); no internal code ever reaches a document.
"""

from __future__ import annotations

from typing import Any

from analysis.core.vocabulary import MET, Verdict

from .labels import PRELIMINARY_FILL_VI, QUALIFIER_VI, is_missing, period_vi, status_vi, unit_vi
from .vnformat import UNIT_VI, fmt_amount_vi, fmt_vn, larger_unit, shown_decimals

__all__ = [
    "yearly_entries",
    "value_text",
    "verdict_counts_vi",
    "legend_vi",
    "document_title",
    "study_years_text",
    "SOURCES_SHEET",
    "display_unit",
    "target_reference",
    "amount_text",
    "shown_unit",
    "number_text",
    "actual_qualifier",
    "NO_SOURCES_VI",
    "decimals_text",
    "decimals_of",
    "horizon_vi",
    "target_heading_vi",
    "target_with_horizon_vi",
    "growth_period_vi",
    "growth_unit_vi",
]

#: the sheet of the report workbook that lists every source, with its raw file and line (the only place they show)
SOURCES_SHEET = "Nguồn"
#: what a list of sources says when the report quotes no figure (the Word draft, sheet "Nguồn")
NO_SOURCES_VI = "Chưa có số liệu công bố nào cho các chỉ tiêu của báo cáo."


def yearly_entries(yearly_status: Any) -> dict[int, tuple[str, str]]:
    """``"2021:estimate:F100; …"`` → ``{2021: ("estimate", "F100")}``."""
    out: dict[int, tuple[str, str]] = {}
    for part in [] if is_missing(yearly_status) else str(yearly_status).split("; "):
        bits = part.split(":", 2)
        if len(bits) == 3 and bits[0].isdigit():
            out[int(bits[0])] = (bits[1], bits[2])
    return out


def _horizons(study: Any) -> list[int]:
    """The target years of a study's targets (each target's own ``target_year``), else the study's."""
    years = sorted({int(t.target_year) for t in getattr(study, "targets", ()) if getattr(t, "target_year", None)})
    return years or [int(study.target_year)]


def horizon_vi(study: Any) -> str:
    """``đến năm 2025``, or ``đến năm 2025 và năm 2030`` when targets of the study have other horizons."""
    years = _horizons(study)
    return "đến năm " + " và năm ".join(
        [", năm ".join(str(y) for y in years[:-1]), str(years[-1])] if len(years) > 1 else [str(years[0])]
    )


def target_heading_vi(study: Any) -> str:
    """The heading of a table's target column: ``Mục tiêu đến năm 2025``; ``Mục tiêu`` when the targets'
    horizons differ (each row then says its own, :func:`target_with_horizon_vi`)."""
    years = _horizons(study)
    return f"Mục tiêu đến năm {years[0]}" if len(years) == 1 else "Mục tiêu"


def target_with_horizon_vi(text: str, target: Any, study: Any) -> str:
    """A target's bounds as a table cell writes them: with ``đến năm 2030`` when its horizon is not the one
    its column heading states (a 2030 goal in a 2025 study)."""
    if len(_horizons(study)) == 1 or is_missing(text):
        return text
    return f"{text} (đến năm {target.target_year})"


def growth_period_vi(target: Any) -> str:
    """What a growth target's assessed value is, from its measure and years: ``BQ 2026–2030`` (the average per
    year of the period) or ``năm 2026`` (the growth of one year, e.g. an annual plan's)."""
    if target.measure == "period_avg_growth":
        return f"BQ {period_vi(target.period)}"
    return f"năm {target.target_year}"


def growth_unit_vi(target: Any) -> str:
    """``%/năm`` for an average growth per year, ``%`` for the growth of one year."""
    return "%/năm" if target.measure == "period_avg_growth" else "%"


def decimals_text(decimals: dict[str, int]) -> str:
    """The scorecard's ``decimals`` column: ``{"2023": 2, "actual": 1}`` → ``"2023:2; actual:1"``."""
    return "; ".join(f"{k}:{v}" for k, v in decimals.items())


def decimals_of(rec: Any, key: Any) -> int | None:
    """The decimals a scorecard row shows one of its values with (``key``: a year, ``"actual"`` or
    ``"baseline"``; column ``decimals``), None when the row does not say (a scorecard of an older build)."""
    text = rec.get("decimals") if hasattr(rec, "get") else None
    for part in [] if is_missing(text) else str(text).split(";"):
        k, _, v = part.strip().partition(":")
        if k == str(key) and v.strip().lstrip("-").isdigit():
            return int(v)
    return None


def target_reference(target: Any) -> float | None:
    """The largest bound of a target (what decides the unit it is written in), None without bounds."""
    bounds = [
        abs(float(b))
        for b in (getattr(target, "lower", None), getattr(target, "upper", None))
        if b is not None and not is_missing(b)
    ]
    return max(bounds) if bounds else None


def display_unit(unit: Any, reference: Any = None) -> tuple[float, str]:
    """(divisor, unit in words) a value is shown in: million USD as billion USD when ``reference`` reaches 1,000.

    ``reference`` is a target's bound (a target row shows every value in the unit the target is
    written in, as :func:`analysis.wording.vnformat.fmt_bound_vi` writes it) or the value itself (a source
    is shown as :func:`analysis.wording.vnformat.fmt_amount_vi` writes it).
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


def amount_text(value: float, unit: Any, reference: Any = None, decimals: int | None = None) -> str:
    """``5,6 tỷ USD``, ``125 triệu USD`` (in the unit of ``reference``, see :func:`shown_unit`).

    ``decimals``: those the value's source printed (:func:`analysis.wording.vnformat.shown_decimals`,
    :func:`analysis.wording.vnformat.record_decimals`); None: the value's own, by the same rule.
    """
    div, label = shown_unit(value, unit, reference)
    if div == 1.0:
        u = "" if is_missing(unit) else str(unit)
        d = shown_decimals(value, u) if decimals is None else decimals
        if u == "mn_USD":  # a target written in million USD keeps them past 1,000
            return f"{fmt_vn(value, d)}{UNIT_VI[u]}"
        return fmt_amount_vi(value, u, d) if u in UNIT_VI else f"{fmt_vn(value, d)} {label}".strip()
    v = value / div
    d = next((k for k in range(1, 4) if abs(round(v, k) - v) < 1e-9), 3)
    return f"{fmt_vn(v, 0 if float(v).is_integer() else d)} {label}"


def number_text(value: float, unit: Any, reference: Any = None, decimals: int | None = None) -> str:
    """A value as a column headed with the unit of ``reference`` shows it: the bare number (``5,6``) in that
    unit, the number with its unit where :func:`shown_unit` keeps the store's (``125 triệu USD``)."""
    text = amount_text(value, unit, reference, decimals)
    label = display_unit(unit, reference)[1]
    return text[: -len(label)].strip() if label and text.endswith(label) else text


def actual_qualifier(rec: Any) -> str:
    """The qualifier a scorecard row's period value was printed with: ``lower_bound`` ("hơn 70%": flag
    ``lower_bound``), else ''."""
    flags = rec.get("flags") if hasattr(rec, "get") else None
    return "lower_bound" if not is_missing(flags) and "lower_bound" in {f.strip() for f in str(flags).split(";")} else ""


def value_text(
    value: Any, unit: Any, qualifier: str = "", status: str = "", reference: Any = None, decimals: int | None = None
) -> str:
    """A value as a sentence writes it: ``hơn 125 triệu USD (nguồn thứ cấp)``; '' when missing.

    ``reference`` (a target's bound) shows the value in the unit the target is written in; ``decimals``
    those its source printed (see :func:`amount_text`).
    """
    if is_missing(value):
        return ""
    text = amount_text(float(value), unit, float(value) if reference is None else reference, decimals)
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
    return (
        f"Cách đọc: số in đứng là số chính thức; {PRELIMINARY_FILL_VI}: số sơ bộ; in nghiêng: số ước tính; in nghiêng "
        "nền xám: nguồn thứ cấp. Dấu '>' trước số: số công bố ở dạng 'hơn' (cận dưới); '~': số xấp xỉ. "
        "Ô trống: chưa có số liệu. Mã nguồn của "
        f"từng giá trị ở cột 'Nguồn' (năm: mã) và trong ghi chú của ô; chi tiết ở trang tính '{SOURCES_SHEET}'."
    )


def document_title(study: Any) -> str:
    """The heading of the report section (``I. KẾT QUẢ … — 1. Kết quả …``)."""
    report = study.section("report")
    return " — ".join(x for x in (report.get("section_vi", ""), report.get("heading_vi", study.short_title_vi)) if x)


def study_years_text(study: Any) -> str:
    return period_vi(f"{study.reporting_years[0]}-{study.reporting_years[-1]}")
