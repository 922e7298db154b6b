"""Suppressions that suppress nothing: a ``tonecheck: disable=…`` comment left behind after a fix.

The check runs after the others: ``review(doc, ctx, findings)`` sees their findings before suppression.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from .. import suppression
from ..context import Context
from ..doc import Doc
from ..finding import Finding, Hit, Suggestion
from ..morph import Morph
from ..rule import Rule

KEYS: set[str] = set()


@dataclass(frozen=True)
class UnusedSuppressionCheck:
    rule: Rule

    def run(self, doc: Doc, ctx: Context) -> Iterable[Hit]:
        return ()  # needs the other rules' findings: see review()

    def review(self, doc: Doc, ctx: Context, findings: Sequence[Finding]) -> Iterator[Hit]:
        directives = suppression.parse(doc.text)
        if not directives:
            return
        _, unused = suppression.apply(directives, findings)
        safe = self.rule.fix_safety == "safe"
        for directive, item in unused:
            remaining = [c for c in directive.codes if c != item]
            if remaining:
                start, end = directive.codes_span
                fix = Suggestion(",".join(remaining), start, end, safe)
            else:
                fix = Suggestion("", *directive.removal, safe)
            named = "всех правил" if item == "*" else f"«{item}»"
            message = f"Подавление {named} ничего не подавляет: замечания здесь нет"
            yield Hit(directive.start, directive.end, (fix,), message=message, data={"selector": item})


def compile(rule: Rule, analyzer: Morph) -> UnusedSuppressionCheck:
    return UnusedSuppressionCheck(rule)
