"""Fixes as edits: choosing, applying and shaping replacements."""

from __future__ import annotations

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
    """Apply non-overlapping edits; offsets refer to ``text``.

    Where a deletion took a word out, the seam is tidied (see ``_seam``); the rest of the text is left
    exactly as it was (a Markdown line break of two spaces elsewhere stays).
    """
    out = text
    for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        if edit.replacement:
            out = out[: edit.start] + edit.replacement + out[edit.end:]
        else:
            out = _seam(out[: edit.start], out[edit.end:])
    return out


_SPACES = " \t"


def _seam(left: str, right: str) -> str:
    """``left + right`` after a deletion between them, tidied where they meet: one space instead of two,
    none before punctuation or at a line's end, no comma or space left at a line's start, no comma
    before a full stop («Это же очевидно , кнопка» less «Это же очевидно» → «кнопка»)."""
    head = left.rstrip(_SPACES)
    tail = right.lstrip(_SPACES)
    gap = " " if len(head) < len(left) or len(tail) < len(right) else ""
    if not head or head[-1] in "\r\n":  # the deletion opened a line: no comma or space may lead it
        return head + tail.lstrip(_SPACES + ",").lstrip(_SPACES)
    if not tail or tail[0] in "\r\n" or tail[0] in ",.!?;:":
        gap = ""
    if head.endswith(",") and tail[:1] in (".", "!", "?"):
        head = head[:-1]
    return head + gap + tail


SENTENCE_END = ".!?…\n"
TRAILING = ",;:!?.…—–-"


def deletion(text: str, start: int, stop: int, safe: bool = False) -> Suggestion:
    """Delete ``text[start:stop]`` with the commas and spaces that would be left hanging.

    «Блять, опять» → «Опять»; «Я, блин, не знаю» → «Я не знаю»; «не знаю, блин.» → «не знаю.»
    """
    n = len(text)
    # Part of a hyphenated word: «хуйло-курьер» → «курьер», «какой-то-хуй» → «какой-то».
    if stop < n and text[stop] == "-" and stop + 1 < n and text[stop + 1].isalnum():
        before = text[:start].rstrip(" \t")
        if not before or before[-1] in SENTENCE_END:
            return Suggestion(text[stop + 1].upper(), start, stop + 2, safe)
        return Suggestion("", start, stop + 1, safe)
    if start > 0 and text[start - 1] == "-" and start > 1 and text[start - 2].isalnum():
        return Suggestion("", start - 1, stop, safe)
    left = start
    while left > 0 and text[left - 1] in " \t":
        left -= 1
    right = stop
    while right < n and text[right] in " \t":
        right += 1
    if left == 0 or text[left - 1] in SENTENCE_END:
        k = right
        while k < n and (text[k] in TRAILING or text[k] in " \t"):
            k += 1
        if k < n and text[k].isalpha():
            return Suggestion(text[k].upper(), start, k + 1, safe)
        return Suggestion("", start, k, safe)
    if text[left - 1] == ",":
        if right < n and text[right] == ",":
            # «Я,блин,не знаю» → «Я не знаю»: the commas held the words apart, a space now does.
            joined = left >= 2 and text[left - 2] not in " \t\n" and right + 1 < n and text[right + 1] not in " \t\n"
            return Suggestion(" " if joined else "", left - 1, right + 1, safe)
        return Suggestion("", left - 1, stop, safe)
    if left < start:
        return Suggestion("", left, stop, safe)
    return Suggestion("", start, right, safe)
