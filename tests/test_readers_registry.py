"""The JSON reader registry: every document is claimed by exactly one reader, so no result depends on list order."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from buyclean.core.readers import JSON_READERS, claimants, json_readers, read_json_document
from buyclean.errors import UnsupportedFormat
from tests.conftest import CORPUS, DATA, needs_corpus

# the folder a document sits in names the format that must claim it ("native" is the buyclean format)
FORMAT_OF_FOLDER = {"native": "buyclean", "openepd": "openepd", "ec3": "ec3", "ilcd": "ilcd", "iso22057": "iso22057"}


def _documents(root: Path) -> list[Path]:
    return sorted(p for folder in FORMAT_OF_FOLDER for p in (root / folder).glob("*.json"))


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8-sig"))


def test_every_format_module_is_a_reader() -> None:
    assert [r.format for r in json_readers()] == ["buyclean", "openepd", "ec3", "ilcd", "iso22057"]
    assert len(JSON_READERS) == len(set(JSON_READERS))


@pytest.mark.parametrize("path", _documents(DATA), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_seed_document_is_claimed_by_exactly_one_reader(path: Path) -> None:
    found = [r.format for r in claimants(_load(path))]
    assert found == [FORMAT_OF_FOLDER[path.parent.name]]


@needs_corpus
@pytest.mark.corpus
def test_every_corpus_record_is_claimed_by_exactly_one_reader() -> None:
    paths = _documents(CORPUS)
    assert paths
    wrong = {f"{p.parent.name}/{p.name}": [r.format for r in claimants(_load(p))] for p in paths}
    wrong = {name: found for name, found in wrong.items() if found != [FORMAT_OF_FOLDER[name.split("/")[0]]]}
    assert not wrong


def test_a_document_with_the_marks_of_two_formats_is_refused_not_guessed() -> None:
    # EC3's category object beside ISO 22057's lists: only EC3 claims it (ISO 22057 steps back from EC3's mark)
    both = {"category": {"openepd": "Concrete >> ReadyMix"}, "declared_unit": "1 m3",
            "subScenarios": [{"subScenarioItems": []}], "subIndicators": []}
    assert [r.format for r in claimants(both)] == ["ec3"]
    nothing = {"title": "not an EPD"}
    assert claimants(nothing) == []
    with pytest.raises(UnsupportedFormat):
        read_json_document(nothing)
