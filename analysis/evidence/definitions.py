"""Definitions as data: a published share of another stated definition is converted, or flagged.

The suite's shares are over GRDP **including** product taxes less subsidies (the yearbook's
structure tables, provincial indicator T0502). A published figure may state another definition
(column ``definition`` of a published-figure file, :data:`analysis.core.input_schema.SHARE_DEFINITIONS`):

* ``excl_taxes`` — over the sum of the sectors' value added (product taxes left out of the
  denominator): s = s' × (100 − τ) / 100;
* ``100_minus_agriculture`` — written as 100 − the agriculture share, so product taxes are counted
  in the share: s = s' − τ;

with τ the product-tax share of GRDP of the same province, period and territory (published, or
derived from the levels). When τ is known the value is converted (``transform`` states the formula,
``inputs`` the tax figure, ``definition`` becomes empty, the vocabulary's definition); otherwise the
row keeps its definition and every verdict or series that uses it says so — two definitions are
never joined silently.
"""

from __future__ import annotations

from typing import Any

from .select import select_best

__all__ = ["harmonise_definitions", "TAX_SHARE_KEY", "CONVERTIBLE", "is_converted", "other_definition"]

#: the product-tax share of GRDP (percent) that converts a share of another definition
TAX_SHARE_KEY = "share_product_taxes"
#: definition → (formula as text, conversion of (value, τ))
CONVERTIBLE = {
    "excl_taxes": ("× (100 − {tau}) / 100", lambda v, tau: v * (100.0 - tau) / 100.0),
    "100_minus_agriculture": ("− {tau}", lambda v, tau: v - tau),
}
_PREFIX = "definition "


def is_converted(row: Any) -> str:
    """The definition a row was converted from (``excl_taxes`` …), '' when it was not."""
    t = str((row.get("transform") if hasattr(row, "get") else "") or "")
    return t[len(_PREFIX) :].split(" ", 1)[0] if t.startswith(_PREFIX) else ""


def other_definition(row: Any) -> str:
    """The stated definition of a row that is not the vocabulary's (and was not converted), else ''."""
    d = row.get("definition") if hasattr(row, "get") else ""
    return "" if d is None or (isinstance(d, float) and d != d) or d in ("", "incl_taxes") else str(d)


def harmonise_definitions(obs: Any) -> Any:
    """``obs`` with every share of a convertible definition converted where the product-tax share of its
    province, period and boundary is in ``obs`` (a new frame; other rows unchanged, ``attrs`` kept)."""
    if "definition" not in obs or not obs["definition"].fillna("").isin(list(CONVERTIBLE)).any():
        return obs
    out = obs.copy()
    for i in out.index[out["definition"].isin(list(CONVERTIBLE))]:
        r = out.loc[i]
        if not str(r["unit"]).startswith("percent"):
            continue
        ev = (
            select_best(out, TAX_SHARE_KEY, str(r["period"]), province=r["province"], boundary=r["boundary"], unit="percent")
            if TAX_SHARE_KEY in set(out["indicator"])
            else None
        )
        if ev is None or not ev.found:
            continue
        text, convert = CONVERTIBLE[r["definition"]]
        tau = ev.value
        out.loc[i, "value"] = convert(float(r["value"]), tau)
        out.loc[i, "transform"] = f"{_PREFIX}{r['definition']} → GRDP incl. taxes: {r['value_as_printed']} " + text.format(
            tau=f"{tau:.2f}"
        )
        inputs = [x for x in str(r["inputs"] or "").split("; ") if x] + [ev.chosen["obs_id"]]
        out.loc[i, "inputs"] = "; ".join(inputs)
        out.loc[i, "definition"] = ""
    return out
