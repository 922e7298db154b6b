"""The respelling kind: unknown words that become dictionary words through listed rewrites."""

from __future__ import annotations

import pytest

from tonecheck import Linter
from tonecheck.checks import kind_keys
from tonecheck.errors import RuleError
from tonecheck.rule import parse_rule


def _linter(rewrites: list, **extra) -> Linter:
    data = {
        "code": "XX002", "name": "test-respelling", "category": "slang", "severity": "warning",
        "kind": "respelling", "message": "m", "why": "w", "fix_safety": "unsafe",
        "examples": {"fire": ["x"], "pass": ["y"]}, "rewrites": rewrites, **extra,
    }
    return Linter(rules=[parse_rule(data, {}, "test.yaml", kind_keys())])


def _suggestions(linter: Linter, text: str) -> list[tuple[str, str]]:
    return [(f.text, f.suggestions[0].replacement) for f in linter.lint(text).findings]


def test_rewrite_turns_an_unknown_word_into_a_known_one():
    linter = _linter([["цц?а$", "тся"]])
    assert _suggestions(linter, "Мне кажеца, так лучше.") == [("кажеца", "кажется")]


def test_known_words_are_never_touched():
    assert _suggestions(_linter([["а", "о"]]), "Вода и слава.") == []


def test_two_edits_and_listed_order():
    linter = _linter([["([а-яё])\\1", "\\1"], ["а", "о"]], max_edits=2)
    assert _suggestions(linter, "Всё харашо.") == [("харашо", "хорошо")]
    assert _suggestions(linter, "Спасибоо!") == [("Спасибоо", "Спасибо")]


def test_per_rewrite_min_length_and_skip():
    linter = _linter([["а", "о", 6]], skip="^кар")
    assert _suggestions(linter, "Всё харашо, а карова нет.") == []
    assert _suggestions(_linter([["а", "о", 5]]), "Всё харашо.") == []  # needs two swaps


def test_capitalised_words_inside_a_sentence_are_names():
    linter = _linter([["а", "о"]])
    assert _suggestions(linter, "Пишет Вадаков.") == []


@pytest.mark.parametrize("rewrites", [[], [["(", "x"]], [["a", "\\2"]], [["a"]], [["a", "b", "c"]]])
def test_bad_rewrites_fail_at_load(rewrites):
    with pytest.raises(RuleError):
        _linter(rewrites)


def test_short_abbreviations_are_not_clipped_words():
    linter = _linter([["$", "ся"], ["$", "ей"]])
    assert _suggestions(linter, "Номер СНИЛС и кнопка выкл. на месте.") == []


def test_letter_table_keeps_every_candidate_in_order():
    from tonecheck.checks.respelling import _edits

    linter = _linter([["([а-яё])\\1", "\\1"], ["цц?а$", "тся"], ["а", "о"], ["(?i)Ж", "ж"], ["\\w$", "ь"],
                      ["([ое])в[ао]$", "\\1го"], ["т(?=[кп])", "д"]])
    (check,) = linter.checks
    for word in ["кажецца", "харашо", "жжук", "дом", "ццаа", "нормальнова", "лёгкий", "отпуск"]:
        every = [(i, m.start() + r.keeps, word[:m.start()] + r.expand(m) + word[m.end():])
                 for i, r in enumerate(check.rewrites) for m in r.regex.finditer(word)]
        assert list(_edits(word, check.rewrites, check._letters, len(word))) == every
        assert list(_edits(word, check.rewrites, check._letters, 2)) == [e for e in every if e[1] <= 2]


def test_a_rewrite_keeps_the_letter_its_replacement_writes_back():
    rewrites = [["([бв])", "\\1\\1"], ["с(?=н)", "ст"], ["(?<=а)(то)$", "-\\1"], ["а", "о"], ["(а)", "\\1"]]
    check = _linter(rewrites).checks[0]
    assert [r.keeps for r in check.rewrites] == [1, 1, 0, 0, 1]


SL007_LIKE = [["([а-яё])\\1", "\\1"], ["цц?а$", "тся"], ["([жш])ы", "\\1и"], ["([ое])в[ао]$", "\\1го"],
              ["([бвгджзклмнпрстф])", "\\1\\1", 4], ["(?<=[а-яё])(то|либо|нибудь|таки|ка)$", "-\\1"],
              ["ь", ""], ["ие", "ье", 5], ["а", "о", 4], ["о", "а", 4], ["и(?!$)", "е", 4], ["е(?!$)", "и", 4],
              ["^не", "не "]]


def _unpruned(check, word: str) -> str | None:
    """The search without prefix bounds or letter tables: every rewrite at every place, breadth first."""
    frontier, seen = {word: ()}, {word}
    for _depth in range(check.max_edits):
        found, following = [], {}
        for current, used in frontier.items():
            for index, rewrite in enumerate(check.rewrites):
                if len(current) < rewrite.min_length:
                    continue
                for m in rewrite.regex.finditer(current):
                    candidate = current[:m.start()] + rewrite.expand(m) + current[m.end():]
                    if candidate not in seen:
                        seen.add(candidate)
                        if check._is_word(candidate):
                            found.append((tuple(sorted((*used, index))), candidate))
                        else:
                            following[candidate] = tuple(sorted((*used, index)))
        if found:
            return min(found)[1]
        frontier = following
    return None


@pytest.mark.parametrize("word", ["харашо", "кажеца", "нормальнова", "извените", "спасибоо", "какойта",
                                  "вседозволеность", "жызнь", "незнаю", "неполучаеться", "абирают",
                                  "враждебно-настроиной", "ыыщвап", "долбаебов", "класу", "пачиму"])
def test_prefix_bounds_prune_no_result(word):
    check = _linter(SL007_LIKE, max_edits=2, min_length=4).checks[0]
    assert check._search(word) == _unpruned(check, word)


def test_append_only_rewrites_skip_words_no_dictionary_word_starts_with():
    linter = _linter([["$", "о"], ["$", "а"]], max_edits=2, min_length=4)
    (check,) = linter.checks
    assert check.appends
    assert _suggestions(linter, "Всё нормальн.") == [("нормальн", "нормально")]
    assert check.standard("нормальнщ") is None
    assert "нормальнщ" not in check._cache  # answered by the prefix lookup, no search
    # The shortcut agrees with the full search on words with and without ё in the dictionary form.
    for word in ["нормальн", "ещ", "еж", "зелен", "стандартн", "кварщ", "пожалст"]:
        assert check.standard(word) == check._search(word)


def test_rewrites_that_do_more_than_append_are_searched_in_full():
    assert not _linter([["$", "о"], ["а", "о"]]).checks[0].appends


def test_is_prefix_reads_e_as_yo():
    from tonecheck.morph import morph

    analyzer = morph()
    assert analyzer.is_prefix("нормальн")
    assert analyzer.is_prefix("еще")  # «ещё»
    assert not analyzer.is_prefix("нормальнщ")


def test_parts_of_speech_narrow_the_candidates():
    clip = ["к(?:а|и|у|е|ой)$", ""]
    assert _suggestions(_linter([clip]), "Скачайте официалку.") == [("официалку", "официал")]
    assert _suggestions(_linter([clip], parts_of_speech=["ADJF"]), "Скачайте официалку.") == []
    rewrites = [clip, ["лк(?:а|и|у|е|ой)$", "льный"]]
    assert _suggestions(_linter(rewrites, parts_of_speech=["ADJF"]), "Скачайте официалку.") == [
        ("официалку", "официальный")]


def test_unknown_part_of_speech_fails_at_load():
    with pytest.raises(RuleError):
        _linter([["а", "о"]], parts_of_speech=["ADJX"])


def test_complete_finds_a_word_cut_off_by_an_ellipsis():
    linter = _linter([], complete=True, min_length=2, followed_by="(?:…+|\\.\\.+)(?![.…\\w])")
    report = linter.lint("Деньги вернутся в течение неско… дней, проверьте наст... позже.")
    assert [f.text for f in report.findings] == ["неско"]  # «наст» is a dictionary word
    assert report.findings[0].suggestions == ()  # only the author knows the ending
    assert [f.text for f in linter.lint("Это неско..лько дней и неско дней.").findings] == []


def test_complete_without_ellipsis_rule_still_needs_a_longer_word():
    linter = _linter([], complete=True, min_length=2)
    assert [f.text for f in linter.lint("Слово ыыщ и неско дней.").findings] == ["неско"]


def test_a_merged_spelling_splits_into_dictionary_words():
    linter = _linter([["^не(?=[бвгджзклмнпрстфхцчшщ])", "не "], ["^в(?=смысле$)", "в "]])
    assert _suggestions(linter, "Я незнаю, всмысле.") == [("незнаю", "не знаю"), ("всмысле", "в смысле")]


def test_a_handle_opens_the_sentence_for_capitalised_words():
    linter = _linter([["а", "о"]], max_edits=2)
    assert _suggestions(linter, "@anna Харашо, проверим.") == [("Харашо", "Хорошо")]
    assert _suggestions(linter, "Пишет Харашов.") == []


def test_word_pattern_glues_tokens_razdel_cut_where_the_alphabet_changes():
    linter = _linter([["e", "е"], ["y", "у"], ["ë", "ё"]], max_edits=2, min_length=2,
                     word="^(?=.*[а-яё])(?=.*[a-zë])[а-яёa-zë]+$")
    assert _suggestions(linter, "Это нe ошибка, заказ yже в пути.") == [("нe", "не"), ("yже", "уже")]
    assert _suggestions(linter, "Всë готово.") == [("Всë", "Всё")]
    # Latin words beside Russian ones, hyphenated names and plain Russian text are left alone.
    assert _suggestions(linter, "Купите USB-кабель и iPhone сегодня.") == []
    assert _suggestions(linter, "Всё готово.") == []


def test_capital_after_an_abbreviation_dot_is_a_name():
    linter = _linter([["цц?а$", "тся"]])
    assert _suggestions(linter, "Ближайшая ст. м. Кажеца.") == []
    assert _suggestions(linter, "Всё так. Кажеца, успеем.") == [("Кажеца", "Кажется")]


@pytest.mark.parametrize("replacement", ["и", "", "\\1", "\\1и", "с\\1", "\\1-\\2", "\\g<1>о"])
def test_expand_agrees_with_match_expand(replacement):
    from tonecheck.checks.respelling import Rewrite, _parts

    regex = __import__("re").compile("([жш])(ы)")
    m = regex.search("жыть")
    assert Rewrite(regex, replacement, parts=_parts(replacement)).expand(m) == m.expand(replacement)


def test_the_surer_of_two_respellings_wins_a_span(linter):
    # SL024 splits «изза» in one rewrite; SL007 would need two («изо»): the one-step guess is kept.
    found = [(f.code, f.suggestions[0].replacement) for f in linter.lint("Изза праздников доставка дольше.").findings
             if f.category == "slang"]
    assert found == [("SL024", "Из-за")]
