from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tonecheck.doc import Doc


def test_tokens_and_sentences_carry_offsets_into_the_text():
    text = "Здравствуйте, Анна! Заказ уже в пути."
    doc = Doc.build(text)
    for token in doc.tokens:
        assert text[token.start:token.stop] == token.text
    assert [doc.sentence_text(s) for s in doc.sentences] == ["Здравствуйте, Анна!", "Заказ уже в пути."]
    assert [t.text for t in doc.words] == ["Здравствуйте", "Анна", "Заказ", "уже", "в", "пути"]
    assert doc.words[3].sentence == 1


def test_position_is_one_based_and_counts_crlf_lines():
    doc = Doc.build("Добрый день.\r\nЖдите.")
    offset = doc.text.index("Ждите")
    assert doc.position(offset) == (2, 1)
    assert doc.position(0) == (1, 1)


def test_view_must_keep_length():
    with pytest.raises(ValueError):
        Doc.build("abc", view="ab")


def test_placeholders_are_not_tokens():
    text = "Здравствуйте, {{ customer.first_name }}!"
    doc = Doc.build(text, view=text.replace("{{ customer.first_name }}", " " * 25), placeholders=[(14, 39)])
    assert [t.text for t in doc.words] == ["Здравствуйте"]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="абвгдеёжзАБВ XYZ.,!?\n\r-—«»1234", max_size=120))
def test_any_text_builds_with_consistent_offsets(text):
    doc = Doc.build(text)
    for token in doc.tokens:
        assert 0 <= token.start < token.stop <= len(text)
        assert text[token.start:token.stop] == token.text
    for sentence in doc.sentences:
        assert 0 <= sentence.first <= sentence.last <= len(doc.tokens)


def test_unknown_lists_words_no_dictionary_reading_knows():
    doc = Doc.build("Заказ кажеца пришёл, харашо.")
    assert [doc.words[i].text for i in doc.unknown] == ["кажеца", "харашо"]
