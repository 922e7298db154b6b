"""Every rule proves itself: its bad examples fire it, its good ones do not, its fixes rewrite."""

from __future__ import annotations

import json

import pytest
from rich.console import Console

from tonecheck import Config, Linter, sarif
from tonecheck.engine import load_rules
from tonecheck.render import text_report
from tonecheck.rule import builtin_dir

RULES = load_rules([builtin_dir()])
CONTEXT_KEYS = {"customer_name", "customer_message", "channel", "followup", "first_contact"}


def _ctx(example_ctx: dict) -> dict:
    unknown = set(example_ctx) - CONTEXT_KEYS
    assert not unknown, f"unknown example context keys {unknown}"
    return dict(example_ctx)


def _options(rule, request) -> dict:
    """Settings a kind cannot run without: the grammar kind needs a LanguageTool server (a local fake)."""
    if rule.kind == "grammar":
        return {"grammar": request.getfixturevalue("languagetool").url}
    return {}


@pytest.fixture(scope="module")
def single(request):
    cache: dict[str, Linter] = {}

    def get(rule):
        if rule.code not in cache:
            # Named in ``select``: rules that are off by default (``enabled: false``) run too.
            cache[rule.code] = Linter(Config(select=(rule.code,), options=_options(rule, request)), rules=[rule])
        return cache[rule.code]

    return get


def test_every_rule_has_examples():
    assert RULES, "no built-in rules found"
    for rule in RULES:
        assert rule.fire and rule.passes, rule.code


@pytest.mark.parametrize("rule", RULES, ids=lambda r: f"{r.code}-{r.name}")
def test_fire_examples(rule, single):
    for ex in rule.fire:
        report = single(rule).lint(ex.text, **_ctx(ex.context))
        assert rule.code in [f.code for f in report.findings], f"{rule.code} did not fire on {ex.text!r}"
        _renders(report, rule)


def _renders(report, rule) -> None:
    """Every output format shows the finding (each kind keeps its own things in ``data``)."""
    console = Console(record=True, width=120, no_color=True)
    text_report(console, "<текст>", report)
    assert rule.code in console.export_text()
    assert rule.code in json.dumps(report.to_dict(), ensure_ascii=False)
    assert rule.code in sarif.dumps([("draft.txt", report)], [rule])


@pytest.mark.parametrize("rule", RULES, ids=lambda r: f"{r.code}-{r.name}")
def test_pass_examples(rule, single):
    for ex in rule.passes:
        report = single(rule).lint(ex.text, **_ctx(ex.context))
        hits = [f.text for f in report.findings if f.code == rule.code]
        assert not hits, f"{rule.code} fired on {ex.text!r} at {hits}"


@pytest.mark.parametrize("rule", [r for r in RULES if r.fixes], ids=lambda r: f"{r.code}-{r.name}")
def test_fixes(rule, single):
    for before, after, ctx in rule.fixes:
        assert single(rule).fix(before, unsafe=True, **_ctx(ctx)) == after


@pytest.mark.parametrize("rule", [r for r in RULES if r.fix_safety != "none"], ids=lambda r: r.code)
def test_fixable_rules_show_a_fix(rule):
    assert rule.fixes, f"{rule.code} promises a fix ({rule.fix_safety}) but has no fixes: examples"
