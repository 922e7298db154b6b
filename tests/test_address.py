from __future__ import annotations

from pathlib import Path

import pytest

from tonecheck.address import addresses, book_for, load_book
from tonecheck.doc import Doc
from tonecheck.errors import RuleError
from tonecheck.person import parse_person
from tonecheck.rule import builtin_dir

BOOK = builtin_dir() / "personalization" / "_address.yaml"


@pytest.fixture(scope="module")
def book():
    return load_book(BOOK.resolve())


def names(text: str, book, person=None) -> list[str]:
    return [" ".join(w.text for w in a.words) for a in addresses(Doc.build(text), book, person)]


def test_book_relatives(book):
    assert {"таня", "танюша", "татьяна"} <= book.relatives("Татьяна")
    assert {"александр", "александра", "саня"} <= book.relatives("Саша")
    assert book.relatives("Ефим") >= {"ефим", "фима"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Здравствуйте, Анна! Заказ готов.", ["Анна"]),
        ("Анна Петровна, добрый день!", ["Анна Петровна"]),
        ("Здравствуйте Анна! Заказ готов.", ["Анна"]),
        ("Добрый день, Мария-Луиза!", ["Мария-Луиза"]),
        ("Спасибо за ожидание, Роза!", ["Роза"]),
        ("Уважаемая Вера Павловна, заказ готов.", ["Вера Павловна"]),
        ("Ваш курьер Пётр приедет в 15:00.", []),
        ("Меня зовут Ирина, я помогу.", []),
        ("Передали вопрос коллеге, Петру.", []),
        ("Возврат оформлен.\n\nС уважением,\nПётр", []),
        ("Возврат оформлен.\n\nПётр, служба поддержки", []),
        ("Возврат оформлен. С уважением, Пётр", []),
        ("Вера в успех важна.", []),
    ],
)
def test_addresses(book, text, expected):
    assert names(text, book) == expected


def test_honorific_and_opening_are_recorded(book):
    [address] = addresses(Doc.build("Уважаемая Анна, заказ готов. Курьер позвонит."), book)
    assert address.honorific is not None and address.honorific.text == "Уважаемая"
    assert address.opening


def test_lower_case_customer_name_is_a_candidate_only_for_the_customer(book):
    assert names("Здравствуйте, анна!", book) == []
    assert names("Здравствуйте, анна!", book, parse_person("Анна")) == ["анна"]


def test_keys_in_an_address_use_nominative_readings(book):
    doc = Doc.build("Александр")
    word = doc.words[0]
    assert "александра" in book.keys(word) or "александр" in book.keys(word)
    assert book.keys(word, address=True) == {"александр"}


def test_book_errors_name_file_and_field(tmp_path: Path):
    bad = tmp_path / "_bad.yaml"
    bad.write_text(
        "honorifics: [уважаемый]\nnames:\n  Анна: {short: [Аня], pet: [Анечка]}\n", encoding="utf-8"
    )
    with pytest.raises(RuleError) as err:
        load_book(bad)
    assert str(bad) in str(err.value) and "names.Анна" in str(err.value)
    unknown = tmp_path / "_unknown.yaml"
    unknown.write_text("greetings: [привет]\n", encoding="utf-8")
    with pytest.raises(RuleError, match="greetings"):
        load_book(unknown)


def test_rule_must_point_to_an_existing_book(builtin_rules):
    rule = next(r for r in builtin_rules if r.code == "PS001")
    broken = type(rule)(**{**rule.__dict__, "spec": {**rule.spec, "address": "_missing.yaml"}})
    with pytest.raises(RuleError, match="не найден"):
        book_for(broken)


def test_addresses_are_kept_per_person_on_one_doc(book):
    # The name rules and FM010 share one result per (book, person); the customer changes the answer.
    doc = Doc.build("анна, заказ готов.")
    anna = parse_person("Анна")
    assert addresses(doc, book) == []
    assert [a.words[0].text for a in addresses(doc, book, anna)] == ["анна"]
    assert addresses(doc, book, anna) is addresses(doc, book, anna)
    assert addresses(doc, book) == []


def test_capitals_prefilter_asks_every_capitalised_word():
    from tonecheck.address import _candidate, _candidates

    doc = Doc.build("Здравствуйте, Анна! ваш ЗАКАЗ у Курьера, ИНН и Айгерим. ана, Ана")
    assert _candidates(doc.words, None) == [_candidate(w, None) for w in doc.words]
    anna = parse_person("Анна")
    assert _candidates(doc.words, anna) == [_candidate(w, anna) for w in doc.words]
