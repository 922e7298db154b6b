"""The regex kind's replacement mapping."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tonecheck import Linter
from tonecheck.checks import kind_keys
from tonecheck.errors import RuleError
from tonecheck.rule import parse_rule


def _linter(replace) -> Linter:
    data = {
        "code": "XX004", "name": "test-regex", "category": "slang", "severity": "warning",
        "kind": "regex", "message": "m", "why": "w", "fix_safety": "unsafe",
        "examples": {"fire": ["x"], "pass": ["y"]}, "regex": r"(?<!\w)(?:[тТ]к|мб|зп)(?!\w)", "replace": replace,
    }
    return Linter(rules=[parse_rule(data, {}, "test.yaml", kind_keys())])


def test_mapping_replaces_each_match_by_its_own_text():
    linter = _linter({"тк": "так как", "мб": "может быть"})
    assert linter.fix("Тк поздно, мб завтра.", unsafe=True) == "Так как поздно, может быть завтра."


def test_match_missing_from_the_mapping_has_no_fix():
    report = _linter({"тк": "так как"}).lint("Какая зп?")
    assert [f.text for f in report.findings] == ["зп"]
    assert not report.findings[0].suggestions


def test_mapping_values_must_be_strings():
    with pytest.raises(RuleError):
        _linter({"тк": 5})


def test_gate_is_checked_at_load():
    data = {
        "code": "XX004", "name": "test-regex", "category": "slang", "severity": "warning",
        "kind": "regex", "message": "m", "why": "w", "examples": {"fire": ["x"], "pass": ["y"]},
        "regex": "а", "gate": "(",
    }
    with pytest.raises(RuleError):
        Linter(rules=[parse_rule(data, {}, "test.yaml", kind_keys())])


@given(text=st.text(alphabet="аАеЕёЁоОшмсрук -ДдЯяw1_.,!", max_size=30))
def test_gate_never_skips_a_match(linter, text):
    gated = [c for c in linter.checks if getattr(c, "gate", None) is not None and c.rule.kind == "regex"]
    assert gated  # SL005 carries one
    for check in gated:
        if check.regex.search(text):
            assert check.gate.search(text)


def test_gated_rule_still_fires_and_passes(linter):
    def codes(text: str) -> set[str]:
        return {f.code for f in linter.lint(text).findings}

    assert "SL005" in codes("Дааа, заказ уже в пути.")
    assert "SL005" in codes("ОЧЕЕЕНЬ долго")
    assert "SL005" not in codes("Заказ уже в пути.")
