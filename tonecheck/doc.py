"""A text analysed once: razdel tokens and sentences with offsets, pymorphy3 readings per word."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import NamedTuple

from . import segment
from .morph import Analysis, Morph, morph


class Token(NamedTuple):
    """One razdel token with its readings (a named tuple: a text makes dozens, each built in one step)."""

    index: int  # type: ignore[assignment]  # the field shadows tuple.index, which no caller needs
    text: str
    start: int
    stop: int
    sentence: int
    analyses: tuple[Analysis, ...] = ()
    lower: str = ""  # lower case, ё written as е
    lemmas: frozenset[str] = frozenset()
    is_word: bool = False
    keys: tuple[str, ...] = ()  # what ``Doc.index`` files the word under: its lemmas and lower case

    @property
    def is_cyrillic(self) -> bool:
        return any("а" <= ch <= "я" or ch in "ёЁ" or "А" <= ch <= "Я" for ch in self.text)

    @property
    def best(self) -> Analysis | None:
        return self.analyses[0] if self.analyses else None

    def has(self, grammemes: frozenset[str], lemma: str | None = None) -> bool:
        return any(a.has(grammemes) and (lemma is None or a.lemma == lemma) for a in self.analyses)


def _known(analyses: tuple[Analysis, ...]) -> bool:
    for analysis in analyses:  # noqa: SIM110 - a plain loop: any() over a generator costs more
        if analysis.known:
            return True
    return False


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    stop: int
    first: int  # index of the first token
    last: int  # index past the last token


@dataclass
class Doc:
    """The original ``text`` and its analysis.

    ``view`` is the text the rules read: the same length as ``text``, with template placeholders and
    markup blanked out, so every offset found in ``view`` is an offset into ``text``.
    """

    text: str
    view: str
    tokens: list[Token]
    sentences: list[Sentence]
    placeholders: list[tuple[int, int]] = field(default_factory=list)
    morph: Morph | None = None
    #: Derived analyses shared by several rules during one lint call (layout chunks, topic terms).
    memo: dict[str, object] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, text: str, view: str | None = None, placeholders: list[tuple[int, int]] | None = None,
              analyzer: Morph | None = None) -> Doc:
        view = text if view is None else view
        if len(view) != len(text):
            raise ValueError("view must have the same length as text")
        analyzer = analyzer or morph()
        sents = segment.sentences(view)
        tokens: list[Token] = []
        bounds = [s.start for s in sents[1:]]
        sent, limit = 0, bounds[0] if bounds else len(view) + 1
        make = tuple.__new__  # Token(...) without the keyword-handling constructor: a tenth of Doc.build
        reading = analyzer.token  # the token's last fields, cached per text
        for start, stop, piece in segment.spans(view):
            while start >= limit:  # tokens come in text order: move on to the sentence they fall in
                sent += 1
                limit = bounds[sent] if sent < len(bounds) else len(view) + 1
            tokens.append(make(Token, (len(tokens), piece, start, stop, sent, *reading(piece))))
        sentences = []
        ti = 0
        for si, s in enumerate(sents):
            first = ti
            while ti < len(tokens) and tokens[ti].sentence == si:
                ti += 1
            sentences.append(Sentence(si, s.start, s.stop, first, ti))
        return cls(text, view, tokens, sentences, list(placeholders or []), analyzer)

    @cached_property
    def line_starts(self) -> list[int]:
        starts = [0]
        i = self.text.find("\n")
        while i >= 0:
            starts.append(i + 1)
            i = self.text.find("\n", i + 1)
        return starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column of ``offset``."""
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    @cached_property
    def name_placeholders(self) -> list[tuple[int, int]]:
        """Placeholders standing for the customer's name (``{{ name }}``, ``%NAME%``): they address by name."""
        from .template import name_spans

        return name_spans(self.text, self.placeholders)

    @cached_property
    def words(self) -> list[Token]:
        """Word tokens only (punctuation and numbers left out), in text order."""
        return [t for t in self.tokens if t.is_word]

    @cached_property
    def vocabulary(self) -> frozenset[str]:
        """Every lemma and lower-case form of ``words``: the keys of ``index``, without building it.

        Most texts hold no word a rule looks for; this set turns them away, and only the others pay for
        the positions in ``index``.
        """
        return frozenset().union(*[token.keys for token in self.words])

    @cached_property
    def index(self) -> dict[str, list[int]]:
        """Positions in ``words`` of every lemma and lower-case form, for rules that look words up."""
        index: dict[str, list[int]] = {}
        for i, token in enumerate(self.words):
            for key in token.keys:
                index.setdefault(key, []).append(i)
        return index

    @cached_property
    def unknown(self) -> list[int]:
        """Positions in ``words`` of the words no reading of which is a dictionary word."""
        return [i for i, token in enumerate(self.words) if not _known(token.analyses)]

    def sentence_tokens(self, sentence: Sentence) -> list[Token]:
        return self.tokens[sentence.first:sentence.last]

    def sentence_text(self, sentence: Sentence) -> str:
        return self.text[sentence.start:sentence.stop]


@lru_cache(maxsize=64)
def customer_doc(message: str, analyzer: Morph | None = None) -> Doc:
    """The customer's message, analysed once however many rules (complaint, topic) read it."""
    return Doc.build(message, analyzer=analyzer)
