"""The regex kind's replacement mapping."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tonecheck import Linter
from tonecheck.checks import kind_keys
from tonecheck.errors import RuleError
from tonecheck.rule import parse_rule


def _rule(**spec) -> Linter:
    """A Linter with one regex rule made of ``spec`` (``regex`` and any other fields of the kind)."""
    data = {
        "code": "XX004", "name": "test-regex", "category": "slang", "severity": "warning",
        "kind": "regex", "message": "m", "why": "w", "examples": {"fire": ["x"], "pass": ["y"]}, **spec,
    }
    return Linter(rules=[parse_rule(data, {}, "test.yaml", kind_keys())])


def _linter(replace) -> Linter:
    return _rule(fix_safety="unsafe", regex=r"(?<!\w)(?:[тТ]к|мб|зп)(?!\w)", replace=replace)


def test_mapping_replaces_each_match_by_its_own_text():
    linter = _linter({"тк": "так как", "мб": "может быть"})
    assert linter.fix("Тк поздно, мб завтра.", unsafe=True) == "Так как поздно, может быть завтра."


def test_match_missing_from_the_mapping_has_no_fix():
    report = _linter({"тк": "так как"}).lint("Какая зп?")
    assert [f.text for f in report.findings] == ["зп"]
    assert not report.findings[0].suggestions


def test_mapping_values_must_be_strings():
    with pytest.raises(RuleError):
        _linter({"тк": 5})


def test_gate_is_checked_at_load():
    with pytest.raises(RuleError):
        _rule(regex="а", gate="(")


@given(text=st.text(alphabet="аАеЕёЁоОшмсрук -ДдЯяw1_.,!", max_size=30))
def test_gate_never_skips_a_match(linter, text):
    gated = [c for c in linter.checks if getattr(c, "gate", None) is not None and c.rule.kind == "regex"]
    assert gated  # SL005 carries one
    for check in gated:
        if check.regex.search(text):
            assert check.gate.search(text)


def test_gated_rule_still_fires_and_passes(linter):
    def codes(text: str) -> set[str]:
        return {f.code for f in linter.lint(text).findings}

    assert "SL005" in codes("Дааа, заказ уже в пути.")
    assert "SL005" in codes("ОЧЕЕЕНЬ долго")
    assert "SL005" not in codes("Заказ уже в пути.")


WORDY = "ахпвжзсыэъёгбуолкерфмдтчнийяХАЛОКГЫlokdxLOKDX_ -—,.!?)(\n1"
PIECES = ["ахаха", "хехе", "лол", "ору", "ору)", "тк", "Мб", "др.", "10 мб", "вк", "инсту", "@тк", "да-да",
          "дадада", "нетнетнет", "ооо", "дааа", "шеее", "мммм", "короче", "как бы", "значит так", "это самое",
          "ржунимагу", "xD", "o_o", "вздрзхвтсч", "заказ", "пути", "кек", "lol", "гыгы", "азазаза", "ССС"]


def _word_rules(linter):
    found = [c for c in linter.checks if c.rule.kind == "regex" and c.words]
    assert {c.rule.code for c in found} >= {"SL005", "SL006", "SL008", "SL015"}
    return found


def _assert_found_in_its_word(check, text: str) -> None:
    for m in check.regex.finditer(text):
        word = next((w for w in re.finditer(r"[\w-]+", text) if w.start() <= m.start() and m.end() <= w.end()), None)
        assert word is not None, (check.rule.code, text, m.group())
        assert check.regex.search(word.group()), (check.rule.code, text, m.group())


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=WORDY, max_size=40))
def test_a_word_rule_match_lies_in_one_word_found_alone(linter, text):
    for check in _word_rules(linter):
        _assert_found_in_its_word(check, text)


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from([" ", ", ", ". ", "-", "!", ")", "\n", ""])),
                       max_size=8))
def test_word_rules_find_what_the_full_scan_finds(linter, pieces):
    text = "".join(p + sep for p, sep in pieces)
    doc = linter.doc(text)
    for check in [c for c in linter.checks if c.rule.kind == "regex"]:
        if check.words:
            _assert_found_in_its_word(check, text)
        assert [(h.start, h.end) for h in check.run(doc, linter.context())] == \
            [m.span() for m in check.regex.finditer(doc.view)], (check.rule.code, text)


def test_words_must_be_a_flag():
    with pytest.raises(RuleError):
        _rule(regex="а", words="yes")


def test_lively_words_are_those_some_word_rule_matches(linter):
    from tonecheck.checks import regex as regex_kind

    doc = linter.doc("Ок, щас гляну, хахахаха, ждиии, мб завтра")
    rules = _word_rules(linter)
    assert regex_kind.lively.words(doc) == {w for w in regex_kind.words(doc) if any(c.regex.search(w) for c in rules)}
    assert "гляну" in regex_kind.lively.dull and "хахахаха" not in regex_kind.lively.dull
