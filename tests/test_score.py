from __future__ import annotations

from tonecheck.finding import Finding
from tonecheck.score import by_category, overall, verdict


def f(severity: str, weight: float, category: str = "harsh") -> Finding:
    return Finding("HR001", "x", category, severity, 0, 1, 1, 1, "x", "m", weight)


def test_overall_is_100_minus_weights_clamped():
    assert overall([]) == 100
    assert overall([f("warning", 8), f("info", 2)]) == 90
    assert overall([f("error", 25)] * 5) == 0


def test_category_scores():
    scores = by_category([f("warning", 8, "slang"), f("error", 25, "harsh")])
    assert scores["slang"] == 92 and scores["harsh"] == 75 and scores["privacy"] == 100


def test_verdict_by_worst_severity():
    assert verdict([], 100) == "ok"
    assert verdict([f("info", 2)], 98) == "ok"
    assert verdict([f("warning", 8)], 92) == "fix"
    assert verdict([f("error", 25)], 75) == "block"


def test_many_warnings_block_sending():
    warnings = [f("warning", 8)] * 7
    assert verdict(warnings, overall(warnings)) == "block"  # 44 / 100
    assert verdict(warnings[:6], overall(warnings[:6])) == "fix"  # 52 / 100
