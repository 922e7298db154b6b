"""GR001: a reply opens with a greeting unless it continues a conversation."""

from __future__ import annotations

import pytest

from tests.conftest import codes
from tonecheck.engine import compile_rules
from tonecheck.errors import RuleError
from tonecheck.morph import morph


@pytest.fixture(scope="module")
def greeting(only):
    return only("GR001")


@pytest.mark.parametrize(
    "text",
    [
        "Здравствуйте! Заказ в пути.",
        "здравствуйте, заказ в пути.",
        "Добрый день, Анна! Заказ в пути.",
        "Доброе утро! Заказ в пути.",
        "Добрый вечер! Заказ в пути.",
        "Доброго дня! Заказ в пути.",
        "Доброго времени суток! Заказ в пути.",
        "Приветствуем! Заказ в пути.",
        "Приветствую вас! Заказ в пути.",
        "Рады приветствовать! Заказ в пути.",
        "Анна, добрый вечер! Заказ в пути.",
        "Уважаемая Анна Петровна, здравствуйте! Заказ в пути.",
        "Уважаемая Анна Петровна! Заказ в пути.",
        "Привет! Заказ в пути.",
        "{{ greeting }}, {{ name }}! Заказ в пути.",
    ],
)
def test_greeting_present(greeting, text):
    assert codes(greeting.lint(text)) == []


@pytest.mark.parametrize(
    "text",
    [
        "Ваш заказ передан в доставку.",
        "Спасибо за обращение! Проверили ваш заказ.",
        "Анна, ваш заказ передан в доставку.",
        "Заказ в пути. Здравствуйте!",
    ],
)
def test_greeting_missing(greeting, text):
    assert codes(greeting.lint(text)) == ["GR001"]


def test_followup_needs_no_greeting(greeting):
    assert codes(greeting.lint("И ещё: курьер позвонит за час.", followup=True)) == []


def test_sms_makes_it_a_hint(greeting):
    [finding] = greeting.lint("Заказ готов к выдаче.", channel="sms").findings
    assert finding.severity == "info"
    [finding] = greeting.lint("Заказ готов к выдаче.", channel="chat").findings
    assert finding.severity == "warning"


@pytest.mark.parametrize(
    ("text", "ctx", "fixed"),
    [
        ("Ваш заказ в пути.", {"customer_name": "Анна"}, "Здравствуйте, Анна! Ваш заказ в пути."),
        (
            "Ваш заказ в пути.",
            {"customer_name": "Игорь Викторович", "channel": "email"},
            "Здравствуйте, Игорь Викторович!\n\nВаш заказ в пути.",
        ),
        ("Ваш заказ в пути.", {"customer_name": "Смирнова Анна"}, "Здравствуйте, Анна! Ваш заказ в пути."),
        ("Анна, ваш заказ в пути.", {"customer_name": "Анна"}, "Здравствуйте, Анна! Ваш заказ в пути."),
        ("Анна Иванова, ваш заказ в пути.", {"customer_name": "Анна Иванова", "channel": "email"},
         "Здравствуйте, Анна Иванова!\n\nВаш заказ в пути."),
        ("Игорь, Анна просила передать: заказ в пути.", {"customer_name": "Анна"},
         "Здравствуйте! Игорь, Анна просила передать: заказ в пути."),  # another person's name stays put
    ],
)
def test_fix_inserts_a_greeting_with_the_name(greeting, text, ctx, fixed):
    assert greeting.fix(text, **ctx) == fixed


def test_no_insertion_without_a_name(greeting):
    report = greeting.lint("Ваш заказ в пути.")
    assert codes(report) == ["GR001"] and not report.findings[0].suggestions


def test_bad_spec_is_a_load_error(builtin_rules):
    rule = next(r for r in builtin_rules if r.code == "GR001")
    for spec in ({"greetings": []}, {"window": 0}, {"hint_channels": ["fax"]}, {"greetings": ["<Nonsense>"]}):
        broken = type(rule)(**{**rule.__dict__, "spec": {**rule.spec, **spec}})
        with pytest.raises(RuleError):
            compile_rules([broken], morph())


def test_the_word_lookup_skips_only_greetings_that_cannot_match(greeting):
    import copy

    from tonecheck.pattern import Lookup

    check = greeting.checks[0]
    every = copy.copy(check)  # the same check trying every greeting, as before the lookup
    object.__setattr__(every, "lookup", Lookup({}, frozenset(), tuple(range(len(check.greetings)))))
    ctx = greeting.context()
    for text in ("Здравствуйте! Заказ в пути.", "Доброго времени суток! Заказ в пути.", "Анна, привет!",
                 "Уважаемая Анна Петровна! Заказ в пути.", "Заказ в пути.", "Хай, заказ в пути.", "", "!!!"):
        doc = greeting.doc(text)
        assert list(check.run(doc, ctx)) == list(every.run(doc, ctx)), text


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ("<h1>Заказ приедет сегодня</h1>\n<p>Здравствуйте, {{ name }}!</p>\n<p>Курьер позвонит.</p>", "html"),
        ('<div style="display:none">Заказ уже в пути</div>\n<p>Добрый день!</p><p>Курьер позвонит.</p>', "html"),
        ('<span class="preheader">Заказ уже в пути</span><p>Добрый день!</p><p>Курьер позвонит.</p>', "html"),
        ('<img src="logo.png" alt="ЛавкаДом"><hr><h2>Заказ в пути</h2><p>Здравствуйте!</p><p>Ждём.</p>', "html"),
        ("## Заказ ждёт вас в пункте выдачи\n\nЗдравствуйте, {{ name }}!\n\nЗаберите его до пятницы.", "markdown"),
        ("![ЛавкаДом](logo.png)\n\n---\n\nЗаказ в пути\n============\n\nДобрый день!\n\nЖдите звонка.", "markdown"),
        ("# Здравствуйте, Анна!\n\nЗаказ в пути.", "markdown"),  # the heading greets
        ("<h1>Добрый день!</h1><p>Заказ в пути.</p>", "html"),
        ("Тема: Заказ в пути\n\nЗдравствуйте!\n\nКурьер позвонит.", "text"),
    ],
)
def test_greeting_after_headings_preheader_logo_or_subject(greeting, text, fmt):
    assert codes(greeting.lint(text, markup=fmt)) == []


def test_missing_greeting_under_a_heading_is_reported_in_the_first_paragraph(greeting):
    text = "<h1>Заказ отправлен</h1>\n<p>Курьер привезёт заказ завтра.</p>"
    report = greeting.lint(text, markup="html", customer_name="Анна", channel="email")
    (finding,) = report.findings
    assert finding.code == "GR001" and finding.text == "Курьер привезёт заказ завтра"
    fixed = greeting.fix(text, markup="html", customer_name="Анна", channel="email")
    assert fixed == "<h1>Заказ отправлен</h1>\n<p>Здравствуйте, Анна!\n\nКурьер привезёт заказ завтра.</p>"


def test_a_plain_first_line_is_not_a_heading(greeting):
    # Without markup the first line is the letter itself, however short.
    assert codes(greeting.lint("Заказ в пути\n\nЗдравствуйте! Курьер позвонит.")) == ["GR001"]
    assert codes(greeting.lint("<p>Заказ в пути</p><p>Здравствуйте!</p>", markup="html")) == ["GR001"]
