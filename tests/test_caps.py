"""SH001: shouting in capitals (the caps kind); words' verdicts are cached by their spelling."""

from __future__ import annotations

import pytest

from tests.conftest import codes


@pytest.fixture(scope="module")
def caps(only):
    return only("SH001")


def test_shouting_is_found_with_new_and_with_cached_words(caps):
    text = "Мы ВАМ УЖЕ ПИСАЛИ про возврат"
    first = caps.lint(text).findings
    again = caps.lint(text).findings  # every verdict now comes from the cache
    assert [f.code for f in first] == ["SH001"] and first == again
    assert first[0].text == "ВАМ УЖЕ ПИСАЛИ"


@pytest.mark.parametrize("text", ["мы вам уже писали", "Мы Вам уже писали", "ООО «Ромашка» и МФЦ", "RUTUBE"])
def test_lower_case_title_case_and_abbreviations_do_not_shout(caps, text):
    assert codes(caps.lint(text)) == []
    assert codes(caps.lint(text)) == []  # and not after caching either


def test_a_cached_quiet_word_does_not_hide_a_new_shouted_one(caps):
    caps.lint("возврат оформлен")
    assert codes(caps.lint("возврат ОФОРМЛЕН")) == ["SH001"]


def test_only_words_with_a_capital_are_cached(caps):
    caps.lint("Заказ оформлен, ЖДИТЕ курьера")
    (check,) = [c for c in caps.checks if c.rule.code == "SH001"]
    assert {"Заказ", "ЖДИТЕ"} <= set(check._verdicts) and not {"оформлен", "курьера"} & set(check._verdicts)
