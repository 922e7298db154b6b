"""CL054 and report.readability: Oborneva's Flesch for Russian."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import codes
from tonecheck.checks.readability import VOWELS, index, level, syllables
from tonecheck.doc import Doc


def test_syllables_are_vowels():
    assert [syllables(w) for w in ("заказ", "здравствуйте", "в", "OK")] == [2, 3, 1, 1]


def test_index_formula():
    doc = Doc.build("Мама мыла раму. Кот спал.")  # 5 words, 2 sentences, 8 syllables
    value, words = index(doc)
    assert words == 5
    assert value == pytest.approx(206.835 - 1.3 * 2.5 - 60.1 * 8 / 5, abs=0.05)


def test_levels():
    assert [level(v) for v in (95, 65, 45, 25, -5)] == [
        "очень лёгкий",
        "лёгкий",
        "средний",
        "трудный",
        "очень трудный",
    ]


def test_readability_in_every_report(linter):
    report = linter.lint("Здравствуйте! Заказ в пути.")
    assert isinstance(report.readability, float) and report.readability_level
    assert "readability" in report.to_dict()
    assert index(Doc.build("   ")) is None


def test_hard_text_fires_and_short_text_does_not(only):
    linter = only("CL054")
    hard = (
        "Осуществление возвратной транзакции производится посредством автоматизированной "
        "идентификационной процедуры, предусматривающей верификацию персонализированных платёжных "
        "реквизитов, незамедлительно после регистрации соответствующего заявления в информационной "
        "системе организации, обеспечивающей обработку. Дополнительная документальная подтверждающая "
        "информация предоставляется исключительно по официальному письменному запросу."
    )
    report = linter.lint(hard)
    assert codes(report) == ["CL054"] and "индекс читаемости" in report.findings[0].message
    assert codes(linter.lint("Осуществление транзакции производится автоматически.")) == []


@given(st.text(alphabet="аеёиоуыэюяАЕЁИОУЫЭЮЯбвгдAEIOUYaeiouyxzİ1 -", max_size=20))
def test_syllables_count_vowels_in_lower_case(word):
    assert syllables(word) == max(1, sum(ch in VOWELS for ch in word.lower()))
