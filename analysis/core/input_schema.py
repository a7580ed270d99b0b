"""The schemas of what analysts write: ``targets.csv``, ``study.toml`` and the published-figure files.

Described once, here, as data: every column or key with its type, whether it is required, its
default, what it means and (for coded columns) its allowed values. :mod:`analysis.studies.target_schema`
and :mod:`analysis.studies.study` take their column lists, keys and codes from it, and
:func:`render_markdown` writes the section of ``data/raw/README.md`` that documents them (a test
checks the README is up to date). Adding a column or key is one :class:`Field` line below.

Layer: core (pure data; imports only :mod:`analysis.core.vocabulary`).
"""

from __future__ import annotations

from dataclasses import dataclass

from analysis.core.vocabulary import Boundary, PriceBasis, Status

__all__ = [
    "SHARE_DEFINITIONS",
    "Field",
    "Schema",
    "TARGETS_CSV",
    "STUDY_TOML",
    "PUBLISHED_FIGURES",
    "SCHEMAS",
    "render_markdown",
    "allowed_values_text",
    "README_BEGIN",
    "README_END",
]


@dataclass(frozen=True)
class Field:
    """One column (or key) of an input file.

    Parameters
    ----------
    name : str
        Column header or key (``section.key`` for a key of a TOML table).
    type : str
        ``string``, ``integer``, ``number``, ``boolean``, ``list`` or ``table``.
    required : bool
        Whether every file must have it (a missing optional column takes ``default``).
    description : str
        What it holds (English; Vietnamese terms quoted as printed).
    allowed : tuple of str
        The allowed codes of a coded column (empty: free text or number).
    default : str
        Value of an optional column that a file leaves out.
    """

    name: str
    type: str
    required: bool
    description: str
    allowed: tuple[str, ...] = ()
    default: str = ""


@dataclass(frozen=True)
class Schema:
    """The fields of one kind of input file, in the order files list them."""

    file: str
    title: str
    fields: tuple[Field, ...]

    def names(self) -> list[str]:
        """Every column (key), required then optional, in schema order."""
        return [f.name for f in self.fields]

    def required(self) -> list[str]:
        return [f.name for f in self.fields if f.required]

    def optional_defaults(self) -> dict[str, str]:
        return {f.name: f.default for f in self.fields if not f.required}

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"{self.file}: no field '{name}' (fields: {self.names()})")

    def allowed(self, name: str) -> tuple[str, ...]:
        return self.field(name).allowed


_S, _I, _N, _B = "string", "integer", "number", "boolean"

KINDS = ("range", "about", "above", "at_least", "at_most", "below", "qualitative")
MEASURES = ("period_avg_growth", "final_year_share", "final_year_value", "cumulative_sum", "ratio", "qualitative")
#: the themes a target belongs to (report sections, deck slides, figure groups); Vietnamese names in
#: analysis.wording.labels.THEME_VI
THEMES = ("growth", "structure", "labour", "investment", "fiscal", "environment", "social", "other")
#: how a published share may be defined (empty: as the vocabulary defines it, over GRDP including product taxes)
SHARE_DEFINITIONS = ("incl_taxes", "excl_taxes", "100_minus_agriculture")
#: territories a study can be set for (a figure's boundary may also be 'unknown')
STUDY_BOUNDARIES = tuple(b for b in Boundary.codes() if b != Boundary.UNKNOWN.value)

TARGETS_CSV = Schema(
    "studies/<id>/targets.csv",
    "one row per sub-target of the resolution",
    (
        Field("id", _S, True, "target id, unique in the study (e.g. T01)"),
        Field("order", _I, True, "position in the report (rows are sorted by it)"),
        Field("outline_item", _I, True, "number of the outline heading the row belongs to"),
        Field("outline_vi", _S, True, "that heading, verbatim"),
        Field("indicator", _S, True, "indicator key of `indicators.csv`"),
        Field(
            "level_indicator",
            _S,
            True,
            "for growth targets: the level series the average is computed from (empty: the vocabulary's `level`)",
        ),
        Field("annual_indicator", _S, True, "for growth targets: the annual-rate key (a chain of annual rates)"),
        Field("wording_vi", _S, True, "the target as the report states it"),
        Field("wording_en", _S, True, "English gloss"),
        Field("kind", _S, True, "how the bound reads", KINDS),
        Field("lower", _N, True, "lower bound ('.' decimal mark; empty when the kind has none)"),
        Field("upper", _N, True, "upper bound (empty when the kind has none)"),
        Field("unit", _S, True, "unit code (percent, percent_per_year, bn_VND, mn_USD, USD_per_person, …)"),
        Field("measure", _S, True, "what is compared with the bound", MEASURES),
        Field("base_year", _I, True, "base year of the period"),
        Field("target_year", _I, True, "year the target is set for"),
        Field("about_tolerance", _N, True, "± tolerance of a 'khoảng' (about) target, in the target's unit"),
        Field("exceed_margin", _N, True, "margin beyond a bound that counts as 'vượt' (exceeded)"),
        Field("definition", _S, True, "how the indicator is defined and computed"),
        Field("resolution_line", _S, True, "the resolution's sentence, verbatim"),
        Field("data_needed", _S, True, "the table or report that would settle the target"),
        Field("data_from", _S, True, "the agency that holds it"),
        Field(
            "theme",
            _S,
            False,
            "theme: report section, deck slide and figure group (empty: growth for growth "
            "targets, investment for period sums, other for qualitative targets, else structure)",
            THEMES,
        ),
        Field("translated", _S, False, "'yes' when the target was seen only in translation"),
        Field("numerator", _S, False, "overrides the vocabulary's numerator (sum of keys, '|' alternatives)"),
        Field("denominator", _S, False, "overrides the vocabulary's denominator"),
        Field("source_url", _S, False, "where the target was published"),
        Field("published", _S, False, "publication date (YYYY-MM-DD)"),
        Field("document", _S, False, "the document the target comes from"),
        Field("text_vi", _S, False, "the document's Vietnamese text, when it differs from `resolution_line`"),
        Field("reading", _S, False, "the analyst's note on how the target is read (never in an official sentence)"),
        Field("restates", _S, False, "id of a target this row restates (reported and counted once)"),
    ),
)

STUDY_TOML = Schema(
    "studies/<id>/study.toml",
    "a study: a province and a resolution's targets",
    (
        Field(
            "province",
            _S,
            True,
            "the province as written in `manifest.csv` or `territories.csv` (an old name "
            "for boundary `pre2025` — whose successor may have another name: the study names it —, a new name for "
            "`merged2025`)",
        ),
        Field("boundary", _S, True, "the territory the targets were set for", STUDY_BOUNDARIES),
        Field("base_year", _I, True, "base year of the period"),
        Field("target_year", _I, True, "year the targets are set for"),
        Field("title_vi", _S, True, "the resolution's title"),
        Field("title_en", _S, True, "English title"),
        Field("short_title_vi", _S, False, "short title for headings"),
        Field("short_title_en", _S, False, "short English title"),
        Field("default", _B, False, "`true`: the study notebooks and commands use when none is named"),
        Field("reporting_years", "list", False, "years shown in the report (default base year + 1 … target year)"),
        Field(
            "boundary_fallback", "list", False, 'other territories admitted, flagged, in order (e.g. ["merged2025", "unknown"])'
        ),
        Field("targets", _S, False, "the targets file", default="targets.csv"),
        Field(
            "territory",
            "table",
            False,
            "how the report names each territory (`pre2025_vi`, `merged2025_vi`, "
            "`merged2025_short_vi`); default: from the lineage of `territories.csv` ('tỉnh Nam Định (cũ), nay thuộc "
            "tỉnh Ninh Bình')",
        ),
        Field("resolution", "table", False, "the resolution: `name_vi`, `year`, `section_vi`, `source`"),
        Field(
            "report",
            "table",
            False,
            "the report: `section_vi`, `heading_vi`, `recipient_vi`, `target_column_vi` "
            "(heading of the target column of sheet Mục I; default 'Chỉ tiêu')",
        ),
        Field("verdict_rules", "table", False, "the study's verdict rules as numbers (tests check every target follows them)"),
        Field("shift_share", "table", False, "the shift-share illustration of notebook 03"),
        Field(
            "in_year",
            "table",
            False,
            "thresholds of the in-year assessment of an annual plan "
            "(`growth_on_track_gap_points`, `growth_push_gap_points`, `level_on_track_ratio`, `level_push_ratio`; "
            "see `analysis.assessment.inyear`)",
        ),
    ),
)

PUBLISHED_FIGURES = Schema(
    "published_figures.csv (and any published file of the manifest)",
    "one row per published figure, with its provenance",
    (
        Field("figure_id", _S, True, "id, unique in the file"),
        Field("indicator", _S, True, "indicator key of `indicators.csv`"),
        Field("period", _S, True, "a year, `2021-2025`, `2025-H1`, `2025-9M`, `2025-01..08` or a month `2026-01`"),
        Field("value", _N, True, "the figure ('.' decimal mark)"),
        Field("unit", _S, True, "unit code"),
        Field("price_basis", _S, True, "price basis", tuple(PriceBasis.codes())),
        Field("boundary", _S, True, "territory of the figure", tuple(Boundary.codes())),
        Field("status", _S, True, "evidence status", tuple(Status.codes())),
        Field("published", _S, True, "publication date (YYYY-MM-DD)"),
        Field("publisher", _S, True, "who published it"),
        Field("source_url", _S, True, "where"),
        Field("excerpt", _S, True, "the source's words, verbatim"),
        Field("note", _S, True, "qualifier words ('hơn', 'gần', 'khoảng'), translation, remarks"),
        Field(
            "province",
            _S,
            False,
            "the figure's province, a name of `territories.csv`: an old name (63) for "
            "boundary `pre2025`, a new name (34) for `merged2025`, either for `unknown`; one file may hold many "
            "provinces (default, when the column or cell is empty: the manifest line's province); an unknown name "
            "stops the build naming the file, row and column, with the closest names",
        ),
        Field(
            "definition",
            _S,
            False,
            "how a published share is defined, when not as the vocabulary defines it (over "
            "GRDP including product taxes): `excl_taxes` over the sum of sectors (excluding product taxes), "
            "`100_minus_agriculture` written as 100 − the agriculture share (product taxes counted in); converted "
            "where the product-tax share of the period is known, else flagged",
            SHARE_DEFINITIONS,
        ),
    ),
)

SCHEMAS = (TARGETS_CSV, STUDY_TOML, PUBLISHED_FIGURES)

#: markers of the generated section of data/raw/README.md
README_BEGIN = "<!-- schema: generated by analysis.core.input_schema.render_markdown(); do not edit by hand -->"
README_END = "<!-- end of schema -->"


def allowed_values_text(schema: Schema, name: str) -> str:
    """'one of [...]' for a coded column, for error messages."""
    return f"one of {list(schema.allowed(name))}"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def render_markdown() -> str:
    """The README section documenting every schema (between :data:`README_BEGIN` and :data:`README_END`)."""
    out = [README_BEGIN, ""]
    for s in SCHEMAS:
        out += [
            f"### `{s.file}` — {s.title}",
            "",
            "| column / key | type | required | meaning | allowed values |",
            "|---|---|---|---|---|",
        ]
        for f in s.fields:
            allowed = ", ".join(f"`{a}`" for a in f.allowed)
            req = "yes" if f.required else (f"no (default `{f.default}`)" if f.default else "no")
            out.append(f"| `{f.name}` | {f.type} | {req} | {_cell(f.description)} | {allowed} |")
        out.append("")
    out.append(README_END)
    return "\n".join(out) + "\n"
