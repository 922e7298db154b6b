"""The lexeme kind: reading obfuscated text back to offsets, roots with prefixes, traps, fixes."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tonecheck import Linter
from tonecheck.checks import lexeme
from tonecheck.checks.lexeme import read
from tonecheck.context import Context
from tonecheck.doc import Doc
from tonecheck.engine import load_rules
from tonecheck.errors import RuleError
from tonecheck.morph import morph
from tonecheck.rule import builtin_dir, parse_rule

RUDE = {"obscene", "harsh"}
RULES = [r for r in load_rules([builtin_dir()]) if r.kind == "lexeme"]


@pytest.fixture(scope="module")
def rude() -> Linter:
    return Linter(rules=RULES)


def rude_findings(linter: Linter, text: str):
    return [f for f in linter.lint(text).findings if f.category in RUDE]


# ---------------------------------------------------------------- reading


def readings(text: str) -> list[str]:
    return [r.text for w in read(text) for r in w.readings]


@pytest.mark.parametrize(("written", "read_as"), [
    ("xyй", "хуй"),
    ("з@е6али", "заебали"),
    ("п.и.з.д.а", "пизда"),
    ("б-л-я", "бля"),
    ("х у й", "хуй"),
    ("х, у, й", "хуй"),
    ("хууууууй", "хуй"),
    ("ПиЗдЕц", "пиздец"),
    ("х\u200bу\u200dй", "хуй"),
    ("бл\u00adядь", "блядь"),
    ("ёб", "еб"),
    ("бл9дь", "блядь"),
    ("cyka", "сука"),
    ("blyat", "блят"),
])
def test_reading_undoes_obfuscation(written, read_as):
    assert read_as in readings(written)


def test_combining_breve_makes_short_i():
    assert "хуй" in readings("хуи\u0306")


def test_offsets_point_at_the_original_letters():
    text = "ну п.и.з.д.а же"
    (word,) = [w for w in read(text) if any(r.text == "пизда" for r in w.readings)]
    reading = next(r for r in word.readings if r.text == "пизда")
    assert [text[i] for i in reading.offsets] == list("пизда")
    assert text[word.start:word.stop] == "п.и.з.д.а"


def test_offsets_skip_invisible_characters():
    text = "Х\u200bУ\u200bЙ"
    reading = read(text)[0].readings[0]
    assert reading.text == "хуй"
    assert [text[i] for i in reading.offsets] == ["Х", "У", "Й"]


def test_repeated_letters_keep_the_first_offset():
    reading = read("хуууй")[0].readings[0]
    assert reading.text == "хуй"
    assert reading.offsets == (0, 1, 4)


def test_latin_word_hyphenated_to_a_cyrillic_one_stays_latin():
    assert "hyundaiсервис" in readings("Hyundai-сервис")
    assert not any("ху" in r for r in readings("Hyundai-сервис"))


def test_hyphenated_words_are_read_part_by_part():
    assert "хуй" in readings("какой-то-хуй")
    assert "бля" in readings("б-л-я")
    assert "пизда" in readings("пиз-да")


# ---------------------------------------------------------------- matching


@pytest.mark.parametrize("text", [
    "Это xyйня какая-то.",
    "Он нас з@е6ал своими жалобами.",
    "Ну п.и.з.д.е.ц же.",
    "Б-л-я, я не успел.",
    "Х у й знает, где заказ.",
    "Хууууйня полная.",
    "ПиЗдЕц, опять сбой.",
    "Бл\u200bять, опять сбой.",
    "Нахуя вы это сделали?",
    "Отъебитесь от меня.",
    "Распиздяи со склада всё потеряли.",
    "Долбоёбы, а не курьеры.",
    "Вы охуели?",
    "Сука, опять.",
    "Мудила, где посылка?",
    "cyka blyat",
    "Это п***ц.",
    "Курьер - дебил.",
    "Ты что, тупой?",
    "Заткнись уже.",
    "Какие же вы т в а р и а не люди.",
    "Иди с о с и , а не пиши.",
    "Жoпа полная.",
    "Не наша, а твоя дu6ильha9 логика.",
    "Хорошо устроились.т.в.а.р.и.",
    "Конченные суки.разве можно так?",
])
def test_obscene_and_rude_words_fire(rude, text):
    assert rude_findings(rude, text), text


@pytest.mark.parametrize("text", [
    "Не стоит оскорблять собеседника.",
    "Мы перестали употреблять это слово.",
    "Цена — сто рублей, сдача с рубля.",
    "Купите скипидар.",
    "Команда поддержки на связи.",
    "Мандарины привезут завтра.",
    "На стене висела сабля.",
    "Страховка покрывает ремонт.",
    "Hyundai Solaris уже на складе.",
    "Передайте привет Ярославу.",
    "Себестоимость не изменилась, оставьте чек себе.",
    "Запишитесь на вебинар на нашем веб-сайте.",
    "Он хлебал суп.",
    "Мудрое решение.",
    "Командир одобрил командировку.",
    "Корабля не видно.",
    "Застрахуйте посылку.",
    "Бляшки на ремне потерялись.",
    "Поддонки и поддоны на складе.",
    "Иван Козлов и Пётр Хохлов уже получили заказ.",
    "Жидкость для омывателя закончилась.",
    "Частота сети 50 Hz, проверьте её.",
    "Купите на eBay или в ebook-магазине.",
    "Зашли в тупик, но нашли выход.",
    "Отправим посылку в Гвинею-Бисау.",
    "Всухую не протирайте, это неплохую краску испортит.",
    "Погибал урожай, но в этом году уродился хороший.",
    "Видимо, п л о х о его учили.",
    "Суворов hеpbhо курит.",
    "Жopа, привет!",
    "В 10-х годах и в 1990-х мы ещё не работали.",
    "Шавкат получил болванку ключа.",
    "Не ссутультесь за компьютером.",
    "Напишите @totalpizdec_bot или на huinya@mail.ru, ссылка https://example.com/ebat.",
])
def test_traps_do_not_fire(rude, text):
    assert not rude_findings(rude, text), [f.text for f in rude_findings(rude, text)]


def test_finding_covers_the_written_word(rude):
    text = "Ну это п.и.з.д.е.ц, конечно."
    (finding,) = rude_findings(rude, text)
    assert finding.text == "п.и.з.д.е.ц"
    assert finding.data["reading"] == "пиздец"


def test_dictionary_word_with_another_lemma_is_left_alone():
    # «рубля» matches the root «бля» only by shape: its lemma is «рубль».
    rule = _rule({"lexemes": [{"root": "бля", "prefixes": ["ру"]}]})
    check = lexeme.compile(rule, morph())
    assert check.match(read("рубля")[0].readings[0]) is None
    assert check.match(read("бля")[0].readings[0]) is not None


# ---------------------------------------------------------------- fixes


def test_fix_removes_every_rude_word(rude):
    text = "Блять, этот мудак опять всё проебал, пиздец."
    fixed = rude.fix(text, unsafe=True)
    assert not rude_findings(rude, fixed), fixed
    assert fixed.startswith("Этот")


def test_fix_deletes_only_the_rude_part_of_a_hyphenated_word(rude):
    assert rude.fix("Этот хуйло-курьер опоздал.", unsafe=True) == "Этот курьер опоздал."


def test_fix_replaces_where_a_neutral_word_exists(rude):
    assert rude.fix("Всё работает охуенно.", unsafe=True) == "Всё работает отлично."
    assert rude.fix("Это пиздёж!", unsafe=True) == "Это враньё!"


def test_fix_takes_the_pronoun_of_a_clause_that_only_called_names(rude):
    assert rude.fix("Вы мудак, заказ уже в пути.", unsafe=True) == "Заказ уже в пути."
    assert rude.fix("Заказ в пути. Ты мудак!", unsafe=True) == "Заказ в пути."
    assert rude.fix("Вы мудак или нет?", unsafe=True) == "Вы или нет?"  # the pronoun is still needed


def test_fixes_are_unsafe(rude):
    assert rude.fix("Блять, сбой.") == "Блять, сбой."


# ---------------------------------------------------------------- loading


def _rule(spec: dict, **extra):
    data = {
        "code": "OB099", "name": "test-lexeme", "category": "obscene", "severity": "error",
        "kind": "lexeme", "message": "m", "why": "w", "examples": {"fire": ["x"], "pass": ["y"]},
        **spec, **extra,
    }
    from tonecheck.checks import kind_keys
    return parse_rule(data, {}, "test.yaml", kind_keys())


@pytest.mark.parametrize(("spec", "message"), [
    ({"lexemes": []}, "непустой список"),
    ({"lexemes": [{"root": "хууй"}]}, "двойная буква"),
    ({"lexemes": [{"root": "х(уй"}]}, "ошибка в выражении"),
    ({"lexemes": [{"root": "хуй", "suffix": "я"}]}, "неизвестные поля"),
    ({"lexemes": [{"root": "хуй", "replace": "несловоблаблабла"}]}, "нельзя склонять"),
    ({"lexemes": [{"root": "хуй", "latin": "да"}]}, "true или false"),
])
def test_bad_rule_fails_loudly(spec, message):
    with pytest.raises(RuleError, match=message):
        lexeme.compile(_rule(spec), morph())


# ---------------------------------------------------------------- properties

WORDS = ["хуй", "пизда", "блядь", "заебали", "мудак", "пиздец", "нахуй", "ебать"]
SEPARATORS = "._*~"  # hyphens between long parts are words of their own: see the unit tests
LOOKALIKE = {"х": "xh", "у": "y", "а": "a@", "о": "o0", "е": "e", "р": "p", "с": "c$", "б": "6",
             "з": "3", "к": "k", "м": "m", "т": "t", "д": "d", "я": "9", "и": "u1", "п": "n"}


@st.composite
def disguised(draw):
    word = draw(st.sampled_from(WORDS))
    letters = []
    for ch in word:
        if ch in LOOKALIKE and draw(st.booleans()):
            ch = draw(st.sampled_from(LOOKALIKE[ch]))
        if draw(st.booleans()):
            ch = ch.upper()
        letters.append(ch * draw(st.integers(1, 3)))
    assume(any("а" <= c.lower() <= "я" for c in "".join(letters)))
    out = letters[0]
    for chunk in letters[1:]:
        out += draw(st.sampled_from(["", "", "", *SEPARATORS, "\u200b"])) + chunk
    # Digits alone between separators read as a number on purpose («10-х», «2.13.2024»), not as letters.
    assume(not any(part.isdigit() for part in re.split(f"[{re.escape(''.join(SEPARATORS))}\u200b]", out)))
    return out


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(word=disguised(), before=st.sampled_from(["", "Ну ", "Это "]),
       after=st.sampled_from(["", ".", " же!"]))
def test_disguised_words_still_fire(rude, word, before, after):
    text = before + word + after
    found = rude_findings(rude, text)
    assert found, text
    assert any(len(before) <= f.start < f.end <= len(before) + len(word) for f in found), text


ALPHABET = "хуйпиздаеблясукаоркнтм xyapoce036@ .,-_*!?\u200b\nАБХ"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=ALPHABET, max_size=60))
def test_offsets_stay_inside_the_text(rude, text):
    for word in read(text):
        assert 0 <= word.start < word.stop <= len(text)
        for reading in word.readings:
            assert len(reading.offsets) == len(reading.text)
            assert all(word.start <= i < word.stop for i in reading.offsets)
            assert list(reading.offsets) == sorted(reading.offsets)
    for finding in rude.lint(text).findings:
        assert 0 <= finding.start < finding.end <= len(text)
        for s in finding.suggestions:
            assert 0 <= s.start <= s.end <= len(text)


def test_spelt_out_letters_before_an_ending_are_one_finding(rude):
    text = "Курьер п.и.з.д.ец опоздал."
    found = rude_findings(rude, text)
    assert [text[f.start:f.end] for f in found if f.code == "OB001"] == ["п.и.з.д.ец"]
    assert rude.fix(text, unsafe=True) == "Курьер ужас опоздал."


# ---------------------------------------------------------------- word-by-word reading keys

MIXED = "хуйпиздаеблясукаоркнтмёХЁБ xyapocehbkXYHB0136@$*.,-_'/|!?:;()\u200b\t\n"
PIECES = ["хуй", "Пизда", "блять", "сука", "ёбаный", "заказ", "из-за", "кто-то", "т.е.", "xyй", "cyka",
          "blyat", "Hyundai-сервис", "3@e6al", "х у й", "б.л.я", "п*зда", "10-х", "2024", "а", "и", "в",
          "@login", "mail@example.com", "https://example.com/x", "www.site.ru", "\u200b", "ИСТАНБУЛ", "4.18", "и т. п."]


def assert_fast_keys_match(text: str) -> None:
    fast = lexeme._fast_keys(text)
    if fast is not None:
        assert fast == lexeme._full_keys(text), text


@settings(max_examples=400, deadline=None)
@given(text=st.text(alphabet=MIXED, max_size=60))
def test_fast_reading_keys_match_the_full_reading(text):
    assert_fast_keys_match(text)


@settings(max_examples=400, deadline=None)
@given(pieces=st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from([" ", ", ", ". ", "-", " — ", "\n", ""])),
                       max_size=12))
def test_fast_reading_keys_match_the_full_reading_of_words(pieces):
    assert_fast_keys_match("".join(p + sep for p, sep in pieces))


@pytest.mark.parametrize("text", ["Ваш заказ уже у курьера, он привезёт его завтра.",
                                  "Кто-то из-за Hyundai-сервиса xyйню написал в 2024 году",
                                  "пиши на a@b.ru, @xyilo", "см. https://x.ru/хуй и www.пизда.рф",
                                  "а вот и в, но не х у", "т.е. так", "вопрос.а", "б-лядь", "п.и.з.д.а",
                                  "версия 7.0 или выше", "e-mail", "п. 4.18", "а! и? в."])
def test_text_without_letters_spelt_across_spaces_takes_the_fast_path(text):
    assert lexeme._fast_keys(text) is not None
    assert lexeme._fast_keys(text) == lexeme._full_keys(text)


@pytest.mark.parametrize("text", ["х у й", "а, и, в", "ху\u200bй", "п.и.з.д.а х", "и т. п.", "İstanbul"])
def test_unusual_text_takes_the_full_path(text):
    assert lexeme.written(text) is None
    assert lexeme._fast_keys(text) is None


def test_a_text_without_any_root_is_skipped_only_when_no_word_can_match(linter):
    check = next(c for c in linter.checks if c.rule.code == "OB001")
    clean = Doc.build("Ваш заказ уже в пути.")
    assert list(check.run(clean, Context())) == []
    assert lexeme.suspicion.keys(clean) == frozenset()
    assert lexeme.written(clean.view) <= lexeme.suspicion.current.innocent
    # Innocent words around a new one do not hide it.
    rude = Doc.build("Ваш заказ, бля, уже в пути.")
    assert [h.data["reading"] for h in check.run(rude, Context())] == ["бля"]
    assert lexeme.suspicion.keys(rude) == {("бля", "бля", False)}


def test_suspects_are_the_keys_some_rule_may_match(linter):
    checks = [c for c in linter.checks if c.rule.kind == "lexeme"]
    for text in ("Кто-то из-за Hyundai-сервиса xyйню написал", "х у й тебе", "рубля не хватило, сука", "п.и.з.д.а"):
        doc = Doc.build(text)
        matched = {k for k in lexeme.reading_keys(doc.view) if any(c._verdict(k) is not None for c in checks)}
        assert matched <= lexeme.suspicion.keys(doc) <= lexeme.reading_keys(doc.view), text


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from([" ", ", ", ". ", "-", " — ", "\n", ""])),
                       max_size=12), text=st.text(alphabet=MIXED, max_size=40))
def test_suspect_words_are_the_words_read_with_a_suspect_reading(pieces, text):
    for written in ("".join(p + sep for p, sep in pieces), text):
        doc = Doc.build(written)
        suspects = lexeme.suspicion.keys(doc)
        expected = [(w, tuple(r.key for r in w.readings if r.key in suspects))
                    for w in read(doc.view) if any(r.key in suspects for r in w.readings)]
        assert list(lexeme.suspicion.words(doc)) == expected, written


@pytest.mark.parametrize("source, expected", [
    ("аб|в(г|д)|[|]е", ["аб", "в(г|д)", "[|]е"]),
    (r"ж\|з|[^]|]и", [r"ж\|з", "[^]|]и"]),
    ("(?:от|по)?сос", ["(?:от|по)?сос"]),
])
def test_alternatives_split_at_the_top_level_only(source, expected):
    assert lexeme._alternatives(source) == expected


@settings(max_examples=300, deadline=None)
@given(word=st.text(alphabet="абвгдежзийклмнопрстуфхцчшщъыьэюяxyz*", max_size=14))
def test_roots_grouped_by_first_letter_find_what_the_plain_alternation_finds(linter, word):
    roots = [lx.root for c in linter.checks if c.rule.kind == "lexeme" for lx in c.lexemes]
    plain = re.compile("|".join(f"(?:{r})" for r in roots))
    assert lexeme.suspicion._suspect((word, word, False)) == bool(plain.search(word))
    for root in roots:
        assert bool(re.search(root, word)) == bool(re.search(lexeme.by_first_letter([root]), word))


@settings(max_examples=400, deadline=None)
@given(parts=st.lists(st.text(alphabet="абвгдеийклмнопрстухъьыя", min_size=2, max_size=7), min_size=2, max_size=4),
       seps=st.lists(st.sampled_from(["-", ".", "...", "_", "/", "'", "-."]), min_size=3, max_size=3))
def test_joined_cyrillic_parts_read_as_the_general_reading_does(parts, seps):
    span = parts[0] + "".join(sep + part for sep, part in zip(seps, parts[1:], strict=False))
    assert lexeme.JOINED.fullmatch(span)
    offsets = range(3, 3 + len(span))
    assert lexeme._joined(span, offsets, 0, len(span)) == lexeme._mixed(span, offsets, 0, len(span))


def _first_lexeme_one_by_one(check, text: str, latin: bool):
    for lx in check.lexemes:
        if (not latin or lx.latin) and lx.pattern.match(text) and not (lx.unless and lx.unless.fullmatch(text)):
            return lx
    return None


@settings(max_examples=300, deadline=None)
@given(stem=st.sampled_from(["хуй", "пизд", "еба", "бля", "сук", "муд", "дур", "идиот", "гад", "туп", "спасиб",
                             "ребен", "хер", "пидор", "жоп", "говн", "сра", "лох", "заказ"]),
       before=st.text(alphabet="онапдзвыспри", max_size=4), after=st.text(alphabet="аеиоуыяюйлнтькс", max_size=5),
       latin=st.booleans())
def test_the_lexemes_alternation_finds_the_lexeme_tried_one_by_one(linter, stem, before, after, latin):
    for check in (c for c in linter.checks if c.rule.kind == "lexeme"):
        assert check.first is not None
        word = before + stem + after
        assert check._lexeme(word, latin) is _first_lexeme_one_by_one(check, word, latin), (check.rule.code, word)


def test_lexemes_with_groups_of_their_own_are_tried_one_by_one(linter):
    check = next(c for c in linter.checks if c.rule.code == "OB001")
    shared = lexeme.suspicion.current
    try:  # the check adds its roots to the shared suspicion: put the real ones back afterwards
        clash = lexeme.LexemeCheck(check.rule, (lexeme.Lexeme("(?P<x>ху)", "(?P<x>ху)й", None, None),
                                                lexeme.Lexeme(r"(б)л\1", r"(б)л\1", None, None)), None, check.analyzer)
    finally:
        lexeme.suspicion.current = shared
    assert clash.first is None
    assert clash._lexeme("хуй") is clash.lexemes[0]
    assert clash._lexeme("блб") is clash.lexemes[1]
