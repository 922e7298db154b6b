"""The substitution kind: predicted paradigms of unknown lemmas, per-entry exceptions, quoted labels."""

from __future__ import annotations

import pytest

from tonecheck import Linter
from tonecheck.checks import kind_keys
from tonecheck.errors import RuleError
from tonecheck.rule import parse_rule


def _linter(lexicon: dict, **extra) -> Linter:
    data = {
        "code": "XX001", "name": "test-rule", "category": "slang", "severity": "warning",
        "kind": "substitution", "message": "m", "why": "w", "fix_safety": "unsafe",
        "examples": {"fire": ["x"], "pass": ["y"]}, "lexicon": lexicon, **extra,
    }
    return Linter(rules=[parse_rule(data, {}, "test.yaml", kind_keys())])


def test_unknown_lemma_matches_its_predicted_paradigm():
    linter = _linter({"пофиксить": "исправить"})
    # «пофиксим» is not parsed as a form of «пофиксить», but it is in the paradigm predicted for it.
    assert linter.fix("Мы пофиксим это.", unsafe=True) == "Мы исправим это."
    assert linter.fix("Она пофиксила баг.", unsafe=True) == "Она исправила баг."


def test_paradigm_leaves_out_dictionary_words_of_other_lemmas():
    linter = _linter({"юзать": "использовать"})
    assert linter.lint("Юзаю редко.").findings
    assert not _linter({"чекать": "проверять"}).lint("Чека нет в заказе.").findings


def test_entry_unless_looks_at_neighbours():
    linter = _linter({"=тока": {"to": "=только", "unless_prev": "сила|<PREP>"}})
    assert linter.lint("Приедет тока завтра.").findings
    assert not linter.lint("Сила тока упала.").findings
    assert not linter.lint("Удар от тока.").findings


def test_rule_unless_takes_alternatives():
    linter = _linter({"=ок": "=хорошо"}, unless_prev="нажать|кнопка")
    assert linter.lint("Ок, проверю.").findings
    assert not linter.lint("Нажмите ок.").findings
    assert not linter.lint("Кнопка ок справа.").findings


def test_skip_quoted_leaves_labels_alone():
    linter = _linter({"=ок": "=хорошо"}, skip_quoted=True)
    assert not linter.lint("Нажмите «Ок».").findings
    assert linter.lint("Ок, проверю «заказ».").findings


def test_grammemes_on_a_known_lemma_constrain_the_form():
    linter = _linter({"бабка<plur,inan>": "деньги"})
    assert linter.fix("Бабками не возьмём.", unsafe=True) == "Деньгами не возьмём."
    assert not linter.lint("Бабка ждёт внука.").findings


@pytest.mark.parametrize("entry", [
    {"=ок": {"to": "=хорошо", "unles_prev": "x"}},
    {"=ок": {"unless_prev": "x"}},
    {"=ок": {"to": "=хорошо", "unless_prev": "<NOSUCH>"}},
])
def test_bad_entries_fail_at_load(entry):
    with pytest.raises(RuleError):
        _linter(entry)


def test_a_letter_glued_to_other_letters_is_not_a_word(linter):
    codes = {f.code for f in linter.lint("б.л.я, опять").findings}
    assert "SL001" not in codes and "OB001" in codes
    assert "SL001" in {f.code for f in linter.lint("Я б сделал иначе.").findings}


def test_candidates_come_from_the_words_the_rule_watches():
    linter = _linter({"бабки": "деньги", "=щас": "=сейчас"})
    check = linter.checks[0]
    doc = linter.doc("Щас вернём бабки, а заказ уже в пути.")
    assert check.candidates(doc) == [0, 2]
    assert check.candidates(linter.doc("Заказ уже в пути.")) == []
    # The same Doc, asked again by a rule compiled later, brings up that rule's words too.
    later = _linter({"заказ": "покупка"}).checks[0]
    assert later.candidates(doc) == [4]


def test_grammeme_lexicon_caches_only_words_carrying_the_shared_grammemes(linter):
    check = next(c for c in linter.checks if c.rule.code == "FM002")
    assert check.needs == {"VERB", "sing"} and check.needs_best
    doc = linter.doc("Напиши номер заказа, вот таблица")
    hits = [doc.text[h.start:h.end] for h in check.run(doc, linter.context())]
    assert hits == ["Напиши"]
    assert "напиши" in check._entries and "таблица" not in check._entries


def test_shipped_paradigms_are_current_and_cover_every_unknown_key():
    """scripts/update_paradigms.py writes the table; run it after changing a lexicon or pymorphy3."""
    import importlib.util
    import json
    from pathlib import Path

    from tonecheck.checks import substitution

    script = Path(__file__).resolve().parent.parent / "scripts" / "update_paradigms.py"
    spec = importlib.util.spec_from_file_location("update_paradigms", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert substitution.SHIPPED.exists(), "the table ships inside the package"
    assert json.loads(substitution.SHIPPED.read_text(encoding="utf-8")) == json.loads(
        json.dumps(module.table(), ensure_ascii=False)), "run scripts/update_paradigms.py"


def test_shipped_and_computed_paradigms_agree(monkeypatch):
    from tonecheck.checks import substitution
    from tonecheck.engine import load_rules
    from tonecheck.morph import morph
    from tonecheck.rule import builtin_dir

    rules = [r for r in load_rules([builtin_dir()]) if r.kind == "substitution"]
    fast = [c.entries for c in map(lambda r: substitution.compile(r, morph()), rules)]
    monkeypatch.setattr(substitution, "shipped", lambda version: {})  # another pymorphy3: computed at load
    slow = [c.entries for c in map(lambda r: substitution.compile(r, morph()), rules)]
    strip = lambda entries: [(e.key, {w: a[:6] for w, a in e.paradigm.items()}) for e in entries]  # noqa: E731
    assert [strip(e) for e in fast] == [strip(e) for e in slow]
    assert sum(bool(e.paradigm) for entries in fast for e in entries) > 200


def test_a_shipped_form_finds_its_pymorphy3_parse_again():
    from tonecheck.checks import substitution
    from tonecheck.morph import morph
    from tonecheck.pattern import compile_atom

    analyzer = morph()
    form = substitution._paradigm("чекнуть", compile_atom("чекнуть", analyzer), analyzer)["чекну"]
    assert len(form.raw) == 3  # (lemma, grammemes, n): read from the table, not kept as an object
    (live,) = [a for a in analyzer.paradigm("чекнуть", frozenset()) if a.word == "чекну"]
    assert analyzer._source(form.raw) == live.raw  # the same pymorphy3 form, found again by position
    assert analyzer.reinflect(form, frozenset({"plur"})) == analyzer.reinflect(live, frozenset({"plur"}))
