"""The one place that imports razdel: tokens and sentences with offsets into the text."""

from __future__ import annotations

from dataclasses import dataclass

from razdel import sentenize, tokenize


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    stop: int
    text: str


def tokens(text: str) -> list[Span]:
    return [Span(t.start, t.stop, t.text) for t in tokenize(text)]


def sentences(text: str) -> list[Span]:
    return [Span(s.start, s.stop, s.text) for s in sentenize(text)]
