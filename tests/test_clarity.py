"""Bureaucratese rules (CL001–CL004): plainer words in the right form, and no noise on data words."""

from __future__ import annotations

import pytest

BUREAUCRATESE = ("CL001", "CL002", "CL003", "CL004")


@pytest.fixture(scope="module")
def clarity(only):
    return only(*BUREAUCRATESE)


@pytest.mark.parametrize(("before", "after"), [
    ("Стоимость данного товара снижена.", "Стоимость этого товара снижена."),
    ("Данную услугу можно отключить.", "Эту услугу можно отключить."),
    ("В данной ситуации поможет оператор.", "В этой ситуации поможет оператор."),
    ("Возврат денежных средств занимает три дня.", "Возврат денег занимает три дня."),
    ("Вернём денежные средства завтра.", "Вернём деньги завтра."),
    ("Доводим до вашего сведения, что офис закрыт.", "Сообщаем, что офис закрыт."),
    ("В настоящее время заказ в пути.", "Сейчас заказ в пути."),
    ("На сегодняшний день доставка работает.", "Сегодня доставка работает."),
    ("В случае если оплата не прошла, напишите.", "Если оплата не прошла, напишите."),
    ("Мы не дозвонились, в связи с тем, что номер занят.", "Мы не дозвонились, потому что номер занят."),
    ("Произведите оплату до пятницы.", "Оплатите до пятницы."),
    ("Вы произвели оплату вчера.", "Вы оплатили вчера."),
    ("Клиентка произвела оплату вчера.", "Клиентка оплатила вчера."),
    ("Мы осуществим возврат в течение трёх дней.", "Мы вернём в течение трёх дней."),
])
def test_plainer_word_takes_the_form_of_the_replaced_one(clarity, before, after):
    assert clarity.fix(before, unsafe=True) == after


def test_safe_fixes_leave_unsafe_rewrites_alone(clarity):
    assert clarity.fix("Произведите оплату в настоящее время.") == "Произведите оплату сейчас."


@pytest.mark.parametrize("text", [
    "Проверьте ваши данные в профиле.",
    "Персональные данные надёжно защищены.",
    "Средства защиты есть в каждой посылке.",
    "Проверьте имеющиеся заказы.",
    "Если оплата не прошла, напишите нам.",
    "Оплата прошла успешно.",
])
def test_plain_text_is_clean(clarity, text):
    assert [f.text for f in clarity.lint(text).findings] == []


def test_one_finding_for_na_dannyi_moment(clarity):
    report = clarity.lint("На данный момент заказ в пути.")
    assert [(f.code, f.text) for f in report.findings] == [("CL001", "На данный момент")]


def test_bureaucratese_is_info(builtin_rules):
    for rule in builtin_rules:
        if rule.code in BUREAUCRATESE:
            assert rule.severity == "info", rule.code
