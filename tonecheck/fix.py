"""Fixes as edits: choosing, applying and shaping replacements."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .finding import Finding, Suggestion


def match_case(source: str, replacement: str) -> str:
    """Give ``replacement`` the capitalisation of ``source`` (ЗАКАЗ, Заказ, заказ)."""
    if not replacement or not source:
        return replacement
    letters = [ch for ch in source if ch.isalpha()]
    if len(letters) > 1 and all(ch.isupper() for ch in letters):
        return replacement.upper()
    if source[0].isupper():
        return replacement[0].upper() + replacement[1:]
    if source[0].islower() and replacement[0].isupper() and replacement[1:2].islower():
        return replacement[0].lower() + replacement[1:]
    return replacement


def chosen_edits(findings: Iterable[Finding], *, unsafe: bool = False) -> list[Suggestion]:
    """The first applicable suggestion of each finding, without overlaps (errors first, then text order)."""
    edits: list[Suggestion] = []
    taken: list[tuple[int, int]] = []
    # Worse problems first: where an error's fix and a warning's fix overlap, the error's wins.
    rank = {"error": 0, "warning": 1, "info": 2}
    for finding in sorted(findings, key=lambda f: rank.get(f.severity, 3)):
        for suggestion in finding.suggestions:
            if not (suggestion.safe or unsafe):
                continue
            span = (suggestion.start, suggestion.end)
            if any(span[0] < stop and start < span[1] for start, stop in taken) or (
                span[0] == span[1] and any(start <= span[0] < stop for start, stop in taken)
            ):
                break
            edits.append(suggestion)
            taken.append(span)
            break
    return edits


def apply(text: str, edits: Iterable[Suggestion]) -> str:
    """Apply non-overlapping edits; offsets refer to ``text``."""
    out = text
    for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        out = out[: edit.start] + edit.replacement + out[edit.end:]
    return tidy_deletions(out) if any(not e.replacement for e in edits) else out


def tidy_deletions(text: str) -> str:
    """Collapse the double spaces and stray space before punctuation that deleting a word leaves."""
    text = re.sub(r"[ \t]{2,}", " ", text)
    text = re.sub(r" +([,.!?;:])", r"\1", text)
    text = re.sub(r"^[ ,]+", "", text, flags=re.MULTILINE)
    text = re.sub(r",\s*([.!?])", r"\1", text)
    return text
