from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console

from tonecheck import Config, ConfigError, Linter, RuleError
from tonecheck.checks import KINDS
from tonecheck.engine import load_rules
from tonecheck.render import text_report
from tonecheck.rule import builtin_dir, parse_rule

RUDE = "Идиот, тебе же всё написали в договоре."
RUDE_REPLY = "Здравствуйте! " + RUDE + " Хорошего дня!"


@pytest.fixture(scope="module")
def rule():
    (found,) = [r for r in load_rules([builtin_dir()]) if r.code == "HR100"]
    return found


@pytest.fixture(scope="module")
def alone(rule) -> Linter:
    return Linter(rules=[rule])


def hr100(report):
    return [f for f in report.findings if f.code == "HR100"]


def test_finding_spans_the_rude_sentence_and_names_its_words(alone):
    report = alone.lint(RUDE_REPLY)
    (finding,) = hr100(report)
    assert finding.text == RUDE
    assert finding.category == "harsh"
    assert "«Идиот»" in finding.message and "оценка модели" in finding.message
    words = finding.data["words"]
    assert words and words[0]["text"] == "Идиот"
    for word in words:
        assert finding.start <= word["start"] < word["end"] <= finding.end
        assert RUDE_REPLY[word["start"]:word["end"]] == word["text"]
    assert 0 < finding.data["score"] <= 1


def test_severity_follows_the_score_band(rule):
    strict = Linter(rules=[rule], config=Config(options={"harsh_threshold": 0.05}))
    findings = hr100(strict.lint("Ты тупой? " + RUDE))
    assert {f.severity for f in findings} <= {"warning", "error"}
    for f in findings:
        assert (f.severity == "error") == (f.data["score"] >= rule.spec["error_above"])
    assert any(f.severity == "error" for f in findings)


def test_threshold_comes_from_the_config(rule, alone):
    score = hr100(alone.lint(RUDE))[0].data["score"]
    above = Linter(rules=[rule], config=Config(options={"harsh_threshold": min(0.999, score + 0.001)}))
    assert not hr100(above.lint(RUDE))
    below = Linter(rules=[rule], config=Config(options={"harsh_threshold": score - 0.001}))
    assert hr100(below.lint(RUDE))


@pytest.mark.parametrize("bad", [0, 1, 1.5, "0.5", True])
def test_a_bad_threshold_is_a_config_error(rule, bad):
    with pytest.raises(ConfigError, match="harsh_threshold"):
        Linter(rules=[rule], config=Config(options={"harsh_threshold": bad}))


@pytest.mark.parametrize("config", [
    Config(ignore=("HR100",)), Config(ignore=("rude-sentence",)), Config(select=("FM",)),
    Config(ignore=("harsh",)),
])
def test_the_rule_can_be_switched_off(config):
    assert not hr100(Linter(config).lint(RUDE))


def test_the_rule_runs_with_the_builtin_rules(linter):
    assert hr100(linter.lint(RUDE))
    assert hr100(Linter(Config(select=("HR100",))).lint(RUDE))


def test_single_words_are_left_to_the_word_lists(alone):
    assert not hr100(alone.lint("Идиот!"))


@pytest.mark.parametrize("text", [
    "К сожалению, мы не можем отменить заказ после передачи в доставку.",
    "Вы правы, это наша ошибка, и мы вернём деньги в течение трёх дней.",
    "Мне очень жаль, что оператор ответил вам резко. Мы разберёмся.",
    "Чтобы сменить тариф, откройте «Настройки» → «Подписка».",
    "Здравствуйте, {{ name }}! Ваш заказ №{order} передан курьеру.",
])
def test_support_replies_are_not_flagged(alone, text):
    assert not hr100(alone.lint(text))


def test_unsafe_fix_deletes_the_words_that_made_it_rude(alone):
    assert alone.fix(RUDE) == RUDE  # the fix is unsafe: --fix alone leaves the text
    fixed = alone.fix(RUDE, unsafe=True)
    assert "Идиот" not in fixed and "договоре" in fixed
    assert fixed[0].isupper()
    assert not hr100(alone.lint(fixed))


def test_fix_edits_only_the_words_it_deletes(alone):
    (finding,) = hr100(alone.lint(RUDE_REPLY))
    (edit,) = finding.suggestions
    assert not edit.safe
    assert finding.start <= edit.start < edit.end <= finding.end
    assert edit.end - edit.start < len(finding.text)


def test_fix_leaves_no_dangling_commas(alone):
    fixed = alone.fix("Все должны знать, что ты, придурок, ничего не понял.", unsafe=True)
    assert ", ," not in fixed and ",," not in fixed and " ," not in fixed


def test_text_report_shows_the_rewritten_sentence(alone):
    console = Console(record=True, width=200, color_system=None)
    text_report(console, "draft", alone.lint(RUDE))
    out = console.export_text()
    assert "HR100" in out and "→ «" in out
    assert "(проверьте: меняет смысл)" in out


def _spec(rule, **changes):
    data = {
        "code": rule.code, "name": rule.name, "category": rule.category, "severity": rule.severity,
        "kind": rule.kind, "message": rule.message, "why": rule.why, "fix_safety": rule.fix_safety,
        "examples": {"fire": [e.text for e in rule.fire], "pass": [e.text for e in rule.passes]},
        **rule.spec, **changes,
    }
    keys = {name: frozenset(module.KEYS) for name, module in KINDS.items()}
    return parse_rule(data, {}, "rude-sentence.yaml", keys)


@pytest.mark.parametrize("changes, field", [
    ({"threshold": 1.2}, "threshold"),
    ({"max_cut": 0}, "max_cut"),
    ({"model": "../etc/passwd"}, "model"),
    ({"model": "missing"}, "model"),
])
def test_bad_rule_fields_fail_at_load(rule, changes, field):
    bad = _spec(rule, **changes)
    with pytest.raises(RuleError) as info:
        Linter(rules=[bad])
    assert field in str(info.value)


def test_fix_takes_the_little_words_that_would_hang(alone):
    assert alone.fix("Заткнись и жди курьера.", unsafe=True) == "Жди курьера."
    assert alone.fix("Руки из жопы, вот и не работает.", unsafe=True) == "Руки, вот и не работает."


def test_fix_takes_the_pronoun_of_a_clause_that_only_called_names(alone):
    assert alone.fix("Ты дебил, заказ уже в пути.", unsafe=True) == "Заказ уже в пути."


def test_conjunctions_and_particles_are_never_named_as_causes(alone):
    for finding in hr100(alone.lint("Заткнись и жди курьера. Ну ты и придурок, всё же написано.")):
        for word in finding.data["words"]:
            assert word["text"].lower() not in {"и", "ну", "же", "а"}


def _narrowed_by_loops(text, start, stop, replacement):
    """The plain character-loop version of ``_narrowed``: the C-level search must agree with it."""
    old = text[start:stop]
    limit = min(len(old), len(replacement))
    head = 0
    while head < limit and old[head] == replacement[head]:
        head += 1
    tail = 0
    while tail < limit - head and old[-1 - tail] == replacement[-1 - tail]:
        tail += 1
    while head > 0 and old[head - 1].isalnum():
        head -= 1
    while tail > 0 and old[len(old) - tail].isalnum():
        tail -= 1
    return replacement[head:len(replacement) - tail], start + head, stop - tail


@given(st.text(alphabet="аб в,!", max_size=12), st.text(alphabet="аб в,!", max_size=12),
       st.text(alphabet="аб в,!", max_size=12))
def test_narrowed_trims_like_the_character_loops(head, middle, tail):
    from tonecheck.checks.toxicity import _narrowed

    text = head + middle + tail
    for replacement in (head + tail, head + "x" + tail, middle, ""):
        s = _narrowed(text, 0, len(text), replacement, False)
        assert (s.replacement, s.start, s.end) == _narrowed_by_loops(text, 0, len(text), replacement)


def test_cut_takes_the_strongest_words_first(alone):
    # ``_cut`` reads the drivers list once; the fix must still remove the insult and keep the request.
    [finding] = hr100(alone.lint("Заткнись, идиот, и жди своего курьера."))
    assert finding.suggestions
    fixed = alone.fix("Заткнись, идиот, и жди своего курьера.", unsafe=True)
    assert "идиот" not in fixed and "курьер" in fixed


def test_a_text_linted_again_gives_the_same_findings(rule):
    # The model's per-token memo must not leak between texts: texts that differ only inside a placeholder
    # share a view, a markup format changes it; each must read as from a fresh linter.
    texts = [(RUDE_REPLY, "text"), (RUDE_REPLY, "text"), ("Идиот, {{ name }}, всё написано в договоре.", "text"),
             ("Идиот, {{ who }}, всё написано в договоре.", "text"), ("<b>Идиот</b>, всё написано в договоре.", "html"),
             ("<b>Идиот</b>, всё написано в договоре.", "text"), ("Здравствуйте! Заказ в пути.", "text")]
    warm = Linter(rules=[rule])

    def seen(report):
        return [(f.start, f.end, f.message, f.data) for f in hr100(report)]

    for text, markup in texts + texts:
        assert seen(warm.lint(text, markup=markup)) == seen(Linter(rules=[rule]).lint(text, markup=markup))
    assert any(seen(warm.lint(text, markup=markup)) for text, markup in texts)


def test_unknown_words_alone_do_not_make_a_sentence_rude(rule):
    # Tech jargon the dictionary does not know scored as rude at full weight; at half it does not,
    # while a rude sentence of known words is still flagged.
    linter = Linter(rules=[rule])
    check = next(c for c in linter.checks if c.rule.code == "HR100")
    assert check.unknown_weight == 0.5
    jargon = "Попробуйте перепрошить биос, иногда помогает от бутлупа."
    full = dataclasses.replace(check, unknown_weight=1.0)
    doc, ctx = linter.doc(jargon), linter.context()
    assert list(full.run(doc, ctx)) and not list(check.run(doc, ctx))
    assert hr100(linter.lint("Вы совсем тупые или притворяетесь?"))


def test_unknown_weight_is_checked_on_load(rule):
    bad = _spec(rule, unknown_weight=1.5)
    with pytest.raises(RuleError) as info:
        Linter(rules=[bad])
    assert "unknown_weight" in str(info.value)
