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


def test_shipped_readings_are_current():
    """scripts/update_paradigms.py writes the table; run it after changing a rule or pymorphy3."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    from tonecheck.morph import READINGS

    script = Path(__file__).resolve().parent.parent / "scripts" / "update_paradigms.py"
    # In a new process: what loads once per process (the topic lexicons) is parsed there as in the CLI.
    code = "import json, runpy, sys; print(json.dumps(runpy.run_path(sys.argv[1])['readings']()))"
    fresh = subprocess.run([sys.executable, "-c", code, str(script)], capture_output=True, text=True, check=True)
    assert READINGS.exists(), "the table ships inside the package"
    assert json.loads(READINGS.read_text(encoding="utf-8")) == json.loads(fresh.stdout), \
        "run scripts/update_paradigms.py"


def test_shipped_readings_are_pymorphy3s():
    import json

    from tonecheck.morph import READINGS, Morph

    table = json.loads(READINGS.read_text(encoding="utf-8"))
    shipped, live = Morph(), Morph(shipped=False)
    assert shipped._shipped and shipped._inflections, "the table was written by this pymorphy3"
    for word in table["parses"]:
        assert shipped.parse(word) == live.parse(word), word  # scores too: JSON keeps floats exactly
    assert not shipped._shipped, "a parsed word leaves the table for the parse cache"
    for lemma, grammemes, pos, form in table["inflections"]:
        wanted = frozenset(filter(None, grammemes.split(",")))
        assert shipped.inflect(lemma, wanted, pos) == live.inflect(lemma, wanted, pos) == form
    # A live parse shares the grammeme set of a shipped reading with the same tag.
    (reading,) = shipped.parse("сейчас")
    (again,) = [a for a in shipped.parse("позавчера") if a.pos == "ADVB"]
    assert reading.grammemes is again.grammemes


def test_linter_behaves_the_same_without_the_shipped_readings(monkeypatch):
    from tonecheck import Linter
    from tonecheck import morph as morph_module
    from tonecheck.engine import load_rules
    from tonecheck.rule import builtin_dir

    def lints(analyzer):
        monkeypatch.setattr(morph_module, "_shared", analyzer)
        linter = Linter()
        out = []
        for rule in load_rules([builtin_dir()]):
            for example in (*rule.fire, *rule.passes):
                out.append(linter.lint(example.text, **example.context).to_dict())
            for before, _, context in rule.fixes:
                out.append(linter.lint(before, **context).to_dict())
        return out

    with_table = lints(morph_module.Morph())
    assert sum(bool(report["findings"]) for report in with_table) > 500
    assert lints(morph_module.Morph(shipped=False)) == with_table
