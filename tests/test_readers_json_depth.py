"""The nesting check that runs before json.loads: brackets inside strings do not count, real nesting does."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from buyclean.core.readers import MAX_JSON_DEPTH, parse_json
from buyclean.core.readers.jsondoc import nesting_depth_exceeds
from buyclean.errors import InputTooLarge


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


def depth_of(value: object) -> int:
    """The reference: nesting depth of a decoded JSON value (a scalar is 0, [] is 1)."""
    if isinstance(value, list):
        return 1 + max((depth_of(v) for v in value), default=0)
    if isinstance(value, dict):
        return 1 + max((depth_of(v) for v in value.values()), default=0)
    return 0


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(alphabet='[]{}"\\ aé€\n', max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(alphabet='[]{}"\\ k', max_size=4), inner,
                                                                max_size=4),
    max_leaves=40)


@settings(max_examples=300, deadline=None)
@given(JSON_VALUES, st.integers(min_value=0, max_value=8), st.booleans())
def test_the_byte_check_agrees_with_the_decoded_depth(value: object, limit: int, ascii_only: bool) -> None:
    data = json.dumps(value, ensure_ascii=ascii_only).encode()
    assert nesting_depth_exceeds(data, limit) == (depth_of(value) > limit)
