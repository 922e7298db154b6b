from __future__ import annotations

from tonecheck.morph import morph


def test_parse_is_cached_and_normalises_yo():
    m = morph()
    assert m.parse("ещё") is m.parse("ещё")
    assert "еще" in {a.lemma for a in m.parse("ещё")}


def test_abbreviation_readings_only_when_nothing_else_fits():
    m = morph()
    assert "как" not in {a.lemma for a in m.parse("к")}
    assert any("Abbr" in a.grammemes for a in m.parse("ооо"))


def test_agree_inflects_replacement_to_source_case_and_number():
    m = morph()
    source = next(a for a in m.parse("бабками") if "ablt" in a.grammemes)
    assert m.agree("деньги", source) == "деньгами"
    verb = next(a for a in m.parse("чекнул") if a.pos == "VERB")
    assert m.agree("проверить", verb) == "проверил"


def test_reinflect_to_plural_imperative():
    m = morph()
    assert m.reinflect(m.parse("напиши")[0], frozenset({"plur"})) == "напишите"


def test_unknown_grammemes_are_reported():
    assert morph().unknown_grammemes({"plur", "impr", "plural"}) == ["plural"]


def test_paradigm_of_an_unknown_verb_is_predicted():
    from tonecheck.morph import morph

    forms = {a.word for a in morph().paradigm("пофиксить")}
    assert {"пофиксим", "пофиксила", "пофикси"} <= forms


def test_perfective_future_agrees_as_imperfective_present():
    from tonecheck.morph import morph

    assert morph().inflect("сообщать", frozenset({"1per", "plur", "futr", "indc"}), None) == "сообщаем"


def test_can_inflect_agrees_with_inflect():
    m = morph()
    for lemma in ("пользователь", "исправить", "быстро", "деньги"):
        for grams in ({"nomn"}, {"datv", "plur"}, {"past"}):
            wanted = frozenset(grams)
            assert m.can_inflect(lemma, wanted) == (m.inflect(lemma, wanted) is not None)


def test_begins_word_finds_longer_dictionary_words():
    from tonecheck.morph import morph

    m = morph()
    assert m.begins_word("позавтр") and m.begins_word("Сумоч") and m.begins_word("ед")
    assert not m.begins_word("ыыщ")
    assert not m.begins_word("вообщем")


def test_known_prefix_reads_e_as_yo():
    m = morph()
    assert m.known_prefix("харашо") == 4  # «хара» begins «характер», «хараш» nothing
    assert m.known_prefix("елкаыы") == 4  # «ёлка»
    assert m.known_prefix("дом") == 3
    assert m.known_prefix("ъыщ") == 0 and m.known_prefix("ыъ") == 1
    assert m.known_prefix("харашо", 2) == 4
    assert m.is_prefix("елк") and m.is_prefix("ёлк") and not m.is_prefix("елкщ")


def test_is_known_reads_e_as_yo():
    m = morph()
    assert m.is_known("ёлка") and m.is_known("елка") and m.is_known("Дом")
    assert not m.is_known("харашо") and not m.is_known("ёлкщ")
