"""The prefilter only ever skips a regex that cannot match."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from tonecheck.prefilter import first_item, first_letters, last_letters, letters, possible, required

REGEXES = [
    re.compile(r"(?<![\d.,])100\s*%"),
    re.compile(r"гарант\w*[^.!?\n]{0,15}100\s*%|100\s*%[^.!?\n]{0,15}гарант\w*", re.IGNORECASE),
    re.compile(r"(?<!\w)(?:пин|pin)[\s-]?код\w*|(?<!\w)pin(?!\w)", re.IGNORECASE),
    re.compile(r"(?:\?[?!]+|![?!]*\?[?!]*)"),
    re.compile(r"(?<!\w)(?:с|от)\s*1[468]\s*(?:-?ти\s*)?(?:лет|\+)", re.IGNORECASE),
    re.compile(r"[тТ]к|[мМ]б(?!\.)"),
    re.compile(r"(?i:ВАШ)\s+код"),
    re.compile(r"(a|b)\1{2,}x?"),
]
ALPHABET = "0123456789 %!?.,-+гарантГАРАНТпинкодПИНКОДpinPINсотлеттТкмМбвашВАШaAbBxſıK"


def test_literals_and_classes_are_required():
    assert [r.pattern for r in required(REGEXES[0])] == ["100", "%"]
    assert [r.pattern for r in required(REGEXES[3])] == [r"[!\?]"]
    assert required(re.compile(r".*")) == ()  # nothing to require


def test_a_text_without_the_literals_is_skipped():
    gate = required(REGEXES[0])
    assert not possible(gate, "Скидка пятьдесят процентов")
    assert possible(gate, "Гарантия 100 %")


@given(st.text(alphabet=ALPHABET, max_size=40), st.sampled_from(REGEXES))
def test_never_skips_a_match(text, regex):
    if regex.search(text):
        assert possible(required(regex), text)


@given(st.sampled_from(["100%", "ГАРАНТИЯ 100 %", "Pin-код", "PIN", "?!", "от 18 лет", "тк", "ваш код", "aaa"]))
def test_matches_pass(text):
    for regex in REGEXES:
        if regex.search(text):
            assert possible(required(regex), text)


WORD_REGEXES = [
    re.compile(r"([а-яё])\1"),
    re.compile(r"цц?а$"),
    re.compile(r"^з([кпстфхцчшщ])"),
    re.compile(r"(?<=[а-яё])(то|либо|нибудь|таки|ка)$"),
    re.compile(r"ф(?=[кпстхцчшщ])"),
    re.compile(r"онц|\d"),
    re.compile(r"(?i:о)н"),
    re.compile(r"[^а]ц"),
]
WORD_ALPHABET = "аоцзкфтлнибудьсяё1"


def test_letters_of_a_word_regex():
    assert letters(re.compile(r"онц")) == (frozenset("н"), frozenset("о"), frozenset("ц"))
    assert letters(re.compile(r"(то|либо)$")) == (frozenset("лт"),)
    assert letters(re.compile(r"(?i)онц")) == ()  # case folding: nothing listed
    assert letters(re.compile(r"\d+")) == ()


@given(st.text(alphabet=WORD_ALPHABET, max_size=12), st.sampled_from(WORD_REGEXES))
def test_letters_never_skip_a_match(word, regex):
    if regex.search(word):
        assert all(not chars.isdisjoint(word) for chars in letters(regex))


END_REGEXES = [re.compile(p) for p in (r"цц?а$", r"тся$", r"([ое])в[ао]$", r"(?<=[а-яё])(то|либо|ка)$", r"а+$",
                                        r"(?:о|ё)\Z", r"ц(?=а)$", r"$", r"а*$", r"(а)\1$")]


def test_last_letters_of_end_anchored_regexes():
    assert last_letters(re.compile(r"тся$")) == frozenset("я\n")
    assert last_letters(re.compile(r"([ое])в[ао]$")) == frozenset("ао\n")
    assert last_letters(re.compile(r"(?:о|ё)\Z")) == frozenset("оё")
    for source in (r"$", r"а*$", r"(?i)а$", r"(?m)а$", r"а", r"[^а]$", r"(а)\1$"):
        assert last_letters(re.compile(source)) is None


@given(st.text(alphabet=WORD_ALPHABET + "\n", max_size=12), st.sampled_from(END_REGEXES))
def test_last_letters_never_skip_a_match(word, regex):
    ends = last_letters(regex)
    if ends is not None and regex.search(word):
        assert word[-1:] in ends


START_REGEXES = [re.compile(p) for p in (r"цц?а$", r"^з([кп])", r"(?<=[а-яё])(то|либо|ка)$", r"т(?=[кп])", r"(а|б+)в",
                                          r"([а-яё])\1", r"щщ?", r"(?=а)б", r"а*б", r"$")]


def test_first_letters_of_regexes():
    assert first_letters(re.compile(r"т(?=[кп])")) == frozenset("т")
    assert first_letters(re.compile(r"(?<=[а-яё])(то|либо|ка)$")) == frozenset("тлк")
    for source in (r"$", r"а*б", r"(?:а|)б", r"(?i)а", r"\d"):
        assert first_letters(re.compile(source)) is None


@given(st.text(alphabet=WORD_ALPHABET, max_size=12), st.sampled_from(START_REGEXES))
def test_first_letters_never_skip_a_match(word, regex):
    starts = first_letters(regex)
    for m in regex.finditer(word):
        assert starts is None or word[m.start():m.start() + 1] in starts


@given(st.text(alphabet=WORD_ALPHABET, max_size=12),
       st.sampled_from(START_REGEXES + [re.compile(p) for p in (r"([бдз])", r"с(?=[нл])", r"([ое])в[ао]$", r"(а|бб)")]))
def test_first_item_starts_every_match(word, regex):
    lead = first_item(regex)
    for m in regex.finditer(word):
        if lead is not None and lead[0] == "group":
            assert m.start(lead[1]) == m.start() and len(m.group(lead[1])) == 1
        elif lead is not None:
            assert word[m.start()] == lead[1]
