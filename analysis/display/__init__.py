"""HTML views for JupyterLab (cards, tables, inline SVG charts), registered with IPython's
formatters by :func:`analysis.register_html_views`; the domain types never import them.
"""

from .blocks import FONT, HTML, amount_vi, badge, band_badge, esc, num_vi, role_badge, verdict_badge
from .cards import (
    VIEWS,
    assessment_html,
    evidence_html,
    html_view,
    register_views,
    styled_scorecard,
    target_html,
    trajectory_table_html,
)
from .svg import series_svg, trajectory_svg

__all__ = [
    "FONT",
    "HTML",
    "VIEWS",
    "amount_vi",
    "assessment_html",
    "badge",
    "band_badge",
    "esc",
    "evidence_html",
    "html_view",
    "num_vi",
    "register_views",
    "role_badge",
    "series_svg",
    "styled_scorecard",
    "target_html",
    "trajectory_svg",
    "trajectory_table_html",
    "verdict_badge",
]
