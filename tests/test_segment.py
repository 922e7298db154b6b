"""Tokens: razdel's, with emoji glued to a word split off."""

from __future__ import annotations

from tonecheck.segment import tokens


def _texts(text: str) -> list[str]:
    return [t.text for t in tokens(text)]


def test_emoji_glued_to_a_word_is_its_own_token():
    assert _texts("спс❤️ ок") == ["спс", "❤️", "ок"]
    assert _texts("🥺спасибо") == ["🥺", "спасибо"]
    assert _texts("Привет👋🏻!") == ["Привет", "👋🏻", "!"]


def test_offsets_stay_true():
    text = "ахах😂😂 норм"
    for t in tokens(text):
        assert text[t.start:t.stop] == t.text


def test_plain_text_is_razdel_as_is():
    assert _texts("Заказ №5, т.е. завтра.") == ["Заказ", "№", "5", ",", "т", ".", "е", ".", "завтра", "."]
