"""The one place that imports razdel: tokens and sentences with offsets into the text."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from razdel import sentenize, tokenize

#: Emoji and pictographs razdel leaves glued to a word («спасибо😊»), with their joiners and selectors.
_PICTOGRAPH = re.compile(r"[\u200d\ufe0e\ufe0f\U0001f3fb-\U0001f3ff]")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    stop: int
    text: str


def tokens(text: str) -> list[Span]:
    return [Span(start, stop, piece) for start, stop, piece in spans(text)]


def spans(text: str) -> list[tuple[int, int, str]]:
    """Tokens as (start, stop, text): what ``tokens`` returns, without a record per token."""
    out: list[tuple[int, int, str]] = []
    for t in tokenize(text):
        pieces = _pieces(t.text)
        if pieces is None:
            out.append((t.start, t.stop, t.text))
        else:
            out.extend((t.start + a, t.start + b, t.text[a:b]) for a, b in pieces)
    return out


def sentences(text: str) -> list[Span]:
    return [Span(s.start, s.stop, s.text) for s in sentenize(text)]


def _is_pictograph(ch: str) -> bool:
    return unicodedata.category(ch) in ("So", "Cs") or bool(_PICTOGRAPH.match(ch))


@lru_cache(maxsize=50_000)
def _pieces(text: str) -> tuple[tuple[int, int], ...] | None:
    """«спасибо😊» → «спасибо», «😊»: a word and an emoji are two tokens, as a word and a comma are.

    None when the token stays whole (cached: the same tokens come back in every text).
    """
    if text.isalnum() or not any(_is_pictograph(ch) for ch in text) or not any(ch.isalpha() for ch in text):
        return None
    parts: list[tuple[int, int]] = []
    begin = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or _is_pictograph(text[i]) != _is_pictograph(text[begin]):
            parts.append((begin, i))
            begin = i
    return tuple(parts)
