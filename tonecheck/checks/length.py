"""Too long for the channel: a chat message in characters, a paragraph in sentences, a sentence in words.

``unit`` is ``chars`` (the whole message), ``paragraph_sentences`` (a paragraph is a line or a block
between blank lines) or ``sentence_words``; ``limit`` is the largest count that passes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..context import Context
from ..doc import Doc, Token
from ..finding import Hit
from ..layout import chunks, paragraphs
from ..morph import Morph
from ..rule import Rule

KEYS = {"unit", "limit"}
UNITS = ("chars", "paragraph_sentences", "sentence_words")


def plural(n: int, one: str, few: str, many: str) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return one
    return few if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14) else many


@dataclass(frozen=True)
class LengthCheck:
    rule: Rule
    unit: str
    limit: int

    def run(self, doc: Doc, ctx: Context) -> Iterator[Hit]:
        if self.unit == "chars":
            yield from self._chars(doc)
        elif self.unit == "paragraph_sentences":
            yield from self._paragraphs(doc)
        else:
            yield from self._sentences(doc)

    def _chars(self, doc: Doc) -> Iterator[Hit]:
        text = doc.text.rstrip()
        if len(text) > self.limit:
            yield Hit(
                self.limit,
                len(text),
                message=f"Сообщение длиннее {self.limit} символов: {len(text)}",
                data={"length": len(text)},
            )

    def _paragraphs(self, doc: Doc) -> Iterator[Hit]:
        if len(doc.sentences) <= self.limit:  # no paragraph holds more sentences than the text
            return
        parts = chunks(doc)
        for start, stop in paragraphs(doc, blank_lines=False):
            inside = [c for c in parts if start <= c.start < stop]
            sentences = {c.words[0].sentence for c in inside}
            if len(sentences) > self.limit:
                n = len(sentences)
                yield Hit(
                    inside[0].start,
                    inside[-1].stop,
                    message=f"Абзац из {n} {plural(n, 'предложения', 'предложений', 'предложений')} "
                    f"(больше {self.limit})",
                    data={"sentences": n},
                )

    def _sentences(self, doc: Doc) -> Iterator[Hit]:
        if len(doc.words) <= self.limit:  # no sentence holds more words than the text
            return
        for chunk in chunks(doc):
            if len(chunk.words) <= self.limit:
                continue
            for words in _lowercase_sentences(doc.view, chunk.words):
                n = len(words)
                if n > self.limit:
                    yield Hit(
                        words[0].start,
                        words[-1].stop,
                        message=f"Предложение из {n} {plural(n, 'слова', 'слов', 'слов')} (больше {self.limit})",
                        data={"words": n},
                    )


#: A full stop, «!», «?» or «…» between two words, with a space after it.
_SENTENCE_END = re.compile(r"[.!?…]+[)»\"']*\s")
#: Shorter words before a dot may be abbreviations («т. е.», «г. Москва», «руб. в месяц»).
_ABBREVIATION_LENGTH = 3


def _lowercase_sentences(view: str, words: tuple[Token, ...]) -> list[tuple[Token, ...]]:
    """A chunk cut where a sentence ends before a lower-case word: razdel keeps «привет. ну чё» whole
    (a lower-case word after a dot is usually an abbreviation's), a chat written without capitals
    ends sentences so; «!», «?» always end one, a dot after a word longer than an abbreviation does."""
    out: list[tuple[Token, ...]] = []
    begin = 0
    for i in range(1, len(words)):
        prev = words[i - 1]
        gap = view[prev.stop:words[i].start]
        found = _SENTENCE_END.match(gap)
        if found and ("." not in found.group() or "…" in found.group() or len(prev.text) > _ABBREVIATION_LENGTH):
            out.append(words[begin:i])
            begin = i
    out.append(words[begin:])
    return out


def compile(rule: Rule, analyzer: Morph) -> LengthCheck:
    unit = rule.spec.get("unit")
    if unit not in UNITS:
        raise rule.error("unit", f"ожидается одно из {', '.join(UNITS)}")
    limit = rule.spec.get("limit")
    if not isinstance(limit, int) or limit < 1:
        raise rule.error("limit", "ожидается целое число ≥ 1")
    return LengthCheck(rule, unit, limit)
