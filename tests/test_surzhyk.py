"""SZ001: Ukrainian words in a Russian reply."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import codes


@pytest.fixture(scope="module")
def surzhyk(only):
    return only("SZ001")


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Дякую, что дождались!", "Дякую"),
        ("Шо случилось с заказом?", "Шо"),
        ("Пришлите, будь ласка, номер.", "будь ласка"),
        ("Доставка займёт тиждень.", "тиждень"),
        ("Ваше звернення передали специалисту.", "звернення"),  # і/ї/є/ґ or not: known only in Ukrainian
        ("Мы готовы отримати посылку.", "отримати"),  # Ukrainian infinitive in -ти
        ("Ми перевіримо замовлення.", "перевіримо"),
        ("Нажаль, заказ задерживается.", "Нажаль"),
        ("Добрий день! Заказ в пути.", "Добрий день"),
    ],
)
def test_ukrainian_word_fires(surzhyk, text, word):
    found = [f.text for f in surzhyk.lint(text).findings]
    assert word in found


@pytest.mark.parametrize(
    "text",
    [
        "Спасибо, что дождались! Пришлите, пожалуйста, номер заказа.",
        "Видео можно стримить прямо из приложения.",
        "Будь внимателен к деталям, говорил наставник.",
        "Зум и Телеграм работают как обычно.",
        "Заказ отправлен из Київ-Пасажирський.",
        "Курьер приедет, нести ничего не нужно.",
        "ОТП-код пришёл? Введите его в приложении.",
    ],
)
def test_russian_text_passes(surzhyk, text):
    assert codes(surzhyk.lint(text)) == []


def test_replacement_from_the_lexicon(surzhyk):
    report = surzhyk.lint("Будь ласка, зачекайте хвилинку.")
    assert [f.data.get("replacement") for f in report.findings] == ["пожалуйста", "подождите", "минутку"]
    assert surzhyk.fix("Будь ласка, зачекайте хвилинку.", unsafe=True) == "Пожалуйста, подождите минутку."
    assert surzhyk.fix("Будь ласка, зачекайте.") == "Будь ласка, зачекайте."  # unsafe: needs --unsafe-fixes


def test_ukrainian_word_without_replacement_has_no_fix(surzhyk):
    [finding] = surzhyk.lint("Ми перевіримо адрес.").findings[-1:]
    assert finding.text == "перевіримо" and not finding.suggestions


def test_loading_the_ukrainian_dictionary_keeps_russian_grammemes():
    from tonecheck.morph import morph

    analyzer = morph()
    assert analyzer.uk_known("дякую")
    assert analyzer.unknown_grammemes({"excl", "Infr", "Name", "voct"}) == []


def test_cached_suspects_give_the_same_findings(surzhyk):
    text = "Дякую за звернення, тиждень чекаємо"
    first = surzhyk.lint(text).findings
    assert first and surzhyk.lint(text).findings == first


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="абвгдеёжиклмнопрстуюяіїєґІЇЄҐ'-ьтмо", min_size=1, max_size=10))
def test_every_suspect_has_a_ukrainian_letter_or_ending(surzhyk, word):
    # The C-level search skips words without one; it must never skip a word ``_suspect`` would take.
    check = surzhyk.checks[0]
    lower = word.lower()
    if check._suspect(lower):
        assert check.maybe.search(lower)
