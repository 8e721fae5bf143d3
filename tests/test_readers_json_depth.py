"""The nesting check that runs before json.loads: brackets inside strings do not count, real nesting does."""

from __future__ import annotations

import json

import pytest

from buyclean.errors import InputTooLarge
from buyclean.readers import MAX_JSON_DEPTH, parse_json


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def test_brackets_inside_strings_are_not_nesting() -> None:
    text = json.dumps({"note": nested(500), "quote": 'a \\" [[[ {{{ "', "items": [[1], [2]] * 40})
    assert parse_json(text.encode())["note"] == nested(500)


@pytest.mark.parametrize("depth", [MAX_JSON_DEPTH, MAX_JSON_DEPTH + 1])
def test_nesting_up_to_the_limit_is_read_and_deeper_is_refused(depth: int) -> None:
    # many sibling lists as well, so that the count of brackets alone does not decide
    text = json.dumps({"pad": [[]] * 100, "deep": json.loads(nested(depth - 1))})  # inside the outer object
    if depth > MAX_JSON_DEPTH:
        with pytest.raises(InputTooLarge, match="nests deeper"):
            parse_json(text.encode())
    else:
        assert parse_json(text.encode())["pad"] == [[]] * 100


def test_an_escaped_quote_does_not_end_a_string() -> None:
    text = '{"a": "\\"' + nested(MAX_JSON_DEPTH + 5) + '"}'
    assert parse_json(text.encode())["a"].startswith('"[[')
