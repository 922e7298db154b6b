"""PS004: «Уважаемый/Уважаемая» agrees in gender with the name after it."""

from __future__ import annotations

import pytest

from tests.conftest import codes


@pytest.fixture(scope="module")
def honorific(only):
    return only("PS004")


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("Уважаемый Анна, заказ готов.", "Уважаемая Анна, заказ готов."),
        ("Уважаемая Игорь Викторович, заказ готов.", "Уважаемый Игорь Викторович, заказ готов."),
        ("Дорогой Мария-Луиза, спасибо!", "Дорогая Мария-Луиза, спасибо!"),
        ("Уважаемый Александра, заказ готов.", "Уважаемая Александра, заказ готов."),
        ("Уважаемый Вера Павловна, заказ готов.", "Уважаемая Вера Павловна, заказ готов."),
        ("Уважаемый Любовь Андреевна, заказ готов.", "Уважаемая Любовь Андреевна, заказ готов."),
        ("Уважаемая Лев, заказ готов.", "Уважаемый Лев, заказ готов."),
        ("Уважаемая Джон, заказ готов.", "Уважаемый Джон, заказ готов."),
        ("Уважаемый Саша Петровна, заказ готов.", "Уважаемая Саша Петровна, заказ готов."),
        ("Здравствуйте, уважаемый Ольга!", "Здравствуйте, уважаемая Ольга!"),
        ("Уважаемая клиент, заказ готов.", "Уважаемый клиент, заказ готов."),
    ],
)
def test_mismatch_is_fixed_safely(honorific, text, fixed):
    assert codes(honorific.lint(text)) == ["PS004"]
    assert honorific.fix(text) == fixed


def test_customer_gender_decides_for_names_of_either_gender(honorific):
    text = "Уважаемый Саша, заказ готов."
    assert codes(honorific.lint(text)) == []
    assert codes(honorific.lint(text, customer_name="Александра Сергеевна")) == ["PS004"]
    assert codes(honorific.lint(text, customer_name="Александр")) == []


@pytest.mark.parametrize(
    "text",
    [
        "Уважаемая Анна, заказ готов.",
        "Уважаемый Игорь Викторович, заказ готов.",
        "Уважаемый Лев, заказ готов.",
        "Уважаемые клиенты, сервис работает.",
        "Уважаемый клиент, заказ готов.",
        "Дорогая Мария-Луиза, спасибо!",
        "Мы уважаем ваше время.",
    ],
)
def test_agreement_passes(honorific, text):
    assert codes(honorific.lint(text)) == []
