from __future__ import annotations

import pytest

from tonecheck.doc import Doc
from tonecheck.morph import morph
from tonecheck.pattern import Lookup, PatternError, compile_pattern, find, relevant


def matches(pattern: str, text: str) -> list[str]:
    doc = Doc.build(text)
    words = doc.words
    p = compile_pattern(pattern, morph())
    return [text[words[i].start:words[end - 1].stop] for i, end in find(p, doc, words)]


def test_lemma_elements_match_any_form():
    assert matches("вы сами виноватый", "Вы сами виноваты.") == ["Вы сами виноваты"]
    assert matches("ваш проблема", "Это ваши проблемы") == ["ваши проблемы"]


def test_optional_elements_and_alternatives():
    assert matches("это? ваш проблема|вина", "Ваша вина") == ["Ваша вина"]
    assert matches("это? ваш проблема|вина", "Это ваша вина") == ["Это ваша вина"]


def test_gap_stays_inside_one_sentence():
    assert matches("надо ... читать", "Надо было внимательно читать") == ["Надо было внимательно читать"]
    assert matches("надо ... читать", "Надо было. Читать") == []


def test_exact_forms_and_grammemes():
    assert matches("=ждите", "Ждите ответа") == ["Ждите"]
    assert matches("=ждите", "Мы ждём ответа") == []
    assert matches("<VERB,impr,sing>", "Подожди немного") == ["Подожди"]


def test_prefix_element():
    assert matches("скидон*", "Скидоны уже не действуют") == ["Скидоны"]


@pytest.mark.parametrize("bad", ["<plural>", "...", "слово ...", "аб*", "<>"])
def test_bad_patterns_are_rejected_with_a_reason(bad):
    with pytest.raises(PatternError):
        compile_pattern(bad, morph())


def test_lookup_brings_up_only_patterns_whose_rarest_word_occurs():
    patterns = [compile_pattern(p, morph()) for p in ("в настоящий время", "по ходу", "<VERB,impr>")]
    lookup = Lookup.of(p.required for p in patterns)
    assert lookup.keys >= {"настоящий"} and "в" not in lookup.keys  # «в» is everywhere: not a key
    assert lookup.candidates(Doc.build("В настоящее время заказ в пути.")) == [0, 2]
    assert lookup.candidates(Doc.build("Заказ в пути.")) == [2]  # the pattern without a word always


def test_vocabulary_is_the_keys_of_the_index():
    doc = Doc.build("Мы передали ваши заказы курьеру, ждите звонка.")
    assert doc.vocabulary == frozenset(doc.index)


def test_relevant_keys_follow_lookups_compiled_after_the_doc_was_first_asked():
    doc = Doc.build("Перезвоните оператору завтра.")
    first = Lookup.of([(frozenset({"перезвонить"}),)])
    assert first.candidates(doc) == [0]
    assert "оператор" not in relevant(doc)
    # A rule compiled later still sees its words in the same Doc.
    later = Lookup.of([(frozenset({"оператор"}),)])
    assert later.candidates(doc) == [0]
    assert relevant(doc) <= doc.vocabulary


def test_find_turns_away_a_text_without_a_required_word_without_building_the_index():
    doc = Doc.build("Заказ уже в пути.")
    assert matches("вы сами виноватый", "Заказ уже в пути.") == []
    assert list(find(compile_pattern("вы сами виноватый", morph()), doc, doc.words)) == []
    assert "index" not in doc.__dict__


def test_watched_keys_are_replaced_not_changed_in_place(linter):
    """A thread loading rules must not change the set another thread is intersecting."""
    from tonecheck import pattern

    before = pattern._WATCHED
    doc = linter.doc("Проверим ваш заказ.")
    assert pattern.relevant(doc) == doc.vocabulary & before
    pattern.watch(["заказ", "совсем-новое-слово"])
    assert pattern._WATCHED is not before and before <= pattern._WATCHED
    assert "заказ" in pattern.relevant(doc)  # recomputed for the new set
