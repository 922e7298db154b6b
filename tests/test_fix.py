from __future__ import annotations

import pytest

from tonecheck.finding import Finding, Suggestion
from tonecheck.fix import apply, chosen_edits, deletion, match_case


def finding(start, end, *suggestions):
    return Finding("FM001", "x", "familiar", "warning", start, end, 1, start + 1, "", "", 8.0, suggestions)


def test_match_case():
    assert match_case("ЩАС", "сейчас") == "СЕЙЧАС"
    assert match_case("Щас", "сейчас") == "Сейчас"
    assert match_case("щас", "сейчас") == "сейчас"
    assert match_case("привет", "Здравствуйте") == "здравствуйте"


def test_apply_edits_from_the_end():
    text = "Щас напиши мне"
    edits = [Suggestion("Сейчас", 0, 3), Suggestion("напишите", 4, 10)]
    assert apply(text, edits) == "Сейчас напишите мне"


def test_overlapping_and_unsafe_edits_are_skipped():
    findings = [
        finding(0, 5, Suggestion("A", 0, 5)),
        finding(3, 8, Suggestion("B", 3, 8)),
        finding(9, 10, Suggestion("C", 9, 10, safe=False)),
    ]
    assert [e.replacement for e in chosen_edits(findings)] == ["A"]
    assert [e.replacement for e in chosen_edits(findings, unsafe=True)] == ["A", "C"]


def test_deletion_tidies_spaces():
    assert apply("Это же очевидно , кнопка", [Suggestion("", 0, 16)]) == "кнопка"


def test_deletion_at_a_line_end_leaves_no_trailing_space():
    text = "Заказ в пути. Вы идиот!\nС уважением, Анна  \n"
    assert apply(text, [Suggestion("", 14, 23)]) == "Заказ в пути.\nС уважением, Анна  \n"


def test_an_error_fix_wins_over_an_overlapping_warning_fix():
    warning = Finding("SL001", "x", "slang", "warning", 0, 1, 1, 1, "б", "", 8.0, (Suggestion("бы", 0, 1),))
    error = Finding("OB001", "y", "obscene", "error", 0, 5, 1, 1, "б.л.я", "", 25.0,
                    (Suggestion("", 0, 5, safe=False),))
    assert chosen_edits([warning, error], unsafe=True) == [Suggestion("", 0, 5, safe=False)]
    assert chosen_edits([warning, error]) == [Suggestion("бы", 0, 1)]


@pytest.mark.parametrize(("text", "word", "fixed"), [
    ("Блять, опять сломалось.", "Блять", "Опять сломалось."),
    ("Я, блин, не знаю.", "блин", "Я не знаю."),
    ("Я,блин,не знаю.", "блин", "Я не знаю."),
    ("Не знаю, блин.", "блин", "Не знаю."),
    ("Это блин ужас.", "блин", "Это ужас."),
    ("Привет. Блин, сбой.", "Блин", "Привет. Сбой."),
    ("Блин!", "Блин", ""),
    ("Этот блин-курьер.", "блин", "Этот курьер."),
    ("Блин-курьер опоздал.", "Блин", "Курьер опоздал."),
    ("Какой-то-блин курьер.", "блин", "Какой-то курьер."),
])
def test_deletion_tidies_commas_and_capitals(text, word, fixed):
    start = text.index(word)
    edit = deletion(text, start, start + len(word))
    assert text[:edit.start] + edit.replacement + text[edit.end:] == fixed
