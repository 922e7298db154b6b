"""Too long for the channel: a chat message in characters, a paragraph in sentences, a sentence in words.

``unit`` is ``chars`` (the whole message), ``paragraph_sentences`` (a paragraph is a line or a block
between blank lines) or ``sentence_words``; ``limit`` is the largest count that passes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..context import Context
from ..doc import Doc
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
            n = len(chunk.words)
            if n > self.limit:
                yield Hit(
                    chunk.start,
                    chunk.stop,
                    message=f"Предложение из {n} {plural(n, 'слова', 'слов', 'слов')} (больше {self.limit})",
                    data={"words": n},
                )


def compile(rule: Rule, analyzer: Morph) -> LengthCheck:
    unit = rule.spec.get("unit")
    if unit not in UNITS:
        raise rule.error("unit", f"ожидается одно из {', '.join(UNITS)}")
    limit = rule.spec.get("limit")
    if not isinstance(limit, int) or limit < 1:
        raise rule.error("limit", "ожидается целое число ≥ 1")
    return LengthCheck(rule, unit, limit)
