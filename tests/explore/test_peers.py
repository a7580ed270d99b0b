"""Peers in the explorer: the study's province beside provinces the analyst chooses (generated store)."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import build_observations, load_study
from analysis.core.errors import UnknownNameError
from analysis.explore import Explorer, compare, peer_choices

from conftest import make_obs, make_synthetic_project

PEERS = ["Tỉnh Đồi Cát", "Tỉnh Hồ Sen", "Tỉnh Núi Đá"]


@pytest.fixture(scope="module")
def peer_store(tmp_path_factory):
    root = make_synthetic_project(tmp_path_factory.mktemp("peers-x") / "proj")
    st = load_study(None, root)
    own = build_observations(root)
    key = sorted(set(own["indicator"]))[0]  # an indicator the study's province has
    years = sorted(own[own["indicator"] == key]["period"].unique())[:2]
    unit = own[own["indicator"] == key]["unit"].iloc[0]
    parts = [
        make_obs(
            [(key, y, 100.0 * (i + 1) + k, st.boundary, "estimate", "current", unit) for k, y in enumerate(years)], province=p
        )
        for i, p in enumerate(PEERS)
    ]
    obs = pd.concat([own, *parts], ignore_index=True)
    obs.loc[len(own) :, "obs_id"] = [f"Q{i:03d}" for i in range(len(obs) - len(own))]
    obs.attrs["root"] = str(root)
    return root, st, obs, key, years


def test_choices_and_comparison(peer_store):
    _, st, obs, key, years = peer_store
    assert peer_choices(obs, key, exclude=[st.province]) == sorted(PEERS)
    table = compare(obs, st, key, PEERS[:2])
    assert table["province"].iloc[0] == st.province  # the study's province first
    got = table[table["province"] == PEERS[1]].set_index("period")["value"].to_dict()
    assert got == {years[0]: 200.0, years[1]: 201.0}
    assert PEERS[2] not in set(table["province"])
    with pytest.raises(UnknownNameError):
        compare(obs, st, key, ["Tỉnh Không Có"])


def test_explorer_compares_chosen_provinces(peer_store):
    root, st, obs, key, _ = peer_store
    ex = Explorer(st, obs, root)
    ex.update(target="", indicator=key)
    assert set(PEERS) <= set(ex.options()["peers"]) and st.province not in ex.options()["peers"]
    r = ex.update(peers=[PEERS[0], PEERS[2]])
    assert r.peers is not None and set(r.peers["province"]) == {st.province, PEERS[0], PEERS[2]}
    assert PEERS[0] in r.html and "So sánh với các tỉnh, thành phố đã chọn" in r.html
    assert ex.default_selection().peers == ()  # the static view shows no peers
    bad = ex.safe_update(peers=["Tỉnh Không Có"])
    assert bad.error and ex.selection.peers == (PEERS[0], PEERS[2])
