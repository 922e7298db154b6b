from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tonecheck.doc import Doc
from tonecheck.layout import chunks, closing, lead, line_of, opening, paragraphs, words_between


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


def _chunks_by_lines(doc: Doc) -> list[tuple[int, int, tuple[int, ...]]]:
    """Chunks the slow, obvious way: each line of each sentence, with the words that start on it."""
    import re

    out = []
    for sentence in doc.sentences:
        for m in re.finditer(r"[^\n]+", doc.view[sentence.start : sentence.stop]):
            a, b = sentence.start + m.start(), sentence.start + m.end()
            words = tuple(t for t in doc.sentence_tokens(sentence) if t.is_word and a <= t.start < b)
            if words:
                out.append((words[0].start, max(w.stop for w in words), tuple(w.index for w in words)))
    return out


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["Анна", "заказ", "готов", ",", ".", "!", "—", " ", " ", "\n", "\n\n", "{{ x }}"]),
                max_size=25))
def test_chunks_match_the_lines_of_each_sentence(pieces):
    text = " ".join(pieces)
    from tonecheck.template import mask

    view, spans = mask(text)
    doc = Doc.build(text, view, spans)
    assert [(c.start, c.stop, tuple(w.index for w in c.words)) for c in chunks(doc)] == _chunks_by_lines(doc)


def test_words_between_edges():
    doc = Doc.build("Раз два. Три")
    assert [w.text for w in words_between(doc, 0, 3)] == ["Раз"]
    assert [w.text for w in words_between(doc, 1, 12)] == ["два", "Три"]
    assert words_between(doc, 12, 12) == []


def test_lead_skips_headings_and_opening_takes_them_in(linter):
    doc = linter.doc("# Заказ приедет сегодня с десяти до шести\n\nЗдравствуйте!\n\nКурьер позвонит, Анна.", "markdown")
    parts = chunks(doc)
    assert lead(doc) == 1
    start, stop = opening(doc)
    assert (start, stop) == (parts[0].start, parts[2].stop)  # heading, bare greeting and the next sentence
    assert lead(linter.doc("Заказ в пути\n\nЗдравствуйте!")) == 0
