"""The phrase kind's braced replacements: a lemma inflected like the matched word."""

from __future__ import annotations

import pytest

from tonecheck import Linter
from tonecheck.checks import kind_keys
from tonecheck.errors import RuleError
from tonecheck.rule import parse_rule


def _linter(patterns: list) -> Linter:
    data = {
        "code": "XX003", "name": "test-phrase", "category": "clarity", "severity": "info",
        "kind": "phrase", "message": "m", "why": "w", "fix_safety": "unsafe",
        "examples": {"fire": ["x"], "pass": ["y"]}, "patterns": patterns,
    }
    return Linter(rules=[parse_rule(data, {}, "test.yaml", kind_keys())])


@pytest.mark.parametrize(("before", "after"), [
    ("Произведите оплату.", "Оплатите."),
    ("Мы произвели оплату.", "Мы оплатили."),
    ("Нужно произвести оплату.", "Нужно оплатить."),
    ("Произведя оплату, ждите.", "Оплатив, ждите."),
])
def test_verb_slot_takes_mood_number_and_tense(before, after):
    assert _linter([{"match": "произвести оплата", "replace": "{оплатить}"}]).fix(before, unsafe=True) == after


def test_noun_slot_takes_case_and_number():
    linter = _linter([{"match": "денежный средство", "replace": "{деньги}"}])
    assert linter.fix("Без денежных средств.", unsafe=True) == "Без денег."


def test_imperfective_present_from_a_biaspectual_future():
    linter = _linter([{"match": "доводить до ваш? сведение", "replace": "{сообщать}"}])
    assert linter.fix("Доводим до вашего сведения: офис закрыт.", unsafe=True) == "Сообщаем: офис закрыт."


def test_slot_that_cannot_inflect_fails_at_load():
    with pytest.raises(RuleError):
        _linter([{"match": "в настоящий время", "replace": "{сейчас}"}])
