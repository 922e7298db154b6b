"""Broken templates: a placeholder opened (``{{``, ``{%``, ``{#``, ``${``) and never closed."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from ..context import Context
from ..doc import Doc
from ..finding import Hit
from ..morph import Morph
from ..rule import Rule
from ..template import compile_patterns, unclosed

KEYS = {"pairs"}


@dataclass(frozen=True)
class UnclosedPlaceholderCheck:
    rule: Rule
    pairs: Mapping[str, str]
    #: Any opener: a text without one has nothing left open.
    opener: re.Pattern[str] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "opener", re.compile("|".join(map(re.escape, self.pairs))))

    def run(self, doc: Doc, ctx: Context) -> Iterable[Hit]:
        if not self.opener.search(doc.text):
            return ()
        return self._run(doc)

    def _run(self, doc: Doc) -> Iterator[Hit]:
        # Closed: what the default patterns match, plus the project's own placeholder kinds.
        openers = tuple(self.pairs)
        closed = [m.span() for m in compile_patterns(None).finditer(doc.text)]
        closed += [span for span in doc.placeholders if not doc.text.startswith(openers, span[0])]
        for start, end in unclosed(doc.text, closed, self.pairs):
            opener = next(o for o in sorted(self.pairs, key=len, reverse=True) if doc.text.startswith(o, start))
            yield Hit(start, end, message=f"Заполнитель «{opener}» не закрыт: нет «{self.pairs[opener]}»")


def compile(rule: Rule, analyzer: Morph) -> UnclosedPlaceholderCheck:
    pairs = rule.spec.get("pairs")
    if not isinstance(pairs, dict) or not pairs or not all(
            isinstance(k, str) and isinstance(v, str) and k and v for k, v in pairs.items()):
        raise rule.error("pairs", "ожидается словарь «открывающий разделитель: закрывающий»")
    return UnclosedPlaceholderCheck(rule, dict(pairs))
