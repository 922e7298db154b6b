"""ST901: a placeholder opened and never closed (the placeholder kind)."""

from __future__ import annotations

import dataclasses

from tonecheck import Linter
from tonecheck.checks import placeholder
from tonecheck.morph import morph


def test_the_openers_gate_uses_the_rules_own_pairs(builtin_rules):
    rule = next(r for r in builtin_rules if r.code == "ST901")
    square = dataclasses.replace(rule, spec={**rule.spec, "pairs": {"[[": "]]"}})
    check = placeholder.compile(square, morph())
    linter = Linter(rules=[rule])
    doc = linter.doc("Здравствуйте, [[name! Заказ готов.")
    assert [(h.start, h.end) for h in check.run(doc, linter.context())] == [(14, 34)]
    # The built-in openers are not this rule's: a text with only «{{» has nothing open for it.
    assert list(check.run(linter.doc("Заказ готов. {{ x"), linter.context())) == []


def test_text_without_openers_has_nothing_open(only):
    assert only("ST901").lint("Заказ готов, {курьер} позвонит $ 5").findings == []
    assert [f.code for f in only("ST901").lint("Заказ готов, {{ name").findings] == ["ST901"]
