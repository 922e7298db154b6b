"""The regex kind's replacement mapping."""

from __future__ import annotations

import pytest

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
