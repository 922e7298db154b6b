"""PS001–PS003: the customer's name missing from the opening, misspelled, or someone else's."""

from __future__ import annotations

import pytest

from tests.conftest import codes


@pytest.fixture(scope="module")
def names(only):
    return only("PS001", "PS002", "PS003")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Здравствуйте, Анна! Заказ готов.", "Анна"),
        ("Добрый день! Анне отправили трек-номер.", "Анна"),
        ("Добрый день! Просим Анну уточнить адрес.", "Анна"),
        ("Здравствуйте! Спасибо, Анна, что дождались.", "Анна"),
        ("Здравствуйте! Для Анны заказ собран.", "Анна"),
        ("Здравствуйте! Об Анне мы помним.", "Анна"),
        ("Здравствуйте! С Анной свяжется курьер.", "Анна"),
        ("Добрый вечер, Игорь Викторович! Возврат оформлен.", "Игорь Викторович"),
        ("Добрый вечер, Игорь! Возврат оформлен.", "Игорь Викторович"),
        ("Здравствуйте, Мария-Луиза! Посылка в пути.", "Мария-Луиза"),
        ("Здравствуйте, Мария-Луиза! Посылка в пути.", "Мария-Луиза"),
        ("Здравствуйте, Джон! Посылка в пути.", "Джон"),
        ("Здравствуйте, Джон! Посылка в пути.", "John"),
        ("Здравствуйте, Роза! Букет в пути.", "Роза"),
        ("Здравствуйте, Вера! Посылка в пути.", "Вера"),
        ("Здравствуйте, Надежда! Посылка в пути.", "Надежда"),
        ("Здравствуйте, Лев! Посылка в пути.", "Лев"),
        ("Здравствуйте, Любовь Андреевна! Посылка в пути.", "Любовь Андреевна"),
        ("Здравствуйте, Петр! Посылка в пути.", "Пётр"),
        ("Здравствуйте, Алёна! Посылка в пути.", "Алена"),
        ("Уважаемая госпожа Смирнова, посылка в пути.", "Анна Смирнова"),
        ("Здравствуйте, {{ customer.first_name }}! Посылка в пути.", "Анна"),
        ("Здравствуйте, %NAME%! Посылка в пути.", "Анна"),
        ("Здравствуйте, ${name}! Посылка в пути.", "Анна"),
    ],
)
def test_name_used_passes(names, text, name):
    assert codes(names.lint(text, customer_name=name)) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Здравствуйте! Ваш заказ передан в доставку.", "Анна"),
        ("Уважаемый клиент! Заказ у курьера.", "Лев"),
        ("Здравствуйте! Спасибо за веру в нас.", "Вера"),
        ("Здравствуйте! Надежда есть: посылку нашли.", "Надежда"),
        ("Здравствуйте! Любовь к порядку помогла: посылку нашли.", "Любовь"),
        ("Здравствуйте! Заказ в пути. Хорошего дня, Анна!", "Анна"),
    ],
)
def test_name_missing_fires(names, text, name):
    assert codes(names.lint(text, customer_name=name)) == ["PS001"]


def test_missing_name_is_not_asked_in_a_followup_or_without_a_name(names):
    text = "Ваш заказ уже в пути."
    assert codes(names.lint(text, customer_name="Анна", followup=True)) == []
    assert codes(names.lint(text)) == []


def test_missing_name_fix_adds_it_to_a_bare_greeting(names):
    assert (
        names.fix("Здравствуйте! Заказ в пути.", unsafe=True, customer_name="Анна")
        == "Здравствуйте, Анна! Заказ в пути."
    )
    assert (
        names.fix("Добрый день! Заказ в пути.", unsafe=True, customer_name="Смирнова Анна")
        == "Добрый день, Анна! Заказ в пути."
    )
    # A longer first sentence is left for a person to rephrase.
    text = "Здравствуйте, спасибо за обращение! Заказ в пути."
    assert names.fix(text, unsafe=True, customer_name="Анна") == text


@pytest.mark.parametrize(
    ("text", "name", "fixed"),
    [
        ("Здравствуйте, анна!", "Анна", "Здравствуйте, Анна!"),
        ("Здравствуйте, АННА!", "Анна", "Здравствуйте, Анна!"),
        ("Здравствуйте, мария-луиза!", "Мария-Луиза", "Здравствуйте, Мария-Луиза!"),
        ("Здравствуйте, вера!", "Вера", "Здравствуйте, Вера!"),
    ],
)
def test_capitalisation_is_a_safe_fix(names, text, name, fixed):
    report = names.lint(text, customer_name=name)
    assert codes(report) == ["PS002"]
    assert report.findings[0].suggestions[0].safe
    assert names.fix(text, customer_name=name) == fixed


@pytest.mark.parametrize(
    ("text", "name", "fixed"),
    [
        ("Здравствуйте, Ана!", "Анна", "Здравствуйте, Анна!"),
        ("Добрый день, Наталия!", "Наталья", "Добрый день, Наталья!"),
        ("Добрый день, Софья!", "София", "Добрый день, София!"),
        ("Уважаемый Игорь Викторвич!", "Игорь Викторович", "Уважаемый Игорь Викторович!"),
        ("Здравствуйте, Ахмет!", "Ахмед", "Здравствуйте, Ахмед!"),
    ],
)
def test_misspelling_is_an_unsafe_fix(names, text, name, fixed):
    report = names.lint(text, customer_name=name)
    assert codes(report) == ["PS002"]
    assert not report.findings[0].suggestions[0].safe
    assert names.fix(text, customer_name=name) == text
    assert names.fix(text, unsafe=True, customer_name=name) == fixed


def test_common_words_in_lower_case_are_not_names(names):
    for text, name in [
        ("Спасибо за доверие, вера в нас важна.", "Вера"),
        ("Надеемся, что надежда оправдается.", "Надежда"),
    ]:
        assert "PS002" not in codes(names.lint(text, customer_name=name))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Здравствуйте, Пётр! Возврат оформлен.", "Ефим"),
        ("Добрый день, Вера! Посылка в пути.", "Анна"),
        ("Здравствуйте, Инна! Посылка в пути.", "Анна"),
        ("Здравствуйте, Яна! Посылка в пути.", "Анна"),
        ("Здравствуйте, Александр! Посылка в пути.", "Александра"),
        ("Спасибо за ожидание, Роза!", "Лев"),
        ("Уважаемая Анна Петровна, возврат оформлен.", "Анна Сергеевна"),
        ("Инна, ваш заказ готов.", "Анна"),
        ("Здравствуйте, Лев! Посылка в пути.", "Вера"),
    ],
)
def test_other_person_is_an_error(names, text, name):
    report = names.lint(text, customer_name=name)
    assert "PS003" in codes(report)
    assert {f.severity for f in report.findings if f.code == "PS003"} == {"error"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Здравствуйте, Ефим! Ваш курьер Пётр приедет в 15:00.", "Ефим"),
        ("Здравствуйте, Ефим! Меня зовут Пётр.", "Ефим"),
        ("Здравствуйте, Ефим!\n\nВозврат оформлен.\n\nС уважением,\nПётр", "Ефим"),
        ("Здравствуйте, Ефим!\n\nВозврат оформлен.\n\nПётр, служба поддержки", "Ефим"),
        ("Здравствуйте, Александр! Возврат оформлен.", "Саша"),
        ("Здравствуйте, Кирилл Андреевич! Счёт оплачен.", "Кирилл"),
        ("Здравствуйте, Мария! Посылка в пути.", "Мария-Луиза"),
        ("Здравствуйте, Пётр! Возврат оформлен.", None),
        ("Здравствуйте, Джон! Возврат оформлен.", "John"),
    ],
)
def test_not_another_person(names, text, name):
    assert "PS003" not in codes(names.lint(text, customer_name=name))


def test_other_person_fix_uses_the_customers_name(names):
    assert (
        names.fix("Здравствуйте, Пётр! Возврат оформлен.", unsafe=True, customer_name="Ефим")
        == "Здравствуйте, Ефим! Возврат оформлен."
    )
    assert (
        names.fix("Уважаемый Пётр Ильич, возврат оформлен.", unsafe=True, customer_name="Ефим Борисович")
        == "Уважаемый Ефим Борисович, возврат оформлен."
    )


def test_message_names_both_people(names):
    [finding] = names.lint("Здравствуйте, Пётр!", customer_name="Ефим").findings
    assert "Пётр" in finding.message and "Ефим" in finding.message
