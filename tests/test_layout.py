from __future__ import annotations

from tonecheck.doc import Doc
from tonecheck.layout import chunks, closing, line_of, opening, paragraphs, words_between


def test_chunks_split_sentences_at_line_breaks():
    doc = Doc.build("Здравствуйте, Анна!\n\nВозврат оформлен\nС уважением,\nИрина")
    assert [doc.text[c.start : c.stop] for c in chunks(doc)] == [
        "Здравствуйте, Анна",
        "Возврат оформлен",
        "С уважением",
        "Ирина",
    ]


def test_opening_takes_the_next_sentence_after_a_bare_greeting():
    doc = Doc.build("Здравствуйте! Анна, ваш заказ готов. Курьер позвонит.")
    start, stop = opening(doc)
    assert doc.text[start:stop] == "Здравствуйте! Анна, ваш заказ готов"


def test_opening_is_the_first_sentence_when_it_says_something():
    doc = Doc.build("Ваш заказ готов к выдаче в пункте на Ленина. Курьер позвонит.")
    start, stop = opening(doc)
    assert doc.text[start:stop] == "Ваш заказ готов к выдаче в пункте на Ленина"


def test_closing_and_words_between():
    doc = Doc.build("Раз. Два. Три. Четыре.")
    start, stop = closing(doc, 2)
    assert doc.text[start:stop] == "Три. Четыре"
    assert [w.text for w in words_between(doc, start, stop)] == ["Три", "Четыре"]


def test_paragraphs_by_blank_lines_or_by_lines():
    doc = Doc.build("Раз.\nДва.\n\nТри.")
    assert [doc.text[a:b] for a, b in paragraphs(doc)] == ["Раз.\nДва.", "Три."]
    assert [doc.text[a:b] for a, b in paragraphs(doc, blank_lines=False)] == ["Раз.", "Два.", "Три."]


def test_line_of():
    doc = Doc.build("первая\nвторая")
    assert line_of(doc, 9) == (7, 13)


def test_empty_text():
    doc = Doc.build("   ")
    assert chunks(doc) == [] and opening(doc) == (0, 0)
