"""Presence rules: PS006 introduction, ST001 sign-off, ST002 complaint acknowledgement, ST003–ST004 hints."""

from __future__ import annotations

import pytest

from tests.conftest import codes
from tonecheck.engine import compile_rules
from tonecheck.errors import RuleError
from tonecheck.morph import morph


def test_introduction_only_on_first_contact(only):
    linter = only("PS006")
    text = "Здравствуйте, Анна! Ваш заказ уже в пути."
    assert codes(linter.lint(text, first_contact=True)) == ["PS006"]
    assert codes(linter.lint(text)) == []
    for intro in (
        "Меня зовут Ирина.",
        "С вами на связи Ирина.",
        "Я — Пётр, специалист поддержки.",
        "Вам отвечает Ольга.",
        "На связи Тимур.",
    ):
        assert codes(linter.lint(f"Здравствуйте, Анна! {intro} Заказ в пути.", first_contact=True)) == []


def test_signoff_in_email_only(only):
    linter = only("ST001")
    text = "Здравствуйте, Анна!\n\nВозврат оформлен."
    assert codes(linter.lint(text, channel="email")) == ["ST001"]
    assert codes(linter.lint(text, channel="chat")) == []
    for closing in (
        "С уважением,\nИрина",
        "Всего доброго!",
        "Хорошего дня!",
        "С наилучшими пожеланиями,\nИрина",
    ):
        assert codes(linter.lint(f"{text}\n\n{closing}", channel="email")) == []


def test_greeting_is_not_a_signoff(only):
    assert codes(only("ST001").lint("Добрый день!\nЗаказ передан курьеру.", channel="email")) == ["ST001"]


def test_signoff_fix_appends_after_the_last_line(only):
    fixed = only("ST001").fix("Здравствуйте!\n\nВозврат оформлен.  \n", unsafe=True, channel="email")
    assert fixed == "Здравствуйте!\n\nВозврат оформлен.\n\nС уважением,\nслужба поддержки  \n"


COMPLAINTS = [
    "Приложение не работает!",
    "Это безобразие!",
    "Пишу жалобу на курьера.",
    "Верните деньги.",
    "Чайник пришёл сломанный.",
    "Курьер опоздал на два часа.",
    "Сколько можно ждать?",
    "Списали деньги дважды.",
    "Третий день не могу дозвониться.",
    "Товар с браком.",
    "Ужасный сервис.",
    "Я очень недовольна.",
    "До сих пор нет ответа.",
    "Прислали не тот размер.",
]


@pytest.mark.parametrize("message", COMPLAINTS)
def test_complaint_without_apology(only, message):
    report = only("ST002").lint("Здравствуйте! Заказ передан курьеру.", customer_message=message)
    assert codes(report) == ["ST002"]
    assert "клиент пишет" in report.findings[0].message


@pytest.mark.parametrize(
    "ack",
    [
        "Приносим извинения за задержку.",
        "Извините за неудобства.",
        "Просим прощения.",
        "Сожалеем, что так вышло.",
        "Нам очень жаль.",
        "Понимаем ваше недовольство.",
        "Понимаю, как это неприятно.",
        "Это наша ошибка.",
    ],
)
def test_apology_or_empathy_acknowledges(only, ack):
    assert (
        codes(
            only("ST002").lint(
                f"Здравствуйте! {ack} Заказ передан курьеру.",
                customer_message="Заказ опоздал, сколько можно ждать?",
            )
        )
        == []
    )


@pytest.mark.parametrize("message", ["Когда привезут заказ?", "Как поменять адрес доставки?", None])
def test_plain_question_needs_no_apology(only, message):
    assert codes(only("ST002").lint("Здравствуйте! Заказ передан курьеру.", customer_message=message)) == []


def test_k_sozhaleniyu_is_not_an_apology(only):
    report = only("ST002").lint(
        "Здравствуйте! К сожалению, вернуть деньги нельзя.", customer_message="Верните деньги!"
    )
    assert codes(report) == ["ST002"]


def test_thanks_and_help_offer_are_email_hints(only):
    linter = only("ST003", "ST004")
    bare = "Здравствуйте, Анна!\n\nВозврат оформлен.\n\nС уважением,\nслужба поддержки"
    report = linter.lint(bare, channel="email")
    assert codes(report) == ["ST003", "ST004"] and {f.severity for f in report.findings} == {"info"}
    full = (
        "Здравствуйте, Анна!\n\nСпасибо за обращение. Возврат оформлен. Если остались вопросы, пишите.\n\n"
        "С уважением,\nслужба поддержки"
    )
    assert codes(linter.lint(full, channel="email")) == []
    assert codes(linter.lint(bare, channel="chat")) == []
    assert codes(linter.lint(bare, channel="email", followup=True)) == []


def test_bad_spec_is_a_load_error(builtin_rules):
    rule = next(r for r in builtin_rules if r.code == "ST002")
    for spec in (
        {"where": "middle"},
        {"window": 0},
        {"when": {"vip": True}},
        {"when": {"followup": "yes"}},
        {"trigger": []},
        {"patterns": ["<Nonsense>"]},
        {"append": 5},
    ):
        broken = type(rule)(**{**rule.__dict__, "spec": {**rule.spec, **spec}})
        with pytest.raises(RuleError):
            compile_rules([broken], morph())


@pytest.mark.parametrize(
    "signature",
    [
        "Команда «ЛавкаДом»",
        "С уважением,\nКоманда «ЛавкаДом»",
        "Команда поддержки ЛавкаДом",
        "Служба заботы о клиентах",
        "Ваш ЛавкаДом",
        "Ваша команда «ЛавкаДом»",
        "Ирина, специалист службы поддержки",
        "Ирина Смирнова\nстарший специалист службы поддержки\nООО «ЛавкаДом»\n+7 800 555-35-35",
        "Менеджер отдела доставки Пётр Иванов",
        "{{ signature }}",
        "{{ agent.name }}, служба поддержки",
        "{{ agent.name }}",
        "%SIGNATURE%",
        "{% include 'partials/signature.html' %}",
        "Команда {{ shop_name }}",
    ],
)
def test_signature_line_or_placeholder_is_a_signoff(only, signature):
    text = f"Здравствуйте, Анна!\n\nВозврат оформлен.\n\n{signature}"
    assert codes(only("ST001").lint(text, channel="email")) == []


@pytest.mark.parametrize(
    "ending",
    [
        "Команда магазина уже проверяет второй заказ.",  # a sentence with a verb, not a signature
        "Специалист свяжется с вами завтра",
        "Ваш заказ готов",  # «Ваш» and a common noun, not the brand
        "Спасибо, что выбрали «ЛавкаДом»!",
        "Трек-номер: {{ tracking_number }}",  # a placeholder that is not the signature
    ],
)
def test_lines_that_are_not_a_signature(only, ending):
    text = f"Здравствуйте, Анна!\n\nВозврат оформлен.\n\n{ending}"
    assert codes(only("ST001").lint(text, channel="email")) == ["ST001"]


def test_signature_in_html(only):
    text = "<p>Здравствуйте!</p>\n<p>Возврат оформлен.</p>\n<p>Команда «ЛавкаДом»</p>"
    assert codes(only("ST001").lint(text, channel="email", markup="html")) == []


def test_bad_lines_spec_is_a_load_error(builtin_rules):
    rule = next(r for r in builtin_rules if r.code == "ST001")
    for bad in ({"lines": "команда"}, {"lines": [{"pattern": "ваш", "then": "brand"}]},
                {"placeholders": ["(unclosed"]}, {"line_words": 0}):
        broken = type(rule)(**{**rule.__dict__, "spec": {**rule.spec, **bad}})
        with pytest.raises(RuleError):
            compile_rules([broken], morph())
