"""Readability of Russian text: Flesch Reading Ease as adapted by Oborneva,
206.835 − 1.3 · (words per sentence) − 60.1 · (syllables per word), a syllable being a vowel.

The index goes to ``report.readability``; the rule fires when it falls below ``min_index`` in a text
of at least ``min_words`` words (short replies swing too much to judge).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain
from operator import attrgetter
from typing import Any

from ..context import Context
from ..doc import Doc
from ..finding import Hit
from ..layout import chunks
from ..morph import Morph
from ..rule import Rule

KEYS = {"min_index", "min_words"}
VOWELS = frozenset("аеёиоуыэюяaeiouy")
_TEXT = attrgetter("text")
_WORDS = attrgetter("words")
#: Oborneva's bands, upper bounds first.
LEVELS = (
    (80, "очень лёгкий"),
    (60, "лёгкий"),
    (40, "средний"),
    (20, "трудный"),
    (float("-inf"), "очень трудный"),
)


def syllables(word: str) -> int:
    lower = word.lower()
    return max(1, len(lower) - len(lower.translate(_NO_VOWELS)))  # vowels counted in C


_NO_VOWELS = str.maketrans(dict.fromkeys(VOWELS))


#: ``syllables`` by word: a plain dict looked up in C (an ``lru_cache`` hit also relinks its list).
_SYLLABLES: dict[str, int] = {}
_SYLLABLES_MAX = 100_000


def _syllable_count(texts: list[str]) -> int:
    counts = list(map(_SYLLABLES.get, texts))
    if None in counts:
        if len(_SYLLABLES) > _SYLLABLES_MAX:
            _SYLLABLES.clear()
        for i, text in enumerate(texts):
            if counts[i] is None:
                counts[i] = _SYLLABLES[text] = syllables(text)
    return sum(counts)  # type: ignore[arg-type]


def index(doc: Doc) -> tuple[float, int] | None:
    """The readability index and the word count, or None for a text without words (kept in ``doc.memo``:
    ``run`` and ``measure`` both ask for it)."""
    if "readability:index" not in doc.memo:
        doc.memo["readability:index"] = _index(doc)
    return doc.memo["readability:index"]  # type: ignore[return-value]


def _index(doc: Doc) -> tuple[float, int] | None:
    parts = chunks(doc)
    words = list(chain.from_iterable(map(_WORDS, parts)))
    if not words:
        return None
    asl = len(words) / len(parts)
    asw = _syllable_count(list(map(_TEXT, words))) / len(words)
    return round(206.835 - 1.3 * asl - 60.1 * asw, 1), len(words)


def level(value: float) -> str:
    for bound, name in LEVELS:
        if value >= bound:
            return name
    raise ValueError(value)  # only NaN: the last band takes everything else


@dataclass(frozen=True)
class ReadabilityCheck:
    rule: Rule
    min_index: float
    min_words: int

    def run(self, doc: Doc, ctx: Context) -> Iterator[Hit]:
        found = index(doc)
        if found is None:
            return
        value, count = found
        if count >= self.min_words and value < self.min_index:
            longest = max(chunks(doc), key=lambda c: len(c.words))  # the place to start simplifying
            yield Hit(
                longest.start,
                longest.stop,
                message=f"Текст трудно читать: индекс читаемости {value:.0f} ({level(value)}), "
                f"нужно не ниже {self.min_index:.0f}",
                data={"readability": value},
            )

    def measure(self, doc: Doc, ctx: Context) -> dict[str, Any]:
        found = index(doc)
        return {} if found is None else {"readability": found[0], "readability_level": level(found[0])}


def compile(rule: Rule, analyzer: Morph) -> ReadabilityCheck:
    min_index = rule.spec.get("min_index", 10)
    if not isinstance(min_index, (int, float)):
        raise rule.error("min_index", "ожидается число")
    min_words = rule.spec.get("min_words", 30)
    if not isinstance(min_words, int) or min_words < 1:
        raise rule.error("min_words", "ожидается целое число ≥ 1")
    return ReadabilityCheck(rule, float(min_index), min_words)
