"""The one place that imports razdel: tokens and sentences with offsets into the text."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from razdel import sentenize, tokenize

#: Emoji and pictographs razdel leaves glued to a word («спасибо😊»), with their joiners and selectors.
_PICTOGRAPH = re.compile(r"[\u200d\ufe0e\ufe0f\U0001f3fb-\U0001f3ff]")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    stop: int
    text: str


def tokens(text: str) -> list[Span]:
    out: list[Span] = []
    for t in tokenize(text):
        out.extend(_split_pictographs(Span(t.start, t.stop, t.text)))
    return out


def sentences(text: str) -> list[Span]:
    return [Span(s.start, s.stop, s.text) for s in sentenize(text)]


def _is_pictograph(ch: str) -> bool:
    return unicodedata.category(ch) in ("So", "Cs") or bool(_PICTOGRAPH.match(ch))


def _split_pictographs(span: Span) -> list[Span]:
    """«спасибо😊» → «спасибо», «😊»: a word and an emoji are two tokens, as a word and a comma are."""
    text = span.text
    if text.isalnum() or not any(_is_pictograph(ch) for ch in text) or not any(ch.isalpha() for ch in text):
        return [span]
    parts: list[Span] = []
    begin = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or _is_pictograph(text[i]) != _is_pictograph(text[begin]):
            parts.append(Span(span.start + begin, span.start + i, text[begin:i]))
            begin = i
    return parts
