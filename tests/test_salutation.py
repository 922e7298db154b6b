"""PS005: an impersonal salutation when the customer's name is not known."""

from __future__ import annotations

import pytest

from tests.conftest import codes


@pytest.fixture(scope="module")
def salutation(only):
    return only("PS005")


@pytest.mark.parametrize(
    "text",
    [
        "Уважаемый клиент! Заказ у курьера.",
        "Дорогие покупатели, акция продлена.",
        "Здравствуйте, уважаемая клиентка! Возврат оформлен.",
        "Уважаемый пользователь, пароль изменён.",
    ],
)
def test_impersonal_salutation_is_an_info_hint(salutation, text):
    report = salutation.lint(text)
    assert codes(report) == ["PS005"] and report.findings[0].severity == "info"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Уважаемый клиент! Заказ у курьера.", "Анна"),
        ("Уважаемый {{ customer.first_name }}! Заказ у курьера.", None),
        ("Уважаемый {name}! Заказ у курьера.", None),
        ("Уважаемый %NAME%! Заказ у курьера.", None),
        ("Уважаемый ${name}! Заказ у курьера.", None),
        ("Здравствуйте! Заказ у курьера. Каждый клиент получит SMS.", None),
    ],
)
def test_no_hint_with_a_name_or_a_placeholder(salutation, text, name):
    assert codes(salutation.lint(text, customer_name=name)) == []


def test_the_word_lookup_skips_only_salutations_that_cannot_match(salutation):
    import copy

    from tonecheck.pattern import Lookup

    check = salutation.checks[0]
    every = copy.copy(check)
    object.__setattr__(every, "lookup", Lookup({}, frozenset(), tuple(range(len(check.patterns)))))
    ctx = salutation.context()
    for text in ("Уважаемый клиент! Заказ у курьера.", "Здравствуйте, дорогие покупатели!", "Заказ у курьера.",
                 "Здравствуйте, Анна!", "Клиент, уважаемый, подождите."):
        doc = salutation.doc(text)
        assert list(check.run(doc, ctx)) == list(every.run(doc, ctx)), text
