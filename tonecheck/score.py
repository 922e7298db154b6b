"""The score: 100 minus the weights of the findings, overall and per category, and the verdict."""

from __future__ import annotations

from collections.abc import Iterable

from .finding import Finding
from .rule import CATEGORIES

VERDICTS = {
    "ok": "Можно отправлять",
    "fix": "Стоит поправить",
    "block": "Нельзя отправлять",
}


def penalty(findings: Iterable[Finding]) -> float:
    return sum(f.weight for f in findings)


def overall(findings: list[Finding]) -> int:
    """``max(0, round(100 - Σ weight))``; weights default to 25 (error), 8 (warning), 2 (info)."""
    return max(0, round(100 - penalty(findings)))


def by_category(findings: list[Finding]) -> dict[str, int]:
    # One pass, each category's weights added in finding order from 0: the same sums as ``penalty``.
    totals: dict[str, float] = {}
    for f in findings:
        totals[f.category] = totals.get(f.category, 0) + f.weight
    return {c: max(0, round(100 - totals[c])) if c in totals else 100 for c in CATEGORIES}


#: Below this score the draft is not sent even without an error: that many warnings add up.
BLOCK_BELOW = 50


def verdict(findings: list[Finding], score: int) -> str:
    """An error, or a score under ``BLOCK_BELOW``, blocks sending; a warning asks for an edit; hints alone are fine."""
    if score < BLOCK_BELOW or any(f.severity == "error" for f in findings):
        return "block"
    if any(f.severity == "warning" for f in findings):
        return "fix"
    return "ok"
