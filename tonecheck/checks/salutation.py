"""An impersonal salutation («Уважаемый клиент!») in a reply whose customer has no name on record.

When the name is known, PS001 reports its absence instead; a template placeholder in the opening
(«{{ customer.first_name }}») counts as the name.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..context import Context
from ..doc import Doc
from ..finding import Hit
from ..layout import opening
from ..morph import Morph
from ..pattern import Pattern, PatternError, compile_pattern, find
from ..rule import Rule

KEYS = {"patterns"}


@dataclass(frozen=True)
class SalutationCheck:
    rule: Rule
    patterns: tuple[Pattern, ...]

    def run(self, doc: Doc, ctx: Context) -> Iterator[Hit]:
        if ctx.customer_name:
            return
        start, stop = opening(doc)
        if any(a < stop for a, _ in doc.placeholders):
            return
        words = doc.words
        for pattern in self.patterns:
            for i, end in find(pattern, doc, words):
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
