from __future__ import annotations

import pytest

from tonecheck.person import distance, norm, parse_person, variant


def test_first_name_and_gender():
    anna = parse_person("Анна")
    assert (anna.given, anna.patronymic, anna.surname, anna.gender) == ("Анна", "", "", "femn")
    assert anna.salutation == "Анна"


def test_patronymic_is_recognised_and_kept_in_the_salutation():
    igor = parse_person("Игорь Викторович")
    assert (igor.given, igor.patronymic, igor.gender) == ("Игорь", "Викторович", "masc")
    assert igor.salutation == "Игорь Викторович"
    assert {"викторовича", "викторовичу"} <= igor.forms


def test_surname_first_is_not_taken_for_the_first_name():
    person = parse_person("Смирнова Анна")
    assert (person.given, person.surname, person.gender) == ("Анна", "Смирнова", "femn")
    assert person.salutation == "Анна"
    assert "смирновой" in person.forms


@pytest.mark.parametrize(
    ("name", "forms"),
    [
        ("Анна", {"анна", "анны", "анне", "анну", "анной"}),
        ("Пётр", {"петр", "петра", "петру", "петром", "петре"}),
        ("Лев", {"лев", "льва", "льву", "львом", "льве"}),
        ("Игорь", {"игорь", "игоря", "игорю", "игорем", "игоре"}),
        ("Любовь", {"любовь", "любови", "любовью"}),
        ("Надежда", {"надежда", "надежды", "надежде", "надежду", "надеждой"}),
        ("Джон", {"джон", "джона", "джону", "джоном", "джоне"}),
    ],
)
def test_every_case_form_of_the_name(name, forms):
    assert forms <= parse_person(name).forms


def test_double_name_keeps_both_halves():
    person = parse_person("Мария-Луиза")
    assert person.given == "Мария-Луиза" and person.gender == "femn"
    assert {"мария-луиза", "марии-луизе", "мария", "луиза"} <= person.forms


def test_short_name_has_no_gender_until_the_patronymic_tells():
    assert parse_person("Саша").gender is None
    assert parse_person("Саша Петровна").gender == "femn"
    assert parse_person("Женя Игоревич").gender == "masc"


def test_latin_name_is_flagged():
    john = parse_person("John")
    assert john.latin and john.given == "John" and john.forms == {"john"}


def test_unknown_name_is_the_first_name():
    assert parse_person("Айгерим").given == "Айгерим"


def test_no_letters_means_no_person():
    assert parse_person("  123 ") is None


def test_clipped_vocative_is_not_a_form_of_the_name():
    assert "тань" not in parse_person("Таня").forms


def test_spelling_helpers():
    assert norm("Алёна") == "алена"
    assert variant("Наталия") == variant("Наталья")
    assert variant("София") == variant("Софья")
    assert variant("Ахмед") == variant("Ахмет")
    assert variant("Мария") != variant("Марина")
    assert distance("ана", "анна") == 1
    assert distance("инна", "анна") == 1
    assert distance("абвгде", "я", limit=2) == 3


def test_nearest_form_for_a_typo():
    anna = parse_person("Анна")
    assert anna.nearest("Ана") == ("анна", 1)
    assert anna.nearest("Ольга") is None
    assert parse_person("Игорь Викторович").nearest("Викторвич") == ("викторович", 1)
