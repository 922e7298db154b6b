"""An impersonal salutation («Уважаемый клиент!») in a reply whose customer has no name on record.

When the name is known, PS001 reports its absence instead; a template placeholder in the opening
(«{{ customer.first_name }}») counts as the name.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ..context import Context
from ..doc import Doc
from ..finding import Hit
from ..layout import opening
from ..morph import Morph
from ..pattern import Lookup, Pattern, PatternError, compile_pattern, find
from ..rule import Rule

KEYS = {"patterns"}


@dataclass(frozen=True)
class SalutationCheck:
    rule: Rule
    patterns: tuple[Pattern, ...]
    #: The salutations a text may hold, found by their rarest required word.
    lookup: Lookup = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "lookup", Lookup.of(pattern.required for pattern in self.patterns))

    def run(self, doc: Doc, ctx: Context) -> Iterable[Hit]:
        if ctx.customer_name:
            return ()
        candidates = self.lookup.candidates(doc)
        if not candidates:  # none of the salutations' words is in the text
            return ()
        return self._run(doc, candidates)

    def _run(self, doc: Doc, candidates: list[int]) -> Iterator[Hit]:
        start, stop = opening(doc)
        if any(a < stop for a, _ in doc.placeholders):
            return
        words = doc.words
        for n in candidates:
            for i, end in find(self.patterns[n], doc, words):
                if start <= words[i].start < stop:
                    yield Hit(words[i].start, words[end - 1].stop)
                    return


def compile(rule: Rule, analyzer: Morph) -> SalutationCheck:
    raw = rule.spec.get("patterns")
    if not isinstance(raw, list) or not raw:
        raise rule.error("patterns", "ожидается непустой список шаблонов")
    patterns = []
    for source in raw:
        try:
            patterns.append(compile_pattern(str(source), analyzer))
        except PatternError as exc:
            raise rule.error("patterns", str(exc)) from None
    return SalutationCheck(rule, tuple(patterns))
