"""An annual-plan study in a synthetic project, for the in-year tests (figures generated here, never data/raw)."""

from __future__ import annotations

from pathlib import Path

from analysis.sources.published_figures import PUBLISHED_COLUMNS

from conftest import MANIFEST_HEADER, SYN_PROVINCE, make_synthetic_project, target_row, write_csv_grid, write_study

IN_YEAR_TOML = (
    "\n[in_year]\ngrowth_on_track_gap_points = 0.0\ngrowth_push_gap_points = 2.0\n"
    "level_on_track_ratio = 1.0\nlevel_push_ratio = 0.8\n"
)
PUB_HEADER = list(PUBLISHED_COLUMNS)  # the published-figure columns as the data guide lists them


def _plan_project(tmp_path: Path, figures: list[list[str]], targets: list[list[str]] | None = None, extra: str = "") -> Path:
    """The synthetic project (va_industry at 2010 prices 2020–2025 in its yearbook) plus an annual plan study
    with a growth target and an amount target (or the ``targets`` rows given), and the published figures given;
    ``extra`` adds lines to its ``study.toml`` (e.g. ``boundary_fallback``)."""
    root = make_synthetic_project(tmp_path / "proj")
    raw = root / "data" / "raw"
    write_csv_grid(raw / "published.csv", [PUB_HEADER] + figures)
    manifest = (raw / "manifest.csv").read_text(encoding="utf-8").splitlines()
    pub = dict.fromkeys(MANIFEST_HEADER, "") | {
        "id": "pub",
        "kind": "published",
        "file": "published.csv",
        "province": SYN_PROVINCE,
        "note": "synthetic",
    }
    (raw / "manifest.csv").write_text("\n".join(manifest + [",".join(pub[c] for c in MANIFEST_HEADER)]) + "\n", encoding="utf-8")
    write_study(
        raw,
        "syn-plan",
        SYN_PROVINCE,
        targets
        if targets is not None
        else [
            target_row(
                id="G1",
                order=1,
                indicator="va_industry_avg_growth",
                level_indicator="va_industry",
                annual_indicator="va_industry_growth",
                kind="at_least",
                lower=8,
                unit="percent_per_year",
                measure="period_avg_growth",
                base_year=2025,
                target_year=2026,
                exceed_margin=1,
            ),
            target_row(
                id="A1",
                order=2,
                indicator="investment_registered",
                kind="about",
                lower=1000,
                upper=1000,
                unit="mn_USD",
                measure="final_year_value",
                base_year=2025,
                target_year=2026,
                about_tolerance=50,
            ),
        ],
        base_year=2025,
        target_year=2026,
        extra="reporting_years = [2026]\n" + extra + IN_YEAR_TOML,
    )
    return root


def _fig(
    fid: str, ind: str, period: str, value: float, unit: str, basis: str, status: str = "estimate", boundary: str = "pre2025"
) -> list[str]:
    return [
        fid,
        ind,
        period,
        repr(value),
        unit,
        basis,
        boundary,
        status,
        "2026-07-01",
        "Synthetic press",
        f"http://example.invalid/{fid}",
        f"synthetic excerpt {fid}",
        "",
    ]
