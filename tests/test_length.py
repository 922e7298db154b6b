"""CL051–CL053: chat message length, chat paragraph length, sentence length."""

from __future__ import annotations

import pytest

from tests.conftest import codes
from tonecheck.engine import compile_rules
from tonecheck.errors import RuleError
from tonecheck.morph import morph

SENTENCE = "Курьер привезёт заказ завтра днём. "


def test_chat_message_over_700_characters(only):
    linter = only("CL051")
    text = SENTENCE * 21  # 735 characters
    report = linter.lint(text.strip(), channel="chat")
    assert codes(report) == ["CL051"] and "734" in report.findings[0].message
    assert report.findings[0].start == 700
    assert codes(linter.lint(text, channel="email")) == []
    assert codes(linter.lint(SENTENCE * 19, channel="chat")) == []


def test_chat_paragraph_over_four_sentences(only):
    linter = only("CL052")
    assert codes(linter.lint(SENTENCE * 5)) == ["CL052"]
    assert codes(linter.lint(SENTENCE * 4)) == []
    assert codes(linter.lint(SENTENCE * 3 + "\n" + SENTENCE * 3)) == []
    assert codes(linter.lint(SENTENCE * 5, channel="email")) == []


def test_long_sentence_anywhere(only):
    linter = only("CL053")
    long = "Мы " + "очень " * 24 + "рады."
    report = linter.lint(long, channel="email")
    assert codes(report) == ["CL053"] and "26 слов" in report.findings[0].message
    assert codes(linter.lint("Мы " + "очень " * 23 + "рады.")) == []
    # A list on separate lines is not one sentence even without full stops.
    assert codes(linter.lint("\n".join(["пункт выдачи на Ленина пять"] * 8))) == []


def test_bad_spec_is_a_load_error(builtin_rules):
    rule = next(r for r in builtin_rules if r.code == "CL053")
    for spec in ({"unit": "pages"}, {"limit": 0}, {"limit": "25"}):
        broken = type(rule)(**{**rule.__dict__, "spec": {**rule.spec, **spec}})
        with pytest.raises(RuleError):
            compile_rules([broken], morph())


def test_a_chat_without_capitals_is_cut_into_sentences(linter):
    # razdel keeps «привет. ну чё» in one sentence; the rule counts each short sentence on its own.
    text = ("привет. ну что, посмотрел ваш заказ, там всё в порядке, сейчас курьер его везёт. если что "
            "пишите, поможем. не беспокойтесь, деньги вернём, если что-то будет не так")
    assert "CL053" not in [f.code for f in linter.lint(text).findings]


def test_a_dot_after_an_abbreviation_does_not_end_the_sentence(linter):
    text = ("оплата 500 руб. в месяц, т. е. примерно столько же, сколько вы платили раньше за тариф и за все "
            "дополнительные услуги, которые были подключены в прошлом году")
    found = [f for f in linter.lint(text).findings if f.code == "CL053"]
    assert len(found) == 1 and found[0].data == {"words": 26}
