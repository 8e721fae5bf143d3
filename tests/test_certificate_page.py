"""What the certificate page states beyond the verdict: the scale's axis, strength binning, second-hand limits,
program status and the PCR."""

from __future__ import annotations

import io
import re

import pdfplumber
import pytest

from buyclean.core.certificates import render_certificate
from buyclean.core.certificates.data import _limit_note
from buyclean.core.certificates.scale import axis_step, tier_scale
from buyclean.core.rules import RuleSet
from tests.conftest import native_epd
from tests.test_certificates import assess, make_data


@pytest.mark.parametrize(("scale_max", "step"), [(422.4, 100.0), (1200.0, 200.0), (60.0, 10.0), (13.0, 2.5),
                                                 (0.9, 0.2)])
def test_the_axis_step_is_round_and_gives_at_most_six_intervals(scale_max: float, step: float) -> None:
    assert axis_step(scale_max) == pytest.approx(step)
    assert scale_max / axis_step(scale_max) <= 6


def test_the_scale_has_ticks_from_zero_at_their_places() -> None:
    scale = tier_scale(gwp=275.0, unit="kgCO2e/m3", limits=[("Top 20%", 284.0), ("Better than average", 352.0)])
    assert [label for _, label in scale.axis] == ["0", "100", "200", "300", "400"]
    assert scale.axis[0][0] == 0.0 and scale.axis[4][0] == pytest.approx(100 * 400 / (352 * 1.2), abs=0.01)
    assert scale.svg.count('stroke="#5b6670"') == 5  # one tick mark per number


def flat(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return " ".join(" ".join(page.extract_text() or "" for page in doc.pages).split())


def test_the_page_shows_binning_program_status_pcr_and_ticks(rulesets: dict[str, RuleSet]) -> None:
    doc = native_epd()
    doc["products"][0]["compressive_strength"] = {"value": 2901, "unit": "psi"}
    doc["products"][0]["gwp_a1a3"]["value"] = 150.0
    data = make_data(assess(doc, rulesets), rulesets)
    text = flat(render_certificate(data))
    # the two columns' lines interleave in the extracted text
    assert re.search(r"2,901 psi, between classes, judged in .*the class below: f'c up to 2499 psi", text), text
    assert "Program status contract-bound legacy as of" in text
    assert f"PCR {data.pcr}" in text and data.pcr
    assert " 0 100 200 " in text  # the axis under the scale


def test_a_second_hand_limit_says_so(rulesets: dict[str, RuleSet]) -> None:
    california = rulesets["buy-clean-california"]
    second = next(r for r in california.rules if r.confidence == "second-hand")
    verbatim = next(r for r in california.rules if r.confidence == "verbatim")
    assert _limit_note(verbatim, california) is None
    note = _limit_note(second, california)
    assert note is not None and note.startswith("second-hand: as reported by epd.guide")
