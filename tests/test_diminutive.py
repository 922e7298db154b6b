"""FM010: short and familiar forms of a name in an address."""

from __future__ import annotations

import pytest

from tests.conftest import codes


@pytest.fixture(scope="module")
def familiar(only):
    return only("FM010")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Танюша, ваш заказ в пути!", "Татьяна"),
        ("Здравствуйте, Таня! Заказ в пути.", "Татьяна"),
        ("Тань, посмотрите номер заказа.", "Татьяна"),
        ("Тань, посмотрите номер заказа.", "Таня"),
        ("Здравствуйте, Танюша! Заказ в пути.", "Таня"),
        ("Здравствуйте, Саня! Возврат оформлен.", "Александр"),
        ("Здравствуйте, Саша! Возврат оформлен.", "Александра"),
        ("Здравствуйте, Лёва! Возврат оформлен.", "Лев"),
        ("Добрый день, Верочка! Возврат оформлен.", "Вера"),
        ("Добрый день, Надя! Возврат оформлен.", "Надежда"),
        ("Добрый день, Люба! Возврат оформлен.", "Любовь"),
        ("Спасибо, Машенька, что дождались!", "Мария"),
        ("Добрый день, Айгулечка! Заказ в пути.", "Айгуль"),
        ("Привет, Саня! Возврат оформлен.", None),
        ("Здравствуйте, Танечка! Заказ в пути.", None),
        ("Оль, посмотрите номер заказа.", None),
    ],
)
def test_familiar_forms_fire(familiar, text, name):
    assert codes(familiar.lint(text, customer_name=name)) == ["FM010"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Здравствуйте, Татьяна! Заказ в пути.", "Татьяна"),
        ("Здравствуйте, Таня! Заказ в пути.", "Таня"),
        ("Здравствуйте, Таня! Заказ в пути.", None),
        ("Здравствуйте, Саша! Возврат оформлен.", "Саша"),
        ("Здравствуйте, Лев! Возврат оформлен.", "Лев"),
        ("Здравствуйте, Вера! Возврат оформлен.", None),
        ("Здравствуйте, Мария-Луиза! Заказ в пути.", "Мария-Луиза"),
        ("Здравствуйте, Джон! Заказ в пути.", "John"),
        ("Ваш курьер Саня приедет в 15:00.", "Ефим"),
        ("Здравствуйте, Саня! Возврат оформлен.", "Ефим"),
    ],
)
def test_full_or_given_forms_pass(familiar, text, name):
    assert codes(familiar.lint(text, customer_name=name)) == []


@pytest.mark.parametrize(
    ("text", "name", "fixed"),
    [
        ("Танюша, ваш заказ в пути!", "Татьяна", "Татьяна, ваш заказ в пути!"),
        ("Спасибо, Машенька, что дождались!", "Мария", "Спасибо, Мария, что дождались!"),
        ("Здравствуйте, Танюша!", "Таня", "Здравствуйте, Таня!"),
        ("Тань, посмотрите номер заказа.", "Татьяна", "Татьяна, посмотрите номер заказа."),
    ],
)
def test_fix_uses_the_customers_name_safely(familiar, text, name, fixed):
    assert familiar.fix(text, customer_name=name) == fixed


def test_without_a_name_the_book_guesses_and_the_fix_is_unsafe(familiar):
    text = "Здравствуйте, Танечка!"
    assert familiar.fix(text) == text
    assert familiar.fix(text, unsafe=True) == "Здравствуйте, Татьяна!"
    # Женька may be Евгений or Евгения: no guess.
    [finding] = familiar.lint("Привет, Женька!").findings
    assert not finding.suggestions
