"""The library contract: lint(), fix(), Linter, Report and Finding as documented in the README."""

from __future__ import annotations

import gc
import json
from concurrent.futures import ThreadPoolExecutor

import pytest

import tonecheck
from tonecheck import CATEGORIES, Config, Linter


def test_report_contract(linter):
    text = "Привет! Напиши номер заказа."
    report = linter.lint(text, customer_name="Анна", channel="email")
    assert 0 <= report.score <= 100
    assert set(report.category_scores) == set(CATEGORIES)
    assert report.relevance is None
    assert [f.start for f in report.findings] == sorted(f.start for f in report.findings)
    for f in report.findings:
        assert text[f.start:f.end] == f.text
        assert f.category in CATEGORIES and f.severity in ("error", "warning", "info")
        assert f.line == 1 and f.column == f.start + 1
        assert f.message
    data = json.loads(json.dumps(report.to_dict(), ensure_ascii=False))
    assert data["schema_version"] == 1
    assert data["context"]["customer_name"] == "Анна" and data["context"]["channel"] == "email"


def test_module_level_functions_share_one_linter():
    assert tonecheck.lint("Здравствуйте!").score == tonecheck.lint("Здравствуйте!").score
    assert tonecheck.fix("Напиши мне.") == "Напишите мне."


def test_unsafe_fixes_only_on_request(linter):
    text = "Ждите."
    assert linter.fix(text) == text
    assert linter.fix(text, unsafe=True) == "Пожалуйста, подождите."


def test_unknown_channel_is_an_error(linter):
    with pytest.raises(ValueError):
        linter.lint("Здравствуйте!", channel="fax")


def test_select_and_ignore_by_code_prefix_name_and_category():
    only_familiar = Linter(Config(select=("familiar",)))
    report = only_familiar.lint("Привет!!! Напиши мне.")
    assert {f.category for f in report.findings} == {"familiar"}
    no_fm002 = Linter(Config(ignore=("informal-verb", "SH")))
    codes = {f.code for f in no_fm002.lint("Привет!!! Напиши мне.").findings}
    assert "FM002" not in codes and not any(c.startswith("SH") for c in codes)


def test_rules_off_by_default_run_only_when_named():
    email = "Здравствуйте, Анна!\n\nЗаказ передан курьеру.\n\nС уважением,\nМария"
    codes = lambda cfg: {f.code for f in Linter(cfg).lint(email, customer_name="Анна", channel="email").findings}  # noqa: E731
    assert not {"ST003", "ST004"} & codes(Config())
    assert not {"ST003", "ST004"} & codes(Config(select=("structure",)))  # a category does not turn them on
    assert {"ST003", "ST004"} <= codes(Config(extend_select=("ST003", "missing-help-offer")))
    assert codes(Config(select=("ST003",))) == {"ST003"}
    assert "ST003" not in codes(Config(extend_select=("ST003",), ignore=("ST003",)))


def test_severity_override_changes_weight():
    strict = Linter(Config(severity={"FM003": "error"}))
    finding = next(f for f in strict.lint("Привет!").findings if f.code == "FM003")
    assert finding.severity == "error" and finding.weight == 25.0


def test_allowed_terms_silence_findings():
    relaxed = Linter(Config(allowed_terms=("привет",)))
    assert "FM003" not in {f.code for f in relaxed.lint("Привет!").findings}


def test_thread_safe_results_equal_sequential(linter):
    texts = [f"Привет! Напиши номер заказа {i}, ждите!!!" for i in range(40)]
    expected = [[(f.code, f.start) for f in linter.lint(t).findings] for t in texts]
    with ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(lambda t: [(f.code, f.start) for f in linter.lint(t).findings], texts))
    assert got == expected


def test_linting_while_another_thread_loads_rules(linter):
    """A helpdesk may build a Linter for a new config in one worker while others lint."""
    texts = [f"Щас чекну, бабки вернут. Заказ {i} у курьера, ждите!!!" for i in range(60)]
    expected = [[(f.code, f.start) for f in linter.lint(t).findings] for t in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        loading = [pool.submit(Linter, Config(select=("slang", "harsh"))) for _ in range(2)]
        got = list(pool.map(lambda t: [(f.code, f.start) for f in linter.lint(t).findings], texts))
        assert all(future.result().checks for future in loading)
    assert got == expected


def test_non_string_input_is_a_type_error(linter):
    with pytest.raises(TypeError):
        linter.lint(b"bytes")  # type: ignore[arg-type]


def test_empty_text_is_clean(linter):
    report = linter.lint("")
    assert report.findings == [] or all(f.category in ("greeting", "structure") for f in report.findings)



def test_a_fallback_guess_yields_to_a_lexicon_finding(builtin_rules):
    from tonecheck import Linter

    slang = Linter(rules=[r for r in builtin_rules if r.category == "slang"])
    # «чекну» is in a lexicon (SL003) and also an unknown word the respelling rule could guess at.
    assert [(f.code, f.text) for f in slang.lint("Щас чекну.").findings] == [("SL001", "Щас"), ("SL003", "чекну")]


def test_linter_leaves_the_garbage_collector_as_it_found_it(builtin_rules):
    assert gc.isenabled()
    Linter(rules=builtin_rules)
    assert gc.isenabled()
    gc.disable()
    try:
        Linter(rules=builtin_rules)
        assert not gc.isenabled()
    finally:
        gc.enable()
