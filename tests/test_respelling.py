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

    linter = _linter([["([а-яё])\\1", "\\1"], ["цц?а$", "тся"], ["а", "о"], ["(?i)Ж", "ж"], ["\\w$", "ь"]])
    (check,) = linter.checks
    for word in ["кажецца", "харашо", "жжук", "дом", "ццаа"]:
        every = [(i, word[:m.start()] + r.expand(m) + word[m.end():])
                 for i, r in enumerate(check.rewrites) for m in r.regex.finditer(word)]
        assert list(_edits(word, check.rewrites, check._letters)) == every


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
