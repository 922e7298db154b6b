"""The reply's layout: sentences cut at line breaks, paragraphs, the opening and the closing lines."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from itertools import pairwise
from operator import attrgetter

from .doc import Doc, Token
from .markup import is_preamble

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_LINE_BREAK = re.compile(r"\n\s*")
_START = attrgetter("start")
_SENTENCE = attrgetter("sentence")


@dataclass(frozen=True, slots=True)
class Chunk:
    """A sentence, or the part of one that sits on a single line (signatures and lists have no full stops)."""

    start: int
    stop: int
    words: tuple[Token, ...]


def chunks(doc: Doc) -> list[Chunk]:
    """Sentences split at line breaks; pieces without words (a lone «—») are dropped (cached per Doc)."""
    cached = doc.memo.get("chunks")
    if cached is None:
        cached = doc.memo["chunks"] = _chunks(doc)
    return cached  # type: ignore[return-value]


def _chunks(doc: Doc) -> list[Chunk]:
    view, all_words = doc.view, doc.words
    out: list[Chunk] = []
    for sentence in doc.sentences:
        # The sentence's words, found by halving ``doc.words`` (in text order, so by sentence too).
        first = bisect.bisect_left(all_words, sentence.index, key=_SENTENCE)
        words = all_words[first : bisect.bisect_left(all_words, sentence.index + 1, lo=first, key=_SENTENCE)]
        if not words:
            continue
        start, stop = sentence.start, sentence.stop
        if words[0].start < start or words[-1].start >= stop:  # a word outside the sentence's span
            words = [t for t in words if start <= t.start < stop]
            if not words:
                continue
        if view.find("\n", words[0].stop, words[-1].start) < 0:  # on one line, as most sentences are
            out.append(Chunk(words[0].start, words[-1].stop, tuple(words)))
            continue
        run = [words[0]]
        for prev, word in pairwise(words):
            if view.find("\n", prev.stop, word.start) >= 0:
                out.append(Chunk(run[0].start, run[-1].stop, tuple(run)))
                run = []
            run.append(word)
        out.append(Chunk(run[0].start, run[-1].stop, tuple(run)))
    return out


def words_between(doc: Doc, start: int, stop: int) -> list[Token]:
    """Word tokens that start inside ``[start, stop)``."""
    words = doc.words
    return words[bisect.bisect_left(words, start, key=_START) : bisect.bisect_left(words, stop, key=_START)]


def lead(doc: Doc) -> int:
    """Index of the first chunk of the letter itself, past headings, a preheader or a subject line (cached)."""
    cached = doc.memo.get("lead")
    if cached is None:
        parts = chunks(doc)
        cached = 0
        while cached + 1 < len(parts) and is_preamble(doc.text, parts[cached].start):
            cached += 1
        doc.memo["lead"] = cached
    return cached  # type: ignore[return-value]


def opening(doc: Doc, bare: int = 5) -> tuple[int, int]:
    """The first sentence, and the next as well when the first is only a greeting («Здравствуйте!»).

    Headings and a preheader above the letter are taken in too, with the first sentence after them.
    """
    parts = chunks(doc)
    if not parts:
        return 0, 0
    first = lead(doc)
    stop = parts[first].stop
    if len(parts[first].words) <= bare and len(parts) > first + 1:
        stop = parts[first + 1].stop
    return parts[0].start, stop


def closing(doc: Doc, count: int = 3) -> tuple[int, int]:
    """The last ``count`` chunks: where a sign-off and an offer of help belong."""
    parts = chunks(doc)
    if not parts:
        return len(doc.text), len(doc.text)
    return parts[max(0, len(parts) - count)].start, parts[-1].stop


def paragraphs(doc: Doc, blank_lines: bool = True) -> list[tuple[int, int]]:
    """Paragraph spans: separated by blank lines, or by any line break when ``blank_lines`` is False."""
    splitter = _PARAGRAPH_BREAK if blank_lines else _LINE_BREAK
    out, start = [], 0
    for m in splitter.finditer(doc.text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(doc.text)))
    return [(a, b) for a, b in out if doc.text[a:b].strip()]


def line_of(doc: Doc, offset: int) -> tuple[int, int]:
    """The span of the line holding ``offset``."""
    start = doc.text.rfind("\n", 0, offset) + 1
    stop = doc.text.find("\n", offset)
    return start, len(doc.text) if stop < 0 else stop
